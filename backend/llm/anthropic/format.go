package anthropic

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"parley/backend/llm"
	"parley/backend/llm/internal/jsonscan"
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

// words reads Anthropic's error body and its vocabulary. Code is the
// optional error.details.error_code, which tells a spend limit from a rate
// limit.
func words(status int, raw []byte) llm.Words {
	var w llm.Words
	var e wireError
	if json.Unmarshal(bytes.TrimSpace(raw), &e) != nil || e.Error.Type == "" {
		w.Message, w.Code, w.Type = llm.ParseErrorBody(raw) // a proxy's or relay's own error
	} else {
		w.Message, w.Type = e.Error.Message, e.Error.Type
		if e.Error.Details != nil {
			w.Code = e.Error.Details.ErrorCode
		}
	}
	switch {
	case w.Type == "authentication_error":
		w.Reason = llm.ReasonKeyRejected
	case w.Type == "billing_error", llm.ContainsAny(w.Code, "spend_limit"),
		llm.ContainsAny(w.Message, "credit balance is too low"):
		w.Reason = llm.ReasonQuota
	case w.Type == "rate_limit_error":
		w.Reason = llm.ReasonRateLimit
	case w.Type == "overloaded_error":
		w.Reason = llm.ReasonOverloaded
	case w.Type == "request_too_large", llm.ContainsAny(w.Message, "prompt is too long"):
		w.Reason = llm.ReasonContextTooLong
	case w.Type == "not_found_error" && strings.HasPrefix(w.Message, "model:"):
		w.Reason, w.Model = llm.ReasonModelNotFound, strings.TrimSpace(strings.TrimPrefix(w.Message, "model:"))
	case w.Type == "permission_error":
		w.Reason = llm.ReasonNotAllowed
	default:
		w.Reason = relayReason(w)
	}
	return w
}

// relayReason reads the words of a relay or gateway speaking this protocol
// in front of another provider, which passes on its upstream's codes
// (OpenAI's) and phrases.
func relayReason(w llm.Words) llm.Reason {
	code := w.Code + " " + w.Type
	switch {
	case llm.ContainsAny(code, "invalid_api_key", "authentication"), llm.ContainsAny(w.Message, "invalid api key", "invalid x-api-key"):
		return llm.ReasonKeyRejected
	case llm.ContainsAny(code, "insufficient_quota"):
		return llm.ReasonQuota
	case llm.ContainsAny(code, "rate_limit"):
		return llm.ReasonRateLimit
	case llm.ContainsAny(code, "model_not_found"):
		return llm.ReasonModelNotFound
	case llm.ContainsAny(w.Message+" "+code, "overloaded"):
		return llm.ReasonOverloaded
	}
	return llm.ReasonNone
}

// providerError words an error the provider reported with a 2xx status.
func providerError(raw []byte) *llm.ProviderError {
	w := words(0, raw)
	if w.Message == "" {
		w.Message = fmt.Sprintf("%.300s", bytes.TrimSpace(raw))
	}
	return llm.NewProviderError(w)
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
	inputTokens int
}

// event handles one SSE event. Only message_stop completes the reply.
func (d *decoder) event(ev llm.Event) (c llm.Chunk, st llm.State, err error) {
	if ev.Type == "error" {
		// Whatever its data holds, JSON or not, it is the provider's error.
		return c, llm.Going, providerError(ev.Data)
	}
	if ev.Type == "content_block_delta" || ev.Type == "ping" || ev.Type == "content_block_stop" || ev.Type == "" {
		if c, ok := fastDelta(ev.Data); ok {
			return c, llm.Going, nil
		}
	}
	return d.general(ev)
}

