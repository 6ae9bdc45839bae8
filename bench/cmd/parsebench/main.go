// Command parsebench sets Parley's stream parsers beside the Go SDKs on
// the same 100,000-event bodies, in one run, from memory and over
// loopback, and prints the cost per event with the ratios to go-openai.
//
//	cd bench && go run ./cmd/parsebench
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"text/tabwriter"

	"parley/bench/parse"
)

// Budgets from issue 11.
const (
	maxCPURatio     = 0.5 // of go-openai's CPU per event
	maxAllocsPerEvt = 3
)

func main() {
	testing.Init()
	flag.Parse()
	// Each body takes from a tenth of a second to seconds: a few rounds each.
	if f := flag.Lookup("test.benchtime"); f != nil && f.Value.String() == "1s" {
		flag.Set("test.benchtime", "3s")
	}
	fmt.Printf("parsing %d events per body; rerun: cd bench && go run ./cmd/parsebench\n\n", parse.Events)
	results := map[string]parse.Result{}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "client\tserved from\twall ns/event\tCPU ns/event\tB/event\tallocs/event\t")
	for _, c := range parse.Clients() {
		for _, loopback := range []bool{false, true} {
			var r parse.Result
			testing.Benchmark(func(b *testing.B) { r = parse.Bench(b, c, loopback) })
			key := c.Name + "/" + parse.Mode(loopback)
			results[key] = r
			fmt.Fprintf(w, "%s\t%s\t%.0f\t%.0f\t%.0f\t%.2f\t\n", c.Name, parse.Mode(loopback), r.NsPerEvent, r.CPUNsPerEvent, r.BytesPerEvent, r.AllocsPerEvent)
			fmt.Fprintf(os.Stderr, "  measured %s\n", key)
		}
	}
	w.Flush()
	fmt.Println()
	fmt.Fprintln(w, "ratio to go-openai's cost per event\tserved from\tCPU\tbytes\tallocs\tbudget\t")
	for _, mode := range []string{"memory", "loopback"} {
		ref := results["go-openai/"+mode]
		for _, c := range parse.Clients() {
			name := c.Name
			if name == "go-openai" {
				continue
			}
			r := results[name+"/"+mode]
			verdict := ""
			if strings.HasPrefix(name, "parley/") {
				verdict = "met"
				if r.CPUNsPerEvent > maxCPURatio*ref.CPUNsPerEvent || r.AllocsPerEvent > maxAllocsPerEvt {
					verdict = "MISSED"
				}
				verdict = fmt.Sprintf("≤ %.1f× CPU, ≤ %d allocs/event: %s", maxCPURatio, maxAllocsPerEvt, verdict)
			}
			fmt.Fprintf(w, "%s\t%s\t%.2f×\t%.2f×\t%.2f×\t%s\t\n", name, mode,
				r.CPUNsPerEvent/ref.CPUNsPerEvent, r.BytesPerEvent/ref.BytesPerEvent, r.AllocsPerEvent/ref.AllocsPerEvent, verdict)
		}
	}
	w.Flush()
	fmt.Println("\n(the other protocols' events are their own, set beside go-openai's OpenAI events)")
}
