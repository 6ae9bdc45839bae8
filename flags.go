package main

import (
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
}

// parseCmdLine reads Parley's flags from args (without the program name).
// Usage and mistakes are written to stderr; -h gives flag.ErrHelp.
func parseCmdLine(args []string, stderr io.Writer) (cmdLine, error) {
	var c cmdLine
	fs := flag.NewFlagSet("parley", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&c.version, "version", false, "print Parley's version and exit")
	err := fs.Parse(args)
	return c, err
}
