package dashscope_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"parley/backend/llm/dashscope"
	"parley/backend/llm/llmtest"
)

func TestModelsFromFake(t *testing.T) {
	t.Parallel()
	srv := llmtest.Start()
	t.Cleanup(srv.Close)
	ids, err := dashscope.New(srv.URL, testKey, http.DefaultClient).Models(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(ids, "echo") || !slices.Contains(ids, "reasoning") || !slices.IsSorted(ids) {
		t.Errorf("models %q", ids)
	}
}
