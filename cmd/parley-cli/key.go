package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"parley/backend/core"
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
		raw, err := io.ReadAll(io.LimitReader(stdin, 64<<10))
		if err != nil {
			return fmt.Errorf("read key from stdin: %w", err)
		}
		st, err := c.SaveKey(ctx, *profile, string(raw))
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
		st, _ := c.KeyStatus(p.ID)
		hint := "no key"
		if st.Set {
			hint = st.Hint
		}
		fmt.Fprintf(stdout, "%s\t%s\t%s\t%s\t%s\n", p.ID, p.Name, p.Kind, p.BaseURL, hint)
	}
	return nil
}
