package openai_test

import (
	"net/http"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/llmtest"
	"parley/backend/llm/openai"
)

// FuzzStream fuzzes the openai stream decoder and the driver's framing under
// it, from the recorded streams in testdata/ (make fuzz runs it).
func FuzzStream(f *testing.F) {
	llmtest.FuzzProvider(f, func(root, key string, c *http.Client) llm.Provider { return openai.New(root+"/v1", key, c) },
		"text/event-stream", "*.sse")
}
