#!/usr/bin/env bash
# Benchmark: import of a 100,000-enterprise ledger workbook (.xlsx).
#   Lantian: `lantian import ledger` (full import into a fresh SQLite data dir,
#            and `--dry-run` = parse + validate only), whole process wall time.
#   Peer:    pandas.read_excel on the same file (openpyxl engine, the default;
#            and calamine if python-calamine is installed), time of the call only.
# Usage: bash bench/import_100k.sh    (env: LANTIAN_BIN, N=100000, RUNS=3, SEED=1, GEN_TIMEOUT=300)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC_BIN="${LANTIAN_BIN:-$REPO/target/release/lantian}"
N="${N:-100000}"
RUNS="${RUNS:-3}"
SEED="${SEED:-1}"
PY="${PYTHON:-python3}"

[ -x "$SRC_BIN" ] || { echo "no lantian binary at $SRC_BIN (build with cargo build --release)" >&2; exit 1; }

WORK="$(mktemp -d /tmp/lantian-bench-import.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
# Private copy so a concurrent rebuild cannot swap the binary mid-run.
BIN="$WORK/lantian"; cp "$SRC_BIN" "$BIN"
XLSX="$WORK/ledger_${N}.xlsx"

now_ns() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", (b-a)/1e9}'; }
# min and median of a list of numbers
stats() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END{printf "min %.3f s  median %.3f s", v[1], v[int((NR+1)/2)]}'; }
minof() { printf '%s\n' "$@" | sort -g | head -1; }
medof() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}'; }

echo "== machine"
echo "cpus: $(nproc)  $(lscpu | grep 'Model name' | sed 's/  */ /g')"
echo "memory: $(free -h | awk '/^Mem:/{print $2}')"
echo "lantian commit: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)  binary: $SRC_BIN"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

echo "== generate workbook: lantian demo --enterprises $N --seed $SEED --xlsx"
t0=$(now_ns)
if ! timeout "${GEN_TIMEOUT:-300}" "$BIN" demo --enterprises "$N" --seed "$SEED" --xlsx "$XLSX" >/dev/null 2>"$WORK/err"; then
  cat "$WORK/err"
  echo "workbook generation failed or took over ${GEN_TIMEOUT:-300} s. This should not happen (names stay unique at any size since the demo fix)." >&2

  exit 1
fi
t1=$(now_ns)
echo "generated in $(secs $t0 $t1) s"
echo "file size: $(stat -c %s "$XLSX") bytes ($(du -h "$XLSX" | cut -f1))"
"$PY" - "$XLSX" <<'PYEOF'
import sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
wb = z.read('xl/workbook.xml').decode()
rels = z.read('xl/_rels/workbook.xml.rels').decode()
target = {m.group(1): m.group(2) for m in re.finditer(r'<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"', rels)}
target.update({m.group(2): m.group(1) for m in re.finditer(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="([^"]+)"', rels)})
print("sheet rows (all <row> elements incl. header; uncompressed sheet XML size):")
for m in re.finditer(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', wb):
    name, rid = m.group(1), m.group(2)
    path = target[rid].lstrip('/')
    if not path.startswith('xl/'): path = 'xl/' + path
    xml = z.read(path)
    print(f"  {name}\t{xml.count(b'<row ') + xml.count(b'<row>'):>8} rows\t{len(xml)/1e6:8.1f} MB")
PYEOF
echo

echo "== lantian import ledger --dry-run (parse + validate), $RUNS runs"
DRY=()
for i in $(seq 1 "$RUNS"); do
  d="$WORK/dry$i"; "$BIN" --data-dir "$d" demo --enterprises 0 --seed "$SEED" >/dev/null 2>&1
  t0=$(now_ns)
  /usr/bin/time -f "%M" -o "$WORK/rss" "$BIN" --data-dir "$d" import ledger "$XLSX" --dry-run >"$WORK/out" 2>"$WORK/err"
  t1=$(now_ns); s=$(secs $t0 $t1); DRY+=("$s")
  echo "run $i: $s s  peak RSS $(( $(cat "$WORK/rss") / 1024 )) MiB  $(head -1 "$WORK/out")"
  rm -rf "$d"
done
echo "dry-run: $(stats "${DRY[@]}")  => $(awk -v n=$N -v t=$(medof "${DRY[@]}") 'BEGIN{printf "%.0f", n/t}') enterprise rows/s (median)"
echo

echo "== lantian import ledger (into fresh SQLite dir, divisions preloaded; import command only timed), $RUNS runs"
IMP=()
for i in $(seq 1 "$RUNS"); do
  d="$WORK/imp$i"; "$BIN" --data-dir "$d" demo --enterprises 0 --seed "$SEED" >/dev/null 2>&1
  sync
  t0=$(now_ns)
  /usr/bin/time -f "%M" -o "$WORK/rss" "$BIN" --data-dir "$d" import ledger "$XLSX" >"$WORK/out" 2>"$WORK/err"
  t1=$(now_ns); s=$(secs $t0 $t1); IMP+=("$s")
  echo "run $i: $s s  peak RSS $(( $(cat "$WORK/rss") / 1024 )) MiB  db $(du -sh "$d" | cut -f1)  $(head -1 "$WORK/out")"
  tail -1 "$WORK/err" | sed 's/^/       /'
  rm -rf "$d"
done
echo "import: $(stats "${IMP[@]}")  => $(awk -v n=$N -v t=$(medof "${IMP[@]}") 'BEGIN{printf "%.0f", n/t}') enterprise rows/s (median)"
echo

echo "== peer: pandas.read_excel, $RUNS runs each (in one Python process; time of the read_excel call only)"
if ! "$PY" -c 'import pandas, openpyxl' 2>/dev/null; then
  echo "installing pandas openpyxl"; "$PY" -m pip install -q pandas openpyxl
fi
"$PY" -c 'import python_calamine' 2>/dev/null || "$PY" -m pip install -q python-calamine 2>/dev/null || echo "(python-calamine not installable; calamine row skipped)"
"$PY" - "$XLSX" "$RUNS" <<'PYEOF'
import sys, time, platform, importlib.metadata as md
import pandas as pd
f, runs = sys.argv[1], int(sys.argv[2])
engines = ["openpyxl"]
try:
    import python_calamine  # noqa
    engines.append("calamine")
except ImportError:
    pass
print(f"python {platform.python_version()}  pandas {pd.__version__}  openpyxl {md.version('openpyxl')}"
      + (f"  python-calamine {md.version('python-calamine')}" if "calamine" in engines else ""))
for eng in engines:
    for label, sheet in (("all sheets (sheet_name=None)", None), ("first sheet only", 0)):
        ts = []
        for i in range(runs):
            t0 = time.perf_counter()
            df = pd.read_excel(f, sheet_name=sheet, engine=eng)
            ts.append(time.perf_counter() - t0)
            rows = sum(len(d) for d in df.values()) if isinstance(df, dict) else len(df)
            first = len(next(iter(df.values()))) if isinstance(df, dict) else len(df)
            print(f"  {eng:9s} {label:29s} run {i+1}: {ts[-1]:.3f} s  ({rows} data rows, first sheet {first})", flush=True)
            del df
        s = sorted(ts)
        print(f"pandas[{eng}] {label}: min {s[0]:.3f} s  median {s[len(s)//2]:.3f} s", flush=True)
PYEOF
echo
echo "== summary"
echo "lantian import --dry-run : $(stats "${DRY[@]}")"
echo "lantian import           : $(stats "${IMP[@]}")"
