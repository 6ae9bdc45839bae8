// Package jsonscan reads the few fields a stream format uses out of a JSON
// document in one pass, without reflection and without allocating for what
// it skips: a decoder walks the document with [Scanner.Key] and
// [Scanner.More], reads the values it wants and skips the rest. Everything
// it passes over is still checked to be valid JSON, so a document it
// accepts is one encoding/json accepts, and it matches object keys as
// encoding/json does (case-insensitively).
package jsonscan

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// maxDepth bounds nesting, as encoding/json does.
const maxDepth = 10000

// ErrSyntax is wrapped by every error about a document that is not JSON.
var ErrSyntax = errors.New("invalid JSON")

// ErrType is wrapped by every error about a value of another type than the
// one read.
var ErrType = errors.New("JSON value of the wrong type")

// Scanner reads one document. The zero value is not usable; see [Scanner.Reset].
type Scanner struct {
	data  []byte
	pos   int
	first bool
	err   error
	key   []byte // an escaped key, unescaped
	// shared: strings read may share data's memory (see ResetShared).
	shared bool
}

// Reset starts reading data. Every string read is a copy.
func (s *Scanner) Reset(data []byte) {
	s.data, s.pos, s.first, s.err, s.shared = data, 0, false, nil, false
}

// ResetShared starts reading data that nothing changes afterwards, such
// as a stream event's own bytes: a string read without escapes then shares
// data's memory instead of being copied, which costs no allocation and
// keeps data alive as long as the string.
func (s *Scanner) ResetShared(data []byte) {
	s.Reset(data)
	s.shared = true
}

// Err is the first error met, nil when the document was read so far without one.
func (s *Scanner) Err() error { return s.err }

func (s *Scanner) fail(kind error, what string) {
	if s.err == nil {
		s.err = fmt.Errorf("%w: %s at offset %d", kind, what, s.pos)
		s.pos = len(s.data)
	}
}

func (s *Scanner) ws() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func (s *Scanner) peek() byte {
	s.ws()
	if s.pos < len(s.data) {
		return s.data[s.pos]
	}
	return 0
}

// End checks that nothing but white space follows the document.
func (s *Scanner) End() error {
	if s.ws(); s.err == nil && s.pos < len(s.data) {
		s.fail(ErrSyntax, "data after the top-level value")
	}
	return s.err
}

// Null consumes a null and reports whether there was one.
func (s *Scanner) Null() bool {
	return s.peek() == 'n' && s.null()
}

func (s *Scanner) null() bool {
	s.literal("null")
	return s.err == nil
}

// Object starts reading an object; it reports false for null (consumed) or
// another type (an error).
func (s *Scanner) Object() bool { return s.open('{', "an object") }

// open consumes the opening byte of an object or an array, or a null
// (false), or records a value of another type (false).
func (s *Scanner) open(c byte, want string) bool {
	switch s.peek() {
	case c:
		s.pos++
		s.first = true
		return true
	case 'n':
		s.literal("null")
	default:
		s.mismatch(want)
	}
	return false
}

// Key returns the next key of the object being read, with the colon after
// it consumed, so that the value is read next; false at the object's end.
// The key is valid until the next call.
func (s *Scanner) Key() ([]byte, bool) {
	c := s.peek()
	if s.first {
		s.first = false
		if c == '}' {
			s.pos++
			return nil, false
		}
	} else {
		switch c {
		case '}':
			s.pos++
			return nil, false
		case ',':
			s.pos++
			c = s.peek()
		default:
			s.fail(ErrSyntax, "expected , or } in an object")
			return nil, false
		}
	}
	if c != '"' {
		s.fail(ErrSyntax, "expected a key")
		return nil, false
	}
	raw, escaped := s.rawString()
	if s.err != nil {
		return nil, false
	}
	key := raw
	if escaped {
		s.key = unquote(s.key[:0], raw)
		key = s.key
	}
	if s.peek() != ':' {
		s.fail(ErrSyntax, "expected : after a key")
		return nil, false
	}
	s.pos++
	return key, true
}

