package main

import (
	"errors"
	"flag"
	"io"
)

// version is Parley's version. make stamps it from git at build time
// (-ldflags "-X main.version=…", see scripts/version.sh); a plain go build
// says "dev".
var version = "dev"

// cmdLine is what Parley was asked for on its command line.
type cmdLine struct {
	// version asks for the version to be printed, without opening a window.
	version bool
	// profileID names the provider whose own window this is (--profile ID);
	// empty for the main window.
	profileID string
}

// errNoProfileID is a --profile given without the id of a profile.
var errNoProfileID = errors.New("--profile needs the id of a profile (parley-cli profiles lists them)")

// parseCmdLine reads Parley's flags from args (without the program name).
// Usage and mistakes are written to stderr; -h gives flag.ErrHelp.
func parseCmdLine(args []string, stderr io.Writer) (cmdLine, error) {
	var c cmdLine
	fs := flag.NewFlagSet("parley", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&c.version, "version", false, "print Parley's version and exit")
	fs.StringVar(&c.profileID, "profile", "", "open this provider's chat in a window of its own")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	profileGiven := false
	fs.Visit(func(f *flag.Flag) { profileGiven = profileGiven || f.Name == "profile" })
	if profileGiven && c.profileID == "" {
		_, _ = io.WriteString(stderr, "parley: "+errNoProfileID.Error()+"\n")
		return c, errNoProfileID
	}
	return c, nil
}
