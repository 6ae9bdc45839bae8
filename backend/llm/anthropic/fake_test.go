package anthropic_test

import (
	"net/http"
	"slices"
	"testing"

	"parley/backend/llm/anthropic"
	"parley/backend/llm/llmtest"
)

func TestFakeModels(t *testing.T) {
	t.Parallel()
	fake := llmtest.Serve(t)
	ids, err := anthropic.New(fake.URL, testKey, &http.Client{}).Models(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"echo", "reasoning", "overloaded"} {
		if !slices.Contains(ids, name) {
			t.Errorf("models %q lack %q", ids, name)
		}
	}
	reqs := fake.Requests()
	if len(reqs) != 1 || reqs[0].Path != "/v1/models" {
		t.Fatalf("requests = %+v", reqs)
	}
	checkHeaders(t, reqs[0].Header)
}
