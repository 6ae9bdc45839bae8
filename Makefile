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
# golangci-lint v2 (bodyclose, noctx, errorlint, errcheck, gocritic, revive's
# exported rule, ...: see .golangci.yml), built from the Go module proxy.
GOLANGCI_LINT_VERSION := v2.15.0
GOLANGCI_LINT := $(GOBIN)/golangci-lint
TAGS          := webkit2_41
APP           := build/bin/parley
# The version stamped into every build, from git (scripts/version.sh).
VERSION       := $(shell scripts/version.sh)
LDFLAGS       := -X main.version=$(VERSION)
# Build: GTK + WebKitGTK 4.1. Tests: a display (Xvfb), a session bus and a
# real Secret Service (gnome-keyring), Chromium and WebKitWebDriver (which
# drives WebKitGTK's MiniBrowser, or Epiphany) for the browser tests, and a
# CJK font so Chinese renders with real glyphs (in the window and screenshots).
APT_PACKAGES  := gcc pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev \
                 xvfb xauth dbus dbus-x11 gnome-keyring chromium webkit2gtk-driver epiphany-browser curl imagemagick \
                 dpkg-dev icoutils nsis lintian desktop-file-utils p7zip-full xdotool x11-utils file \
                 fonts-noto-cjk
NFPM_VERSION  := v2.45.2
NFPM          := $(GOBIN)/nfpm
# Icons: every size the hicolor theme and a Windows .ico want, made from
# build/appicon.png (see `make icons`).
ICON_SIZES    := 16 22 24 32 48 64 128 256 512
ICO_SIZES     := 16 24 32 48 64 256
ICONS         := $(foreach s,$(ICON_SIZES),build/icons/hicolor/$(s)x$(s)/apps/parley.png)
# Headless runs: a private session bus, an unlocked keyring, a virtual display.
HEADLESS      := dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" scripts/with-keyring.sh

.PHONY: setup apt wails-cli golangci-lint npm run dev build frontend test lint test-go test-frontend e2e test-windows bindings bench fuzz screenshot clean \
        check-setup icons windows package package-check

## setup: install what is missing (idempotent)
setup: apt wails-cli npm

apt:
	@missing=$$(for p in $(APT_PACKAGES); do \
	  [ "$$(dpkg-query -W -f='$${Status}' $$p 2>/dev/null || true)" = "install ok installed" ] || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
	  echo "setup: installing Debian packages:" $$missing; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@command -v npm >/dev/null || { echo "setup: Node.js 20.19+ with npm is needed (https://nodejs.org)"; exit 1; }

# The whole output is read before it is compared: under pipefail,
# `wails version | grep -q` fails with SIGPIPE (141) when grep stops early.
wails-cli:
	@installed=$$("$(WAILS)" version 2>/dev/null || true); \
	case "$$installed" in "$(WAILS_VERSION)"*) ;; *) \
	  echo "setup: installing the Wails CLI $(WAILS_VERSION)"; \
	  $(GO) install github.com/wailsapp/wails/v2/cmd/wails@$(WAILS_VERSION);; \
	esac

## check-setup: once setup is done, setup again installs and says nothing
## (three times: the SIGPIPE bug it guards against showed up by chance)
check-setup: setup
	@for i in 1 2 3; do \
	  out=$$($(MAKE) --no-print-directory setup 2>&1); \
	  if [ -n "$$out" ]; then echo "check-setup: make setup is not quiet when nothing is missing:"; echo "$$out"; exit 1; fi; \
	done

npm: frontend/node_modules/.installed

frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

## build: the desktop app at build/bin/parley
build: setup frontend
	GOFLAGS=-buildmode=pie $(WAILS) build -tags $(TAGS) -s -m -nosyncgomod -skipbindings -trimpath -ldflags "$(LDFLAGS)"

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
	$(WAILS) dev -tags $(TAGS) -s -ldflags "$(LDFLAGS)" -assetdir frontend/dist -reloaddirs frontend/dist

## test: every check and test, as CI runs them (go build/vet/test work in a
## fresh clone too: frontend/dist/.keep stands in until the frontend is built)
test: setup check-setup lint test-go test-frontend e2e test-windows package-check

lint: $(STATICCHECK) golangci-lint frontend
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt would change:" $$unformatted; exit 1; fi
	@notexec=$$(git ls-files -s 'scripts/*.sh' | awk '$$1 != "100755" {print $$4}'); \
	  if [ -n "$$notexec" ]; then echo "not executable in git (make runs them directly; chmod +x and commit):" $$notexec; exit 1; fi
	$(GO) vet -tags $(TAGS) ./...
	$(STATICCHECK) -tags $(TAGS) ./...
	$(GOLANGCI_LINT) run --allow-parallel-runners ./...
	$(GO) mod tidy -diff
	@$(MAKE) --no-print-directory bindings
	@git -c core.fileMode=false diff --quiet -- frontend/wailsjs frontend/src/lib/events.gen.ts || { echo "frontend/wailsjs or frontend/src/lib/events.gen.ts is out of date with the Go types: run 'make bindings' and commit"; git diff --stat -- frontend/wailsjs frontend/src/lib/events.gen.ts; exit 1; }

