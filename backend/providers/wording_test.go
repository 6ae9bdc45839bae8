package providers_test

import (
	"cmp"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"parley/backend/problem"
	"parley/backend/providers"
)

// Every piece of advice exists in English and Chinese with the same facts
// in it, so the window says it as fully in either language.
func TestAdviceWordsMatch(t *testing.T) {
	for _, m := range providers.Words.Mismatches() {
		t.Error(m)
	}
}

// Advice given for real mistakes is said by words both languages have,
// with every placeholder filled, and its English message is those words;
// and every entry of the catalogue is said by one of these cases.
func TestEveryAdviceIsSaidInBothLanguages(t *testing.T) {
	var advice []providers.Advice
	for _, c := range [][2]string{
		{"openai", "https://api.openai.com/v1?key=sk-abc"}, {"openai", "https://relay.example.com/v1?x=1"},
		{"openai", "https://relay.example.com/v1/v1"}, {"openai", "https://https://relay.example.com/v1"},
		{"openai", "https://api.openai.com/v1/chat/completions"}, {"anthropic", "https://api.anthropic.com/v1"},
		{"ollama", "http://127.0.0.1:11434/api"}, {"ollama", "http://127.0.0.1:11434/v1"},
		{"gemini", "https://generativelanguage.googleapis.com/v1beta/openai"},
		{"dashscope", "https://dashscope.aliyuncs.com/compatible-mode/v1"}, {"openai", "https://api.deepseek.com"},
		{"openai", "https://api.groq.com/v1"}, {"openai", "https://generativelanguage.googleapis.com/v1"},
		{"openai", "https://dashscope.aliyuncs.com/v1"}, {"openai", "http://localhost:11434"},
		{"openai", "https://relay.example.com"}, {"ollama", "https://127.0.0.1:11434"}, {"openai", "http://relay.example.com/v1"},
		{"openai", "https://chatgpt.com"}, {"anthropic", "https://chatgpt.com"}, {"openai", "relay.example.com/v1"}, {"openai", ""},
	} {
		advice = append(advice, providers.AdviseBaseURL(c[0], c[1])...)
	}
	for _, c := range [][3]string{
		{"openai", "openai", "sk-ant-api03-abcdefghijklmnopqrstuvwxyz"}, {"openai", "custom", "sk-ant-api03-abcdefghijklmnopqrstuvwxyz"},
		{"gemini", "gemini", "sk-abcdefghijklmnopqrstuvwxyz"}, {"gemini", "gemini", "sk-proj-abcdefghijklmnopqrstuvwxyz"},
		{"anthropic", "anthropic", "sk-abcdefghijklmnopqrstuvwxyz"}, {"anthropic", "anthropic", "sk-proj-abcdefghijklmnopqrstuvwxyz"},
		{"openai", "deepseek", "sk-proj-abcdefghijklmnopqrstuvwxyz"}, {"ollama", "ollama", "sk-short"},
	} {
		advice = append(advice, providers.AdviseKey(c[0], c[1], c[2])...)
	}
	said := map[problem.WordsID]bool{}
	for _, a := range advice {
		if len(a.Phrases) == 0 {
			t.Errorf("%q has no words to say it by", a.Message)
		}
		if got := providers.Words.Say(a.Phrases...); got != a.Message {
			t.Errorf("its words say %q, its message %q", got, a.Message)
		}
		for _, p := range a.Phrases {
			said[p.WordsID] = true
			for _, m := range providers.Words.Unsaid(p) {
				t.Error(m)
			}
		}
	}
	for id := range providers.Words.English {
		if !said[id] {
			t.Errorf("%s is in the catalogue but none of these cases says it", id)
		}
	}
}

// sayChinese says phrases as the window does in Chinese: each entry's
// Chinese title with its facts filled in, run together.
func sayChinese(t *testing.T, ps []problem.Phrase) string {
	t.Helper()
	var b strings.Builder
	for _, p := range ps {
		if m := providers.Words.Unsaid(p); len(m) > 0 {
			t.Fatalf("%s cannot be said in Chinese: %v", p.WordsID, m)
		}
		text := providers.Words.Chinese[p.WordsID].Title
		for k, v := range p.Facts {
			text = strings.ReplaceAll(text, "{"+k+"}", v)
		}
		b.WriteString(text)
	}
	return b.String()
}

// Advice in Chinese names presets as the window's Chinese does, calls a
// profile 服务商 as the window does, and shows the key's hint with the
// ellipsis the key's badge shows.
func TestChineseAdviceNamesPresetsInChinese(t *testing.T) {
	key := "sk-test-" + strings.Repeat("R", 40) + "1234"
	for _, c := range []struct {
		name   string
		advice []providers.Advice
		says   []string
	}{
		{"relay key in the Anthropic preset", providers.AdviseKey("anthropic", "anthropic", key),
			[]string{"（sk-test-…1234）", "“自定义（Anthropic 兼容）”服务商"}},
		{"OpenAI key in DeepSeek", providers.AdviseKey("openai", "deepseek", "sk-proj-"+strings.Repeat("P", 40)+"p0p0"),
			[]string{"（sk-proj-…p0p0）", "DeepSeek（深度求索）会签发自己的密钥"}},
		{"Anthropic key in DashScope", providers.AdviseKey("dashscope", "dashscope", "sk-ant-api03-"+strings.Repeat("x", 40)+"abcd"),
			[]string{"（sk-ant-…abcd）", "但此服务商是通义千问（DashScope，中国大陆）"}},
		{"Ollama's OpenAI API in an Ollama profile", providers.AdviseBaseURL("ollama", "http://127.0.0.1:11434/v1"),
			[]string{"“Ollama（OpenAI 兼容）”预设"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if len(c.advice) == 0 {
				t.Fatal("no advice")
			}
			zh := sayChinese(t, c.advice[0].Phrases)
			for _, s := range c.says {
				if !strings.Contains(zh, s) {
					t.Errorf("the Chinese advice says %q; want it to say %q", zh, s)
				}
			}
			for _, bad := range []string{"Custom", "Qwen", "OpenAI-compatible", "配置", "..."} {
				if strings.Contains(zh, bad) {
					t.Errorf("the Chinese advice says %q, with %q in it", zh, bad)
				}
			}
			if strings.Contains(c.advice[0].Message, "...") {
				t.Errorf("the English advice %q shows the hint with three dots", c.advice[0].Message)
			}
		})
	}
}

// Each preset's Chinese name is the one the window's Chinese gives it,
// and its English name the window's English one.
func TestPresetNamesMatchTheWindow(t *testing.T) {
	for lang, name := range map[string]func(providers.Preset) string{
		"en":    func(p providers.Preset) string { return p.Name },
		"zh-CN": func(p providers.Preset) string { return cmp.Or(p.NameZh, p.Name) },
	} {
		raw, err := os.ReadFile("../../frontend/src/lib/i18n/" + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var window struct {
			Profile struct{ Presets map[string]string } `json:"profile"`
		}
		if err := json.Unmarshal(raw, &window); err != nil {
			t.Fatal(err)
		}
		for _, p := range providers.Presets() {
			if got, want := name(p), window.Profile.Presets[p.ID]; got != want {
				t.Errorf("%s: preset %s is %q in Go's advice, %q in the window", lang, p.ID, got, want)
			}
		}
	}
}
