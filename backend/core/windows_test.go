package core_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"parley/backend/core"
	"parley/backend/llm/llmtest"
	"parley/backend/store"
)

// Stop pressed in one window ends an answer streaming in another window
// (another process on the same database), keeping what arrived.
func TestStopReachesAnotherWindowsStream(t *testing.T) {
	ctx := context.Background()
	_, h := llmtest.Handler()
	fake := httptest.NewServer(h)
	defer fake.Close()
	cfg := core.Config{DataDir: t.TempDir(), KeychainService: fmt.Sprintf("parley-test-windows-%d", time.Now().UnixNano())}
	streaming, err := core.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer streaming.Close()
	watching, err := core.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer watching.Close()
	streaming.Watch(10*time.Millisecond, func(store.Changes) {})

	p, err := streaming.SaveProfile(ctx, store.Profile{Name: "Fake", Kind: "openai", Preset: "custom", BaseURL: fake.URL + "/v1", Model: "slow"})
	if err != nil {
		t.Fatal(err)
	}
	conv, _ := streaming.NewConversation(ctx, p.ID)
	sent, err := streaming.Send(ctx, conv.ID, "tell me a long story")
	if err != nil {
		t.Fatal(err)
	}
	if !watching.Stop(ctx, sent.Assistant.ID) {
		t.Fatal("Stop in the other window says the answer is not streaming")
	}
	for {
		msgs, err := watching.Messages(ctx, conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := msgs[len(msgs)-1]; got.Status != store.StatusStreaming {
			if got.Status != store.StatusStopped {
				t.Errorf("the answer ended %q, want stopped", got.Status)
			}
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if watching.Stop(ctx, sent.Assistant.ID) {
		t.Error("Stop of an answer that has ended says it was streaming")
	}
}

// A proxy chosen in one window carries the next request of another window
// (another process on the same database), whose watch says a setting
// changed.
func TestAProxyChosenInAnotherWindowCarriesThisWindowsRequests(t *testing.T) {
	ctx := context.Background()
	dir, service := t.TempDir(), fmt.Sprintf("parley-test-windows-proxy-%d", time.Now().UnixNano())
	here, there := openIn(t, dir, service), openIn(t, dir, service)
	defer here.Close()
	defer there.Close()
	fake := llmtest.Start()
	defer fake.Close()
	proxy := startProxy(t, fake.URL, "", "")
	changes := make(chan store.Changes, 16)
	here.Watch(10*time.Millisecond, func(c store.Changes) { changes <- c })

	port := strings.TrimPrefix(fake.URL, "http://127.0.0.1:")
	p, err := here.SaveProfile(ctx, store.Profile{Name: "Behind a proxy", Kind: "openai", BaseURL: "http://" + fakeHost + ":" + port + "/v1", Model: "echo"})
	if err != nil {
		t.Fatal(err)
	}
	if list, err := here.Models(ctx, p); err == nil && list.Source == "provider" {
		t.Fatalf("without a proxy %s answered: %+v", fakeHost, list)
	}
	if _, err := there.SaveProxy(ctx, core.ProxyScopeDefault, core.ProxySetting{Mode: "custom", URL: proxy.srv.URL}, "", ""); err != nil {
		t.Fatal(err)
	}
	for c := range changes {
		if c.Settings {
			break
		}
	}
	list, err := here.Models(ctx, p)
	if err != nil || list.Source != "provider" {
		t.Fatalf("models after the other window chose the proxy: %+v %v", list, err)
	}
	if got := proxy.requests(); len(got) != 1 || !strings.Contains(got[0], fakeHost) {
		t.Errorf("the proxy saw %v, want this window's model list request", got)
	}
}
