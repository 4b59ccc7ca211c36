#!/usr/bin/env bash
# Installs playwright-core (pinned in package-lock.json) beside this script; the tests
# drive Debian's /usr/bin/chromium with it (no browser download).
exec "$(dirname "${BASH_SOURCE[0]}")/../../../scripts/npm-install.sh" "$(dirname "${BASH_SOURCE[0]}")"
