package anthropic_test

import (
	"net/http"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/anthropic"
	"parley/backend/llm/llmtest"
)

func TestConformance(t *testing.T) {
	llmtest.TestProvider(t, func(root, key string, c *http.Client) llm.Provider { return anthropic.New(root, key, c) })
}
