#!/usr/bin/env bash
# Import and diff of a generated OpenAPI document (about 1 MB, 500 operations,
# 250 models), against the targets of issue 12: import < 1 s, diff of two such
# documents < 1 s, peak memory < 10x the document's size. Beside them, in the same
# run and pinned to the same CPU, the anchors: swagger-parser reading, validating
# and dereferencing the document, and api-smart-diff comparing the two (Node,
# timed in-process without Node's start-up).
#
#   bench/openapi/run.sh [RUNS]      (default 5; builds the release preset first;
#                                    LOADSTAR_BUILD=default measures build/default, -O2 too)
#
# Prints a table of wall time, user CPU time and peak RSS (median of RUNS), and the
# instructions perf counts for one run of each of Loadstar's commands.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-5}"
cpu="${BENCH_CPU:-1}"
python=/usr/bin/python3

preset="${LOADSTAR_BUILD:-release}"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" --target loadstar >/dev/null
bin="$root/build/$preset/bin/loadstar"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$python" "$here/make_document.py" 500 "$work/v1.json"
"$python" "$here/make_document.py" 500 "$work/v2.json" --changed
size=$(stat -c %s "$work/v1.json")

# median of a column of numbers
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# time_loadstar NAME ARGS...: RUNS runs pinned to $cpu; "wall user maxrss_kib" per run
time_loadstar() {
    local name="$1"; shift
    : >"$work/$name.times"
    for ((i = 0; i < runs; ++i)); do
        # exit 1 is diff's "breaking changes found": a result, not a failure
        taskset -c "$cpu" /usr/bin/time -f "%e %U %M" -o "$work/one" "$bin" "$@" >/dev/null 2>&1 || [[ $? -eq 1 ]]
        cat "$work/one" >>"$work/$name.times"
    done
}

time_loadstar import import "$work/v1.json" -o "$work/v1.loadstar.json" --force
time_loadstar diff diff "$work/v1.json" "$work/v2.json"

instructions() {
    perf stat -x, -e instructions:u taskset -c "$cpu" "$bin" "$@" 2>&1 >/dev/null | awk -F, '/instructions/ {print $1}'
}
import_instructions="$(instructions import "$work/v1.json" -o "$work/v1.loadstar.json" --force || true)"
diff_instructions="$(instructions diff "$work/v1.json" "$work/v2.json" || true)"

anchor="$here/anchor"
anchor_import="n/a"
anchor_diff="n/a"
if command -v npm >/dev/null && (cd "$anchor" && { [[ -d node_modules ]] || npm ci --no-audit --no-fund >/dev/null 2>&1; }); then
    anchor_import="$(taskset -c "$cpu" node "$anchor/bench.mjs" import "$work/v1.json" - "$runs" |
        "$python" -c 'import json,sys; print(sorted(json.loads(l)["seconds"] for l in sys.stdin)[int('"$runs"')//2])')"
    # api-smart-diff takes about a minute on these documents: one run.
    anchor_diff="$(taskset -c "$cpu" node "$anchor/bench.mjs" diff "$work/v1.json" "$work/v2.json" 1 |
        "$python" -c 'import json,sys; print(json.loads(sys.stdin.readline())["seconds"])')"
fi

changes="$("$bin" diff "$work/v1.json" "$work/v2.json" --json | "$python" -c \
    'import json,sys; s=json.load(sys.stdin)["summary"]; print(f"{s[\"breaking\"]} breaking, {s[\"non_breaking\"]} non-breaking, {s[\"docs_only\"]} docs-only")' || true)"

echo "document: $(numfmt --to=iec "$size") ($size bytes), 500 operations, 250 models; $runs runs on CPU $cpu"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %10s %10s %12s %10s\n' "" "wall s" "user s" "peak RSS" "RSS/size"
for name in import diff; do
    wall=$(awk '{print $1}' "$work/$name.times" | median)
    user=$(awk '{print $2}' "$work/$name.times" | median)
    rss=$(awk '{print $3}' "$work/$name.times" | median)
    printf '%-34s %10s %10s %9s MiB %10.1f\n' "loadstar $name" "$wall" "$user" "$((rss / 1024))" \
        "$(echo "$rss * 1024 / $size" | bc -l)"
done
printf '%-34s %10s\n' "anchor: swagger-parser validate" "$anchor_import"
printf '%-34s %10s\n' "anchor: api-smart-diff compare" "$anchor_diff"
echo "instructions: import $import_instructions, diff $diff_instructions"
echo "diff found: $changes"
