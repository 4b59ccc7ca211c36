#!/usr/bin/env bash
# bench/load/run.sh -- loadstar load against wrk, hey and ab on this machine.
#
# All traffic to 127.0.0.1, every run bounded in time:
#   1. nginx (1 worker, `return 200` on /hello) pinned to TARGET_CPU; each generator
#      pinned to GEN_CPU at c50 and c1000 for DURATION s: requests/s, generator CPU %,
#      requests per generator-core-second, max RSS. loadstar and wrk REPS times in turn
#      (the ratios are the medians of each repetition's ratio), hey and ab once;
#      then `loadstar load -t 2` and `wrk -t2` on both CPUs (per core-second, 1 vs 2 threads).
#   2. a fixed 50 ms endpoint (delay_server.py) at c10: the p50 each generator reports.
#   3. loadstar's open loop at -R 5000 and 20000 against nginx: the achieved rate.
# Prints a table and the ratios of loadstar to wrk (and to hey).
#
# usage:  bench/load/run.sh            (builds nothing: uses build/release/bin/loadstar)
# env:    LOADSTAR=path/to/loadstar  DURATION=8  TARGET_CPU=0  GEN_CPU=1  PORT=18180  REPS=3
# needs:  nginx-light wrk hey apache2-utils python3 (apt-get install them if missing)
set -uo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LOADSTAR=${LOADSTAR:-$ROOT/build/release/bin/loadstar}
DURATION=${DURATION:-8}
TARGET_CPU=${TARGET_CPU:-0}
GEN_CPU=${GEN_CPU:-1}
PORT=${PORT:-18180}
REPS=${REPS:-3}
DELAY_PORT=$((PORT + 1))

die() { echo "run.sh: $*" >&2; exit 1; }
for tool in nginx wrk hey ab taskset python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || die "missing $tool (apt-get install nginx-light wrk hey apache2-utils)"
done
[ -x "$LOADSTAR" ] || die "no $LOADSTAR: cmake --preset release && ninja -C build/release loadstar"
[ "$DURATION" -le 15 ] || die "DURATION is at most 15 s"

WORK=$(mktemp -d /tmp/loadstar-bench.XXXXXX)
NGINX_PID=""
DELAY_PID=""
cleanup() {
    [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null
    [ -n "$DELAY_PID" ] && kill "$DELAY_PID" 2>/dev/null
    wait 2>/dev/null
}
trap cleanup EXIT

mkdir -p "$WORK/tmp"
sed -e "s#@PREFIX@#$WORK#g" -e "s#@PORT@#$PORT#g" "$HERE/nginx.conf.in" > "$WORK/nginx.conf"
taskset -c "$TARGET_CPU" nginx -c "$WORK/nginx.conf" -p "$WORK" 2>"$WORK/nginx.err" &
NGINX_PID=$!
taskset -c "$TARGET_CPU" python3 "$HERE/delay_server.py" "$DELAY_PORT" 2>"$WORK/delay.err" &
DELAY_PID=$!
for _ in $(seq 50); do
    curl -sf "http://127.0.0.1:$PORT/hello" >/dev/null 2>&1 && curl -sf "http://127.0.0.1:$DELAY_PORT/" >/dev/null 2>&1 && break
    sleep 0.1
done
curl -sf "http://127.0.0.1:$PORT/hello" >/dev/null || die "nginx did not start (see $WORK/nginx.err)"

HELLO="http://127.0.0.1:$PORT/hello"
DELAYED="http://127.0.0.1:$DELAY_PORT/"

# run NAME CONNECTIONS URL COMMAND... -> prints "rps cpu% rss_kb p50_ms" (p50 "-" when not parsed)
measure() {
    local name=$1 out="$WORK/$1.out" timing="$WORK/$1.time"
    shift
    taskset -c "$GEN_CPU" /usr/bin/time -o "$timing" -f '%e %U %S %M' "$@" >"$out" 2>&1
    # GNU time puts "Command exited with non-zero status N" first when the generator fails.
    read -r wall user sys rss < <(tail -1 "$timing")
    local rps p50
    case $name in
        wrk*|loadstar*) rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
                        p50=$(awk '$1=="50%" || $1=="50.000%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v; exit}' "$out") ;;
        hey*) rps=$(awk '/Requests\/sec:/ {print $2}' "$out")
              p50=$(awk '/ 50%% in / || / 50% in / {print $3*1000; exit}' "$out") ;;
        ab*) rps=$(awk '/^Requests per second:/ {print $4}' "$out")
             p50=$(awk '$1=="50%" {print $2; exit}' "$out") ;;
    esac
    local cpu
    cpu=$(awk -v u="$user" -v s="$sys" -v w="$wall" 'BEGIN {printf "%.0f", 100*(u+s)/w}')
    echo "${rps:-0} $cpu $rss ${p50:--}"
}

printf "# loadstar load vs wrk, hey, ab -- %s\n" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
printf "# target nginx on CPU %s, generator on CPU %s, %s s per run; machine: %s, %s CPUs\n" \
    "$TARGET_CPU" "$GEN_CPU" "$DURATION" "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)" "$(nproc)"
printf "# loadstar %s; %s; %s\n\n" "$("$LOADSTAR" --version)" "$(wrk -v 2>&1 | head -1)" "$(ab -V | head -1)"

