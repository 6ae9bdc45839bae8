//go:build windowtest

// Package windowtest drives the built Parley binary on a real display:
// the main window and two provider windows side by side, a message typed
// into one appearing in the main window, and a second launch of a provider
// raising its window instead of opening another. Run it with `make
// test-windows`, which builds the binary and provides the display (Xvfb),
// a session bus (for the single-instance lock) and a keyring.
package windowtest

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"parley/backend/llm/llmtest"
	"parley/backend/store"
)

// window is one running Parley process.
type window struct {
	cmd   *exec.Cmd
	ended chan struct{} // closed when the process has ended
	err   error         // how it ended, once ended is closed
}

func launch(t *testing.T, data string, args ...string) *window {
	t.Helper()
	bin, err := filepath.Abs(filepath.Join("..", "build", "bin", "parley"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), bin, args...)
	cmd.Env = append(os.Environ(), "PARLEY_DATA_DIR="+data, "PARLEY_KEYCHAIN_SERVICE=parley-windowtest")
	log, err := os.Create(filepath.Join(t.TempDir(), "parley.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s (run `make build` first): %v", bin, err)
	}
	w := &window{cmd: cmd, ended: make(chan struct{})}
	go func() { w.err = cmd.Wait(); close(w.ended) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-w.ended
		if t.Failed() {
			out, _ := os.ReadFile(log.Name())
			t.Logf("parley %s said:\n%s", strings.Join(args, " "), out)
		}
	})
	return w
}

// xdotool runs xdotool and returns its output lines.
func xdotool(t *testing.T, args ...string) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second) // a display gone away hangs xdotool
	defer cancel()
	out, err := exec.CommandContext(ctx, "xdotool", args...).Output()
	if ctx.Err() != nil {
		t.Fatalf("xdotool %v hung: is the display still there?", args)
	}
	if err != nil && len(out) == 0 {
		return nil // search finds nothing: exit status 1
	}
	return strings.Fields(string(out))
}