$(STATICCHECK):
	$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

golangci-lint:
	@if ! "$(GOLANGCI_LINT)" version 2>/dev/null | grep -q "version $(GOLANGCI_LINT_VERSION:v%=%) "; then \
	  echo "setup: installing golangci-lint $(GOLANGCI_LINT_VERSION) (a few minutes the first time)"; \
	  $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION); \
	fi

## bindings: regenerate the TypeScript of the Go types the window sees:
## app.go's methods and the enums (wailsjs), the events (cmd/tsgen)
bindings:
	$(WAILS) generate module -tags $(TAGS) >/dev/null
	$(GO) run ./cmd/tsgen

test-go:
	$(HEADLESS) $(GO) test -race -count=1 ./...

test-frontend: npm
	cd frontend && npm run check --silent && npm test --silent

## e2e: the real app in Chromium, then in WebKitGTK, driven against the
## llmtest fake provider (E2E_ENGINE=chromium or webkit: one engine only)
e2e: frontend
	$(HEADLESS) scripts/e2e.sh

## test-windows: the built app on a virtual display: the main window and two
## provider windows, a message typed in one reaching the main one, and a
## second launch of a provider raising its window
test-windows: build
	$(GO) vet -tags windowtest ./windowtest
	$(HEADLESS) $(GO) test -tags windowtest -count=1 -timeout 5m ./windowtest

## bench: speed and memory figures, each with the command that reruns it
## (see docs/performance.md; the SDK comparison is the separate module bench/)
bench:
	GO=$(GO) $(HEADLESS) scripts/bench.sh

## fuzz: every stream parser and the problem classifier, FUZZTIME each
## (their seed corpora, testdata/ and testdata/fuzz/, run in plain go test too)
FUZZTIME ?= 20s
FUZZ_TARGETS := backend/llm:FuzzFraming backend/llm:FuzzStream backend/problem:FuzzProblem
fuzz:
	@for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; fn=$${t##*:}; echo "fuzz: $$pkg $$fn for $(FUZZTIME)"; \
	  $(GO) test -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) ./$$pkg || exit 1; \
	done

## screenshot: docs/screenshot.png of the real window, after an e2e run
screenshot: build frontend
	$(HEADLESS) scripts/screenshot.sh

## icons: build/icons/hicolor/*/apps/parley.png and build/windows/icon.ico
## from build/appicon.png (metadata stripped, so the bytes repeat)
icons: $(ICONS) build/windows/icon.ico

build/icons/hicolor/%/apps/parley.png: build/appicon.png
	@mkdir -p $(@D)
	convert $< -resize $* -depth 8 -strip -define png:exclude-chunks=date,time PNG32:$@

build/windows/icon.ico: $(ICONS)
	@mkdir -p $(@D)
	icotool -c -b 32 -o $@ $(foreach s,$(filter-out 256,$(ICO_SIZES)),build/icons/hicolor/$(s)x$(s)/apps/parley.png) \
	  -r build/icons/hicolor/256x256/apps/parley.png

$(NFPM):
	$(GO) install github.com/goreleaser/nfpm/v2/cmd/nfpm@$(NFPM_VERSION)

## windows: build/bin/parley.exe and its NSIS installer (WebView2 bootstrapper inside)
windows: setup frontend build/windows/icon.ico
	$(WAILS) build -platform windows/amd64 -nsis -s -m -nosyncgomod -skipbindings -trimpath -ldflags "$(LDFLAGS)"

## package: the .deb, the portable .tar.gz, the Windows .exe and installer
## in dist/, with SHA256SUMS; prints their sizes
package: build windows icons $(NFPM)
	rm -rf dist && mkdir -p dist
	NFPM=$(NFPM) scripts/package-linux.sh $(VERSION)
	cp build/bin/parley.exe dist/parley-$(VERSION)-windows-amd64.exe
	cp build/bin/Parley-amd64-installer.exe dist/parley-$(VERSION)-windows-amd64-installer.exe
	cd dist && sha256sum -- * >SHA256SUMS
	@echo "package: sizes (bytes)"; stat -c '%s %n' build/bin/parley dist/* | sort -k2

## package-check: lintian, install the .deb, run it, remove it; check the
## Windows files (needs `make package`; run by `make test`)
package-check: package
	scripts/package-check.sh $(VERSION)

clean:
	rm -rf dist build/stage build/icons build/windows/icon.ico build/bin frontend/dist/assets frontend/dist/index.html frontend/node_modules frontend/test-results
