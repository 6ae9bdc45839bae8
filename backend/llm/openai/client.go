// Package openai speaks the OpenAI Chat Completions protocol, which OpenAI
// itself and most relays and compatible servers (ChatAnywhere, DeepSeek,
// DashScope compatible mode, Ollama's /v1, OpenRouter, ...) accept.
package openai

import (
	"context"
	"fmt"
	"io"
	"iter"
	"net/http"

	sse "github.com/tmaxmax/go-sse"

	"parley/backend/llm"
)

var _ llm.Provider = (*Client)(nil)

// Client streams chat completions from one base URL with one key.
type Client struct {
	baseURL string
	key     string
	http    *http.Client
}

// New returns a client for baseURL (normally ending in /v1). An empty key
// sends no Authorization header, as local servers expect.
func New(baseURL, key string, client *http.Client) *Client {
	return &Client{baseURL: baseURL, key: key, http: client}
}

// Endpoint is the exact URL a chat request is sent to.
func Endpoint(baseURL string) string {
	return llm.JoinURL(baseURL, "chat/completions")
}

// Stream sends req and yields the reply as it arrives. See [llm.Provider].
func (c *Client) Stream(ctx context.Context, req llm.Request) iter.Seq2[llm.Chunk, error] {
	return func(yield func(llm.Chunk, error) bool) {
		endpoint := Endpoint(c.baseURL)
		res, err := llm.PostJSON(ctx, c.http, endpoint, c.header(), toWire(req))
		if err != nil {
			yield(llm.Chunk{}, err)
			return
		}
		defer res.Body.Close()
		switch llm.MediaType(res.Header.Get("Content-Type")) {
		case "text/event-stream", "":
			readStream(endpoint, res.Body, yield)
		case "application/json":
			llm.ReadWhole(endpoint, res.Body, parseCompletion, yield)
		default:
			yield(llm.Chunk{}, llm.ReadHTTPError(endpoint, res))
		}
	}
}

func (c *Client) header() http.Header {
	h := http.Header{}
	h.Set("Accept", "text/event-stream")
	if c.key != "" {
		h.Set("Authorization", "Bearer "+c.key)
	}
	return h
}

// readStream parses an SSE body. The reply is complete only once the server
// sent [DONE] or a finish reason; a body that ends before either was cut.
func readStream(endpoint string, body io.Reader, yield func(llm.Chunk, error) bool) {
	finished := false
	for ev, err := range sse.Read(body, &sse.ReadConfig{MaxEventSize: llm.MaxEventSize}) {
		if err != nil {
			yield(llm.Chunk{}, &llm.StreamError{Endpoint: endpoint, Err: err})
			return
		}
		if ev.Data == "[DONE]" {
			return
		}
		if ev.Data == "" {
			continue
		}
		chunk, err := parseChunk(endpoint, []byte(ev.Data))
		if err != nil {
			yield(llm.Chunk{}, err)
			return
		}
		finished = finished || chunk.Finish != ""
		if !yield(chunk, nil) {
			return
		}
	}
	if !finished {
		yield(llm.Chunk{}, &llm.StreamError{Endpoint: endpoint, Err: llm.ErrStreamIncomplete})
	}
}

// errNoChoices is returned for a JSON answer that holds neither a reply nor an error.
var errNoChoices = fmt.Errorf("answer holds no choices")
