package jsonscan_test

import (
	"errors"
	"strings"
	"testing"

	"parley/backend/llm/internal/jsonscan"
)

// A document nested past encoding/json's limit is refused, not a crash.
func TestDeepNestingIsAnError(t *testing.T) {
	var s jsonscan.Scanner
	s.Reset([]byte(strings.Repeat("[", 1_000_000)))
	s.Skip()
	if err := s.End(); !errors.Is(err, jsonscan.ErrSyntax) {
		t.Fatalf("err = %v, want a syntax error", err)
	}
}

func TestReadsWhatItIsAskedAndChecksTheRest(t *testing.T) {
	var s jsonscan.Scanner
	s.Reset([]byte(`{"skip":{"a":[1,-2.5e+3,true,false,null,"\u00e9"]},"Text":"caf\u00e9 \ud83d\ude00","n":42,"ok":true}`))
	var text string
	var n int
	var ok bool
	if !s.Object() {
		t.Fatal(s.Err())
	}
	for k, more := s.Key(); more; k, more = s.Key() {
		switch {
		case jsonscan.Is(k, "text"):
			text = s.String()
		case jsonscan.Is(k, "n"):
			n = s.Int()
		case jsonscan.Is(k, "ok"):
			ok = s.Bool()
		default:
			s.Skip()
		}
	}
	if err := s.End(); err != nil || text != "café 😀" || n != 42 || !ok {
		t.Errorf("read %q %d %v, err %v", text, n, ok, err)
	}
}

func TestTypeMismatchIsATypeError(t *testing.T) {
	var s jsonscan.Scanner
	s.Reset([]byte(`{"n":"7"}`))
	s.Object()
	s.Key()
	s.Int()
	if !errors.Is(s.Err(), jsonscan.ErrType) {
		t.Errorf("err = %v, want a type error", s.Err())
	}
}

// A document read with ResetShared gives the same strings as with Reset:
// plain, escaped, invalid UTF-8 (replaced) and empty ones; only their
// memory differs.
func TestSharedStringsReadTheSame(t *testing.T) {
	doc := "[\"plain 文字\", \"caf\\u00e9 \\n\", \"bad \xff byte\", \"\", null]"
	read := func(shared bool) []string {
		var s jsonscan.Scanner
		if shared {
			s.ResetShared([]byte(doc))
		} else {
			s.Reset([]byte(doc))
		}
		var got []string
		for s.Array(); s.More(); {
			got = append(got, s.String())
		}
		if err := s.End(); err != nil {
			t.Fatal(err)
		}
		return got
	}
	copied, shared := read(false), read(true)
	if strings.Join(copied, "|") != strings.Join(shared, "|") || copied[0] != "plain 文字" || copied[1] != "café \n" || copied[2] != "bad \uFFFD byte" {
		t.Errorf("copied %q, shared %q", copied, shared)
	}
}
