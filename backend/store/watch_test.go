package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"parley/backend/store"
)

// A window learns of a profile added in another window.
func TestWatchSeesAnotherConnectionsWrite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parley.db")
	mine, theirs := open(t, path), open(t, path)
	defer theirs.Close()
	changed := make(chan struct{}, 16)
	mine.Watch(10*time.Millisecond, func() { changed <- struct{}{} })
	if _, err := theirs.SaveProfile(ctx, store.Profile{Name: "B", Kind: "openai", BaseURL: "http://x/v1", Model: "m"}); err != nil {
		t.Fatal(err)
	}
	<-changed
	if list, _ := mine.Profiles(ctx); len(list) != 1 || list[0].Name != "B" {
		t.Errorf("after the change, profiles = %+v", list)
	}
	if err := mine.Close(); err != nil { // stops the watch
		t.Fatal(err)
	}
}

// When a window closes with an answer still marked streaming (it was killed
// before it could save), the windows still open mark it interrupted
// without a restart.
func TestWatchMarksAnswersOfAClosedStoreInterrupted(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parley.db")
	mine, theirs := open(t, path), open(t, path)
	defer mine.Close()
	p, _ := theirs.SaveProfile(ctx, store.Profile{Name: "B", Kind: "openai", BaseURL: "http://x/v1", Model: "m"})
	c, _ := theirs.CreateConversation(ctx, p.ID, "")
	a, _ := theirs.AddMessage(ctx, store.Message{ConversationID: c.ID, Role: "assistant", Status: store.StatusStreaming})
	if n, err := mine.MarkInterrupted(ctx); err != nil || n != 0 {
		t.Fatalf("MarkInterrupted with the owner open = %d, %v", n, err)
	}
	changed := make(chan struct{}, 16)
	mine.Watch(10*time.Millisecond, func() { changed <- struct{}{} })
	theirs.Close()
	for {
		<-changed
		msgs, _ := mine.Messages(ctx, c.ID)
		if len(msgs) == 1 && msgs[0].ID == a.ID && msgs[0].Status == store.StatusInterrupted {
			return
		}
	}
}
