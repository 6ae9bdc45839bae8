package core

import (
	"context"
	"time"
)

// Watch calls onChange whenever another Parley process (another window)
// has changed the database, looking every interval until c is closed; see
// [store.Store.Watch]. Answers another window asked to stop are stopped
// first.
func (c *Core) Watch(interval time.Duration, onChange func()) {
	c.store.Watch(interval, func() {
		ids, _ := c.store.TakeStopRequests(context.Background())
		for _, id := range ids {
			c.chat.Cancel(id)
		}
		onChange()
	})
}

// Stop ends an answer and keeps its text, wherever it streams: in this
// process at once, in another window as soon as that window sees the
// request (within its watch interval). It reports whether the answer was
// streaming.
func (c *Core) Stop(ctx context.Context, messageID string) bool {
	if c.chat.Cancel(messageID) {
		return true
	}
	asked, err := c.store.RequestStop(ctx, messageID)
	return err == nil && asked
}
