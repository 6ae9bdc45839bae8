package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"parley/backend/core"
	"parley/backend/keychain"
	"parley/backend/llm"
	"parley/backend/problem"
	"parley/backend/providers"
)

type askFlags struct {
	provider, baseURL, model, keyEnv, system string
	// profile, conversation and newConv run the turn through a saved
	// profile and store it in history.
	profile, conversation string
	newConv               bool
	prompt                string
	// timeouts override the profile's waits where set.
	timeouts llm.Timeouts
}

func parseAsk(args []string) (askFlags, error) {
	var f askFlags
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.StringVar(&f.provider, "provider", providers.KindOpenAI, "protocol kind")
	fs.StringVar(&f.baseURL, "base-url", "", "the API's base URL")
	fs.StringVar(&f.model, "model", "", "model name")
	fs.StringVar(&f.keyEnv, "key-env", "", "environment variable holding the key")
	fs.StringVar(&f.system, "system", "", "system prompt")
	fs.StringVar(&f.profile, "profile", "", "a saved profile's id")
	fs.StringVar(&f.conversation, "conversation", "", "continue this conversation")
	fs.BoolVar(&f.newConv, "new", false, "start a new conversation")
	timeoutFlags(fs, &f.timeouts)
	words, err := parseFlags(fs, args)
	if err != nil {
		return f, err
	}
	if err := checkTimeouts(f.timeouts); err != nil {
		return f, err
	}
	f.prompt = strings.Join(words, " ")
	switch {
	case f.profile == "" && (f.conversation != "" || f.newConv):
		return f, usageError("--conversation and --new go with --profile ID")
	case f.conversation != "" && f.newConv:
		return f, usageError("give --conversation ID or --new, not both")
	case f.profile != "" && (f.baseURL != "" || f.keyEnv != "" || f.model != ""):
		return f, usageError("--profile uses the profile's base URL, model and key; leave out --base-url, --model and --key-env")
	case f.profile == "" && f.baseURL == "":
		return f, usageError("--profile or --base-url is required")
	case f.profile == "" && f.model == "":
		return f, usageError("--model is required")
	case strings.TrimSpace(f.prompt) == "":
		return f, usageError("the prompt is missing")
	}
	return f, nil
}

// ask streams the answer to stdout as it arrives; reasoning goes to stderr so
// stdout holds the answer and nothing else.
func ask(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := parseAsk(args)
	if err != nil {
		return err
	}
	if f.profile != "" {
		return askProfile(ctx, f, stdout, stderr)
	}
	cfg := config(ctx)
	cfg.Timeouts = f.timeouts
	cfg.OnRetry = func(r llm.RetryNotice) { printRetry(stderr, r.Attempt, r.Max, r.In, problem.From(r.Err).Title) }
	c, err := core.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer c.Close()
	key, err := askKey(ctx, c, f)
	if err != nil {
		return err
	}
	req := llm.Request{Model: f.model, System: f.system, Messages: []llm.Message{{Role: llm.RoleUser, Content: f.prompt}}}
	out := answerPrinter{stdout: stdout, stderr: stderr}
	finish := ""
	for chunk, err := range c.AskOnce(ctx, f.provider, f.baseURL, key, req) {
		if err != nil {
			out.end()
			if p := problem.From(err); p.Kind == problem.KindAuth && key != "" {
				p.KeyHint = keychain.Hint(key)
				return p
			}
			return err
		}
		out.print(chunk.Reasoning, chunk.Text)
		if chunk.Finish != "" {
			finish = chunk.Finish
		}
	}
	out.end()
	if !out.wrote {
		return problem.New(problem.KindEmpty, "The provider sent an empty answer", "The stream finished without any text.", "Retry, or try another model.")
	}
	noteFinish(stderr, finish, "")
	return nil
}

// askKey takes the key from --key-env, or else from the keychain entry of the
// profile with the same kind and base URL; no profile means no key, which
// local servers accept.
func askKey(ctx context.Context, c *core.Core, f askFlags) (string, error) {
	if f.keyEnv != "" {
		v, ok := os.LookupEnv(f.keyEnv)
		if !ok {
			return "", problem.New(problem.KindNoKey, "The key variable is not set",
				fmt.Sprintf("--key-env names %s, but no such environment variable is set.", f.keyEnv),
				fmt.Sprintf("export %s=… before running, or omit --key-env to use the keychain.", f.keyEnv))
		}
		return keychain.Normalize(v)
	}
	id, key, _, err := c.ProfileKeyFor(ctx, f.provider, f.baseURL)
	if pr := problem.From(err); pr != nil && pr.Kind == problem.KindNoKey {
		pr.Fix = fmt.Sprintf("Run `parley-cli key set --profile %s` and paste the key, or pass --key-env NAME.", id)
		return "", pr
	}
	return key, err
}
