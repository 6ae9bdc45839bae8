package gemini_test

import (
	"errors"
	"net/http"
	"slices"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/gemini"
	"parley/backend/llm/llmtest"
)

func TestAgainstFakeServerRejectedKey(t *testing.T) {
	t.Parallel()
	fake := llmtest.Serve(t)
	fake.RequireKey("AIzaSy-the-right-key-000000000000000000")
	got := ask(t, http.DefaultClient, fake.URL, "echo", "hi")
	var he *llm.HTTPError
	if !errors.As(got.Err, &he) || he.Status != 400 || he.Code != "API_KEY_INVALID" || he.Message != "API key not valid. Please pass a valid API key." {
		t.Fatalf("error %v, want 400 API_KEY_INVALID", got.Err)
	}
	_, err := gemini.New(fake.URL, testKey, http.DefaultClient).Models(t.Context())
	if !errors.As(err, &he) || he.Code != "API_KEY_INVALID" {
		t.Fatalf("models error %v, want API_KEY_INVALID", err)
	}
	noKeyIn(t, err)
}

func TestAgainstFakeServerModelsFollowsPages(t *testing.T) {
	t.Parallel()
	fake := llmtest.Serve(t)
	names, err := gemini.New(fake.URL, testKey, http.DefaultClient).Models(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"cut", "echo", "html", "overloaded-status", "rate-limited", "reasoning", "slow-first-byte"} {
		if !slices.Contains(names, want) {
			t.Errorf("models %q lack %q", names, want)
		}
	}
	if slices.Contains(names, "text-embedding-004") {
		t.Errorf("models %q include an embedding model", names)
	}
	pages := 0
	for _, r := range fake.Requests() {
		if r.Path == "/v1beta/models" {
			pages++
		}
	}
	if pages < 2 {
		t.Errorf("%d model pages fetched, want every page followed", pages)
	}
}
