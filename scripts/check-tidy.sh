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
# The suite runs the second form (ctest -R clang_tidy). Files run in parallel (one job
# a CPU), and a file that passed before with the same inputs is skipped (stamps in
# BUILD_DIR/tidy-stamps, see scripts/tidy-stamps.py), so a typical commit, or even
# --all after a merge, checks only what changed. tests/fuzz needs clang's libFuzzer
# flags and is left out.
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
# A file that passed with the same inputs before (scripts/tidy-stamps.py: its text, the
# tree's headers it includes, its compile command, .clang-tidy, clang-tidy's version)
# is not checked again; LOADSTAR_TIDY_NO_STAMPS=1 checks every selected file.
if [[ ${#selected[@]} -gt 0 && -z ${LOADSTAR_TIDY_NO_STAMPS:-} ]]; then
    mapfile -t pending < <(scripts/tidy-stamps.py select "$build" "${selected[@]}")
else
    pending=()
    for f in "${selected[@]}"; do pending+=("$f"$'\t-'); done
fi
echo "clang-tidy: ${#pending[@]} of ${#selected[@]} files to check ($((${#selected[@]} - ${#pending[@]})) unchanged since they passed)" >&2
[[ ${#pending[@]} -eq 0 ]] && exit 0
# One file a job, as many jobs as CPUs; a file that passes gets its stamp. GCC's flags
# that clang does not know are not errors for clang-tidy, nor are the long string
# literals of the embedded files (resources/: GCC takes them, as C++ allows).
# clang-tidy exits non-zero on a finding (WarningsAsErrors), and so does xargs then.
check_one() {  # BUILD TIDY FILE<TAB>KEY
    local file=${3%%$'\t'*} key=${3##*$'\t'} output status=0
    output=$("$2" -p "$1" --quiet --extra-arg=-Wno-unknown-warning-option --extra-arg=-Wno-overlength-strings \
        "$file" 2>&1) || status=$?
    output=$(grep -v '^[0-9]* warnings\? \(and [0-9]* errors\? \)\?generated\.$' <<<"$output" || true)
    [[ -n $output ]] && printf '%s\n' "$output"
    [[ $status -eq 0 ]] && scripts/tidy-stamps.py stamp "$1" "$file" "$key"
    return "$status"
}
export -f check_one
status=0
printf '%s\n' "${pending[@]}" | xargs -d '\n' -P "$(nproc)" -n 1 bash -c 'check_one "$@"' _ "$build" "$tidy" ||
    status=$?
exit "$status"
