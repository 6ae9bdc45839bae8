package doctor

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"parley/backend/llm"
	"parley/backend/problem"
	"parley/backend/providers"
)

// The requests the last steps send: short, so they cost next to nothing.
const (
	completionPrompt = "Reply with one word: ok"
	completionTokens = 16
	streamPrompt     = "Count from 1 to 10, separated by spaces."
	streamTokens     = 32
	// replyShown bounds how much of the reply a Completion detail quotes.
	replyShown = 60
)

// authenticate lists the models the key may use. A list that also answers
// without the key (Ollama's, a public relay's) proves nothing about the
// key, so then the Completion step is the one that checks it.
func (r *runner) authenticate(ctx context.Context) (said, error) {
	ctx, cancel := context.WithTimeout(ctx, listTimeout)
	defer cancel()
	models, err := r.adapter.Models(ctx)
	if err != nil {
		return nil, err
	}
	found := said{count(len(models), "doctor.models")}
	missing := r.cfg.Model != "" && !listed(models, r.cfg.Model)
	switch {
	case len(models) == 0 && r.cfg.Kind == providers.KindOllama:
		return nil, warn(saying("doctor.ollama_empty", "model", cmp.Or(r.cfg.Model, "llama3.2")))
	case len(models) == 0 && r.cfg.Model != "":
		return nil, warn(saying("doctor.none_listed", "model", r.cfg.Model))
	case missing && r.cfg.Kind == providers.KindOllama:
		return nil, warn(append(found, say("doctor.model_missing", "model", r.cfg.Model), say("doctor.pull", "model", r.cfg.Model)))
	case missing:
		found = append(found, say("doctor.model_missing", "model", r.cfg.Model))
	}
	if r.cfg.Key == "" {
		return append(found, say("doctor.no_key_sent")), nil
	}
	if r.listIsPublic(ctx) {
		return nil, skip(append(found, say("doctor.list_public")))
	}
	r.keyProven = StepAuthentication
	return append(found, say("doctor.key_accepted")), nil
}

// listIsPublic asks for the model list again without the key.
func (r *runner) listIsPublic(ctx context.Context) bool {
	keyless, err := providers.New(r.cfg.Kind, r.cfg.BaseURL, "", r.client)
	if err != nil {
		return false
	}
	_, err = keyless.Models(ctx)
	return err == nil
}

// noModelList is what a 404 (or 405) of the model list means for the
// protocol spoken, with the path that was asked.
func (r *runner) noModelList() problem.WordsID {
	switch r.cfg.Kind {
	case providers.KindOllama:
		return "doctor.no_list_ollama"
	case providers.KindAnthropic:
		return "doctor.no_list_anthropic"
	case providers.KindGemini:
		return "doctor.no_list_gemini"
	case providers.KindDashScope:
		return "doctor.no_list_dashscope"
	}
	return "doctor.no_list"
}

// complete asks for a one-word reply. It passes once text arrives: whether
// the stream then runs to its end is the Streaming step's verdict.
func (r *runner) complete(ctx context.Context) (said, error) {
	if r.cfg.Model == "" {
		return nil, skip(saying("doctor.no_model"))
	}
	ctx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	var text strings.Builder
	thinking, finish := false, ""
	for chunk, err := range r.adapter.Stream(ctx, r.request(completionPrompt, completionTokens)) {
		if err != nil {
			if text.Len() == 0 || ctx.Err() != nil {
				return nil, err
			}
			return said{quote(text.String()), say("doctor.broke_off")}, nil
		}
		text.WriteString(chunk.Text)
		thinking = thinking || chunk.Reasoning != ""
		if chunk.Finish != "" {
			finish = chunk.Finish
		}
	}
	var proof said
	if r.cfg.Key != "" && r.keyProven == "" {
		r.keyProven, proof = StepCompletion, saying("doctor.key_proved")
	}
	switch {
	case strings.TrimSpace(text.String()) != "":
		return append(said{quote(text.String())}, proof...), nil
	case thinking || finish == "length":
		return append(saying("doctor.thinking", "count", strconv.Itoa(completionTokens)), proof...), nil
	}
	return nil, problem.Explain(problem.KindEmpty, "empty.doctor", nil)
}

// stream asks for a short counted list and times the stream: when the first
// text (or reasoning) arrived and how many chunks carried some.
func (r *runner) stream(ctx context.Context) (said, error) {
	if r.cfg.Model == "" {
		return nil, skip(saying("doctor.no_model"))
	}
	ctx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	start := time.Now()
	var first time.Duration
	chunks := 0
	for chunk, err := range r.adapter.Stream(ctx, r.request(streamPrompt, streamTokens)) {
		if err != nil {
			return nil, err
		}
		if chunk.Text == "" && chunk.Reasoning == "" {
			continue
		}
		if chunks == 0 {
			first = time.Since(start)
		}
		chunks++
	}
	if chunks == 0 {
		return saying("doctor.stream_empty"), nil
	}
	return said{say("doctor.first_text", "ms", strconv.FormatInt(first.Milliseconds(), 10)), count(chunks, "doctor.chunks")}, nil
}

func (r *runner) request(prompt string, maxTokens int) llm.Request {
	return llm.Request{Model: r.cfg.Model, MaxTokens: maxTokens,
		Messages: []llm.Message{{Role: llm.RoleUser, Content: prompt}}}
}

// listed reports whether model is in models, allowing for Ollama's implicit
// ":latest" tag and Gemini's "models/" prefix.
func listed(models []string, model string) bool {
	norm := func(s string) string { return strings.TrimSuffix(strings.TrimPrefix(s, "models/"), ":latest") }
	for _, m := range models {
		if norm(m) == norm(model) {
			return true
		}
	}
	return false
}

// quote shows a reply on one line, cut to replyShown characters.
func quote(s string) problem.Phrase {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > replyShown {
		s = string(r[:replyShown]) + "…"
	}
	return say("doctor.reply", "reply", fmt.Sprintf("%q", s))
}

// count says n things by the phrase id ("doctor.models"), or by its
// variant for one (id + "_one").
func count(n int, id problem.WordsID) problem.Phrase {
	if n == 1 {
		return say(id + "_one")
	}
	return say(id, "count", strconv.Itoa(n))
}
