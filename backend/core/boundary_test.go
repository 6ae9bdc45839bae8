package core_test

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"parley/backend/chat"
	"parley/backend/core"
	"parley/backend/llm/llmtest"
	"parley/backend/store"
)

// listedEmitter records each event, and each one that core.Events does not
// list with that payload type: the TypeScript generated from core.Events
// would then type it wrongly.
type listedEmitter struct {
	mu       sync.Mutex
	seen     map[string]bool
	unlisted []string
	ended    chan struct{}
}

func (e *listedEmitter) Emit(name string, payload any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.seen[name] = true
	listed := false
	for _, ev := range core.Events {
		if ev.Name == name && reflect.TypeOf(ev.Payload) == reflect.TypeOf(payload) {
			listed = true
		}
	}
	if !listed {
		e.unlisted = append(e.unlisted, fmt.Sprintf("%s with %T", name, payload))
	}
	if name == chat.EventDone || name == chat.EventError {
		e.ended <- struct{}{}
	}
}

// Every event a turn sends is one core.Events lists, with the payload type
// it lists, so the window's generated types are the ones Go sends.
func TestTurnsSendOnlyListedEvents(t *testing.T) {
	ctx := context.Background()
	rec := &listedEmitter{seen: map[string]bool{}, ended: make(chan struct{}, 8)}
	c, err := core.Open(ctx, core.Config{DataDir: t.TempDir(), KeychainService: fmt.Sprintf("parley-test-core-%d", time.Now().UnixNano()), Emitter: rec})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	srv := llmtest.Start()
	defer srv.Close()
	for _, model := range []string{"echo", "html", "overloaded-once"} {
		p, err := c.SaveProfile(ctx, store.Profile{Name: model, Kind: "ollama", Preset: "custom", BaseURL: srv.URL, Model: model})
		if err != nil {
			t.Fatal(err)
		}
		conv, err := c.NewConversation(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		send(t, c, conv.ID, "hello")
		<-rec.ended
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.unlisted) > 0 {
		t.Errorf("events core.Events does not list: %v", rec.unlisted)
	}
	for _, name := range []string{chat.EventDelta, chat.EventDone, chat.EventError, chat.EventRetry} {
		if !rec.seen[name] {
			t.Errorf("no %s was sent", name)
		}
	}
}
