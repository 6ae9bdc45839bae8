package llm

import (
	"errors"
	"strings"
	"testing"
)

func TestSSEFraming(t *testing.T) {
	body := "\uFEFF: a comment\r\n" +
		"event: delta\r\ndata: {\"a\":1,\r\ndata:\"b\":2}\r\nid: 7\r\nretry: 100\r\n\r\n" +
		"data\n\n" + // a data field with no value: an empty event
		"event: delta\ndata:  two spaces\n\n" +
		"event: ping\n\n" + // no data: go-sse hands it on with its type (adapters ignore pings)
		"data: cr\rdata: only\r\r" + // lone carriage returns end lines too
		"data: last"
	type ev struct {
		typ, data    string
		unterminated bool
	}
	var got []ev
	var tail []byte
	for e, err := range sseEvents(strings.NewReader(body), &tail) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ev{e.Type, string(e.Data), e.unterminated})
	}
	want := []ev{{"delta", "{\"a\":1,\n\"b\":2}", false}, {"", "", false}, {"delta", " two spaces", false}, {"ping", "", false}, {"", "cr\nonly", false}, {"", "last", true}}
	if len(got) != len(want) {
		t.Fatalf("events = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// The limit counts an event's data, not its framing, however many lines
// it is split into; one byte more is refused.
func TestSSEDataLimit(t *testing.T) {
	line := strings.Repeat("x", 1000)
	var b strings.Builder
	n := 0
	for n+len(line)+1 <= MaxEventSize {
		b.WriteString("data: " + line + "\n")
		n += len(line) + 1
	}
	rest := MaxEventSize - n // the last line has no joining newline after it
	b.WriteString("data: " + strings.Repeat("y", rest) + "\n\n")
	total := 0
	for e, err := range sseEvents(strings.NewReader(b.String()), new([]byte)) {
		if err != nil {
			t.Fatalf("an event of exactly MaxEventSize: %v", err)
		}
		total = len(e.Data)
	}
	if total != MaxEventSize {
		t.Fatalf("data of %d bytes, want %d", total, MaxEventSize)
	}
	over := strings.Replace(b.String(), "\n\n", "y\n\n", 1)
	var err error
	for _, e := range sseEvents(strings.NewReader(over), new([]byte)) {
		err = e
	}
	if !errors.Is(err, errEventTooLarge) && !errors.Is(err, errLineTooLong) {
		t.Errorf("one byte over: err = %v, want errEventTooLarge", err)
	}
}
