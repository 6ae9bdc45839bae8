package core

import (
	"context"
	"slices"

	"parley/backend/chat"
	"parley/backend/store"
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
// when it opens). Only those messages' text is read; a live answer comes as
// [Core.Messages] gives it.
func (c *Core) MessagePage(ctx context.Context, conversationID string, from, count int) (MessagePage, error) {
	b, err := c.branch(ctx, conversationID)
	if err != nil {
		return MessagePage{}, err
	}
	if from < 0 {
		from = len(b.path) - count
	}
	return c.page(ctx, b, from, count)
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
	b, err := c.branch(ctx, m.ConversationID)
	if err != nil {
		return MessagePage{}, err
	}
	at := b.index(messageID)
	if at < 0 {
		if err := c.ShowAlternative(ctx, messageID); err != nil {
			return MessagePage{}, err
		}
		if b, err = c.branch(ctx, m.ConversationID); err != nil {
			return MessagePage{}, err
		}
		at = max(0, b.index(messageID))
	}
	return c.page(ctx, b, at-count/2, count)
}

// outlined is the branch a conversation shows, without the messages' text.
type outlined struct {
	conversationID string
	live           map[string]chat.Stream
	path           []store.OutlineEntry
	// byParent lists every message's id under its parent's, in seq order:
	// a message's alternatives are its parent's children.
	byParent map[string][]string
}

func (b outlined) index(id string) int {
	return slices.IndexFunc(b.path, func(e store.OutlineEntry) bool { return e.ID == id })
}

func (c *Core) branch(ctx context.Context, conversationID string) (outlined, error) {
	live := c.chat.Streams(conversationID) // first, as in [Core.Messages]
	all, err := c.store.Outline(ctx, conversationID)
	if err != nil {
		return outlined{}, err
	}
	head, err := c.store.Head(ctx, conversationID)
	if err != nil {
		return outlined{}, err
	}
	return outlined{conversationID, live, pathTo(all, head), childrenOf(all)}, nil
}

// pathTo is the branch from the first message to the one with id, as
// [store.PathTo] finds it, on the outline's small entries.
func pathTo(all []store.OutlineEntry, id string) []store.OutlineEntry {
	at := make(map[string]int, len(all))
	for i, e := range all {
		at[e.ID] = i
	}
	var rev []int
	for i, ok := at[id]; ok && len(rev) <= len(all); i, ok = at[all[i].ParentID] {
		rev = append(rev, i)
	}
	out := make([]store.OutlineEntry, len(rev))
	for k, i := range rev {
		out[len(rev)-1-k] = all[i]
	}
	return out
}

func childrenOf(all []store.OutlineEntry) map[string][]string {
	out := make(map[string][]string, len(all))
	for _, e := range all { // all is in seq order
		out[e.ParentID] = append(out[e.ParentID], e.ID)
	}
	return out
}

// page reads the text of the messages from from to from+count of b.
func (c *Core) page(ctx context.Context, b outlined, from, count int) (MessagePage, error) {
	from = max(0, min(from, len(b.path)-count))
	run := b.path[from:min(len(b.path), from+max(count, 0))]
	p := MessagePage{Messages: []MessageView{}, From: from, Total: len(b.path)}
	if len(run) == 0 {
		return p, nil
	}
	rows, err := c.store.MessagesBetween(ctx, b.conversationID, run[0].Seq, run[len(run)-1].Seq)
	if err != nil {
		return MessagePage{}, err
	}
	byID := make(map[string]store.Message, len(rows))
	for _, m := range rows {
		byID[m.ID] = m
	}
	for _, o := range run {
		m, ok := byID[o.ID]
		if !ok {
			continue // deleted in between
		}
		v := view(m, b.byParent[m.ParentID])
		if st, ok := b.live[m.ID]; ok && m.Status == store.StatusStreaming {
			v.Content, v.Reasoning, v.LastSeq = st.Content, st.Reasoning, st.LastSeq
		}
		p.Messages = append(p.Messages, v)
	}
	return p, nil
}
