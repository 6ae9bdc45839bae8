package llmtest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"parley/backend/llm/llmtest"
)

const dashscopePath = "/api/v1/services/aigc/text-generation/generation"

// postDashscope sends a native generation request for model and returns the
// status, content type and body.
func postDashscope(t *testing.T, srv *llmtest.Server, model, key string, sse bool) (int, string, string) {
	t.Helper()
	body := `{"model":"` + model + `","input":{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hello fake"}]},"parameters":{"result_format":"message","incremental_output":true}}`
	h := map[string]string{"Content-Type": "application/json"}
	if key != "" {
		h["Authorization"] = "Bearer " + key
	}
	if sse {
		h["X-DashScope-SSE"] = "enable"
	}
	a := send(t, http.MethodPost, srv.URL+dashscopePath, body, h)
	return a.status, a.contentType, a.body
}

func TestDashscopeStreamShape(t *testing.T) {
	t.Parallel()
	srv := llmtest.Serve(t)
	status, ct, body := postDashscope(t, srv, "reasoning", "", true)
	if status != http.StatusOK || !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("status %d type %q", status, ct)
	}
	events := strings.Split(strings.TrimSpace(body), "\n\n")
	if len(events) != 8 { // 3 reasoning, 4 text, 1 finish
		t.Fatalf("%d events:\n%s", len(events), body)
	}
	var reasoning, text string
	for i, ev := range events {
		lines := strings.Split(ev, "\n")
		if len(lines) != 4 || !strings.HasPrefix(lines[0], "id:") || lines[1] != "event:result" || lines[2] != ":HTTP_STATUS/200" {
			t.Fatalf("event %d not in DashScope's shape:\n%s", i, ev)
		}
		var d struct {
			Output struct {
				Choices []struct {
					Message struct {
						Content          string `json:"content"`
						ReasoningContent string `json:"reasoning_content"`
					} `json:"message"`
					FinishReason string `json:"finish_reason"`
				} `json:"choices"`
			} `json:"output"`
			Usage struct {
				InputTokens  int `json:"input_tokens"`
				OutputTokens int `json:"output_tokens"`
			} `json:"usage"`
		}
		if err := json.Unmarshal([]byte(strings.TrimPrefix(lines[3], "data:")), &d); err != nil {
			t.Fatalf("event %d data: %v", i, err)
		}
		ch := d.Output.Choices[0]
		text += ch.Message.Content
		reasoning += ch.Message.ReasoningContent
		wantFinish := "null"
		if i == len(events)-1 {
			wantFinish = "stop"
			if d.Usage.InputTokens != 2 || d.Usage.OutputTokens != 7 {
				t.Errorf("final usage %+v", d.Usage)
			}
		}
		if ch.FinishReason != wantFinish {
			t.Errorf("event %d finish_reason %q, want %q", i, ch.FinishReason, wantFinish)
		}
	}
	if text != "The answer is 42." || reasoning != "Thinking it over." {
		t.Errorf("text %q reasoning %q", text, reasoning)
	}
}

func TestDashscopeAnswers(t *testing.T) {
	t.Parallel()
	srv := llmtest.Serve(t)
	srv.RequireKey("sk-right")
	srv.Handle("custom-body", llmtest.Scenario{Status: http.StatusBadRequest, Body: `{"code":"Custom","message":"as is"}`})
	srv.Handle("bare-status", llmtest.Scenario{Status: http.StatusBadGateway})
	tests := []struct {
		name, model, key string
		sse              bool
		status           int
		want             []string // substrings of the body
	}{
		{"no key", "echo", "", true, 401, []string{`"code":"InvalidApiKey"`, `"message":"No API-key provided."`}},
		{"wrong key", "echo", "sk-wrong", true, 401, []string{`"code":"InvalidApiKey"`, `"message":"Invalid API-key provided."`}},
		{"missing model", "missing-model", "sk-right", true, 404, []string{`"code":"ModelNotFound"`, `"message":"Model not found (missing-model)!"`}},
		{"quota", "no-quota", "sk-right", true, 400, []string{`"code":"Arrearage"`, `"request_id":`}},
		{"rate limit", "rate-limited", "sk-right", true, 429, []string{`"code":"Throttling.RateQuota"`, `Rate limit reached`}},
		{"body as is", "custom-body", "sk-right", true, 400, []string{`{"code":"Custom","message":"as is"}`}},
		{"bare status", "bare-status", "sk-right", true, 502, []string{`"code":"InternalError"`}},
		{"stream error", "overloaded", "sk-right", true, 200, []string{"event:error\n:HTTP_STATUS/500\ndata:", `"code":"InternalError.Algo"`, "The server is overloaded"}},
		{"no SSE header", "reasoning", "sk-right", false, 200, []string{`"content":"The answer is 42."`, `"reasoning_content":"Thinking it over."`, `"finish_reason":"stop"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			status, _, body := postDashscope(t, srv, tt.model, tt.key, tt.sse)
			if status != tt.status {
				t.Errorf("status %d, want %d: %s", status, tt.status, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q:\n%s", w, body)
				}
			}
		})
	}
}
