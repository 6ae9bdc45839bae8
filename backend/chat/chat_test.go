package chat_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"parley/backend/chat"
	"parley/backend/internal/testkit"
	"parley/backend/keychain"
	"parley/backend/llm/llmtest"
	"parley/backend/problem"
	"parley/backend/store"
)

func TestAnswerStreamsAndIsStored(t *testing.T) {
	f := setup(t, "echo", chat.Options{})
	res := f.start(t, "  hello there \n")
	if res.User.Content != "hello there" || res.Assistant.Status != store.StatusStreaming {
		t.Errorf("send result = %+v", res)
	}
	f.rec.wait(t)
	got := f.rec.result(res.Assistant.ID)
	want := "You said: hello there — streamed by llmtest."
	if got.text != want {
		t.Errorf("streamed text = %q, want %q", got.text, want)
	}
	for i, d := range got.deltas {
		if d.Seq != i+1 || d.ConversationID != f.conv.ID {
			t.Errorf("delta %d has seq %d conv %q", i, d.Seq, d.ConversationID)
		}
	}
	if len(got.terminals) != 1 || got.terminals[0].name != chat.EventDone {
		t.Fatalf("terminal events = %+v", got.terminals)
	}
	done := got.terminals[0].payload.(chat.Done)
	if done.LastSeq != len(got.deltas) {
		t.Errorf("done names last seq %d after %d deltas", done.LastSeq, len(got.deltas))
	}
	if done.Status != store.StatusDone || done.Finish != "stop" || done.Usage == nil || done.Usage.InputTokens != 2 {
		t.Errorf("done = %+v", done)
	}
	m := f.stored(t, res.Assistant.ID)
	if m.Content != want || m.Status != store.StatusDone || m.OutputTokens == 0 {
		t.Errorf("stored = %+v", m)
	}
	conv, _ := f.store.Conversation(context.Background(), f.conv.ID)
	if conv.Title != "hello there" {
		t.Errorf("title = %q", conv.Title)
	}
}

func TestHistoryIsSent(t *testing.T) {
	f := setup(t, "echo", chat.Options{})
	for _, text := range []string{"first", "second"} {
		f.send(t, text)
	}
	reqs := f.srv.Requests()
	var body struct {
		Messages []struct{ Role, Content string }
	}
	json.Unmarshal([]byte(reqs[len(reqs)-1].Body), &body)
	if len(body.Messages) != 3 || body.Messages[0].Content != "first" || body.Messages[1].Role != "assistant" || body.Messages[2].Content != "second" {
		t.Errorf("second request messages = %+v", body.Messages)
	}
}

func TestStopKeepsPartialTextAndHangsUp(t *testing.T) {
	f := setup(t, "slow", chat.Options{PersistEvery: 50 * time.Millisecond})
	res := f.start(t, "go")
	waitFor(t, "some text stored while streaming", func() bool {
		m := f.stored(t, res.Assistant.ID)
		return m.Status == store.StatusStreaming && strings.Count(m.Content, " ") >= 2
	})
	if !f.svc.Cancel(res.Assistant.ID) {
		t.Fatal("Cancel found no running turn")
	}
	f.rec.wait(t)
	got := f.rec.result(res.Assistant.ID)
	if len(got.terminals) != 1 || got.terminals[0].payload.(chat.Done).Status != store.StatusStopped {
		t.Fatalf("terminals = %+v", got.terminals)
	}
	m := f.stored(t, res.Assistant.ID)
	if m.Status != store.StatusStopped || m.Content == "" || m.Content != got.text {
		t.Errorf("stored %q (%s), streamed %q", m.Content, m.Status, got.text)
	}
	waitFor(t, "the provider to see the connection close", func() bool { return f.srv.Active() == 0 })
	if f.svc.Cancel(res.Assistant.ID) {
		t.Error("Cancel after the end still found a turn")
	}
}

func TestFailuresBecomeOneProblem(t *testing.T) {
	tests := []struct {
		model, key string
		kind       problem.Kind
		status     int
		kept       string
	}{
		{"echo", "sk-wrong-key-0000", problem.KindAuth, 401, ""},
		{"cut", "", problem.KindStreamBroken, 0, "This answer will "},
		{"html", "", problem.KindHTML, 502, ""},
		{"overloaded", "", problem.KindOverloaded, 0, "Partial answer "},
		{"missing-model", "", problem.KindModel, 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.model+tt.key, func(t *testing.T) {
			f := setup(t, tt.model, chat.Options{})
			if tt.key != "" {
				f.keys.Set(f.prof.ID, tt.key)
			}
			res := f.send(t, "hi")
			got := f.rec.result(res.Assistant.ID)
			if len(got.terminals) != 1 || got.terminals[0].name != chat.EventError {
				t.Fatalf("terminals = %+v", got.terminals)
			}
			p := got.terminals[0].payload.(chat.Failed).Problem
			if p.Kind != tt.kind || p.Status != tt.status || p.Fix == "" {
				t.Errorf("problem = %+v", p)
			}
			m := f.stored(t, res.Assistant.ID)
			if m.Status != store.StatusError || m.Content != tt.kept || !strings.Contains(m.Problem, string(tt.kind)) {
				t.Errorf("stored = %+v", m)
			}
			if tt.key != "" && strings.Contains(m.Problem, tt.key) {
				t.Error("the key leaked into the stored problem")
			}
			if tt.kind == problem.KindAuth && p.KeyHint != keychain.Hint(tt.key) {
				t.Errorf("the problem names key %q, want the hint of the key sent", p.KeyHint)
			}
		})
	}
}

