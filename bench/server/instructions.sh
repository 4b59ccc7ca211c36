#!/usr/bin/env bash
# instructions.sh -- user-space instructions per request of `loadstar serve`, under callgrind.
#
# The machine's CPU time is shared with other work, and this machine's perf has no hardware
# counters, so changes to the server's hot path are decided on instruction counts: the server
# runs under `valgrind --tool=callgrind`, its counters are zeroed once it is warm, REQUESTS
# keep-alive requests are sent on 10 connections by `CLIENT load -n` (wrk's request: one
# Host header), and the counters are dumped. The kernel's share (the syscalls themselves) is
# not counted: count syscalls with strace -c.
#
# Usage:  bench/server/instructions.sh LOADSTAR_BINARY [hello|echo] [REQUESTS]
#         (project: projects/benchmark-plan.loadstar.json)
# Env:    CLIENT=LOADSTAR_BINARY (keep one client when comparing servers)
# Prints: "<what> <instructions per request>" and keeps the callgrind output for
#         callgrind_annotate in the scratch directory it names.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN=${1:?usage: instructions.sh LOADSTAR_BINARY [hello|echo] [REQUESTS]}
WHAT=${2:-hello}
REQUESTS=${3:-20000}
PROJECT="$ROOT/projects/benchmark-plan.loadstar.json"
CLIENT=${CLIENT:-$BIN}
for tool in valgrind callgrind_control; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install valgrind)" >&2; exit 1; }
done
WORK=$(mktemp -d /tmp/loadstar-instructions.XXXXXX)
valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.%p" "$BIN" serve "$PROJECT" --port 0 \
    >"$WORK/serve.out" 2>"$WORK/valgrind.err" &
PID=$!
trap 'kill $PID 2>/dev/null; wait 2>/dev/null' EXIT
PORT=""
for _ in $(seq 300); do
    PORT=$(sed -n '1s|^listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$WORK/serve.out")
    [ -n "$PORT" ] && break
    sleep 0.1
done
[ -n "$PORT" ] || { cat "$WORK/valgrind.err" >&2; exit 1; }
# The POST body of echo.lua (wrk.body), one line.
awk -F"'" '/wrk.body/ {on = 1} on && NF > 1 {printf "%s", $2} /}'"'"'$/ {on = 0}' "$HERE/echo.lua" >"$WORK/echo.json"
send() {  # COUNT
    case $WHAT in
        hello) "$CLIENT" load "http://127.0.0.1:$PORT/hello" -c 10 -n "$1" -d 120s --timeout 10s ;;
        echo) "$CLIENT" load "http://127.0.0.1:$PORT/echo" -c 10 -n "$1" -d 120s --timeout 10s -m POST \
                  --body "$(cat "$WORK/echo.json")" ;;
        *) echo "unknown request kind: $WHAT" >&2; exit 2 ;;
    esac
}
send 2000 >"$WORK/warm.out" 2>&1
callgrind_control -z "$PID" >/dev/null 2>&1
send "$REQUESTS" >"$WORK/run.out" 2>&1
callgrind_control -d "$PID" >/dev/null 2>&1
sleep 1
grep -q "requests in" "$WORK/run.out" || { echo "the client failed:" >&2; cat "$WORK/run.out" >&2; }
grep -E "Non-2xx|errors" "$WORK/run.out" >&2
OUT=$(ls -t "$WORK"/callgrind.* | head -1)
IR=$(awk '/^summary:/ {print $2}' "$OUT")
awk -v what="$WHAT" -v ir="$IR" -v n="$REQUESTS" 'BEGIN {printf "%s %.0f instructions per request\n", what, ir / n}'
echo "# callgrind output: $OUT (callgrind_annotate $OUT)"
