package core_test

import (
	"context"
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
	cfg := config(t)
	streaming, watching := openCore(t, cfg), openCore(t, cfg)
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
	eventually(func() bool {
		msgs, err := watching.Messages(ctx, conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := msgs[len(msgs)-1]
		if got.Status == store.StatusStreaming {
			return false
		}
		if got.Status != store.StatusStopped {
			t.Errorf("the answer ended %q, want stopped", got.Status)
		}
		return true
	})
	if watching.Stop(ctx, sent.Assistant.ID) {
		t.Error("Stop of an answer that has ended says it was streaming")
	}
}

// A proxy chosen in one window carries the next request of another window
// (another process on the same database), whose watch says a setting
// changed.
func TestAProxyChosenInAnotherWindowCarriesThisWindowsRequests(t *testing.T) {
	ctx := context.Background()
	cfg := config(t)
	here, there := openCore(t, cfg), openCore(t, cfg)
	fake := llmtest.Serve(t)
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
