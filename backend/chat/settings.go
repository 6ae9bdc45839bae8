package chat

import (
	"context"
	"strings"

	"parley/backend/llm"
	"parley/backend/store"
)

// planned is a request as a turn sends it: the profile as the turn uses it
// (with the conversation's model), what of the conversation the request
// carries, and what it read of it.
type planned struct {
	profile store.Profile
	req     llm.Request
	info    Context
	branch  *branch
}

// request builds the provider request answering the branch of a
// conversation that ends at endID, then pending (messages not stored yet):
// the profile's defaults with the conversation's own settings over them,
// and of the history only the newest messages that fit the context budget.
// preview plans the next turn before its message exists (ContextOf).
func (s *Service) request(ctx context.Context, profile store.Profile, conversationID, endID string, preview bool, pending ...store.Message) (planned, error) {
	cs, err := s.store.ChatSettings(ctx, conversationID)
	if err != nil {
		return planned{}, err
	}
	// Read before the history, so that a change made while it is read
	// shows as a newer version when the turn ends (see remember).
	version, err := s.store.HistoryVersion(ctx)
	if err != nil {
		return planned{}, err
	}
	if m := strings.TrimSpace(cs.Model); m != "" {
		profile.Model = m
	}
	if cs.SystemPrompt != nil {
		profile.SystemPrompt = *cs.SystemPrompt
	}
	tokens, limit := s.budget(profile.Model, cs)
	system := 0
	if profile.SystemPrompt != "" {
		system = EstimateTokens(profile.SystemPrompt) + messageOverhead
	}
	f := &fitter{budget: tokens - system, limit: limit, preview: preview}
	if err := s.fit(ctx, conversationID, endID, version, f, pending...); err != nil {
		return planned{}, err
	}
	req := llm.Request{Model: profile.Model, System: profile.SystemPrompt, Messages: f.messages()}
	req.Temperature, req.TopP, req.MaxTokens = cs.Temperature, cs.TopP, cs.MaxTokens
	req.ReasoningEffort, req.ThinkingBudget = cs.ReasoningEffort, cs.ThinkingBudget
	return planned{
		profile: profile,
		req:     req,
		info:    Context{Messages: len(f.kept), Tokens: f.used + system, Trimmed: f.full, Budget: tokens, MaxMessages: limit},
		branch:  &branch{conversationID: conversationID, version: version, seen: f.seen},
	}, nil
}
