package store_test

import (
	"context"
	"testing"
	"time"

	"parley/backend/store"
)

// A window learns of a profile added in another window.
func TestWatchSeesAnotherConnectionsWrite(t *testing.T) {
	ctx := context.Background()
	path := dbPath(t)
	mine, theirs := open(t, path), open(t, path)
	defer theirs.Close()
	changed := make(chan struct{}, 16)
	mine.Watch(10*time.Millisecond, func(store.Changes) { changed <- struct{}{} })
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
	path := dbPath(t)
	mine, theirs := open(t, path), open(t, path)
	defer mine.Close()
	p, _ := theirs.SaveProfile(ctx, store.Profile{Name: "B", Kind: "openai", BaseURL: "http://x/v1", Model: "m"})
	c, _ := theirs.CreateConversation(ctx, p.ID, "")
	a, _ := theirs.AddMessage(ctx, store.Message{ConversationID: c.ID, Role: "assistant", Status: store.StatusStreaming})
	if n, err := mine.MarkInterrupted(ctx); err != nil || n != 0 {
		t.Fatalf("MarkInterrupted with the owner open = %d, %v", n, err)
	}
	changed := make(chan struct{}, 16)
	mine.Watch(10*time.Millisecond, func(store.Changes) { changed <- struct{}{} })
	theirs.Close()
	for {
		<-changed
		msgs, _ := mine.Messages(ctx, c.ID)
		if len(msgs) == 1 && msgs[0].ID == a.ID && msgs[0].Status == store.StatusInterrupted {
			return
		}
	}
}

// A setting written or removed by another process (another window's
// settings page, parley-cli settings) is announced as a settings change, so
// every window applies it at once; other writes are not.
func TestWatchSaysWhenAnotherProcessChangedASetting(t *testing.T) {
	ctx := context.Background()
	path := dbPath(t)
	mine, theirs := open(t, path), open(t, path)
	defer mine.Close()
	defer theirs.Close()
	changes := make(chan store.Changes, 16)
	mine.Watch(10*time.Millisecond, func(c store.Changes) { changes <- c })

	if _, err := theirs.SaveProfile(ctx, store.Profile{Name: "B", Kind: "openai", BaseURL: "http://x/v1", Model: "m"}); err != nil {
		t.Fatal(err)
	}
	if c := <-changes; c.Settings {
		t.Error("a profile saved in another window is announced as a settings change")
	}
	for _, write := range []string{`ui.language="zh-CN"`, `appearance.theme="light"`, `ui.language=`} {
		p := spawn(t, "setting", path, write)
		p.gun.Close()
		if err := <-p.ended; err != nil {
			t.Fatalf("%s: %v: %s", write, err, p.cmd.Stderr)
		}
		p.ended <- nil
		for c := range changes {
			if c.Settings {
				break
			}
		}
	}
	if _, ok, _ := mine.Setting(ctx, "ui.language"); ok {
		t.Error("the language removed in another process is still set here")
	}
	if v, _, _ := mine.Setting(ctx, "appearance.theme"); v != `"light"` {
		t.Errorf("theme = %s, want the other process's \"light\"", v)
	}
}
