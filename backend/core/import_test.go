package core_test

import (
	"context"
	"os"
	"testing"

	"parley/backend/core"
	"parley/backend/store"
)

func TestImportMovesKeysOnlyToProfilesOnTheirHost(t *testing.T) {
	ctx := context.Background()
	c := open(t)
	data, err := os.ReadFile("../importer/testdata/chatbox-backup.json")
	if err != nil {
		t.Fatal(err)
	}
	// The user already has an OpenAI profile with a key, and an Anthropic one without.
	oa, _ := c.SaveProfile(ctx, store.Profile{Name: "OpenAI", Kind: "openai", BaseURL: "https://api.openai.com/v1", Model: "gpt-4o"})
	an, _ := c.SaveProfile(ctx, store.Profile{Name: "Claude", Kind: "anthropic", BaseURL: "https://api.anthropic.com", Model: "claude-haiku-4-5"})
	t.Cleanup(func() { c.DeleteKey(oa.ID); c.DeleteKey(an.ID) })
	if _, err := c.SaveKey(ctx, oa.ID, "sk-users-own-key-000000000001"); err != nil {
		t.Fatal(err)
	}
	sum, err := c.Import(ctx, "chatbox", data, core.ImportOptions{MoveKeys: true})
	if err != nil {
		t.Fatal(err)
	}
	// The chats go to the existing profile on the file's OpenAI host.
	if sum.ProfileID != oa.ID || sum.CreatedProfile || sum.Conversations != 3 || sum.KeysFound != 2 {
		t.Errorf("summary: %+v", sum)
	}
	moved := map[string]core.KeyMove{}
	for _, k := range sum.Keys {
		moved[k.Service] = k
	}
	if moved["claude"].ProfileID != an.ID || moved["openai"].ProfileID != "" || moved["openai"].Why == "" {
		t.Errorf("key moves: %+v", sum.Keys)
	}
	if key, _ := c.Key(oa.ID); key != "sk-users-own-key-000000000001" {
		t.Error("an imported key replaced the user's own")
	}
	if key, _ := c.Key(an.ID); key != "sk-ant-chatbox-test-0000ijkl" {
		t.Errorf("the Anthropic key was not moved")
	}
}

func TestImportIntoAChosenProfileAndAFailedOneLeavesNoProfile(t *testing.T) {
	ctx := context.Background()
	c := open(t)
	data, _ := os.ReadFile("../importer/testdata/chatgpt-conversations.json")
	if _, err := c.Import(ctx, "chatgpt", data, core.ImportOptions{ProfileID: "p_missing"}); err == nil {
		t.Error("an import into a missing profile succeeded")
	}
	if _, err := c.Import(ctx, "chatgpt", []byte(`[{"title": 5}]`), core.ImportOptions{}); err == nil {
		t.Error("a broken file was imported")
	}
	if ps, _ := c.Profiles(ctx); len(ps) != 0 {
		t.Errorf("failed imports left profiles: %+v", ps)
	}
	sum, err := c.Import(ctx, "chatgpt", data, core.ImportOptions{})
	if err != nil || !sum.CreatedProfile || sum.ProfileName != "ChatGPT (imported)" || sum.Conversations != 2 {
		t.Fatalf("import: %+v %v", sum, err)
	}
	p, _ := c.Profile(ctx, sum.ProfileID)
	if p.Model != "gpt-4o" || p.BaseURL != "https://api.openai.com/v1" {
		t.Errorf("created profile: %+v", p)
	}
}
