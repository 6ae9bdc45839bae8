package core_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"parley/backend/core"
	"parley/backend/llm/llmtest"
	"parley/backend/store"
)

func TestLastPlaceAndDraftsSurviveAndFollowDeletes(t *testing.T) {
	ctx := context.Background()
	c := open(t)
	if p, err := c.LastPlace(ctx); err != nil || p != (core.Place{}) {
		t.Fatalf("first start: %+v, %v", p, err)
	}
	p, _ := c.SaveProfile(ctx, store.Profile{Name: "P", Kind: "openai", Preset: "openai", BaseURL: "https://api.openai.com/v1", Model: "m"})
	conv, _ := c.NewConversation(ctx, p.ID)
	if err := c.SetLastPlace(ctx, core.Place{ProfileID: p.ID, ConversationID: conv.ID}); err != nil {
		t.Fatal(err)
	}
	c.SaveDraft(ctx, conv.ID, "half a thought")
	c.SaveDraft(ctx, p.ID, "for a new chat")
	if got, _ := c.LastPlace(ctx); got.ConversationID != conv.ID {
		t.Errorf("last place = %+v", got)
	}
	if d, _ := c.Draft(ctx, conv.ID); d != "half a thought" {
		t.Errorf("draft = %q", d)
	}
	c.DeleteConversation(ctx, conv.ID)
	if got, _ := c.LastPlace(ctx); got.ProfileID != p.ID || got.ConversationID != "" {
		t.Errorf("after deleting the conversation, last place = %+v", got)
	}
	if d, _ := c.Draft(ctx, conv.ID); d != "" {
		t.Errorf("a deleted conversation's draft stayed: %q", d)
	}
	other, _ := c.NewConversation(ctx, p.ID)
	c.SaveDraft(ctx, other.ID, "gone with its profile")
	c.DeleteProfile(ctx, p.ID)
	if d, _ := c.Draft(ctx, other.ID); d != "" {
		t.Errorf("the draft of a deleted profile's conversation stayed: %q", d)
	}
	if got, _ := c.LastPlace(ctx); got != (core.Place{}) {
		t.Errorf("after deleting the profile, last place = %+v", got)
	}
	if d, _ := c.Draft(ctx, p.ID); d != "" {
		t.Errorf("a deleted profile's draft stayed: %q", d)
	}
}

// Quitting mid-answer (Close) saves it as interrupted, not stopped; after
// the next start it can be continued into the same message.
func TestQuitMidAnswerIsInterruptedAndCanBeContinued(t *testing.T) {
	ctx := context.Background()
	r := newRig(t, 4)
	c, ev := r.c, r.ev
	_, conv := r.conversation(t, "Slow", "slow")
	res := send(t, c, conv.ID, "go on")
	eventually(func() bool {
		msgs, _ := c.Messages(ctx, conv.ID)
		return msgs[1].LastSeq >= 2
	})
	c.Close()
	if got := <-ev; got != string(store.StatusInterrupted) {
		t.Fatalf("the answer ended %s", got)
	}

	c = openCore(t, r.cfg)
	msgs, _ := c.Messages(ctx, conv.ID)
	partial := msgs[1]
	if partial.ID != res.Assistant.ID || partial.Status != store.StatusInterrupted || partial.Content == "" {
		t.Fatalf("after restart: %+v", partial)
	}
	if _, err := c.Continue(ctx, partial.ID); err != nil {
		t.Fatal(err)
	}
	msgs, _ = c.Messages(ctx, conv.ID)
	if len(msgs) != 2 || msgs[1].Status != store.StatusStreaming || !strings.HasPrefix(msgs[1].Content, partial.Content) {
		t.Errorf("continuing: %+v", msgs)
	}
}

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
	cfg := emitting(t, ev)
	c := openCore(t, cfg)
	p, err := c.SaveProfile(ctx, store.Profile{Name: "Local", Kind: "openai", Preset: "custom", BaseURL: rp.URL + "/v1", Model: "m"})
	if err != nil {
		t.Fatal(err)
	}
	conv, _ := c.NewConversation(ctx, p.ID)
	send(t, c, conv.ID, "list primes")
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
