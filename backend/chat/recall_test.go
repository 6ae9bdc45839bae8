package chat_test

import (
	"context"
	"strings"
	"testing"

	"parley/backend/chat"
	"parley/backend/llm/llmtest"
	"parley/backend/store"
)

// A turn reads its history from what the previous turn of the
// conversation sent (recall.go) as long as nothing it holds was rewritten.
// These tests rewrite it in every way Parley can, between two turns, and
// check that the second turn sends the text as stored.

// sends runs one turn of f's conversation and returns what it sent.
func (f *fixture) sends(t *testing.T, text string) []struct{ Role, Content string } {
	t.Helper()
	f.send(t, text)
	return f.sent(t)
}

// contents lists the texts of msgs, oldest first.
func contents(msgs []struct{ Role, Content string }) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.Content
	}
	return out
}

func sameTexts(got []struct{ Role, Content string }, want ...string) bool {
	return strings.Join(contents(got), "|") == strings.Join(want, "|")
}

// cutShort runs a turn whose answer breaks off after "part", the answer a
// user then continues.
func (f *fixture) cutShort(t *testing.T, text string) chat.SendResult {
	t.Helper()
	f.srv.Handle("m", llmtest.Scenario{Chunks: []string{"part", "ial"}, CutAfter: 1})
	res := f.send(t, text)
	if got := f.stored(t, res.Assistant.ID); got.Content != "part" || got.Status != store.StatusError {
		t.Fatalf("the cut answer is stored as %q (%s)", got.Content, got.Status)
	}
	f.srv.Handle("m", llmtest.Scenario{Chunks: []string{" more"}})
	return res
}

// TestNextTurnAfterAContinue: an answer continued after a turn read it is
// sent with its new text, whether this window continued it or another
// window (another process on the same file) did.
func TestNextTurnAfterAContinue(t *testing.T) {
	for _, tc := range []struct {
		name, by string
		// resume continues the answer id and makes it the head again.
		resume func(t *testing.T, f *fixture, id string)
	}{
		{"SendsAContinuedAnswer", "Continue", func(t *testing.T, f *fixture, id string) {
			ctx := context.Background()
			if err := f.store.SetHead(ctx, f.conv.ID, id); err != nil {
				t.Fatal(err)
			}
			if _, err := f.svc.Continue(ctx, id); err != nil {
				t.Fatal(err)
			}
			f.rec.wait(t)
		}},
		{"SeesAnotherWindowsWrite", "another window's Continue", func(t *testing.T, f *fixture, id string) {
			ctx := context.Background()
			other, err := store.Open(ctx, f.path)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			rec := newRecorder()
			window := chat.New(other, f.keys, openaiProvider, rec, chat.Options{})
			defer window.Shutdown()
			if _, err := window.Continue(ctx, id); err != nil {
				t.Fatal(err)
			}
			rec.wait(t)
			if err := f.store.SetHead(ctx, f.conv.ID, id); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t, "m", chat.Options{})
			first := f.cutShort(t, "one")
			if got := f.sends(t, "two"); !sameTexts(got, "one", "part", "two") {
				t.Fatalf("second turn sent %q", contents(got))
			}
			tc.resume(t, f, first.Assistant.ID)
			if got := f.sends(t, "three"); !sameTexts(got, "one", "part more", "three") {
				t.Errorf("after %s the turn sent %q, want the continued answer", tc.by, contents(got))
			}
		})
	}
}

// TestNextTurnAfterARestoreSendsTheRestoredText: a backup restored over
// the conversation brings back older text under the same ids.
func TestNextTurnAfterARestoreSendsTheRestoredText(t *testing.T) {
	f := setup(t, "m", chat.Options{})
	ctx := context.Background()
	first := f.cutShort(t, "one")
	snap, err := f.store.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Continue(ctx, first.Assistant.ID); err != nil {
		t.Fatal(err)
	}
	f.rec.wait(t)
	if got := f.sends(t, "two"); !sameTexts(got, "one", "part more", "two") {
		t.Fatalf("second turn sent %q", contents(got))
	}
	if _, err := f.store.Restore(ctx, snap, true); err != nil {
		t.Fatal(err)
	}
	if got := f.sends(t, "three"); !sameTexts(got, "one", "part", "three") {
		t.Errorf("after the restore the turn sent %q, want the backup's text", contents(got))
	}
}

