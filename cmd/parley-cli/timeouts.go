package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"parley/backend/llm"
)

// timeoutUsage documents the flags [timeoutFlags] adds.
var timeoutUsage = fmt.Sprintf(`  --connect-timeout, --first-byte-timeout, --idle-timeout DURATION (such as
      30s or 2m) bound reaching the server, its first byte and the silence
      between events; they override the profile's (defaults %s, %s, %s).
`, llm.DefaultTimeouts.Connect, llm.DefaultTimeouts.FirstByte, llm.DefaultTimeouts.Idle)

// timeoutFlags adds the three waits of a request to fs, filling t.
func timeoutFlags(fs *flag.FlagSet, t *llm.Timeouts) {
	fs.DurationVar(&t.Connect, "connect-timeout", 0, "how long reaching the server may take")
	fs.DurationVar(&t.FirstByte, "first-byte-timeout", 0, "how long the first byte of the answer may take")
	fs.DurationVar(&t.Idle, "idle-timeout", 0, "how long the stream may stay silent")
}

// checkTimeouts refuses a negative wait.
func checkTimeouts(t llm.Timeouts) error {
	if t.Connect < 0 || t.FirstByte < 0 || t.Idle < 0 {
		return usageError("a timeout must be a positive duration, such as 30s or 2m")
	}
	return nil
}

// printRetry writes one line for a retry to stderr, so a wait is never
// silent.
func printRetry(w io.Writer, attempt, most int, in time.Duration, why string) {
	fmt.Fprintf(w, "parley-cli: %s; retrying in %s (%d of %d)\n", why, in.Round(100*time.Millisecond), attempt, most)
}
