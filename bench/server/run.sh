#!/usr/bin/env bash
# run.sh -- measure `loadstar serve` against nginx and FastAPI/uvicorn on this machine.
#
# In one run, with the server pinned to SRV_CPU and wrk to GEN_CPU (taskset), REPS times in
# turn (nginx, loadstar GET, loadstar POST, loadstar with 2 threads, then again), so that
# each ratio is taken from the same run and its median printed:
#   GET /hello c50        loadstar (async), nginx (`return 200` with the same JSON)
#   POST /echo c50        loadstar (a ten-field validated record)
#   GET /hello c50        loadstar --threads 2 (server on SRV_CPU and GEN_CPU: both cores)
# once each:
#   GET /hello, POST /echo c50 with uvicorn (the same model in Pydantic)
#   GET /io c10, c200     loadstar async and loadstar worker_pool (4 workers), 50 ms I/O wait
#   RSS with 1000 idle keep-alive connections (loadstar)
# For each: requests/s, p50/p99, server CPU % (utime+stime of the server's process tree
# over wall time), requests per server-core-second (requests / server CPU seconds) and RSS.
# Then the medians of the ratios the targets of issue 17 are stated in.
#
# Usage:  bench/server/run.sh [-b LOADSTAR_BINARY] [-p PROJECT]
#         (defaults: build/release/bin/loadstar, projects/benchmark-plan.loadstar.json)
# Env:    DURATION=8 (s per run)  WARMUP=2 (s, discarded)  SRV_CPU=0  GEN_CPU=1  REPS=3
#         IDLE_CONNECTIONS=1000  UVICORN=1 (0 skips it)
# Needs:  wrk, nginx (nginx-light), taskset, curl, /usr/bin/python3 with fastapi and uvicorn
#         (Debian: apt-get install nginx-light wrk python3-fastapi python3-uvicorn).
# Servers are started here, remembered by PID and stopped by PID. Scratch files go to a
# fresh /tmp/loadstar-bench.XXXXXX directory, kept for inspection.
set -uo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3
BIN="$ROOT/build/release/bin/loadstar"
PROJECT="$ROOT/projects/benchmark-plan.loadstar.json"
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-2}
SRV_CPU=${SRV_CPU:-0}
GEN_CPU=${GEN_CPU:-1}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-1000}
REPS=${REPS:-3}
UVICORN=${UVICORN:-1}

while getopts "b:p:h" opt; do
    case $opt in
        b) BIN=$OPTARG ;;
        p) PROJECT=$OPTARG ;;
        h) sed -n "2,/^set -uo/p" "$0" | sed "\$d"; exit 0 ;;
        *) exit 2 ;;
    esac
done

# shellcheck source=../lib/common.sh
. "$HERE/../lib/common.sh"

for tool in wrk nginx taskset curl ss; do command -v "$tool" >/dev/null 2>&1 || die "missing tool: $tool"; done
[ -x "$BIN" ] || die "no loadstar binary at $BIN (cmake --preset release && ninja -C build/release loadstar)"
[ -f "$PROJECT" ] || die "no project at $PROJECT"
[ "$UVICORN" = 0 ] || $PY -c 'import fastapi, uvicorn' 2>/dev/null ||
    die "$PY lacks fastapi/uvicorn (apt-get install python3-fastapi python3-uvicorn; or UVICORN=0)"
ulimit -n 65536 2>/dev/null || ulimit -n 4096 2>/dev/null || true

WORK=$(mktemp -d /tmp/loadstar-bench.XXXXXX) || die "mktemp failed"
SERVER_PID=""
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$SERVER_PID" 2>/dev/null && kill -9 "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
    fi
    SERVER_PID=""
}
trap stop_server EXIT

