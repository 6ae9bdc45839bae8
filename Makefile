# Parley: `make run` builds and opens the app, `make test` runs every test.
# Both install what is missing first (Debian packages, the pinned Wails CLI,
# npm packages), so a fresh Debian 12 machine needs nothing else.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

GO            ?= go
GOBIN         := $(shell $(GO) env GOPATH)/bin
WAILS_VERSION := v2.16.0
WAILS         := $(GOBIN)/wails
STATICCHECK_VERSION := v0.8.2
STATICCHECK   := $(GOBIN)/staticcheck
TAGS          := webkit2_41
APP           := build/bin/parley
# Build: GTK + WebKitGTK 4.1. Tests: a display (Xvfb), a session bus and a
# real Secret Service (gnome-keyring), Chromium for the browser tests.
APT_PACKAGES  := gcc pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev \
                 xvfb xauth dbus dbus-x11 gnome-keyring chromium curl imagemagick
# Headless runs: a private session bus, an unlocked keyring, a virtual display.
HEADLESS      := dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" scripts/with-keyring.sh

.PHONY: setup apt wails-cli npm run dev build frontend test lint test-go test-frontend e2e test-windows bindings bench screenshot clean

## setup: install what is missing (idempotent)
setup: apt wails-cli npm

apt:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "setup: installing Debian packages:" $$missing; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@command -v npm >/dev/null || { echo "setup: Node.js 20.19+ with npm is needed (https://nodejs.org)"; exit 1; }

wails-cli:
	@if ! "$(WAILS)" version 2>/dev/null | grep -q "$(WAILS_VERSION)"; then \
	  echo "setup: installing the Wails CLI $(WAILS_VERSION)"; \
	  $(GO) install github.com/wailsapp/wails/v2/cmd/wails@$(WAILS_VERSION); \
	fi

npm: frontend/node_modules/.installed

frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

## build: the desktop app at build/bin/parley
build: setup frontend
	$(WAILS) build -tags $(TAGS) -s -m -nosyncgomod -skipbindings

frontend: npm
	cd frontend && npm run build --silent

## run: build and open Parley (under a virtual display when there is none)
run: build
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  exec $(APP); \
	else \
	  echo "run: no display here; opening Parley on a virtual display (Xvfb) with a keyring for this session only"; \
	  $(HEADLESS) $(APP); \
	fi

## dev: live development (rebuilds Go on change; reload the page after `npm run watch`)
dev: setup frontend
	$(WAILS) dev -tags $(TAGS) -s -assetdir frontend/dist -reloaddirs frontend/dist

## test: every check and test, as CI runs them (the Go checks need the
## built frontend: main.go embeds frontend/dist)
test: setup lint test-go test-frontend e2e test-windows

lint: $(STATICCHECK) frontend
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt would change:" $$unformatted; exit 1; fi
	$(GO) vet -tags $(TAGS) ./...
	$(STATICCHECK) -tags $(TAGS) ./...
	$(GO) mod tidy -diff
	@$(MAKE) --no-print-directory bindings
	@git -c core.fileMode=false diff --quiet -- frontend/wailsjs || { echo "frontend/wailsjs is out of date with app.go: run 'make bindings' and commit"; git diff --stat -- frontend/wailsjs; exit 1; }

$(STATICCHECK):
	$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

## bindings: regenerate the TypeScript bindings of app.go
bindings:
	$(WAILS) generate module -tags $(TAGS) >/dev/null

test-go:
	$(HEADLESS) $(GO) test -race -count=1 ./...

test-frontend: npm
	cd frontend && npm run check --silent && npm test --silent

## e2e: the real app in Chromium, driven against the llmtest fake provider
e2e: frontend
	$(HEADLESS) scripts/e2e.sh

## test-windows: the built app on a virtual display: the main window and two
## provider windows, a message typed in one reaching the main one, and a
## second launch of a provider raising its window
test-windows: build
	$(GO) vet -tags windowtest ./windowtest
	$(HEADLESS) $(GO) test -tags windowtest -count=1 -timeout 5m ./windowtest

## bench: speed and memory figures (see docs/performance.md)
bench:
	$(HEADLESS) $(GO) test -run '^$$' -bench . -benchmem -count=5 ./backend/...

## screenshot: docs/screenshot.png of the real window, after an e2e run
screenshot: build frontend
	$(HEADLESS) scripts/screenshot.sh

clean:
	rm -rf build/bin frontend/dist/assets frontend/dist/index.html frontend/node_modules frontend/test-results
