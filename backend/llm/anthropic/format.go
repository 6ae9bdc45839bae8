package anthropic

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"parley/backend/llm"
)

// DefaultMaxTokens is sent when a request leaves MaxTokens at zero: the
// Messages API refuses a request without max_tokens.
const DefaultMaxTokens = 4096

// wireRequest is the body of POST /v1/messages.
type wireRequest struct {
	Model       string        `json:"model"`
	MaxTokens   int           `json:"max_tokens"`
	System      string        `json:"system,omitempty"`
	Messages    []wireMessage `json:"messages"`
	Temperature *float64      `json:"temperature,omitempty"`
	Stream      bool          `json:"stream"`
	// Per-conversation parameters, set by withParams.
	TopP     *float64      `json:"top_p,omitempty"`
	Thinking *wireThinking `json:"thinking,omitempty"`
}

type wireThinking struct {
	Type         string `json:"type"`
	BudgetTokens int    `json:"budget_tokens"`
}

type wireMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// wireEvent covers every streamed event Parley reads; fields an event does
// not carry stay empty. It also reads a whole, non-streamed message.
type wireEvent struct {
	Type         string          `json:"type"`
	Message      *wireMessageEnd `json:"message"`
	ContentBlock *wireBlock      `json:"content_block"`
	Delta        *wireDelta      `json:"delta"`
	Usage        *wireUsage      `json:"usage"`
	Error        json.RawMessage `json:"error"`
	// Content and StopReason are set on a whole message.
	Content    []wireBlock `json:"content"`
	StopReason string      `json:"stop_reason"`
}

type wireMessageEnd struct {
	Usage wireUsage `json:"usage"`
}

// wireBlock is a content block: text, thinking, tool_use, redacted_thinking.
type wireBlock struct {
	Type     string `json:"type"`
	Text     string `json:"text"`
	Thinking string `json:"thinking"`
}

// wireDelta is a content_block_delta's delta (text_delta, thinking_delta,
// signature_delta, input_json_delta) or a message_delta's delta.
type wireDelta struct {
	Type       string `json:"type"`
	Text       string `json:"text"`
	Thinking   string `json:"thinking"`
	StopReason string `json:"stop_reason"`
}

type wireUsage struct {
	InputTokens              int `json:"input_tokens"`
	OutputTokens             int `json:"output_tokens"`
	CacheCreationInputTokens int `json:"cache_creation_input_tokens"`
	CacheReadInputTokens     int `json:"cache_read_input_tokens"`
}

// input counts every input token, cached or not.
func (u wireUsage) input() int {
	return u.InputTokens + u.CacheCreationInputTokens + u.CacheReadInputTokens
}

// wireError is Anthropic's error body, sent both as an HTTP answer and as
// the data of an error event.
type wireError struct {
	Error struct {
		Type    string `json:"type"`
		Message string `json:"message"`
		Details *struct {
			ErrorCode string `json:"error_code"`
		} `json:"details"`
	} `json:"error"`
}

func toWire(req llm.Request) wireRequest {
	w := wireRequest{
		Model:       req.Model,
		MaxTokens:   req.MaxTokens,
		Temperature: req.Temperature,
		Stream:      true,
		Messages:    make([]wireMessage, 0, len(req.Messages)),
	}
	if w.MaxTokens <= 0 {
		w.MaxTokens = DefaultMaxTokens
	}
	var system []string
	if req.System != "" {
		system = append(system, req.System)
	}
	for _, m := range req.Messages {
		if m.Role == llm.RoleSystem {
			// The API has no system role; system text goes to the top level.
			system = append(system, m.Content)
			continue
		}
		w.Messages = append(w.Messages, wireMessage{Role: string(m.Role), Content: m.Content})
	}
	w.System = strings.Join(system, "\n\n")
	withParams(&w, req)
	return w
}

// parseError reads Anthropic's error body. Code is the optional
// error.details.error_code, which tells a spend limit from a rate limit.
func parseError(raw []byte) (message, code, typ string, ok bool) {
	var w wireError
	if json.Unmarshal(bytes.TrimSpace(raw), &w) != nil || w.Error.Type == "" && w.Error.Message == "" {
		return "", "", "", false
	}
	if w.Error.Details != nil {
		code = w.Error.Details.ErrorCode
	}
	return w.Error.Message, code, w.Error.Type, true
}

// fillHTTPError puts Anthropic's own words into e when its body holds them.
func fillHTTPError(e *llm.HTTPError) *llm.HTTPError {
	if msg, code, typ, ok := parseError([]byte(e.Body)); ok {
		e.Message, e.Type = msg, typ
		if code != "" {
			e.Code = code
		}
	}
	return e
}

// providerError words an error the provider reported with a 2xx status.
func providerError(endpoint string, raw []byte) *llm.ProviderError {
	msg, code, typ, _ := parseError(raw)
	if msg == "" {
		msg = fmt.Sprintf("%.300s", bytes.TrimSpace(raw))
	}
	return &llm.ProviderError{Endpoint: endpoint, Message: msg, Code: code, Type: typ}
}

