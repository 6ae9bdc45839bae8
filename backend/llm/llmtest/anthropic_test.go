package llmtest_test

import (
	"encoding/json"
	"maps"
	"net/http"
	"strings"
	"testing"

	"parley/backend/llm/llmtest"
)

// postAnthropic sends a Messages request with the given body and extra
// headers, and returns the status and body of the answer.
func postAnthropic(t *testing.T, srv *llmtest.Server, body string, header map[string]string) (int, string) {
	t.Helper()
	h := map[string]string{"Content-Type": "application/json"}
	maps.Copy(h, header)
	a := send(t, http.MethodPost, srv.URL+"/v1/messages", body, h)
	return a.status, a.body
}

var anthropicHeaders = map[string]string{"x-api-key": "sk-ant-fake", "anthropic-version": "2023-06-01"}

func anthropicBody(model string) string {
	return `{"model":"` + model + `","max_tokens":64,"system":"Be brief.","stream":true,"messages":[{"role":"user","content":[{"type":"text","text":"hello fake"}]}]}`
}

// TestAnthropicStreamEvents checks the event order a real client relies on:
// message_start first, thinking before text, pings tolerated, message_stop last.
func TestAnthropicStreamEvents(t *testing.T) {
	t.Parallel()
	srv := llmtest.Serve(t)
	status, body := postAnthropic(t, srv, anthropicBody("reasoning"), anthropicHeaders)
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	var names []string
	var text, thinking strings.Builder
	for block := range strings.SplitSeq(strings.TrimSpace(body), "\n\n") {
		name, data, _ := strings.Cut(block, "\n")
		names = append(names, strings.TrimPrefix(name, "event: "))
		var ev struct {
			Type  string `json:"type"`
			Delta struct{ Type, Text, Thinking string }
		}
		if err := json.Unmarshal([]byte(strings.TrimPrefix(data, "data: ")), &ev); err != nil || ev.Type != names[len(names)-1] {
			t.Fatalf("event %q: data type %q, err %v", name, ev.Type, err)
		}
		text.WriteString(ev.Delta.Text)
		thinking.WriteString(ev.Delta.Thinking)
	}
	if names[0] != "message_start" || names[len(names)-1] != "message_stop" || names[len(names)-2] != "message_delta" {
		t.Errorf("events = %v", names)
	}
	if !strings.Contains(strings.Join(names, " "), "ping") {
		t.Errorf("no ping among %v", names)
	}
	if text.String() != "The answer is 42." || thinking.String() != "Thinking it over." {
		t.Errorf("text %q thinking %q", text.String(), thinking.String())
	}
}

func TestAnthropicFakeErrors(t *testing.T) {
	t.Parallel()
	srv := llmtest.Serve(t)
	srv.RequireKey("sk-ant-fake")
	with := func(k, v string) map[string]string {
		h := map[string]string{k: v}
		for name, val := range anthropicHeaders {
			if name != k {
				h[name] = val
			}
		}
		return h
	}
	tests := []struct {
		name, body string
		header     map[string]string
		status     int
		typ, msg   string
	}{
		{"wrong key", anthropicBody("echo"), with("x-api-key", "sk-ant-other"), 401, "authentication_error", "invalid x-api-key"},
		{"browser origin", anthropicBody("echo"), with("Origin", "http://localhost:5173"), 401, "authentication_error", "CORS requests must set 'anthropic-dangerous-direct-browser-access' header"},
		{"no version", anthropicBody("echo"), with("anthropic-version", ""), 400, "invalid_request_error", "anthropic-version: header is required"},
		{"no max_tokens", `{"model":"echo","messages":[{"role":"user","content":"hi"}]}`, anthropicHeaders, 400, "invalid_request_error", "max_tokens: Field required"},
		{"missing model", anthropicBody("missing-model"), anthropicHeaders, 404, "not_found_error", "model: missing-model"},
		{"overloaded status", anthropicBody("overloaded-status"), anthropicHeaders, 529, "overloaded_error", "Overloaded"},
		{"no quota", anthropicBody("no-quota"), anthropicHeaders, 429, "billing_error", "You exceeded your current quota, please check your plan and billing details."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			status, body := postAnthropic(t, srv, tt.body, tt.header)
			var e struct {
				Type  string `json:"type"`
				Error struct{ Type, Message string }
			}
			if err := json.Unmarshal([]byte(body), &e); err != nil {
				t.Fatalf("body %q: %v", body, err)
			}
			if status != tt.status || e.Type != "error" || e.Error.Type != tt.typ || e.Error.Message != tt.msg {
				t.Errorf("got %d %s; want %d %s %q", status, body, tt.status, tt.typ, tt.msg)
			}
		})
	}
}

// TestAnthropicStreamErrorEvent checks the overloaded scenario ends with an
// error event after the partial text and never reaches message_stop.
func TestAnthropicStreamErrorEvent(t *testing.T) {
	t.Parallel()
	srv := llmtest.Serve(t)
	_, body := postAnthropic(t, srv, anthropicBody("overloaded"), anthropicHeaders)
	last := body[strings.LastIndex(strings.TrimSpace(body), "event: "):]
	want := "event: error\ndata: {\"error\":{\"message\":\"The server is overloaded, please retry.\",\"type\":\"overloaded_error\"},\"type\":\"error\"}"
	if strings.TrimSpace(last) != want || strings.Contains(body, "message_stop") || !strings.Contains(body, `"text":"Partial "`) {
		t.Errorf("stream = %s", body)
	}
}
