package openai

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"parley/backend/llm"
	"parley/backend/llm/internal/jsonscan"
)

// wireRequest is the body of POST /chat/completions.
type wireRequest struct {
	Model         string         `json:"model"`
	Messages      []wireMessage  `json:"messages"`
	Stream        bool           `json:"stream"`
	StreamOptions *streamOptions `json:"stream_options,omitempty"`
	MaxTokens     int            `json:"max_tokens,omitempty"`
	Temperature   *float64       `json:"temperature,omitempty"`
	// Per-conversation parameters, set by withParams.
	TopP            *float64 `json:"top_p,omitempty"`
	ReasoningEffort string   `json:"reasoning_effort,omitempty"`
}

type wireMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type streamOptions struct {
	IncludeUsage bool `json:"include_usage"`
}

type wireDelta struct {
	Content          string `json:"content"`
	ReasoningContent string `json:"reasoning_content"`
	Reasoning        string `json:"reasoning"`
}

func toWire(req llm.Request) wireRequest {
	w := wireRequest{
		Model:         req.Model,
		Stream:        true,
		StreamOptions: &streamOptions{IncludeUsage: true},
		MaxTokens:     req.MaxTokens,
		Temperature:   req.Temperature,
	}
	if req.System != "" {
		w.Messages = append(w.Messages, wireMessage{Role: string(llm.RoleSystem), Content: req.System})
	}
	for _, m := range req.Messages {
		w.Messages = append(w.Messages, wireMessage{Role: string(m.Role), Content: m.Content})
	}
	withParams(&w, req)
	return w
}

// withParams sets the per-conversation parameters that are set.
func withParams(w *wireRequest, req llm.Request) {
	w.TopP = req.TopP
	if req.ReasoningEffort != "off" {
		w.ReasoningEffort = req.ReasoningEffort
	}
}

// wireModels is the answer of GET /models.
type wireModels struct {
	Data []struct {
		ID            string `json:"id"`
		ContextLength int    `json:"context_length"`
	} `json:"data"`
}

// decodeEvent reads one SSE event: a chunk, [DONE], or an error object
// some servers send as a data event. A finish reason completes the reply;
// usage may still follow before [DONE].
func decodeEvent(ev llm.Event) (llm.Chunk, llm.State, error) {
	if string(ev.Data) == "[DONE]" {
		return llm.Chunk{}, llm.Ended, nil
	}
	c, err := parseChunk(ev.Data)
	if err != nil {
		return c, llm.Going, err
	}
	if c.Finish != "" {
		return c, llm.Finished, nil
	}
	return c, llm.Going, nil
}

// parseChunk turns one data payload into a neutral chunk, or into a
// [*llm.ProviderError] when the provider reported an error in it. It reads
// the few fields Parley uses in one pass (see scanChunk); what it accepts
// and how it reads it is what json.Unmarshal into [wireChunk] does
// (format_test.go checks the two agree). A document that repeats
// "choices" is left to json.Unmarshal, which reads the second array into
// the elements of the first.
func parseChunk(data []byte) (llm.Chunk, error) {
	var s jsonscan.Scanner
	s.ResetShared(data)
	c := scanChunk(&s)
	if err := s.End(); err != nil {
		return llm.Chunk{}, fmt.Errorf("decode event %.200q: %w", data, err)
	}
	if c.choices > 1 {
		return unmarshalChunk(data)
	}
	if llm.HasError(c.errObj) {
		return llm.Chunk{}, llm.NewProviderError(words(0, data))
	}
	return c.Chunk, nil
}

// chunk is what scanChunk reads of a chunk.
type chunk struct {
	llm.Chunk
	errObj  []byte
	choices int // how many times the key came
}

// scanChunk reads a chunk: choices[].delta (or .message) content and
// reasoning, choices[].finish_reason, usage and error. The text of one
// choice costs one allocation, and nothing else does.
func scanChunk(s *jsonscan.Scanner) (c chunk) {
	if !s.Object() {
		return c
	}
	for k, ok := s.Key(); ok; k, ok = s.Key() {
		switch {
		case jsonscan.Is(k, "choices"):
			c.choices++
			if s.Array() {
				for s.More() {
					scanChoice(s, &c.Chunk)
				}
			}
		case jsonscan.Is(k, "usage"):
			c.Usage = scanUsage(s, c.Usage)
		case jsonscan.Is(k, "error"):
			c.errObj = s.Raw()
		default:
			s.Skip()
		}
	}
	return c
}

func scanChoice(s *jsonscan.Scanner, c *llm.Chunk) {
	var delta, message wireDelta
	var finish string // the last finish_reason; null is none
	if !s.Object() {
		return
	}
	for k, ok := s.Key(); ok; k, ok = s.Key() {
		switch {
		case jsonscan.Is(k, "delta"):
			scanDelta(s, &delta)
		case jsonscan.Is(k, "message"):
			scanDelta(s, &message)
		case jsonscan.Is(k, "finish_reason"):
			finish = s.String()
		default:
			s.Skip()
		}
	}
	if delta == (wireDelta{}) {
		delta = message
	}
	c.Text += delta.Content
	c.Reasoning += delta.ReasoningContent + delta.Reasoning
	if finish != "" {
		c.Finish = finish
	}
}

func scanDelta(s *jsonscan.Scanner, d *wireDelta) {
	s.Read(jsonscan.String("content", &d.Content), jsonscan.String("reasoning_content", &d.ReasoningContent),
		jsonscan.String("reasoning", &d.Reasoning))
}

