package chat

import (
	"context"
	"iter"
	"sync"

	"parley/backend/store"
)

// A turn in a long conversation sends the newest messages that fit its
// context, and the next turn sends nearly the same ones: the two new
// messages and, of the older ones, as many as still fit. So the service
// keeps, per conversation, the branch the last turn sent with its answer as
// saved (recall), and the next turn reads from it instead of the store.
//
// What is kept is good while [store.Store.HistoryVersion] is the number it
// was read at: that counts every rewrite or removal of a message that is no
// longer streaming, by this process or any other on the database file (the
// main window and each provider's window share it). A branch switch, an
// edit, a regenerated answer or another context setting need nothing
// invalidated: the branch is looked up by the message it ends at, whose
// older messages never change without the version changing, and it is
// fitted to the budget again each turn, the store read on where it is too
// short. An answer still streaming is never kept, since its text grows
// without the version changing.

// maxRecallBytes bounds the text kept over every conversation: a few
// conversations' worth at the largest context windows.
const maxRecallBytes = 8 << 20

// historyItem is one message of a branch as the fitter weighs it.
type historyItem struct {
	store.HistoryMessage
	tokens int // EstimateTokens of its text
}

func itemOf(m store.HistoryMessage) historyItem {
	return historyItem{HistoryMessage: m, tokens: EstimateTokens(m.Content)}
}

// branch is what a request read of its conversation: every message offered
// to the fitter, newest first, at the history version read before it.
type branch struct {
	conversationID string
	version        int64
	seen           []historyItem
}

// recall holds the kept branches, by conversation, within maxRecallBytes.
type recall struct {
	mu      sync.Mutex
	entries map[string]*recalled
	bytes   int
	clock   uint64
}

type recalled struct {
	version int64
	msgs    []historyItem // newest first, each the parent's child
	bytes   int
	used    uint64
}

// from is the kept branch of a conversation from the message endID back,
// if it was kept at version; nil otherwise. The slice is never changed.
func (r *recall) from(conversationID, endID string, version int64) []historyItem {
	if endID == "" {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	e := r.entries[conversationID]
	if e == nil {
		return nil
	}
	if e.version != version {
		r.dropLocked(conversationID)
		return nil
	}
	for i, m := range e.msgs {
		if m.ID == endID {
			r.clock++
			e.used = r.clock
			return e.msgs[i:]
		}
	}
	return nil
}

// keep replaces what is kept of a conversation with msgs (newest first),
// read at version: up to the first answer still streaming, or the first
// message that is not its predecessor's parent.
func (r *recall) keep(conversationID string, version int64, msgs []historyItem) {
	size := 0
	for i, m := range msgs {
		if m.Streaming || i > 0 && msgs[i-1].ParentID != m.ID {
			msgs = msgs[:i]
			break
		}
		size += len(m.Content)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.dropLocked(conversationID)
	if len(msgs) == 0 || size > maxRecallBytes {
		return
	}
	for r.bytes+size > maxRecallBytes && len(r.entries) > 0 {
		r.evictLocked()
	}
	if r.entries == nil {
		r.entries = map[string]*recalled{}
	}
	r.clock++
	r.entries[conversationID] = &recalled{version: version, msgs: msgs, bytes: size, used: r.clock}
	r.bytes += size
}

// drop forgets what is kept of a conversation.
func (r *recall) drop(conversationID string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.dropLocked(conversationID)
}

func (r *recall) dropLocked(conversationID string) {
	if e, ok := r.entries[conversationID]; ok {
		r.bytes -= e.bytes
		delete(r.entries, conversationID)
	}
}

// evictLocked forgets the branch used longest ago.
func (r *recall) evictLocked() {
	oldest, at := "", uint64(0)
	for id, e := range r.entries {
		if oldest == "" || e.used < at {
			oldest, at = id, e.used
		}
	}
	r.dropLocked(oldest)
}

// branchBack yields the branch of a conversation ending at endID, newest
// first: what recall holds of it at version, then the rest from the store,
// read only as far as the caller goes.
func (s *Service) branchBack(ctx context.Context, conversationID, endID string, version int64) iter.Seq2[historyItem, error] {
	return func(yield func(historyItem, error) bool) {
		from := endID
		for _, m := range s.recall.from(conversationID, endID, version) {
			if !yield(m, nil) {
				return
			}
			from = m.ParentID
		}
		for m, err := range s.store.History(ctx, conversationID, from) {
			if err != nil {
				yield(historyItem{}, err)
				return
			}
			if !yield(itemOf(m), nil) {
				return
			}
		}
	}
}

// remember keeps what a turn sent, with its answer as saved, for the next
// turn of the conversation, unless a message it read may have changed
// since (the history version moved on).
func (s *Service) remember(ctx context.Context, b *branch, answer store.Message) {
	if b == nil {
		return
	}
	v, err := s.store.HistoryVersion(ctx)
	if err != nil || v != b.version {
		s.recall.drop(b.conversationID)
		return
	}
	msgs := make([]historyItem, 0, len(b.seen)+1)
	msgs = append(msgs, itemOf(store.HistoryMessage{ID: answer.ID, ParentID: answer.ParentID, Role: answer.Role, Content: answer.Content}))
	s.recall.keep(b.conversationID, v, append(msgs, b.seen...))
}
