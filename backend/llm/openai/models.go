package openai

import (
	"context"
	"sort"

	"parley/backend/llm"
)

var _ llm.ModelLister = (*Client)(nil)

// Models lists the model IDs the key may use, from GET {base}/models.
func (c *Client) Models(ctx context.Context) ([]string, error) {
	var body wireModels
	if err := llm.FetchJSON(ctx, c.HTTP, c.target(llm.JoinURL(c.BaseURL, "models"), "application/json"), &body); err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(body.Data))
	for _, m := range body.Data {
		ids = append(ids, m.ID)
	}
	sort.Strings(ids)
	return ids, nil
}
