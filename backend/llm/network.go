package llm

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Timeouts bound the three waits of a request, each on its own: a reasoning
// model may think for a minute before its first byte, while a stream that
// has started and then goes silent is stuck.
type Timeouts struct {
	// Connect bounds reaching the server: the TCP connection, a proxy's
	// CONNECT and the TLS handshake.
	Connect time.Duration `json:"connect"`
	// FirstByte bounds the wait from a connection to the first byte of the
	// answer's body (not its headers, which many servers send at once).
	FirstByte time.Duration `json:"firstByte"`
	// Idle bounds the silence between two reads of the body once it started.
	Idle time.Duration `json:"idle"`
}

// DefaultTimeouts are the waits used where a profile or a flag sets none:
// generous to a first byte (reasoning models think before they speak).
var DefaultTimeouts = Timeouts{Connect: 10 * time.Second, FirstByte: 120 * time.Second, Idle: 60 * time.Second}

// Or returns t with each zero wait taken from d.
func (t Timeouts) Or(d Timeouts) Timeouts {
	if t.Connect <= 0 {
		t.Connect = d.Connect
	}
	if t.FirstByte <= 0 {
		t.FirstByte = d.FirstByte
	}
	if t.Idle <= 0 {
		t.Idle = d.Idle
	}
	return t
}

// Phase names the wait a [TimeoutError] ended.
type Phase string

// The three waits of a request.
const (
	PhaseConnect   Phase = "connect"
	PhaseFirstByte Phase = "first_byte"
	PhaseIdle      Phase = "idle"
)

// Phases lists every [Phase]; main.go binds it with Wails' EnumBind (the
// window hears of a silent wait in chat:idle).
var Phases = []Phase{PhaseConnect, PhaseFirstByte, PhaseIdle}

// TSName is the phase's member name in the generated TypeScript enum.
func (p Phase) TSName() string { return strings.ToUpper(string(p)) }

// TimeoutError is a wait of [Timeouts] that ran out. It sits inside a
// [*RequestError] (connect, or a first byte before any headers) or a
// [*StreamError] (a first byte after the headers, or an idle stream).
type TimeoutError struct {
	Phase Phase
	After time.Duration
}

func (e *TimeoutError) Error() string {
	switch e.Phase {
	case PhaseConnect:
		return fmt.Sprintf("could not connect within %s", e.After)
	case PhaseFirstByte:
		return fmt.Sprintf("no answer within %s of connecting", e.After)
	}
	return fmt.Sprintf("no data for %s", e.After)
}

// Timeout marks the error as a timeout, as net.Error does.
func (e *TimeoutError) Timeout() bool { return true }

// Stall is what [Network.OnStall] is told: which wait ran out, and how long
// nothing has arrived.
type Stall struct {
	Phase  Phase
	Silent time.Duration
}

// RetryNotice is what [Network.OnRetry] is told before each retry: the
// retry's number (1 for the first), how many may follow at most, the wait
// before it and the (scrubbed) error that caused it.
type RetryNotice struct {
	Attempt, Max int
	In           time.Duration
	Err          error
}

// Retry is the policy for failures that may pass by themselves (408, 429,
// 5xx, 529, a connection reset), retried only before any answer arrived.
type Retry struct {
	// Max is the number of retries after the first try; 0 is none.
	Max int
	// Base is the wait before the first retry, doubled for each next one
	// and jittered; Cap bounds it.
	Base, Cap time.Duration
	// MaxAfter is the longest Retry-After waited for (Cap when 0); a
	// provider asking for longer gets its failure shown instead.
	MaxAfter time.Duration
}

// DefaultRetry is what the trusted SDKs do: two retries, after about 0.5
// and 1 s, or after the provider's Retry-After when it is at most a minute.
var DefaultRetry = Retry{Max: 2, Base: 500 * time.Millisecond, Cap: 8 * time.Second, MaxAfter: time.Minute}

// Network is how a request treats a slow or failing network: its
// [Timeouts], its [Retry] policy, and whom to tell. The caller of
// [Stream] or [Fetch] puts it on the context ([WithNetwork]); zero
// timeouts take [DefaultTimeouts], and no retry is made unless Retry says
// so (Parley's core asks for [DefaultRetry]).
type Network struct {
	Timeouts
	Retry Retry
	// OnRetry, when set, is told of each retry before its wait.
	OnRetry func(RetryNotice)
	// OnStall, when set, is asked when the first-byte or idle wait runs
	// out; true waits that long once more, false ends the request with a
	// [*TimeoutError]. It is called from a timer's goroutine.
	OnStall func(Stall) bool
}

type networkKey struct{}

// WithNetwork returns ctx carrying n for the requests made under it.
func WithNetwork(ctx context.Context, n Network) context.Context {
	return context.WithValue(ctx, networkKey{}, n)
}

// NetworkOf returns the [Network] ctx carries, defaults filled in.
func NetworkOf(ctx context.Context) Network {
	n, _ := ctx.Value(networkKey{}).(Network)
	n.Timeouts = n.Timeouts.Or(DefaultTimeouts)
	return n
}

// RedirectError is a redirect Parley did not follow: to another origin
// (scheme, host or port) than the one the request was sent to, where the
// key and the conversation must not go. From and To are shown without
// query or user info.
type RedirectError struct {
	Status   int
	From, To string
}

func (e *RedirectError) Error() string {
	return fmt.Sprintf("redirect (HTTP %d) from %s to another origin, %s, not followed", e.Status, e.From, e.To)
}

// maxRedirects bounds a chain of same-origin redirects.
const maxRedirects = 10

// CheckRedirect is the redirect policy of every client requests go through
// (an [http.Client]'s CheckRedirect): a redirect within the origin the
// request was first sent to is followed (307 and 308 with their body);
// one to another origin is a [*RedirectError], so no key, header or body
// leaves for a host the user never entered. [Stream] and [Fetch] apply it
// whatever client they are given.
func CheckRedirect(req *http.Request, via []*http.Request) error {
	if len(via) == 0 {
		return nil
	}
	first := via[0].URL
	if !SameOrigin(first, req.URL) {
		status := 0
		if req.Response != nil {
			status = req.Response.StatusCode
		}
		return &RedirectError{Status: status, From: Redact(first.String()), To: Redact(req.URL.String())}
	}
	if len(via) >= maxRedirects {
		return fmt.Errorf("stopped after %d redirects", maxRedirects)
	}
	return nil
}

// SameOrigin reports whether a and b have the same scheme, host and port
// (a missing port is the scheme's own), compared without case.
func SameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) &&
		portOf(a) == portOf(b)
}

func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "https") {
		return "443"
	}
	return "80"
}

// guarded returns client with [CheckRedirect] as its redirect policy.
func guarded(client *http.Client) *http.Client {
	c := *client
	c.CheckRedirect = CheckRedirect
	return &c
}
