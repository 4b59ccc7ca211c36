#!/usr/bin/env bash
# Renders loadstar.svg into the PNG sizes desktops look for (hicolor/NxN/loadstar.png).
# Run it after changing the SVG and commit the PNGs. Needs rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v rsvg-convert >/dev/null || { echo "render-png: install librsvg2-bin for rsvg-convert" >&2; exit 1; }
for size in 16 22 24 32 48 64 128 256 512; do
    mkdir -p "hicolor/${size}x${size}"
    rsvg-convert -w "$size" -h "$size" loadstar.svg -o "hicolor/${size}x${size}/loadstar.png"
done
