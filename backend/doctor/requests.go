package doctor

import (
	"cmp"
	"context"
	"fmt"
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
func (r *runner) authenticate(ctx context.Context) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, listTimeout)
	defer cancel()
	models, err := r.adapter.Models(ctx)
	if err != nil {
		return "", err
	}
	detail := plural(len(models), "model")
	missing := r.cfg.Model != "" && !listed(models, r.cfg.Model)
	switch {
	case len(models) == 0 && r.cfg.Kind == providers.KindOllama:
		return "", warn(fmt.Sprintf("Ollama is running but has no models — `ollama pull %s`", cmp.Or(r.cfg.Model, "llama3.2")))
	case len(models) == 0 && r.cfg.Model != "":
		return "", warn(fmt.Sprintf("the server lists no models, so %s is not there", r.cfg.Model))
	case missing && r.cfg.Kind == providers.KindOllama:
		return "", warn(fmt.Sprintf("%s; %s is not among them — `ollama pull %s`", detail, r.cfg.Model, r.cfg.Model))
	case missing:
		detail += fmt.Sprintf("; %s is not among them", r.cfg.Model)
	}
	if r.cfg.Key == "" {
		return detail + " (no key was sent)", nil
	}
	if r.listIsPublic(ctx) {
		return "", skip(detail + ", but the list answers without a key too, so it proves nothing about the key: the Completion step checks it")
	}
	r.keyProven = StepAuthentication
	return detail + "; the key was accepted", nil
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
func (r *runner) noModelList() string {
	switch r.cfg.Kind {
	case providers.KindOllama:
		return "Nothing answers at /api/tags, where every Ollama lists its models: this may not be an Ollama server, or the base URL has a path too many (it is the server alone, such as http://127.0.0.1:11434). The completion steps still run."
	case providers.KindAnthropic:
		return "This server has no /v1/models (some gateways in front of Claude don't), so the completion steps still run."
	case providers.KindGemini:
		return "This server has no /v1beta/models (a relay that serves only generateContent?), so the completion steps still run."
	case providers.KindDashScope:
		return "This server has no model list at /compatible-mode/v1/models, so the completion steps still run."
	}
	return "This server has no /models under the base URL; some relays don't, so the completion steps still run."
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
	proof := ""
	if r.cfg.Key != "" && r.keyProven == "" {
		r.keyProven, proof = StepCompletion, "; this proved the key"
	}
	switch {
	case strings.TrimSpace(text.String()) != "":
		return quote(text.String()) + proof, nil
	case thinking || finish == "length":
		return fmt.Sprintf("no text within %d tokens: the model spent them thinking", completionTokens) + proof, nil
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
