package llmtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// DashScope's native text generation, as Alibaba Cloud Model Studio speaks
// it: Bearer key, streaming switched on by the X-DashScope-SSE header,
// events named "result" carrying only the new text (incremental_output),
// finish_reason the string "null" until the last event, and errors as
// {"code","message","request_id"} — in a JSON body before the stream, or in
// an "error" event during it. Without X-DashScope-SSE: enable the fake, like
// DashScope, answers with one JSON document holding the whole reply.

type dashscopeRequest struct {
	Model string `json:"model"`
	Input struct {
		Messages []textMessage `json:"messages"`
	} `json:"input"`
}

// dashscopeRequestID stands in for the UUID DashScope puts in every answer.
const dashscopeRequestID = "8f3c2a1e-llmt-9d4b-a6e7-0c5d1b2f3e4a"

// dashscopeCode is how DashScope words one kind of refusal.
type dashscopeCode struct {
	status        int
	code, message string
}

// dashscopeErrors maps neutral error types to DashScope's own status, code
// and default message. The status is DashScope's, not the scenario's: an
// overdue account is a 400 Arrearage there, whatever other providers send.
var dashscopeErrors = map[string]dashscopeCode{
	ErrAuth:       {http.StatusUnauthorized, "InvalidApiKey", "Invalid API-key provided."},
	ErrForbidden:  {http.StatusForbidden, "AccessDenied", "Access denied."},
	ErrNotFound:   {http.StatusNotFound, "ModelNotFound", "Model not found!"},
	ErrRateLimit:  {http.StatusTooManyRequests, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later."},
	ErrQuota:      {http.StatusBadRequest, "Arrearage", "Access denied, please make sure your account is in good standing."},
	ErrServer:     {http.StatusInternalServerError, "InternalError", "An internal error has occured, please try again later or contact service support."},
	ErrOverloaded: {http.StatusServiceUnavailable, "ServiceUnavailable", "Service temporarily unavailable, please try again later."},
	ErrBadRequest: {http.StatusBadRequest, "InvalidParameter", "Required parameter(s) missing or invalid, please check the request parameters."},
}

func (s *Server) dashscopeGenerate(w http.ResponseWriter, r *http.Request, raw []byte) {
	auth := r.Header.Get("Authorization")
	if !s.keyOK(strings.TrimPrefix(auth, "Bearer ")) {
		msg := dashscopeErrors[ErrAuth].message
		if auth == "" {
			msg = "No API-key provided."
		}
		writeJSON(w, http.StatusUnauthorized, dashscopeError("InvalidApiKey", msg))
		return
	}
	var req dashscopeRequest
	if err := json.Unmarshal(raw, &req); err != nil {
		writeJSON(w, http.StatusBadRequest, dashscopeError("InvalidParameter", "Request body is not valid JSON."))
		return
	}
	sc, ok := s.scenario(req.Model)
	if !ok {
		writeJSON(w, http.StatusNotFound, dashscopeError("ModelNotFound", fmt.Sprintf("Model not found (%s)!", req.Model)))
		return
	}
	lastUser := lastUserText(req.Input.Messages)
	if !wait(r, sc.FirstByteDelay) {
		return
	}
	if sc.Reset || sc.Redirect != "" || sc.Status != 0 && sc.Status != http.StatusOK {
		writeDashscopeRefusal(w, sc)
		return
	}
	if r.Header.Get("X-DashScope-SSE") != "enable" {
		writeDashscopeWhole(w, sc, lastUser)
		return
	}
	playDashscope(w, r, sc, lastUser)
}

// writeDashscopeRefusal answers a scenario's error status: its Body as is,
// or a DashScope error body with the code (and status) for its ErrorType.
func writeDashscopeRefusal(w http.ResponseWriter, sc Scenario) {
	if sc.Reset || sc.Redirect != "" || sc.Body != "" {
		sc.refuse(w, nil) // as every protocol does; no error body to word
		return
	}
	e, ok := dashscopeErrors[sc.ErrorType]
	if !ok {
		e = dashscopeCodeFor(sc.Status)
	}
	msg := sc.ErrorMessage
	if msg == "" {
		msg = e.message
	}
	if sc.RetryAfter != "" {
		w.Header().Set("Retry-After", sc.RetryAfter)
	}
	writeJSON(w, e.status, dashscopeError(e.code, msg))
}

// dashscopeCodeFor picks DashScope's code for a bare status, keeping it.
func dashscopeCodeFor(status int) dashscopeCode {
	typ := ErrBadRequest
	switch {
	case status == http.StatusUnauthorized:
		typ = ErrAuth
	case status == http.StatusForbidden:
		typ = ErrForbidden
	case status == http.StatusNotFound:
		typ = ErrNotFound
	case status == http.StatusTooManyRequests:
		typ = ErrRateLimit
	case status == http.StatusServiceUnavailable:
		typ = ErrOverloaded
	case status >= 500:
		typ = ErrServer
	}
	e := dashscopeErrors[typ]
	e.status = status
	return e
}

func playDashscope(w http.ResponseWriter, r *http.Request, sc Scenario, lastUser string) {
	w.Header().Set("Content-Type", "text/event-stream;charset=UTF-8")
	w.WriteHeader(http.StatusOK)
	if !sc.started(w, r) {
		return
	}
	sc.play(r, sc.pieces(lastUser), &dashscopeStream{w: w, in: len(strings.Fields(lastUser))})
}

// dashscopeStream writes "result" events with the running usage, each with
// an id and the HTTP_STATUS comment DashScope adds.
type dashscopeStream struct {
	w           http.ResponseWriter
	id, in, out int
}

func (d *dashscopeStream) send(event string, status int, v any) {
	d.id++
	b, _ := json.Marshal(v)
	fmt.Fprintf(d.w, "id:%d\nevent:%s\n:HTTP_STATUS/%d\ndata:%s\n\n", d.id, event, status, b)
	flush(d.w)
}

func (d *dashscopeStream) result(content, reasoning, finish string) {
	d.send("result", http.StatusOK, dashscopeResult(content, reasoning, finish, d.in, d.out))
}

func (d *dashscopeStream) reasoning(p string) { d.out++; d.result("", p, "null") }
func (d *dashscopeStream) text(p string)      { d.out++; d.result(p, "", "null") }

func (d *dashscopeStream) toolCall() {
	ev := dashscopeResult("", "", "null", d.in, d.out)
	ev["output"].(map[string]any)["choices"].([]any)[0].(map[string]any)["message"].(map[string]any)["tool_calls"] =
		[]any{map[string]any{"index": 0, "id": "call_llmtest", "type": "function", "function": map[string]any{"name": "lookup", "arguments": `{"q":"x"}`}}}
	d.send("result", http.StatusOK, ev)
}

func (d *dashscopeStream) fail(message string) {
	d.send("error", http.StatusInternalServerError, map[string]any{
		"code": "InternalError.Algo", "message": message, "request_id": dashscopeRequestID})
}

func (d *dashscopeStream) finish(int) { d.result("", "", "stop") }

// writeDashscopeWhole answers a request that did not ask for a stream with
// the whole reply in one document. A scenario that breaks mid-stream breaks
// here too: CutAfter drops the connection, StreamError becomes a 500.
func writeDashscopeWhole(w http.ResponseWriter, sc Scenario, lastUser string) {
	if sc.CutAfter > 0 {
		cut()
	}
	if sc.StreamError != "" {
		writeJSON(w, http.StatusInternalServerError, dashscopeError("InternalError.Algo", sc.StreamError))
		return
	}
	pieces := sc.pieces(lastUser)
	body := dashscopeResult(strings.Join(pieces, ""), strings.Join(sc.Reasoning, ""), "stop",
		len(strings.Fields(lastUser)), len(pieces)+len(sc.Reasoning))
	b, _ := json.Marshal(body)
	writeJSON(w, http.StatusOK, string(b))
}

// dashscopeResult is one answer event (or a whole answer) in result_format
// "message", with the running usage.
func dashscopeResult(content, reasoning, finish string, in, out int) map[string]any {
	msg := map[string]any{"role": "assistant", "content": content}
	if reasoning != "" {
		msg["reasoning_content"] = reasoning
	}
	return map[string]any{
		"output":     map[string]any{"choices": []any{map[string]any{"message": msg, "finish_reason": finish}}},
		"usage":      map[string]any{"input_tokens": in, "output_tokens": out, "total_tokens": in + out},
		"request_id": dashscopeRequestID,
	}
}

// dashscopeError is DashScope's error body.
func dashscopeError(code, message string) string {
	b, _ := json.Marshal(map[string]any{"code": code, "message": message, "request_id": dashscopeRequestID})
	return string(b)
}
