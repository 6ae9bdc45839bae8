package store

import (
	"context"
	"fmt"
	"strings"
)

// BranchBack returns up to n messages of a conversation's branch ending at
// the message with id, newest first: that message, its parent, and so on
// towards the root. A turn reads its history so, page by page, until its
// context budget is full, instead of loading the whole conversation.
func (s *Store) BranchBack(ctx context.Context, conversationID, id string, n int) ([]Message, error) {
	if id == "" || n <= 0 {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `WITH RECURSIVE path(id, parent_id, depth) AS (
			SELECT id, parent_id, 0 FROM messages WHERE id = ? AND conversation_id = ?
			UNION ALL
			SELECT m.id, m.parent_id, p.depth + 1 FROM path p JOIN messages m ON m.id = p.parent_id
			WHERE p.parent_id <> '' AND p.depth + 1 < ?)
		SELECT `+prefixed("m.", messageColumns)+` FROM path JOIN messages m ON m.id = path.id ORDER BY path.depth`,
		id, conversationID, n)
	if err != nil {
		return nil, fmt.Errorf("read branch: %w", err)
	}
	defer rows.Close()
	out := make([]Message, 0, min(n, 256))
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, fmt.Errorf("read branch: %w", err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read branch: %w", err)
	}
	return out, nil
}

// prefixed qualifies each of a comma-separated list of columns with p.
func prefixed(p, columns string) string {
	parts := strings.Split(columns, ", ")
	for i := range parts {
		parts[i] = p + parts[i]
	}
	return strings.Join(parts, ", ")
}
