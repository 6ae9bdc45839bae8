// Command emptyapp is an empty Wails v2 window, built with the same tags
// and window size as Parley: what `make bench` sets Parley's memory and
// start-up beside (docs/performance.md).
package main

import (
	"embed"
	"fmt"
	"os"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
)

//go:embed index.html
var assets embed.FS

func main() {
	err := wails.Run(&options.App{
		Title:            "Empty",
		Width:            1120,
		Height:           760,
		AssetServer:      &assetserver.Options{Assets: assets},
		BackgroundColour: &options.RGBA{R: 24, G: 25, B: 30, A: 255},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "emptyapp:", err)
		os.Exit(1)
	}
}
