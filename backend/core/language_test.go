package core_test

import (
	"context"
	"testing"

	"parley/backend/core"
)

func TestSystemLocale(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "zh_CN.UTF-8"}, "zh-CN"},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"}, "zh-TW"},
		{map[string]string{"LANG": "zh_CN.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en-GB"},
		{map[string]string{"LANG": "de_DE@euro"}, "de-DE"},
		{map[string]string{"LANG": "C.UTF-8"}, ""},
		{map[string]string{"LC_ALL": "POSIX", "LANG": "zh_CN.UTF-8"}, ""},
		{map[string]string{}, ""},
	}
	for _, tt := range tests {
		if got := core.SystemLocale(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("%v: got %q, want %q", tt.env, got, tt.want)
		}
	}
}

// The user's choice of language survives a restart, and choosing nothing
// follows the system again.
func TestLanguageChoiceIsKept(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	t.Setenv("LANG", "zh_CN.UTF-8")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	openAt := func() *core.Core {
		c, err := core.Open(ctx, core.Config{DataDir: dir, KeychainService: "parley-test-language"})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c := openAt()
	if l, err := c.Language(ctx); err != nil || l.Chosen != "" || l.System != "zh-CN" {
		t.Fatalf("fresh: %+v %v", l, err)
	}
	if err := c.SetLanguage(ctx, "en"); err != nil {
		t.Fatal(err)
	}
	c.Close()
	c = openAt()
	defer c.Close()
	if l, _ := c.Language(ctx); l.Chosen != "en" {
		t.Fatalf("after restart: %+v", l)
	}
}
