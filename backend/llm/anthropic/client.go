// Package anthropic speaks Anthropic's Messages API: POST /v1/messages with
// x-api-key and anthropic-version headers, answered by a stream of named SSE
// events (message_start, content_block_delta, ..., message_stop) that may
// carry pings and an error event such as overloaded_error.
package anthropic

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/url"
	"strings"

	sse "github.com/tmaxmax/go-sse"

	"parley/backend/llm"
)

// APIVersion is the anthropic-version header every request carries.
const APIVersion = "2023-06-01"

var (
	_ llm.Provider    = (*Client)(nil)
	_ llm.ModelLister = (*Client)(nil)
)

// Client streams messages from one base URL with one key.
type Client struct {
	baseURL string
	key     string
	http    *http.Client
}

// New returns a client for baseURL, normally https://api.anthropic.com
// (without /v1; a base that already ends in /v1 is accepted too). Parley is
// not a browser, so it never sends the anthropic-dangerous-direct-browser-access
// header that browser clients need to get past CORS.
func New(baseURL, key string, client *http.Client) *Client {
	return &Client{baseURL: baseURL, key: key, http: client}
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
	return func(yield func(llm.Chunk, error) bool) {
		endpoint := Endpoint(c.baseURL)
		res, err := llm.PostJSON(ctx, c.http, endpoint, c.header("text/event-stream"), toWire(req))
		if err != nil {
			yield(llm.Chunk{}, withProviderWords(err))
			return
		}
		defer res.Body.Close()
		endpoint = llm.Redact(endpoint)
		switch llm.MediaType(res.Header.Get("Content-Type")) {
		case "text/event-stream", "":
			readStream(endpoint, res.Body, yield)
		case "application/json":
			llm.ReadWhole(endpoint, res.Body, parseWhole, yield)
		default:
			yield(llm.Chunk{}, fillHTTPError(llm.ReadHTTPError(endpoint, res)))
		}
	}
}

// header holds the headers of every request. An empty key sends no
// x-api-key, and the provider's 401 says so.
func (c *Client) header(accept string) http.Header {
	h := http.Header{}
	h.Set("Accept", accept)
	h.Set("anthropic-version", APIVersion)
	if c.key != "" {
		h.Set("x-api-key", c.key)
	}
	return h
}

// withProviderWords fills an HTTP error with Anthropic's own message, type
// and details code; other errors pass unchanged.
func withProviderWords(err error) error {
	var he *llm.HTTPError
	if errors.As(err, &he) {
		fillHTTPError(he)
	}
	return err
}

// readStream parses the SSE body. The reply is complete only once
// message_stop arrived; a body that ends before it was cut.
func readStream(endpoint string, body io.Reader, yield func(llm.Chunk, error) bool) {
	d := decoder{endpoint: endpoint}
	for ev, err := range sse.Read(body, &sse.ReadConfig{MaxEventSize: llm.MaxEventSize}) {
		if err != nil {
			yield(llm.Chunk{}, &llm.StreamError{Endpoint: endpoint, Err: err})
			return
		}
		if strings.TrimSpace(ev.Data) == "" {
			continue
		}
		chunk, done, err := d.event(ev.Type, []byte(ev.Data))
		if err != nil {
			yield(llm.Chunk{}, err)
			return
		}
		if chunk != (llm.Chunk{}) && !yield(chunk, nil) {
			return
		}
		if done {
			return
		}
	}
	yield(llm.Chunk{}, &llm.StreamError{Endpoint: endpoint, Err: llm.ErrStreamIncomplete})
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
	endpoint := ModelsEndpoint(c.baseURL)
	q := url.Values{"limit": {"1000"}}
	if after != "" {
		q.Set("after_id", after)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint+"?"+q.Encode(), nil)
	if err != nil {
		return page, &llm.RequestError{Endpoint: llm.Redact(endpoint), Err: err}
	}
	req.Header = c.header("application/json")
	res, err := llm.Do(c.http, req)
	if err != nil {
		return page, withProviderWords(err)
	}
	defer res.Body.Close()
	endpoint = llm.Redact(endpoint)
	if mt := llm.MediaType(res.Header.Get("Content-Type")); mt != "application/json" && mt != "" {
		return page, fillHTTPError(llm.ReadHTTPError(endpoint, res))
	}
	raw, err := io.ReadAll(io.LimitReader(res.Body, llm.MaxEventSize))
	if err == nil {
		err = json.Unmarshal(raw, &page)
	}
	if err != nil {
		return page, &llm.StreamError{Endpoint: endpoint, Err: fmt.Errorf("decode model list: %w", err)}
	}
	return page, nil
}
