package doctor

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"parley/backend/llm"
	"parley/backend/problem"
	"parley/backend/providers"
)

// address checks the base URL and kind, and works out the endpoint and what
// the client will dial to reach it. The proxy is the one the client's own
// transport picks for the endpoint (its Proxy func, or
// [http.ProxyFromEnvironment] for a transport of another type), so the DNS,
// TCP and TLS steps test the hop the real requests take: the proxy when one
// is used, the endpoint's host otherwise.
func (r *runner) address(ctx context.Context) (said, error) {
	base, err := providers.CheckBaseURL(r.cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	advice := providers.AdviseBaseURL(r.cfg.Kind, r.cfg.BaseURL)
	if err := adviceProblem(advice); err != nil {
		return nil, err
	}
	if r.adapter, err = providers.New(r.cfg.Kind, base, r.cfg.Key, r.client); err != nil {
		return nil, err
	}
	r.endpoint = llm.Redact(providers.Endpoint(r.cfg.Kind, base, r.cfg.Model))
	if r.target, err = url.Parse(r.endpoint); err != nil {
		return nil, fmt.Errorf("parse endpoint: %w", err)
	}
	r.dialHost, r.dialAddr, r.dialURL = r.target.Hostname(), hostPort(r.target), r.endpoint
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.endpoint, nil) // never sent: it only asks which proxy applies
	if err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}
	if proxy := proxyFunc(r.client); proxy != nil {
		r.proxy, r.proxyErr = proxy(req)
	}
	if r.proxy != nil && r.proxyErr == nil {
		r.dialHost, r.dialAddr, r.dialURL = r.proxy.Hostname(), hostPort(r.proxy), llm.Redact(r.proxy.String())
	}
	if len(advice) > 0 {
		return nil, warn(append(said{say("doctor.endpoint_advice", "endpoint", r.endpoint)}, adviceSaid(advice)...))
	}
	return saying("doctor.endpoint", "endpoint", r.endpoint), nil
}

// advised is the Address step's failure: advice of the profile dialog as
// a problem, and the advice's phrases, which the problem quotes.
type advised struct {
	p       *problem.Problem
	phrases said
}

func (a advised) Error() string { return a.p.Error() }
func (a advised) Unwrap() error { return a.p }

// adviceProblem is the profile dialog's advice on the base URL when it says
// the URL will not work as it is ([providers.SeverityError]).
func adviceProblem(advice []providers.Advice) error {
	for _, a := range advice {
		if a.Severity != providers.SeverityError {
			continue
		}
		id, facts := problem.WordsID("doctor.base_url_fix"), map[string]string{"advice": a.Message}
		if a.Suggested != "" {
			id, facts["url"] = "doctor.base_url_fix.url", a.Suggested
		}
		w := Words.English[id]
		p := problem.New(problem.KindInvalidInput, w.Title, a.Message, strings.ReplaceAll(w.Fix, "{url}", a.Suggested))
		p.WordsID, p.Facts = id, facts
		return advised{p: p, phrases: a.Phrases}
	}
	return nil
}

// adviceSaid is the dialog's warnings as the Address step says them, each
// with its suggested URL.
func adviceSaid(advice []providers.Advice) said {
	var out said
	for _, a := range advice {
		out = append(out, a.Phrases...)
		if a.Suggested != "" {
			out = append(out, say("doctor.suggested", "url", a.Suggested))
		}
	}
	return out
}

// dns resolves the host the client dials; an IP address needs no lookup.
func (r *runner) dns(ctx context.Context) (said, error) {
	var found said
	if r.proxy != nil {
		found = saying("doctor.dns_proxy", "host", r.dialHost)
	}
	if net.ParseIP(r.dialHost) != nil {
		return append(found, say("doctor.dns_ip", "ip", r.dialHost)), nil
	}
	ctx, cancel := context.WithTimeout(ctx, netTimeout)
	defer cancel()
	addrs, err := net.DefaultResolver.LookupHost(ctx, r.dialHost)
	if err != nil {
		return nil, &llm.RequestError{Protocol: llm.Protocol(r.cfg.Kind), Endpoint: r.dialURL, Err: err}
	}
	const shown = 3
	if len(addrs) > shown {
		return append(found, say("doctor.dns_addrs_more", "addrs", strings.Join(addrs[:shown], ", "), "count", strconv.Itoa(len(addrs)-shown))), nil
	}
	return append(found, say("doctor.dns_addrs", "addrs", strings.Join(addrs, ", "))), nil
}

