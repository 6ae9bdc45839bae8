package llmtest

import (
	"errors"
	"testing"

	"parley/backend/llm"
)

// Reading is what a decoder made of one document: the chunk, and the stream
// state for decoders that tell it (Ollama's last line).
type Reading struct {
	Chunk llm.Chunk
	State llm.State
}

// Reader reads one document, as an adapter's decoder or its reference does.
type Reader func(data []byte) (Reading, error)

// ReadsAsReference checks that got reads every document of corpus as the
// reference want (encoding/json into the wire types) does; see [SameReading].
func ReadsAsReference(t *testing.T, corpus []string, want, got Reader) {
	t.Helper()
	for _, doc := range corpus {
		SameReading(t, []byte(doc), want, got)
	}
}

// FuzzAgainstReference fuzzes [SameReading] from the seeds in corpus.
func FuzzAgainstReference(f *testing.F, corpus []string, want, got Reader) {
	for _, doc := range corpus {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) { SameReading(t, data, want, got) })
}

// SameReading fails t unless got reads data as want does: the same provider
// error message where want finds the provider's error, an error exactly where
// want fails, and otherwise the same chunk (its usage compared by value) and
// state.
func SameReading(t testing.TB, data []byte, want, got Reader) {
	t.Helper()
	w, wantErr := want(data)
	g, err := got(data)
	var pe, wpe *llm.ProviderError
	switch {
	case errors.As(wantErr, &wpe):
		if !errors.As(err, &pe) || pe.Message != wpe.Message {
			t.Errorf("%q: err = %v, want the provider error %v", data, err, wantErr)
		}
	case (wantErr != nil) != (err != nil):
		t.Errorf("%q: err = %v, json.Unmarshal says %v", data, err, wantErr)
	case err == nil:
		if !sameReading(g, w) {
			t.Errorf("%q:\n got %+v %v usage %+v\nwant %+v %v usage %+v", data, g.Chunk, g.State, g.Chunk.Usage, w.Chunk, w.State, w.Chunk.Usage)
		}
	}
}

func sameReading(a, b Reading) bool {
	ua, ub := a.Chunk.Usage, b.Chunk.Usage
	if (ua == nil) != (ub == nil) || ua != nil && *ua != *ub {
		return false
	}
	a.Chunk.Usage, b.Chunk.Usage = nil, nil
	return a == b
}

// ChunkReader is a [Reader] for a decoder that returns a chunk.
func ChunkReader(read func(data []byte) (llm.Chunk, error)) Reader {
	return func(data []byte) (Reading, error) {
		c, err := read(data)
		return Reading{Chunk: c}, err
	}
}

// StateReader is a [Reader] for a decoder that returns a chunk and a state.
func StateReader(read func(data []byte) (llm.Chunk, llm.State, error)) Reader {
	return func(data []byte) (Reading, error) {
		c, st, err := read(data)
		return Reading{Chunk: c, State: st}, err
	}
}
