package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"parley/backend/llm"
	"parley/backend/problem"
	"parley/backend/providers"
)

// ProxyScopeDefault names the default proxy setting; every other scope is
// a profile's id, whose own setting may defer to the default.
const ProxyScopeDefault = "default"

// ProxySetting is how requests reach a provider: Mode is "system" (the
// system's proxy settings), "none", "custom" (URL, an http://, https:// or
// socks5:// address), or for a profile "" (as the default). The proxy's
// user name and password are never here: they live in the keychain.
type ProxySetting struct {
	Mode providers.ProxyMode `json:"mode"`
	URL  string              `json:"url"`
}

// ProxyView is a proxy setting as the window may see it: the user name,
// and only whether a password is saved.
type ProxyView struct {
	Mode        providers.ProxyMode `json:"mode"`
	URL         string              `json:"url"`
	Username    string              `json:"username"`
	PasswordSet bool                `json:"passwordSet"`
}

// ProxyCheck is what "Test proxy" found: the target answered (any HTTP
// status: the proxy let the request through) via the proxy, or directly.
type ProxyCheck struct {
	Target string `json:"target"`
	// Via is the proxy used, without credentials; "" when direct.
	Via    string `json:"via"`
	Direct bool   `json:"direct"`
	Status int    `json:"status"`
	Millis int64  `json:"millis"`
}

// SettingDefaultProxy is the proxy of every profile that has none of its own.
var SettingDefaultProxy = Setting[ProxySetting]{Key: "network.proxy.default", Default: ProxySetting{Mode: providers.ProxySystem}}

// proxySetting is the setting of scope; a profile's is removed with the
// profile (a trigger of migration 040).
func proxySetting(scope string) Setting[ProxySetting] {
	if scope == ProxyScopeDefault {
		return SettingDefaultProxy
	}
	return Setting[ProxySetting]{Key: "network.proxy." + scope}
}

// proxyCreds is a proxy's user name and password, kept in the keychain as
// JSON under proxyAccount(scope).
type proxyCreds struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

func proxyAccount(scope string) string { return "proxy:" + scope }

func (c *Core) proxyCreds(scope string) (proxyCreds, error) {
	raw, ok, err := c.keys.Secret(proxyAccount(scope))
	var cr proxyCreds
	if err != nil || !ok {
		return cr, err
	}
	if json.Unmarshal([]byte(raw), &cr) != nil {
		return proxyCreds{}, nil
	}
	c.secrets.Add(cr.Password)
	return cr, nil
}

func (c *Core) checkScope(ctx context.Context, scope string) error {
	if scope == ProxyScopeDefault {
		return nil
	}
	_, err := c.store.Profile(ctx, scope)
	return err
}

// Proxy returns the proxy setting of scope.
func (c *Core) Proxy(ctx context.Context, scope string) (ProxyView, error) {
	if err := c.checkScope(ctx, scope); err != nil {
		return ProxyView{}, err
	}
	s, err := proxySetting(scope).Get(ctx, c.store)
	if err != nil {
		return ProxyView{}, err
	}
	v := ProxyView{Mode: s.Mode, URL: s.URL}
	if s.Mode == providers.ProxyCustom {
		cr, err := c.proxyCreds(scope)
		if err != nil {
			return v, err
		}
		v.Username, v.PasswordSet = cr.Username, cr.Password != ""
	}
	return v, nil
}

// SaveProxy checks and stores the proxy setting of scope. The user name and
// password go to the keychain; an empty password keeps the one saved for
// the same user name, and an empty user name removes them. Every request
// from now on uses the new setting.
func (c *Core) SaveProxy(ctx context.Context, scope string, s ProxySetting, username, password string) (ProxyView, error) {
	if err := c.checkScope(ctx, scope); err != nil {
		return ProxyView{}, err
	}
	s, cr, err := c.checkProxy(scope, s, username, password)
	if err != nil {
		return ProxyView{}, err
	}
	if cr.Username != "" {
		raw, _ := json.Marshal(cr)
		if err := c.keys.SetSecret(proxyAccount(scope), string(raw)); err != nil {
			return ProxyView{}, err
		}
	} else {
		// Clean-up only: choosing "none" must work without a keychain too.
		_ = c.keys.Delete(proxyAccount(scope))
	}
	if err := proxySetting(scope).Set(ctx, c.store, s); err != nil {
		return ProxyView{}, err
	}
	c.proxies.reset()
	return c.Proxy(ctx, scope)
}

