package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"parley/backend/core"
	"parley/backend/providers"
)

// proxy handles "proxy [show]", "proxy set" and "proxy test": the default
// proxy, or with --profile a profile's own, through the same checks as the
// settings page's Network section. A password is read from stdin, never
// taken as an argument, so it stays out of shell history.
func proxy(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	sub := "show"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	fs := flag.NewFlagSet("proxy", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	profile := fs.String("profile", "", "profile id")
	user := fs.String("user", "", "the proxy's user name")
	var value string
	if sub == "set" && len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		value, args = args[0], args[1:]
	}
	err := fs.Parse(args)
	if err == nil && sub == "set" && value == "" && fs.NArg() == 1 {
		value = fs.Arg(0) // "set --profile ID URL": the flags came first
	} else if err == nil && fs.NArg() > 0 {
		err = fmt.Errorf("unexpected %q", fs.Arg(0))
	}
	if err != nil {
		return usageError("proxy takes show, set system|none|default|URL or test, with --profile ID and --user NAME")
	}
	scope := core.ProxyScopeDefault
	if *profile != "" {
		scope = *profile
	}
	c, err := core.Open(ctx, config(ctx))
	if err != nil {
		return err
	}
	defer c.Close()
	switch sub {
	case "show":
		v, err := c.Proxy(ctx, scope)
		if err != nil {
			return err
		}
		return showProxy(ctx, c, v, stdout)
	case "set":
		if value == "" {
			return usageError("proxy set needs system, none, default (a profile follows the default) or a proxy URL")
		}
		s := proxyChoice(value)
		var password string
		if *user != "" {
			if password, err = readKey(stdin); err != nil {
				return err
			}
			password = strings.TrimRight(password, "\r\n")
		}
		v, err := c.SaveProxy(ctx, scope, s, *user, password)
		if err != nil {
			return err
		}
		return showProxy(ctx, c, v, stdout)
	case "test":
		v, err := c.Proxy(ctx, scope)
		if err != nil {
			return err
		}
		check, err := c.TestProxy(ctx, scope, core.ProxySetting{Mode: v.Mode, URL: v.URL}, v.Username, "")
		if err != nil {
			return err
		}
		via := "directly"
		if !check.Direct {
			via = "through " + check.Via
		}
		fmt.Fprintf(stdout, "%s answered %s (HTTP %d, %d ms)\n", check.Target, via, check.Status, check.Millis)
		return nil
	}
	return usageError(fmt.Sprintf("unknown proxy command %q", sub))
}

// proxyChoice reads what "proxy set" was given: a mode's name, or a URL
// for a custom proxy (checked by core).
func proxyChoice(value string) core.ProxySetting {
	switch m := providers.ProxyMode(value); m {
	case providers.ProxySystem, providers.ProxyNone:
		return core.ProxySetting{Mode: m}
	case "default":
		return core.ProxySetting{Mode: providers.ProxyDefault}
	}
	return core.ProxySetting{Mode: providers.ProxyCustom, URL: value}
}

// showProxy prints a proxy setting as lines of name, tab, value. A profile
// that follows the default says so, then gives the default's lines with
// "default." before their names. A password is only said to be saved.
func showProxy(ctx context.Context, c *core.Core, v core.ProxyView, stdout io.Writer) error {
	prefix := ""
	if v.Mode == providers.ProxyDefault {
		def, err := c.Proxy(ctx, core.ProxyScopeDefault)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "mode\tdefault\n")
		prefix, v = "default.", def
	}
	fmt.Fprintf(stdout, "%smode\t%s\n", prefix, v.Mode)
	if v.Mode != providers.ProxyCustom {
		return nil
	}
	fmt.Fprintf(stdout, "%surl\t%s\n", prefix, v.URL)
	if v.Username != "" {
		saved := "none"
		if v.PasswordSet {
			saved = "saved in the keychain"
		}
		fmt.Fprintf(stdout, "%suser\t%s\n%spassword\t%s\n", prefix, v.Username, prefix, saved)
	}
	return nil
}
