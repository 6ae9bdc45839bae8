#!/usr/bin/env bash
# Browser end-to-end tests against the real app: `wails dev` serves the UI
# with live Go bindings (real keychain, real SQLite), llmtest plays the
# provider on loopback, and the suite runs once per browser engine
# (frontend/e2e/driver.mjs): Chromium through playwright-core, then
# WebKitGTK through WebKitWebDriver. Each engine gets a fresh app, data and
# provider.
#
# Needs a session bus with an unlocked keyring and a display; `make e2e`
# provides them (dbus-run-session, scripts/with-keyring.sh, xvfb-run).
# E2E_ENGINE=chromium or E2E_ENGINE=webkit runs one engine only;
# E2E_FILES="e2e/flow.e2e.test.mjs" runs only some test files (paths
# relative to frontend/); KEEP_DATA=DIR keeps the app's data (one engine);
# APP_LANG=zh_CN.UTF-8 starts the app under another locale;
# E2E_WEBKIT_COMPOSITED=1 lets WebKitGTK composite (its browser's default)
# instead of drawing as Parley's window does (frontend/e2e/webkit.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."

WAILS=${WAILS:-$(go env GOPATH)/bin/wails}
APP_ADDR=${APP_ADDR:-127.0.0.1:34115}
KEY=sk-e2e-good-key-0001
work=$(mktemp -d)
# The only folder whose files the app's file actions take without a file
# dialog (export, backup, restore, import), for the tests; one per engine.
files=$work/files
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/llmtest" ./cmd/llmtest
# parley-cli on the app's data folder plays "another window" (PARLEY_CLI).
go build -o "$work/parley-cli" ./cmd/parley-cli

# start_fake starts llmtest, a fresh one per engine: its scenarios keep
# state (overloaded-once fails only the first request for its model), so
# the second engine must not meet a provider the first one used up.
start_fake() {
  rm -f "$work/llmtest.url"
  setsid "$work/llmtest" --addr 127.0.0.1:0 --key "$KEY" >"$work/llmtest.url" 2>"$work/llmtest.log" &
  llmtest=$!
  pids+=("$llmtest")
  for _ in $(seq 1 50); do [ -s "$work/llmtest.url" ] && break; sleep 0.1; done
  fake=$(head -n1 "$work/llmtest.url")
  echo "e2e: llmtest at $fake"
}

# start_app starts `wails dev` on $1 (its data folder) and waits for it.
start_app() {
  echo "e2e: starting the app (wails dev), this compiles it first"
  # The tests read the window in English: the app's locale is C unless
  # APP_LANG says otherwise (i18n.e2e.test.mjs starts its own with zh_CN).
  env -u LC_ALL -u LC_MESSAGES LANG="${APP_LANG:-C.UTF-8}" PARLEY_DATA_DIR="$1" PARLEY_KEYCHAIN_SERVICE=parley-e2e PARLEY_TEST_FILES="$files" \
    setsid "$WAILS" dev -tags webkit2_41 -s -m -nosyncgomod -noreload -nogorebuild -skipbindings -nocolour \
    -assetdir frontend/dist -devserver "$APP_ADDR" >"$work/wails.log" 2>&1 &
  app=$!
  pids+=("$app")
  for i in $(seq 1 600); do
    curl -sf "http://$APP_ADDR/" >/dev/null && break
    if ! kill -0 "$app" 2>/dev/null || [ "$i" = 600 ]; then
      echo "e2e: the app did not start; its log:" >&2
      cat "$work/wails.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "e2e: app at http://$APP_ADDR"
}

# stop_app ends the app and waits until its address is free again.
stop_app() {
  kill -- "-$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  while curl -s -o /dev/null "http://$APP_ADDR/"; do sleep 0.2; done
}

if [ -n "${KEEP_DATA:-}" ] && [ -z "${E2E_ENGINE:-}" ]; then
  echo "e2e: KEEP_DATA keeps one engine's data: set E2E_ENGINE=chromium or webkit too" >&2
  exit 2
fi

status=0
for engine in ${E2E_ENGINE:-chromium webkit}; do
  files=$work/files-$engine
  mkdir -p "$files"
  data=${KEEP_DATA:-$work/data-$engine}
  start_fake
  start_app "$data"
  # Chromium runs without the session bus (it would look for a keyring of
  # its own); WebKitGTK's browser needs it (its accessibility bus, portals).
  nobus=$([ "$engine" = chromium ] && echo "-u DBUS_SESSION_BUS_ADDRESS" || true)
  began=$SECONDS
  (cd frontend && env $nobus E2E_ENGINE="$engine" PARLEY_URL="http://$APP_ADDR" LLMTEST_URL="$fake" PARLEY_TEST_FILES="$files" E2E_KEY="$KEY" \
    PARLEY_CLI="$work/parley-cli" PARLEY_SESSION_BUS="${DBUS_SESSION_BUS_ADDRESS:-}" PARLEY_DATA_DIR="$data" PARLEY_KEYCHAIN_SERVICE=parley-e2e \
    node --test --test-concurrency=1 ${E2E_FILES:-e2e/}) || {
    status=1
    echo "e2e: $engine failed; the app's log:" >&2
    tail -n 60 "$work/wails.log" >&2
  }
  echo "e2e: $engine took $((SECONDS - began)) s"
  stop_app
  kill -- "-$llmtest" 2>/dev/null || true
done
exit "$status"
