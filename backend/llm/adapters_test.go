package llm_test

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
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
	fake := llmtest.Serve(t)
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

// TestAgainstFake plays the fake's built-in scenarios through every
// adapter, as the running app meets them: what arrived before an error is
// kept, a complete reply has its finish and usage, and each failure is the
// typed error carrying the provider's own words.
func TestAgainstFake(t *testing.T) {
	const goodKey = "sk-fake-0123456789abcdef"
	fake := llmtest.Serve(t)
	fake.RequireKey(goodKey)

	// What the scenarios do, the same in every protocol.
	type ending int
	const (
		complete ending = iota
		broken          // an *llm.StreamError
		inStream        // an *llm.ProviderError inside the 200 stream
		refused         // an *llm.HTTPError
	)
	scenarios := []struct {
		model, key, text, reasoning string
		end                         ending
		pieces, thoughts            int // of a complete reply: its usage counts them
	}{
		{"echo", goodKey, "You said: hello there — streamed by llmtest.", "", complete, 5, 0},
		{"reasoning", goodKey, "The answer is 42.", "Thinking it over.", complete, 4, 3},
		{"slow-first-byte", goodKey, "Worth the wait.", "", complete, 3, 0},
		{"cut", goodKey, "This answer will ", "", broken, 0, 0},
		{"overloaded", goodKey, "Partial answer ", "", inStream, 0, 0},
		{"html", goodKey, "", "", refused, 0, 0},
		{"rate-limited", goodKey, "", "", refused, 0, 0},
		{"no-quota", goodKey, "", "", refused, 0, 0},
		{"forbidden-model", goodKey, "", "", refused, 0, 0},
		{"server-error", goodKey, "", "", refused, 0, 0},
		{"overloaded-status", goodKey, "", "", refused, 0, 0},
		{"missing-model", goodKey, "", "", refused, 0, 0},
		{"echo", "sk-wrong", "", "", refused, 0, 0},
	}
	// What each protocol's server says where a scenario fails.
	type said struct {
		status         int // 0 inside a stream
		code, typ, msg string
	}
	const (
		rate    = "Rate limit reached for requests. Please try again in 20s."
		quota   = "You exceeded your current quota, please check your plan and billing details."
		relay   = "免费API限制模型输入token小于4096，如有更多需求，请访问 https://buyca.tech 购买付费API。free accounts may only use these models: deepseek-r1, deepseek-v3, gpt-3.5-turbo, gpt-4o-mini, gpt-4o, embeddings"
		server  = "The server had an error while processing your request. Sorry about that!"
		busy    = "The server is overloaded, please retry."
		gModel  = "models/missing-model is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods."
		oaModel = "The model `missing-model` does not exist or you do not have access to it."
		oaKey   = "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys."
	)
	words := map[[2]string]said{
		{"openai", "overloaded"}:           {0, "overloaded", "server_error", busy},
		{"openai", "html"}:                 {502, "", "", ""},
		{"openai", "rate-limited"}:         {429, "rate_limit_exceeded", "requests", rate},
		{"openai", "no-quota"}:             {429, "insufficient_quota", "insufficient_quota", quota},
		{"openai", "forbidden-model"}:      {403, "403 FORBIDDEN", "chatanywhere_error", relay},
		{"openai", "server-error"}:         {500, "", "server_error", server},
		{"openai", "overloaded-status"}:    {529, "overloaded", "server_error", "Overloaded"},
		{"openai", "missing-model"}:        {404, "model_not_found", "invalid_request_error", oaModel},
		{"openai", "sk-wrong"}:             {401, "invalid_api_key", "invalid_request_error", oaKey},
		{"anthropic", "overloaded"}:        {0, "", "overloaded_error", busy},
		{"anthropic", "html"}:              {502, "", "", ""},
		{"anthropic", "rate-limited"}:      {429, "", "rate_limit_error", rate},
		{"anthropic", "no-quota"}:          {429, "", "billing_error", quota},
		{"anthropic", "forbidden-model"}:   {403, "", "permission_error", relay},
		{"anthropic", "server-error"}:      {500, "", "api_error", server},
		{"anthropic", "overloaded-status"}: {529, "", "overloaded_error", "Overloaded"},
		{"anthropic", "missing-model"}:     {404, "", "not_found_error", "model: missing-model"},
		{"anthropic", "sk-wrong"}:          {401, "", "authentication_error", "invalid x-api-key"},
		{"ollama", "overloaded"}:           {0, "", "", busy},
		{"ollama", "html"}:                 {502, "", "", ""},
		{"ollama", "rate-limited"}:         {429, "", "", rate},
		{"ollama", "no-quota"}:             {429, "", "", quota},
		{"ollama", "forbidden-model"}:      {403, "", "", relay},
		{"ollama", "server-error"}:         {500, "", "", server},
		{"ollama", "overloaded-status"}:    {529, "", "", "Overloaded"},
		{"ollama", "missing-model"}:        {404, "", "", `model "missing-model" not found, try pulling it first`},
		{"ollama", "sk-wrong"}:             {401, "", "", "unauthorized"},
		{"gemini", "overloaded"}:           {0, "UNAVAILABLE", "UNAVAILABLE", busy},
		{"gemini", "html"}:                 {502, "", "", ""},
		{"gemini", "rate-limited"}:         {429, "GenerateRequestsPerMinutePerProjectPerModel-FreeTier", "RESOURCE_EXHAUSTED", rate},
		{"gemini", "no-quota"}:             {429, "GenerateRequestsPerDayPerProjectPerModel-FreeTier", "RESOURCE_EXHAUSTED", quota},
		{"gemini", "forbidden-model"}:      {403, "PERMISSION_DENIED", "PERMISSION_DENIED", relay},
		{"gemini", "server-error"}:         {500, "INTERNAL", "INTERNAL", server},
		{"gemini", "overloaded-status"}:    {529, "UNAVAILABLE", "UNAVAILABLE", "Overloaded"},
		{"gemini", "missing-model"}:        {404, "NOT_FOUND", "NOT_FOUND", gModel},
		{"gemini", "sk-wrong"}:             {400, "API_KEY_INVALID", "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key."},
		{"dashscope", "overloaded"}:        {0, "InternalError.Algo", "", busy},
		{"dashscope", "html"}:              {502, "", "", ""},
		{"dashscope", "rate-limited"}:      {429, "Throttling.RateQuota", "", rate},
		{"dashscope", "no-quota"}:          {400, "Arrearage", "", quota},
		{"dashscope", "forbidden-model"}:   {403, "AccessDenied", "", relay},
		{"dashscope", "server-error"}:      {500, "InternalError", "", server},
		{"dashscope", "overloaded-status"}: {503, "ServiceUnavailable", "", "Overloaded"},
		{"dashscope", "missing-model"}:     {404, "ModelNotFound", "", "Model not found (missing-model)!"},
		{"dashscope", "sk-wrong"}:          {401, "InvalidApiKey", "", "Invalid API-key provided."},
	}
	// A complete reply: the finish each protocol names, and the usage (the
	// thinking counted in the output where the protocol counts it so).
	finish := map[string]string{"gemini": "STOP"}
	thinkingCounted := map[string]bool{"ollama": true, "gemini": true, "dashscope": true}
	for _, a := range adapters {
		for _, sc := range scenarios {
			name := sc.model
			if sc.key != goodKey {
				name = sc.key
			}
			t.Run(a.Name+"/"+name, func(t *testing.T) {
				t.Parallel()
				req := llm.Request{Model: sc.model, System: "Be brief.", Messages: []llm.Message{{Role: llm.RoleUser, Content: "hello there"}}}
				got := llmtest.Ask(t, a.New(fake.URL, sc.key, &http.Client{}), req)
				wantFinish := ""
				if sc.end == complete {
					wantFinish = cmp.Or(finish[a.Name], "stop")
				}
				if got.Text != sc.text || got.Reasoning != sc.reasoning || got.Finish != wantFinish {
					t.Errorf("text %q reasoning %q finish %q, want %q %q %q", got.Text, got.Reasoning, got.Finish, sc.text, sc.reasoning, wantFinish)
				}
				w := words[[2]string{a.Name, name}]
				var he *llm.HTTPError
				var pe *llm.ProviderError
				switch sc.end {
				case complete:
					out := sc.pieces
					if thinkingCounted[a.Name] {
						out += sc.thoughts
					}
					if got.Err != nil || got.Usage == nil || *got.Usage != (llm.Usage{InputTokens: 2, OutputTokens: out}) {
						t.Errorf("error %v usage %+v, want a complete reply of 2 tokens in, %d out", got.Err, got.Usage, out)
					}
				case broken:
					if !errors.As(got.Err, new(*llm.StreamError)) {
						t.Errorf("error %#v, want a broken stream", got.Err)
					}
				case inStream:
					if !errors.As(got.Err, &pe) || pe.Code != w.code || pe.Type != w.typ || pe.Message != w.msg {
						t.Errorf("error %#v, want the provider's %q %q %q", got.Err, w.code, w.typ, w.msg)
					}
				case refused:
					if !errors.As(got.Err, &he) || he.Status != w.status || he.Code != w.code || he.Type != w.typ || he.Message != w.msg {
						t.Fatalf("error %#v, want HTTP %d %q %q %q", got.Err, w.status, w.code, w.typ, w.msg)
					}
					if sc.model == "html" && he.ContentType != "text/html" {
						t.Errorf("content type %q, want the page's text/html", he.ContentType)
					}
					if sc.model == "missing-model" && problem.From(got.Err).Kind != problem.KindModel {
						t.Errorf("explained as %s, want a missing model", problem.From(got.Err).Kind)
					}
				}
			})
		}
	}
}

