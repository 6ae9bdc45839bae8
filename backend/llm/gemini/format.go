package gemini

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"parley/backend/llm"
	"parley/backend/llm/internal/jsonscan"
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

// decodeEvent reads one SSE event. A finishReason, or a blocked prompt,
// completes the reply; a relay may still end with [DONE].
func decodeEvent(ev llm.Event) (llm.Chunk, llm.State, error) {
	data := bytes.TrimSpace(ev.Data)
	if string(data) == "[DONE]" {
		return llm.Chunk{}, llm.Ended, nil
	}
	c, err := parseResponse(data)
	if err != nil || c.Finish == "" {
		return c, llm.Going, err
	}
	return c, llm.Finished, nil
}

// decodeWhole reads an answer that came as JSON rather than SSE: a relay
// that dropped alt=sse sends the stream as one array of responses, and
// generateContent sends one response.
func decodeWhole(raw []byte) ([]llm.Chunk, error) {
	events := []json.RawMessage{raw}
	if s := bytes.TrimSpace(raw); len(s) > 0 && s[0] == '[' {
		if err := json.Unmarshal(raw, &events); err != nil {
			return nil, fmt.Errorf("decode answer: %w", err)
		}
	}
	var chunks []llm.Chunk
	finished := false
	for _, ev := range events {
		c, err := parseResponse(ev)
		if err != nil {
			return chunks, err
		}
		finished = finished || c.Finish != ""
		if c != (llm.Chunk{}) {
			chunks = append(chunks, c)
		}
	}
	if !finished {
		return chunks, &llm.StreamError{Err: llm.ErrStreamIncomplete}
	}
	return chunks, nil
}

// parseResponse turns one GenerateContentResponse into a neutral chunk, or
// into a [*llm.ProviderError] when Gemini reported an error in its place.
// Thought parts are reasoning. It reads the response in one pass (see
// scanResponse), as json.Unmarshal into [wireResponse] does (format_test.go
// checks the two agree). A document that repeats "candidates", or the first
// candidate's "parts", is left to json.Unmarshal, which reads the second
// array into the elements of the first.
func parseResponse(data []byte) (llm.Chunk, error) {
	var s jsonscan.Scanner
	s.ResetShared(data)
	r := scanResponse(&s)
	if err := s.End(); err != nil {
		return llm.Chunk{}, fmt.Errorf("decode event %.200q: %w", data, err)
	}
	if r.repeated() {
		return unmarshalResponse(data)
	}
	return r.chunk(data)
}

// chunk is the neutral chunk of a response read from data.
func (r *response) chunk(data []byte) (llm.Chunk, error) {
	if llm.HasError(r.err) {
		return llm.Chunk{}, llm.NewProviderError(words(0, data))
	}
	var c llm.Chunk
	if r.candidates > 0 {
		c.Text, c.Reasoning = r.first.text, r.first.reasoning
		if f := r.first.finish; f != "" && f != "FINISH_REASON_UNSPECIFIED" {
			c.Finish = finish(f)
		}
	} else if r.blockReason != "" {
		c.Finish = promptBlocked + r.blockReason
	}
	if u := r.usage; u != nil {
		c.Usage = &llm.Usage{InputTokens: u.PromptTokenCount, OutputTokens: u.CandidatesTokenCount + u.ThoughtsTokenCount}
	}
	return c, nil
}

// finish names the token limit as the other adapters do ("length"), so the
// UI can tell a reply cut by maxOutputTokens; other reasons pass verbatim.
func finish(reason string) string {
	if reason == "MAX_TOKENS" {
		return "length"
	}
	return reason
}

// response is what Parley reads of a GenerateContentResponse.
type response struct {
	candidates  int
	first       candidate
	blockReason string
	usage       *usageMetadata
	err         []byte
	lists       int // how many times "candidates" came
}

// candidate is what Parley reads of the first candidate.
type candidate struct {
	text, reasoning, finish string
	parts                   int // how many times "parts" came
}

type usageMetadata struct{ PromptTokenCount, CandidatesTokenCount, ThoughtsTokenCount int }

// repeated reports whether a key came twice whose second value
// json.Unmarshal reads into the elements of the first.
func (r *response) repeated() bool { return r.lists > 1 || r.first.parts > 1 }

