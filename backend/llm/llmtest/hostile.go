package llmtest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"parley/backend/llm"
	"parley/backend/problem"
)

// Elsewhere is a server on another origin than the fake, which records
// whatever reaches it: where a hostile redirect points. Nothing of a
// request (no credential, no body) may ever arrive there.
type Elsewhere struct {
	*httptest.Server

	mu  sync.Mutex
	got []Recorded
}

// StartElsewhere runs an [Elsewhere] on loopback; close it when done.
func StartElsewhere() *Elsewhere {
	e := &Elsewhere{}
	e.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		e.mu.Lock()
		e.got = append(e.got, Recorded{Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: string(body)})
		e.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"ok":true}`)
	}))
	return e
}

// Received returns what reached e so far.
func (e *Elsewhere) Received() []Recorded {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]Recorded(nil), e.got...)
}

// credentialHeaders are the headers that carry a key or a login in any
// protocol Parley speaks, or that a relay might accept one in.
var credentialHeaders = []string{"Authorization", "X-Api-Key", "X-Goog-Api-Key", "Api-Key", "Proxy-Authorization", "Cookie"}

// Leaks says what of key a request carried: a credential header, the key
// (or 8 of its characters) anywhere in its URL, headers or body, or a body.
func Leaks(r Recorded, key string) []string {
	var out []string
	for _, h := range credentialHeaders {
		if r.Header.Get(h) != "" {
			out = append(out, "header "+h)
		}
	}
	all := r.Path + "?" + r.Query + " " + fmt.Sprint(r.Header) + " " + r.Body
	if KeyIn(all, key) != "" {
		out = append(out, "the key")
	}
	if r.Body != "" {
		out = append(out, fmt.Sprintf("a body of %d bytes", len(r.Body)))
	}
	return out
}

// KeyIn returns the first run of 8 of key's characters that s holds, ""
// when it holds none.
func KeyIn(s, key string) string {
	for i := 0; i+8 <= len(key); i++ {
		if strings.Contains(s, key[i:i+8]) {
			return key[i : i+8]
		}
	}
	return ""
}

// problemText is every text of p a user can see: p as the window gets it
// (its facts and allowed models too) and as the CLI prints it.
func problemText(p *problem.Problem) string {
	b, _ := json.Marshal(p)
	return string(b) + "\n" + p.Error()
}

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// redirects sends the fake's answers elsewhere in every hostile way: to
// another host with each redirect status, to a refused port with the key in
// the query, with the key as user info. None is followed: the problem names
// both URLs and not the key, and nothing arrives elsewhere.
func (c *conformance) redirects(t *testing.T) {
	away := StartElsewhere()
	defer away.Close()
	other := strings.Replace(away.URL, "127.0.0.1", "localhost", 1) // another host name, another port
	tests := []struct {
		name, to string
		status   int
	}{
		{"301 to another host", other + "/v1/chat/completions", http.StatusMovedPermanently},
		{"302 to another host", other + "/v1/messages", http.StatusFound},
		{"307 to another port", away.URL + "/api/chat", http.StatusTemporaryRedirect},
		{"308 to another port", away.URL + "/v1beta/models/m:streamGenerateContent?alt=sse", http.StatusPermanentRedirect},
		{"307 to https", strings.Replace(c.fake.URL, "http://", "https://", 1) + "/v1/chat/completions", http.StatusTemporaryRedirect},
		{"to a refused port, the key in the query", "http://" + closedPort(t) + "/v1?key=" + conformanceKey + "&k2=" + conformanceKey[4:20], http.StatusTemporaryRedirect},
		{"the key as user info", "http://user:" + conformanceKey + "@" + strings.TrimPrefix(away.URL, "http://") + "/v1", http.StatusFound},
	}
	for i, tc := range tests {
		model := fmt.Sprintf("redirect-%d", i)
		c.fake.Handle(model, Scenario{Redirect: tc.to, RedirectStatus: tc.status})
		got := Ask(t, c.provider(nil), ask(model))
		var re *llm.RedirectError
		if !errors.As(got.Err, &re) || re.Status != tc.status {
			t.Errorf("%s: error %v, want a redirect of HTTP %d not followed", tc.name, got.Err, tc.status)
			continue
		}
		p := problem.From(got.Err)
		target, _ := url.Parse(tc.to)
		if p.Kind != problem.KindRedirect || !strings.Contains(p.Detail, c.fake.URL) || !strings.Contains(p.Detail, target.Host) ||
			!strings.Contains(p.Fix, "base URL") {
			t.Errorf("%s: problem %+v, want both URLs named and the base URL questioned", tc.name, p)
		}
		if k := KeyIn(problemText(p)+got.Err.Error(), conformanceKey); k != "" {
			t.Errorf("%s: the problem holds %q of the key: %s", tc.name, k, problemText(p))
		}
	}
	for _, r := range away.Received() {
		t.Errorf("a request reached the other origin (%s): %v", r.Path, Leaks(r, conformanceKey))
	}
}

// sameOriginRedirect moves the API to another path of the same server:
// 307 and 308 are followed with the body and the key.
func (c *conformance) sameOriginRedirect(t *testing.T) {
	for _, status := range []int{http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		model := fmt.Sprintf("moved-%d", status)
		c.fake.Handle(model, Scenario{Chunks: []string{"Moved ", "along."}})
		if got := Ask(t, c.provider(nil), ask(model)); got.Err != nil {
			t.Fatalf("%s before the move: %v", model, got.Err)
		}
		reqs := c.fake.Requests()
		last := reqs[len(reqs)-1]
		to := c.fake.URL + "/moved" + last.Path
		if last.Query != "" {
			to += "?" + last.Query
		}
		c.fake.Handle(model, Scenario{Chunks: []string{"Moved ", "along."}, Redirect: to, RedirectStatus: status, First: 1})
		before := c.requestsFor(model)
		got := Ask(t, c.provider(nil), ask(model))
		if got.Err != nil || got.Text == "" {
			t.Errorf("HTTP %d within the origin: %+v, want the answer from where it moved", status, got)
			continue
		}
		// The fake requires the key, so the answer shows it went along; the
		// second request is the moved one, with the conversation.
		reqs = c.fake.Requests()
		if moved := reqs[len(reqs)-1]; c.requestsFor(model)-before != 2 || !strings.Contains(moved.Body, "hello there") {
			t.Errorf("HTTP %d: %d requests, the last with body %q; want the conversation re-posted once", status, c.requestsFor(model)-before, moved.Body)
		}
	}
}

// quick is a network that gives up fast, for the stall cases.
var quick = llm.Network{Timeouts: llm.Timeouts{Connect: 5 * time.Second, FirstByte: 300 * time.Millisecond, Idle: 300 * time.Millisecond}}

// stalls holds the connection open and silent after the headers, and
// after some text: each ends by its own timeout, named as such, the text
// that arrived kept.
func (c *conformance) stalls(t *testing.T) {
	c.fake.Handle("stall-headers", Scenario{Stall: true, Chunks: []string{"never"}})
	c.fake.Handle("stall-text", Scenario{Stall: true, StallAfter: 2, Chunks: []string{"Some ", "text ", "never"}})
	for _, tc := range []struct {
		model, text string
		phase       llm.Phase
		id          problem.WordsID
	}{
		{"stall-headers", "", llm.PhaseFirstByte, "timeout.first_byte"},
		{"stall-text", "Some text ", llm.PhaseIdle, "stream_broken.idle"},
	} {
		got := AskUnder(t, quick, c.provider(nil), ask(tc.model))
		var te *llm.TimeoutError
		if !errors.As(got.Err, &te) || te.Phase != tc.phase || got.Text != tc.text {
			t.Errorf("%s: %+v (error %v), want the %s timeout after %q", tc.model, got, got.Err, tc.phase, tc.text)
			continue
		}
		if p := problem.From(got.Err); p.WordsID != tc.id || !strings.Contains(p.Title+p.Detail, "300 ms") {
			t.Errorf("%s: problem %s %q %q, want %s naming the wait", tc.model, p.WordsID, p.Title, p.Detail, tc.id)
		}
	}
	c.waitHungUp(t)
}

// retries fails the first requests in ways that pass: each is retried
// (announced first) until the answer arrives, once; a quota is not
// retried, a Retry-After is honoured, and nothing is retried once text
// arrived.
func (c *conformance) retries(t *testing.T) {
	var mu sync.Mutex
	var notices []llm.RetryNotice
	n := llm.Network{Retry: llm.Retry{Max: 3, Base: time.Millisecond, Cap: 5 * time.Second},
		OnRetry: func(r llm.RetryNotice) { mu.Lock(); notices = append(notices, r); mu.Unlock() }}
	c.fake.Handle("flaky-503", Scenario{Status: 503, ErrorType: ErrOverloaded, First: 2, Chunks: []string{"Back ", "again."}})
	c.fake.Handle("flaky-429", Scenario{Status: 429, ErrorType: ErrRateLimit, RetryAfter: "1", First: 1, Chunks: []string{"Waited."}})
	c.fake.Handle("flaky-reset", Scenario{Reset: true, First: 1, Chunks: []string{"Reconnected."}})
	c.fake.Handle("flaky-quota", Scenario{Status: 429, ErrorType: ErrQuota, First: 1, Chunks: []string{"no"}})
	c.fake.Handle("flaky-later", Scenario{Status: 503, ErrorType: ErrOverloaded, RetryAfter: "3600", First: 1, Chunks: []string{"no"}})
	for _, tc := range []struct {
		model, text string
		tries       int
		wait        time.Duration // the first notice's wait, when it must be the server's
	}{
		{"flaky-503", "Back again.", 3, 0},
		{"flaky-429", "Waited.", 2, time.Second},
		{"flaky-reset", "Reconnected.", 2, 0},
		{"flaky-quota", "", 1, 0},
		{"flaky-later", "", 1, 0},
		{"overloaded", "Partial answer ", 1, 0},
	} {
		mu.Lock()
		notices = nil
		mu.Unlock()
		before := c.requestsFor(tc.model)
		got := AskUnder(t, n, c.provider(nil), ask(tc.model))
		tries := c.requestsFor(tc.model) - before
		mu.Lock()
		seen := append([]llm.RetryNotice(nil), notices...)
		mu.Unlock()
		switch {
		case got.Text != tc.text:
			t.Errorf("%s: text %q (error %v), want %q", tc.model, got.Text, got.Err, tc.text)
		case tries != tc.tries || len(seen) != tc.tries-1:
			t.Errorf("%s: %d requests and %d notices, want %d and %d", tc.model, tries, len(seen), tc.tries, tc.tries-1)
		case tc.wait != 0 && seen[0].In != tc.wait:
			t.Errorf("%s: the retry waits %s, want the server's Retry-After, %s", tc.model, seen[0].In, tc.wait)
		case tc.text == "" && got.Err == nil:
			t.Errorf("%s: no error, want the failure shown", tc.model)
		}
		for i, r := range seen {
			if r.Attempt != i+1 || r.Max != 3 || r.Err == nil {
				t.Errorf("%s: notice %d is %+v", tc.model, i, r)
			}
		}
	}
}

// requestsFor counts the requests the fake received for model (in the
// body, or in Gemini's path).
func (c *conformance) requestsFor(model string) int {
	n := 0
	for _, r := range c.fake.Requests() {
		if strings.Contains(r.Body, `"`+model+`"`) || strings.Contains(r.Path, "/"+model+":") {
			n++
		}
	}
	return n
}

// badEvents replays a stream whose event is too large, and one whose
// event is not JSON: each is named as what it is.
func (c *conformance) badEvents(t *testing.T) {
	status, ct, _ := c.record(t, "echo")
	ndjson := strings.Contains(ct, "json")
	frame := func(data string) []byte {
		if ndjson {
			return []byte(data + "\n")
		}
		return []byte("data: " + data + "\n\n")
	}
	for _, tc := range []struct {
		name string
		body []byte
		id   problem.WordsID
	}{
		{"oversized", frame(`{"x":"` + strings.Repeat("x", llm.MaxEventSize+8<<10) + `"}`), "stream_broken.too_large"},
		{"not JSON", frame(`{"choices": [oops`), "stream_broken.unreadable"},
	} {
		rp := NewReplayWhole(status, ct, tc.body)
		got := Ask(t, c.newProvider(rp.URL, conformanceKey, rp.Client()), ask("m"))
		rp.Close()
		if p := problem.From(got.Err); p == nil || p.WordsID != tc.id {
			t.Errorf("%s: %v, want %s", tc.name, got.Err, tc.id)
		}
	}
}

// disguise is the key as a hostile server gives it back: echoed is what
// the server writes, betrays what must not reach the user of it.
type disguise struct{ name, echoed, betrays string }

// disguises are the ways a server may echo the key in its words: whole,
// upper-cased, base64'd (alone, and as the "Bearer …" header it came in,
// where only the key's part betrays it), URL-encoded, JSON-escaped.
func disguises(key string) []disguise {
	bearer := base64.StdEncoding.EncodeToString([]byte("Bearer " + key))
	inKey := base64.RawStdEncoding.EncodeToString([]byte(key[2:])) // "Bearer " is 7 bytes: key[2:] starts a group
	var escaped strings.Builder
	for _, r := range key {
		fmt.Fprintf(&escaped, `\u%04x`, r)
	}
	return []disguise{
		{"whole", key, key},
		{"upper-cased", strings.ToUpper(key), strings.ToUpper(key)},
		{"base64", base64.StdEncoding.EncodeToString([]byte(key)), base64.RawStdEncoding.EncodeToString([]byte(key))},
		{"the header base64'd", bearer, inKey[:len(inKey)-1]},
		{"URL-encoded", urlEscapeAll(key), urlEscapeAll(key)},
		{"JSON-escaped", escaped.String(), escaped.String()},
	}
}

func base64Of(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// urlEscapeAll percent-encodes every byte of s, as a server quoting a URL
// it was given may.
func urlEscapeAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "%%%02X", s[i])
	}
	return b.String()
}

// keyCut is key in pieces of 1 to 5 bytes, as a model echoing it token by
// token streams it.
func keyCut(key string) []string {
	var pieces []string
	for i, n := 0, 1; i < len(key); i, n = i+n, n%5+1 {
		pieces = append(pieces, key[i:min(i+n, len(key))])
	}
	return pieces
}

// echoes gives the key back in every way a hostile server can: in the
// answer and its reasoning, cut across events; in each disguise inside a
// JSON error (also as a model the key may use), a plain-text error and a
// web page; as the name of a model.
// The user gets none of it, and everything around it.
func (c *conformance) echoes(t *testing.T) {
	cut := keyCut(conformanceKey)
	c.fake.Handle("echo-key", Scenario{
		Reasoning: append(append([]string{"The header was "}, cut...), "."),
		Chunks:    append(append([]string{"Your key is "}, cut...), " — keep it safe.")})
	got := Ask(t, c.provider(nil), ask("echo-key"))
	if got.Err != nil || !strings.HasPrefix(got.Text, "Your key is ") || !strings.HasSuffix(got.Text, " — keep it safe.") ||
		!strings.HasPrefix(got.Reasoning, "The header was ") {
		t.Errorf("the key echoed in the answer: %+v, want the answer around it", got)
	}
	if k := KeyIn(got.Text+got.Reasoning, conformanceKey); k != "" {
		t.Errorf("the answer holds %q of the key: %q / %q", k, got.Reasoning, got.Text)
	}
	for i, d := range disguises(conformanceKey) {
		for j, sc := range []Scenario{
			{Status: 401, ErrorType: ErrAuth, ErrorMessage: "Incorrect API key provided: " + d.echoed},
			{Status: 403, ErrorType: ErrForbidden, ErrorMessage: "free accounts may only use these models: gpt-4o, " + d.echoed + ", gpt-4o-mini"},
			{Status: 401, Body: "invalid key " + d.echoed, ContentType: "text/plain"},
			{Status: 403, Body: "<html><head><title>Denied " + d.echoed + "</title></head><body>" + d.echoed + "</body></html>", ContentType: "text/html"},
		} {
			model := fmt.Sprintf("echo-%d-%d", i, j)
			c.fake.Handle(model, sc)
			got := Ask(t, c.provider(nil), ask(model))
			p := problem.From(got.Err)
			if p == nil {
				t.Errorf("%s, body %d: no problem", d.name, j)
				continue
			}
			if k := KeyIn(problemText(p)+got.Err.Error(), d.betrays); k != "" {
				t.Errorf("%s, body %d: the problem holds %q: %s", d.name, j, k, problemText(p))
			}
		}
	}
	c.fake.Handle("named-"+conformanceKey, Scenario{Chunks: []string{"hi"}})
	if lister, ok := c.provider(nil).(llm.ModelLister); ok {
		names, err := lister.Models(t.Context())
		if list := strings.Join(names, " "); err != nil || !strings.Contains(list, "echo-key") || KeyIn(list, conformanceKey) != "" {
			t.Errorf("a model named after the key: %q (%v), want every model listed, that one masked", list, err)
		}
	}
}

// invalidUTF8 replays the recorded answer with bytes in its text that are
// not UTF-8: each reads as U+FFFD, and the rest of the answer arrives whole,
// without an error, so nothing around them is lost and what is stored and
// shown is valid text.
func (c *conformance) invalidUTF8(t *testing.T) {
	status, ct, body := c.record(t, "reasoning")
	body = bytes.Replace(body, []byte("answer"), []byte("ans\xff\xc3wer"), 1)
	got := c.replayed(t, status, ct, body)
	if got.Err != nil || got.Text != "The ans\uFFFD\uFFFDwer is 42." || got.Reasoning != "Thinking it over." {
		t.Errorf("got %+v, want the answer with U+FFFD for each byte that is not UTF-8", got)
	}
}

// redirectChain moves the API within its origin first, then from there to
// another origin: the first hop is followed, the second is not, and
// nothing of the request reaches the other origin.
func (c *conformance) redirectChain(t *testing.T) {
	away := StartElsewhere()
	defer away.Close()
	hops := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rest, ok := strings.CutPrefix(r.URL.Path, "/hop"); ok {
			http.Redirect(w, r, away.URL+rest+"?key="+conformanceKey, http.StatusTemporaryRedirect)
			return
		}
		http.Redirect(w, r, "/hop"+r.URL.RequestURI(), http.StatusPermanentRedirect)
	}))
	defer hops.Close()
	got := Ask(t, c.newProvider(hops.URL, conformanceKey, hops.Client()), ask("m"))
	var re *llm.RedirectError
	if !errors.As(got.Err, &re) || re.Status != http.StatusTemporaryRedirect || !strings.Contains(re.To, away.URL) {
		t.Errorf("error %v, want the second hop, to another origin, not followed", got.Err)
	}
	if k := KeyIn(problemText(problem.From(got.Err))+got.Err.Error(), conformanceKey); k != "" {
		t.Errorf("the problem holds %q of the key", k)
	}
	for _, r := range away.Received() {
		t.Errorf("a request reached the other origin (%s): %v", r.Path, Leaks(r, conformanceKey))
	}
}
