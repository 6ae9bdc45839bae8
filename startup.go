package main

import (
	"context"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"parley/backend/problem"
)

// failStartup shows why Parley could not start in a native dialog, since a
// desktop user never sees what is printed to stderr, and quits when it is
// dismissed.
func failStartup(err error) {
	p := problem.From(err)
	_ = wails.Run(&options.App{
		Title:       "Parley",
		Width:       480,
		Height:      240,
		StartHidden: true,
		AssetServer: &assetserver.Options{Assets: assets},
		OnStartup: func(ctx context.Context) {
			_, _ = runtime.MessageDialog(ctx, runtime.MessageDialogOptions{
				Type:    runtime.ErrorDialog,
				Title:   "Parley could not start: " + p.Title,
				Message: p.Detail + "\n\nWhat to do: " + p.Fix,
			})
			runtime.Quit(ctx)
		},
	})
}
