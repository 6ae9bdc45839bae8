// Command tsgen writes frontend/src/lib/events.gen.ts: the events Go sends
// the window ([core.Events]), each name as a constant and each payload as a
// TypeScript type read from its Go type by reflection, the way
// encoding/json writes it. Wails generates TypeScript only for the types of
// bound methods (wailsjs/go/models.ts); a type it has generated is
// referenced from there, the rest are declared here. `make bindings` runs
// it after `wails generate module`, and `make lint` fails when the file is
// out of date.
//
// Usage:
//
//	go run ./cmd/tsgen [-models frontend/wailsjs/go/models.ts] [-o frontend/src/lib/events.gen.ts]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"parley/backend/core"
)

func main() {
	models := flag.String("models", "frontend/wailsjs/go/models.ts", "the models Wails generated")
	out := flag.String("o", "frontend/src/lib/events.gen.ts", "the file to write")
	flag.Parse()
	if err := run(*models, *out); err != nil {
		fmt.Fprintln(os.Stderr, "tsgen:", err)
		os.Exit(1)
	}
}

func run(modelsPath, out string) error {
	models, err := os.ReadFile(modelsPath)
	if err != nil {
		return err
	}
	rel, err := filepath.Rel(filepath.Dir(out), strings.TrimSuffix(modelsPath, ".ts"))
	if err != nil {
		return err
	}
	src, err := Generate(core.Events, core.EventEnums, KnownTypes(string(models)), filepath.ToSlash(rel))
	if err != nil {
		return err
	}
	return os.WriteFile(out, src, 0o644)
}
