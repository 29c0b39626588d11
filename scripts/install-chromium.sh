#!/usr/bin/env bash
# Installs the Chromium the browser tests drive (test/browser, through playwright-core): Debian's
# (or Ubuntu's) own package, never a browser build downloaded by a test tool. Does nothing when
# /usr/bin/chromium is already there. Uses sudo when not run as root.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: no apt-get here; install Chromium yourself and set VIGIL_CHROMIUM to its executable" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing Chromium for the browser tests…"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium
