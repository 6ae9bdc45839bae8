// Package ollama speaks Ollama's native API: POST /api/chat answered with
// newline-delimited JSON, and GET /api/tags for the models pulled locally.
// It serves a local Ollama (no key) as well as Ollama's cloud or an Ollama
// behind a proxy (a Bearer key).
package ollama

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
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

// DetectTimeout bounds [Detect], so probing at start-up never delays the
// window noticeably.
const DetectTimeout = 1500 * time.Millisecond

// Client streams chats from one Ollama server.
type Client struct {
	baseURL string
	key     string
	http    *http.Client
}

// New returns a client for baseURL (such as [DefaultBaseURL], without /api).
// An empty key sends no Authorization header, as a local Ollama expects; a
// key is sent as a Bearer token, for Ollama's cloud or a proxy in front.
func New(baseURL, key string, client *http.Client) *Client {
	return &Client{baseURL: baseURL, key: key, http: client}
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
func (c *Client) Stream(ctx context.Context, req llm.Request) iter.Seq2[llm.Chunk, error] {
	return func(yield func(llm.Chunk, error) bool) {
		endpoint := Endpoint(c.baseURL)
		res, err := llm.PostJSON(ctx, c.http, endpoint, c.header("application/x-ndjson"), toWire(req))
		if err != nil {
			yield(llm.Chunk{}, err)
			return
		}
		defer res.Body.Close()
		switch llm.MediaType(res.Header.Get("Content-Type")) {
		case "application/x-ndjson", "application/json", "":
			// application/json is what Ollama sends when it did not stream:
			// one object, read the same way as a one-line stream.
			readStream(ctx, endpoint, res.Body, yield)
		default:
			yield(llm.Chunk{}, llm.ReadHTTPError(endpoint, res))
		}
	}
}

// Models lists the models pulled on the server, as /api/tags names them
// ("llama3.2:latest").
func (c *Client) Models(ctx context.Context) ([]string, error) {
	return tags(ctx, c.http, TagsEndpoint(c.baseURL), c.header("application/json"))
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
	return tags(ctx, client, TagsEndpoint(baseURL), http.Header{"Accept": {"application/json"}})
}

func (c *Client) header(accept string) http.Header {
	h := http.Header{}
	h.Set("Accept", accept)
	if c.key != "" {
		h.Set("Authorization", "Bearer "+c.key)
	}
	return h
}

// tags reads a /api/tags answer. A 200 that is not JSON (a proxy's page) is
// an [*llm.HTTPError], as it would be for a chat.
func tags(ctx context.Context, client *http.Client, endpoint string, header http.Header) ([]string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
	if err != nil {
		return nil, &llm.RequestError{Endpoint: llm.Redact(endpoint), Err: err}
	}
	req.Header = header
	res, err := llm.Do(client, req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	endpoint = llm.Redact(endpoint)
	switch llm.MediaType(res.Header.Get("Content-Type")) {
	case "application/json", "":
	default:
		return nil, llm.ReadHTTPError(endpoint, res)
	}
	raw, err := io.ReadAll(io.LimitReader(res.Body, llm.MaxEventSize))
	if err != nil {
		return nil, &llm.RequestError{Endpoint: endpoint, Err: err}
	}
	names, err := parseTags(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", endpoint, err)
	}
	return names, nil
}

// errLineTooLong is returned for a line larger than [llm.MaxEventSize].
var errLineTooLong = fmt.Errorf("a line of the stream is longer than %d bytes", llm.MaxEventSize)

// readStream parses an NDJSON body. The reply is complete only once a line
// said "done": true; a body that ends before that was cut.
func readStream(ctx context.Context, endpoint string, body io.Reader, yield func(llm.Chunk, error) bool) {
	br := bufio.NewReaderSize(body, 64<<10)
	for {
		line, readErr := readLine(br)
		if len(bytes.TrimSpace(line)) > 0 {
			chunk, done, err := parseLine(endpoint, line)
			if err != nil {
				// A last line cut short of its newline is a broken stream,
				// not a provider speaking nonsense.
				var se *llm.StreamError
				if readErr != nil && errors.As(err, &se) {
					err = broken(ctx, endpoint, llm.ErrStreamIncomplete)
				}
				yield(llm.Chunk{}, err)
				return
			}
			if !empty(chunk) && !yield(chunk, nil) {
				return
			}
			if done {
				return
			}
		}
		if readErr == io.EOF {
			readErr = llm.ErrStreamIncomplete
		}
		if readErr != nil {
			yield(llm.Chunk{}, broken(ctx, endpoint, readErr))
			return
		}
	}
}

// broken wraps the reason a stream stopped early; a cancelled context wins,
// so that Stop is reported as Stop and not as a broken connection.
func broken(ctx context.Context, endpoint string, err error) error {
	if ctx.Err() != nil {
		err = ctx.Err()
	}
	return &llm.StreamError{Endpoint: endpoint, Err: err}
}

// readLine returns the next line without its newline. At the end of the body
// it returns what is left together with the read error (io.EOF when clean).
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		part, err := br.ReadSlice('\n')
		if len(line)+len(part) > llm.MaxEventSize {
			return nil, errLineTooLong
		}
		line = append(line, part...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimSuffix(line, []byte("\n")), err
	}
}

// empty reports whether a chunk carries nothing, such as a tool-call line.
func empty(c llm.Chunk) bool {
	return c.Text == "" && c.Reasoning == "" && c.Usage == nil && c.Finish == ""
}
