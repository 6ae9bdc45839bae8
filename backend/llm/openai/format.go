package openai

import (
	"encoding/json"
	"fmt"

	"parley/backend/llm"
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

// wireChunk covers both a streamed chunk (delta) and a whole completion
// (message), plus an error object some servers put in a 200 answer.
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

// parseChunk turns one SSE data payload into a neutral chunk, or into a
// [*llm.ProviderError] when the provider reported an error in the stream.
func parseChunk(endpoint string, data []byte) (llm.Chunk, error) {
	var w wireChunk
	if err := json.Unmarshal(data, &w); err != nil {
		return llm.Chunk{}, &llm.StreamError{Endpoint: endpoint, Err: fmt.Errorf("decode event %.200q: %w", data, err)}
	}
	if len(w.Error) > 0 && string(w.Error) != "null" {
		msg, code, typ := llm.ParseErrorBody(data)
		return llm.Chunk{}, &llm.ProviderError{Endpoint: endpoint, Message: msg, Code: code, Type: typ}
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

// parseCompletion reads a whole, non-streamed answer.
func parseCompletion(endpoint string, raw []byte) (llm.Chunk, error) {
	c, err := parseChunk(endpoint, raw)
	if err != nil {
		return c, err
	}
	if c.Text == "" && c.Reasoning == "" && c.Finish == "" {
		return c, &llm.StreamError{Endpoint: endpoint, Err: errNoChoices}
	}
	if c.Finish == "" {
		c.Finish = "stop"
	}
	return c, nil
}
