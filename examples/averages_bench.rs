//! One Beijing day of minute data for 10,000 outlets × 4 parameters (57.6 million values) from
//! the time-series store to valid hourly and daily means with oxygen conversion, against DuckDB
//! computing the same from its own table of the same rows, in the same run; the averages of
//! both are checked equal (same valid counts, means within 1e-9 relative).
//!
//!     cargo build --release --example averages_bench
//!     target/release/examples/averages_bench [outlets=10000] [threads=2] [runs=3]
//!
//! Data (deterministic): per outlet SO2 (a21026, mg/m³, 2 decimals, converted to the reference
//! oxygen 9 %), O2 (a19001, %, 1), temperature (a01012, °C, 1) and flow (a00000, m³/s, 2), one
//! value a minute with Avg, Min, Max and Flag as loggers send them, following a daily
//! production cycle with ±6 % noise; 1 % of minutes flagged D at random; 2 % of outlet-hours
//! lose 5–34 minutes to a transmission gap, 1 % have a 20-minute O2 calibration (flag C), 0.5 %
//! a 14–17-minute SO2 fault (flag D, around the 45-minute line); every 97th outlet is down for
//! 5 whole hours (at most 19 valid hours: an invalid day) and every 89th for 4.
//!
//! The store side: the day is written as series blocks into a SQLite file with the platform's
//! schema (`Db::connect`, `storage::series::store_blocks`); each run then reads the day's
//! blocks back with one query per 250 outlets, decodes them (`monitoring::block::decode`) and
//! computes with the platform's own pure functions (`monitoring::averages::hour` and `day`),
//! `threads` workers taking chunks of outlets. A one-thread pass prints where the time goes.
//! The DuckDB side is `bench/averages_duckdb.py` (PyPI `duckdb`): it loads a CSV of the same
//! rows into its own table, runs one SQL statement for the hours and one for the days with the
//! same validity rules and conversion (at 1 and at `threads` threads), and compares its
//! results with this program's, which it is handed as CSV.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Instant;

use lantian::monitoring::averages::{self as avg, Average, OutletRules, Reading};
use lantian::monitoring::block::{self, Entry, FIELDS};
use lantian::monitoring::rules::{Medium, VALIDITY};
use lantian::monitoring::sample::{DataKind, instant_of_data_time};
use lantian::storage::{Db, series};
use sqlx::Row;

/// (code, typical level, decimals sent).
const PARAMS: [(&str, f64, i32); 4] = [("a21026", 60.0, 2), ("a19001", 9.0, 1), ("a01012", 95.0, 1), ("a00000", 12.0, 2)];
const DAY: i64 = 20261101000000;
const REFERENCE_O2: f64 = 9.0;
/// Outlets per read (1,000 blocks, ≈ 7 MB).
const CHUNK: i64 = 250;

/// SplitMix64: the deterministic source of every "random" choice.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// The decimal as a logger sends it (the nearest double to the rounded decimal).
fn round(v: f64, decimals: i32) -> f64 {
    let m = 10f64.powi(decimals);
    (v * m).round() / m
}

/// Production load over the day: night shift at 55 %, day shift full, evening ramp down.
fn load(minute: i64) -> f64 {
    match minute / 60 {
        0..=5 | 23 => 0.55,
        6..=7 => 0.55 + 0.45 * (minute - 360) as f64 / 120.0,
        8..=19 => 1.0,
        _ => 1.0 - 0.45 * (minute - 1200) as f64 / 180.0,
    }
}

/// Whole hours an outlet is down (no rows at all).
fn down(o: u64, hour: i64) -> bool {
    (o % 97 == 0 && (2..7).contains(&hour)) || (o % 89 == 0 && (14..18).contains(&hour))
}

