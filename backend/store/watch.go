package store

import (
	"context"
	"fmt"
	"time"
)

// DataVersion changes whenever another connection — in practice another
// Parley process — has committed to the database since the last call. This
// process's own writes leave it alone, since a Store has one connection.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.db.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read data version: %w", err)
	}
	return v, nil
}

// Watch calls onChange, from its own goroutine, each time another process
// has changed the database, looking every interval until the Store is
// closed. On each look it also marks interrupted the answers whose process
// has gone, which is a change too.
func (s *Store) Watch(interval time.Duration, onChange func()) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.watch(interval, onChange)
	}()
}

// watch runs until Close, which waits for it before closing the database.
func (s *Store) watch(interval time.Duration, onChange func()) {
	ctx := context.Background()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	last, _ := s.DataVersion(ctx)
	for {
		select {
		case <-s.stop:
			return
		case <-tick.C:
		}
		v, err := s.DataVersion(ctx)
		changed := err == nil && v != last
		if err == nil {
			last = v
		}
		if n, err := s.MarkInterrupted(ctx); err == nil && n > 0 {
			changed = true
		}
		if changed {
			onChange()
		}
	}
}
