package core_test

import (
	"context"
	"testing"
)

// BenchmarkMessagePage10k measures what the window asks of Go to open a
// 10,000-message conversation (a real SQLite file): its last page of 50
// ([core.Core.MessagePage], as the chat view opens it), and the 100 around a
// message far up ([core.Core.MessagePageAround], as a search result opens
// it). Each finds the branch from the outline of all 10,000 and reads the
// text of its page only.
func BenchmarkMessagePage10k(b *testing.B) {
	ctx := context.Background()
	c := open(b)
	id := longChat(b, c, 10000)
	all, err := c.MessagePage(ctx, id, 0, 10000)
	if err != nil || len(all.Messages) != 10000 {
		b.Fatal(len(all.Messages), err)
	}
	far := all.Messages[100].ID
	b.Run("last-page", func(b *testing.B) {
		for b.Loop() {
			if p, err := c.MessagePage(ctx, id, -1, 50); err != nil || len(p.Messages) != 50 {
				b.Fatal(err)
			}
		}
	})
	b.Run("around-message", func(b *testing.B) {
		for b.Loop() {
			if p, err := c.MessagePageAround(ctx, far, 100); err != nil || len(p.Messages) != 100 {
				b.Fatal(err)
			}
		}
	})
}
