package llmtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// geminiPageSize is the most models the fake lists per page, small so that
// clients must follow nextPageToken.
const geminiPageSize = 5

type geminiRequest struct {
	Contents []struct {
		Role  string `json:"role"`
		Parts []struct {
			Text string `json:"text"`
		} `json:"parts"`
	} `json:"contents"`
}

// lastUser returns the text of the last user turn ("user" or no role).
func (g geminiRequest) lastUser() string {
	last := ""
	for _, c := range g.Contents {
		if c.Role != "user" && c.Role != "" {
			continue
		}
		var b strings.Builder
		for _, p := range c.Parts {
			b.WriteString(p.Text)
		}
		last = b.String()
	}
	return last
}

// geminiGenerate serves POST /v1beta/models/MODEL:streamGenerateContent
// (which needs alt=sse) and MODEL:generateContent.
func (s *Server) geminiGenerate(w http.ResponseWriter, r *http.Request, raw []byte) {
	if !s.geminiKeyOK(w, r) {
		return
	}
	model, method, _ := strings.Cut(r.PathValue("action"), ":")
	stream := method == "streamGenerateContent"
	switch {
	case method != "generateContent" && !stream:
		writeJSON(w, http.StatusNotFound, geminiErrorBody(http.StatusNotFound, "NOT_FOUND", "Method not found: "+method))
		return
	case stream && r.URL.Query().Get("alt") != "sse":
		writeJSON(w, http.StatusBadRequest, geminiErrorBody(http.StatusBadRequest, "INVALID_ARGUMENT",
			"llmtest streams only as server-sent events: add alt=sse to the query."))
		return
	}
	var req geminiRequest
	if err := json.Unmarshal(raw, &req); err != nil {
		writeJSON(w, http.StatusBadRequest, geminiErrorBody(http.StatusBadRequest, "INVALID_ARGUMENT",
			"Invalid JSON payload received. "+err.Error()))
		return
	}
	sc, ok := s.scenario(model)
	if !ok {
		writeJSON(w, http.StatusNotFound, geminiErrorBody(http.StatusNotFound, "NOT_FOUND", fmt.Sprintf(
			"models/%s is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.", model)))
		return
	}
	if !wait(r, sc.FirstByteDelay) {
		return
	}
	if sc.refuse(w, func() string { return geminiError(sc.Status, sc.ErrorType, sc.ErrorMessage) }) {
		return
	}
	if stream {
		playGemini(w, r, sc, model, req.lastUser())
		return
	}
	wholeGemini(w, sc, model, req.lastUser())
}

// geminiKeyOK rejects a key in the URL, which Google accepts but Parley must
// never send, and a wrong x-goog-api-key, as Gemini does: 400 API_KEY_INVALID.
func (s *Server) geminiKeyOK(w http.ResponseWriter, r *http.Request) bool {
	if r.URL.Query().Has("key") {
		writeJSON(w, http.StatusBadRequest, geminiErrorBody(http.StatusBadRequest, "INVALID_ARGUMENT",
			"llmtest: the API key was sent in the URL (?key=), where proxies and logs keep it; send it only in the x-goog-api-key header."))
		return false
	}
	if !s.keyOK(r.Header.Get("x-goog-api-key")) {
		writeJSON(w, http.StatusBadRequest, geminiError(http.StatusBadRequest, ErrAuth, ""))
		return false
	}
	return true
}

func playGemini(w http.ResponseWriter, r *http.Request, sc Scenario, model, lastUser string) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	if !sc.started(w, r) {
		return
	}
	pieces := sc.pieces(lastUser)
	sc.play(r, pieces, geminiStream{w: w, model: model, usage: geminiUsage(sc, lastUser, pieces)})
}

// geminiStream writes GenerateContentResponses as data events, with the
// CRLF line ends Google's servers use.
type geminiStream struct {
	w     http.ResponseWriter
	model string
	usage map[string]any
}

func (g geminiStream) send(v any) {
	b, _ := json.Marshal(v)
	fmt.Fprintf(g.w, "data: %s\r\n\r\n", b)
	flush(g.w)
}

func (g geminiStream) reasoning(p string) {
	g.send(geminiResponse(g.model, "", map[string]any{"text": p, "thought": true}))
}
func (g geminiStream) text(p string) { g.send(geminiResponse(g.model, "", map[string]any{"text": p})) }

func (g geminiStream) toolCall() {
	g.send(geminiResponse(g.model, "", map[string]any{"functionCall": map[string]any{"name": "lookup", "args": map[string]any{"q": "x"}}}))
}

func (g geminiStream) fail(message string) {
	g.send(map[string]any{"error": map[string]any{"code": 503, "message": message, "status": "UNAVAILABLE"}})
}

func (g geminiStream) finish(int) {
	final := geminiResponse(g.model, "STOP", map[string]any{"text": ""})
	final["usageMetadata"] = g.usage
	g.send(final)
}

