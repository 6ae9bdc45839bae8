package llm

import "strings"

// ContainsAny reports whether s, lower-cased, contains any of subs (which
// must be lower case). Adapters use it to read their providers' phrases.
func ContainsAny(s string, subs ...string) bool {
	s = strings.ToLower(s)
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
