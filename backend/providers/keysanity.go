package providers

import (
	"cmp"
	"strconv"
	"strings"
	"unicode/utf8"

	"parley/backend/keychain"
	"parley/backend/problem"
)

// keyFamily is a key format only one provider issues.
type keyFamily struct {
	// provider issues the keys, on the API of owner.
	prefix, provider, owner string
	// fits reports whether a profile of kind made from presetID can use
	// such a key; nil means only that provider's own preset.
	fits func(kind, presetID string) bool
}

var keyFamilies = []keyFamily{
	{"sk-ant-", "Anthropic", "Anthropic", func(kind, _ string) bool { return kind == KindAnthropic }},
	{"AIza", "Google AI Studio", "Google", func(kind, _ string) bool { return kind == KindGemini }},
	{"sk-or-", "OpenRouter", "OpenRouter", func(_, presetID string) bool { return presetID == "openrouter" }},
	{"sk-proj-", "OpenAI", "OpenAI", nil},
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
	builtIn, ollama := isBuiltIn(presetID), kind == KindOllama || strings.HasPrefix(presetID, "ollama")
	severity := SeverityWarning
	if builtIn {
		severity = SeverityError
	}
	like := func(id problem.WordsID, facts ...string) problem.Phrase {
		return phrase(id, append([]string{"provider", family.provider, "hint", hint}, facts...)...)
	}
	switch {
	case known && family.fits != nil && !family.fits(kind, presetID):
		id, profile := profileName(kind, presetID)
		out = append(out, advise(severity, "", like(id, append(profile, "owner", family.owner)...)))
	case kind == KindGemini && !strings.HasPrefix(key, "AIza"):
		p := phrase("advice.key_not_gemini", "hint", hint)
		if known {
			p = like("advice.key_not_gemini_like")
		}
		out = append(out, advise(severity, "", p))
	case presetID == "anthropic" && !strings.HasPrefix(key, "sk-ant-"):
		p := phrase("advice.key_not_anthropic", append([]string{"hint", hint}, named("preset", "custom-anthropic")...)...)
		if known {
			p = like("advice.key_not_anthropic_like")
		}
		out = append(out, advise(SeverityWarning, "", p))
	case known && family.fits == nil && builtIn && !ollama && presetID != "openai":
		out = append(out, advise(SeverityWarning, "", like("advice.key_own", named("preset", presetID)...)))
	}
	if ollama {
		out = append(out, advise(SeverityWarning, "", phrase("advice.key_ollama")))
	}
	if n := utf8.RuneCountInString(key); n < 20 {
		out = append(out, advise(SeverityWarning, "", phrase("advice.key_short", "hint", hint, "count", strconv.Itoa(n))))
	}
	return out
}

// isBuiltIn reports whether presetID is a preset for one known service,
// not a custom profile that may point anywhere.
func isBuiltIn(presetID string) bool {
	p, ok := PresetByID(presetID)
	return ok && p.BaseURL != ""
}

// profileName names a profile in advice on its key, as the facts
// "profile" and its Chinese twin: by its preset, else by its kind, as "an
// OpenAI-compatible service" (the advice id says which).
func profileName(kind, presetID string) (problem.WordsID, []string) {
	if isBuiltIn(presetID) {
		return "advice.key_other", named("profile", presetID)
	}
	compatible := map[string]string{KindOpenAI: "OpenAI", KindAnthropic: "Anthropic"}
	if n, ok := compatible[kind]; ok {
		return "advice.key_other_compatible", []string{"profile", n}
	}
	names := map[string]string{KindOllama: "Ollama", KindGemini: "Gemini", KindDashScope: "DashScope"}
	n := cmp.Or(names[kind], kind)
	return "advice.key_other", []string{"profile", n, "profile" + problem.ChineseTwin, n}
}

// named is the facts that name the preset with id: fact, its name, and
// fact's Chinese twin, its Chinese name, so each catalogue says the name
// in its own language.
func named(fact, id string) []string {
	p, _ := PresetByID(id)
	return []string{fact, p.Name, fact + problem.ChineseTwin, cmp.Or(p.NameZh, p.Name)}
}
