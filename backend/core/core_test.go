package core_test

import (
	"context"
	"strings"
	"testing"

	"parley/backend/llm/llmtest"
	"parley/backend/store"
)

// A key goes only where it was entered: moving the base URL to another host
// forgets it, a change of path on the same host keeps it.
func TestKeyStaysWithItsHost(t *testing.T) {
	ctx := context.Background()
	c := open(t)
	p, err := c.SaveProfile(ctx, store.Profile{Name: "Relay", Kind: "openai", Preset: "chatanywhere", BaseURL: "https://api.chatanywhere.tech/v1", Model: "gpt-4o-mini"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.DeleteKey(p.ID) })
	if _, err := c.SaveKey(ctx, p.ID, "sk-relay-key-000000001234"); err != nil {
		t.Fatal(err)
	}
	p.BaseURL = "https://api.chatanywhere.tech/v1/"
	p.Model = "gpt-4o"
	if _, err := c.SaveProfile(ctx, p); err != nil {
		t.Fatal(err)
	}
	if st, _ := c.KeyStatus(ctx, p.ID); !st.Set {
		t.Fatal("the key was dropped although the host did not change")
	}
	p.BaseURL = "https://evil.example/v1"
	if _, err := c.SaveProfile(ctx, p); err != nil {
		t.Fatal(err)
	}
	if st, _ := c.KeyStatus(ctx, p.ID); st.Set {
		t.Error("the key stayed with a profile that now points at another host")
	}
}

func TestSaveProfileExplainsWhatIsMissing(t *testing.T) {
	c := open(t)
	for _, p := range []store.Profile{
		{Name: "", Kind: "openai", BaseURL: "https://api.openai.com/v1", Model: "m"},
		{Name: "X", Kind: "openai", BaseURL: "https://api.openai.com/v1", Model: " "},
		{Name: "X", Kind: "openai", BaseURL: "api.openai.com", Model: "m"},
	} {
		if _, err := c.SaveProfile(context.Background(), p); err == nil {
			t.Errorf("%+v was saved", p)
		}
	}
	if ps, _ := c.Profiles(context.Background()); len(ps) != 0 {
		t.Errorf("%d profiles saved from bad input", len(ps))
	}
}

// Asking for models with an edited, unsaved base URL must not send the saved
// key to the new host.
func TestModelsNeverSendsTheKeyElsewhere(t *testing.T) {
	ctx := context.Background()
	c := open(t)
	srv := llmtest.Start()
	defer srv.Close()
	p, _ := c.SaveProfile(ctx, store.Profile{Name: "P", Kind: "openai", BaseURL: "https://api.openai.com/v1", Model: "m"})
	t.Cleanup(func() { c.DeleteKey(p.ID) })
	c.SaveKey(ctx, p.ID, "sk-secret-0000000000000000")
	p.BaseURL = srv.URL + "/v1"
	if _, err := c.Models(ctx, p); err != nil {
		t.Fatal(err)
	}
	for _, r := range srv.Requests() {
		if strings.Contains(r.Header.Get("Authorization"), "sk-secret") {
			t.Fatal("the saved key was sent to a host it was not saved for")
		}
	}
	if len(srv.Requests()) != 1 {
		t.Errorf("%d requests, want the one model list", len(srv.Requests()))
	}
}
