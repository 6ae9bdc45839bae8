package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"parley/backend/core"
	"parley/backend/llm"
	"parley/backend/providers"
	"parley/backend/store"
)

// profiles handles "profiles" and "profiles list" (the list), "profiles add"
// and "profiles rm".
func profiles(ctx context.Context, args []string, stdout io.Writer) error {
	sub := "list"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	switch sub {
	case "list":
		fs := flag.NewFlagSet("profiles list", flag.ContinueOnError)
		asJSON := fs.Bool("json", false, "print JSON")
		if _, err := parseFlags(fs, args); err != nil {
			return err
		}
		if *asJSON {
			return profilesJSON(ctx, stdout)
		}
		return listProfiles(ctx, stdout)
	case "add":
		return addProfile(ctx, args, stdout)
	case "rm", "remove", "delete":
		return removeProfile(ctx, args, stdout)
	}
	return usageError(fmt.Sprintf("unknown profiles command %q (list, add, rm)", sub))
}

func addProfile(ctx context.Context, args []string, stdout io.Writer) error {
	var p store.Profile
	fs := flag.NewFlagSet("profiles add", flag.ContinueOnError)
	fs.StringVar(&p.Kind, "kind", "", "protocol kind")
	fs.StringVar(&p.BaseURL, "base-url", "", "the API's base URL")
	fs.StringVar(&p.Model, "model", "", "model name")
	fs.StringVar(&p.Name, "name", "", "a name for the profile")
	fs.StringVar(&p.SystemPrompt, "system", "", "system prompt")
	fs.StringVar(&p.Preset, "preset", "", "the preset it starts from (see the window's list)")
	var waits llm.Timeouts
	timeoutFlags(fs, &waits)
	rest, err := parseFlags(fs, args)
	switch {
	case err != nil:
		return err
	case checkTimeouts(waits) != nil:
		return checkTimeouts(waits)
	case len(rest) > 0:
		return usageError(fmt.Sprintf("profiles add takes no arguments, got %q", rest[0]))
	case p.Kind == "":
		return usageError("--kind is required: one of " + strings.Join(providers.Kinds(), ", "))
	case !slices.Contains(providers.Kinds(), p.Kind):
		return usageError(fmt.Sprintf("--kind %q is not one of %s", p.Kind, strings.Join(providers.Kinds(), ", ")))
	case p.BaseURL == "":
		return usageError("--base-url is required")
	case p.Model == "":
		return usageError("--model is required")
	}
	if p.Name == "" {
		p.Name = defaultName(p.Kind, p.BaseURL)
	}
	p.ConnectTimeoutMs, p.FirstByteTimeoutMs, p.IdleTimeoutMs = waits.Connect.Milliseconds(), waits.FirstByte.Milliseconds(), waits.Idle.Milliseconds()
	c, err := core.Open(ctx, config(ctx))
	if err != nil {
		return err
	}
	defer c.Close()
	saved, err := c.SaveProfile(ctx, p)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "added %s: %s at %s, model %s\n%s\n", saved.Name, saved.Kind, saved.BaseURL, saved.Model, saved.ID)
	return nil
}

func defaultName(kind, baseURL string) string {
	if u, err := url.Parse(strings.TrimSpace(baseURL)); err == nil && u.Host != "" {
		return kind + " at " + u.Host
	}
	return kind
}

func removeProfile(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("profiles rm", flag.ContinueOnError)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError("profiles rm takes one profile id (see parley-cli profiles)")
	}
	c, err := core.Open(ctx, config(ctx))
	if err != nil {
		return err
	}
	defer c.Close()
	list, err := c.ConversationSummaries(ctx, rest[0])
	if err != nil {
		return err
	}
	p, err := c.Profile(ctx, rest[0])
	if err != nil {
		return err
	}
	if err := c.DeleteProfile(ctx, p.ID); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "removed %s (%s) with %d conversations and its key\n", p.Name, p.ID, len(list))
	return nil
}

func profilesJSON(ctx context.Context, stdout io.Writer) error {
	c, err := core.Open(ctx, config(ctx))
	if err != nil {
		return err
	}
	defer c.Close()
	list, err := c.Profiles(ctx)
	if err != nil {
		return err
	}
	type withKey struct {
		store.Profile
		KeySet  bool   `json:"keySet"`
		KeyHint string `json:"keyHint"`
		KeyNeed string `json:"keyNeed"`
		// Keychain is "unavailable: REASON" when it could not be asked.
		Keychain string `json:"keychain,omitempty"`
	}
	out := []withKey{}
	for _, p := range list {
		st, err := c.KeyStatus(ctx, p.ID)
		if err != nil {
			return err
		}
		k := withKey{Profile: p.Profile, KeySet: st.Set, KeyHint: st.Hint, KeyNeed: string(p.KeyNeed)}
		if st.Unavailable != "" {
			k.Keychain = "unavailable: " + st.Unavailable
		}
		out = append(out, k)
	}
	return printJSON(stdout, out)
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
