package core

import (
	"context"

	"parley/backend/chat"
	"parley/backend/store"
)

// Conversations lists a profile's conversations, newest activity first.
func (c *Core) Conversations(ctx context.Context, profileID string) ([]store.Conversation, error) {
	return c.store.Conversations(ctx, profileID)
}

// NewConversation starts an empty conversation with a profile.
func (c *Core) NewConversation(ctx context.Context, profileID string) (store.Conversation, error) {
	if _, err := c.store.Profile(ctx, profileID); err != nil {
		return store.Conversation{}, err
	}
	return c.store.CreateConversation(ctx, profileID, "")
}

// DeleteConversation removes a conversation and its messages.
func (c *Core) DeleteConversation(ctx context.Context, id string) error {
	return c.store.DeleteConversation(ctx, id)
}

// Messages lists a conversation's messages in order.
func (c *Core) Messages(ctx context.Context, conversationID string) ([]store.Message, error) {
	return c.store.Messages(ctx, conversationID)
}

// Send stores the user's message and starts the answer; see [chat.Service.Send].
func (c *Core) Send(ctx context.Context, conversationID, text string) (chat.SendResult, error) {
	return c.chat.Send(ctx, conversationID, text)
}

// Retry answers the last user message again; see [chat.Service.Retry].
func (c *Core) Retry(ctx context.Context, conversationID string) (store.Message, error) {
	return c.chat.Retry(ctx, conversationID)
}

// Cancel stops an answer, keeping its text; see [chat.Service.Cancel].
func (c *Core) Cancel(messageID string) bool { return c.chat.Cancel(messageID) }
