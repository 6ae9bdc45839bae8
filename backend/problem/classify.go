package problem

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"syscall"

	"parley/backend/llm"
)

func classify(err error) *Problem {
	var (
		httpErr *llm.HTTPError
		provErr *llm.ProviderError
		strErr  *llm.StreamError
		reqErr  *llm.RequestError
	)
	switch {
	case errors.Is(err, context.Canceled):
		p := explain(KindCanceled, "canceled", nil)
		p.cause = err
		return p
	case errors.As(err, &httpErr):
		return fromHTTP(httpErr)
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
	id := WordsID("stream_broken")
	var ne net.Error
	if errors.As(e.Err, &ne) && ne.Timeout() {
		id = "stream_broken.idle"
	}
	p := explain(KindStreamBroken, id, facts{"cause": e.Err.Error()})
	p.cause = e
	setEndpoint(p, e.Endpoint)
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
	switch {
	case errors.As(e.Err, &proxyErr):
		return explain(KindProxy, "proxy", f)
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
