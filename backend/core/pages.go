package core

import (
	"context"
	"slices"
)

// MessagePage is a run of the branch a conversation shows, for a window
// that keeps only what is near the screen: Messages are the From-th of the
// Total messages on the branch and those after it.
type MessagePage struct {
	Messages []MessageView `json:"messages"`
	From     int           `json:"from"`
	Total    int           `json:"total"`
}

// MessagePage returns up to count messages of the branch shown, starting
// at from; a negative from means the last count (what a conversation shows
// when it opens). A live answer comes as [Core.Messages] gives it.
func (c *Core) MessagePage(ctx context.Context, conversationID string, from, count int) (MessagePage, error) {
	all, err := c.Messages(ctx, conversationID)
	if err != nil {
		return MessagePage{}, err
	}
	if from < 0 {
		from = len(all) - count
	}
	return page(all, from, count), nil
}

// MessagePageAround returns about count messages of the branch through
// messageID, with it in the middle: where a search result opens. A message
// on another branch (an earlier answer, an edited version) shows its
// branch first.
func (c *Core) MessagePageAround(ctx context.Context, messageID string, count int) (MessagePage, error) {
	m, err := c.store.Message(ctx, messageID)
	if err != nil {
		return MessagePage{}, err
	}
	all, err := c.Messages(ctx, m.ConversationID)
	if err != nil {
		return MessagePage{}, err
	}
	at := slices.IndexFunc(all, func(v MessageView) bool { return v.ID == messageID })
	if at < 0 {
		if err := c.ShowAlternative(ctx, messageID); err != nil {
			return MessagePage{}, err
		}
		if all, err = c.Messages(ctx, m.ConversationID); err != nil {
			return MessagePage{}, err
		}
		at = max(0, slices.IndexFunc(all, func(v MessageView) bool { return v.ID == messageID }))
	}
	return page(all, at-count/2, count), nil
}

func page(all []MessageView, from, count int) MessagePage {
	from = max(0, min(from, len(all)-count))
	end := min(len(all), from+max(count, 0))
	return MessagePage{Messages: slices.Clone(all[from:end]), From: from, Total: len(all)}
}
