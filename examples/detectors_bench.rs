//! All suspicious-data detectors (`enforcement::detectors::run`) over 30 days of hourly data
//! for N outlets (issue 10 performance; BENCHMARKS.md), timed over `run` alone.
//!
//!     cargo build --release --example detectors_bench
//!     target/release/examples/detectors_bench [outlets=10000] [threads=1] [history_days=8]
//!
//! Data (deterministic, built in batches of 100 outlets so memory stays small; building is not
//! timed): per outlet an air outlet converted to 9 % O2 with SO2, NOx and PM (a21026, a21002,
//! a34013: measured, converted, O2, emission; the logger's own hourly values too), O2, flow and
//! temperature, one point an hour for `history_days` days of history and a 30-day window,
//! following a daily load cycle with noise; 2 % of hours invalid, 1 % missing; two marks per
//! outlet. Every 50th outlet has a 14-hour flatline, every 60th NOx bunched below its limit in
//! 40 % of the window's hours, every 70th 6 diluted hours, every 90th a logger that sends other
//! converted values, every 110th a shutdown mark over exceeding hours, every 200th an offline
//! logger, every 300th a refused future frame. `DETECTORS_SHOW=<code>` prints that detector's
//! findings for the first outlets (English).
//! Prints outlets, hours of data, findings per detector, and the time of `run` over all.

use std::time::{Duration, Instant};

use lantian::enforcement::detectors::{self, CODES};
use lantian::enforcement::finding::Finding;
use lantian::enforcement::series::{MarkSpan, OutletSeries, Point, PollutantSeries};
use lantian::monitoring::rules::Medium;

const H: i64 = 3600;
/// 2026-11-01 00:00 Beijing.
const T0: i64 = 1_793_462_400;
const BATCH: usize = 100;

fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

fn outlet(n: usize, history_days: i64) -> OutletSeries {
    let seed = mix(n as u64 + 1);
    let hours = (history_days + 30) * 24;
    let start = T0 - history_days * 86_400;
    let window = (T0, T0 + 30 * 86_400);
    let (o2_ref, limit) = (9.0, [200.0, 300.0, 30.0]);
    let flat = n % 50 == 7;
    let diluted = n % 70 == 11;
    let liar = n % 90 == 13;
    let hidden = n % 110 == 17;
    let bunched = n % 60 == 19;
    let at = |i: i64| start + i * H;
    let (mut o2s, mut flows, mut temps) = (Vec::new(), Vec::new(), Vec::new());
    let mut pollutants: Vec<PollutantSeries> = ["a21026", "a21002", "a34013"]
        .iter()
        .zip(limit)
        .map(|(code, limit)| PollutantSeries { code: code.to_string(), name: String::new(), limit: Some(limit), daily_limit: None, hours: Vec::with_capacity(hours as usize), logger_hours: Vec::with_capacity(hours as usize), days: Vec::new() })
        .collect();
    for i in 0..hours {
        let h = mix(seed ^ i as u64);
        if unit(h) < 0.01 {
            continue; // missing hour
        }
        let valid = unit(mix(h)) >= 0.02;
        let t = at(i);
        let hour_of_day = ((t + 8 * H).rem_euclid(86_400) / H) as f64;
        let load = 0.6 + 0.35 * ((hour_of_day - 6.0) / 24.0 * std::f64::consts::TAU).sin();
        let in_window = t >= window.0;
        let k = (t - window.0) / H;
        let dil = diluted && in_window && (200..206).contains(&k);
        let o2 = if dil { 18.5 } else { (13.0 - 5.0 * load) * (0.97 + 0.06 * unit(mix(h ^ 2))) };
        let flow = 11.0 * load * (0.95 + 0.1 * unit(mix(h ^ 3))) * if dil { 2.5 } else { 1.0 };
        let point = |mean: f64| Point { start: t, valid, valid_count: if valid { 60 } else { 30 }, total_count: 60, mean: Some(mean), ..Default::default() };
        o2s.push(point(o2));
        flows.push(point(flow));
        temps.push(point(60.0 + 60.0 * load));
        for (j, p) in pollutants.iter_mut().enumerate() {
            let lim = limit[j];
            let mut converted = lim * (0.35 + 0.4 * load) * (0.9 + 0.2 * unit(mix(h ^ (10 + j as u64))));
            if hidden && j == 0 && in_window && (400..404).contains(&k) {
                converted = lim * 4.0;
            }
            let mut measured = converted * (21.0 - o2) / (21.0 - o2_ref);
            if flat && j == 0 && in_window && (300..314).contains(&k) {
                // A stuck analyser: the measured value repeats; the converted one follows O2.
                measured = lim * 0.5;
                converted = measured * (21.0 - o2_ref) / (21.0 - o2);
            }
            if bunched && j == 1 && in_window && k % 5 < 2 {
                converted = lim * (0.91 + 0.08 * unit(mix(h ^ 99)));
                measured = converted * (21.0 - o2) / (21.0 - o2_ref);
            }
            let point = Point {
                start: t,
                valid,
                valid_count: if valid { 60 } else { 30 },
                total_count: 60,
                mean: Some(measured),
                converted: Some(converted),
                o2: Some(o2),
                emission_kg: Some(measured * flow * 3600.0 * 1e-6),
            };
            let mut logger = point.clone();
            if liar && j == 1 && in_window && k % 24 == 3 {
                logger.converted = Some(converted * 0.8);
            }
            p.hours.push(point);
            p.logger_hours.push(logger);
        }
    }
    let parameter = |code: &str, hours: Vec<Point>| PollutantSeries { code: code.into(), name: String::new(), limit: None, daily_limit: None, hours, logger_hours: Vec::new(), days: Vec::new() };
    pollutants.push(parameter("a19001", o2s));
    pollutants.push(parameter("a00000", flows));
    pollutants.push(parameter("a01012", temps));
    let mut marks = vec![
        MarkSpan { kind: "maintenance".into(), starts_at: window.0 + (50 + (seed % 100) as i64) * H, ends_at: window.0 + (52 + (seed % 100) as i64) * H, entered_at: window.0 + 50 * H },
        MarkSpan { kind: "calibration".into(), starts_at: window.0 + (500 + (seed % 50) as i64) * H, ends_at: window.0 + (501 + (seed % 50) as i64) * H, entered_at: window.0 + 500 * H },
    ];
    if hidden {
        marks.push(MarkSpan { kind: "shutdown".into(), starts_at: window.0 + 400 * H, ends_at: window.0 + 404 * H, entered_at: window.0 + 430 * H });
    }
    OutletSeries {
        credit_code: format!("91610100BENCH{n:05}"),
        outlet_code: "DA001".into(),
        enterprise_name: String::new(),
        outlet_name: String::new(),
        division_code: "610102".into(),
        industry_code: "4411".into(),
        medium: Medium::Air,
        reference_o2: Some(o2_ref),
        standard: "GB 13271-2014 表2 燃煤".into(),
        pollutants,
        marks,
        window,
        last_contact: Some(window.1 - if n % 200 == 5 { 20 * H } else { 60 }),
        future_frames: if n % 300 == 9 { vec![window.1 + 3 * H] } else { Vec::new() },
        conflicts: Vec::new(),
        now: window.1,
    }
}

