#!/usr/bin/env bash
# `npm run test:container` needs podman, runc and debootstrap; say so in one line.
missing=()
for tool in podman runc debootstrap; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test:container needs ${missing[*]}: apt-get install -y podman runc debootstrap" >&2
  exit 1
fi
