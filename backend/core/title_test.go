package core_test

import (
	"context"
	"strings"
	"testing"

	"parley/backend/core"
	"parley/backend/store"
)

// The window's switch and language reach the chat service: with the switch
// on, the title is asked in the UI language and set, and closing (as the
// CLI does right after the answer) waits for it.
func TestModelTitleFollowsTheSettingAndLanguage(t *testing.T) {
	ctx := context.Background()
	r := newRig(t, 4)
	c, ev, srv := r.c, r.ev, r.srv
	if err := c.SetUISetting(ctx, core.SettingModelTitle.Key, `"yes"`); err == nil {
		t.Fatal("the switch took a value that is not true or false")
	}
	if err := c.SetUISetting(ctx, core.SettingModelTitle.Key, "true"); err != nil {
		t.Fatal(err)
	}
	if err := c.SetLanguage(ctx, "zh-CN"); err != nil {
		t.Fatal(err)
	}
	p, err := c.SaveProfile(ctx, store.Profile{Name: "Local", Kind: "ollama", Preset: "ollama", BaseURL: srv.URL, Model: "titled"})
	if err != nil {
		t.Fatal(err)
	}
	conv, _ := c.NewConversation(ctx, p.ID)
	send(t, c, conv.ID, "怎么泡绿茶？")
	if got := <-ev; got != "done" {
		t.Fatalf("the answer ended %s", got)
	}
	c.Close()
	c = openCore(t, core.Config{DataDir: r.cfg.DataDir, KeychainService: r.cfg.KeychainService})
	got, err := c.Conversation(ctx, conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Green Tea Brewing Basics" {
		t.Fatalf("title = %q, want the model's", got.Title)
	}
	reqs := srv.Requests()
	if len(reqs) == 0 || !strings.Contains(reqs[len(reqs)-1].Body, "不超过 12 个汉字") {
		t.Fatalf("the title was not asked in Chinese: %v", reqs)
	}
}
