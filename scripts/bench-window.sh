#!/usr/bin/env bash
# make bench, figures 5 and 6: the built Parley window's memory (total PSS
# of the app and its WebKit processes) and start-up, idle and with a
# 1,000-message conversation open, beside an empty Wails v2 window built
# with the same tags (bench/emptyapp), launched alternately on a display of
# their own (bench/cmd/winbench). Needs a session bus with an unlocked
# keyring (make bench provides one). Builds offline: the frontend, the app
# (as make build does) and the empty app.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
WAILS=${WAILS:-$($GO env GOPATH)/bin/wails}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

(cd frontend && npm run build --silent >/dev/null)
GOFLAGS=-buildmode=pie "$WAILS" build -tags webkit2_41 -s -m -nosyncgomod -skipbindings -trimpath >"$out/build.log" 2>&1 ||
  { cat "$out/build.log" >&2; exit 1; }
# The empty app as wails build makes a Linux app: desktop,production tags, stripped, PIE.
(cd bench && $GO build -buildmode=pie -tags webkit2_41,desktop,production -trimpath -ldflags "-s -w" -o "$out/emptyapp" ./emptyapp)
(cd bench && $GO run ./cmd/winbench -parley ../build/bin/parley -empty "$out/emptyapp" "$@")
