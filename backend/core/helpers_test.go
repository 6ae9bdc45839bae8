package core_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"parley/backend/chat"
	"parley/backend/core"
	"parley/backend/llm/llmtest"
	"parley/backend/store"
)

// config is a data folder and a keychain service of the test's own: what
// Parley sees on its first start on a new computer.
func config(t testing.TB) core.Config {
	return core.Config{DataDir: t.TempDir(), KeychainService: fmt.Sprintf("parley-test-core-%d", time.Now().UnixNano())}
}

// emitting is [config] with the chat events going to e.
func emitting(t testing.TB, e chat.Emitter) core.Config {
	cfg := config(t)
	cfg.Emitter = e
	return cfg
}

// openCore opens a Core on cfg, closed when the test ends (closing it
// again earlier is fine).
func openCore(t testing.TB, cfg core.Config) *core.Core {
	t.Helper()
	c, err := core.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// open opens a fresh Core.
func open(t testing.TB) *core.Core { return openCore(t, config(t)) }

// eventually polls until done reports true: how a test waits for a stream
// running in another part of Parley to get somewhere.
func eventually(done func() bool) {
	for !done() {
		time.Sleep(20 * time.Millisecond)
	}
}

// ended tells when a turn has sent its terminal event.
type ended chan string

func (e ended) Emit(name string, payload any) {
	switch p := payload.(type) {
	case chat.Done:
		e <- string(p.Status)
	case chat.Failed:
		e <- "error: " + p.Problem.Title
	}
}

// rig is a fresh Core whose chat events go to ev, beside the fake provider.
type rig struct {
	c   *core.Core
	cfg core.Config
	ev  ended
	srv *llmtest.Server
}

// newRig opens a rig whose ev holds up to events terminal events.
func newRig(t testing.TB, events int) rig {
	r := rig{ev: make(ended, events), srv: llmtest.Serve(t)}
	r.cfg = emitting(t, r.ev)
	r.c = openCore(t, r.cfg)
	return r
}

// conversation saves a profile of the fake's model (through its
// OpenAI-compatible API) and starts a conversation with it.
func (r rig) conversation(t testing.TB, name, model string) (store.Profile, core.ConversationView) {
	t.Helper()
	ctx := context.Background()
	p, err := r.c.SaveProfile(ctx, store.Profile{Name: name, Kind: "openai", Preset: "custom", BaseURL: r.srv.URL + "/v1", Model: model})
	if err != nil {
		t.Fatal(err)
	}
	conv, err := r.c.NewConversation(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return p, conv
}

// send starts a turn of the conversation on c, failing the test if it
// does not start.
func send(t testing.TB, c *core.Core, conversationID, text string) chat.SendResult {
	t.Helper()
	res, err := c.Send(context.Background(), conversationID, text)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
