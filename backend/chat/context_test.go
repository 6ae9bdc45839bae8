package chat_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"parley/backend/chat"
	"parley/backend/store"
)

func TestEstimateTokens(t *testing.T) {
	tests := []struct {
		text     string
		min, max int
	}{
		{"", 0, 0},
		{"Hello, world!", 3, 4},                    // 13 characters
		{strings.Repeat("word ", 400), 450, 550},   // 2,000 characters of English
		{"你好，世界", 5, 5},                            // one token a character
		{strings.Repeat("上下文窗口", 200), 1000, 1000}, // 1,000 Chinese characters
		{strings.Repeat("こんにちは", 10), 50, 50},      // kana
		{"Parley 支持中文 and English 混排。", 12, 16},    // mixed
	}
	for _, tt := range tests {
		if got := chat.EstimateTokens(tt.text); got < tt.min || got > tt.max {
			t.Errorf("EstimateTokens(%.30q) = %d, want %d..%d", tt.text, got, tt.min, tt.max)
		}
	}
}

// history stores n exchanges of about 1,000 tokens each in f's conversation.
func (f *fixture) history(t *testing.T, n int) {
	t.Helper()
	ctx := context.Background()
	for i := 0; i < n; i++ {
		for _, role := range []string{"user", "assistant"} {
			if _, err := f.store.AddMessage(ctx, store.Message{ConversationID: f.conv.ID, Role: role, Status: store.StatusDone,
				Content: fmt.Sprintf("%s %d: %s", role, i, strings.Repeat("长文本", 333))}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// sent is the messages of the last request the provider received.
func (f *fixture) sent(t *testing.T) []struct{ Role, Content string } {
	t.Helper()
	reqs := f.srv.Requests()
	var body struct {
		Messages []struct{ Role, Content string }
	}
	if err := json.Unmarshal([]byte(reqs[len(reqs)-1].Body), &body); err != nil {
		t.Fatal(err)
	}
	return body.Messages
}

func TestRequestCarriesOnlyWhatFits(t *testing.T) {
	f := setup(t, "echo", chat.Options{})
	ctx := context.Background()
	f.history(t, 100) // about 200,000 tokens: past the 8k window of an unknown model
	prompt := "Be brief."
	if err := f.store.SaveChatSettings(ctx, f.conv.ID, store.ChatSettings{SystemPrompt: &prompt, ContextTokens: 5000}); err != nil {
		t.Fatal(err)
	}
	info, err := f.svc.ContextOf(ctx, f.conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !info.Trimmed || info.Messages != 4 || info.Tokens > 5000 || info.Budget != 5000 {
		t.Errorf("context = %+v, want the last 4 messages within 5,000 tokens", info)
	}
	f.send(t, "and now?")
	msgs := f.sent(t)
	if msgs[0].Role != "system" || msgs[0].Content != prompt {
		t.Errorf("first message sent = %+v, want the system prompt", msgs[0])
	}
	last := msgs[len(msgs)-1]
	if last.Content != "and now?" {
		t.Errorf("last message sent = %q, want the new one", last.Content)
	}
	if len(msgs) != 1+4+1 || !strings.HasPrefix(msgs[1].Content, "user 98:") {
		t.Errorf("sent %d messages starting with %.20q; want the system prompt, the newest 4 and the new one", len(msgs), msgs[1].Content)
	}
}

func TestContextMessageLimit(t *testing.T) {
	f := setup(t, "echo", chat.Options{ContextWindow: func(string) int { return 1_000_000 }})
	ctx := context.Background()
	f.history(t, 30)
	info, err := f.svc.ContextOf(ctx, f.conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if info.Trimmed || info.Messages != 60 {
		t.Errorf("context = %+v, want all 60 messages in a 1M window", info)
	}
	if err := f.store.SaveChatSettings(ctx, f.conv.ID, store.ChatSettings{ContextMessages: 10}); err != nil {
		t.Fatal(err)
	}
	f.send(t, "last?")
	if msgs := f.sent(t); len(msgs) != 10 || msgs[9].Content != "last?" || !strings.HasPrefix(msgs[0].Content, "assistant 25:") {
		t.Errorf("sent %d messages, first %.20q; want the last 10, the new one included", len(msgs), msgs[0].Content)
	}
}

// An answer longer than the whole budget is not sent with the next turn,
// and the composer's line must not say it will be.
func TestContextSaysWhenNoEarlierMessageFits(t *testing.T) {
	f := setup(t, "echo", chat.Options{})
	ctx := context.Background()
	f.history(t, 1)
	if err := f.store.SaveChatSettings(ctx, f.conv.ID, store.ChatSettings{ContextTokens: 100}); err != nil {
		t.Fatal(err)
	}
	info, err := f.svc.ContextOf(ctx, f.conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if info.Messages != 0 || !info.Trimmed {
		t.Errorf("context = %+v, want no message of history, trimmed", info)
	}
	f.send(t, "short")
	if msgs := f.sent(t); len(msgs) != 1 || msgs[0].Content != "short" {
		t.Errorf("sent %d messages, want only the new one", len(msgs))
	}
}

func TestNewestMessageIsSentEvenWhenTooLong(t *testing.T) {
	f := setup(t, "echo", chat.Options{})
	ctx := context.Background()
	f.history(t, 2)
	if err := f.store.SaveChatSettings(ctx, f.conv.ID, store.ChatSettings{ContextTokens: 100}); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("太长了", 1000)
	f.send(t, long)
	if msgs := f.sent(t); len(msgs) != 1 || msgs[0].Content != long {
		t.Errorf("sent %d messages, want only the new one", len(msgs))
	}
}