// finish names a stop_reason as the other adapters do, so the UI can tell a
// reply cut by max_tokens from a complete one; other reasons pass verbatim.
func finish(stopReason string) string {
	switch stopReason {
	case "end_turn", "stop_sequence":
		return "stop"
	case "max_tokens", "model_context_window_exceeded":
		return "length"
	}
	return stopReason
}

// decoder turns stream events into chunks; it remembers the input tokens
// message_start reported until message_delta gives the output count.
type decoder struct {
	endpoint    string
	inputTokens int
}

// event handles one SSE event. done is true once message_stop arrived: only
// then is the reply complete.
func (d *decoder) event(name string, data []byte) (c llm.Chunk, done bool, err error) {
	var w wireEvent
	if err := json.Unmarshal(data, &w); err != nil {
		return c, false, &llm.StreamError{Endpoint: d.endpoint, Err: fmt.Errorf("decode %s event %.200q: %w", name, data, err)}
	}
	if w.Type == "" {
		w.Type = name
	}
	switch w.Type {
	case "message_start":
		if w.Message != nil {
			d.inputTokens = w.Message.Usage.input()
		}
	case "content_block_start":
		if w.ContentBlock != nil {
			c = blockChunk(*w.ContentBlock)
		}
	case "content_block_delta":
		if w.Delta != nil {
			c = deltaChunk(*w.Delta)
		}
	case "message_delta":
		c = d.messageDelta(w)
	case "message_stop":
		return c, true, nil
	case "error":
		return c, false, providerError(d.endpoint, data)
	}
	// ping, content_block_stop and event types added later carry no text.
	return c, false, nil
}

func (d *decoder) messageDelta(w wireEvent) llm.Chunk {
	var c llm.Chunk
	if w.Delta != nil {
		c.Finish = finish(w.Delta.StopReason)
	}
	if w.Usage != nil {
		// message_delta usage is cumulative; newer versions repeat the input.
		if in := w.Usage.input(); in > 0 {
			d.inputTokens = in
		}
		c.Usage = &llm.Usage{InputTokens: d.inputTokens, OutputTokens: w.Usage.OutputTokens}
	}
	return c
}

// blockChunk keeps any text a content block starts with (normally empty).
func blockChunk(b wireBlock) llm.Chunk {
	switch b.Type {
	case "text":
		return llm.Chunk{Text: b.Text}
	case "thinking":
		return llm.Chunk{Reasoning: b.Thinking}
	}
	return llm.Chunk{}
}

// deltaChunk reads text and thinking deltas; signatures and tool-call JSON
// are not shown to the user and are skipped.
func deltaChunk(d wireDelta) llm.Chunk {
	switch d.Type {
	case "text_delta":
		return llm.Chunk{Text: d.Text}
	case "thinking_delta":
		return llm.Chunk{Reasoning: d.Thinking}
	}
	return llm.Chunk{}
}

// errNoMessage is returned for a JSON answer that holds neither a message
// nor an error.
var errNoMessage = fmt.Errorf("answer holds no message")

// parseWhole reads a whole, non-streamed answer: a message or an error.
func parseWhole(endpoint string, raw []byte) (llm.Chunk, error) {
	var w wireEvent
	if err := json.Unmarshal(raw, &w); err != nil {
		return llm.Chunk{}, &llm.StreamError{Endpoint: endpoint, Err: fmt.Errorf("decode answer %.200q: %w", raw, err)}
	}
	if w.Type == "error" || len(w.Error) > 0 && string(w.Error) != "null" {
		return llm.Chunk{}, providerError(endpoint, raw)
	}
	if w.Type != "message" {
		return llm.Chunk{}, &llm.StreamError{Endpoint: endpoint, Err: errNoMessage}
	}
	var c llm.Chunk
	for _, b := range w.Content {
		bc := blockChunk(b)
		c.Text += bc.Text
		c.Reasoning += bc.Reasoning
	}
	c.Finish = finish(w.StopReason)
	if c.Finish == "" {
		c.Finish = "stop"
	}
	if w.Usage != nil {
		c.Usage = &llm.Usage{InputTokens: w.Usage.input(), OutputTokens: w.Usage.OutputTokens}
	}
	return c, nil
}

// withParams sets the per-conversation parameters that are set. Thinking
// needs max_tokens above its budget, so a budget raises a smaller cap.
func withParams(w *wireRequest, req llm.Request) {
	w.TopP = req.TopP
	if b := req.ThinkingBudget; b != nil && *b > 0 {
		w.Thinking = &wireThinking{Type: "enabled", BudgetTokens: *b}
		if w.MaxTokens <= *b {
			w.MaxTokens = *b + DefaultMaxTokens
		}
	}
}
