"""DuckDB's side of examples/averages_bench.rs: the same valid hourly and daily means with oxygen
conversion, from DuckDB's own table of the same minute rows, and the check that they equal the
store's. Rules as data/monitoring/validity.toml and monitoring::averages: a minute counts when
its flag is N and it has a finite value; an hour is valid with at least 45 such minutes; SO2
(a21026) is converted to 9 % O2 with the hour's O2 mean, C x (21 - 9) / (21 - O2), and its hour
is valid only with a valid, plausible (0 <= O2 < 21) O2 hour; a day is valid with at least 20
valid hours and its means are the means of the valid hours' means.

Usage: python3 bench/averages_duckdb.py minutes.csv out.duckdb DAY_START RUNS THREADS means.csv
(means.csv: the store side's results, hr = -1 for the day). Exits 1 if the means differ."""
import statistics
import sys
import time

import duckdb

csv, out, day_start, runs, threads, ours = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]

HOURS = f"""
CREATE OR REPLACE TABLE hours AS
WITH g AS (
    SELECT device_id, pollutant, (t - {day_start}) // 3600 AS hr,
           count(*) FILTER (WHERE flag = 'N' AND isfinite(avg)) AS n,
           avg(avg) FILTER (WHERE flag = 'N' AND isfinite(avg)) AS mean
    FROM minutes GROUP BY ALL
), o2 AS (
    SELECT device_id, hr, mean AS o2 FROM g WHERE pollutant = 'a19001' AND n >= 45 AND mean >= 0 AND mean < 21
)
SELECT g.device_id, g.pollutant, g.hr, g.n, g.mean,
       CASE WHEN g.pollutant = 'a21026' THEN g.mean * (21 - 9.0) / (21 - o2.o2) END AS converted,
       g.n >= 45 AND (g.pollutant <> 'a21026' OR (g.mean IS NOT NULL AND o2.o2 IS NOT NULL)) AS valid
FROM g LEFT JOIN o2 USING (device_id, hr)
"""
DAYS = """
CREATE OR REPLACE TABLE days AS
SELECT device_id, pollutant, count(*) FILTER (WHERE valid) AS n,
       avg(mean) FILTER (WHERE valid) AS mean, avg(converted) FILTER (WHERE valid) AS converted,
       count(*) FILTER (WHERE valid) >= 20 AS valid
FROM hours GROUP BY ALL
"""

con = duckdb.connect(out)
t = time.perf_counter()
con.execute(
    "CREATE TABLE minutes AS SELECT * FROM read_csv(?, header = true, columns = "
    "{'device_id': 'BIGINT', 't': 'BIGINT', 'pollutant': 'VARCHAR', 'avg': 'DOUBLE', "
    "'min': 'DOUBLE', 'max': 'DOUBLE', 'flag': 'VARCHAR'})",
    [csv],
)
con.execute("CHECKPOINT")
rows = con.execute("SELECT count(*) FROM minutes").fetchone()[0]
print(f"duckdb {duckdb.__version__}: loaded {rows} rows into its table in {time.perf_counter() - t:.1f} s (not timed)", flush=True)

medians = []
for k in sorted({1, threads}):
    con.execute(f"SET threads = {k}")
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        con.execute(HOURS)
        con.execute(DAYS)
        times.append(time.perf_counter() - t)
    print(f"duckdb table -> hourly + daily means, {k} thread(s): runs {[round(x, 3) for x in times]} s, median {statistics.median(times):.3f} s", flush=True)
    medians.append((k, statistics.median(times)))

con.execute(
    "CREATE TABLE ours AS SELECT * FROM read_csv(?, header = true, columns = "
    "{'device_id': 'BIGINT', 'pollutant': 'VARCHAR', 'hr': 'BIGINT', 'valid': 'BOOLEAN', 'n': 'BIGINT', "
    "'mean': 'DOUBLE', 'converted': 'DOUBLE'})",
    [ours],
)
con.execute("CREATE MACRO close(a, b) AS coalesce(abs(a - b) <= 1e-9 * greatest(abs(a), abs(b)), a IS NULL AND b IS NULL)")
DIFF = """
SELECT count(*) FROM {theirs} d FULL OUTER JOIN (SELECT * FROM ours WHERE {which}) o USING ({key})
WHERE d.n IS DISTINCT FROM o.n OR d.valid IS DISTINCT FROM o.valid OR NOT close(d.mean, o.mean) OR NOT close(d.converted, o.converted)
"""
bad = 0
for name, theirs, which, key in [("hours", "hours", "hr >= 0", "device_id, pollutant, hr"), ("days", "days", "hr < 0", "device_id, pollutant")]:
    total, valid = con.execute(f"SELECT count(*), count(*) FILTER (WHERE valid) FROM {theirs}").fetchone()
    differ = con.execute(DIFF.format(theirs=theirs, which=which, key=key)).fetchone()[0]
    print(f"duckdb {name}: {total} ({valid} valid); differing from the store side's: {differ}")
    bad += differ
for k, m in medians:
    print(f"duckdb side, {k} thread(s): median {m:.3f} s")
con.close()
sys.exit(1 if bad else 0)
