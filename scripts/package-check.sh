#!/usr/bin/env bash
# Checks the packages `make package` left in dist/ the way a user meets them:
# the .deb passes lintian, installs with dpkg (apt-get -f install fetching
# what is missing), prints the stamped version, opens a window under Xvfb
# that stays up, has a valid desktop entry, and leaves nothing behind when
# removed; the .tar.gz holds the same files; the Windows program and its
# installer are 64-bit PE files and the installer carries that program.
#
#   scripts/package-check.sh VERSION      (run by `make package-check`)
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:?usage: package-check.sh VERSION}
deb=$(ls dist/parley_*_amd64.deb)
tarball=dist/parley-$version-linux-amd64.tar.gz
exe=dist/parley-$version-windows-amd64.exe
installer=dist/parley-$version-windows-amd64-installer.exe
work=$(mktemp -d)
sudo=$([ "$(id -u)" = 0 ] || echo sudo)
installed=
cleanup() {
  [ -n "$installed" ] && $sudo dpkg -r parley >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "package-check: FAIL: $*" >&2; exit 1; }
ok() { echo "package-check: ok: $*"; }

# lintian: errors fail; the deliberate warnings are listed in README.md.
lintian --fail-on error "$deb" ||
  fail "lintian reports errors for $deb"
ok "lintian has no errors"

# Install as a user would; apt-get -f install brings missing dependencies.
if ! $sudo dpkg -i "$deb" >"$work/dpkg.log" 2>&1; then
  echo "package-check: dpkg -i left dependencies missing; apt-get -f install"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get -f install -y -qq >/dev/null ||
    { cat "$work/dpkg.log"; fail "could not install $deb"; }
fi
installed=1
[ "$(dpkg-query -W -f='${Status}' parley)" = "install ok installed" ] || fail "parley is not installed"
dpkg -L parley | sort >"$work/files"
ok "installed $deb"

out=$(/usr/bin/parley --version)
[ "$out" = "Parley $version" ] || fail "parley --version printed '$out', want 'Parley $version'"
ok "parley --version prints $out"

desktop-file-validate /usr/share/applications/parley.desktop || fail "the desktop entry is not valid"
grep -q '^Exec=parley' /usr/share/applications/parley.desktop || fail "the desktop entry does not run parley"
for s in 16 32 48 128 256 512; do
  [ -s "/usr/share/icons/hicolor/${s}x${s}/apps/parley.png" ] || fail "no ${s}x${s} icon in hicolor"
done
ok "desktop entry validates; icons are in hicolor"

# The installed program, started as the desktop entry starts it, on a
# virtual display with a keyring of its own: its window appears, is
# viewable, belongs to the desktop entry (WM_CLASS), and is still there a
# few seconds later.
PARLEY_DATA_DIR="$work/data" PARLEY_KEYCHAIN_SERVICE=parley-package-check \
  dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" scripts/with-keyring.sh \
  bash -c '
    set -euo pipefail
    parley >"$0/app.log" 2>&1 &
    app=$!
    trap "kill $app 2>/dev/null || true" EXIT
    win=$(timeout 120 xdotool search --sync --onlyvisible --name "^Parley\$" | head -n1) ||
      { cat "$0/app.log"; echo "no Parley window appeared"; exit 1; }
    xwininfo -id "$win" | grep -q "Map State: IsViewable" || { echo "the window is not viewable"; exit 1; }
    xprop -id "$win" WM_CLASS | grep -q "\"parley\"" || { xprop -id "$win" WM_CLASS; echo "WM_CLASS is not parley"; exit 1; }
    sleep 5
    kill -0 "$app" 2>/dev/null || { cat "$0/app.log"; echo "Parley quit after opening its window"; exit 1; }
    xwininfo -id "$win" >/dev/null 2>&1 || { echo "the window went away"; exit 1; }
    [ -s "$PARLEY_DATA_DIR/parley.db" ] || { echo "no database in the data folder"; exit 1; }
  ' "$work" || fail "the installed Parley did not open a window that stays up"
ok "the installed Parley opens its window under Xvfb and stays up"

# The portable archive holds the same files as the .deb.
tar -tzf "$tarball" | grep -v '/$' | sed 's,^[^/]*/,/,' | sort >"$work/tar-files"
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $6}' | sed 's,^\./,/,' | sort >"$work/deb-files"
diff -u "$work/deb-files" "$work/tar-files" || fail "$tarball does not hold the same files as $deb"
ok "the .tar.gz holds the same files as the .deb"

# Removing the package removes every file it installed.
$sudo dpkg -r parley >/dev/null
installed=
left=$(while read -r f; do [ -f "$f" ] || [ -L "$f" ] && echo "$f"; done <"$work/files"; [ ! -d /usr/share/doc/parley ] || echo /usr/share/doc/parley)
[ -z "$left" ] || fail "dpkg -r left files behind: $left"
ok "dpkg -r removes every installed file"

# Windows: 64-bit PE files; the installer carries exactly this program.
for f in "$exe" "$installer"; do
  file -b "$f" | grep -q '^PE32+ executable (GUI) x86-64' || fail "$f is not a PE32+ x86-64 program: $(file -b "$f")"
done
7z l "$installer" >"$work/7z.txt" || fail "7z cannot list $installer"
grep -q ' Parley\.exe$' "$work/7z.txt" || { cat "$work/7z.txt"; fail "the installer does not contain Parley.exe"; }
grep -q 'MicrosoftEdgeWebview2Setup\.exe$' "$work/7z.txt" || fail "the installer does not carry the WebView2 bootstrapper"
[ "$(7z e -so "$installer" Parley.exe | sha256sum | cut -d' ' -f1)" = "$(sha256sum <"$exe" | cut -d' ' -f1)" ] ||
  fail "the Parley.exe inside the installer is not $exe"
ok "Windows: $exe and its installer are PE32+ x86-64; the installer carries it and the WebView2 bootstrapper"

(cd dist && sha256sum --quiet -c SHA256SUMS) || fail "dist/SHA256SUMS does not match"
ok "SHA256SUMS match"
echo "package-check: all passed"
