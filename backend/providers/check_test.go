package providers_test

import (
	"strings"
	"testing"

	"parley/backend/problem"
	"parley/backend/providers"
)

func TestCheckBaseURL(t *testing.T) {
	tests := []struct{ in, want, errPart string }{
		{" https://api.openai.com/v1 ", "https://api.openai.com/v1", ""},
		{"http://127.0.0.1:11434", "http://127.0.0.1:11434", ""},
		{"", "", "empty"},
		{"api.openai.com/v1", "", "https://"},
		{"ftp://example.com", "", "https://"},
		{"https://user:pass@example.com/v1", "", "user name or password"},
		{"https://generativelanguage.googleapis.com?key=AIzaSecret", "", "query"},
		{"https:///v1", "", "no host"},
	}
	for _, tt := range tests {
		got, err := providers.CheckBaseURL(tt.in)
		if tt.errPart == "" {
			if err != nil || got != tt.want {
				t.Errorf("CheckBaseURL(%q) = %q, %v", tt.in, got, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error()+problemDetail(err), tt.errPart) {
			t.Errorf("CheckBaseURL(%q) err = %v, want it to mention %q", tt.in, err, tt.errPart)
		}
		if strings.Contains(err.Error()+problemDetail(err), "AIzaSecret") {
			t.Errorf("the error repeats the key: %v", err)
		}
	}
}

func problemDetail(err error) string {
	return problem.From(err).Detail
}
