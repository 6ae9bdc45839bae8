#!/usr/bin/env bash
# Takes docs/screenshot.png of the real window (the built binary, WebKitGTK)
# on the virtual display: the browser end-to-end run leaves a conversation
# behind, and Parley is opened on that data. `make screenshot` runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
app=
trap '[ -n "$app" ] && kill "$app" 2>/dev/null; rm -rf "$data"' EXIT

KEEP_DATA="$data" scripts/e2e.sh >/dev/null
PARLEY_DATA_DIR="$data" PARLEY_KEYCHAIN_SERVICE=parley-e2e build/bin/parley >/dev/null 2>&1 &
app=$!
sleep "${SCREENSHOT_WAIT:-6}"
# The window is 1120x760, centred on the 1280x800 display.
import -window root -crop 1120x760+80+20 +repage docs/screenshot.png
echo "screenshot: docs/screenshot.png"
