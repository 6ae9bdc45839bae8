package doctor

import (
	"context"
	"fmt"
	"strings"
	"time"

	"parley/backend/llm"
	"parley/backend/problem"
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

// authenticate lists the models the key may use, which needs the key on
// every kind but Ollama.
func (r *runner) authenticate(ctx context.Context) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, listTimeout)
	defer cancel()
	models, err := r.adapter.Models(ctx)
	if err != nil {
		return "", err
	}
	detail := plural(len(models), "model")
	if r.cfg.Model != "" && len(models) > 0 && !listed(models, r.cfg.Model) {
		detail += fmt.Sprintf("; %s is not among them", r.cfg.Model)
	}
	return detail, nil
}

// complete asks for a one-word reply. It passes once text arrives: whether
// the stream then runs to its end is the Streaming step's verdict.
func (r *runner) complete(ctx context.Context) (string, error) {
	if r.cfg.Model == "" {
		return "", skip("no model was given")
	}
	ctx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	var text strings.Builder
	thinking, finish := false, ""
	for chunk, err := range r.adapter.Stream(ctx, r.request(completionPrompt, completionTokens)) {
		if err != nil {
			if text.Len() == 0 || ctx.Err() != nil {
				return "", err
			}
			return quote(text.String()) + " (then the answer broke off; see Streaming)", nil
		}
		text.WriteString(chunk.Text)
		thinking = thinking || chunk.Reasoning != ""
		if chunk.Finish != "" {
			finish = chunk.Finish
		}
	}
	switch {
	case strings.TrimSpace(text.String()) != "":
		return quote(text.String()), nil
	case thinking || finish == "length":
		return fmt.Sprintf("no text within %d tokens: the model spent them thinking", completionTokens), nil
	}
	return "", problem.Explain(problem.KindEmpty, "empty.doctor", nil)
}

// stream asks for a short counted list and times the stream: when the first
// text (or reasoning) arrived and how many chunks carried some.
func (r *runner) stream(ctx context.Context) (string, error) {
	if r.cfg.Model == "" {
		return "", skip("no model was given")
	}
	ctx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	start := time.Now()
	var first time.Duration
	chunks := 0
	for chunk, err := range r.adapter.Stream(ctx, r.request(streamPrompt, streamTokens)) {
		if err != nil {
			return "", err
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
		return "the stream finished without any text", nil
	}
	return fmt.Sprintf("first text after %d ms, %s", first.Milliseconds(), plural(chunks, "chunk")), nil
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
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > replyShown {
		s = string(r[:replyShown]) + "…"
	}
	return fmt.Sprintf("reply %q", s)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
