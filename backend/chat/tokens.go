package chat

import "unicode/utf8"

// messageOverhead is what a message costs beyond its text: the role and
// the separators every chat template puts around it.
const messageOverhead = 4

// EstimateTokens is a quick estimate of how many tokens a text takes, good
// enough to decide what fits a context window and the same for every
// model: a Chinese, Japanese or Korean character is about one token, other
// text about four characters a token. It errs high rather than low.
func EstimateTokens(s string) int {
	wide, other := 0, 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			other++
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if isWide(r) {
			wide++
		} else {
			other++
		}
	}
	return wide + (other+3)/4
}

// isWide reports whether r is a character of a script written without
// spaces whose characters tokenizers mostly encode one a token or more:
// CJK ideographs, kana, hangul, and the full-width punctuation around them.
func isWide(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x9FFF, // radicals, punctuation, kana, ideographs
		r >= 0xAC00 && r <= 0xD7AF,   // hangul syllables
		r >= 0xF900 && r <= 0xFAFF,   // compatibility ideographs
		r >= 0xFF00 && r <= 0xFFEF,   // full-width forms
		r >= 0x20000 && r <= 0x3FFFF: // extension ideographs
		return true
	}
	return false
}
