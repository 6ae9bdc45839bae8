package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Profile is one provider endpoint the user chats with: a protocol kind, a
// base URL and a model. Its key is in the keychain under ID.
type Profile struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Kind         string `json:"kind"`
	Preset       string `json:"preset"`
	BaseURL      string `json:"baseUrl"`
	Model        string `json:"model"`
	SystemPrompt string `json:"systemPrompt"`
	CreatedAt    int64  `json:"createdAt"`
	UpdatedAt    int64  `json:"updatedAt"`
	// The network waits of this profile's requests, in milliseconds
	// (connect, first byte, idle between events); 0 is Parley's default.
	ConnectTimeoutMs   int64 `json:"connectTimeoutMs"`
	FirstByteTimeoutMs int64 `json:"firstByteTimeoutMs"`
	IdleTimeoutMs      int64 `json:"idleTimeoutMs"`
}

const profileColumns = "id, name, kind, preset, base_url, model, system_prompt, created_at, updated_at, " +
	"connect_timeout_ms, first_byte_timeout_ms, idle_timeout_ms"

func scanProfile(row row) (Profile, error) {
	var p Profile
	err := row.Scan(&p.ID, &p.Name, &p.Kind, &p.Preset, &p.BaseURL, &p.Model, &p.SystemPrompt, &p.CreatedAt, &p.UpdatedAt,
		&p.ConnectTimeoutMs, &p.FirstByteTimeoutMs, &p.IdleTimeoutMs)
	return p, err
}

// Profiles lists every profile in the order they were added.
func (s *Store) Profiles(ctx context.Context) ([]Profile, error) {
	return queryAll(ctx, s, "list profiles", scanProfile, "SELECT "+profileColumns+" FROM profiles ORDER BY position, created_at")
}

// Profile returns the profile with id, or [ErrNotFound].
func (s *Store) Profile(ctx context.Context, id string) (Profile, error) {
	p, err := scanProfile(s.db.QueryRowContext(ctx, "SELECT "+profileColumns+" FROM profiles WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, notFound("profile", id)
	}
	return p, err
}

// SaveProfile inserts p, or updates it when its ID exists. An empty ID gets a
// new one. The saved profile is returned.
func (s *Store) SaveProfile(ctx context.Context, p Profile) (Profile, error) {
	now := s.stamp()
	if p.ID == "" {
		p.ID = NewID("p_")
	}
	if p.CreatedAt == 0 {
		p.CreatedAt = now
	}
	p.UpdatedAt = now
	_, err := s.db.ExecContext(ctx, `INSERT INTO profiles (`+profileColumns+`, position)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM profiles))
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, preset = excluded.preset,
			base_url = excluded.base_url, model = excluded.model, system_prompt = excluded.system_prompt,
			updated_at = excluded.updated_at, connect_timeout_ms = excluded.connect_timeout_ms,
			first_byte_timeout_ms = excluded.first_byte_timeout_ms, idle_timeout_ms = excluded.idle_timeout_ms`,
		p.ID, p.Name, p.Kind, p.Preset, p.BaseURL, p.Model, p.SystemPrompt, p.CreatedAt, p.UpdatedAt,
		max(p.ConnectTimeoutMs, 0), max(p.FirstByteTimeoutMs, 0), max(p.IdleTimeoutMs, 0))
	if err != nil {
		return p, fmt.Errorf("save profile: %w", err)
	}
	return s.Profile(ctx, p.ID)
}

// DeleteProfile removes a profile with its conversations and messages.
func (s *Store) DeleteProfile(ctx context.Context, id string) error {
	if _, err := s.db.ExecContext(ctx, "DELETE FROM profiles WHERE id = ?", id); err != nil {
		return fmt.Errorf("delete profile: %w", err)
	}
	return nil
}
