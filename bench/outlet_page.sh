#!/usr/bin/env bash
# Benchmark: server time of the outlet page (/monitoring/outlets/{credit}/{outlet}) for a year
# of hourly means of one pollutant, and of its hourly-means query.
#   Loads the demo ledger (N enterprises) into a fresh SQLite data dir, gives one air outlet a
#   logger and a year (2025) of minute data and computes its averages
#   (examples/outlet_page_bench.rs, which also times the query in-process), then starts
#   `lantian serve` on 127.0.0.1, signs in as the demo admin and times R sequential requests of
#   the year, month and day views of SO2 (curl time_total on the loopback: the server's time plus
#   well under a millisecond), median.
# Usage: cargo build --release --bin lantian --example outlet_page_bench && bash bench/outlet_page.sh
#   env: N=200, R=100, PORT=18502
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC_BIN="${LANTIAN_BIN:-$REPO/target/release/lantian}"
PREP="${PREP_BIN:-$REPO/target/release/examples/outlet_page_bench}"
N="${N:-200}"
R="${R:-100}"
PORT="${PORT:-18502}"
BASE="http://127.0.0.1:$PORT"
for b in "$SRC_BIN" "$PREP"; do [ -x "$b" ] || { echo "missing $b (cargo build --release --bin lantian --example outlet_page_bench)" >&2; exit 1; }; done
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

WORK="$(mktemp -d /tmp/lantian-bench-outlet.XXXXXX)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
DATA="$WORK/data"

echo "== machine"
echo "cpus: $(nproc)  $(lscpu | grep 'Model name' | sed 's/  */ /g')"
echo "lantian commit: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== load: lantian demo --enterprises $N, then a year of data for one outlet"
"$SRC_BIN" --data-dir "$DATA" demo --enterprises "$N" >"$WORK/demo.out" 2>&1 || { cat "$WORK/demo.out"; exit 1; }
"$PREP" "$DATA" | tee "$WORK/prep.out"
OUTLET=$(sed -n 's/^outlet //p' "$WORK/prep.out")
[ -n "$OUTLET" ] || { echo "no outlet prepared"; exit 1; }

"$SRC_BIN" --data-dir "$DATA" serve --listen "127.0.0.1:$PORT" --rate-limit 0 >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -fs -o /dev/null "$BASE/healthz" && break; sleep 0.2; done
COOKIE=$(curl -fs -D - -o /dev/null -H 'content-type: application/json' \
  -d '{"username":"admin","password":"Lantian-demo-2026"}' "$BASE/api/login" \
  | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(lantian_session=[^;]*\).*/\1/p')
[ -n "$COOKIE" ] || { echo "cannot sign in as admin"; exit 1; }

median_ms() { sort -n | awk '{a[NR]=$1} END{printf "%.1f", a[int((NR+1)/2)]*1000}'; }
echo "== $R sequential requests per view: median server time (curl time_total), ms"
for view in "year&date=2025-07-01" "month&date=2025-07-01" "day&date=2025-07-15"; do
  URL="$BASE/monitoring/outlets/$OUTLET?pollutant=a21026&view=$view"
  code=$(curl -s -o "$WORK/page.html" -w '%{http_code}' -H "Cookie: $COOKIE" "$URL")
  [ "$code" = 200 ] || { echo "$URL answered $code"; head -c 400 "$WORK/page.html"; exit 1; }
  bytes=$(wc -c <"$WORK/page.html")
  t=$(for _ in $(seq 1 "$R"); do curl -fs -o /dev/null -w '%{time_total}\n' -H "Cookie: $COOKIE" "$URL"; done | median_ms)
  printf '%-24s %8s ms  (%s bytes of HTML)\n' "view=${view%%&*}" "$t" "$bytes"
done
if grep -q "slow statement" "$WORK/serve.log"; then
  echo "== slow statements logged by the server:"; grep "slow statement" "$WORK/serve.log" | head -5
fi
