// Package dashscope speaks Alibaba Cloud DashScope's native text-generation
// protocol (Qwen models on Model Studio / Bailian): a JSON request with
// input.messages and parameters, answered by server-sent events named
// "result" whose finish_reason stays the string "null" until the end.
package dashscope

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"slices"
	"strings"

	sse "github.com/tmaxmax/go-sse"

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
type Client struct {
	baseURL string
	key     string
	http    *http.Client
}

// New returns a client for baseURL, normally [Mainland] or [International].
func New(baseURL, key string, client *http.Client) *Client {
	return &Client{baseURL: baseURL, key: key, http: client}
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
	return func(yield func(llm.Chunk, error) bool) {
		endpoint := Endpoint(c.baseURL)
		h := c.header("text/event-stream")
		h.Set("X-DashScope-SSE", "enable")
		res, err := llm.PostJSON(ctx, c.http, endpoint, h, toWire(req))
		if err != nil {
			var httpErr *llm.HTTPError
			if errors.As(err, &httpErr) {
				fillFromEvents(httpErr)
			}
			yield(llm.Chunk{}, err)
			return
		}
		defer res.Body.Close()
		shown := llm.Redact(endpoint)
		switch llm.MediaType(res.Header.Get("Content-Type")) {
		case "text/event-stream", "":
			readStream(shown, res.Body, yield)
		case "application/json":
			llm.ReadWhole(shown, res.Body, parseWhole, yield)
		default:
			yield(llm.Chunk{}, llm.ReadHTTPError(shown, res))
		}
	}
}

// Models lists the models the key may use, from [ModelsEndpoint], sorted.
func (c *Client) Models(ctx context.Context) ([]string, error) {
	endpoint := ModelsEndpoint(c.baseURL)
	shown := llm.Redact(endpoint)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
	if err != nil {
		return nil, &llm.RequestError{Endpoint: shown, Err: err}
	}
	req.Header = c.header("application/json")
	res, err := llm.Do(c.http, req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if mt := llm.MediaType(res.Header.Get("Content-Type")); mt != "application/json" && mt != "" {
		return nil, llm.ReadHTTPError(shown, res)
	}
	raw, err := io.ReadAll(io.LimitReader(res.Body, llm.MaxEventSize))
	if err != nil {
		return nil, &llm.StreamError{Endpoint: shown, Err: err}
	}
	ids, err := parseModels(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", shown, err)
	}
	slices.Sort(ids)
	return ids, nil
}

func (c *Client) header(accept string) http.Header {
	h := http.Header{}
	h.Set("Accept", accept)
	if c.key != "" {
		h.Set("Authorization", "Bearer "+c.key)
	}
	return h
}

// readStream parses the event stream. The reply is complete only once an
// event carries a real finish reason; a body that ends before that was cut.
// Usage rides on the finishing chunk, as the last running total seen.
func readStream(endpoint string, body io.Reader, yield func(llm.Chunk, error) bool) {
	var usage *llm.Usage
	done := false
	for ev, err := range sse.Read(body, &sse.ReadConfig{MaxEventSize: llm.MaxEventSize}) {
		if err != nil {
			yield(llm.Chunk{}, &llm.StreamError{Endpoint: endpoint, Err: err})
			return
		}
		if ev.Type == "error" {
			yield(llm.Chunk{}, errorEvent(endpoint, ev.Data))
			return
		}
		if ev.Data == "" || done {
			continue
		}
		chunk, u, err := parseEvent(endpoint, []byte(ev.Data))
		if err != nil {
			yield(llm.Chunk{}, err)
			return
		}
		if u != nil {
			usage = u
		}
		if chunk.Finish != "" {
			chunk.Usage, done = usage, true
		}
		if chunk == (llm.Chunk{}) {
			continue // a tool-call delta or an empty keep-alive: nothing to show
		}
		if !yield(chunk, nil) {
			return
		}
	}
	if !done {
		yield(llm.Chunk{}, &llm.StreamError{Endpoint: endpoint, Err: llm.ErrStreamIncomplete})
	}
}