wait_ready() {  # URL
    for _ in $(seq 100); do
        curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

# Starts `loadstar serve` on PROJECT with an ephemeral port; sets SERVER_PID and PORT.
start_loadstar() {  # PROJECT [CPUS [serve args...]]
    local project=$1 cpus=${2:-$SRV_CPU}
    shift; shift
    serve_loadstar "$BIN" "$project" "$cpus" "$@"
}

start_nginx() {
    PORT=18180
    mkdir -p "$WORK/nginx/tmp"
    sed -e "s|@PREFIX@|$WORK/nginx|g" -e "s|@PORT@|$PORT|g" "$HERE/nginx.conf.in" >"$WORK/nginx/nginx.conf"
    taskset -c "$SRV_CPU" nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -e "$WORK/nginx/error.log" &
    SERVER_PID=$!
    wait_ready "http://127.0.0.1:$PORT/hello" || die "nginx did not start"
}

start_uvicorn() {
    PORT=18181
    PYTHONDONTWRITEBYTECODE=1 taskset -c "$SRV_CPU" $PY -m uvicorn fastapi_app:app --app-dir "$HERE" \
        --host 127.0.0.1 --port "$PORT" --log-level warning --no-access-log &
    SERVER_PID=$!
    wait_ready "http://127.0.0.1:$PORT/hello" || die "uvicorn did not start"
}

# One measured wrk run against the running server. Appends a line to $RESULTS.
measure() {  # NAME CONNECTIONS PATH [wrk args...]
    local name=$1 conns=$2 path=$3
    shift 3
    local url="http://127.0.0.1:$PORT$path" out="$WORK/$name.wrk"
    wrk_measure "$out" "$name" "$conns" "$url" "$@" >>"$RESULTS"
    log "$(tail -1 "$RESULTS")"
    wait_connections_closed
    sleep 1
}

value() {  # NAME COLUMN (1-based, as in the table)
    awk -F'\t' -v n="$1" -v c="$2" '$1 == n {print $c}' "$RESULTS"
}

log "scratch: $WORK"
log "loadstar: $BIN, project: $PROJECT"
log "machine: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# The same design with two event-loop threads (as `serve --threads 2` sets it).
THREADS2_PROJECT="$WORK/threads2.loadstar.json"
$PY - "$PROJECT" "$THREADS2_PROJECT" <<'EOF2'
import json, sys
with open(sys.argv[1]) as f:
    project = json.load(f)
project.setdefault("server", {}).setdefault("concurrency", {})["threads"] = 2
with open(sys.argv[2], "w") as f:
    json.dump(project, f, indent=2)
EOF2

for rep in $(seq "$REPS"); do
    start_nginx
    measure "nginx.hello.$rep" 50 /hello
    stop_server
    start_loadstar "$PROJECT"
    measure "loadstar.hello.$rep" 50 /hello
    measure "loadstar.echo.$rep" 50 /echo -s "$HERE/echo.lua"
    stop_server
    start_loadstar "$THREADS2_PROJECT" "$SRV_CPU,$GEN_CPU"
    measure "loadstar.threads2.hello.$rep" 50 /hello
    stop_server
done

if [ "$UVICORN" != 0 ]; then
    start_uvicorn
    measure uvicorn.hello 50 /hello
    measure uvicorn.echo 50 /echo -s "$HERE/echo.lua"
    stop_server
fi

start_loadstar "$PROJECT"
measure loadstar.io.c10 10 /io
measure loadstar.io.c200 200 /io
stop_server

# The same design under the worker-pool model (4 blocking workers).
POOL_PROJECT="$WORK/worker-pool.loadstar.json"
$PY - "$PROJECT" "$POOL_PROJECT" <<'EOF2'
import json, sys
with open(sys.argv[1]) as f:
    project = json.load(f)
concurrency = project.setdefault("server", {}).setdefault("concurrency", {})
concurrency["model"] = "worker_pool"
concurrency["workers"] = 4
with open(sys.argv[2], "w") as f:
    json.dump(project, f, indent=2)
EOF2
start_loadstar "$POOL_PROJECT"
measure pool4.io.c10 10 /io --timeout 10s
measure pool4.io.c200 200 /io --timeout 10s
stop_server

start_loadstar "$PROJECT"
idle_rss_before=$(tree_rss_kib "$SERVER_PID")
$PY "$HERE/idle_connections.py" 127.0.0.1 "$PORT" "$IDLE_CONNECTIONS" 3 >"$WORK/idle.out" &
IDLE_PID=$!
for _ in $(seq 100); do [ -s "$WORK/idle.out" ] && break; sleep 0.1; done
sleep 1
idle_rss=$(tree_rss_kib "$SERVER_PID")
idle_open=$(cat "$WORK/idle.out")
wait "$IDLE_PID"
stop_server

# median NAME-PREFIX COLUMN: the median over the repetitions NAME.1 .. NAME.REPS
median_of() {
    awk -F'\t' -v p="$1." -v c="$2" 'index($1, p) == 1 && $1 ~ /\.[0-9]+$/ {print $c}' "$RESULTS" | sort -n |
        awk '{a[NR]=$1} END {if (NR == 0) print 0; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'
}
# Per repetition, the ratio of two rows' column 7 (req per server-core-s); then their median.
ratio_median() {  # A B
    for rep in $(seq "$REPS"); do
        awk -F'\t' -v a="$1.$rep" -v b="$2.$rep" '$1 == a {x = $7} $1 == b {y = $7} END {if (y > 0) print x / y}' "$RESULTS"
    done | sort -n | awk '{a[NR]=$1} END {if (NR == 0) print 0; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'
}
ratios_listed() {  # A B: each repetition's ratio, for the record
    for rep in $(seq "$REPS"); do
        awk -F'\t' -v a="$1.$rep" -v b="$2.$rep" '$1 == a {x = $7} $1 == b {y = $7} END {if (y > 0) printf "%.2f ", x / y}' "$RESULTS"
    done
}

{
    echo
    echo "## loadstar serve vs nginx and uvicorn ($(date -u +%Y-%m-%dT%H:%MZ), ${DURATION}s runs x $REPS, server on CPU $SRV_CPU, wrk on CPU $GEN_CPU)"
    echo
    echo "Machine: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(nproc) CPUs. Load average before: $LOAD_BEFORE; at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews every figure; compare within one run)."
    echo
    echo "| run | conns | req/s | p50 ms | p99 ms | server CPU % | req per server-core-s | RSS MiB | errors |"
    echo "|---|---|---|---|---|---|---|---|---|"
    awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}' "$RESULTS"
    echo
    echo "RSS with $idle_open idle keep-alive connections: $(awk -v k="$idle_rss" 'BEGIN {printf "%.1f", k / 1024}') MiB" \
         "(before: $(awk -v k="$idle_rss_before" 'BEGIN {printf "%.1f", k / 1024}') MiB; target < 12 MiB)"
    echo
    printf "GET /hello, req per server-core-s: loadstar / nginx = %.2f, median of %s (%s) (target >= 1.1)\n" \
        "$(ratio_median loadstar.hello nginx.hello)" "$REPS" "$(ratios_listed loadstar.hello nginx.hello)"
    printf "POST /echo / GET /hello, req per server-core-s (loadstar) = %.2f, median of %s (%s) (target >= 0.8)\n" \
        "$(ratio_median loadstar.echo loadstar.hello)" "$REPS" "$(ratios_listed loadstar.echo loadstar.hello)"
    printf "GET /hello, req per server-core-s: 2 threads / 1 thread = %.2f, median of %s (%s)\n" \
        "$(ratio_median loadstar.threads2.hello loadstar.hello)" "$REPS" "$(ratios_listed loadstar.threads2.hello loadstar.hello)"
    printf "GET /hello medians: loadstar %.0f, nginx %.0f, loadstar 2 threads %.0f req per server-core-s; POST /echo %.0f\n" \
        "$(median_of loadstar.hello 7)" "$(median_of nginx.hello 7)" "$(median_of loadstar.threads2.hello 7)" "$(median_of loadstar.echo 7)"
    awk -v ls="$(median_of loadstar.hello 7)" -v uv="$(value uvicorn.hello 7)" -v echo="$(median_of loadstar.echo 7)" \
        -v uvecho="$(value uvicorn.echo 7)" -v io200="$(value loadstar.io.c200 3)" -v io10="$(value loadstar.io.c10 3)" \
        -v p50="$(value loadstar.io.c200 4)" -v pool200="$(value pool4.io.c200 3)" -v pool10="$(value pool4.io.c10 3)" 'BEGIN {
        if (uv) printf "GET /hello, req per server-core-s: loadstar / uvicorn = %.2f; POST /echo: %.2f\n", ls / uv, (uvecho ? echo / uvecho : 0)
        printf "async GET /io c200: %.0f req/s = %.1f%% of 4000 (target >= 99%%), p50 %.2f ms; c10: %.0f = %.1f%% of 200\n", io200, io200 / 40, p50, io10, io10 / 2
        printf "worker pool x4 GET /io c200: %.0f req/s = %+.1f%% vs 80 (target within 5%%); c10: %.0f\n", pool200, (pool200 - 80) / 0.8, pool10
    }'
} | tee "$WORK/report.md"
