package gemini_test

import (
	"net/http"
	"testing"

	"parley/backend/llm/llmtest"
	"parley/backend/problem"
)

// TestStreamErrorsExplainedLikeHTTPErrors: an error object in place of a
// GenerateContentResponse inside a 200 stream is explained as the same
// error given as an HTTP status would be; "the answer started" only after
// text.
func TestStreamErrorsExplainedLikeHTTPErrors(t *testing.T) {
	tests := []struct {
		file  string
		kind  problem.Kind
		words problem.WordsID
	}{
		{"stream_error_api_key.sse", problem.KindAuth, "auth"},
		{"stream_error_quota_day.sse", problem.KindQuota, "quota"},
		{"stream_error_model.sse", problem.KindModel, "model"},
		{"midstream_error.sse", problem.KindOverloaded, "overloaded.stream"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rp := llmtest.ReplayFile(t, http.StatusOK, "text/event-stream", tt.file)
			p := problem.From(ask(t, rp.Client(), rp.URL, "gemini-2.5-flash", "hi").Err)
			if p == nil || p.Kind != tt.kind || p.WordsID != tt.words {
				t.Fatalf("problem = %+v, want kind %s words %s", p, tt.kind, tt.words)
			}
		})
	}
}
