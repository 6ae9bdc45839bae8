package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets a test run Parley's main in a child process (this test
// binary, started again with runMainEnv set), as a user's shell would.
func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

const runMainEnv = "PARLEY_TEST_RUN_MAIN"

// runParley runs main with args and no display, and returns what it printed
// and its exit code. The data folder it would use is returned too.
func runParley(t *testing.T, args ...string) (stdout, stderr string, code int, dataDir string) {
	t.Helper()
	dataDir = filepath.Join(t.TempDir(), "data")
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(withoutDisplay(os.Environ()), runMainEnv+"=1", "PARLEY_DATA_DIR="+dataDir)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code, dataDir
}

func withoutDisplay(env []string) []string {
	var kept []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
			kept = append(kept, kv)
		}
	}
	return kept
}

func TestVersionPrintsAndExitsWithoutAWindow(t *testing.T) {
	stdout, stderr, code, dataDir := runParley(t, "--version")
	if code != 0 || stdout != "Parley "+version+"\n" {
		t.Fatalf("parley --version: exit %d, stdout %q, stderr %q; want exit 0 and %q", code, stdout, stderr, "Parley "+version+"\n")
	}
	if _, err := os.Stat(dataDir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("parley --version touched the data folder (%v); it should only print", err)
	}
}

func TestHelpListsTheFlags(t *testing.T) {
	_, stderr, code, _ := runParley(t, "-h")
	if code != 0 || !strings.Contains(stderr, "-version") {
		t.Fatalf("parley -h: exit %d, stderr %q; want exit 0 and the flags listed", code, stderr)
	}
}

func TestUnknownFlagIsNamedAndRefused(t *testing.T) {
	_, stderr, code, dataDir := runParley(t, "--no-such-flag")
	if code != 2 || !strings.Contains(stderr, "no-such-flag") {
		t.Fatalf("parley --no-such-flag: exit %d, stderr %q; want exit 2 naming the flag", code, stderr)
	}
	if _, err := os.Stat(dataDir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused command line opened the data folder (%v)", err)
	}
}
