#!/usr/bin/env bash
# run.sh -- the generated FastAPI and Flask apps against the hand-written anchor apps, then
# the whole Compare Frameworks table for the Benchmark plan, on this machine.
#
# Part 1 (anchors), in one run, server pinned to SRV_CPU and wrk to GEN_CPU (taskset), the
# anchor and the generated app alternated ROUNDS times so that both see the same machine:
#   GET /hello c50   FastAPI anchor vs generated FastAPI (uvicorn, 1 worker)
#                    Flask anchor vs generated Flask (gunicorn sync, 4 workers)
#   GET /io c200     the same four (the anchors' /io and the plan's io endpoint: 50 ms of I/O wait)
# Each: requests/s, p50/p99, server CPU (utime+stime of the whole process tree over the run's
# wall time) and requests per server-core-second. The target: the generated apps within 10% of
# the anchors' requests per server-core-second (ratio >= 0.90, medians over the rounds).
#
# Part 2 (Compare Frameworks): `loadstar compare-frameworks` on the Benchmark plan, every
# scenario (micro / io / model x c10 / c200 / c1000) against the embedded server, FastAPI
# (uvicorn, 1 worker) and Flask (gunicorn sync, 4 workers); servers on SRV_CPU, the load
# generator on GEN_CPU. Writes the table (Markdown and HTML) into the scratch directory.
#
# Usage:  bench/frameworks/run.sh [-b LOADSTAR_BINARY] [-p PROJECT] [-a ANCHOR_APPS] [-1] [-2]
#         (defaults: build/release/bin/loadstar, projects/benchmark-plan.loadstar.json,
#          ../shared/bench/anchor_apps; -1 / -2: only part 1 / part 2)
# Env:    DURATION=8 (s per wrk run)  WARMUP=2 (s, discarded)  ROUNDS=3  SRV_CPU=0  GEN_CPU=1
# Needs:  wrk, taskset, curl, ss, /usr/bin/python3 with fastapi, uvicorn, flask, gunicorn
#         (Debian: apt-get install wrk python3-fastapi python3-uvicorn python3-uvloop
#          python3-httptools python3-flask gunicorn).
# Servers are started here, remembered by PID (each in its own process group) and stopped by
# PID. Scratch files go to a fresh /tmp/loadstar-frameworks.XXXXXX directory, kept.
set -uo pipefail
set -m  # every background job in a process group of its own: a server is stopped with its workers

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3
BIN="$ROOT/build/release/bin/loadstar"
PROJECT="$ROOT/projects/benchmark-plan.loadstar.json"
# ../shared next to a checkout, ../../shared next to a worktree in wt/.
ANCHORS="$ROOT/../shared/bench/anchor_apps"
[ -d "$ANCHORS" ] || ANCHORS="$ROOT/../../shared/bench/anchor_apps"
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-2}
ROUNDS=${ROUNDS:-3}
SRV_CPU=${SRV_CPU:-0}
GEN_CPU=${GEN_CPU:-1}
PART1=1
PART2=1

while getopts "b:p:a:12h" opt; do
    case $opt in
        b) BIN=$OPTARG ;;
        p) PROJECT=$OPTARG ;;
        a) ANCHORS=$OPTARG ;;
        1) PART2=0 ;;
        2) PART1=0 ;;
        h) sed -n "2,/^set -uo/p" "$0" | sed "\$d"; exit 0 ;;
        *) exit 2 ;;
    esac
done

# shellcheck source=../lib/common.sh
. "$HERE/../lib/common.sh"

for tool in wrk taskset curl ss; do command -v "$tool" >/dev/null 2>&1 || die "missing tool: $tool"; done
[ -x "$BIN" ] || die "no loadstar binary at $BIN (cmake --preset release && ninja -C build/release loadstar)"
[ -f "$PROJECT" ] || die "no project at $PROJECT"
[ -f "$ANCHORS/fastapi_app.py" ] && [ -f "$ANCHORS/flask_app.py" ] || die "no anchor apps in $ANCHORS"
$PY -c 'import fastapi, uvicorn, flask, gunicorn' 2>/dev/null ||
    die "$PY lacks fastapi/uvicorn/flask/gunicorn (apt-get install python3-fastapi python3-uvicorn python3-flask gunicorn)"
ulimit -n 65536 2>/dev/null || ulimit -n 4096 2>/dev/null || true

WORK=$(mktemp -d /tmp/loadstar-frameworks.XXXXXX) || die "mktemp failed"
SERVER_PID=""
PORT=""
RESULTS="$WORK/anchors.tsv"
: >"$RESULTS"

stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null
        for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL -- "-$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
    fi
    SERVER_PID=""
}
trap stop_server EXIT

