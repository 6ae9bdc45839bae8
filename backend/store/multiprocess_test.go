package store_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"parley/backend/internal/testkit"
	"parley/backend/store"
)

// These tests run this test binary again as separate processes (the main
// window and provider windows are separate processes on one file). A helper
// process is chosen by PARLEY_STORE_HELPER and waits for its stdin to close
// before it starts, so that many begin at the same moment.

func TestMain(m *testing.M) {
	if role := os.Getenv("PARLEY_STORE_HELPER"); role != "" {
		if err := helper(role, os.Getenv("PARLEY_STORE_DB"), os.Args[len(os.Args)-1]); err != nil {
			fmt.Fprintln(os.Stderr, role+":", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	code := m.Run()
	closeBenchStores()
	os.Exit(code)
}

func helper(role, path, arg string) error {
	ctx := context.Background()
	_, _ = io.Copy(io.Discard, os.Stdin) // the starting gun: stdin closes
	s, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	switch role {
	case "open":
		return s.Close()
	case "start": // what Parley does when it starts
		n, err := s.MarkInterrupted(ctx)
		fmt.Println(n)
		s.Close()
		return err
	case "send":
		n, _ := strconv.Atoi(os.Getenv("PARLEY_STORE_SENDS"))
		for i := range n {
			if err := send(ctx, s, arg, fmt.Sprintf("message %d from %d", i, os.Getpid())); err != nil {
				return fmt.Errorf("send %d: %w", i, err)
			}
		}
		return s.Close()
	case "setting": // writes KEY=VALUE as a window's settings page does; KEY= removes it
		key, value, _ := strings.Cut(arg, "=")
		if value == "" {
			err = s.DeleteSetting(ctx, key)
		} else {
			err = s.SetSetting(ctx, key, value)
		}
		s.Close()
		return err
	case "stream": // starts an answer, says its id and streams until killed
		a, err := s.AddMessage(ctx, store.Message{ConversationID: arg, Role: "assistant", Status: store.StatusStreaming})
		if err != nil {
			return err
		}
		fmt.Println(a.ID)
		select {}
	}
	return fmt.Errorf("unknown role %q", role)
}

// send does to the store what a turn does: read, store the user message,
// title the conversation, start the answer, save its progress, finish it.
func send(ctx context.Context, s *store.Store, conversationID, text string) error {
	c, err := s.Conversation(ctx, conversationID)
	if err != nil {
		return err
	}
	if _, err := s.Profile(ctx, c.ProfileID); err != nil {
		return err
	}
	if _, err := s.Messages(ctx, conversationID); err != nil {
		return err
	}
	if _, err := s.AddMessage(ctx, store.Message{ConversationID: conversationID, Role: "user", Content: text, Status: store.StatusDone}); err != nil {
		return err
	}
	if err := s.RenameConversation(ctx, conversationID, text); err != nil {
		return err
	}
	a, err := s.AddMessage(ctx, store.Message{ConversationID: conversationID, Role: "assistant", Status: store.StatusStreaming})
	if err != nil {
		return err
	}
	for _, part := range []string{"an", "an answ", "an answer"} {
		if err := s.SaveProgress(ctx, a.ID, part, ""); err != nil {
			return err
		}
	}
	a.Content, a.Status = "an answer", store.StatusDone
	return s.FinishMessage(ctx, a)
}

// process is a helper process waiting for its starting gun.
type process struct {
	cmd   *exec.Cmd
	gun   io.WriteCloser
	out   *bufio.Reader
	ended chan error
}

func spawn(t *testing.T, role, path, arg string, env ...string) *process {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^$", arg)
	cmd.Env = append(os.Environ(), append(env, "PARLEY_STORE_HELPER="+role, "PARLEY_STORE_DB="+path)...)
	cmd.Stderr = &testkit.Buffer{}
	gun, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, w, err := os.Pipe() // not StdoutPipe: Wait must not close it while the test reads
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = w
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	p := &process{cmd: cmd, gun: gun, out: bufio.NewReader(out), ended: make(chan error, 1)}
	t.Cleanup(func() { _ = cmd.Process.Kill(); <-p.ended; out.Close() })
	go func() { p.ended <- cmd.Wait() }()
	return p
}

// line reads the next line the helper printed.
func (p *process) line(t *testing.T) string {
	t.Helper()
	l, err := p.out.ReadString('\n')
	if err != nil {
		t.Fatalf("helper said nothing (%v); its stderr: %s", err, p.cmd.Stderr)
	}
	return strings.TrimSpace(l)
}

// runAll starts every process at once and reports the failed ones.
func runAll(t *testing.T, ps []*process) {
	t.Helper()
	for _, p := range ps {
		p.gun.Close()
	}
	failed := 0
	for i, p := range ps {
		if err := <-p.ended; err != nil {
			failed++
			t.Errorf("process %d: %v: %s", i, err, p.cmd.Stderr)
		}
		p.ended <- nil // for the cleanup
	}
	if failed > 0 {
		t.Errorf("%d of %d processes failed", failed, len(ps))
	}
}

// Four windows sending into one conversation at once: every send succeeds
// (none fails with "database is locked") and every message is kept, in
// order.
func TestFourProcessesSendingAtOnceAllSucceed(t *testing.T) {
	const processes, sends = 4, 75
	ctx := context.Background()
	path := dbPath(t)
	s := open(t, path)
	c := conversation(t, s, "")
	s.Close()

	var ps []*process
	for range processes {
		ps = append(ps, spawn(t, "send", path, c.ID, "PARLEY_STORE_SENDS="+strconv.Itoa(sends)))
	}
	runAll(t, ps)

	s = open(t, path)
	defer s.Close()
	msgs, err := s.Messages(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != processes*sends*2 {
		t.Fatalf("%d messages stored, want %d", len(msgs), processes*sends*2)
	}
	for i, m := range msgs {
		if m.Seq != i+1 || (m.Role == "assistant" && (m.Status != store.StatusDone || m.Content != "an answer")) {
			t.Fatalf("message %d = %+v", i, m)
		}
	}
}

// Thirty copies of Parley started at once on a new data folder: each one
// opens the database, and the schema is migrated exactly once.
func TestThirtyFirstStartsAtOnceAllSucceed(t *testing.T) {
	path := dbPath(t)
	var ps []*process
	for range 30 {
		ps = append(ps, spawn(t, "open", path, ""))
	}
	runAll(t, ps)
	s := open(t, path)
	defer s.Close()
	if _, err := s.SaveProfile(context.Background(), store.Profile{Name: "A", Kind: "openai", BaseURL: "http://x/v1", Model: "m"}); err != nil {
		t.Fatal(err)
	}
}

// A window starting leaves another window's live answer streaming; only
// once that window's process has gone is its answer marked interrupted.
func TestStartingLeavesAnotherProcessesStreamAlone(t *testing.T) {
	path := dbPath(t)
	s := open(t, path)
	c := conversation(t, s, "")
	s.Close()

	streamer := spawn(t, "stream", path, c.ID)
	streamer.gun.Close()
	answer := streamer.line(t)

	starts := func() string {
		other := spawn(t, "start", path, "")
		other.gun.Close()
		return other.line(t)
	}
	if n := starts(); n != "0" {
		t.Errorf("a second process marked %s answers interrupted while their process runs", n)
	}
	if got := status(t, path, c.ID, answer); got != store.StatusStreaming {
		t.Fatalf("live answer is %q after another process started", got)
	}

	_ = streamer.cmd.Process.Kill() // the window crashes mid-answer
	<-streamer.ended
	streamer.ended <- nil
	if n := starts(); n != "1" {
		t.Errorf("after the streaming process died, start marked %s answers interrupted, want 1", n)
	}
	if got := status(t, path, c.ID, answer); got != store.StatusInterrupted {
		t.Errorf("orphaned answer is %q, want interrupted", got)
	}
}

func status(t *testing.T, path, conversationID, id string) store.Status {
	t.Helper()
	s := open(t, path)
	defer s.Close()
	msgs, err := s.Messages(context.Background(), conversationID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.ID == id {
			return m.Status
		}
	}
	t.Fatalf("answer %s not found", id)
	return ""
}
