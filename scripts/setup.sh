#!/usr/bin/env bash
# Set-up on a clean clone: the system packages (Debian/Ubuntu; skipped when present, and on macOS/Windows
# where the OS keychain needs none) and the npm dependencies. .ci/run and README.md "Set up" use this.
set -euo pipefail
cd "$(dirname "$0")/.."

# libsecret (keytar build + runtime), gnome-keyring + dbus (the Secret Service the keychain tests use),
# chromium (UI tests, PDF reports), poppler-utils (pdftotext, to check PDF reports), sqlite3 (the
# floor that `npm run bench:import` measures itself against), tinyproxy + squid (real HTTP proxies the network
# tests start on 127.0.0.1).
packages=(libsecret-1-dev gnome-keyring dbus chromium poppler-utils sqlite3 tinyproxy squid)
if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for pkg in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$pkg"); fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    sudo_cmd=()
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
    "${sudo_cmd[@]}" apt-get update
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${packages[@]}"
  else
    echo "System packages already installed: ${packages[*]}"
  fi
fi

npm install
