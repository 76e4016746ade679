#!/usr/bin/env bash
# Benchmark: GET /api/enterprises (the enterprise list JSON API) under load.
#   Loads N demo enterprises into a fresh SQLite data dir, starts `lantian serve`
#   on 127.0.0.1, and drives it with wrk (200 connections, 30 s) using two mixes:
#   "mixed" (pages, county / status / industry filters, name search) and "plain"
#   (plain pages only); then 10 s per request kind to show where the time goes.
# Usage: bash bench/list_api.sh
#   env: LANTIAN_BIN, N=100000, SEED=1, CONNS=200, DURATION=30s, KIND_DURATION=10s,
#        THREADS=$(nproc), PORT=18765, WRK_TIMEOUT=30s, GEN_TIMEOUT=600
#   Plain pages are drawn from 1..MAX_PAGE, MAX_PAGE = min(5000, N/20), so every page has rows.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC_BIN="${LANTIAN_BIN:-$REPO/target/release/lantian}"
N="${N:-100000}"
SEED="${SEED:-1}"
CONNS="${CONNS:-200}"
DURATION="${DURATION:-30s}"
KIND_DURATION="${KIND_DURATION:-10s}"
THREADS="${THREADS:-$(nproc)}"
PORT="${PORT:-18765}"
WRK_TIMEOUT="${WRK_TIMEOUT:-30s}"
BASE="http://127.0.0.1:$PORT"
MAX_PAGE=$(( N / 20 )); [ "$MAX_PAGE" -gt 5000 ] && MAX_PAGE=5000; [ "$MAX_PAGE" -lt 1 ] && MAX_PAGE=1

[ -x "$SRC_BIN" ] || { echo "no lantian binary at $SRC_BIN (build with cargo build --release)" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)"; apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

WORK="$(mktemp -d /tmp/lantian-bench-list.XXXXXX)"
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
BIN="$WORK/lantian"; cp "$SRC_BIN" "$BIN"   # private copy: a concurrent rebuild cannot swap it
DATA="$WORK/data"

echo "== machine"
echo "cpus: $(nproc)  $(lscpu | grep 'Model name' | sed 's/  */ /g')"
echo "memory: $(free -h | awk '/^Mem:/{print $2}')"
echo "lantian commit: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)  binary: $SRC_BIN"
echo "wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

echo "== load: lantian demo --enterprises $N --seed $SEED (fresh SQLite dir)"
t0=$(date +%s%N)
if ! timeout "${GEN_TIMEOUT:-600}" "$BIN" --data-dir "$DATA" demo --enterprises "$N" --seed "$SEED" >"$WORK/demo.out" 2>&1; then
  cat "$WORK/demo.out"
  echo "demo load failed or took over ${GEN_TIMEOUT:-600} s. This should not happen (names stay unique at any size since the demo fix)." >&2

  exit 1
fi
t1=$(date +%s%N)
echo "$(tail -1 "$WORK/demo.out")  [$(awk -v a=$t0 -v b=$t1 'BEGIN{printf "%.1f", (b-a)/1e9}') s, db $(du -sh "$DATA" | cut -f1)]"

echo "== serve on $BASE"
# --rate-limit 0: the load comes from one account, which the per-account limit would throttle.
"$BIN" --data-dir "$DATA" serve --listen "127.0.0.1:$PORT" --rate-limit 0 >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "$BASE/healthz" && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died:"; cat "$WORK/serve.log"; exit 1; }
  sleep 0.2
