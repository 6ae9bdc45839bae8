package store_test

import (
	"testing"

	"parley/backend/store"
)

// version reads the history version, failing the test on error.
func (f *fixture) version() int64 {
	f.t.Helper()
	v, err := f.s.HistoryVersion(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	return v
}

// TestHistoryVersionIgnoresWhatATurnWrites: a turn's own writes (its two
// messages, the growing and final text of its answer, the head, settings)
// leave the version as it was, so the history it read stays good.
func TestHistoryVersionIgnoresWhatATurnWrites(t *testing.T) {
	f := newFixture(t)
	c, msgs := f.conv("c", "hello", "hi")
	before := f.version()
	user := store.Message{ConversationID: c.ID, Role: "user", Content: "more", Status: store.StatusDone, ParentID: msgs[1].ID}
	_, asst, err := f.s.AddExchange(f.ctx, user, store.Message{ConversationID: c.ID, Role: "assistant",
		Status: store.StatusStreaming, ParentID: user.ID}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetHead(f.ctx, c.ID, asst.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SaveProgress(f.ctx, asst.ID, "par", ""); err != nil {
		t.Fatal(err)
	}
	asst.Content, asst.Status = "partial answer", store.StatusDone
	if err := f.s.FinishMessage(f.ctx, asst); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SaveChatSettings(f.ctx, c.ID, store.ChatSettings{ContextMessages: 4}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddMessage(f.ctx, store.Message{ConversationID: c.ID, Role: "user", Content: "edited", Status: store.StatusDone,
		ParentID: msgs[1].ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.MarkInterrupted(f.ctx); err != nil {
		t.Fatal(err)
	}
	if after := f.version(); after != before {
		t.Errorf("history version went from %d to %d after a turn's own writes; want it unchanged", before, after)
	}
}

// TestHistoryVersionCountsRewrites: whatever rewrites or removes a message
// a turn may have read changes the version, including a restore that
// brings back older text under the same ids.
func TestHistoryVersionCountsRewrites(t *testing.T) {
	f := newFixture(t)
	c, msgs := f.conv("c", "hello", "hi", "again", "sure")
	snap, err := f.s.Snapshot(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		do   func() error
	}{
		{"an answer continued", func() error {
			m := msgs[1]
			m.Status = store.StatusStreaming // what Continue writes first
			return f.s.FinishMessage(f.ctx, m)
		}},
		{"a message deleted", func() error { return f.s.DeleteMessage(f.ctx, msgs[3].ID) }},
		{"a restore replacing everything", func() error { _, err := f.s.Restore(f.ctx, snap, true); return err }},
		{"a conversation deleted", func() error { return f.s.DeleteConversation(f.ctx, c.ID) }},
	}
	for _, st := range steps {
		before := f.version()
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if after := f.version(); after <= before {
			t.Errorf("%s: history version %d, then %d; want it to grow", st.name, before, after)
		}
	}
}

// TestHistoryVersionSeesOtherProcesses: a rewrite made through another
// connection to the file (another window) changes the version this one
// reads.
func TestHistoryVersionSeesOtherProcesses(t *testing.T) {
	path := dbPath(t)
	a := open(t, path)
	defer a.Close()
	f := &fixture{t: t, ctx: t.Context(), s: a}
	var err error
	if f.p, err = a.SaveProfile(f.ctx, store.Profile{Name: "P", Kind: "openai", BaseURL: "http://x/v1", Model: "m"}); err != nil {
		t.Fatal(err)
	}
	_, msgs := f.conv("c", "hello", "hi")
	before := f.version()
	b := open(t, path)
	defer b.Close()
	if err := b.DeleteMessage(f.ctx, msgs[1].ID); err != nil {
		t.Fatal(err)
	}
	if after := f.version(); after == before {
		t.Errorf("history version %d after another connection deleted a message; want it changed", after)
	}
}

// TestHistoryTellsStreamingAnswers: History marks an answer still
// streaming, whose text may change without the version changing.
func TestHistoryTellsStreamingAnswers(t *testing.T) {
	f := newFixture(t)
	c, msgs := f.conv("c", "hello")
	asst, err := f.s.AddMessage(f.ctx, store.Message{ConversationID: c.ID, Role: "assistant", Status: store.StatusStreaming, ParentID: msgs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	var got []bool
	for m, err := range f.s.History(f.ctx, c.ID, asst.ID) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, m.Streaming)
	}
	if len(got) != 2 || !got[0] || got[1] {
		t.Errorf("streaming flags newest first = %v, want [true false]", got)
	}
}
