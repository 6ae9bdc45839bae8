package main

import (
	"context"
	"os"
	"sync"
	"testing"

	"parley/backend/chat"
	"parley/backend/core"
	"parley/backend/store"
)

// windowEvents is what the window's UI would be told: the first delta of
// text, and the end.
type windowEvents struct {
	text chan struct{}
	done chan chat.Done
	once sync.Once
}

func (w *windowEvents) Emit(name string, payload any) {
	switch ev := payload.(type) {
	case chat.Delta:
		w.once.Do(func() { close(w.text) })
	case chat.Done:
		w.done <- ev
	}
}

// The window and the CLI share the data folder and run at once: while the
// window streams an answer, the CLI runs its own turn and reads history.
func TestCLIWhileTheWindowStreams(t *testing.T) {
	srv := fake(t)
	ctx := context.Background()
	events := &windowEvents{text: make(chan struct{}), done: make(chan chat.Done, 1)}
	window, err := core.Open(ctx, core.Config{DataDir: os.Getenv("PARLEY_DATA_DIR"), Emitter: events})
	if err != nil {
		t.Fatal(err)
	}
	defer window.Close()
	slow, err := window.SaveProfile(ctx, store.Profile{Name: "Slow", Kind: "openai", BaseURL: srv.URL + "/v1", Model: "slow"})
	if err != nil {
		t.Fatal(err)
	}
	window.SaveKey(ctx, slow.ID, goodKey)
	t.Cleanup(func() { window.DeleteKey(slow.ID) })
	conv, _ := window.NewConversation(ctx, slow.ID)
	sent, err := window.Send(ctx, conv.ID, "take your time")
	if err != nil {
		t.Fatal(err)
	}

	echo := newProfile(t, "--kind", "openai", "--base-url", srv.URL+"/v1", "--model", "echo")
	cli(t, goodKey, "key", "set", "--profile", echo)
	t.Cleanup(func() { cli(t, "", "key", "rm", "--profile", echo) })
	if got := cli(t, "", "ask", "--profile", echo, "meanwhile"); got.code != 0 || got.stdout != "You said: meanwhile — streamed by llmtest.\n" {
		t.Fatalf("CLI ask while the window streams: %+v", got)
	}
	if list := jsonOf[[]listed](t, cli(t, "", "history", "list", "--json")); len(list) != 2 {
		t.Errorf("history list: %+v", list)
	}
	<-events.text
	window.Cancel(sent.Assistant.ID)
	if ev := <-events.done; ev.Status != store.StatusStopped {
		t.Errorf("the window's answer ended %s", ev.Status)
	}
	msgs, _ := window.Messages(ctx, conv.ID)
	if len(msgs) != 2 || msgs[1].Status != store.StatusStopped || msgs[1].Content == "" {
		t.Errorf("the window's answer: %+v", msgs)
	}
}