done
# Every API call is made as the city's environment bureau (a demo account; whole-city scope).
COOKIE=$(curl -fs -D - -o /dev/null -H 'content-type: application/json' \
  -d '{"username":"city-environment","password":"Lantian-demo-2026"}' "$BASE/api/login" \
  | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(lantian_session=[^;]*\).*/\1/p')
[ -n "$COOKIE" ] || { echo "cannot sign in as city-environment"; cat "$WORK/serve.log"; exit 1; }
curl -fs -o /dev/null -H "Cookie: $COOKIE" "$BASE/api/enterprises?per_page=1" || { echo "server not answering"; cat "$WORK/serve.log"; exit 1; }

# URL-encoded search terms: 水泥, 铸造
Q_CEMENT='%E6%B0%B4%E6%B3%A5'; Q_FOUNDRY='%E9%93%B8%E9%80%A0'
echo "== sanity: one request of each kind (HTTP status, total matches, single-request time)"
for path in "/api/enterprises?page=$(( (MAX_PAGE+1)/2 ))&per_page=20" "/api/enterprises?page=$MAX_PAGE&per_page=20" \
            "/api/enterprises?division=612021&page=1&per_page=20" "/api/enterprises?division=612002&page=1&per_page=20" \
            "/api/enterprises?status=operating&page=1&per_page=20" \
            "/api/enterprises?q=$Q_CEMENT&page=1&per_page=20" "/api/enterprises?q=$Q_FOUNDRY&page=1&per_page=20" \
            "/api/enterprises?industry=33&page=1&per_page=20"; do
  out=$(curl -s -H "Cookie: $COOKIE" -o "$WORK/body" -w '%{http_code} %{time_total}' "$BASE$path")
  total=$(grep -o '"total":[0-9]*' "$WORK/body" | head -1 | cut -d: -f2 || true)
  items=$(grep -o '"id":' "$WORK/body" | wc -l || true)
  printf '  %-60s HTTP %s  %6.1f ms  total=%s items=%s\n' "$path" "${out% *}" "$(awk -v t="${out#* }" 'BEGIN{print t*1000}')" "${total:-?}" "$items"
done
echo

# wrk Lua script. KIND selects the request mix.
make_lua() { # $1 = kind: mixed | plain | county | status | search | industry
cat > "$WORK/$1.lua" <<LUA
local kind = "$1"
wrk.headers["Cookie"] = "$COOKIE"
local counties = { "612021", "612002" }
local terms = { "$Q_CEMENT", "$Q_FOUNDRY" }
local function plain() return "/api/enterprises?page=" .. math.random(1, $MAX_PAGE) .. "&per_page=20" end
local function county() return "/api/enterprises?division=" .. counties[math.random(1, 2)] .. "&page=" .. math.random(1, 5) .. "&per_page=20" end
local function status() return "/api/enterprises?status=operating&page=" .. math.random(1, 50) .. "&per_page=20" end
local function search() return "/api/enterprises?q=" .. terms[math.random(1, 2)] .. "&page=1&per_page=20" end
local function industry() return "/api/enterprises?industry=33&page=" .. math.random(1, 20) .. "&per_page=20" end
-- mixed: 50% plain pages, 15% county, 10% status, 15% name search, 10% industry prefix
local function mixed()
  local r = math.random(1, 100)
  if r <= 50 then return plain() elseif r <= 65 then return county() elseif r <= 75 then return status()
  elseif r <= 90 then return search() else return industry() end
end
local pick = ({ mixed = mixed, plain = plain, county = county, status = status, search = search, industry = industry })[kind]
local seeded = false
request = function()
  if not seeded then math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000); seeded = true end
  return wrk.format("GET", pick())
end
LUA
}

declare -A RPS P50 P90 P99 NON2XX ERRS REQS
run_wrk() { # $1 kind, $2 duration
  make_lua "$1"
  echo "== wrk: mix=$1 (plain pages 1..$MAX_PAGE)  -t$THREADS -c$CONNS -d$2 --latency --timeout $WRK_TIMEOUT"
  wrk -t"$THREADS" -c"$CONNS" -d"$2" --latency --timeout "$WRK_TIMEOUT" -s "$WORK/$1.lua" "$BASE" | tee "$WORK/$1.wrk"
  local f="$WORK/$1.wrk"
  RPS[$1]=$(awk '/^Requests\/sec/{print $2}' "$f")
  REQS[$1]=$(awk '/requests in/{print $1}' "$f")
  P50[$1]=$(awk '$1=="50%"{print $2}' "$f"); P90[$1]=$(awk '$1=="90%"{print $2}' "$f"); P99[$1]=$(awk '$1=="99%"{print $2}' "$f")
  NON2XX[$1]=$(awk '/Non-2xx/{print $NF}' "$f"); NON2XX[$1]=${NON2XX[$1]:-0}
  ERRS[$1]=$(awk '/Socket errors/{sub(/.*Socket errors: /,""); print}' "$f"); ERRS[$1]=${ERRS[$1]:-none}
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died during the run:"; tail -20 "$WORK/serve.log"; exit 1; }
  echo
}

run_wrk mixed "$DURATION"
run_wrk plain "$DURATION"
for k in county status search industry; do run_wrk "$k" "$KIND_DURATION"; done

echo "== server log (errors / warnings, last 10)"
grep -iE 'error|warn|panic' "$WORK/serve.log" | tail -10 || echo "(none)"
echo "server peak RSS: $(awk '/VmHWM/{printf "%.0f MiB", $2/1024}' /proc/$SERVER_PID/status)"
echo
echo "== summary ($CONNS connections, $THREADS wrk threads; mixed/plain $DURATION, per kind $KIND_DURATION)"
printf '%-9s %10s %10s %10s %10s %10s %8s  %s\n' mix requests req/s p50 p90 p99 non-2xx "socket errors"
for k in mixed plain county status search industry; do
  printf '%-9s %10s %10s %10s %10s %10s %8s  %s\n' "$k" "${REQS[$k]}" "${RPS[$k]}" "${P50[$k]}" "${P90[$k]}" "${P99[$k]}" "${NON2XX[$k]}" "${ERRS[$k]}"
done
