package core_test

import (
	"context"
	"net/http"
	"testing"

	"parley/backend/llm/llmtest"
	"parley/backend/store"
)

// A model's context size from its provider's model list sets the
// conversation's budget once the list has been fetched; before, the table
// of common models (here: none, so 8k) does.
func TestContextBudgetFromTheModelList(t *testing.T) {
	ctx := context.Background()
	cfg := config(t)
	cfg.Emitter = make(ended, 1)
	c := openCore(t, cfg)
	rp := llmtest.NewReplay(http.StatusOK, "application/json", []byte(`{"data":[{"id":"tiny-model","context_length":1000}]}`))
	defer rp.Close()
	p, err := c.SaveProfile(ctx, store.Profile{Name: "relay", Kind: "openai", Preset: "custom", BaseURL: rp.URL + "/v1", Model: "tiny-model"})
	if err != nil {
		t.Fatal(err)
	}
	conv, _ := c.NewConversation(ctx, p.ID)
	before, err := c.ChatContext(ctx, conv.ID)
	if err != nil || before.Budget != 8192-2048 {
		t.Fatalf("budget before the model list = %d (%v), want the unknown model's 6144", before.Budget, err)
	}
	if list, err := c.Models(ctx, p); err != nil || list.Source != "provider" {
		t.Fatalf("models = %+v, %v", list, err)
	}
	after, _ := c.ChatContext(ctx, conv.ID)
	if after.Budget != 750 {
		t.Errorf("budget after the model list = %d, want 1000 less a quarter for the answer", after.Budget)
	}
}
