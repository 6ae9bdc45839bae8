package llmtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"parley/backend/llm"
	"parley/backend/problem"
)

// NewProvider makes the provider under test for a fake served at root (the
// fake's URL, without any path) with key, sending through client.
type NewProvider func(root, key string, client *http.Client) llm.Provider

// conformanceKey is the key the fake requires in the suite.
const conformanceKey = "sk-conformance-0123456789abcdef"

// TestProvider checks that an adapter keeps the [llm.Provider] contract
// against the fake, in the spirit of testing/fstest.TestFS: every adapter
// runs it through its one line in the table of backend/llm/adapters_test.go.
//
// It covers text, reasoning, usage, tool-call pieces skipped, each error
// status explained, an error mid-stream, a cut stream, the recorded stream
// replayed in uneven pieces, a last event with no blank line after it, an
// error object after the events, a 16 MiB event, cancellation and an early
// stop closing the connection, hostile redirects (hostile.go), stalls
// after the headers and after text, retries, an oversized and an
// unreadable event, the key echoed back (hostile.go) and a proxy quoting
// the request back (proxy.go), and no goroutine left behind.
func TestProvider(t *testing.T, newProvider NewProvider) {
	t.Helper()
	c := &conformance{t: t, fake: Start(), newProvider: newProvider, transport: &http.Transport{}, baseline: connGoroutines()}
	t.Cleanup(c.fake.Close)
	c.fake.RequireKey(conformanceKey)
	c.fake.Handle("tool-call", Scenario{Chunks: []string{"Let me ", "check."}, ToolCall: true})
	c.fake.Handle("big", Scenario{Chunks: []string{strings.Repeat("x", llm.MaxEventSize-4<<10)}})
	for _, tc := range []struct {
		name string
		run  func(*testing.T)
	}{
		{"text", c.text}, {"reasoning", c.reasoning}, {"tool calls", c.toolCalls},
		{"error statuses", c.errorStatuses}, {"error mid-stream", c.midStreamError}, {"cut", c.cut},
		{"uneven pieces", c.uneven}, {"no blank line at the end", c.noFinalBlankLine},
		{"error object after the events", c.errorAfterEvents}, {"16 MiB event", c.bigEvent},
		{"cancel closes the connection", c.cancel}, {"early stop closes the connection", c.earlyStop},
		{"redirects to another origin", c.redirects}, {"redirects within the origin", c.sameOriginRedirect},
		{"a redirect chain leaving the origin", c.redirectChain},
		{"stalls", c.stalls}, {"retries", c.retries}, {"oversized and unreadable events", c.badEvents},
		{"the key echoed back", c.echoes}, {"a proxy echoing the request", c.echoingProxy},
		{"invalid UTF-8 in the answer", c.invalidUTF8},
	} {
		t.Run(tc.name, tc.run)
	}
	t.Run("no goroutine left behind", c.noLeftovers)
}

type conformance struct {
	t           *testing.T
	fake        *Server
	newProvider NewProvider
	// transport carries every request to the fake, so that its
	// connections can be told apart at the end.
	transport *http.Transport
	// baseline counts the HTTP connection goroutines before the suite.
	baseline int
}

func (c *conformance) provider(client *http.Client) llm.Provider {
	if client == nil {
		client = &http.Client{Transport: c.transport}
	}
	return c.newProvider(c.fake.URL, conformanceKey, client)
}

func ask(model string) llm.Request {
	return llm.Request{Model: model, Messages: []llm.Message{{Role: llm.RoleUser, Content: "hello there"}}}
}

func (c *conformance) text(t *testing.T) {
	got := Ask(t, c.provider(nil), ask("echo"))
	if got.Err != nil || got.Text != "You said: hello there — streamed by llmtest." || got.Finish == "" {
		t.Fatalf("got %+v, want the echo, finished", got)
	}
	if got.Usage == nil || got.Usage.InputTokens != 2 || got.Usage.OutputTokens == 0 {
		t.Errorf("usage = %+v, want 2 input tokens and some output", got.Usage)
	}
}

func (c *conformance) reasoning(t *testing.T) {
	got := Ask(t, c.provider(nil), ask("reasoning"))
	if got.Err != nil || got.Reasoning != "Thinking it over." || got.Text != "The answer is 42." {
		t.Fatalf("got %+v, want reasoning then text", got)
	}
}

