package providers

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"

	"parley/backend/problem"
)

// Severities of an [Advice]: SeverityError for a setting that will not work
// as it is, SeverityWarning for one that works but is risky or unusual.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// Advice is one thing Parley noticed about a profile's base URL or key
// before anything is sent: how bad it is, what is wrong in plain words, and
// the corrected base URL when there is one.
type Advice struct {
	Severity  string `json:"severity"`
	Message   string `json:"message"`
	Suggested string `json:"suggested,omitempty"`
}

// AdviseBaseURL lists the mistakes it recognises in baseURL for a profile of
// kind, such as a missing /v1, a pasted full endpoint, a console web page
// instead of the API, or a key sent over plain http, so the profile dialog
// can offer a fix before anything is sent. A correct preset URL gets none.
//
// Each Suggested carries the fixes of the advice before it, so the last one
// is the base URL with every fix applied. A trailing slash gets no advice:
// every adapter ignores it, and suggestions are given without one.
func AdviseBaseURL(kind, baseURL string) []Advice {
	u, unusable := parseBase(baseURL)
	if u == nil {
		return []Advice{unusable}
	}
	a, start := &advisor{kind: kind, u: u}, u.String()
	a.run()
	if unusable.Message == "" {
		return a.out
	}
	unusable.Suggested = start // the scheme was missing: one error with every fix
	for _, x := range a.out {
		unusable.Message, unusable.Suggested = unusable.Message+" "+x.Message, x.Suggested
	}
	return []Advice{unusable}
}

// advisor checks one base URL, correcting its copy as advice accumulates.
type advisor struct {
	kind string
	u    *url.URL
	out  []Advice
}

// run checks the URL in the order its advice is shown.
func (a *advisor) run() {
	if a.webPage() {
		return
	}
	q := a.u.Query()
	hadQuery := a.u.RawQuery != "" || a.u.Fragment != "" || a.u.ForceQuery
	hadKey := q.Has("key") || q.Has("api_key") || q.Has("apikey") || q.Has("token")
	a.u.RawQuery, a.u.ForceQuery, a.u.Fragment, a.u.RawFragment = "", false, "", ""
	pasted := a.endpoint()
	switch {
	case hadKey:
		a.add(SeverityError, "The address carries a key (?key=…). Keys belong in the key dialog: Parley keeps them in the system keychain and sends them in a header, never in the URL.")
	case hadQuery && !pasted:
		a.add(SeverityError, "The address ends in a query (?…) or fragment (#…). Parley appends the API path to the base URL, so it would land after it and every request would fail.")
	}
	if doubleV1.MatchString(a.u.Path) {
		a.fixPath(doubleV1.ReplaceAllString(a.u.Path, "/v1$2"), "The address has /v1 twice (…/v1/v1); it belongs there once.")
	}
	if a.kind == KindOpenAI {
		a.openAI()
	}
	for i, ws := 0, wrongSuffixes[a.kind]; i < len(ws); i++ {
		if w := ws[i]; strings.HasSuffix(a.u.Path, w.suffix) {
			a.fixPath(strings.TrimSuffix(a.u.Path, w.suffix), strings.ReplaceAll(w.msg, "{preset}", presetName(w.preset)))
			i = -1 // start again: the shorter path may end in another
		}
	}
	a.scheme()
}

// add records advice whose suggestion is the URL as corrected so far.
func (a *advisor) add(severity, msg string) {
	a.out = append(a.out, Advice{Severity: severity, Message: msg, Suggested: a.u.String()})
}

// fixPath replaces the path and records advice: a warning when the adapter
// would call the same endpoint anyway, an error when the request would fail.
func (a *advisor) fixPath(path, msg string) {
	before := Endpoint(a.kind, a.u.String(), "MODEL")
	a.u.Path = strings.TrimRight(path, "/")
	severity := SeverityError
	if Endpoint(a.kind, a.u.String(), "MODEL") == before {
		severity = SeverityWarning
	}
	a.add(severity, msg)
}

// endpoint strips a pasted full endpoint, the address of one API call, back
// to the base and reports whether it found one.
func (a *advisor) endpoint() bool {
	p, lp := a.u.Path, strings.ToLower(a.u.Path)
	cut := -1
	if i := strings.Index(lp, "/models/"); i >= 0 && (a.kind == KindGemini || strings.Contains(lp[i:], ":")) {
		cut = i
	}
	for _, t := range []string{"/chat/completions", "/completions", "/messages", "/api/chat", "/api/generate",
		"/api/tags", "/services/aigc/text-generation/generation", "/models"} {
		if cut < 0 && strings.HasSuffix(lp, t) {
			cut = len(p) - len(t)
		}
	}
	if cut < 0 {
		return false
	}
	base := p[:cut]
	for _, v := range addedPrefixes[a.kind] {
		base = strings.TrimSuffix(base, v)
	}
	a.fixPath(base, fmt.Sprintf("This is the address of one API call (…%s), not the base URL; Parley adds that part itself.", p[len(base):]))
	return true
}

