package store

import (
	"context"
	"encoding/json"
	"fmt"
)

// ChatSettings are one conversation's own choices. A zero field means "as
// the profile says" (model, system prompt) or "the provider's default"
// (the parameters), and is not sent.
type ChatSettings struct {
	// Model overrides the profile's model for this conversation.
	Model string `json:"model"`
	// SystemPrompt overrides the profile's system prompt when not nil (an
	// empty one sends none).
	SystemPrompt    *string  `json:"systemPrompt,omitempty"`
	Temperature     *float64 `json:"temperature,omitempty"`
	TopP            *float64 `json:"topP,omitempty"`
	MaxTokens       int      `json:"maxTokens"`
	ReasoningEffort string   `json:"reasoningEffort"`
	ThinkingBudget  *int     `json:"thinkingBudget,omitempty"`
	// ContextMessages sends at most this many of the latest messages; 0
	// sets no count.
	ContextMessages int `json:"contextMessages"`
	// ContextTokens sends at most about this many tokens of history and
	// system prompt; 0 takes the budget from the model's context size.
	ContextTokens int `json:"contextTokens"`
}

// ChatSettings returns a conversation's settings; zero when it has none.
func (s *Store) ChatSettings(ctx context.Context, conversationID string) (ChatSettings, error) {
	raw, ok, err := s.text(ctx, "SELECT settings FROM chat_settings WHERE conversation_id = ?", conversationID)
	if err != nil {
		return ChatSettings{}, fmt.Errorf("read chat settings: %w", err)
	}
	if !ok {
		return ChatSettings{}, nil
	}
	var cs ChatSettings
	if err := json.Unmarshal([]byte(raw), &cs); err != nil {
		return ChatSettings{}, fmt.Errorf("read chat settings: %w", err)
	}
	return cs, nil
}

// SaveChatSettings stores a conversation's settings.
func (s *Store) SaveChatSettings(ctx context.Context, conversationID string, cs ChatSettings) error {
	raw, err := json.Marshal(cs)
	if err != nil {
		return fmt.Errorf("save chat settings: %w", err)
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO chat_settings (conversation_id, settings) VALUES (?, ?)
		ON CONFLICT (conversation_id) DO UPDATE SET settings = excluded.settings`, conversationID, string(raw))
	if err != nil {
		return fmt.Errorf("save chat settings: %w", err)
	}
	return nil
}