// wholeGemini answers generateContent with one response.
func wholeGemini(w http.ResponseWriter, sc Scenario, model, lastUser string) {
	if sc.CutAfter > 0 {
		cut()
	}
	if sc.StreamError != "" {
		writeJSON(w, http.StatusServiceUnavailable, geminiErrorBody(http.StatusServiceUnavailable, "UNAVAILABLE", sc.StreamError))
		return
	}
	pieces := sc.pieces(lastUser)
	var parts []any
	if len(sc.Reasoning) > 0 {
		parts = append(parts, map[string]any{"text": strings.Join(sc.Reasoning, ""), "thought": true})
	}
	parts = append(parts, map[string]any{"text": strings.Join(pieces, "")})
	resp := geminiResponse(model, "STOP", parts...)
	resp["usageMetadata"] = geminiUsage(sc, lastUser, pieces)
	b, _ := json.Marshal(resp)
	writeJSON(w, http.StatusOK, string(b))
}

func geminiResponse(model string, finish string, parts ...any) map[string]any {
	cand := map[string]any{"content": map[string]any{"parts": parts, "role": "model"}, "index": 0}
	if finish != "" {
		cand["finishReason"] = finish
	}
	return map[string]any{"candidates": []any{cand}, "modelVersion": model, "responseId": "llmtest"}
}

func geminiUsage(sc Scenario, lastUser string, pieces []string) map[string]any {
	in, out, thoughts := len(strings.Fields(lastUser)), len(pieces), len(sc.Reasoning)
	return map[string]any{"promptTokenCount": in, "candidatesTokenCount": out,
		"thoughtsTokenCount": thoughts, "totalTokenCount": in + out + thoughts}
}

// geminiModels serves GET /v1beta/models, a few models per page.
func (s *Server) geminiModels(w http.ResponseWriter, r *http.Request) {
	s.record(r, "")
	if !s.geminiKeyOK(w, r) {
		return
	}
	var models []string
	for _, name := range s.modelNames() {
		models = append(models, fmt.Sprintf(`{"name":"models/%s","version":"001","displayName":%q,"supportedGenerationMethods":["generateContent","countTokens"]}`, name, name))
	}
	models = append(models, `{"name":"models/text-embedding-004","version":"004","displayName":"Text Embedding 004","supportedGenerationMethods":["embedContent"]}`)
	from, _ := strconv.Atoi(r.URL.Query().Get("pageToken"))
	from = min(max(from, 0), len(models))
	to := min(from+geminiPageSize, len(models))
	next := ""
	if to < len(models) {
		next = fmt.Sprintf(`,"nextPageToken":"%d"`, to)
	}
	writeJSON(w, http.StatusOK, `{"models":[`+strings.Join(models[from:to], ",")+`]`+next+`}`)
}

// geminiErr is an error as Gemini words it: the HTTP code, Google's status,
// and an optional ErrorInfo reason or exhausted quota id in its details.
type geminiErr struct {
	code                           int
	status, reason, quota, message string
}

// geminiErrors maps neutral error types to Gemini's words for them.
var geminiErrors = map[string]geminiErr{
	ErrAuth:      {status: "INVALID_ARGUMENT", reason: "API_KEY_INVALID", message: "API key not valid. Please pass a valid API key."},
	ErrForbidden: {status: "PERMISSION_DENIED", message: "The caller does not have permission"},
	ErrNotFound:  {status: "NOT_FOUND", message: "Requested entity was not found."},
	ErrRateLimit: {status: "RESOURCE_EXHAUSTED", quota: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
		message: "You exceeded your current quota, please check your plan and billing details. Please retry in 20s."},
	ErrQuota: {status: "RESOURCE_EXHAUSTED", quota: "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
		message: "You exceeded your current quota, please check your plan and billing details."},
	ErrServer:     {status: "INTERNAL", message: "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"},
	ErrOverloaded: {status: "UNAVAILABLE", message: "The model is overloaded. Please try again later."},
	ErrBadRequest: {status: "INVALID_ARGUMENT", message: "Request contains an invalid argument."},
}

// geminiError words a neutral error as Gemini does; an empty message takes
// Gemini's own wording.
func geminiError(code int, typ, message string) string {
	e, ok := geminiErrors[typ]
	if !ok {
		e.status = geminiStatus(code)
	}
	e.code = code
	if message != "" {
		e.message = message
	}
	return e.body()
}

func geminiStatus(code int) string {
	switch code {
	case 400:
		return "INVALID_ARGUMENT"
	case 403:
		return "PERMISSION_DENIED"
	case 404:
		return "NOT_FOUND"
	case 429:
		return "RESOURCE_EXHAUSTED"
	case 503:
		return "UNAVAILABLE"
	case 504:
		return "DEADLINE_EXCEEDED"
	}
	return "INTERNAL"
}

func geminiErrorBody(code int, status, message string) string {
	return geminiErr{code: code, status: status, message: message}.body()
}

// body is Google's error JSON, with details as Gemini sends them.
func (e geminiErr) body() string {
	var details []any
	if e.reason != "" {
		details = append(details,
			map[string]any{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": e.reason, "domain": "googleapis.com",
				"metadata": map[string]any{"service": "generativelanguage.googleapis.com"}},
			map[string]any{"@type": "type.googleapis.com/google.rpc.LocalizedMessage", "locale": "en-US", "message": e.message})
	}
	if e.quota != "" {
		details = append(details,
			map[string]any{"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": []any{map[string]any{
				"quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests", "quotaId": e.quota}}},
			map[string]any{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "20s"})
	}
	body := map[string]any{"code": e.code, "message": e.message, "status": e.status}
	if details != nil {
		body["details"] = details
	}
	b, _ := json.Marshal(map[string]any{"error": body})
	return string(b)
}
