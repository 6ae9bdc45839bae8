package ollama_test

import (
	"net/http"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/llmtest"
	"parley/backend/llm/ollama"
)

func TestConformance(t *testing.T) {
	llmtest.TestProvider(t, func(root, key string, c *http.Client) llm.Provider { return ollama.New(root, key, c) })
}