// TestModelsFromFake: every adapter that lists models lists the fake's,
// the built-in scenarios among them, in order.
func TestModelsFromFake(t *testing.T) {
	fake := llmtest.Serve(t)
	for _, a := range adapters {
		t.Run(a.Name, func(t *testing.T) {
			lister, ok := a.New(fake.URL, "sk-test-0123456789abcdef", &http.Client{}).(llm.ModelLister)
			if !ok {
				return // the protocol has no model list to check
			}
			ids, err := lister.Models(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{"echo", "reasoning", "slow", "overloaded"} {
				if !slices.Contains(ids, name) {
					t.Errorf("models %q lack %q", ids, name)
				}
			}
			if !slices.IsSorted(ids) {
				t.Errorf("models %q are not in order", ids)
			}
		})
	}
}

// TestHTTPErrors replays every recorded refusal of every provider and
// checks the user gets the provider's own words: the status, code, type and
// message verbatim, the body as sent (masked only where it held the key),
// the media type and the exact endpoint called, once (a refusal is not
// retried), no text, and never the key.
func TestHTTPErrors(t *testing.T) {
	t.Parallel()
	keys := map[string]string{"anthropic": "sk-ant-api03-test-secret-key", "dashscope": "sk-0123456789abcdef0123456789abcdef",
		"gemini": "AIzaSyD-test0key0for0parley0tests0abcd", "openai": "sk-test-0123456789abcdef", "ollama": ""}
	tests := []struct {
		adapter, file      string
		status             int
		contentType        string
		code, typ, message string
	}{
		{"anthropic", "400_prompt_too_long.json", 400, "application/json", "", "invalid_request_error", "prompt is too long: 215321 tokens > 200000 maximum"},
		{"anthropic", "400_credit.json", 400, "application/json", "", "invalid_request_error", "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."},
		{"anthropic", "401.json", 401, "application/json", "", "authentication_error", "invalid x-api-key"},
		{"anthropic", "401_cors.json", 401, "application/json", "", "authentication_error", "CORS requests must set 'anthropic-dangerous-direct-browser-access' header"},
		{"anthropic", "402.json", 402, "application/json", "", "billing_error", "There is an issue with your billing or payment information. Please check your payment details in the Claude Console."},
		{"anthropic", "403.json", 403, "application/json", "", "permission_error", "Your API key does not have permission to use the specified resource."},
		{"anthropic", "403_region.json", 403, "application/json", "", "forbidden", "Request not allowed"},
		{"anthropic", "404_model.json", 404, "application/json", "", "not_found_error", "model: claude-sonnet-9"},
		{"anthropic", "404_path.json", 404, "application/json", "", "not_found_error", "Not Found"},
		{"anthropic", "413.json", 413, "application/json", "", "request_too_large", "Request exceeds the maximum allowed number of bytes."},
		{"anthropic", "429_rate.json", 429, "application/json", "", "rate_limit_error", "This request would exceed the rate limit for your organization (3f5c1a2e-8b7d-4c6e-9f0a-1b2c3d4e5f60) of 50,000 input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later. You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase."},
		{"anthropic", "429_spend.json", 429, "application/json", "enforced_spend_limit_reached", "rate_limit_error", "You have reached your specified API usage limits. You will regain access on 2026-08-01 at 00:00 UTC."},
		{"anthropic", "500.json", 500, "application/json", "", "api_error", "Internal server error"},
		{"anthropic", "503_proxy.txt", 503, "text/plain", "", "", ""},
		{"anthropic", "504.json", 504, "application/json", "", "timeout_error", "Request timeout"},
		{"anthropic", "529.json", 529, "application/json", "", "overloaded_error", "Overloaded"},
		{"dashscope", "error_400_invalid_parameter.json", 400, "application/json", "InvalidParameter", "", "Range of input length should be [1, 30720]"},
		{"dashscope", "error_400_model_not_exist.json", 400, "application/json", "InvalidParameter", "", "Model not exist."},
		{"dashscope", "error_400_stream_only.json", 400, "application/json", "InvalidParameter", "", "This model only support stream mode, please enable the stream parameter to access the model."},
		{"dashscope", "error_400_arrearage.json", 400, "application/json", "Arrearage", "", "Access denied, please make sure your account is in good standing."},
		{"dashscope", "error_400_data_inspection.json", 400, "application/json", "DataInspectionFailed", "", "Input data may contain inappropriate content."},
		{"dashscope", "error_400_data_inspection.sse", 400, "text/event-stream;charset=UTF-8", "DataInspectionFailed", "", "Input data may contain inappropriate content."},
		{"dashscope", "error_401_invalid_api_key.json", 401, "application/json", "InvalidApiKey", "", "Invalid API-key provided."},
		{"dashscope", "error_403_access_denied.json", 403, "application/json", "AccessDenied", "", "Access denied."},
		{"dashscope", "error_403_unpurchased.json", 403, "application/json", "AccessDenied.Unpurchased", "", "Access to model denied. Please make sure you are eligible for using the model."},
		{"dashscope", "error_403_model_access_denied.json", 403, "application/json", "Model.AccessDenied", "", "Model access denied."},
		{"dashscope", "error_403_free_tier_only.json", 403, "application/json", "AllocationQuota.FreeTierOnly", "", "The free tier of the model has been exhausted. If you wish to continue access the model on a paid basis, please disable the \"use free tier only\" mode in the management console."},
		{"dashscope", "error_404_model_not_found.json", 404, "application/json", "ModelNotFound", "", "Model not found (qwen-plux)!"},
		{"dashscope", "error_429_throttling.json", 429, "application/json", "Throttling", "", "Requests throttling triggered."},
		{"dashscope", "error_429_rate_quota.json", 429, "application/json", "Throttling.RateQuota", "", "Requests rate limit exceeded, please try again later."},
		{"dashscope", "error_429_allocation_quota.json", 429, "application/json", "Throttling.AllocationQuota", "", "Allocated quota exceeded, please increase your quota limit."},
		{"dashscope", "error_500_internal.json", 500, "application/json", "InternalError", "", "An internal error has occured, please try again later or contact service support."},
		{"dashscope", "error_500_internal_algo.json", 500, "application/json", "InternalError.Algo", "", "An internal error has occured during execution, please try again later or contact service support."},
		{"dashscope", "error_503_service_unavailable.json", 503, "application/json", "ServiceUnavailable", "", "Service temporarily unavailable, please try again later."},
		{"gemini", "error_400_api_key_invalid.json", 400, "application/json; charset=UTF-8", "API_KEY_INVALID", "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key."},
		{"gemini", "error_400_api_key_expired.json", 400, "application/json; charset=UTF-8", "API_KEY_INVALID", "INVALID_ARGUMENT", "API key expired. Please renew the API key."},
		{"gemini", "error_400_location.json", 400, "application/json; charset=UTF-8", "FAILED_PRECONDITION", "FAILED_PRECONDITION", "User location is not supported for the API use."},
		{"gemini", "error_400_token_count.json", 400, "application/json; charset=UTF-8", "INVALID_ARGUMENT", "INVALID_ARGUMENT", "The input token count (1234567) exceeds the maximum number of tokens allowed (1048576)."},
		{"gemini", "error_403_unregistered.json", 403, "application/json; charset=UTF-8", "PERMISSION_DENIED", "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."},
		{"gemini", "error_403_leaked.json", 403, "application/json; charset=UTF-8", "PERMISSION_DENIED", "PERMISSION_DENIED", "Your API key was reported as leaked. Please use another API key."},
		{"gemini", "error_403_service_disabled.json", 403, "application/json; charset=UTF-8", "SERVICE_DISABLED", "PERMISSION_DENIED", "Generative Language API has not been used in project 123456789012 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/generativelanguage.googleapis.com/overview?project=123456789012 then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry."},
		{"gemini", "error_403_suspended.json", 403, "application/json; charset=UTF-8", "CONSUMER_SUSPENDED", "PERMISSION_DENIED", "Permission denied: Consumer 'api_key:AIza…abcd' has been suspended."},
		{"gemini", "error_404_model.json", 404, "application/json; charset=UTF-8", "NOT_FOUND", "NOT_FOUND", "models/gemini-9.9-ultra is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods."},
		{"gemini", "error_429_quota.json", 429, "application/json; charset=UTF-8", "GenerateRequestsPerMinutePerProjectPerModel-FreeTier", "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits."},
		{"gemini", "error_429_exhausted.json", 429, "application/json; charset=UTF-8", "RESOURCE_EXHAUSTED", "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."},
		{"gemini", "error_500_internal.json", 500, "application/json; charset=UTF-8", "INTERNAL", "INTERNAL", "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"},
		{"gemini", "error_503_unavailable.json", 503, "application/json; charset=UTF-8", "UNAVAILABLE", "UNAVAILABLE", "The model is overloaded. Please try again later."},
		{"gemini", "error_504_deadline.json", 504, "application/json; charset=UTF-8", "DEADLINE_EXCEEDED", "DEADLINE_EXCEEDED", "Deadline expired before operation could complete."},
		{"openai", "401.json", 401, "application/json", "invalid_api_key", "invalid_request_error", "Incorrect API key provided: sk-proj-********************abcd. You can find your API key at https://platform.openai.com/account/api-keys."},
		{"openai", "403_chatanywhere.json", 403, "application/json; charset=utf-8", "403 FORBIDDEN", "chatanywhere_error", "免费API限制模型输入token小于4096，如有更多需求，请访问 https://buyca.tech 购买付费API。free accounts may only use these models: deepseek-r1, deepseek-v3, gpt-3.5-turbo, gpt-4o-mini, gpt-4o, embeddings"},
		{"openai", "404_model.json", 404, "application/json", "model_not_found", "invalid_request_error", "The model `gpt-5-mega` does not exist or you do not have access to it."},
		{"openai", "404_path.txt", 404, "text/plain", "", "", ""},
		{"openai", "429_quota.json", 429, "application/json", "insufficient_quota", "insufficient_quota", "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors."},
		{"openai", "502.html", 502, "text/html", "", "", ""},
		{"ollama", "400_model_required.json", 400, "application/json; charset=utf-8", "", "", "model is required"},
		{"ollama", "400_thinking.json", 400, "application/json; charset=utf-8", "", "", "\"llama3.2:latest\" does not support thinking"},
		{"ollama", "401_unauthorized.json", 401, "application/json; charset=utf-8", "", "", "unauthorized"},
		{"ollama", "403_cloud.json", 403, "application/json; charset=utf-8", "", "", "cloud model access is disabled on this server"},
		{"ollama", "404_model_pull.json", 404, "application/json; charset=utf-8", "", "", "model \"llama3\" not found, try pulling it first"},
		{"ollama", "404_model.json", 404, "application/json; charset=utf-8", "", "", "model 'llama3.3:70b' not found"},
		{"ollama", "404_path.txt", 404, "text/plain", "", "", ""},
		{"ollama", "429_usage.json", 429, "application/json; charset=utf-8", "", "", "you've reached your hourly usage limit, please wait or upgrade to continue"},
		{"ollama", "500_memory.json", 500, "application/json; charset=utf-8", "", "", "model requires more system memory (10.9 GiB) than is available (7.6 GiB)"},
		{"ollama", "500_runner.json", 500, "application/json; charset=utf-8", "", "", "llama runner process has terminated: exit status 2"},
		{"ollama", "502.html", 502, "text/html", "", "", ""},
		{"ollama", "503_busy.json", 503, "application/json; charset=utf-8", "", "", "server busy, please try again.  maximum pending requests exceeded"},
		{"ollama", "502.html", 200, "text/html; charset=utf-8", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.adapter+"/"+tt.file+"/"+strconv.Itoa(tt.status), func(t *testing.T) {
			t.Parallel()
			a := llmtest.AdapterNamed(t, adapters, tt.adapter)
			key, body := keys[tt.adapter], a.Testdata(t, tt.file)
			rp := llmtest.ReplayBody(t, tt.status, tt.contentType, body)
			got := llmtest.Ask(t, a.New(rp.URL, key, rp.Client()), llm.Request{Model: "m", Messages: []llm.Message{{Role: llm.RoleUser, Content: "Hi"}}})
			var he *llm.HTTPError
			if !errors.As(got.Err, &he) {
				t.Fatalf("error %#v, want *llm.HTTPError", got.Err)
			}
			if he.Status != tt.status || he.Code != tt.code || he.Type != tt.typ || he.Message != tt.message {
				t.Errorf("got %d %q %q %q, want %d %q %q %q", he.Status, he.Code, he.Type, he.Message, tt.status, tt.code, tt.typ, tt.message)
			}
			if media, _, _ := strings.Cut(tt.contentType, ";"); he.ContentType != media {
				t.Errorf("content type %q, want %q", he.ContentType, media)
			}
			reqs := rp.Requests()
			if len(reqs) != 1 || he.Endpoint != rp.URL+reqs[0].Path {
				t.Errorf("endpoint %q after %d requests, want the one URL called", he.Endpoint, len(reqs))
			}
			switch {
			case key != "" && strings.Contains(string(body), key):
				if strings.Contains(he.Body, key) {
					t.Errorf("body keeps the key: %q", he.Body)
				}
			case he.Body != string(body):
				t.Errorf("body %q, want it as sent", he.Body)
			}
			if key != "" && (strings.Contains(he.Error(), key) || strings.Contains(he.Endpoint, key)) {
				t.Errorf("error holds the key: %v", he)
			}
			if got.Text != "" || got.Finish != "" {
				t.Errorf("text %q finish %q from a refusal", got.Text, got.Finish)
			}
		})
	}
}

// TestRecordedReplies replays every provider's recorded replies (streams,
// and a whole answer from a server that did not stream) in uneven pieces:
// the text, reasoning and finish as the user reads them, and the usage the
// reply reported, the final count and not a sum (DashScope repeats the
// running total in every event; every adapter but Gemini's, whose chunks
// each carry the total so far, yields it once).
func TestRecordedReplies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		adapter, file, contentType string
		text, reasoning, finish    string
		usage                      *llm.Usage
	}{
		{"openai", "text.sse", "text/event-stream", "Hello, 世界 👋!", "", "stop", &llm.Usage{InputTokens: 12, OutputTokens: 5}},
		{"openai", "reasoning.sse", "text/event-stream; charset=utf-8", "9.9 is larger.", "The user asks 9.11 vs 9.9. Compare decimals: 0.90 > 0.11.", "stop", &llm.Usage{InputTokens: 18, OutputTokens: 40}},
		{"openai", "toolcall.sse", "text/event-stream", "", "", "tool_calls", nil},
		{"openai", "whole.json", "application/json", "A whole answer, not streamed.", "", "stop", &llm.Usage{InputTokens: 9, OutputTokens: 7}},
		{"anthropic", "text.sse", "text/event-stream; charset=utf-8", "Hello, 世界 👋! Café au lait?", "", "stop", &llm.Usage{InputTokens: 25, OutputTokens: 15}},
		{"anthropic", "thinking.sse", "text/event-stream", "9.9 is larger.", "The user asks whether 9.11 or 9.9 is larger. Compare the decimals: 0.90 > 0.11.", "stop", &llm.Usage{InputTokens: 50, OutputTokens: 61}},
		{"anthropic", "tool_use.sse", "text/event-stream", "Okay, let me check the weather for San Francisco.", "", "tool_use", &llm.Usage{InputTokens: 472, OutputTokens: 89}},
		{"anthropic", "max_tokens.sse", "text/event-stream", "Once upon a time, in a land", "", "length", &llm.Usage{InputTokens: 10, OutputTokens: 8}},
		{"anthropic", "whole.json", "application/json", "A whole answer, not streamed.", "", "stop", &llm.Usage{InputTokens: 9, OutputTokens: 7}},
		{"ollama", "text.ndjson", "application/x-ndjson", "Hello, 世界! Café ☕ How can I help? 🦙", "", "stop", &llm.Usage{InputTokens: 26, OutputTokens: 12}},
		{"ollama", "text.ndjson", "application/x-ndjson; charset=utf-8", "Hello, 世界! Café ☕ How can I help? 🦙", "", "stop", &llm.Usage{InputTokens: 26, OutputTokens: 12}},
		{"ollama", "thinking.ndjson", "application/x-ndjson", "6 × 7 = **42**.", "Okay, the user asks 6×7. That is 42.", "stop", &llm.Usage{InputTokens: 18, OutputTokens: 97}},
		{"ollama", "toolcall.ndjson", "application/x-ndjson", "Let me check.", "", "stop", &llm.Usage{InputTokens: 122, OutputTokens: 33}},
		{"ollama", "length.ndjson", "application/x-ndjson", "Once upon a time", "", "length", &llm.Usage{InputTokens: 9, OutputTokens: 4}},
		{"ollama", "whole.json", "application/json; charset=utf-8", "Hello! How are you today?", "", "stop", &llm.Usage{InputTokens: 26, OutputTokens: 298}},
		{"gemini", "text.sse", "text/event-stream", "Bonjour ! Un café ☕ et un thé 🍵, puis 你好，世界。\n", "", "STOP", &llm.Usage{InputTokens: 9, OutputTokens: 17}},
		{"gemini", "thinking.sse", "text/event-stream", "17 + 25 = **42**.", "**Working out the sum**\n\nThe user wants 17 + 25. Adding the units gives 12, carry one: 42.", "STOP", &llm.Usage{InputTokens: 12, OutputTokens: 9 + 162}},
		{"gemini", "toolcall.sse", "text/event-stream", "Let me check the weather in Paris.", "", "STOP", &llm.Usage{InputTokens: 41, OutputTokens: 25}},
		{"gemini", "max_tokens.sse", "text/event-stream", "The history of Rome begins in 753 BC", "", "length", &llm.Usage{InputTokens: 8, OutputTokens: 10}},
		{"gemini", "safety.sse", "text/event-stream", "", "", "SAFETY", &llm.Usage{InputTokens: 15}},
		{"gemini", "recitation.sse", "text/event-stream", "It was the best of times, ", "", "RECITATION", &llm.Usage{InputTokens: 10, OutputTokens: 8}},
		{"gemini", "prompt_blocked.sse", "text/event-stream", "", "", "PROMPT_BLOCKED_PROHIBITED_CONTENT", &llm.Usage{InputTokens: 14}},
		{"gemini", "whole.json", "application/json; charset=UTF-8", "Hello there, how can I help?", "", "STOP", &llm.Usage{InputTokens: 4, OutputTokens: 8}},
		{"dashscope", "stream_text.sse", "text/event-stream;charset=UTF-8", "杭州是浙江省的省会，famous for West Lake (西湖) and Longjing tea.", "", "stop", &llm.Usage{InputTokens: 26, OutputTokens: 19}},
		{"dashscope", "stream_reasoning.sse", "text/event-stream;charset=UTF-8", "9.9 更大。", "用户问 9.11 和 9.9 哪个大。Compare 0.11 with 0.90.", "stop", &llm.Usage{InputTokens: 16, OutputTokens: 30}},
		{"dashscope", "stream_tool_calls.sse", "text/event-stream;charset=UTF-8", "Let me check.", "", "tool_calls", &llm.Usage{InputTokens: 236, OutputTokens: 22}},
		{"dashscope", "stream_length.sse", "text/event-stream;charset=UTF-8", "Once upon a time, in a city by", "", "length", &llm.Usage{InputTokens: 12, OutputTokens: 8}},
	}
	for _, tt := range tests {
		t.Run(tt.adapter+"/"+tt.file+"/"+tt.contentType, func(t *testing.T) {
			t.Parallel()
			a := llmtest.AdapterNamed(t, adapters, tt.adapter)
			rp := llmtest.ReplayBody(t, http.StatusOK, tt.contentType, a.Testdata(t, tt.file))
			got := llmtest.Ask(t, a.New(rp.URL, "sk-test-0123456789abcdef", rp.Client()), llm.Request{Model: "m", System: "Be brief.", Messages: []llm.Message{{Role: llm.RoleUser, Content: "Hi"}}})
			if got.Err != nil {
				t.Fatalf("error: %v", got.Err)
			}
			if got.Text != tt.text || got.Reasoning != tt.reasoning || got.Finish != tt.finish {
				t.Errorf("got text %q reasoning %q finish %q, want %q %q %q", got.Text, got.Reasoning, got.Finish, tt.text, tt.reasoning, tt.finish)
			}
			once := tt.adapter != "gemini" // Gemini's usageMetadata rides with every chunk; the last holds
			if (got.Usage == nil) != (tt.usage == nil) || got.Usage != nil && (*got.Usage != *tt.usage || once && got.UsageChunks != 1) {
				t.Errorf("usage %+v in %d chunks, want %+v once", got.Usage, got.UsageChunks, tt.usage)
			}
		})
	}
}

