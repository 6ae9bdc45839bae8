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
	"iter"
	"net/http"
	"net/url"
	"strings"

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
type Client struct{ llm.Conn }

// New returns a client for baseURL (normally [DefaultBaseURL]; a base that
// already ends in /v1beta or /v1 is used as is). An empty key sends no key
// header, for relays that hold the key themselves.
func New(baseURL, key string, client *http.Client) *Client {
	return &Client{llm.Conn{BaseURL: baseURL, Key: key, HTTP: client}}
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
// It asks for thought summaries; a model that refuses them (a 400 whose
// message is about thinking) is asked again without, since nothing has been
// shown to the user yet.
func (c *Client) Stream(ctx context.Context, req llm.Request) iter.Seq2[llm.Chunk, error] {
	return llm.Stream(ctx, c.HTTP, llm.Call{
		Target:  c.target(ModelEndpoint(c.BaseURL, req.Model)),
		Body:    toWire(req, true),
		Framing: llm.FramingSSE,
		Event:   decodeEvent,
		Whole:   decodeWhole,
		Retry: func(he *llm.HTTPError) (any, bool) {
			if he.Status == http.StatusBadRequest && strings.Contains(strings.ToLower(he.Message), "think") {
				return toWire(req, false), true
			}
			return nil, false
		},
	})
}

// target sends the key only in the x-goog-api-key header; an empty key
// sends none, for relays that hold the key themselves.
func (c *Client) target(url string) llm.Target {
	t := llm.Target{Protocol: llm.ProtocolGemini, URL: url, Header: http.Header{}, Key: c.Key, Words: words}
	return t.WithKey("x-goog-api-key")
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
	q := url.Values{"pageSize": {"1000"}}
	if token != "" {
		q.Set("pageToken", token)
	}
	var list modelList
	if err := llm.FetchJSON(ctx, c.HTTP, c.target(apiRoot(c.BaseURL)+"/models?"+q.Encode()), &list); err != nil {
		return nil, "", err
	}
	return list.chatModels(), list.NextPageToken, nil
}
