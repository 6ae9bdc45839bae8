package llmtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Ollama's native API: POST /api/chat streams NDJSON, GET /api/tags lists
// models. A local Ollama has no keys, so the fake ignores RequireKey here.

type ollamaRequest struct {
	Model    string `json:"model"`
	Messages []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
}

func (s *Server) ollamaChat(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	s.record(r, string(raw))
	var req ollamaRequest
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
	lastUser := ""
	for _, m := range req.Messages {
		if m.Role == "user" {
			lastUser = m.Content
		}
	}
	s.playOllama(w, r, sc, req.Model, lastUser)
}

func (s *Server) playOllama(w http.ResponseWriter, r *http.Request, sc Scenario, model, lastUser string) {
	if !wait(r, sc.FirstByteDelay) {
		return
	}
	if sc.refuse(w, func() string { return ollamaError(sc.ErrorMessage) }) {
		return
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.WriteHeader(http.StatusOK)
	send := func(v any) {
		b, _ := json.Marshal(v)
		w.Write(append(b, '\n'))
		w.(http.Flusher).Flush()
	}
	line := func(field, text string) map[string]any {
		msg := map[string]any{"role": "assistant", "content": ""}
		msg[field] = text
		return map[string]any{"model": model, "created_at": time.Now().UTC().Format(time.RFC3339Nano), "message": msg, "done": false}
	}
	for _, p := range sc.Reasoning {
		if !wait(r, sc.Pace) {
			return
		}
		send(line("thinking", p))
	}
	pieces := sc.pieces(lastUser)
	for i, p := range pieces {
		if sc.CutAfter > 0 && i == sc.CutAfter {
			cut()
		}
		if !wait(r, sc.Pace) {
			return
		}
		send(line("content", p))
	}
	if sc.StreamError != "" {
		send(map[string]any{"error": sc.StreamError})
		return
	}
	done := line("content", "")
	done["done"], done["done_reason"] = true, "stop"
	done["total_duration"], done["load_duration"] = 412000000, 3100000
	done["prompt_eval_count"], done["prompt_eval_duration"] = len(strings.Fields(lastUser)), 21000000
	done["eval_count"], done["eval_duration"] = len(sc.Reasoning)+len(pieces), 380000000
	send(done)
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

// ollamaError words an error as Ollama does: {"error": "..."}.
func ollamaError(message string) string {
	b, _ := json.Marshal(map[string]string{"error": message})
	return string(b)
}
