package dashscope_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/dashscope"
	"parley/backend/llm/llmtest"
)

// TestAgainstFake plays the built-in scenarios of the fake provider through
// the adapter, as the running app meets them.
func TestAgainstFake(t *testing.T) {
	t.Parallel()
	srv := llmtest.Start()
	t.Cleanup(srv.Close)
	srv.RequireKey(testKey)

	type want struct {
		text, reasoning, finish string
		status                  int    // an *llm.HTTPError with this status
		code                    string // its Code, or the ProviderError's
		provider, broken        bool   // an *llm.ProviderError / *llm.StreamError
	}
	tests := []struct {
		model, key string
		want       want
	}{
		{"echo", testKey, want{text: "You said: hi there — streamed by llmtest.", finish: "stop"}},
		{"reasoning", testKey, want{text: "The answer is 42.", reasoning: "Thinking it over.", finish: "stop"}},
		{"slow-first-byte", testKey, want{text: "Worth the wait.", finish: "stop"}},
		{"cut", testKey, want{text: "This answer will ", broken: true}},
		{"overloaded", testKey, want{text: "Partial answer ", provider: true, code: "InternalError.Algo"}},
		{"html", testKey, want{status: http.StatusBadGateway}},
		{"rate-limited", testKey, want{status: http.StatusTooManyRequests, code: "Throttling.RateQuota"}},
		{"no-quota", testKey, want{status: http.StatusBadRequest, code: "Arrearage"}},
		{"forbidden-model", testKey, want{status: http.StatusForbidden, code: "AccessDenied"}},
		{"server-error", testKey, want{status: http.StatusInternalServerError, code: "InternalError"}},
		{"overloaded-status", testKey, want{status: http.StatusServiceUnavailable, code: "ServiceUnavailable"}},
		{"missing-model", testKey, want{status: http.StatusNotFound, code: "ModelNotFound"}},
		{"echo", "sk-wrong", want{status: http.StatusUnauthorized, code: "InvalidApiKey"}},
	}
	for _, tt := range tests {
		t.Run(tt.model+"/"+tt.key, func(t *testing.T) {
			t.Parallel()
			c := dashscope.New(srv.URL, tt.key, http.DefaultClient)
			req := llm.Request{Model: tt.model, System: "Be brief.", Messages: []llm.Message{{Role: llm.RoleUser, Content: "hi there"}}}
			got := llmtest.Collect(t, c.Stream(context.Background(), req))
			w := tt.want
			if got.Text != w.text || got.Reasoning != w.reasoning || got.Finish != w.finish {
				t.Errorf("text %q reasoning %q finish %q, want %q %q %q", got.Text, got.Reasoning, got.Finish, w.text, w.reasoning, w.finish)
			}
			var (
				he *llm.HTTPError
				pe *llm.ProviderError
				se *llm.StreamError
			)
			switch {
			case w.status != 0:
				if !errors.As(got.Err, &he) || he.Status != w.status || he.Code != w.code {
					t.Errorf("error %T %v, want HTTP %d %q", got.Err, got.Err, w.status, w.code)
				}
			case w.provider:
				if !errors.As(got.Err, &pe) || pe.Code != w.code || pe.Message != "The server is overloaded, please retry." {
					t.Errorf("error %T %v, want provider error %q", got.Err, got.Err, w.code)
				}
			case w.broken:
				if !errors.As(got.Err, &se) {
					t.Errorf("error %T %v, want a broken stream", got.Err, got.Err)
				}
			default:
				if got.Err != nil || got.Usage == nil || got.Usage.OutputTokens == 0 {
					t.Errorf("error %v usage %+v, want a finished reply with usage", got.Err, got.Usage)
				}
			}
		})
	}
}

func TestModelsFromFake(t *testing.T) {
	t.Parallel()
	srv := llmtest.Start()
	t.Cleanup(srv.Close)
	ids, err := dashscope.New(srv.URL, testKey, http.DefaultClient).Models(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(ids, "echo") || !slices.Contains(ids, "reasoning") || !slices.IsSorted(ids) {
		t.Errorf("models %q", ids)
	}
}
