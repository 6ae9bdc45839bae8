package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
)

// maxErrorBody bounds how much of an error body is read and kept.
const maxErrorBody = 64 << 10

// MaxEventSize is the largest single stream event adapters accept, counted
// as the event's data alone (its `data: ` framing does not count). Providers
// send whole tool-call arguments or long reasoning blocks in one event, so
// the 64 KB default of most SSE readers is far too small.
const MaxEventSize = 16 << 20

// Stream sends call and yields the reply as it arrives, as [Provider]
// promises: chunks until the reply is complete, or one error and nothing
// after it. It is the one stream driver of every adapter:
//
//   - a transport failure is a [*RequestError] (a proxy's a [*ProxyError]
//     inside it), a non-2xx answer an [*HTTPError] in the provider's words;
//   - a 2xx answer of another media type than the protocol's (an HTML page
//     from a proxy or a login portal) is an [*HTTPError] too;
//   - the reply is complete only after a terminal event ([Finished] or
//     [Ended]); a body that ends before is a [*StreamError] wrapping
//     [ErrStreamIncomplete];
//   - a final event the body ends inside of (no blank line or newline after
//     it) is still delivered, and an error object left after the events
//     (not framed as an event) is reported, not dropped;
//   - cancelling ctx, or stopping the range loop, closes the connection;
//     a cancelled context is reported as such, not as a broken stream;
//   - the answer's text and reasoning, and every error's texts, have
//     call.Key scrubbed out, however the key is cut across events (and
//     errors the login of the proxy the call goes through); a
//     [*ProviderError] says whether answer text had arrived before it and
//     whether the request carried a key.
//
// The sequence is meant to be ranged over once.
func Stream(ctx context.Context, client *http.Client, call Call) iter.Seq2[Chunk, error] {
	return func(yield func(Chunk, error) bool) {
		client := guarded(client)
		d := newDriver(ctx, client, call)
		started, going := false, true
		scrub := newChunkScrub(call.Key)
		d.run(client, func(c Chunk, err error) bool {
			if err != nil {
				var pe *ProviderError
				if errors.As(err, &pe) {
					pe.Started, pe.NoKey = started, call.Key == ""
				}
				if rest := scrub.rest(); rest != (Chunk{}) && !yield(rest, nil) {
					return false
				}
				going = false
				return yield(Chunk{}, d.scrub(d.stamp(err)))
			}
			started = started || c.Text != "" || c.Reasoning != ""
			if c = scrub.chunk(c); c == (Chunk{}) {
				return true
			}
			going = yield(c, nil)
			return going
		})
		if rest := scrub.rest(); going && rest != (Chunk{}) {
			yield(rest, nil)
		}
	}
}

// Fetch GETs t and returns its JSON body (bounded), with failures typed and
// scrubbed as [Stream] does. Model lists use it; the body has the key
// scrubbed out too, so that a server naming a model after the key does not
// put it in the model picker or a profile.
func Fetch(ctx context.Context, client *http.Client, t Target) ([]byte, error) {
	client = guarded(client)
	d := newDriver(ctx, client, Call{Target: t})
	raw, err := d.fetch(client)
	if err != nil {
		return nil, d.scrub(d.stamp(err))
	}
	return []byte(Scrub(string(raw), t.Key)), nil
}

// FetchJSON is [Fetch] decoding the body into v; a body that is not the
// JSON expected is a [*StreamError].
func FetchJSON(ctx context.Context, client *http.Client, t Target, v any) error {
	raw, err := Fetch(ctx, client, t)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return &StreamError{Protocol: t.Protocol, Endpoint: Redact(t.URL), Err: fmt.Errorf("decode model list: %w", err)}
	}
	return nil
}

// driver is one run of a [Call]: its requests (a retry is another) and
// every read of their bodies go through it, under the [Network] of its
// context.
type driver struct {
	ctx      context.Context
	call     Call
	endpoint string
	net      Network
	// secrets are scrubbed from every error: the key, and the login of
	// the proxy the call goes through, which a proxy quoting the request
	// would give back.
	secrets []string
}