// Array starts reading an array; it reports false for null (consumed) or
// another type (an error).
func (s *Scanner) Array() bool { return s.open('[', "an array") }

// More reports whether the array being read has another element, which is
// read next; false at the array's end.
func (s *Scanner) More() bool {
	c := s.peek()
	if s.first {
		s.first = false
		if c == ']' {
			s.pos++
			return false
		}
		return s.err == nil
	}
	switch c {
	case ']':
		s.pos++
		return false
	case ',':
		s.pos++
		return true
	}
	s.fail(ErrSyntax, "expected , or ] in an array")
	return false
}

// String reads a string; null reads as "". Only a string that holds
// escapes or invalid UTF-8 costs more than the one allocation of its copy,
// and after [Scanner.ResetShared] any other costs nothing.
func (s *Scanner) String() string {
	if s.peek() != '"' {
		s.notString()
		return ""
	}
	raw, escaped := s.rawString()
	if s.err != nil || len(raw) == 0 {
		return ""
	}
	if !escaped && utf8.Valid(raw) {
		if s.shared {
			return unsafe.String(&raw[0], len(raw))
		}
		return string(raw)
	}
	return string(unquote(make([]byte, 0, len(raw)), raw))
}

// Bytes reads a string as [Scanner.String] does, without a copy when it
// holds no escapes: the bytes are then valid as long as the document.
// Comparing them to a constant (string(b) == "text_delta") costs nothing.
func (s *Scanner) Bytes() []byte {
	if s.peek() != '"' {
		s.notString()
		return nil
	}
	raw, escaped := s.rawString()
	if s.err != nil {
		return nil
	}
	if !escaped && utf8.Valid(raw) {
		return raw
	}
	return unquote(make([]byte, 0, len(raw)), raw)
}

// notString consumes a null where a string was to be read, or records a
// value of another type.
func (s *Scanner) notString() {
	if s.peek() == 'n' {
		s.literal("null")
	} else {
		s.mismatch("a string")
	}
}

// Int reads an integer; null reads as 0.
func (s *Scanner) Int() int {
	switch c := s.peek(); {
	case c == 'n':
		s.literal("null")
		return 0
	case c == '-' || c >= '0' && c <= '9':
	default:
		s.mismatch("a number")
		return 0
	}
	start := s.pos
	s.number()
	if s.err != nil {
		return 0
	}
	n, err := strconv.Atoi(string(s.data[start:s.pos]))
	if err != nil {
		s.pos = start
		s.fail(ErrType, "a number that is not an int")
		return 0
	}
	return n
}

// Bool reads a boolean; null reads as false.
func (s *Scanner) Bool() bool {
	switch s.peek() {
	case 't':
		s.literal("true")
		return s.err == nil
	case 'f':
		s.literal("false")
	case 'n':
		s.literal("null")
	default:
		s.mismatch("a boolean")
	}
	return false
}

// Raw skips a value and returns its bytes, valid as long as the document.
func (s *Scanner) Raw() []byte {
	s.ws()
	start := s.pos
	s.Skip()
	return s.data[start:s.pos]
}

// Skip passes over a value of any type, checking it.
func (s *Scanner) Skip() { s.skip(0) }

func (s *Scanner) skip(depth int) {
	if depth > maxDepth {
		s.fail(ErrSyntax, "nested too deep")
		return
	}
	switch c := s.peek(); {
	case c == '{':
		s.pos++
		s.first = true
		for _, ok := s.Key(); ok; _, ok = s.Key() {
			s.skip(depth + 1)
		}
	case c == '[':
		s.pos++
		s.first = true
		for s.More() {
			s.skip(depth + 1)
		}
	case c == '"':
		s.rawString()
	case c == 't':
		s.literal("true")
	case c == 'f':
		s.literal("false")
	case c == 'n':
		s.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		s.number()
	default:
		s.fail(ErrSyntax, "expected a value")
	}
}

// mismatch records a value of the wrong type, skipping it so the error
// names the type and not the syntax.
func (s *Scanner) mismatch(want string) {
	at := s.pos
	s.Skip()
	if s.err == nil {
		s.pos = at
		s.fail(ErrType, "expected "+want)
	}
}

