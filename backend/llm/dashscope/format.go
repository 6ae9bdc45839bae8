package dashscope

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"parley/backend/llm"
	"parley/backend/llm/internal/jsonscan"
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
	usage    llm.Usage
	hasUsage bool
}

// event reads one event: a "result" or an "error". A real finish reason
// completes the reply.
func (d *decoder) event(ev llm.Event) (llm.Chunk, llm.State, error) {
	if ev.Type == "error" {
		return llm.Chunk{}, llm.Going, errorEvent(ev.Data)
	}
	a, err := scanEvent(ev.Data)
	if err != nil {
		return llm.Chunk{}, llm.Going, err
	}
	if a.hasUsage {
		d.usage, d.hasUsage = a.usage, true
	}
	c := a.chunk
	if c.Finish == "" {
		return c, llm.Going, nil
	}
	if d.hasUsage {
		u := d.usage
		c.Usage = &u
	}
	return c, llm.Finished, nil
}

// parseEvent turns one event's data into a neutral chunk without usage, and
// returns the usage the event reported, if any. An event holding an error
// instead of output becomes a [*llm.ProviderError]. It reads the data in
// one pass (see scanAnswer), as json.Unmarshal into [wireAnswer] does
// (format_test.go checks the two agree). An event that repeats
// output.choices is left to json.Unmarshal, which reads the second array
// into the elements of the first.
func parseEvent(data []byte) (llm.Chunk, *llm.Usage, error) {
	a, err := scanEvent(data)
	if err != nil || !a.hasUsage {
		return a.chunk, nil, err
	}
	return a.chunk, &a.usage, nil
}

// scanEvent is [parseEvent] with the usage kept by value, so that the
// events of a stream, which all repeat it, cost no allocation for it.
func scanEvent(data []byte) (answer, error) {
	var s jsonscan.Scanner
	s.ResetShared(data)
	a := scanAnswer(&s)
	if err := s.End(); err != nil {
		return answer{}, fmt.Errorf("decode event %.200q: %w", data, err)
	}
	if a.choices > 1 {
		var err error
		if a, err = unmarshalAnswer(data); err != nil {
			return answer{}, err
		}
	}
	if !a.output && (a.code || a.message) {
		return answer{}, llm.NewProviderError(words(0, data))
	}
	return a, nil
}

// answer is what Parley reads of one event: the output's text, whether
// there was output, the usage (hasUsage: it was given, and not null), and
// whether a code or message was given.
type answer struct {
	chunk         llm.Chunk
	output        bool
	usage         llm.Usage
	hasUsage      bool
	code, message bool
	choices       int // how many times output.choices came
}

func scanAnswer(s *jsonscan.Scanner) (a answer) {
	if !s.Object() {
		return a
	}
	for k, ok := s.Key(); ok; k, ok = s.Key() {
		switch {
		case jsonscan.Is(k, "output"):
			if a.output = scanOutput(s, &a); !a.output {
				a.chunk = llm.Chunk{} // null drops what an earlier output held
			}
		case jsonscan.Is(k, "usage"):
			if !a.hasUsage {
				a.usage = llm.Usage{}
			}
			a.hasUsage = s.Read(jsonscan.Int("input_tokens", &a.usage.InputTokens), jsonscan.Int("output_tokens", &a.usage.OutputTokens))
		case jsonscan.Is(k, "code"):
			a.code = given(s, a.code)
		case jsonscan.Is(k, "message"):
			a.message = given(s, a.message)
		default:
			s.Skip()
		}
	}
	return a
}

// given reads whether a string field holds text; null leaves was.
func given(s *jsonscan.Scanner, was bool) bool {
	if s.Null() {
		return was
	}
	return len(s.Bytes()) > 0
}

// scanOutput reads output.choices into a's chunk and reports whether there
// was an output object.
func scanOutput(s *jsonscan.Scanner, a *answer) bool {
	if !s.Object() {
		return false
	}
	for k, ok := s.Key(); ok; k, ok = s.Key() {
		if !jsonscan.Is(k, "choices") {
			s.Skip()
			continue
		}
		a.choices++
		c := &a.chunk
		*c = llm.Chunk{}
		if !s.Array() {
			continue
		}
		for s.More() {
			text, reasoning, reason := scanChoice(s)
			c.Text += text
			c.Reasoning += reasoning
			if finished(reason) {
				c.Finish = reason
			}
		}
	}
	return true
}

func scanChoice(s *jsonscan.Scanner) (text, reasoning, finish string) {
	if !s.Object() {
		return
	}
	for k, ok := s.Key(); ok; k, ok = s.Key() {
		switch {
		case jsonscan.Is(k, "message"):
			s.Read(jsonscan.String("content", &text), jsonscan.String("reasoning_content", &reasoning))
		case jsonscan.Is(k, "finish_reason"):
			switch f := s.Bytes(); {
			case f == nil: // null leaves it as it was
			case string(f) == "null":
				finish = "null" // while the reply grows: no copy
			default:
				finish = string(f)
			}
		default:
			s.Skip()
		}
	}
	return
}

// wireAnswer is one streamed event or a whole answer as json.Unmarshal
// reads it. An error answer has no output and carries code and message at
// the top level instead.
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

// unmarshalAnswer reads an event through json.Unmarshal into
// [wireAnswer]: what scanAnswer does in one pass.
func unmarshalAnswer(data []byte) (answer, error) {
	var w wireAnswer
	if err := json.Unmarshal(data, &w); err != nil {
		return answer{}, fmt.Errorf("decode event %.200q: %w", data, err)
	}
	a := answer{output: w.Output != nil, code: w.Code != "", message: w.Message != "", hasUsage: w.Usage != nil}
	if w.Output != nil {
		for _, ch := range w.Output.Choices {
			a.chunk.Text += ch.Message.Content
			a.chunk.Reasoning += ch.Message.ReasoningContent
			if finished(ch.FinishReason) {
				a.chunk.Finish = ch.FinishReason
			}
		}
	}
	if w.Usage != nil {
		a.usage = llm.Usage{InputTokens: w.Usage.InputTokens, OutputTokens: w.Usage.OutputTokens}
	}
	return a, nil
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

// decodeWhole reads a whole, non-streamed answer.
func decodeWhole(raw []byte) ([]llm.Chunk, error) {
	c, u, err := parseEvent(raw)
	if err != nil {
		return nil, err
	}
	c.Usage = u
	return llm.WholeChunk(c)
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
