package ollama_test

import (
	"net/http"
	"slices"
	"testing"

	"parley/backend/llm/llmtest"
	"parley/backend/llm/ollama"
)

// TestMissingModelNamed: the fake's missing model is named from Ollama's
// words, so the window can offer to pull it.
func TestMissingModelNamed(t *testing.T) {
	t.Parallel()
	fake := llmtest.Serve(t)
	req := ask("hi")
	req.Model = "missing-model"
	got := llmtest.Ask(t, ollama.New(fake.URL, "", http.DefaultClient), req)
	if name, ok := ollama.MissingModel(got.Err); !ok || name != "missing-model" {
		t.Fatalf("MissingModel(%v) = %q, %v", got.Err, name, ok)
	}
}

func TestFakeModelsAndDetect(t *testing.T) {
	t.Parallel()
	fake := llmtest.Serve(t)
	models, err := ollama.New(fake.URL, "", http.DefaultClient).Models(t.Context())
	if err != nil || !slices.Contains(models, "echo") || !slices.Contains(models, "reasoning") {
		t.Fatalf("Models = %v, %v", models, err)
	}
	detected, err := ollama.Detect(t.Context(), http.DefaultClient, fake.URL)
	if err != nil || !slices.Equal(detected, models) {
		t.Fatalf("Detect = %v, %v; want %v", detected, err, models)
	}
	for _, r := range fake.Requests() {
		if r.Header.Get("Authorization") != "" {
			t.Errorf("%s sent an Authorization header without a key", r.Path)
		}
	}
}

// TestConsumerMayStopEarly checks that breaking out of the loop is safe.
func TestConsumerMayStopEarly(t *testing.T) {
	t.Parallel()
	rp := llmtest.ReplayFile(t, http.StatusOK, "application/x-ndjson", "text.ndjson")
	n := 0
	for range ollama.New(rp.URL, "", rp.Client()).Stream(t.Context(), ask("hi")) {
		n++
		break
	}
	if n != 1 {
		t.Fatalf("got %d chunks before break", n)
	}
}
