package chat

import (
	"context"
	"strings"

	"parley/backend/llm"
	"parley/backend/store"
)

// request builds the provider request answering history in a conversation:
// the profile's defaults with the conversation's own settings over them. It
// returns the profile as the turn uses it (with the conversation's model).
func (s *Service) request(ctx context.Context, profile store.Profile, conversationID string, history []store.Message) (store.Profile, llm.Request, error) {
	cs, err := s.store.ChatSettings(ctx, conversationID)
	if err != nil {
		return profile, llm.Request{}, err
	}
	if m := strings.TrimSpace(cs.Model); m != "" {
		profile.Model = m
	}
	if cs.SystemPrompt != nil {
		profile.SystemPrompt = *cs.SystemPrompt
	}
	req := buildRequest(profile, history)
	req.Temperature, req.TopP, req.MaxTokens = cs.Temperature, cs.TopP, cs.MaxTokens
	req.ReasoningEffort, req.ThinkingBudget = cs.ReasoningEffort, cs.ThinkingBudget
	return profile, req, nil
}
