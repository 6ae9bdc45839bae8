package anthropic_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/anthropic"
	"parley/backend/llm/llmtest"
)

// TestHTTPErrors replays every documented error body and checks the
// provider's own words come through: status, message verbatim, type, code.
func TestHTTPErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file, contentType string
		status            int
		message, typ      string
		code              string
	}{
		{"400_prompt_too_long.json", "application/json", 400, "prompt is too long: 215321 tokens > 200000 maximum", "invalid_request_error", ""},
		{"400_credit.json", "application/json", 400, "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.", "invalid_request_error", ""},
		{"401.json", "application/json", 401, "invalid x-api-key", "authentication_error", ""},
		{"401_cors.json", "application/json", 401, "CORS requests must set 'anthropic-dangerous-direct-browser-access' header", "authentication_error", ""},
		{"402.json", "application/json", 402, "There is an issue with your billing or payment information. Please check your payment details in the Claude Console.", "billing_error", ""},
		{"403.json", "application/json", 403, "Your API key does not have permission to use the specified resource.", "permission_error", ""},
		{"403_region.json", "application/json", 403, "Request not allowed", "forbidden", ""},
		{"404_model.json", "application/json", 404, "model: claude-sonnet-9", "not_found_error", ""},
		{"404_path.json", "application/json", 404, "Not Found", "not_found_error", ""},
		{"413.json", "application/json", 413, "Request exceeds the maximum allowed number of bytes.", "request_too_large", ""},
		{"429_rate.json", "application/json", 429, "This request would exceed the rate limit for your organization (3f5c1a2e-8b7d-4c6e-9f0a-1b2c3d4e5f60) of 50,000 input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later. You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase.", "rate_limit_error", ""},
		{"429_spend.json", "application/json", 429, "You have reached your specified API usage limits. You will regain access on 2026-08-01 at 00:00 UTC.", "rate_limit_error", "enforced_spend_limit_reached"},
		{"500.json", "application/json", 500, "Internal server error", "api_error", ""},
		{"503_proxy.txt", "text/plain", 503, "", "", ""},
		{"504.json", "application/json", 504, "Request timeout", "timeout_error", ""},
		{"529.json", "application/json", 529, "Overloaded", "overloaded_error", ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			rp := llmtest.ReplayFile(t, tt.status, tt.contentType, tt.file)
			got := llmtest.Ask(t, anthropic.New(rp.URL, testKey, rp.Client()), ask)
			var he *llm.HTTPError
			if !errors.As(got.Err, &he) {
				t.Fatalf("error = %#v, want *llm.HTTPError", got.Err)
			}
			if he.Status != tt.status || he.Message != tt.message || he.Type != tt.typ || he.Code != tt.code {
				t.Errorf("got status %d message %q type %q code %q; want %d %q %q %q", he.Status, he.Message, he.Type, he.Code, tt.status, tt.message, tt.typ, tt.code)
			}
			if tt.message == "" && !strings.Contains(he.Body, "upstream connect error") {
				t.Errorf("body %q not kept for a message-less answer", he.Body)
			}
			if he.Endpoint != rp.URL+"/v1/messages" {
				t.Errorf("endpoint = %q", he.Endpoint)
			}
			if strings.Contains(he.Error(), testKey) {
				t.Errorf("error text carries the key: %s", he.Error())
			}
		})
	}
}

func TestHTMLInsteadOfStream(t *testing.T) {
	t.Parallel()
	rp := llmtest.ReplayBody(t, http.StatusOK, "text/html; charset=utf-8", []byte(llmtest.HTMLErrorPage))
	got := llmtest.Ask(t, anthropic.New(rp.URL, testKey, rp.Client()), ask)
	var he *llm.HTTPError
	if !errors.As(got.Err, &he) || he.ContentType != "text/html" || !strings.Contains(he.Body, "502 Bad Gateway") {
		t.Fatalf("error = %#v, want an HTTPError keeping the page", got.Err)
	}
}

// TestErrorIn200 covers a relay that answers 200 with Anthropic's error body
// instead of a stream: it is the provider's error, not an empty reply.
func TestErrorIn200(t *testing.T) {
	t.Parallel()
	rp := llmtest.ReplayFile(t, http.StatusOK, "application/json", "529.json")
	got := llmtest.Ask(t, anthropic.New(rp.URL, testKey, rp.Client()), ask)
	var pe *llm.ProviderError
	if !errors.As(got.Err, &pe) || pe.Message != "Overloaded" || pe.Type != "overloaded_error" {
		t.Fatalf("error = %#v, want the provider's overloaded_error", got.Err)
	}
}
