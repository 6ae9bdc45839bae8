package llmtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// anthropicRequest is what the fake reads of a Messages API request. Content
// may be a string or a list of blocks, as the API allows.
type anthropicRequest struct {
	Model     string `json:"model"`
	MaxTokens int    `json:"max_tokens"`
	Messages  []struct {
		Role    string          `json:"role"`
		Content json.RawMessage `json:"content"`
	} `json:"messages"`
}

// anthropicText returns the text of a message's content, string or blocks.
func anthropicText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var blocks []struct{ Type, Text string }
	_ = json.Unmarshal(raw, &blocks)
	var b strings.Builder
	for _, bl := range blocks {
		if bl.Type == "text" {
			b.WriteString(bl.Text)
		}
	}
	return b.String()
}

// anthropicPreflight answers what the real API refuses before looking at the
// model: a wrong key, a browser origin without the opt-in header, a missing
// version header. It reports whether the request may go on.
func (s *Server) anthropicPreflight(w http.ResponseWriter, r *http.Request) bool {
	switch {
	case r.Header.Get("Origin") != "" && r.Header.Get("anthropic-dangerous-direct-browser-access") != "true":
		writeJSON(w, http.StatusUnauthorized, anthropicError("authentication_error",
			"CORS requests must set 'anthropic-dangerous-direct-browser-access' header"))
	case !s.keyOK(r.Header.Get("x-api-key")):
		writeJSON(w, http.StatusUnauthorized, anthropicError("authentication_error", "invalid x-api-key"))
	case r.Header.Get("anthropic-version") == "":
		writeJSON(w, http.StatusBadRequest, anthropicError("invalid_request_error", "anthropic-version: header is required"))
	default:
		return true
	}
	return false
}

func (s *Server) anthropicMessages(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	s.record(r, string(raw))
	if !s.anthropicPreflight(w, r) {
		return
	}
	var req anthropicRequest
	if err := json.Unmarshal(raw, &req); err != nil {
		writeJSON(w, http.StatusBadRequest, anthropicError("invalid_request_error", "There was an issue with the format or content of your request."))
		return
	}
	if req.MaxTokens <= 0 {
		writeJSON(w, http.StatusBadRequest, anthropicError("invalid_request_error", "max_tokens: Field required"))
		return
	}
	sc, ok := s.scenario(req.Model)
	if !ok {
		writeJSON(w, http.StatusNotFound, anthropicError("not_found_error", "model: "+req.Model))
		return
	}
	lastUser := ""
	for _, m := range req.Messages {
		if m.Role == "user" {
			lastUser = anthropicText(m.Content)
		}
	}
	s.playAnthropic(w, r, sc, req.Model, lastUser)
}

// anthropicStream writes named SSE events, flushing after each.
type anthropicStream struct{ w http.ResponseWriter }

func (a anthropicStream) send(event string, data map[string]any) {
	data["type"] = event
	b, _ := json.Marshal(data)
	fmt.Fprintf(a.w, "event: %s\ndata: %s\n\n", event, b)
	a.w.(http.Flusher).Flush()
}

func (a anthropicStream) delta(index int, kind, field, text string) {
	a.send("content_block_delta", map[string]any{"index": index, "delta": map[string]any{"type": kind, field: text}})
}

func (s *Server) playAnthropic(w http.ResponseWriter, r *http.Request, sc Scenario, model, lastUser string) {
	if !wait(r, sc.FirstByteDelay) {
		return
	}
	if sc.refuse(w, func() string { return anthropicError(anthropicErrorType(sc.ErrorType, sc.Status), sc.ErrorMessage) }) {
		return
	}
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	a := anthropicStream{w}
	input := len(strings.Fields(lastUser))
	a.send("message_start", map[string]any{"message": map[string]any{
		"id": "msg_llmtest", "type": "message", "role": "assistant", "model": model, "content": []any{},
		"stop_reason": nil, "stop_sequence": nil, "usage": map[string]any{"input_tokens": input, "output_tokens": 1}}})
	a.send("ping", map[string]any{})
	index := 0
	if len(sc.Reasoning) > 0 {
		a.send("content_block_start", map[string]any{"index": index, "content_block": map[string]any{"type": "thinking", "thinking": "", "signature": ""}})
		for _, p := range sc.Reasoning {
			if !wait(r, sc.Pace) {
				return
			}
			a.delta(index, "thinking_delta", "thinking", p)
		}
		a.delta(index, "signature_delta", "signature", "bGxtdGVzdC1zaWduYXR1cmU=")
		a.send("content_block_stop", map[string]any{"index": index})
		index++
	}
	pieces := sc.pieces(lastUser)
	a.send("content_block_start", map[string]any{"index": index, "content_block": map[string]any{"type": "text", "text": ""}})
	for i, p := range pieces {
		if sc.CutAfter > 0 && i == sc.CutAfter {
			cut()
		}
		if !wait(r, sc.Pace) {
			return
		}
		a.delta(index, "text_delta", "text", p)
		if i%3 == 2 {
			a.send("ping", map[string]any{})
		}
	}
	if sc.StreamError != "" {
		a.send("error", map[string]any{"error": map[string]any{"type": "overloaded_error", "message": sc.StreamError}})
		return
	}
	a.send("content_block_stop", map[string]any{"index": index})
	a.send("message_delta", map[string]any{"delta": map[string]any{"stop_reason": "end_turn", "stop_sequence": nil},
		"usage": map[string]any{"output_tokens": len(pieces)}})
	a.send("message_stop", map[string]any{})
}

func (s *Server) anthropicModels(w http.ResponseWriter, r *http.Request) {
	s.record(r, "")
	if !s.anthropicPreflight(w, r) {
		return
	}
	names := s.modelNames()
	data := make([]map[string]any, 0, len(names))
	for _, name := range names {
		data = append(data, map[string]any{"type": "model", "id": name, "display_name": name, "created_at": "2025-01-01T00:00:00Z"})
	}
	body := map[string]any{"data": data, "has_more": false, "first_id": nil, "last_id": nil}
	if len(names) > 0 {
		body["first_id"], body["last_id"] = names[0], names[len(names)-1]
	}
	b, _ := json.Marshal(body)
	writeJSON(w, http.StatusOK, string(b))
}

// anthropicErrors maps neutral error types to Anthropic's error.type.
var anthropicErrors = map[string]string{
	ErrAuth:       "authentication_error",
	ErrForbidden:  "permission_error",
	ErrNotFound:   "not_found_error",
	ErrRateLimit:  "rate_limit_error",
	ErrQuota:      "billing_error",
	ErrServer:     "api_error",
	ErrOverloaded: "overloaded_error",
	ErrBadRequest: "invalid_request_error",
}

// anthropicErrorType picks Anthropic's error.type for a neutral type, or by
// status when the scenario named none.
func anthropicErrorType(neutral string, status int) string {
	if t, ok := anthropicErrors[neutral]; ok {
		return t
	}
	switch {
	case status == 529:
		return "overloaded_error"
	case status == http.StatusRequestEntityTooLarge:
		return "request_too_large"
	case status >= 500:
		return "api_error"
	}
	return "invalid_request_error"
}

// anthropicError words an error as the Messages API does.
func anthropicError(typ, message string) string {
	b, _ := json.Marshal(map[string]any{"type": "error",
		"error": map[string]any{"type": typ, "message": message}, "request_id": "req_llmtest"})
	return string(b)
}
