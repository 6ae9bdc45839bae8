#!/usr/bin/env bash
# Browser end-to-end tests against the real app: `wails dev` serves the UI
# with live Go bindings (real keychain, real SQLite), llmtest plays the
# provider on loopback, and Chromium drives the page through playwright-core.
#
# Needs a session bus with an unlocked keyring and a display; `make e2e`
# provides them (dbus-run-session, scripts/with-keyring.sh, xvfb-run).
# Set KEEP_DATA=DIR to keep the app's data, E2E_FILES="e2e/flow.e2e.test.mjs"
# to run only some test files (paths relative to frontend/).
set -euo pipefail
cd "$(dirname "$0")/.."

WAILS=${WAILS:-$(go env GOPATH)/bin/wails}
APP_ADDR=${APP_ADDR:-127.0.0.1:34115}
KEY=sk-e2e-good-key-0001
work=$(mktemp -d)
data=${KEEP_DATA:-$work/data}
# The only folder whose files the app's file actions take without a file
# dialog (export, backup, restore, import), for the tests.
files=$work/files
mkdir -p "$files"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/llmtest" ./cmd/llmtest
setsid "$work/llmtest" --addr 127.0.0.1:0 --key "$KEY" >"$work/llmtest.url" 2>"$work/llmtest.log" &
pids+=($!)
for _ in $(seq 1 50); do [ -s "$work/llmtest.url" ] && break; sleep 0.1; done
fake=$(head -n1 "$work/llmtest.url")
echo "e2e: llmtest at $fake"

echo "e2e: starting the app (wails dev), this compiles it first"
PARLEY_DATA_DIR="$data" PARLEY_KEYCHAIN_SERVICE=parley-e2e PARLEY_TEST_FILES="$files" \
  setsid "$WAILS" dev -tags webkit2_41 -s -m -nosyncgomod -noreload -nogorebuild -skipbindings -nocolour \
  -assetdir frontend/dist -devserver "$APP_ADDR" >"$work/wails.log" 2>&1 &
pids+=($!)
for i in $(seq 1 600); do
  curl -sf "http://$APP_ADDR/" >/dev/null && break
  if ! kill -0 "${pids[-1]}" 2>/dev/null || [ "$i" = 600 ]; then
    echo "e2e: the app did not start; its log:" >&2
    cat "$work/wails.log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "e2e: app at http://$APP_ADDR"

status=0
(cd frontend && env -u DBUS_SESSION_BUS_ADDRESS PARLEY_URL="http://$APP_ADDR" LLMTEST_URL="$fake" PARLEY_TEST_FILES="$files" E2E_KEY="$KEY" node --test --test-concurrency=1 ${E2E_FILES:-e2e/}) || status=$?
if [ "$status" != 0 ]; then
  echo "e2e: failed; the app's log:" >&2
  tail -n 60 "$work/wails.log" >&2
fi
exit "$status"
