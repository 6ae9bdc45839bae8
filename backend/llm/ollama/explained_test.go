package ollama_test

import (
	"context"
	"net/http"
	"testing"

	"parley/backend/llm/llmtest"
	"parley/backend/llm/ollama"
	"parley/backend/problem"
)

// TestErrorsExplainedAsTheUserSeesThem: a runner that crashed or a model
// too big for the memory is a model that failed to load on that computer,
// not an outage; a model missing mid-stream is explained as the 404 is;
// "the answer started" only after text.
func TestErrorsExplainedAsTheUserSeesThem(t *testing.T) {
	tests := []struct {
		file   string
		status int
		kind   problem.Kind
		words  problem.WordsID
	}{
		{"500_runner.json", http.StatusInternalServerError, problem.KindServer, "server.model_load"},
		{"500_memory.json", http.StatusInternalServerError, problem.KindServer, "server.model_load"},
		{"stream_error_model.ndjson", http.StatusOK, problem.KindModel, "model.ollama"},
		{"error_in_stream.ndjson", http.StatusOK, problem.KindProviderError, "provider_error"},
		{"401_unauthorized.json", http.StatusUnauthorized, problem.KindAuth, "auth.no_key"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			ct := "application/json"
			if tt.status == http.StatusOK {
				ct = "application/x-ndjson"
			}
			rp := llmtest.ReplayFile(t, tt.status, ct, tt.file)
			got := llmtest.Collect(t, ollama.New(rp.URL, "", rp.Client()).Stream(context.Background(), ask("hi")))
			p := problem.From(got.Err)
			if p == nil || p.Kind != tt.kind || p.WordsID != tt.words {
				t.Fatalf("problem = %+v, want kind %s words %s", p, tt.kind, tt.words)
			}
			if tt.words == "server.model_load" && p.Fix == problem.English["server"].Fix {
				t.Error("a load failure is sent to the provider's status page")
			}
		})
	}
}
