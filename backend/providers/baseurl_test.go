package providers_test

import (
	"cmp"
	"strings"
	"testing"

	"parley/backend/providers"
)

// want is one expected piece of advice: its severity, words the user must
// see in the message, and the suggested base URL ("" for none).
type want struct {
	severity  providers.Severity
	says      []string
	suggested string
}

func TestAdviseBaseURLLeavesPresetsAlone(t *testing.T) {
	for _, p := range providers.Presets() {
		if p.BaseURL == "" {
			continue
		}
		for _, in := range []string{p.BaseURL, p.BaseURL + "/", "  " + p.BaseURL + "  "} {
			if got := providers.AdviseBaseURL(p.Kind, in); len(got) != 0 {
				t.Errorf("preset %s: AdviseBaseURL(%q, %q) = %+v, want no advice", p.ID, p.Kind, in, got)
			}
		}
	}
}

func TestAdviseBaseURLSaysNothingAboutGoodURLs(t *testing.T) {
	for _, c := range [][2]string{
		{"openai", "https://api.openai.com/v1/"}, // trailing slash: every adapter ignores it
		{"openai", "https://api.deepseek.com/v1"},
		{"openai", "https://api.moonshot.ai/v1"},          // international Moonshot
		{"openai", "https://relay.example.com/openai/v1"}, // a relay with its own path
		{"openai", "http://gpu-box:8000/v1"},              // LAN name over http
		{"openai", "http://10.0.0.5:8080/v1"},             // private address over http
		{"openai", "https://dashscope-intl.aliyuncs.com/compatible-mode/v1"},
		{"anthropic", "https://relay.example.com/anthropic"},
		{"ollama", "http://192.168.1.20:11434"},
		{"ollama", "http://[::1]:11434"},
		{"ollama", "https://ollama.com"},
		{"gemini", "https://generativelanguage.googleapis.com/v1beta"}, // the adapter accepts a version
		{"dashscope", "https://dashscope-intl.aliyuncs.com"},           // international vs mainland is a choice
		{"dashscope", "https://dashscope.aliyuncs.com/api/v1"},         // the documented native base
	} {
		if got := providers.AdviseBaseURL(c[0], c[1]); len(got) != 0 {
			t.Errorf("AdviseBaseURL(%q, %q) = %+v, want no advice", c[0], c[1], got)
		}
	}
}