// addedPrefixes are the version paths the adapter for a kind adds itself.
var addedPrefixes = map[string][]string{KindAnthropic: {"/v1"}, KindGemini: {"/v1beta", "/v1"}, KindDashScope: {"/api/v1"}}

// doubleV1 matches /v1 typed twice or more in a row.
var doubleV1 = regexp.MustCompile(`(/v1){2,}(/|$)`)

// wrongSuffixes are, per kind, endings that belong to another API or that
// the adapter adds itself; {preset} in a message is the named preset.
var wrongSuffixes = map[string][]struct{ suffix, preset, msg string }{
	KindAnthropic: {{"/v1", "", "Parley adds /v1 itself, so the base URL is normally given without it. This works as it is."}},
	KindOllama: {{"/api", "", "Parley adds /api itself (…/api/chat), so with /api in the base URL every request would fail."},
		{"/v1", "ollama-openai", "…/v1 is Ollama's OpenAI-compatible API, but this profile uses Ollama's native API at the server's root. To use /v1, choose the “{preset}” preset instead."}},
	KindGemini:    {{"/v1beta/openai", "", "…/v1beta/openai is Gemini's OpenAI-compatible address, for an OpenAI-compatible profile. A Gemini profile needs the host alone."}},
	KindDashScope: {{"/compatible-mode/v1", "dashscope-compatible", "…/compatible-mode/v1 is DashScope's OpenAI-compatible address; this profile uses the native API, whose base URL is the host alone. For compatible mode, choose the “{preset}” preset."}},
}

// apiHost is where a well-known service serves its OpenAI-compatible API.
type apiHost struct{ name, path, note string }

var openAIHosts = map[string]apiHost{
	"api.openai.com":                    {name: "OpenAI", path: "/v1"},
	"api.deepseek.com":                  {name: "DeepSeek", path: "/v1"},
	"api.chatanywhere.tech":             {name: "ChatAnywhere", path: "/v1"},
	"api.chatanywhere.org":              {name: "ChatAnywhere", path: "/v1"},
	"api.groq.com":                      {name: "Groq", path: "/openai/v1"},
	"openrouter.ai":                     {name: "OpenRouter", path: "/api/v1"},
	"api.moonshot.cn":                   {name: "Moonshot", path: "/v1"},
	"api.moonshot.ai":                   {name: "Moonshot", path: "/v1"},
	"api.siliconflow.cn":                {name: "SiliconFlow", path: "/v1"},
	"open.bigmodel.cn":                  {name: "Zhipu GLM", path: "/api/paas/v4"},
	"generativelanguage.googleapis.com": {name: "Gemini", path: "/v1beta/openai", note: " For Gemini's own API, choose the Google Gemini preset."},
	"dashscope.aliyuncs.com":            {name: "DashScope", path: "/compatible-mode/v1", note: " For DashScope's native API, choose a Qwen (DashScope) preset."},
	"dashscope-intl.aliyuncs.com":       {name: "DashScope", path: "/compatible-mode/v1", note: " For DashScope's native API, choose a Qwen (DashScope) preset."},
}

func (a *advisor) openAI() {
	h, p := strings.ToLower(a.u.Hostname()), a.u.Path
	want, known := openAIHosts[h]
	if !known && localOllama(a.u) {
		want, known = apiHost{name: "Ollama", path: "/v1", note: " For Ollama's native API, choose the “" + presetName("ollama") + "” preset."}, true
	}
	before := Endpoint(a.kind, a.u.String(), "")
	switch {
	case known && p == want.path:
	case h == "api.deepseek.com" && p == "": // DeepSeek answers without /v1 too
		a.u.Path = want.path
		a.add(SeverityWarning, fmt.Sprintf("%s answers with or without %s, so this works; %s is the documented form.", want.name, want.path, a.u.String()))
	case known:
		a.u.Path = want.path
		a.add(SeverityError, fmt.Sprintf("%s serves this API under %s, so requests to %s would fail.%s", want.name, want.path, before, want.note))
	case p == "":
		a.u.Path = "/v1"
		a.add(SeverityWarning, fmt.Sprintf("Most OpenAI-compatible services serve their API under /v1, but this address has no path, so requests would go to %s. Keep it only if the service documents a base URL without /v1.", before))
	}
}

// scheme checks http against https: local Ollama speaks only http, and a
// key sent over http to another network travels in clear text.
func (a *advisor) scheme() {
	h := strings.ToLower(a.u.Hostname())
	if a.u.Scheme == "https" && localOllama(a.u) {
		a.u.Scheme = "http"
		a.add(SeverityError, "Ollama on this computer speaks plain http, not https, so the connection would fail.")
	}
	if a.u.Scheme == "http" && !isLocalHost(h) {
		a.u.Scheme = "https"
		a.add(SeverityWarning, fmt.Sprintf("This address uses http://, so your key and every message would cross the network to %s unencrypted. Use https:// unless the server is on your own network.", h))
	}
}

// isScheme reports whether a host name is really a scheme typed twice.
func isScheme(h string) bool { h = strings.ToLower(h); return h == "http" || h == "https" }

