package chat

import (
	"context"
	"strings"

	"parley/backend/llm"
	"parley/backend/store"
)

// request builds the provider request answering the branch of a
// conversation that ends at endID, then pending (messages not stored yet):
// the profile's defaults with the conversation's own settings over them,
// and of the history only the newest messages that fit the context budget.
// It returns the profile as the turn uses it (with the conversation's
// model) and what of the conversation the request carries.
func (s *Service) request(ctx context.Context, profile store.Profile, conversationID, endID string, pending ...store.Message) (store.Profile, llm.Request, Context, error) {
	cs, err := s.store.ChatSettings(ctx, conversationID)
	if err != nil {
		return profile, llm.Request{}, Context{}, err
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
	f := &fitter{budget: tokens - system, limit: limit}
	if err := s.fit(ctx, conversationID, endID, f, pending...); err != nil {
		return profile, llm.Request{}, Context{}, err
	}
	req := llm.Request{Model: profile.Model, System: profile.SystemPrompt, Messages: f.messages()}
	req.Temperature, req.TopP, req.MaxTokens = cs.Temperature, cs.TopP, cs.MaxTokens
	req.ReasoningEffort, req.ThinkingBudget = cs.ReasoningEffort, cs.ThinkingBudget
	info := Context{Messages: len(f.kept), Tokens: f.used + system, Trimmed: f.full, Budget: tokens, MaxMessages: limit}
	return profile, req, info, nil
}
