package llmtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

type openAIRequest struct {
	Model    string `json:"model"`
	Messages []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
}

func (s *Server) openAIChat(w http.ResponseWriter, r *http.Request) {
	defer s.track()()
	raw, _ := io.ReadAll(r.Body)
	s.record(r, string(raw))
	if !s.keyOK(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")) {
		writeJSON(w, http.StatusUnauthorized, `{"error":{"message":"Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}`)
		return
	}
	var req openAIRequest
	if err := json.Unmarshal(raw, &req); err != nil {
		writeJSON(w, http.StatusBadRequest, `{"error":{"message":"We could not parse the JSON body of your request.","type":"invalid_request_error","code":null}}`)
		return
	}
	sc, ok := s.scenario(req.Model)
	if !ok {
		writeJSON(w, http.StatusNotFound, fmt.Sprintf(`{"error":{"message":"The model `+"`%s`"+` does not exist or you do not have access to it.","type":"invalid_request_error","code":"model_not_found"}}`, req.Model))
		return
	}
	lastUser := ""
	for _, m := range req.Messages {
		if m.Role == "user" {
			lastUser = m.Content
		}
	}
	s.playOpenAI(w, r, sc, req.Model, lastUser)
}

func (s *Server) playOpenAI(w http.ResponseWriter, r *http.Request, sc Scenario, model, lastUser string) {
	if !wait(r, sc.FirstByteDelay) {
		return
	}
	if sc.refuse(w, func() string { return openAIError(sc.ErrorType, sc.ErrorMessage) }) {
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	send := func(v any) {
		b, _ := json.Marshal(v)
		fmt.Fprintf(w, "data: %s\n\n", b)
		w.(http.Flusher).Flush()
	}
	delta := func(field, text string) map[string]any {
		return map[string]any{"id": "chatcmpl-llmtest", "object": "chat.completion.chunk", "model": model,
			"choices": []any{map[string]any{"index": 0, "delta": map[string]any{field: text}, "finish_reason": nil}}}
	}
	for _, p := range sc.Reasoning {
		if !wait(r, sc.Pace) {
			return
		}
		send(delta("reasoning_content", p))
	}
	pieces := sc.pieces(lastUser)
	for i, p := range pieces {
		if sc.CutAfter > 0 && i == sc.CutAfter {
			cut()
		}
		if !wait(r, sc.Pace) {
			return
		}
		send(delta("content", p))
	}
	if sc.StreamError != "" {
		send(map[string]any{"error": map[string]any{"message": sc.StreamError, "type": "server_error", "code": "overloaded"}})
		return
	}
	send(map[string]any{"id": "chatcmpl-llmtest", "object": "chat.completion.chunk", "model": model,
		"choices": []any{map[string]any{"index": 0, "delta": map[string]any{}, "finish_reason": "stop"}}})
	send(map[string]any{"id": "chatcmpl-llmtest", "object": "chat.completion.chunk", "model": model, "choices": []any{},
		"usage": map[string]any{"prompt_tokens": len(strings.Fields(lastUser)), "completion_tokens": len(pieces), "total_tokens": len(strings.Fields(lastUser)) + len(pieces)}})
	fmt.Fprint(w, "data: [DONE]\n\n")
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

// openAIErrors maps neutral error types to OpenAI's code and type.
var openAIErrors = map[string]struct{ code, typ string }{
	ErrAuth:       {"invalid_api_key", "invalid_request_error"},
	ErrForbidden:  {"403 FORBIDDEN", "chatanywhere_error"},
	ErrNotFound:   {"model_not_found", "invalid_request_error"},
	ErrRateLimit:  {"rate_limit_exceeded", "requests"},
	ErrQuota:      {"insufficient_quota", "insufficient_quota"},
	ErrServer:     {"", "server_error"},
	ErrOverloaded: {"overloaded", "server_error"},
	ErrBadRequest: {"", "invalid_request_error"},
}

// openAIError words a neutral error as OpenAI (and its relays) do.
func openAIError(typ, message string) string {
	e := openAIErrors[typ]
	if e.typ == "" {
		e.typ = "invalid_request_error"
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
	io.WriteString(w, body)
}
