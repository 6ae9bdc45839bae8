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
