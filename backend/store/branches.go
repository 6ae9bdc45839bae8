package store

import (
	"context"
	"fmt"
)

// Head is the message at the end of the branch a conversation shows: the
// one set by [Store.SetHead] while it exists, else the newest message ("" for
// an empty conversation).
func (s *Store) Head(ctx context.Context, conversationID string) (string, error) {
	id, ok, err := s.text(ctx, `SELECT h.head_id FROM conversation_heads h
		JOIN messages m ON m.id = h.head_id WHERE h.conversation_id = ?`, conversationID)
	if err == nil && !ok {
		id, _, err = s.text(ctx, "SELECT id FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT 1", conversationID)
	}
	if err != nil {
		return "", fmt.Errorf("read head: %w", err)
	}
	return id, nil
}

// SetHead makes messageID the end of the branch a conversation shows.
func (s *Store) SetHead(ctx context.Context, conversationID, messageID string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO conversation_heads (conversation_id, head_id) VALUES (?, ?)
		ON CONFLICT (conversation_id) DO UPDATE SET head_id = excluded.head_id`, conversationID, messageID)
	if err != nil {
		return fmt.Errorf("set head: %w", err)
	}
	return nil
}

// Branch returns the messages from the root to the conversation's head, in
// order: what the conversation shows and sends as history.
func (s *Store) Branch(ctx context.Context, conversationID string) ([]Message, error) {
	all, err := s.Messages(ctx, conversationID)
	if err != nil {
		return nil, err
	}
	head, err := s.Head(ctx, conversationID)
	if err != nil {
		return nil, err
	}
	return PathTo(all, head), nil
}

// PathTo is the path from the root to the message with id, in order, among
// all of a conversation's messages; empty when id is "" or unknown.
func PathTo(all []Message, id string) []Message {
	byID := make(map[string]Message, len(all))
	for _, m := range all {
		byID[m.ID] = m
	}
	var rev []Message
	for m, ok := byID[id]; ok && len(rev) <= len(all); m, ok = byID[m.ParentID] {
		rev = append(rev, m)
	}
	out := make([]Message, len(rev))
	for i, m := range rev {
		out[len(rev)-1-i] = m
	}
	return out
}

// Latest is the end of the newest branch under the message with id: from
// it, the newest child at each step. Switching to an alternative shows it
// with the answers that followed it.
func Latest(all []Message, id string) string {
	newest := map[string]Message{} // parent id → newest child
	for _, m := range all {
		if c, ok := newest[m.ParentID]; !ok || m.Seq > c.Seq {
			newest[m.ParentID] = m
		}
	}
	for c, ok := newest[id]; ok; c, ok = newest[id] {
		id = c.ID
	}
	return id
}

// Siblings lists, for each message, the ids of the messages sharing its
// parent (itself included), oldest first: the alternatives shown as ‹ 2/3 ›.
func Siblings(all []Message) map[string][]string {
	byParent := map[string][]string{}
	for _, m := range all { // all is in seq order
		byParent[m.ParentID] = append(byParent[m.ParentID], m.ID)
	}
	out := make(map[string][]string, len(all))
	for _, m := range all {
		out[m.ID] = byParent[m.ParentID]
	}
	return out
}

// DeleteMessage removes a message and every message after it on any branch
// (its answers, their follow-ups). The head moves to the newest branch left.
func (s *Store) DeleteMessage(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, `WITH RECURSIVE doomed(id) AS (
			SELECT id FROM messages WHERE id = ?
			UNION SELECT m.id FROM messages m JOIN doomed d ON m.parent_id = d.id)
		DELETE FROM messages WHERE id IN (SELECT id FROM doomed)`, id)
	if err != nil {
		return fmt.Errorf("delete message: %w", err)
	}
	return nil
}