func (c *conformance) toolCalls(t *testing.T) {
	got := Ask(t, c.provider(nil), ask("tool-call"))
	if got.Err != nil || got.Text != "Let me check." {
		t.Fatalf("got %+v, want the text around a skipped tool call", got)
	}
}

// errorStatuses checks that each kind of refusal reaches the user as the
// problem it is, whatever status and words the protocol uses for it.
func (c *conformance) errorStatuses(t *testing.T) {
	for _, tc := range []struct {
		typ    string
		status int
		want   []problem.Kind
	}{
		{ErrAuth, 401, []problem.Kind{problem.KindAuth}},
		{ErrForbidden, 403, []problem.Kind{problem.KindForbidden, problem.KindModel}},
		{ErrNotFound, 404, []problem.Kind{problem.KindModel, problem.KindNotFound}},
		{ErrRateLimit, 429, []problem.Kind{problem.KindRateLimit}},
		{ErrQuota, 429, []problem.Kind{problem.KindQuota}},
		{ErrBadRequest, 400, []problem.Kind{problem.KindBadRequest}},
		{ErrServer, 500, []problem.Kind{problem.KindServer}},
		{ErrOverloaded, 529, []problem.Kind{problem.KindOverloaded}},
	} {
		model := "status-" + tc.typ
		c.fake.Handle(model, Scenario{Status: tc.status, ErrorType: tc.typ})
		got := Ask(t, c.provider(nil), ask(model))
		var he *llm.HTTPError
		if !errors.As(got.Err, &he) || he.Protocol == "" {
			t.Errorf("%s: error %v, want an HTTPError naming its protocol", tc.typ, got.Err)
			continue
		}
		if p := problem.From(got.Err); !contains(tc.want, p.Kind) || p.Fix == "" {
			t.Errorf("%s: problem %s %q, want one of %v with a fix", tc.typ, p.Kind, p.Title, tc.want)
		}
	}
	got := Ask(t, c.newProvider(c.fake.URL, "sk-wrong-key-0000000000", &http.Client{Transport: c.transport}), ask("echo"))
	if p := problem.From(got.Err); p == nil || p.Kind != problem.KindAuth {
		t.Errorf("a wrong key: %v, want the key rejected", got.Err)
	}
	got = Ask(t, c.provider(nil), ask("html"))
	if p := problem.From(got.Err); p == nil || p.Kind != problem.KindHTML {
		t.Errorf("an HTML page: %v, want it named", got.Err)
	}
}

func contains(kinds []problem.Kind, k problem.Kind) bool {
	for _, v := range kinds {
		if v == k {
			return true
		}
	}
	return false
}

func (c *conformance) midStreamError(t *testing.T) {
	got := Ask(t, c.provider(nil), ask("overloaded"))
	var pe *llm.ProviderError
	if !errors.As(got.Err, &pe) || pe.Message != "The server is overloaded, please retry." || got.Text != "Partial answer " {
		t.Fatalf("got %+v, want the text then the provider's error", got)
	}
}

func (c *conformance) cut(t *testing.T) {
	got := Ask(t, c.provider(nil), ask("cut"))
	var se *llm.StreamError
	if !errors.As(got.Err, &se) || got.Text != "This answer will " {
		t.Fatalf("got %+v, want the text then a broken stream", got)
	}
	if p := problem.From(got.Err); p.Kind != problem.KindStreamBroken {
		t.Errorf("problem %s, want stream_broken", p.Kind)
	}
}

// record answers model once through the fake and returns the raw body as
// it came off the wire, with its status and content type.
func (c *conformance) record(t *testing.T, model string) (int, string, []byte) {
	t.Helper()
	tap := &tapTransport{next: c.transport}
	Ask(t, c.provider(&http.Client{Transport: tap}), ask(model))
	return tap.status, tap.contentType, tap.body.Bytes()
}

// replayed answers req with body in uneven pieces, through the adapter.
func (c *conformance) replayed(t *testing.T, status int, contentType string, body []byte) Reply {
	t.Helper()
	rp := ReplayBody(t, status, contentType, body)
	return Ask(t, c.newProvider(rp.URL, conformanceKey, rp.Client()), ask("reasoning"))
}

func (c *conformance) uneven(t *testing.T) {
	status, ct, body := c.record(t, "reasoning")
	got := c.replayed(t, status, ct, body)
	if got.Err != nil || got.Reasoning != "Thinking it over." || got.Text != "The answer is 42." {
		t.Fatalf("got %+v, want the recorded reply whole", got)
	}
}

