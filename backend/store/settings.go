package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Setting returns the value stored under key, and whether there was one.
// Settings are a generic key/value store: callers (core) give each key a
// type and a meaning.
func (s *Store) Setting(ctx context.Context, key string) (string, bool, error) {
	v, ok, err := s.text(ctx, "SELECT value FROM settings WHERE key = ?", key)
	if err != nil {
		return "", false, fmt.Errorf("read setting %s: %w", key, err)
	}
	return v, ok, nil
}

// text reads a query of one text value; ok is false, with no error, when
// there is no row.
func (s *Store) text(ctx context.Context, query string, args ...any) (v string, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, query, args...).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return v, err == nil, err
}

// SetSetting stores value under key.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, key, value, s.stamp())
	if err != nil {
		return fmt.Errorf("save setting %s: %w", key, err)
	}
	return nil
}

// DeleteSetting removes key, so its default applies again.
func (s *Store) DeleteSetting(ctx context.Context, key string) error {
	if _, err := s.db.ExecContext(ctx, "DELETE FROM settings WHERE key = ?", key); err != nil {
		return fmt.Errorf("delete setting %s: %w", key, err)
	}
	return nil
}