// TestAnEmptyWholeAnswerIsAnError: a server that did not stream and sent a
// JSON answer holding no reply gives a broken reply, not an empty answer
// taken as complete.
func TestAnEmptyWholeAnswerIsAnError(t *testing.T) {
	for adapter, body := range map[string]string{"openai": `{"choices":[]}`, "dashscope": `{"output":{"choices":[]}}`} {
		t.Run(adapter, func(t *testing.T) {
			a := llmtest.AdapterNamed(t, adapters, adapter)
			rp := llmtest.ReplayBody(t, http.StatusOK, "application/json", []byte(body))
			got := llmtest.Ask(t, a.New(rp.URL, "sk-test-0123456789abcdef", rp.Client()), llm.Request{Model: "m", Messages: []llm.Message{{Role: llm.RoleUser, Content: "Hi"}}})
			if !errors.Is(got.Err, llm.ErrEmptyAnswer) || !errors.As(got.Err, new(*llm.StreamError)) || got.Finish != "" {
				t.Errorf("error %v finish %q, want a broken stream holding no reply", got.Err, got.Finish)
			}
		})
	}
}

// TestAFinishReasonEchoingTheKeyIsMasked: OpenAI's and Ollama's adapters
// pass the server's finish reason on, and the window stores and shows it;
// a hostile server naming the key there gets it masked like any text.
func TestAFinishReasonEchoingTheKeyIsMasked(t *testing.T) {
	const key = "sk-test-0123456789abcdef"
	for _, tc := range []struct{ adapter, mediaType, body string }{
		{"openai", "text/event-stream", `data: {"choices":[{"delta":{"content":"Hi"},"finish_reason":null}]}` + "\n\n" +
			`data: {"choices":[{"delta":{},"finish_reason":"` + key + `"}]}` + "\n\ndata: [DONE]\n\n"},
		{"ollama", "application/x-ndjson", `{"message":{"role":"assistant","content":"Hi"},"done":false}` + "\n" +
			`{"message":{"role":"assistant","content":""},"done":true,"done_reason":"` + key + `"}` + "\n"},
	} {
		t.Run(tc.adapter, func(t *testing.T) {
			a := llmtest.AdapterNamed(t, adapters, tc.adapter)
			rp := llmtest.ReplayBody(t, http.StatusOK, tc.mediaType, []byte(tc.body))
			got := llmtest.Ask(t, a.New(rp.URL, key, rp.Client()), llm.Request{Model: "m", Messages: []llm.Message{{Role: llm.RoleUser, Content: "Hi"}}})
			if got.Err != nil || got.Text != "Hi" || got.Finish == "" {
				t.Fatalf("got %+v, want the answer with a finish", got)
			}
			if k := llmtest.KeyIn(got.Finish, key); k != "" {
				t.Errorf("finish %q holds %q of the key", got.Finish, k)
			}
		})
	}
}
