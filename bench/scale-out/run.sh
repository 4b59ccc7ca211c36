#!/usr/bin/env bash
# bench/scale-out/run.sh -- requests per generator-core-second: a Locust worker
# against Loadstar's own engine, the same target, the same scenario, one run.
#
#   1. `loadstar serve` on the Benchmark plan (GET /hello), pinned to TARGET_CPU.
#   2. For each user count in USERS: `loadstar run --scenario micro-c10 --vus N
#      --duration D --target URL` pinned to GEN_CPU, with --engine native and with
#      --engine locust --workers 1 (a headless master and one worker, both on
#      GEN_CPU). The run's own ticks give the requests and the generator's CPU
#      while the load ran (the Locust processes summed; warm-up left out);
#      /usr/bin/time adds the whole process tree's CPU, start-up included.
# Prints a table: requests/s, generator CPU seconds, requests per generator-core-
# second, p50 and p99 as each engine reports them, and the ratio native/locust.
#
# usage:  bench/scale-out/run.sh         (uses build/release/bin/loadstar)
# env:    LOADSTAR=path  DURATION=8  USERS="10 50"  TARGET_CPU=0  GEN_CPU=1
# needs:  python3-locust, taskset, /usr/bin/time
set -uo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LOADSTAR=${LOADSTAR:-$ROOT/build/release/bin/loadstar}
DURATION=${DURATION:-8}
USERS=${USERS:-"10 50"}
TARGET_CPU=${TARGET_CPU:-0}
GEN_CPU=${GEN_CPU:-1}
PROJECT="$ROOT/projects/benchmark-plan.loadstar.json"

die() { echo "run.sh: $*" >&2; exit 1; }
for tool in locust taskset python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || die "missing $tool (apt-get install python3-locust time util-linux)"
done
[ -x "$LOADSTAR" ] || die "no $LOADSTAR: cmake --preset release && ninja -C build/release loadstar"
[ "$DURATION" -le 15 ] || die "DURATION is at most 15 s"

WORK=$(mktemp -d /tmp/loadstar-scale-out.XXXXXX)
SERVER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

taskset -c "$TARGET_CPU" "$LOADSTAR" serve "$PROJECT" --port 0 >"$WORK/serve.out" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do
    grep -q "listening on" "$WORK/serve.out" 2>/dev/null && break
    sleep 0.05
done
URL=$(sed -n 's/^listening on //p' "$WORK/serve.out" | head -1)
[ -n "$URL" ] || die "the server did not start: $(cat "$WORK/serve.out")"

# measure ENGINE USERS -> "rps cpu_s requests p50_us p99_us total_cpu_s"
measure() {
    local engine=$1 users=$2 json="$WORK/$1-$2.json"
    local extra=()
    [ "$engine" = locust ] && extra=(--workers 1 --locust-dir "$WORK/locust-$users")
    taskset -c "$GEN_CPU" /usr/bin/time -f "%U %S" -o "$WORK/time" \
        "$LOADSTAR" run "$PROJECT" --scenario micro-c10 --vus "$users" --duration "${DURATION}s" \
        --target "$URL" --engine "$engine" "${extra[@]}" --no-store --json "$json" >"$WORK/$engine-$users.out" 2>&1
    [ -s "$json" ] || { echo "- - - - - -"; return; }
    python3 - "$json" "$WORK/time" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
# GNU time puts "Command exited with non-zero status 1" first when a threshold failed.
user, system = (float(x) for x in open(sys.argv[2]).read().splitlines()[-1].split())
ticks = [t for t in run["series"] if t["stage"] >= 0]
requests = sum(t["overall"]["requests"] for t in ticks)
cpu = sum(t["resources"]["self"]["cpu_percent"] / 100 * t["seconds"] for t in ticks)
o = run["overall"]["summary"]
print(f'{o["rps"]:.0f} {cpu:.2f} {requests} {o["latency"]["p50_us"]} {o["latency"]["p99_us"]} {user + system:.2f}')
PY
}

echo "scale-out bench: $DURATION s per run, target $URL on CPU $TARGET_CPU, generators on CPU $GEN_CPU"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %6s %10s %8s %14s %10s %10s %12s\n' engine users "req/s" "cpu s" "req/core-s" "p50 us" "p99 us" "all cpu s"
for users in $USERS; do
    declare -A perCore=()
    for engine in native locust; do
        read -r rps cpu requests p50 p99 total < <(measure "$engine" "$users")
        per="-"
        [ "$cpu" != "-" ] && per=$(python3 -c "print(f'{$requests / max($cpu, 0.01):.0f}')")
        [ "$cpu" = "-" ] && echo "  $engine at $users users produced no result: $(tail -3 "$WORK/$engine-$users.out")"
        perCore[$engine]=$per
        printf '%-8s %6s %10s %8s %14s %10s %10s %12s\n' "$engine" "$users" "$rps" "$cpu" "$per" "$p50" "$p99" "$total"
    done
    if [ "${perCore[native]}" != "-" ] && [ "${perCore[locust]}" != "-" ]; then
        echo "  native / locust per generator-core-second at $users users: $(python3 -c "print(f'{${perCore[native]} / max(${perCore[locust]}, 1):.1f}x')")"
    fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Locust's latencies are rounded to whole milliseconds below 100 ms (0 for sub-millisecond answers)."
