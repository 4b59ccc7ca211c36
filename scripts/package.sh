#!/usr/bin/env bash
# Builds the Debian package of Loadstar: a Release build (no tests), then CPack
# (cmake/Packaging.cmake). Usage: scripts/package.sh [OUTPUT_DIR]   (default: build/package)
# Install it with: sudo apt install ./build/package/loadstar_*.deb
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$root/build/package}" && cd "${1:-$root/build/package}" && pwd)"
"$root/scripts/setup.sh"
cd "$root"
cmake --preset release >/dev/null
cmake --build --preset release
cpack --config build/release/CPackConfig.cmake -B "$out"
rm -rf "$out/_CPack_Packages"
ls -l "$out"/*.deb
