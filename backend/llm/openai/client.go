// Package openai speaks the OpenAI Chat Completions protocol, which OpenAI
// itself and most relays and compatible servers (ChatAnywhere, DeepSeek,
// DashScope compatible mode, Ollama's /v1, OpenRouter, ...) accept.
package openai

import (
	"context"
	"iter"
	"net/http"

	"parley/backend/llm"
)

var _ llm.Provider = (*Client)(nil)

// Client streams chat completions from one base URL with one key.
type Client struct {
	llm.Conn
	// sizes are the context sizes the last model list gave.
	sizes map[string]int
}

// New returns a client for baseURL (normally ending in /v1). An empty key
// sends no Authorization header, as local servers expect.
func New(baseURL, key string, client *http.Client) *Client {
	return &Client{Conn: llm.Conn{BaseURL: baseURL, Key: key, HTTP: client}}
}

// Endpoint is the exact URL a chat request is sent to.
func Endpoint(baseURL string) string {
	return llm.JoinURL(baseURL, "chat/completions")
}

// Stream sends req and yields the reply as it arrives. See [llm.Provider].
func (c *Client) Stream(ctx context.Context, req llm.Request) iter.Seq2[llm.Chunk, error] {
	return llm.Stream(ctx, c.HTTP, llm.Call{
		Target:  c.target(Endpoint(c.BaseURL), "text/event-stream"),
		Body:    toWire(req),
		Framing: llm.FramingSSE,
		Event:   decodeEvent,
		Whole:   decodeWhole,
	})
}

func (c *Client) target(url, accept string) llm.Target {
	t := llm.Target{Protocol: llm.ProtocolOpenAI, URL: url, Header: http.Header{"Accept": {accept}}, Key: c.Key, Words: words}
	return t.WithKey("Authorization")
}
