#!/usr/bin/env bash
# Runs clang-tidy (config: .clang-tidy) with the compile commands of BUILD_DIR; fails
# on any finding.
#   scripts/check-tidy.sh BUILD_DIR --all        every tracked .cpp (minutes: about
#                                                3 s of CPU a file, ~280 files)
#   scripts/check-tidy.sh BUILD_DIR [--changed]  the .cpp files changed since the branch
#                                                left main (a changed header brings its
#                                                .cpp); on main itself, those of the last
#                                                commit (a merge: everything it brought)
#   scripts/check-tidy.sh BUILD_DIR FILE...      the files given
# The suite runs the second form (ctest -R clang_tidy), which keeps it to seconds or a
# minute or two on a busy 2-core machine; run --all before a release or after
# changing .clang-tidy. tests/fuzz needs clang's libFuzzer flags and is left out.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:?usage: check-tidy.sh BUILD_DIR [FILE...]}
shift
if [[ ! -f "$build/compile_commands.json" ]]; then
    echo "no $build/compile_commands.json: configure the build first" >&2
    exit 2
fi
tidy=$(command -v clang-tidy || true)
if [[ -z "$tidy" ]]; then
    echo "clang-tidy is not installed (scripts/debian-packages.txt lists it)" >&2
    exit 2
fi
mode=${1:---changed}
if [[ $mode == --all ]]; then
    mapfile -t files < <(git ls-files '*.cpp' | grep -v '^tests/fuzz/')
elif [[ $mode == --changed ]]; then
    base=$(git merge-base HEAD "${LOADSTAR_TIDY_BASE:-main}" 2>/dev/null ||
        git merge-base HEAD origin/main 2>/dev/null || true)
    if [[ -z $base || $base == "$(git rev-parse HEAD)" ]]; then base=HEAD^; fi
    mapfile -t changed < <({ git diff --name-only --diff-filter=d "$base" -- '*.cpp' '*.h'
                             git ls-files --others --exclude-standard -- '*.cpp' '*.h'; } | sort -u)
    files=()
    for f in "${changed[@]}"; do
        stem=${f%.*}
        [[ -f $stem.cpp ]] && files+=("$stem.cpp")
    done
    [[ ${#files[@]} -gt 0 ]] && mapfile -t files < <(printf '%s\n' "${files[@]}" | grep -v '^tests/fuzz/' | sort -u)
else
    files=("$@")
fi
# Only files the build compiles (a file of a target that is switched off has no command).
mapfile -t known < <(/usr/bin/python3 -c '
import json, os, sys
print("\n".join(sorted({os.path.realpath(e["file"]) for e in json.load(open(sys.argv[1]))})))' \
    "$build/compile_commands.json")
declare -A compiled
for f in "${known[@]}"; do compiled[$f]=1; done
selected=()
for f in "${files[@]}"; do
    [[ -z $f ]] && continue
    [[ -n "${compiled[$(realpath "$f")]:-}" ]] && selected+=("$f")
done
echo "clang-tidy: ${#selected[@]} files" >&2
[[ ${#selected[@]} -eq 0 ]] && exit 0
# GCC's flags that clang does not know are not errors for clang-tidy, nor are the long
# string literals of the embedded files (resources/: GCC takes them, as C++ allows). clang-tidy
# exits non-zero on a finding (WarningsAsErrors), and so does xargs then.
status=0
output=$(printf '%s\n' "${selected[@]}" |
    xargs -P "$(nproc)" -n 4 "$tidy" -p "$build" --quiet --extra-arg=-Wno-unknown-warning-option --extra-arg=-Wno-overlength-strings 2>&1) ||
    status=$?
grep -v '^[0-9]* warnings\? \(and [0-9]* errors\? \)\?generated\.$' <<<"$output" || true
exit "$status"