/// The value of parameter `p` of outlet `o` at minute `m` of the day, or None when the minute
/// never arrived: (Avg, Min, Max, Flag).
fn minute(o: u64, p: usize, m: i64) -> Option<(f64, f64, f64, &'static str)> {
    let (hour, in_hour) = (m / 60, m % 60);
    if down(o, hour) {
        return None;
    }
    let fault = mix((o * 24 + hour as u64) ^ 0xfa17);
    let (r, len) = (unit(fault), (mix(fault) % 30) as i64);
    if r < 0.02 && in_hour < 5 + len {
        return None;
    }
    let mut flag = if unit(mix((o << 24) ^ ((m as u64) << 4) ^ (p as u64) ^ 0xf1a9)) < 0.01 { "D" } else { "N" };
    if (0.02..0.03).contains(&r) && p == 1 && in_hour < 20 {
        flag = "C";
    }
    if (0.03..0.035).contains(&r) && p == 0 && in_hour >= 60 - (14 + len % 4) {
        flag = "D";
    }
    let (level, decimals) = (PARAMS[p].1 * (0.6 + 0.8 * unit(mix(o * 31 + p as u64))), PARAMS[p].2);
    let h = mix(o ^ (m as u64) << 20 ^ (p as u64) << 50);
    let noise = 1.0 + (unit(mix(h)) + unit(mix(h ^ 1)) + unit(mix(h ^ 2)) - 1.5) * 0.12;
    let cycle = if p == 1 { 1.0 } else { 0.4 + 0.6 * load(m) };
    let value = level * cycle * noise;
    let spread = 0.02 + 0.05 * unit(mix(h ^ 7));
    Some((round(value, decimals), round(value * (1.0 - spread), decimals), round(value * (1.0 + spread), decimals), flag))
}

/// One computed mean, as both sides report it; `hour` is the hour of the day, -1 for the day.
#[derive(Clone, Copy, Debug)]
struct Mean {
    device: i64,
    param: u8,
    hour: i8,
    average: Average,
}

/// Hourly and daily means of one outlet from its decoded minute readings (one list per
/// parameter, in time order), with the platform's functions, as `storage::averages` calls them.
fn outlet_means(device: i64, day_start: i64, series: &[(u8, Vec<Reading>)], out: &mut Vec<Mean>) {
    let rules = OutletRules { medium: Medium::Air, reference_o2: Some(REFERENCE_O2), rules: &VALIDITY };
    let mut hours: Vec<Vec<Average>> = vec![Vec::with_capacity(24); series.len()];
    let mut cursor = vec![0usize; series.len()];
    for hour in 0..24i64 {
        let end = day_start + (hour + 1) * 3600;
        let mut input: Vec<(&str, &[Reading])> = Vec::with_capacity(series.len());
        let mut which = Vec::with_capacity(series.len());
        for (i, (param, readings)) in series.iter().enumerate() {
            let from = cursor[i];
            let to = from + readings[from..].partition_point(|r| r.at < end);
            cursor[i] = to;
            if to > from {
                input.push((PARAMS[*param as usize].0, &readings[from..to]));
                which.push(i);
            }
        }
        for (i, average) in which.into_iter().zip(avg::hour(&rules, &input)) {
            hours[i].push(average);
            out.push(Mean { device, param: series[i].0, hour: hour as i8, average });
        }
    }
    for (i, hours) in hours.iter().enumerate() {
        if !hours.is_empty() {
            out.push(Mean { device, param: series[i].0, hour: -1, average: avg::day(&rules, hours) });
        }
    }
}

fn readings(data: &[u8]) -> Vec<Reading> {
    // Only Avg (field 1) and the flags: the averages read nothing else.
    let cols = block::decode_columns(data, &[1]).expect("the benchmark's blocks decode");
    cols.times.iter().zip(&cols.fields[1]).zip(cols.flag_per_entry()).map(|((&t, &v), flag)| Reading::new(&VALIDITY, t, v, flag.unwrap_or(""))).collect()
}

fn param_of(code: &str) -> u8 {
    PARAMS.iter().position(|p| p.0 == code).expect("a benchmark parameter") as u8
}

