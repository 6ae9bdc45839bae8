package providers

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"parley/backend/keychain"
)

// keyFamily is a key format only one provider issues.
type keyFamily struct {
	prefix, provider string
	// fits reports whether a profile of kind made from presetID can use
	// such a key; nil means only that provider's own preset.
	fits func(kind, presetID string) bool
}

var keyFamilies = []keyFamily{
	{"sk-ant-", "Anthropic", func(kind, _ string) bool { return kind == KindAnthropic }},
	{"AIza", "Google (Gemini)", func(kind, _ string) bool { return kind == KindGemini }},
	{"sk-or-", "OpenRouter", func(_, presetID string) bool { return presetID == "openrouter" }},
	{"sk-proj-", "OpenAI", nil},
}

// AdviseKey lists what looks wrong with key, already normalised, for a
// profile of kind made from the preset presetID: a key in another
// provider's format, a Gemini key that is not one, a key for local Ollama,
// which needs none, or a key too short to be whole. Messages show the key
// only as its [keychain.Hint], never in full.
//
// Another provider's key is an error in a built-in preset and a warning in
// a custom profile, whose server may accept it.
func AdviseKey(kind, presetID, key string) []Advice {
	if key == "" {
		return nil
	}
	var out []Advice
	hint, family, known := keychain.Hint(key), keyFamily{}, false
	for _, f := range keyFamilies {
		if strings.HasPrefix(key, f.prefix) {
			family, known = f, true
		}
	}
	like := fmt.Sprintf("This looks like %s %s key (%s)", article(family.provider), family.provider, hint)
	builtIn, ollama := isBuiltIn(presetID), kind == KindOllama || strings.HasPrefix(presetID, "ollama")
	severity := SeverityWarning
	if builtIn {
		severity = SeverityError
	}
	switch {
	case known && family.fits != nil && !family.fits(kind, presetID):
		out = append(out, Advice{Severity: severity, Message: fmt.Sprintf("%s, but this profile is for %s. %s keys work only with %s's own API; paste the key issued for this profile's service instead.",
			like, profileName(kind, presetID), family.provider, strings.TrimSuffix(family.provider, " (Gemini)"))})
	case kind == KindGemini && !strings.HasPrefix(key, "AIza"):
		msg := fmt.Sprintf("Gemini keys from Google AI Studio start with AIza; this one (%s) does not.", hint)
		if known {
			msg = like + ", but Gemini keys from Google AI Studio start with AIza."
		}
		out = append(out, Advice{Severity: severity, Message: msg})
	case presetID == "anthropic" && !strings.HasPrefix(key, "sk-ant-"):
		msg := fmt.Sprintf("Keys from Anthropic start with sk-ant-; this one (%s) does not, so api.anthropic.com will likely refuse it. A relay's key belongs in a “%s” profile with the relay's base URL.", hint, presetName("custom-anthropic"))
		if known {
			msg = like + "; keys from Anthropic start with sk-ant-, so api.anthropic.com will likely refuse it."
		}
		out = append(out, Advice{Severity: SeverityWarning, Message: msg})
	case known && family.fits == nil && builtIn && !ollama && presetID != "openai":
		out = append(out, Advice{Severity: SeverityWarning, Message: fmt.Sprintf("%s; %s issues its own keys.", like, presetName(presetID))})
	}
	if ollama {
		out = append(out, Advice{Severity: SeverityWarning, Message: "Ollama on this computer needs no key; this one would be sent along and ignored. Keep it only for a server that asks for one, such as ollama.com."})
	}
	if n := utf8.RuneCountInString(key); n < 20 {
		out = append(out, Advice{Severity: SeverityWarning, Message: fmt.Sprintf("This key (%s) is only %d characters long; API keys are usually much longer, so it was probably cut off while copying.", hint, n)})
	}
	return out
}

func article(word string) string {
	if word != "" && strings.ContainsRune("AEIOU", rune(word[0])) {
		return "an"
	}
	return "a"
}

// isBuiltIn reports whether presetID is a preset for one known service,
// not a custom profile that may point anywhere.
func isBuiltIn(presetID string) bool {
	p, ok := PresetByID(presetID)
	return ok && p.BaseURL != ""
}

// profileName names a profile in messages: its preset, else its kind.
func profileName(kind, presetID string) string {
	if isBuiltIn(presetID) {
		return presetName(presetID)
	}
	names := map[string]string{KindOpenAI: "an OpenAI-compatible service", KindAnthropic: "an Anthropic-compatible service",
		KindOllama: "Ollama", KindGemini: "Gemini", KindDashScope: "DashScope"}
	if n, ok := names[kind]; ok {
		return n
	}
	return "another service"
}

// presetName returns the display name of the preset with id.
func presetName(id string) string {
	p, _ := PresetByID(id)
	return p.Name
}
