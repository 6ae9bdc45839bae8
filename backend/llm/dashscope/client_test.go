package dashscope_test

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"strings"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/dashscope"
	"parley/backend/llm/llmtest"
)

const testKey = "sk-0123456789abcdef0123456789abcdef"

func ask(rp *llmtest.Replay, req llm.Request) iter.Seq2[llm.Chunk, error] {
	return dashscope.New(rp.URL, testKey, rp.Client()).Stream(context.Background(), req)
}

var hello = llm.Request{Model: "qwen-plus", Messages: []llm.Message{{Role: llm.RoleUser, Content: "你好，请介绍一下杭州"}}}

func TestStreamSendsNativeRequest(t *testing.T) {
	t.Parallel()
	temp := 0.3
	tests := []struct {
		name string
		req  llm.Request
		want string // the expected "parameters" object
	}{
		{"defaults", hello, `{"result_format":"message","incremental_output":true}`},
		{"settings", llm.Request{Model: "qwen-max", System: "Be brief.", MaxTokens: 512, Temperature: &temp, Messages: []llm.Message{
			{Role: llm.RoleUser, Content: "Hi"}, {Role: llm.RoleAssistant, Content: "Hello!"}, {Role: llm.RoleUser, Content: "Again"},
		}}, `{"result_format":"message","incremental_output":true,"max_tokens":512,"temperature":0.3}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rp := llmtest.ReplayFile(t, http.StatusOK, "text/event-stream", "stream_text.sse")
			if got := llmtest.Collect(t, ask(rp, tt.req)); got.Err != nil {
				t.Fatal(got.Err)
			}
			r := rp.Only(t)
			if r.Path != "/api/v1/services/aigc/text-generation/generation" {
				t.Errorf("path %q", r.Path)
			}
			for h, want := range map[string]string{"Authorization": "Bearer " + testKey, "X-DashScope-SSE": "enable", "Content-Type": "application/json"} {
				if got := r.Header.Get(h); got != want {
					t.Errorf("header %s = %q, want %q", h, got, want)
				}
			}
			var body struct {
				Model string `json:"model"`
				Input struct {
					Messages []struct{ Role, Content string } `json:"messages"`
				} `json:"input"`
				Parameters json.RawMessage `json:"parameters"`
			}
			if err := json.Unmarshal([]byte(r.Body), &body); err != nil {
				t.Fatalf("body %s: %v", r.Body, err)
			}
			if body.Model != tt.req.Model || string(body.Parameters) != tt.want {
				t.Errorf("model %q parameters %s, want %q %s", body.Model, body.Parameters, tt.req.Model, tt.want)
			}
			var roles []string
			for _, m := range body.Input.Messages {
				roles = append(roles, m.Role+":"+m.Content)
			}
			want := []string{}
			if tt.req.System != "" {
				want = append(want, "system:"+tt.req.System)
			}
			for _, m := range tt.req.Messages {
				want = append(want, string(m.Role)+":"+m.Content)
			}
			if strings.Join(roles, "|") != strings.Join(want, "|") {
				t.Errorf("messages %q, want %q", roles, want)
			}
		})
	}
}

func TestStreamErrorEventKeepsTextAndCode(t *testing.T) {
	t.Parallel()
	rp := llmtest.ReplayFile(t, http.StatusOK, "text/event-stream", "stream_error.sse")
	got := llmtest.Collect(t, ask(rp, hello))
	if got.Text != "关于这个话题，" {
		t.Errorf("text before the error %q", got.Text)
	}
	var pe *llm.ProviderError
	if !errors.As(got.Err, &pe) {
		t.Fatalf("error %T %v, want *llm.ProviderError", got.Err, got.Err)
	}
	if pe.Code != "DataInspectionFailed" || pe.Message != "Output data may contain inappropriate content." {
		t.Errorf("provider error code %q message %q", pe.Code, pe.Message)
	}
	if pe.Endpoint != dashscope.Endpoint(rp.URL) {
		t.Errorf("endpoint %q", pe.Endpoint)
	}
}

func TestStreamCutIsIncomplete(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file, text     string
		wantIncomplete bool
	}{
		{"stream_cut.sse", "The first half arrived", true},
		{"stream_cut_mid_event.sse", "Cut ", false},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			got := llmtest.Collect(t, ask(llmtest.ReplayFile(t, http.StatusOK, "text/event-stream", tt.file), hello))
			if got.Text != tt.text || got.Finish != "" {
				t.Errorf("text %q finish %q, want %q and no finish", got.Text, got.Finish, tt.text)
			}
			var se *llm.StreamError
			if !errors.As(got.Err, &se) {
				t.Fatalf("error %T %v, want *llm.StreamError", got.Err, got.Err)
			}
			if tt.wantIncomplete && !errors.Is(got.Err, llm.ErrStreamIncomplete) {
				t.Errorf("error %v, want ErrStreamIncomplete", got.Err)
			}
		})
	}
}

func TestWholeJSONAnswer(t *testing.T) {
	t.Parallel()
	got := llmtest.Collect(t, ask(llmtest.ReplayFile(t, http.StatusOK, "application/json", "whole.json"), hello))
	if got.Err != nil {
		t.Fatal(got.Err)
	}
	want := llm.Usage{InputTokens: 16, OutputTokens: 17}
	if got.Text != "你好！I am Qwen, a large language model from Alibaba Cloud." || got.Finish != "stop" || got.Usage == nil || *got.Usage != want {
		t.Errorf("got %q finish %q usage %+v", got.Text, got.Finish, got.Usage)
	}
}

func TestHTMLAnswerIsHTTPError(t *testing.T) {
	t.Parallel()
	rp := llmtest.ReplayBody(t, http.StatusOK, "text/html", []byte(llmtest.HTMLErrorPage))
	got := llmtest.Collect(t, ask(rp, hello))
	var he *llm.HTTPError
	if !errors.As(got.Err, &he) || he.ContentType != "text/html" || !strings.Contains(he.Body, "502 Bad Gateway") {
		t.Fatalf("error %T %v, want *llm.HTTPError with the page", got.Err, got.Err)
	}
	if got.Text != "" {
		t.Errorf("text %q from an HTML page", got.Text)
	}
}

func TestEndpoint(t *testing.T) {
	t.Parallel()
	const want = "https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation"
	for _, base := range []string{
		dashscope.Mainland, dashscope.Mainland + "/", " " + dashscope.Mainland + "/api/v1 ",
		dashscope.Mainland + "/compatible-mode/v1", want,
	} {
		if got := dashscope.Endpoint(base); got != want {
			t.Errorf("Endpoint(%q) = %q, want %q", base, got, want)
		}
	}
	if got := dashscope.ModelsEndpoint(dashscope.International + "/api/v1"); got != "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/models" {
		t.Errorf("ModelsEndpoint = %q", got)
	}
}

func TestModels(t *testing.T) {
	t.Parallel()
	rp := llmtest.ReplayFile(t, http.StatusOK, "application/json", "models.json")
	ids, err := dashscope.New(rp.URL, testKey, rp.Client()).Models(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids, ",") != "qwen-max,qwen-plus,qwen-turbo,qwen3-235b-a22b" {
		t.Errorf("models %q", ids)
	}
	r := rp.Requests()[0]
	if r.Path != "/compatible-mode/v1/models" || r.Header.Get("Authorization") != "Bearer "+testKey {
		t.Errorf("request %s with Authorization %q", r.Path, r.Header.Get("Authorization"))
	}
}

func TestModelsRejectedKey(t *testing.T) {
	t.Parallel()
	rp := llmtest.ReplayFile(t, http.StatusUnauthorized, "application/json", "models_error_401.json")
	_, err := dashscope.New(rp.URL, testKey, rp.Client()).Models(context.Background())
	var he *llm.HTTPError
	if !errors.As(err, &he) || he.Status != http.StatusUnauthorized || he.Code != "invalid_api_key" ||
		!strings.HasPrefix(he.Message, "Incorrect API key provided.") {
		t.Fatalf("error %T %+v", err, err)
	}
	if strings.Contains(err.Error(), testKey) {
		t.Errorf("error text holds the key: %v", err)
	}
}
