package llm

import (
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
	key, folded string
	// said is the end of what was let out, folded, at most as long as
	// the key; held is what waits.
	said, held string
}

func newTextScrub(key string) *textScrub {
	return &textScrub{key: key, folded: foldASCII(key)}
}

// push takes the next piece and returns what of the text can go out now.
func (s *textScrub) push(piece string) string {
	if len(s.key) < minSecretRun {
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
	text = Scrub(text, s.key)
	said := s.said + foldASCII(text)
	s.said = said[max(0, len(said)-len(s.key)):]
	return text
}

// hold is how many bytes at the end of text to hold: the longest end of
// what was said and text together that stands in the key, when it is
// [minHeld] long at least, counted within text.
func (s *textScrub) hold(text string) int {
	all := s.said + foldASCII(text)
	n := 0
	for n < len(all) && n < len(s.folded) && strings.Contains(s.folded, all[len(all)-n-1:]) {
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

// chunkScrub scrubs the key out of a stream's chunks: text and reasoning,
// each across its pieces.
type chunkScrub struct {
	text, reasoning *textScrub
}

func newChunkScrub(key string) *chunkScrub {
	return &chunkScrub{text: newTextScrub(key), reasoning: newTextScrub(key)}
}

// chunk is c with the key gone from its texts, and what was held let out
// when c ends the reply (a finish reason or the usage).
func (s *chunkScrub) chunk(c Chunk) Chunk {
	c.Text, c.Reasoning = s.text.push(c.Text), s.reasoning.push(c.Reasoning)
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
