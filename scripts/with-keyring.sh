#!/usr/bin/env bash
# Runs COMMAND inside a private D-Bus session with an unlocked, throwaway gnome-keyring (Secret Service),
# which keytar needs on Linux. The keyring lives in a temp folder, so your real login keyring is never touched.
#   scripts/with-keyring.sh npm test
#   scripts/with-keyring.sh npx vitest run tests/secrets
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/with-keyring.sh COMMAND [ARGS...]" >&2
  exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error: $tool is not installed. Install it with: sudo apt-get install -y dbus gnome-keyring libsecret-1-dev" >&2
    exit 2
  fi
done

keyring_home="$(mktemp -d "${TMPDIR:-/tmp}/preflight-keyring.XXXXXX")"
trap 'rm -rf "$keyring_home"' EXIT

# Inside the session: start the Secret Service with a fresh login keyring (password "pw"), run the command,
# then stop that daemon (it would otherwise linger after the session bus is gone).
status=0
KEYRING_HOME="$keyring_home" dbus-run-session -- sh -c '
  printf pw | XDG_DATA_HOME="$KEYRING_HOME" gnome-keyring-daemon --unlock --components=secrets >/dev/null
  daemon=$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk "{print \$2}")
  code=0
  "$@" || code=$?
  if [ -n "$daemon" ]; then kill "$daemon" 2>/dev/null || true; fi
  exit "$code"
' with-keyring "$@" || status=$?
exit "$status"
