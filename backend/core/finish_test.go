package core_test

import (
	"context"
	"os"
	"testing"

	"parley/backend/core"
	"parley/backend/llm/llmtest"
	"parley/backend/store"
)

// TestAnswerCutByTheTokenLimitIsKeptAsCutAndCanBeContinued: an answer
// that ended at max tokens (finish_reason "length") is stored as such, so
// the window can say so after a restart too, and Continue takes it.
func TestAnswerCutByTheTokenLimitIsKeptAsCutAndCanBeContinued(t *testing.T) {
	ctx := context.Background()
	body, err := os.ReadFile("../llm/openai/testdata/length.sse")
	if err != nil {
		t.Fatal(err)
	}
	rp := llmtest.ReplayBody(t, 200, "text/event-stream", body)
	ev := make(ended, 4)
	c, err := core.Open(ctx, core.Config{DataDir: t.TempDir(), KeychainService: "parley-test-finish", Emitter: ev})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	p, err := c.SaveProfile(ctx, store.Profile{Name: "Local", Kind: "openai", Preset: "custom", BaseURL: rp.URL + "/v1", Model: "m"})
	if err != nil {
		t.Fatal(err)
	}
	conv, _ := c.NewConversation(ctx, p.ID)
	if _, err := c.Send(ctx, conv.ID, "list primes"); err != nil {
		t.Fatal(err)
	}
	if got := <-ev; got != string(store.StatusDone) {
		t.Fatalf("the answer ended %s", got)
	}
	msgs, _ := c.Messages(ctx, conv.ID)
	cut := msgs[1]
	if cut.Finish != "length" || cut.Content != "The first three prime numbers are 2, 3" {
		t.Fatalf("stored answer %+v, want its text and finish length", cut)
	}
	if _, err := c.Continue(ctx, cut.ID); err != nil {
		t.Fatalf("an answer cut by the token limit cannot be continued: %v", err)
	}
	<-ev
}
