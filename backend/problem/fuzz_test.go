package problem_test

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"parley/backend/llm/llmtest"
	"parley/backend/problem"
	"parley/backend/providers"
)

var kinds = []string{"openai", "anthropic", "ollama", "gemini", "dashscope"}

// statusOf reads the status a recorded error body was answered with from
// its file name (401.json, error_429_quota.json).
var statusOf = regexp.MustCompile(`(?:^|_)([1-5]\d\d)(?:[_.])`)

// leftPlaceholder is a template's {fact} left in a text.
var leftPlaceholder = regexp.MustCompile(`\{[a-z_]+\}`)

// FuzzProblem fuzzes the classifier through each adapter's reading of an
// error answer: any status, media type and body is explained (never as
// Parley's own bug), with a title and a next step, every placeholder of
// its words filled in, and no trace of the key. Seeded with every
// adapter's recorded error bodies; make fuzz runs it.
func FuzzProblem(f *testing.F) {
	for i, kind := range kinds {
		files, _ := filepath.Glob(filepath.Join("..", "llm", kind, "testdata", "*"))
		for _, name := range files {
			m := statusOf.FindStringSubmatch(filepath.Base(name))
			if m == nil {
				continue
			}
			body, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			status, _ := strconv.Atoi(m[1])
			ct := "application/json"
			if strings.HasSuffix(name, ".html") {
				ct = "text/html"
			}
			f.Add(uint8(i), uint16(status), ct, body)
			f.Add(uint8(i), uint16(status), ct, bytes.Replace(body, []byte(`"message":"`), []byte(`"message":"`+llmtest.FuzzKey+` `), 1))
		}
	}
	f.Fuzz(func(t *testing.T, kind uint8, status uint16, ct string, body []byte) {
		if status < 200 || status > 599 || status/100 == 3 {
			return // a redirect needs a Location; 1xx are not answers
		}
		client := &http.Client{Transport: llmtest.Body{Status: int(status), ContentType: ct, Bytes: body}}
		a, err := providers.New(kinds[int(kind)%len(kinds)], "http://fuzz.invalid", llmtest.FuzzKey, client)
		if err != nil {
			t.Fatal(err)
		}
		got := llmtest.Ask(t, a, hi).Err
		if got == nil {
			return
		}
		p := problem.From(got)
		if p.Kind == problem.KindInternal || p.Title == "" || p.Fix == "" && p.Kind != problem.KindCanceled {
			t.Errorf("%d %q: explained as %s %q / %q", status, ct, p.Kind, p.Title, p.Fix)
		}
		for _, text := range []string{p.Title, p.Detail, p.Fix} {
			if m := leftPlaceholder.FindString(text); m != "" && !bytes.Contains(body, []byte(m)) && !strings.Contains(ct, m) {
				t.Errorf("%q is left unfilled in %q", m, text)
			}
		}
		all := strings.Join([]string{p.Title, p.Detail, p.Fix, p.ProviderMessage, p.ProviderCode, p.Endpoint, p.Error()}, " ")
		if strings.Contains(all, llmtest.FuzzKey) {
			t.Errorf("the problem holds the key: %s", all)
		}
	})
}
