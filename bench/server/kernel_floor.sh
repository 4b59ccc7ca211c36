#!/usr/bin/env bash
# kernel_floor.sh -- how much of a request's CPU is the kernel's TCP work, which every
# HTTP/1.1 server and load generator on loopback pays alike, and therefore the largest
# requests-per-core-second ratio any program can reach against nginx or wrk here.
#
# Four processes, each measured while it serves or drives GET /hello at c50 (the process
# under test on one CPU, its peer on the other, as in run.sh and bench/load/run.sh):
#   nginx, `loadstar serve`     under wrk
#   wrk,   `loadstar load`      against nginx
# For each: `perf record` (cpu-clock samples with call chains) gives the share of its CPU
# spent in user space and inside tcp_sendmsg / tcp_recvmsg (on loopback tcp_sendmsg also
# delivers the segment to the peer's socket, in the sender's time); `perf stat` on the
# syscall tracepoints gives system calls per request (a request = one send). The floor:
# a program with no user space, no epoll and no failed reads still pays the anchor's TCP
# share, so it can be at most 1 / share times as fast per core-second as the anchor.
#
# Usage:  bench/server/kernel_floor.sh [-b LOADSTAR_BINARY]     (root: perf needs it)
# Env:    SECONDS_EACH=4  SRV_CPU=0  GEN_CPU=1
set -uo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="$ROOT/build/release/bin/loadstar"
PROJECT="$ROOT/projects/benchmark-plan.loadstar.json"
SECONDS_EACH=${SECONDS_EACH:-4}
SRV_CPU=${SRV_CPU:-0}
GEN_CPU=${GEN_CPU:-1}
while getopts "b:h" opt; do
    case $opt in
        b) BIN=$OPTARG ;;
        h) sed -n "2,/^set -uo/p" "$0" | sed "\$d"; exit 0 ;;
        *) exit 2 ;;
    esac
done
# shellcheck source=../lib/common.sh
. "$HERE/../lib/common.sh"
for tool in perf wrk nginx taskset curl; do
    command -v "$tool" >/dev/null 2>&1 || die "missing tool: $tool (Debian: apt-get install linux-perf wrk nginx-light curl)"
done
[ -x "$BIN" ] || die "no loadstar binary at $BIN"
WORK=$(mktemp -d /tmp/loadstar-floor.XXXXXX) || die "mktemp failed"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT

mkdir -p "$WORK/nginx/tmp"
NGINX_PORT=18190
sed -e "s|@PREFIX@|$WORK/nginx|g" -e "s|@PORT@|$NGINX_PORT|g" "$HERE/nginx.conf.in" >"$WORK/nginx/nginx.conf"
taskset -c "$SRV_CPU" nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -e "$WORK/nginx/error.log" &
PIDS+=($!)
serve_loadstar "$BIN" "$PROJECT" "$SRV_CPU"
SERVE_PID=$SERVER_PID
SERVE_PORT=$PORT
PIDS+=("$SERVE_PID")
for _ in $(seq 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$NGINX_PORT/hello" 2>/dev/null && break
    sleep 0.1
done
NGINX_WORKER=$(pgrep -P "${PIDS[0]}" | head -1)

# profile NAME PID: perf over SECONDS_EACH s of the running PID; prints one table row.
profile() {
    local name=$1 pid=$2 data="$WORK/$1.data"
    perf stat -x, -o "$WORK/$name.stat" -p "$pid" \
        -e 'syscalls:sys_enter_recvfrom,syscalls:sys_enter_read,syscalls:sys_enter_sendto,syscalls:sys_enter_sendmsg,syscalls:sys_enter_write,syscalls:sys_enter_writev,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_epoll_ctl' \
        -- sleep "$SECONDS_EACH" 2>/dev/null
    perf record -q -F 2000 -g -p "$pid" -o "$data" -- sleep "$SECONDS_EACH" >/dev/null 2>&1
    local user tcp
    user=$(perf report -i "$data" --no-children --sort dso --stdio -g none 2>/dev/null |
        awk '$1 ~ /%$/ && $2 !~ /kernel/ {sub(/%/, "", $1); s += $1} END {printf "%.1f", s}')
    tcp=$(perf report -i "$data" --children --sort sym --stdio -g none 2>/dev/null |
        awk '$NF == "tcp_sendmsg" || $NF == "tcp_recvmsg" {sub(/%/, "", $1); s += $1} END {printf "%.1f", s}')
    awk -F, -v name="$name" -v user="$user" -v tcp="$tcp" '
        { n[$3] = $1 }
        END {
            sends = n["syscalls:sys_enter_sendto"] + n["syscalls:sys_enter_sendmsg"] + n["syscalls:sys_enter_write"] + n["syscalls:sys_enter_writev"]
            if (sends == 0) sends = 1
            recvs = n["syscalls:sys_enter_recvfrom"] + n["syscalls:sys_enter_read"]
            printf "| %s | %s | %s | %.2f | %.2f | %.3f | %.2f | %.2f |\n", name, user, tcp, recvs / sends,
                1, n["syscalls:sys_enter_epoll_wait"] / sends, n["syscalls:sys_enter_epoll_ctl"] / sends, 100 / tcp
        }' "$WORK/$name.stat"
}

# drive URL: wrk on GEN_CPU for long enough to cover both perf windows.
drive() { taskset -c "$GEN_CPU" wrk -t1 -c50 -d"$((2 * SECONDS_EACH + 2))s" "$1" >/dev/null 2>&1 & }

echo "# kernel floor: GET /hello c50, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(nproc) CPUs, kernel $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| process | user % | in tcp_sendmsg+tcp_recvmsg % | reads per request | sends | epoll_wait | epoll_ctl | most any program can do, x this one |"
echo "|---|---|---|---|---|---|---|---|"
drive "http://127.0.0.1:$NGINX_PORT/hello"; sleep 1; profile nginx "$NGINX_WORKER"; wait $!
drive "http://127.0.0.1:$SERVE_PORT/hello"; sleep 1; profile "loadstar serve" "$SERVE_PID"; wait $!
taskset -c "$GEN_CPU" wrk -t1 -c50 -d"$((2 * SECONDS_EACH + 2))s" "http://127.0.0.1:$NGINX_PORT/hello" >/dev/null 2>&1 &
WRK=$!; sleep 1; profile wrk "$WRK"; wait "$WRK"
taskset -c "$GEN_CPU" "$BIN" load "http://127.0.0.1:$NGINX_PORT/hello" -c 50 -d "$((2 * SECONDS_EACH + 2))s" >/dev/null 2>&1 &
GEN=$!; sleep 1; profile "loadstar load" "$GEN"; wait "$GEN"
echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); perf data in $WORK"
