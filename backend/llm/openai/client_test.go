package openai_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/llmtest"
	"parley/backend/llm/openai"
)

var ask = llm.Request{Model: "gpt-4o-mini", System: "Be brief.", Messages: []llm.Message{{Role: llm.RoleUser, Content: "Hi"}}}

func TestRequestShape(t *testing.T) {
	rp := llmtest.ReplayFile(t, http.StatusOK, "text/event-stream", "text.sse")
	llmtest.Ask(t, openai.New(rp.URL+"/v1/", "sk-test-123", rp.Client()), ask)
	r := rp.Only(t)
	if r.Path != "/v1/chat/completions" {
		t.Errorf("path = %q, want /v1/chat/completions (trailing slash in base must not double)", r.Path)
	}
	if got := r.Header.Get("Authorization"); got != "Bearer sk-test-123" {
		t.Errorf("Authorization = %q", got)
	}
	for _, h := range []string{"X-Stainless-Timeout", "Anthropic-Dangerous-Direct-Browser-Access", "Origin"} {
		if r.Header.Get(h) != "" {
			t.Errorf("browser-only header %s was sent", h)
		}
	}
	var body struct {
		Model         string `json:"model"`
		Stream        bool   `json:"stream"`
		StreamOptions struct {
			IncludeUsage bool `json:"include_usage"`
		} `json:"stream_options"`
		Messages []struct{ Role, Content string } `json:"messages"`
	}
	if err := json.Unmarshal([]byte(r.Body), &body); err != nil {
		t.Fatal(err)
	}
	if !body.Stream || !body.StreamOptions.IncludeUsage || body.Model != "gpt-4o-mini" {
		t.Errorf("body = %+v", body)
	}
	if len(body.Messages) != 2 || body.Messages[0].Role != "system" || body.Messages[1].Content != "Hi" {
		t.Errorf("messages = %+v, want system then user", body.Messages)
	}
}

func TestNoKeySendsNoAuthorization(t *testing.T) {
	rp := llmtest.ReplayFile(t, http.StatusOK, "text/event-stream", "text.sse")
	llmtest.Ask(t, openai.New(rp.URL+"/v1", "", rp.Client()), ask)
	if got := rp.Requests()[0].Header.Get("Authorization"); got != "" {
		t.Errorf("Authorization = %q, want none", got)
	}
}

func TestStreamFailures(t *testing.T) {
	t.Run("error event keeps text before it", func(t *testing.T) {
		rp := llmtest.ReplayFile(t, http.StatusOK, "text/event-stream", "error_in_stream.sse")
		got := llmtest.Ask(t, openai.New(rp.URL+"/v1", "k", rp.Client()), ask)
		var pe *llm.ProviderError
		if !errors.As(got.Err, &pe) || !strings.Contains(pe.Message, "The server had an error") || pe.Type != "server_error" {
			t.Fatalf("err = %#v, want ProviderError with the provider's message", got.Err)
		}
		if got.Text != "Partial answer" {
			t.Errorf("text before the error = %q", got.Text)
		}
	})
	t.Run("cut without DONE is incomplete", func(t *testing.T) {
		rp := llmtest.ReplayFile(t, http.StatusOK, "text/event-stream", "cut.sse")
		got := llmtest.Ask(t, openai.New(rp.URL+"/v1", "k", rp.Client()), ask)
		var se *llm.StreamError
		if !errors.As(got.Err, &se) || !errors.Is(got.Err, llm.ErrStreamIncomplete) {
			t.Fatalf("err = %v, want incomplete stream", got.Err)
		}
		if got.Text != "This answer breaks off" {
			t.Errorf("text = %q", got.Text)
		}
	})
}

func TestHTMLPageWithStatus200(t *testing.T) {
	rp := llmtest.ReplayFile(t, http.StatusOK, "text/html; charset=utf-8", "502.html")
	got := llmtest.Ask(t, openai.New(rp.URL+"/v1", "k", rp.Client()), ask)
	var he *llm.HTTPError
	if !errors.As(got.Err, &he) || he.ContentType != "text/html" {
		t.Fatalf("err = %v, want HTTPError for an HTML page", got.Err)
	}
}

func TestEventLargerThan64KB(t *testing.T) {
	big := strings.Repeat("長", 100_000) // 300 KB of UTF-8 in one event
	ev, _ := json.Marshal(map[string]any{"choices": []any{map[string]any{"delta": map[string]any{"content": big}, "finish_reason": "stop"}}})
	rp := llmtest.ReplayBody(t, http.StatusOK, "text/event-stream", []byte("data: "+string(ev)+"\n\ndata: [DONE]\n\n"))
	got := llmtest.Ask(t, openai.New(rp.URL+"/v1", "k", rp.Client()), ask)
	if got.Err != nil || got.Text != big {
		t.Fatalf("err = %v, text length %d, want %d", got.Err, len(got.Text), len(big))
	}
}

// A model list that says each model's context size (OpenRouter's) is kept
// for the context budget; one that does not leaves it empty.
func TestModelListContextSizes(t *testing.T) {
	body := `{"data":[{"id":"openai/gpt-4o-mini","context_length":128000},{"id":"tiny/model","context_length":4096},{"id":"plain"}]}`
	rp := llmtest.ReplayBody(t, http.StatusOK, "application/json", []byte(body))
	c := openai.New(rp.URL+"/v1", "k", rp.Client())
	models, err := c.Models(t.Context())
	if err != nil || len(models) != 3 {
		t.Fatalf("models = %v, %v", models, err)
	}
	sizes := c.ContextSizes()
	if len(sizes) != 2 || sizes["tiny/model"] != 4096 || sizes["openai/gpt-4o-mini"] != 128000 {
		t.Errorf("sizes = %v", sizes)
	}
}
