package main

import (
	"encoding/json"
	"strings"
	"testing"

	"parley/backend/llm/llmtest"
)

const stackTrace = "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"model\" is null\n" +
	"\tat com.example.gateway.ChatController.complete(ChatController.java:88)\n" +
	"\tat com.example.gateway.ChatController.stream(ChatController.java:41)\n" +
	"\tat java.base/java.lang.Thread.run(Thread.java:1583)\n"

// TestProviderMessagesPrintedForATerminal: a gateway's stack trace is cut
// to its first line (the rest behind -v), labelled as the provider's
// message and indented, and the host is named once.
func TestProviderMessagesPrintedForATerminal(t *testing.T) {
	fake(t)
	body, _ := json.Marshal(map[string]any{"error": map[string]any{"message": stackTrace, "type": "server_error"}})
	rp := llmtest.ReplayBody(t, 500, "application/json", body)
	host := strings.TrimPrefix(rp.URL, "http://")

	got := cli(t, "", "ask", "--base-url", rp.URL+"/v1", "--model", "m", "hi")
	want := "  the provider's message (server_error):\n" +
		"    java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"model\" is null\n" +
		"    (… 3 more lines: run again with parley-cli -v to see them)\n"
	if got.code != 2 || !strings.Contains(got.stderr, want) {
		t.Errorf("code %d stderr:\n%s\nwant it to hold:\n%s", got.code, got.stderr, want)
	}
	if n := strings.Count(got.stderr, host); n != 1 {
		t.Errorf("the host %s is named %d times:\n%s", host, n, got.stderr)
	}

	verbose := cli(t, "", "-v", "ask", "--base-url", rp.URL+"/v1", "--model", "m", "hi")
	if !strings.Contains(verbose.stderr, "    \tat java.base/java.lang.Thread.run(Thread.java:1583)\n") || strings.Contains(verbose.stderr, "more lines") {
		t.Errorf("-v does not show the whole trace:\n%s", verbose.stderr)
	}
}

func TestLongMessagesKeepTheirFirstLines(t *testing.T) {
	var b strings.Builder
	lines := strings.Split(strings.TrimSpace(strings.Repeat("a line of the answer\n", 9)), "\n")
	printMessage(&b, strings.Join(lines, "\n"), "", false)
	if got := b.String(); strings.Count(got, "    a line of the answer\n") != messageLines || !strings.HasSuffix(got, "(… 3 more lines: run again with parley-cli -v to see them)\n") {
		t.Errorf("got:\n%s", got)
	}
	b.Reset()
	printMessage(&b, "one line", "code_x", false)
	if b.String() != "  the provider's message (code_x): one line\n" {
		t.Errorf("one line: %q", b.String())
	}
}
