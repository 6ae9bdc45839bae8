package llm

import (
	"bufio"
	"cmp"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"syscall"
	"time"
)

// run tries the call, retrying a transient failure (see [Retry]) as long
// as nothing of the answer was yielded: a retry never shows or stores a
// piece twice. Each retry is announced to [Network.OnRetry] first.
func (d *driver) run(client *http.Client, yield func(Chunk, error) bool) {
	for attempt := 1; ; attempt++ {
		sent := false
		var failed error
		d.once(client, func(c Chunk, err error) bool {
			if err != nil {
				failed = err
				return false
			}
			sent = true
			return yield(c, nil)
		})
		if failed == nil {
			return
		}
		wait, ok := d.retryWait(failed, attempt)
		if sent || !ok {
			yield(Chunk{}, failed)
			return
		}
		if d.net.OnRetry != nil {
			d.net.OnRetry(RetryNotice{Attempt: attempt, Max: d.net.Retry.Max, In: wait,
				Err: d.scrub(d.stamp(failed))})
		}
		if !sleep(d.ctx, wait) {
			yield(Chunk{}, d.ctx.Err())
			return
		}
	}
}

// retryWait says whether failure may be retried as the attempt-th retry,
// and after how long: the provider's Retry-After when it gave one (unless
// longer than the policy's cap), else exponential backoff with jitter.
func (d *driver) retryWait(failure error, attempt int) (time.Duration, bool) {
	p := d.net.Retry
	if attempt > p.Max || d.ctx.Err() != nil || !transient(failure) {
		return 0, false
	}
	var he *HTTPError
	if errors.As(failure, &he) && he.RetryAfter > 0 {
		return he.RetryAfter, he.RetryAfter <= cmp.Or(p.MaxAfter, p.Cap)
	}
	return backoff(p, attempt), true
}

// backoff is Base doubled for each retry after the first, capped, of
// which a random half is waited on top of the other half ("equal jitter"),
// so clients failing together do not come back together.
func backoff(p Retry, attempt int) time.Duration {
	d := p.Base
	for i := 1; i < attempt && d < p.Cap; i++ {
		d *= 2
	}
	d = min(d, p.Cap)
	half := d / 2
	return half + rand.N(half+1)
}

// transient reports whether failure may pass by itself: 408, 429 (not an
// exhausted quota), 5xx but 501 and 505, 529, an overloaded or
// rate-limited notice inside a stream, and a connection reset. A timeout
// is not: its wait was long already.
func transient(failure error) bool {
	var (
		he *HTTPError
		pe *ProviderError
		te *TimeoutError
	)
	switch {
	case errors.As(failure, &te):
		return false
	case errors.As(failure, &he):
		switch he.Reason {
		case ReasonNone, ReasonRateLimit, ReasonOverloaded:
		default:
			return false
		}
		s := he.Status
		return s == http.StatusRequestTimeout || s == http.StatusTooManyRequests ||
			s >= 500 && s < 600 && s != http.StatusNotImplemented && s != http.StatusHTTPVersionNotSupported
	case errors.As(failure, &pe):
		return pe.Reason == ReasonRateLimit || pe.Reason == ReasonOverloaded
	}
	return connReset(failure)
}

// connReset reports whether the connection was reset or closed by the
// other side before the answer was complete.
func connReset(err error) bool {
	var re *RequestError
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNABORTED) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.As(err, &re) && errors.Is(err, io.EOF)
}

// retryAfter reads how long a provider asked to wait: retry-after-ms
// (OpenAI), then Retry-After in seconds or as an HTTP date.
func retryAfter(h http.Header) time.Duration {
	if ms, err := strconv.ParseFloat(h.Get("Retry-After-Ms"), 64); err == nil && ms > 0 {
		return time.Duration(ms * float64(time.Millisecond))
	}
	v := h.Get("Retry-After")
	if s, err := strconv.Atoi(v); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}

// sleep waits d unless ctx ends first; it reports whether d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// typedTransport gives a transport failure its type: a proxy's failure
// to connect is a [*ProxyError].
func typedTransport(err error) error {
	var (
		op *net.OpError
		pe *ProxyError
	)
	if !errors.As(err, &pe) && errors.As(err, &op) && op.Op == "proxyconnect" {
		return &ProxyError{Err: err}
	}
	return err
}

// readError names what stopped a stream's framing: an event over
// [MaxEventSize] is [ErrEventTooLarge].
func readError(err error) error {
	if errors.Is(err, bufioTooLong) || errors.Is(err, errLineTooLong) || errors.Is(err, errEventTooLarge) {
		return ErrEventTooLarge
	}
	return err
}

// unreadable marks a decoder's failure on a whole event as [ErrUnreadable],
// keeping the decoder's words.
func unreadable(err error) error {
	if errors.Is(err, ErrUnreadable) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrUnreadable, err)
}

// bufioTooLong is what the SSE reader's scanner says of a line too long.
var bufioTooLong = bufio.ErrTooLong

// proxyOf names the proxy client sends req through, "" for none or when
// it cannot tell.
func proxyOf(client *http.Client, req *http.Request) string {
	t, ok := client.Transport.(*http.Transport)
	if !ok || t.Proxy == nil {
		return ""
	}
	u, err := t.Proxy(req)
	if err != nil || u == nil {
		return ""
	}
	return Redact(u.String())
}

// ProxyConnectResponse is an [http.Transport]'s OnProxyConnectResponse:
// a proxy that refuses to CONNECT (407 for a login, or any other status)
// becomes a [*ProxyError] naming the proxy and its status, without the
// proxy's login should its status line quote the request.
func ProxyConnectResponse(_ context.Context, proxy *url.URL, _ *http.Request, res *http.Response) error {
	switch {
	case res.StatusCode == http.StatusProxyAuthRequired:
		return &ProxyError{Err: ErrProxyAuth, Proxy: Redact(proxy.String()), Status: res.StatusCode}
	case res.StatusCode/100 != 2:
		status := res.Status
		for _, secret := range proxySecrets(proxy) {
			status = Scrub(status, secret)
		}
		return &ProxyError{Err: errors.New(status), Proxy: Redact(proxy.String()), Status: res.StatusCode}
	}
	return nil
}

// proxySecrets are the texts that betray a proxy's login: its password,
// and the token of the Proxy-Authorization header that carries it.
func proxySecrets(proxy *url.URL) []string {
	if proxy == nil || proxy.User == nil {
		return nil
	}
	pass, _ := proxy.User.Password()
	return []string{pass, base64.StdEncoding.EncodeToString([]byte(proxy.User.Username() + ":" + pass))}
}

// proxyOfURL is the proxy client would send a request for target through,
// nil when none.
func proxyOfURL(ctx context.Context, client *http.Client, target string) *url.URL {
	t, ok := client.Transport.(*http.Transport)
	if !ok || t.Proxy == nil {
		return nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil
	}
	u, err := t.Proxy(req)
	if err != nil {
		return nil
	}
	return u
}
