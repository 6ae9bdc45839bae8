package llm

import (
	"errors"
	"fmt"
)

// ErrStreamIncomplete means the body ended before the provider said the reply
// was finished: the connection was cut mid-way.
var ErrStreamIncomplete = errors.New("stream ended before the reply was complete")

// HTTPError is a non-2xx answer from a provider. Message, Code and Type are
// the provider's own words when its body could be parsed; Body keeps a
// bounded copy of what came back either way.
type HTTPError struct {
	Endpoint    string // the URL that was called, without query secrets
	Status      int
	ContentType string
	Body        string
	Message     string
	Code        string
	Type        string
}

func (e *HTTPError) Error() string {
	if e.Message != "" {
		return fmt.Sprintf("%s: HTTP %d: %s", e.Endpoint, e.Status, e.Message)
	}
	return fmt.Sprintf("%s: HTTP %d", e.Endpoint, e.Status)
}

// ProviderError is an error the provider reported inside an otherwise
// successful stream, such as an overloaded notice after some text.
type ProviderError struct {
	Endpoint string
	Message  string
	Code     string
	Type     string
}

func (e *ProviderError) Error() string {
	return fmt.Sprintf("%s: provider reported: %s", e.Endpoint, e.Message)
}

// StreamError is a failure while reading a stream that had started: the
// connection broke, the body ended early, or an event could not be parsed.
type StreamError struct {
	Endpoint string
	Err      error
}

func (e *StreamError) Error() string {
	return fmt.Sprintf("%s: read stream: %v", e.Endpoint, e.Err)
}

func (e *StreamError) Unwrap() error { return e.Err }

// RequestError is a failure before any answer arrived: DNS, TCP, TLS, proxy
// or timeout. Err is the transport's error, for classification.
type RequestError struct {
	Endpoint string
	Err      error
}

func (e *RequestError) Error() string {
	return fmt.Sprintf("%s: %v", e.Endpoint, e.Err)
}

func (e *RequestError) Unwrap() error { return e.Err }
