package doctor_test

import (
	"regexp"
	"strings"
	"testing"

	"parley/backend/doctor"
	"parley/backend/problem"
	"parley/backend/providers"
)

// Every phrase of the doctor exists in English and Chinese with the same
// facts in it.
func TestDoctorWordsMatch(t *testing.T) {
	for _, m := range doctor.Words.Mismatches() {
		t.Error(m)
	}
}

var placeholder = regexp.MustCompile(`\{[a-z]+\}`)

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
		zh, ok := doctor.Words.Chinese[p.WordsID]
		if !ok {
			zh, ok = providers.Words.Chinese[p.WordsID]
		}
		if !ok {
			zh, ok = problem.Chinese[p.WordsID]
		}
		text := zh.Title
		if p.Part == problem.PartDetail {
			text = zh.Detail
		}
		if !ok || strings.TrimSpace(text) == "" {
			t.Errorf("%s: %s has no Chinese words", s.Name, p.WordsID)
		}
		for _, ph := range placeholder.FindAllString(text, -1) {
			if _, ok := p.Facts[ph[1:len(ph)-1]]; !ok {
				t.Errorf("%s: %s has no fact for %s", s.Name, p.WordsID, ph)
			}
		}
	}
}
