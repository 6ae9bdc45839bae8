// Package anthropic speaks Anthropic's Messages API: POST /v1/messages with
// x-api-key and anthropic-version headers, answered by a stream of named SSE
// events (message_start, content_block_delta, ..., message_stop) that may
// carry pings and an error event such as overloaded_error.
package anthropic

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strings"

	"parley/backend/llm"
)

// APIVersion is the anthropic-version header every request carries.
const APIVersion = "2023-06-01"

var (
	_ llm.Provider    = (*Client)(nil)
	_ llm.ModelLister = (*Client)(nil)
)

// Client streams messages from one base URL with one key.
type Client struct{ llm.Conn }

// New returns a client for baseURL, normally https://api.anthropic.com
// (without /v1; a base that already ends in /v1 is accepted too). Parley is
// not a browser, so it never sends the anthropic-dangerous-direct-browser-access
// header that browser clients need to get past CORS.
func New(baseURL, key string, client *http.Client) *Client {
	return &Client{llm.Conn{BaseURL: baseURL, Key: key, HTTP: client}}
}

// Endpoint is the exact URL a message request is sent to.
func Endpoint(baseURL string) string {
	return apiURL(baseURL, "messages")
}

// ModelsEndpoint is the URL the model list is read from.
func ModelsEndpoint(baseURL string) string {
	return apiURL(baseURL, "models")
}

// apiURL joins base and a /v1 path, without doubling a /v1 the user typed.
func apiURL(baseURL, path string) string {
	base := strings.TrimRight(strings.TrimSpace(baseURL), "/")
	if strings.HasSuffix(base, "/v1") {
		return llm.JoinURL(base, path)
	}
	return llm.JoinURL(base, "v1/"+path)
}

// Stream sends req and yields the reply as it arrives. See [llm.Provider].
func (c *Client) Stream(ctx context.Context, req llm.Request) iter.Seq2[llm.Chunk, error] {
	d := &decoder{}
	return llm.Stream(ctx, c.HTTP, llm.Call{
		Target:  c.target(Endpoint(c.BaseURL), "text/event-stream"),
		Body:    toWire(req),
		Framing: llm.FramingSSE,
		Event:   d.event,
		Whole:   decodeWhole,
	})
}

// target holds the headers of every request. An empty key sends no
// x-api-key, and the provider's 401 says so.
func (c *Client) target(url, accept string) llm.Target {
	h := http.Header{"Accept": {accept}, "Anthropic-Version": {APIVersion}}
	t := llm.Target{Protocol: llm.ProtocolAnthropic, URL: url, Header: h, Key: c.Key, Words: words}
	return t.WithKey("x-api-key")
}

// maxModelPages bounds how many pages of the model list are read.
const maxModelPages = 10

// modelPage is one page of GET /v1/models.
type modelPage struct {
	Data []struct {
		ID string `json:"id"`
	} `json:"data"`
	HasMore bool   `json:"has_more"`
	LastID  string `json:"last_id"`
}

// Models lists the model IDs the key may use, newest first as the provider
// orders them, following the list's pages.
func (c *Client) Models(ctx context.Context) ([]string, error) {
	var ids []string
	after := ""
	for range maxModelPages {
		page, err := c.modelPage(ctx, after)
		if err != nil {
			return nil, err
		}
		for _, m := range page.Data {
			ids = append(ids, m.ID)
		}
		if !page.HasMore || page.LastID == "" || page.LastID == after {
			break
		}
		after = page.LastID
	}
	return ids, nil
}

func (c *Client) modelPage(ctx context.Context, after string) (modelPage, error) {
	var page modelPage
	q := url.Values{"limit": {"1000"}}
	if after != "" {
		q.Set("after_id", after)
	}
	err := llm.FetchJSON(ctx, c.HTTP, c.target(ModelsEndpoint(c.BaseURL)+"?"+q.Encode(), "application/json"), &page)
	return page, err
}
