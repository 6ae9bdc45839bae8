package llm

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/url"
	"strings"
)

// MediaType returns the lower-case media type of a Content-Type header value,
// or "" when there is none.
func MediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return strings.ToLower(strings.TrimSpace(contentType))
	}
	return mt
}

// ParseErrorBody finds the message, code and type in the common shapes of
// JSON error bodies: {"error":{"message","type","code"}} (OpenAI and its
// relays, Anthropic), {"error":{"message","status"}} (Google),
// {"code","message"} (DashScope) and {"error":"..."} (Ollama). Adapters
// start from it and add their own vocabulary.
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
	if json.Unmarshal(body.Error, &inner) == nil && (inner.Message != "" || len(inner.Code) > 0 || inner.Type != "" || inner.Status != "") {
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

// HasError reports whether a decoded "error" member holds anything.
func HasError(raw json.RawMessage) bool {
	return len(raw) > 0 && string(raw) != "null"
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
