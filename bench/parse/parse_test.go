package parse_test

import (
	"testing"

	"parley/bench/parse"
)

// BenchmarkParse is every client on its body, from memory and over
// loopback: `go test -bench . ./parse/` (cmd/parsebench prints the ratios).
func BenchmarkParse(b *testing.B) {
	for _, c := range parse.Clients() {
		for _, loopback := range []bool{false, true} {
			b.Run(c.Name+"/"+parse.Mode(loopback), func(b *testing.B) { parse.Bench(b, c, loopback) })
		}
	}
}
