package providers

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"

	"parley/backend/problem"
)

// ProxyMode is how requests reach a provider: through the system's proxy
// settings, through none, or through a proxy of the user's. A profile's own
// setting may also be ProxyDefault, which defers to the default setting.
type ProxyMode string

// The proxy modes.
const (
	ProxyDefault ProxyMode = ""
	ProxySystem  ProxyMode = "system"
	ProxyNone    ProxyMode = "none"
	ProxyCustom  ProxyMode = "custom"
)

// ProxyModes lists every [ProxyMode]; main.go binds it with Wails' EnumBind.
var ProxyModes = []ProxyMode{ProxyDefault, ProxySystem, ProxyNone, ProxyCustom}

// TSName is the mode's member name in the generated TypeScript enum
// (ProxyDefault, the empty mode, is ProxyMode.DEFAULT).
func (m ProxyMode) TSName() string {
	if m == ProxyDefault {
		return "DEFAULT"
	}
	return strings.ToUpper(string(m))
}

// ProxyFor returns the Proxy func of a transport for mode: the system's
// settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), none at all, or proxyURL.
// A server on this computer is always reached directly: a proxy elsewhere
// cannot reach it, and a local model must never depend on one.
func ProxyFor(mode ProxyMode, proxyURL *url.URL) func(*http.Request) (*url.URL, error) {
	switch mode {
	case ProxyNone:
		return nil
	case ProxyCustom:
		return func(r *http.Request) (*url.URL, error) {
			if IsLoopback(r.URL.Hostname()) {
				return nil, nil
			}
			return proxyURL, nil
		}
	}
	return func(r *http.Request) (*url.URL, error) {
		if IsLoopback(r.URL.Hostname()) {
			return nil, nil
		}
		return http.ProxyFromEnvironment(r)
	}
}

// IsLoopback reports whether host names this computer: localhost (and
// names under .localhost) or a loopback address. Names are not resolved.
func IsLoopback(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// WithProxy returns a copy of client whose transport picks its proxy with
// proxy; client itself is not changed. A client whose transport is not an
// [*http.Transport] is returned as it is.
func WithProxy(client *http.Client, proxy func(*http.Request) (*url.URL, error)) *http.Client {
	t, ok := client.Transport.(*http.Transport)
	if !ok {
		return client
	}
	t = t.Clone()
	t.Proxy = proxy
	c := *client
	c.Transport = t
	return &c
}

// CheckProxyURL reads a custom proxy's address: http://, https:// or
// socks5:// with a host and a port, nothing after it. A user name and
// password in it are handed back apart (they belong in the keychain) and
// removed from the URL.
func CheckProxyURL(raw string) (u *url.URL, user *url.Userinfo, err error) {
	raw = strings.TrimSpace(raw)
	bad := func(detail string) error {
		return problem.New(problem.KindInvalidInput, "The proxy address is not valid", detail,
			"Enter the proxy as http://host:port, https://host:port or socks5://host:port.")
	}
	if raw == "" {
		return nil, nil, bad("The proxy address is empty.")
	}
	u, err = url.Parse(raw)
	if err != nil {
		return nil, nil, bad(fmt.Sprintf("The address could not be read as a URL: %v.", redactUserinfo(err)))
	}
	switch u.Scheme {
	case "http", "https", "socks5", "socks5h":
	default:
		return nil, nil, bad(fmt.Sprintf("%q is not a proxy scheme Parley can use.", u.Scheme+"://"))
	}
	if u.Hostname() == "" {
		return nil, nil, bad("The address has no host name.")
	}
	if u.Port() == "" {
		return nil, nil, bad("The address has no port, such as :8080 or :1080.")
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, nil, bad("A proxy address has nothing after the port.")
	}
	user, u.User, u.Path = u.User, nil, ""
	return u, user, nil
}

// redactUserinfo keeps a parse error from quoting the address, password and all.
func redactUserinfo(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return "malformed address"
}
