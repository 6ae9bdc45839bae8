package llmtest_test

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"parley/backend/llm/llmtest"
)

func postOllama(t *testing.T, url, model string) *http.Response {
	t.Helper()
	body := `{"model":"` + model + `","messages":[{"role":"user","content":"two words"}],"stream":true}`
	res, err := http.Post(url+"/api/chat", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}

// TestOllamaWire checks the bytes a real Ollama client would parse: one JSON
// object a line, thinking before content, a final done line with counts.
func TestOllamaWire(t *testing.T) {
	t.Parallel()
	fake := llmtest.Serve(t)
	fake.RequireKey("ignored-by-ollama")
	res := postOllama(t, fake.URL, "reasoning") //nolint:bodyclose // closed by postOllama's cleanup
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/x-ndjson" {
		t.Fatalf("status %d content type %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	var thinking, content string
	var last map[string]any
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		var line struct {
			Message struct{ Content, Thinking string } `json:"message"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("line %q is not JSON: %v", sc.Text(), err)
		}
		if line.Message.Thinking != "" && content != "" {
			t.Errorf("thinking %q arrived after content", line.Message.Thinking)
		}
		thinking += line.Message.Thinking
		content += line.Message.Content
		last = nil
		_ = json.Unmarshal(sc.Bytes(), &last)
	}
	if thinking != "Thinking it over." || content != "The answer is 42." {
		t.Errorf("thinking %q content %q", thinking, content)
	}
	if last["done"] != true || last["done_reason"] != "stop" || last["prompt_eval_count"] != 2.0 || last["eval_count"] != 7.0 {
		t.Errorf("final line = %v", last)
	}
}

func TestOllamaErrors(t *testing.T) {
	t.Parallel()
	fake := llmtest.Serve(t)
	for _, tt := range []struct {
		model  string
		status int
		body   string
	}{
		{"missing-model", 404, `{"error":"model \"missing-model\" not found, try pulling it first"}`},
		{"rate-limited", 429, `{"error":"Rate limit reached for requests. Please try again in 20s."}`},
		{"html", 502, llmtest.HTMLErrorPage},
		{"overloaded", 200, `{"error":"The server is overloaded, please retry."}`},
	} {
		t.Run(tt.model, func(t *testing.T) {
			t.Parallel()
			res := postOllama(t, fake.URL, tt.model) //nolint:bodyclose // closed by postOllama's cleanup
			raw, _ := io.ReadAll(res.Body)
			lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
			if tt.status == 200 {
				raw = []byte(lines[len(lines)-1])
			}
			if res.StatusCode != tt.status || strings.TrimSpace(string(raw)) != tt.body {
				t.Errorf("got %d %s, want %d %s", res.StatusCode, raw, tt.status, tt.body)
			}
		})
	}
}

func TestOllamaTags(t *testing.T) {
	t.Parallel()
	fake := llmtest.Serve(t)
	res, err := http.Get(fake.URL + "/api/tags")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var tags struct {
		Models []struct {
			Name    string         `json:"name"`
			Details map[string]any `json:"details"`
		} `json:"models"`
	}
	if err := json.NewDecoder(res.Body).Decode(&tags); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, m := range tags.Models {
		names[m.Name] = m.Details["format"] == "gguf"
	}
	if !names["echo"] || !names["cut"] {
		t.Errorf("tags = %+v", tags.Models)
	}
}
