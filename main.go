// Parley is a desktop chat client for LLM providers. Every provider request
// is made here in Go; the webview only draws, and keys stay in the OS keychain.
package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"

	"parley/backend/core"
)

//go:embed all:frontend/dist
var assets embed.FS

//go:embed build/appicon.png
var icon []byte

func main() {
	cl, err := parseCmdLine(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		os.Exit(2)
	}
	if cl.version {
		fmt.Println("Parley", version)
		return
	}
	app := &App{events: &events{}, profileID: cl.profileID}
	c, err := core.Open(context.Background(), core.Config{Emitter: app.events, AskOnStall: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, "Parley could not start:", err)
		failStartup(err)
		os.Exit(1)
	}
	app.core = c
	title, err := app.title(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, "Parley could not open the window:", err)
		failStartup(err)
		os.Exit(1)
	}
	err = wails.Run(&options.App{
		Title:            title,
		Width:            1120,
		Height:           760,
		MinWidth:         720,
		MinHeight:        480,
		AssetServer:      &assetserver.Options{Assets: assets},
		BackgroundColour: &options.RGBA{R: 24, G: 25, B: 30, A: 255},
		OnStartup:        app.startup,
		OnShutdown:       app.shutdown,
		Bind:             []any{app},
		// Go's enums reach TypeScript generated (wailsjs/go/models.ts).
		EnumBind:       core.Enums,
		ErrorFormatter: formatError,
		Linux:          &linux.Options{ProgramName: "parley", Icon: icon, WebviewGpuPolicy: gpuPolicy()},

		// One process per window (see window.go); a second launch raises it.
		SingleInstanceLock: app.singleInstance(cl),
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "Parley failed:", err)
		os.Exit(1)
	}
}

// gpuPolicy is the web view's hardware acceleration on Linux: off, as Wails
// leaves it when an app sets no Linux options (the empty app make bench
// compares with). Setting Linux options at all made it "on demand", and
// WebKitGTK then composited the page in GL layers (llvmpipe's shaders and
// tiles where there is no GPU): ~100 MB more in the web process, idle.
// PARLEY_GPU=1 turns it back on.
func gpuPolicy() linux.WebviewGpuPolicy {
	if os.Getenv("PARLEY_GPU") == "1" {
		return linux.WebviewGpuPolicyOnDemand
	}
	return linux.WebviewGpuPolicyNever
}
