package chat_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"parley/backend/chat"
)

// lockedBuffer is a log destination safe for the turn's goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestFailedFinalWriteIsLogged: when the database refuses a turn's final
// state, the UI still gets its one terminal event and the failure is in the
// log, not dropped.
func TestFailedFinalWriteIsLogged(t *testing.T) {
	var log lockedBuffer
	f := setup(t, "slow", chat.Options{Logger: slog.New(slog.NewTextHandler(&log, nil))})
	res, err := f.svc.Send(context.Background(), f.conv.ID, "go")
	if err != nil {
		t.Fatal(err)
	}
	f.store.Close() // the database goes away while the answer streams
	f.svc.Cancel(res.Assistant.ID)
	f.rec.wait(t)
	if got := f.rec.result(res.Assistant.ID); len(got.terminals) != 1 {
		t.Fatalf("terminal events = %+v, want exactly one", got.terminals)
	}
	if out := log.String(); !strings.Contains(out, "save the end of a turn") || !strings.Contains(out, res.Assistant.ID) {
		t.Errorf("log = %q, want the failed final write with the message id", out)
	}
}
