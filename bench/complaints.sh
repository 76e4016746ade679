#!/usr/bin/env bash
# Benchmark: the public complaint list (/public/complaints) and the Open311 request list
# (/open311/v2/requests.json) with N complaints stored, under CONNS concurrent clients.
#   Loads a small demo ledger and N demo complaints (lantian complaints demo) into a fresh
#   SQLite data dir, starts `lantian serve`, drives it with wrk.
# Usage: bash bench/complaints.sh
#   env: LANTIAN_BIN (default target/release/lantian), N=100000, CONNS=200, DURATION=20s,
#        THREADS=$(nproc), PORT=18766, WRK_TIMEOUT=30s
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC_BIN="${LANTIAN_BIN:-$REPO/target/release/lantian}"
N="${N:-100000}"
CONNS="${CONNS:-200}"
DURATION="${DURATION:-20s}"
THREADS="${THREADS:-$(nproc)}"
PORT="${PORT:-18766}"
WRK_TIMEOUT="${WRK_TIMEOUT:-30s}"
BASE="http://127.0.0.1:$PORT"
PAGES=$(( N / 50 )); [ "$PAGES" -lt 1 ] && PAGES=1

[ -x "$SRC_BIN" ] || { echo "no lantian binary at $SRC_BIN" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)"; apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

WORK="$(mktemp -d /tmp/lantian-bench-complaints.XXXXXX)"
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
echo "lantian commit: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)  binary: $SRC_BIN"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== load: demo ledger (1,000 enterprises) and $N complaints"
t0=$(date +%s)
"$BIN" --data-dir "$DATA" demo --enterprises 1000 >"$WORK/demo.out" 2>&1
"$BIN" --data-dir "$DATA" complaints demo --count "$N" 2>&1 | tail -1
echo "   [$(( $(date +%s) - t0 )) s, db $(du -sh "$DATA" | cut -f1)]"

"$BIN" --data-dir "$DATA" serve --listen "127.0.0.1:$PORT" --rate-limit 0 >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "$BASE/healthz" && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died:"; cat "$WORK/serve.log"; exit 1; }
  sleep 0.2
done

echo "== sanity"
for path in "/public/complaints" "/public/complaints?page=$PAGES" "/open311/v2/requests.json" "/open311/v2/requests.json?status=open&service_code=noise" "/open311/v2/requests.xml?status=closed"; do
  out=$(curl -s -o "$WORK/body" -w '%{http_code} %{time_total} %{size_download}' "$BASE$path")
  set -- $out
  printf '  %-55s HTTP %s  %7.1f ms  %s bytes\n' "$path" "$1" "$(awk -v t="$2" 'BEGIN{print t*1000}')" "$3"
done

make_lua() { # $1 = public | open311 | open311_filtered
cat > "$WORK/$1.lua" <<LUA
local kind = "$1"
local codes = { "air", "water", "noise", "solid_waste", "ecology", "radiation" }
local seeded = false
request = function()
  if not seeded then math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000); seeded = true end
  if kind == "public" then return wrk.format("GET", "/public/complaints?page=" .. math.random(1, $PAGES)) end
  if kind == "open311" then return wrk.format("GET", "/open311/v2/requests.json") end
  return wrk.format("GET", "/open311/v2/requests.json?status=open&service_code=" .. codes[math.random(1, 6)])
end
LUA
}

for kind in public open311 open311_filtered; do
  make_lua "$kind"
  echo "== wrk: $kind  -t$THREADS -c$CONNS -d$DURATION --latency"
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency --timeout "$WRK_TIMEOUT" -s "$WORK/$kind.lua" "$BASE" | grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket|requests in"
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died during the run:"; tail -20 "$WORK/serve.log"; exit 1; }
done
