package gemini_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/gemini"
	"parley/backend/llm/llmtest"
)

// testKey is shaped like a real Gemini key; testdata quotes it where Google
// quotes the caller's key.
const testKey = "AIzaSyD-test0key0for0parley0tests0abcd"

// urlRecorder keeps every URL sent, query included, which a server-side
// record of the path alone would not show.
type urlRecorder struct {
	mu   sync.Mutex
	urls []string
}

func (u *urlRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	u.mu.Lock()
	u.urls = append(u.urls, r.URL.String())
	u.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

func (u *urlRecorder) all() []string {
	u.mu.Lock()
	defer u.mu.Unlock()
	return append([]string(nil), u.urls...)
}

// ask streams one user message to model through a client for baseURL.
func ask(t *testing.T, client *http.Client, baseURL, model, text string) llmtest.Reply {
	t.Helper()
	c := gemini.New(baseURL, testKey, client)
	req := llm.Request{Model: model, Messages: []llm.Message{{Role: llm.RoleUser, Content: text}}}
	return llmtest.Ask(t, c, req)
}

// noKeyIn fails when an error's text could show the key to the user.
func noKeyIn(t *testing.T, err error) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), testKey) {
		t.Errorf("error text reveals the key: %v", err)
	}
}