free_port() {
    $PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts a server command line (its own process group under `set -m`, pinned to SRV_CPU) in DIR and waits
# until GET /hello answers 200. Sets SERVER_PID and PORT.
start_server() {  # NAME DIR COMMAND... ({port} is replaced)
    local name=$1 dir=$2
    shift 2
    PORT=$(free_port)
    local args=()
    for a in "$@"; do args+=("${a//\{port\}/$PORT}"); done
    (cd "$dir" && exec taskset -c "$SRV_CPU" "${args[@]}") >"$WORK/$name.server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 300); do
        curl -fsS -o /dev/null "http://127.0.0.1:$PORT/hello" 2>/dev/null && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    cat "$WORK/$name.server.log" >&2
    die "$name did not start"
}

# One measured wrk run against the running server; appends a line to $RESULTS:
# name round connections rps p50_ms p99_ms server_cpu_% requests_per_core_second rss_mib errors
measure() {  # NAME ROUND CONNECTIONS PATH
    local name=$1 round=$2 conns=$3 path=$4
    local url="http://127.0.0.1:$PORT$path" out="$WORK/$name.$round.c$conns.wrk"
    wrk_measure "$out" "$name"$'\t'"$round" "$conns" "$url" --timeout 10s >>"$RESULTS"
    log "$(tail -1 "$RESULTS")"
    wait_connections_closed
    sleep 1
}

# The median of column COL over the rounds of NAME at CONNECTIONS.
median() {  # NAME CONNECTIONS COL
    awk -F'\t' -v n="$1" -v c="$2" -v col="$3" '$1 == n && $3 == c {print $col}' "$RESULTS" | sort -g |
        awk '{v[NR] = $1} END {if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

GEN="$WORK/generated"
log "scratch: $WORK"
log "loadstar: $BIN, project: $PROJECT, anchors: $ANCHORS"
log "load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) at the start"

if [ "$PART1" = 1 ]; then
    for fw in fastapi flask; do
        "$BIN" generate "$fw" "$PROJECT" -o "$GEN/$fw" >/dev/null || die "loadstar generate $fw failed"
    done
    PYENV=(env PYTHONDONTWRITEBYTECODE=1)
    declare -A COMMAND=(
        [fastapi.anchor]="$ANCHORS|${PYENV[*]} $PY -m uvicorn fastapi_app:app --host 127.0.0.1 --port {port} --workers 1 --log-level warning --no-access-log"
        [fastapi.generated]="$GEN/fastapi|${PYENV[*]} $PY -m uvicorn app.main:app --host 127.0.0.1 --port {port} --workers 1 --log-level warning --no-access-log"
        [flask.anchor]="$ANCHORS|${PYENV[*]} $PY -m gunicorn -b 127.0.0.1:{port} -w 4 -k sync --log-level warning flask_app:app"
        [flask.generated]="$GEN/flask|${PYENV[*]} $PY -m gunicorn -b 127.0.0.1:{port} -w 4 -k sync --log-level warning app.main:app"
    )
    for round in $(seq "$ROUNDS"); do
        for name in fastapi.anchor fastapi.generated flask.anchor flask.generated; do
            IFS='|' read -r dir cmd <<<"${COMMAND[$name]}"
            # shellcheck disable=SC2086
            start_server "$name" "$dir" $cmd
            measure "$name" "$round" 50 /hello
            measure "$name" "$round" 200 /io
            stop_server
        done
    done

    {
        echo "| App | Endpoint | req/s | p50 ms | p99 ms | server CPU % | req per server-core-s | RSS MiB |"
        echo "|---|---|---:|---:|---:|---:|---:|---:|"
        for name in fastapi.anchor fastapi.generated flask.anchor flask.generated; do
            for c in 50 200; do
                ep=$([ "$c" = 50 ] && echo "GET /hello c50" || echo "GET /io c200")
                printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n" "$name" "$ep" "$(median "$name" "$c" 4)" \
                    "$(median "$name" "$c" 5)" "$(median "$name" "$c" 6)" "$(median "$name" "$c" 7)" \
                    "$(median "$name" "$c" 8)" "$(median "$name" "$c" 9)"
            done
        done
        echo
        echo "| Framework | Endpoint | generated / anchor, req per server-core-s | target >= 0.90 |"
        echo "|---|---|---:|---|"
        for fw in fastapi flask; do
            for c in 50 200; do
                ep=$([ "$c" = 50 ] && echo "GET /hello c50" || echo "GET /io c200")
                a=$(median "$fw.anchor" "$c" 8)
                g=$(median "$fw.generated" "$c" 8)
                awk -v fw="$fw" -v ep="$ep" -v a="$a" -v g="$g" 'BEGIN {
                    r = (a > 0 ? g / a : 0); printf "| %s | %s | %.2f | %s |\n", fw, ep, r, (r >= 0.9 ? "met" : "missed") }'
            done
        done
    } >"$WORK/anchors.md"
    cat "$WORK/anchors.md"
fi

if [ "$PART2" = 1 ]; then
    cp "$PROJECT" "$WORK/plan.loadstar.json"
    log "compare-frameworks: every scenario of $(basename "$PROJECT") against the three servers"
    "$BIN" compare-frameworks "$WORK/plan.loadstar.json" --server-cpus "$SRV_CPU" --generator-cpus "$GEN_CPU" \
        --markdown "$WORK/compare.md" --html "$WORK/compare.html" | tee "$WORK/compare.log"
    status=${PIPESTATUS[0]}
    [ "$status" = 0 ] || log "compare-frameworks exited with $status"
fi
log "load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) at the end"
log "results in $WORK"
