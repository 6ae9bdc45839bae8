package gemini

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"parley/backend/llm"
)

// promptBlocked prefixes the Finish value of a reply Gemini refused to start
// because it blocked the prompt itself (promptFeedback.blockReason), so
// "PROMPT_BLOCKED_SAFETY" tells a blocked question from a blocked answer
// ("SAFETY").
const promptBlocked = "PROMPT_BLOCKED_"

// wireRequest is the body of POST models/{model}:streamGenerateContent.
type wireRequest struct {
	Contents          []wireContent     `json:"contents"`
	SystemInstruction *wireContent      `json:"systemInstruction,omitempty"`
	GenerationConfig  *generationConfig `json:"generationConfig,omitempty"`
}

type wireContent struct {
	Role  string     `json:"role,omitempty"`
	Parts []wirePart `json:"parts"`
}

// wirePart is one part of a content. Parts Parley does not use (function
// calls, inline data, thought signatures) are ignored when decoding.
type wirePart struct {
	Text    string `json:"text"`
	Thought bool   `json:"thought,omitempty"`
}

type generationConfig struct {
	MaxOutputTokens int             `json:"maxOutputTokens,omitempty"`
	Temperature     *float64        `json:"temperature,omitempty"`
	ThinkingConfig  *thinkingConfig `json:"thinkingConfig,omitempty"`
	// Per-conversation parameters, set by withParams.
	TopP *float64 `json:"topP,omitempty"`
}

type thinkingConfig struct {
	IncludeThoughts bool `json:"includeThoughts"`
	// ThinkingBudget is set by withParams.
	ThinkingBudget *int `json:"thinkingBudget,omitempty"`
}

// wireResponse is one GenerateContentResponse: a streamed event or a whole
// answer, or an error object in its place.
type wireResponse struct {
	Candidates []struct {
		Content struct {
			Parts []wirePart `json:"parts"`
		} `json:"content"`
		FinishReason string `json:"finishReason"`
	} `json:"candidates"`
	PromptFeedback *struct {
		BlockReason string `json:"blockReason"`
	} `json:"promptFeedback"`
	UsageMetadata *struct {
		PromptTokenCount     int `json:"promptTokenCount"`
		CandidatesTokenCount int `json:"candidatesTokenCount"`
		ThoughtsTokenCount   int `json:"thoughtsTokenCount"`
	} `json:"usageMetadata"`
	Error json.RawMessage `json:"error"`
}

// wireError is Google's error body. Details carry the machine-readable
// reason: an ErrorInfo reason (API_KEY_INVALID) or, for quotas, the id of
// the quota that ran out.
type wireError struct {
	Error struct {
		Message string `json:"message"`
		Status  string `json:"status"`
		Details []struct {
			Reason     string `json:"reason"`
			Violations []struct {
				QuotaID string `json:"quotaId"`
			} `json:"violations"`
		} `json:"details"`
	} `json:"error"`
}

// toWire builds the request body. Assistant turns are "model" turns; system
// text goes to systemInstruction. thoughts asks for thought summaries, which
// some models refuse.
func toWire(req llm.Request, thoughts bool) wireRequest {
	var w wireRequest
	system := req.System
	for _, m := range req.Messages {
		switch m.Role {
		case llm.RoleSystem:
			system = strings.TrimSpace(system + "\n\n" + m.Content)
		case llm.RoleAssistant:
			w.Contents = append(w.Contents, wireContent{Role: "model", Parts: []wirePart{{Text: m.Content}}})
		default:
			w.Contents = append(w.Contents, wireContent{Role: "user", Parts: []wirePart{{Text: m.Content}}})
		}
	}
	if system != "" {
		w.SystemInstruction = &wireContent{Parts: []wirePart{{Text: system}}}
	}
	cfg := &generationConfig{MaxOutputTokens: req.MaxTokens, Temperature: req.Temperature}
	if thoughts {
		cfg.ThinkingConfig = &thinkingConfig{IncludeThoughts: true}
	}
	withParams(cfg, req)
	if *cfg != (generationConfig{}) {
		w.GenerationConfig = cfg
	}
	return w
}

