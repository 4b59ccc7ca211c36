#!/usr/bin/env bash
# The size aims (COMMON.md): no source file over 700 lines, no function over 120 lines,
# outside tests/. Lists what is over and exits 1 when anything is (a test of the suite).
# Functions are measured by universal-ctags (start to end line, signature included);
# a lambda counts inside the function that holds it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v ctags >/dev/null || { echo "check-sizes.sh: needs universal-ctags (scripts/debian-packages.txt)" >&2; exit 2; }
mapfile -t files < <(git ls-files -co --exclude-standard -- '*.cpp' '*.h' | grep -v '^tests/')
over=0
echo "== files over 700 lines"
while read -r n f; do
    echo "$n $f"
    over=1
done < <(wc -l "${files[@]}" | awk '$2 != "total" && $1 > 700' | sort -rn)
echo "== functions over 120 lines"
while read -r line; do
    echo "$line"
    over=1
done < <(ctags -f - --c++-kinds=f --fields=+ne --extras=-q "${files[@]}" 2>/dev/null |
    awk -F'\t' '$1 !~ /^__anon/ {
        s = ""; e = ""
        for (i = 3; i <= NF; i++) { if ($i ~ /^line:/) s = substr($i, 6); if ($i ~ /^end:/) e = substr($i, 5) }
        if (s != "" && e != "" && e - s + 1 > 120) print e - s + 1, $2 ":" s, $1
    }' | sort -rn)
exit "$over"
