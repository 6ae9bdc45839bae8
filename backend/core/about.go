package core

import "strings"

// About is what Parley's About dialog shows: which build this is, under
// which licence, and where Parley keeps the user's files.
type About struct {
	// Version is the build's version, stamped from git (e.g. "0.1.0").
	Version string `json:"version"`
	// Licence names the licence, e.g. "MIT License".
	Licence string `json:"licence"`
	// Copyright is the licence's copyright line.
	Copyright string `json:"copyright"`
	// DataDir is the folder that holds the database.
	DataDir string `json:"dataDir"`
	// LogFile is Parley's log, the file to attach to a bug report.
	LogFile string `json:"logFile"`
}

// About describes this Parley. licence is the text of the LICENSE file: its
// first line names the licence, its "Copyright" line the holders.
func (c *Core) About(version, licence string) About {
	a := About{Version: version, DataDir: c.dataDir, LogFile: c.LogPath()}
	for i, line := range strings.Split(licence, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case i == 0:
			a.Licence = line
		case a.Copyright == "" && strings.HasPrefix(line, "Copyright"):
			a.Copyright = line
		}
	}
	return a
}
