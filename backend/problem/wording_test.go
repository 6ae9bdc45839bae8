package problem_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"parley/backend/llm"
	"parley/backend/problem"
)

var placeholder = regexp.MustCompile(`\{[a-z]+\}`)

func placeholders(w problem.Words) []string {
	ps := placeholder.FindAllString(w.Title+w.Detail+w.Fix, -1)
	slices.Sort(ps)
	return slices.Compact(ps)
}

// Every explanation exists in both languages with the same facts in it, so
// a problem shown in Chinese says as much as it does in English.
func TestCataloguesMatch(t *testing.T) {
	for id, en := range problem.English {
		zh, ok := problem.Chinese[id]
		if !ok {
			t.Errorf("%s: missing from Chinese", id)
			continue
		}
		if got, want := placeholders(zh), placeholders(en); !slices.Equal(got, want) {
			t.Errorf("%s: Chinese has placeholders %v, English %v", id, got, want)
		}
		if en.Fix != "" && zh.Fix == "" || zh.Title == "" || zh.Title == en.Title {
			t.Errorf("%s: Chinese words missing or left in English: %+v", id, zh)
		}
	}
	for id := range problem.Chinese {
		if _, ok := problem.English[id]; !ok {
			t.Errorf("%s: in Chinese but not in English", id)
		}
	}
}

// A problem keeps the facts its words were filled with: filling the Chinese
// words with them gives the same facts in Chinese, and the provider's own
// message stays as it was.
func TestProblemRewordedInChinese(t *testing.T) {
	p := problem.From(&llm.HTTPError{Endpoint: "https://api.example.com/v1/chat/completions", Status: 401,
		Message: "Incorrect API key provided", Reason: llm.ReasonKeyRejected})
	if p.WordsID != "auth" || p.Facts["host"] != "api.example.com" {
		t.Fatalf("wordsId %q facts %v", p.WordsID, p.Facts)
	}
	zh := problem.Catalogue("zh_CN.UTF-8")[p.WordsID]
	title := zh.Title
	detail := strings.ReplaceAll(zh.Detail, "{host}", p.Facts["host"])
	if title != "密钥被拒绝" || detail != "api.example.com 不接受发送的密钥。" {
		t.Errorf("Chinese words: %q / %q", title, detail)
	}
	if p.ProviderMessage != "Incorrect API key provided" {
		t.Errorf("provider message changed: %q", p.ProviderMessage)
	}
	if problem.Catalogue("en-GB")["auth"].Title != "The key was rejected" || problem.Catalogue("C")["auth"].Title != "The key was rejected" {
		t.Error("English catalogue not picked for English or C")
	}
}

// Every explanation the code asks for by name is in the catalogue, so no
// problem reaches the user without words.
func TestExplainedIDsExist(t *testing.T) {
	re := regexp.MustCompile(`(?:Explain|ExplainWrap|explain)\((?:[\w.()]+, ){1,2}"([a-z_.]+)"[,)]`)
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() && (d.Name() == "node_modules" || d.Name() == "frontend") {
			if err == nil {
				return filepath.SkipDir
			}
			return err
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range re.FindAllSubmatch(src, -1) {
			if _, ok := problem.English[problem.WordsID(m[1])]; !ok {
				t.Errorf("%s asks for %q, which the catalogue does not have", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A fact worded otherwise in Chinese is given with its Chinese twin: the
// Chinese words may say {presetzh} where the English say {preset}, and
// still match; other placeholders do not.
func TestChineseTwinMatchesItsFact(t *testing.T) {
	en := map[problem.WordsID]problem.Words{"x": {Title: "Pick the “{preset}” preset for {host}."}}
	for zh, want := range map[string]bool{
		"为 {host} 选择“{presetzh}”预设。": true,
		"为 {host} 选择“{preset}”预设。":   true,
		"为 {host} 选择“{other}”预设。":    false,
		"选择“{presetzh}”预设。":          false,
	} {
		c := problem.Catalogues{English: en, Chinese: map[problem.WordsID]problem.Words{"x": {Title: zh}}}
		if got := c.Mismatches(); (len(got) == 0) != want {
			t.Errorf("%q: mismatches %v, want them none: %v", zh, got, want)
		}
	}
}
