package chat

import (
	"context"
	"strings"

	"parley/backend/llm"
	"parley/backend/store"
)

// DefaultContextWindow is the context size assumed for a model nobody
// knows the size of: small enough for any model served today.
const DefaultContextWindow = 8192

// Context says what a request carries of its conversation, for the
// composer to show ("last 40 messages · ~12k tokens").
type Context struct {
	// Messages is how many messages of history are sent.
	Messages int `json:"messages"`
	// Tokens estimates the tokens sent: history and system prompt.
	Tokens int `json:"tokens"`
	// Trimmed is set when older messages are left out.
	Trimmed bool `json:"trimmed"`
	// Budget is the token budget the history had to fit.
	Budget int `json:"budget"`
	// MaxMessages is the conversation's message limit; 0 for none.
	MaxMessages int `json:"maxMessages"`
}

// budget is what a request may carry: a token budget and, when not zero,
// a message count.
func (s *Service) budget(model string, cs store.ChatSettings) (tokens, messages int) {
	if cs.ContextTokens > 0 {
		return cs.ContextTokens, cs.ContextMessages
	}
	window := DefaultContextWindow
	if s.opts.ContextWindow != nil {
		if w := s.opts.ContextWindow(model); w > 0 {
			window = w
		}
	}
	// The answer needs room too: what the conversation asks for, else a
	// quarter of the window, at most 8k tokens.
	reserve := cs.MaxTokens
	if reserve <= 0 || reserve >= window {
		reserve = min(window/4, 8192)
	}
	return window - reserve, cs.ContextMessages
}

// fitter keeps the newest messages that fit a budget, the system prompt
// always counted first.
type fitter struct {
	budget, limit int
	used          int
	kept          []historyItem // newest first
	// seen is every message offered, newest first: what the request read
	// of its conversation, kept for the next turn (see recall).
	seen []historyItem
	full bool
	// preview is set when the message the turn answers is not among those
	// offered (ContextOf: the user has not written it yet), so none is
	// taken past the budget.
	preview bool
}

// add takes m (the next older message) if it fits and reports whether an
// older one may still fit. The newest message is always taken, unless
// preview: it is what the turn answers.
func (f *fitter) add(m historyItem) bool {
	f.seen = append(f.seen, m)
	if strings.TrimSpace(m.Content) == "" {
		return true // failed answers with no text are not sent
	}
	cost := m.tokens + messageOverhead
	if (len(f.kept) > 0 || f.preview) && (f.used+cost > f.budget || f.limit > 0 && len(f.kept) >= f.limit) {
		f.full = true
		return false
	}
	f.used += cost
	f.kept = append(f.kept, m)
	return true
}

// fit reads the branch ending at endID back (from what the last turn kept,
// then the store) until the budget is full or the root is reached, so that
// only the messages sent (and the one that did not fit) are read; pending
// are the newest messages, not stored yet (the user's message being sent).
func (s *Service) fit(ctx context.Context, conversationID, endID string, version int64, f *fitter, pending ...store.Message) error {
	for i := len(pending) - 1; i >= 0; i-- {
		m := pending[i]
		if !f.add(itemOf(store.HistoryMessage{ID: m.ID, ParentID: m.ParentID, Role: m.Role, Content: m.Content})) {
			return nil
		}
	}
	for m, err := range s.branchBack(ctx, conversationID, endID, version) {
		if err != nil {
			return err
		}
		if !f.add(m) {
			return nil
		}
	}
	return nil
}

// messages is the kept history in order, oldest first, as the provider
// wants it.
func (f *fitter) messages() []llm.Message {
	out := make([]llm.Message, len(f.kept))
	for i, m := range f.kept {
		out[len(f.kept)-1-i] = llm.Message{Role: llm.Role(m.Role), Content: m.Content}
	}
	return out
}

// ContextOf says what the next turn of a conversation would send of it.
func (s *Service) ContextOf(ctx context.Context, conversationID string) (Context, error) {
	profile, err := s.profileOf(ctx, conversationID)
	if err != nil {
		return Context{}, err
	}
	head, err := s.store.Head(ctx, conversationID)
	if err != nil {
		return Context{}, err
	}
	r, err := s.request(ctx, profile, conversationID, head, true)
	if err != nil {
		return Context{}, err
	}
	// What was read is good for the next turn if nothing changed meanwhile.
	if v, err := s.store.HistoryVersion(ctx); err == nil && v == r.branch.version {
		s.recall.keep(conversationID, v, r.branch.seen)
	}
	return r.info, nil
}
