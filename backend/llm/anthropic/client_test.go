package anthropic_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/anthropic"
	"parley/backend/llm/llmtest"
)

const testKey = "sk-ant-api03-test-secret-key"

var ask = llm.Request{Model: "claude-sonnet-4-5", System: "Be brief.", Messages: []llm.Message{{Role: llm.RoleUser, Content: "Hi"}}}

// TestBrokenStreams checks that what arrived is kept and the end is told
// apart: the provider's own error, or a stream cut before message_stop.
func TestBrokenStreams(t *testing.T) {
	t.Parallel()
	full := string(llmtest.Testdata(t, "text.sse"))
	noStop, _, _ := strings.Cut(full, "event: message_stop")
	midEvent := full[:strings.Index(full, `"text":"! Café`)+10]
	tests := []struct {
		name, body, text string
		provider         bool
	}{
		{"overloaded error event", string(llmtest.Testdata(t, "error_in_stream.sse")), "The first part of the answer arrived before", true},
		{"cut between deltas", string(llmtest.Testdata(t, "cut.sse")), "This answer will break off ", false},
		{"cut before message_stop", noStop, "Hello, 世界 👋! Café au lait?", false},
		{"cut inside an event", midEvent, "Hello, 世界 👋", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rp := llmtest.ReplayBody(t, http.StatusOK, "text/event-stream", []byte(tt.body))
			got := llmtest.Ask(t, anthropic.New(rp.URL, testKey, rp.Client()), ask)
			if got.Text != tt.text {
				t.Errorf("text = %q, want the %q that arrived", got.Text, tt.text)
			}
			var pe *llm.ProviderError
			switch {
			case tt.provider && errors.As(got.Err, &pe):
				if pe.Message != "Overloaded" || pe.Type != "overloaded_error" || pe.Endpoint != rp.URL+"/v1/messages" {
					t.Errorf("provider error = %+v", pe)
				}
			case !tt.provider && errors.As(got.Err, new(*llm.StreamError)):
				// A cut inside an event is reported by the SSE reader itself.
				if tt.name != "cut inside an event" && !errors.Is(got.Err, llm.ErrStreamIncomplete) {
					t.Errorf("stream error = %v, want %v", got.Err, llm.ErrStreamIncomplete)
				}
			default:
				t.Fatalf("error = %#v, want provider error: %v", got.Err, tt.provider)
			}
		})
	}
}

// TestGarbledEvent checks that an event that does not decode, followed by
// more of the stream, ends it with a stream error naming the event.
func TestGarbledEvent(t *testing.T) {
	t.Parallel()
	body := strings.Replace(string(llmtest.Testdata(t, "text.sse")), `"text":", 世界 👋"}}`, `"text":", 世界 👋"`, 1)
	rp := llmtest.ReplayBody(t, http.StatusOK, "text/event-stream", []byte(body))
	got := llmtest.Ask(t, anthropic.New(rp.URL, testKey, rp.Client()), ask)
	var se *llm.StreamError
	if !errors.As(got.Err, &se) || errors.Is(se, llm.ErrStreamIncomplete) || !strings.Contains(se.Error(), "content_block_delta") {
		t.Fatalf("error = %v, want a decode error naming the event", got.Err)
	}
	if got.Text != "Hello" {
		t.Errorf("text = %q, want what came before the bad event", got.Text)
	}
}

