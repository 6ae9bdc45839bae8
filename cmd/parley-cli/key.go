package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"parley/backend/core"
	"parley/backend/keychain"
	"parley/backend/problem"
)

// key handles "key set" (the key read from stdin, never an argument, so it
// stays out of shell history) and "key rm".
func key(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError("key needs set or rm")
	}
	fs := flag.NewFlagSet("key", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	profile := fs.String("profile", "", "profile id")
	if err := fs.Parse(args[1:]); err != nil {
		return usageError(err.Error())
	}
	if *profile == "" {
		return usageError("--profile is required (see parley-cli profiles)")
	}
	c, err := core.Open(ctx, config(ctx))
	if err != nil {
		return err
	}
	defer c.Close()
	switch args[0] {
	case "set":
		raw, err := readKey(stdin)
		if err != nil {
			return err
		}
		st, err := c.SaveKey(ctx, *profile, raw)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "key saved for %s: %s\n", *profile, st.Hint)
		for _, a := range st.Advice {
			fmt.Fprintf(stdout, "%s: %s\n", a.Severity, a.Message)
		}
	case "rm":
		if err := c.DeleteKey(*profile); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "key removed for %s\n", *profile)
	default:
		return usageError(fmt.Sprintf("unknown key command %q", args[0]))
	}
	return nil
}

// maxStdin bounds what key set reads: far more than any key with the
// whitespace around it, so a longer key is refused by its length (with the
// keychain's limit named) rather than cut short here.
const maxStdin = 1 << 20

// readKey reads the key from stdin, refusing a stdin too long to be a key
// instead of keeping its beginning.
func readKey(stdin io.Reader) (string, error) {
	raw, err := io.ReadAll(io.LimitReader(stdin, maxStdin+1))
	if err != nil {
		return "", fmt.Errorf("read key from stdin: %w", err)
	}
	if len(raw) > maxStdin {
		return "", problem.New(problem.KindInvalidInput, "The key is too long for the system keychain",
			fmt.Sprintf("stdin held more than %d bytes; the system keychain holds keys of at most %d bytes.", maxStdin, keychain.MaxKeyBytes),
			"Pipe the key alone into parley-cli key set, not a file or a whole page.")
	}
	return string(raw), nil
}

// keyShown is what the profile list says about a profile's key: its hint,
// that none is set or needed, or that the keychain could not be asked.
func keyShown(p core.ProfileView, st keychain.Status) string {
	switch {
	case st.Set:
		return st.Hint
	case st.Unavailable != "":
		return "keychain unavailable (" + st.Unavailable + ")"
	case p.KeyNeed == core.KeyNone:
		return "no key needed"
	}
	return "no key"
}

func listProfiles(ctx context.Context, stdout io.Writer) error {
	c, err := core.Open(ctx, config(ctx))
	if err != nil {
		return err
	}
	defer c.Close()
	profiles, err := c.Profiles(ctx)
	if err != nil {
		return err
	}
	for _, p := range profiles {
		st, err := c.KeyStatus(ctx, p.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s\t%s\t%s\t%s\t%s\n", p.ID, p.Name, p.Kind, p.BaseURL, keyShown(p, st))
	}
	return nil
}
