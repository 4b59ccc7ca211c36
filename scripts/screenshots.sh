#!/usr/bin/env bash
# Builds the workbench and renders its main views (offscreen, no display needed)
# into docs/screenshots/*.png for the README, and the HTML report through Chromium. Usage: scripts/screenshots.sh [OUTPUT_DIR]
# LOADSTAR_SCREENSHOT_PALETTE=dark renders them on a dark palette (to check dark mode).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/docs/screenshots}"
cd "$root"
cmake --preset default >/dev/null
ninja -C build/default loadstar loadstar-workbench >/dev/null
mkdir -p "$out"
# A fixed font and scale, so the pictures do not depend on the machine's desktop settings.
export QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=1 QT_FONT_DPI=96
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
build/default/bin/loadstar --screenshot "$out" 2> >(grep -v 'propagateSizeHints' >&2)
# The HTML report of a real 5-second run of io-c200 against the design (served on
# loopback for the run, nothing stored), as Chromium shows it at the laptop width.
if command -v chromium >/dev/null; then
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    build/default/bin/loadstar run projects/benchmark-plan.loadstar.json --scenario io-c200 --duration 5s \
        --no-store --html "$work/report.html" >/dev/null
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2300 \
        --screenshot="$out/report.png" "file://$work/report.html" 2>/dev/null
fi
# Keep the repository light: quantise to a palette when the picture is large.
if convert -version 2>/dev/null | grep -q ImageMagick; then
    for png in "$out"/*.png; do
        if [ "$(stat -c %s "$png")" -gt 150000 ]; then convert "$png" -colors 256 "PNG8:$png"; fi
    done
fi
ls -l "$out"/*.png
