package llm

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
)

// readBuffer is the size of the buffer a body is read through. A line
// longer than it is gathered across reads, so it bounds nothing.
const readBuffer = 64 << 10

// errEventTooLarge is returned for an event or NDJSON line whose data is
// larger than [MaxEventSize].
var errEventTooLarge = fmt.Errorf("an event of the stream is larger than %d bytes", MaxEventSize)

// events frames body as the call says. Bytes that are no part of any event
// (an error object a server wrote after its events, outside the framing)
// are kept in *tail, bounded, for the driver to read.
//
// An event's Data is only valid until the next event: the framer reuses
// its buffer, so a format that keeps bytes of an event must copy them.
func (d *driver) events(body io.Reader, tail *[]byte) iter.Seq2[Event, error] {
	if d.call.Framing == FramingNDJSON {
		return ndjsonEvents(body)
	}
	return sseEvents(body, tail)
}

// sseEvents frames a text/event-stream body in one pass: each line is
// read once, and an event's data is gathered in a buffer reused for every
// event. The limit counts the data alone, not the `data: ` framing, however
// many lines the data is split into. Two repairs over the standard: a line
// that starts a JSON value ('{' or '[') is no SSE field, so it goes to tail
// instead of being silently skipped; and a body that ends inside an event
// still delivers it, marked unterminated.
func sseEvents(body io.Reader, tail *[]byte) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		lr := lineReader{br: bufio.NewReaderSize(body, readBuffer), cr: true}
		var (
			data    []byte
			hasData bool
			typ     []byte // the event's type as read
			types   typeNames
		)
		dispatch := func(unterminated bool) bool {
			if !hasData {
				typ = typ[:0]
				return true
			}
			ev := Event{Type: types.name(typ), Data: data, unterminated: unterminated}
			data, hasData, typ = data[:0], false, typ[:0]
			return yield(ev, nil)
		}
		for first := true; ; first = false {
			line, err := lr.next()
			if first {
				line = bytes.TrimPrefix(line, []byte("\uFEFF")) // a byte order mark is no part of the stream
			}
			if len(line) == 0 && err == nil {
				if !dispatch(false) {
					return
				}
				continue
			}
			if len(line) > 0 {
				switch name, value := sseField(line); {
				case line[0] == '{' || line[0] == '[':
					keep(tail, line, err == nil)
				case name == "data":
					if hasData {
						data = append(data, '\n')
					}
					if len(data)+len(value) > MaxEventSize {
						yield(Event{}, errEventTooLarge)
						return
					}
					data, hasData = append(data, value...), true
				case name == "event":
					typ = append(typ[:0], value...)
				}
			}
			if errors.Is(err, io.EOF) {
				dispatch(true)
				return
			}
			if err != nil {
				yield(Event{}, err)
				return
			}
		}
	}
}

// typeNames keeps the strings of the last few event types seen, so that a
// stream's recurring types (content_block_delta, ping, ...) cost no
// allocation per event.
type typeNames struct {
	names [8]string
	next  int
}

func (t *typeNames) name(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	for _, n := range t.names {
		if n == string(b) {
			return n
		}
	}
	n := string(b)
	t.names[t.next] = n
	t.next = (t.next + 1) % len(t.names)
	return n
}

// sseField splits an event-stream line into its field name and value (one
// space after the colon is no part of the value); a comment has no name.
func sseField(line []byte) (name string, value []byte) {
	i := bytes.IndexByte(line, ':')
	switch {
	case i < 0:
		return string(line), nil
	case i == 0:
		return "", nil
	}
	value = line[i+1:]
	if len(value) > 0 && value[0] == ' ' {
		value = value[1:]
	}
	// Only the names the framer acts on are compared, without a copy.
	switch string(line[:i]) {
	case "data":
		return "data", value
	case "event":
		return "event", value
	}
	return "", nil
}

// keep adds a line that is no SSE field to *tail, bounded by maxErrorBody.
func keep(tail *[]byte, line []byte, newline bool) {
	if room := maxErrorBody - len(*tail); room > 0 {
		*tail = append(*tail, line[:min(len(line), room)]...)
		if newline && len(*tail) < maxErrorBody {
			*tail = append(*tail, '\n')
		}
	}
}

// lineReader reads lines through a buffer, without copying a line that
// fits in it.
type lineReader struct {
	br   *bufio.Reader
	long []byte // a line longer than the buffer, gathered
	// cr makes a lone carriage return end a line too, as in an event
	// stream; rest is what followed one, with the read's error.
	cr      bool
	rest    []byte
	restErr error
	hasRest bool
}

// next returns the next line without its line ending ("\n", "\r\n", or
// with cr a lone "\r"), valid until the next call. At the end of the body it
// returns what is left with io.EOF; a line longer than [MaxEventSize] plus
// its framing is an error.
func (lr *lineReader) next() ([]byte, error) {
	var line []byte
	var err error
	if lr.hasRest {
		line, err, lr.hasRest = lr.rest, lr.restErr, false
	} else {
		line, err = lr.read()
	}
	if lr.cr {
		if i := bytes.IndexByte(line, '\r'); i >= 0 {
			lr.rest, lr.restErr, lr.hasRest = line[i+1:], err, true
			return line[:i], nil
		}
	}
	return line, err
}

// read returns the next line ending in "\n" (or the body's end), without
// that ending.
func (lr *lineReader) read() ([]byte, error) {
	line, err := lr.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		lr.long = append(lr.long[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			line, err = lr.br.ReadSlice('\n')
			if len(lr.long)+len(line) > MaxEventSize+readBuffer {
				return nil, errEventTooLarge
			}
			lr.long = append(lr.long, line...)
		}
		line = lr.long
	}
	if len(line) > 0 && line[len(line)-1] == '\n' {
		line = line[:len(line)-1]
		if len(line) > 0 && line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
	}
	return line, err
}

func ndjsonEvents(body io.Reader) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		lr := lineReader{br: bufio.NewReaderSize(body, readBuffer)}
		for {
			line, err := lr.next()
			if len(line) > MaxEventSize {
				yield(Event{}, errEventTooLarge)
				return
			}
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

// ReadSSE frames an event stream read whole, such as an error body sent as
// one; each event's Data is valid only until the next event.
func ReadSSE(r io.Reader) iter.Seq2[Event, error] {
	var tail []byte
	return sseEvents(r, &tail)
}
