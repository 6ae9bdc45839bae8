package llm

import (
	"encoding/base64"
	"errors"
	"net/url"
	"strconv"
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
// record. A hostile server may echo the key disguised, so the run is also
// found without regard to case, inside base64 (a "Bearer …" header echoed
// encoded), and under escapes that read as its characters (JSON's \u0073,
// a URL's %73, HTML's &#115;).
func Scrub(s, key string) string {
	if len(key) < minSecretRun || len(s) < minSecretRun {
		return s
	}
	return newSecret(key).scrub(s)
}

// secret is a key made ready for [Scrub], for texts scrubbed one after
// another (a stream's pieces).
type secret struct {
	key, hint string
	// grams are the runs of [minSecretRun] bytes, in lower case, that
	// betray the key; first marks the bytes they start with.
	grams map[string]struct{}
	first [256]bool
	// public is the key's public prefix, folded (see [publicPrefix]).
	public string
}

// publicPrefix is the start of key that names its provider and kind
// rather than the key: up to three short words of lower-case letters
// (a number may end one), each followed by '-' or '_', such as "sk-",
// "sk-proj-" or "sk-ant-api03-". An answer or a message that names only
// that ("OpenAI keys start with sk-proj-") is about keys, not this key,
// and is left as it is.
func publicPrefix(key string) string {
	end := 0
	for range 3 {
		i := end
		for i < len(key) && 'a' <= key[i] && key[i] <= 'z' {
			i++
		}
		for i < len(key) && '0' <= key[i] && key[i] <= '9' {
			i++
		}
		if i == end || i-end > 8 || i >= len(key) || (key[i] != '-' && key[i] != '_') {
			break
		}
		end = i + 1
	}
	return key[:end]
}

// spare uncovers each run of covered that is only the key's public prefix
// (or a part of it), and returns nil when no run is left.
func (k *secret) spare(s string, covered []bool) []bool {
	if covered == nil || len(k.public) < minSecretRun {
		return covered
	}
	left := false
	for i := 0; i < len(s); {
		if !covered[i] {
			i++
			continue
		}
		j := i
		for j < len(s) && covered[j] {
			j++
		}
		if j-i <= len(k.public) && strings.Contains(k.public, foldASCII(s[i:j])) {
			clear(covered[i:j])
		} else {
			left = true
		}
		i = j
	}
	if !left {
		return nil
	}
	return covered
}

// newSecret prepares key: the grams of its own, and those of its base64
// encodings (standard and URL-safe) at each of the three offsets it can sit
// at inside an encoded text, without the padding and the last character,
// which depend on what follows. A key shorter than [minSecretRun] has none.
func newSecret(key string) *secret {
	k := &secret{key: key, hint: mask(key), public: foldASCII(publicPrefix(key))}
	if len(key) < minSecretRun {
		return k
	}
	k.grams = make(map[string]struct{}, 8*len(key))
	add := func(form string) {
		form = foldASCII(form)
		for i := 0; i+minSecretRun <= len(form); i++ {
			k.grams[form[i:i+minSecretRun]] = struct{}{}
			k.first[form[i]] = true
		}
	}
	add(key)
	for off := 0; off < 3 && off < len(key); off++ {
		enc := base64.RawStdEncoding.EncodeToString([]byte(key[off:]))
		if len(key[off:])%3 != 0 {
			enc = enc[:len(enc)-1]
		}
		add(enc)
		add(strings.NewReplacer("+", "-", "/", "_").Replace(enc))
	}
	return k
}

// scrub is s with every run that betrays the key masked, s itself when
// none does.
func (k *secret) scrub(s string) string {
	if k.grams == nil || len(s) < minSecretRun {
		return s
	}
	covered := k.coverage(s)
	if covered == nil {
		return s
	}
	return k.render(s, covered)
}

// render is s with each run of covered bytes replaced by the key's hint.
func (k *secret) render(s string, covered []bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if !covered[i] {
			b.WriteByte(s[i])
			i++
			continue
		}
		b.WriteString(k.hint)
		for i < len(s) && covered[i] {
			i++
		}
	}
	return b.String()
}

