#!/usr/bin/env bash
# setup.sh — installs what pathwise needs on a fresh Debian 12 (run as root), skipping anything
# already there: apt packages for the native/wasm toolchain and Chromium, then npm ci when
# node_modules is missing or older than package-lock.json. Fast and idempotent on a set-up machine.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(build-essential cmake libeigen3-dev libgtest-dev emscripten chromium)

# 1. apt packages: collect the missing ones (dpkg -s), install them with one apt-get update.
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
    SUDO="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  echo "+ apt-get update"
  $SUDO apt-get update -qq
  echo "+ apt-get install -y ${missing[*]}"
  $SUDO apt-get install -y -qq "${missing[@]}"
else
  echo "setup: apt packages present (${APT_PACKAGES[*]})"
fi
for tool in cmake emcmake node npm; do
  command -v "$tool" >/dev/null || { echo "setup: '$tool' not found after install" >&2; exit 1; }
done

# 2. npm dependencies: npm ci when node_modules is absent or was installed from another lock file.
stamp=node_modules/.pathwise-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "+ npm ci"
  npm ci --no-audit --no-fund
  echo "$want" >"$stamp"
else
  echo "setup: node_modules up to date"
fi
