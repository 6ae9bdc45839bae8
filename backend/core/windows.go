package core

import (
	"context"
	"time"

	"parley/backend/store"
)

// Profile returns the profile with id; a window of its own is titled with
// its name.
func (c *Core) Profile(ctx context.Context, id string) (store.Profile, error) {
	return c.store.Profile(ctx, id)
}

// Watch calls onChange whenever another Parley process (another window)
// has changed the database, looking every interval until c is closed; see
// [store.Store.Watch].
func (c *Core) Watch(interval time.Duration, onChange func()) { c.store.Watch(interval, onChange) }
