package chat_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"parley/backend/chat"
	"parley/backend/store"
)

// A live answer can be picked up at any moment: its snapshot plus every
// delta after the snapshot's seq is exactly the whole answer.
func TestStreamsArePickedUpWhereTheyAre(t *testing.T) {
	f := setup(t, "slow", chat.Options{})
	res := f.start(t, "go")
	var snap chat.Stream
	waitFor(t, "a few deltas", func() bool {
		snap = f.svc.Streams(f.conv.ID)[res.Assistant.ID]
		return snap.LastSeq >= 3
	})
	if other := f.svc.Streams("c_other"); len(other) != 0 {
		t.Errorf("streams of another conversation: %+v", other)
	}
	f.svc.Cancel(res.Assistant.ID)
	f.rec.wait(t)
	got := f.rec.result(res.Assistant.ID)
	text := snap.Content
	for _, d := range got.deltas {
		if d.Seq > snap.LastSeq {
			text += d.Text
		}
	}
	if text != got.text || !strings.HasPrefix(got.text, snap.Content) {
		t.Errorf("snapshot %q at seq %d plus later deltas = %q, want %q", snap.Content, snap.LastSeq, text, got.text)
	}
	if len(f.svc.Streams(f.conv.ID)) != 0 {
		t.Error("an ended answer is still listed as streaming")
	}
}

// Quitting mid-answer is not a Stop: the answer is recorded as interrupted.
func TestShutdownMarksAnswersInterrupted(t *testing.T) {
	f := setup(t, "slow", chat.Options{})
	res := f.start(t, "go")
	waitFor(t, "some text", func() bool { return f.svc.Streams(f.conv.ID)[res.Assistant.ID].LastSeq >= 2 })
	f.svc.Shutdown()
	got := f.rec.result(res.Assistant.ID)
	if len(got.terminals) != 1 || got.terminals[0].payload.(chat.Done).Status != store.StatusInterrupted {
		t.Fatalf("terminals = %+v", got.terminals)
	}
	if m := f.stored(t, res.Assistant.ID); m.Status != store.StatusInterrupted || m.Content == "" {
		t.Errorf("stored = %q (%s)", m.Content, m.Status)
	}
}

// Continue appends to the interrupted answer, sending the partial text as
// the model's own turn and asking it to go on.
func TestContinueAppendsToThePartialAnswer(t *testing.T) {
	f := setup(t, "echo", chat.Options{})
	ctx := context.Background()
	user, _ := f.store.AddMessage(ctx, store.Message{ConversationID: f.conv.ID, Role: "user", Content: "tell me", Status: store.StatusDone})
	partial, _ := f.store.AddMessage(ctx, store.Message{ConversationID: f.conv.ID, Role: "assistant", Content: "Once upon ", Status: store.StatusInterrupted, ParentID: user.ID})
	m, err := f.svc.Continue(ctx, partial.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != partial.ID || m.Status != store.StatusStreaming {
		t.Errorf("continue returned %+v", m)
	}
	f.rec.wait(t)
	stored := f.stored(t, partial.ID)
	if stored.Status != store.StatusDone || !strings.HasPrefix(stored.Content, "Once upon You said: ") {
		t.Errorf("stored = %q (%s)", stored.Content, stored.Status)
	}
	var body struct {
		Messages []struct{ Role, Content string }
	}
	reqs := f.srv.Requests()
	json.Unmarshal([]byte(reqs[len(reqs)-1].Body), &body)
	if len(body.Messages) != 3 || body.Messages[0].Content != user.Content || body.Messages[1].Content != "Once upon " ||
		body.Messages[1].Role != "assistant" || body.Messages[2].Role != "user" {
		t.Errorf("request messages = %+v", body.Messages)
	}
	if _, err := f.svc.Continue(ctx, partial.ID); err == nil {
		t.Error("a finished answer was continued")
	}
}

// Regenerating keeps the earlier answer as an alternative, and later turns
// build on the new one; editing a message makes a branch, the old kept.
func TestRegenerateAndEditMakeBranches(t *testing.T) {
	f := setup(t, "echo", chat.Options{})
	ctx := context.Background()
	first := f.send(t, "one")
	again, err := f.svc.Regenerate(ctx, first.Assistant.ID)
	if err != nil {
		t.Fatal(err)
	}
	f.rec.wait(t)
	if again.ParentID != first.User.ID {
		t.Errorf("the regenerated answer follows %q, want the user's message", again.ParentID)
	}
	branch, _ := f.store.Branch(ctx, f.conv.ID)
	if len(branch) != 2 || branch[1].ID != again.ID {
		t.Fatalf("branch = %+v", branch)
	}
	second := f.send(t, "two")
	if second.User.ParentID != again.ID {
		t.Errorf("the next message follows %q, want the regenerated answer", second.User.ParentID)
	}
	edited, err := f.svc.Edit(ctx, second.User.ID, "two, edited")
	if err != nil {
		t.Fatal(err)
	}
	f.rec.wait(t)
	all, _ := f.store.Messages(ctx, f.conv.ID)
	if sib := store.Siblings(all)[second.User.ID]; len(sib) != 2 || sib[1] != edited.User.ID {
		t.Errorf("siblings of the edited message = %v", sib)
	}
	var body struct {
		Messages []struct{ Role, Content string }
	}
	reqs := f.srv.Requests()
	json.Unmarshal([]byte(reqs[len(reqs)-1].Body), &body)
	if len(body.Messages) != 3 || body.Messages[2].Content != "two, edited" || body.Messages[0].Content != "one" {
		t.Errorf("the edit sent %+v", body.Messages)
	}
	// The old branch is still reachable: its newest end is the first "two"'s answer.
	if got := store.Latest(all, second.User.ID); got != second.Assistant.ID {
		t.Errorf("Latest = %s, want %s", got, second.Assistant.ID)
	}
}

// Editing the very first message makes a second first message, not a
// follow-up of the last one.
func TestEditingTheFirstMessageStartsANewRoot(t *testing.T) {
	f := setup(t, "echo", chat.Options{})
	ctx := context.Background()
	first := f.send(t, "one")
	edited, err := f.svc.Edit(ctx, first.User.ID, "uno")
	if err != nil {
		t.Fatal(err)
	}
	f.rec.wait(t)
	if edited.User.ParentID != "" {
		t.Errorf("the edited first message follows %q", edited.User.ParentID)
	}
	branch, _ := f.store.Branch(ctx, f.conv.ID)
	if len(branch) != 2 || branch[0].Content != "uno" {
		t.Errorf("branch = %+v", branch)
	}
}
