package main

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/llmtest"
)

// forwardProxy is an HTTP proxy on loopback that wants alice's password and
// sends every request on to upstream; it counts what it carried.
func forwardProxy(t *testing.T, upstream, password string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	target, _ := url.Parse(upstream)
	forward := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(target)
		r.Out.URL.Path = r.In.URL.Path
		r.Out.Header.Del("Proxy-Authorization")
	}}
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte("alice:"+password))
	var carried atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Proxy-Authorization") != want {
			w.Header().Set("Proxy-Authenticate", `Basic realm="test"`)
			w.WriteHeader(http.StatusProxyAuthRequired)
			return
		}
		carried.Add(1)
		forward.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &carried
}

// parley-cli proxy sets a profile's proxy as the settings page does: its
// password from stdin into the keychain (never printed), its requests
// through the proxy, and back to the default with "default".
func TestProxyFromTheCLI(t *testing.T) {
	srv := fake(t)
	const password = "pr0xy-cli-s3cret"
	prx, carried := forwardProxy(t, srv.URL, password)
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	// The host resolves nowhere: only the proxy can reach it.
	id := newProfile(t, "--kind", "openai", "--base-url", "http://llmtest.invalid"+port+"/v1", "--model", "echo")
	if got := cli(t, goodKey, "key", "set", "--profile", id); got.code != 0 {
		t.Fatalf("key set: %+v", got)
	}

	if got := cli(t, "", "proxy", "--profile", id); got.code != 0 || got.stdout != "mode\tdefault\ndefault.mode\tsystem\n" {
		t.Errorf("a new profile's proxy: %+v", got)
	}
	got := cli(t, password+"\n", "proxy", "set", prx.URL, "--profile", id, "--user", "alice")
	want := "mode\tcustom\nurl\t" + prx.URL + "\nuser\talice\npassword\tsaved in the keychain\n"
	if got.code != 0 || got.stdout != want {
		t.Fatalf("proxy set = %+v, want stdout %q", got, want)
	}
	if got := cli(t, "", "ask", "--profile", id, "hello through the proxy"); got.code != 0 || !strings.Contains(got.stdout, "hello through the proxy") {
		t.Errorf("ask through the proxy: %+v", got)
	}
	if carried.Load() == 0 {
		t.Error("the turn did not go through the proxy")
	}
	if got := cli(t, "", "proxy", "test", "--profile", id); got.code != 0 || !strings.Contains(got.stdout, "through "+prx.URL) {
		t.Errorf("proxy test: %+v", got)
	}
	// The same user again without a password keeps the saved one.
	if got := cli(t, "", "proxy", "set", prx.URL, "--profile", id, "--user", "alice"); got.code != 0 || !strings.Contains(got.stdout, "saved in the keychain") {
		t.Errorf("set again without a password: %+v", got)
	}
	if got := cli(t, "", "ask", "--profile", id, "again"); got.code != 0 {
		t.Errorf("ask after setting the proxy again: %+v", got)
	}

	if got := cli(t, "", "proxy", "set", "ftp://nowhere", "--profile", id); got.code != 1 || !strings.Contains(got.stderr, "ftp") {
		t.Errorf("a proxy URL Parley cannot use: %+v", got)
	}
	if got := cli(t, "", "proxy", "set", "default"); got.code != 1 {
		t.Errorf("the default proxy deferring to itself: %+v", got)
	}
	if got := cli(t, "", "proxy", "set", "default", "--profile", id); got.code != 0 || !strings.HasPrefix(got.stdout, "mode\tdefault\n") {
		t.Errorf("back to the default: %+v", got)
	}
	if got := cli(t, "", "proxy", "set", "--profile", id, "system"); got.code != 0 || got.stdout != "mode\tsystem\n" {
		t.Errorf("the flags before the choice: %+v", got)
	}
	if got := cli(t, "", "proxy", "set", "--profile", id, "default"); got.code != 0 {
		t.Errorf("back to the default again: %+v", got)
	}
	if got := cli(t, "", "proxy", "set", "none"); got.code != 0 || got.stdout != "mode\tnone\n" {
		t.Errorf("default proxy none: %+v", got)
	}
	if got := cli(t, "", "proxy", "--profile", id); got.stdout != "mode\tdefault\ndefault.mode\tnone\n" {
		t.Errorf("a profile following the default: %+v", got)
	}
	for _, args := range [][]string{{"proxy", "set"}, {"proxy", "fly"}, {"proxy", "show", "extra"}} {
		if got := cli(t, "", args...); got.code != 1 || !strings.Contains(got.stderr, "Wrong usage") {
			t.Errorf("%v: %+v", args, got)
		}
	}
}

// TestAProxyQuotingTheRequestShowsNoLogin sends a profile's requests, over
// https:// (the proxy sees a CONNECT) and http:// (it sees the request,
// key and all), through a proxy that refuses them quoting the request back
// in its status line and body: neither `proxy test` nor `ask -v` prints
// the key or the proxy's login, nor writes them to any file of the data
// folder.
func TestAProxyQuotingTheRequestShowsNoLogin(t *testing.T) {
	fake(t)
	const password = "pr0xy-echo-s3cret"
	px, err := llmtest.StartEchoProxy(t.Context(), http.StatusForbidden)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(px.Close)
	proxyURL := px.URL("alice", password).Host
	secrets := map[string]string{"the key": goodKey, "the proxy's password": password,
		"the proxy's Proxy-Authorization": base64.StdEncoding.EncodeToString([]byte("alice:" + password))}
	look := func(what, s string) {
		t.Helper()
		for name, secret := range secrets {
			if k := llmtest.KeyIn(strings.ReplaceAll(s, llm.KeyHint(goodKey), ""), secret); k != "" {
				t.Errorf("%s holds %q of %s: %s", what, k, name, s)
			}
		}
	}
	for _, base := range []string{"https://llmtest.invalid/v1", "http://llmtest.invalid/v1"} {
		id := newProfile(t, "--kind", "openai", "--base-url", base, "--model", "echo")
		if got := cli(t, goodKey, "key", "set", "--profile", id); got.code != 0 {
			t.Fatalf("key set: %+v", got)
		}
		if got := cli(t, password+"\n", "proxy", "set", "http://"+proxyURL, "--profile", id, "--user", "alice"); got.code != 0 {
			t.Fatalf("proxy set: %+v", got)
		}
		for _, args := range [][]string{{"proxy", "test", "--profile", id}, {"-v", "ask", "--profile", id, "hi"}} {
			got := cli(t, "", args...)
			if !strings.Contains(got.stdout+got.stderr, "403") {
				t.Errorf("%s %v: %+v, want the proxy's refusal", base, args, got)
			}
			look(fmt.Sprintf("%s %v", base, args), got.stdout+got.stderr)
		}
	}
	filepath.WalkDir(os.Getenv("PARLEY_DATA_DIR"), func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			raw, _ := os.ReadFile(path)
			look(path, string(raw))
		}
		return nil
	})
}