fn run_batch(batch: &[OutletSeries], threads: usize) -> (Duration, Vec<Vec<Finding>>) {
    let t = Instant::now();
    let out: Vec<Vec<Finding>> = if threads <= 1 {
        batch.iter().map(detectors::run).collect()
    } else {
        let chunk = batch.len().div_ceil(threads);
        std::thread::scope(|s| {
            let handles: Vec<_> = batch.chunks(chunk).map(|c| s.spawn(move || c.iter().map(detectors::run).collect::<Vec<_>>())).collect();
            handles.into_iter().flat_map(|h| h.join().expect("detector thread")).collect()
        })
    };
    (t.elapsed(), out)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let outlets: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let threads: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1);
    let history_days: i64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(8);
    // Settings parsed before the clock starts (once per process).
    let _ = &*detectors::SETTINGS;
    let (mut elapsed, mut points) = (Duration::ZERO, 0usize);
    let mut counts = vec![0usize; CODES.len()];
    let mut outlets_with = vec![0usize; CODES.len()];
    let mut n = 0;
    while n < outlets {
        let batch: Vec<OutletSeries> = (n..(n + BATCH).min(outlets)).map(|i| outlet(i, history_days)).collect();
        points += batch.iter().flat_map(|s| &s.pollutants).map(|p| p.hours.len() + p.logger_hours.len()).sum::<usize>();
        let (t, found) = run_batch(&batch, threads);
        elapsed += t;
        if let (Ok(code), 0) = (std::env::var("DETECTORS_SHOW"), n) {
            for (s, f) in batch.iter().zip(&found) {
                for x in f.iter().filter(|x| x.detector == code) {
                    println!("{} {:?} [{}, {}): {}", s.label(), x.pollutant, x.start, x.end, x.explanation.render(lantian::i18n::Lang::En));
                }
            }
        }
        for f in &found {
            let mut seen = vec![false; CODES.len()];
            for x in f {
                let i = CODES.iter().position(|c| *c == x.detector).expect("known code");
                counts[i] += 1;
                seen[i] = true;
            }
            for (i, s) in seen.iter().enumerate() {
                outlets_with[i] += *s as usize;
            }
        }
        n += batch.len();
    }
    println!("outlets {outlets}, 30-day window + {history_days} days of history, {points} hourly points (computed and logger), {threads} thread(s)");
    for (i, c) in CODES.iter().enumerate() {
        println!("  {c:<22} {:>7} findings at {:>6} outlets", counts[i], outlets_with[i]);
    }
    println!("detectors::run over all outlets: {:.3} s ({:.1} µs per outlet)", elapsed.as_secs_f64(), elapsed.as_secs_f64() * 1e6 / outlets.max(1) as f64);
}