/// The day's blocks of outlets `[first, first + CHUNK)` (device ids are outlet + 1), in
/// (device, pollutant) order: (device, parameter, block bytes).
async fn read_chunk(db: &Db, block_start: i64, first: i64) -> Vec<(i64, u8, Vec<u8>)> {
    let rows = sqlx::query(
        "SELECT device_id, pollutant, data FROM series_blocks WHERE cn = 2051 AND block_start = $1 AND device_id > $2 AND device_id <= $3
         ORDER BY device_id, pollutant",
    )
    .bind(block_start)
    .bind(first)
    .bind(first + CHUNK)
    .fetch_all(&db.pool)
    .await
    .expect("read blocks");
    rows.iter().map(|r| (r.get::<i64, _>(0), param_of(&r.get::<String, _>(1)), r.get::<Vec<u8>, _>(2))).collect()
}

/// Groups of consecutive blocks of the same device.
fn by_device(blocks: &[(i64, u8, Vec<u8>)]) -> impl Iterator<Item = &[(i64, u8, Vec<u8>)]> {
    blocks.chunk_by(|a, b| a.0 == b.0)
}

/// Store to means with `threads` workers, each taking the next chunk of outlets, reading it
/// and computing it; returns the means (in no particular order).
async fn store_to_means(db: &Db, outlets: i64, day_start: i64, threads: usize) -> Vec<Mean> {
    let next = Arc::new(AtomicI64::new(0));
    let mut workers = Vec::new();
    for _ in 0..threads {
        let (db, next) = (db.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut out = Vec::new();
            loop {
                let first = next.fetch_add(CHUNK, Ordering::Relaxed);
                if first >= outlets {
                    return out;
                }
                let blocks = read_chunk(&db, day_start, first).await;
                for device in by_device(&blocks) {
                    let series: Vec<(u8, Vec<Reading>)> = device.iter().map(|(_, p, data)| (*p, readings(data))).collect();
                    outlet_means(device[0].0, day_start, &series, &mut out);
                }
            }
        }));
    }
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.expect("worker"));
    }
    all
}