// TestEditsAndBranchesAreSent: an edited message, a regenerated answer and
// a switch back to an older branch are each what the next turn sends.
func TestEditsAndBranchesAreSent(t *testing.T) {
	f := setup(t, "m", chat.Options{})
	ctx := context.Background()
	f.srv.Handle("m", llmtest.Scenario{Echo: true})
	one := f.sends(t, "one")
	two := f.send(t, "two")
	edited, err := f.svc.Edit(ctx, two.User.ID, "two, edited")
	if err != nil {
		t.Fatal(err)
	}
	f.rec.wait(t)
	if got := f.sends(t, "three"); len(got) != 5 || got[2].Content != "two, edited" || got[0].Content != one[0].Content {
		t.Errorf("after the edit the turn sent %q", contents(got))
	}
	if _, err := f.svc.Regenerate(ctx, edited.Assistant.ID); err != nil {
		t.Fatal(err)
	}
	f.rec.wait(t)
	if got := f.sent(t); len(got) != 3 || got[2].Content != "two, edited" {
		t.Errorf("the regenerated answer was asked with %q", contents(got))
	}
	if err := f.store.SetHead(ctx, f.conv.ID, two.Assistant.ID); err != nil { // the old branch
		t.Fatal(err)
	}
	if got := f.sends(t, "four"); len(got) != 5 || got[2].Content != "two" || got[3].Content != f.stored(t, two.Assistant.ID).Content {
		t.Errorf("on the old branch the turn sent %q", contents(got))
	}
}

// TestAWiderContextReadsOlderMessages: a context setting raised after a
// turn sends the older messages that turn left out.
func TestAWiderContextReadsOlderMessages(t *testing.T) {
	f := setup(t, "m", chat.Options{})
	ctx := context.Background()
	f.srv.Handle("m", llmtest.Scenario{Chunks: []string{"ok"}})
	f.history(t, 3)
	if err := f.store.SaveChatSettings(ctx, f.conv.ID, store.ChatSettings{ContextMessages: 2}); err != nil {
		t.Fatal(err)
	}
	if got := f.sends(t, "a"); len(got) != 2 {
		t.Fatalf("with 2 messages of context the turn sent %d", len(got))
	}
	if err := f.store.SaveChatSettings(ctx, f.conv.ID, store.ChatSettings{ContextMessages: 10}); err != nil {
		t.Fatal(err)
	}
	got := f.sends(t, "b")
	if len(got) != 9 || !strings.HasPrefix(got[0].Content, "user 0:") || got[8].Content != "b" {
		t.Errorf("with 10 messages of context the turn sent %d: %.12q", len(got), contents(got))
	}
	info, err := f.svc.ContextOf(ctx, f.conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if info.Messages != 10 || info.Trimmed {
		t.Errorf("context = %+v, want all 10 messages", info)
	}
}

// TestADeletedMessageIsNotSent: a message deleted after a turn sent it,
// and its answers with it, are not sent again.
func TestADeletedMessageIsNotSent(t *testing.T) {
	f := setup(t, "m", chat.Options{})
	ctx := context.Background()
	f.srv.Handle("m", llmtest.Scenario{Chunks: []string{"ok"}})
	f.sends(t, "one")
	two := f.send(t, "two")
	if err := f.store.DeleteMessage(ctx, two.User.ID); err != nil {
		t.Fatal(err)
	}
	if got := f.sends(t, "three"); !sameTexts(got, "one", "ok", "three") {
		t.Errorf("after the delete the turn sent %q", contents(got))
	}
}

// TestAnAnswerStreamingElsewhereIsSentAsItEnds: a turn that sends an answer
// still streaming in another window sends, next time, the text that answer
// ended with (its growth does not change the history version).
func TestAnAnswerStreamingElsewhereIsSentAsItEnds(t *testing.T) {
	f := setup(t, "m", chat.Options{})
	ctx := context.Background()
	f.srv.Handle("m", llmtest.Scenario{Chunks: []string{"ok"}})
	first := f.send(t, "one")
	other, err := store.Open(ctx, f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	user := store.Message{ID: store.NewID("m_"), ConversationID: f.conv.ID, Role: "user", Content: "two", Status: store.StatusDone,
		ParentID: first.Assistant.ID}
	_, answer, err := other.AddExchange(ctx, user, store.Message{ConversationID: f.conv.ID, Role: "assistant",
		Status: store.StatusStreaming, ParentID: user.ID}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := other.SetHead(ctx, f.conv.ID, answer.ID); err != nil {
		t.Fatal(err)
	}
	if err := other.SaveProgress(ctx, answer.ID, "half", ""); err != nil {
		t.Fatal(err)
	}
	if got := f.sends(t, "three"); !sameTexts(got, "one", "ok", "two", "half", "three") {
		t.Fatalf("the turn sent %q", contents(got))
	}
	answer.Content, answer.Status = "half and whole", store.StatusDone
	if err := other.FinishMessage(ctx, answer); err != nil {
		t.Fatal(err)
	}
	if got := f.sends(t, "four"); !sameTexts(got, "one", "ok", "two", "half and whole", "three", "ok", "four") {
		t.Errorf("once the other answer ended the turn sent %q, want its whole text", contents(got))
	}
}
