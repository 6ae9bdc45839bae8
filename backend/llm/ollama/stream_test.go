package ollama_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/llmtest"
	"parley/backend/llm/ollama"
)

func ask(text string) llm.Request {
	return llm.Request{Model: "llama3.2", Messages: []llm.Message{{Role: llm.RoleUser, Content: text}}}
}

func TestStreamErrorMidwayKeepsTextAndProviderWords(t *testing.T) {
	t.Parallel()
	rp := llmtest.ReplayFile(t, http.StatusOK, "application/x-ndjson", "error_in_stream.ndjson")
	r := llmtest.Ask(t, ollama.New(rp.URL, "", rp.Client()), ask("is it?"))
	if r.Text != " Yes. I can" {
		t.Errorf("text before the error = %q", r.Text)
	}
	var pe *llm.ProviderError
	if !errors.As(r.Err, &pe) {
		t.Fatalf("error = %#v, want *llm.ProviderError", r.Err)
	}
	if pe.Message != "an error was encountered while running the model: unexpected EOF" {
		t.Errorf("message = %q", pe.Message)
	}
	if pe.Endpoint != rp.URL+"/api/chat" {
		t.Errorf("endpoint = %q", pe.Endpoint)
	}
}

func TestStreamCutBeforeDoneIsIncomplete(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ file, text string }{
		{"cut.ndjson", "This answer will break"},
		{"cut_midline.ndjson", "This answer"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			rp := llmtest.ReplayFile(t, http.StatusOK, "application/x-ndjson", tt.file)
			r := llmtest.Ask(t, ollama.New(rp.URL, "", rp.Client()), ask("go on"))
			if r.Text != tt.text {
				t.Errorf("kept text %q, want %q", r.Text, tt.text)
			}
			var se *llm.StreamError
			if !errors.As(r.Err, &se) || !errors.Is(r.Err, llm.ErrStreamIncomplete) {
				t.Fatalf("error = %v, want *llm.StreamError wrapping ErrStreamIncomplete", r.Err)
			}
			if r.Finish != "" || r.Usage != nil {
				t.Errorf("a cut stream reported finish %q usage %+v", r.Finish, r.Usage)
			}
		})
	}
}

func TestStreamRequestShape(t *testing.T) {
	t.Parallel()
	temp := 0.2
	for _, tt := range []struct {
		name, key, auth string
		req             llm.Request
		options         map[string]any
	}{
		{"local, defaults", "", "", ask("hi"), nil},
		{"cloud key and options", "ok-cloud-key", "Bearer ok-cloud-key", llm.Request{
			Model: "gpt-oss:120b", System: "Be brief.", MaxTokens: 256, Temperature: &temp,
			Messages: []llm.Message{{Role: llm.RoleUser, Content: "hi"}, {Role: llm.RoleAssistant, Content: "Hello."}, {Role: llm.RoleUser, Content: "bye"}},
		}, map[string]any{"temperature": 0.2, "num_predict": 256.0}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rp := llmtest.ReplayFile(t, http.StatusOK, "application/x-ndjson", "text.ndjson")
			if r := llmtest.Ask(t, ollama.New(rp.URL+"/", tt.key, rp.Client()), tt.req); r.Err != nil {
				t.Fatal(r.Err)
			}
			reqs := rp.Requests()
			if len(reqs) != 1 || reqs[0].Path != "/api/chat" {
				t.Fatalf("requests = %+v, want one POST /api/chat", reqs)
			}
			h := reqs[0].Header
			if h.Get("Authorization") != tt.auth || h.Get("Content-Type") != "application/json" || h.Get("Accept") != "application/x-ndjson" {
				t.Errorf("headers: Authorization %q Content-Type %q Accept %q", h.Get("Authorization"), h.Get("Content-Type"), h.Get("Accept"))
			}
			var body struct {
				Model    string           `json:"model"`
				Stream   bool             `json:"stream"`
				Messages []map[string]any `json:"messages"`
				Options  map[string]any   `json:"options"`
			}
			if err := json.Unmarshal([]byte(reqs[0].Body), &body); err != nil {
				t.Fatal(err)
			}
			if body.Model != tt.req.Model || !body.Stream {
				t.Errorf("model %q stream %v", body.Model, body.Stream)
			}
			want := len(tt.req.Messages)
			if tt.req.System != "" {
				want++
				if body.Messages[0]["role"] != "system" || body.Messages[0]["content"] != tt.req.System {
					t.Errorf("first message %v, want the system prompt", body.Messages[0])
				}
			}
			if len(body.Messages) != want || body.Messages[want-1]["content"] != tt.req.Messages[len(tt.req.Messages)-1].Content {
				t.Errorf("messages = %v", body.Messages)
			}
			if len(body.Options) != len(tt.options) || (tt.options != nil && (body.Options["temperature"] != tt.options["temperature"] || body.Options["num_predict"] != tt.options["num_predict"])) {
				t.Errorf("options = %v, want %v", body.Options, tt.options)
			}
		})
	}
}

func TestKeyNeverInErrorText(t *testing.T) {
	t.Parallel()
	const key = "ollama-secret-0123456789"
	rp := llmtest.ReplayFile(t, http.StatusUnauthorized, "application/json", "401_unauthorized.json")
	r := llmtest.Ask(t, ollama.New(rp.URL, key, rp.Client()), ask("hi"))
	var he *llm.HTTPError
	if !errors.As(r.Err, &he) || strings.Contains(r.Err.Error(), key) || strings.Contains(he.Body, key) {
		t.Fatalf("error %v carries the key or is missing", r.Err)
	}
}
