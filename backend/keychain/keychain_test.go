package keychain_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"parley/backend/keychain"
	"parley/backend/problem"
)

// These tests use the real OS keychain (Secret Service under
// dbus-run-session in `make test`), under a service name of their own.
func newKeychain(t *testing.T) *keychain.Keychain {
	t.Helper()
	return keychain.New(fmt.Sprintf("parley-test-%d", time.Now().UnixNano()))
}

func TestSetStatusGetDelete(t *testing.T) {
	k := newKeychain(t)
	const profile = "p_test"
	st, err := k.Status(profile)
	if err != nil || st.Set {
		t.Fatalf("fresh status = %+v, %v; want unset", st, err)
	}
	st, err = k.Set(profile, "  Bearer sk-proj-abcdefghijklmnop1234\n")
	if err != nil {
		t.Fatalf("set: %v", err)
	}
	if !st.Set || st.Hint != "sk-proj-…1234" {
		t.Errorf("status after set = %+v", st)
	}
	got, err := k.Get(profile)
	if err != nil || got != "sk-proj-abcdefghijklmnop1234" {
		t.Errorf("get = %q, %v; want the normalised key", got, err)
	}
	if _, err := k.Set(profile, "sk-replacement-key-9999"); err != nil {
		t.Fatal(err)
	}
	if st, _ := k.Status(profile); st.Hint != "sk-…9999" {
		t.Errorf("after replace hint = %q", st.Hint)
	}
	if err := k.Delete(profile); err != nil {
		t.Fatal(err)
	}
	if err := k.Delete(profile); err != nil {
		t.Errorf("deleting a missing key: %v", err)
	}
	_, err = k.Get(profile)
	var p *problem.Problem
	if !errors.As(err, &p) || p.Kind != problem.KindNoKey || !strings.Contains(p.Fix, "key dialog") {
		t.Errorf("get after delete = %v, want a no-key problem", err)
	}
}

func TestRejectedKeyStoresNothing(t *testing.T) {
	k := newKeychain(t)
	_, err := k.Set("p", "sk-abc def")
	var p *problem.Problem
	if !errors.As(err, &p) || p.Kind != problem.KindInvalidInput {
		t.Fatalf("err = %v", err)
	}
	if st, _ := k.Status("p"); st.Set {
		t.Error("a rejected key was stored")
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want, errPart string }{
		{"sk-abc123", "sk-abc123", ""},
		{"  sk-abc123\r\n", "sk-abc123", ""},
		{"\uFEFFsk-abc123", "sk-abc123", ""},
		{"sk-abc\u200B123", "sk-abc123", ""},
		{`"sk-abc123"`, "sk-abc123", ""},
		{"'sk-abc123'", "sk-abc123", ""},
		{"Bearer sk-abc123", "sk-abc123", ""},
		{"bearer   sk-abc123 ", "sk-abc123", ""},
		{"sk-abc 123", "", "space or line break"},
		{"sk-abc\n123", "", "space or line break"},
		{"   ", "", "empty"},
		{`""`, "", "empty"},
	}
	for _, tt := range tests {
		got, err := keychain.Normalize(tt.in)
		if tt.errPart != "" {
			if err == nil || !strings.Contains(err.Error(), tt.errPart) {
				t.Errorf("Normalize(%q) err = %v, want %q", tt.in, err, tt.errPart)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestHint(t *testing.T) {
	tests := []struct{ key, want string }{
		{"sk-proj-abcdefghijklmnopqrstuvwxyzabcd", "sk-proj-…abcd"},
		{"sk-ant-api03-abcdefghijklmnop-wxyz", "sk-ant-…wxyz"},
		{"sk-abcdefghijklmnopqrst1234", "sk-…1234"},
		{"AIzaSyA1234567890abcdefgh", "…efgh"},
		{"short1", "…t1"},
	}
	for _, tt := range tests {
		if got := keychain.Hint(tt.key); got != tt.want {
			t.Errorf("Hint(%q) = %q, want %q", tt.key, got, tt.want)
		}
		if strings.Contains(keychain.Hint(tt.key), tt.key[:len(tt.key)-4]) {
			t.Errorf("Hint(%q) reveals too much", tt.key)
		}
	}
}

// TestUnavailableKeychain runs a child with no session bus, as on a machine
// with no Secret Service: saving must fail with a problem naming the fix,
// never fall back to plain storage.
func TestUnavailableKeychain(t *testing.T) {
	if os.Getenv("PARLEY_KEYCHAIN_CHILD") == "1" {
		_, err := keychain.New("parley-test-nobus").Set("p", "sk-abcdef123456")
		var p *problem.Problem
		if !errors.As(err, &p) || p.Kind != problem.KindKeychain {
			fmt.Printf("want keychain problem, got %v\n", err)
			os.Exit(1)
		}
		fmt.Printf("TITLE=%s\nFIX=%s\n", p.Title, p.Fix)
		os.Exit(0)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestUnavailableKeychain$")
	cmd.Env = append(os.Environ(), "PARLEY_KEYCHAIN_CHILD=1", "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "TITLE=The system keychain is not available") || !strings.Contains(string(out), "gnome-keyring") {
		t.Errorf("child output:\n%s", out)
	}
}
