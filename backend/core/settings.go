package core

import (
	"context"
	"encoding/json"

	"parley/backend/store"
)

// Setting is a typed view of one key of the settings store: its value is
// kept as JSON, and a missing or unreadable value reads as Default.
type Setting[T any] struct {
	Key     string
	Default T
}

// Get reads the setting.
func (s Setting[T]) Get(ctx context.Context, st *store.Store) (T, error) {
	raw, ok, err := st.Setting(ctx, s.Key)
	if err != nil || !ok {
		return s.Default, err
	}
	v := s.Default
	if json.Unmarshal([]byte(raw), &v) != nil {
		return s.Default, nil
	}
	return v, nil
}

// Set stores the setting.
func (s Setting[T]) Set(ctx context.Context, st *store.Store, v T) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return st.SetSetting(ctx, s.Key, string(raw))
}

// Place is where the window was: a provider and a conversation of it ("" for
// a conversation not started yet).
type Place struct {
	ProfileID      string `json:"profileId"`
	ConversationID string `json:"conversationId"`
}

// SettingLastPlace is the provider and conversation the user had open last, which
// Parley opens on start.
var SettingLastPlace = Setting[Place]{Key: "window.lastPlace"}

// LastPlace returns where the window was, as far as it still exists.
func (c *Core) LastPlace(ctx context.Context) (Place, error) {
	p, err := SettingLastPlace.Get(ctx, c.store)
	if err != nil || p.ProfileID == "" {
		return Place{}, err
	}
	if _, err := c.store.Profile(ctx, p.ProfileID); err != nil {
		return Place{}, nil
	}
	if conv, err := c.store.Conversation(ctx, p.ConversationID); err != nil || conv.ProfileID != p.ProfileID {
		p.ConversationID = ""
	}
	return p, nil
}

// SetLastPlace records where the window is.
func (c *Core) SetLastPlace(ctx context.Context, p Place) error {
	return SettingLastPlace.Set(ctx, c.store, p)
}

// Draft is the unsent text of a conversation (or, by profile id, of the
// conversation not started yet).
func (c *Core) Draft(ctx context.Context, owner string) (string, error) {
	return c.store.Draft(ctx, owner)
}

// SaveDraft stores unsent text; empty removes it.
func (c *Core) SaveDraft(ctx context.Context, owner, text string) error {
	return c.store.SaveDraft(ctx, owner, text)
}
