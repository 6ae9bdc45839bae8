package problem

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"syscall"
	"time"

	"parley/backend/llm"
)

func classify(err error) *Problem {
	var (
		httpErr  *llm.HTTPError
		provErr  *llm.ProviderError
		strErr   *llm.StreamError
		reqErr   *llm.RequestError
		redirErr *llm.RedirectError
	)
	switch {
	case errors.Is(err, context.Canceled):
		p := explain(KindCanceled, "canceled", nil)
		p.cause = err
		return p
	case errors.As(err, &httpErr):
		return fromHTTP(httpErr)
	case errors.As(err, &redirErr):
		return fromRedirect(redirErr, err)
	case errors.As(err, &provErr):
		return fromProvider(provErr)
	case errors.As(err, &strErr):
		return fromStream(strErr)
	case errors.As(err, &reqErr):
		return fromRequest(reqErr)
	}
	p := explain(KindInternal, "internal", facts{"cause": err.Error()})
	p.cause = err
	return p
}

// fromProvider explains an error inside a stream as the same error with an
// HTTP status would be (a rejected key, a quota, a missing model), else as
// the provider stopping with an error; only when answer text had arrived
// does it say that the answer started.
func fromProvider(e *llm.ProviderError) *Problem {
	f := facts{"host": hostOf(e.Endpoint), "model": e.Model}
	he := &llm.HTTPError{Protocol: e.Protocol, Endpoint: e.Endpoint, Reason: e.Reason, Model: e.Model, NoKey: e.NoKey}
	p := noKeySent(he, f)
	if p == nil {
		p = byReason(he, f)
	}
	switch {
	case e.Reason == llm.ReasonOverloaded && e.Started:
		p = explain(KindOverloaded, "overloaded.stream", f)
	case p == nil && e.Started:
		p = explain(KindProviderError, "provider_error", f)
	case p == nil:
		p = explain(KindProviderError, "provider_error.before", f)
	}
	p.cause = e
	p.ProviderMessage, p.ProviderCode = e.Message, firstNonEmpty(e.Code, e.Type)
	setEndpoint(p, e.Endpoint)
	return p
}

func fromStream(e *llm.StreamError) *Problem {
	f := facts{"cause": e.Err.Error(), "host": hostOf(e.Endpoint)}
	kind, id := KindStreamBroken, WordsID("stream_broken")
	var (
		te *llm.TimeoutError
		ne net.Error
	)
	switch {
	case errors.As(e.Err, &te):
		kind, id = timeoutWords(te, f)
	case errors.As(e.Err, &ne) && ne.Timeout():
		id = "stream_broken.idle"
		f["after"] = "too long"
	case errors.Is(e.Err, llm.ErrEventTooLarge):
		id, f["limit"] = "stream_broken.too_large", fmt.Sprintf("%d MiB", llm.MaxEventSize>>20)
	case errors.Is(e.Err, llm.ErrUnreadable):
		id = "stream_broken.unreadable"
	}
	p := explain(kind, id, f)
	p.cause = e
	setEndpoint(p, e.Endpoint)
	return p
}

// timeoutWords picks the words of the wait that ran out. An idle stream
// had started, so it is a stream that broke off (its text is kept).
func timeoutWords(te *llm.TimeoutError, f facts) (Kind, WordsID) {
	f["after"] = seconds(te.After)
	switch te.Phase {
	case llm.PhaseConnect:
		return KindTimeout, "timeout.connect"
	case llm.PhaseFirstByte:
		return KindTimeout, "timeout.first_byte"
	}
	return KindStreamBroken, "stream_broken.idle"
}

// seconds shows a wait as people say it: "60 s", "1.5 s", "250 ms".
func seconds(d time.Duration) string {
	switch {
	case d >= time.Second && d%time.Second == 0:
		return fmt.Sprintf("%d s", d/time.Second)
	case d >= time.Second:
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}

// fromRedirect explains a redirect to another origin, which was not
// followed: the base URL has probably moved.
func fromRedirect(e *llm.RedirectError, err error) *Problem {
	p := explain(KindRedirect, "redirect.origin", facts{"host": hostOf(e.From), "endpoint": e.From,
		"target": e.To, "status": strconv.Itoa(e.Status)})
	p.cause = err
	p.Status = e.Status
	setEndpoint(p, e.From)
	return p
}

func fromRequest(e *llm.RequestError) *Problem {
	p := transportProblem(e)
	p.cause = e
	setEndpoint(p, e.Endpoint)
	return p
}

func transportProblem(e *llm.RequestError) *Problem {
	var (
		proxyErr *llm.ProxyError
		dnsErr   *net.DNSError
		x509Any  x509.UnknownAuthorityError
		x509Host x509.HostnameError
		x509Inv  x509.CertificateInvalidError
		recErr   tls.RecordHeaderError
		urlErr   *url.Error
		netErr   net.Error
	)
	f := facts{"host": hostOf(e.Endpoint), "cause": e.Err.Error(), "input": strconv.Quote(e.Endpoint)}
	var te *llm.TimeoutError
	switch {
	case errors.As(e.Err, &proxyErr) && errors.Is(proxyErr, llm.ErrProxyAuth):
		f["proxy"] = firstNonEmpty(proxyErr.Proxy, "the configured proxy")
		return explain(KindProxy, "proxy.login", f)
	case errors.As(e.Err, &proxyErr):
		return explain(KindProxy, "proxy", f)
	case errors.As(e.Err, &te):
		kind, id := timeoutWords(te, f)
		return explain(kind, id, f)
	case errors.As(e.Err, &dnsErr):
		return explain(KindDNS, "dns", f)
	case errors.Is(e.Err, syscall.ECONNREFUSED):
		if e.Protocol == llm.ProtocolOllama {
			return explain(KindRefused, "refused.ollama", f)
		}
		return explain(KindRefused, "refused", f)
	case errors.As(e.Err, &recErr), plainHTTP(e.Err):
		return explain(KindTLS, "tls.plain_http", f)
	case errors.As(e.Err, &x509Any), errors.As(e.Err, &x509Host), errors.As(e.Err, &x509Inv):
		return explain(KindTLS, "tls.certificate", f)
	case errors.Is(e.Err, context.DeadlineExceeded), errors.As(e.Err, &netErr) && netErr.Timeout():
		return explain(KindTimeout, "timeout", f)
	case errors.As(e.Err, &urlErr) && badScheme(e.Endpoint):
		return explain(KindInvalidInput, "invalid_input.scheme", f)
	}
	return explain(KindNetwork, "network", f)
}

// plainHTTP reports whether an HTTPS request met a server speaking plain
// HTTP. Go's client says so with an error value of its own for that case
// (http.ErrSchemeMismatch, from Go 1.21).
func plainHTTP(err error) bool {
	return errors.Is(err, http.ErrSchemeMismatch)
}

// badScheme reports whether endpoint is not an http(s) URL.
func badScheme(endpoint string) bool {
	u, err := url.Parse(endpoint)
	return err != nil || u.Scheme != "http" && u.Scheme != "https"
}

func setEndpoint(p *Problem, endpoint string) {
	p.Endpoint = endpoint
	p.Host = hostOf(endpoint)
}

func hostOf(endpoint string) string {
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" {
		return endpoint
	}
	return u.Host
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