func newDriver(ctx context.Context, client *http.Client, call Call) *driver {
	d := &driver{ctx: ctx, call: call, endpoint: Redact(call.URL), net: NetworkOf(ctx)}
	d.secrets = append([]string{call.Key}, proxySecrets(proxyOfURL(ctx, client, call.URL))...)
	return d
}

// scrub is err with every secret of the call gone from its texts.
func (d *driver) scrub(err error) error {
	for _, s := range d.secrets {
		err = ScrubError(err, s)
	}
	return err
}

// once is one try of the call.
func (d *driver) once(client *http.Client, yield func(Chunk, error) bool) {
	res, err := d.post(client, d.call.Body)
	var he *HTTPError
	if errors.As(err, &he) && d.call.Retry != nil {
		if body, ok := d.call.Retry(he); ok {
			res, err = d.post(client, body)
		}
	}
	if err != nil {
		yield(Chunk{}, err)
		return
	}
	defer res.Body.Close()
	mt := MediaType(res.Header.Get("Content-Type"))
	switch {
	case mt == "application/json" && d.call.Whole != nil:
		d.whole(res.Body, yield)
	case mt == "" || mt == "text/event-stream" && d.call.Framing == FramingSSE ||
		(mt == "application/x-ndjson" || mt == "application/json") && d.call.Framing == FramingNDJSON:
		d.stream(res.Body, yield)
	default:
		yield(Chunk{}, d.httpError(res))
	}
}

func (d *driver) post(client *http.Client, body any) (*http.Response, error) {
	buf, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("encode request: %w", err)
	}
	req, w, err := d.request(http.MethodPost, bytes.NewReader(buf))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return d.do(client, req, w)
}

// request is a request of the call's URL and headers under a new watch.
func (d *driver) request(method string, body io.Reader) (*http.Request, *watch, error) {
	w := newWatch(d.ctx, d.net)
	req, err := http.NewRequestWithContext(w.ctx, method, d.call.URL, body)
	if err != nil {
		w.stop()
		return nil, nil, &RequestError{Err: err}
	}
	req.Header = d.call.Header.Clone()
	if req.Header == nil {
		req.Header = http.Header{}
	}
	return req, w, nil
}

func (d *driver) fetch(client *http.Client) ([]byte, error) {
	req, w, err := d.request(http.MethodGet, nil)
	if err != nil {
		return nil, err
	}
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "application/json")
	}
	res, err := d.do(client, req, w)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if mt := MediaType(res.Header.Get("Content-Type")); mt != "application/json" && mt != "" {
		return nil, d.httpError(res)
	}
	raw, err := io.ReadAll(io.LimitReader(res.Body, MaxEventSize))
	if err != nil {
		return nil, &StreamError{Err: d.broken(err)}
	}
	return raw, nil
}

// do sends req under w; a transport failure or a non-2xx status becomes a
// typed error. The body of a 2xx answer is read under w until closed.
func (d *driver) do(client *http.Client, req *http.Request, w *watch) (*http.Response, error) {
	res, err := client.Do(req)
	if err != nil {
		if res != nil { // a redirect not followed; its body is closed
			res.Body.Close()
		}
		w.stop()
		return nil, &RequestError{Err: typedTransport(w.reason(err))}
	}
	res.Body = &watchedBody{rc: res.Body, w: w}
	if res.StatusCode/100 == 2 {
		return res, nil
	}
	defer res.Body.Close()
	if res.StatusCode == http.StatusProxyAuthRequired {
		return nil, &RequestError{Err: &ProxyError{Err: ErrProxyAuth, Proxy: proxyOf(client, req), Status: res.StatusCode}}
	}
	return nil, d.httpError(res)
}

