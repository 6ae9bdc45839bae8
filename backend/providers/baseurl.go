package providers

import (
	"errors"
	"net"
	"net/url"
	"regexp"
	"strings"

	"parley/backend/problem"
)

// Severity is how bad an [Advice] is: SeverityError for a setting that will
// not work as it is, SeverityWarning for one that works but is risky or
// unusual.
type Severity string

// The severities of an [Advice].
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Severities lists every [Severity]; main.go binds it with Wails' EnumBind.
var Severities = []Severity{SeverityError, SeverityWarning}

// TSName is the severity's member name in the generated TypeScript enum.
func (s Severity) TSName() string { return strings.ToUpper(string(s)) }

// Advice is one thing Parley noticed about a profile's base URL or key
// before anything is sent: how bad it is, what is wrong in plain words, and
// the corrected base URL when there is one.
type Advice struct {
	Severity Severity `json:"severity"`
	// Message is the advice in English (the CLI's words); Phrases are the
	// same sentences by their words in [Words], for the window to say in
	// its language.
	Message   string           `json:"message"`
	Phrases   []problem.Phrase `json:"phrases,omitempty"`
	Suggested string           `json:"suggested,omitempty"`
}

// advise makes advice of phrases, with its English message.
func advise(severity Severity, suggested string, ps ...problem.Phrase) Advice {
	return Advice{Severity: severity, Message: Words.Say(ps...), Phrases: ps, Suggested: suggested}
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
		unusable.Phrases = append(unusable.Phrases, x.Phrases...)
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
		a.add(SeverityError, phrase("advice.key_in_url"))
	case hadQuery && !pasted:
		a.add(SeverityError, phrase("advice.query"))
	}
	if doubleV1.MatchString(a.u.Path) {
		a.fixPath(doubleV1.ReplaceAllString(a.u.Path, "/v1$2"), phrase("advice.double_v1"))
	}
	if a.kind == KindOpenAI {
		a.openAI()
	}
	for i, ws := 0, wrongSuffixes[a.kind]; i < len(ws); i++ {
		if w := ws[i]; strings.HasSuffix(a.u.Path, w.suffix) {
			a.fixPath(strings.TrimSuffix(a.u.Path, w.suffix), phrase(w.id, named("preset", w.preset)...))
			i = -1 // start again: the shorter path may end in another
		}
	}
	a.scheme()
}

// add records advice whose suggestion is the URL as corrected so far.
func (a *advisor) add(severity Severity, ps ...problem.Phrase) {
	a.out = append(a.out, advise(severity, a.u.String(), ps...))
}

// fixPath replaces the path and records advice: a warning when the adapter
// would call the same endpoint anyway, an error when the request would fail.
func (a *advisor) fixPath(path string, msg problem.Phrase) {
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
	a.fixPath(base, phrase("advice.endpoint", "path", p[len(base):]))
	return true
}

// addedPrefixes are the version paths the adapter for a kind adds itself.
var addedPrefixes = map[string][]string{KindAnthropic: {"/v1"}, KindGemini: {"/v1beta", "/v1"}, KindDashScope: {"/api/v1"}}

// doubleV1 matches /v1 typed twice or more in a row.
var doubleV1 = regexp.MustCompile(`(/v1){2,}(/|$)`)

// wrongSuffixes are, per kind, endings that belong to another API or that
// the adapter adds itself; {preset} in the advice is the named preset.
var wrongSuffixes = map[string][]struct {
	suffix, preset string
	id             problem.WordsID
}{
	KindAnthropic: {{"/v1", "", "advice.anthropic_v1"}},
	KindOllama:    {{"/api", "", "advice.ollama_api"}, {"/v1", "ollama-openai", "advice.ollama_v1"}},
	KindGemini:    {{"/v1beta/openai", "", "advice.gemini_openai"}},
	KindDashScope: {{"/compatible-mode/v1", "dashscope-compatible", "advice.dashscope_compatible"}},
}

