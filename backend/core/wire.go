package core

import (
	"parley/backend/chat"
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
	return MessageView{Message: m}, err
}

// ExchangeOf is [ViewOf] for a user's message and its answer.
func ExchangeOf(r chat.SendResult, err error) (Exchange, error) {
	return Exchange{User: MessageView{Message: r.User}, Assistant: MessageView{Message: r.Assistant}}, err
}
