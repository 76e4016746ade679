//! Bytes on disk per stored minute value: the compact layout (series blocks) against the row
//! layout of `measurements` and against DuckDB's own file of the same data; and the value
//! codecs measured before choosing one (pco, Gorilla XOR, plain f64).
//!
//!     cargo run --release --example series_bench -- [outlets=1000]
//!
//! One Beijing day of minute data (CN 2051, 1,440 minutes) per outlet and 4 parameters
//! (SO2 mg/m³ with 2 decimals, O2 % with 1, temperature °C with 1, flow m³/h with 0), each
//! with Avg, Min, Max and Flag as loggers send them, values following the simulator's daily
//! production cycle and noise. DuckDB (PyPI `duckdb`) is run by `bench/series_duckdb.py` on
//! a CSV of the same rows if `python3 -c "import duckdb"` works.

use lantian::monitoring::block::{self, Entry, FIELDS};
use lantian::simulate::pattern::{mix, production_factor, unit};

const PARAMS: [(&str, f64, i32); 4] = [("a21026", 60.0, 2), ("a19001", 9.0, 1), ("a01012", 95.0, 1), ("a00000", 30_000.0, 0)];
const DAY: i64 = 20261101000000;

fn round(v: f64, d: i32) -> f64 {
    let m = 10f64.powi(d);
    let s = format!("{:.*}", d as usize, (v * m).round() / m);
    s.parse().unwrap()
}

fn noise(h: u64) -> f64 {
    let s = unit(mix(h)) + unit(mix(h ^ 1)) + unit(mix(h ^ 2));
    1.0 + (s - 1.5) * 0.12
}

/// (Avg, Min, Max) of parameter `p` of outlet `o` at minute `m`.
fn minute(o: u64, p: usize, m: i64) -> (f64, f64, f64) {
    let (level, decimals) = (PARAMS[p].1 * (0.6 + 0.8 * unit(mix(o * 31 + p as u64))), PARAMS[p].2);
    let load = production_factor(m as f64 / 60.0, false);
    let h = mix(o ^ (m as u64) << 20 ^ (p as u64) << 50);
    let avg = level * (0.4 + 0.6 * load) * noise(h);
    let spread = 0.02 + 0.05 * unit(mix(h ^ 7));
    (round(avg, decimals), round(avg * (1.0 - spread), decimals), round(avg * (1.0 + spread), decimals))
}

/// Gorilla XOR (Pelkonen et al., VLDB 2015) bit count of a float column, the candidate the
/// issue names.
fn gorilla_bits(values: &[f64]) -> usize {
    let mut bits = 64;
    let (mut prev, mut lead, mut trail) = (values[0].to_bits(), 65u32, 0u32);
    for v in &values[1..] {
        let x = v.to_bits() ^ prev;
        prev = v.to_bits();
        if x == 0 {
            bits += 1;
            continue;
        }
        let (l, t) = (x.leading_zeros().min(31), x.trailing_zeros());
        if lead <= 64 && l >= lead && t >= trail {
            bits += 2 + (64 - lead - trail) as usize;
        } else {
            bits += 2 + 5 + 6 + (64 - l - t) as usize;
            (lead, trail) = (l, t);
        }
    }
    bits
}

