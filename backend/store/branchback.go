package store

import (
	"context"
	"fmt"
	"iter"
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
	// The walk carries every column, so each step is one primary-key
	// lookup and nothing is joined afterwards.
	rows, err := s.db.QueryContext(ctx, `WITH RECURSIVE path(`+messageReadColumns+`, depth) AS (
			SELECT `+messageReadColumns+`, 0 FROM messages WHERE id = ? AND conversation_id = ?
			UNION ALL
			SELECT `+prefixed("m.", messageReadColumns)+`, p.depth + 1 FROM path p JOIN messages m ON m.id = p.parent_id
			WHERE p.parent_id <> '' AND p.depth + 1 < ?)
		SELECT `+messageReadColumns+` FROM path`,
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

// HistoryMessage is what a request carries of a stored message.
type HistoryMessage struct {
	ID, ParentID, Role, Content string
	// Streaming is set while the message is an answer still streaming: its
	// text may grow without [Store.HistoryVersion] changing.
	Streaming bool
}

// History yields the branch ending at the message with id as [Store.BranchBack]
// orders it (newest first, towards the root), reading only what a request
// carries of each message and only as far as the caller goes: a turn stops
// at its context budget, so a conversation's older messages are never read,
// however many there are. Stopping early closes the query.
func (s *Store) History(ctx context.Context, conversationID, id string) iter.Seq2[HistoryMessage, error] {
	return func(yield func(HistoryMessage, error) bool) {
		if id == "" {
			return
		}
		rows, err := s.db.QueryContext(ctx, `WITH RECURSIVE path(id, parent_id, role, content, status) AS (
				SELECT id, parent_id, role, content, status FROM messages WHERE id = ? AND conversation_id = ?
				UNION ALL
				SELECT m.id, m.parent_id, m.role, m.content, m.status FROM path p JOIN messages m ON m.id = p.parent_id
				WHERE p.parent_id <> '')
			SELECT id, parent_id, role, content, status = ? FROM path`, id, conversationID, StatusStreaming)
		if err != nil {
			yield(HistoryMessage{}, fmt.Errorf("read history: %w", err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			var m HistoryMessage
			if err := rows.Scan(&m.ID, &m.ParentID, &m.Role, &m.Content, &m.Streaming); err != nil {
				yield(HistoryMessage{}, fmt.Errorf("read history: %w", err))
				return
			}
			if !yield(m, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(HistoryMessage{}, fmt.Errorf("read history: %w", err))
		}
	}
}

// HistoryVersion changes whenever a message that a turn may have read as
// history changes: a message's text, role, parent or status rewritten once
// it no longer streams, or a message deleted, by this process or any other on the
// file. Adding messages and the growing text of a streaming answer leave it
// alone. While it stays the same, every message read by [Store.History]
// that was not streaming is as it was read, so a turn may keep them.
func (s *Store) HistoryVersion(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.QueryRowContext(ctx, "SELECT n FROM history_version WHERE id = 1").Scan(&n); err != nil {
		return 0, fmt.Errorf("read history version: %w", err)
	}
	return n, nil
}
