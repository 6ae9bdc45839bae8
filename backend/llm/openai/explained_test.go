package openai_test

import (
	"net/http"
	"testing"

	"parley/backend/llm/llmtest"
	"parley/backend/llm/openai"
	"parley/backend/problem"
)

// TestErrorsExplainedAsTheUserSeesThem: an error inside a 200 stream is
// explained like the same error given as an HTTP status (a rejected key,
// a rate limit, a quota, a missing model), "the answer started" is said
// only after text, and a 401 to a request without a key says none was sent.
func TestErrorsExplainedAsTheUserSeesThem(t *testing.T) {
	tests := []struct {
		file   string
		status int
		key    string
		kind   problem.Kind
		words  problem.WordsID
	}{
		{"stream_error_invalid_api_key.sse", 200, "sk-test", problem.KindAuth, "auth"},
		{"stream_error_relay_key.sse", 200, "sk-test", problem.KindAuth, "auth"},
		{"stream_error_rate_limit.sse", 200, "sk-test", problem.KindRateLimit, "rate_limit"},
		{"stream_error_quota.sse", 200, "sk-test", problem.KindQuota, "quota"},
		{"stream_error_model_not_found.sse", 200, "sk-test", problem.KindModel, "model"},
		{"error_in_stream.sse", 200, "sk-test", problem.KindProviderError, "provider_error"},
		{"401_no_key.json", 401, "", problem.KindAuth, "auth.no_key"},
		{"401_llamacpp.json", 401, "", problem.KindAuth, "auth.no_key"},
		{"401_llamacpp.json", 401, "sk-test", problem.KindAuth, "auth"},
		{"401.json", 401, "sk-test", problem.KindAuth, "auth"},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.key, func(t *testing.T) {
			ct := "application/json"
			if tt.status == 200 {
				ct = "text/event-stream"
			}
			rp := llmtest.ReplayFile(t, tt.status, ct, tt.file)
			got := llmtest.Ask(t, openai.New(rp.URL+"/v1", tt.key, rp.Client()), ask)
			p := problem.From(got.Err)
			if p == nil || p.Kind != tt.kind || p.WordsID != tt.words {
				t.Fatalf("problem = %+v, want kind %s words %s", p, tt.kind, tt.words)
			}
			if p.ProviderMessage == "" {
				t.Error("the provider's message was lost")
			}
		})
	}
}

// TestLoadFailureThroughOllamasOpenAIEndpoint: Ollama's /v1 passes on its
// runner's crash as a 500; it is a model that failed to load, not an
// outage to look up on a status page.
func TestLoadFailureThroughOllamasOpenAIEndpoint(t *testing.T) {
	rp := llmtest.ReplayBody(t, http.StatusInternalServerError, "application/json",
		[]byte(`{"error":{"message":"llama runner process has terminated: exit status 2","type":"api_error","param":null,"code":null}}`))
	p := problem.From(llmtest.Ask(t, openai.New(rp.URL+"/v1", "", rp.Client()), ask).Err)
	if p.WordsID != "server.model_load" {
		t.Fatalf("problem = %+v, want the model-load explanation", p)
	}
}
