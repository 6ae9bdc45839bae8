package main

import (
	"strings"
	"testing"
)

// parley-cli settings changes what the window reads, through the window's
// own checks: a value the settings page could not choose is refused.
func TestSettingsFromTheCLI(t *testing.T) {
	fake(t)
	for _, args := range [][]string{
		{"settings", "set", "ui.language", "zh-CN"},
		{"settings", "set", "appearance.theme", "light"},
		{"settings", "set", "appearance.fontSize", "16"},
	} {
		if got := cli(t, "", args...); got.code != 0 {
			t.Fatalf("%v: %+v", args, got)
		}
	}
	list := cli(t, "", "settings").stdout
	for _, want := range []string{"ui.language\tzh-CN\n", "appearance.theme\t\"light\"\n", "appearance.fontSize\t16\n", "chats.defaults\t(default)\n"} {
		if !strings.Contains(list, want) {
			t.Errorf("settings list lacks %q:\n%s", want, list)
		}
	}
	if got := cli(t, "", "settings", "set", "appearance.theme", "pink"); got.code != 1 || !strings.Contains(got.stderr, "cannot take that value") {
		t.Errorf("a theme Parley has not: %+v", got)
	}
	if got := cli(t, "", "settings", "set", "network.proxy.default", "none"); got.code != 1 {
		t.Errorf("a setting the window's page cannot change: %+v", got)
	}
	if got := cli(t, "", "settings", "rm", "appearance.theme"); got.code != 0 || !strings.Contains(cli(t, "", "settings").stdout, "appearance.theme\t(default)\n") {
		t.Errorf("rm: %+v", got)
	}
}
