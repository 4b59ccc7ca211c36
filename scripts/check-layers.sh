#!/usr/bin/env bash
# Fails when an include runs against the engine's layer order (engine/LAYERS), when
# the engine includes Qt, widgets/ or app/, or when widgets/ includes app/.
# Usage: scripts/check-layers.sh [ROOT]   (default: the repository)
set -euo pipefail
root="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
layers="$root/engine/LAYERS"
[[ -f "$layers" ]] || { echo "check-layers: $layers is missing" >&2; exit 2; }

declare -A layer_of
while read -r number folders; do
    for folder in $folders; do layer_of[$folder]=$number; done
done < <(sed -e 's/#.*//' "$layers" | grep -v '^[[:space:]]*$')

status=0
fail() {
    echo "$1" >&2
    status=1
}

for dir in "$root"/engine/*/; do
    folder=$(basename "$dir")
    [[ -n "${layer_of[$folder]:-}" ]] || fail "engine/$folder: a folder that engine/LAYERS does not place"
done

while IFS= read -r file; do
    relative=${file#"$root"/}
    folder=$(cut -d/ -f2 <<<"$relative")
    own=${layer_of[$folder]:-}
    [[ -n "$own" ]] || continue
    while IFS=: read -r line text; do
        if [[ "$text" =~ \#include[[:space:]]*\<Q ]]; then
            fail "$relative:$line: the engine includes no Qt header"
        elif [[ "$text" =~ \#include[[:space:]]*\"(widgets|app)/ ]]; then
            fail "$relative:$line: the engine includes nothing from ${BASH_REMATCH[1]}/"
        elif [[ "$text" =~ \#include[[:space:]]*\"engine/([a-z_]+)/ ]]; then
            target=${BASH_REMATCH[1]}
            [[ "$target" == "$folder" ]] && continue
            other=${layer_of[$target]:-}
            if [[ -z "$other" ]]; then
                fail "$relative:$line: includes engine/$target/, a folder that engine/LAYERS does not place"
            elif ((other >= own)); then
                fail "$relative:$line: $folder (layer $own) may not include $target (layer $other)"
            fi
        fi
    done < <(grep -n '#include' "$file" || true)
done < <(find "$root/engine" -name '*.h' -o -name '*.cpp' | sort)

while IFS= read -r file; do
    relative=${file#"$root"/}
    while IFS=: read -r line text; do
        fail "$relative:$line: widgets/ includes nothing from app/"
    done < <(grep -n '#include[[:space:]]*"app/' "$file" || true)
done < <(find "$root/widgets" -name '*.h' -o -name '*.cpp' 2>/dev/null | sort)

exit "$status"
