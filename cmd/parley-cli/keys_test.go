package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"parley/backend/llm/llmtest"
)

// lastLine is the last line of a command's stdout (profiles add prints the
// new id there).
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// TestKeySetRefusesWhatNoKeychainCouldHold: a key longer than the
// keychain's limit is refused with the limit named (not cut short and
// saved), and so are a control character and a stdin far too long.
func TestKeySetRefusesWhatNoKeychainCouldHold(t *testing.T) {
	fake(t)
	add := cli(t, "", "profiles", "add", "--kind", "openai", "--preset", "openai", "--base-url", "https://api.openai.com/v1", "--model", "gpt-4o-mini")
	if add.code != 0 {
		t.Fatalf("add: %+v", add)
	}
	id := lastLine(add.stdout)
	for _, tc := range []struct{ name, stdin, want string }{
		{"longer than the keychain holds", "sk-" + strings.Repeat("k", 3000) + "\n", "at most 2560 bytes"},
		{"longer than the old 64 KiB cut", "sk-" + strings.Repeat("k", 70<<10), "at most 2560 bytes"},
		{"far too long for a key", strings.Repeat("k", 2<<20), "more than 1048576 bytes"},
		{"a control character", "sk-abc\x1b[0mdef123\n", "control character (U+001B)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := cli(t, tc.stdin, "key", "set", "--profile", id)
			if got.code != 1 || !strings.Contains(got.stderr, tc.want) {
				t.Errorf("code %d stderr %q; want 1 and %q", got.code, got.stderr, tc.want)
			}
		})
	}
	if got := cli(t, "", "profiles"); !strings.Contains(got.stdout, "\tno key\n") {
		t.Errorf("a refused key was saved: %q", got.stdout)
	}
}

// TestProfilesSayTheKeychainIsUnavailable runs the CLI in a child whose
// session bus points nowhere: the list says the keychain is unavailable
// and why, not "no key", and an Ollama profile needs none.
func TestProfilesSayTheKeychainIsUnavailable(t *testing.T) {
	if os.Getenv("PARLEY_CLI_NOBUS_CHILD") == "1" {
		for _, args := range [][]string{
			{"profiles", "add", "--kind", "openai", "--preset", "openai", "--base-url", "https://api.openai.com/v1", "--model", "gpt-4o-mini", "--name", "OpenAI"},
			{"profiles", "add", "--kind", "ollama", "--preset", "ollama", "--base-url", "http://127.0.0.1:11434", "--model", "llama3.2", "--name", "Ollama"},
			{"profiles"},
		} {
			got := cli(t, "", args...)
			fmt.Printf("CODE=%d\n%s%s", got.code, got.stdout, got.stderr)
		}
		os.Exit(0)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestProfilesSayTheKeychainIsUnavailable$")
	cmd.Env = append(os.Environ(), "PARLEY_CLI_NOBUS_CHILD=1", "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus",
		"PARLEY_DATA_DIR="+t.TempDir())
	out, err := cmd.CombinedOutput()
	s := string(out)
	if err != nil || strings.Contains(s, "CODE=1") {
		t.Fatalf("child: %v\n%s", err, s)
	}
	if !strings.Contains(s, "\tkeychain unavailable (") || !strings.Contains(s, "/nonexistent/bus") {
		t.Errorf("the OpenAI profile is not shown with the keychain unavailable:\n%s", s)
	}
	if !strings.Contains(s, "\tno key needed\n") || strings.Contains(s, "\tno key\n") {
		t.Errorf("the Ollama profile is not shown as needing no key:\n%s", s)
	}
}

// TestAskSaysWhenTheTokenLimitCutTheAnswer: both asks say on stderr that
// the answer stopped at the token limit, and stdout stays the answer.
func TestAskSaysWhenTheTokenLimitCutTheAnswer(t *testing.T) {
	fake(t)
	body, err := os.ReadFile("../../backend/llm/openai/testdata/length.sse")
	if err != nil {
		t.Fatal(err)
	}
	rp := llmtest.ReplayBody(t, 200, "text/event-stream", body)
	once := cli(t, "", "ask", "--base-url", rp.URL+"/v1", "--model", "m", "list primes")
	add := cli(t, "", "profiles", "add", "--kind", "openai", "--preset", "custom", "--base-url", rp.URL+"/v1", "--model", "m")
	saved := cli(t, "", "ask", "--profile", lastLine(add.stdout), "list primes")
	for name, got := range map[string]outcome{"ask once": once, "ask --profile": saved} {
		if got.code != 0 || got.stdout != "The first three prime numbers are 2, 3\n" || !strings.Contains(got.stderr, "reached the token limit") {
			t.Errorf("%s: code %d stdout %q stderr %q", name, got.code, got.stdout, got.stderr)
		}
	}
}

// TestDoctorPrintsAWarningWithoutAProblem: an Ollama with nothing pulled
// is a warning line naming the pull command (it used to crash the CLI,
// which expected a problem with every warning).
func TestDoctorPrintsAWarningWithoutAProblem(t *testing.T) {
	fake(t)
	rp := llmtest.ReplayBody(t, 200, "application/json", []byte(`{"models":[]}`))
	got := cli(t, "", "doctor", "--provider", "ollama", "--base-url", rp.URL, "--model", "llama3.2")
	if !strings.Contains(got.stdout, "! Authentication") || !strings.Contains(got.stdout, "Ollama is running but has no models — `ollama pull llama3.2`") {
		t.Errorf("code %d stdout:\n%s\nstderr:\n%s", got.code, got.stdout, got.stderr)
	}
}
