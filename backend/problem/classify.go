package problem

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
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
		return Wrap(err, KindCanceled, "Stopped", "You stopped this answer; what arrived is kept.", "")
	case errors.As(err, &httpErr):
		return fromHTTP(httpErr)
	case errors.As(err, &provErr):
		return fromProvider(provErr)
	case errors.As(err, &strErr):
		return fromStream(strErr)
	case errors.As(err, &reqErr):
		return fromRequest(reqErr)
	}
	return Wrap(err, KindInternal, "Something went wrong inside Parley", err.Error(),
		"Try again; if it keeps happening, report it with the steps that led here.")
}

func fromProvider(e *llm.ProviderError) *Problem {
	p := Wrap(e, KindProviderError, "The provider stopped with an error",
		"The answer started, then the provider reported an error. The text that arrived is kept.",
		"Retry the message. If the provider keeps failing, try another model or later.")
	if looksOverloaded(e.Message, e.Code, e.Type) {
		p.Kind, p.Title = KindOverloaded, "The provider is overloaded"
		p.Fix = "Wait a minute and retry; the text that arrived is kept."
	}
	p.ProviderMessage, p.ProviderCode = e.Message, firstNonEmpty(e.Code, e.Type)
	setEndpoint(p, e.Endpoint)
	return p
}

func fromStream(e *llm.StreamError) *Problem {
	p := Wrap(e, KindStreamBroken, "The answer broke off mid-way",
		"The connection closed before the provider finished ("+e.Err.Error()+"). The text that arrived is kept.",
		"Retry the message. If long answers keep breaking, a proxy or VPN may be cutting long connections.")
	var ne net.Error
	if errors.As(e.Err, &ne) && ne.Timeout() {
		p.Detail = "No data arrived for too long, so Parley gave up waiting. The text that arrived is kept."
	}
	setEndpoint(p, e.Endpoint)
	return p
}

func fromRequest(e *llm.RequestError) *Problem {
	p := transportProblem(e)
	setEndpoint(p, e.Endpoint)
	return p
}

func transportProblem(e *llm.RequestError) *Problem {
	host := hostOf(e.Endpoint)
	var (
		dnsErr   *net.DNSError
		x509Any  x509.UnknownAuthorityError
		x509Host x509.HostnameError
		x509Inv  x509.CertificateInvalidError
		recErr   tls.RecordHeaderError
		urlErr   *url.Error
		netErr   net.Error
	)
	msg := e.Err.Error()
	switch {
	case strings.Contains(msg, "proxyconnect"):
		return Wrap(e, KindProxy, "The proxy could not be used",
			fmt.Sprintf("Parley reached the proxy but it failed to connect to %s: %s", host, msg),
			"Check the HTTPS_PROXY / HTTP_PROXY setting, or unset it if no proxy is needed.")
	case errors.As(e.Err, &dnsErr):
		return Wrap(e, KindDNS, "The server's name could not be found",
			fmt.Sprintf("No address was found for %s.", host),
			"Check the spelling of the base URL and that this computer is online.")
	case errors.Is(e.Err, syscall.ECONNREFUSED):
		return refused(e, host)
	case errors.As(e.Err, &recErr), strings.Contains(msg, "server gave HTTP response to HTTPS client"):
		return Wrap(e, KindTLS, "This server does not speak HTTPS",
			fmt.Sprintf("Parley tried HTTPS, but %s answered in plain HTTP.", host),
			"Change the base URL to start with http:// — only for a server you trust on your own network.")
	case errors.As(e.Err, &x509Any), errors.As(e.Err, &x509Host), errors.As(e.Err, &x509Inv):
		return Wrap(e, KindTLS, "The server's certificate is not trusted",
			fmt.Sprintf("The TLS certificate of %s could not be verified: %s", host, msg),
			"Check the host name in the base URL. A company proxy that inspects traffic needs its certificate installed in the system.")
	case errors.Is(e.Err, context.DeadlineExceeded), errors.As(e.Err, &netErr) && netErr.Timeout():
		return Wrap(e, KindTimeout, "The server did not answer in time",
			fmt.Sprintf("%s accepted the request but sent nothing back in time.", host),
			"Retry. If it keeps timing out, the provider may be overloaded or a firewall may be dropping the connection.")
	case errors.As(e.Err, &urlErr) && strings.Contains(msg, "unsupported protocol scheme"):
		return Wrap(e, KindInvalidInput, "The base URL is not a web address",
			fmt.Sprintf("%q does not start with http:// or https://.", e.Endpoint),
			"Edit the profile and enter a base URL such as https://api.openai.com/v1.")
	}
	return Wrap(e, KindNetwork, "The server could not be reached",
		fmt.Sprintf("The connection to %s failed: %s", host, msg),
		"Check that this computer is online and that the base URL is right.")
}

func refused(e *llm.RequestError, host string) *Problem {
	p := Wrap(e, KindRefused, "Nothing is listening at "+host,
		fmt.Sprintf("The connection to %s was refused: no server runs on that port.", host),
		"Start the server, or check the host and port in the base URL.")
	if strings.HasSuffix(host, ":11434") || strings.HasSuffix(e.Endpoint, "/api/chat") || strings.HasSuffix(e.Endpoint, "/api/tags") {
		p.Title = "Ollama isn't running at " + host
		p.Fix = "Start it with `ollama serve` (or open the Ollama app), then retry."
	}
	return p
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

func looksOverloaded(parts ...string) bool {
	s := strings.ToLower(strings.Join(parts, " "))
	return strings.Contains(s, "overload")
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
