package llmtest

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// Replay is a server that answers every request with one recorded body,
// written in uneven pieces with a flush after each, so parsers meet events
// split at every awkward place: mid-line, mid-field, mid-UTF-8 character.
type Replay struct {
	*httptest.Server

	mu       sync.Mutex
	requests []Recorded
}

// pieceSizes cycles to cut a body unevenly.
var pieceSizes = []int{1, 7, 3, 64, 2, 13, 5, 256, 11}

// NewReplay starts a replay of body with the given status and content type.
// Close it when done.
func NewReplay(status int, contentType string, body []byte) *Replay {
	return newReplay(status, contentType, body, writeUneven)
}

// NewReplayWhole is [NewReplay] writing the body at once, for bodies too
// large to cut into small pieces in reasonable time.
func NewReplayWhole(status int, contentType string, body []byte) *Replay {
	return newReplay(status, contentType, body, func(w http.ResponseWriter, b []byte) { _, _ = w.Write(b) })
}

func newReplay(status int, contentType string, body []byte, write func(http.ResponseWriter, []byte)) *Replay {
	rp := &Replay{}
	rp.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw := make([]byte, 0, 1024)
		buf := make([]byte, 4096)
		for {
			n, err := r.Body.Read(buf)
			raw = append(raw, buf[:n]...)
			if err != nil {
				break
			}
		}
		rp.mu.Lock()
		rp.requests = append(rp.requests, Recorded{Path: r.URL.Path, Header: r.Header.Clone(), Body: string(raw)})
		rp.mu.Unlock()
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		write(w, body)
	}))
	return rp
}

// Only is the one request the replay received, and fails t (at once)
// unless it received exactly one.
func (rp *Replay) Only(t testing.TB) Recorded {
	t.Helper()
	reqs := rp.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1: %+v", len(reqs), reqs)
	}
	return reqs[0]
}

// Requests returns what the replay has received so far.
func (rp *Replay) Requests() []Recorded {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	return append([]Recorded(nil), rp.requests...)
}

func writeUneven(w http.ResponseWriter, body []byte) {
	f, _ := w.(http.Flusher)
	for i := 0; len(body) > 0; i++ {
		n := min(pieceSizes[i%len(pieceSizes)], len(body))
		_, _ = w.Write(body[:n])
		if f != nil {
			f.Flush()
		}
		body = body[n:]
	}
}
