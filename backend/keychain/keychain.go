// Package keychain keeps provider keys in the OS keychain (macOS Keychain,
// Windows Credential Manager, Secret Service on Linux) and nowhere else.
// The UI may learn whether a key is set and a masked hint; only the chat
// turn reads the key itself, to send it to the provider.
package keychain

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zalando/go-keyring"

	"parley/backend/llm"
	"parley/backend/problem"
)

// Service is the keychain service name Parley's entries are filed under.
const Service = "parley"

// MaxKeyBytes is the longest key Parley stores, in bytes, on every system:
// Windows Credential Manager holds at most 2560 bytes in a credential's
// blob, the lowest limit of the keychains go-keyring uses (macOS's
// `security` tool takes a 4096-byte command, which leaves about 2,950 bytes
// of key once it is base64-encoded; the Secret Service has no limit). One
// limit everywhere means a key saved on Linux also fits on Windows.
const MaxKeyBytes = 2560

// Keychain reads and writes provider keys, one entry per profile ID.
type Keychain struct {
	service string
}

// New returns a keychain filing entries under service; tests pass their own
// service name so they never touch a user's real entries.
func New(service string) *Keychain {
	return &Keychain{service: service}
}

// Status is what the UI may know about a stored key.
type Status struct {
	Set  bool   `json:"set"`
	Hint string `json:"hint"`
	// Unavailable, when not empty, says why the keychain could not be
	// asked; Set is then unknown, not false.
	Unavailable string `json:"unavailable,omitempty"`
}

// Unavailable reports whether err is the keychain being out of reach (no
// Secret Service, a locked keychain), as opposed to a missing key.
func Unavailable(err error) bool {
	var p *problem.Problem
	return errors.As(err, &p) && p.Kind == problem.KindKeychain
}

// Set normalises key and stores it for profileID, replacing any old key.
func (k *Keychain) Set(profileID, key string) (Status, error) {
	key, err := Normalize(key)
	if err != nil {
		return Status{}, err
	}
	if err := keyring.Set(k.service, profileID, key); err != nil {
		if errors.Is(err, keyring.ErrSetDataTooBig) {
			return Status{}, tooLong(len(key))
		}
		return Status{}, unavailable("save", err)
	}
	return Status{Set: true, Hint: Hint(key)}, nil
}

// Status reports whether a key is stored for profileID, with its hint. A
// keychain out of reach is no error here: the status says so, with the
// reason, so every profile is not shown as having no key.
func (k *Keychain) Status(profileID string) (Status, error) {
	key, err := k.Get(profileID)
	var p *problem.Problem
	switch {
	case errors.As(err, &p) && p.Kind == problem.KindNoKey:
		return Status{}, nil
	case errors.As(err, &p) && p.Kind == problem.KindKeychain:
		return Status{Unavailable: reason(p)}, nil
	case err != nil:
		return Status{}, err
	}
	return Status{Set: true, Hint: Hint(key)}, nil
}

// reason is the keychain's own error under an unavailable-keychain problem.
func reason(p *problem.Problem) string {
	if cause := errors.Unwrap(p); cause != nil {
		if inner := errors.Unwrap(cause); inner != nil {
			return inner.Error()
		}
		return cause.Error()
	}
	return p.Detail
}

// Get returns the key for profileID. It is for the code that sends requests
// and must never be reachable from the UI.
func (k *Keychain) Get(profileID string) (string, error) {
	key, err := keyring.Get(k.service, profileID)
	if errors.Is(err, keyring.ErrNotFound) {
		return "", problem.Explain(problem.KindNoKey, "no_key", nil)
	}
	if err != nil {
		return "", unavailable("read", err)
	}
	return key, nil
}

// Delete removes the key for profileID; removing a missing key is not an error.
func (k *Keychain) Delete(profileID string) error {
	err := keyring.Delete(k.service, profileID)
	if err == nil || errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return unavailable("remove", err)
}

// unavailable explains a keychain that failed to save, read or remove a key.
func unavailable(op string, err error) *problem.Problem {
	return problem.ExplainWrap(fmt.Errorf("%s the key: %w", op, err), problem.KindKeychain,
		problem.WordsID("keychain."+op), map[string]string{"cause": err.Error()})
}

// Normalize cleans a pasted key: surrounding whitespace and quotes, a byte
// order mark, zero-width characters and a "Bearer " prefix go. A key that
// still holds whitespace, or nothing, is refused with a message saying why.
func Normalize(key string) (string, error) {
	key = strings.Map(func(r rune) rune {
		switch r {
		case '\uFEFF', '\u200B', '\u200C', '\u200D', '\u2060', '\u00AD':
			return -1
		}
		return r
	}, key)
	key = strings.TrimSpace(key)
	key = strings.Trim(key, "\"'`“”‘’")
	key = strings.TrimSpace(key)
	if len(key) > 7 && strings.EqualFold(key[:7], "bearer ") {
		key = strings.TrimSpace(key[7:])
	}
	if key == "" {
		return "", problem.Explain(problem.KindInvalidInput, "invalid_input.key_empty", nil)
	}
	if i := strings.IndexFunc(key, unicode.IsSpace); i >= 0 {
		return "", problem.Explain(problem.KindInvalidInput, "invalid_input.key_space", map[string]string{"position": strconv.Itoa(i + 1)})
	}
	if i := strings.IndexFunc(key, unicode.IsControl); i >= 0 {
		r, _ := utf8.DecodeRuneInString(key[i:])
		return "", problem.New(problem.KindInvalidInput, "The key contains a control character",
			fmt.Sprintf("There is an invisible control character (%U) at position %d; a key is made of printable characters only, and no server would accept this one.",
				r, utf8.RuneCountInString(key[:i])+1),
			"Copy the key again from the provider's console and paste it; a terminal or document may have added the character.")
	}
	if len(key) > MaxKeyBytes {
		return "", tooLong(len(key))
	}
	return key, nil
}

func tooLong(n int) *problem.Problem {
	return problem.New(problem.KindInvalidInput, "The key is too long for the system keychain",
		fmt.Sprintf("The key is %d bytes long; the system keychain holds keys of at most %d bytes (the limit of Windows Credential Manager, the smallest of the keychains Parley uses), so it was not saved rather than saved cut short.", n, MaxKeyBytes),
		"Check that only the key was pasted, not a file or a whole page. A real key this long needs the provider's shorter API key instead.")
}

// Hint masks key for display: a recognisable prefix and the last four
// characters, such as "sk-…abcd". Short keys show only their last two.
func Hint(key string) string { return llm.KeyHint(key) }
