package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Status is how far a message has got.
type Status string

// Message statuses.
const (
	StatusDone        Status = "done"
	StatusStreaming   Status = "streaming"
	StatusStopped     Status = "stopped"
	StatusError       Status = "error"
	StatusInterrupted Status = "interrupted" // Parley ended while the answer streamed
)

// Statuses lists every [Status]; main.go binds it with Wails' EnumBind, so
// the frontend's message statuses are the generated enum store.Status.
var Statuses = []Status{StatusDone, StatusStreaming, StatusStopped, StatusError, StatusInterrupted}

// TSName is the member name in the generated TypeScript enum.
func (s Status) TSName() string { return strings.ToUpper(string(s)) }

// Message is one turn of a conversation as stored.
type Message struct {
	ID             string `json:"id"`
	ConversationID string `json:"conversationId"`
	Seq            int    `json:"seq"`
	Role           string `json:"role"`
	Content        string `json:"content"`
	Reasoning      string `json:"reasoning"`
	Status         Status `json:"status"`
	// Problem is the explained failure as JSON, empty when there was none.
	Problem      string `json:"problem"`
	Model        string `json:"model"`
	InputTokens  int    `json:"inputTokens"`
	OutputTokens int    `json:"outputTokens"`
	// ReasoningMillis is how long the model reasoned before answering.
	ReasoningMillis int64 `json:"reasoningMs"`
	CreatedAt       int64 `json:"createdAt"`
	UpdatedAt       int64 `json:"updatedAt"`
	// ParentID is the message this one follows; see branches.go. Left
	// empty, AddMessage makes it the newest message (a linear history, as
	// importers write it) unless Root is set.
	ParentID string `json:"parentId"`
	// Root makes AddMessage start a new first message (an edited first message).
	Root bool `json:"-"`
	// Finish is why the answer ended, in the adapters' neutral words
	// ("length": the token limit cut it); set by FinishMessage.
	Finish string `json:"finish"`
}

const messageColumns = "id, conversation_id, seq, role, content, reasoning, status, problem, model, input_tokens, output_tokens, reasoning_ms, created_at, updated_at, parent_id"

// Messages lists a conversation's messages in order, every branch included.
func (s *Store) Messages(ctx context.Context, conversationID string) ([]Message, error) {
	return s.queryMessages(ctx, "WHERE conversation_id = ? ORDER BY seq", conversationID)
}

// messageReadColumns are the columns a message is read from: those it is
// inserted with, and finish, which only FinishMessage writes.
const messageReadColumns = messageColumns + ", finish"

func scanMessage(row row) (Message, error) {
	var m Message
	err := row.Scan(&m.ID, &m.ConversationID, &m.Seq, &m.Role, &m.Content, &m.Reasoning, &m.Status,
		&m.Problem, &m.Model, &m.InputTokens, &m.OutputTokens, &m.ReasoningMillis, &m.CreatedAt, &m.UpdatedAt, &m.ParentID,
		&m.Finish)
	return m, err
}

// AddMessage appends m to its conversation, giving it an ID and the next seq,
// and marks the conversation active. The stored message is returned.
func (s *Store) AddMessage(ctx context.Context, m Message) (Message, error) {
	now := s.stamp()
	m.CreatedAt, m.UpdatedAt = now, now
	err := s.inTx(ctx, "add message", func(tx *sql.Tx) error {
		var err error
		m, err = insertMessage(ctx, tx, m, now)
		return err
	})
	return m, err
}

// SaveProgress stores the text of a message that is still streaming.
func (s *Store) SaveProgress(ctx context.Context, id, content, reasoning string) error {
	_, err := s.db.ExecContext(ctx, "UPDATE messages SET content = ?, reasoning = ?, updated_at = ? WHERE id = ?",
		content, reasoning, s.stamp(), id)
	if err != nil {
		return fmt.Errorf("save progress: %w", err)
	}
	return nil
}

// FinishMessage stores a message's final text, status, problem, usage and
// finish reason.
func (s *Store) FinishMessage(ctx context.Context, m Message) error {
	_, err := s.db.ExecContext(ctx, `UPDATE messages SET content = ?, reasoning = ?, status = ?, problem = ?,
		input_tokens = ?, output_tokens = ?, reasoning_ms = ?, finish = ?, updated_at = ? WHERE id = ?`,
		m.Content, m.Reasoning, m.Status, m.Problem, m.InputTokens, m.OutputTokens, m.ReasoningMillis, m.Finish, s.stamp(), m.ID)
	if err != nil {
		return fmt.Errorf("finish message: %w", err)
	}
	return nil
}
