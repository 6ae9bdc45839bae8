package llmtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Ollama's native API: POST /api/chat streams NDJSON, GET /api/tags lists
// models. A local Ollama has no keys, so a request without one is served;
// a Bearer key that is not the required one is refused, as Ollama's cloud
// or a proxy in front of Ollama does.

func (s *Server) ollamaChat(w http.ResponseWriter, r *http.Request, raw []byte) {
	if auth := r.Header.Get("Authorization"); auth != "" && !s.keyOK(strings.TrimPrefix(auth, "Bearer ")) {
		writeJSON(w, http.StatusUnauthorized, ollamaError("unauthorized"))
		return
	}
	var req chatRequest
	if err := json.Unmarshal(raw, &req); err != nil {
		writeJSON(w, http.StatusBadRequest, ollamaError(err.Error()))
		return
	}
	if req.Model == "" {
		writeJSON(w, http.StatusBadRequest, ollamaError("model is required"))
		return
	}
	sc, ok := s.scenario(req.Model)
	if !ok {
		writeJSON(w, http.StatusNotFound, ollamaError(fmt.Sprintf("model %q not found, try pulling it first", req.Model)))
		return
	}
	lastUser := lastUserText(req.Messages)
	s.playOllama(w, r, sc, req.Model, lastUser)
}

func (s *Server) playOllama(w http.ResponseWriter, r *http.Request, sc Scenario, model, lastUser string) {
	if !sc.begin(w, r, "application/x-ndjson", func() string { return ollamaError(sc.message(ollamaMessages)) }) {
		return
	}
	sc.play(r, sc.pieces(lastUser), ollamaStream{w: w, model: model, input: len(strings.Fields(lastUser)), reasoningPieces: len(sc.Reasoning)})
}

// ollamaStream writes /api/chat lines.
type ollamaStream struct {
	w                      http.ResponseWriter
	model                  string
	input, reasoningPieces int
}

func (o ollamaStream) send(v any) {
	b, _ := json.Marshal(v)
	_, _ = o.w.Write(append(b, '\n'))
	flush(o.w)
}

func (o ollamaStream) line(field string, value any) map[string]any {
	msg := map[string]any{"role": "assistant", "content": ""}
	msg[field] = value
	return map[string]any{"model": o.model, "created_at": time.Now().UTC().Format(time.RFC3339Nano), "message": msg, "done": false}
}

func (o ollamaStream) reasoning(p string) { o.send(o.line("thinking", p)) }
func (o ollamaStream) text(p string)      { o.send(o.line("content", p)) }

func (o ollamaStream) toolCall() {
	o.send(o.line("tool_calls", []any{map[string]any{"function": map[string]any{"name": "lookup", "arguments": map[string]any{"q": "x"}}}}))
}

func (o ollamaStream) fail(message string) { o.send(map[string]any{"error": message}) }

func (o ollamaStream) finish(n int) {
	done := o.line("content", "")
	done["done"], done["done_reason"] = true, "stop"
	done["total_duration"], done["load_duration"] = 412000000, 3100000
	done["prompt_eval_count"], done["prompt_eval_duration"] = o.input, 21000000
	done["eval_count"], done["eval_duration"] = o.reasoningPieces+n, 380000000
	o.send(done)
}

// ollamaTags lists the scenario names as pulled models.
func (s *Server) ollamaTags(w http.ResponseWriter, r *http.Request) {
	models := []map[string]any{}
	for _, name := range s.modelNames() {
		models = append(models, map[string]any{
			"name": name, "model": name, "modified_at": "2026-01-01T00:00:00Z", "size": 2019393189,
			"digest": "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
			"details": map[string]any{"parent_model": "", "format": "gguf", "family": "llama",
				"families": []string{"llama"}, "parameter_size": "3.2B", "quantization_level": "Q4_K_M"},
		})
	}
	b, _ := json.Marshal(map[string]any{"models": models})
	writeJSON(w, http.StatusOK, string(b))
}

// ollamaMessages are Ollama's own words for each neutral error type; it has
// no error codes.
var ollamaMessages = map[string]string{
	ErrAuth:       "unauthorized",
	ErrForbidden:  "cloud model access is disabled on this server",
	ErrNotFound:   "model 'unknown' not found",
	ErrRateLimit:  "too many requests, please slow down",
	ErrQuota:      "you've reached your hourly usage limit, please wait or upgrade to continue",
	ErrServer:     "llama runner process has terminated: exit status 2",
	ErrOverloaded: "server busy, please try again. maximum pending requests exceeded",
	ErrBadRequest: "invalid request",
}

// ollamaError words an error as Ollama does: {"error": "..."}.
func ollamaError(message string) string {
	b, _ := json.Marshal(map[string]string{"error": message})
	return string(b)
}
