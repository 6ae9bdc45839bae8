// Command winbench measures Parley's real window beside an empty Wails v2
// window built with the same tags (bench/emptyapp), launched alternately
// in one run on a virtual display of its own: the total PSS of each app
// and its WebKit processes (/proc/PID/smaps_rollup) once settled, and the
// time from launch to the window's first paint and to its settled picture
// (for Parley with a conversation: the messages shown and the composer
// ready). Parley runs idle (one provider, no conversation open) and with a
// 1,000-message conversation open.
//
//	cd bench && go run ./cmd/winbench -parley ../build/bin/parley -empty bin/emptyapp
//
// It needs Xvfb, and a session bus with an unlocked keyring (make bench
// runs it under both).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"text/tabwriter"
	"time"
)

// Budgets from issue 11, as ratios to the empty app's PSS.
const (
	idleBudget = 1.25
	convBudget = 1.4
)

func main() {
	parley := flag.String("parley", "../build/bin/parley", "the built Parley")
	empty := flag.String("empty", "bin/emptyapp", "the built empty Wails app")
	rounds := flag.Int("rounds", 3, "launches of each app, alternating")
	settle := flag.Duration("settle", 8*time.Second, "how long a launch is watched before its memory is read")
	messages := flag.Int("messages", 1000, "messages in the open conversation")
	seedOnly := flag.String("seed", "", "only write a data folder with the conversation to this folder (to open it by hand)")
	flag.Parse()
	if *seedOnly != "" {
		if err := seed(*seedOnly, *messages); err != nil {
			fmt.Fprintln(os.Stderr, "winbench:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*parley, *empty, *rounds, *settle, *messages); err != nil {
		fmt.Fprintln(os.Stderr, "winbench:", err)
		os.Exit(1)
	}
}

type variant struct {
	name string
	bin  string
	data string // Parley's data folder; "" for the empty app
}

func run(parley, empty string, rounds int, settle time.Duration, messages int) error {
	work, err := os.MkdirTemp("", "winbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	x, err := startXvfb(work)
	if err != nil {
		return err
	}
	defer x.stop()
	idle, conv := filepath.Join(work, "idle"), filepath.Join(work, "conversation")
	if err := seed(idle, 0); err != nil {
		return err
	}
	if err := seed(conv, messages); err != nil {
		return err
	}
	variants := []variant{
		{"empty Wails app", empty, ""},
		{"Parley, idle", parley, idle},
		{fmt.Sprintf("Parley, %d messages open", messages), parley, conv},
	}
	results := make([][]launch, len(variants))
	shared := false
	for r := 0; r < rounds; r++ {
		for i, v := range variants {
			l, err := measure(x, v, settle)
			if err != nil {
				return fmt.Errorf("%s: %w", v.name, err)
			}
			note := ""
			if l.others > 0 {
				note = fmt.Sprintf(" (%d other WebKit web processes running: PSS reads low)", l.others)
				shared = true
			}
			fmt.Fprintf(os.Stderr, "  round %d, %s: %.1f MB, painted %v, settled %v%s\n", r+1, v.name, l.pssMB, l.paint, l.settled, note)
			results[i] = append(results[i], l)
		}
	}
	report(variants, results)
	if shared {
		fmt.Println("Other WebKit processes ran during some launches: they share the libraries' pages, so those PSS figures and the ratios are not comparable. Run again when nothing else uses WebKit.")
	}
	return nil
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func report(variants []variant, results [][]launch) {
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "window (median of launches)\tPSS MB\t× empty\tfirst paint ms\tsettled ms\tbudget\t")
	var emptyPSS float64
	for i, v := range variants {
		var pss, paint, settled []float64
		for _, l := range results[i] {
			pss = append(pss, l.pssMB)
			paint = append(paint, float64(l.paint.Milliseconds()))
			settled = append(settled, float64(l.settled.Milliseconds()))
		}
		m := median(pss)
		if i == 0 {
			emptyPSS = m
		}
		verdict := ""
		switch i {
		case 1:
			verdict = budget(m/emptyPSS, idleBudget)
		case 2:
			verdict = budget(m/emptyPSS, convBudget)
		}
		fmt.Fprintf(w, "%s\t%.1f\t%.2f×\t%.0f\t%.0f\t%s\t\n", v.name, m, m/emptyPSS, median(paint), median(settled), verdict)
	}
	w.Flush()
}

func budget(ratio, limit float64) string {
	if ratio <= limit {
		return fmt.Sprintf("≤ %.2f×: met", limit)
	}
	return fmt.Sprintf("≤ %.2f×: MISSED", limit)
}
