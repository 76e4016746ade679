"""DuckDB's own file of the series benchmark's rows: load the CSV into a table, CHECKPOINT,
print the file size in bytes. Usage: python3 bench/series_duckdb.py minutes.csv out.duckdb"""
import os
import sys

import duckdb

csv, out = sys.argv[1], sys.argv[2]
con = duckdb.connect(out)
con.execute(
    "CREATE TABLE minutes AS SELECT * FROM read_csv(?, header = true, columns = "
    "{'device_id': 'BIGINT', 'data_time': 'BIGINT', 'pollutant': 'VARCHAR', 'avg': 'DOUBLE', "
    "'min': 'DOUBLE', 'max': 'DOUBLE', 'flag': 'VARCHAR'})",
    [csv],
)
con.execute("CHECKPOINT")
con.close()
print(os.path.getsize(out))
