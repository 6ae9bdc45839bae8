package ollama

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"

	"parley/backend/llm"
	"parley/backend/llm/internal/jsonscan"
)

// wireRequest is the body of POST /api/chat.
type wireRequest struct {
	Model    string        `json:"model"`
	Messages []wireMessage `json:"messages"`
	Stream   bool          `json:"stream"`
	Options  *wireOptions  `json:"options,omitempty"`
}

type wireMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// wireOptions are the Modelfile parameters a request may override.
type wireOptions struct {
	Temperature *float64 `json:"temperature,omitempty"`
	NumPredict  int      `json:"num_predict,omitempty"`
	// TopP is set by withParams.
	TopP *float64 `json:"top_p,omitempty"`
}

// wireTags is the answer of GET /api/tags. Models is a pointer so an answer
// without the key (another server on the port) is told apart from an Ollama
// with nothing pulled.
type wireTags struct {
	Models *[]struct {
		Name  string `json:"name"`
		Model string `json:"model"`
	} `json:"models"`
}

func toWire(req llm.Request) wireRequest {
	w := wireRequest{
		Model:    req.Model,
		Messages: make([]wireMessage, 0, len(req.Messages)+1),
		Stream:   true,
	}
	if req.System != "" {
		w.Messages = append(w.Messages, wireMessage{Role: string(llm.RoleSystem), Content: req.System})
	}
	for _, m := range req.Messages {
		w.Messages = append(w.Messages, wireMessage{Role: string(m.Role), Content: m.Content})
	}
	if req.Temperature != nil || req.MaxTokens > 0 {
		w.Options = &wireOptions{Temperature: req.Temperature, NumPredict: req.MaxTokens}
	}
	withParams(&w, req)
	return w
}

// withParams sets the per-conversation parameters that are set.
func withParams(w *wireRequest, req llm.Request) {
	if req.TopP != nil {
		if w.Options == nil {
			w.Options = &wireOptions{}
		}
		w.Options.TopP = req.TopP
	}
}

// decodeLine turns one NDJSON line into a neutral chunk; the line that
// says "done": true ends the reply. An {"error": ...} line becomes a
// [*llm.ProviderError] with the provider's words kept verbatim. It reads
// the line in one pass (see scanLine), as json.Unmarshal into the line's
// shape does (format_test.go holds that shape and checks the two agree).
func decodeLine(ev llm.Event) (llm.Chunk, llm.State, error) {
	var s jsonscan.Scanner
	s.ResetShared(ev.Data)
	w := scanLine(&s)
	if err := s.End(); err != nil {
		return llm.Chunk{}, llm.Going, fmt.Errorf("decode line %.200q: %w", ev.Data, err)
	}
	return w.chunk(ev.Data)
}

// chunk is the neutral chunk of a line read from data, and whether it
// ends the reply.
func (w line) chunk(data []byte) (llm.Chunk, llm.State, error) {
	if llm.HasError(w.err) {
		return llm.Chunk{}, llm.Going, llm.NewProviderError(words(0, data))
	}
	c := llm.Chunk{Text: w.content, Reasoning: w.thinking}
	if !w.done {
		return c, llm.Going, nil
	}
	c.Finish = w.doneReason
	if c.Finish == "" {
		c.Finish = "stop"
	}
	c.Usage = &llm.Usage{InputTokens: w.promptEvalCount, OutputTokens: w.evalCount}
	return c, llm.Ended, nil
}

// line is what Parley reads of one NDJSON line of a chat stream, the whole
// answer of a server that did not stream, or an {"error": ...} line.
type line struct {
	content, thinking string
	done              bool
	doneReason        string
	promptEvalCount   int
	evalCount         int
	err               []byte
}

// scanLine reads a line as json.Unmarshal into its shape does: the last
// value of a repeated key wins, and null leaves a field as it was. Tool
// calls are tolerated and ignored (Parley sends no tools).
func scanLine(s *jsonscan.Scanner) (w line) {
	if !s.Object() {
		return w
	}
	for k, ok := s.Key(); ok; k, ok = s.Key() {
		switch {
		case jsonscan.Is(k, "message"):
			s.Read(jsonscan.String("content", &w.content), jsonscan.String("thinking", &w.thinking))
		case jsonscan.Is(k, "error"):
			w.err = s.Raw()
		case s.Null(): // leaves the fields below as they were
		case jsonscan.Is(k, "done"):
			w.done = s.Bool()
		case jsonscan.Is(k, "done_reason"):
			w.doneReason = s.String()
		case jsonscan.Is(k, "prompt_eval_count"):
			w.promptEvalCount = s.Int()
		case jsonscan.Is(k, "eval_count"):
			w.evalCount = s.Int()
		default:
			s.Skip()
		}
	}
	return w
}

// words reads Ollama's {"error": "..."} and its phrases: Ollama has no
// error codes, so its messages are its vocabulary.
func words(status int, raw []byte) llm.Words {
	var w llm.Words
	w.Message, w.Code, w.Type = llm.ParseErrorBody(raw)
	if w.Message == "" {
		var e struct {
			Error json.RawMessage `json:"error"`
		}
		if json.Unmarshal(raw, &e) == nil && llm.HasError(e.Error) {
			w.Message = string(bytes.TrimSpace(e.Error))
		}
	}
	switch m := missingModelRe.FindStringSubmatch(w.Message); {
	case m != nil:
		w.Reason, w.Model = llm.ReasonModelNotFound, m[1]
	case llm.ContainsAny(w.Message, "llama runner process has terminated", "error loading model",
		"unable to load model", "failed to load model", "requires more system memory"):
		w.Reason = llm.ReasonModelLoad
	case llm.ContainsAny(w.Message, "usage limit"):
		w.Reason = llm.ReasonQuota
	case llm.ContainsAny(w.Message, "server busy"):
		w.Reason = llm.ReasonOverloaded
	case status == 404 && llm.ContainsAny(w.Message, "model"):
		w.Reason = llm.ReasonModelNotFound
	}
	return w
}

// ErrNotOllama means /api/tags answered with JSON, but not with Ollama's
// model list: another kind of server listens at that address.
var ErrNotOllama = errors.New("the answer of /api/tags holds no model list: this is not an Ollama server")

// parseTags returns the model names of a /api/tags answer, in its order.
func parseTags(raw []byte) ([]string, error) {
	var w wireTags
	if err := json.Unmarshal(raw, &w); err != nil {
		return nil, fmt.Errorf("decode model list: %w", err)
	}
	if w.Models == nil {
		return nil, ErrNotOllama
	}
	names := make([]string, 0, len(*w.Models))
	for _, m := range *w.Models {
		name := m.Name
		if name == "" {
			name = m.Model
		}
		if name != "" {
			names = append(names, name)
		}
	}
	return names, nil
}

// missingModelRe matches both wordings Ollama uses for a model that is not
// pulled: `model "llama3" not found, try pulling it first` and
// `model 'llama3' not found`.
var missingModelRe = regexp.MustCompile(`^model ["']([^"']+)["'] not found`)

// MissingModel reports the model name when err is Ollama's 404 for a model
// that has not been pulled, so the caller can suggest `ollama pull NAME`.
func MissingModel(err error) (string, bool) {
	var he *llm.HTTPError
	if !errors.As(err, &he) || he.Status != 404 {
		return "", false
	}
	if he.Model != "" {
		return he.Model, true
	}
	m := missingModelRe.FindStringSubmatch(he.Message)
	if m == nil {
		return "", false
	}
	return m[1], true
}
