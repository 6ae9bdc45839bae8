package providers_test

import (
	"strings"
	"testing"

	"parley/backend/providers"
)

func FuzzFixpoint(f *testing.F) {
	for _, s := range []string{"https://api.openai.com", "api.openai.com", "http://http://x", "https://https://https://a.b/v1/v1/chat/completions?key=1",
		"https://generativelanguage.googleapis.com/v1beta/openai/chat/completions", "http://localhost:11434/api/v1/v1", "chatgpt.com", "https:/x", "a.b:", "https://a.b:/v1",
		"https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions", "x.y/v1/messages"} {
		for _, k := range providers.Kinds() {
			f.Add(k, s)
		}
	}
	f.Fuzz(func(t *testing.T, kind, in string) {
		adv := providers.AdviseBaseURL(kind, in)
		last := ""
		for _, a := range adv {
			if a.Suggested != "" {
				last = a.Suggested
			}
			if strings.Contains(a.Message, "another protocol") {
				return
			}
		}
		if last == "" {
			return
		}
		for _, a := range providers.AdviseBaseURL(kind, last) {
			if a.Severity == "error" || (a.Suggested != "" && a.Suggested != last) {
				t.Fatalf("%s %q -> %q -> %+v", kind, in, last, a)
			}
		}
	})
}