declare -A RPS CPU RSS P50
printf "%-14s %5s %12s %7s %14s %9s\n" generator conns "requests/s" "CPU %" "req/core-sec" "RSS MiB"
run_generator() {  # GEN CONNS KEY [CPUS]
    local gen=$1 conns=$2 key=$3 cpus=${4:-$GEN_CPU}
    case $gen in
        loadstar) cmd=("$LOADSTAR" load "$HELLO" -c "$conns" -d "${DURATION}s" -t 1 --timeout 10s) ;;
        loadstar-t2) cmd=("$LOADSTAR" load "$HELLO" -c "$conns" -d "${DURATION}s" -t 2 --timeout 10s) ;;
        wrk) cmd=(wrk -t1 -c "$conns" -d "${DURATION}s" --timeout 10s "$HELLO") ;;
        wrk-t2) cmd=(wrk -t2 -c "$conns" -d "${DURATION}s" --timeout 10s "$HELLO") ;;
        hey) cmd=(hey -c "$conns" -z "${DURATION}s" "$HELLO") ;;
        ab) cmd=(ab -k -q -c "$conns" -t "$DURATION" -n 100000000 "$HELLO") ;;
    esac
    read -r rps cpu rss _ < <(GEN_CPU=$cpus measure "$gen-c$conns-$key" "${cmd[@]}")
    RPS[$key]=$rps; CPU[$key]=$cpu; RSS[$key]=$rss
    percore=$(awk -v r="$rps" -v c="$cpu" 'BEGIN {if (c > 0) printf "%.0f", r/(c/100); else print 0}')
    printf "%-14s %5s %12.0f %7s %14s %9.1f\n" "$gen" "$conns" "$rps" "$cpu" "$percore" "$(awk -v k="$rss" 'BEGIN {print k/1024}')"
    sleep 1
}
for conns in 50 1000; do
    for rep in $(seq "$REPS"); do
        for gen in loadstar wrk; do run_generator "$gen" "$conns" "$gen-$conns-$rep"; done
    done
    for gen in hey ab; do run_generator "$gen" "$conns" "$gen-$conns"; done
done
# Two generator threads on both CPUs (nginx shares CPU 0 with one of them).
for rep in $(seq "$REPS"); do
    for gen in loadstar-t2 wrk-t2; do run_generator "$gen" 50 "$gen-50-$rep" "$TARGET_CPU,$GEN_CPU"; done
done

echo
printf "%-14s %12s   (fixed 50 ms endpoint, c10, %s s)\n" generator "p50 ms" "$DURATION"
for gen in loadstar wrk hey ab; do
    case $gen in
        loadstar) cmd=("$LOADSTAR" load "$DELAYED" -c 10 -d "${DURATION}s" --latency) ;;
        wrk) cmd=(wrk -t1 -c 10 -d "${DURATION}s" --latency "$DELAYED") ;;
        hey) cmd=(hey -c 10 -z "${DURATION}s" "$DELAYED") ;;
        ab) cmd=(ab -k -c 10 -t "$DURATION" -n 100000000 "$DELAYED") ;;
    esac
    read -r _ _ _ p50 < <(measure "$gen-delay" "${cmd[@]}")
    P50[$gen]=$p50
    printf "%-14s %12s\n" "$gen" "$p50"
done

echo
for rate in 5000 20000; do
    taskset -c "$GEN_CPU" "$LOADSTAR" load "$HELLO" -R "$rate" -c 200 -d "${DURATION}s" >"$WORK/loadstar-R$rate.out" 2>&1
    achieved=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/loadstar-R$rate.out")
    printf "open loop -R %-6s achieved %10.2f requests/s (%s%% of R)\n" "$rate" "$achieved" \
        "$(awk -v a="$achieved" -v r="$rate" 'BEGIN {printf "%.2f", 100*a/r}')"
done

echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a/b; else print "n/a"}'; }
percore() { awk -v r="${RPS[$1]}" -v c="${CPU[$1]}" 'BEGIN {if (c > 0) print r/(c/100); else print 0}'; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print 0; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'; }
# each repetition's ratio A/B of a measure (percore, or an array name), then the median
per_rep() {  # WHAT A B CONNS
    for rep in $(seq "$REPS"); do
        if [ "$1" = percore ]; then
            ratio "$(percore "$2-$4-$rep")" "$(percore "$3-$4-$rep")"
        else
            local -n values=$1
            ratio "${values[$2-$4-$rep]}" "${values[$3-$4-$rep]}"
        fi
        echo
    done
}
for conns in 50 1000; do
    printf "c%-5s loadstar/wrk (median of %s): req per core-second %s [%s], requests/s %s, RSS %s;  loadstar/hey req per core-second %s\n" \
        "$conns" "$REPS" "$(per_rep percore loadstar wrk "$conns" | median)" "$(per_rep percore loadstar wrk "$conns" | tr '\n' ' ')" \
        "$(per_rep RPS loadstar wrk "$conns" | median)" "$(per_rep RSS loadstar wrk "$conns" | median)" \
        "$(ratio "$(percore loadstar-$conns-1)" "$(percore hey-$conns)")"
done
t1=$(for rep in $(seq "$REPS"); do percore "loadstar-50-$rep"; done | median)
t2=$(for rep in $(seq "$REPS"); do percore "loadstar-t2-50-$rep"; done | median)
w1=$(for rep in $(seq "$REPS"); do percore "wrk-50-$rep"; done | median)
w2=$(for rep in $(seq "$REPS"); do percore "wrk-t2-50-$rep"; done | median)
printf "threads c50, req per generator-core-second (medians): loadstar 1 thread %.0f, 2 threads %.0f (%s); wrk 1 thread %.0f, 2 threads %.0f (%s)\n" \
    "$t1" "$t2" "$(ratio "$t2" "$t1")" "$w1" "$w2" "$(ratio "$w2" "$w1")"
printf "p50 at 50 ms: loadstar - wrk = %s ms\n" "$(awk -v a="${P50[loadstar]}" -v b="${P50[wrk]}" 'BEGIN {printf "%.3f", a-b}')"
echo "# raw outputs kept in $WORK"