// proxyStep reports the proxy found by [runner.address].
func (r *runner) proxyStep(context.Context) (said, error) {
	switch {
	case r.proxyErr != nil:
		// The error text may quote the proxy setting, password and all.
		return nil, problem.ExplainWrap(r.proxyErr, problem.KindProxy, "proxy.invalid", map[string]string{"host": r.target.Host})
	case r.proxy == nil:
		return saying("doctor.proxy_none"), nil
	}
	return saying("doctor.proxy_via", "url", r.dialURL), nil
}

// tcp opens a connection to what the client dials.
func (r *runner) tcp(ctx context.Context) (said, error) {
	d := net.Dialer{Timeout: netTimeout}
	conn, err := d.DialContext(ctx, "tcp", r.dialAddr)
	if err != nil {
		return nil, &llm.RequestError{Protocol: llm.Protocol(r.cfg.Kind), Endpoint: r.dialURL, Err: err}
	}
	defer conn.Close()
	if r.proxy != nil {
		return saying("doctor.tcp_proxy", "addr", conn.RemoteAddr().String()), nil
	}
	return saying("doctor.tcp", "addr", conn.RemoteAddr().String()), nil
}

// tlsStep shakes hands with the endpoint's host, or with an https proxy. Behind
// any other proxy the endpoint's TLS runs inside the proxy's tunnel, which
// the Authentication and Completion requests exercise, so it is skipped here.
func (r *runner) tlsStep(ctx context.Context) (said, error) {
	switch {
	case r.proxy != nil && r.proxy.Scheme == "https":
		found, err := r.handshake(ctx)
		if err != nil {
			return nil, err
		}
		return append(saying("doctor.tls_proxy"), found...), nil
	case r.proxy != nil && r.target.Scheme == "https":
		return nil, skip(saying("doctor.tls_tunnel"))
	case r.target.Scheme != "https":
		return nil, skip(saying("doctor.tls_plain"))
	}
	return r.handshake(ctx)
}

// handshake completes a TLS handshake with dialHost, trusting what the
// client's transport trusts.
func (r *runner) handshake(ctx context.Context) (said, error) {
	cfg := &tls.Config{}
	if t, ok := transportOf(r.client); ok && t.TLSClientConfig != nil {
		cfg = t.TLSClientConfig.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = r.dialHost
	}
	ctx, cancel := context.WithTimeout(ctx, tlsTimeout)
	defer cancel()
	d := tls.Dialer{NetDialer: &net.Dialer{Timeout: netTimeout}, Config: cfg}
	conn, err := d.DialContext(ctx, "tcp", r.dialAddr)
	if err != nil {
		return nil, &llm.RequestError{Protocol: llm.Protocol(r.cfg.Kind), Endpoint: r.dialURL, Err: err}
	}
	defer conn.Close()
	st := conn.(*tls.Conn).ConnectionState()
	version := tls.VersionName(st.Version)
	if len(st.PeerCertificates) == 0 {
		return saying("doctor.tls_version", "version", version), nil
	}
	leaf := st.PeerCertificates[0]
	facts := []string{"version", version, "host", cfg.ServerName, "date", leaf.NotAfter.Format("2006-01-02")}
	if name := issuer(leaf); name != "" {
		return saying("doctor.tls_cert_issuer", append(facts, "issuer", name)...), nil
	}
	return saying("doctor.tls_cert", facts...), nil
}

// issuer names who signed cert, so an inspecting company proxy shows up.
func issuer(cert *x509.Certificate) string {
	name := cert.Issuer.CommonName
	if len(cert.Issuer.Organization) > 0 {
		name = cert.Issuer.Organization[0]
	}
	return name
}

// hostPort is u's host and port, the scheme's default port when none is given.
func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	return net.JoinHostPort(u.Hostname(), port)
}

func transportOf(c *http.Client) (*http.Transport, bool) {
	rt := c.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	t, ok := rt.(*http.Transport)
	return t, ok
}

// proxyFunc returns how client picks a proxy; nil means it never uses one.
func proxyFunc(c *http.Client) func(*http.Request) (*url.URL, error) {
	if t, ok := transportOf(c); ok {
		return t.Proxy
	}
	return http.ProxyFromEnvironment
}
