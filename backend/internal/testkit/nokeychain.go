package testkit

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// noKeychainChild names, in a child's environment, the test it runs.
const noKeychainChild = "PARLEY_NO_KEYCHAIN_CHILD"

// childRan is the line a child prints once child has returned nil, so a
// child that ran no test at all does not pass.
const childRan = "PARLEY-CHILD-RAN"

// NoKeychain runs child in a process of its own, as on a computer without
// a Secret Service: t's test runs again in a child process of this test
// binary whose session bus points nowhere (and whose PARLEY_DATA_DIR is a
// folder of t's own), and there calls child and exits. In the test itself
// it returns what the child printed, failing t if child returned an error
// or the child did not get to run it.
func NoKeychain(t *testing.T, child func() error) string {
	t.Helper()
	if os.Getenv(noKeychainChild) == t.Name() {
		if err := child(); err != nil {
			fmt.Println("FAIL:", err)
			os.Exit(1)
		}
		fmt.Println(childRan)
		os.Exit(0)
	}
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^"+regexp.QuoteMeta(t.Name())+"$")
	cmd.Env = append(os.Environ(), noKeychainChild+"="+t.Name(), "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus",
		"PARLEY_DATA_DIR="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), childRan) {
		t.Fatalf("child: %v\n%s", err, out)
	}
	return string(out)
}
