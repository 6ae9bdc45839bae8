package llm

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"unsafe"

	sse "github.com/tmaxmax/go-sse"
)

// sseFraming is how many times [MaxEventSize] the SSE reader may buffer
// for one event: the field names and separators of every line ("data: ")
// must not eat into the event's own size, however many lines it is split
// into. The data itself is held to MaxEventSize (errEventTooLarge).
const sseFraming = 4

// errEventTooLarge is returned for an SSE event whose data is larger than
// [MaxEventSize].
var errEventTooLarge = fmt.Errorf("an event of the stream holds more than %d bytes of data", MaxEventSize)

// errLineTooLong is returned for an NDJSON line larger than [MaxEventSize].
var errLineTooLong = fmt.Errorf("a line of the stream is longer than %d bytes", MaxEventSize)

// events frames body as the call says. Bytes that are no part of any event
// (an error object a server wrote after its events, outside the framing)
// are kept in *tail, bounded, for the driver to read.
func (d *driver) events(body io.Reader, tail *[]byte) iter.Seq2[Event, error] {
	if d.call.Framing == FramingNDJSON {
		return ndjsonEvents(body)
	}
	return sseEvents(body, tail)
}

func sseEvents(body io.Reader, tail *[]byte) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		tap := &sseTap{r: body, tail: tail, lineStart: true}
		for ev, err := range sse.Read(tap, &sse.ReadConfig{MaxEventSize: sseFraming * MaxEventSize}) {
			if err != nil {
				yield(Event{}, err)
				return
			}
			if len(ev.Data) > MaxEventSize {
				yield(Event{}, errEventTooLarge)
				return
			}
			// go-sse made ev.Data for this event alone and never changes it:
			// the event's bytes are that string's, not a third copy.
			data := unsafe.Slice(unsafe.StringData(ev.Data), len(ev.Data))
			if !yield(Event{Type: ev.Type, Data: data, unterminated: tap.appended}, nil) {
				return
			}
		}
	}
}

// sseTap passes an event stream through to the SSE reader with two
// repairs: a line that starts a JSON value ('{' or '[') is no SSE field, so
// it goes to tail instead of being silently skipped; and a body that ends
// without the blank line closing its last event gets one, so that event is
// delivered.
type sseTap struct {
	r         io.Reader
	tail      *[]byte
	lineStart bool
	divert    bool
	// last holds the last two bytes passed through.
	last     [2]byte
	passed   int
	pending  []byte
	appended bool
	done     bool
	err      error
}

func (t *sseTap) Read(p []byte) (int, error) {
	for {
		if len(t.pending) > 0 {
			n := copy(p, t.pending)
			t.pending = t.pending[n:]
			return n, nil
		}
		if t.done {
			return 0, t.err
		}
		n, err := t.r.Read(p)
		out := t.filter(p[:n])
		if err != nil {
			t.done, t.err = true, err
			if errors.Is(err, io.EOF) {
				t.pending = t.terminator()
				t.appended = len(t.pending) > 0
			}
		}
		if out > 0 {
			return out, nil
		}
	}
}

// filter moves diverted lines out of b, compacting the rest in place. It
// goes a line at a time: only a line's first byte decides where it goes.
func (t *sseTap) filter(b []byte) int {
	out := 0
	for i := 0; i < len(b); {
		if t.lineStart {
			t.divert, t.lineStart = b[i] == '{' || b[i] == '[', false
		}
		end := len(b)
		if nl := bytes.IndexByte(b[i:], '\n'); nl >= 0 {
			end = i + nl + 1
		}
		line, ended := b[i:end], b[end-1] == '\n'
		if t.divert {
			*t.tail = append(*t.tail, line[:min(len(line), max(0, maxErrorBody-len(*t.tail)))]...)
		} else {
			if len(line) > 1 {
				t.last = [2]byte{line[len(line)-2], line[len(line)-1]}
			} else {
				t.last = [2]byte{t.last[1], line[0]}
			}
			t.passed += len(line)
			if out != i { // line moves back over what went to tail
				copy(b[out:], line)
			}
			out += len(line)
		}
		if ended {
			t.lineStart, t.divert = true, false
		}
		i = end
	}
	return out
}

// terminator is what closes the last event of a body that ended early.
func (t *sseTap) terminator() []byte {
	switch {
	case t.passed == 0 || t.last == [2]byte{'\n', '\n'}:
		return nil
	case t.last[1] == '\n':
		return []byte("\n")
	}
	return []byte("\n\n")
}

func ndjsonEvents(body io.Reader) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		br := bufio.NewReaderSize(body, 64<<10)
		for {
			line, err := readLine(br)
			if len(bytes.TrimSpace(line)) > 0 && !yield(Event{Data: line, unterminated: err != nil}, nil) {
				return
			}
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				yield(Event{}, err)
				return
			}
		}
	}
}

// readLine returns the next line without its newline. At the end of the body
// it returns what is left together with the read error (io.EOF when clean).
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		part, err := br.ReadSlice('\n')
		if len(line)+len(part) > MaxEventSize {
			return nil, errLineTooLong
		}
		line = append(line, part...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimSuffix(line, []byte("\n")), err
	}
}

// ReadSSE frames an event stream read whole, such as an error body sent as
// one.
func ReadSSE(r io.Reader) iter.Seq2[Event, error] {
	var tail []byte
	return sseEvents(r, &tail)
}
