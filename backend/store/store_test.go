package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"parley/backend/problem"
	"parley/backend/store"
)

// open opens the database file at path, as a window does.
func open(t testing.TB, path string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// conversation stores a profile and an empty conversation of it titled
// title.
func conversation(t testing.TB, s *store.Store, title string) store.Conversation {
	t.Helper()
	ctx := context.Background()
	p, err := s.SaveProfile(ctx, store.Profile{Name: "A", Kind: "openai", BaseURL: "http://x/v1", Model: "m"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.CreateConversation(ctx, p.ID, title)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// dbPath is where a database file of the test's own goes.
func dbPath(t testing.TB) string { return filepath.Join(t.TempDir(), "parley.db") }

// fresh opens a new database file in the test's own folder, closed when
// the test ends.
func fresh(t testing.TB) *store.Store {
	t.Helper()
	s := open(t, dbPath(t))
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestEverythingSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "data", "parley.db")
	s := open(t, path)
	p, err := s.SaveProfile(ctx, store.Profile{Name: "OpenAI", Kind: "openai", Preset: "openai", BaseURL: "https://api.openai.com/v1", Model: "gpt-4o-mini"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.CreateConversation(ctx, p.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	u, _ := s.AddMessage(ctx, store.Message{ConversationID: c.ID, Role: "user", Content: "你好", Status: store.StatusDone})
	a, _ := s.AddMessage(ctx, store.Message{ConversationID: c.ID, Role: "assistant", Status: store.StatusStreaming})
	if u.Seq != 1 || a.Seq != 2 {
		t.Errorf("seqs = %d, %d", u.Seq, a.Seq)
	}
	if err := s.SaveProgress(ctx, a.ID, "half an ans", ""); err != nil {
		t.Fatal(err)
	}
	s.Close() // as if Parley crashed mid-answer

	s = open(t, path)
	defer s.Close()
	if n, err := s.MarkInterrupted(ctx); err != nil || n != 1 {
		t.Fatalf("MarkInterrupted = %d, %v", n, err)
	}
	profiles, _ := s.Profiles(ctx)
	if len(profiles) != 1 || profiles[0].BaseURL != "https://api.openai.com/v1" {
		t.Fatalf("profiles = %+v", profiles)
	}
	msgs, _ := s.Messages(ctx, c.ID)
	if len(msgs) != 2 || msgs[0].Content != "你好" || msgs[1].Content != "half an ans" || msgs[1].Status != store.StatusInterrupted {
		t.Fatalf("messages = %+v", msgs)
	}
}

func TestUpdateAndDeleteCascade(t *testing.T) {
	ctx := context.Background()
	s := fresh(t)
	p, _ := s.SaveProfile(ctx, store.Profile{Name: "A", Kind: "openai", BaseURL: "http://x/v1", Model: "m"})
	p.Model = "m2"
	p2, err := s.SaveProfile(ctx, p)
	if err != nil || p2.Model != "m2" || p2.ID != p.ID || p2.CreatedAt != p.CreatedAt {
		t.Fatalf("update = %+v, %v", p2, err)
	}
	c, _ := s.CreateConversation(ctx, p.ID, "t")
	s.AddMessage(ctx, store.Message{ConversationID: c.ID, Role: "user", Content: "x", Status: store.StatusDone})
	if err := s.DeleteProfile(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Conversation(ctx, c.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("conversation after profile delete: %v", err)
	}
	if msgs, _ := s.Messages(ctx, c.ID); len(msgs) != 0 {
		t.Errorf("messages after profile delete: %d", len(msgs))
	}
}

func TestConversationsNewestFirst(t *testing.T) {
	ctx := context.Background()
	s := fresh(t)
	p, _ := s.SaveProfile(ctx, store.Profile{Name: "A", Kind: "openai", BaseURL: "http://x/v1", Model: "m"})
	first, _ := s.CreateConversation(ctx, p.ID, "first")
	time.Sleep(2 * time.Millisecond) // timestamps are in milliseconds
	if _, err := s.CreateConversation(ctx, p.ID, "second"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Millisecond)
	// A message in the older conversation makes it the most recent one.
	if _, err := s.AddMessage(ctx, store.Message{ConversationID: first.ID, Role: "user", Content: "x", Status: store.StatusDone}); err != nil {
		t.Fatal(err)
	}
	list, _ := s.Conversations(ctx, p.ID)
	if len(list) != 2 || list[0].ID != first.ID {
		t.Errorf("order = %v", list)
	}
}

func TestUnwritableDataFolderIsExplained(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := store.Open(context.Background(), filepath.Join(blocker, "data", "parley.db"))
	p := problem.From(err)
	if p == nil || p.Title != "Parley could not create its data folder" || !strings.Contains(p.Fix, "PARLEY_DATA_DIR") {
		t.Errorf("got %+v", p)
	}
}

// TestProfileKeepsItsWaits: a profile's network waits survive an update and
// a reopen; a negative one is stored as the default (0).
func TestProfileKeepsItsWaits(t *testing.T) {
	ctx := context.Background()
	path := dbPath(t)
	s := open(t, path)
	p, err := s.SaveProfile(ctx, store.Profile{Name: "Slow thinker", Kind: "openai", BaseURL: "http://127.0.0.1:1/v1", Model: "m",
		ConnectTimeoutMs: 5000, FirstByteTimeoutMs: 300000, IdleTimeoutMs: -1})
	if err != nil {
		t.Fatal(err)
	}
	p.Name = "Slow thinker, renamed"
	if _, err := s.SaveProfile(ctx, p); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, path)
	defer s.Close()
	got, err := s.Profile(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ConnectTimeoutMs != 5000 || got.FirstByteTimeoutMs != 300000 || got.IdleTimeoutMs != 0 {
		t.Errorf("waits %d/%d/%d ms, want 5000/300000/0", got.ConnectTimeoutMs, got.FirstByteTimeoutMs, got.IdleTimeoutMs)
	}
}
