package doctor

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"net/url"
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
func (r *runner) address(ctx context.Context) (string, error) {
	base, err := providers.CheckBaseURL(r.cfg.BaseURL)
	if err != nil {
		return "", err
	}
	advice := providers.AdviseBaseURL(r.cfg.Kind, r.cfg.BaseURL)
	if p := adviceProblem(advice); p != nil {
		return "", p
	}
	if r.adapter, err = providers.New(r.cfg.Kind, base, r.cfg.Key, r.client); err != nil {
		return "", err
	}
	r.endpoint = llm.Redact(providers.Endpoint(r.cfg.Kind, base, r.cfg.Model))
	if r.target, err = url.Parse(r.endpoint); err != nil {
		return "", fmt.Errorf("parse endpoint: %w", err)
	}
	r.dialHost, r.dialAddr, r.dialURL = r.target.Hostname(), hostPort(r.target), r.endpoint
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.endpoint, nil) // never sent: it only asks which proxy applies
	if err != nil {
		return "", fmt.Errorf("build request: %w", err)
	}
	if proxy := proxyFunc(r.client); proxy != nil {
		r.proxy, r.proxyErr = proxy(req)
	}
	if r.proxy != nil && r.proxyErr == nil {
		r.dialHost, r.dialAddr, r.dialURL = r.proxy.Hostname(), hostPort(r.proxy), llm.Redact(r.proxy.String())
	}
	if len(advice) > 0 {
		return "", warn(r.endpoint + " — " + adviceText(advice))
	}
	return r.endpoint, nil
}

// adviceProblem is the profile dialog's advice on the base URL when it says
// the URL will not work as it is ([providers.SeverityError]).
func adviceProblem(advice []providers.Advice) *problem.Problem {
	for _, a := range advice {
		if a.Severity != providers.SeverityError {
			continue
		}
		fix := "Edit the profile's base URL."
		if a.Suggested != "" {
			fix = "Change the base URL to " + a.Suggested + "."
		}
		return problem.New(problem.KindInvalidInput, "The base URL needs a fix", a.Message, fix)
	}
	return nil
}

// adviceText joins the dialog's warnings, each with its suggested URL.
func adviceText(advice []providers.Advice) string {
	parts := make([]string, 0, len(advice))
	for _, a := range advice {
		t := a.Message
		if a.Suggested != "" {
			t += " (suggested: " + a.Suggested + ")"
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, " ")
}

// dns resolves the host the client dials; an IP address needs no lookup.
func (r *runner) dns(ctx context.Context) (string, error) {
	prefix := ""
	if r.proxy != nil {
		prefix = "proxy " + r.dialHost + ": "
	}
	if net.ParseIP(r.dialHost) != nil {
		return prefix + r.dialHost + " (an IP address, no lookup needed)", nil
	}
	ctx, cancel := context.WithTimeout(ctx, netTimeout)
	defer cancel()
	addrs, err := net.DefaultResolver.LookupHost(ctx, r.dialHost)
	if err != nil {
		return "", &llm.RequestError{Protocol: llm.Protocol(r.cfg.Kind), Endpoint: r.dialURL, Err: err}
	}
	const shown = 3
	if len(addrs) > shown {
		return prefix + fmt.Sprintf("%s and %d more", strings.Join(addrs[:shown], ", "), len(addrs)-shown), nil
	}
	return prefix + strings.Join(addrs, ", "), nil
}

// proxyStep reports the proxy found by [runner.address].
func (r *runner) proxyStep(context.Context) (string, error) {
	switch {
	case r.proxyErr != nil:
		// The error text may quote the proxy setting, password and all.
		return "", problem.ExplainWrap(r.proxyErr, problem.KindProxy, "proxy.invalid", map[string]string{"host": r.target.Host})
	case r.proxy == nil:
		return "none", nil
	}
	return "via " + r.dialURL, nil
}

// tcp opens a connection to what the client dials.
func (r *runner) tcp(ctx context.Context) (string, error) {
	d := net.Dialer{Timeout: netTimeout}
	conn, err := d.DialContext(ctx, "tcp", r.dialAddr)
	if err != nil {
		return "", &llm.RequestError{Protocol: llm.Protocol(r.cfg.Kind), Endpoint: r.dialURL, Err: err}
	}
	defer conn.Close()
	if r.proxy != nil {
		return "connected to the proxy at " + conn.RemoteAddr().String(), nil
	}
	return "connected to " + conn.RemoteAddr().String(), nil
}

// tlsStep shakes hands with the endpoint's host, or with an https proxy. Behind
// any other proxy the endpoint's TLS runs inside the proxy's tunnel, which
// the Authentication and Completion requests exercise, so it is skipped here.
func (r *runner) tlsStep(ctx context.Context) (string, error) {
	switch {
	case r.proxy != nil && r.proxy.Scheme == "https":
		detail, err := r.handshake(ctx)
		if err != nil {
			return "", err
		}
		return "with the proxy: " + detail, nil
	case r.proxy != nil && r.target.Scheme == "https":
		return "", skip("checked inside the proxy's tunnel by the requests below")
	case r.target.Scheme != "https":
		return "", skip("plain HTTP")
	}
	return r.handshake(ctx)
}

// handshake completes a TLS handshake with dialHost, trusting what the
// client's transport trusts.
func (r *runner) handshake(ctx context.Context) (string, error) {
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
		return "", &llm.RequestError{Protocol: llm.Protocol(r.cfg.Kind), Endpoint: r.dialURL, Err: err}
	}
	defer conn.Close()
	st := conn.(*tls.Conn).ConnectionState()
	if len(st.PeerCertificates) == 0 {
		return tls.VersionName(st.Version), nil
	}
	leaf := st.PeerCertificates[0]
	return fmt.Sprintf("%s, certificate for %s%s valid until %s", tls.VersionName(st.Version),
		cfg.ServerName, issuer(leaf), leaf.NotAfter.Format("2006-01-02")), nil
}

// issuer names who signed cert, so an inspecting company proxy shows up.
func issuer(cert *x509.Certificate) string {
	name := cert.Issuer.CommonName
	if len(cert.Issuer.Organization) > 0 {
		name = cert.Issuer.Organization[0]
	}
	if name == "" {
		return ""
	}
	return " from " + name
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
