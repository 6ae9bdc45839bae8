package llm

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// minHeld is the shortest end of a streamed text, shared with the key, that
// [textScrub] holds back: shorter ends are let out at once, so an answer
// never waits on a letter that merely happens to be in the key, and at most
// minHeld-1 characters of an echoed key go out before it is recognised.
const minHeld = 3

// textScrub scrubs a text that arrives in pieces (an answer's text, or its
// reasoning) of the key, however a hostile server cuts the key across its
// events: a piece's end that could be the start of the key waits for the
// next piece before it is let out, masked if the key it began is complete.
type textScrub struct {
	secret *secret
	folded []byte
	// said is the end of what was let out, folded, as it came (before
	// any masking), at most as long as the key; held is what waits.
	said []byte
	held string
	// scratch is where inKey puts the text it looks for.
	scratch []byte
}

func newTextScrub(k *secret) *textScrub {
	return &textScrub{secret: k, folded: []byte(foldASCII(k.key))}
}

// push takes the next piece and returns what of the text can go out now.
func (s *textScrub) push(piece string) string {
	if s.secret.grams == nil || piece == "" {
		return piece
	}
	text := s.held + piece
	cut := len(text) - s.hold(text)
	s.held = text[cut:]
	return s.out(text[:cut])
}

// flush returns whatever is held: the text ended.
func (s *textScrub) flush() string {
	text := s.held
	s.held = ""
	return s.out(text)
}

func (s *textScrub) out(text string) string {
	covered := s.secret.coverage(text)
	if n := s.runFromSaid(text); n > 0 {
		if covered == nil {
			covered = make([]bool, len(text))
		}
		for i := range n {
			covered[i] = true
		}
	}
	for i := 0; i < len(text); i++ {
		s.said = append(s.said, lower(text[i]))
	}
	if extra := len(s.said) - len(s.folded); extra > 0 {
		s.said = s.said[:copy(s.said, s.said[extra:])]
	}
	if covered == nil {
		return text
	}
	return s.secret.render(text, covered)
}

// runFromSaid is how many bytes at the start of text finish a run of the
// key begun in what was said: a key cut where neither side is long enough
// to be known as the key alone.
func (s *textScrub) runFromSaid(text string) int {
	var gram [minSecretRun]byte
	n := 0
	for i := max(0, len(s.said)-minSecretRun+1); i < len(s.said); i++ {
		need := i + minSecretRun - len(s.said)
		if need > len(text) {
			break
		}
		m := copy(gram[:], s.said[i:])
		for j := range need {
			gram[m+j] = lower(text[j])
		}
		if _, ok := s.secret.grams[string(gram[:])]; ok && !strings.Contains(s.secret.public, string(gram[:])) {
			n = need
		}
	}
	return n
}

// hold is how many bytes at the end of text to hold: the longest end of
// what was said and text together that stands in the key, when it is
// [minHeld] long at least, counted within text.
func (s *textScrub) hold(text string) int {
	n := 0
	for n < len(s.folded) && n < len(text)+len(s.said) && s.inKey(text, n+1) {
		n++
	}
	if n < minHeld {
		return 0
	}
	n = min(n, len(text))
	for n < len(text) && !utf8.RuneStart(text[len(text)-n]) {
		n++ // a key with a character beyond ASCII: never split a character
	}
	return n
}

// inKey reports whether the last n bytes of what was said and text
// together, folded, stand in the key.
func (s *textScrub) inKey(text string, n int) bool {
	s.scratch = s.scratch[:0]
	if n > len(text) {
		s.scratch = append(s.scratch, s.said[len(s.said)-(n-len(text)):]...)
	} else {
		text = text[len(text)-n:]
	}
	for i := 0; i < len(text); i++ {
		s.scratch = append(s.scratch, lower(text[i]))
	}
	return bytes.Contains(s.folded, s.scratch)
}

// chunkScrub scrubs the key out of a stream's chunks: text and reasoning,
// each across its pieces.
type chunkScrub struct {
	text, reasoning *textScrub
}

func newChunkScrub(key string) *chunkScrub {
	k := newSecret(key)
	return &chunkScrub{text: newTextScrub(k), reasoning: newTextScrub(k)}
}

// chunk is c with the key gone from its texts and its finish reason (some
// adapters pass the server's own on, and it is stored and shown), and what
// was held let out when c ends the reply (a finish reason or the usage).
func (s *chunkScrub) chunk(c Chunk) Chunk {
	c.Text, c.Reasoning = s.text.push(c.Text), s.reasoning.push(c.Reasoning)
	if c.Finish != "" {
		c.Finish = s.text.secret.scrub(c.Finish)
	}
	if c.Finish != "" || c.Usage != nil {
		c.Reasoning += s.reasoning.flush()
		c.Text += s.text.flush()
	}
	return c
}

// rest is a chunk of whatever is still held, empty when nothing is.
func (s *chunkScrub) rest() Chunk {
	return Chunk{Reasoning: s.reasoning.flush(), Text: s.text.flush()}
}
