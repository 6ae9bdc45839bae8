package dashscope_test

import (
	"errors"
	"net/http"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/llmtest"
)

// TestStreamStatusMismatch checks a refusal the server sent with 200 and a
// JSON error instead of an answer: it must not pass as an empty reply.
func TestStreamStatusMismatch(t *testing.T) {
	t.Parallel()
	got := llmtest.Collect(t, ask(llmtest.ReplayFile(t, http.StatusOK, "application/json", "error_429_throttling.json"), hello))
	var pe *llm.ProviderError
	if !errors.As(got.Err, &pe) || pe.Code != "Throttling" || pe.Message != "Requests throttling triggered." {
		t.Fatalf("error %T %v, want the provider's code and message", got.Err, got.Err)
	}
}