// httpError reads a bounded copy of res's body and the provider's words in it.
func (d *driver) httpError(res *http.Response) *HTTPError {
	raw, _ := io.ReadAll(io.LimitReader(res.Body, maxErrorBody))
	e := &HTTPError{
		Status:      res.StatusCode,
		ContentType: MediaType(res.Header.Get("Content-Type")),
		Body:        string(bytes.ToValidUTF8(raw, []byte("\uFFFD"))),
		NoKey:       d.call.Key == "",
		RetryAfter:  retryAfter(res.Header),
	}
	e.setWords(d.words(res.StatusCode, raw))
	return e
}

func (d *driver) words(status int, raw []byte) Words {
	if d.call.Words != nil {
		return d.call.Words(status, raw)
	}
	var w Words
	w.Message, w.Code, w.Type = ParseErrorBody(raw)
	return w
}

// stream frames the body and decodes its events.
func (d *driver) stream(body io.Reader, yield func(Chunk, error) bool) {
	state := Going
	var tail []byte
	for ev, err := range d.events(body, &tail) {
		if err != nil {
			yield(Chunk{}, &StreamError{Err: d.broken(readError(err))})
			return
		}
		if len(bytes.TrimSpace(ev.Data)) == 0 {
			continue
		}
		chunk, st, err := d.call.Event(ev)
		if err != nil {
			yield(Chunk{}, d.eventError(err, ev))
			return
		}
		state = max(state, st)
		if chunk != (Chunk{}) && !yield(chunk, nil) {
			return
		}
		if state == Ended {
			return
		}
	}
	if len(bytes.TrimSpace(tail)) > 0 {
		if w := d.words(0, tail); w.Message != "" || w.Code != "" {
			yield(Chunk{}, NewProviderError(w))
			return
		}
	}
	if state == Going {
		yield(Chunk{}, &StreamError{Err: ErrStreamIncomplete})
	}
}

// eventError types a decoder's error. A decode failure of the event the body
// ended inside of means the stream was cut, not that the provider spoke
// nonsense.
func (d *driver) eventError(err error, ev Event) error {
	var pe *ProviderError
	var se *StreamError
	switch {
	case errors.As(err, &pe), errors.As(err, &se):
		return err
	case ev.unterminated:
		return &StreamError{Err: ErrStreamIncomplete}
	}
	return &StreamError{Err: unreadable(err)}
}

// whole reads an answer that came as one JSON document.
func (d *driver) whole(body io.Reader, yield func(Chunk, error) bool) {
	raw, err := io.ReadAll(io.LimitReader(body, MaxEventSize))
	if err != nil {
		yield(Chunk{}, &StreamError{Err: d.broken(err)})
		return
	}
	chunks, err := d.call.Whole(raw)
	for _, c := range chunks {
		if !yield(c, nil) {
			return
		}
	}
	if err != nil {
		var pe *ProviderError
		var se *StreamError
		if !errors.As(err, &pe) && !errors.As(err, &se) {
			err = &StreamError{Err: unreadable(err)}
		}
		yield(Chunk{}, err)
	}
}

// broken is the reason a body stopped early; a cancelled context wins, so
// that Stop is reported as Stop and not as a broken connection.
func (d *driver) broken(err error) error {
	if d.ctx.Err() != nil {
		return d.ctx.Err()
	}
	return err
}

// stamp fills in the protocol and endpoint of the typed error in err.
func (d *driver) stamp(err error) error {
	var (
		he *HTTPError
		pe *ProviderError
		se *StreamError
		re *RequestError
	)
	switch {
	case errors.As(err, &he):
		he.Protocol, he.Endpoint = d.call.Protocol, d.endpoint
	case errors.As(err, &pe):
		pe.Protocol, pe.Endpoint = d.call.Protocol, d.endpoint
	case errors.As(err, &se):
		se.Protocol, se.Endpoint = d.call.Protocol, d.endpoint
	case errors.As(err, &re):
		re.Protocol, re.Endpoint = d.call.Protocol, d.endpoint
	}
	return err
}
