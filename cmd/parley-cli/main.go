// Command parley-cli drives Parley's backend without a window: ask a
// provider a question (once, or as a turn stored in history), manage
// profiles and keys, read and search history, export, back up, restore and
// import other apps' data.
//
// Exit codes: 0 success, 1 local or usage error, 2 the provider refused or
// reported an error, 3 the provider could not be reached, 4 the stream broke
// off mid-way, 130 interrupted.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"parley/backend/core"
	"parley/backend/problem"
)

// usages are each command's help, printed by "parley-cli CMD --help".
var usages = map[string]string{
	"ask": `parley-cli ask --profile ID [--conversation ID | --new] PROMPT
      Runs a turn of a saved profile as the window does: the prompt and the
      answer are stored in history (the answer as it streams). Without
      --conversation a new conversation is started; its id goes to stderr.
  parley-cli ask --provider KIND --base-url URL --model MODEL [--key-env NAME] [--system TEXT] PROMPT
      Asks once without storing anything. KIND: openai (default), anthropic,
      ollama, gemini, dashscope.
  The answer goes to stdout, reasoning to stderr, retries to stderr. Exit
  codes: 2 the provider refused or reported an error, 3 it could not be
  reached, 4 the answer broke off, 1 anything local, 130 interrupted (the
  partial answer is kept).
` + timeoutUsage,
	"doctor": `parley-cli doctor --provider KIND --base-url URL [--model M] [--key-env NAME]
      Checks a connection step by step: address, DNS, proxy, TCP, TLS, key,
      one completion, one stream.
` + timeoutUsage,
	"key": `parley-cli key set --profile ID     (reads the key from stdin)
  parley-cli key rm --profile ID
`,
	"profiles": `parley-cli profiles [list] [--json]
  parley-cli profiles add --kind KIND --base-url URL --model MODEL [--name NAME] [--system TEXT]
      [--connect-timeout D] [--first-byte-timeout D] [--idle-timeout D]
      Adds a profile and prints its id on the last line. KIND: openai,
      anthropic, ollama, gemini, dashscope. The timeouts are the profile's
      own network waits (unset: Parley's defaults).
  parley-cli profiles rm ID
      Removes a profile, its conversations and its key.
`,
	"history": `parley-cli history list [--profile ID] [--json]
      Conversations, pinned first, then the most recent.
  parley-cli history show ID [--json]
      One conversation with its messages (status: done, stopped, error,
      interrupted, streaming).
  parley-cli history search QUERY [--json] [--limit N]
      Messages of every conversation containing every word, best first.
  parley-cli history rename ID TITLE | pin ID | unpin ID | rm ID
`,
	"settings": `parley-cli settings [list]
  parley-cli settings set KEY VALUE | rm KEY
      The window's own settings: ui.language (en, zh-CN), appearance.theme
      (system, light, dark), appearance.fontSize (11-24), chats.defaults
      (JSON). A value that is not JSON is taken as text. Every open window
      applies a change at once; rm brings back the default.
`,
	"proxy": `parley-cli proxy [show] [--profile ID]
  parley-cli proxy set system|none|default|URL [--profile ID] [--user NAME]
  parley-cli proxy test [--profile ID]
      How requests reach the providers: the default proxy, or with --profile
      a profile's own (default: as the default proxy). URL is an http://,
      https:// or socks5:// proxy; with --user its password is read from
      stdin and kept in the keychain (empty: keep the saved one). test sends
      one request through it to the profile's provider. Every open window
      uses a change from its next request.
`,
	"export": `parley-cli export ID --format md|json [-o FILE]
      Writes one conversation as Markdown or JSON (to stdout without -o).
`,
	"backup": `parley-cli backup FILE
      Writes profiles, conversations, messages and settings (never keys) to FILE.
  parley-cli backup --auto
      Writes today's automatic backup into the data folder's backups/ (unless
      it is there), keeping the last 7.
`,
	"restore": `parley-cli restore FILE [--replace]
      Reads a backup back in: merged with what is here (rows already here are
      kept), or with --replace instead of everything here. Keys are not in a
      backup: set them again with parley-cli key set.
`,
	"import": `parley-cli import --from nextchat|chatbox|chatgpt FILE [--keys] [--profile ID] [--json]
      Imports another app's export in one go (nothing is kept if it fails):
      NextChat's "export all data" file, Chatbox's data backup, ChatGPT's
      export (the archive it mails, or the conversations.json inside). Keys
      in the file are never stored with the conversations: without --keys
      they are only counted; with --keys each goes into the keychain of a
      profile on the key's host.
`,
}

// commandOrder is the order commands are listed in the overall help.
var commandOrder = []string{"ask", "doctor", "key", "profiles", "history", "settings", "proxy", "export", "backup", "restore", "import"}

func usage() string {
	var b strings.Builder
	b.WriteString("usage: parley-cli [-v] COMMAND ...\n  -v  also write Parley's log to stderr (it is always in the data folder)\n")
	for _, name := range commandOrder {
		b.WriteString("  " + usages[name])
	}
	b.WriteString("\nThe data folder is ~/.config/Parley (or $PARLEY_DATA_DIR); the window and\nthe CLI can use it at the same time. parley-cli CMD --help explains one command.\n")
	return b.String()
}

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
		fmt.Fprint(stderr, usage())
		return 1
	}
	if help, ok := usages[args[0]]; ok && wantsHelp(args[1:]) {
		fmt.Fprint(stdout, "usage:\n  "+help)
		return 0
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
		err = profiles(ctx, args[1:], stdout)
	case "history":
		err = history(ctx, args[1:], stdout)
	case "settings":
		err = settings(ctx, args[1:], stdout)
	case "proxy":
		err = proxy(ctx, args[1:], stdin, stdout)
	case "export":
		err = exportConversation(ctx, args[1:], stdout)
	case "backup":
		err = backup(ctx, args[1:], stdout)
	case "restore":
		err = restore(ctx, args[1:], stdout)
	case "import":
		err = importFile(ctx, args[1:], stdout)
	case "help", "-h", "--help":
		if len(args) > 1 && usages[args[1]] != "" {
			fmt.Fprint(stdout, "usage:\n  "+usages[args[1]])
			return 0
		}
		fmt.Fprint(stdout, usage())
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
	printProblem(stderr, p, ctx.Value(logToKey{}) != nil)
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

// wantsHelp reports whether a command's arguments ask for its help.
func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if a == "--help" || a == "-help" || a == "-h" {
			return true
		}
	}
	return false
}

// parseFlags parses args with flags and positional arguments in any order
// ("history show ID --json"), returning the positional ones.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError(err.Error())
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos, args = append(pos, args[0]), args[1:]
	}
}

func usageError(detail string) error {
	return problem.New(problem.KindInvalidInput, "Wrong usage", detail, "Run parley-cli help to see the commands.")
}
