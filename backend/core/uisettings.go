package core

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"parley/backend/problem"
)

// The window's own settings (the language has its own methods, language.go), each stored as JSON under its key. Only these
// keys can be read and written from the window ([Core.UISetting]), so a
// script in the page can change how Parley looks, never where it sends
// requests (the proxy has its own checked methods).
var (
	// SettingTheme is "system" (follow prefers-color-scheme), "light" or "dark".
	SettingTheme = Setting[string]{Key: "appearance.theme", Default: "system"}
	// SettingFontSize is the text size in CSS pixels.
	SettingFontSize = Setting[int]{Key: "appearance.fontSize", Default: 14}
	// SettingChatDefaults are the parameters a new conversation starts with.
	SettingChatDefaults = Setting[ChatSettings]{Key: "chats.defaults"}
	// SettingModelTitle has the model title each conversation after its
	// first answer, in place of the first line of the question.
	SettingModelTitle = Setting[bool]{Key: "chats.modelTitle"}
)

// uiSettings checks each window setting's value, given as JSON.
var uiSettings = map[string]func(raw []byte) bool{
	SettingTheme.Key: oneOf("system", "light", "dark"),
	SettingFontSize.Key: func(raw []byte) bool {
		var n int
		return json.Unmarshal(raw, &n) == nil && n >= 11 && n <= 24
	},
	SettingChatDefaults.Key: func(raw []byte) bool {
		var cs ChatSettings
		return json.Unmarshal(raw, &cs) == nil
	},
	SettingModelTitle.Key: func(raw []byte) bool {
		var on bool
		return json.Unmarshal(raw, &on) == nil
	},
}

func oneOf(values ...string) func([]byte) bool {
	return func(raw []byte) bool {
		var s string
		return json.Unmarshal(raw, &s) == nil && slices.Contains(values, s)
	}
}

// UISetting returns the JSON value of one of the window's settings
// (appearance.theme, appearance.fontSize, chats.defaults, chats.modelTitle), or ""
// when it was never set and its default applies.
func (c *Core) UISetting(ctx context.Context, key string) (string, error) {
	if uiSettings[key] == nil {
		return "", unknownSetting(key)
	}
	v, _, err := c.store.Setting(ctx, key)
	return v, err
}

// SetUISetting stores one of the window's settings, its value as JSON;
// "" removes it, so its default applies again.
func (c *Core) SetUISetting(ctx context.Context, key, value string) error {
	valid := uiSettings[key]
	if valid == nil {
		return unknownSetting(key)
	}
	if value == "" {
		return c.store.DeleteSetting(ctx, key)
	}
	if !valid([]byte(value)) {
		return problem.New(problem.KindInvalidInput, "This setting cannot take that value",
			fmt.Sprintf("%s cannot be %s.", key, value), "Pick one of the choices offered.")
	}
	return c.store.SetSetting(ctx, key, value)
}

func unknownSetting(key string) error {
	return problem.New(problem.KindInvalidInput, "There is no such setting",
		fmt.Sprintf("%q is not a setting the window can change.", key), "Update Parley; the window and its core disagree.")
}

// ReorderProfiles stores the order of the providers, first to last.
func (c *Core) ReorderProfiles(ctx context.Context, ids []string) error {
	return c.store.ReorderProfiles(ctx, ids)
}

// UISettingKeys are the keys [Core.UISetting] takes, in order.
func UISettingKeys() []string {
	return slices.Sorted(maps.Keys(uiSettings))
}
