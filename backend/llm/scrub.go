package llm

import (
	"errors"
	"net/url"
	"strings"
)

// minSecretRun is the shortest run of a key's characters that [Scrub] treats
// as the key: a relay that quotes part of the key ("sk-proj-abcdefgh…")
// still reveals too much.
const minSecretRun = 8

// KeyHint masks key for display: a recognisable prefix and the last four
// characters, such as "sk-…abcd". Short keys show only their last two.
func KeyHint(key string) string {
	r := []rune(key)
	if len(r) < 12 {
		if len(r) <= 2 {
			return "…"
		}
		return "…" + string(r[len(r)-2:])
	}
	prefix := ""
	if i := strings.IndexAny(key, "-_"); i > 0 && i <= 8 {
		prefix = key[:i+1]
		if j := strings.IndexAny(key[i+1:], "-_"); j > 0 && j <= 4 {
			prefix = key[:i+1+j+1] // sk-ant-, sk-proj-
		}
	}
	return prefix + "…" + string(r[len(r)-4:])
}

// mask is what [Scrub] puts where the key stood: its first and last four
// characters, or an ellipsis alone for a short key. It holds no run of
// [minSecretRun] characters, so scrubbing twice changes nothing more.
func mask(key string) string {
	if len(key) < 16 {
		return "…"
	}
	return key[:4] + "…" + key[len(key)-4:]
}

// Scrub replaces every occurrence of key in s, and every run of
// [minSecretRun] or more bytes that also stands in key, with a masked hint
// of the key. It is the one place provider texts lose the key: the stream
// driver runs every error it returns through it, and the log handler every
// record.
func Scrub(s, key string) string {
	if len(key) < minSecretRun || len(s) < minSecretRun {
		return s
	}
	grams := make(map[string]struct{}, len(key))
	for i := 0; i+minSecretRun <= len(key); i++ {
		grams[key[i:i+minSecretRun]] = struct{}{}
	}
	// covered marks the bytes of s that lie inside a run shared with key.
	var covered []bool
	for i := 0; i+minSecretRun <= len(s); i++ {
		if _, ok := grams[s[i:i+minSecretRun]]; ok {
			if covered == nil {
				covered = make([]bool, len(s))
			}
			for j := i; j < i+minSecretRun; j++ {
				covered[j] = true
			}
		}
	}
	if covered == nil {
		return s
	}
	hint := mask(key)
	var b strings.Builder
	for i := 0; i < len(s); {
		if !covered[i] {
			b.WriteByte(s[i])
			i++
			continue
		}
		b.WriteString(hint)
		for i < len(s) && covered[i] {
			i++
		}
	}
	return b.String()
}

// scrubbedError keeps an error's chain (for errors.Is and errors.As) but
// shows its text without the key.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

// scrubCause returns err with the key gone from its text and from any URL
// it names; err itself when the key is not in it.
func scrubCause(err error, key string) error {
	if err == nil {
		return nil
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = Scrub(Redact(ue.URL), key)
	}
	if msg := err.Error(); Scrub(msg, key) != msg {
		return &scrubbedError{msg: Scrub(msg, key), err: err}
	}
	return err
}

// ScrubError removes key from every text of the typed errors this package
// defines, wherever they sit in err's chain, and returns err.
func ScrubError(err error, key string) error {
	var (
		he *HTTPError
		pe *ProviderError
		se *StreamError
		re *RequestError
	)
	if errors.As(err, &he) {
		he.Endpoint, he.Body, he.Message = Scrub(he.Endpoint, key), Scrub(he.Body, key), Scrub(he.Message, key)
		he.Code, he.Type, he.Model = Scrub(he.Code, key), Scrub(he.Type, key), Scrub(he.Model, key)
	}
	if errors.As(err, &pe) {
		pe.Endpoint, pe.Message = Scrub(pe.Endpoint, key), Scrub(pe.Message, key)
		pe.Code, pe.Type, pe.Model = Scrub(pe.Code, key), Scrub(pe.Type, key), Scrub(pe.Model, key)
	}
	if errors.As(err, &se) {
		se.Endpoint, se.Err = Scrub(se.Endpoint, key), scrubCause(se.Err, key)
	}
	if errors.As(err, &re) {
		re.Endpoint, re.Err = Scrub(re.Endpoint, key), scrubCause(re.Err, key)
	}
	var rd *RedirectError
	if errors.As(err, &rd) {
		rd.From, rd.To = Scrub(rd.From, key), Scrub(rd.To, key)
	}
	if he == nil && pe == nil && se == nil && re == nil {
		return scrubCause(err, key)
	}
	return err
}
