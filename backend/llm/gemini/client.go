// Package gemini speaks Google's Gemini API (generativelanguage.googleapis.com):
// streamGenerateContent with alt=sse for a reply, models.list for the model
// list. The key travels only in the x-goog-api-key header, never in a URL.
//
// Errors keep Google's words: Message is error.message, Type is error.status
// (INVALID_ARGUMENT, PERMISSION_DENIED, RESOURCE_EXHAUSTED, ...) and Code the
// most specific reason given (the ErrorInfo reason such as API_KEY_INVALID,
// else the id of the exhausted quota, else the status). A prompt Gemini
// blocks ends the reply with no text and Finish "PROMPT_BLOCKED_<reason>",
// just as a blocked answer ends with Finish "SAFETY": neither is an error of
// the connection, and the chat layer explains both as an empty answer.
package gemini

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

var (
	_ llm.Provider    = (*Client)(nil)
	_ llm.ModelLister = (*Client)(nil)
)

// DefaultBaseURL is Google's Gemini API host.
const DefaultBaseURL = "https://generativelanguage.googleapis.com"

// maxModelPages bounds how many pages of the model list are fetched.
const maxModelPages = 20

// Client streams replies from one base URL with one key.
type Client struct {
	baseURL string
	key     string
	http    *http.Client
}

// New returns a client for baseURL (normally [DefaultBaseURL]; a base that
// already ends in /v1beta or /v1 is used as is). An empty key sends no key
// header, for relays that hold the key themselves.
func New(baseURL, key string, client *http.Client) *Client {
	return &Client{baseURL: baseURL, key: key, http: client}
}

// Endpoint is the URL a chat request is sent to, with "{model}" standing for
// the model, which a base URL alone does not name. [ModelEndpoint] gives the
// exact URL for one model.
func Endpoint(baseURL string) string {
	return apiRoot(baseURL) + "/models/{model}:streamGenerateContent?alt=sse"
}

// ModelEndpoint is the exact URL a chat request for model is sent to.
func ModelEndpoint(baseURL, model string) string {
	model = url.PathEscape(strings.TrimPrefix(strings.TrimSpace(model), "models/"))
	return apiRoot(baseURL) + "/models/" + model + ":streamGenerateContent?alt=sse"
}

// apiRoot is the base URL with the API version appended unless the user
// already typed one.
func apiRoot(baseURL string) string {
	b := strings.TrimRight(strings.TrimSpace(baseURL), "/")
	if strings.HasSuffix(b, "/v1beta") || strings.HasSuffix(b, "/v1") {
		return b
	}
	return b + "/v1beta"
}

// Stream sends req and yields the reply as it arrives. See [llm.Provider].
func (c *Client) Stream(ctx context.Context, req llm.Request) iter.Seq2[llm.Chunk, error] {
	return func(yield func(llm.Chunk, error) bool) {
		endpoint := ModelEndpoint(c.baseURL, req.Model)
		res, err := c.post(ctx, endpoint, req)
		if err != nil {
			yield(llm.Chunk{}, err)
			return
		}
		defer res.Body.Close()
		shown := llm.Redact(endpoint)
		switch llm.MediaType(res.Header.Get("Content-Type")) {
		case "text/event-stream", "":
			c.readStream(shown, res.Body, yield)
		case "application/json":
			c.readWhole(shown, res.Body, yield)
		default:
			yield(llm.Chunk{}, c.httpError(llm.ReadHTTPError(shown, res)))
		}
	}
}

// post sends req asking for thought summaries. A model that refuses them
// (a 400 whose message is about thinking) is asked again without, since
// nothing has been shown to the user yet.
func (c *Client) post(ctx context.Context, endpoint string, req llm.Request) (*http.Response, error) {
	res, err := llm.PostJSON(ctx, c.http, endpoint, c.header(), toWire(req, true))
	var he *llm.HTTPError
	if errors.As(err, &he) && he.Status == http.StatusBadRequest && strings.Contains(strings.ToLower(he.Message), "think") {
		res, err = llm.PostJSON(ctx, c.http, endpoint, c.header(), toWire(req, false))
	}
	if errors.As(err, &he) {
		c.httpError(he)
	}
	return res, err
}

func (c *Client) header() http.Header {
	h := http.Header{}
	if c.key != "" {
		h.Set("x-goog-api-key", c.key)
	}
	return h
}

