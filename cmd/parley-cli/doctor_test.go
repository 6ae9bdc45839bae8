package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"parley/backend/llm/llmtest"
)

func TestDoctorHealthyRun(t *testing.T) {
	srv := fake(t)
	got := cli(t, "", "doctor", "--provider", "openai", "--base-url", srv.URL+"/v1", "--model", "echo", "--key-env", "TEST_KEY")
	if got.code != 0 || got.stderr != "" {
		t.Fatalf("code %d stdout:\n%s\nstderr:\n%s", got.code, got.stdout, got.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(got.stdout, "\n"), "\n")
	want := []string{"✓ Address", "✓ DNS", "✓ Proxy", "✓ TCP", "- TLS", "✓ Authentication", "✓ Completion", "✓ Streaming"}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want one per step:\n%s", len(lines), got.stdout)
	}
	for i, prefix := range want {
		if !strings.HasPrefix(lines[i], prefix+" ") {
			t.Errorf("line %d = %q, want it to start with %q", i+1, lines[i], prefix)
		}
	}
	if !strings.Contains(got.stdout, "plain HTTP") || strings.Contains(got.stdout, goodKey) {
		t.Errorf("stdout:\n%s", got.stdout)
	}
}

func TestDoctorFailures(t *testing.T) {
	srv := fake(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String() + "/v1"
	ln.Close()
	tests := []struct {
		name, base, keyEnv string
		code               int
		stdout             []string
	}{
		{"wrong key", srv.URL + "/v1", "WRONG_KEY", 2, []string{
			"✗ Authentication", "The key was rejected (HTTP 401)", "    the provider's message: Incorrect API key provided",
			"    what to do: ", "- Completion      skipped  not run: Authentication failed\n"}},
		{"refused port", closed, "TEST_KEY", 3, []string{
			"✗ TCP", "Nothing is listening at " + strings.TrimSuffix(strings.TrimPrefix(closed, "http://"), "/v1"), "- Streaming       skipped  not run: TCP failed\n"}},
		{"no such key variable", srv.URL + "/v1", "NOT_SET_ANYWHERE", 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cli(t, "", "doctor", "--base-url", tt.base, "--model", "echo", "--key-env", tt.keyEnv)
			if got.code != tt.code || !strings.Contains(got.stderr, "error: ") {
				t.Errorf("code %d, want %d\nstdout:\n%s\nstderr:\n%s", got.code, tt.code, got.stdout, got.stderr)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(got.stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, got.stdout)
				}
			}
			if out := got.stdout + got.stderr; strings.Contains(out, goodKey) || strings.Contains(out, "sk-wrong-9999") {
				t.Error("a key appeared in the output")
			}
		})
	}
}

func TestDoctorWithoutModelChecksTheConnection(t *testing.T) {
	srv := fake(t)
	got := cli(t, "", "doctor", "--base-url", srv.URL+"/v1", "--key-env", "TEST_KEY")
	if got.code != 0 || !strings.Contains(got.stdout, "✓ Authentication") || !strings.Contains(got.stdout, "- Completion      skipped  no model was given\n") {
		t.Errorf("code %d stdout:\n%s\nstderr:\n%s", got.code, got.stdout, got.stderr)
	}
}

func TestDoctorUsage(t *testing.T) {
	for _, args := range [][]string{{"doctor"}, {"doctor", "--base-url", "http://127.0.0.1:1/v1", "extra"}, {"doctor", "--frobnicate"}} {
		if got := cli(t, "", args...); got.code != 1 || !strings.Contains(got.stderr, "Wrong usage") {
			t.Errorf("%v: %+v", args, got)
		}
	}
}

// A relay without a model list still chats: the doctor warns and succeeds.
func TestDoctorRelayWithoutModelList(t *testing.T) {
	fake(t)
	_, h := llmtest.Handler()
	relay := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/models" {
			http.NotFound(w, r)
			return
		}
		h.ServeHTTP(w, r)
	}))
	defer relay.Close()
	got := cli(t, "", "doctor", "--base-url", relay.URL+"/v1", "--model", "echo", "--key-env", "TEST_KEY")
	if got.code != 0 || !strings.Contains(got.stdout, "! Authentication") || !strings.Contains(got.stdout, "✓ Streaming") {
		t.Errorf("code %d stdout:\n%s\nstderr:\n%s", got.code, got.stdout, got.stderr)
	}
}
