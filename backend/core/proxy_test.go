package core_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"parley/backend/core"
	"parley/backend/llm/llmtest"
	"parley/backend/problem"
	"parley/backend/store"
)

// fakeHost is a name that resolves nowhere: only a proxy can reach it, so
// an answer proves the request went through the proxy.
const fakeHost = "llmtest.invalid"

// proxyLog is a forward HTTP proxy on loopback that sends every request for
// fakeHost to upstream, and records what it saw.
type proxyLog struct {
	mu   sync.Mutex
	seen []string
	srv  *httptest.Server
}

func (p *proxyLog) requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.seen...)
}

func startProxy(t *testing.T, upstream, user, pass string) *proxyLog {
	t.Helper()
	p := &proxyLog{}
	target, _ := url.Parse(upstream)
	forward := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(target)
		r.Out.URL.Path = r.In.URL.Path
		r.Out.Header.Del("Proxy-Authorization")
	}}
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.seen = append(p.seen, r.URL.String())
		p.mu.Unlock()
		if user != "" && r.Header.Get("Proxy-Authorization") != want {
			w.Header().Set("Proxy-Authenticate", `Basic realm="test"`)
			w.WriteHeader(http.StatusProxyAuthRequired)
			return
		}
		if r.URL.Hostname() != fakeHost {
			http.Error(w, "this proxy only knows "+fakeHost, http.StatusBadGateway)
			return
		}
		forward.ServeHTTP(w, r)
	}))
	t.Cleanup(p.srv.Close)
	return p
}

