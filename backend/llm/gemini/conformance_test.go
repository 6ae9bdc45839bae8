package gemini_test

import (
	"net/http"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/gemini"
	"parley/backend/llm/llmtest"
)

func TestConformance(t *testing.T) {
	llmtest.TestProvider(t, func(root, key string, c *http.Client) llm.Provider { return gemini.New(root, key, c) })
}
