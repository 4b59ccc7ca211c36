#!/usr/bin/env bash
# run.sh -- Asio's epoll reactor against its io_uring backend, on the same minimal server
# (minimal_server.cpp: the session's read / answer / gathered-write pattern), to decide which
# backend `loadstar serve` should use. Built here twice (g++ -O2, the second with
# BOOST_ASIO_HAS_IO_URING and BOOST_ASIO_DISABLE_EPOLL, linked with liburing).
#
# For REPS repetitions, alternating the backends: the server pinned to SRV_CPU, wrk -t1 -cCONNS
# pinned to GEN_CPU for DURATION s; requests per server-core-second from the server's
# utime+stime. Prints each run, the medians and their ratio.
# Usage:  bench/server/io_backend/run.sh     Env: DURATION=5 REPS=5 CONNS=50 SRV_CPU=0 GEN_CPU=1
# Needs:  g++, libboost1.81-dev, liburing-dev, wrk, taskset.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
DURATION=${DURATION:-5}
REPS=${REPS:-5}
CONNS=${CONNS:-50}
SRV_CPU=${SRV_CPU:-0}
GEN_CPU=${GEN_CPU:-1}
die() { echo "run.sh: $*" >&2; exit 1; }
for tool in g++ wrk taskset; do command -v "$tool" >/dev/null || die "missing $tool"; done
[ -f /usr/include/liburing.h ] || die "missing liburing-dev (apt-get install liburing-dev)"
WORK=$(mktemp -d /tmp/loadstar-iobackend.XXXXXX)
g++ -std=c++20 -O2 -DNDEBUG "$HERE/minimal_server.cpp" -o "$WORK/epoll" || die "build (epoll) failed"
g++ -std=c++20 -O2 -DNDEBUG -DBOOST_ASIO_HAS_IO_URING -DBOOST_ASIO_DISABLE_EPOLL "$HERE/minimal_server.cpp" \
    -o "$WORK/io_uring" -luring || die "build (io_uring) failed"
CLK_TCK=$(getconf CLK_TCK)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; }
trap cleanup EXIT

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

one_run() {  # BACKEND -> prints req per server-core-second
    local out="$WORK/$1.port"
    taskset -c "$SRV_CPU" "$WORK/$1" 0 >"$out" 2>"$WORK/$1.err" &
    SERVER_PID=$!
    local port=""
    for _ in $(seq 50); do port=$(awk '/listening on/ {print $3}' "$out"); [ -n "$port" ] && break; sleep 0.1; done
    [ -n "$port" ] || { cat "$WORK/$1.err" >&2; die "$1 did not start (io_uring refused by the kernel?)"; }
    local t0 t1
    t0=$(ticks "$SERVER_PID")
    taskset -c "$GEN_CPU" wrk -t1 -c"$CONNS" -d"${DURATION}s" "http://127.0.0.1:$port/hello" >"$WORK/$1.wrk" 2>&1
    t1=$(ticks "$SERVER_PID")
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""
    local requests
    requests=$(awk '/requests in/ {print $1}' "$WORK/$1.wrk")
    awk -v r="$requests" -v t=$((t1 - t0)) -v hz="$CLK_TCK" 'BEGIN {printf "%.0f\n", (t > 0 ? r / (t / hz) : 0)}'
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }

echo "# Asio epoll vs io_uring, minimal server, c$CONNS, ${DURATION}s x $REPS, server CPU $SRV_CPU, wrk CPU $GEN_CPU"
echo "# $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), kernel $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$WORK/epoll.all"; : >"$WORK/io_uring.all"
for rep in $(seq "$REPS"); do
    for backend in epoll io_uring; do
        v=$(one_run "$backend")
        echo "$v" >>"$WORK/$backend.all"
        printf "rep %d %-9s %8s req per server-core-s\n" "$rep" "$backend" "$v"
    done
done
e=$(median <"$WORK/epoll.all"); u=$(median <"$WORK/io_uring.all")
printf "median: epoll %.0f, io_uring %.0f req per server-core-s; io_uring / epoll = %.2f\n" "$e" "$u" \
    "$(awk -v a="$u" -v b="$e" 'BEGIN {print (b > 0 ? a / b : 0)}')"
echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