// checkProxy validates a setting and settles its credentials: those in the
// URL win, an empty password keeps the saved one of the same user.
func (c *Core) checkProxy(scope string, s ProxySetting, username, password string) (ProxySetting, proxyCreds, error) {
	cr := proxyCreds{Username: strings.TrimSpace(username), Password: password}
	switch s.Mode {
	case providers.ProxyDefault:
		if scope == ProxyScopeDefault {
			return s, cr, problem.New(problem.KindInvalidInput, "The default proxy needs a choice",
				"The default cannot defer to itself.", "Choose system, none or custom.")
		}
		return ProxySetting{}, proxyCreds{}, nil
	case providers.ProxySystem, providers.ProxyNone:
		return ProxySetting{Mode: s.Mode}, proxyCreds{}, nil
	case providers.ProxyCustom:
	default:
		return s, cr, problem.New(problem.KindInvalidInput, "Unknown proxy mode",
			fmt.Sprintf("%q is not a proxy mode.", s.Mode), "Choose system, none or custom.")
	}
	u, user, err := providers.CheckProxyURL(s.URL)
	if err != nil {
		return s, cr, err
	}
	if user != nil {
		cr.Username = user.Username()
		cr.Password, _ = user.Password()
	}
	if cr.Username != "" && cr.Password == "" {
		if saved, err := c.proxyCreds(scope); err == nil && saved.Username == cr.Username {
			cr.Password = saved.Password
		}
	}
	if cr.Username == "" {
		cr = proxyCreds{}
	}
	c.secrets.Add(cr.Password)
	return ProxySetting{Mode: providers.ProxyCustom, URL: u.String()}, cr, nil
}

// effectiveProxy is the setting a profile's requests use, with the
// credentials of the scope it came from. An empty profileID (a profile
// not saved yet, the CLI's flag-based ask) uses the default.
func (c *Core) effectiveProxy(ctx context.Context, profileID string) (ProxySetting, proxyCreds, error) {
	scope := ProxyScopeDefault
	var s ProxySetting
	if profileID != "" {
		own, err := proxySetting(profileID).Get(ctx, c.store)
		if err != nil {
			return s, proxyCreds{}, err
		}
		if own.Mode != providers.ProxyDefault {
			s, scope = own, profileID
		}
	}
	if scope == ProxyScopeDefault {
		def, err := SettingDefaultProxy.Get(ctx, c.store)
		if err != nil {
			return s, proxyCreds{}, err
		}
		s = def
	}
	if s.Mode != providers.ProxyCustom {
		return s, proxyCreds{}, nil
	}
	cr, err := c.proxyCreds(scope)
	return s, cr, err
}

// clientFor is the HTTP client for a profile's requests: the shared one,
// with the proxy its setting chooses. Keychain failures are returned, never
// replaced by a proxy without its password.
func (c *Core) clientFor(ctx context.Context, profileID string) (*http.Client, error) {
	s, cr, err := c.effectiveProxy(ctx, profileID)
	if err != nil {
		return nil, err
	}
	return c.proxies.client(c.http, s, cr), nil
}

// proxyClients keeps one client per proxy setting in use, so connections
// are reused between turns.
type proxyClients struct {
	mu      sync.Mutex
	clients map[proxyCreds]map[ProxySetting]*http.Client
}

