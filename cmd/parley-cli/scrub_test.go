package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/llmtest"
)

// TestCLINeverPrintsTheKey asks, for every protocol, a server that echoes
// the key in a 401 body, in an error inside the stream and in a redirect
// URL, and looks for any 8 characters of the key in a row in what the CLI
// prints (the key's display hint aside).
func TestCLINeverPrintsTheKey(t *testing.T) {
	const key = "sk-leak-cli-4Tq8Wm2Zr6Yv1Xn9Pb3K"
	srv := fake(t)
	srv.RequireKey(key)
	t.Setenv("LEAK_KEY", key)
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no route for "+r.URL.String(), http.StatusNotFound)
	}))
	t.Cleanup(echo.Close)
	srv.Handle("leak-401", llmtest.Scenario{Status: 401, ErrorType: llmtest.ErrAuth, ErrorMessage: "Incorrect API key provided: " + key})
	srv.Handle("leak-stream", llmtest.Scenario{Chunks: []string{"Partial "}, StreamError: "upstream refused key " + key[2:]})
	srv.Handle("leak-redirect", llmtest.Scenario{Redirect: echo.URL + "/v1?key=" + key})
	bases := map[string]string{"openai": srv.URL + "/v1", "anthropic": srv.URL, "ollama": srv.URL, "gemini": srv.URL, "dashscope": srv.URL}
	for kind, base := range bases {
		for _, model := range []string{"leak-401", "leak-stream", "leak-redirect"} {
			got := cli(t, "", "-v", "ask", "--provider", kind, "--base-url", base, "--model", model, "--key-env", "LEAK_KEY", "hi")
			if got.code == 0 {
				t.Errorf("%s/%s: exit 0, want a failure", kind, model)
			}
			out := strings.ReplaceAll(got.stdout+got.stderr, llm.KeyHint(key), "")
			for i := 0; i+8 <= len(key); i++ {
				if strings.Contains(out, key[i:i+8]) {
					t.Errorf("%s/%s: the output holds %q of the key:\n%s", kind, model, key[i:i+8], out)
					break
				}
			}
		}
	}
}
