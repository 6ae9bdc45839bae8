package store

import (
	"context"
	"fmt"
)

// OutlineEntry is one message of a conversation without its text: where it
// sits (Seq) and what it answers or follows (ParentID).
type OutlineEntry struct {
	ID       string
	ParentID string
	Seq      int
}

// Outline lists a conversation's messages in order with only their ID,
// Seq and ParentID: enough to find the branch shown and the alternatives
// without reading any text, so a long conversation's window loads the text
// of one page only.
func (s *Store) Outline(ctx context.Context, conversationID string) ([]OutlineEntry, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, seq, parent_id FROM messages WHERE conversation_id = ? ORDER BY seq", conversationID)
	if err != nil {
		return nil, fmt.Errorf("outline messages: %w", err)
	}
	defer rows.Close()
	out := []OutlineEntry{}
	for rows.Next() {
		var e OutlineEntry
		if err := rows.Scan(&e.ID, &e.Seq, &e.ParentID); err != nil {
			return nil, fmt.Errorf("outline messages: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// MessagesBetween returns a conversation's messages with seq from lo to hi
// (both included), in order, every branch included.
func (s *Store) MessagesBetween(ctx context.Context, conversationID string, lo, hi int) ([]Message, error) {
	return s.queryMessages(ctx, "WHERE conversation_id = ? AND seq BETWEEN ? AND ? ORDER BY seq", conversationID, lo, hi)
}