func (c *conformance) noFinalBlankLine(t *testing.T) {
	status, ct, body := c.record(t, "reasoning")
	got := c.replayed(t, status, ct, bytes.TrimRight(body, "\r\n"))
	if got.Err != nil || got.Text != "The answer is 42." || got.Finish == "" {
		t.Fatalf("got %+v, want the reply complete with its last event", got)
	}
}

// errorAfterEvents replays the events of a stream that broke off, followed
// by the protocol's error object for an exhausted quota, written outside
// the framing as some servers do.
func (c *conformance) errorAfterEvents(t *testing.T) {
	status, ct, body := c.record(t, "cut")
	c.fake.Handle("after-quota", Scenario{Status: 429, ErrorType: ErrQuota})
	_, _, errBody := c.record(t, "after-quota")
	got := c.replayed(t, status, ct, append(append(body, errBody...), '\n'))
	if got.Text != "This answer will " {
		t.Errorf("text = %q, want what came before the error", got.Text)
	}
	if p := problem.From(got.Err); p == nil || p.Kind != problem.KindQuota {
		t.Fatalf("error %v, want the provider's quota error", got.Err)
	}
}

func (c *conformance) bigEvent(t *testing.T) {
	got := Ask(t, c.provider(nil), ask("big"))
	if got.Err != nil || len(got.Text) != llm.MaxEventSize-4<<10 {
		t.Fatalf("error %v, %d bytes of text, want %d", got.Err, len(got.Text), llm.MaxEventSize-4<<10)
	}
}

func (c *conformance) cancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var text string
	var err error
	for chunk, e := range c.provider(nil).Stream(ctx, ask("slow")) {
		if e != nil {
			err = e
			break
		}
		text += chunk.Text
		cancel()
	}
	if text == "" || !errors.Is(err, context.Canceled) {
		t.Errorf("text %q, error %v; want some text, then context.Canceled", text, err)
	}
	if p := problem.From(err); p == nil || p.Kind != problem.KindCanceled {
		t.Errorf("problem %v, want canceled", p)
	}
	c.waitHungUp(t)
}

func (c *conformance) earlyStop(t *testing.T) {
	for _, err := range c.provider(nil).Stream(context.Background(), ask("slow")) {
		if err != nil {
			t.Errorf("the first piece is an error: %v", err)
		}
		break
	}
	c.waitHungUp(t)
}

// waitHungUp waits until the fake serves no request: the client closed
// its connection.
func (c *conformance) waitHungUp(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for c.fake.Active() > 0 {
		if time.Now().After(deadline) {
			t.Fatal("the fake is still streaming: the connection was not closed")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// noLeftovers fails while a goroutine runs code of backend/llm outside a
// test, or while more HTTP connections live than before the suite once its
// idle ones are closed: a stream whose body was never closed.
func (c *conformance) noLeftovers(t *testing.T) {
	c.transport.CloseIdleConnections()
	deadline := time.Now().Add(10 * time.Second)
	for {
		left := leftovers()
		if n := connGoroutines(); n > c.baseline {
			left += fmt.Sprintf("\n%d HTTP connection goroutines, %d before the suite", n, c.baseline)
		}
		if left == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("goroutines left behind:\n%s", left)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// connGoroutines counts the goroutines that keep client connections.
func connGoroutines() int {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	return strings.Count(string(buf), "net/http.(*persistConn).readLoop(")
}

func leftovers() string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var left []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "parley/backend/llm") && !strings.Contains(g, "testing.tRunner") &&
			!strings.Contains(g, "llmtest.(*Server)") && !strings.Contains(g, "llmtest.newReplay") {
			left = append(left, g)
		}
	}
	return strings.Join(left, "\n\n")
}

// tapTransport keeps the status, content type and raw body of the last
// answer it carried, cut or whole.
type tapTransport struct {
	next        http.RoundTripper
	mu          sync.Mutex
	status      int
	contentType string
	body        bytes.Buffer
}

func (tp *tapTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	res, err := tp.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	tp.mu.Lock()
	tp.status, tp.contentType = res.StatusCode, res.Header.Get("Content-Type")
	tp.body.Reset()
	tp.mu.Unlock()
	res.Body = struct {
		io.Reader
		io.Closer
	}{io.TeeReader(res.Body, &tp.body), res.Body}
	return res, nil
}
