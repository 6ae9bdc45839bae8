package chat_test

import (
	"context"
	"fmt"
	"net/http"
	"parley/backend/chat"
	"parley/backend/keychain"
	"parley/backend/llm"
	"parley/backend/llm/llmtest"
	"parley/backend/llm/openai"
	"parley/backend/store"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// recorder is the UI as far as the chat service can tell.
type recorder struct {
	mu     sync.Mutex
	events []event
	ended  chan struct{}
}

type event struct {
	name    string
	payload any
}

func newRecorder() *recorder { return &recorder{ended: make(chan struct{}, 16)} }

func (r *recorder) Emit(name string, payload any) {
	r.mu.Lock()
	r.events = append(r.events, event{name, payload})
	r.mu.Unlock()
	if name != chat.EventDelta {
		r.ended <- struct{}{}
	}
}

func (r *recorder) wait(t *testing.T) {
	t.Helper()
	select {
	case <-r.ended:
	case <-time.After(20 * time.Second):
		t.Fatal("no terminal event")
	}
}

// result sums up what the UI saw for one message.
type result struct {
	text, reasoning string
	deltas          []chat.Delta
	terminals       []event
}

func (r *recorder) result(messageID string) result {
	r.mu.Lock()
	defer r.mu.Unlock()
	var res result
	for _, e := range r.events {
		switch p := e.payload.(type) {
		case chat.Delta:
			if p.MessageID == messageID {
				res.deltas = append(res.deltas, p)
				res.text += p.Text
				res.reasoning += p.Reasoning
			}
		case chat.Done:
			if p.MessageID == messageID {
				res.terminals = append(res.terminals, e)
			}
		case chat.Failed:
			if p.MessageID == messageID {
				res.terminals = append(res.terminals, e)
			}
		}
	}
	return res
}

// world is what a turn runs over: the fake provider, which wants key, a
// SQLite file, the real keychain holding key for a profile of the fake's
// model, and an empty conversation of that profile.
type world struct {
	srv   *llmtest.Server
	path  string // of the SQLite file
	store *store.Store
	keys  *keychain.Keychain
	prof  store.Profile
	conv  store.Conversation
}

func newWorld(t testing.TB, model, key string) world {
	t.Helper()
	ctx := context.Background()
	w := world{srv: llmtest.Serve(t)}
	w.srv.RequireKey(key)
	var err error
	w.path = filepath.Join(t.TempDir(), "parley.db")
	if w.store, err = store.Open(ctx, w.path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.store.Close() })
	w.keys = keychain.New(fmt.Sprintf("parley-test-chat-%d", time.Now().UnixNano()))
	if w.prof, err = w.store.SaveProfile(ctx, store.Profile{Name: "Fake", Kind: "openai", Preset: "custom", BaseURL: w.srv.URL + "/v1", Model: model}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.keys.Delete(w.prof.ID) })
	if _, err := w.keys.Set(w.prof.ID, key); err != nil {
		t.Fatal(err)
	}
	if w.conv, err = w.store.CreateConversation(ctx, w.prof.ID, ""); err != nil {
		t.Fatal(err)
	}
	return w
}

// openaiProvider makes the OpenAI adapter every test speaks to the fake with.
func openaiProvider(p store.Profile, key string) (llm.Provider, error) {
	return openai.New(p.BaseURL, key, http.DefaultClient), nil
}

type fixture struct {
	world
	rec *recorder
	svc *chat.Service
}

func setup(t testing.TB, model string, opts chat.Options) *fixture {
	t.Helper()
	f := &fixture{world: newWorld(t, model, "sk-test-good-key-1234"), rec: newRecorder()}
	f.svc = chat.New(f.store, f.keys, openaiProvider, f.rec, opts)
	t.Cleanup(f.svc.Shutdown)
	return f
}

func (f *fixture) stored(t *testing.T, id string) store.Message {
	t.Helper()
	msgs, err := f.store.Messages(context.Background(), f.conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("message %s not stored", id)
	return store.Message{}
}

// start starts a turn of f's conversation, failing the test if it does
// not start.
func (f *fixture) start(t testing.TB, text string) chat.SendResult {
	t.Helper()
	res, err := f.svc.Send(context.Background(), f.conv.ID, text)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// send runs one turn of f's conversation to its end (its terminal event).
func (f *fixture) send(t *testing.T, text string) chat.SendResult {
	t.Helper()
	res := f.start(t, text)
	f.rec.wait(t)
	return res
}
