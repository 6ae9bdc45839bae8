package anthropic_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/anthropic"
	"parley/backend/llm/llmtest"
)

// TestAgainstFake drives the built-in scenarios of the fake provider
// through the adapter, as the app does in end-to-end tests.
func TestAgainstFake(t *testing.T) {
	t.Parallel()
	fake := llmtest.Start()
	t.Cleanup(fake.Close)
	fake.RequireKey(testKey)

	type want struct {
		text, reasoning, finish string
		status                  int    // an HTTPError with this status
		errType, message        string // its (or the ProviderError's) type and message
		provider, broken        bool
	}
	tests := []struct {
		model, key string
		want       want
	}{
		{"echo", testKey, want{text: "You said: hello there — streamed by llmtest.", finish: "stop"}},
		{"reasoning", testKey, want{text: "The answer is 42.", reasoning: "Thinking it over.", finish: "stop"}},
		{"cut", testKey, want{text: "This answer will ", broken: true}},
		{"overloaded", testKey, want{text: "Partial answer ", provider: true, errType: "overloaded_error", message: "The server is overloaded, please retry."}},
		{"html", testKey, want{status: 502}},
		{"rate-limited", testKey, want{status: 429, errType: "rate_limit_error", message: "Rate limit reached for requests. Please try again in 20s."}},
		{"overloaded-status", testKey, want{status: 529, errType: "overloaded_error", message: "Overloaded"}},
		{"server-error", testKey, want{status: 500, errType: "api_error", message: "The server had an error while processing your request. Sorry about that!"}},
		{"missing-model", testKey, want{status: 404, errType: "not_found_error", message: "model: missing-model"}},
		{"echo", "sk-ant-wrong", want{status: 401, errType: "authentication_error", message: "invalid x-api-key"}},
	}
	for _, tt := range tests {
		t.Run(tt.model+"/"+tt.key, func(t *testing.T) {
			t.Parallel()
			req := llm.Request{Model: tt.model, Messages: []llm.Message{{Role: llm.RoleUser, Content: "hello there"}}}
			got := llmtest.Ask(t, anthropic.New(fake.URL, tt.key, &http.Client{}), req)
			if got.Text != tt.want.text || got.Reasoning != tt.want.reasoning || got.Finish != tt.want.finish {
				t.Errorf("got text %q reasoning %q finish %q; want %q %q %q", got.Text, got.Reasoning, got.Finish, tt.want.text, tt.want.reasoning, tt.want.finish)
			}
			var he *llm.HTTPError
			var pe *llm.ProviderError
			switch w := tt.want; {
			case w.status != 0:
				if !errors.As(got.Err, &he) || he.Status != w.status || he.Type != w.errType || he.Message != w.message {
					t.Errorf("error = %#v, want HTTP %d %s %q", got.Err, w.status, w.errType, w.message)
				}
			case w.provider:
				if !errors.As(got.Err, &pe) || pe.Type != w.errType || pe.Message != w.message {
					t.Errorf("error = %#v, want provider error %s %q", got.Err, w.errType, w.message)
				}
			case w.broken:
				if !errors.As(got.Err, new(*llm.StreamError)) {
					t.Errorf("error = %#v, want a stream error", got.Err)
				}
			case got.Err != nil:
				t.Errorf("unexpected error: %v", got.Err)
			case got.Usage == nil || got.Usage.InputTokens != 2 || got.Usage.OutputTokens == 0:
				t.Errorf("usage = %+v, want 2 input tokens and some output", got.Usage)
			}
		})
	}
}

func TestFakeModels(t *testing.T) {
	t.Parallel()
	fake := llmtest.Start()
	t.Cleanup(fake.Close)
	ids, err := anthropic.New(fake.URL, testKey, &http.Client{}).Models(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"echo", "reasoning", "overloaded"} {
		if !slices.Contains(ids, name) {
			t.Errorf("models %q lack %q", ids, name)
		}
	}
	reqs := fake.Requests()
	if len(reqs) != 1 || reqs[0].Path != "/v1/models" {
		t.Fatalf("requests = %+v", reqs)
	}
	checkHeaders(t, reqs[0].Header)
}
