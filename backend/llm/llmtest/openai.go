package llmtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

func (s *Server) openAIChat(w http.ResponseWriter, r *http.Request, raw []byte) {
	if !s.keyOK(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")) {
		writeJSON(w, http.StatusUnauthorized, `{"error":{"message":"Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}`)
		return
	}
	var req chatRequest
	if err := json.Unmarshal(raw, &req); err != nil {
		writeJSON(w, http.StatusBadRequest, `{"error":{"message":"We could not parse the JSON body of your request.","type":"invalid_request_error","code":null}}`)
		return
	}
	sc, ok := s.scenario(req.Model)
	if !ok {
		writeJSON(w, http.StatusNotFound, fmt.Sprintf(`{"error":{"message":"The model `+"`%s`"+` does not exist or you do not have access to it.","type":"invalid_request_error","code":"model_not_found"}}`, req.Model))
		return
	}
	lastUser := lastUserText(req.Messages)
	s.playOpenAI(w, r, sc, req.Model, lastUser)
}

func (s *Server) playOpenAI(w http.ResponseWriter, r *http.Request, sc Scenario, model, lastUser string) {
	if !sc.begin(w, r, "text/event-stream", func() string { return openAIError(sc.ErrorType, sc.ErrorMessage) }) {
		return
	}
	sc.play(r, sc.pieces(lastUser), openAIStream{w: w, model: model, input: len(strings.Fields(lastUser))})
}

// openAIStream writes Chat Completions chunks as data events.
type openAIStream struct {
	w     http.ResponseWriter
	model string
	input int
}

func (o openAIStream) send(v any) {
	b, _ := json.Marshal(v)
	fmt.Fprintf(o.w, "data: %s\n\n", b)
	flush(o.w)
}

func (o openAIStream) chunk(delta map[string]any, finish any) map[string]any {
	return map[string]any{"id": "chatcmpl-llmtest", "object": "chat.completion.chunk", "model": o.model,
		"choices": []any{map[string]any{"index": 0, "delta": delta, "finish_reason": finish}}}
}

func (o openAIStream) reasoning(p string) {
	o.send(o.chunk(map[string]any{"reasoning_content": p}, nil))
}
func (o openAIStream) text(p string) { o.send(o.chunk(map[string]any{"content": p}, nil)) }

func (o openAIStream) toolCall() {
	o.send(o.chunk(map[string]any{"tool_calls": []any{map[string]any{"index": 0, "id": "call_llmtest", "type": "function",
		"function": map[string]any{"name": "lookup", "arguments": `{"q":"x"}`}}}}, nil))
}

func (o openAIStream) fail(message string) {
	o.send(map[string]any{"error": map[string]any{"message": message, "type": "server_error", "code": "overloaded"}})
}

func (o openAIStream) finish(n int) {
	o.send(o.chunk(map[string]any{}, "stop"))
	u := o.chunk(map[string]any{}, nil)
	u["choices"] = []any{}
	u["usage"] = map[string]any{"prompt_tokens": o.input, "completion_tokens": n, "total_tokens": o.input + n}
	o.send(u)
	fmt.Fprint(o.w, "data: [DONE]\n\n")
}

func (s *Server) openAIModels(w http.ResponseWriter, r *http.Request) {
	s.record(r, "")
	if !s.keyOK(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")) {
		writeJSON(w, http.StatusUnauthorized, `{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","code":"invalid_api_key"}}`)
		return
	}
	var data []string
	for _, name := range s.modelNames() {
		data = append(data, fmt.Sprintf(`{"id":%q,"object":"model","owned_by":"llmtest"}`, name))
	}
	writeJSON(w, http.StatusOK, `{"object":"list","data":[`+strings.Join(data, ",")+`]}`)
}

// openAIErrors maps neutral error types to OpenAI's code, type and
// default message.
var openAIErrors = map[string]struct{ code, typ, message string }{
	ErrAuth:       {"invalid_api_key", "invalid_request_error", "Incorrect API key provided."},
	ErrForbidden:  {"403 FORBIDDEN", "chatanywhere_error", "This key may not use this endpoint."},
	ErrNotFound:   {"model_not_found", "invalid_request_error", "The model does not exist or you do not have access to it."},
	ErrRateLimit:  {"rate_limit_exceeded", "requests", "Rate limit reached for requests. Please try again in 20s."},
	ErrQuota:      {"insufficient_quota", "insufficient_quota", "You exceeded your current quota, please check your plan and billing details."},
	ErrServer:     {"", "server_error", "The server had an error while processing your request. Sorry about that!"},
	ErrOverloaded: {"overloaded", "server_error", "That model is currently overloaded with other requests."},
	ErrBadRequest: {"", "invalid_request_error", "Invalid request."},
}

// openAIError words a neutral error as OpenAI (and its relays) do.
func openAIError(typ, message string) string {
	e := openAIErrors[typ]
	if e.typ == "" {
		e.typ = "invalid_request_error"
	}
	if message == "" {
		message = e.message
	}
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": message, "type": e.typ, "code": nilIfEmpty(e.code)}})
	return string(b)
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	writeBody(w, status, "application/json", body)
}

func writeBody(w http.ResponseWriter, status int, contentType, body string) {
	if contentType == "" {
		contentType = "application/json"
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body) // a client that went away has no use for an error
}
