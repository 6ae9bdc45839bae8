package providers

import "parley/backend/problem"

// Words are the advice this package gives, in every language the window
// speaks, said by [problem.Phrase]s: each entry's Title is one sentence,
// its placeholders the facts of the case. The Chinese is in wording_zh.go.
var Words = problem.Catalogues{English: english, Chinese: chinese}

// phrase is one sentence of advice with its facts.
func phrase(id problem.WordsID, facts ...string) problem.Phrase {
	p := problem.Phrase{WordsID: id}
	if len(facts) > 0 {
		p.Facts = make(map[string]string, len(facts)/2)
		for i := 0; i+1 < len(facts); i += 2 {
			p.Facts[facts[i]] = facts[i+1]
		}
	}
	return p
}

func words(title string) problem.Words { return problem.Words{Title: title} }

var english = map[problem.WordsID]problem.Words{
	// Base URLs.
	"advice.key_in_url":           words("The address carries a key (?key=…). Keys belong in the key dialog: Parley keeps them in the system keychain and sends them in a header, never in the URL."),
	"advice.query":                words("The address ends in a query (?…) or fragment (#…). Parley appends the API path to the base URL, so it would land after it and every request would fail."),
	"advice.double_v1":            words("The address has /v1 twice (…/v1/v1); it belongs there once."),
	"advice.double_scheme":        words("The address starts with http:// or https:// twice."),
	"advice.endpoint":             words("This is the address of one API call (…{path}), not the base URL; Parley adds that part itself."),
	"advice.anthropic_v1":         words("Parley adds /v1 itself, so the base URL is normally given without it. This works as it is."),
	"advice.ollama_api":           words("Parley adds /api itself (…/api/chat), so with /api in the base URL every request would fail."),
	"advice.ollama_v1":            words("…/v1 is Ollama's OpenAI-compatible API, but this profile uses Ollama's native API at the server's root. To use /v1, choose the “{preset}” preset instead."),
	"advice.gemini_openai":        words("…/v1beta/openai is Gemini's OpenAI-compatible address, for an OpenAI-compatible profile. A Gemini profile needs the host alone."),
	"advice.dashscope_compatible": words("…/compatible-mode/v1 is DashScope's OpenAI-compatible address; this profile uses the native API, whose base URL is the host alone. For compatible mode, choose the “{preset}” preset."),
	"advice.path_optional":        words("{name} answers with or without {path}, so this works; {url} is the documented form."),
	"advice.path_wrong":           words("{name} serves this API under {path}, so requests to {endpoint} would fail."),
	"advice.note_gemini":          words("For Gemini's own API, choose the Google Gemini preset."),
	"advice.note_dashscope":       words("For DashScope's native API, choose a Qwen (DashScope) preset."),
	"advice.note_ollama":          words("For Ollama's native API, choose the “{preset}” preset."),
	"advice.no_path":              words("Most OpenAI-compatible services serve their API under /v1, but this address has no path, so requests would go to {endpoint}. Keep it only if the service documents a base URL without /v1."),
	"advice.ollama_https":         words("Ollama on this computer speaks plain http, not https, so the connection would fail."),
	"advice.plain_http":           words("This address uses http://, so your key and every message would cross the network to {host} unencrypted. Use https:// unless the server is on your own network."),
	"advice.web_page":             words("{host} is a web page for people, not the API Parley talks to."),
	"advice.web_page_base":        words("For {name}, the base URL is {url}."),
	"advice.web_page_kind":        words("It speaks another protocol than this profile, so choose the “{name}” preset."),
	// Keys.
	"advice.key_other":              words("This looks like a key from {provider} ({hint}), but this profile is for {profile}. {provider} keys work only with {owner}'s own API; paste the key issued for this profile's service instead."),
	"advice.key_other_compatible":   words("This looks like a key from {provider} ({hint}), but this profile is for an {profile}-compatible service. {provider} keys work only with {owner}'s own API; paste the key issued for this profile's service instead."),
	"advice.key_not_gemini":         words("Gemini keys from Google AI Studio start with AIza; this one ({hint}) does not."),
	"advice.key_not_gemini_like":    words("This looks like a key from {provider} ({hint}), but Gemini keys from Google AI Studio start with AIza."),
	"advice.key_not_anthropic":      words("Keys from Anthropic start with sk-ant-; this one ({hint}) does not, so api.anthropic.com will likely refuse it. A relay's key belongs in a “{preset}” profile with the relay's base URL."),
	"advice.key_not_anthropic_like": words("This looks like a key from {provider} ({hint}); keys from Anthropic start with sk-ant-, so api.anthropic.com will likely refuse it."),
	"advice.key_own":                words("This looks like a key from {provider} ({hint}); {preset} issues its own keys."),
	"advice.key_ollama":             words("Ollama on this computer needs no key; this one would be sent along and ignored. Keep it only for a server that asks for one, such as ollama.com."),
	"advice.key_short":              words("This key ({hint}) is only {count} characters long; API keys are usually much longer, so it was probably cut off while copying."),
}
