// Package ollama speaks Ollama's native API: POST /api/chat answered with
// newline-delimited JSON, and GET /api/tags for the models pulled locally.
// It serves a local Ollama (no key) as well as Ollama's cloud or an Ollama
// behind a proxy (a Bearer key).
package ollama

import (
	"context"
	"fmt"
	"iter"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"parley/backend/llm"
)

var (
	_ llm.Provider    = (*Client)(nil)
	_ llm.ModelLister = (*Client)(nil)
)

// DefaultBaseURL is where a local Ollama listens unless OLLAMA_HOST says
// otherwise.
const DefaultBaseURL = "http://127.0.0.1:11434"

// BaseURLFromEnv is the address a local Ollama listens at as the
// OLLAMA_HOST value host says it (empty: [DefaultBaseURL]), read the way
// Ollama reads it: "host", "host:port" or "scheme://host:port", port 11434
// and scheme http when left out. An address to listen on everywhere
// (0.0.0.0, ::) is reached on this computer at 127.0.0.1.
func BaseURLFromEnv(host string) string {
	host = strings.TrimSpace(host)
	if host == "" {
		return DefaultBaseURL
	}
	scheme := "http"
	if s, rest, ok := strings.Cut(host, "://"); ok {
		scheme, host = s, rest
	}
	host, path, _ := strings.Cut(host, "/")
	h, port, err := net.SplitHostPort(host)
	if err != nil {
		h, port = strings.Trim(host, "[]"), "11434"
		if scheme == "https" {
			port = "443"
		}
	}
	if h == "" || h == "0.0.0.0" || h == "::" {
		h = "127.0.0.1"
	}
	u := url.URL{Scheme: scheme, Host: net.JoinHostPort(h, port)}
	if path != "" {
		u.Path = "/" + strings.TrimSuffix(path, "/")
	}
	return u.String()
}

// DetectTimeout bounds [Detect], so probing at start-up never delays the
// window noticeably.
const DetectTimeout = 1500 * time.Millisecond

// Client streams chats from one Ollama server.
type Client struct{ llm.Conn }

// New returns a client for baseURL (such as [DefaultBaseURL], without /api).
// An empty key sends no Authorization header, as a local Ollama expects; a
// key is sent as a Bearer token, for Ollama's cloud or a proxy in front.
func New(baseURL, key string, client *http.Client) *Client {
	return &Client{llm.Conn{BaseURL: baseURL, Key: key, HTTP: client}}
}

// Endpoint is the exact URL a chat request is sent to.
func Endpoint(baseURL string) string {
	return llm.JoinURL(baseURL, "api/chat")
}

// TagsEndpoint is the exact URL the model list is read from.
func TagsEndpoint(baseURL string) string {
	return llm.JoinURL(baseURL, "api/tags")
}

// Stream sends req and yields the reply as it arrives. See [llm.Provider].
// application/json is what Ollama sends when it did not stream: one object,
// read the same way as a one-line stream.
func (c *Client) Stream(ctx context.Context, req llm.Request) iter.Seq2[llm.Chunk, error] {
	return llm.Stream(ctx, c.HTTP, llm.Call{
		Target:  target(Endpoint(c.BaseURL), "application/x-ndjson", c.Key),
		Body:    toWire(req),
		Framing: llm.FramingNDJSON,
		Event:   decodeLine,
	})
}

// Models lists the models pulled on the server, as /api/tags names them
// ("llama3.2:latest").
func (c *Client) Models(ctx context.Context) ([]string, error) {
	return tags(ctx, c.HTTP, target(TagsEndpoint(c.BaseURL), "application/json", c.Key))
}

// Detect probes baseURL ([DefaultBaseURL] when empty) for a running Ollama
// and returns the models it has pulled; an empty list means Ollama runs but
// has nothing pulled yet. It gives up after [DetectTimeout], so it suits a
// check at start-up. Any error means no usable Ollama answers there: a
// [*llm.RequestError] when nothing listens or nothing answered in time (the
// usual cases), an [*llm.HTTPError] or an error wrapping [ErrNotOllama] when
// another kind of server does.
func Detect(ctx context.Context, client *http.Client, baseURL string) ([]string, error) {
	if baseURL == "" {
		baseURL = DefaultBaseURL
	}
	ctx, cancel := context.WithTimeout(ctx, DetectTimeout)
	defer cancel()
	return tags(ctx, client, target(TagsEndpoint(baseURL), "application/json", ""))
}

// target is where a request goes. An empty key sends no Authorization
// header, as a local Ollama expects.
func target(url, accept, key string) llm.Target {
	t := llm.Target{Protocol: llm.ProtocolOllama, URL: url, Header: http.Header{"Accept": {accept}}, Key: key, Words: words}
	return t.WithKey("Authorization")
}

// tags reads a /api/tags answer. A 200 that is not JSON (a proxy's page) is
// an [*llm.HTTPError], as it would be for a chat.
func tags(ctx context.Context, client *http.Client, t llm.Target) ([]string, error) {
	raw, err := llm.Fetch(ctx, client, t)
	if err != nil {
		return nil, err
	}
	names, err := parseTags(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", llm.Redact(t.URL), err)
	}
	return names, nil
}
