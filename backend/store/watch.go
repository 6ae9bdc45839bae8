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

// Changes says what another process changed, as far as a window needs to
// know to bring itself up to date.
type Changes struct {
	// Settings is true when a setting (the language, the theme, a proxy,
	// …) was written or removed, so the window reads its settings again.
	Settings bool `json:"settings"`
}

// Watch calls onChange, from its own goroutine, each time another process
// has changed the database since Watch was called, looking every interval
// until the Store is closed. On each look it also marks interrupted the
// answers whose process has gone, which is a change too.
func (s *Store) Watch(interval time.Duration, onChange func(Changes)) {
	ctx := context.Background()
	last, _ := s.DataVersion(ctx) // before returning: a write right after Watch is a change
	seen, _ := s.settingsPrint(ctx)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.watch(interval, last, seen, onChange)
	}()
}

// watch runs until Close, which waits for it before closing the database.
func (s *Store) watch(interval time.Duration, last int64, seen string, onChange func(Changes)) {
	ctx := context.Background()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-tick.C:
		}
		var c Changes
		v, err := s.DataVersion(ctx)
		changed := err == nil && v != last
		if changed {
			last = v
			if p, err := s.settingsPrint(ctx); err == nil && p != seen {
				seen, c.Settings = p, true
			}
		}
		if n, err := s.MarkInterrupted(ctx); err == nil && n > 0 {
			changed = true
		}
		if changed {
			onChange(c)
		}
	}
}

// settingsPrint is every setting, key and value, in one text: it differs
// whenever any setting differs. The table holds a few small rows, and it is
// read only after another process committed.
func (s *Store) settingsPrint(ctx context.Context) (string, error) {
	var p string
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(group_concat(key || '=' || value, char(10)), '')
		FROM (SELECT key, value FROM settings ORDER BY key)`).Scan(&p)
	if err != nil {
		return "", fmt.Errorf("read settings: %w", err)
	}
	return p, nil
}