func TestAdviseBaseURL(t *testing.T) {
	const e, w = providers.SeverityError, providers.SeverityWarning
	tests := []struct {
		name, kind, in string
		want           []want
	}{
		{"OpenAI host without /v1", "openai", "https://api.openai.com",
			[]want{{e, []string{"under /v1", "https://api.openai.com/chat/completions"}, "https://api.openai.com/v1"}}},
		{"DeepSeek answers both ways", "openai", "https://api.deepseek.com",
			[]want{{w, []string{"with or without /v1", "this works"}, "https://api.deepseek.com/v1"}}},
		{"ChatAnywhere .tech without /v1", "openai", "https://api.chatanywhere.tech",
			[]want{{e, []string{"ChatAnywhere", "/v1"}, "https://api.chatanywhere.tech/v1"}}},
		{"ChatAnywhere .org without /v1", "openai", "https://api.chatanywhere.org/",
			[]want{{e, []string{"ChatAnywhere"}, "https://api.chatanywhere.org/v1"}}},
		{"Groq without /openai/v1", "openai", "https://api.groq.com/openai",
			[]want{{e, []string{"Groq", "/openai/v1"}, "https://api.groq.com/openai/v1"}}},
		{"Groq with a bare /v1", "openai", "https://api.groq.com/v1",
			[]want{{e, []string{"/openai/v1"}, "https://api.groq.com/openai/v1"}}},
		{"OpenRouter without /v1", "openai", "https://openrouter.ai/api",
			[]want{{e, []string{"OpenRouter", "/api/v1"}, "https://openrouter.ai/api/v1"}}},
		{"Moonshot without /v1", "openai", "https://api.moonshot.cn", []want{{e, []string{"Moonshot"}, "https://api.moonshot.cn/v1"}}},
		{"SiliconFlow without /v1", "openai", "https://api.siliconflow.cn", []want{{e, []string{"SiliconFlow"}, "https://api.siliconflow.cn/v1"}}},
		{"Ollama's OpenAI API needs /v1", "openai", "http://localhost:11434",
			[]want{{e, []string{"Ollama", "/v1", "Ollama (local)"}, "http://localhost:11434/v1"}}},
		{"Ollama's native /api in an OpenAI profile", "openai", "http://127.0.0.1:11434/api",
			[]want{{e, []string{"/v1"}, "http://127.0.0.1:11434/v1"}}},
		{"unknown host with no path", "openai", "https://relay.example.com",
			[]want{{w, []string{"/v1", "https://relay.example.com/chat/completions"}, "https://relay.example.com/v1"}}},
		{"doubled /v1", "openai", "https://api.chatanywhere.tech/v1/v1",
			[]want{{e, []string{"/v1 twice"}, "https://api.chatanywhere.tech/v1"}}},
		{"doubled /v1 for Anthropic", "anthropic", "https://api.anthropic.com/v1/v1/",
			[]want{{e, []string{"/v1 twice"}, "https://api.anthropic.com/v1"}, {w, []string{"adds /v1 itself", "works"}, "https://api.anthropic.com"}}},
		{"chat completions endpoint pasted", "openai", "https://api.openai.com/v1/chat/completions",
			[]want{{e, []string{"one API call", "…/chat/completions"}, "https://api.openai.com/v1"}}},
		{"legacy completions endpoint pasted", "openai", "https://api.chatanywhere.tech/v1/completions",
			[]want{{e, []string{"…/completions"}, "https://api.chatanywhere.tech/v1"}}},
		{"model list pasted", "openai", "https://api.moonshot.cn/v1/models", []want{{e, []string{"…/models"}, "https://api.moonshot.cn/v1"}}},
		{"Anthropic messages endpoint pasted", "anthropic", "https://api.anthropic.com/v1/messages",
			[]want{{e, []string{"…/v1/messages"}, "https://api.anthropic.com"}}},
		{"Ollama chat endpoint pasted", "ollama", "http://127.0.0.1:11434/api/chat",
			[]want{{e, []string{"…/api/chat"}, "http://127.0.0.1:11434"}}},
		{"Gemini endpoint pasted", "gemini", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
			[]want{{e, []string{":streamGenerateContent"}, "https://generativelanguage.googleapis.com"}}},
		{"Gemini model path", "gemini", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro",
			[]want{{e, []string{"one API call"}, "https://generativelanguage.googleapis.com"}}},
		{"DashScope native endpoint pasted, tolerated", "dashscope", "https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation",
			[]want{{w, []string{"…/api/v1/services/aigc/text-generation/generation"}, "https://dashscope.aliyuncs.com"}}},
		{"web page: ChatGPT", "openai", "https://chatgpt.com/",
			[]want{{e, []string{"chatgpt.com is a web page", "https://api.openai.com/v1"}, "https://api.openai.com/v1"}}},
		{"web page: OpenAI platform", "openai", "https://platform.openai.com/api-keys", []want{{e, []string{"web page"}, "https://api.openai.com/v1"}}},
		{"web page: old ChatGPT", "openai", "https://chat.openai.com", []want{{e, []string{"web page"}, "https://api.openai.com/v1"}}},
		{"web page: Anthropic console", "anthropic", "https://console.anthropic.com/settings/keys",
			[]want{{e, []string{"console.anthropic.com is a web page", "https://api.anthropic.com"}, "https://api.anthropic.com"}}},
		{"web page: Claude in an OpenAI profile", "openai", "https://claude.ai/new",
			[]want{{e, []string{"another protocol", "“Anthropic (Claude)” preset"}, "https://api.anthropic.com"}}},
		{"web page: AI Studio", "gemini", "https://aistudio.google.com/app/apikey",
			[]want{{e, []string{"web page"}, "https://generativelanguage.googleapis.com"}}},
		{"web page: Gemini app", "gemini", "https://gemini.google.com/app", []want{{e, []string{"web page"}, "https://generativelanguage.googleapis.com"}}},
		{"web page: DashScope console", "dashscope", "https://dashscope.console.aliyun.com/apiKey",
			[]want{{e, []string{"web page"}, "https://dashscope.aliyuncs.com"}}},
		{"web page: Bailian in an OpenAI profile", "openai", "https://bailian.console.aliyun.com/?apiKey=1",
			[]want{{e, []string{"web page", "OpenAI-compatible"}, "https://dashscope.aliyuncs.com/compatible-mode/v1"}}},
		{"web page: DeepSeek chat", "openai", "https://chat.deepseek.com", []want{{e, []string{"web page"}, "https://api.deepseek.com/v1"}}},
		{"web page: ChatAnywhere on GitHub", "openai", "https://github.com/chatanywhere/GPT_API_free",
			[]want{{e, []string{"github.com/chatanywhere is a web page"}, "https://api.chatanywhere.tech/v1"}}},
		{"plain http to the internet", "openai", "http://api.openai.com/v1",
			[]want{{w, []string{"http://", "unencrypted", "api.openai.com"}, "https://api.openai.com/v1"}}},
		{"https to local Ollama", "ollama", "https://localhost:11434", []want{{e, []string{"plain http"}, "http://localhost:11434"}}},
		{"Anthropic base with /v1", "anthropic", "https://api.anthropic.com/v1",
			[]want{{w, []string{"adds /v1 itself"}, "https://api.anthropic.com"}}},
		{"Ollama base with /api", "ollama", "http://127.0.0.1:11434/api", []want{{e, []string{"adds /api itself"}, "http://127.0.0.1:11434"}}},
		{"Ollama base with /v1", "ollama", "http://127.0.0.1:11434/v1",
			[]want{{e, []string{"OpenAI-compatible", "“Ollama (OpenAI-compatible)” preset"}, "http://127.0.0.1:11434"}}},
		{"Gemini's OpenAI address in a Gemini profile", "gemini", "https://generativelanguage.googleapis.com/v1beta/openai",
			[]want{{e, []string{"OpenAI-compatible", "host alone"}, "https://generativelanguage.googleapis.com"}}},
		{"compatible mode in a native DashScope profile", "dashscope", "https://dashscope.aliyuncs.com/compatible-mode/v1",
			[]want{{w, []string{"compatible-mode", "“Qwen (DashScope, OpenAI-compatible)” preset"}, "https://dashscope.aliyuncs.com"}}},
		{"native DashScope host in an OpenAI profile", "openai", "https://dashscope.aliyuncs.com",
			[]want{{e, []string{"/compatible-mode/v1"}, "https://dashscope.aliyuncs.com/compatible-mode/v1"}}},
		{"native international path in an OpenAI profile", "openai", "https://dashscope-intl.aliyuncs.com/api/v1",
			[]want{{e, []string{"/compatible-mode/v1"}, "https://dashscope-intl.aliyuncs.com/compatible-mode/v1"}}},
		{"key in the query", "gemini", "https://generativelanguage.googleapis.com?key=AIzaSyFAKEFAKEFAKE",
			[]want{{e, []string{"carries a key", "key dialog"}, "https://generativelanguage.googleapis.com"}}},
		{"query after the base", "openai", "https://api.openai.com/v1?x=1", []want{{e, []string{"query"}, "https://api.openai.com/v1"}}},
		{"empty", "openai", "  ", []want{{e, []string{"empty"}, ""}}},
		{"no scheme", "openai", "api.openai.com/v1", []want{{e, []string{"must start with https://"}, "https://api.openai.com/v1"}}},
		{"no scheme and no /v1: one advice, every fix", "openai", "api.openai.com",
			[]want{{e, []string{"must start with https://", "under /v1"}, "https://api.openai.com/v1"}}},
		{"no scheme on this computer", "ollama", "localhost:11434", []want{{e, []string{"https://"}, "http://localhost:11434"}}},
		{"no scheme and a key in the query", "gemini", "generativelanguage.googleapis.com?key=AIzaSyFAKEFAKEFAKE",
			[]want{{e, []string{"must start with https://", "carries a key"}, "https://generativelanguage.googleapis.com"}}},
		{"scheme typed twice", "openai", "https://https://api.openai.com/v1", []want{{e, []string{"twice"}, "https://api.openai.com/v1"}}},
		{"another scheme", "openai", "ftp://files.example.com", []want{{e, []string{"must start with https://"}, ""}}},
		{"a key pasted as the URL", "openai", "sk-abcdef", []want{{e, []string{"must start with https://"}, ""}}},
		{"password in the URL", "openai", "https://user:secret@relay.example.com/v1", []want{{e, []string{"user name or password"}, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := providers.AdviseBaseURL(tt.kind, tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("AdviseBaseURL(%q, %q) = %+v, want %d piece(s) of advice", tt.kind, tt.in, got, len(tt.want))
			}
			for i, w := range tt.want {
				if got[i].Severity != w.severity || got[i].Suggested != w.suggested {
					t.Errorf("advice %d = %s, suggesting %q; want %s, suggesting %q", i, got[i].Severity, got[i].Suggested, w.severity, w.suggested)
				}
				for _, s := range w.says {
					if !strings.Contains(got[i].Message, s) {
						t.Errorf("advice %d says %q; want it to mention %q", i, got[i].Message, s)
					}
				}
				if strings.Contains(got[i].Message, "AIzaSy") || strings.Contains(got[i].Message, "secret") {
					t.Errorf("advice %d repeats a secret from the URL: %q", i, got[i].Message)
				}
			}
		})
	}
}

// FuzzAdviseBaseURL checks that the last suggestion carries every fix: the
// suggested URL draws no error and no other suggestion, unless the advice
// sends the user to a preset of another kind.
func FuzzAdviseBaseURL(f *testing.F) {
	for _, in := range []string{"api.openai.com", "http://http://x", "https://https://a.b/v1/v1/chat/completions?key=1",
		"https://generativelanguage.googleapis.com/v1beta/openai/chat/completions", "http://localhost:11434/api/v1/v1",
		"https:/x", "http:0/.x", "https://x//Completions", "x.y/v1/messages#frag", "https://chatgpt.com"} {
		for _, kind := range providers.Kinds() {
			f.Add(kind, in)
		}
	}
	f.Fuzz(func(t *testing.T, kind, in string) {
		last := ""
		for _, a := range providers.AdviseBaseURL(kind, in) {
			if strings.Contains(a.Message, "another protocol") {
				return
			}
			last = cmp.Or(a.Suggested, last)
		}
		if last == "" {
			return
		}
		for _, a := range providers.AdviseBaseURL(kind, last) {
			if a.Severity == providers.SeverityError || a.Suggested != last {
				t.Fatalf("%s %q: the suggestion %q still draws %+v", kind, in, last, a)
			}
		}
	})
}
