package core

import (
	"context"
	"os"
	"slices"
	"strings"

	"parley/backend/doctor"
	"parley/backend/problem"
	"parley/backend/providers"
)

// Explanations are the words of every catalogue in every language Parley
// speaks: problems, advice on base URLs and keys, the doctor's findings,
// so the window says each in the language it shows (App.ProblemWords).
func Explanations() []problem.Explanation {
	return slices.Concat(problem.Explanations(), providers.Words.Explanations(), doctor.Words.Explanations())
}

// SettingLanguage is the UI language the user chose ("en", "zh-CN"); empty
// means "follow the system".
var SettingLanguage = Setting[string]{Key: "ui.language"}

// Languages is what the window needs to pick its language: the user's
// choice, if any, and the system's locale to follow otherwise.
type Languages struct {
	// Chosen is the language the user picked; empty to follow the system.
	Chosen string `json:"chosen"`
	// System is the operating system's locale as a BCP 47 tag ("zh-CN"),
	// empty when the environment names none.
	System string `json:"system"`
}

// Language returns the user's choice of UI language and the system's.
func (c *Core) Language(ctx context.Context) (Languages, error) {
	chosen, err := SettingLanguage.Get(ctx, c.store)
	return Languages{Chosen: chosen, System: SystemLocale(os.Getenv)}, err
}

// SetLanguage stores the user's choice of UI language; empty follows the
// system again.
func (c *Core) SetLanguage(ctx context.Context, tag string) error {
	return SettingLanguage.Set(ctx, c.store, strings.TrimSpace(tag))
}

// SystemLocale reads the locale the way POSIX programs do (LC_ALL, then
// LC_MESSAGES, then LANG) and returns it as a BCP 47 tag: "zh_CN.UTF-8"
// becomes "zh-CN". "C" and "POSIX" name no language and give "". The web
// view's navigator.language does not follow LANG under WebKitGTK, so the
// window asks Go.
func SystemLocale(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		v, _, _ = strings.Cut(v, ".")
		v, _, _ = strings.Cut(v, "@")
		if v == "C" || v == "POSIX" {
			return ""
		}
		return strings.ReplaceAll(v, "_", "-")
	}
	return ""
}

// askTitle reports whether the user wants conversations titled by their
// model, and the language the window shows, to ask in.
func (c *Core) askTitle(ctx context.Context) (string, bool) {
	on, err := SettingModelTitle.Get(ctx, c.store)
	if err != nil || !on {
		return "", false
	}
	lang, _ := SettingLanguage.Get(ctx, c.store)
	if lang == "" {
		lang = SystemLocale(os.Getenv)
	}
	return lang, true
}
