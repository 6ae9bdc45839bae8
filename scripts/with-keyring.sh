#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service of its own: call it
# under dbus-run-session. The keyring files live in a fresh temporary
# XDG_DATA_HOME so a keyring left by an earlier run (with another password)
# can never be the one that answers.
set -euo pipefail
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home"
echo -n parley-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
"$@"
