package dashscope_test

import (
	"net/http"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/dashscope"
	"parley/backend/llm/llmtest"
)

// FuzzStream fuzzes the dashscope stream decoder and the driver's framing under
// it, from the recorded streams in testdata/ (make fuzz runs it).
func FuzzStream(f *testing.F) {
	llmtest.FuzzProvider(f, func(root, key string, c *http.Client) llm.Provider { return dashscope.New(root, key, c) },
		"text/event-stream", "*.sse")
}
