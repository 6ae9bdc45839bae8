package ollama_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/llmtest"
	"parley/backend/llm/ollama"
	"parley/backend/problem"
)

// TestFakeScenarios plays the built-in scenarios of llmtest through the
// adapter, as the running app would meet them.
func TestFakeScenarios(t *testing.T) {
	t.Parallel()
	fake := llmtest.Start()
	t.Cleanup(fake.Close)
	c := ollama.New(fake.URL, "", http.DefaultClient)
	for _, tt := range []struct {
		model, text, reasoning string
		check                  func(error) bool
	}{
		{model: "echo", text: "You said: hello there — streamed by llmtest."},
		{model: "reasoning", text: "The answer is 42.", reasoning: "Thinking it over."},
		{model: "cut", text: "This answer will ", check: func(err error) bool {
			var se *llm.StreamError
			return errors.As(err, &se)
		}},
		{model: "overloaded", text: "Partial answer ", check: func(err error) bool {
			var pe *llm.ProviderError
			return errors.As(err, &pe) && pe.Message == "The server is overloaded, please retry."
		}},
		{model: "html", check: func(err error) bool {
			var he *llm.HTTPError
			return errors.As(err, &he) && he.Status == 502 && he.ContentType == "text/html"
		}},
		{model: "rate-limited", check: func(err error) bool {
			var he *llm.HTTPError
			return errors.As(err, &he) && he.Status == 429 && strings.HasPrefix(he.Message, "Rate limit reached")
		}},
		{model: "overloaded-status", check: func(err error) bool {
			var he *llm.HTTPError
			return errors.As(err, &he) && he.Status == 529 && he.Message == "Overloaded"
		}},
		{model: "missing-model", check: func(err error) bool {
			name, ok := ollama.MissingModel(err)
			return ok && name == "missing-model" && problem.From(err).Kind == problem.KindModel
		}},
	} {
		t.Run(tt.model, func(t *testing.T) {
			t.Parallel()
			r := llmtest.Collect(t, c.Stream(context.Background(), llm.Request{Model: tt.model,
				Messages: []llm.Message{{Role: llm.RoleUser, Content: "hello there"}}}))
			if r.Text != tt.text || r.Reasoning != tt.reasoning {
				t.Errorf("text %q reasoning %q, want %q %q", r.Text, r.Reasoning, tt.text, tt.reasoning)
			}
			if tt.check == nil {
				if r.Err != nil || r.Finish != "stop" || r.Usage == nil || r.Usage.InputTokens != 2 {
					t.Errorf("err %v finish %q usage %+v", r.Err, r.Finish, r.Usage)
				}
			} else if !tt.check(r.Err) {
				t.Errorf("error = %#v", r.Err)
			}
		})
	}
}

func TestFakeModelsAndDetect(t *testing.T) {
	t.Parallel()
	fake := llmtest.Start()
	t.Cleanup(fake.Close)
	models, err := ollama.New(fake.URL, "", http.DefaultClient).Models(context.Background())
	if err != nil || !slices.Contains(models, "echo") || !slices.Contains(models, "reasoning") {
		t.Fatalf("Models = %v, %v", models, err)
	}
	detected, err := ollama.Detect(context.Background(), http.DefaultClient, fake.URL)
	if err != nil || !slices.Equal(detected, models) {
		t.Fatalf("Detect = %v, %v; want %v", detected, err, models)
	}
	for _, r := range fake.Requests() {
		if r.Header.Get("Authorization") != "" {
			t.Errorf("%s sent an Authorization header without a key", r.Path)
		}
	}
}

// TestConsumerMayStopEarly checks that breaking out of the loop is safe.
func TestConsumerMayStopEarly(t *testing.T) {
	t.Parallel()
	rp := llmtest.ReplayFile(t, http.StatusOK, "application/x-ndjson", "text.ndjson")
	n := 0
	for range ollama.New(rp.URL, "", rp.Client()).Stream(context.Background(), ask("hi")) {
		n++
		break
	}
	if n != 1 {
		t.Fatalf("got %d chunks before break", n)
	}
}
