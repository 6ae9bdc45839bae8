package llmtest

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"parley/backend/llm"
	"parley/backend/problem"
)

// EchoProxy is a hostile HTTP proxy on loopback: it refuses every request,
// a CONNECT as well as a plain one, with its status, quoting the request's
// headers (the provider's key, its own Proxy-Authorization) back in its
// status line, a Proxy-Authenticate header and its body.
type EchoProxy struct {
	ln     net.Listener
	status int
}

// StartEchoProxy runs an [EchoProxy] answering status; close it when done.
func StartEchoProxy(ctx context.Context, status int) (*EchoProxy, error) {
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &EchoProxy{ln: ln, status: status}
	go p.serve()
	return p, nil
}

// URL is the proxy's address with user and password as its login.
func (p *EchoProxy) URL(user, password string) *url.URL {
	return &url.URL{Scheme: "http", Host: p.ln.Addr().String(), User: url.UserPassword(user, password)}
}

// Close stops the proxy.
func (p *EchoProxy) Close() { p.ln.Close() }

func (p *EchoProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		go p.refuse(c)
	}
}

func (p *EchoProxy) refuse(c net.Conn) {
	defer c.Close()
	r, err := http.ReadRequest(bufio.NewReader(c))
	if err != nil {
		return
	}
	var h strings.Builder
	_ = r.Header.Write(&h)
	echo := r.Method + " " + r.RequestURI + " " + strings.ReplaceAll(h.String(), "\r\n", " ")
	fmt.Fprintf(c, "HTTP/1.1 %d Refused %s\r\nContent-Type: text/plain\r\nProxy-Authenticate: Basic realm=%q\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s",
		p.status, echo, echo, len(echo), echo)
}

// proxyLogin is the login the suite gives the hostile proxy.
const proxyUser, proxyPassword = "parley", "proxy-pass-5Rt8Kw2Qz"

// echoingProxy sends the call through a proxy that quotes the request back
// in every answer it can give (407, 403, 502), to a plain http:// base URL
// (the proxy then holds the whole request, the key with it) and to an
// https:// one (the proxy sees only its CONNECT): the problem names the
// proxy or the status and holds neither the key nor the proxy's login.
func (c *conformance) echoingProxy(t *testing.T) {
	for _, status := range []int{http.StatusProxyAuthRequired, http.StatusForbidden, http.StatusBadGateway} {
		px, err := StartEchoProxy(t.Context(), status)
		if err != nil {
			t.Fatal(err)
		}
		transport := &http.Transport{Proxy: http.ProxyURL(px.URL(proxyUser, proxyPassword)), OnProxyConnectResponse: llm.ProxyConnectResponse}
		for _, root := range []string{"http://api.example.test", "https://api.example.test"} {
			got := Ask(t, c.newProvider(root, conformanceKey, &http.Client{Transport: transport}), ask("m"))
			p := problem.From(got.Err)
			if p == nil {
				t.Errorf("HTTP %d, %s: no problem", status, root)
				continue
			}
			text := problemText(p) + got.Err.Error()
			for what, secret := range map[string]string{
				"the key": conformanceKey, "the proxy's password": proxyPassword,
				"the proxy's Proxy-Authorization": base64Of(proxyUser + ":" + proxyPassword),
			} {
				if k := KeyIn(text, secret); k != "" {
					t.Errorf("HTTP %d, %s: the problem holds %q of %s: %s", status, root, k, what, text)
				}
			}
		}
		transport.CloseIdleConnections()
		px.Close()
	}
}
