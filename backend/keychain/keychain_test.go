package keychain_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"parley/backend/internal/testkit"
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
		{"sk-abc\x00123", "", "control character (U+0000) at position 7"},
		{"\nsk-abc\x1b[0m123\n", "", "control character (U+001B) at position 7"},
		{"sk-abc\u0085123", "", "space or line break"},
		{"sk-abc\x7f123", "", "control character (U+007F)"},
		{"sk-" + strings.Repeat("a", keychain.MaxKeyBytes-3), "sk-" + strings.Repeat("a", keychain.MaxKeyBytes-3), ""},
		{"sk-" + strings.Repeat("a", keychain.MaxKeyBytes), "", "at most 2560 bytes"},
	}
	for _, tt := range tests {
		got, err := keychain.Normalize(tt.in)
		if tt.errPart != "" {
			if p := problem.From(err); p == nil || !strings.Contains(p.Title+" "+p.Detail, tt.errPart) {
				t.Errorf("Normalize(%.40q) err = %+v, want %q", tt.in, p, tt.errPart)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Normalize(%.40q) = %.40q, %v; want %.40q", tt.in, got, err, tt.want)
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

// TestTooLongKeyIsRefusedNotCut: a key the smallest keychain could not
// hold is refused with the limit named, and nothing is stored, instead of
// a key cut short that no server would accept.
func TestTooLongKeyIsRefusedNotCut(t *testing.T) {
	k := newKeychain(t)
	long := "sk-" + strings.Repeat("x", 3000)
	_, err := k.Set("p", long)
	var p *problem.Problem
	if !errors.As(err, &p) || p.Kind != problem.KindInvalidInput || !strings.Contains(p.Detail, "3003 bytes") || !strings.Contains(p.Detail, "2560") {
		t.Fatalf("err = %v (%+v), want the key refused with its length and the limit", err, p)
	}
	if st, _ := k.Status("p"); st.Set {
		t.Error("a refused key was stored")
	}
	if _, err := k.Set("p", long[:keychain.MaxKeyBytes]); err != nil {
		t.Errorf("a key of exactly the limit: %v", err)
	}
}

// TestUnavailableKeychain runs a child with no session bus, as on a machine
// with no Secret Service: saving must fail with a problem naming the fix,
// never fall back to plain storage.
func TestUnavailableKeychain(t *testing.T) {
	out := testkit.NoKeychain(t, func() error {
		k := keychain.New("parley-test-nobus")
		_, err := k.Set("p", "sk-abcdef123456")
		var p *problem.Problem
		if !errors.As(err, &p) || p.Kind != problem.KindKeychain {
			return fmt.Errorf("want keychain problem, got %w", err)
		}
		fmt.Printf("TITLE=%s\nFIX=%s\n", p.Title, p.Fix)
		st, err := k.Status("p")
		fmt.Printf("STATUS=%+v ERR=%v\n", st, err)
		return nil
	})
	if !strings.Contains(out, "TITLE=The system keychain is not available") || !strings.Contains(out, "gnome-keyring") {
		t.Errorf("child output:\n%s", out)
	}
	// The status says the keychain is out of reach, and why, rather than
	// that no key is set.
	if !strings.Contains(out, "STATUS={Set:false Hint: Unavailable:") || !strings.Contains(out, "/nonexistent/bus") ||
		!strings.Contains(out, "ERR=<nil>") {
		t.Errorf("child status output:\n%s", out)
	}
}
