# common.sh -- shell functions the bench/*/run.sh scripts share (sourced, not run).
#
# A script that sources this sets, before calling these: WORK (scratch directory),
# SERVER_PID and PORT (the server under test), GEN_CPU (where wrk runs), WARMUP and
# DURATION (seconds).

die() { echo "run.sh: $*" >&2; exit 1; }
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

CLK_TCK=$(getconf CLK_TCK)

# The PID and its descendants (an nginx master and its worker, gunicorn's workers).
tree_pids() {
    local pid=$1
    echo "$pid"
    for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do tree_pids "$child"; done
}

# utime+stime of the process tree, in clock ticks.
tree_cpu_ticks() {
    local total=0 pid fields
    for pid in $(tree_pids "$1"); do
        fields=$(sed 's/^.*) //' /proc/"$pid"/stat 2>/dev/null) || continue
        # shellcheck disable=SC2086
        set -- $fields
        total=$((total + ${12} + ${13}))
    done
    echo "$total"
}

# Resident memory of the process tree, in KiB.
tree_rss_kib() {
    local total=0 pid kib
    for pid in $(tree_pids "$1"); do
        kib=$(awk '/^VmRSS:/ {print $2}' /proc/"$pid"/status 2>/dev/null)
        total=$((total + ${kib:-0}))
    done
    echo "$total"
}

# Converts wrk's "181.00us" / "2.27ms" / "1.02s" to milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
        else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.3f", v * 60000 }
        else { sub(/s$/, "", v); printf "%.3f", v * 1000 }
    }'
}

# Waits (up to 30 s) until the server has closed every client connection: a server that
# still answers requests of a finished run (a worker pool's queue) would otherwise
# spend the next run's time on them.
wait_connections_closed() {
    for _ in $(seq 300); do
        [ "$(ss -Htn state connected exclude time-wait "( sport = :$PORT )" 2>/dev/null | wc -l)" -eq 0 ] && return 0
        sleep 0.1
    done
    log "connections to port $PORT still open after 30 s"
}

# One measured wrk run (after WARMUP s, discarded) against the running server, on GEN_CPU.
# Prints one tab-separated line: LABEL connections rps p50_ms p99_ms server_cpu_%
# requests_per_server_core_second rss_mib errors. Keeps wrk's output in OUT.
wrk_measure() {  # OUT LABEL CONNECTIONS URL [wrk args...]
    local out=$1 label=$2 conns=$3 url=$4
    shift 4
    if [ "$WARMUP" -gt 0 ]; then
        taskset -c "$GEN_CPU" wrk -t1 -c"$conns" -d"${WARMUP}s" "$@" "$url" >/dev/null 2>&1
        wait_connections_closed
    fi
    local ticks0 t0 ticks1 t1
    ticks0=$(tree_cpu_ticks "$SERVER_PID")
    t0=$(date +%s.%N)
    taskset -c "$GEN_CPU" wrk -t1 -c"$conns" -d"${DURATION}s" --latency "$@" "$url" >"$out" 2>&1
    t1=$(date +%s.%N)
    ticks1=$(tree_cpu_ticks "$SERVER_PID")
    local rss requests rps p50 p99 errors
    rss=$(tree_rss_kib "$SERVER_PID")
    requests=$(awk '/requests in/ {print $1}' "$out")
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
    errors=$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$out")
    awk -v label="$label" -v c="$conns" -v req="${requests:-0}" -v rps="${rps:-0}" -v p50="$p50" -v p99="$p99" \
        -v cpu=$((ticks1 - ticks0)) -v tck="$CLK_TCK" -v t0="$t0" -v t1="$t1" -v rss="$rss" -v err="$errors" \
        'BEGIN {
            wall = t1 - t0; cpus = cpu / tck
            printf "%s\t%d\t%.0f\t%.3f\t%.3f\t%.0f\t%.0f\t%.1f\t%d\n", label, c, rps, p50, p99,
                   100 * cpus / wall, (cpus > 0 ? req / cpus : 0), rss / 1024, err
        }'
}

# Starts `BIN serve PROJECT --port 0 [serve args...]` pinned to CPUS, its output in
# WORK; sets SERVER_PID and PORT once it listens, or dies with what it printed.
serve_loadstar() {  # BIN PROJECT CPUS [serve args...]
    local bin=$1 project=$2 cpus=$3 out="$WORK/loadstar.$RANDOM.out"
    shift 3
    taskset -c "$cpus" "$bin" serve "$project" --port 0 "$@" >"$out" 2>"$out.err" &
    SERVER_PID=$!
    for _ in $(seq 100); do
        PORT=$(sed -n '1s|^listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$out")
        [ -n "$PORT" ] && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    cat "$out.err" >&2
    die "loadstar serve did not start"
}
