package core_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"parley/backend/core"
	"parley/backend/llm/llmtest"
	"parley/backend/store"
)

// A conversation's own model and parameters reach each provider in its own
// wire names, and only when set.
func TestChatSettingsReachEveryProvider(t *testing.T) {
	ctx := context.Background()
	r := newRig(t, 4)
	c, ev, srv := r.c, r.ev, r.srv
	temp, topP, budget, system := 0.3, 0.9, 2048, "Be brief."
	cs := core.ChatSettings{Model: "echo", SystemPrompt: &system, Temperature: &temp, TopP: &topP, MaxTokens: 123,
		ReasoningEffort: "high", ThinkingBudget: &budget}
	for _, tc := range []struct {
		kind, base string
		want       map[string]any // dotted path → value in the request body
	}{
		{"openai", "/v1", map[string]any{"model": "echo", "temperature": 0.3, "top_p": 0.9, "max_tokens": 123.0, "reasoning_effort": "high", "messages.0.content": system}},
		{"anthropic", "", map[string]any{"model": "echo", "top_p": 0.9, "thinking.budget_tokens": 2048.0, "thinking.type": "enabled", "system": system}},
		{"gemini", "", map[string]any{"generationConfig.topP": 0.9, "generationConfig.maxOutputTokens": 123.0, "generationConfig.thinkingConfig.thinkingBudget": 2048.0}},
		{"dashscope", "", map[string]any{"model": "echo", "parameters.top_p": 0.9, "parameters.enable_thinking": true, "parameters.thinking_budget": 2048.0}},
		{"ollama", "", map[string]any{"model": "echo", "options.top_p": 0.9, "options.num_predict": 123.0}},
	} {
		p, err := c.SaveProfile(ctx, store.Profile{Name: tc.kind, Kind: tc.kind, Preset: "custom", BaseURL: srv.URL + tc.base, Model: "profile-default"})
		if err != nil {
			t.Fatal(err)
		}
		conv, _ := c.NewConversation(ctx, p.ID)
		if err := c.SaveChatSettings(ctx, conv.ID, cs); err != nil {
			t.Fatal(err)
		}
		res := send(t, c, conv.ID, "hi")
		if got := <-ev; got != string(store.StatusDone) {
			t.Fatalf("%s: turn ended %s", tc.kind, got)
		}
		if res.Assistant.Model != "echo" {
			t.Errorf("%s: the answer names model %q, want the conversation's", tc.kind, res.Assistant.Model)
		}
		reqs := srv.Requests()
		var body map[string]any
		json.Unmarshal([]byte(reqs[len(reqs)-1].Body), &body)
		for path, want := range tc.want {
			if got := dig(body, path); got != want {
				t.Errorf("%s: %s = %v, want %v (body %s)", tc.kind, path, got, want, reqs[len(reqs)-1].Body)
			}
		}
	}

	// Another conversation of the same profile keeps the profile's model and sends no parameter.
	ps, _ := c.Profiles(ctx)
	conv, _ := c.NewConversation(ctx, ps[0].ID)
	c.Send(ctx, conv.ID, "hi")
	<-ev
	reqs := srv.Requests()
	var body map[string]any
	json.Unmarshal([]byte(reqs[len(reqs)-1].Body), &body)
	for _, k := range []string{"temperature", "top_p", "max_tokens", "reasoning_effort"} {
		if _, ok := body[k]; ok {
			t.Errorf("%s was sent though not set: %s", k, reqs[len(reqs)-1].Body)
		}
	}
	if body["model"] != "profile-default" {
		t.Errorf("model = %v, want the profile's", body["model"])
	}
}

func dig(v any, path string) any {
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			var i int
			fmt.Sscan(k, &i)
			if i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// A model's context size from its provider's model list sets the
// conversation's budget once the list has been fetched; before, the table
// of common models (here: none, so 8k) does.
func TestContextBudgetFromTheModelList(t *testing.T) {
	ctx := context.Background()
	cfg := emitting(t, make(ended, 1))
	c := openCore(t, cfg)
	rp := llmtest.ReplayBody(t, http.StatusOK, "application/json", []byte(`{"data":[{"id":"tiny-model","context_length":1000}]}`))
	p, err := c.SaveProfile(ctx, store.Profile{Name: "relay", Kind: "openai", Preset: "custom", BaseURL: rp.URL + "/v1", Model: "tiny-model"})
	if err != nil {
		t.Fatal(err)
	}
	conv, _ := c.NewConversation(ctx, p.ID)
	before, err := c.ChatContext(ctx, conv.ID)
	if err != nil || before.Budget != 8192-2048 {
		t.Fatalf("budget before the model list = %d (%v), want the unknown model's 6144", before.Budget, err)
	}
	if list, err := c.Models(ctx, p); err != nil || list.Source != "provider" {
		t.Fatalf("models = %+v, %v", list, err)
	}
	after, _ := c.ChatContext(ctx, conv.ID)
	if after.Budget != 750 {
		t.Errorf("budget after the model list = %d, want 1000 less a quarter for the answer", after.Budget)
	}
}
