#!/usr/bin/env bash
# io_wait.sh -- where the time above 50 ms goes in the Benchmark plan's GET /io (a 50 ms
# simulated I/O wait), and what "% of the ideal 4,000 requests/s at c200" can reach:
#   1. the lateness of an Asio timer on an idle loop (timer_lateness.cpp, on SRV_CPU)
#   2. GET /io at c1: wrk's p50 minus 50 ms is a request's whole overhead with no queue
#      (timer, wake-ups of both processes, loopback, parsing, wrk's own turnaround)
#   3. GET /io at c200 over DURATION s: requests/s against the ideal 4,000, and against
#      the most a closed loop of 200 connections can complete in DURATION s when each
#      request takes the measured p50 (the requests still in flight when wrk stops are
#      not counted: about 100 of them, 0.5 % of a 5 s run)
# Usage:  bench/server/io_wait/io_wait.sh [-b LOADSTAR_BINARY]
# Env:    DURATION=8  SRV_CPU=0  GEN_CPU=1
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
BIN="$ROOT/build/release/bin/loadstar"
DURATION=${DURATION:-8}
SRV_CPU=${SRV_CPU:-0}
GEN_CPU=${GEN_CPU:-1}
while getopts "b:" opt; do
    case $opt in
        b) BIN=$OPTARG ;;
        *) exit 2 ;;
    esac
done
# shellcheck source=../../lib/common.sh
. "$ROOT/bench/lib/common.sh"
WORK=$(mktemp -d /tmp/loadstar-iowait.XXXXXX)
g++ -O2 -std=c++20 "$HERE/timer_lateness.cpp" -o "$WORK/timer_lateness" -pthread || exit 1
echo "# GET /io (50 ms wait): $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
taskset -c "$SRV_CPU" "$WORK/timer_lateness" 60
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null' EXIT
serve_loadstar "$BIN" "$ROOT/projects/benchmark-plan.loadstar.json" "$SRV_CPU"
p50_ms() { awk '$1 == "50%" {v = $2; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000} else if (v ~ /ms$/) sub(/ms$/, "", v); else {sub(/s$/, "", v); v *= 1000}; print v}' "$1"; }
taskset -c "$GEN_CPU" wrk -t1 -c1 -d"${DURATION}s" --latency "http://127.0.0.1:$PORT/io" >"$WORK/c1.wrk"
echo "c1:   p50 $(p50_ms "$WORK/c1.wrk") ms, overhead $(p50_ms "$WORK/c1.wrk" | awk '{printf "%.0f", ($1 - 50) * 1000}') us a request"
taskset -c "$GEN_CPU" wrk -t1 -c200 -d"${DURATION}s" --latency "http://127.0.0.1:$PORT/io" >"$WORK/c200.wrk"
requests=$(awk '/requests in/ {print $1}' "$WORK/c200.wrk")
p50=$(p50_ms "$WORK/c200.wrk")
awk -v n="$requests" -v d="$DURATION" -v p="$p50" 'BEGIN {
    rate = n / d; most = (200 * d * 1000 / p - 100) / d
    printf "c200: %.0f requests/s, p50 %.2f ms: %.1f %% of the ideal 4000; %.1f %% of the %.0f a closed loop completes in %d s at that p50\n", rate, p, rate / 40, 100 * rate / most, most, d
}'
