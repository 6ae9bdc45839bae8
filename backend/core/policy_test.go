package core_test

import (
	"context"
	"strings"
	"testing"

	"parley/backend/core"
	"parley/backend/llm/llmtest"
	"parley/backend/problem"
	"parley/backend/store"
)

// withKey saves p and key for it, removed from the keychain when the test
// ends.
func withKey(t *testing.T, c *core.Core, p store.Profile, key string) store.Profile {
	t.Helper()
	ctx := context.Background()
	p, err := c.SaveProfile(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.DeleteKey(p.ID) })
	if _, err := c.SaveKey(ctx, p.ID, key); err != nil {
		t.Fatal(err)
	}
	return p
}

// keyKeptAt saves p with baseURL and says whether its key is still set.
func keyKeptAt(t *testing.T, c *core.Core, p store.Profile, baseURL string) bool {
	t.Helper()
	ctx := context.Background()
	p.BaseURL = baseURL
	if _, err := c.SaveProfile(ctx, p); err != nil {
		t.Fatal(err)
	}
	st, _ := c.KeyStatus(ctx, p.ID)
	return st.Set
}

func TestOneRuleSaysWhoNeedsAKey(t *testing.T) {
	for _, tc := range []struct {
		p    store.Profile
		want core.KeyNeed
	}{
		{store.Profile{Kind: "ollama", Preset: "ollama", BaseURL: "http://127.0.0.1:11434"}, core.KeyNone},
		{store.Profile{Kind: "ollama", Preset: "", BaseURL: "http://localhost:11434"}, core.KeyNone},
		// An Ollama elsewhere may sit behind a proxy that wants a key.
		{store.Profile{Kind: "ollama", Preset: "", BaseURL: "http://gpu-box:11434"}, core.KeyOptional},
		{store.Profile{Kind: "ollama", Preset: "ollama", BaseURL: "https://ollama.com"}, core.KeyOptional},
		// A Custom profile is the user's to configure, key included.
		{store.Profile{Kind: "ollama", Preset: "custom", BaseURL: "http://127.0.0.1:8080"}, core.KeyOptional},
		{store.Profile{Kind: "openai", Preset: "ollama-openai", BaseURL: "http://127.0.0.1:11434/v1"}, core.KeyNone},
		{store.Profile{Kind: "openai", Preset: "openai", BaseURL: "https://api.openai.com/v1"}, core.KeyRequired},
		{store.Profile{Kind: "openai", Preset: "openai", BaseURL: "http://localhost:8080/v1"}, core.KeyOptional},
		{store.Profile{Kind: "openai", Preset: "custom", BaseURL: "https://relay.example/v1"}, core.KeyOptional},
		{store.Profile{Kind: "openai", Preset: "custom", BaseURL: "http://[::1]:9/v1"}, core.KeyOptional},
	} {
		if got := core.NeedsKey(tc.p); got != tc.want {
			t.Errorf("NeedsKey(%s %s %s) = %s, want %s", tc.p.Kind, tc.p.Preset, tc.p.BaseURL, got, tc.want)
		}
	}
}

func TestSameOriginComparesSchemeHostAndPort(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"https://api.example.com/v1", "HTTPS://API.Example.com/v2/", true},
		{"https://api.example.com/v1", "https://api.example.com:443/v1", true},
		{"https://api.example.com/v1", "http://api.example.com/v1", false},
		{"https://api.example.com/v1", "https://api.example.com:8443/v1", false},
		{"https://api.example.com/v1", "https://evil.example/v1", false},
		{"", "", false},
	} {
		if got := core.SameOrigin(tc.a, tc.b); got != tc.want {
			t.Errorf("SameOrigin(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

// https → http is another origin: the key must not follow.
func TestKeyIsForgottenWhenTheSchemeChanges(t *testing.T) {
	ctx := context.Background()
	c := open(t)
	p := withKey(t, c, store.Profile{Name: "R", Kind: "openai", Preset: "custom", BaseURL: "https://relay.example/v1", Model: "m"}, "sk-relay-key-000000001234")
	if !c.WouldForgetKey(ctx, p.ID, "http://relay.example/v1") || c.WouldForgetKey(ctx, p.ID, "https://RELAY.example/v2") {
		t.Error("WouldForgetKey disagrees with the origin rule")
	}
	if keyKeptAt(t, c, p, "http://relay.example/v1") {
		t.Error("the key followed the profile from https to http")
	}
}

func TestEndpointRefusesAQueryString(t *testing.T) {
	c := open(t)
	if got := c.Endpoint("openai", "https://api.example.com/v1?key=abc", "m"); got != "" {
		t.Errorf("endpoint = %q, want none while the base URL has a query", got)
	}
	if got := c.Endpoint("openai", "https://api.example.com/v1", "m"); got != "https://api.example.com/v1/chat/completions" {
		t.Errorf("endpoint = %q", got)
	}
}

// A new profile has no key yet: the model list says so instead of claiming
// a key was rejected.
func TestModelsWithoutAKeySaysNoKeyYet(t *testing.T) {
	c := open(t)
	srv := llmtest.Serve(t)
	srv.RequireKey("sk-only-this-one-000000")
	list, err := c.Models(context.Background(), store.Profile{Kind: "openai", Preset: "custom", BaseURL: srv.URL + "/v1"})
	if err != nil {
		t.Fatal(err)
	}
	if list.Problem == nil || list.Problem.Kind != problem.KindNoKey || list.Problem.Title != "no key is set yet" {
		t.Errorf("problem = %+v", list.Problem)
	}
}

func TestDeleteProfileTakesConversationsAndKey(t *testing.T) {
	ctx := context.Background()
	c := open(t)
	p := withKey(t, c, store.Profile{Name: "Gone", Kind: "openai", Preset: "openai", BaseURL: "https://api.openai.com/v1", Model: "m"}, "sk-to-be-deleted-0000000001")
	conv, _ := c.NewConversation(ctx, p.ID)
	if err := c.DeleteProfile(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if ps, _ := c.Profiles(ctx); len(ps) != 0 {
		t.Errorf("profiles left: %+v", ps)
	}
	if st, _ := c.KeyStatus(ctx, p.ID); st.Set {
		t.Error("the key survived its profile")
	}
	if msgs, _ := c.Conversations(ctx, p.ID); len(msgs) != 0 {
		t.Errorf("conversations left: %+v (%s)", msgs, conv.ID)
	}
}

// A key goes only where it was entered: moving the base URL to another host
// forgets it, a change of path on the same host keeps it.
func TestKeyStaysWithItsHost(t *testing.T) {
	c := open(t)
	p := withKey(t, c, store.Profile{Name: "Relay", Kind: "openai", Preset: "chatanywhere", BaseURL: "https://api.chatanywhere.tech/v1", Model: "gpt-4o-mini"}, "sk-relay-key-000000001234")
	p.Model = "gpt-4o"
	if !keyKeptAt(t, c, p, "https://api.chatanywhere.tech/v1/") {
		t.Fatal("the key was dropped although the host did not change")
	}
	if keyKeptAt(t, c, p, "https://evil.example/v1") {
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
	srv := llmtest.Serve(t)
	p := withKey(t, c, store.Profile{Name: "P", Kind: "openai", BaseURL: "https://api.openai.com/v1", Model: "m"}, "sk-secret-0000000000000000")
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
