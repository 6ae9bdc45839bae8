package core

import (
	"context"
	"time"

	"parley/backend/store"
)

// Watch calls onChange whenever another Parley process (another window)
// has changed the database, saying whether a setting changed, looking
// every interval until c is closed; see [store.Store.Watch]. Answers
// another window asked to stop are stopped first, and after a settings
// change the proxy clients are made again from the new settings.
func (c *Core) Watch(interval time.Duration, onChange func(store.Changes)) {
	c.store.Watch(interval, func(ch store.Changes) {
		ids, _ := c.store.TakeStopRequests(context.Background())
		for _, id := range ids {
			c.chat.Cancel(id)
		}
		if ch.Settings {
			c.proxies.reset()
		}
		onChange(ch)
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
