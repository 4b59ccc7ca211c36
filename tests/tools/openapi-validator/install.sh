#!/usr/bin/env bash
# Installs the OpenAPI validator the test suite runs (node_modules beside this
# script), exactly as package-lock.json pins it. Does nothing when the installed
# packages already match the lock file.
exec "$(dirname "${BASH_SOURCE[0]}")/../../../scripts/npm-install.sh" "$(dirname "${BASH_SOURCE[0]}")"
