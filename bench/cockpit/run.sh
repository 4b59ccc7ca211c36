#!/usr/bin/env bash
# run.sh -- the load cockpit's responsiveness (issue 6, "Targets"; issue 17, item 4):
#   cold start        process start to a window that shows the Benchmark plan and has painted
#                     (median of COLD_RUNS launches, measured from outside the process)
#   dashboard         the workbench runs micro-c200 (GET /hello, 200 VUs, THREADS engine threads)
#                     against `loadstar serve` for DURATION s while a 10 ms timer probes the
#                     event loop: requests/s, snapshots and chart redraws per second (over the
#                     engine's clock between the first and last snapshot the GUI took), delay
#                     p50/p99/max; DASH_RUNS runs, each printed, then the medians
#   verdicts          the medians against issue 17's targets
#   zoom / pan        eight lines of an hour at 250 ms (14,400 points each): zoom, pan and
#                     whole-hour views, each followed by a synchronous repaint
#   live hour         one new tick at the end of an hour at 200 ms (8 x 18,000 points): redraw
#                     (and repaint) while following, against the same view decimated afresh
# Usage:  bench/cockpit/run.sh [-b BUILD_DIR]      (default build/release, else build/default)
# Env:    DURATION=10  VUS=200  THREADS=2  COLD_RUNS=5  DASH_RUNS=3
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
DASH_RUNS=${DASH_RUNS:-3}
BENCH="$BUILD/bin/cockpit_bench"
# The server the workbench launches: `loadstar` (or `loadstar-workbench`'s sibling).
SERVER="$BUILD/bin/loadstar"
[ -x "$BENCH" ] || { echo "build first: ninja -C $BUILD cockpit_bench loadstar" >&2; exit 2; }
export QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=1 QT_FONT_DPI=96
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
quiet() { grep -v -e propagateSizeHints -e QStandardPaths >&2 || true; }

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== cold start to a usable window (ms, $COLD_RUNS runs)"
# From before the launch (so the dynamic loading of Qt counts) to the moment the painted window
# is usable, as the bench prints it; the process's exit afterwards is not part of a start.
times=()
for _ in $(seq "$COLD_RUNS"); do
    start=$(date +%s%N)
    usable=$("$BENCH" cold-start "$SERVER" 2> >(quiet) | awk '$1 == "usable_at_ns" {print $2}')
    times+=($(((usable - start) / 1000000)))
done
cold=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "cold_start_ms_median %d\ncold_start_ms_min %d\ncold_start_ms_max %d\n", a[int((NR+1)/2)], a[1], a[NR]}')
echo "$cold"

median() {  # median of the KEY lines in the files given
    local key=$1
    shift
    awk -v k="$key" '$1 == k {print $2}' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "nan"}'
}
runs_dir=$(mktemp -d)
trap 'rm -rf "$runs_dir"' EXIT
for i in $(seq "$DASH_RUNS"); do
    echo "== dashboard during a run ($i of $DASH_RUNS): micro-c200, $VUS VUs, $THREADS engine threads, ${DURATION}s, load average $(cut -d' ' -f1 /proc/loadavg)"
    "$BENCH" dashboard "$SERVER" micro-c200 "$DURATION" "$VUS" "$THREADS" 2> >(quiet) | tee "$runs_dir/$i"
done
echo "== dashboard medians of $DASH_RUNS runs"
for key in requests_per_second snapshots_per_second chart_redraws_per_second event_loop_delay_p50_ms \
    event_loop_delay_p99_ms event_loop_delay_max_ms; do
    echo "$key $(median "$key" "$runs_dir"/*)"
done | tee "$runs_dir/medians"

echo "== zoom and pan on 8 x 14,400 points"
"$BENCH" zoom-pan 2> >(quiet)

echo "== one new tick at the end of an hour (8 lines x 18,000 points): followed, and decimated afresh"
"$BENCH" live-hour 2> >(quiet)

# Issue 17, item 4: while the engine drives >= 50k requests/s, >= 5 snapshots/s, a redraw per
# snapshot, event-loop delay p99 <= 16 ms (one frame); cold start < 150 ms. Rates are shown
# to two decimals; a 200 ms tick is 5.00/s by construction, so ">= 5" allows the last digit.
value() { awk -v k="$1" '$1 == k {print $2}' "$runs_dir/medians"; }
cold_ms=$(echo "$cold" | awk '$1 == "cold_start_ms_median" {print $2}')
verdict() {  # NAME MEASURED OP LIMIT
    if awk -v m="$2" -v l="$4" -v op="$3" 'BEGIN {exit !((op == ">=" && m >= l) || (op == "<=" && m <= l) || (op == "<" && m < l))}'; then
        printf '%-44s %12s  (target %s %s)  met\n' "$1" "$2" "$3" "$4"
    else
        printf '%-44s %12s  (target %s %s)  NOT MET\n' "$1" "$2" "$3" "$4"
    fi
}
echo "== issue 17 targets (medians; machine load average now $(cut -d' ' -f1-3 /proc/loadavg))"
verdict "requests/s driven during the dashboard run" "$(value requests_per_second)" ">=" 50000
verdict "snapshots/s taken by the GUI" "$(value snapshots_per_second)" ">=" 4.995
verdict "chart redraws/s" "$(value chart_redraws_per_second)" ">=" 4.995
redraws=$(value chart_redraws_per_second)
snaps=$(value snapshots_per_second)
awk -v r="$redraws" -v s="$snaps" 'BEGIN {
    ratio = (s > 0) ? r / s : 0
    printf "%-44s %12.2f  (target 1: each one, no more)  %s\n", "redraws per snapshot", ratio, ((ratio >= 0.98 && ratio <= 1.02) ? "met" : "NOT MET")
}'
complete=$(grep -l '^gui_series_complete yes' "$runs_dir"/[0-9]* | wc -l)
printf '%-44s %12s  (target: every run)  %s\n' "runs where the GUI's series is the result's" "$complete of $DASH_RUNS" \
    "$([ "$complete" -eq "$DASH_RUNS" ] && echo met || echo "NOT MET")"
echo "event-loop delay p50 / p99 / max (ms)          $(value event_loop_delay_p50_ms) / $(value event_loop_delay_p99_ms) / $(value event_loop_delay_max_ms)"
verdict "event-loop delay p99 (ms)" "$(value event_loop_delay_p99_ms)" "<=" 16
verdict "cold start median (ms)" "$cold_ms" "<" 150