func (p *proxyClients) client(base *http.Client, s ProxySetting, cr proxyCreds) *http.Client {
	p.mu.Lock()
	defer p.mu.Unlock()
	if cl := p.clients[cr][s]; cl != nil {
		return cl
	}
	var u *url.URL
	if s.Mode == providers.ProxyCustom {
		u, _ = url.Parse(s.URL)
		if u != nil && cr.Username != "" {
			u.User = url.UserPassword(cr.Username, cr.Password)
		}
	}
	cl := providers.WithProxy(base, providers.ProxyFor(s.Mode, u))
	if p.clients == nil {
		p.clients = map[proxyCreds]map[ProxySetting]*http.Client{}
	}
	if p.clients[cr] == nil {
		p.clients[cr] = map[ProxySetting]*http.Client{}
	}
	p.clients[cr][s] = cl
	return cl
}

// reset forgets the clients after a setting changed, closing their idle
// connections (an old proxy's among them).
func (p *proxyClients) reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, m := range p.clients {
		for _, cl := range m {
			cl.CloseIdleConnections()
		}
	}
	p.clients = nil
}

// TestProxy sends one request through a proxy setting, not saved yet, to
// the base URL of a profile (scope), or for the default to the first
// provider not on this computer. Any HTTP answer means the proxy works; no
// key is sent.
func (c *Core) TestProxy(ctx context.Context, scope string, s ProxySetting, username, password string) (ProxyCheck, error) {
	if err := c.checkScope(ctx, scope); err != nil {
		return ProxyCheck{}, err
	}
	target, err := c.proxyTarget(ctx, scope)
	if err != nil {
		return ProxyCheck{}, err
	}
	s, cr, err := c.checkProxy(scope, s, username, password)
	if err != nil {
		return ProxyCheck{}, err
	}
	if s.Mode == providers.ProxyDefault {
		if s, cr, err = c.effectiveProxy(ctx, ""); err != nil {
			return ProxyCheck{}, err
		}
	}
	client := c.proxies.client(c.http, s, cr)
	return probe(ctx, client, target)
}

func (c *Core) proxyTarget(ctx context.Context, scope string) (string, error) {
	if scope != ProxyScopeDefault {
		p, err := c.store.Profile(ctx, scope)
		return p.BaseURL, err
	}
	ps, err := c.store.Profiles(ctx)
	if err != nil {
		return "", err
	}
	for _, p := range ps {
		if u, err := url.Parse(p.BaseURL); err == nil && !providers.IsLoopback(u.Hostname()) {
			return p.BaseURL, nil
		}
	}
	return "", problem.New(problem.KindInvalidInput, "Nothing to test the proxy with",
		"The proxy is tested by reaching a provider, and every provider is on this computer, which is always reached directly.",
		"Add a provider on the internet, then test the proxy again.")
}

// probe sends a GET to target with client and reports how it went.
func probe(ctx context.Context, client *http.Client, target string) (ProxyCheck, error) {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return ProxyCheck{}, err
	}
	check := ProxyCheck{Target: llm.Redact(target), Direct: true}
	if t, ok := client.Transport.(*http.Transport); ok && t.Proxy != nil {
		if u, err := t.Proxy(req); err == nil && u != nil {
			check.Via, check.Direct = llm.Redact(u.String()), false
		}
	}
	start := time.Now()
	res, err := client.Do(req)
	check.Millis = time.Since(start).Milliseconds()
	if err != nil {
		var op *net.OpError
		if errors.As(err, &op) && op.Op == "proxyconnect" {
			err = &llm.ProxyError{Err: err}
		}
		return check, &llm.RequestError{Endpoint: check.Target, Err: err}
	}
	res.Body.Close()
	check.Status = res.StatusCode
	if res.StatusCode == http.StatusProxyAuthRequired {
		return check, problem.New(problem.KindProxy, "The proxy asks for a user name and password",
			fmt.Sprintf("%s answered 407 Proxy Authentication Required.", check.Via),
			"Enter the proxy's user name and password, then test again.")
	}
	return check, nil
}
