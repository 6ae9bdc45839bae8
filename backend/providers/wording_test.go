package providers_test

import (
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