/// The same on one thread, timing reading, decoding and averaging apart.
async fn profile(db: &Db, outlets: i64, day_start: i64) -> (f64, f64, f64) {
    let (mut read, mut decode, mut average) = (0.0, 0.0, 0.0);
    let mut out = Vec::new();
    let mut first = 0;
    while first < outlets {
        let t = Instant::now();
        let blocks = read_chunk(db, day_start, first).await;
        read += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let decoded: Vec<(i64, Vec<(u8, Vec<Reading>)>)> =
            by_device(&blocks).map(|d| (d[0].0, d.iter().map(|(_, p, data)| (*p, readings(data))).collect())).collect();
        decode += t.elapsed().as_secs_f64();
        let t = Instant::now();
        for (device, series) in &decoded {
            outlet_means(*device, day_start, series, &mut out);
        }
        average += t.elapsed().as_secs_f64();
        first += CHUNK;
    }
    (read, decode, average)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn opt(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn main() {
    let arg = |i: usize, default: i64| std::env::args().nth(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let (outlets, threads, runs) = (arg(1, 10_000), arg(2, 2).max(1) as usize, arg(3, 3).max(1) as usize);
    let day_start = instant_of_data_time(DAY).expect("a date").unix_timestamp();
    let dir = std::env::temp_dir().join(format!("lantian-averages-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(threads).enable_all().build().expect("runtime");
    let url = format!("sqlite://{}?mode=rwc", dir.join("store.db").display());
    let db = rt.block_on(Db::connect(&url, threads as u32 + 1)).expect("database");

    // 1. The day into the store (as blocks) and into a CSV for DuckDB: same rows.
    let t = Instant::now();
    let csv = dir.join("minutes.csv");
    let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&csv).expect("csv"));
    writeln!(w, "device_id,t,pollutant,avg,min,max,flag").unwrap();
    let (mut values, mut block_bytes) = (0u64, 0usize);
    for first in (0..outlets).step_by(CHUNK as usize) {
        let mut blocks = Vec::new();
        for o in first..(first + CHUNK).min(outlets) {
            for (p, (code, _, _)) in PARAMS.iter().enumerate() {
                let mut entries = Vec::with_capacity(1440);
                for m in 0..1440 {
                    let Some((a, lo, hi, flag)) = minute(o as u64, p, m) else { continue };
                    let time = day_start + 60 * m;
                    writeln!(w, "{},{time},{code},{a},{lo},{hi},{flag}", o + 1).unwrap();
                    let mut fields = [None; FIELDS];
                    (fields[1], fields[2], fields[3]) = (Some(a), Some(lo), Some(hi));
                    entries.push(Entry { time, fields, flag: Some(flag.into()), extra: None });
                }
                values += entries.len() as u64;
                block_bytes += block::encode(&entries).len();
                blocks.push(((o + 1, code.to_string(), day_start), (day_start + 86_400, entries)));
            }
        }
        rt.block_on(series::store_blocks(&db, DataKind::Minute2051, blocks)).expect("store blocks");
    }
    w.flush().unwrap();
    drop(w);
    rt.block_on(async { sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&db.pool).await }).expect("checkpoint");
    let stored: i64 = rt.block_on(async { sqlx::query("SELECT COUNT(*) FROM series_blocks").fetch_one(&db.pool).await }).expect("count").get(0);
    println!(
        "== {outlets} outlets x {} parameters x 1,440 minutes: {values} values stored ({} missing minutes) in {stored} blocks of {block_bytes} B; written in {:.1} s (not timed)",
        PARAMS.len(),
        outlets as u64 * PARAMS.len() as u64 * 1440 - values,
        t.elapsed().as_secs_f64()
    );

    // 2. Store → means, `runs` times at 1 thread and at `threads`.
    let mut means = Vec::new();
    let mut rows = Vec::new();
    let configs = if threads == 1 { vec![1] } else { vec![1, threads] };
    for k in configs {
        let mut times = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            // A 1-thread run uses one worker; the runtime's other threads stay idle.
            means = rt.block_on(store_to_means(&db, outlets, day_start, k));
            times.push(t.elapsed().as_secs_f64());
        }
        println!("store -> hourly + daily means, {k} thread(s): runs {times:.3?} s, median {:.3} s", median(times.clone()));
        rows.push((k, median(times)));
    }
    let mut parts = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let (r, d, a) = rt.block_on(profile(&db, outlets, day_start));
        parts.0.push(r);
        parts.1.push(d);
        parts.2.push(a);
    }
    println!(
        "one thread, apart (median of {runs}): read blocks {:.3} s, decode {:.3} s, hourly + daily means {:.3} s",
        median(parts.0),
        median(parts.1),
        median(parts.2)
    );
    let hours: Vec<&Mean> = means.iter().filter(|m| m.hour >= 0).collect();
    let days: Vec<&Mean> = means.iter().filter(|m| m.hour < 0).collect();
    println!(
        "means: {} hours ({} valid), {} days ({} valid); SO2: {} valid hours, {} valid days",
        hours.len(),
        hours.iter().filter(|m| m.average.valid).count(),
        days.len(),
        days.iter().filter(|m| m.average.valid).count(),
        hours.iter().filter(|m| m.param == 0 && m.average.valid).count(),
        days.iter().filter(|m| m.param == 0 && m.average.valid).count()
    );

    // 3. DuckDB on the same rows, and the check that both computed the same means.
    let ours = dir.join("means.csv");
    {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&ours).expect("csv"));
        writeln!(w, "device_id,pollutant,hr,valid,n,mean,converted").unwrap();
        for m in &means {
            let a = &m.average;
            writeln!(w, "{},{},{},{},{},{},{}", m.device, PARAMS[m.param as usize].0, m.hour, a.valid, a.valid_count, opt(a.mean), opt(a.converted)).unwrap();
        }
    }
    rt.block_on(db.close());
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/averages_duckdb.py");
    let status = std::process::Command::new("python3")
        .arg(script)
        .arg(&csv)
        .arg(dir.join("duck.db"))
        .arg(day_start.to_string())
        .arg(runs.to_string())
        .arg(threads.to_string())
        .arg(&ours)
        .status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => println!("DuckDB side failed ({s})"),
        Err(e) => println!("DuckDB not run: {e}"),
    }
    for (k, s) in rows {
        println!("store side, {k} thread(s): median {s:.3} s");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
