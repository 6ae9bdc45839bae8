package store

import (
	"regexp"
	"strings"
)

// titleLength is how many characters of a first line make a title.
const titleLength = 60

var (
	mdImage    = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdLeader   = regexp.MustCompile(`^(?:#{1,6}\s+|>\s*|[-*+]\s+\[[ xX]\]\s+|[-*+]\s+|\d+[.)]\s+)+`)
	mdEmphasis = regexp.MustCompile("(\\*\\*|__|~~|\\*|`)")
	mdTag      = regexp.MustCompile(`</?[A-Za-z][^>]*>`)
)

// TitleFrom is the automatic title of a conversation that starts with text:
// its first line with words, stripped of markdown (headings, quotes, list
// markers, emphasis, links, code fences), cut to 60 characters.
func TitleFrom(text string) string {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~") {
			continue // a fence says nothing; the code below it may
		}
		line = mdImage.ReplaceAllString(line, "$1")
		line = mdLink.ReplaceAllString(line, "$1")
		line = mdTag.ReplaceAllString(line, "")
		line = mdLeader.ReplaceAllString(line, "")
		line = mdEmphasis.ReplaceAllString(line, "")
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			continue
		}
		if r := []rune(line); len(r) > titleLength {
			return strings.TrimSpace(string(r[:titleLength])) + "…"
		}
		return line
	}
	return ""
}
