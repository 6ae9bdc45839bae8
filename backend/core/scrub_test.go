package core_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"parley/backend/chat"
	"parley/backend/core"
	"parley/backend/llm"
	"parley/backend/llm/llmtest"
	"parley/backend/store"
)

// leakKey is long and distinctive, so that any run of 8 of its characters
// in an output is a leak.
const leakKey = "sk-leak-7Qx9Zr2Lm4Np8Vt6Wy3Kb5Hd1Jf0"

// endRecorder waits for a turn's terminal event and keeps every payload.
type endRecorder struct {
	ended    chan struct{}
	payloads chan any
}

func (r *endRecorder) Emit(name string, payload any) {
	r.payloads <- payload
	if name != chat.EventDelta {
		r.ended <- struct{}{}
	}
}

// leakRig is a Core in a data folder of its own whose events are recorded,
// for turns sent with leakKey.
type leakRig struct {
	c   *core.Core
	rec *endRecorder
	dir string
}

func openLeakRig(t *testing.T) *leakRig {
	t.Helper()
	cfg := config(t)
	r := &leakRig{rec: &endRecorder{ended: make(chan struct{}, 64), payloads: make(chan any, 4096)}, dir: cfg.DataDir}
	cfg.Emitter = r.rec
	r.c = openCore(t, cfg)
	return r
}

// turn sends text in a new conversation of a profile of kind at base
// asking for model, with leakKey saved, and returns what Send answered and
// the conversation's messages once the turn ended.
func (r *leakRig) turn(t *testing.T, kind, base, model, text string) (chat.SendResult, []core.MessageView) {
	t.Helper()
	ctx := context.Background()
	p, err := r.c.SaveProfile(ctx, store.Profile{Name: kind, Kind: kind, Preset: "custom", BaseURL: base, Model: model})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.c.DeleteKey(p.ID) })
	if _, err := r.c.SaveKey(ctx, p.ID, leakKey); err != nil {
		t.Fatal(err)
	}
	conv, err := r.c.NewConversation(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	sent := send(t, r.c, conv.ID, text)
	select {
	case <-r.rec.ended:
	case <-time.After(20 * time.Second):
		t.Fatal("no terminal event")
	}
	msgs, err := r.c.Messages(ctx, conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(msgs)
	assertNoLeak(t, "stored messages", string(b))
	return sent, msgs
}

// assertClean checks every event the UI got, then closes the Core and
// checks every file of its data folder (database, WAL, log).
func (r *leakRig) assertClean(t *testing.T) {
	t.Helper()
	for len(r.rec.payloads) > 0 {
		b, _ := json.Marshal(<-r.rec.payloads)
		assertNoLeak(t, "an event to the UI", string(b))
	}
	r.c.Close()
	filepath.WalkDir(r.dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			raw, _ := os.ReadFile(path)
			assertNoLeak(t, path, string(raw))
		}
		return nil
	})
}

// TestKeyNeverLeaks runs a turn against a server that echoes the key in a
// 401 body, in an error inside the stream and in a redirect URL, for every
// protocol, and looks for the key, or any 8 of its characters in a row, in
// the Problem the UI gets, in the stored message and in every file of the
// data folder (database, WAL, log).
func TestKeyNeverLeaks(t *testing.T) {
	// The redirect goes to a server that quotes the URL it was asked for.
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no route for "+r.URL.String(), http.StatusNotFound)
	}))
	t.Cleanup(echo.Close)
	fake := llmtest.Serve(t)
	fake.RequireKey(leakKey)
	fake.Handle("leak-401", llmtest.Scenario{Status: 401, ErrorType: llmtest.ErrAuth, ErrorMessage: "Incorrect API key provided: " + leakKey + " (" + leakKey[3:15] + ")"})
	fake.Handle("leak-stream", llmtest.Scenario{Chunks: []string{"Partial "}, StreamError: "upstream refused key " + leakKey})
	fake.Handle("leak-redirect", llmtest.Scenario{Redirect: echo.URL + "/v1/chat?key=" + leakKey + "&part=" + leakKey[5:20]})

	r := openLeakRig(t)

	bases := map[string]string{"openai": fake.URL + "/v1", "anthropic": fake.URL, "ollama": fake.URL, "gemini": fake.URL, "dashscope": fake.URL}
	for _, kind := range []string{"openai", "anthropic", "ollama", "gemini", "dashscope"} {
		for _, model := range []string{"leak-401", "leak-stream", "leak-redirect"} {
			t.Run(kind+"/"+model, func(t *testing.T) {
				_, msgs := r.turn(t, kind, bases[kind], model, "hello")
				last := msgs[len(msgs)-1]
				if last.Status != store.StatusError || last.Problem == nil {
					t.Fatalf("last message %+v, want an error with its problem", last)
				}
			})
		}
	}
	logged, err := os.ReadFile(r.c.LogPath())
	if err != nil || strings.Count(string(logged), "answer failed") < 15 {
		t.Errorf("the log at %s holds %d failed answers, want all 15 (%v)", r.c.LogPath(), strings.Count(string(logged), "answer failed"), err)
	}
	r.assertClean(t)
}

// assertNoLeak fails when s holds any 8 characters of leakKey in a row,
// other than in the key's display hint, whose prefix is the provider's
// public one ("sk-proj-").
func assertNoLeak(t *testing.T, where, s string) {
	t.Helper()
	s = strings.ReplaceAll(s, llm.KeyHint(leakKey), "")
	for i := 0; i+8 <= len(leakKey); i++ {
		if j := strings.Index(s, leakKey[i:i+8]); j >= 0 {
			t.Errorf("%s holds %q of the key: …%s…", where, leakKey[i:i+8], s[max(0, j-60):min(len(s), j+60)])
			return
		}
	}
}