func (s *Scanner) literal(word string) {
	if len(s.data)-s.pos < len(word) || string(s.data[s.pos:s.pos+len(word)]) != word {
		s.fail(ErrSyntax, "invalid literal")
		return
	}
	s.pos += len(word)
}

func (s *Scanner) number() {
	d, i := s.data, s.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		i = digits(d, i)
	default:
		s.fail(ErrSyntax, "invalid number")
		return
	}
	ok := true
	if i < len(d) && d[i] == '.' {
		j := digits(d, i+1)
		ok, i = j > i+1, j
	}
	if ok && i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		j := digits(d, i)
		ok, i = j > i, j
	}
	if !ok {
		s.fail(ErrSyntax, "invalid number")
		return
	}
	s.pos = i
}

// digits returns the end of the run of decimal digits in d from i.
func digits(d []byte, i int) int {
	for i < len(d) && d[i] >= '0' && d[i] <= '9' {
		i++
	}
	return i
}

// rawString consumes a string at s.pos (its opening quote) and returns its
// bytes between the quotes, and whether it holds escapes.
func (s *Scanner) rawString() (raw []byte, escaped bool) {
	d := s.data
	start := s.pos + 1
	for i := start; i < len(d); i++ {
		switch c := d[i]; {
		case c == '"':
			s.pos = i + 1
			return d[start:i], escaped
		case c == '\\':
			escaped = true
			i++
			if i >= len(d) {
				break
			}
			switch d[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if _, ok := hex4(d[i+1:]); !ok {
					s.pos = i
					s.fail(ErrSyntax, "invalid \\u escape")
					return nil, false
				}
				i += 4
			default:
				s.pos = i
				s.fail(ErrSyntax, "invalid escape")
				return nil, false
			}
		case c < 0x20:
			s.pos = i
			s.fail(ErrSyntax, "control character in a string")
			return nil, false
		}
	}
	s.pos = len(d)
	s.fail(ErrSyntax, "unterminated string")
	return nil, false
}

// hex4 reads the four hex digits of a \u escape; ok is false for any other
// byte among them, or fewer than four.
func hex4(b []byte) (r rune, ok bool) {
	if len(b) < 4 {
		return 0, false
	}
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// unquote appends the text of a checked string's raw bytes to dst as
// encoding/json decodes it: escapes resolved, a lone surrogate or an
// invalid UTF-8 byte each becoming U+FFFD.
func unquote(dst, raw []byte) []byte {
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\':
			e := raw[i+1]
			i += 2
			switch e {
			case 'b':
				dst = append(dst, '\b')
			case 'f':
				dst = append(dst, '\f')
			case 'n':
				dst = append(dst, '\n')
			case 'r':
				dst = append(dst, '\r')
			case 't':
				dst = append(dst, '\t')
			case 'u':
				r, _ := hex4(raw[i:]) // checked by rawString
				i += 4
				if utf16.IsSurrogate(r) {
					r2 := utf8.RuneError
					if i+6 <= len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
						r2, _ = hex4(raw[i+2:])
					}
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				dst = utf8.AppendRune(dst, r)
			default: // '"', '\\', '/'
				dst = append(dst, e)
			}
		case c < utf8.RuneSelf:
			dst = append(dst, c)
			i++
		default:
			r, n := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && n == 1 {
				dst = utf8.AppendRune(dst, utf8.RuneError)
			} else {
				dst = append(dst, raw[i:i+n]...)
			}
			i += n
		}
	}
	return dst
}

// Is reports whether a key names the field name, as encoding/json matches
// them: exactly, or else ignoring ASCII case.
func Is(key []byte, name string) bool {
	if len(key) != len(name) {
		return false
	}
	if string(key) == name {
		return true
	}
	for i := 0; i < len(key); i++ {
		a, b := key[i], name[i]
		if a >= 'A' && a <= 'Z' {
			a += 'a' - 'A'
		}
		if b >= 'A' && b <= 'Z' {
			b += 'a' - 'A'
		}
		if a != b {
			return false
		}
	}
	return true
}
