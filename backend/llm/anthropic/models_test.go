package anthropic_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/anthropic"
	"parley/backend/llm/llmtest"
)

// TestModelsPages serves the recorded list in two pages, chosen by after_id,
// and checks every model arrives in the provider's order.
func TestModelsPages(t *testing.T) {
	t.Parallel()
	pages := map[string][]byte{
		"":                         llmtest.Testdata(t, "models.json"),
		"claude-opus-4-1-20250805": llmtest.Testdata(t, "models_page2.json"),
	}
	var mu sync.Mutex
	var seen []*http.Request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Clone(context.Background()))
		mu.Unlock()
		body, ok := pages[r.URL.Query().Get("after_id")]
		if r.Method != http.MethodGet || r.URL.Path != "/v1/models" || !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)

	ids, err := anthropic.New(srv.URL, testKey, srv.Client()).Models(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"claude-sonnet-4-5-20250929", "claude-opus-4-1-20250805", "claude-haiku-4-5-20251001", "claude-3-5-haiku-20241022"}
	if !slices.Equal(ids, want) {
		t.Errorf("models = %q, want %q", ids, want)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 2 {
		t.Fatalf("%d requests, want 2 pages", len(seen))
	}
	for _, r := range seen {
		checkHeaders(t, r.Header)
		if r.URL.Query().Get("limit") != "1000" {
			t.Errorf("limit = %q, want the largest page", r.URL.Query().Get("limit"))
		}
	}
}

func TestModelsErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, contentType, body string
		status                  int
		message, typ            string
	}{
		{"key rejected", "application/json", string(llmtest.Testdata(t, "401.json")), 401, "invalid x-api-key", "authentication_error"},
		{"web page", "text/html", "<!DOCTYPE html><html><title>Sign in</title></html>", 200, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rp := llmtest.ReplayBody(t, tt.status, tt.contentType, []byte(tt.body))
			_, err := anthropic.New(rp.URL, testKey, rp.Client()).Models(context.Background())
			var he *llm.HTTPError
			if !errors.As(err, &he) {
				t.Fatalf("error = %#v, want *llm.HTTPError", err)
			}
			if he.Status != tt.status || he.Message != tt.message || he.Type != tt.typ || he.Endpoint != rp.URL+"/v1/models" {
				t.Errorf("got %+v", he)
			}
			if strings.Contains(err.Error(), testKey) || strings.Contains(err.Error(), "limit=") {
				t.Errorf("error text carries the key or query: %s", err)
			}
		})
	}
}

func TestModelsGarbled(t *testing.T) {
	t.Parallel()
	rp := llmtest.ReplayBody(t, http.StatusOK, "application/json", []byte(`{"data":[{"type":"model","id":"claude-`))
	_, err := anthropic.New(rp.URL, testKey, rp.Client()).Models(context.Background())
	if !errors.As(err, new(*llm.StreamError)) {
		t.Fatalf("error = %#v, want a stream error for a cut list", err)
	}
}

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
