//! Issue 10's performance aim: the exceedance judgment and every suspicious-data detector over
//! a month of hourly data for 10,000 outlets, against the same exceedance judgment and two
//! detectors (flatline, bunching) written as SQL in DuckDB over the same data, in the same run;
//! the answers are checked equal (`bench/judge_duckdb.py` compares digests).
//!
//!     cargo build --release --example judge_bench
//!     target/release/examples/judge_bench [outlets=10000] [threads=2] > /tmp/judge-rust.json
//!     python3 bench/judge_duckdb.py /tmp/judge-rust.json
//!
//! Data (deterministic integer arithmetic, so DuckDB regenerates exactly the same values with
//! `range()`): 720 hours (30 days) per outlet; the window judged by the detectors is the last 21
//! days, the 9 days before it are the outlet's history. Per outlet SO2 (a21026, limit 100),
//! NOx (a21002, limit 200) and PM (a34013, limit 20) as converted hourly means between 30 % and
//! 70 % of the limit; flue-gas flow (running) and O2. About 1 % of hours are invalid. Every
//! 20th outlet exceeds on SO2 for 3 hours every 150 hours; every 50th bunches at 90–99 % of the
//! NOx limit on about half its window hours; every 40th holds PM constant for 20 window hours
//! (hours 500–519, neighbours forced away from the constant).
//!
//! Timed: building nothing — the series are generated per chunk of 500 outlets outside the
//! clock — then `episodes::of_outlet` and `detectors::run` for every outlet, `threads` workers.

use std::time::{Duration, Instant};

use lantian::enforcement::detectors;
use lantian::enforcement::episodes;
use lantian::enforcement::series::{OutletSeries, Point, PollutantSeries};
use lantian::monitoring::rules::Medium;

pub const HOURS: i64 = 720;
pub const WINDOW_FROM_HOUR: i64 = 216;
const T0: i64 = 1_764_518_400; // 2025-12-01 00:00 Beijing
const CHUNK: usize = 500;
/// (code, limit) of the three judged pollutants, in this order (index p in the formulas).
const POLLUTANTS: [(&str, f64); 3] = [("a21026", 100.0), ("a21002", 200.0), ("a34013", 20.0)];

/// u(o, p, h) in [0, 1): the same integer formula as the SQL side.
fn u(o: i64, p: i64, h: i64) -> f64 {
    ((o * 7919 + p * 104_729 + h * 1_299_709) % 10_007) as f64 / 10_007.0
}

fn valid(o: i64, h: i64) -> bool {
    (o * 31 + h * 17) % 97 != 0
}

/// The converted hourly mean of pollutant p (see the module's comment); SQL: judge_duckdb.py.
pub fn value(o: i64, p: i64, h: i64) -> f64 {
    let limit = POLLUTANTS[p as usize].1;
    if p == 0 && o % 20 == 0 && (h + o) % 150 < 3 {
        return limit * (1.2 + 0.1 * ((h + o) % 150) as f64);
    }
    if p == 1 && o % 50 == 7 && h >= WINDOW_FROM_HOUR && u(o, p, h) < 0.5 {
        return limit * (0.9 + 0.09 * u(o, 5, h));
    }
    if p == 2 && o % 40 == 3 {
        if (500..520).contains(&h) {
            return limit * 0.5;
        }
        if h == 499 || h == 520 {
            return limit * 0.8;
        }
    }
    limit * (0.3 + 0.4 * u(o, p, h))
}

fn hour_valid(o: i64, p: i64, h: i64) -> bool {
    // The flat PM segment and its neighbours are valid, so both sides see the same run.
    (p == 2 && o % 40 == 3 && (499..521).contains(&h)) || valid(o, h)
}

fn outlet(o: i64) -> OutletSeries {
    let mut pollutants = Vec::with_capacity(5);
    for (p, (code, limit)) in POLLUTANTS.iter().enumerate() {
        let p = p as i64;
        let hours = (0..HOURS)
            .map(|h| {
                let v = value(o, p, h);
                Point { start: T0 + h * 3600, valid: hour_valid(o, p, h), valid_count: 60, total_count: 60, mean: Some(v * 0.9), converted: Some(v), o2: Some(10.0), emission_kg: Some(v * 0.036) }
            })
            .collect();
        pollutants.push(PollutantSeries { code: code.to_string(), name: String::new(), limit: Some(*limit), hours, ..Default::default() });
    }
    for (code, base) in [("a00000", 12.0), ("a19001", 10.0)] {
        let hours = (0..HOURS)
            .map(|h| Point { start: T0 + h * 3600, valid: valid(o, h), valid_count: 60, total_count: 60, mean: Some(base * (0.9 + 0.2 * u(o, 7, h))), ..Default::default() })
            .collect();
        pollutants.push(PollutantSeries { code: code.to_string(), hours, ..Default::default() });
    }
    OutletSeries {
        credit_code: format!("BENCH{o:08}"),
        outlet_code: "DA001".into(),
        enterprise_name: String::new(),
        outlet_name: String::new(),
        division_code: "612002".into(),
        industry_code: "4411".into(),
        medium: Medium::Air,
        reference_o2: Some(9.0),
        standard: String::new(),
        pollutants,
        marks: Vec::new(),
        window: (T0 + WINDOW_FROM_HOUR * 3600, T0 + HOURS * 3600),
        last_contact: Some(T0 + HOURS * 3600),
        future_frames: Vec::new(),
        conflicts: Vec::new(),
        now: T0 + HOURS * 3600 + 600,
    }
}