fn main() {
    let outlets: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let day_start = lantian::monitoring::sample::instant_of_data_time(DAY).unwrap().unix_timestamp();
    let values_per_measurement = 3;
    let measurements = outlets as usize * PARAMS.len() * 1440;
    println!("== {outlets} outlets x {} parameters x 1,440 minutes = {measurements} measurements, {} numbers", PARAMS.len(), measurements * values_per_measurement);

    // 1. Codecs on the value columns, per (outlet, parameter) day block.
    let (mut pco_bytes, mut gorilla_bits_total, mut block_bytes) = (0usize, 0usize, 0usize);
    let mut blocks = Vec::new();
    let t0 = std::time::Instant::now();
    for o in 0..outlets {
        for p in 0..PARAMS.len() {
            let mut cols = [Vec::with_capacity(1440), Vec::with_capacity(1440), Vec::with_capacity(1440)];
            let mut entries = Vec::with_capacity(1440);
            for m in 0..1440 {
                let (a, mi, ma) = minute(o, p, m);
                cols[0].push(a);
                cols[1].push(mi);
                cols[2].push(ma);
                let mut fields = [None; FIELDS];
                (fields[1], fields[2], fields[3]) = (Some(a), Some(mi), Some(ma));
                let flag = if unit(mix(o ^ m as u64 ^ 0xf1)) < 0.01 { "D" } else { "N" };
                entries.push(Entry { time: day_start + 60 * m, fields, flag: Some(flag.into()), extra: None });
            }
            for c in &cols {
                pco_bytes += pco::standalone::simple_compress(c, &pco::ChunkConfig::default()).unwrap().len();
                gorilla_bits_total += gorilla_bits(c);
            }
            let b = block::encode(&entries);
            block_bytes += b.len();
            blocks.push((o, PARAMS[p].0, b));
        }
    }
    let encode_s = t0.elapsed().as_secs_f64();
    let numbers = (measurements * values_per_measurement) as f64;
    println!("codec (values only)   plain f64 {:.2} B/number | Gorilla XOR {:.2} | pco {:.2}", 8.0, gorilla_bits_total as f64 / 8.0 / numbers, pco_bytes as f64 / numbers);
    println!("whole blocks (times, 9 fields, flags): {block_bytes} B = {:.2} B/number, {:.2} B/measurement; encoded in {encode_s:.2} s", block_bytes as f64 / numbers, block_bytes as f64 / measurements as f64);
    let t1 = std::time::Instant::now();
    let mut decoded = 0;
    for (_, _, b) in &blocks {
        decoded += block::decode(b).unwrap().len();
    }
    println!("decoded {decoded} entries in {:.3} s", t1.elapsed().as_secs_f64());

    // 2. On disk in SQLite: rows vs blocks (dbstat: pages of each table and its indexes).
    let dir = tempfile_dir();
    let path = dir.join("bench.db");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let db = lantian::storage::Db::connect(&format!("sqlite://{}?mode=rwc", path.display()), 2).await.unwrap();
        db.pool.close().await;
    });
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut st = tx.prepare("INSERT INTO measurements (device_id, cn, data_time, pollutant, avg, min, max, flag) VALUES (?1, 2051, ?2, ?3, ?4, ?5, ?6, ?7)").unwrap();
        for o in 0..outlets {
            for m in 0..1440i64 {
                let dt = DAY + (m / 60) * 10_000 + (m % 60) * 100;
                for (p, param) in PARAMS.iter().enumerate() {
                    let (a, mi, ma) = minute(o, p, m);
                    let flag = if unit(mix(o ^ m as u64 ^ 0xf1)) < 0.01 { "D" } else { "N" };
                    st.execute(rusqlite::params![o as i64 + 1, dt, param.0, a, mi, ma, flag]).unwrap();
                }
            }
        }
    }
    tx.commit().unwrap();
    conn.execute_batch("VACUUM").unwrap();
    let size = |conn: &rusqlite::Connection, tables: &[&str]| -> i64 {
        let mut total = 0;
        for t in tables {
            total += conn
                .query_row("SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name IN (SELECT name FROM sqlite_schema WHERE tbl_name = ?1)", [t], |r| r.get::<_, i64>(0))
                .unwrap();
        }
        total
    };
    let rows_bytes = size(&conn, &["measurements"]);
    println!("SQLite row layout (measurements + its key): {rows_bytes} B = {:.2} B/number, {:.2} B/measurement", rows_bytes as f64 / numbers, rows_bytes as f64 / measurements as f64);
    drop(conn);
    let t2 = std::time::Instant::now();
    let report = rt.block_on(async {
        let db = lantian::storage::Db::connect(&format!("sqlite://{}?mode=rwc", path.display()), 2).await.unwrap();
        let r = lantian::storage::series::compact(&db, time::OffsetDateTime::now_utc(), 50_000).await.unwrap();
        db.pool.close().await;
        r
    });
    println!("compacted {} rows in {} block writes in {:.2} s", report.rows, report.blocks, t2.elapsed().as_secs_f64());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("VACUUM").unwrap();
    let blocks_bytes = size(&conn, &["series_blocks"]);
    let left = size(&conn, &["measurements"]);
    println!("SQLite series blocks (+ key index): {blocks_bytes} B = {:.2} B/number, {:.2} B/measurement (rows left: {left} B)", blocks_bytes as f64 / numbers, blocks_bytes as f64 / measurements as f64);

    // 3. DuckDB's own file of the same rows.
    let csv = dir.join("minutes.csv");
    {
        use std::io::Write;
        let mut w = std::io::BufWriter::new(std::fs::File::create(&csv).unwrap());
        writeln!(w, "device_id,data_time,pollutant,avg,min,max,flag").unwrap();
        for o in 0..outlets {
            for m in 0..1440i64 {
                let dt = DAY + (m / 60) * 10_000 + (m % 60) * 100;
                for (p, param) in PARAMS.iter().enumerate() {
                    let (a, mi, ma) = minute(o, p, m);
                    let flag = if unit(mix(o ^ m as u64 ^ 0xf1)) < 0.01 { "D" } else { "N" };
                    writeln!(w, "{},{dt},{},{a},{mi},{ma},{flag}", o + 1, param.0).unwrap();
                }
            }
        }
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/series_duckdb.py");
    match std::process::Command::new("python3").arg(script).arg(&csv).arg(dir.join("duck.db")).output() {
        Ok(o) if o.status.success() => {
            let bytes: f64 = String::from_utf8_lossy(&o.stdout).trim().parse().unwrap_or(0.0);
            println!("DuckDB file (table of the same rows, after CHECKPOINT): {bytes} B = {:.2} B/number, {:.2} B/measurement", bytes / numbers, bytes / measurements as f64);
        }
        Ok(o) => println!("DuckDB not measured: {}", String::from_utf8_lossy(&o.stderr).lines().last().unwrap_or("")),
        Err(e) => println!("DuckDB not measured: {e}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn tempfile_dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("lantian-series-bench-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}
