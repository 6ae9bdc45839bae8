package providers_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"parley/backend/llm"
	"parley/backend/problem"
	"parley/backend/providers"
)

func ask(t *testing.T, ctx context.Context, kind, base string, client *http.Client) error {
	t.Helper()
	a, err := providers.New(kind, base, "sk-network-test-0123456789", client)
	if err != nil {
		t.Fatal(err)
	}
	req := llm.Request{Model: "m", Messages: []llm.Message{{Role: llm.RoleUser, Content: "hi"}}}
	for _, err := range a.Stream(ctx, req) {
		if err != nil {
			return err
		}
	}
	t.Fatal("the stream ended without an error")
	return nil
}

// TestProxyAsksForALogin: a proxy answering 407 is its own problem, naming
// the proxy, whether it answered a plain request (http://) or the CONNECT
// of an https:// one.
func TestProxyAsksForALogin(t *testing.T) {
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Proxy-Authenticate", `Basic realm="office"`)
		http.Error(w, "login first", http.StatusProxyAuthRequired)
	}))
	defer proxy.Close()
	u, _ := url.Parse(proxy.URL)
	client := providers.NewHTTPClient()
	client.Transport.(*http.Transport).Proxy = http.ProxyURL(u)
	for _, base := range []string{"http://api.example.test/v1", "https://api.example.test/v1"} {
		p := problem.From(ask(t, context.Background(), "openai", base, client))
		if p.Kind != problem.KindProxy || p.WordsID != "proxy.login" || !strings.Contains(p.Title, u.Host) || p.Class() != problem.ClassUnreachable {
			t.Errorf("%s: %s %q (%s), want the proxy at %s asking for a login", base, p.Kind, p.Title, p.WordsID, u.Host)
		}
	}
}

// TestConnectTimeout: a server that takes the connection but never
// finishes the TLS handshake ends by the connect timeout, named as such.
func TestConnectTimeout(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			defer conn.Close() // held open and silent
		}
	}()
	ctx := llm.WithNetwork(context.Background(), llm.Network{Timeouts: llm.Timeouts{Connect: 200 * time.Millisecond}})
	err = ask(t, ctx, "anthropic", "https://"+ln.Addr().String(), providers.NewHTTPClient())
	var te *llm.TimeoutError
	if !errors.As(err, &te) || te.Phase != llm.PhaseConnect {
		t.Fatalf("error %v, want the connect timeout", err)
	}
	if p := problem.From(err); p.WordsID != "timeout.connect" || !strings.Contains(p.Detail, "200 ms") || p.Class() != problem.ClassUnreachable {
		t.Errorf("problem %s %q, want the connect timeout named", p.WordsID, p.Detail)
	}
}

// TestClientRefusesRedirectsElsewhere: the shared client itself (as the
// doctor's steps and any future caller use it) follows no redirect to
// another origin.
func TestClientRefusesRedirectsElsewhere(t *testing.T) {
	hits := 0
	away := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits++ }))
	defer away.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, away.URL+"/v1/models", http.StatusFound)
	}))
	defer srv.Close()
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL+"/v1/models", nil)
	req.Header.Set("x-api-key", "sk-network-test-0123456789")
	res, err := providers.NewHTTPClient().Do(req)
	if res != nil {
		res.Body.Close()
	}
	var re *llm.RedirectError
	if !errors.As(err, &re) || hits != 0 {
		t.Errorf("error %v, %d requests elsewhere; want the redirect refused", err, hits)
	}
}
