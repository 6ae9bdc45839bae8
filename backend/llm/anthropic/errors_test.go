package anthropic_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/anthropic"
	"parley/backend/llm/llmtest"
)

func TestHTMLInsteadOfStream(t *testing.T) {
	t.Parallel()
	rp := llmtest.ReplayBody(t, http.StatusOK, "text/html; charset=utf-8", []byte(llmtest.HTMLErrorPage))
	got := llmtest.Ask(t, anthropic.New(rp.URL, testKey, rp.Client()), ask)
	var he *llm.HTTPError
	if !errors.As(got.Err, &he) || he.ContentType != "text/html" || !strings.Contains(he.Body, "502 Bad Gateway") {
		t.Fatalf("error = %#v, want an HTTPError keeping the page", got.Err)
	}
}

// TestErrorIn200 covers a relay that answers 200 with Anthropic's error body
// instead of a stream: it is the provider's error, not an empty reply.
func TestErrorIn200(t *testing.T) {
	t.Parallel()
	rp := llmtest.ReplayFile(t, http.StatusOK, "application/json", "529.json")
	got := llmtest.Ask(t, anthropic.New(rp.URL, testKey, rp.Client()), ask)
	var pe *llm.ProviderError
	if !errors.As(got.Err, &pe) || pe.Message != "Overloaded" || pe.Type != "overloaded_error" {
		t.Fatalf("error = %#v, want the provider's overloaded_error", got.Err)
	}
}
