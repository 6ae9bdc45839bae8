package llmtest

import (
	"context"
	"iter"
	"os"
	"path/filepath"
	"testing"

	"parley/backend/llm"
)

// Reply is a stream as the user sees it once it ended: the text and
// reasoning assembled, the last usage and finish, and the one error that
// ended it.
type Reply struct {
	Text, Reasoning, Finish string
	Usage                   *llm.Usage
	// UsageChunks counts the chunks that carried usage.
	UsageChunks int
	// Chunks counts every chunk yielded.
	Chunks int
	Err    error
}

// Collect drains seq and fails t where it breaks the [llm.Provider]
// contract: a chunk yielded with an error, anything after an error, a
// second finish.
func Collect(t testing.TB, seq iter.Seq2[llm.Chunk, error]) Reply {
	t.Helper()
	var r Reply
	for c, err := range seq {
		if r.Err != nil {
			t.Fatalf("the stream went on after the error %v: %+v, %v", r.Err, c, err)
		}
		if err != nil {
			if c != (llm.Chunk{}) {
				t.Errorf("chunk %+v yielded together with the error %v", c, err)
			}
			r.Err = err
			continue
		}
		r.Chunks++
		r.Text += c.Text
		r.Reasoning += c.Reasoning
		if c.Usage != nil {
			r.Usage = c.Usage
			r.UsageChunks++
		}
		if c.Finish != "" {
			if r.Finish != "" {
				t.Errorf("finish %q after finish %q", c.Finish, r.Finish)
			}
			r.Finish = c.Finish
		}
	}
	return r
}

// Ask is [Collect] of p's answer to req.
func Ask(t testing.TB, p llm.Provider, req llm.Request) Reply {
	t.Helper()
	return Collect(t, p.Stream(context.Background(), req))
}

// AskUnder is [Ask] under the [llm.Network] n.
func AskUnder(t testing.TB, n llm.Network, p llm.Provider, req llm.Request) Reply {
	t.Helper()
	return Collect(t, p.Stream(llm.WithNetwork(context.Background(), n), req))
}

// ReplayFile serves testdata/file (relative to the test's package) as
// [NewReplay] does, closed when the test ends.
func ReplayFile(t testing.TB, status int, contentType, file string) *Replay {
	t.Helper()
	return ReplayBody(t, status, contentType, Testdata(t, file))
}

// ReplayBody is [ReplayFile] for a body in hand.
func ReplayBody(t testing.TB, status int, contentType string, body []byte) *Replay {
	t.Helper()
	rp := NewReplay(status, contentType, body)
	t.Cleanup(rp.Close)
	return rp
}

// Testdata reads testdata/name of the test's package.
func Testdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
