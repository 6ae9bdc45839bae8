package jsonscan

// A Target is a field of an object that [Scanner.Read] reads, by its key:
// a string, an int or a bool of the decoder's own.
type Target struct {
	name string
	str  *string
	num  *int
	flag *bool
}

// String is a target for a string field named name.
func String(name string, p *string) Target { return Target{name: name, str: p} }

// Int is a target for an integer field named name.
func Int(name string, p *int) Target { return Target{name: name, num: p} }

// Bool is a target for a boolean field named name.
func Bool(name string, p *bool) Target { return Target{name: name, flag: p} }

// Read reads an object of scalar fields into targets, as json.Unmarshal
// into a struct of them does: a key is matched as [Is] matches it, a
// repeated key's last value wins, null leaves a target as it was, and keys
// of no target are skipped (and checked). It reports false for null
// (consumed) or another type (an error), as [Scanner.Object] does.
func (s *Scanner) Read(targets ...Target) bool {
	if !s.Object() {
		return false
	}
	for k, ok := s.Key(); ok; k, ok = s.Key() {
		s.readTarget(k, targets)
	}
	return true
}

func (s *Scanner) readTarget(k []byte, targets []Target) {
	for i := range targets {
		if t := &targets[i]; Is(k, t.name) {
			switch {
			case s.Null():
			case t.str != nil:
				*t.str = s.String()
			case t.num != nil:
				*t.num = s.Int()
			default:
				*t.flag = s.Bool()
			}
			return
		}
	}
	s.Skip()
}

// Ptr is how a decoder reads an object into a pointer field, as
// json.Unmarshal does: after null (consumed) it is nil; otherwise it is p,
// allocated when nil, for the object next to be read into it (so a
// repeated key adds to what the first one gave).
func Ptr[T any](s *Scanner, p *T) *T {
	if s.Null() {
		return nil
	}
	if p == nil {
		p = new(T)
	}
	return p
}
