package problem

import (
	"embed"
	"strings"
)

// Words are the title, detail and fix of one explanation. Each is a
// template: {host}, {status}, {endpoint}, {model}, {models}, {page},
// {cause} and {input} stand for the facts of the case, so a translation
// replaces the templates and keeps the facts.
type Words struct {
	Title  string `json:"title"`
	Detail string `json:"detail"`
	Fix    string `json:"fix"`
}

// WordsID names one explanation. It is the kind, or the kind and a variant
// after a dot where one kind is explained more than one way.
type WordsID string

//go:embed words/*.json
var wordsFS embed.FS

// catalogues are Parley's explanations in every language it speaks, one
// file a language in words/ (en.json, zh-CN.json), as the window's own
// words are in frontend/src/lib/i18n/.
var catalogues = LoadCatalogues(wordsFS, "words")

// English holds every explanation Parley gives, keyed by [WordsID]
// (words/en.json). A catalogue for another language has the same keys.
var English = catalogues.English

// Chinese holds every explanation of [English] in Simplified Chinese, with
// the same keys and the same placeholders (words/zh-CN.json). The
// provider's own message is never translated: it is shown verbatim beside
// these words.
var Chinese = catalogues.Chinese

// Catalogue returns the explanations in the language of a BCP 47 or POSIX
// locale tag ("zh-CN", "zh_CN.UTF-8"): Chinese for any Chinese tag, else
// English.
func Catalogue(tag string) map[WordsID]Words {
	if strings.HasPrefix(strings.ToLower(tag), "zh") {
		return Chinese
	}
	return English
}

// Explanation is one entry of a catalogue, in one language.
type Explanation struct {
	Language string  `json:"language"`
	ID       WordsID `json:"id"`
	Title    string  `json:"title"`
	Detail   string  `json:"detail"`
	Fix      string  `json:"fix"`
}

// Explanations lists every explanation in every language Parley speaks,
// by the UI's language tag ("en", "zh-CN"), so the window can word a
// [Problem] by its WordsID and Facts in whichever language it shows.
func Explanations() []Explanation { return catalogues.Explanations() }

// facts are the values a template's placeholders stand for.
type facts = map[string]string

// Explain returns a problem of kind worded by the explanation id of the
// catalogues, with facts filled into its placeholders, so that the window
// can word it in the user's language. Code outside this package that knows
// the reason for a failure uses it instead of [New].
func Explain(kind Kind, id WordsID, facts map[string]string) *Problem {
	return explain(kind, id, facts)
}

// ExplainWrap is [Explain] with a technical cause attached.
func ExplainWrap(cause error, kind Kind, id WordsID, facts map[string]string) *Problem {
	p := explain(kind, id, facts)
	p.cause = cause
	return p
}

// explain returns a problem of kind worded by the explanation id, with the
// facts filled in. An id missing from the catalogue falls back to its kind.
func explain(kind Kind, id WordsID, f facts) *Problem {
	w, ok := English[id]
	if !ok {
		w = English[WordsID(kind)]
	}
	pairs := make([]string, 0, 2*len(f))
	for k, v := range f {
		pairs = append(pairs, "{"+k+"}", v)
	}
	r := strings.NewReplacer(pairs...)
	p := New(kind, r.Replace(w.Title), r.Replace(w.Detail), r.Replace(w.Fix))
	p.WordsID = id
	if len(f) > 0 {
		p.Facts = f
	}
	return p
}
