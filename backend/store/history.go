package store

import (
	"context"
	"database/sql"
	"fmt"
)

// conversationOrder lists pinned conversations first, then the most
// recently active.
const conversationOrder = "pinned DESC, updated_at DESC, created_at DESC"

// ConversationSummary is a conversation as the history list shows it: with
// how many messages it holds and the tokens its answers used.
type ConversationSummary struct {
	Conversation
	Messages     int `json:"messages"`
	InputTokens  int `json:"inputTokens"`
	OutputTokens int `json:"outputTokens"`
}

// ConversationSummaries lists the conversations of one profile, or of every
// profile when profileID is empty: pinned first, then newest activity.
func (s *Store) ConversationSummaries(ctx context.Context, profileID string) ([]ConversationSummary, error) {
	q := `SELECT c.id, c.profile_id, c.title, c.pinned, c.created_at, c.updated_at,
		COUNT(m.id), COALESCE(SUM(m.input_tokens), 0), COALESCE(SUM(m.output_tokens), 0)
		FROM conversations c LEFT JOIN messages m ON m.conversation_id = c.id
		WHERE ? = '' OR c.profile_id = ?
		GROUP BY c.id ORDER BY c.` + "pinned DESC, c.updated_at DESC, c.created_at DESC"
	return queryAll(ctx, s, "list conversations", func(r row) (ConversationSummary, error) {
		var c ConversationSummary
		err := r.Scan(&c.ID, &c.ProfileID, &c.Title, &c.Pinned, &c.CreatedAt, &c.UpdatedAt, &c.Messages, &c.InputTokens, &c.OutputTokens)
		return c, err
	}, q, profileID, profileID)
}

// PinConversation pins a conversation to the top of its list, or unpins it.
// Its place among the others (its last activity) is unchanged.
func (s *Store) PinConversation(ctx context.Context, id string, pinned bool) error {
	res, err := s.db.ExecContext(ctx, "UPDATE conversations SET pinned = ? WHERE id = ?", pinned, id)
	if err != nil {
		return fmt.Errorf("pin conversation: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("conversation", id)
	}
	return nil
}

// AddExchange stores the user's message and the assistant's empty answer in
// one transaction, giving the conversation title (when it has none yet):
// the user's text is on disk before any request leaves.
func (s *Store) AddExchange(ctx context.Context, user, answer Message, title string) (Message, Message, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return user, answer, fmt.Errorf("add exchange: %w", err)
	}
	defer tx.Rollback()
	now := s.stamp()
	if user, err = insertMessage(ctx, tx, user, now); err != nil {
		return user, answer, err
	}
	if answer, err = insertMessage(ctx, tx, answer, now); err != nil {
		return user, answer, err
	}
	if title != "" {
		if _, err := tx.ExecContext(ctx, "UPDATE conversations SET title = ? WHERE id = ? AND title = ''", title, user.ConversationID); err != nil {
			return user, answer, fmt.Errorf("add exchange: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return user, answer, fmt.Errorf("add exchange: %w", err)
	}
	return user, answer, nil
}

// insertMessage appends m to its conversation inside tx, giving it an ID
// (when it has none) and the next seq, and marks the conversation active.
func insertMessage(ctx context.Context, tx *sql.Tx, m Message, now int64) (Message, error) {
	if m.ID == "" {
		m.ID = NewID("m_")
	}
	if m.CreatedAt == 0 {
		m.CreatedAt = now
	}
	if m.UpdatedAt == 0 {
		m.UpdatedAt = m.CreatedAt
	}
	// The write comes first, so the transaction takes the write lock (waiting
	// for another process's writer) before it reads anything.
	if _, err := tx.ExecContext(ctx, "UPDATE conversations SET updated_at = MAX(updated_at, ?) WHERE id = ?", m.UpdatedAt, m.ConversationID); err != nil {
		return m, fmt.Errorf("add message: %w", err)
	}
	err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(seq), 0) + 1 FROM messages WHERE conversation_id = ?", m.ConversationID).Scan(&m.Seq)
	if err != nil {
		return m, fmt.Errorf("add message: %w", err)
	}
	if m.ParentID == "" && !m.Root {
		err = tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), '') FROM messages WHERE conversation_id = ? AND seq = ?", m.ConversationID, m.Seq-1).Scan(&m.ParentID)
		if err != nil {
			return m, fmt.Errorf("add message: %w", err)
		}
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO messages ("+messageColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		m.ID, m.ConversationID, m.Seq, m.Role, m.Content, m.Reasoning, m.Status, m.Problem, m.Model,
		m.InputTokens, m.OutputTokens, m.ReasoningMillis, m.CreatedAt, m.UpdatedAt, m.ParentID)
	if err != nil {
		return m, fmt.Errorf("add message: %w", err)
	}
	return m, nil
}

func (s *Store) queryMessages(ctx context.Context, where string, args ...any) ([]Message, error) {
	return queryAll(ctx, s, "list messages", scanMessage, "SELECT "+messageReadColumns+" FROM messages "+where, args...)
}
