package chat_test

import (
	"context"
	"fmt"
	"testing"

	"parley/backend/chat"
	"parley/backend/llm/llmtest"
)

// BenchmarkTurn measures a whole turn of 5,000 streamed pieces (about 40 KB)
// from the fake provider over loopback: stored, coalesced, persisted, ended.
// It reports how many UI events the turn cost.
func BenchmarkTurn(b *testing.B) {
	f := setup(b, "bench", chat.Options{})
	var chunks []string
	for i := 0; i < 5000; i++ {
		chunks = append(chunks, fmt.Sprintf("piece %d ", i))
	}
	f.srv.Handle("bench", llmtest.Scenario{Chunks: chunks})
	b.ReportAllocs()
	events := 0
	for b.Loop() {
		res, err := f.svc.Send(context.Background(), f.conv.ID, "go")
		if err != nil {
			b.Fatal(err)
		}
		<-f.rec.ended
		events += len(f.rec.result(res.Assistant.ID).deltas)
	}
	b.ReportMetric(float64(events)/float64(b.N), "events/turn")
}
