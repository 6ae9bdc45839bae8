package doctor_test

import (
	"testing"

	"parley/backend/doctor"
	"parley/backend/providers"
)

// Every phrase of the doctor exists in English and Chinese with the same
// facts in it.
func TestDoctorWordsMatch(t *testing.T) {
	for _, m := range doctor.Words.Mismatches() {
		t.Error(m)
	}
}

// saidInChinese checks, for every step of every run the tests make, that
// what it found is said by words Chinese has too, with every placeholder
// filled: the window then shows it in Chinese in full. A step with a
// detail and no phrases would stay English.
func saidInChinese(t *testing.T, s doctor.Step) {
	t.Helper()
	if s.Detail != "" && len(s.Phrases) == 0 {
		t.Errorf("%s: %q has no words to say it by", s.Name, s.Detail)
	}
	for _, p := range s.Phrases {
		for _, m := range doctor.Words.Unsaid(p, providers.Words) {
			t.Errorf("%s: %s", s.Name, m)
		}
	}
}
