package openai

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"

	"parley/backend/llm"
)

var _ llm.ModelLister = (*Client)(nil)

// Models lists the model IDs the key may use, from GET {base}/models.
func (c *Client) Models(ctx context.Context) ([]string, error) {
	endpoint := llm.JoinURL(c.baseURL, "models")
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
	if err != nil {
		return nil, &llm.RequestError{Endpoint: llm.Redact(endpoint), Err: err}
	}
	req.Header = c.header()
	req.Header.Set("Accept", "application/json")
	res, err := llm.Do(c.http, req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if llm.MediaType(res.Header.Get("Content-Type")) == "text/html" {
		return nil, llm.ReadHTTPError(llm.Redact(endpoint), res)
	}
	var body struct {
		Data []struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	raw, err := io.ReadAll(io.LimitReader(res.Body, llm.MaxEventSize))
	if err == nil {
		err = json.Unmarshal(raw, &body)
	}
	if err != nil {
		return nil, &llm.StreamError{Endpoint: llm.Redact(endpoint), Err: fmt.Errorf("decode model list: %w", err)}
	}
	ids := make([]string, 0, len(body.Data))
	for _, m := range body.Data {
		ids = append(ids, m.ID)
	}
	sort.Strings(ids)
	return ids, nil
}
