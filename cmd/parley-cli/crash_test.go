package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"parley/backend/store"
)

// buildTools builds the fake provider and the CLI as the programs a user runs.
func buildTools(t *testing.T) (llmtest, parleyCLI string) {
	t.Helper()
	dir := t.TempDir()
	for _, pkg := range []string{"llmtest", "parley-cli"} {
		out, err := exec.Command("go", "build", "-o", filepath.Join(dir, pkg), "parley/cmd/"+pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("build %s: %v\n%s", pkg, err, out)
		}
	}
	return filepath.Join(dir, "llmtest"), filepath.Join(dir, "parley-cli")
}

// streamLog is the answer as the CLI printed it, with when each piece came.
type streamLog struct {
	mu     sync.Mutex
	text   strings.Builder
	pieces []piece
}

type piece struct {
	at  time.Time
	len int
}

func (l *streamLog) read(r io.Reader) {
	buf := make([]byte, 4096)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			l.mu.Lock()
			l.text.Write(buf[:n])
			l.pieces = append(l.pieces, piece{time.Now(), l.text.Len()})
			l.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// before returns the text that had arrived by t.
func (l *streamLog) before(t time.Time) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, p := range l.pieces {
		if !p.at.After(t) {
			n = p.len
		}
	}
	return l.text.String()[:n]
}

func (l *streamLog) words() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(strings.Fields(l.text.String()))
}

// slowSetup builds the programs, starts the fake provider as a process and
// adds a profile for its slow model; run runs parley-cli and returns stdout.
func slowSetup(t *testing.T) (cliBin string, env []string, run func(args ...string) string, profile string) {
	t.Helper()
	llmtestBin, cliBin := buildTools(t)
	env = append(os.Environ(), "PARLEY_DATA_DIR="+t.TempDir(),
		fmt.Sprintf("PARLEY_KEYCHAIN_SERVICE=parley-test-crash-%d", time.Now().UnixNano()))
	fakeProc := exec.Command(llmtestBin)
	fakeOut, _ := fakeProc.StdoutPipe()
	if err := fakeProc.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fakeProc.Process.Kill(); fakeProc.Wait() })
	baseURL, err := bufio.NewReader(fakeOut).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	run = func(args ...string) string {
		t.Helper()
		cmd := exec.Command(cliBin, args...)
		cmd.Env = env
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("parley-cli %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	lines := strings.Split(strings.TrimSpace(run("profiles", "add", "--kind", "openai", "--base-url", strings.TrimSpace(baseURL), "--model", "slow")), "\n")
	return cliBin, env, run, lines[len(lines)-1]
}

// lastConversation is "history show --json" of the only conversation.
func lastConversation(t *testing.T, run func(args ...string) string) shown {
	t.Helper()
	var list []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(run("history", "list", "--json")), &list); err != nil || len(list) != 1 {
		t.Fatalf("history list: %+v %v", list, err)
	}
	var conv shown
	if err := json.Unmarshal([]byte(run("history", "show", list[0].ID, "--json")), &conv); err != nil {
		t.Fatal(err)
	}
	return conv
}

// Parley killed mid-answer (SIGKILL: no chance to save anything on the way
// out) keeps the prompt and the answer up to its last periodic save, which
// is at most 500 ms old: after the next start the answer is there, marked
// interrupted, holding at least what had arrived half a second before the kill.
func TestKilledMidAnswerKeepsThePartialAnswer(t *testing.T) {
	cliBin, env, run, profile := slowSetup(t)

	// The fake's slow model sends one word every 150 ms.
	ask := exec.Command(cliBin, "ask", "--profile", profile, "--new", "Tell me what you keep")
	ask.Env = env
	stdout, _ := ask.StdoutPipe()
	if err := ask.Start(); err != nil {
		t.Fatal(err)
	}
	var got streamLog
	done := make(chan struct{})
	go func() { got.read(stdout); close(done) }()
	start := time.Now()
	for time.Since(start) < 2*time.Second || got.words() < 3 {
		time.Sleep(20 * time.Millisecond)
	}
	if err := ask.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	<-done
	ask.Wait()
	arrived := got.before(killed.Add(-500 * time.Millisecond))

	conv := lastConversation(t, run)
	if len(conv.Messages) != 2 || conv.Messages[0].Role != "user" || conv.Messages[0].Content != "Tell me what you keep" {
		t.Fatalf("messages after the kill: %+v", conv.Messages)
	}
	answer := conv.Messages[1]
	t.Logf("killed after %s; %d bytes had arrived 0.5 s before, %d were saved", killed.Sub(start).Round(time.Millisecond), len(arrived), len(answer.Content))
	if answer.Role != "assistant" || answer.Status != string(store.StatusInterrupted) {
		t.Errorf("answer after the kill: role %s, status %s; want an interrupted assistant message", answer.Role, answer.Status)
	}
	if !strings.HasPrefix(answer.Content, arrived) {
		t.Errorf("the stored answer lost text that arrived half a second before the kill:\nstored  %q\narrived %q", answer.Content, arrived)
	}
	const fake = "Parley keeps every word that arrives, even when you press Stop. Parley keeps"
	if !strings.HasPrefix(fake, answer.Content[:min(len(answer.Content), 70)]) {
		t.Errorf("stored answer is not the fake's: %q", answer.Content)
	}
}

// Ctrl+C in the middle of an answer stops it at once and keeps what arrived,
// marked stopped, with the usual exit code for an interruption.
func TestInterruptedAskKeepsTheAnswerStopped(t *testing.T) {
	cliBin, env, run, profile := slowSetup(t)
	ask := exec.Command(cliBin, "ask", "--profile", profile, "go slowly")
	ask.Env = env
	stdout, _ := ask.StdoutPipe()
	if err := ask.Start(); err != nil {
		t.Fatal(err)
	}
	var got streamLog
	done := make(chan struct{})
	go func() { got.read(stdout); close(done) }()
	for got.words() < 3 {
		time.Sleep(20 * time.Millisecond)
	}
	ask.Process.Signal(os.Interrupt)
	<-done
	err := ask.Wait()
	if code := ask.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit code %d (%v), want 130", code, err)
	}
	conv := lastConversation(t, run)
	if len(conv.Messages) != 2 || conv.Messages[1].Status != string(store.StatusStopped) ||
		!strings.HasPrefix(conv.Messages[1].Content, strings.TrimSpace(got.text.String())) {
		t.Errorf("after Ctrl+C: %+v, printed %q", conv.Messages, got.text.String())
	}
}
