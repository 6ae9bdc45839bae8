package doctor

import (
	"embed"
	"maps"

	"parley/backend/problem"
	"parley/backend/providers"
)

//go:embed words/*.json
var wordsFS embed.FS

// Words are what the doctor says of each step, in every language the
// window speaks (words/en.json, words/zh-CN.json), said by
// [problem.Phrase]s (a step's Phrases): each entry's Title is one phrase,
// its placeholders the facts found.
var Words = problem.LoadCatalogues(wordsFS, "words")

// spoken holds the English of every phrase a step may say: the doctor's
// own, and the profile dialog's advice on the base URL that the Address
// step repeats.
var spoken = problem.Catalogues{English: union(Words.English, providers.Words.English)}

func union(a, b map[problem.WordsID]problem.Words) map[problem.WordsID]problem.Words {
	out := maps.Clone(a)
	maps.Copy(out, b)
	return out
}

// said is what a step found, phrase by phrase.
type said []problem.Phrase

// say is one phrase with its facts, given as name, value, name, value.
var say = problem.PhraseOf

// saying is one phrase as all a step found.
func saying(id problem.WordsID, facts ...string) said { return said{say(id, facts...)} }
