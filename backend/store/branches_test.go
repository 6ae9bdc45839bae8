package store_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"parley/backend/store"
)

// A conversation stored before branches existed reads as the one linear
// branch it was, a retried answer beside the answer it replaced.
func TestOldConversationsBecomeBranches(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parley.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"migrations/001_init.sql", "migrations/002_reasoning_time.sql"} {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(body)); err != nil {
			t.Fatal(err)
		}
	}
	stmts := []string{
		"INSERT INTO profiles (id, name, kind, base_url, created_at, updated_at) VALUES ('p', 'P', 'openai', 'http://x/v1', 1, 1)",
		"INSERT INTO conversations (id, profile_id, created_at, updated_at) VALUES ('c', 'p', 1, 1)",
		"INSERT INTO messages (id, conversation_id, seq, role, status, created_at, updated_at) VALUES ('u1', 'c', 1, 'user', 'done', 1, 1)",
		"INSERT INTO messages (id, conversation_id, seq, role, status, created_at, updated_at) VALUES ('a1', 'c', 2, 'assistant', 'error', 1, 1)",
		"INSERT INTO messages (id, conversation_id, seq, role, status, created_at, updated_at) VALUES ('a2', 'c', 3, 'assistant', 'done', 1, 1)",
		"INSERT INTO messages (id, conversation_id, seq, role, status, created_at, updated_at) VALUES ('u2', 'c', 4, 'user', 'done', 1, 1)",
		"INSERT INTO messages (id, conversation_id, seq, role, status, created_at, updated_at) VALUES ('a3', 'c', 5, 'assistant', 'done', 1, 1)",
		"PRAGMA user_version = 2",
	}
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	db.Close()

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
