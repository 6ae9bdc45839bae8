package core_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"parley/backend/core"
	"parley/backend/internal/testkit"
	"parley/backend/llm/llmtest"
	"parley/backend/store"
)

// TestWithoutAKeychain runs a child process whose session bus points
// nowhere, as on a machine without a Secret Service: a local Ollama (and a
// local server that may go without a key) still answers, without the
// keychain being asked; a profile that needs a key says the keychain is
// unavailable and why, instead of "no key".
func TestWithoutAKeychain(t *testing.T) {
	testkit.NoKeychain(t, withoutKeychain)
}

func withoutKeychain() error {
	ctx := context.Background()
	fake := llmtest.Start()
	defer fake.Close()
	rec := &endRecorder{ended: make(chan struct{}, 8), payloads: make(chan any, 4096)}
	c, err := core.Open(ctx, core.Config{DataDir: os.Getenv("PARLEY_DATA_DIR"), KeychainService: "parley-test-nobus", Emitter: rec})
	if err != nil {
		return err
	}
	defer c.Close()
	ask := func(p store.Profile) (core.MessageView, error) {
		p, err := c.SaveProfile(ctx, p)
		if err != nil {
			return core.MessageView{}, fmt.Errorf("save %s: %w", p.Name, err)
		}
		conv, err := c.NewConversation(ctx, p.ID)
		if err != nil {
			return core.MessageView{}, err
		}
		if _, err := c.Send(ctx, conv.ID, "hello there"); err != nil {
			return core.MessageView{}, fmt.Errorf("send to %s: %w", p.Name, err)
		}
		select {
		case <-rec.ended:
		case <-time.After(20 * time.Second):
			return core.MessageView{}, fmt.Errorf("%s: no terminal event", p.Name)
		}
		msgs, err := c.Messages(ctx, conv.ID)
		if err != nil {
			return core.MessageView{}, err
		}
		return msgs[len(msgs)-1], nil
	}
	for _, p := range []store.Profile{
		{Name: "Ollama", Kind: "ollama", Preset: "ollama", BaseURL: fake.URL, Model: "echo"},
		{Name: "llama.cpp", Kind: "openai", Preset: "custom", BaseURL: fake.URL + "/v1", Model: "echo"},
	} {
		m, err := ask(p)
		if err != nil {
			return err
		}
		if m.Status != store.StatusDone || !strings.Contains(m.Content, "hello there") {
			return fmt.Errorf("%s without a keychain: %s %q %w", p.Name, m.Status, m.Content, m.Problem)
		}
	}
	profiles, err := c.Profiles(ctx)
	if err != nil {
		return err
	}
	ollama := profiles[0]
	if st, err := c.KeyStatus(ctx, ollama.ID); err != nil || st.Unavailable != "" || st.Set {
		return fmt.Errorf("an Ollama profile's key status asked the keychain: %+v, %w", st, err)
	}
	for _, p := range profiles {
		if list, err := c.Models(ctx, p.Profile); err != nil || list.Source != "provider" {
			return fmt.Errorf("models of %s without a keychain: %+v, %w", p.Name, list, err)
		}
		steps, err := c.TestConnection(ctx, p.ID, nil)
		if err != nil {
			return fmt.Errorf("test connection of %s without a keychain: %w", p.Name, err)
		}
		for _, s := range steps {
			if s.Status == "failed" {
				return fmt.Errorf("test connection of %s without a keychain: %s failed: %w", p.Name, s.Name, s.Problem)
			}
		}
	}
	hosted, err := c.SaveProfile(ctx, store.Profile{Name: "OpenAI", Kind: "openai", Preset: "openai", BaseURL: "https://api.openai.com/v1", Model: "gpt-4o-mini"})
	if err != nil {
		return err
	}
	st, err := c.KeyStatus(ctx, hosted.ID)
	if err != nil || st.Set || !strings.Contains(st.Unavailable, "/nonexistent/bus") {
		return fmt.Errorf("status of a profile that needs a key = %+v, %w; want unavailable with the reason", st, err)
	}
	if err := c.DeleteProfile(ctx, ollama.ID); err != nil {
		return fmt.Errorf("removing an Ollama profile needs no keychain: %w", err)
	}
	return nil
}
