package core

import (
	"net/url"
	"strings"

	"parley/backend/llm"
	"parley/backend/providers"
	"parley/backend/store"
)

// KeyNeed says whether a profile's server wants a key.
type KeyNeed string

// The answers of [NeedsKey].
const (
	// KeyRequired: the service always wants a key; nothing is sent without one.
	KeyRequired KeyNeed = "required"
	// KeyOptional: a relay or a server on this computer may or may not want
	// one; requests go without, and a 401 says so.
	KeyOptional KeyNeed = "optional"
	// KeyNone: the server takes no key (Ollama on this computer). The
	// keychain is never asked for it, so such a profile works on a machine
	// without a keychain.
	KeyNone KeyNeed = "none"
)

// KeyNeeds lists every [KeyNeed]; main.go binds it with Wails' EnumBind.
var KeyNeeds = []KeyNeed{KeyRequired, KeyOptional, KeyNone}

// TSName is the member name in the generated TypeScript enum.
func (n KeyNeed) TSName() string { return strings.ToUpper(string(n)) }

// NeedsKey is the one rule deciding whether a profile needs a key. Ollama
// on this computer never does, and one elsewhere (behind a proxy, Ollama's
// cloud) may; a server on this computer (loopback) or a custom endpoint
// (a Custom profile, of any kind) may; a preset for a hosted service does
// when its preset says so.
func NeedsKey(p store.Profile) KeyNeed {
	preset, known := providers.PresetByID(p.Preset)
	custom := known && strings.HasPrefix(preset.ID, "custom")
	if !custom && (p.Kind == providers.KindOllama || known && !preset.NeedsKey) {
		if isLoopback(p.BaseURL) {
			return KeyNone
		}
		return KeyOptional
	}
	if isLoopback(p.BaseURL) || !known || custom {
		return KeyOptional
	}
	return KeyRequired
}

func isLoopback(baseURL string) bool {
	u, err := url.Parse(strings.TrimSpace(baseURL))
	return err == nil && providers.IsLoopback(u.Hostname())
}

// SameOrigin reports whether two base URLs share their origin: scheme, host
// and port (scheme and host compared without case, a default port equal to
// none). A key stays only with the origin it was entered for, so moving
// https to http, or to another port, forgets it.
func SameOrigin(a, b string) bool {
	ua, okA := parseHost(a)
	ub, okB := parseHost(b)
	return okA && okB && llm.SameOrigin(ua, ub)
}

// parseHost parses a URL that names a host.
func parseHost(raw string) (*url.URL, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	return u, err == nil && u.Host != ""
}

// ProfileView is a profile as the window shows it: the stored fields and
// what policy says about it, so the UI never decides that itself.
type ProfileView struct {
	store.Profile
	// KeyNeed is [NeedsKey] of the profile.
	KeyNeed KeyNeed `json:"keyNeed"`
	// Reasoning is [ReasoningControls] of the profile's kind.
	Reasoning []string `json:"reasoning"`
}

func viewOf(p store.Profile) ProfileView {
	return ProfileView{Profile: p, KeyNeed: NeedsKey(p), Reasoning: ReasoningControls(p.Kind)}
}

// ReasoningControls names the reasoning parameters a kind of provider
// takes: "effort" (OpenAI reasoning_effort; DashScope enable_thinking on or
// off) and "budget" (Anthropic thinking.budget_tokens, Gemini
// thinkingConfig.thinkingBudget, DashScope thinking_budget).
func ReasoningControls(kind string) []string {
	switch kind {
	case providers.KindOpenAI:
		return []string{"effort"}
	case providers.KindAnthropic, providers.KindGemini:
		return []string{"budget"}
	case providers.KindDashScope:
		return []string{"effort", "budget"}
	}
	return []string{}
}
