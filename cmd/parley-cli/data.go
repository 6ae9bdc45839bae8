package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"parley/backend/core"
	"parley/backend/importer"
	"parley/backend/problem"
)

func exportConversation(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	format := fs.String("format", string(core.FormatMarkdown), "md or json")
	out := fs.String("o", "", "write to this file instead of stdout")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError("export takes one conversation id (see parley-cli history list)")
	}
	if !slices.Contains(core.ExportFormats, core.ExportFormat(*format)) {
		return usageError(fmt.Sprintf("--format %q: use md or json", *format))
	}
	c, err := core.Open(ctx, config(ctx))
	if err != nil {
		return err
	}
	defer c.Close()
	var buf bytes.Buffer
	if err := c.ExportConversation(ctx, rest[0], core.ExportFormat(*format), &buf); err != nil {
		return err
	}
	if *out == "" {
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	if err := core.WriteFile(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	return nil
}

func backup(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	auto := fs.Bool("auto", false, "today's automatic backup")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 && !*auto {
		return usageError("backup takes the file to write")
	}
	c, err := core.Open(ctx, config(ctx))
	if err != nil {
		return err
	}
	defer c.Close()
	if *auto {
		res, err := c.AutoBackup(ctx)
		if err != nil {
			return err
		}
		if res.Wrote {
			fmt.Fprintf(stdout, "wrote %s\n", res.Path)
		} else {
			fmt.Fprintf(stdout, "today's backup is already there: %s\n", res.Path)
		}
		return nil
	}
	var buf bytes.Buffer
	n, err := c.Backup(ctx, &buf)
	if err != nil {
		return err
	}
	if err := core.WriteFile(rest[0], buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backed up %d profiles, %d conversations, %d messages to %s (keys stay in the keychain)\n",
		n.Profiles, n.Conversations, n.Messages, rest[0])
	return nil
}

func restore(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	replace := fs.Bool("replace", false, "replace everything instead of merging")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError("restore takes the backup file to read")
	}
	f, err := openInput(rest[0])
	if err != nil {
		return err
	}
	defer f.Close()
	c, err := core.Open(ctx, config(ctx))
	if err != nil {
		return err
	}
	defer c.Close()
	n, err := c.Restore(ctx, f, *replace)
	if err != nil {
		return err
	}
	how := "merged in"
	if *replace {
		how = "replaced everything with"
	}
	fmt.Fprintf(stdout, "%s %d profiles, %d conversations, %d messages from %s\n", how, n.Profiles, n.Conversations, n.Messages, rest[0])
	if n.Profiles > 0 {
		fmt.Fprintln(stdout, "keys are not in a backup: set each profile's key with parley-cli key set --profile ID")
	}
	return nil
}

func importFile(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	from := fs.String("from", "", "nextchat, chatbox or chatgpt")
	keys := fs.Bool("keys", false, "move the file's keys into the keychain")
	profile := fs.String("profile", "", "import into this profile")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	rest, err := parseFlags(fs, args)
	switch {
	case err != nil:
		return err
	case !slices.Contains(importer.Formats, importer.Format(*from)):
		return usageError("--from must be one of " + importer.FormatNames())
	case len(rest) != 1:
		return usageError("import takes the file to read")
	}
	f, err := openInput(rest[0])
	if err != nil {
		return err
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("read %s: %w", rest[0], err)
	}
	c, err := core.Open(ctx, config(ctx))
	if err != nil {
		return err
	}
	defer c.Close()
	sum, err := c.Import(ctx, importer.Format(*from), data, core.ImportOptions{ProfileID: *profile, MoveKeys: *keys})
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(stdout, sum)
	}
	printImport(stdout, sum, *keys)
	return nil
}

func printImport(w io.Writer, s core.ImportSummary, moved bool) {
	fmt.Fprintf(w, "imported %d conversations (%d messages) into %s (%s)\n", s.Conversations, s.Messages, s.ProfileName, s.ProfileID)
	if s.AlreadyThere > 0 {
		fmt.Fprintf(w, "skipped %d conversations imported before\n", s.AlreadyThere)
	}
	for _, sk := range s.Skipped {
		fmt.Fprintf(w, "skipped %d: %s\n", sk.Count, sk.Why)
	}
	if s.KeysFound == 0 {
		return
	}
	if !moved {
		var where []string
		for _, k := range s.Keys {
			where = append(where, k.Service+" ("+k.Host+")")
		}
		fmt.Fprintf(w, "the file holds %d keys: %s. They were not imported.\n", s.KeysFound, strings.Join(where, ", "))
		fmt.Fprintln(w, "to move them into the keychain, run the same import again with --keys (conversations already imported are skipped),")
		fmt.Fprintln(w, "or set each one yourself: parley-cli key set --profile ID")
		return
	}
	for _, k := range s.Keys {
		if k.ProfileID != "" {
			fmt.Fprintf(w, "key for %s (%s) moved into the keychain for profile %s\n", k.Service, k.Host, k.ProfileID)
		} else {
			fmt.Fprintf(w, "key for %s (%s) not moved: %s\n", k.Service, k.Host, k.Why)
		}
	}
}

func openInput(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, problem.Wrap(err, problem.KindInvalidInput, "The file could not be opened", err.Error(), "Check the path and that you may read the file.")
	}
	return f, nil
}
