package core_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"parley/backend/core"
	"parley/backend/llm/llmtest"
	"parley/backend/store"
)

// Stop pressed in one window ends an answer streaming in another window
// (another process on the same database), keeping what arrived.
func TestStopReachesAnotherWindowsStream(t *testing.T) {
	ctx := context.Background()
	_, h := llmtest.Handler()
	fake := httptest.NewServer(h)
	defer fake.Close()
	cfg := core.Config{DataDir: t.TempDir(), KeychainService: fmt.Sprintf("parley-test-windows-%d", time.Now().UnixNano())}
	streaming, err := core.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer streaming.Close()
	watching, err := core.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer watching.Close()
	streaming.Watch(10*time.Millisecond, func(store.Changes) {})

	p, err := streaming.SaveProfile(ctx, store.Profile{Name: "Fake", Kind: "openai", Preset: "custom", BaseURL: fake.URL + "/v1", Model: "slow"})
	if err != nil {
		t.Fatal(err)
	}
	conv, _ := streaming.NewConversation(ctx, p.ID)
	sent, err := streaming.Send(ctx, conv.ID, "tell me a long story")
	if err != nil {
		t.Fatal(err)
	}
	if !watching.Stop(ctx, sent.Assistant.ID) {
		t.Fatal("Stop in the other window says the answer is not streaming")
	}
	for {
		msgs, err := watching.Messages(ctx, conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := msgs[len(msgs)-1]; got.Status != store.StatusStreaming {
			if got.Status != store.StatusStopped {
				t.Errorf("the answer ended %q, want stopped", got.Status)
			}
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if watching.Stop(ctx, sent.Assistant.ID) {
		t.Error("Stop of an answer that has ended says it was streaming")
	}
}
