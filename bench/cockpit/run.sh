#!/usr/bin/env bash
# run.sh -- the load cockpit's responsiveness (issue 6, "Targets"):
#   cold start        process start to a window that shows the Benchmark plan and has painted
#                     (median of COLD_RUNS launches, measured from outside the process)
#   dashboard         the workbench runs micro-c200 (GET /hello, 200 VUs, THREADS engine threads)
#                     against `loadstar serve` for DURATION s while a 10 ms timer probes the
#                     event loop: requests/s, snapshots and chart redraws per second, delay p50/p99/max
#   zoom / pan        eight lines of an hour at 250 ms (14,400 points each): zoom, pan and
#                     whole-hour views, each followed by a synchronous repaint
# Usage:  bench/cockpit/run.sh [-b BUILD_DIR]      (default build/release, else build/default)
# Env:    DURATION=10  VUS=200  THREADS=2  COLD_RUNS=5
# Offscreen (QT_QPA_PLATFORM=offscreen): no display needed; painting is done in software.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUILD="$ROOT/build/release"
[ -x "$BUILD/bin/cockpit_bench" ] || BUILD="$ROOT/build/default"
while getopts "b:" opt; do
    case $opt in
        b) BUILD="$OPTARG" ;;
        *) exit 2 ;;
    esac
done
DURATION=${DURATION:-10}
VUS=${VUS:-200}
THREADS=${THREADS:-2}
COLD_RUNS=${COLD_RUNS:-5}
BENCH="$BUILD/bin/cockpit_bench"
# The server the workbench launches: `loadstar` (or `loadstar-workbench`'s sibling).
SERVER="$BUILD/bin/loadstar"
[ -x "$BENCH" ] || { echo "build first: ninja -C $BUILD cockpit_bench loadstar" >&2; exit 2; }
export QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=1 QT_FONT_DPI=96
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
quiet() { grep -v -e propagateSizeHints -e QStandardPaths >&2 || true; }

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== cold start to a usable window (ms, $COLD_RUNS runs)"
times=()
for _ in $(seq "$COLD_RUNS"); do
    start=$(date +%s%N)
    "$BENCH" cold-start "$SERVER" >/dev/null 2> >(quiet)
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "cold_start_ms_median %d\ncold_start_ms_min %d\ncold_start_ms_max %d\n", a[int((NR+1)/2)], a[1], a[NR]}'

echo "== dashboard during a run: micro-c200, $VUS VUs, $THREADS engine threads, ${DURATION}s"
"$BENCH" dashboard "$SERVER" micro-c200 "$DURATION" "$VUS" "$THREADS" 2> >(quiet)

echo "== zoom and pan on 8 x 14,400 points"
"$BENCH" zoom-pan 2> >(quiet)
