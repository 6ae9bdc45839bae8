package anthropic_test

import (
	"testing"

	"parley/backend/llm/anthropic"
	"parley/backend/llm/llmtest"
	"parley/backend/problem"
)

// TestStreamErrorsExplainedLikeHTTPErrors: an `event: error` of any shape
// (Anthropic's own, a bare string, a relay's OpenAI-style object, plain
// text) is explained as the same error given as an HTTP status would be,
// and "the answer started" is said only after text arrived.
func TestStreamErrorsExplainedLikeHTTPErrors(t *testing.T) {
	tests := []struct {
		file  string
		kind  problem.Kind
		words problem.WordsID
	}{
		{"error_in_stream.sse", problem.KindOverloaded, "overloaded.stream"},
		{"stream_error_first.sse", problem.KindOverloaded, "overloaded"},
		{"stream_error_auth.sse", problem.KindAuth, "auth"},
		{"stream_error_rate.sse", problem.KindRateLimit, "rate_limit"},
		{"stream_error_model.sse", problem.KindModel, "model"},
		{"stream_error_relay.sse", problem.KindRateLimit, "rate_limit"},
		{"stream_error_string.sse", problem.KindOverloaded, "overloaded"},
		{"stream_error_plain.sse", problem.KindProviderError, "provider_error.before"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rp := llmtest.ReplayFile(t, 200, "text/event-stream", tt.file)
			got := llmtest.Ask(t, anthropic.New(rp.URL, testKey, rp.Client()), ask)
			p := problem.From(got.Err)
			if p == nil || p.Kind != tt.kind || p.WordsID != tt.words {
				t.Fatalf("problem = %+v (err %v), want kind %s words %s", p, got.Err, tt.kind, tt.words)
			}
			if p.ProviderMessage == "" {
				t.Error("the provider's message was lost")
			}
		})
	}
}

// TestNoKeySent: Anthropic's 401 to a request without x-api-key says no
// key was sent, not that one was rejected.
func TestNoKeySent(t *testing.T) {
	rp := llmtest.ReplayFile(t, 401, "application/json", "401.json")
	p := problem.From(llmtest.Ask(t, anthropic.New(rp.URL, "", rp.Client()), ask).Err)
	if p.WordsID != "auth.no_key" {
		t.Fatalf("problem = %+v, want auth.no_key", p)
	}
}
