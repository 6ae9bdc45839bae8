package store_test

import (
	"context"
	"strings"
	"testing"

	"parley/backend/store"
)

// BenchmarkLoadLongConversation measures opening a conversation of 2,000
// messages (1,000 exchanges, about 2 MB of text), as the chat view does.
func BenchmarkLoadLongConversation(b *testing.B) {
	ctx := context.Background()
	s := fresh(b)
	c := conversation(b, s, "long")
	answer := strings.Repeat("A paragraph of a long answer. ", 60)
	for i := 0; i < 1000; i++ {
		s.AddMessage(ctx, store.Message{ConversationID: c.ID, Role: "user", Content: "question", Status: store.StatusDone})
		s.AddMessage(ctx, store.Message{ConversationID: c.ID, Role: "assistant", Content: answer, Status: store.StatusDone})
	}
	b.ReportAllocs()
	for b.Loop() {
		msgs, err := s.Messages(ctx, c.ID)
		if err != nil || len(msgs) != 2000 {
			b.Fatal(len(msgs), err)
		}
	}
}

// BenchmarkSaveProgress measures one write of a growing answer (20 KB), the
// write a streaming turn makes a few times a second.
func BenchmarkSaveProgress(b *testing.B) {
	ctx := context.Background()
	s := fresh(b)
	c := conversation(b, s, "t")
	m, _ := s.AddMessage(ctx, store.Message{ConversationID: c.ID, Role: "assistant", Status: store.StatusStreaming})
	text := strings.Repeat("x", 20<<10)
	b.ReportAllocs()
	for b.Loop() {
		if err := s.SaveProgress(ctx, m.ID, text, ""); err != nil {
			b.Fatal(err)
		}
	}
}
