#!/usr/bin/env bash
# Installs the npm packages a folder pins (DIR/package-lock.json) into DIR/node_modules,
# exactly as locked (`npm ci`: versions and integrity hashes from the lock file), without
# running any package's install scripts. Does nothing when node_modules already matches
# the lock file. Used for the API docs assets (resources/api-docs, embedded at build
# time) and the test tools (tests/tools/*).
# Usage: scripts/npm-install.sh DIR
set -euo pipefail
dir="$(cd "${1:?usage: npm-install.sh DIR}" && pwd)"
name="$(basename "$dir")"
stamp="$dir/node_modules/.loadstar-installed-lock.json"

up_to_date() { [[ -d "$dir/node_modules" && -f "$stamp" ]] && cmp -s "$dir/package-lock.json" "$stamp"; }
up_to_date && exit 0
if ! command -v npm >/dev/null 2>&1; then
    echo "$name: npm is not installed; run scripts/setup.sh (Debian: apt-get install nodejs npm)" >&2
    exit 1
fi
# One install at a time per folder: a build and a test run may both ask.
exec 9>"$dir/.npm-install.lock"
flock 9
up_to_date && exit 0
echo "$name: installing the packages package-lock.json pins into $dir/node_modules" >&2
cd "$dir"
# Peer dependencies are left out: only the packages' prebuilt files are used.
if ! npm ci --ignore-scripts --omit=peer --no-audit --no-fund >&2; then
    echo "$name: 'npm ci' failed in $dir (is the npm registry reachable?)" >&2
    exit 1
fi
cp package-lock.json "$stamp"
