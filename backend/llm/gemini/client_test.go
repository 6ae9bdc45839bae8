package gemini_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/gemini"
	"parley/backend/llm/llmtest"
)

func TestStreamBrokenMidwayKeepsText(t *testing.T) {
	t.Parallel()
	t.Run("cut", func(t *testing.T) {
		t.Parallel()
		rp := llmtest.ReplayFile(t, http.StatusOK, "text/event-stream", "cut.sse")
		got := ask(t, rp.Client(), rp.URL, "gemini-2.0-flash", "tell me a story")
		var se *llm.StreamError
		if !errors.As(got.Err, &se) || !errors.Is(got.Err, llm.ErrStreamIncomplete) {
			t.Fatalf("error %v, want a StreamError wrapping ErrStreamIncomplete", got.Err)
		}
		if got.Text != "Once upon a time, in a land far away" || got.Finish != "" {
			t.Errorf("text %q finish %q", got.Text, got.Finish)
		}
		if !strings.HasSuffix(se.Endpoint, "/v1beta/models/gemini-2.0-flash:streamGenerateContent") {
			t.Errorf("endpoint %q", se.Endpoint)
		}
	})
	t.Run("error event", func(t *testing.T) {
		t.Parallel()
		rp := llmtest.ReplayFile(t, http.StatusOK, "text/event-stream", "midstream_error.sse")
		got := ask(t, rp.Client(), rp.URL, "gemini-2.5-pro", "explain")
		var pe *llm.ProviderError
		if !errors.As(got.Err, &pe) {
			t.Fatalf("error %v, want a ProviderError", got.Err)
		}
		if pe.Message != "The model is overloaded. Please try again later." || pe.Type != "UNAVAILABLE" || pe.Code != "UNAVAILABLE" {
			t.Errorf("provider error %+v", pe)
		}
		if got.Text != "Here is the first part of the answer" {
			t.Errorf("text %q", got.Text)
		}
	})
	t.Run("whole answer cut", func(t *testing.T) {
		t.Parallel()
		body := llmtest.Testdata(t, "whole.json")
		rp := llmtest.ReplayBody(t, http.StatusOK, "application/json", body[:len(body)/2])
		got := ask(t, rp.Client(), rp.URL, "gemini-2.0-flash", "hi")
		if se := (*llm.StreamError)(nil); !errors.As(got.Err, &se) {
			t.Fatalf("error %v, want a StreamError", got.Err)
		}
	})
}

func TestStreamSendsGeminiRequest(t *testing.T) {
	t.Parallel()
	rp := llmtest.ReplayFile(t, http.StatusOK, "text/event-stream", "text.sse")
	urls := &urlRecorder{}
	c := gemini.New(rp.URL+"/", testKey, &http.Client{Transport: urls})
	temp := 0.2
	req := llm.Request{Model: "gemini-2.5-flash", System: "Answer in French.", MaxTokens: 256, Temperature: &temp,
		Messages: []llm.Message{
			{Role: llm.RoleUser, Content: "Hello"},
			{Role: llm.RoleAssistant, Content: "Bonjour"},
			{Role: llm.RoleUser, Content: "Coffee?"},
		}}
	if got := llmtest.Ask(t, c, req); got.Err != nil {
		t.Fatal(got.Err)
	}
	sent := rp.Requests()[0]
	if sent.Path != "/v1beta/models/gemini-2.5-flash:streamGenerateContent" {
		t.Errorf("path %q", sent.Path)
	}
	if sent.Header.Get("X-Goog-Api-Key") != testKey || sent.Header.Get("Authorization") != "" {
		t.Errorf("auth headers: x-goog-api-key %q, authorization %q", sent.Header.Get("X-Goog-Api-Key"), sent.Header.Get("Authorization"))
	}
	for _, u := range urls.all() {
		if strings.Contains(u, testKey) || !strings.HasSuffix(u, ":streamGenerateContent?alt=sse") {
			t.Errorf("URL %q: want ?alt=sse and never the key", u)
		}
	}
	var body struct {
		Contents []struct {
			Role  string                  `json:"role"`
			Parts []struct{ Text string } `json:"parts"`
		} `json:"contents"`
		SystemInstruction struct{ Parts []struct{ Text string } } `json:"systemInstruction"`
		GenerationConfig  map[string]any                          `json:"generationConfig"`
	}
	if err := json.Unmarshal([]byte(sent.Body), &body); err != nil {
		t.Fatal(err)
	}
	var turns []string
	for _, c := range body.Contents {
		turns = append(turns, c.Role+":"+c.Parts[0].Text)
	}
	if strings.Join(turns, "|") != "user:Hello|model:Bonjour|user:Coffee?" {
		t.Errorf("contents %v", turns)
	}
	if len(body.SystemInstruction.Parts) != 1 || body.SystemInstruction.Parts[0].Text != "Answer in French." {
		t.Errorf("systemInstruction %+v", body.SystemInstruction)
	}
	cfg := body.GenerationConfig
	thinking, _ := cfg["thinkingConfig"].(map[string]any)
	if cfg["maxOutputTokens"] != 256.0 || cfg["temperature"] != 0.2 || thinking["includeThoughts"] != true {
		t.Errorf("generationConfig %v", cfg)
	}
}