// localOllama reports whether u points at Ollama's port on this computer.
func localOllama(u *url.URL) bool {
	h, ip := strings.ToLower(u.Hostname()), net.ParseIP(u.Hostname())
	return u.Port() == "11434" && (h == "localhost" || ip != nil && ip.IsLoopback())
}

// isLocalHost reports whether host is this computer or on a private network:
// private and link-local addresses, single-label names, .local, .lan,
// .internal, .home.arpa and .localhost.
func isLocalHost(host string) bool {
	host = strings.TrimSuffix(host, ".")
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified()
	}
	local := !strings.Contains(host, ".")
	for _, s := range []string{".local", ".lan", ".internal", ".home.arpa", ".localhost"} {
		local = local || strings.HasSuffix(host, s)
	}
	return local
}

// parseBase returns baseURL parsed and without a trailing slash, or the
// advice saying why it cannot be used and, when it only lacks its scheme
// or has two, the URL to check instead.
func parseBase(raw string) (*url.URL, Advice) {
	// CheckBaseURL refuses any query; the advisor explains and drops it.
	bare, _, _ := strings.Cut(raw, "#")
	bare, _, _ = strings.Cut(bare, "?")
	s, err := CheckBaseURL(bare)
	if err != nil {
		bad := Advice{Severity: SeverityError, Message: err.Error()}
		var p *problem.Problem
		if errors.As(err, &p) {
			bad.Message = p.Detail
		}
		if _, query, ok := strings.Cut(strings.TrimSpace(raw), "?"); ok && query != "" {
			bad.Message = strings.ReplaceAll(bad.Message, query, "…") // it may hold a key
		}
		raw = strings.TrimSpace(raw)
		v, err := url.Parse("https://" + raw)
		if err != nil || strings.Contains(raw, "://") || !strings.ContainsAny(v.Host, ".:") || isScheme(v.Hostname()) {
			return nil, bad // not a host name that only lacks its scheme
		}
		if isLocalHost(strings.ToLower(v.Hostname())) {
			v.Scheme = "http"
		}
		u, _ := parseBase(v.String())
		return u, bad
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		u, _ = url.Parse(s) // CheckBaseURL parsed it already
	}
	if isScheme(u.Hostname()) {
		v, _ := parseBase(s[len(u.Scheme)+len("://"):])
		return v, Advice{Severity: SeverityError, Message: "The address starts with http:// or https:// twice."}
	}
	u.Path, u.RawPath = strings.TrimRight(u.Path, "/"), ""
	return u, Advice{}
}

// webPages maps the hosts of consoles and chat sites to the presets whose
// API the user most likely meant.
var webPages = map[string][]string{
	"chat.openai.com": {"openai"}, "chatgpt.com": {"openai"}, "platform.openai.com": {"openai"}, "openai.com": {"openai"},
	"console.anthropic.com": {"anthropic"}, "claude.ai": {"anthropic"}, "anthropic.com": {"anthropic"},
	"aistudio.google.com": {"gemini"}, "gemini.google.com": {"gemini"}, "ai.google.dev": {"gemini"},
	"dashscope.console.aliyun.com": {"dashscope", "dashscope-compatible"}, "bailian.console.aliyun.com": {"dashscope", "dashscope-compatible"},
	"modelstudio.console.alibabacloud.com": {"dashscope-intl"}, "chatanywhere.tech": {"chatanywhere"}, "github.com/chatanywhere": {"chatanywhere"},
	"chat.deepseek.com": {"deepseek"}, "platform.deepseek.com": {"deepseek"}, "deepseek.com": {"deepseek"},
	"console.groq.com": {"groq"}, "groq.com": {"groq"}, "platform.moonshot.cn": {"moonshot"}, "kimi.moonshot.cn": {"moonshot"},
	"cloud.siliconflow.cn": {"siliconflow"}, "siliconflow.cn": {"siliconflow"}, "bigmodel.cn": {"zhipu"},
}

// webPage recognises a web page for people pasted instead of the API.
func (a *advisor) webPage() bool {
	h := strings.TrimPrefix(strings.ToLower(a.u.Hostname()), "www.")
	if h == "github.com" && strings.HasPrefix(strings.ToLower(a.u.Path), "/chatanywhere") {
		h = "github.com/chatanywhere"
	}
	ids, ok := webPages[h]
	if !ok {
		return false
	}
	msg := h + " is a web page for people, not the API Parley talks to."
	p, _ := PresetByID(ids[0])
	for _, id := range ids {
		if q, _ := PresetByID(id); q.Kind == a.kind && p.Kind != a.kind {
			p = q
		}
	}
	msg += fmt.Sprintf(" For %s, the base URL is %s.", p.Name, p.BaseURL)
	if p.Kind != a.kind {
		msg += " It speaks another protocol than this profile, so choose the “" + p.Name + "” preset."
	}
	a.out = append(a.out, Advice{Severity: SeverityError, Message: msg, Suggested: p.BaseURL})
	return true
}