func (c *Client) httpError(e *llm.HTTPError) *llm.HTTPError {
	fixHTTPError(e, c.key)
	return e
}

// readStream parses an SSE body. The reply is complete only once a
// candidate carried a finishReason (or the prompt was blocked); a body that
// ends before that was cut.
func (c *Client) readStream(endpoint string, body io.Reader, yield func(llm.Chunk, error) bool) {
	finished := false
	for ev, err := range sse.Read(body, &sse.ReadConfig{MaxEventSize: llm.MaxEventSize}) {
		if err != nil {
			yield(llm.Chunk{}, &llm.StreamError{Endpoint: endpoint, Err: err})
			return
		}
		data := strings.TrimSpace(ev.Data)
		if data == "[DONE]" {
			return
		}
		if data != "" && !c.emit(endpoint, []byte(data), &finished, yield) {
			return
		}
	}
	if !finished {
		yield(llm.Chunk{}, &llm.StreamError{Endpoint: endpoint, Err: llm.ErrStreamIncomplete})
	}
}

// readWhole handles an answer that came as JSON rather than SSE: a relay
// that dropped alt=sse sends the stream as one array of responses, and
// generateContent sends one response.
func (c *Client) readWhole(endpoint string, body io.Reader, yield func(llm.Chunk, error) bool) {
	raw, err := io.ReadAll(io.LimitReader(body, llm.MaxEventSize))
	if err != nil {
		yield(llm.Chunk{}, &llm.StreamError{Endpoint: endpoint, Err: err})
		return
	}
	events := []json.RawMessage{raw}
	if s := strings.TrimSpace(string(raw)); strings.HasPrefix(s, "[") {
		if err := json.Unmarshal(raw, &events); err != nil {
			yield(llm.Chunk{}, &llm.StreamError{Endpoint: endpoint, Err: fmt.Errorf("decode answer: %w", err)})
			return
		}
	}
	finished := false
	for _, ev := range events {
		if !c.emit(endpoint, ev, &finished, yield) {
			return
		}
	}
	if !finished {
		yield(llm.Chunk{}, &llm.StreamError{Endpoint: endpoint, Err: llm.ErrStreamIncomplete})
	}
}

// emit parses one response and yields it; it reports whether to go on.
func (c *Client) emit(endpoint string, data []byte, finished *bool, yield func(llm.Chunk, error) bool) bool {
	chunk, err := parseEvent(endpoint, c.key, data)
	if err != nil {
		yield(llm.Chunk{}, err)
		return false
	}
	*finished = *finished || chunk.Finish != ""
	if chunk == (llm.Chunk{}) {
		return true
	}
	return yield(chunk, nil)
}

// Models lists the models this key may chat with: those supporting
// generateContent, without the "models/" prefix. See [llm.ModelLister].
func (c *Client) Models(ctx context.Context) ([]string, error) {
	var names []string
	token := ""
	for range maxModelPages {
		page, next, err := c.modelPage(ctx, token)
		if err != nil {
			return nil, err
		}
		names = append(names, page...)
		if next == "" {
			break
		}
		token = next
	}
	return names, nil
}

func (c *Client) modelPage(ctx context.Context, token string) (names []string, next string, err error) {
	endpoint := apiRoot(c.baseURL) + "/models"
	q := url.Values{"pageSize": {"1000"}}
	if token != "" {
		q.Set("pageToken", token)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint+"?"+q.Encode(), nil)
	if err != nil {
		return nil, "", &llm.RequestError{Endpoint: llm.Redact(endpoint), Err: err}
	}
	req.Header = c.header()
	res, err := llm.Do(c.http, req)
	var he *llm.HTTPError
	if errors.As(err, &he) {
		c.httpError(he)
	}
	if err != nil {
		return nil, "", err
	}
	defer res.Body.Close()
	shown := llm.Redact(endpoint)
	if mt := llm.MediaType(res.Header.Get("Content-Type")); mt != "application/json" && mt != "" {
		return nil, "", c.httpError(llm.ReadHTTPError(shown, res))
	}
	var list modelList
	if err := json.NewDecoder(io.LimitReader(res.Body, llm.MaxEventSize)).Decode(&list); err != nil {
		return nil, "", &llm.StreamError{Endpoint: shown, Err: fmt.Errorf("decode model list: %w", err)}
	}
	return list.chatModels(), list.NextPageToken, nil
}
