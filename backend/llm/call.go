package llm

import (
	"errors"
	"net/http"
)

// Target says where a request goes and how its provider words errors. It is
// what an adapter's client.go fills in; the driver does the rest.
type Target struct {
	Protocol Protocol
	// URL is the exact URL called; it may carry a query (a page token) but
	// never a key.
	URL    string
	Header http.Header
	// Key is the key the header carries (empty for none). Every error the
	// driver returns has it scrubbed out of every text.
	Key string
	// Words reads the provider's error vocabulary out of an error body
	// (status is 0 for an error inside a stream). Nil reads the common
	// shapes with [ParseErrorBody] and gives no reason.
	Words func(status int, raw []byte) Words
}

// WithKey is t with its Key, when there is one, in header name of its
// Header (in "Authorization" as a Bearer token). An empty key sends no
// header at all: a local server wants none, and a provider's 401 then
// says that none was sent.
func (t Target) WithKey(name string) Target {
	if t.Key == "" {
		return t
	}
	if t.Header == nil {
		t.Header = http.Header{}
	}
	v := t.Key
	if http.CanonicalHeaderKey(name) == "Authorization" {
		v = "Bearer " + v
	}
	t.Header.Set(name, v)
	return t
}

// Framing says how a stream's body is cut into events.
type Framing int

// The framings providers use.
const (
	// FramingSSE is server-sent events (text/event-stream).
	FramingSSE Framing = iota
	// FramingNDJSON is one JSON object a line (application/x-ndjson).
	FramingNDJSON
)

// State says how far a reply has got after an event.
type State int

// The states an event can leave a reply in.
const (
	// Going: more is to come.
	Going State = iota
	// Finished: the provider said the reply is complete (a finish reason);
	// usage may still follow, so the body is read on to its end.
	Finished
	// Ended: the provider's last event ([DONE], message_stop, done:true);
	// nothing after it is read.
	Ended
)

// Event is one framed unit of a stream: an SSE event (Type is its name) or
// one NDJSON line (Type is empty).
type Event struct {
	Type string
	// Data is the event's own: nothing changes or reuses it once framed (an
	// SSE event's shares the string go-sse made for it, an NDJSON line is
	// a copy), so a decoder may keep strings that share it (jsonscan's
	// ResetShared) and must never write to it.
	Data []byte
	// unterminated marks an event the body ended inside of.
	unterminated bool
}

// Call is one streamed request: the target, the body and the adapter's
// format, which turns the provider's events into chunks.
type Call struct {
	Target
	// Body is encoded as JSON and POSTed.
	Body    any
	Framing Framing
	// Event decodes one event into a chunk (empty ones are not yielded)
	// and says how far the reply has got. An in-stream error is returned
	// as a [*ProviderError] (see [NewProviderError]); any other error is a
	// broken stream.
	Event func(Event) (Chunk, State, error)
	// Whole decodes an answer that came as one JSON document from a server
	// that ignored the request to stream; the chunks are yielded, then the
	// error if not nil. Nil frames a JSON answer like the stream (NDJSON
	// servers answer a single line so).
	Whole func(raw []byte) ([]Chunk, error)
	// Retry, when set, may ask once more with another body after an HTTP
	// error, before anything was shown (a model refusing an option).
	Retry func(*HTTPError) (body any, ok bool)
}

// Conn is what every adapter's client holds: the base URL the user typed,
// the key (empty for none, sent only in the adapter's header) and the HTTP
// client every request goes through.
type Conn struct {
	BaseURL string
	Key     string
	HTTP    *http.Client
}

// ErrEmptyAnswer is a whole answer that holds neither a reply nor an error.
var ErrEmptyAnswer = errors.New("answer holds no reply")

// WholeChunk is what a [Call.Whole] yields for an answer that came as one
// JSON document and reads as the one chunk c: the reply, complete, with
// "stop" as its finish where the server named none; [ErrEmptyAnswer] when
// c has no text, reasoning or finish.
func WholeChunk(c Chunk) ([]Chunk, error) {
	if c.Text == "" && c.Reasoning == "" && c.Finish == "" {
		return nil, ErrEmptyAnswer
	}
	if c.Finish == "" {
		c.Finish = "stop"
	}
	return []Chunk{c}, nil
}
