// Command parley-cli drives Parley's backend without a window: ask a
// provider a question, manage keys in the OS keychain, list profiles.
//
// Exit codes: 0 success, 1 local or usage error, 2 the provider refused or
// reported an error, 3 the provider could not be reached, 4 the stream broke
// off mid-way, 130 interrupted.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"parley/backend/core"
	"parley/backend/problem"
)

const usage = `usage: parley-cli [-v] COMMAND ...
  -v  also write Parley's log to stderr (it is always in the data folder)
  parley-cli ask --provider KIND --base-url URL --model MODEL [--key-env NAME] [--system TEXT] PROMPT
      KIND: openai (default), anthropic, ollama, gemini, dashscope
  parley-cli doctor --provider KIND --base-url URL [--model M] [--key-env NAME]
  parley-cli key set --profile ID     (reads the key from stdin)
  parley-cli key rm --profile ID
  parley-cli profiles
`

func main() { os.Exit(runMain()) }

// runMain runs the command line with Ctrl+C cancelling it, and returns the
// exit code once the deferred clean-up has run.
func runMain() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && (args[0] == "-v" || args[0] == "--verbose") {
		ctx, args = context.WithValue(ctx, logToKey{}, stderr), args[1:]
	}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 1
	}
	var err error
	switch args[0] {
	case "ask":
		err = ask(ctx, args[1:], stdout, stderr)
	case "doctor":
		err = doctor(ctx, args[1:], stdout)
	case "key":
		err = key(ctx, args[1:], stdin, stdout)
	case "profiles":
		err = listProfiles(ctx, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		err = usageError(fmt.Sprintf("unknown command %q", args[0]))
	}
	return report(ctx, err, stderr)
}

// report prints err as a problem and returns the exit code for it.
func report(ctx context.Context, err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	if ctx.Err() != nil && errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "\ninterrupted")
		return 130
	}
	p := problem.From(err)
	fmt.Fprintf(stderr, "error: %s", p.Title)
	if p.Status != 0 {
		fmt.Fprintf(stderr, " (HTTP %d)", p.Status)
	}
	if p.Host != "" {
		fmt.Fprintf(stderr, " — %s", p.Host)
	}
	fmt.Fprintln(stderr)
	if p.Detail != "" {
		fmt.Fprintln(stderr, "  "+p.Detail)
	}
	if p.ProviderMessage != "" {
		fmt.Fprintln(stderr, "  provider said: "+p.ProviderMessage)
	}
	if p.KeyHint != "" {
		fmt.Fprintln(stderr, "  key sent: "+p.KeyHint)
	}
	if p.Fix != "" {
		fmt.Fprintln(stderr, "  what to do: "+p.Fix)
	}
	return int(p.Class())
}

// logToKey marks the writer -v asked the log to go to.
type logToKey struct{}

// config is the core configuration of a command: the default data folder
// and keychain, and the log on stderr too when -v was given.
func config(ctx context.Context) core.Config {
	w, _ := ctx.Value(logToKey{}).(io.Writer)
	return core.Config{LogTo: w}
}

func usageError(detail string) error {
	return problem.New(problem.KindInvalidInput, "Wrong usage", detail, "Run parley-cli help to see the commands.")
}
