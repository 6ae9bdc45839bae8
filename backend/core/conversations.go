package core

import (
	"context"

	"parley/backend/chat"
	"parley/backend/llm"
	"parley/backend/problem"
	"parley/backend/store"
)

// Conversations lists a profile's conversations, newest activity first.
func (c *Core) Conversations(ctx context.Context, profileID string) ([]store.Conversation, error) {
	return c.store.Conversations(ctx, profileID)
}

// ConversationSummaries lists the conversations of a profile, or of every
// profile when profileID is empty, pinned first, with message counts and
// token totals.
func (c *Core) ConversationSummaries(ctx context.Context, profileID string) ([]ConversationView, error) {
	list, err := c.store.ConversationSummaries(ctx, profileID)
	return viewsOf(list, err, conversationView)
}

// Conversation returns one conversation.
func (c *Core) Conversation(ctx context.Context, id string) (store.Conversation, error) {
	return c.store.Conversation(ctx, id)
}

// RenameConversation gives a conversation the title the user typed.
func (c *Core) RenameConversation(ctx context.Context, id, title string) error {
	if _, err := c.store.Conversation(ctx, id); err != nil {
		return err
	}
	return c.store.RenameConversation(ctx, id, title)
}

// PinConversation pins a conversation to the top of its list, or unpins it.
func (c *Core) PinConversation(ctx context.Context, id string, pinned bool) error {
	return c.store.PinConversation(ctx, id, pinned)
}

// NewConversation starts an empty conversation with a profile.
func (c *Core) NewConversation(ctx context.Context, profileID string) (ConversationView, error) {
	if _, err := c.store.Profile(ctx, profileID); err != nil {
		return ConversationView{}, err
	}
	conv, err := c.store.CreateConversation(ctx, profileID, "")
	return conversationView(store.ConversationSummary{Conversation: conv}), err
}

// ChatSettings returns a conversation's own settings (zero: the profile's).
func (c *Core) ChatSettings(ctx context.Context, conversationID string) (ChatSettings, error) {
	cs, err := c.store.ChatSettings(ctx, conversationID)
	return ChatSettings(cs), err
}

// SaveChatSettings stores a conversation's own settings; the next turn
// uses them.
func (c *Core) SaveChatSettings(ctx context.Context, conversationID string, cs ChatSettings) error {
	if _, err := c.store.Conversation(ctx, conversationID); err != nil {
		return err
	}
	return c.store.SaveChatSettings(ctx, conversationID, store.ChatSettings(cs))
}

// ChatContext says what the next turn of a conversation sends of it: how
// many of its latest messages and about how many tokens, within the
// conversation's context setting or its model's context size.
func (c *Core) ChatContext(ctx context.Context, conversationID string) (chat.Context, error) {
	return c.chat.ContextOf(ctx, conversationID)
}

// DeleteConversation removes a conversation and its messages.
func (c *Core) DeleteConversation(ctx context.Context, id string) error {
	return c.store.DeleteConversation(ctx, id)
}

// MessageView is a message as the window shows it: a [store.Message]
// with its role typed and its problem an object, not the row's JSON text
// (see [ViewOf]). For an answer streaming in this process, Content and
// Reasoning are what its delta events carried up to LastSeq, so the window
// applies every later delta and the stream is picked up where it is, after
// a switch or a reload.
type MessageView struct {
	ID             string       `json:"id"`
	ConversationID string       `json:"conversationId"`
	Seq            int          `json:"seq"`
	Role           llm.Role     `json:"role"`
	Content        string       `json:"content"`
	Reasoning      string       `json:"reasoning"`
	Status         store.Status `json:"status"`
	// Problem is the explained failure; nil when there was none.
	Problem      *problem.Problem `json:"problem"`
	Model        string           `json:"model"`
	InputTokens  int              `json:"inputTokens"`
	OutputTokens int              `json:"outputTokens"`
	// ReasoningMillis is how long the model reasoned before answering.
	ReasoningMillis int64  `json:"reasoningMs"`
	CreatedAt       int64  `json:"createdAt"`
	UpdatedAt       int64  `json:"updatedAt"`
	ParentID        string `json:"parentId"`
	// Finish is why the answer ended, in the adapters' neutral words
	// ("length": the token limit cut it).
	Finish string `json:"finish"`
	// LastSeq is the seq of the last delta included; 0 when not streaming here.
	LastSeq int `json:"lastSeq"`
	// Alternatives are the ids of the messages in this one's place (other
	// answers to the same message, other versions of an edited one), this
	// one included, oldest first.
	Alternatives []string `json:"alternatives"`
}