func TestMissingKeyFailsBeforeSending(t *testing.T) {
	f := setup(t, "echo", chat.Options{NeedsKey: func(store.Profile) bool { return true }})
	f.keys.Delete(f.prof.ID)
	res := f.send(t, "hi")
	p := f.rec.result(res.Assistant.ID).terminals[0].payload.(chat.Failed).Problem
	if p.Kind != problem.KindNoKey {
		t.Errorf("problem = %+v", p)
	}
	if n := len(f.srv.Requests()); n != 0 {
		t.Errorf("%d requests reached the provider without a key", n)
	}
	if m := f.stored(t, res.User.ID); m.Content != "hi" {
		t.Errorf("the user's message was not kept: %+v", m)
	}
}

func TestEmptyAnswerIsAProblem(t *testing.T) {
	f := setup(t, "nothing", chat.Options{})
	f.srv.Handle("nothing", llmtest.Scenario{})
	res := f.send(t, "hi")
	p := f.rec.result(res.Assistant.ID).terminals[0].payload.(chat.Failed).Problem
	if p.Kind != problem.KindEmpty || !strings.Contains(p.Detail, "stop") {
		t.Errorf("problem = %+v", p)
	}
}

func TestDeltasAreCoalesced(t *testing.T) {
	f := setup(t, "burst", chat.Options{})
	var chunks []string
	for i := 0; i < 2000; i++ {
		chunks = append(chunks, fmt.Sprintf("w%d ", i))
	}
	chunks = append(chunks, strings.Repeat("界", 20_000)) // one 60 KB piece
	f.srv.Handle("burst", llmtest.Scenario{Chunks: chunks})
	res := f.send(t, "hi")
	got := f.rec.result(res.Assistant.ID)
	if got.text != strings.Join(chunks, "") {
		t.Fatalf("assembled text differs: %d bytes, want %d", len(got.text), len(strings.Join(chunks, "")))
	}
	if len(got.deltas) >= len(chunks)/4 {
		t.Errorf("%d delta events for %d chunks: not coalesced", len(got.deltas), len(chunks))
	}
}

// The first piece after a quiet frame is sent at once, whatever the frame;
// the later ones wait for the frame and go out together.
func TestATrickleWaitsForNoFrame(t *testing.T) {
	f := setup(t, "trickle", chat.Options{Frame: time.Hour})
	chunks := []string{"first ", "second ", "third"}
	f.srv.Handle("trickle", llmtest.Scenario{Chunks: chunks, Pace: 100 * time.Millisecond})
	res := f.send(t, "hi")
	got := f.rec.result(res.Assistant.ID)
	if len(got.deltas) != 2 || got.deltas[0].Text != "first " || got.deltas[1].Text != "second third" {
		t.Errorf("deltas = %+v; want the first piece alone, then the rest together", got.deltas)
	}
}

func TestEmptyMessageIsRefused(t *testing.T) {
	f := setup(t, "echo", chat.Options{})
	_, err := f.svc.Send(context.Background(), f.conv.ID, " \n ")
	if p := problem.From(err); p == nil || p.Kind != problem.KindInvalidInput {
		t.Errorf("err = %v", err)
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestReasoningIsKeptApartWithItsDuration(t *testing.T) {
	f := setup(t, "reasoning", chat.Options{})
	res := f.send(t, "think")
	got := f.rec.result(res.Assistant.ID)
	if got.reasoning != "Thinking it over." || got.text != "The answer is 42." {
		t.Fatalf("reasoning %q text %q", got.reasoning, got.text)
	}
	done := got.terminals[0].payload.(chat.Done)
	m := f.stored(t, res.Assistant.ID)
	if m.Reasoning != "Thinking it over." || m.ReasoningMillis <= 0 || done.ReasoningMillis != m.ReasoningMillis {
		t.Errorf("stored reasoning %q for %d ms, event says %d ms", m.Reasoning, m.ReasoningMillis, done.ReasoningMillis)
	}
}

func TestRetryAnswersTheSameMessageOnce(t *testing.T) {
	f := setup(t, "echo", chat.Options{})
	f.keys.Set(f.prof.ID, "sk-wrong-key-0000")
	first := f.send(t, "again please")
	f.keys.Set(f.prof.ID, "sk-test-good-key-1234")
	retry, err := f.svc.Retry(context.Background(), f.conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	f.rec.wait(t)
	if got := f.rec.result(retry.ID); got.text != "You said: again please — streamed by llmtest." {
		t.Errorf("retried answer = %q", got.text)
	}
	if m := f.stored(t, first.Assistant.ID); m.Status != store.StatusError {
		t.Errorf("the failed answer was changed: %+v", m)
	}
	reqs := f.srv.Requests()
	var body struct {
		Messages []struct{ Role, Content string }
	}
	json.Unmarshal([]byte(reqs[len(reqs)-1].Body), &body)
	if len(body.Messages) != 1 || body.Messages[0].Content != "again please" {
		t.Errorf("the retry sent %+v, want the user's message once", body.Messages)
	}
}

func TestRetryWithNothingToRetry(t *testing.T) {
	f := setup(t, "echo", chat.Options{})
	if _, err := f.svc.Retry(context.Background(), f.conv.ID); problem.From(err).Kind != problem.KindInvalidInput {
		t.Errorf("err = %v", err)
	}
}

// TestFailedFinalWriteIsLogged: when the database refuses a turn's final
// state, the UI still gets its one terminal event and the failure is in the
// log, not dropped.
func TestFailedFinalWriteIsLogged(t *testing.T) {
	var log testkit.Buffer
	f := setup(t, "slow", chat.Options{Logger: slog.New(slog.NewTextHandler(&log, nil))})
	res := f.start(t, "go")
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
