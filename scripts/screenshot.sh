#!/usr/bin/env bash
# Takes docs/screenshot.png of the real window (the built binary, WebKitGTK)
# on the virtual display: e2e/screenshot-seed.mjs leaves a conversation with
# a long technical answer behind, and Parley is opened on that data.
# `make screenshot` runs it. With CHECKS=DIR it also saves, for looking at
# WebKitGTK, DIR/composer.png after typing six lines into the composer and
# DIR/diagram.png of a conversation with a Mermaid diagram and
# DIR/long-lines.png of one with long unbroken lines (xdotool). With
# SETTINGS=DIR it saves the Settings view and both themes, driven by the
# keyboard: DIR/settings-providers.png, settings-light.png,
# settings-dark.png, chat-dark.png, chat-light.png, settings-network.png.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
app=
trap '[ -n "$app" ] && kill "$app" 2>/dev/null; rm -rf "$data"' EXIT

KEEP_DATA="$data" E2E_ENGINE=chromium E2E_FILES=e2e/screenshot-seed.mjs scripts/e2e.sh >/dev/null
# SCREENSHOT_LANG=zh_CN.UTF-8 opens the window as a Chinese system would
# (SCREENSHOT_OUT names the picture, docs/screenshot.png by default).
out=${SCREENSHOT_OUT:-docs/screenshot.png}
env -u LC_ALL -u LC_MESSAGES LANG="${SCREENSHOT_LANG:-C.UTF-8}" \
  PARLEY_DATA_DIR="$data" PARLEY_KEYCHAIN_SERVICE=parley-e2e build/bin/parley >/dev/null 2>&1 &
app=$!
sleep "${SCREENSHOT_WAIT:-6}"
# The window is 1120x760, centred on the 1280x800 display.
import -window root -crop 1120x760+80+20 +repage "$out"
echo "screenshot: $out"
if [ -n "${CHECKS:-}" ]; then
  # Window coordinates + (80,20): the composer, then the second conversation.
  mkdir -p "$CHECKS"
  xdotool mousemove 700 740 click 1
  for i in 1 2 3 4 5; do xdotool type "line $i"; xdotool key shift+Return; done
  xdotool type "line 6"
  sleep 1
  import -window root -crop 1120x760+80+20 +repage "$CHECKS/composer.png"
  xdotool mousemove 200 296 click 1
  sleep 4
  import -window root -crop 1120x760+80+20 +repage "$CHECKS/diagram.png"
  xdotool mousemove 200 333 click 1
  sleep 2
  import -window root -crop 1120x760+80+20 +repage "$CHECKS/long-lines.png"
  echo "screenshot: $CHECKS/{composer,diagram,long-lines}.png"
fi
if [ -n "${SETTINGS:-}" ]; then
  mkdir -p "$SETTINGS"
  shot() { sleep 1; import -window root -crop 1120x760+80+20 +repage "$SETTINGS/$1.png"; }
  # The focus starts on the Settings heading: three Tabs reach Appearance
  # in the list of sections, five more its first choice.
  appearance() { xdotool key ctrl+comma; sleep 1; xdotool key Tab Tab Tab Return; sleep 0.5; xdotool key Tab Tab Tab Tab Tab; }
  xdotool mousemove 700 400 click 1
  xdotool key ctrl+comma
  shot settings-providers
  xdotool key Escape
  appearance; xdotool key Down; shot settings-light
  xdotool key Down; shot settings-dark
  xdotool key Escape; shot chat-dark
  xdotool key ctrl+comma; sleep 1; xdotool key Tab Tab Tab Tab Tab Return; shot settings-network
  xdotool key Escape
  appearance; xdotool key Up; xdotool key Escape; shot chat-light
  echo "screenshot: $SETTINGS/{settings-providers,settings-light,settings-dark,chat-dark,chat-light,settings-network}.png"
fi