// parseEvent turns one GenerateContentResponse into a neutral chunk, or into
// a [*llm.ProviderError] when Gemini reported an error in its place. Thought
// parts are reasoning; a finishReason, or a blocked prompt, ends the reply.
func parseEvent(endpoint, key string, data []byte) (llm.Chunk, error) {
	var w wireResponse
	if err := json.Unmarshal(data, &w); err != nil {
		return llm.Chunk{}, &llm.StreamError{Endpoint: endpoint, Err: fmt.Errorf("decode event %.200q: %w", scrub(string(data), key), err)}
	}
	if len(w.Error) > 0 && string(w.Error) != "null" {
		msg, code, typ := parseError(data)
		return llm.Chunk{}, &llm.ProviderError{Endpoint: endpoint, Message: scrub(msg, key), Code: code, Type: typ}
	}
	var c llm.Chunk
	if len(w.Candidates) > 0 {
		cand := w.Candidates[0]
		for _, p := range cand.Content.Parts {
			if p.Thought {
				c.Reasoning += p.Text
			} else {
				c.Text += p.Text
			}
		}
		if cand.FinishReason != "" && cand.FinishReason != "FINISH_REASON_UNSPECIFIED" {
			c.Finish = cand.FinishReason
		}
	} else if w.PromptFeedback != nil && w.PromptFeedback.BlockReason != "" {
		c.Finish = promptBlocked + w.PromptFeedback.BlockReason
	}
	if u := w.UsageMetadata; u != nil {
		c.Usage = &llm.Usage{InputTokens: u.PromptTokenCount, OutputTokens: u.CandidatesTokenCount + u.ThoughtsTokenCount}
	}
	return c, nil
}

// parseError reads Google's error body, alone or as the first element of
// an array (how a non-SSE stream reports it). Code is the most specific
// reason found: the ErrorInfo reason, else the exhausted quota's id, else
// the status; Type is the status (INVALID_ARGUMENT, RESOURCE_EXHAUSTED, ...).
func parseError(raw []byte) (message, code, typ string) {
	raw = bytes.TrimSpace(raw)
	var list []json.RawMessage
	if len(raw) > 0 && raw[0] == '[' && json.Unmarshal(raw, &list) == nil && len(list) > 0 {
		raw = list[0]
	}
	message, code, typ = llm.ParseErrorBody(raw)
	var w wireError
	if json.Unmarshal(raw, &w) != nil || w.Error.Status == "" {
		return message, code, typ // not Google's shape: a relay's own error
	}
	message, typ, code = w.Error.Message, w.Error.Status, w.Error.Status
	for _, d := range w.Error.Details {
		if d.Reason != "" {
			return message, d.Reason, typ
		}
	}
	for _, d := range w.Error.Details {
		for _, v := range d.Violations {
			if v.QuotaID != "" {
				return message, v.QuotaID, typ
			}
		}
	}
	return message, code, typ
}

// fixHTTPError fills e with Gemini's own reason and removes the key, which
// Google quotes in some messages ("Consumer 'api_key:…' has been suspended").
func fixHTTPError(e *llm.HTTPError, key string) {
	if msg, code, typ := parseError([]byte(e.Body)); msg != "" || code != "" {
		e.Message, e.Code, e.Type = msg, code, typ
	}
	e.Message = scrub(e.Message, key)
	e.Body = scrub(e.Body, key)
}

// scrub replaces every copy of key in s with a masked hint, so an error text
// can name the key without revealing it.
func scrub(s, key string) string {
	if key == "" || !strings.Contains(s, key) {
		return s
	}
	mask := "…"
	if len(key) >= 16 {
		mask = key[:4] + "…" + key[len(key)-4:]
	}
	return strings.ReplaceAll(s, key, mask)
}

// modelList is one page of GET models.
type modelList struct {
	Models []struct {
		Name                       string   `json:"name"`
		SupportedGenerationMethods []string `json:"supportedGenerationMethods"`
	} `json:"models"`
	NextPageToken string `json:"nextPageToken"`
}

// chatModels returns the names of the models that can generate content,
// without the "models/" prefix.
func (l modelList) chatModels() []string {
	var names []string
	for _, m := range l.Models {
		if slices.Contains(m.SupportedGenerationMethods, "generateContent") {
			names = append(names, strings.TrimPrefix(m.Name, "models/"))
		}
	}
	return names
}

// withParams sets the per-conversation parameters that are set.
func withParams(cfg *generationConfig, req llm.Request) {
	cfg.TopP = req.TopP
	if req.ThinkingBudget != nil {
		if cfg.ThinkingConfig == nil {
			cfg.ThinkingConfig = &thinkingConfig{IncludeThoughts: *req.ThinkingBudget != 0}
		}
		cfg.ThinkingConfig.ThinkingBudget = req.ThinkingBudget
	}
}
