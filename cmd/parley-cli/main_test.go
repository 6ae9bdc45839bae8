package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"parley/backend/core"
	"parley/backend/llm/llmtest"
	"parley/backend/store"
)

const goodKey = "sk-test-cli-good-5678"

type outcome struct {
	code           int
	stdout, stderr string
}

func cli(t *testing.T, stdin string, args ...string) outcome {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return outcome{code, out.String(), errOut.String()}
}

func fake(t *testing.T) *llmtest.Server {
	t.Helper()
	t.Setenv("PARLEY_DATA_DIR", t.TempDir())
	t.Setenv("PARLEY_KEYCHAIN_SERVICE", fmt.Sprintf("parley-test-cli-%d", time.Now().UnixNano()))
	t.Setenv("TEST_KEY", goodKey)
	t.Setenv("WRONG_KEY", "sk-wrong-9999")
	srv := llmtest.Start()
	t.Cleanup(srv.Close)
	srv.RequireKey(goodKey)
	return srv
}

func TestAskStreamsOnlyTheAnswerToStdout(t *testing.T) {
	srv := fake(t)
	got := cli(t, "", "ask", "--provider", "openai", "--base-url", srv.URL+"/v1", "--model", "reasoning", "--key-env", "TEST_KEY", "--system", "Be brief.", "What", "is", "it?")
	if got.code != 0 || got.stdout != "The answer is 42.\n" {
		t.Fatalf("code %d stdout %q stderr %q", got.code, got.stdout, got.stderr)
	}
	if got.stderr != "Thinking it over.\n" {
		t.Errorf("stderr = %q, want the reasoning only, then a line break", got.stderr)
	}
	if !strings.Contains(srv.Requests()[0].Body, `"Be brief."`) {
		t.Error("the system prompt was not sent")
	}
}

func TestAskFailuresExitCodes(t *testing.T) {
	srv := fake(t)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := "http://" + ln.Addr().String() + "/v1"
	ln.Close()
	tests := []struct {
		name, base, model, keyEnv string
		code                      int
		stderr                    []string
		stdout                    string
	}{
		{"rejected key", srv.URL + "/v1", "echo", "WRONG_KEY", 2, []string{"The key was rejected", "HTTP 401", "the provider's message (invalid_api_key): Incorrect API key provided", "what to do:", "key sent: sk-…9999"}, ""},
		{"rate limited", srv.URL + "/v1", "rate-limited", "TEST_KEY", 2, []string{"Too many requests", "HTTP 429", "Rate limit reached"}, ""},
		{"html page", srv.URL + "/v1", "html", "TEST_KEY", 2, []string{"web page answered", "HTTP 502", "base URL"}, ""},
		{"unreachable", closed, "echo", "TEST_KEY", 3, []string{"Nothing is listening at", "Start the server"}, ""},
		{"cut", srv.URL + "/v1", "cut", "TEST_KEY", 4, []string{"broke off mid-way"}, "This answer will \n"},
		{"no such variable", srv.URL + "/v1", "echo", "NOT_SET_ANYWHERE", 1, []string{"NOT_SET_ANYWHERE"}, ""},
		{"bad base URL", "api.openai.com/v1", "echo", "TEST_KEY", 1, []string{"base URL is not valid", "https://"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cli(t, "", "ask", "--base-url", tt.base, "--model", tt.model, "--key-env", tt.keyEnv, "hi")
			if got.code != tt.code || got.stdout != tt.stdout {
				t.Errorf("code %d stdout %q; want %d %q\nstderr: %s", got.code, got.stdout, tt.code, tt.stdout, got.stderr)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(got.stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, got.stderr)
				}
			}
			if strings.Contains(got.stdout+got.stderr, goodKey) || strings.Contains(got.stdout+got.stderr, "sk-wrong-9999") {
				t.Error("a key appeared in the output")
			}
		})
	}
}

func TestAskEveryProviderKind(t *testing.T) {
	srv := fake(t)
	for _, kind := range []struct{ name, base string }{
		{"openai", srv.URL + "/v1"},
		{"anthropic", srv.URL},
		{"ollama", srv.URL},
		{"gemini", srv.URL},
		{"dashscope", srv.URL},
	} {
		got := cli(t, "", "ask", "--provider", kind.name, "--base-url", kind.base, "--model", "echo", "--key-env", "TEST_KEY", "hi", kind.name)
		if want := "You said: hi " + kind.name + " — streamed by llmtest.\n"; got.code != 0 || got.stdout != want {
			t.Errorf("%s: code %d stdout %q stderr %q", kind.name, got.code, got.stdout, got.stderr)
		}
	}
	if got := cli(t, "", "ask", "--provider", "smoke-signals", "--base-url", srv.URL, "--model", "m", "hi"); got.code != 1 || !strings.Contains(got.stderr, "not supported") {
		t.Errorf("unknown kind: %+v", got)
	}
}

func TestKeyFromProfileKeychain(t *testing.T) {
	srv := fake(t)
	c, err := core.Open(context.Background(), core.Config{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.SaveProfile(context.Background(), store.Profile{Name: "Fake", Kind: "openai", BaseURL: srv.URL + "/v1/", Model: "echo"})
	c.Close()
	if err != nil {
		t.Fatal(err)
	}
	set := cli(t, "  "+goodKey+"\n", "key", "set", "--profile", p.ID)
	if set.code != 0 || !strings.Contains(set.stdout, "sk-test-…5678") || strings.Contains(set.stdout, goodKey) {
		t.Fatalf("key set: %+v", set)
	}
	got := cli(t, "", "ask", "--base-url", srv.URL+"/v1", "--model", "echo", "hello")
	if got.code != 0 || !strings.HasPrefix(got.stdout, "You said: hello") {
		t.Fatalf("ask with keychain key: %+v", got)
	}
	if rm := cli(t, "", "key", "rm", "--profile", p.ID); rm.code != 0 {
		t.Fatalf("key rm: %+v", rm)
	}
	got = cli(t, "", "ask", "--base-url", srv.URL+"/v1", "--model", "echo", "hello")
	if got.code != 1 || !strings.Contains(got.stderr, "No key is saved") || !strings.Contains(got.stderr, "key set --profile "+p.ID) {
		t.Errorf("ask after key rm: %+v", got)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"ask", "--model", "m", "hi"}, {"frobnicate"}, {"key", "set"}} {
		if got := cli(t, "", args...); got.code != 1 || got.stderr == "" {
			t.Errorf("%v: %+v", args, got)
		}
	}
}

// TestVerboseLogsToStderr: -v puts the log on stderr as well; without it
// the log goes only to the file in the data folder.
func TestVerboseLogsToStderr(t *testing.T) {
	fake(t)
	quiet := cli(t, "", "profiles")
	loud := cli(t, "", "-v", "profiles")
	if quiet.code != 0 || loud.code != 0 {
		t.Fatalf("codes %d and %d", quiet.code, loud.code)
	}
	if strings.Contains(quiet.stderr, "level=INFO") || !strings.Contains(loud.stderr, "level=INFO") {
		t.Errorf("stderr without -v %q, with -v %q; want the log only with -v", quiet.stderr, loud.stderr)
	}
}
