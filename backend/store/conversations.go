package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Conversation is one chat thread with one profile.
type Conversation struct {
	ID        string `json:"id"`
	ProfileID string `json:"profileId"`
	Title     string `json:"title"`
	// Pinned conversations are listed first.
	Pinned    bool  `json:"pinned"`
	CreatedAt int64 `json:"createdAt"`
	UpdatedAt int64 `json:"updatedAt"`
}

const conversationColumns = "id, profile_id, title, pinned, created_at, updated_at"

func scanConversation(row row) (Conversation, error) {
	var c Conversation
	err := row.Scan(&c.ID, &c.ProfileID, &c.Title, &c.Pinned, &c.CreatedAt, &c.UpdatedAt)
	return c, err
}

// Conversations lists a profile's conversations: pinned ones first, then
// the most recently active.
func (s *Store) Conversations(ctx context.Context, profileID string) ([]Conversation, error) {
	return queryAll(ctx, s, "list conversations", scanConversation, "SELECT "+conversationColumns+
		" FROM conversations WHERE profile_id = ? ORDER BY "+conversationOrder, profileID)
}

// Conversation returns the conversation with id, or [ErrNotFound].
func (s *Store) Conversation(ctx context.Context, id string) (Conversation, error) {
	c, err := scanConversation(s.db.QueryRowContext(ctx, "SELECT "+conversationColumns+" FROM conversations WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, notFound("conversation", id)
	}
	return c, err
}

// CreateConversation starts an empty conversation with a profile.
func (s *Store) CreateConversation(ctx context.Context, profileID, title string) (Conversation, error) {
	now := s.stamp()
	c := Conversation{ID: NewID("c_"), ProfileID: profileID, Title: title, CreatedAt: now, UpdatedAt: now}
	_, err := s.db.ExecContext(ctx, "INSERT INTO conversations ("+conversationColumns+") VALUES (?, ?, ?, ?, ?, ?)",
		c.ID, c.ProfileID, c.Title, c.Pinned, c.CreatedAt, c.UpdatedAt)
	if err != nil {
		return c, fmt.Errorf("create conversation: %w", err)
	}
	return c, nil
}

// RenameConversation sets a conversation's title.
func (s *Store) RenameConversation(ctx context.Context, id, title string) error {
	_, err := s.db.ExecContext(ctx, "UPDATE conversations SET title = ? WHERE id = ?", title, id)
	if err != nil {
		return fmt.Errorf("rename conversation: %w", err)
	}
	return nil
}

// DeleteConversation removes a conversation and its messages.
func (s *Store) DeleteConversation(ctx context.Context, id string) error {
	if _, err := s.db.ExecContext(ctx, "DELETE FROM conversations WHERE id = ?", id); err != nil {
		return fmt.Errorf("delete conversation: %w", err)
	}
	return nil
}

// RetitleConversation sets a conversation's title to title only while it is
// still from, so a title the user gave in the meantime is never replaced. It
// reports whether the title changed.
func (s *Store) RetitleConversation(ctx context.Context, id, from, title string) (bool, error) {
	res, err := s.db.ExecContext(ctx, "UPDATE conversations SET title = ? WHERE id = ? AND title = ?", title, id, from)
	if err != nil {
		return false, fmt.Errorf("retitle conversation: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("retitle conversation: %w", err)
	}
	return n == 1, nil
}
