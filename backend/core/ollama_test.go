package core_test

import (
	"context"
	"net/http"
	"testing"

	"parley/backend/llm/llmtest"
)

// TestDetectOllamaHonoursOllamaHostAndAnEmptyList: the Ollama that
// OLLAMA_HOST names is found, and one with nothing pulled is reported as
// running with no models, not as absent.
func TestDetectOllamaHonoursOllamaHostAndAnEmptyList(t *testing.T) {
	rp := llmtest.ReplayBody(t, http.StatusOK, "application/json", []byte(`{"models":[]}`))
	t.Setenv("OLLAMA_HOST", rp.URL)
	found, err := open(t).DetectOllama(context.Background())
	if err != nil || found.BaseURL != rp.URL || found.Models == nil || len(found.Models) != 0 {
		t.Fatalf("DetectOllama = %+v, %v; want the server at %s with no models", found, err, rp.URL)
	}
}