// Messages lists the branch a conversation shows, in order, live answers as
// far as they have streamed.
func (c *Core) Messages(ctx context.Context, conversationID string) ([]MessageView, error) {
	// Streams first: a turn saves its final state before it stops being
	// live, so a message still streaming in the database after this is
	// either live below or was not live here at all.
	live := c.chat.Streams(conversationID)
	all, err := c.store.Messages(ctx, conversationID)
	if err != nil {
		return nil, err
	}
	head, err := c.store.Head(ctx, conversationID)
	if err != nil {
		return nil, err
	}
	msgs, siblings := store.PathTo(all, head), store.Siblings(all)
	out := make([]MessageView, len(msgs))
	for i, m := range msgs {
		out[i] = view(m, siblings[m.ID])
		if st, ok := live[m.ID]; ok && m.Status == store.StatusStreaming {
			out[i].Content, out[i].Reasoning, out[i].LastSeq = st.Content, st.Reasoning, st.LastSeq
		}
	}
	return out, nil
}

// Send stores the user's message and starts the answer; see [chat.Service.Send].
func (c *Core) Send(ctx context.Context, conversationID, text string) (chat.SendResult, error) {
	return c.chat.Send(ctx, conversationID, text)
}

// Retry answers the last user message again; see [chat.Service.Retry].
func (c *Core) Retry(ctx context.Context, conversationID string) (store.Message, error) {
	return c.chat.Retry(ctx, conversationID)
}

// Regenerate answers the same message again beside an answer; see
// [chat.Service.Regenerate].
func (c *Core) Regenerate(ctx context.Context, answerID string) (store.Message, error) {
	return c.chat.Regenerate(ctx, answerID)
}

// Edit sends a new version of a message of the user's as a branch; see
// [chat.Service.Edit].
func (c *Core) Edit(ctx context.Context, messageID, text string) (chat.SendResult, error) {
	return c.chat.Edit(ctx, messageID, text)
}

// ShowAlternative shows the branch through a message (an alternative
// answer or version), ending at its newest follow-up.
func (c *Core) ShowAlternative(ctx context.Context, messageID string) error {
	m, err := c.store.Message(ctx, messageID)
	if err != nil {
		return err
	}
	all, err := c.store.Messages(ctx, m.ConversationID)
	if err != nil {
		return err
	}
	return c.store.SetHead(ctx, m.ConversationID, store.Latest(all, messageID))
}

// DeleteMessage removes a message and what followed it on its branches; a
// running answer among them is stopped first. The conversation then shows
// the newest branch left beside it.
func (c *Core) DeleteMessage(ctx context.Context, id string) error {
	m, err := c.store.Message(ctx, id)
	if err != nil {
		return err
	}
	c.chat.Cancel(id)
	if err := c.store.DeleteMessage(ctx, id); err != nil {
		return err
	}
	all, err := c.store.Messages(ctx, m.ConversationID)
	if err != nil {
		return err
	}
	if m.ParentID == "" {
		return nil // the head falls back to the newest message left
	}
	return c.store.SetHead(ctx, m.ConversationID, store.Latest(all, m.ParentID))
}

// Continue asks the model to go on from a stopped or interrupted answer,
// appending to it; see [chat.Service.Continue].
func (c *Core) Continue(ctx context.Context, messageID string) (store.Message, error) {
	return c.chat.Continue(ctx, messageID)
}

// Cancel stops an answer, keeping its text; see [chat.Service.Cancel].
func (c *Core) Cancel(messageID string) bool { return c.chat.Cancel(messageID) }

// KeepWaiting answers chat:idle: the silent answer may wait once more; see
// [chat.Service.KeepWaiting].
func (c *Core) KeepWaiting(messageID string) bool { return c.chat.KeepWaiting(messageID) }
