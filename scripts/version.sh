#!/bin/sh
# Prints Parley's version for stamping into a build, from git:
#   on a release tag v1.2.3        1.2.3
#   3 commits after it             1.2.3+3.gabc1234
#   before the first release tag   <wails.json productVersion>-dev.<commits>+gabc1234
# and ".dirty" (or "+dirty") when tracked files have uncommitted changes.
# Outside a git checkout it prints the wails.json version with "-dev".
set -eu
cd "$(dirname "$0")/.."
base=$(sed -n 's/.*"productVersion": *"\([^"]*\)".*/\1/p' wails.json)
if ! git rev-parse --git-dir >/dev/null 2>&1; then
  echo "$base-dev"
  exit 0
fi
dirty=
# A mode-only change (wails generate touches some) is not a change of the source.
git -c core.fileMode=false diff --quiet HEAD -- 2>/dev/null || dirty=dirty
if described=$(git describe --tags --match 'v[0-9]*' --long 2>/dev/null); then
  # v1.2.3-3-gabc1234: tag, commits since it, abbreviated hash.
  hash=${described##*-}
  rest=${described%-*}
  count=${rest##*-}
  tag=${rest%-*}
  tag=${tag#v}
  if [ "$count" = 0 ]; then
    echo "$tag${dirty:++$dirty}"
  else
    echo "$tag+$count.$hash${dirty:+.$dirty}"
  fi
else
  echo "$base-dev.$(git rev-list --count HEAD)+g$(git rev-parse --short HEAD)${dirty:+.$dirty}"
fi