// apiHost is where a well-known service serves its OpenAI-compatible API,
// and a note on the preset for its own API, if any.
type apiHost struct {
	name, path string
	note       problem.WordsID
}

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
	"generativelanguage.googleapis.com": {name: "Gemini", path: "/v1beta/openai", note: "advice.note_gemini"},
	"dashscope.aliyuncs.com":            {name: "DashScope", path: "/compatible-mode/v1", note: "advice.note_dashscope"},
	"dashscope-intl.aliyuncs.com":       {name: "DashScope", path: "/compatible-mode/v1", note: "advice.note_dashscope"},
}

func (a *advisor) openAI() {
	h, p := strings.ToLower(a.u.Hostname()), a.u.Path
	want, known := openAIHosts[h]
	if !known && localOllama(a.u) {
		want, known = apiHost{name: "Ollama", path: "/v1", note: "advice.note_ollama"}, true
	}
	before := Endpoint(a.kind, a.u.String(), "")
	switch {
	case known && p == want.path:
	case h == "api.deepseek.com" && p == "": // DeepSeek answers without /v1 too
		a.u.Path = want.path
		a.add(SeverityWarning, phrase("advice.path_optional", "name", want.name, "path", want.path, "url", a.u.String()))
	case known:
		a.u.Path = want.path
		ps := []problem.Phrase{phrase("advice.path_wrong", "name", want.name, "path", want.path, "endpoint", before)}
		if want.note != "" {
			ps = append(ps, phrase(want.note, named("preset", "ollama")...))
		}
		a.add(SeverityError, ps...)
	case p == "":
		a.u.Path = "/v1"
		a.add(SeverityWarning, phrase("advice.no_path", "endpoint", before))
	}
}

// scheme checks http against https: local Ollama speaks only http, and a
// key sent over http to another network travels in clear text.
func (a *advisor) scheme() {
	h := strings.ToLower(a.u.Hostname())
	if a.u.Scheme == "https" && localOllama(a.u) {
		a.u.Scheme = "http"
		a.add(SeverityError, phrase("advice.ollama_https"))
	}
	if a.u.Scheme == "http" && !isLocalHost(h) {
		a.u.Scheme = "https"
		a.add(SeverityWarning, phrase("advice.plain_http", "host", h))
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
			bad = advise(SeverityError, "", problem.Phrase{WordsID: p.WordsID, Facts: p.Facts, Part: problem.PartDetail})
		}
		if _, query, ok := strings.Cut(strings.TrimSpace(raw), "?"); ok && query != "" {
			bad = hide(bad, query, "…") // it may hold a key
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
		return v, advise(SeverityError, "", phrase("advice.double_scheme"))
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
	p, _ := PresetByID(ids[0])
	for _, id := range ids {
		if q, _ := PresetByID(id); q.Kind == a.kind && p.Kind != a.kind {
			p = q
		}
	}
	ps := []problem.Phrase{phrase("advice.web_page", "host", h), phrase("advice.web_page_base", append(named("name", p.ID), "url", p.BaseURL)...)}
	if p.Kind != a.kind {
		ps = append(ps, phrase("advice.web_page_kind", named("name", p.ID)...))
	}
	a.out = append(a.out, advise(SeverityError, p.BaseURL, ps...))
	return true
}

// hide replaces secret with mask in the advice's message and facts.
func hide(a Advice, secret, mask string) Advice {
	a.Message = strings.ReplaceAll(a.Message, secret, mask)
	ps := make([]problem.Phrase, len(a.Phrases))
	for i, p := range a.Phrases {
		facts := make(map[string]string, len(p.Facts))
		for k, v := range p.Facts {
			facts[k] = strings.ReplaceAll(v, secret, mask)
		}
		p.Facts, ps[i] = facts, p
	}
	a.Phrases = ps
	return a
}
