package chat_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"parley/backend/chat"
	"parley/backend/llm"
	"parley/backend/llm/llmtest"
	"parley/backend/problem"
	"parley/backend/store"
)

// ended waits for the message's terminal event, passing the retry and
// idle notices that come before it.
func (f *fixture) ended(t *testing.T, messageID string) result {
	t.Helper()
	for {
		f.rec.wait(t)
		if res := f.rec.result(messageID); len(res.terminals) > 0 {
			return res
		}
	}
}

// notices returns the payloads of the events named name.
func (f *fixture) notices(name string) []any {
	f.rec.mu.Lock()
	defer f.rec.mu.Unlock()
	var out []any
	for _, e := range f.rec.events {
		if e.name == name {
			out = append(out, e.payload)
		}
	}
	return out
}

// TestRetryStoresTheAnswerOnce fails the first two requests with 503: each
// retry is shown, and the answer that finally arrives is stored once, in
// the one assistant message the turn began with.
func TestRetryStoresTheAnswerOnce(t *testing.T) {
	f := setup(t, "flaky", chat.Options{Retry: llm.Retry{Max: 3, Base: time.Millisecond, Cap: 10 * time.Millisecond}})
	f.srv.Handle("flaky", llmtest.Scenario{Status: 503, ErrorType: llmtest.ErrOverloaded, First: 2, Chunks: []string{"Back ", "again."}})
	sent := f.start(t, "hello")
	res := f.ended(t, sent.Assistant.ID)
	if done, ok := res.terminals[0].payload.(chat.Done); !ok || done.Status != store.StatusDone || res.text != "Back again." {
		t.Fatalf("ended with %+v and text %q, want the answer done", res.terminals[0].payload, res.text)
	}
	retries := f.notices(chat.EventRetry)
	if len(retries) != 2 {
		t.Fatalf("%d retry events, want 2", len(retries))
	}
	for i, n := range retries {
		r := n.(chat.Retrying)
		if r.MessageID != sent.Assistant.ID || r.Attempt != i+1 || r.Max != 3 || r.Problem == nil || r.Problem.Kind != problem.KindOverloaded {
			t.Errorf("retry %d: %+v, want attempt %d of 3 saying the provider is overloaded", i, r, i+1)
		}
	}
	msgs, err := f.store.Messages(context.Background(), f.conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 || msgs[1].ID != sent.Assistant.ID || msgs[1].Content != "Back again." {
		t.Errorf("stored %d messages (%+v), want the question and one answer", len(msgs), msgs)
	}
}

// stalled sets up a profile whose stream sends "Some " and then nothing,
// with a short idle wait.
func stalled(t *testing.T, opts chat.Options) *fixture {
	t.Helper()
	f := setup(t, "stall", opts)
	f.srv.Handle("stall", llmtest.Scenario{Stall: true, StallAfter: 1, Chunks: []string{"Some ", "never"}})
	f.prof.IdleTimeoutMs = 200
	if _, err := f.store.SaveProfile(context.Background(), f.prof); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestSilentStreamAsksThenEnds: in the window a stream that goes silent
// says so (chat:idle) and waits once more; unanswered, it ends with the
// idle timeout named, the text that arrived kept.
func TestSilentStreamAsksThenEnds(t *testing.T) {
	f := stalled(t, chat.Options{AskOnStall: true})
	sent := f.start(t, "hello")
	res := f.ended(t, sent.Assistant.ID)
	failed, ok := res.terminals[0].payload.(chat.Failed)
	if !ok || failed.Problem.WordsID != "stream_broken.idle" || res.text != "Some " {
		t.Fatalf("ended with %+v, text %q; want the idle timeout after the text", res.terminals[0].payload, res.text)
	}
	idles := f.notices(chat.EventIdle)
	if len(idles) != 1 {
		t.Fatalf("%d idle events, want 1", len(idles))
	}
	if idle := idles[0].(chat.Idle); idle.MessageID != sent.Assistant.ID || idle.SilentMillis != 200 || idle.Phase != "idle" {
		t.Errorf("idle event %+v, want 200 ms of silence after the answer began", idle)
	}
	m, err := f.store.Message(context.Background(), sent.Assistant.ID)
	if err != nil || m.Content != "Some " || m.Status != store.StatusError {
		t.Errorf("stored %+v (%v), want the text kept with the error", m, err)
	}
}

// keeper answers the first idle notice with KeepWaiting.
type keeper struct {
	*recorder
	svc  *chat.Service
	kept bool
}

func (k *keeper) Emit(name string, payload any) {
	if idle, ok := payload.(chat.Idle); ok && !k.kept {
		k.kept = true
		k.svc.KeepWaiting(idle.MessageID)
	}
	k.recorder.Emit(name, payload)
}

// TestKeepWaitingWaitsOnceMore: "keep waiting" grants one more wait, and
// says so again when it runs out.
func TestKeepWaitingWaitsOnceMore(t *testing.T) {
	f := stalled(t, chat.Options{AskOnStall: true})
	k := &keeper{recorder: f.rec}
	f.svc = chat.New(f.store, f.keys, openaiProvider, k, chat.Options{AskOnStall: true})
	k.svc = f.svc
	t.Cleanup(f.svc.Shutdown)
	sent := f.start(t, "hello")
	res := f.ended(t, sent.Assistant.ID)
	var silent []int64
	for _, n := range f.notices(chat.EventIdle) {
		silent = append(silent, n.(chat.Idle).SilentMillis)
	}
	if len(silent) != 2 || silent[0] != 200 || silent[1] != 400 {
		t.Fatalf("idle notices after %v ms, want 200 and 400", silent)
	}
	failed, ok := res.terminals[0].payload.(chat.Failed)
	var te *llm.TimeoutError
	if !ok || !errors.As(failed.Problem, &te) || te.After != 600*time.Millisecond {
		t.Errorf("ended with %+v, want the idle timeout after 600 ms of silence", res.terminals[0].payload)
	}
}
