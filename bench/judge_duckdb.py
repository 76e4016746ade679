#!/usr/bin/env python3
"""The DuckDB peer of examples/judge_bench.rs (issue 10): the same month of hourly data for the
same outlets, regenerated with the same integer formulas by range(), then the exceedance
judgment and the flatline and bunching detectors as SQL, timed, and compared with the Rust
answers (counts and SHA-256 digests of the sorted canonical lines).

    python3 bench/judge_duckdb.py /tmp/judge-rust.json [threads]

Settings as in data/enforcement/detectors.toml: flatline band 2 % of the limit over at least 12
hours (the flow runs in every hour of this data, so the running check holds on both sides);
bunching band [90 %, 100 %) of the limit, window at least 72 hours, history at least 168, share
at least 0.3 and at least twice the history's.
"""
import hashlib
import json
import sys
import time

import duckdb

rust = json.load(open(sys.argv[1]))
threads = int(sys.argv[2]) if len(sys.argv) > 2 else rust["threads"]
N, HOURS, W = rust["outlets"], rust["hours"], rust["window_from_hour"]

con = duckdb.connect()
con.execute(f"SET threads = {threads}")
t = time.time()
con.execute(f"""
CREATE TABLE hours AS
WITH g AS (SELECT o.range AS o, p.range AS p, h.range AS h
           FROM range({N}) o, range(3) p, range({HOURS}) h),
v AS (
  SELECT o, p, h,
    [100.0, 200.0, 20.0][p + 1] AS lim,
    ((o * 7919 + p * 104729 + h * 1299709) % 10007) / 10007.0 AS u,
    ((o * 7919 + 5 * 104729 + h * 1299709) % 10007) / 10007.0 AS u5,
    (o * 31 + h * 17) % 97 <> 0 AS ok
  FROM g)
SELECT o, p, h, lim,
  CASE
    WHEN p = 0 AND o % 20 = 0 AND (h + o) % 150 < 3 THEN lim * (1.2 + 0.1 * ((h + o) % 150))
    WHEN p = 1 AND o % 50 = 7 AND h >= {W} AND u < 0.5 THEN lim * (0.9 + 0.09 * u5)
    WHEN p = 2 AND o % 40 = 3 AND h BETWEEN 500 AND 519 THEN lim * 0.5
    WHEN p = 2 AND o % 40 = 3 AND h IN (499, 520) THEN lim * 0.8
    ELSE lim * (0.3 + 0.4 * u)
  END AS v,
  (p = 2 AND o % 40 = 3 AND h BETWEEN 499 AND 520) OR ok AS valid
FROM v
""")
load = time.time() - t

def timed(sql):
    t = time.time()
    rows = con.execute(sql).fetchall()
    return time.time() - t, rows

# Exceedance episodes: islands of consecutive valid hours above the limit.
t_ep, episodes = timed("""
WITH x AS (SELECT o, p, h, v, lim FROM hours WHERE valid AND v > lim),
i AS (SELECT *, h - row_number() OVER (PARTITION BY o, p ORDER BY h) AS island FROM x)
SELECT o, p, min(h), max(h), count(*), CAST(round(max(v) * 1000) AS BIGINT) FROM i GROUP BY o, p, island
""")
# Flatline: islands of consecutive valid window hours whose neighbours differ by at most the
# band, at least 12 hours, and whose whole range is within the band.
t_fl, flat = timed(f"""
WITH w AS (SELECT o, p, h, v, lim FROM hours WHERE valid AND h >= {W}),
d AS (SELECT *, CASE WHEN lag(h) OVER s = h - 1 AND abs(v - lag(v) OVER s) <= 0.02 * lim THEN 0 ELSE 1 END AS brk
      FROM w WINDOW s AS (PARTITION BY o, p ORDER BY h)),
r AS (SELECT *, sum(brk) OVER (PARTITION BY o, p ORDER BY h) AS run FROM d)
SELECT o, p, min(h), max(h) + 1 FROM r GROUP BY o, p, run
HAVING count(*) >= 12 AND max(v) - min(v) <= 0.02 * any_value(lim)
""")
# Bunching: the window's share of valid hours in [90 %, 100 %) of the limit against the history's.
t_bu, bunch = timed(f"""
WITH s AS (
  SELECT o, p,
    count(*) FILTER (WHERE h >= {W}) AS wn,
    count(*) FILTER (WHERE h >= {W} AND v >= 0.9 * lim AND v < lim) AS wb,
    count(*) FILTER (WHERE h < {W}) AS hn,
    count(*) FILTER (WHERE h < {W} AND v >= 0.9 * lim AND v < lim) AS hb
  FROM hours WHERE valid GROUP BY o, p)
SELECT o, p FROM s
WHERE wn >= 72 AND hn >= 168 AND wb / wn >= 0.3 AND wb / wn >= 2.0 * hb / hn
""")

def digest(lines):
    lines = sorted(lines)
    h = hashlib.sha256()
    for l in lines:
        h.update(l.encode() + b"\n")
    return len(lines), h.hexdigest()[:16]

ours = {
    "episodes": digest(f"{o},{p},{a},{b},{n},{m}" for o, p, a, b, n, m in episodes),
    "flatline": digest(f"{o},{p},{a},{b}" for o, p, a, b in flat),
    "bunching": digest(f"{o},{p}" for o, p in bunch),
}
total = t_ep + t_fl + t_bu
print(f"DuckDB {duckdb.__version__}, {threads} thread(s): generated the table ({N * 3 * HOURS} rows) in {load:.3f} s (not counted)")
print(f"  exceedance episodes {t_ep:.3f} s, flatline {t_fl:.3f} s, bunching {t_bu:.3f} s: {total:.3f} s for the three")
print(f"  Lantian: {rust['seconds']:.3f} s for the judgment and every detector ({rust['findings']} findings)")
ok = True
for k, (n, d) in ours.items():
    same = rust[k]["count"] == n and rust[k]["digest"] == d
    ok &= same
    print(f"  {k}: DuckDB {n} ({d}), Lantian {rust[k]['count']} ({rust[k]['digest']}) {'equal' if same else 'DIFFERENT'}")
sys.exit(0 if ok else 1)
