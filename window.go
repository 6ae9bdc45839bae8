package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"time"

	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"parley/backend/chat"
	"parley/backend/problem"
	"parley/backend/store"
)

// Each window is a process of its own (Wails v2 has one window per
// process): the main window, and one per provider opened with
// `parley --profile ID`. They share the database and the keychain.

// EventDataChanged tells the page that another window changed the data
// (the chat service sends it too, for a title a model gave); its payload,
// a store.Changes, says whether a setting changed too.
const EventDataChanged = chat.EventDataChanged

// watchEvery is how often a window looks for the other windows' changes.
const watchEvery = 500 * time.Millisecond

// uniqueID keys the single-instance lock: one main window, and one window
// per profile.
func (l cmdLine) uniqueID() string {
	if l.profileID == "" {
		return "parley-main"
	}
	return "parley-" + l.profileID
}

// title is the window's title: the provider's name in its own window.
func (a *App) title(ctx context.Context) (string, error) {
	if a.profileID == "" {
		return "Parley", nil
	}
	p, err := a.core.Profile(ctx, a.profileID)
	if err != nil {
		return "", err
	}
	return p.Name, nil
}

// singleInstance makes a second launch of the same window raise the one
// already open instead of opening another.
func (a *App) singleInstance(l cmdLine) *options.SingleInstanceLock {
	return &options.SingleInstanceLock{UniqueId: l.uniqueID(), OnSecondInstanceLaunch: func(options.SecondInstanceData) {
		runtime.WindowUnminimise(a.ctx)
		runtime.WindowShow(a.ctx)
	}}
}

// watch tells the page whenever another window changed the data.
func (a *App) watch() {
	a.core.Watch(watchEvery, func(c store.Changes) { a.events.Emit(EventDataChanged, c) })
}

// WindowProfile is the id of the provider whose own window this is, or ""
// in the main window.
func (a *App) WindowProfile() string { return a.profileID }

// OpenProfileWindow opens a provider in a window of its own, or raises that
// window when it is open already. The window is a separate process that
// keeps running when this one quits.
func (a *App) OpenProfileWindow(profileID string) error {
	if _, err := a.core.Profile(a.ctx, profileID); err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find Parley's own program: %w", err)
	}
	cmd := exec.CommandContext(context.WithoutCancel(a.ctx), exe, "--profile", profileID) // outlives this window
	detach(cmd)
	if err := cmd.Start(); err != nil {
		return problem.Wrap(err, problem.KindInternal, "The window could not be opened",
			fmt.Sprintf("Starting %s failed: %v", exe, err), "Try again; if it keeps failing, start Parley again.")
	}
	go func() { _ = cmd.Wait() }() // a window already open makes it exit at once
	return nil
}
