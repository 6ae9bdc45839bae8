package main

import (
	"context"
	"io"
	"testing"

	"parley/backend/core"
	"parley/backend/problem"
	"parley/backend/store"
)

func TestCmdLinePicksTheProviderWindow(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		profile string
		lock    string
		fails   bool
	}{
		{args: nil, lock: "parley-main"},
		{args: []string{"--profile", "p_1"}, profile: "p_1", lock: "parley-p_1"},
		{args: []string{"--profile=p_2"}, profile: "p_2", lock: "parley-p_2"},
		{args: []string{"-profile", "p_3", "--version"}, profile: "p_3", lock: "parley-p_3"},
		{args: []string{"--version"}, lock: "parley-main"},
		{args: []string{"--profile"}, fails: true},
		{args: []string{"--profile="}, fails: true},
	} {
		l, err := parseCmdLine(tc.args, io.Discard)
		if (err != nil) != tc.fails || (!tc.fails && (l.profileID != tc.profile || l.uniqueID() != tc.lock)) {
			t.Errorf("parseCmdLine(%q) = %+v (lock %q), %v", tc.args, l, l.uniqueID(), err)
		}
	}
}

// A provider's own window is titled with its name; a profile that is gone
// is explained instead of opening an empty window.
func TestProviderWindowTitle(t *testing.T) {
	ctx := context.Background()
	c, err := core.Open(ctx, core.Config{DataDir: t.TempDir(), KeychainService: "parley-test-window-title"})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	p, err := c.SaveProfile(ctx, store.Profile{Name: "DeepSeek", Kind: "openai", Preset: "deepseek", BaseURL: "https://api.deepseek.com/v1", Model: "deepseek-chat"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ profile, title, problem string }{
		{profile: "", title: "Parley"},
		{profile: p.ID, title: "DeepSeek"},
		{profile: "p_gone", problem: "That profile no longer exists"},
	} {
		got, err := (&App{core: c, profileID: tc.profile}).title(ctx)
		if got != tc.title || (tc.problem == "") != (err == nil) || (err != nil && problem.From(err).Title != tc.problem) {
			t.Errorf("title for %q = %q, %v", tc.profile, got, err)
		}
	}
}
