#!/usr/bin/env bash
# ab.sh -- before/after of server builds: GET /hello and POST /echo at c50, requests per
# server-core-second of each `loadstar` binary given and of nginx (GET /hello), measured
# in turn REPS times in one run (server on SRV_CPU, wrk on GEN_CPU), medians printed with
# each binary's ratio to nginx. What run.sh measures for one binary, for several at once,
# so that a change is judged against its parent under the same machine conditions.
#
# Usage:  bench/server/ab.sh NAME=LOADSTAR_BINARY [NAME=LOADSTAR_BINARY ...]
# Env:    DURATION=5  WARMUP=1  REPS=3  SRV_CPU=0  GEN_CPU=1
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PROJECT="$ROOT/projects/benchmark-plan.loadstar.json"
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-1}
REPS=${REPS:-3}
SRV_CPU=${SRV_CPU:-0}
GEN_CPU=${GEN_CPU:-1}
# shellcheck source=../lib/common.sh
. "$HERE/../lib/common.sh"
[ $# -ge 1 ] || die "usage: ab.sh NAME=LOADSTAR_BINARY [NAME=LOADSTAR_BINARY ...]"
for tool in wrk nginx taskset curl ss; do command -v "$tool" >/dev/null 2>&1 || die "missing tool: $tool"; done
ulimit -n 65536 2>/dev/null || true
WORK=$(mktemp -d /tmp/loadstar-ab.XXXXXX) || die "mktemp failed"
SERVER_PID=""
stop_server() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    SERVER_PID=""
}
trap stop_server EXIT

start() {  # NAME BINARY|nginx
    if [ "$2" = nginx ]; then
        PORT=18185
        mkdir -p "$WORK/nginx/tmp"
        sed -e "s|@PREFIX@|$WORK/nginx|g" -e "s|@PORT@|$PORT|g" "$HERE/nginx.conf.in" >"$WORK/nginx/nginx.conf"
        taskset -c "$SRV_CPU" nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -e "$WORK/nginx/error.log" &
        SERVER_PID=$!
    else
        serve_loadstar "$2" "$PROJECT" "$SRV_CPU"
    fi
    for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/hello" 2>/dev/null && return 0; sleep 0.1; done
    die "$1 did not start"
}

# per_core_s NAME PATH [wrk args...] -> requests per server-core-second (column 7 of wrk_measure)
per_core_s() {
    local name=$1 path=$2
    shift 2
    wrk_measure "$WORK/$name.wrk" "$name" 50 "http://127.0.0.1:$PORT$path" "$@" | cut -f7
    wait_connections_closed
}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo "# ab.sh: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), ${DURATION}s x $REPS"
declare -A HELLO ECHO
for rep in $(seq "$REPS"); do
    start nginx nginx
    HELLO[nginx]+="$(per_core_s "nginx.$rep" /hello) "
    stop_server
    for arg in "$@"; do
        name=${arg%%=*}
        start "$name" "${arg#*=}"
        HELLO[$name]+="$(per_core_s "$name.hello.$rep" /hello) "
        ECHO[$name]+="$(per_core_s "$name.echo.$rep" /echo -s "$HERE/echo.lua") "
        stop_server
    done
    log "rep $rep: nginx ${HELLO[nginx]}"
done
nginx_median=$(tr ' ' '\n' <<<"${HELLO[nginx]}" | grep . | median)
printf "%-12s %14s %14s %10s %12s\n" server "GET /hello" "POST /echo" "/ nginx" "echo/hello"
printf "%-12s %14s %14s %10s %12s\n" nginx "$nginx_median" - 1.00 -
for arg in "$@"; do
    name=${arg%%=*}
    h=$(tr ' ' '\n' <<<"${HELLO[$name]}" | grep . | median)
    e=$(tr ' ' '\n' <<<"${ECHO[$name]}" | grep . | median)
    printf "%-12s %14s %14s %10.2f %12.2f\n" "$name" "$h" "$e" "$(echo "$h / $nginx_median" | bc -l)" "$(echo "$e / $h" | bc -l)"
done
echo "# per rep (req per server-core-s): nginx [${HELLO[nginx]}]$(for arg in "$@"; do n=${arg%%=*}; printf ' %s hello [%s] echo [%s]' "$n" "${HELLO[$n]}" "${ECHO[$n]}"; done)"
echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
