package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"parley/backend/core"
)

// settings handles "settings" (list), "settings set KEY VALUE" and
// "settings rm KEY": the window's own settings, written through the same
// checks as its settings page. Every open window applies a change at once.
func settings(ctx context.Context, args []string, stdout io.Writer) error {
	sub := "list"
	if len(args) > 0 {
		sub, args = args[0], args[1:]
	}
	c, err := core.Open(ctx, config(ctx))
	if err != nil {
		return err
	}
	defer c.Close()
	switch {
	case sub == "list" && len(args) == 0:
		return listSettings(ctx, c, stdout)
	case sub == "set" && len(args) == 2:
		return setSetting(ctx, c, args[0], args[1])
	case sub == "rm" && len(args) == 1:
		return setSetting(ctx, c, args[0], "")
	}
	return usageError("settings takes list, set KEY VALUE or rm KEY")
}

func listSettings(ctx context.Context, c *core.Core, stdout io.Writer) error {
	lang, err := c.Language(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\t%s\n", core.SettingLanguage.Key, orDefault(lang.Chosen))
	for _, key := range core.UISettingKeys() {
		v, err := c.UISetting(ctx, key)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s\t%s\n", key, orDefault(v))
	}
	return nil
}

func orDefault(v string) string {
	if v == "" {
		return "(default)"
	}
	return v
}

// setSetting stores one setting; "" removes it. A value that is not JSON
// is taken as a string, so "set appearance.theme light" needs no quotes.
func setSetting(ctx context.Context, c *core.Core, key, value string) error {
	value = strings.TrimSpace(value)
	if key == core.SettingLanguage.Key {
		var tag string
		if json.Unmarshal([]byte(value), &tag) != nil {
			tag = value
		}
		return c.SetLanguage(ctx, tag)
	}
	if value != "" && !json.Valid([]byte(value)) {
		raw, _ := json.Marshal(value)
		value = string(raw)
	}
	return c.SetUISetting(ctx, key, value)
}
