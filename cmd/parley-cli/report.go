package main

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"parley/backend/problem"
)

// messageLines is how many lines of a provider's message are shown before
// the rest is left to -v.
const messageLines = 6

// printProblem writes p for a terminal: the title with the status, the
// host once (on the title line unless the detail names it), the provider's
// message indented beneath its label and shortened, then what to do.
// verbose (-v) shows the provider's message whole.
func printProblem(w io.Writer, p *problem.Problem, verbose bool) {
	fmt.Fprintf(w, "error: %s", p.Title)
	if p.Status != 0 {
		fmt.Fprintf(w, " (HTTP %d)", p.Status)
	}
	if p.Host != "" && !strings.Contains(p.Title+p.Detail, p.Host) {
		fmt.Fprintf(w, " — %s", p.Host)
	}
	fmt.Fprintln(w)
	if p.Detail != "" {
		fmt.Fprintln(w, "  "+p.Detail)
	}
	if p.ProviderMessage != "" {
		printMessage(w, p.ProviderMessage, p.ProviderCode, verbose)
	}
	if p.KeyHint != "" {
		fmt.Fprintln(w, "  key sent: "+p.KeyHint)
	}
	if p.Fix != "" {
		fmt.Fprintln(w, "  what to do: "+p.Fix)
	}
}

// printMessage writes the provider's message verbatim: one line after its
// label, or several indented beneath it. A stack trace is cut to its first
// line and a long message to its first lines, saying how many more -v shows.
func printMessage(w io.Writer, msg, code string, verbose bool) {
	lines := strings.Split(strings.TrimRight(strings.ReplaceAll(msg, "\r\n", "\n"), "\n"), "\n")
	label := "  the provider's message"
	if code != "" {
		label += " (" + code + ")"
	}
	if len(lines) == 1 {
		fmt.Fprintf(w, "%s: %s\n", label, lines[0])
		return
	}
	shown := len(lines)
	switch {
	case verbose:
	case isStackTrace(lines):
		shown = 1
	case len(lines) > messageLines:
		shown = messageLines
	}
	fmt.Fprintln(w, label+":")
	for _, l := range lines[:shown] {
		fmt.Fprintln(w, "    "+l)
	}
	if rest := len(lines) - shown; rest > 0 {
		fmt.Fprintf(w, "    (… %d more lines: run again with parley-cli -v to see them)\n", rest)
	}
}

// stackFrame matches a line of a stack trace in the languages servers are
// written in: Java and JavaScript "at …", Python's `File "…", line N`, Go's
// goroutine header and file:line frames.
var stackFrame = regexp.MustCompile(`^\s+at \S|^\s*File "[^"]+", line \d+|^goroutine \d+ \[|^\s+\S+\.(go|py|js|ts|java|rs|cpp|c):\d+|^Traceback \(most recent call last\)`)

// isStackTrace reports whether a message holds a stack trace.
func isStackTrace(lines []string) bool {
	for _, l := range lines {
		if stackFrame.MatchString(l) {
			return true
		}
	}
	return false
}
