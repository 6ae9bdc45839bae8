#!/usr/bin/env bash
# Builds Parley's Linux packages from build/bin/parley and the files in
# build/linux and build/icons: a .deb (nfpm) and a portable .tar.gz holding
# the same files, both in dist/. Run by `make package`, which builds the
# binary and the icons first.
#
#   scripts/package-linux.sh VERSION
#
# The outputs depend only on the inputs and the commit time
# (SOURCE_DATE_EPOCH), so building twice gives the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:?usage: package-linux.sh VERSION}
deb_version=${version/-/\~}   # 0.1.0-dev.3+gabc → 0.1.0~dev.3+gabc sorts before 0.1.0
maintainer=${MAINTAINER:-The Parley team <parley@example.org>}
nfpm=${NFPM:-$(go env GOPATH)/bin/nfpm}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
stage=build/stage/linux
root=$stage/root
mkdir -p dist
rm -rf "$stage"

# The installed tree, shared by both packages.
install -D -m 0755 build/bin/parley "$root/usr/bin/parley"
install -D -m 0644 build/linux/parley.desktop "$root/usr/share/applications/parley.desktop"
for png in build/icons/hicolor/*/apps/parley.png; do
  install -D -m 0644 "$png" "$root/usr/share/icons/${png#build/icons/}"
done
install -D -m 0644 build/linux/copyright "$root/usr/share/doc/parley/copyright"
mkdir -p "$root/usr/share/man/man1"
gzip -9n <build/linux/parley.1 >"$root/usr/share/man/man1/parley.1.gz"
chmod 0644 "$root/usr/share/man/man1/parley.1.gz"
{
  echo "parley ($deb_version) unstable; urgency=medium"
  echo
  echo "  * Built from commit $(git rev-parse --short HEAD)."
  echo
  echo " -- $maintainer  $(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n >"$root/usr/share/doc/parley/changelog.gz"
chmod 0644 "$root/usr/share/doc/parley/changelog.gz"

# Runtime libraries as the binary links them (dpkg-shlibdeps needs a
# debian/control to run in), then what Parley needs besides: a Secret
# Service for the keys.
mkdir -p "$stage/shlibs/debian"
printf 'Source: parley\n\nPackage: parley\nArchitecture: any\n' >"$stage/shlibs/debian/control"
shlibs=$(cd "$stage/shlibs" && dpkg-shlibdeps -O "$OLDPWD/$root/usr/bin/parley" 2>"$OLDPWD/$stage/shlibs.log") ||
  { cat "$stage/shlibs.log" >&2; exit 1; }
shlibs=${shlibs#shlibs:Depends=}

{
  cat <<YAML
name: parley
arch: amd64
platform: linux
version: "$deb_version"
version_schema: none
section: net
priority: optional
maintainer: "$maintainer"
description: |-
  Desktop chat client for LLM providers
  Parley chats with OpenAI, Anthropic, Google Gemini, Ollama, Alibaba
  DashScope (Qwen), DeepSeek and OpenAI-compatible relays. Every provider
  request is made natively, never by the web view, so CORS never gets in
  the way; API keys stay in the Secret Service keyring; every failure says
  what went wrong and what to do next.
license: MIT
deb:
  compression: xz
depends:
YAML
  IFS=',' read -ra deps <<<"$shlibs"
  for d in "${deps[@]}"; do echo "  - \"$(echo "$d" | xargs)\""; done
  cat <<YAML
  - "gnome-keyring | keepassxc | kwalletmanager"
recommends:
  - fonts-noto-cjk
contents:
YAML
  (cd "$root" && find . -type f | LC_ALL=C sort) | while read -r f; do
    mode=$(stat -c %a "$root/$f")
    printf '  - src: %s\n    dst: %s\n    file_info:\n      mode: 0%s\n' "$root/${f#./}" "/${f#./}" "$mode"
  done
} >"$stage/nfpm.yaml"

deb=dist/parley_${deb_version}_amd64.deb
rm -f dist/parley_*_amd64.deb
"$nfpm" package --config "$stage/nfpm.yaml" --packager deb --target "$deb" >/dev/null
echo "package: $deb"

# The portable archive: the same tree under one folder.
tarball=dist/parley-$version-linux-amd64.tar.gz
top=parley-$version-linux-amd64
rm -f dist/parley-*-linux-amd64.tar.gz
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
  --transform "s,^root,$top," -C "$stage" -cf - root | gzip -9n >"$tarball"
echo "package: $tarball"
