#!/usr/bin/env bash
# Benchmark: end-to-end HJ 212 ingestion on loopback, with the exactly-once count check.
#   Loads the demo city with N enterprises (≈ one logger per 4 enterprises; 40,000 give 10,380
#   loggers), then for each backend (SQLite, PostgreSQL) and each connection count:
#   copies the loaded database, starts `lantian serve --hj212-listen`, runs
#   `lantian simulate --rate 0` (as fast as acknowledgements allow, WINDOW packets in flight per
#   logger, real-time data CN 2011 with 3 pollutants + O2, temperature, flow = 6 values a
#   packet, HJ 212-2017) for DURATION seconds, then `--check`: every acknowledged packet must be
#   stored, none accepted twice. Server and simulator share the machine's cores.
# Usage: bash bench/ingest.sh
#   env: LANTIAN_BIN, N=40000, SEED=1, CONNS="1000 10000", DURATION=20, WINDOW=32 (1000 conns;
#        10000 conns use WINDOW/16: 20,000 packets in flight keep the acknowledgement wait under the loggers' 5 s time-out), BACKENDS="sqlite postgres", PG=postgres://postgres@127.0.0.1:5432,
#        PORT=19212
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC_BIN="${LANTIAN_BIN:-$REPO/target/release/lantian}"
N="${N:-40000}"
SEED="${SEED:-1}"
CONNS="${CONNS:-1000 10000}"
DURATION="${DURATION:-20}"
WINDOW="${WINDOW:-32}"
BACKENDS="${BACKENDS:-sqlite postgres}"
PG="${PG:-postgres://postgres@127.0.0.1:5432}"
PORT="${PORT:-19212}"

[ -x "$SRC_BIN" ] || { echo "no lantian binary at $SRC_BIN (build with cargo build --release)" >&2; exit 1; }
WORK="$(mktemp -d /tmp/lantian-bench-ingest.XXXXXX)"
SERVER_PID=""
PG_DBS=()
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
cleanup() {
  stop_server
  for db in "${PG_DBS[@]}"; do psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
BIN="$WORK/lantian"; cp "$SRC_BIN" "$BIN"   # private copy: a concurrent rebuild cannot swap it
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

echo "== machine"
echo "cpus: $(nproc)  $(lscpu | grep 'Model name' | sed 's/  */ /g')"
echo "memory: $(free -h | awk '/^Mem:/{print $2}')"
echo "lantian commit: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)  binary: $SRC_BIN"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "open files limit: $(ulimit -n)"
echo

wait_port() {
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "server did not listen on $PORT" >&2; return 1
}

run_one() { # backend conns db-args...
  local backend="$1" conns="$2"; shift 2
  local window="$WINDOW"
  [ "$conns" -ge 10000 ] && window=$(( WINDOW / 16 ))
  echo "== $backend, $conns connections, window $window, ${DURATION} s"
  # Simulated data time runs faster than the clock (--rate 0): lift the future-DataTime refusal.
  "$BIN" "$@" serve --listen 127.0.0.1:0 --hj212-listen "127.0.0.1:$PORT" --hj212-future-minutes 100000 >"$WORK/serve.log" 2>&1 &
  SERVER_PID=$!
  wait_port
  "$BIN" "$@" simulate --target "127.0.0.1:$PORT" --devices "$conns" --rate 0 --realtime-only --window "$window" \
    --duration "$DURATION" --drain 60 --check --json >"$WORK/sim.json" 2>"$WORK/sim.err" || true
  grep -E "^ *[0-9]+s " "$WORK/sim.err" | awk 'NR%5==0' || true
  grep -E "loggers sent|^exactly-once" "$WORK/sim.err"
  stop_server
  python3 - "$WORK/sim.json" "$backend" "$conns" >>"$WORK/table" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1])); s = d["summary"]; c = d["check"]
ok = c["missing"] == 0 and c["accepted_twice"] == 0
print(f'| {sys.argv[2]} | {int(sys.argv[3]):,} | {s["acknowledged"]:,} | {s["acked_per_second"]:,.0f} | {s["acked_per_second"]*6:,.0f} | {c["stored"]:,} | {c["missing"]} | {c["accepted_twice"]} | {"OK" if ok else "FAILED"} |')
EOF
  echo
}

for backend in $BACKENDS; do
  if [ "$backend" = sqlite ]; then
    echo "== load: lantian demo --enterprises $N --seed $SEED (SQLite)"
    /usr/bin/time -f "   %e s" "$BIN" --data-dir "$WORK/base" demo --enterprises "$N" --seed "$SEED" 2>&1 | tail -2
    for conns in $CONNS; do
      rm -rf "$WORK/run"; cp -a "$WORK/base" "$WORK/run"
      run_one sqlite "$conns" --data-dir "$WORK/run"
    done
    rm -rf "$WORK/base" "$WORK/run"
  else
    base="lantian_bench_base_$$"
    PG_DBS+=("$base")
    psql "$PG/postgres" -qc "CREATE DATABASE $base" >/dev/null
    echo "== load: lantian demo --enterprises $N --seed $SEED (PostgreSQL)"
    /usr/bin/time -f "   %e s" "$BIN" --database "$PG/$base" demo --enterprises "$N" --seed "$SEED" 2>&1 | tail -2
    for conns in $CONNS; do
      run="lantian_bench_run_$$_$conns"
      PG_DBS+=("$run")
      psql "$PG/postgres" -qc "CREATE DATABASE $run TEMPLATE $base" >/dev/null
      run_one postgres "$conns" --database "$PG/$run"
      psql "$PG/postgres" -qc "DROP DATABASE $run WITH (FORCE)" >/dev/null
    done
  fi
done

echo "== summary (acknowledged packets/s over the sending period; 6 values per packet)"
echo "| backend | connections | acknowledged | packets/s | values/s | stored | missing | accepted twice | exactly once |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
cat "$WORK/table"
