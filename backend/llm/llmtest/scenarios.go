package llmtest

import (
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// HTMLErrorPage is what a reverse proxy in front of a provider answers when
// the upstream is down: a web page, not the API.
const HTMLErrorPage = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>`

// builtinScenarios are reachable by model name, so the running fake (and the
// end-to-end tests driving the real app) can pick a fault from the UI.
func builtinScenarios() map[string]Scenario {
	long := strings.SplitAfter(strings.Repeat("Parley keeps every word that arrives, even when you press Stop. ", 40), " ")
	return map[string]Scenario{
		"echo":      {Echo: true, Chunks: []string{" — streamed by llmtest."}, Pace: 15 * time.Millisecond},
		"slow":      {Chunks: long, Pace: 150 * time.Millisecond},
		"reasoning": {Reasoning: []string{"Thinking ", "it ", "over."}, Chunks: []string{"The ", "answer ", "is ", "42."}, Pace: 10 * time.Millisecond},
		"cut":       {Chunks: []string{"This ", "answer ", "will ", "break ", "off ", "here"}, Pace: 20 * time.Millisecond, CutAfter: 3},
		"html":      {Status: http.StatusBadGateway, Body: HTMLErrorPage, ContentType: "text/html"},
		"overloaded": {Chunks: []string{"Partial ", "answer "}, StreamError: "The server is overloaded, please retry.",
			Pace: 10 * time.Millisecond},
		"slow-first-byte": {FirstByteDelay: 2 * time.Second, Chunks: []string{"Worth ", "the ", "wait."}},
		"rate-limited": {Status: http.StatusTooManyRequests, ErrorType: ErrRateLimit,
			ErrorMessage: "Rate limit reached for requests. Please try again in 20s."},
		"no-quota": {Status: http.StatusTooManyRequests, ErrorType: ErrQuota,
			ErrorMessage: "You exceeded your current quota, please check your plan and billing details."},
		"forbidden-model": {Status: http.StatusForbidden, ErrorType: ErrForbidden,
			ErrorMessage: "免费API限制模型输入token小于4096，如有更多需求，请访问 https://buyca.tech 购买付费API。free accounts may only use these models: deepseek-r1, deepseek-v3, gpt-3.5-turbo, gpt-4o-mini, gpt-4o, embeddings"},
		"server-error": {Status: http.StatusInternalServerError, ErrorType: ErrServer,
			ErrorMessage: "The server had an error while processing your request. Sorry about that!"},
		"overloaded-status": {Status: 529, ErrorType: ErrOverloaded, ErrorMessage: "Overloaded"},
		// stall sends some text, then nothing, holding the connection.
		"stall": {Chunks: []string{"Some ", "text, ", "then silence."}, Stall: true, StallAfter: 2, Pace: 10 * time.Millisecond},
		// overloaded-once answers 529 (retry in 2 s) to its first request only.
		"overloaded-once": {Status: 529, ErrorType: ErrOverloaded, ErrorMessage: "Overloaded", RetryAfter: "2", First: 1,
			Chunks: []string{"Back ", "again."}},
		// titled answers every request as a model words a title (markdown,
		// quotes, a line after it), for the title Parley asks a model for.
		"titled": {Chunks: []string{"## \"Green ", "Tea ", "Brewing ", "Basics\"", "\n\nSteep at 80 °C."}, Pace: 10 * time.Millisecond},
		// A long answer as fast as a fast model writes (docs/performance.md).
		"markdown-50k": {Chunks: splitTokens(BenchMarkdown(), 3), Pace: time.Millisecond},
	}
}

// BenchMarkdown is a 50 KB markdown answer: headings, paragraphs, lists, a
// table, and in its middle one 20 KB code block.
func BenchMarkdown() string {
	var b strings.Builder
	section := func(i int) {
		fmt.Fprintf(&b, "## Part %d\n\nThis part explains step %d in some detail, with **bold** words, `inline code` and a [link](https://example.com/%d). "+
			"It goes on for a while, as answers do, so that the paragraph wraps over a few lines of the window.\n\n"+
			"- the first point of part %d;\n- a second, longer point that says a little more about it;\n- a last one.\n\n"+
			"| option | default | meaning |\n|---|---|---|\n| retries | 3 | how often to try again |\n| timeout | 30 s | how long to wait |\n\n", i, i, i, i)
	}
	for i := 1; b.Len() < 15_000; i++ {
		section(i)
	}
	b.WriteString("```go\n")
	for i := 0; b.Len() < 35_000; i++ {
		fmt.Fprintf(&b, "func step%d(ctx context.Context, in []byte) ([]byte, error) {\n\tif len(in) == 0 {\n\t\treturn nil, errEmpty\n\t}\n\treturn transform(ctx, in, %d)\n}\n\n", i, i)
	}
	b.WriteString("```\n\n")
	for i := 100; b.Len() < 50_000; i++ {
		section(i)
	}
	return b.String()
}

// splitTokens cuts s into pieces of about n tokens (four bytes each),
// keeping UTF-8 sequences whole.
func splitTokens(s string, n int) []string {
	var out []string
	for len(s) > 0 {
		k := min(len(s), 4*n)
		for k < len(s) && !utf8.RuneStart(s[k]) {
			k++
		}
		out = append(out, s[:k])
		s = s[k:]
	}
	return out
}

// message is the scenario's error message, or else the provider's own words
// (words, by neutral error type) for its error type.
func (sc Scenario) message(words map[string]string) string {
	if sc.ErrorMessage != "" {
		return sc.ErrorMessage
	}
	return words[sc.ErrorType]
}
