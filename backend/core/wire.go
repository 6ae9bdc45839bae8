package core

import (
	"encoding/json"

	"parley/backend/chat"
	"parley/backend/llm"
	"parley/backend/problem"
	"parley/backend/store"
)

// The window's messages, conversations and chat settings cross the Go →
// TypeScript boundary as the wire types here ([MessageView],
// [ConversationView], [ChatSettings]), never as store rows, so a change to
// a table does not change what the window reads: what a turn returns is
// given the same shape as what [Core.Messages] lists, and a new
// conversation the same shape as the history list's, so the frontend has
// one type of each, generated.

// Exchange is a user's message and the answer started for it, as the window
// gets them from Send and Edit.
type Exchange struct {
	User      MessageView `json:"user"`
	Assistant MessageView `json:"assistant"`
}

// viewsOf is every row of rows as the window sees it (view of each), or
// err when reading them failed.
func viewsOf[R, V any](rows []R, err error, view func(R) V) ([]V, error) {
	if err != nil {
		return nil, err
	}
	out := make([]V, len(rows))
	for i, r := range rows {
		out[i] = view(r)
	}
	return out, nil
}

// ViewOf is a message a turn just stored, as the window gets it: nothing
// streamed yet, no alternatives known.
func ViewOf(m store.Message, err error) (MessageView, error) {
	return view(m, nil), err
}

// ExchangeOf is [ViewOf] for a user's message and its answer.
func ExchangeOf(r chat.SendResult, err error) (Exchange, error) {
	return Exchange{User: view(r.User, nil), Assistant: view(r.Assistant, nil)}, err
}

// view is the row m as the window sees it, with its alternatives.
func view(m store.Message, alternatives []string) MessageView {
	return MessageView{
		ID: m.ID, ConversationID: m.ConversationID, Seq: m.Seq, Role: llm.Role(m.Role),
		Content: m.Content, Reasoning: m.Reasoning, Status: m.Status, Problem: storedProblem(m.Problem),
		Model: m.Model, InputTokens: m.InputTokens, OutputTokens: m.OutputTokens,
		ReasoningMillis: m.ReasoningMillis, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt,
		ParentID: m.ParentID, Finish: m.Finish, Alternatives: alternatives,
	}
}

// storedProblem reads the problem a row keeps as JSON text; nil for none.
// Text that is not a problem (a row written by hand, or by a bug) is shown
// as one that says so, with the text.
func storedProblem(raw string) *problem.Problem {
	if raw == "" {
		return nil
	}
	var p problem.Problem
	if err := json.Unmarshal([]byte(raw), &p); err != nil || p.Kind == "" {
		return problem.Explain(problem.KindInternal, "internal", map[string]string{"cause": "a stored problem could not be read: " + raw})
	}
	return &p
}

// ConversationView is a conversation as the window lists it, with how many
// messages it holds and the tokens its answers used.
type ConversationView struct {
	ID        string `json:"id"`
	ProfileID string `json:"profileId"`
	Title     string `json:"title"`
	// Pinned conversations are listed first.
	Pinned       bool  `json:"pinned"`
	CreatedAt    int64 `json:"createdAt"`
	UpdatedAt    int64 `json:"updatedAt"`
	Messages     int   `json:"messages"`
	InputTokens  int   `json:"inputTokens"`
	OutputTokens int   `json:"outputTokens"`
}

// conversationView is the summary s as the window sees it.
func conversationView(s store.ConversationSummary) ConversationView {
	c := s.Conversation
	return ConversationView{
		ID: c.ID, ProfileID: c.ProfileID, Title: c.Title, Pinned: c.Pinned, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
		Messages: s.Messages, InputTokens: s.InputTokens, OutputTokens: s.OutputTokens,
	}
}

// ChatSettings are a conversation's own model and parameters as the window
// reads and saves them; an unset field follows the profile or the
// provider. It converts to and from [store.ChatSettings], field for field.
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