// until calls f every 100 ms until it reports true; the test's own
// deadline bounds the wait.
func until(t *testing.T, what string, f func() bool) {
	t.Helper()
	deadline, ok := t.Deadline()
	for !f() {
		if ok && time.Until(deadline) < 5*time.Second {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// windowOf waits for the process's visible window and returns its id.
func windowOf(t *testing.T, w *window, title string) string {
	t.Helper()
	var id string
	until(t, "the window "+title, func() bool {
		select {
		case <-w.ended:
			t.Fatalf("parley ended before its window %q appeared: %v", title, w.err)
		default:
		}
		ids := xdotool(t, "search", "--onlyvisible", "--pid", strconv.Itoa(w.cmd.Process.Pid))
		if len(ids) == 0 {
			return false
		}
		id = ids[0]
		return true
	})
	return id
}

func title(t *testing.T, id string) string {
	t.Helper()
	return strings.Join(xdotool(t, "getwindowname", id), " ")
}

// topmost is the id of the Parley window on top (xwininfo lists the
// root's children top first).
func topmost(t *testing.T) string {
	t.Helper()
	out, err := exec.CommandContext(t.Context(), "xwininfo", "-root", "-children").Output()
	if err != nil {
		t.Fatal(err)
	}
	visible := map[int64]string{}
	for _, id := range visibleParleyWindows(t) {
		n, _ := strconv.ParseInt(id, 10, 64)
		visible[n] = id
	}
	for _, line := range strings.Split(string(out), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || !strings.HasPrefix(fields[0], "0x") {
			continue
		}
		if n, err := strconv.ParseInt(fields[0], 0, 64); err == nil && visible[n] != "" {
			return visible[n]
		}
	}
	return ""
}

func visibleParleyWindows(t *testing.T) []string {
	return xdotool(t, "search", "--onlyvisible", "--class", "parley")
}

func TestWindowPerProvider(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Fatal("no display: run this through `make test-windows` (Xvfb)")
	}
	ctx := context.Background()
	srv, h := llmtest.Handler()
	// "steady" answers for ten seconds, long enough to act while it streams.
	srv.Handle("steady", llmtest.Scenario{Chunks: strings.SplitAfter(strings.Repeat("word ", 100), " "), Pace: 100 * time.Millisecond})
	fake := httptest.NewServer(h)
	defer fake.Close()

	data := t.TempDir()
	db, err := store.Open(ctx, filepath.Join(data, "parley.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	alpha, _ := db.SaveProfile(ctx, store.Profile{Name: "Alpha", Kind: "openai", Preset: "custom", BaseURL: fake.URL + "/v1", Model: "echo"})
	beta, _ := db.SaveProfile(ctx, store.Profile{Name: "Beta", Kind: "openai", Preset: "custom", BaseURL: fake.URL + "/v1", Model: "echo"})
	conv, err := db.CreateConversation(ctx, alpha.ID, "")
	if err != nil {
		t.Fatal(err)
	}

	// The main window opens first; once its page runs, Ctrl+Shift+O opens
	// the provider it shows (Alpha) in a window of its own.
	main := launch(t, data)
	mainWin := windowOf(t, main, "Parley")
	retitle(t, db, conv.ID, "Plans", map[string]string{mainWin: "Plans — Parley"})
	focusComposer(t, mainWin)
	xdotool(t, "key", "ctrl+shift+o")
	var alphaWin string
	until(t, "Alpha's own window, opened from the main window", func() bool {
		ids := xdotool(t, "search", "--onlyvisible", "--name", "Alpha$")
		if len(ids) > 0 {
			alphaWin = ids[0]
		}
		return alphaWin != ""
	})
	alphaPid := pidOf(t, alphaWin)
	t.Cleanup(func() { _ = syscall.Kill(alphaPid, syscall.SIGKILL) })
	if alphaPid == main.cmd.Process.Pid {
		t.Fatal("Alpha's window belongs to the main window's process")
	}
	betaWindow := launch(t, data, "--profile", beta.ID)
	windowOf(t, betaWindow, "Beta")
	if got := visibleParleyWindows(t); len(got) != 3 {
		t.Fatalf("%d Parley windows on the display, want 3: %v", len(got), got)
	}
	// A rename elsewhere (here: by this test, another process) shows in
	// both windows; with no title, each is named after its window.
	retitle(t, db, conv.ID, "Plans", map[string]string{mainWin: "Plans — Parley", alphaWin: "Plans — Alpha"})
	retitle(t, db, conv.ID, "", map[string]string{mainWin: "Parley", alphaWin: "Alpha"})

	// Type a message into Alpha's own window, as a user would.
	const text = "hello from the Alpha window"
	focusComposer(t, alphaWin)
	xdotool(t, "type", "--delay", "30", text)
	xdotool(t, "key", "Return")

	until(t, "the message and its answer stored", func() bool {
		msgs, _ := db.Messages(ctx, conv.ID)
		return len(msgs) == 2 && msgs[0].Content == text && msgs[1].Status == store.StatusDone && msgs[1].Content != ""
	})
	// The main window shows the same conversation; it learns of the message
	// from the database and titles itself with the conversation.
	until(t, "the main window showing the conversation titled by the message", func() bool {
		return strings.HasPrefix(title(t, mainWin), text)
	})

	// Launching Alpha again raises its window: the new process hands over
	// to the open one and ends, and no fourth window appears.
	xdotool(t, "windowraise", mainWin)
	until(t, "the main window on top", func() bool { return topmost(t) == mainWin })
	again := launch(t, data, "--profile", alpha.ID)
	<-again.ended
	if got := visibleParleyWindows(t); len(got) != 3 {
		t.Fatalf("after launching Alpha again, %d Parley windows, want 3: %v", len(got), got)
	}
	until(t, "Alpha's window raised by the second launch", func() bool { return topmost(t) == alphaWin })

	// Esc in the main window stops the answer streaming in Alpha's window,
	// which the main window shows as it is saved; what arrived is kept.
	alpha.Model = "steady"
	if _, err := db.SaveProfile(ctx, alpha); err != nil {
		t.Fatal(err)
	}
	answer := sendIn(t, db, alphaWin, conv.ID, "a long answer, please")
	until(t, "Esc in the main window stopping Alpha's answer", func() bool {
		focusComposer(t, mainWin)
		xdotool(t, "key", "Escape")
		time.Sleep(time.Second)
		return message(t, db, conv.ID, answer).Status != store.StatusStreaming
	})
	if m := message(t, db, conv.ID, answer); m.Status != store.StatusStopped || m.Content == "" {
		t.Errorf("after Esc in the main window, Alpha's answer is %q with %q", m.Status, m.Content)
	}

	// Closing another window (Beta's) does not stop Alpha's answer.
	answer = sendIn(t, db, alphaWin, conv.ID, "another long one")
	_ = betaWindow.cmd.Process.Signal(syscall.SIGTERM)
	<-betaWindow.ended
	until(t, "Alpha's answer finished", func() bool { return message(t, db, conv.ID, answer).Status != store.StatusStreaming })
	if m := message(t, db, conv.ID, answer); m.Status != store.StatusDone || strings.Count(m.Content, "word") != 100 {
		t.Errorf("after Beta's window closed, Alpha's answer is %q with %d words", m.Status, strings.Count(m.Content, "word"))
	}

	// Quitting the main window leaves the provider window it opened running.
	_ = main.cmd.Process.Signal(syscall.SIGTERM)
	<-main.ended
	if got := visibleParleyWindows(t); len(got) != 1 || got[0] != alphaWin || syscall.Kill(alphaPid, 0) != nil {
		t.Errorf("after the main window quit, windows %v (Alpha's is %s) and Alpha's process %v", got, alphaWin, syscall.Kill(alphaPid, 0))
	}

	// Removing a provider (here: by this test, as another window would)
	// closes its own window.
	if err := db.DeleteProfile(ctx, alpha.ID); err != nil {
		t.Fatal(err)
	}
	until(t, "Alpha's window closed after Alpha was removed", func() bool { return len(visibleParleyWindows(t)) == 0 })
}

// sendIn types text into a window's composer and sends it, and returns the
// id of the answer once it streams with some text saved.
func sendIn(t *testing.T, db *store.Store, win, conversationID, text string) string {
	t.Helper()
	focusComposer(t, win)
	xdotool(t, "type", "--delay", "30", text)
	xdotool(t, "key", "Return")
	var id string
	until(t, "the answer to "+text+" streaming", func() bool {
		msgs, _ := db.Messages(context.Background(), conversationID)
		if len(msgs) < 2 || msgs[len(msgs)-2].Content != text {
			return false
		}
		a := msgs[len(msgs)-1]
		id = a.ID
		return a.Status == store.StatusStreaming && a.Content != ""
	})
	return id
}

func message(t *testing.T, db *store.Store, conversationID, id string) store.Message {
	t.Helper()
	msgs, err := db.Messages(context.Background(), conversationID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("message %s is gone", id)
	return store.Message{}
}

// retitle renames the conversation until every window shows the title it
// should: a page still loading misses the first change.
func retitle(t *testing.T, db *store.Store, conversationID, to string, want map[string]string) {
	t.Helper()
	until(t, fmt.Sprintf("windows titled %q", want), func() bool {
		if err := db.RenameConversation(context.Background(), conversationID, to); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Second)
		for id, w := range want {
			if title(t, id) != w {
				return false
			}
		}
		return true
	})
}

// focusComposer raises the window and clicks into its composer, near the
// bottom: the windows overlap, since there is no window manager.
func focusComposer(t *testing.T, id string) {
	t.Helper()
	xdotool(t, "windowraise", id)
	xdotool(t, "windowfocus", "--sync", id)
	xdotool(t, "mousemove", "--window", id, "690", "725", "click", "1")
}

func pidOf(t *testing.T, id string) int {
	t.Helper()
	out := xdotool(t, "getwindowpid", id)
	if len(out) != 1 {
		t.Fatalf("no process for window %s", id)
	}
	pid, err := strconv.Atoi(out[0])
	if err != nil {
		t.Fatal(err)
	}
	return pid
}
