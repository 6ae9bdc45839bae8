package openai

import (
	"context"
	"sort"

	"parley/backend/llm"
)

var (
	_ llm.ModelLister  = (*Client)(nil)
	_ llm.ContextSizer = (*Client)(nil)
)

// Models lists the model IDs the key may use, from GET {base}/models. It
// also keeps the context size of each model whose entry gives one
// (context_length, as OpenRouter and some relays add), for [Client.ContextSizes].
func (c *Client) Models(ctx context.Context) ([]string, error) {
	var body wireModels
	if err := llm.FetchJSON(ctx, c.HTTP, c.target(llm.JoinURL(c.BaseURL, "models"), "application/json"), &body); err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(body.Data))
	c.sizes = map[string]int{}
	for _, m := range body.Data {
		ids = append(ids, m.ID)
		if m.ContextLength > 0 {
			c.sizes[m.ID] = m.ContextLength
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// ContextSizes are the context sizes, in tokens, the last model list gave,
// by model id; empty before [Client.Models] or when the list gives none.
func (c *Client) ContextSizes() map[string]int { return c.sizes }
