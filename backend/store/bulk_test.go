package store_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"parley/backend/store"
)

// found lists the ids of the messages a search finds.
func (f *fixture) found(q string) []string {
	f.t.Helper()
	var ids []string
	for _, h := range f.search(q) {
		ids = append(ids, h.MessageID)
	}
	slices.Sort(ids)
	return ids
}

func ids(msgs ...store.Message) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, m.ID)
	}
	slices.Sort(out)
	return out
}

// Restore and Import index what they write in bulk, with the search
// triggers set aside for the while: what they bring in is found, what they
// replace is not, and the triggers work again afterwards.
func TestBulkWritesKeepTheSearchIndex(t *testing.T) {
	src := newFixture(t)
	_, zep := src.conv("airships", "tell me about zeppelins", "zeppelins are rigid airships")
	snap, err := src.s.Snapshot(src.ctx)
	if err != nil {
		t.Fatal(err)
	}

	f := newFixture(t)
	_, wal := f.conv("walruses", "do walruses sleep in water?", "walruses can sleep while floating")
	check := func(step, q string, want []string) {
		t.Helper()
		if got := f.found(q); !slices.Equal(got, want) {
			t.Errorf("%s: search %q finds %v, want %v", step, q, got, want)
		}
	}

	if _, err := f.s.Restore(f.ctx, snap, false); err != nil {
		t.Fatal(err)
	}
	check("merge", "zeppelin", ids(zep...))
	check("merge", "walrus", ids(wal...))
	if _, err := f.s.Restore(f.ctx, snap, false); err != nil {
		t.Fatal(err)
	}
	check("merge again", "zeppelin", ids(zep...))

	if _, err := f.s.Restore(f.ctx, snap, true); err != nil {
		t.Fatal(err)
	}
	check("replace", "zeppelin", ids(zep...))
	check("replace", "walrus", nil)

	// A restore that fails at commit (a message of a conversation nobody
	// has) changes nothing, the index and its triggers included.
	broken := store.Snapshot{"messages": {{"id": "m_orphan", "conversation_id": "c_none", "seq": 1, "role": "user", "content": "an orphaned narwhal", "status": "done", "created_at": 1, "updated_at": 1}}}
	if _, err := f.s.Restore(f.ctx, broken, false); err == nil {
		t.Fatal("a message of no conversation was restored")
	}
	check("failed restore", "narwhal", nil)
	check("failed restore", "zeppelin", ids(zep...))

	profiles, err := f.s.Profiles(f.ctx)
	if err != nil || len(profiles) == 0 {
		t.Fatal(profiles, err)
	}
	f.p = profiles[0]
	res, err := f.s.Import(f.ctx, f.p.ID, []store.ImportedConversation{{Title: "imported", Messages: []store.Message{
		{Role: "user", Content: "what is a quokka?"}, {Role: "assistant", Content: "a small wallaby, the quokka"},
	}}})
	if err != nil || res.Messages != 2 {
		t.Fatal(res, err)
	}
	if got := f.found("quokka"); len(got) != 2 {
		t.Errorf("import: search finds %v", got)
	}

	// The triggers are back: a new message, an edit and a deletion show.
	c, added := f.conv("later", "capybaras are calm")
	check("added", "capybara", ids(added...))
	if err := f.s.SaveProgress(f.ctx, added[0].ID, "axolotls are calm", ""); err != nil {
		t.Fatal(err)
	}
	check("edited", "capybara", nil)
	check("edited", "axolotl", ids(added...))
	if err := f.s.DeleteConversation(f.ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	check("deleted", "axolotl", nil)
}

// BenchmarkRestoreReplace restores a backup of 2,000 messages of ~80 words
// over the store it came from, as the window's Restore with Replace does.
// Row by row through the search triggers this took ~1 ms a message.
func BenchmarkRestoreReplace(b *testing.B) {
	s := fresh(b)
	ctx := b.Context()
	p, err := s.SaveProfile(ctx, store.Profile{Name: "P", Kind: "openai", BaseURL: "http://x/v1", Model: "m"})
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(5, 6))
	z := rand.NewZipf(r, 1.1, 2, uint64(len(benchVocabulary)-1))
	var convs []store.ImportedConversation
	for c := range 4 {
		ic := store.ImportedConversation{Title: fmt.Sprint("conversation ", c)}
		for i := range 500 {
			ic.Messages = append(ic.Messages, store.Message{Role: []string{"user", "assistant"}[i%2], Content: benchText(r, z, 80)})
		}
		convs = append(convs, ic)
	}
	if _, err := s.Import(ctx, p.ID, convs); err != nil {
		b.Fatal(err)
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.Restore(ctx, snap, true); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/2000, "µs/message")
}
