#!/usr/bin/env bash
# Builds a local stand-in for the official node image when no registry can be
# reached: a minimal Debian bookworm from Debian's mirror, plus this machine's
# Node.js (node, npm, npx under /usr/local like the official image).
# Usage: scripts/container/base-image.sh [image-name]   (default sitrep-base:bookworm-node)
# The image is reused when it exists and this machine's Node version matches.
set -euo pipefail
image="${1:-sitrep-base:bookworm-node}"
here="$(cd "$(dirname "$0")" && pwd)"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$here/containers.conf}"
node_version="$(node --version)"

if podman image exists "$image" &&
  [ "$(podman image inspect --format '{{ index .Labels "node.version" }}' "$image")" = "$node_version" ]; then
  echo "base image $image (node $node_version) already built"
  exit 0
fi

for tool in debootstrap podman; do
  command -v "$tool" >/dev/null || { echo "base image: $tool is missing; install it with: apt-get install -y podman runc debootstrap" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"

echo "base image: debootstrap bookworm (minbase) into $rootfs"
debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log" >&2; exit 1; }
# Trim what a runtime image never needs; the official slim images do the same.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/*

node_bin="$(command -v node)"
npm_dir="$(dirname "$(readlink -f "$(command -v npm)")")/.."
install -D -m 0755 "$(readlink -f "$node_bin")" "$rootfs/usr/local/bin/node"
mkdir -p "$rootfs/usr/local/lib/node_modules"
cp -a "$(readlink -f "$npm_dir")" "$rootfs/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"

# This machine's CA bundle: where a TLS-inspecting proxy stands between it and
# the npm registry, `npm ci` in the build stage must trust what the host trusts.
install -D -m 0644 /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"

echo "base image: importing as $image"
tar -C "$rootfs" -c . | podman import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
  --change 'CMD ["node"]' \
  --change "LABEL node.version=$node_version" \
  - "$image" >/dev/null
podman run --rm "$image" node --version