// general handles any event, through json.Unmarshal.
func (d *decoder) general(ev llm.Event) (c llm.Chunk, st llm.State, err error) {
	var w wireEvent
	if err := json.Unmarshal(ev.Data, &w); err != nil {
		return c, llm.Going, fmt.Errorf("decode %s event %.200q: %w", ev.Type, ev.Data, err)
	}
	if w.Type == "" {
		w.Type = ev.Type
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
		return c, llm.Ended, nil
	case "error":
		return c, llm.Going, providerError(ev.Data)
	}
	// ping, content_block_stop and event types added later carry no text.
	return c, llm.Going, nil
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

// fastDelta reads the events nearly every one of a stream is, a
// content_block_delta (in one pass, its text sharing the event's bytes), a ping
// or a content_block_stop (no allocation). It reports false for any event
// it does not fully read as json.Unmarshal into [wireEvent] would, which
// then takes the general path.
func fastDelta(data []byte) (llm.Chunk, bool) {
	var s jsonscan.Scanner
	s.ResetShared(data)
	var d wireDelta
	var typ string
	hasDelta := false
	if !s.Object() {
		return llm.Chunk{}, false
	}
	for k, ok := s.Key(); ok; k, ok = s.Key() {
		switch {
		case jsonscan.Is(k, "type"):
			if !s.Null() {
				typ = s.String()
			}
		case jsonscan.Is(k, "delta"):
			if hasDelta = fastDeltaBody(&s, &d); !hasDelta {
				return llm.Chunk{}, false
			}
		case jsonscan.Is(k, "message"), jsonscan.Is(k, "content_block"), jsonscan.Is(k, "usage"),
			jsonscan.Is(k, "error"), jsonscan.Is(k, "content"), jsonscan.Is(k, "stop_reason"):
			return llm.Chunk{}, false // read by the general path only
		default:
			s.Skip()
		}
	}
	switch {
	case s.End() != nil:
		return llm.Chunk{}, false
	case typ == "ping" || typ == "content_block_stop":
		return llm.Chunk{}, true
	case typ == "content_block_delta" && hasDelta:
		return deltaChunk(d), true
	}
	return llm.Chunk{}, false
}

// fastDeltaBody reads a content_block_delta's delta into d, as
// json.Unmarshal does (a repeated delta adds to the first); the type
// decides which text is kept. The texts share the event's bytes (no copy)
// unless they hold escapes.
func fastDeltaBody(s *jsonscan.Scanner, d *wireDelta) bool {
	return s.Read(jsonscan.String("type", &d.Type), jsonscan.String("text", &d.Text),
		jsonscan.String("thinking", &d.Thinking), jsonscan.String("stop_reason", &d.StopReason)) && s.Err() == nil
}

// blockChunk keeps any text a content block starts with (normally empty).
func blockChunk(b wireBlock) llm.Chunk {
	return textChunk(b.Type, "text", "thinking", b.Text, b.Thinking)
}

// deltaChunk reads text and thinking deltas; signatures and tool-call JSON
// are not shown to the user and are skipped.
func deltaChunk(d wireDelta) llm.Chunk {
	return textChunk(d.Type, "text_delta", "thinking_delta", d.Text, d.Thinking)
}

// textChunk is the text of a block or delta of type typ, whose types of
// text and of thinking are textType and thinkingType; any other type holds
// nothing to show.
func textChunk(typ, textType, thinkingType, text, thinking string) llm.Chunk {
	switch typ {
	case textType:
		return llm.Chunk{Text: text}
	case thinkingType:
		return llm.Chunk{Reasoning: thinking}
	}
	return llm.Chunk{}
}

// errNoMessage is returned for a JSON answer that holds neither a message
// nor an error.
var errNoMessage = errors.New("answer holds no message")

// decodeWhole reads a whole, non-streamed answer: a message or an error.
func decodeWhole(raw []byte) ([]llm.Chunk, error) {
	var w wireEvent
	if err := json.Unmarshal(raw, &w); err != nil {
		return nil, fmt.Errorf("decode answer %.200q: %w", raw, err)
	}
	if w.Type == "error" || llm.HasError(w.Error) {
		return nil, providerError(raw)
	}
	if w.Type != "message" {
		return nil, errNoMessage
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
	return []llm.Chunk{c}, nil
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
