#!/usr/bin/env bash
# Installs the OpenAPI validator the test suite runs (node_modules beside this
# script), exactly as package-lock.json pins it. Does nothing when the installed
# packages already match the lock file.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
stamp="node_modules/.loadstar-installed-lock.json"

if [[ -d node_modules && -f "$stamp" ]] && cmp -s package-lock.json "$stamp"; then
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "openapi-validator: npm is not installed; install Node.js and npm (Debian: apt-get install nodejs npm)" >&2
    exit 1
fi
echo "openapi-validator: installing packages from package-lock.json into $here/node_modules"
if ! npm ci --no-audit --no-fund; then
    echo "openapi-validator: 'npm ci' failed in $here (is the npm registry reachable?)" >&2
    exit 1
fi
cp package-lock.json "$stamp"
