package core

import (
	"encoding/json"

	"parley/backend/chat"
	"parley/backend/llm"
	"parley/backend/problem"
	"parley/backend/store"
)

// The window's messages cross the Go → TypeScript boundary as
// [MessageView], never as store rows: what a turn returns is given the same
// shape as what [Core.Messages] lists, so the frontend has one message type,
// generated.

// Exchange is a user's message and the answer started for it, as the window
// gets them from Send and Edit.
type Exchange struct {
	User      MessageView `json:"user"`
	Assistant MessageView `json:"assistant"`
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
