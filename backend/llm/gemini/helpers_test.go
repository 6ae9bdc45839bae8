package gemini_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/gemini"
)

// testKey is shaped like a real Gemini key; testdata quotes it where Google
// quotes the caller's key.
const testKey = "AIzaSyD-test0key0for0parley0tests0abcd"

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

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

// reply is what a stream assembled into, as the chat layer would see it.
type reply struct {
	text, reasoning, finish string
	usage                   *llm.Usage
	err                     error
}

// collect drains a stream and checks the provider contract on the way: no
// chunk comes with an error, and nothing comes after an error.
func collect(t *testing.T, seq func(func(llm.Chunk, error) bool)) reply {
	t.Helper()
	var r reply
	for c, err := range seq {
		if r.err != nil {
			t.Fatalf("yielded after the error %v: %+v, %v", r.err, c, err)
		}
		if err != nil {
			if c != (llm.Chunk{}) {
				t.Errorf("chunk %+v yielded together with error %v", c, err)
			}
			r.err = err
			continue
		}
		r.text += c.Text
		r.reasoning += c.Reasoning
		if c.Usage != nil {
			r.usage = c.Usage
		}
		if c.Finish != "" {
			r.finish = c.Finish
		}
	}
	return r
}

// ask streams one user message to model through a client for baseURL.
func ask(t *testing.T, client *http.Client, baseURL, model, text string) reply {
	t.Helper()
	c := gemini.New(baseURL, testKey, client)
	req := llm.Request{Model: model, Messages: []llm.Message{{Role: llm.RoleUser, Content: text}}}
	return collect(t, c.Stream(context.Background(), req))
}

// noKeyIn fails when an error's text could show the key to the user.
func noKeyIn(t *testing.T, err error) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), testKey) {
		t.Errorf("error text reveals the key: %v", err)
	}
}
