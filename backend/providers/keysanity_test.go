package providers_test

import (
	"strings"
	"testing"

	"parley/backend/providers"
)

// Made-up keys in each provider's format. None is real.
var (
	anthropicKey  = "sk-ant-api03-" + strings.Repeat("x", 80) + "abcd"
	googleKey     = "AIzaSyD" + strings.Repeat("q", 28) + "wxyz"
	openRouterKey = "sk-or-v1-" + strings.Repeat("0", 56) + "9f9f"
	projectKey    = "sk-proj-" + strings.Repeat("P", 120) + "p0p0"
	relayKey      = "sk-" + strings.Repeat("R", 44) + "zzzz" // ChatAnywhere, DeepSeek and most relays
)

func TestAdviseKey(t *testing.T) {
	const e, w = providers.SeverityError, providers.SeverityWarning
	tests := []struct {
		name, kind, preset, key string
		want                    []want
	}{
		{"Anthropic key in its preset", "anthropic", "anthropic", anthropicKey, nil},
		{"Anthropic key for a custom Anthropic relay", "anthropic", "custom-anthropic", anthropicKey, nil},
		{"Google key in Gemini", "gemini", "gemini", googleKey, nil},
		{"OpenRouter key in its preset", "openai", "openrouter", openRouterKey, nil},
		{"project key in OpenAI", "openai", "openai", projectKey, nil},
		{"relay key in ChatAnywhere", "openai", "chatanywhere", relayKey, nil},
		{"relay key in DeepSeek", "openai", "deepseek", relayKey, nil},
		{"project key in a custom profile", "openai", "custom", projectKey, nil},
		{"relay key for a custom Anthropic relay", "anthropic", "custom-anthropic", relayKey, nil},
		{"no key", "ollama", "ollama", "", nil},
		{"Anthropic key in OpenAI", "openai", "openai", anthropicKey,
			[]want{{e, []string{"This looks like a key from Anthropic (sk-ant-…abcd)", "this profile is for OpenAI"}, ""}}},
		{"Anthropic key in DashScope", "dashscope", "dashscope", anthropicKey,
			[]want{{e, []string{"Anthropic key", "Qwen (DashScope, mainland)"}, ""}}},
		{"Anthropic key in a custom OpenAI-compatible profile", "openai", "custom", anthropicKey,
			[]want{{w, []string{"key from Anthropic (sk-ant-…abcd)", "an OpenAI-compatible service"}, ""}}},
		{"Google key in DeepSeek", "openai", "deepseek", googleKey,
			[]want{{e, []string{"This looks like a key from Google AI Studio (…wxyz)", "DeepSeek"}, ""}}},
		{"Google key in Anthropic", "anthropic", "anthropic", googleKey, []want{{e, []string{"key from Google AI Studio"}, ""}}},
		{"OpenAI key in Gemini", "gemini", "gemini", projectKey,
			[]want{{e, []string{"This looks like a key from OpenAI (sk-proj-…p0p0)", "start with AIza"}, ""}}},
		{"relay key in Gemini", "gemini", "gemini", relayKey, []want{{e, []string{"start with AIza", "(sk-…zzzz) does not"}, ""}}},
		{"relay key in the Anthropic preset", "anthropic", "anthropic", relayKey,
			[]want{{w, []string{"start with sk-ant-", "(sk-…zzzz)", "“Custom (Anthropic-compatible)”"}, ""}}},
		{"OpenAI key in the Anthropic preset", "anthropic", "anthropic", projectKey,
			[]want{{w, []string{"This looks like a key from OpenAI (sk-proj-…p0p0)", "sk-ant-"}, ""}}},
		{"OpenRouter key in OpenAI", "openai", "openai", openRouterKey,
			[]want{{e, []string{"This looks like a key from OpenRouter (sk-or-…9f9f)", "OpenAI"}, ""}}},
		{"OpenRouter key in a custom profile", "openai", "custom", openRouterKey, []want{{w, []string{"OpenRouter key"}, ""}}},
		{"OpenAI key in DeepSeek", "openai", "deepseek", projectKey,
			[]want{{w, []string{"This looks like a key from OpenAI (sk-proj-…p0p0); DeepSeek issues its own keys."}, ""}}},
		{"OpenAI key in ChatAnywhere", "openai", "chatanywhere", projectKey,
			[]want{{w, []string{"key from OpenAI", "ChatAnywhere (api.chatanywhere.tech) issues its own keys"}, ""}}},
		{"key for local Ollama", "ollama", "ollama", relayKey, []want{{w, []string{"needs no key", "ollama.com"}, ""}}},
		{"key for Ollama's OpenAI API", "openai", "ollama-openai", relayKey, []want{{w, []string{"needs no key"}, ""}}},
		{"truncated key", "openai", "deepseek", "sk-4f2a9c", []want{{w, []string{"(…9c)", "9 characters", "cut off"}, ""}}},
		{"truncated Google key in Gemini", "gemini", "gemini", "AIzaSyD12345", []want{{w, []string{"12 characters"}, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := providers.AdviseKey(tt.kind, tt.preset, tt.key)
			if len(got) != len(tt.want) {
				t.Fatalf("AdviseKey(%q, %q, key) = %+v, want %d piece(s) of advice", tt.kind, tt.preset, got, len(tt.want))
			}
			for i, w := range tt.want {
				if got[i].Severity != w.severity || got[i].Suggested != "" {
					t.Errorf("advice %d = %+v, want a %s without a suggested URL", i, got[i], w.severity)
				}
				for _, s := range w.says {
					if !strings.Contains(got[i].Message, s) {
						t.Errorf("advice %d says %q; want it to mention %q", i, got[i].Message, s)
					}
				}
				if len(tt.key) >= 12 && strings.Contains(got[i].Message, tt.key[len(tt.key)-12:len(tt.key)-4]) {
					t.Errorf("advice %d shows more of the key than its hint: %q", i, got[i].Message)
				}
			}
		})
	}
}
