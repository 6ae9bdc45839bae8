package ollama_test

import (
	"net/http"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/llmtest"
	"parley/backend/llm/ollama"
)

// FuzzStream fuzzes the ollama stream decoder and the driver's framing under
// it, from the recorded streams in testdata/ (make fuzz runs it).
func FuzzStream(f *testing.F) {
	llmtest.FuzzProvider(f, func(root, key string, c *http.Client) llm.Provider { return ollama.New(root, key, c) },
		"application/x-ndjson", "*.ndjson")
}
