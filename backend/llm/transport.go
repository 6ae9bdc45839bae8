package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// maxErrorBody bounds how much of an error body is read and kept.
const maxErrorBody = 64 << 10

// MaxEventSize is the largest single stream event adapters accept. Providers
// send whole tool-call arguments or long reasoning blocks in one event, so
// the 64 KB default of most SSE readers is far too small.
const MaxEventSize = 16 << 20

// PostJSON sends body as JSON to endpoint with the given headers and returns
// the response when its status is 2xx. Any other status becomes an
// [*HTTPError] (the body read, bounded, and closed); a transport failure
// becomes a [*RequestError].
func PostJSON(ctx context.Context, client *http.Client, endpoint string, header http.Header, body any) (*http.Response, error) {
	buf, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("encode request: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(buf))
	if err != nil {
		return nil, &RequestError{Endpoint: Redact(endpoint), Err: err}
	}
	req.Header = header.Clone()
	req.Header.Set("Content-Type", "application/json")
	return Do(client, req)
}

// Do sends req and turns failures into typed errors as [PostJSON] does.
func Do(client *http.Client, req *http.Request) (*http.Response, error) {
	endpoint := Redact(req.URL.String())
	res, err := client.Do(req)
	if err != nil {
		return nil, &RequestError{Endpoint: endpoint, Err: err}
	}
	if res.StatusCode/100 == 2 {
		return res, nil
	}
	defer res.Body.Close()
	return nil, ReadHTTPError(endpoint, res)
}

// ReadHTTPError reads a bounded copy of res's body and parses the provider's
// message out of it, whatever shape of JSON error the provider uses.
func ReadHTTPError(endpoint string, res *http.Response) *HTTPError {
	raw, _ := io.ReadAll(io.LimitReader(res.Body, maxErrorBody))
	e := &HTTPError{
		Endpoint:    endpoint,
		Status:      res.StatusCode,
		ContentType: MediaType(res.Header.Get("Content-Type")),
		Body:        strings.ToValidUTF8(string(raw), "\uFFFD"),
	}
	e.Message, e.Code, e.Type = ParseErrorBody(raw)
	return e
}

// MediaType returns the lower-case media type of a Content-Type header value,
// or "" when there is none.
func MediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return strings.ToLower(strings.TrimSpace(contentType))
	}
	return mt
}

// ParseErrorBody finds the message, code and type in the error bodies of every
// provider Parley speaks: OpenAI {"error":{"message","type","code"}},
// Anthropic {"type":"error","error":{...}}, Gemini {"error":{"message","status"}},
// DashScope {"code","message"} and Ollama {"error":"..."}.
func ParseErrorBody(raw []byte) (message, code, typ string) {
	var body struct {
		Error   json.RawMessage `json:"error"`
		Message string          `json:"message"`
		Code    json.RawMessage `json:"code"`
		Type    string          `json:"type"`
	}
	if json.Unmarshal(bytes.TrimSpace(raw), &body) != nil {
		return "", "", ""
	}
	message, code, typ = body.Message, rawString(body.Code), body.Type
	var text string
	if json.Unmarshal(body.Error, &text) == nil {
		return text, code, typ
	}
	var inner struct {
		Message string          `json:"message"`
		Code    json.RawMessage `json:"code"`
		Type    string          `json:"type"`
		Status  string          `json:"status"`
	}
	if json.Unmarshal(body.Error, &inner) == nil && inner.Message != "" {
		message, code, typ = inner.Message, rawString(inner.Code), inner.Type
		if typ == "" {
			typ = inner.Status
		}
	}
	return message, code, typ
}

// rawString renders a JSON string or number as plain text.
func rawString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	return string(raw)
}

// Redact drops the query and any user info from a URL so it can be shown and
// logged: keys must never appear in an error text.
func Redact(endpoint string) string {
	u, err := url.Parse(endpoint)
	if err != nil {
		return "(invalid URL)"
	}
	u.User = nil
	u.RawQuery = ""
	u.Fragment = ""
	return u.String()
}

// JoinURL appends path to base, keeping exactly one slash between them.
func JoinURL(base, path string) string {
	return strings.TrimRight(strings.TrimSpace(base), "/") + "/" + strings.TrimLeft(path, "/")
}

// ReadWhole handles a server that ignored the request to stream and answered
// with one JSON document: the body is read (bounded), parse turns it into a
// chunk or an error, and the result is yielded once.
func ReadWhole(endpoint string, body io.Reader, parse func(endpoint string, raw []byte) (Chunk, error), yield func(Chunk, error) bool) {
	raw, err := io.ReadAll(io.LimitReader(body, MaxEventSize))
	if err != nil {
		yield(Chunk{}, &StreamError{Endpoint: endpoint, Err: err})
		return
	}
	chunk, err := parse(endpoint, raw)
	if err != nil {
		yield(Chunk{}, err)
		return
	}
	yield(chunk, nil)
}
