package dashscope_test

import (
	"net/http"
	"testing"

	"parley/backend/llm/dashscope"
	"parley/backend/llm/llmtest"
	"parley/backend/problem"
)

// TestStreamErrorsExplainedLikeHTTPErrors: an `event:error` inside a 200
// stream is explained as the same error given as an HTTP status would be;
// "the answer started" only after text.
func TestStreamErrorsExplainedLikeHTTPErrors(t *testing.T) {
	tests := []struct {
		file  string
		kind  problem.Kind
		words problem.WordsID
	}{
		{"stream_error_invalid_key.sse", problem.KindAuth, "auth"},
		{"stream_error_throttling.sse", problem.KindRateLimit, "rate_limit"},
		{"stream_error.sse", problem.KindFiltered, "filtered"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rp := llmtest.ReplayFile(t, http.StatusOK, "text/event-stream", tt.file)
			got := llmtest.Ask(t, dashscope.New(rp.URL, testKey, rp.Client()), hello)
			p := problem.From(got.Err)
			if p == nil || p.Kind != tt.kind || p.WordsID != tt.words {
				t.Fatalf("problem = %+v, want kind %s words %s", p, tt.kind, tt.words)
			}
		})
	}
}
