package llm_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"parley/backend/llm"
	"parley/backend/llm/anthropic"
	"parley/backend/llm/dashscope"
	"parley/backend/llm/gemini"
	"parley/backend/llm/llmtest"
	"parley/backend/llm/ollama"
	"parley/backend/llm/openai"
	"parley/backend/problem"
)

// adapters are the wire protocols under the shared suites, each as the
// suites build it: adding a provider adds one line here.
var adapters = []llmtest.Adapter{
	{Name: "openai", New: func(root, key string, c *http.Client) llm.Provider { return openai.New(root+"/v1", key, c) }, StreamType: "text/event-stream", Seeds: "*.sse"},
	{Name: "anthropic", New: func(root, key string, c *http.Client) llm.Provider { return anthropic.New(root, key, c) }, StreamType: "text/event-stream", Seeds: "*.sse"},
	{Name: "ollama", New: func(root, key string, c *http.Client) llm.Provider { return ollama.New(root, key, c) }, StreamType: "application/x-ndjson", Seeds: "*.ndjson"},
	{Name: "gemini", New: func(root, key string, c *http.Client) llm.Provider { return gemini.New(root, key, c) }, StreamType: "text/event-stream", Seeds: "*.sse"},
	{Name: "dashscope", New: func(root, key string, c *http.Client) llm.Provider { return dashscope.New(root, key, c) }, StreamType: "text/event-stream", Seeds: "*.sse"},
}

// TestConformance runs the conformance suite ([llmtest.TestProvider]) for
// every adapter.
func TestConformance(t *testing.T) {
	for _, a := range adapters {
		t.Run(a.Name, func(t *testing.T) { llmtest.TestProvider(t, a.New) })
	}
}

// FuzzStream fuzzes every adapter's stream decoder and the driver's framing
// under it, from the recorded streams in the adapters' testdata/ (make fuzz
// runs it).
func FuzzStream(f *testing.F) { llmtest.FuzzProviders(f, adapters) }