func TestStreamRetriesWithoutThoughtsWhenModelRefusesThem(t *testing.T) {
	t.Parallel()
	var (
		mu     sync.Mutex
		bodies []string
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(raw))
		mu.Unlock()
		if strings.Contains(string(raw), "thinkingConfig") {
			w.Header().Set("Content-Type", "application/json; charset=UTF-8")
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"error":{"code":400,"message":"Thinking is not enabled for models/gemini-2.0-flash-preview-image-generation","status":"INVALID_ARGUMENT"}}`)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		w.Write(llmtest.Testdata(t, "text.sse"))
	}))
	defer srv.Close()
	got := ask(t, srv.Client(), srv.URL, "gemini-2.0-flash-preview-image-generation", "hi")
	if got.Err != nil || got.Finish != "STOP" || !strings.HasPrefix(got.Text, "Bonjour") {
		t.Fatalf("got %+v", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(bodies) != 2 || strings.Contains(bodies[1], "thinkingConfig") {
		t.Errorf("requests %q: want a second one without thinkingConfig", bodies)
	}
}

func TestEndpoint(t *testing.T) {
	t.Parallel()
	cases := []struct{ base, model, want string }{
		{gemini.DefaultBaseURL, "gemini-2.5-flash", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"},
		{"https://relay.example.com/", "models/gemini-2.0-flash", "https://relay.example.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse"},
		{" https://relay.example.com/v1beta/ ", "gemini-2.0-flash", "https://relay.example.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse"},
		{"https://relay.example.com/gemini/v1", "odd?name", "https://relay.example.com/gemini/v1/models/odd%3Fname:streamGenerateContent?alt=sse"},
	}
	for _, tc := range cases {
		if got := gemini.ModelEndpoint(tc.base, tc.model); got != tc.want {
			t.Errorf("ModelEndpoint(%q, %q) = %q, want %q", tc.base, tc.model, got, tc.want)
		}
	}
	if got := gemini.Endpoint(gemini.DefaultBaseURL); got != "https://generativelanguage.googleapis.com/v1beta/models/{model}:streamGenerateContent?alt=sse" {
		t.Errorf("Endpoint = %q", got)
	}
}

func TestAgainstFakeServerRejectedKey(t *testing.T) {
	t.Parallel()
	fake := llmtest.Serve(t)
	fake.RequireKey("AIzaSy-the-right-key-000000000000000000")
	got := ask(t, http.DefaultClient, fake.URL, "echo", "hi")
	var he *llm.HTTPError
	if !errors.As(got.Err, &he) || he.Status != 400 || he.Code != "API_KEY_INVALID" || he.Message != "API key not valid. Please pass a valid API key." {
		t.Fatalf("error %v, want 400 API_KEY_INVALID", got.Err)
	}
	_, err := gemini.New(fake.URL, testKey, http.DefaultClient).Models(t.Context())
	if !errors.As(err, &he) || he.Code != "API_KEY_INVALID" {
		t.Fatalf("models error %v, want API_KEY_INVALID", err)
	}
	noKeyIn(t, err)
}

func TestAgainstFakeServerModelsFollowsPages(t *testing.T) {
	t.Parallel()
	fake := llmtest.Serve(t)
	names, err := gemini.New(fake.URL, testKey, http.DefaultClient).Models(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"cut", "echo", "html", "overloaded-status", "rate-limited", "reasoning", "slow-first-byte"} {
		if !slices.Contains(names, want) {
			t.Errorf("models %q lack %q", names, want)
		}
	}
	if slices.Contains(names, "text-embedding-004") {
		t.Errorf("models %q include an embedding model", names)
	}
	pages := 0
	for _, r := range fake.Requests() {
		if r.Path == "/v1beta/models" {
			pages++
		}
	}
	if pages < 2 {
		t.Errorf("%d model pages fetched, want every page followed", pages)
	}
}
