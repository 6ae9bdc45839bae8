package openai_test

import (
	"net/http"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/llmtest"
	"parley/backend/llm/openai"
)

func TestConformance(t *testing.T) {
	llmtest.TestProvider(t, func(root, key string, c *http.Client) llm.Provider { return openai.New(root+"/v1", key, c) })
}
