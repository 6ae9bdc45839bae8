package store

import (
	"context"
)

// Page is a run of consecutive messages of one conversation, for a list
// that loads what is on screen: More* say whether messages lie beyond it.
type Page struct {
	Messages   []Message `json:"messages"`
	MoreBefore bool      `json:"moreBefore"`
	MoreAfter  bool      `json:"moreAfter"`
}

// MessagesAround returns the message with id and up to before messages
// before it and after messages after it, in order: what a long conversation
// loads to show a search result far up.
func (s *Store) MessagesAround(ctx context.Context, id string, before, after int) (Page, error) {
	m, err := s.Message(ctx, id)
	if err != nil {
		return Page{}, err
	}
	return s.pageAt(ctx, m.ConversationID, m.Seq, before, after+1)
}

// LatestMessages returns the last n messages of a conversation, what a
// conversation shows when it opens.
func (s *Store) LatestMessages(ctx context.Context, conversationID string, n int) (Page, error) {
	return s.pageAt(ctx, conversationID, 1<<62, n, 0)
}

// MessagesBefore returns up to n messages before seq, for scrolling up.
func (s *Store) MessagesBefore(ctx context.Context, conversationID string, seq, n int) (Page, error) {
	return s.pageAt(ctx, conversationID, seq, n, 0)
}

// MessagesAfter returns up to n messages after seq, for scrolling down.
func (s *Store) MessagesAfter(ctx context.Context, conversationID string, seq, n int) (Page, error) {
	return s.pageAt(ctx, conversationID, seq+1, 0, n)
}

// pageAt reads up to before messages with seq < at and up to from messages
// with seq >= at.
func (s *Store) pageAt(ctx context.Context, conversationID string, at, before, from int) (Page, error) {
	older, err := s.queryMessages(ctx, "WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?", conversationID, at, before+1)
	if err != nil {
		return Page{}, err
	}
	newer, err := s.queryMessages(ctx, "WHERE conversation_id = ? AND seq >= ? ORDER BY seq LIMIT ?", conversationID, at, from+1)
	if err != nil {
		return Page{}, err
	}
	p := Page{MoreBefore: len(older) > before, MoreAfter: len(newer) > from}
	older, newer = older[:min(len(older), before)], newer[:min(len(newer), from)]
	p.Messages = make([]Message, 0, len(older)+len(newer))
	for i := len(older) - 1; i >= 0; i-- {
		p.Messages = append(p.Messages, older[i])
	}
	p.Messages = append(p.Messages, newer...)
	return p, nil
}
