package main

import (
	"strings"
	"testing"

	"parley/backend/llm/llmtest"
)

// protocols maps each protocol to the fake's base URL for it.
func protocols(srv *llmtest.Server) map[string]string {
	return map[string]string{"openai": srv.URL + "/v1", "anthropic": srv.URL, "ollama": srv.URL, "gemini": srv.URL, "dashscope": srv.URL}
}

// TestAskNeverHangsOnASilentStream: a stream that goes silent after its
// headers, or after some text, ends by its own timeout with its own
// message, for every protocol; the text that arrived is printed.
func TestAskNeverHangsOnASilentStream(t *testing.T) {
	srv := fake(t)
	srv.Handle("stall-headers", llmtest.Scenario{Stall: true, Chunks: []string{"never"}})
	srv.Handle("stall-text", llmtest.Scenario{Stall: true, StallAfter: 2, Chunks: []string{"Some ", "text ", "never"}})
	for kind, base := range protocols(srv) {
		for _, tc := range []struct {
			model, stdout, says string
			code                int
		}{
			{"stall-headers", "", "did not start answering in time", 3},
			{"stall-text", "Some text \n", "no data for 300 ms", 4},
		} {
			got := cli(t, "", "ask", "--provider", kind, "--base-url", base, "--model", tc.model, "--key-env", "TEST_KEY",
				"--first-byte-timeout", "300ms", "--idle-timeout", "300ms", "hi")
			if got.code != tc.code || got.stdout != tc.stdout || !strings.Contains(got.stderr, tc.says) {
				t.Errorf("%s/%s: exit %d, stdout %q, stderr %q; want %d, %q and %q", kind, tc.model, got.code, got.stdout, got.stderr, tc.code, tc.stdout, tc.says)
			}
		}
	}
}

// TestAskProfileTakesTheTimeoutFlags: a turn of a saved profile ends by the
// idle timeout the flag gives, keeping its text in history.
func TestAskProfileTakesTheTimeoutFlags(t *testing.T) {
	srv := fake(t)
	srv.Handle("stall-text", llmtest.Scenario{Stall: true, StallAfter: 1, Chunks: []string{"Kept ", "never"}})
	id := newProfile(t, "--kind", "openai", "--base-url", srv.URL+"/v1", "--model", "stall-text")
	if got := cli(t, goodKey, "key", "set", "--profile", id); got.code != 0 {
		t.Fatalf("key set: %+v", got)
	}
	got := cli(t, "", "ask", "--profile", id, "--idle-timeout", "250ms", "hi")
	if got.code != 4 || got.stdout != "Kept \n" || !strings.Contains(got.stderr, "no data for 250 ms") {
		t.Errorf("exit %d, stdout %q, stderr %q; want the idle timeout after the text", got.code, got.stdout, got.stderr)
	}
	if got := cli(t, "", "ask", "--profile", id, "--idle-timeout", "-1s", "hi"); got.code != 1 {
		t.Errorf("a negative timeout: exit %d, want a usage error", got.code)
	}
	// The profile's own wait, set when it was added, needs no flag.
	own := newProfile(t, "--kind", "openai", "--base-url", srv.URL+"/v1", "--model", "stall-text", "--idle-timeout", "350ms")
	if got := cli(t, goodKey, "key", "set", "--profile", own); got.code != 0 {
		t.Fatalf("key set: %+v", got)
	}
	if got := cli(t, "", "ask", "--profile", own, "hi"); got.code != 4 || !strings.Contains(got.stderr, "no data for 350 ms") {
		t.Errorf("the profile's own idle wait: exit %d, stderr %q", got.code, got.stderr)
	}
}

// TestAskShowsEachRetry: a 503 that passes is retried, the retry said on
// stderr, the answer printed once.
func TestAskShowsEachRetry(t *testing.T) {
	srv := fake(t)
	for kind, base := range protocols(srv) {
		srv.Handle("flaky-"+kind, llmtest.Scenario{Status: 503, ErrorType: llmtest.ErrOverloaded, First: 1, Chunks: []string{"Back."}})
		got := cli(t, "", "ask", "--provider", kind, "--base-url", base, "--model", "flaky-"+kind, "--key-env", "TEST_KEY", "hi")
		if got.code != 0 || got.stdout != "Back.\n" || strings.Count(got.stderr, "retrying in") != 1 || !strings.Contains(got.stderr, "(1 of 2)") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want one retry shown, then the answer", kind, got.code, got.stdout, got.stderr)
		}
	}
}

// TestAskRefusesRedirectsElsewhere: for every protocol, a redirect to
// another origin is not followed: the other server receives nothing, the
// CLI says the base URL probably changed and prints no part of the key.
func TestAskRefusesRedirectsElsewhere(t *testing.T) {
	const key = "sk-leak-cli-3Rd9Kx8Hq2Vn5Tz7Wm"
	srv := fake(t)
	srv.RequireKey(key)
	t.Setenv("LEAK_KEY", key)
	away := llmtest.StartElsewhere()
	t.Cleanup(away.Close)
	host := strings.TrimPrefix(away.URL, "http://")
	srv.Handle("r307", llmtest.Scenario{Redirect: away.URL + "/v1/chat/completions", RedirectStatus: 307})
	srv.Handle("r301", llmtest.Scenario{Redirect: "http://localhost:" + host[strings.LastIndex(host, ":")+1:] + "/v1", RedirectStatus: 301})
	srv.Handle("rquery", llmtest.Scenario{Redirect: away.URL + "/v1?key=" + key, RedirectStatus: 308})
	srv.Handle("ruser", llmtest.Scenario{Redirect: "http://u:" + key + "@" + host + "/v1", RedirectStatus: 302})
	for kind, base := range protocols(srv) {
		for _, model := range []string{"r307", "r301", "rquery", "ruser"} {
			got := cli(t, "", "-v", "ask", "--provider", kind, "--base-url", base, "--model", model, "--key-env", "LEAK_KEY", "hi")
			if got.code != 2 || !strings.Contains(got.stderr, "base URL has probably changed") || !strings.Contains(got.stderr, srv.URL) {
				t.Errorf("%s/%s: exit %d, stderr %q; want the redirect explained", kind, model, got.code, got.stderr)
			}
			if k := llmtest.KeyIn(got.stdout+got.stderr, key); k != "" {
				t.Errorf("%s/%s: the output holds %q of the key:\n%s", kind, model, k, got.stderr)
			}
		}
	}
	for _, r := range away.Received() {
		t.Errorf("a request reached the other origin (%s): %v", r.Path, llmtest.Leaks(r, key))
	}
}
