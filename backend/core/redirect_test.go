package core_test

import (
	"net"
	"strings"
	"testing"

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
	fake := llmtest.Serve(t)
	fake.RequireKey(leakKey)
	for model, sc := range modes {
		fake.Handle(model, sc)
	}
	r := openLeakRig(t)
	bases := map[string]string{"openai": fake.URL + "/v1", "anthropic": fake.URL, "ollama": fake.URL, "gemini": fake.URL, "dashscope": fake.URL}
	for kind, base := range bases {
		for model := range modes {
			t.Run(kind+"/"+model, func(t *testing.T) {
				sent, msgs := r.turn(t, kind, base, model, "a secret conversation")
				m := msgs[len(msgs)-1]
				if m.ID != sent.Assistant.ID {
					t.Fatalf("the last message is %s, want the answer %s", m.ID, sent.Assistant.ID)
				}
				pr := m.Problem
				if m.Status != store.StatusError || pr == nil || pr.Kind != problem.KindRedirect ||
					!strings.Contains(pr.Detail, fake.URL) || !strings.Contains(pr.Fix, "base URL") {
					t.Fatalf("stored %s with problem %v, want the redirect explained", m.Status, m.Problem)
				}
			})
		}
	}
	for _, r := range away.Received() {
		t.Errorf("a request reached the other origin (%s): %v", r.Path, llmtest.Leaks(r, leakKey))
	}
	r.assertClean(t)
}
