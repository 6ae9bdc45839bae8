package store_test

import (
	"context"
	"testing"

	"parley/backend/store"
)

// A conversation stored before branches existed reads as the one linear
// branch it was, a retried answer beside the answer it replaced.
func TestOldConversationsBecomeBranches(t *testing.T) {
	ctx := context.Background()
	path := dbPath(t)
	oldDatabase(t, path, 2,
		"INSERT INTO profiles (id, name, kind, base_url, created_at, updated_at) VALUES ('p', 'P', 'openai', 'http://x/v1', 1, 1)",
		"INSERT INTO conversations (id, profile_id, created_at, updated_at) VALUES ('c', 'p', 1, 1)",
		"INSERT INTO messages (id, conversation_id, seq, role, status, created_at, updated_at) VALUES ('u1', 'c', 1, 'user', 'done', 1, 1)",
		"INSERT INTO messages (id, conversation_id, seq, role, status, created_at, updated_at) VALUES ('a1', 'c', 2, 'assistant', 'error', 1, 1)",
		"INSERT INTO messages (id, conversation_id, seq, role, status, created_at, updated_at) VALUES ('a2', 'c', 3, 'assistant', 'done', 1, 1)",
		"INSERT INTO messages (id, conversation_id, seq, role, status, created_at, updated_at) VALUES ('u2', 'c', 4, 'user', 'done', 1, 1)",
		"INSERT INTO messages (id, conversation_id, seq, role, status, created_at, updated_at) VALUES ('a3', 'c', 5, 'assistant', 'done', 1, 1)",
	)

	s := open(t, path)
	defer s.Close()
	branch, err := s.Branch(ctx, "c")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range branch {
		ids = append(ids, m.ID)
	}
	if want := []string{"u1", "a2", "u2", "a3"}; len(ids) != len(want) || ids[0] != want[0] || ids[1] != want[1] || ids[2] != want[2] || ids[3] != want[3] {
		t.Errorf("branch = %v, want %v", ids, want)
	}
	all, _ := s.Messages(ctx, "c")
	if sib := store.Siblings(all)["a2"]; len(sib) != 2 || sib[0] != "a1" {
		t.Errorf("alternatives of the retried answer = %v", sib)
	}
}

// Messages added without a parent (an importer's linear history) follow
// the newest message.
func TestMessagesWithoutParentFollowTheNewest(t *testing.T) {
	ctx := context.Background()
	s := fresh(t)
	c := conversation(t, s, "")
	for _, text := range []string{"a", "b", "c"} {
		if _, err := s.AddMessage(ctx, store.Message{ConversationID: c.ID, Role: "user", Content: text, Status: store.StatusDone}); err != nil {
			t.Fatal(err)
		}
	}
	if branch, _ := s.Branch(ctx, c.ID); len(branch) != 3 || branch[0].Content != "a" || branch[2].Content != "c" {
		t.Errorf("branch = %+v", branch)
	}
}

// BranchBack walks one branch back from a message, page by page, and
// leaves out the other branches.
func TestBranchBackFollowsOneBranch(t *testing.T) {
	ctx := context.Background()
	s := fresh(t)
	c := conversation(t, s, "")
	add := func(parent, text string) store.Message {
		m, err := s.AddMessage(ctx, store.Message{ConversationID: c.ID, Role: "user", Content: text, Status: store.StatusDone,
			ParentID: parent, Root: parent == ""})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	a := add("", "a")
	b := add(a.ID, "b")
	add(b.ID, "c (another branch)")
	c2 := add(b.ID, "c")
	d := add(c2.ID, "d")

	page, err := s.BranchBack(ctx, c.ID, d.ID, 3)
	if err != nil {
		t.Fatal(err)
	}
	if got := texts(page); got != "d c b" {
		t.Errorf("first page = %q, want \"d c b\"", got)
	}
	rest, err := s.BranchBack(ctx, c.ID, page[len(page)-1].ParentID, 3)
	if err != nil {
		t.Fatal(err)
	}
	if got := texts(rest); got != "a" {
		t.Errorf("second page = %q, want \"a\"", got)
	}
	if other, _ := s.BranchBack(ctx, "another-conversation", d.ID, 3); len(other) != 0 {
		t.Errorf("a message read through another conversation: %v", texts(other))
	}
}

func texts(ms []store.Message) string {
	out := ""
	for i, m := range ms {
		if i > 0 {
			out += " "
		}
		out += m.Content
	}
	return out
}

// History yields the same branch, newest first, only as far as it is read.
func TestHistoryFollowsOneBranchAsFarAsRead(t *testing.T) {
	ctx := context.Background()
	s := fresh(t)
	p, _ := s.SaveProfile(ctx, store.Profile{Name: "P", Kind: "openai", BaseURL: "http://x/v1"})
	c, _ := s.CreateConversation(ctx, p.ID, "")
	add := func(parent, role, text string) store.Message {
		m, err := s.AddMessage(ctx, store.Message{ConversationID: c.ID, Role: role, Content: text, Status: store.StatusDone,
			ParentID: parent, Root: parent == ""})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	a := add("", "user", "a")
	b := add(a.ID, "assistant", "b")
	add(b.ID, "user", "c (another branch)")
	c2 := add(b.ID, "user", "c")
	d := add(c2.ID, "assistant", "d")

	read := func(conv string, n int) string {
		out := ""
		for m, err := range s.History(ctx, conv, d.ID) {
			if err != nil {
				t.Fatal(err)
			}
			if n--; n < 0 {
				break
			}
			out += m.Role[:1] + ":" + m.Content + " "
		}
		return out
	}
	if got := read(c.ID, 10); got != "a:d u:c a:b u:a " {
		t.Errorf("whole branch = %q", got)
	}
	if got := read(c.ID, 2); got != "a:d u:c " {
		t.Errorf("two read = %q", got)
	}
	if got := read("another-conversation", 10); got != "" {
		t.Errorf("a message read through another conversation: %q", got)
	}
}
