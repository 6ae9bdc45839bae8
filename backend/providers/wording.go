package providers

import (
	"embed"

	"parley/backend/problem"
)

//go:embed words/*.json
var wordsFS embed.FS

// Words are the advice this package gives, in every language the window
// speaks (words/en.json, words/zh-CN.json), said by [problem.Phrase]s:
// each entry's Title is one sentence, its placeholders the facts of the
// case.
var Words = problem.LoadCatalogues(wordsFS, "words")

// phrase is one sentence of advice with its facts.
var phrase = problem.PhraseOf
