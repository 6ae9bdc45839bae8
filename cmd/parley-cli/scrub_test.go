package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
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

// TestAnEchoedKeyIsKeptNowhere asks, for every protocol sent a key, a model that
// echoes the key back token by token in its answer and its reasoning, and
// lists a model named after the key. The answer prints and is stored with
// the key masked: no 8 characters of it in a row reach the output (with
// -v), the doctor's report, an export, a backup or any file of the data
// folder (database, WAL, log).
func TestAnEchoedKeyIsKeptNowhere(t *testing.T) {
	const key = "sk-echo-cli-8Hv3Nq6Tz1Wk4Rb7Yd2M"
	srv := fake(t)
	srv.RequireKey(key)
	t.Setenv("LEAK_KEY", key)
	var cut []string
	for i := 0; i < len(key); i += 3 {
		cut = append(cut, key[i:min(i+3, len(key))])
	}
	srv.Handle("echo-key", llmtest.Scenario{Reasoning: append([]string{"Header: "}, cut...),
		Chunks: append(append([]string{"Your key is "}, cut...), ", safe with me.")})
	srv.Handle("named-"+key, llmtest.Scenario{Chunks: []string{"hi"}})
	var out strings.Builder
	look := func(what, s string) {
		t.Helper()
		s = strings.ReplaceAll(s, llm.KeyHint(key), "")
		if k := llmtest.KeyIn(s, key); k != "" {
			at := strings.Index(s, k)
			t.Errorf("%s holds %q of the key: %q", what, k, s[max(0, at-80):min(len(s), at+80)])
		}
	}
	// A local Ollama is sent no key, so it has none to echo.
	bases := map[string]string{"openai": srv.URL + "/v1", "anthropic": srv.URL, "gemini": srv.URL, "dashscope": srv.URL}
	for kind, base := range bases {
		id := newProfile(t, "--kind", kind, "--base-url", base, "--model", "echo-key", "--name", kind)
		if set := cli(t, key, "key", "set", "--profile", id); set.code != 0 {
			t.Fatalf("key set: %+v", set)
		}
		got := cli(t, "", "-v", "ask", "--profile", id, "--new", "What key did I send?")
		if got.code != 0 || !strings.HasPrefix(got.stdout, "Your key is ") || !strings.HasSuffix(got.stdout, ", safe with me.\n") {
			t.Errorf("%s: ask %+v, want the answer around the masked key", kind, got)
		}
		look(kind+": ask -v", got.stdout+got.stderr)
		doc := cli(t, "", "-v", "doctor", "--provider", kind, "--base-url", base, "--model", "echo-key", "--key-env", "LEAK_KEY")
		look(kind+": doctor -v", doc.stdout+doc.stderr)
		fmt.Fprintln(&out, got.stdout, doc.stdout)
	}
	for _, c := range jsonOf[[]listed](t, cli(t, "", "history", "list", "--json")) {
		for _, format := range []string{"md", "json"} {
			look("export --format "+format, cli(t, "", "export", "--format", format, c.ID).stdout)
		}
	}
	file := filepath.Join(t.TempDir(), "parley.backup")
	if got := cli(t, "", "backup", file); got.code != 0 {
		t.Fatalf("backup: %+v", got)
	}
	raw, _ := os.ReadFile(file)
	look("the backup", string(raw))
	filepath.WalkDir(os.Getenv("PARLEY_DATA_DIR"), func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			raw, _ := os.ReadFile(path)
			look(path, string(raw))
		}
		return nil
	})
	if !strings.Contains(out.String(), "Your key is ") {
		t.Error("no answer was printed")
	}
}
