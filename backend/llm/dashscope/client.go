// Package dashscope speaks Alibaba Cloud DashScope's native text-generation
// protocol (Qwen models on Model Studio / Bailian): a JSON request with
// input.messages and parameters, answered by server-sent events named
// "result" whose finish_reason stays the string "null" until the end.
package dashscope

import (
	"context"
	"iter"
	"net/http"
	"slices"
	"strings"

	"parley/backend/llm"
)

var (
	_ llm.Provider    = (*Client)(nil)
	_ llm.ModelLister = (*Client)(nil)
)

// Mainland is the base URL of DashScope in mainland China (Beijing).
const Mainland = "https://dashscope.aliyuncs.com"

// International is the base URL of DashScope outside mainland China
// (Singapore). Keys are issued per region and work only on their own host.
const International = "https://dashscope-intl.aliyuncs.com"

const generationPath = "api/v1/services/aigc/text-generation/generation"

// Client streams text generation from one DashScope host with one key.
type Client struct{ llm.Conn }

// New returns a client for baseURL, normally [Mainland] or [International].
func New(baseURL, key string, client *http.Client) *Client {
	return &Client{llm.Conn{BaseURL: baseURL, Key: key, HTTP: client}}
}

// Endpoint is the exact URL a generation request is sent to. A base URL
// copied with a trailing /api/v1 (the SDKs' form), /compatible-mode/v1 or
// the whole generation path is reduced to the host first, so each of those
// pastes reaches the same endpoint.
func Endpoint(baseURL string) string {
	return llm.JoinURL(root(baseURL), generationPath)
}

// ModelsEndpoint is the URL [Client.Models] lists models from. The native
// API has no model list, so this is the OpenAI-compatible list on the same
// host, which accepts the same key.
func ModelsEndpoint(baseURL string) string {
	return llm.JoinURL(root(baseURL), "compatible-mode/v1/models")
}

// root strips the API paths users commonly paste along with the host.
func root(baseURL string) string {
	b := strings.TrimRight(strings.TrimSpace(baseURL), "/")
	for _, suffix := range []string{"/" + generationPath, "/api/v1", "/compatible-mode/v1"} {
		if strings.HasSuffix(b, suffix) {
			return strings.TrimSuffix(b, suffix)
		}
	}
	return b
}

// Stream sends req and yields the reply as it arrives. See [llm.Provider].
func (c *Client) Stream(ctx context.Context, req llm.Request) iter.Seq2[llm.Chunk, error] {
	t := c.target(Endpoint(c.BaseURL), "text/event-stream")
	t.Header.Set("X-DashScope-SSE", "enable")
	d := &decoder{}
	return llm.Stream(ctx, c.HTTP, llm.Call{
		Target:  t,
		Body:    toWire(req),
		Framing: llm.FramingSSE,
		Event:   d.event,
		Whole:   decodeWhole,
	})
}

// Models lists the models the key may use, from [ModelsEndpoint], sorted.
func (c *Client) Models(ctx context.Context) ([]string, error) {
	var w wireModels
	if err := llm.FetchJSON(ctx, c.HTTP, c.target(ModelsEndpoint(c.BaseURL), "application/json"), &w); err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(w.Data))
	for _, m := range w.Data {
		if m.ID != "" {
			ids = append(ids, m.ID)
		}
	}
	slices.Sort(ids)
	return ids, nil
}

func (c *Client) target(url, accept string) llm.Target {
	t := llm.Target{Protocol: llm.ProtocolDashScope, URL: url, Header: http.Header{"Accept": {accept}}, Key: c.Key, Words: words}
	return t.WithKey("Authorization")
}