func TestRequestShape(t *testing.T) {
	t.Parallel()
	temp := 0.3
	tests := []struct {
		name      string
		req       llm.Request
		maxTokens int
		system    string
		temp      *float64
	}{
		{"defaults", ask, anthropic.DefaultMaxTokens, "Be brief.", nil},
		{"explicit", llm.Request{Model: "claude-haiku-4-5", MaxTokens: 512, Temperature: &temp, Messages: []llm.Message{
			{Role: llm.RoleSystem, Content: "Answer in French."},
			{Role: llm.RoleUser, Content: "Hi"}, {Role: llm.RoleAssistant, Content: "Salut !"}, {Role: llm.RoleUser, Content: "Ça va ?"},
		}}, 512, "Answer in French.", &temp},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rp := llmtest.ReplayFile(t, http.StatusOK, "text/event-stream", "text.sse")
			llmtest.Ask(t, anthropic.New(rp.URL+"/", testKey, rp.Client()), tt.req)
			r := rp.Only(t)
			if r.Path != "/v1/messages" {
				t.Errorf("path = %q, want /v1/messages", r.Path)
			}
			checkHeaders(t, r.Header)
			if ct := r.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q", ct)
			}
			var body struct {
				Model       string                           `json:"model"`
				MaxTokens   int                              `json:"max_tokens"`
				System      string                           `json:"system"`
				Stream      bool                             `json:"stream"`
				Temperature *float64                         `json:"temperature"`
				Messages    []struct{ Role, Content string } `json:"messages"`
			}
			if err := json.Unmarshal([]byte(r.Body), &body); err != nil {
				t.Fatal(err)
			}
			if body.Model != tt.req.Model || body.MaxTokens != tt.maxTokens || body.System != tt.system || !body.Stream {
				t.Errorf("body = %+v", body)
			}
			if (body.Temperature == nil) != (tt.temp == nil) || body.Temperature != nil && *body.Temperature != *tt.temp {
				t.Errorf("temperature = %v, want %v", body.Temperature, tt.temp)
			}
			var want []string
			for _, m := range tt.req.Messages {
				if m.Role != llm.RoleSystem {
					want = append(want, string(m.Role)+":"+m.Content)
				}
			}
			var sent []string
			for _, m := range body.Messages {
				sent = append(sent, m.Role+":"+m.Content)
			}
			if strings.Join(sent, "|") != strings.Join(want, "|") {
				t.Errorf("messages = %q, want %q (no system role among them)", sent, want)
			}
		})
	}
}

// checkHeaders asserts the auth headers and that nothing a browser adds, in
// particular the CORS opt-in of the seed case, is sent.
func checkHeaders(t *testing.T, h http.Header) {
	t.Helper()
	if got := h.Get("x-api-key"); got != testKey {
		t.Errorf("x-api-key = %q", got)
	}
	if got := h.Get("anthropic-version"); got != "2023-06-01" {
		t.Errorf("anthropic-version = %q", got)
	}
	for _, name := range []string{"Anthropic-Dangerous-Direct-Browser-Access", "Authorization", "Origin", "X-Stainless-Timeout"} {
		if _, ok := h[name]; ok {
			t.Errorf("header %s was sent: %q", name, h.Get(name))
		}
	}
}

func TestEndpoint(t *testing.T) {
	t.Parallel()
	tests := []struct{ base, messages, models string }{
		{"https://api.anthropic.com", "https://api.anthropic.com/v1/messages", "https://api.anthropic.com/v1/models"},
		{"https://api.anthropic.com/", "https://api.anthropic.com/v1/messages", "https://api.anthropic.com/v1/models"},
		{" https://api.anthropic.com/v1/ ", "https://api.anthropic.com/v1/messages", "https://api.anthropic.com/v1/models"},
		{"https://api.deepseek.com/anthropic", "https://api.deepseek.com/anthropic/v1/messages", "https://api.deepseek.com/anthropic/v1/models"},
	}
	for _, tt := range tests {
		if got := anthropic.Endpoint(tt.base); got != tt.messages {
			t.Errorf("Endpoint(%q) = %q, want %q", tt.base, got, tt.messages)
		}
		if got := anthropic.ModelsEndpoint(tt.base); got != tt.models {
			t.Errorf("ModelsEndpoint(%q) = %q, want %q", tt.base, got, tt.models)
		}
	}
}

func TestHTMLInsteadOfStream(t *testing.T) {
	t.Parallel()
	rp := llmtest.ReplayBody(t, http.StatusOK, "text/html; charset=utf-8", []byte(llmtest.HTMLErrorPage))
	got := llmtest.Ask(t, anthropic.New(rp.URL, testKey, rp.Client()), ask)
	var he *llm.HTTPError
	if !errors.As(got.Err, &he) || he.ContentType != "text/html" || !strings.Contains(he.Body, "502 Bad Gateway") {
		t.Fatalf("error = %#v, want an HTTPError keeping the page", got.Err)
	}
}

// TestErrorIn200 covers a relay that answers 200 with Anthropic's error body
// instead of a stream: it is the provider's error, not an empty reply.
func TestErrorIn200(t *testing.T) {
	t.Parallel()
	rp := llmtest.ReplayFile(t, http.StatusOK, "application/json", "529.json")
	got := llmtest.Ask(t, anthropic.New(rp.URL, testKey, rp.Client()), ask)
	var pe *llm.ProviderError
	if !errors.As(got.Err, &pe) || pe.Message != "Overloaded" || pe.Type != "overloaded_error" {
		t.Fatalf("error = %#v, want the provider's overloaded_error", got.Err)
	}
}
