package core

import (
	"context"
	"errors"
	"os"
	"time"

	"parley/backend/llm"
	"parley/backend/llm/ollama"
	"parley/backend/problem"
	"parley/backend/providers"
	"parley/backend/store"
)

// ModelList is the models a profile can use and where the list came from.
type ModelList struct {
	Models []string `json:"models"`
	// Source is "provider" when the provider listed them, "preset" when the
	// built-in list stands in because the provider could not be asked.
	Source string `json:"source"`
	// Problem says why the provider could not be asked, when it could not.
	Problem *problem.Problem `json:"problem,omitempty"`
}

// Models asks the provider of p (saved or not yet saved) which models it
// offers, falling back to the preset's list with the reason. The saved key
// is used only while p still points at the host it was saved for.
func (c *Core) Models(ctx context.Context, p store.Profile) (ModelList, error) {
	key := ""
	if saved, err := c.store.Profile(ctx, p.ID); p.ID != "" && err == nil && SameOrigin(saved.BaseURL, p.BaseURL) {
		k, err := c.keyFor(p)
		var pr *problem.Problem
		if err != nil && !(errors.As(err, &pr) && pr.Kind == problem.KindNoKey) {
			return ModelList{}, err
		}
		key = k
	}
	fallback := ModelList{Models: []string{}, Source: "preset"}
	if preset, ok := providers.PresetByID(p.Preset); ok {
		fallback.Models = append(fallback.Models, preset.Models...)
	}
	client, err := c.clientFor(ctx, p.ID)
	if err != nil {
		return ModelList{}, err
	}
	adapter, err := providers.New(p.Kind, p.BaseURL, key, client)
	if err != nil {
		fallback.Problem = problem.From(err)
		return fallback, nil
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	models, err := adapter.Models(ctx)
	if err != nil || len(models) == 0 {
		fallback.Problem = problem.From(err)
		if key == "" && fallback.Problem != nil && fallback.Problem.Kind == problem.KindAuth {
			// Nothing was rejected: there was no key to send yet.
			fallback.Problem = problem.Explain(problem.KindNoKey, "no_key.models", nil)
		}
		return fallback, nil
	}
	if cs, ok := adapter.(llm.ContextSizer); ok {
		for model, size := range cs.ContextSizes() {
			c.contextSizes.Store(model, size)
		}
	}
	return ModelList{Models: models, Source: "provider"}, nil
}

// contextWindow is a model's context size: what its provider's model list
// said, when it said, else the table of common models.
func (c *Core) contextWindow(model string) int {
	if size, ok := c.contextSizes.Load(model); ok {
		return size.(int)
	}
	return providers.ContextWindow(model)
}

// OllamaFound is an Ollama running on this computer: where, and the models
// it has pulled (none yet is worth saying: `ollama pull` comes first).
type OllamaFound struct {
	BaseURL string   `json:"baseUrl"`
	Models  []string `json:"models"`
}

// DetectOllama looks for an Ollama where OLLAMA_HOST says it listens (its
// default address when unset) and reports it, or an error when none
// answers there (quickly: this runs at start).
func (c *Core) DetectOllama(ctx context.Context) (OllamaFound, error) {
	base := ollama.BaseURLFromEnv(os.Getenv("OLLAMA_HOST"))
	models, err := ollama.Detect(ctx, c.http, base)
	if err != nil {
		return OllamaFound{}, err
	}
	return OllamaFound{BaseURL: base, Models: append([]string{}, models...)}, nil
}
