#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring,
# so keytar talks to a real Secret Service (tests never fake the keychain).
set -euo pipefail

if [ -z "${TOKENTRAY_IN_KEYCHAIN_SESSION:-}" ]; then
  if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
    echo "with-keychain: dbus-run-session and gnome-keyring-daemon are needed (apt-get install dbus-x11 gnome-keyring libsecret-1-dev)" >&2
    exit 1
  fi
  export TOKENTRAY_IN_KEYCHAIN_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi

# A throwaway keyring home: the login keyring is created and unlocked with a fixed test password.
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'tokentray-test' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
