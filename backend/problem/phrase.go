package problem

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode"
)

// A Phrase is a sentence worded by one entry of a catalogue (its Title, or
// its Detail when Part says so) with the facts filled into its
// placeholders, so the window can say it in the language it shows, as it
// does a [Problem]. Advice on a base URL or a key and the connection
// doctor's findings are said this way.
type Phrase struct {
	WordsID WordsID           `json:"wordsId"`
	Facts   map[string]string `json:"facts,omitempty"`
	// Part is PartDetail to say the entry's Detail (a problem's
	// explanation said as advice); empty says its Title.
	Part string `json:"part,omitempty"`
}

// PartDetail is the [Phrase.Part] that says an entry's Detail.
const PartDetail = "detail"

// PhraseOf is the phrase of entry id with its facts, given as name, value,
// name, value.
func PhraseOf(id WordsID, facts ...string) Phrase {
	p := Phrase{WordsID: id}
	if len(facts) > 0 {
		p.Facts = make(map[string]string, len(facts)/2)
		for i := 0; i+1 < len(facts); i += 2 {
			p.Facts[facts[i]] = facts[i+1]
		}
	}
	return p
}

// Catalogues are the words of one part of Parley in every language it
// speaks, kept beside the code that says them and shaped like [English]
// and [Chinese]: the same keys, the same placeholders in each language.
type Catalogues struct {
	English, Chinese map[WordsID]Words
}

// LoadCatalogues reads the catalogues in dir of fsys: en.json and
// zh-CN.json, each an object of entries ({"title", "detail", "fix"})
// keyed by WordsID. The files are embedded in the program, so one that is
// missing or is not such JSON is a mistake of the build: it panics, and
// every test of the package meets it first.
func LoadCatalogues(fsys fs.FS, dir string) Catalogues {
	return Catalogues{English: loadWords(fsys, path.Join(dir, "en.json")), Chinese: loadWords(fsys, path.Join(dir, "zh-CN.json"))}
}

func loadWords(fsys fs.FS, name string) map[WordsID]Words {
	raw, err := fs.ReadFile(fsys, name)
	var words map[WordsID]Words
	if err == nil {
		err = json.Unmarshal(raw, &words)
	}
	if err != nil {
		panic(fmt.Sprintf("the catalogue %s: %v", name, err))
	}
	return words
}

// Say returns phrases in English, one after another, a space between them
// except before punctuation (a phrase "; the key was accepted" goes on the
// one before it): the CLI's and the log's text, and what the window shows
// when it lacks the words. An entry missing from c is looked up in
// [English]. Chinese runs phrases together without spaces.
func (c Catalogues) Say(ps ...Phrase) string {
	parts := make([]string, 0, len(ps))
	for _, p := range ps {
		w, ok := c.English[p.WordsID]
		if !ok {
			w = English[p.WordsID]
		}
		t := w.Title
		if p.Part == PartDetail {
			t = w.Detail
		}
		parts = append(parts, fill(t, p.Facts))
	}
	var b strings.Builder
	for i, part := range parts {
		if i > 0 && part != "" && !strings.ContainsRune(",;:.)", rune(part[0])) {
			b.WriteByte(' ')
		}
		b.WriteString(part)
	}
	return b.String()
}

// Explanations lists every entry in every language, as [Explanations]
// does, for the window (App.ProblemWords).
func (c Catalogues) Explanations() []Explanation {
	var out []Explanation
	for lang, words := range map[string]map[WordsID]Words{"en": c.English, "zh-CN": c.Chinese} {
		for id, w := range words {
			out = append(out, Explanation{Language: lang, ID: id, Title: w.Title, Detail: w.Detail, Fix: w.Fix})
		}
	}
	return out
}

// Mismatches says what keeps the two languages from saying the same: an
// entry missing from either, other placeholders, Chinese words missing or
// left in English. Each package's tests require none.
func (c Catalogues) Mismatches() []string {
	var out []string
	for id, en := range c.English {
		zh, ok := c.Chinese[id]
		switch {
		case !ok:
			out = append(out, string(id)+": missing from Chinese")
		case !slices.Equal(untwinned(placeholdersOf(zh)), placeholdersOf(en)):
			out = append(out, string(id)+": the languages have other placeholders")
		case zh.Title == "" || zh.Title == en.Title && hasWords(en.Title) || en.Detail != "" && zh.Detail == "" || en.Fix != "" && zh.Fix == "":
			out = append(out, string(id)+": Chinese words missing or left in English")
		}
	}
	for id := range c.Chinese {
		if _, ok := c.English[id]; !ok {
			out = append(out, string(id)+": in Chinese but not in English")
		}
	}
	slices.Sort(out)
	return out
}

// ChineseTwin is the ending of a fact's Chinese twin: a fact worded
// otherwise in Chinese, such as a preset's name, is given twice, {preset}
// for the English words and {presetzh} for the Chinese, as one fact to
// [Catalogues.Mismatches].
const ChineseTwin = "zh"

// untwinned is placeholders with each Chinese twin read as its fact.
func untwinned(placeholders []string) []string {
	out := make([]string, len(placeholders))
	for i, ph := range placeholders {
		out[i] = strings.Replace(ph, ChineseTwin+"}", "}", 1)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Unsaid says what keeps phrase p from being said in Chinese in full: no
// Chinese words for its entry in c, in others, or in [Chinese], or a
// placeholder of those words without its fact. Tests require nothing.
func (c Catalogues) Unsaid(p Phrase, others ...Catalogues) []string {
	zh, ok := c.Chinese[p.WordsID]
	for _, o := range append(others, Catalogues{Chinese: Chinese}) {
		if ok {
			break
		}
		zh, ok = o.Chinese[p.WordsID]
	}
	text := zh.Title
	if p.Part == PartDetail {
		text = zh.Detail
	}
	if !ok || strings.TrimSpace(text) == "" {
		return []string{string(p.WordsID) + ": no Chinese words"}
	}
	var out []string
	for _, ph := range placeholdersOf(Words{Title: text}) {
		if _, ok := p.Facts[ph[1:len(ph)-1]]; !ok {
			out = append(out, string(p.WordsID)+": no fact for "+ph)
		}
	}
	return out
}

func fill(template string, facts map[string]string) string {
	pairs := make([]string, 0, 2*len(facts))
	for k, v := range facts {
		pairs = append(pairs, "{"+k+"}", v)
	}
	return strings.NewReplacer(pairs...).Replace(template)
}

func placeholdersOf(w Words) []string {
	var ps []string
	s := w.Title + w.Detail + w.Fix
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		ps = append(ps, s[i:i+j+1])
		s = s[i+j+1:]
	}
	slices.Sort(ps)
	return slices.Compact(ps)
}

// hasWords reports whether a template says anything besides its facts: one
// that is only placeholders and punctuation ("{endpoint}") reads the same
// in every language.
func hasWords(template string) bool {
	for _, p := range placeholdersOf(Words{Title: template}) {
		template = strings.ReplaceAll(template, p, "")
	}
	return strings.IndexFunc(template, unicode.IsLetter) >= 0
}
