package llm

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestSameOrigin(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"https://api.example.com/v1", "https://api.example.com/v2/other?x=1", true},
		{"http://h/v1", "http://h:80/v1", true},
		{"https://h/v1", "https://h:443/v1", true},
		{"HTTP://H.example/v1", "http://h.example/v1", true},
		{"https://h/v1", "http://h/v1", false},
		{"http://h:8080/v1", "http://h:8081/v1", false},
		{"https://api.example.com/v1", "https://api.example.com.evil.test/v1", false},
		{"http://127.0.0.1:1/v1", "http://localhost:1/v1", false},
	}
	for _, tt := range tests {
		a, _ := url.Parse(tt.a)
		b, _ := url.Parse(tt.b)
		if got := SameOrigin(a, b); got != tt.same {
			t.Errorf("SameOrigin(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	tests := []struct {
		header http.Header
		want   time.Duration
	}{
		{http.Header{"Retry-After": {"3"}}, 3 * time.Second},
		{http.Header{"Retry-After-Ms": {"1500"}, "Retry-After": {"2"}}, 1500 * time.Millisecond},
		{http.Header{"Retry-After": {"soon"}}, 0},
		{http.Header{"Retry-After": {"Wed, 21 Oct 2015 07:28:00 GMT"}}, 0}, // a date in the past: no wait
		{http.Header{}, 0},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.header); got != tt.want {
			t.Errorf("retryAfter(%v) = %s, want %s", tt.header, got, tt.want)
		}
	}
}

// TestBackoffGrowsWithinItsCap: each retry waits between half and all of
// the doubled base, never more than the cap.
func TestBackoffGrowsWithinItsCap(t *testing.T) {
	p := Retry{Max: 5, Base: 100 * time.Millisecond, Cap: 300 * time.Millisecond}
	for attempt, full := range []time.Duration{100, 200, 300, 300} {
		full *= time.Millisecond
		for range 50 {
			if d := backoff(p, attempt+1); d < full/2 || d > full {
				t.Fatalf("retry %d waits %s, want between %s and %s", attempt+1, d, full/2, full)
			}
		}
	}
}
