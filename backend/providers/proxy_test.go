package providers

import (
	"net/http"
	"net/url"
	"testing"
)

func TestIsLoopback(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "LOCALHOST.": true, "ollama.localhost": true, "127.0.0.1": true, "127.8.9.1": true,
		"::1": true, "[::1]": true, "api.openai.com": false, "10.0.0.1": false, "localhost.example.com": false, "": false,
	} {
		if got := IsLoopback(host); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", host, got, want)
		}
	}
}

func TestCheckProxyURL(t *testing.T) {
	for _, c := range []struct {
		raw string
		ok  bool
	}{
		{"http://proxy.lan:3128", true}, {"  https://proxy.lan:443/ ", true}, {"socks5://127.0.0.1:1080", true},
		{"socks5h://p:1080", true}, {"ftp://p:21", false}, {"proxy.lan:3128", false}, {"http://proxy.lan", false},
		{"http://proxy.lan:3128/path", false}, {"http://proxy.lan:3128?x=1", false}, {"", false},
	} {
		if _, _, err := CheckProxyURL(c.raw); (err == nil) != c.ok {
			t.Errorf("CheckProxyURL(%q) = %v, want ok=%v", c.raw, err, c.ok)
		}
	}
	u, user, err := CheckProxyURL("http://alice:s3cret@proxy.lan:3128")
	if err != nil || u.String() != "http://proxy.lan:3128" || user.Username() != "alice" {
		t.Errorf("credentials not split from the URL: %v %v %v", u, user, err)
	}
	if pw, _ := user.Password(); pw != "s3cret" {
		t.Errorf("password = %q", pw)
	}
}

func TestProxyForModes(t *testing.T) {
	custom, _ := url.Parse("http://proxy.lan:3128")
	req := func(raw string) *http.Request {
		r, _ := http.NewRequest(http.MethodPost, raw, nil)
		return r
	}
	if ProxyFor(ProxyNone, custom) != nil {
		t.Error("none must leave the transport without a proxy")
	}
	f := ProxyFor(ProxyCustom, custom)
	if got, _ := f(req("https://api.openai.com/v1/chat/completions")); got != custom {
		t.Errorf("custom proxy for a remote host = %v", got)
	}
	for _, local := range []string{"http://127.0.0.1:11434/api/chat", "http://localhost:8080/v1", "http://[::1]:1/x"} {
		if got, _ := f(req(local)); got != nil {
			t.Errorf("%s went through %v; loopback is always direct", local, got)
		}
	}
	t.Setenv("HTTPS_PROXY", "http://envproxy.lan:8080")
	t.Setenv("HTTP_PROXY", "http://envproxy.lan:8080")
	sys := ProxyFor(ProxySystem, nil)
	if got, _ := sys(req("http://127.0.0.1:11434/api/chat")); got != nil {
		t.Errorf("system proxy used for loopback: %v", got)
	}
}
