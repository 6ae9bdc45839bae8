package dashscope

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"parley/backend/llm"
)

// wireRequest is the body of POST /api/v1/services/aigc/text-generation/generation.
type wireRequest struct {
	Model      string         `json:"model"`
	Input      wireInput      `json:"input"`
	Parameters wireParameters `json:"parameters"`
}

type wireInput struct {
	Messages []wireMessage `json:"messages"`
}

type wireMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// wireParameters asks for the "message" result format, which carries
// reasoning_content, and for incremental output, so each event holds only
// the new text rather than everything so far.
type wireParameters struct {
	ResultFormat      string   `json:"result_format"`
	IncrementalOutput bool     `json:"incremental_output"`
	MaxTokens         int      `json:"max_tokens,omitempty"`
	Temperature       *float64 `json:"temperature,omitempty"`
	// Per-conversation parameters, set by withParams.
	TopP           *float64 `json:"top_p,omitempty"`
	EnableThinking *bool    `json:"enable_thinking,omitempty"`
	ThinkingBudget *int     `json:"thinking_budget,omitempty"`
}

// wireAnswer is one streamed event or a whole answer. An error answer has
// no output and carries code and message at the top level instead.
type wireAnswer struct {
	Output *struct {
		Choices []struct {
			Message struct {
				Content          string `json:"content"`
				ReasoningContent string `json:"reasoning_content"`
			} `json:"message"`
			// FinishReason is the string "null" while the reply grows.
			FinishReason string `json:"finish_reason"`
		} `json:"choices"`
	} `json:"output"`
	Usage *struct {
		InputTokens  int `json:"input_tokens"`
		OutputTokens int `json:"output_tokens"`
	} `json:"usage"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// wireModels is the OpenAI-compatible model list.
type wireModels struct {
	Data []struct {
		ID string `json:"id"`
	} `json:"data"`
}

func toWire(req llm.Request) wireRequest {
	w := wireRequest{
		Model: req.Model,
		Parameters: wireParameters{
			ResultFormat:      "message",
			IncrementalOutput: true,
			MaxTokens:         req.MaxTokens,
			Temperature:       req.Temperature,
		},
	}
	if req.System != "" {
		w.Input.Messages = append(w.Input.Messages, wireMessage{Role: string(llm.RoleSystem), Content: req.System})
	}
	for _, m := range req.Messages {
		w.Input.Messages = append(w.Input.Messages, wireMessage{Role: string(m.Role), Content: m.Content})
	}
	withParams(&w.Parameters, req)
	return w
}

// finished reports whether a finish_reason ends the reply: DashScope sends
// the string "null" (or nothing) until the last event.
func finished(reason string) bool {
	return reason != "" && reason != "null"
}

// decoder turns events into chunks. DashScope repeats the running usage in
// every event, so only the last total seen rides on the finishing chunk.
type decoder struct {
	usage *llm.Usage
}

// event reads one event: a "result" or an "error". A real finish reason
// completes the reply.
func (d *decoder) event(ev llm.Event) (llm.Chunk, llm.State, error) {
	if ev.Type == "error" {
		return llm.Chunk{}, llm.Going, errorEvent(ev.Data)
	}
	c, u, err := parseEvent(ev.Data)
	if err != nil {
		return c, llm.Going, err
	}
	if u != nil {
		d.usage = u
	}
	if c.Finish == "" {
		return c, llm.Going, nil
	}
	c.Usage = d.usage
	return c, llm.Finished, nil
}

// parseEvent turns one event's data into a neutral chunk without usage, and
// returns the usage the event reported, if any. An event holding an error
// instead of output becomes a [*llm.ProviderError].
func parseEvent(data []byte) (llm.Chunk, *llm.Usage, error) {
	var w wireAnswer
	if err := json.Unmarshal(data, &w); err != nil {
		return llm.Chunk{}, nil, fmt.Errorf("decode event %.200q: %w", data, err)
	}
	if w.Output == nil && (w.Code != "" || w.Message != "") {
		return llm.Chunk{}, nil, llm.NewProviderError(words(0, data))
	}
	var c llm.Chunk
	if w.Output != nil {
		for _, ch := range w.Output.Choices {
			c.Text += ch.Message.Content
			c.Reasoning += ch.Message.ReasoningContent
			if finished(ch.FinishReason) {
				c.Finish = ch.FinishReason
			}
		}
	}
	var u *llm.Usage
	if w.Usage != nil {
		u = &llm.Usage{InputTokens: w.Usage.InputTokens, OutputTokens: w.Usage.OutputTokens}
	}
	return c, u, nil
}

// errorEvent turns the data of an `event:error` into a [*llm.ProviderError],
// keeping DashScope's code and message verbatim.
func errorEvent(data []byte) error {
	w := words(0, data)
	if w.Message == "" && w.Code == "" {
		w.Message = strings.TrimSpace(string(data))
	}
	return llm.NewProviderError(w)
}

// errNoOutput is returned for a JSON answer that holds neither a reply nor an error.
var errNoOutput = errors.New("answer holds no output")

// decodeWhole reads a whole, non-streamed answer.
func decodeWhole(raw []byte) ([]llm.Chunk, error) {
	c, u, err := parseEvent(raw)
	if err != nil {
		return nil, err
	}
	if c.Text == "" && c.Reasoning == "" && c.Finish == "" {
		return nil, errNoOutput
	}
	if c.Finish == "" {
		c.Finish = "stop"
	}
	c.Usage = u
	return []llm.Chunk{c}, nil
}

// words reads DashScope's {"code","message"} and its codes. An error body
// that is an event stream, as DashScope sends when X-DashScope-SSE is set
// and the request is refused (a 400 DataInspectionFailed), holds the words
// in the data of its error event.
func words(status int, raw []byte) llm.Words {
	var w llm.Words
	w.Message, w.Code, w.Type = llm.ParseErrorBody(raw)
	if w.Message == "" && w.Code == "" && bytes.Contains(raw, []byte("data:")) {
		for ev, err := range llm.ReadSSE(bytes.NewReader(raw)) {
			if err != nil {
				break
			}
			if msg, code, typ := llm.ParseErrorBody(ev.Data); msg != "" || code != "" {
				w.Message, w.Code, w.Type = msg, code, typ
			}
		}
	}
	code := strings.ToLower(w.Code)
	switch {
	case code == "invalidapikey" || code == "invalid_api_key":
		w.Reason = llm.ReasonKeyRejected
	case strings.HasPrefix(code, "throttling"):
		w.Reason = llm.ReasonRateLimit
	case code == "arrearage" || strings.HasSuffix(code, "freetieronly"):
		w.Reason = llm.ReasonQuota
	case code == "datainspectionfailed" || llm.ContainsAny(w.Message, "inappropriate content"):
		w.Reason = llm.ReasonContentFiltered
	case code == "modelnotfound" || code == "model_not_found" || llm.ContainsAny(w.Message, "model not exist"):
		w.Reason = llm.ReasonModelNotFound
	case code == "model.accessdenied" || code == "accessdenied.unpurchased":
		w.Reason = llm.ReasonNotAllowed
	}
	return w
}

// withParams sets the per-conversation parameters that are set: thinking
// is on for a reasoning effort or a budget, off for effort "off".
func withParams(p *wireParameters, req llm.Request) {
	p.TopP = req.TopP
	on := req.ReasoningEffort != "" && req.ReasoningEffort != "off"
	if b := req.ThinkingBudget; b != nil && *b > 0 {
		on, p.ThinkingBudget = true, b
	}
	if on || req.ReasoningEffort == "off" {
		p.EnableThinking = &on
	}
}
