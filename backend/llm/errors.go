package llm

import (
	"errors"
	"fmt"
	"time"
)

// ErrStreamIncomplete means the body ended before the provider said the reply
// was finished: the connection was cut mid-way.
var ErrStreamIncomplete = errors.New("stream ended before the reply was complete")

// ErrEventTooLarge means one event (an SSE event's line, an NDJSON line)
// was larger than [MaxEventSize]: the stream was not read on.
var ErrEventTooLarge = fmt.Errorf("an event of the stream is larger than %d MiB", MaxEventSize>>20)

// ErrUnreadable means an event arrived whole but could not be read as the
// protocol's JSON: the server speaks something else, or sent garbage.
var ErrUnreadable = errors.New("an event of the stream could not be read")

// ErrProxyAuth means the proxy answered 407: it wants a login before it
// passes anything on.
var ErrProxyAuth = errors.New("the proxy asks for a login (HTTP 407)")

// Protocol names the wire protocol an error came from, so that advice can be
// worded for it (where its base URL ends, what starts its server) without
// guessing from the shape of a URL.
type Protocol string

// The protocols Parley speaks, one package each under backend/llm.
const (
	ProtocolOpenAI    Protocol = "openai"
	ProtocolAnthropic Protocol = "anthropic"
	ProtocolOllama    Protocol = "ollama"
	ProtocolGemini    Protocol = "gemini"
	ProtocolDashScope Protocol = "dashscope"
)

// Reason is what a provider's error means, in neutral words. Each adapter
// reads its provider's own codes and phrases (its error vocabulary, in its
// format.go) and sets the reason; backend/problem maps reasons to advice and
// never reads a provider's words itself. The empty reason leaves the
// explanation to the HTTP status.
type Reason string

// The reasons an adapter can give.
const (
	ReasonNone            Reason = ""
	ReasonKeyRejected     Reason = "key_rejected"     // the key is wrong, expired, revoked or suspended
	ReasonKeyMissing      Reason = "key_missing"      // the request arrived without a key
	ReasonModelNotFound   Reason = "model_not_found"  // no such model, or not for this key
	ReasonNotAllowed      Reason = "not_allowed"      // the key may not do this (plan, project, service disabled)
	ReasonRegion          Reason = "region"           // not offered where the request comes from
	ReasonQuota           Reason = "quota"            // out of credit, balance or a daily quota
	ReasonRateLimit       Reason = "rate_limit"       // too many requests for now
	ReasonOverloaded      Reason = "overloaded"       // the provider is too busy
	ReasonContentFiltered Reason = "content_filtered" // moderation refused the message or answer
	ReasonContextTooLong  Reason = "context_too_long" // the request is larger than the model takes
	ReasonModelLoad       Reason = "model_load"       // the server could not load the model (memory, a damaged file)
)

// Words is what a provider said about an error: its own message, code and
// type verbatim, and the neutral [Reason] the adapter read out of them.
type Words struct {
	Message, Code, Type string
	Reason              Reason
	// Model is the model the error names, when it names one (Ollama's
	// "model 'x' not found"), so advice can quote it.
	Model string
	// AllowedModels lists the models the error says this key may use.
	AllowedModels []string
}

// HTTPError is a non-2xx answer from a provider, or a 2xx answer that is not
// the API (an HTML page). Message, Code and Type are the provider's own words
// when its body could be parsed; Body keeps a bounded copy of what came back
// either way. Every text in it has had the key scrubbed out.
type HTTPError struct {
	Protocol    Protocol
	Endpoint    string // the URL that was called, without query secrets
	Status      int
	ContentType string
	Body        string
	Message     string
	Code        string
	Type        string
	Reason      Reason
	// Model and AllowedModels are as in [Words].
	Model         string
	AllowedModels []string
	// NoKey is set when the request carried no key, so a 401 can say that
	// none was sent rather than that one was rejected.
	NoKey bool
	// RetryAfter is how long the provider asked to wait (Retry-After,
	// retry-after-ms), 0 when it did not say.
	RetryAfter time.Duration
}

func (e *HTTPError) Error() string {
	if e.Message != "" {
		return fmt.Sprintf("%s: HTTP %d: %s", e.Endpoint, e.Status, e.Message)
	}
	return fmt.Sprintf("%s: HTTP %d", e.Endpoint, e.Status)
}

// setWords copies a provider's words into e, keeping what e had where w is empty.
func (e *HTTPError) setWords(w Words) {
	if w.Message != "" || w.Code != "" || w.Type != "" {
		e.Message, e.Code, e.Type = w.Message, w.Code, w.Type
	}
	e.Reason, e.Model, e.AllowedModels = w.Reason, w.Model, w.AllowedModels
}

// ProviderError is an error the provider reported inside an otherwise
// successful stream, such as an overloaded notice after some text.
type ProviderError struct {
	Protocol Protocol
	Endpoint string
	Message  string
	Code     string
	Type     string
	Reason   Reason
	// Model is as in [Words].
	Model string
	// Started is set when answer text (or reasoning) had arrived before
	// the error, so the explanation can say the answer started.
	Started bool
	// NoKey is as in [HTTPError].
	NoKey bool
}

func (e *ProviderError) Error() string {
	return fmt.Sprintf("%s: provider reported: %s", e.Endpoint, e.Message)
}

// NewProviderError is the in-stream error an adapter's format returns for
// its provider's words; the stream driver fills in where it came from.
func NewProviderError(w Words) *ProviderError {
	return &ProviderError{Message: w.Message, Code: w.Code, Type: w.Type, Reason: w.Reason, Model: w.Model}
}

// StreamError is a failure while reading a stream that had started: the
// connection broke, the body ended early, or an event could not be parsed.
type StreamError struct {
	Protocol Protocol
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
	Protocol Protocol
	Endpoint string
	Err      error
}

func (e *RequestError) Error() string {
	return fmt.Sprintf("%s: %v", e.Endpoint, e.Err)
}

func (e *RequestError) Unwrap() error { return e.Err }

// ProxyError is a [RequestError]'s cause when the configured proxy failed:
// it could not be reached, or it refused to connect to the provider.
type ProxyError struct {
	Err error
	// Proxy is the proxy's URL without user info, when known.
	Proxy string
	// Status is the proxy's HTTP status when it answered (407: a login).
	Status int
}

func (e *ProxyError) Error() string {
	if e.Proxy != "" {
		return "proxy " + e.Proxy + ": " + e.Err.Error()
	}
	return "proxy: " + e.Err.Error()
}

func (e *ProxyError) Unwrap() error { return e.Err }