#[derive(Default)]
struct Answers {
    episodes: Vec<String>,
    flatline: Vec<String>,
    bunching: Vec<String>,
    findings: usize,
}

fn judge(chunk: &[OutletSeries], out: &mut Answers) {
    for s in chunk {
        let o: i64 = s.credit_code[5..].parse().unwrap_or_default();
        for e in episodes::of_outlet(s) {
            let p = POLLUTANTS.iter().position(|(c, _)| *c == e.pollutant).unwrap_or(9);
            out.episodes.push(format!("{o},{p},{},{},{},{}", (e.start - T0) / 3600, (e.end - T0) / 3600, e.periods, (e.max_value * 1000.0).round() as i64));
        }
        for f in detectors::run(s) {
            out.findings += 1;
            let p = POLLUTANTS.iter().position(|(c, _)| Some(*c) == f.pollutant.as_deref()).unwrap_or(9);
            match f.detector {
                "flatline" => out.flatline.push(format!("{o},{p},{},{}", (f.start - T0) / 3600, (f.end - T0) / 3600)),
                "bunching" => out.bunching.push(format!("{o},{p}")),
                _ => {}
            }
        }
    }
}

fn digest(mut lines: Vec<String>) -> (usize, String) {
    use sha2::{Digest, Sha256};
    lines.sort();
    let mut h = Sha256::new();
    for l in &lines {
        h.update(l.as_bytes());
        h.update(b"\n");
    }
    (lines.len(), hex::encode(&h.finalize()[..8]))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let outlets: i64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let threads: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(2).max(1);
    let mut answers = Answers::default();
    let (mut generating, mut judging) = (Duration::ZERO, Duration::ZERO);
    let mut start = 0;
    while start < outlets {
        let end = (start + CHUNK as i64 * threads as i64).min(outlets);
        let t = Instant::now();
        let series: Vec<OutletSeries> = (start..end).map(outlet).collect();
        generating += t.elapsed();
        let t = Instant::now();
        let per = series.len().div_ceil(threads);
        let parts: Vec<Answers> = std::thread::scope(|scope| {
            let handles: Vec<_> = series.chunks(per.max(1)).map(|c| scope.spawn(move || {
                let mut a = Answers::default();
                judge(c, &mut a);
                a
            })).collect();
            handles.into_iter().map(|h| h.join().expect("worker")).collect()
        });
        judging += t.elapsed();
        for p in parts {
            answers.episodes.extend(p.episodes);
            answers.flatline.extend(p.flatline);
            answers.bunching.extend(p.bunching);
            answers.findings += p.findings;
        }
        start = end;
    }
    let values = outlets * HOURS * 5;
    let (ne, de) = digest(answers.episodes);
    let (nf, df) = digest(answers.flatline);
    let (nb, db) = digest(answers.bunching);
    eprintln!(
        "judged {outlets} outlets × {HOURS} h × 5 series ({values} hourly values) in {:.3} s on {threads} thread(s) ({:.1} M values/s); generating them took {:.3} s",
        judging.as_secs_f64(),
        values as f64 / judging.as_secs_f64() / 1e6,
        generating.as_secs_f64()
    );
    eprintln!("episodes {ne} ({de}), flatline {nf} ({df}), bunching {nb} ({db}), all findings of all detectors {}", answers.findings);
    println!(
        "{}",
        serde_json::json!({
            "outlets": outlets, "hours": HOURS, "window_from_hour": WINDOW_FROM_HOUR, "threads": threads,
            "seconds": judging.as_secs_f64(), "findings": answers.findings,
            "episodes": { "count": ne, "digest": de }, "flatline": { "count": nf, "digest": df }, "bunching": { "count": nb, "digest": db },
        })
    );
}
