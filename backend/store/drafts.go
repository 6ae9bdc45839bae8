package store

import (
	"context"
	"fmt"
)

// Draft is the unsent text of owner: a conversation's id, or a profile's id
// for the conversation not started yet. "" when there is none.
func (s *Store) Draft(ctx context.Context, owner string) (string, error) {
	text, _, err := s.text(ctx, "SELECT text FROM drafts WHERE owner = ?", owner)
	if err != nil {
		return "", fmt.Errorf("read draft: %w", err)
	}
	return text, nil
}

// SaveDraft stores owner's unsent text; an empty text removes the draft.
func (s *Store) SaveDraft(ctx context.Context, owner, text string) error {
	var err error
	if text == "" {
		_, err = s.db.ExecContext(ctx, "DELETE FROM drafts WHERE owner = ?", owner)
	} else {
		_, err = s.db.ExecContext(ctx, `INSERT INTO drafts (owner, text, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (owner) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`, owner, text, s.stamp())
	}
	if err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	return nil
}