// coverage marks the bytes of s that lie inside a run of the key's grams,
// as s lies and as it reads once its escapes are decoded, case folded;
// nil when none does.
func (k *secret) coverage(s string) []bool {
	covered := k.coverageAsIs(s)
	if strings.ContainsAny(s, `\%&`) { // a key may hold "%41" itself
		decoded := k.coverageOf(readAs(s))
		if covered == nil {
			covered = decoded
		}
		for i := range decoded {
			covered[i] = covered[i] || decoded[i]
		}
	}
	return k.spare(s, covered)
}

// coverageAsIs is [secret.coverage] of s read where it lies.
func (k *secret) coverageAsIs(s string) []bool {
	var covered []bool
	var gram [minSecretRun]byte
	for i := 0; i+minSecretRun <= len(s); i++ {
		if !k.first[lower(s[i])] {
			continue
		}
		for j := range gram {
			gram[j] = lower(s[i+j])
		}
		if _, ok := k.grams[string(gram[:])]; ok {
			if covered == nil {
				covered = make([]bool, len(s))
			}
			for j := i; j < i+minSecretRun; j++ {
				covered[j] = true
			}
		}
	}
	return covered
}

// coverageOf is [secret.coverage] of a text read as v.
func (k *secret) coverageOf(v reading) []bool {
	var covered []bool
	for i := 0; i+minSecretRun <= len(v.b); i++ {
		if _, ok := k.grams[string(v.b[i:i+minSecretRun])]; !ok {
			continue
		}
		if covered == nil {
			covered = make([]bool, v.n)
		}
		for j := v.from(i); j < v.to(i+minSecretRun-1); j++ {
			covered[j] = true
		}
	}
	return covered
}

// reading is a text as it reads: b[i] is the byte, folded to lower case,
// that the text's bytes from starts[i] up to the next start stand for.
type reading struct {
	b      []byte
	starts []int
	n      int // the text's length
}

func (r reading) from(i int) int { return r.starts[i] }

func (r reading) to(i int) int {
	if i+1 < len(r.starts) {
		return r.starts[i+1]
	}
	return r.n
}

// readAs decodes the escapes of s that stand for an ASCII character (a
// key's characters are ASCII) and folds its case.
func readAs(s string) reading {
	r := reading{b: make([]byte, 0, len(s)), starts: make([]int, 0, len(s)), n: len(s)}
	for i := 0; i < len(s); {
		c, w := unescape(s[i:])
		r.b = append(r.b, lower(c))
		r.starts = append(r.starts, i)
		i += w
	}
	return r
}

// unescape reads the character s starts with: an escape (\uXXXX, %XX,
// &#NNN; or &#xHH;) of an ASCII character, or else its first byte.
func unescape(s string) (byte, int) {
	var digits string
	base, w := 16, 0
	switch {
	case strings.HasPrefix(s, `\u`) && len(s) >= 6:
		digits, w = s[2:6], 6
	case s[0] == '%' && len(s) >= 3:
		digits, w = s[1:3], 3
	case strings.HasPrefix(s, "&#x") || strings.HasPrefix(s, "&#X"):
		if end := strings.IndexByte(s, ';'); end > 3 && end <= 7 {
			digits, w = s[3:end], end+1
		}
	case strings.HasPrefix(s, "&#"):
		if end := strings.IndexByte(s, ';'); end > 2 && end <= 6 {
			digits, w, base = s[2:end], end+1, 10
		}
	}
	if w > 0 {
		if n, err := strconv.ParseUint(digits, base, 8); err == nil && n < 0x80 {
			return byte(n), w
		}
	}
	return s[0], 1
}

// foldASCII lower-cases the ASCII letters of s and nothing else, so that
// every byte keeps its place.
func foldASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = lower(b[j])
			}
			return string(b)
		}
	}
	return s
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
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
		he.ContentType = Scrub(he.ContentType, key)
		for i, m := range he.AllowedModels {
			he.AllowedModels[i] = Scrub(m, key)
		}
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
