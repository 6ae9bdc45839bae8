package llmtest

import (
	"encoding/json"
	"fmt"
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

func (s *Server) anthropicMessages(w http.ResponseWriter, r *http.Request, raw []byte) {
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

// anthropicStream writes named SSE events, flushing after each, and keeps
// the content blocks open and closed as the API does.
type anthropicStream struct {
	w                http.ResponseWriter
	index, texts     int
	thinking, inText bool
}

func (a *anthropicStream) send(event string, data map[string]any) {
	data["type"] = event
	b, _ := json.Marshal(data)
	fmt.Fprintf(a.w, "event: %s\ndata: %s\n\n", event, b)
	flush(a.w)
}

func (a *anthropicStream) delta(kind, field, text string) {
	a.send("content_block_delta", map[string]any{"index": a.index, "delta": map[string]any{"type": kind, field: text}})
}

func (a *anthropicStream) block(content map[string]any) {
	a.send("content_block_start", map[string]any{"index": a.index, "content_block": content})
}

func (a *anthropicStream) stop() {
	a.send("content_block_stop", map[string]any{"index": a.index})
	a.index++
}

func (a *anthropicStream) reasoning(p string) {
	if !a.thinking {
		a.block(map[string]any{"type": "thinking", "thinking": "", "signature": ""})
		a.thinking = true
	}
	a.delta("thinking_delta", "thinking", p)
}

// startText closes the thinking block, if any, and opens the text block.
func (a *anthropicStream) startText() {
	if a.thinking {
		a.delta("signature_delta", "signature", "bGxtdGVzdC1zaWduYXR1cmU=")
		a.stop()
		a.thinking = false
	}
	if !a.inText {
		a.block(map[string]any{"type": "text", "text": ""})
		a.inText = true
	}
}

func (a *anthropicStream) text(p string) {
	a.startText()
	a.delta("text_delta", "text", p)
	if a.texts++; a.texts%3 == 0 {
		a.send("ping", map[string]any{})
	}
}

func (a *anthropicStream) toolCall() {
	a.stop()
	a.inText = false
	a.block(map[string]any{"type": "tool_use", "id": "toolu_llmtest", "name": "lookup", "input": map[string]any{}})
	a.delta("input_json_delta", "partial_json", `{"q":"x"}`)
	a.stop()
}

func (a *anthropicStream) fail(message string) {
	a.send("error", map[string]any{"error": map[string]any{"type": "overloaded_error", "message": message}})
}

func (a *anthropicStream) finish(n int) {
	a.startText()
	a.stop()
	a.send("message_delta", map[string]any{"delta": map[string]any{"stop_reason": "end_turn", "stop_sequence": nil},
		"usage": map[string]any{"output_tokens": n}})
	a.send("message_stop", map[string]any{})
}

func (s *Server) playAnthropic(w http.ResponseWriter, r *http.Request, sc Scenario, model, lastUser string) {
	if !sc.begin(w, r, "text/event-stream; charset=utf-8", func() string {
		return anthropicError(anthropicErrorType(sc.ErrorType, sc.Status), sc.message(anthropicMessages))
	}) {
		return
	}
	a := &anthropicStream{w: w}
	a.send("message_start", map[string]any{"message": map[string]any{
		"id": "msg_llmtest", "type": "message", "role": "assistant", "model": model, "content": []any{},
		"stop_reason": nil, "stop_sequence": nil, "usage": map[string]any{"input_tokens": len(strings.Fields(lastUser)), "output_tokens": 1}}})
	a.send("ping", map[string]any{})
	sc.play(r, sc.pieces(lastUser), a)
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

// anthropicMessages are Anthropic's own words for each neutral error type.
var anthropicMessages = map[string]string{
	ErrAuth:       "invalid x-api-key",
	ErrForbidden:  "Your API key does not have permission to use the specified resource.",
	ErrNotFound:   "model: unknown",
	ErrRateLimit:  "This request would exceed the rate limit for your organization.",
	ErrQuota:      "Your credit balance is too low to access the Anthropic API.",
	ErrServer:     "Internal server error",
	ErrOverloaded: "Overloaded",
	ErrBadRequest: "messages: Field required",
}

// anthropicError words an error as the Messages API does.
func anthropicError(typ, message string) string {
	b, _ := json.Marshal(map[string]any{"type": "error",
		"error": map[string]any{"type": typ, "message": message}, "request_id": "req_llmtest"})
	return string(b)
}