// scanUsage reads usage into u (a repeated key adds to the first, as
// json.Unmarshal does into a pointer already set); null clears it.
func scanUsage(s *jsonscan.Scanner, u *llm.Usage) *llm.Usage {
	if u = jsonscan.Ptr(s, u); u != nil {
		s.Read(jsonscan.Int("prompt_tokens", &u.InputTokens), jsonscan.Int("completion_tokens", &u.OutputTokens))
	}
	return u
}

// wireChunk is the chunk's shape as json.Unmarshal reads it: a streamed
// chunk (delta) or a whole completion (message), plus an error object some
// servers put in a 200 answer.
type wireChunk struct {
	Choices []struct {
		Delta        wireDelta `json:"delta"`
		Message      wireDelta `json:"message"`
		FinishReason *string   `json:"finish_reason"`
	} `json:"choices"`
	Usage *struct {
		PromptTokens     int `json:"prompt_tokens"`
		CompletionTokens int `json:"completion_tokens"`
	} `json:"usage"`
	Error json.RawMessage `json:"error"`
}

// unmarshalChunk reads a chunk through json.Unmarshal into [wireChunk]:
// what parseChunk does in one pass.
func unmarshalChunk(data []byte) (llm.Chunk, error) {
	var w wireChunk
	if err := json.Unmarshal(data, &w); err != nil {
		return llm.Chunk{}, fmt.Errorf("decode event %.200q: %w", data, err)
	}
	if llm.HasError(w.Error) {
		return llm.Chunk{}, llm.NewProviderError(words(0, data))
	}
	var c llm.Chunk
	for _, ch := range w.Choices {
		d := ch.Delta
		if d == (wireDelta{}) {
			d = ch.Message
		}
		c.Text += d.Content
		c.Reasoning += d.ReasoningContent + d.Reasoning
		if ch.FinishReason != nil && *ch.FinishReason != "" {
			c.Finish = *ch.FinishReason
		}
	}
	if w.Usage != nil {
		c.Usage = &llm.Usage{InputTokens: w.Usage.PromptTokens, OutputTokens: w.Usage.CompletionTokens}
	}
	return c, nil
}

// decodeWhole reads a whole, non-streamed answer.
func decodeWhole(raw []byte) ([]llm.Chunk, error) {
	c, err := parseChunk(raw)
	if err != nil {
		return nil, err
	}
	return llm.WholeChunk(c)
}

// loadFailed reports whether a message says the server could not load the
// model: Ollama's and llama.cpp's words, which their OpenAI-compatible
// endpoints pass on.
func loadFailed(message string) bool {
	return llm.ContainsAny(message, "llama runner process has terminated", "error loading model",
		"unable to load model", "failed to load model", "requires more system memory")
}

// allowedModelsRe finds lists such as "may only use these models: a, b, c"
// (ChatAnywhere's free tier).
var allowedModelsRe = regexp.MustCompile(`(?i)(?:only use|allowed|available)[^:：]*models?\s*[:：]\s*([\w .,:/+-]+)`)

// words reads an error body in OpenAI's shape and the vocabulary of OpenAI
// and of the relays and compatible servers that speak its protocol, which
// pass on their upstreams' words too.
func words(status int, raw []byte) llm.Words {
	var w llm.Words
	w.Message, w.Code, w.Type = llm.ParseErrorBody(raw)
	code := w.Code + " " + w.Type
	text := w.Message + " " + code
	switch {
	case llm.ContainsAny(code, "invalid_api_key", "invalidapikey", "authentication_error", "invalid_authentication"),
		llm.ContainsAny(w.Message, "incorrect api key", "invalid api key", "didn't provide an api key"):
		w.Reason = llm.ReasonKeyRejected
	case llm.ContainsAny(text, "unsupported_country", "country, region, or territory not supported"):
		w.Reason = llm.ReasonRegion
	case llm.ContainsAny(code, "rate_limit", "throttling"):
		w.Reason = llm.ReasonRateLimit
	case llm.ContainsAny(text, "insufficient_quota", "insufficient balance", "insufficient_balance", "arrearage", "billing"),
		(status == 429 || status == 402) && llm.ContainsAny(text, "quota", "balance", "credit"):
		w.Reason = llm.ReasonQuota
	case llm.ContainsAny(text, "content_filter", "content management policy", "datainspectionfailed", "inappropriate content"):
		w.Reason = llm.ReasonContentFiltered
	case llm.ContainsAny(text, "context_length", "context length", "maximum context", "too long"):
		w.Reason = llm.ReasonContextTooLong
	case llm.ContainsAny(code, "model_not_found"),
		(status == 404 || status == 400 || status == 0) && llm.ContainsAny(w.Message, "model") && llm.ContainsAny(w.Message, "does not exist", "not found", "not exist"):
		w.Reason = llm.ReasonModelNotFound
	case loadFailed(w.Message):
		w.Reason = llm.ReasonModelLoad
	case llm.ContainsAny(text, "overload", "server busy"):
		w.Reason = llm.ReasonOverloaded
	}
	if m := allowedModelsRe.FindStringSubmatch(w.Message); m != nil && status == 403 {
		for _, name := range strings.Split(m[1], ",") {
			if name = strings.TrimSpace(name); name != "" {
				w.AllowedModels = append(w.AllowedModels, name)
			}
		}
		w.Reason = llm.ReasonNotAllowed
	}
	if status == 404 && w.Reason == llm.ReasonNone && llm.ContainsAny(w.Message, "model") {
		w.Reason = llm.ReasonModelNotFound
	}
	return w
}