func scanResponse(s *jsonscan.Scanner) (r response) {
	if !s.Object() {
		return r
	}
	for k, ok := s.Key(); ok; k, ok = s.Key() {
		switch {
		case jsonscan.Is(k, "candidates"):
			r.lists++
			r.candidates = 0
			if s.Array() {
				for ; s.More(); r.candidates++ {
					if r.candidates == 0 {
						scanCandidate(s, &r.first)
					} else {
						var rest candidate // checked, not kept
						scanCandidate(s, &rest)
					}
				}
			}
		case jsonscan.Is(k, "promptFeedback"):
			if !s.Read(jsonscan.String("blockReason", &r.blockReason)) {
				r.blockReason = ""
			}
		case jsonscan.Is(k, "usageMetadata"):
			if r.usage = jsonscan.Ptr(s, r.usage); r.usage != nil {
				u := r.usage
				s.Read(jsonscan.Int("promptTokenCount", &u.PromptTokenCount), jsonscan.Int("candidatesTokenCount", &u.CandidatesTokenCount),
					jsonscan.Int("thoughtsTokenCount", &u.ThoughtsTokenCount))
			}
		case jsonscan.Is(k, "error"):
			r.err = s.Raw()
		default:
			s.Skip()
		}
	}
	return r
}

func scanCandidate(s *jsonscan.Scanner, c *candidate) {
	if !s.Object() {
		return
	}
	for k, ok := s.Key(); ok; k, ok = s.Key() {
		switch {
		case jsonscan.Is(k, "content"):
			if !s.Object() {
				break
			}
			for k, ok := s.Key(); ok; k, ok = s.Key() {
				if jsonscan.Is(k, "parts") {
					scanParts(s, c)
				} else {
					s.Skip()
				}
			}
		case jsonscan.Is(k, "finishReason"):
			if !s.Null() {
				c.finish = s.String()
			}
		default:
			s.Skip()
		}
	}
}

func scanParts(s *jsonscan.Scanner, c *candidate) {
	c.parts++
	c.text, c.reasoning = "", ""
	if !s.Array() {
		return
	}
	for s.More() {
		var p wirePart
		s.Read(jsonscan.String("text", &p.Text), jsonscan.Bool("thought", &p.Thought))
		if p.Thought {
			c.reasoning += p.Text
		} else {
			c.text += p.Text
		}
	}
}

// wireResponse is one GenerateContentResponse as json.Unmarshal reads it:
// a streamed event or a whole answer, or an error object in its place.
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
	UsageMetadata *usageMetadata  `json:"usageMetadata"`
	Error         json.RawMessage `json:"error"`
}

// unmarshalResponse reads a response through json.Unmarshal into
// [wireResponse]: what parseResponse does in one pass.
func unmarshalResponse(data []byte) (llm.Chunk, error) {
	var w wireResponse
	if err := json.Unmarshal(data, &w); err != nil {
		return llm.Chunk{}, fmt.Errorf("decode event %.200q: %w", data, err)
	}
	r := response{err: w.Error, usage: w.UsageMetadata, candidates: len(w.Candidates)}
	if len(w.Candidates) > 0 {
		cand := w.Candidates[0]
		for _, p := range cand.Content.Parts {
			if p.Thought {
				r.first.reasoning += p.Text
			} else {
				r.first.text += p.Text
			}
		}
		r.first.finish = cand.FinishReason
	}
	if w.PromptFeedback != nil {
		r.blockReason = w.PromptFeedback.BlockReason
	}
	return r.chunk(data)
}

// words reads Google's error body, alone or as the first element of an
// array (how a non-SSE stream reports it), and Gemini's vocabulary. Code is
// the most specific reason found: the ErrorInfo reason, else the exhausted
// quota's id, else the status; Type is the status (INVALID_ARGUMENT,
// RESOURCE_EXHAUSTED, ...).
func words(status int, raw []byte) llm.Words {
	var w llm.Words
	w.Message, w.Code, w.Type = parseError(raw)
	code := strings.ToLower(w.Code)
	switch {
	case code == "api_key_invalid" || code == "consumer_suspended",
		llm.ContainsAny(w.Message, "api key not valid", "api key expired", "reported as leaked", "has been suspended"):
		w.Reason = llm.ReasonKeyRejected
	case llm.ContainsAny(w.Message, "unregistered callers"):
		w.Reason = llm.ReasonKeyMissing
	case llm.ContainsAny(w.Message, "user location is not supported"):
		w.Reason = llm.ReasonRegion
	case llm.ContainsAny(code, "perminute", "persecond"):
		w.Reason = llm.ReasonRateLimit
	case llm.ContainsAny(code, "perday"):
		w.Reason = llm.ReasonQuota
	case code == "resource_exhausted" || w.Type == "RESOURCE_EXHAUSTED":
		w.Reason = llm.ReasonRateLimit
	case llm.ContainsAny(w.Message, "exceeds the maximum number of tokens"):
		w.Reason = llm.ReasonContextTooLong
	case w.Type == "NOT_FOUND" && llm.ContainsAny(w.Message, "model"):
		w.Reason = llm.ReasonModelNotFound
	case w.Type == "UNAVAILABLE" && llm.ContainsAny(w.Message, "overload"):
		w.Reason = llm.ReasonOverloaded
	}
	return w
}

// parseError reads Google's error body. See [words].
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
