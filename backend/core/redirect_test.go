package core_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"parley/backend/core"
	"parley/backend/llm/llmtest"
	"parley/backend/problem"
	"parley/backend/store"
)

// TestRedirectsElsewhereCarryNothing runs turns, for every protocol,
// against a server that redirects to another origin in every hostile way:
// 301/302/307/308 to another host, to a refused port with the key in the
// query, with the key as user info. The other server receives nothing; the
// user sees a problem naming both URLs; the key (or 8 of its characters)
// is in no event, stored row or file of the data folder (database, log).
func TestRedirectsElsewhereCarryNothing(t *testing.T) {
	away := llmtest.StartElsewhere()
	t.Cleanup(away.Close)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := ln.Addr().String()
	ln.Close()
	other := strings.Replace(away.URL, "127.0.0.1", "localhost", 1)
	modes := map[string]llmtest.Scenario{
		"r301":     {Redirect: other + "/v1/chat/completions", RedirectStatus: 301},
		"r302":     {Redirect: other + "/v1/messages", RedirectStatus: 302},
		"r307":     {Redirect: away.URL + "/api/chat", RedirectStatus: 307},
		"r308":     {Redirect: away.URL + "/v1beta/models/m:streamGenerateContent?alt=sse", RedirectStatus: 308},
		"rquery":   {Redirect: "http://" + refused + "/v1/chat?key=" + leakKey + "&part=" + leakKey[5:20]},
		"ruserinf": {Redirect: "http://apikey:" + leakKey + "@" + strings.TrimPrefix(away.URL, "http://") + "/v1", RedirectStatus: 302},
	}
	fake := llmtest.Start()
	t.Cleanup(fake.Close)
	fake.RequireKey(leakKey)
	for model, sc := range modes {
		fake.Handle(model, sc)
	}
	dir := t.TempDir()
	rec := &endRecorder{ended: make(chan struct{}, 64), payloads: make(chan any, 4096)}
	ctx := context.Background()
	c, err := core.Open(ctx, core.Config{DataDir: dir, KeychainService: fmt.Sprintf("parley-test-redirect-%d", time.Now().UnixNano()), Emitter: rec})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	bases := map[string]string{"openai": fake.URL + "/v1", "anthropic": fake.URL, "ollama": fake.URL, "gemini": fake.URL, "dashscope": fake.URL}
	for kind, base := range bases {
		for model := range modes {
			t.Run(kind+"/"+model, func(t *testing.T) {
				p, err := c.SaveProfile(ctx, store.Profile{Name: kind, Kind: kind, Preset: "custom", BaseURL: base, Model: model})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { c.DeleteKey(p.ID) })
				if _, err := c.SaveKey(ctx, p.ID, leakKey); err != nil {
					t.Fatal(err)
				}
				conv, err := c.NewConversation(ctx, p.ID)
				if err != nil {
					t.Fatal(err)
				}
				sent, err := c.Send(ctx, conv.ID, "a secret conversation")
				if err != nil {
					t.Fatal(err)
				}
				select {
				case <-rec.ended:
				case <-time.After(20 * time.Second):
					t.Fatal("no terminal event")
				}
				msgs, err := c.Messages(ctx, conv.ID)
				if err != nil {
					t.Fatal(err)
				}
				m := msgs[len(msgs)-1]
				if m.ID != sent.Assistant.ID {
					t.Fatalf("the last message is %s, want the answer %s", m.ID, sent.Assistant.ID)
				}
				var pr problem.Problem
				if m.Status != store.StatusError || json.Unmarshal([]byte(m.Problem), &pr) != nil || pr.Kind != problem.KindRedirect ||
					!strings.Contains(pr.Detail, fake.URL) || !strings.Contains(pr.Fix, "base URL") {
					t.Fatalf("stored %s with problem %s, want the redirect explained", m.Status, m.Problem)
				}
				b, _ := json.Marshal(msgs)
				assertNoLeak(t, "stored messages", string(b))
			})
		}
	}
	for _, r := range away.Received() {
		t.Errorf("a request reached the other origin (%s): %v", r.Path, llmtest.Leaks(r, leakKey))
	}
	for len(rec.payloads) > 0 {
		b, _ := json.Marshal(<-rec.payloads)
		assertNoLeak(t, "an event to the UI", string(b))
	}
	c.Close()
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			raw, _ := os.ReadFile(path)
			assertNoLeak(t, path, string(raw))
		}
		return nil
	})
}
