#!/usr/bin/env bash
# Everything on a fresh Debian 12 machine: install what is missing, build, run the whole suite.
# Usage: scripts/test.sh [PRESET]   (default, asan or tsan)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset="${1:-default}"
"$root/scripts/build.sh" "$preset"
"$root/tests/tools/openapi-validator/install.sh"
"$root/tests/tools/browser/install.sh"
cd "$root"
ctest --preset "$preset" -j "$(nproc)"
