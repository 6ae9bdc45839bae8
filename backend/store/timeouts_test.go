package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"parley/backend/store"
)

// TestProfileKeepsItsWaits: a profile's network waits survive an update and
// a reopen; a negative one is stored as the default (0).
func TestProfileKeepsItsWaits(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parley.db")
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
