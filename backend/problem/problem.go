// Package problem turns any failure into a [Problem]: what failed, where, the
// provider's own words, and one concrete next step. It is the one place that
// classifies errors, so every surface (window, CLI) explains them alike.
//
// It is a pure mapping: from the typed errors of backend/llm (their status,
// [llm.Reason] and [llm.Protocol]) and of the standard library (net, tls,
// x509) to a kind and its words in [English] (and [Chinese]: [Catalogue]
// picks one by language tag). It reads no provider's
// vocabulary; each adapter does that and sets the reason.
package problem

import (
	"errors"
	"fmt"
)

// Kind names a class of failure a user can act on.
type Kind string

// The kinds of problem Parley explains.
const (
	KindAuth          Kind = "auth"           // 401: key rejected
	KindForbidden     Kind = "forbidden"      // 403: not allowed, region, plan
	KindNotFound      Kind = "not_found"      // 404: wrong base URL or path
	KindModel         Kind = "model"          // the model does not exist or is not on this plan
	KindRateLimit     Kind = "rate_limit"     // 429: too many requests, retry later
	KindQuota         Kind = "quota"          // 429/402: out of credit
	KindBadRequest    Kind = "bad_request"    // 400 and other 4xx
	KindTooLarge      Kind = "too_large"      // 413 or context length exceeded
	KindFiltered      Kind = "filtered"       // the provider's moderation refused
	KindServer        Kind = "server"         // 5xx
	KindOverloaded    Kind = "overloaded"     // 503/529, overloaded_error
	KindHTML          Kind = "html"           // a web page where the API was expected
	KindEmpty         Kind = "empty"          // an answer with nothing in it
	KindDNS           Kind = "dns"            // host name not found
	KindRefused       Kind = "refused"        // nothing listening
	KindTLS           Kind = "tls"            // certificate or protocol mismatch
	KindProxy         Kind = "proxy"          // the configured proxy failed
	KindTimeout       Kind = "timeout"        // no answer in time
	KindNetwork       Kind = "network"        // any other transport failure
	KindStreamBroken  Kind = "stream_broken"  // the answer broke off mid-way
	KindProviderError Kind = "provider_error" // the provider reported an error mid-stream
	KindRedirect      Kind = "redirect"       // a redirect to another origin, not followed
	KindKeychain      Kind = "keychain"       // OS keychain missing or locked
	KindNoKey         Kind = "no_key"         // no key saved for this profile
	KindInvalidInput  Kind = "invalid_input"  // a base URL, key or field the user must fix
	KindCanceled      Kind = "canceled"       // the user pressed Stop
	KindInternal      Kind = "internal"       // a bug in Parley
)

// Problem is a failure explained for the person who has to act on it. It is
// an error, so code that knows the user-facing reason returns one directly.
type Problem struct {
	Kind  Kind   `json:"kind"`
	Title string `json:"title"`
	// Detail says what happened, in plain words.
	Detail string `json:"detail"`
	// Fix is the one next step the user can take.
	Fix string `json:"fix"`
	// Status is the HTTP status, when an answer arrived.
	Status int `json:"status,omitempty"`
	// Host and Endpoint say where the request went (never with a key).
	Host     string `json:"host,omitempty"`
	Endpoint string `json:"endpoint,omitempty"`
	// ProviderMessage is the provider's own message, verbatim.
	ProviderMessage string `json:"providerMessage,omitempty"`
	ProviderCode    string `json:"providerCode,omitempty"`
	// AllowedModels lists the models a 403 said this key may use.
	AllowedModels []string `json:"allowedModels,omitempty"`
	// KeyHint is the masked key that was sent, when the key is in question.
	KeyHint string `json:"keyHint,omitempty"`
	// WordsID names the explanation in [English] the words came from, so
	// the UI can show them in another language; empty for words made on
	// the spot.
	WordsID WordsID `json:"wordsId,omitempty"`
	// Facts are the values the explanation's placeholders were filled
	// with ({host}, {status}, ...), so another language's words can be
	// filled with the same facts.
	Facts map[string]string `json:"facts,omitempty"`

	cause error
}

func (p *Problem) Error() string {
	msg := p.Title
	if p.Status != 0 {
		msg = fmt.Sprintf("%s (HTTP %d)", msg, p.Status)
	}
	if p.ProviderMessage != "" {
		msg += ": " + p.ProviderMessage
	}
	return msg
}

// Unwrap returns the technical cause, kept apart from the user-facing words.
func (p *Problem) Unwrap() error { return p.cause }

// New returns a problem of kind with the given words.
func New(kind Kind, title, detail, fix string) *Problem {
	return &Problem{Kind: kind, Title: title, Detail: detail, Fix: fix}
}

// Wrap is [New] with a technical cause attached for logs and errors.Is.
func Wrap(cause error, kind Kind, title, detail, fix string) *Problem {
	p := New(kind, title, detail, fix)
	p.cause = cause
	return p
}

// Class groups kinds by who has to act: the provider said no, the provider
// could not be reached, the stream broke, or something local is wrong.
type Class int

// The classes, which the CLI turns into exit codes.
const (
	ClassLocal       Class = 1
	ClassProvider    Class = 2
	ClassUnreachable Class = 3
	ClassStream      Class = 4
)

// Class reports which [Class] p belongs to.
func (p *Problem) Class() Class {
	switch p.Kind {
	case KindDNS, KindRefused, KindTLS, KindProxy, KindTimeout, KindNetwork:
		return ClassUnreachable
	case KindStreamBroken:
		return ClassStream
	case KindKeychain, KindNoKey, KindInvalidInput, KindInternal, KindCanceled:
		return ClassLocal
	}
	return ClassProvider
}

// From explains err. A *Problem anywhere in err's chain is returned as is;
// every other error is classified by what it is.
func From(err error) *Problem {
	if err == nil {
		return nil
	}
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	return classify(err)
}
