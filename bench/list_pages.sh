#!/usr/bin/env bash
# Benchmark: server time of the enterprise list page (/enterprises) against the list API
# (/api/enterprises) for one demo account of every role, and the division-menu query
# (divisions_in_use) before and after the index skip scan, on the same database.
#   Loads N demo enterprises (the `serve --demo` size by default) into a fresh SQLite data dir,
#   starts `lantian serve` on 127.0.0.1 and times R sequential requests per account and URL with
#   curl (time_total on the loopback: the server's time plus well under a millisecond).
# Usage: bash bench/list_pages.sh
#   env: LANTIAN_BIN, N=5000, SEED=20260101, R=50, PORT=18501
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC_BIN="${LANTIAN_BIN:-$REPO/target/release/lantian}"
N="${N:-5000}"
SEED="${SEED:-20260101}"
R="${R:-50}"
PORT="${PORT:-18501}"
BASE="http://127.0.0.1:$PORT"
[ -x "$SRC_BIN" ] || { echo "no lantian binary at $SRC_BIN (build with cargo build --release)" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

WORK="$(mktemp -d /tmp/lantian-bench-pages.XXXXXX)"
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
BIN="$WORK/lantian"; cp "$SRC_BIN" "$BIN"
DATA="$WORK/data"

echo "== machine"
echo "cpus: $(nproc)  $(lscpu | grep 'Model name' | sed 's/  */ /g')"
echo "lantian commit: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== load: lantian demo --enterprises $N --seed $SEED"
"$BIN" --data-dir "$DATA" demo --enterprises "$N" --seed "$SEED" >"$WORK/demo.out" 2>&1 || { cat "$WORK/demo.out"; exit 1; }

if command -v sqlite3 >/dev/null; then
  DB="$DATA/lantian.db"
  echo "== divisions_in_use on $(basename "$DB"): median of 5 runs (sqlite3 CLI)"
  OLD="SELECT code, name, level, parent FROM divisions d WHERE level IN ('city', 'county') AND EXISTS (SELECT 1 FROM enterprises e WHERE e.division_code LIKE (CASE WHEN d.level = 'city' THEN SUBSTR(d.code, 1, 4) ELSE d.code END) || '%') ORDER BY code;"
  NEW="WITH RECURSIVE used(code) AS (SELECT (SELECT MIN(division_code) FROM enterprises) UNION ALL SELECT (SELECT MIN(e.division_code) FROM enterprises e WHERE e.division_code >= CAST(CAST(SUBSTR(used.code, 1, 6) AS BIGINT) + 1 AS TEXT)) FROM used WHERE used.code IS NOT NULL AND LENGTH(used.code) >= 6) SELECT code, name, level, parent FROM divisions WHERE (level = 'county' AND code IN (SELECT SUBSTR(code, 1, 6) FROM used WHERE code IS NOT NULL)) OR (level = 'city' AND code IN (SELECT SUBSTR(code, 1, 4) || '00' FROM used WHERE code IS NOT NULL)) ORDER BY code;"
  for label in old new; do
    q=$([ $label = old ] && echo "$OLD" || echo "$NEW")
    times=()
    for _ in 1 2 3 4 5; do
      t0=$(date +%s%N); sqlite3 "$DB" "$q" >/dev/null; t1=$(date +%s%N)
      times+=($(( (t1 - t0) / 1000 )))
    done
    med=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
    echo "$label query: median $(awk -v u=$med 'BEGIN{printf "%.1f", u/1000}') ms (process start included), rows $(sqlite3 "$DB" "$q" | wc -l)"
  done
fi

"$BIN" --data-dir "$DATA" serve --listen "127.0.0.1:$PORT" --rate-limit 0 >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -fs -o /dev/null "$BASE/healthz" && break; sleep 0.2; done

median_ms() { sort -n | awk '{a[NR]=$1} END{printf "%.1f", a[int((NR+1)/2)]*1000}'; }
echo "== $R sequential requests per account and URL: median server time (curl time_total), ms"
printf '%-18s %10s %10s %10s\n' account /enterprises /api/ diff
for user in admin city-industry county-market township grid enterprise; do
  COOKIE=$(curl -fs -D - -o /dev/null -H 'content-type: application/json' \
    -d "{\"username\":\"$user\",\"password\":\"Lantian-demo-2026\"}" "$BASE/api/login" \
    | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(lantian_session=[^;]*\).*/\1/p')
  [ -n "$COOKIE" ] || { echo "cannot sign in as $user"; exit 1; }
  curl -fs -o /dev/null -H "Cookie: $COOKIE" "$BASE/enterprises"   # warm up
  page=$(for _ in $(seq 1 "$R"); do curl -fs -o /dev/null -w '%{time_total}\n' -H "Cookie: $COOKIE" "$BASE/enterprises"; done | median_ms)
  api=$(for _ in $(seq 1 "$R"); do curl -fs -o /dev/null -w '%{time_total}\n' -H "Cookie: $COOKIE" "$BASE/api/enterprises"; done | median_ms)
  printf '%-18s %10s %10s %10s\n' "$user" "$page" "$api" "$(awk -v a=$page -v b=$api 'BEGIN{printf "%+.1f", a-b}')"
done
# CPU time the server spends per request (utime + stime of the server process over RC
# requests, from /proc): unlike wall time it does not include waiting for the cores, so it
# reads the same on a loaded machine; curl's own work is in another process.
RC="${RC:-200}"
TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
echo "== server CPU time per request over $RC sequential requests, ms (clock tick $((1000 / TICK)) ms)"
printf '%-18s %10s %10s %10s\n' account /enterprises /api/ diff
for user in admin city-industry county-market township grid enterprise; do
  COOKIE=$(curl -fs -D - -o /dev/null -H 'content-type: application/json' \
    -d "{\"username\":\"$user\",\"password\":\"Lantian-demo-2026\"}" "$BASE/api/login" \
    | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(lantian_session=[^;]*\).*/\1/p')
  per=()
  for url in /enterprises /api/enterprises; do
    curl -fs -o /dev/null -H "Cookie: $COOKIE" "$BASE$url"
    c0=$(cpu_ticks)
    for _ in $(seq 1 "$RC"); do curl -fs -o /dev/null -H "Cookie: $COOKIE" "$BASE$url"; done
    c1=$(cpu_ticks)
    per+=("$(awk -v d=$((c1 - c0)) -v t="$TICK" -v n="$RC" 'BEGIN{printf "%.2f", d * 1000 / t / n}')")
  done
  printf '%-18s %10s %10s %10s\n' "$user" "${per[0]}" "${per[1]}" "$(awk -v a="${per[0]}" -v b="${per[1]}" 'BEGIN{printf "%+.2f", a-b}')"
done
if grep -q "slow statement" "$WORK/serve.log"; then
  echo "== slow statements logged by the server:"; grep "slow statement" "$WORK/serve.log" | head -5
else
  echo "== no slow statement in the server log"
fi