// A profile's custom proxy carries its requests, with the user name and
// password read from the keychain; they never reach the database.
func TestCustomProxyCarriesRequestsWithKeychainCredentials(t *testing.T) {
	ctx := context.Background()
	cfg := config(t)
	c := openCore(t, cfg)
	fake := llmtest.Serve(t)
	proxy := startProxy(t, fake.URL, "alice", "pr0xy-s3cret")
	port := strings.TrimPrefix(fake.URL, "http://127.0.0.1:")
	p, err := c.SaveProfile(ctx, store.Profile{Name: "Via proxy", Kind: "openai", BaseURL: "http://" + fakeHost + ":" + port + "/v1", Model: "echo"})
	if err != nil {
		t.Fatal(err)
	}

	// The user types the credentials into the URL: they move to the keychain.
	view, err := c.SaveProxy(ctx, p.ID, core.ProxySetting{Mode: "custom", URL: "http://alice:pr0xy-s3cret@" + proxy.srv.Listener.Addr().String()}, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(view.URL, "s3cret") || view.Username != "alice" || !view.PasswordSet {
		t.Errorf("saved proxy = %+v", view)
	}
	list, err := c.Models(ctx, p)
	if err != nil || list.Source != "provider" {
		t.Fatalf("models through the proxy: %+v %v", list, err)
	}
	if got := proxy.requests(); len(got) != 1 || !strings.Contains(got[0], fakeHost) {
		t.Errorf("the proxy saw %v, want the one model list request", got)
	}
	check, err := c.TestProxy(ctx, p.ID, core.ProxySetting{Mode: "custom", URL: view.URL}, "alice", "")
	if err != nil || check.Direct || check.Status == 0 || strings.Contains(check.Via, "s3cret") {
		t.Errorf("test proxy with the saved password = %+v %v", check, err)
	}
	if err := c.DeleteProfile(ctx, p.ID); err != nil { // and its proxy credentials
		t.Error(err)
	}
	c.Close()
	for _, name := range []string{"parley.db", "parley.db-wal"} {
		raw, _ := os.ReadFile(filepath.Join(cfg.DataDir, name))
		if bytes.Contains(raw, []byte("pr0xy-s3cret")) {
			t.Errorf("the proxy password is in %s", name)
		}
	}
}

// A server on this computer is reached directly whatever the proxy.
func TestLoopbackBypassesTheProxy(t *testing.T) {
	ctx := context.Background()
	c := open(t)
	fake := llmtest.Serve(t)
	proxy := startProxy(t, fake.URL, "", "")
	if _, err := c.SaveProxy(ctx, core.ProxyScopeDefault, core.ProxySetting{Mode: "custom", URL: proxy.srv.URL}, "", ""); err != nil {
		t.Fatal(err)
	}
	local, _ := c.SaveProfile(ctx, store.Profile{Name: "Local", Kind: "openai", BaseURL: fake.URL + "/v1", Model: "echo"})
	if list, err := c.Models(ctx, local); err != nil || list.Source != "provider" {
		t.Fatalf("models of a loopback server: %+v %v", list, err)
	}
	if got := proxy.requests(); len(got) != 0 {
		t.Errorf("the proxy saw %v; loopback must be direct", got)
	}
	if len(fake.Requests()) != 1 {
		t.Errorf("the loopback server saw %d requests, want 1", len(fake.Requests()))
	}
	// A profile with no setting of its own uses the default.
	port := strings.TrimPrefix(fake.URL, "http://127.0.0.1:")
	remote, _ := c.SaveProfile(ctx, store.Profile{Name: "Remote", Kind: "openai", BaseURL: "http://" + fakeHost + ":" + port + "/v1", Model: "echo"})
	if list, err := c.Models(ctx, remote); err != nil || list.Source != "provider" {
		t.Fatalf("models through the default proxy: %+v %v", list, err)
	}
	if got := proxy.requests(); len(got) != 1 {
		t.Errorf("the default proxy saw %v, want one request", got)
	}
}

// A proxy that wants a password, tested without one, is explained.
func TestTestProxyExplainsMissingCredentials(t *testing.T) {
	ctx := context.Background()
	c := open(t)
	proxy := startProxy(t, "http://127.0.0.1:1", "bob", "pw")
	p, _ := c.SaveProfile(ctx, store.Profile{Name: "R", Kind: "openai", BaseURL: "http://" + fakeHost + ":9/v1", Model: "m"})
	_, err := c.TestProxy(ctx, p.ID, core.ProxySetting{Mode: "custom", URL: proxy.srv.URL}, "", "")
	var pr *problem.Problem
	if !errors.As(err, &pr) || pr.Kind != problem.KindProxy {
		t.Fatalf("test proxy without a password: %v", err)
	}
	if _, err := c.SaveProxy(ctx, p.ID, core.ProxySetting{Mode: "custom", URL: "ftp://x:1"}, "", ""); err == nil {
		t.Error("an ftp:// proxy was saved")
	}
	if _, err := c.SaveProxy(ctx, core.ProxyScopeDefault, core.ProxySetting{Mode: ""}, "", ""); err == nil {
		t.Error("the default was told to defer to itself")
	}
}

// The window's settings survive a restart, and only known keys with
// valid values are taken.
func TestUISettingsSurviveRestart(t *testing.T) {
	ctx := context.Background()
	cfg := config(t)
	c := openCore(t, cfg)
	for key, v := range map[string]string{"appearance.theme": `"light"`, "appearance.fontSize": `16`} {
		if err := c.SetUISetting(ctx, key, v); err != nil {
			t.Fatal(key, err)
		}
	}
	for key, v := range map[string]string{"language": `"zh-CN"`, "appearance.theme": `"pink"`, "appearance.fontSize": `99`, "network.proxy.default": `{"mode":"custom","url":"http://evil:1"}`} {
		if err := c.SetUISetting(ctx, key, v); err == nil {
			t.Errorf("%s = %s was taken", key, v)
		}
	}
	c.Close()
	c = openCore(t, cfg)
	defer c.Close()
	for key, want := range map[string]string{"appearance.theme": `"light"`, "appearance.fontSize": `16`} {
		if got, err := c.UISetting(ctx, key); err != nil || got != want {
			t.Errorf("%s after restart = %s %v, want %s", key, got, err, want)
		}
	}
	if v, _ := c.Proxy(ctx, core.ProxyScopeDefault); v.Mode != "system" {
		t.Errorf("default proxy = %+v, want system", v)
	}
}
