package dashscope

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	sse "github.com/tmaxmax/go-sse"

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

// parseEvent turns one event's data into a neutral chunk without usage, and
// returns the usage the event reported, if any. DashScope repeats the running
// usage in every event, so the caller attaches only the last one. An event
// holding an error instead of output becomes a [*llm.ProviderError].
func parseEvent(endpoint string, data []byte) (llm.Chunk, *llm.Usage, error) {
	var w wireAnswer
	if err := json.Unmarshal(data, &w); err != nil {
		return llm.Chunk{}, nil, &llm.StreamError{Endpoint: endpoint, Err: fmt.Errorf("decode event %.200q: %w", data, err)}
	}
	if w.Output == nil && (w.Code != "" || w.Message != "") {
		return llm.Chunk{}, nil, &llm.ProviderError{Endpoint: endpoint, Message: w.Message, Code: w.Code}
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
func errorEvent(endpoint, data string) error {
	msg, code, typ := llm.ParseErrorBody([]byte(data))
	if msg == "" && code == "" {
		msg = strings.TrimSpace(data)
	}
	return &llm.ProviderError{Endpoint: endpoint, Message: msg, Code: code, Type: typ}
}

// errNoOutput is returned for a JSON answer that holds neither a reply nor an error.
var errNoOutput = errors.New("answer holds no output")

// parseWhole reads a whole, non-streamed answer.
func parseWhole(endpoint string, raw []byte) (llm.Chunk, error) {
	c, u, err := parseEvent(endpoint, raw)
	if err != nil {
		return c, err
	}
	if c.Text == "" && c.Reasoning == "" && c.Finish == "" {
		return c, &llm.StreamError{Endpoint: endpoint, Err: errNoOutput}
	}
	if c.Finish == "" {
		c.Finish = "stop"
	}
	c.Usage = u
	return c, nil
}

// fillFromEvents completes an HTTP error whose body is an event stream, as
// DashScope sends when X-DashScope-SSE is set and the request is refused
// (for example a 400 DataInspectionFailed): the code and message are in the
// data of its error event, which [llm.ParseErrorBody] cannot see.
func fillFromEvents(e *llm.HTTPError) {
	if e.Message != "" || !strings.Contains(e.Body, "data:") {
		return
	}
	for ev, err := range sse.Read(strings.NewReader(e.Body), &sse.ReadConfig{MaxEventSize: llm.MaxEventSize}) {
		if err != nil {
			return
		}
		if msg, code, typ := llm.ParseErrorBody([]byte(ev.Data)); msg != "" || code != "" {
			e.Message, e.Code, e.Type = msg, code, typ
		}
	}
}

// parseModels reads the model ids out of an OpenAI-compatible list.
func parseModels(raw []byte) ([]string, error) {
	var w wireModels
	if err := json.Unmarshal(raw, &w); err != nil {
		return nil, fmt.Errorf("decode model list: %w", err)
	}
	ids := make([]string, 0, len(w.Data))
	for _, m := range w.Data {
		if m.ID != "" {
			ids = append(ids, m.ID)
		}
	}
	return ids, nil
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