// TestErrorsExplainedAsTheUserSeesThem: an error inside a 200 stream, of
// any shape a provider or a relay writes, is explained as the same error
// given as an HTTP status would be (a rejected key, a rate limit, a quota,
// a missing model, an outage, content filtered); "the answer started" is
// said only after text; a 401 to a request without a key says none was
// sent; a local model that failed to load (a crashed runner, too little
// memory, also through Ollama's OpenAI endpoint) is not an outage to look up
// on a status page.
func TestErrorsExplainedAsTheUserSeesThem(t *testing.T) {
	const key = "sk-test-0123456789abcdef"
	tests := []struct {
		adapter, file string
		status        int
		key           string
		kind          problem.Kind
		words         problem.WordsID
	}{
		{"openai", "stream_error_invalid_api_key.sse", 200, key, problem.KindAuth, "auth"},
		{"openai", "stream_error_relay_key.sse", 200, key, problem.KindAuth, "auth"},
		{"openai", "stream_error_rate_limit.sse", 200, key, problem.KindRateLimit, "rate_limit"},
		{"openai", "stream_error_quota.sse", 200, key, problem.KindQuota, "quota"},
		{"openai", "stream_error_model_not_found.sse", 200, key, problem.KindModel, "model"},
		{"openai", "error_in_stream.sse", 200, key, problem.KindProviderError, "provider_error"},
		{"openai", "401_no_key.json", 401, "", problem.KindAuth, "auth.no_key"},
		{"openai", "401_llamacpp.json", 401, "", problem.KindAuth, "auth.no_key"},
		{"openai", "401_llamacpp.json", 401, key, problem.KindAuth, "auth"},
		{"openai", "401.json", 401, key, problem.KindAuth, "auth"},
		{"openai", "500_ollama_runner.json", 500, "", problem.KindServer, "server.model_load"},
		{"anthropic", "error_in_stream.sse", 200, key, problem.KindOverloaded, "overloaded.stream"},
		{"anthropic", "stream_error_first.sse", 200, key, problem.KindOverloaded, "overloaded"},
		{"anthropic", "stream_error_auth.sse", 200, key, problem.KindAuth, "auth"},
		{"anthropic", "stream_error_rate.sse", 200, key, problem.KindRateLimit, "rate_limit"},
		{"anthropic", "stream_error_model.sse", 200, key, problem.KindModel, "model"},
		{"anthropic", "stream_error_relay.sse", 200, key, problem.KindRateLimit, "rate_limit"},
		{"anthropic", "stream_error_string.sse", 200, key, problem.KindOverloaded, "overloaded"},
		{"anthropic", "stream_error_plain.sse", 200, key, problem.KindProviderError, "provider_error.before"},
		{"anthropic", "401.json", 401, "", problem.KindAuth, "auth.no_key"},
		{"ollama", "500_runner.json", 500, "", problem.KindServer, "server.model_load"},
		{"ollama", "500_memory.json", 500, "", problem.KindServer, "server.model_load"},
		{"ollama", "stream_error_model.ndjson", 200, "", problem.KindModel, "model.ollama"},
		{"ollama", "error_in_stream.ndjson", 200, "", problem.KindProviderError, "provider_error"},
		{"ollama", "401_unauthorized.json", 401, "", problem.KindAuth, "auth.no_key"},
		{"gemini", "stream_error_api_key.sse", 200, key, problem.KindAuth, "auth"},
		{"gemini", "stream_error_quota_day.sse", 200, key, problem.KindQuota, "quota"},
		{"gemini", "stream_error_model.sse", 200, key, problem.KindModel, "model"},
		{"gemini", "midstream_error.sse", 200, key, problem.KindOverloaded, "overloaded.stream"},
		{"dashscope", "stream_error_invalid_key.sse", 200, key, problem.KindAuth, "auth"},
		{"dashscope", "stream_error_throttling.sse", 200, key, problem.KindRateLimit, "rate_limit"},
		{"dashscope", "stream_error.sse", 200, key, problem.KindFiltered, "filtered"},
	}
	for _, tt := range tests {
		t.Run(tt.adapter+"/"+tt.file+"/"+tt.key, func(t *testing.T) {
			a := llmtest.AdapterNamed(t, adapters, tt.adapter)
			ct := "application/json"
			if tt.status == http.StatusOK {
				ct = a.StreamType
			}
			rp := llmtest.ReplayBody(t, tt.status, ct, a.Testdata(t, tt.file))
			got := llmtest.Ask(t, a.New(rp.URL, tt.key, rp.Client()), llm.Request{Model: "m", Messages: []llm.Message{{Role: llm.RoleUser, Content: "Hi"}}})
			p := problem.From(got.Err)
			if p == nil || p.Kind != tt.kind || p.WordsID != tt.words {
				t.Fatalf("problem = %+v (err %v), want kind %s words %s", p, got.Err, tt.kind, tt.words)
			}
			if p.ProviderMessage == "" {
				t.Error("the provider's message was lost")
			}
			if tt.words == "server.model_load" && p.Fix == problem.English["server"].Fix {
				t.Error("a load failure is sent to the provider's status page")
			}
		})
	}
}

// TestStopKeepsWhatArrived cancels a slow reply after its first words, as
// the Stop button does, in every protocol: the words stay, the stream ends
// at once, and the error is the cancellation, explained as such (not a
// broken stream).
func TestStopKeepsWhatArrived(t *testing.T) {
	fake := llmtest.Start()
	t.Cleanup(fake.Close)
	for _, a := range adapters {
		t.Run(a.Name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			req := llm.Request{Model: "slow", Messages: []llm.Message{{Role: llm.RoleUser, Content: "tell me"}}}
			start := time.Now()
			var text string
			var err error
			for c, e := range a.New(fake.URL, "sk-test-0123456789abcdef", &http.Client{}).Stream(ctx, req) {
				if e != nil {
					err = e
					break
				}
				text += c.Text
				if strings.Count(text, " ") >= 2 {
					cancel()
				}
			}
			if !errors.Is(err, context.Canceled) || problem.From(err).Kind != problem.KindCanceled {
				t.Fatalf("error %v, want context.Canceled explained as a stop", err)
			}
			if !strings.HasPrefix(text, "Parley keeps") || len(text) > 40 {
				t.Errorf("text %q: want the first words only", text)
			}
			if took := time.Since(start); took > 2*time.Second {
				t.Errorf("stopping took %v", took)
			}
		})
	}
}
