package importer

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var dateNumbers = regexp.MustCompile(`\d+`)

// parseLocaleDate reads a date as JavaScript's toLocaleString writes it in
// many locales — "2024/5/20 14:03:05", "5/20/2024, 2:03:05 PM",
// "20.05.2024, 14:03:05", "2024. 5. 20. 오후 2:03:05", "2024/5/20 下午2:03:05"
// — or as ISO 8601. It returns Unix milliseconds (local time of this
// computer), or 0 when the text holds no date.
func parseLocaleDate(s string) int64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UnixMilli()
		}
	}
	parts := dateNumbers.FindAllString(s, -1)
	if len(parts) < 3 {
		return 0
	}
	n := make([]int, len(parts))
	for i, p := range parts {
		n[i], _ = strconv.Atoi(p)
	}
	var y, mo, d int
	switch {
	case len(parts[0]) == 4: // year first: y/m/d (zh, ja, ko, sv, ISO-like)
		y, mo, d = n[0], n[1], n[2]
	case len(parts[2]) == 4 && (n[0] > 12 || strings.ContainsAny(s, ".-") && !strings.Contains(s, "/")):
		d, mo, y = n[0], n[1], n[2] // 20.05.2024 (de, ru), 20/05/2024 (en-GB, fr)
	case len(parts[2]) == 4:
		mo, d, y = n[0], n[1], n[2] // 5/20/2024 (en-US)
	default:
		return 0
	}
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return 0
	}
	var h, mi, sec int
	if len(n) >= 5 {
		h, mi = n[3], n[4]
	}
	if len(n) >= 6 {
		sec = n[5]
	}
	lower := strings.ToLower(s)
	pm := strings.Contains(lower, "pm") || strings.Contains(lower, "p.m.") || strings.Contains(s, "下午") || strings.Contains(s, "오후") || strings.Contains(s, "午後")
	am := strings.Contains(lower, "am") || strings.Contains(lower, "a.m.") || strings.Contains(s, "上午") || strings.Contains(s, "오전") || strings.Contains(s, "午前")
	switch {
	case pm && h < 12:
		h += 12
	case am && h == 12:
		h = 0
	}
	if h > 23 || mi > 59 || sec > 60 {
		return 0
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.Local).UnixMilli()
}
