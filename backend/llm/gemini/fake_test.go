package gemini_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/gemini"
	"parley/backend/llm/llmtest"
)

func TestAgainstFakeServerScenarios(t *testing.T) {
	t.Parallel()
	fake := llmtest.Start()
	t.Cleanup(fake.Close)
	ok := []struct {
		model, text, reasoning string
		usage                  llm.Usage
	}{
		{"echo", "You said: hello there — streamed by llmtest.", "", llm.Usage{InputTokens: 2, OutputTokens: 5}},
		{"reasoning", "The answer is 42.", "Thinking it over.", llm.Usage{InputTokens: 2, OutputTokens: 4 + 3}},
	}
	for _, tc := range ok {
		t.Run(tc.model, func(t *testing.T) {
			t.Parallel()
			got := ask(t, http.DefaultClient, fake.URL, tc.model, "hello there")
			if got.Err != nil {
				t.Fatal(got.Err)
			}
			if got.Text != tc.text || got.Reasoning != tc.reasoning || got.Finish != "STOP" {
				t.Errorf("got %q / %q / %q", got.Text, got.Reasoning, got.Finish)
			}
			if got.Usage == nil || *got.Usage != tc.usage {
				t.Errorf("usage %+v, want %+v", got.Usage, tc.usage)
			}
		})
	}
	failing := []struct {
		model          string
		status         int
		code, typ, msg string
	}{
		{"html", 502, "", "", ""},
		{"rate-limited", 429, "GenerateRequestsPerMinutePerProjectPerModel-FreeTier", "RESOURCE_EXHAUSTED", "Rate limit reached for requests. Please try again in 20s."},
		{"no-quota", 429, "GenerateRequestsPerDayPerProjectPerModel-FreeTier", "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details."},
		{"forbidden-model", 403, "PERMISSION_DENIED", "PERMISSION_DENIED", "免费API限制模型输入token小于4096，如有更多需求，请访问 https://buyca.tech 购买付费API。free accounts may only use these models: deepseek-r1, deepseek-v3, gpt-3.5-turbo, gpt-4o-mini, gpt-4o, embeddings"},
		{"server-error", 500, "INTERNAL", "INTERNAL", "The server had an error while processing your request. Sorry about that!"},
		{"overloaded-status", 529, "UNAVAILABLE", "UNAVAILABLE", "Overloaded"},
		{"missing-model", 404, "NOT_FOUND", "NOT_FOUND", "models/missing-model is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods."},
	}
	for _, tc := range failing {
		t.Run(tc.model, func(t *testing.T) {
			t.Parallel()
			got := ask(t, http.DefaultClient, fake.URL, tc.model, "hi")
			var he *llm.HTTPError
			if !errors.As(got.Err, &he) {
				t.Fatalf("error %v, want an HTTPError", got.Err)
			}
			if he.Status != tc.status || he.Code != tc.code || he.Type != tc.typ || he.Message != tc.msg {
				t.Errorf("got status %d code %q type %q message %q", he.Status, he.Code, he.Type, he.Message)
			}
			if tc.model == "html" && he.ContentType != "text/html" {
				t.Errorf("content type %q", he.ContentType)
			}
		})
	}
	t.Run("cut", func(t *testing.T) {
		t.Parallel()
		got := ask(t, http.DefaultClient, fake.URL, "cut", "hi")
		if se := (*llm.StreamError)(nil); !errors.As(got.Err, &se) {
			t.Fatalf("error %v, want a StreamError", got.Err)
		}
		if got.Text != "This answer will " {
			t.Errorf("kept text %q", got.Text)
		}
	})
	t.Run("overloaded", func(t *testing.T) {
		t.Parallel()
		got := ask(t, http.DefaultClient, fake.URL, "overloaded", "hi")
		var pe *llm.ProviderError
		if !errors.As(got.Err, &pe) || pe.Message != "The server is overloaded, please retry." || pe.Type != "UNAVAILABLE" {
			t.Fatalf("error %v, want the provider's overloaded notice", got.Err)
		}
		if got.Text != "Partial answer " {
			t.Errorf("kept text %q", got.Text)
		}
	})
}

func TestAgainstFakeServerRejectedKey(t *testing.T) {
	t.Parallel()
	fake := llmtest.Start()
	t.Cleanup(fake.Close)
	fake.RequireKey("AIzaSy-the-right-key-000000000000000000")
	got := ask(t, http.DefaultClient, fake.URL, "echo", "hi")
	var he *llm.HTTPError
	if !errors.As(got.Err, &he) || he.Status != 400 || he.Code != "API_KEY_INVALID" || he.Message != "API key not valid. Please pass a valid API key." {
		t.Fatalf("error %v, want 400 API_KEY_INVALID", got.Err)
	}
	_, err := gemini.New(fake.URL, testKey, http.DefaultClient).Models(context.Background())
	if !errors.As(err, &he) || he.Code != "API_KEY_INVALID" {
		t.Fatalf("models error %v, want API_KEY_INVALID", err)
	}
	noKeyIn(t, err)
}

func TestAgainstFakeServerModelsFollowsPages(t *testing.T) {
	t.Parallel()
	fake := llmtest.Start()
	t.Cleanup(fake.Close)
	names, err := gemini.New(fake.URL, testKey, http.DefaultClient).Models(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"cut", "echo", "html", "overloaded-status", "rate-limited", "reasoning", "slow-first-byte"} {
		if !slices.Contains(names, want) {
			t.Errorf("models %q lack %q", names, want)
		}
	}
	if slices.Contains(names, "text-embedding-004") {
		t.Errorf("models %q include an embedding model", names)
	}
	pages := 0
	for _, r := range fake.Requests() {
		if r.Path == "/v1beta/models" {
			pages++
		}
	}
	if pages < 2 {
		t.Errorf("%d model pages fetched, want every page followed", pages)
	}
}
