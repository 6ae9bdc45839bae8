package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"parley/backend/core"
	diag "parley/backend/doctor"
	"parley/backend/llm"
	"parley/backend/providers"
)

func parseDoctor(args []string) (askFlags, error) {
	var f askFlags
	fs := flag.NewFlagSet("doctor", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&f.provider, "provider", providers.KindOpenAI, "protocol kind")
	fs.StringVar(&f.baseURL, "base-url", "", "the API's base URL")
	fs.StringVar(&f.model, "model", "", "model name for the completion steps")
	fs.StringVar(&f.keyEnv, "key-env", "", "environment variable holding the key")
	timeoutFlags(fs, &f.timeouts)
	if err := fs.Parse(args); err != nil {
		return f, usageError(err.Error())
	}
	if err := checkTimeouts(f.timeouts); err != nil {
		return f, err
	}
	switch {
	case f.baseURL == "":
		return f, usageError("--base-url is required")
	case fs.NArg() > 0:
		return f, usageError(fmt.Sprintf("doctor takes no arguments, got %q", fs.Arg(0)))
	}
	return f, nil
}

// doctor checks a connection step by step, printing each step as it
// finishes. The first failed step's problem is its error, so the exit code
// says which layer failed.
func doctor(ctx context.Context, args []string, stdout io.Writer) error {
	f, err := parseDoctor(args)
	if err != nil {
		return err
	}
	c, err := core.Open(ctx, config(ctx))
	if err != nil {
		return err
	}
	defer c.Close()
	key, err := askKey(ctx, c, f)
	if err != nil {
		return err
	}
	cfg := diag.Config{Kind: f.provider, BaseURL: f.baseURL, Model: f.model, Key: key}
	ctx = llm.WithNetwork(ctx, llm.Network{Timeouts: f.timeouts.Or(llm.DefaultTimeouts)})
	steps := diag.Run(ctx, cfg, providers.NewHTTPClient(), func(s diag.Step) { printStep(stdout, s) })
	if ctx.Err() != nil {
		return ctx.Err()
	}
	for _, s := range steps {
		if s.Status == diag.StatusFailed {
			return s.Problem
		}
	}
	return nil
}

// printStep writes one line per step and, for a failure, what happened and
// what to do, indented beneath it.
func printStep(w io.Writer, s diag.Step) {
	switch s.Status {
	case diag.StatusSkipped:
		fmt.Fprintf(w, "- %-14s %8s  %s\n", s.Name, "skipped", s.Detail)
		return
	case diag.StatusOK:
		fmt.Fprintf(w, "✓ %-14s %5d ms  %s\n", s.Name, s.Millis, s.Detail)
		return
	case diag.StatusWarning:
		if s.Problem == nil {
			fmt.Fprintf(w, "! %-14s %5d ms  %s\n", s.Name, s.Millis, s.Detail)
			return
		}
	}
	p := s.Problem
	title := p.Title
	if p.Status != 0 {
		title += fmt.Sprintf(" (HTTP %d)", p.Status)
	}
	mark := "✗"
	if s.Status == diag.StatusWarning {
		mark = "!"
	}
	fmt.Fprintf(w, "%s %-14s %5d ms  %s\n", mark, s.Name, s.Millis, title)
	for _, line := range []struct{ label, text string }{
		{"", p.Detail}, {"", s.Detail}, {"the provider's message: ", p.ProviderMessage}, {"what to do: ", p.Fix},
	} {
		if line.text != "" {
			fmt.Fprintf(w, "    %s%s\n", line.label, line.text)
		}
	}
}
