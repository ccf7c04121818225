#!/usr/bin/env bash
# Install what the build and the tests need on a fresh Debian machine: bun (through npm),
# the project's npm dependencies, and the Debian packages the end-to-end tests drive.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(runc iptables iproute2 docker-registry umoci skopeo busybox-static qemu-user-static libc6-arm64-cross openssl curl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

BUN_VERSION=1.4.4
if ! command -v bun >/dev/null 2>&1 || [ "$(bun --version)" != "$BUN_VERSION" ]; then
  echo "setup: installing bun $BUN_VERSION through npm"
  as_root npm install -g --silent "bun@$BUN_VERSION"
fi

bun install --frozen-lockfile >/dev/null
