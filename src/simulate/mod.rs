//! `lantian simulate`: HJ 212 data loggers for the registered devices (the demo city's
//! outlets after `lantian demo`), sending real-time data with a realistic daily pattern
//! (`pattern`) and, on request, injected faults (`faults`). Each logger (`logger`) reads its
//! acknowledgements, so the summary can say how many packets were acknowledged — the figure
//! the exactly-once check compares with what was stored.
//!
//! Data time is simulated: packet k of a device carries DataTime = start + k × interval. At
//! the demo's gentle rate (one packet per device per interval) that is the wall clock; a
//! benchmark runs simulated time faster.

pub mod devices;
pub mod faults;
pub mod logger;
pub mod pattern;
pub mod periodic;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

pub use devices::SimDevice;
pub use faults::Faults;

#[derive(Clone, Debug)]
pub struct SimConfig {
    /// host:port of the ingestion server.
    pub target: String,
    /// Packets per second over all devices; 0 = as fast as acknowledgements allow.
    pub rate: f64,
    /// How long to send new data.
    pub duration: Duration,
    /// After `duration`: how long to keep resending what is not yet acknowledged.
    pub drain: Duration,
    /// Force a protocol for every device (`None`: as registered).
    pub protocol: Option<hj212::Version>,
    pub faults: Faults,
    /// Packets a logger sends before it waits for acknowledgements (a real logger: 1).
    pub window: usize,
    /// Seconds of data time between two packets of one device (real-time data: 30).
    pub interval_s: i64,
    /// DataTime of each device's first packet (Beijing time).
    pub start: time::PrimitiveDateTime,
    /// A logger that gets no acknowledgement within this time reconnects and resends.
    pub ack_timeout: Duration,
    /// HJ 212-2025 loggers send a heartbeat (CN 9015) every this many packets (0: never).
    pub heartbeat_every: u64,
    /// Also send minute, hourly and daily data (2051, 2061, 2031) as periods close.
    pub periodic: bool,
    /// Keep the (MN, DataTime) of every acknowledged packet in the summary.
    pub record_acks: bool,
    /// Print progress to stderr every second.
    pub progress: bool,
}

impl SimConfig {
    /// Starting now (Beijing time, rounded down to the interval).
    pub fn new(target: &str) -> SimConfig {
        SimConfig {
            target: target.to_string(),
            rate: 0.0,
            duration: Duration::from_secs(10),
            drain: Duration::from_secs(15),
            protocol: Some(hj212::Version::V2017),
            faults: Faults::none(),
            window: 1,
            interval_s: 30,
            start: beijing_now_rounded(30),
            ack_timeout: Duration::from_secs(5),
            heartbeat_every: 20,
            periodic: true,
            record_acks: false,
            progress: false,
        }
    }

    #[cfg(test)]
    pub fn for_test(target: &str) -> SimConfig {
        let mut c = SimConfig::new(target);
        c.start = time::macros::datetime!(2026-11-23 10:00:00);
        c
    }
}

pub fn beijing_now_rounded(interval_s: i64) -> time::PrimitiveDateTime {
    let now = time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+8));
    let secs = now.unix_timestamp();
    let rounded = secs - secs.rem_euclid(interval_s.max(1));
    let t = time::OffsetDateTime::from_unix_timestamp(rounded).unwrap_or(now).to_offset(time::macros::offset!(+8));
    time::PrimitiveDateTime::new(t.date(), t.time())
}

/// Counters shared by all loggers of a run.
#[derive(Default, Debug)]
pub struct Stats {
    pub sent: AtomicU64,
    pub acked: AtomicU64,
    pub resent: AtomicU64,
    pub corrupt: AtomicU64,
    pub split: AtomicU64,
    pub dropped: AtomicU64,
    pub heartbeats: AtomicU64,
    pub heartbeat_answers: AtomicU64,
    pub reconnects: AtomicU64,
    pub connect_failures: AtomicU64,
    pub ack_timeouts: AtomicU64,
    pub unacked: AtomicU64,
    /// Microseconds from the start to the latest acknowledgement.
    pub last_ack_us: AtomicU64,
}

#[derive(Debug, Default, serde::Serialize)]
pub struct Summary {
    pub devices: usize,
    /// Data packets sent (first transmissions).
    pub sent: u64,
    /// Data packets acknowledged (9014).
    pub acknowledged: u64,
    /// Data packets never acknowledged (still in flight at the end of the drain).
    pub unacknowledged: u64,
    /// Retransmissions after a lost connection or a missing acknowledgement.
    pub resent: u64,
    /// Corrupted copies sent (the server must reject them).
    pub corrupt_sent: u64,
    pub split_sent: u64,
    /// Data times skipped by dropouts.
    pub dropped: u64,
    pub heartbeats: u64,
    pub heartbeat_answers: u64,
    pub reconnects: u64,
    pub connect_failures: u64,
    pub ack_timeouts: u64,
    pub seconds: f64,
    /// Acknowledged packets per second, from the start to the last acknowledgement.
    pub acked_per_second: f64,
    /// (MN, DataTime) of each acknowledged packet, if `record_acks`.
    #[serde(skip)]
    pub acked_keys: Vec<(String, i64)>,
}

/// Run `devices` against the server until the duration (and the drain) is over.
pub async fn run(cfg: SimConfig, devices: Vec<SimDevice>) -> Summary {
    crate::ingest::raise_nofile_limit();
    let n = devices.len().max(1);
    let per_device_rate = if cfg.rate > 0.0 { cfg.rate / n as f64 } else { 0.0 };
    let stats = Arc::new(Stats::default());
    let cfg = Arc::new(cfg);
    let t0 = tokio::time::Instant::now();
    let progress = cfg.progress.then(|| {
        let stats = stats.clone();
        tokio::spawn(async move {
            let mut last = 0;
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            tick.tick().await;
            loop {
                tick.tick().await;
                let acked = stats.acked.load(Relaxed);
                eprintln!(
                    "{:>5.0}s  sent {:>10}  acknowledged {:>10}  ({:>7}/s)  resent {}  reconnects {}",
                    t0.elapsed().as_secs_f64(),
                    stats.sent.load(Relaxed),
                    acked,
                    acked - last,
                    stats.resent.load(Relaxed),
                    stats.reconnects.load(Relaxed)
                );
                last = acked;
            }
        })
    });
    let mut tasks = Vec::with_capacity(devices.len());
    for (i, d) in devices.into_iter().enumerate() {
        let (cfg, stats) = (cfg.clone(), stats.clone());
        // Spread the connection storm over half a second.
        let delay = Duration::from_micros((500_000 * i / n) as u64);
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            logger::run(d, cfg, stats, per_device_rate, t0).await
        }));
    }
    let mut acked_keys = Vec::new();
    for t in tasks {
        if let Ok(keys) = t.await {
            acked_keys.extend(keys);
        }
    }
    if let Some(p) = progress {
        p.abort();
    }
    let sending = (stats.last_ack_us.load(Relaxed) as f64 / 1e6).max(1e-3);
    let acknowledged = stats.acked.load(Relaxed);
    Summary {
        devices: n,
        sent: stats.sent.load(Relaxed),
        acknowledged,
        unacknowledged: stats.unacked.load(Relaxed),
        resent: stats.resent.load(Relaxed),
        corrupt_sent: stats.corrupt.load(Relaxed),
        split_sent: stats.split.load(Relaxed),
        dropped: stats.dropped.load(Relaxed),
        heartbeats: stats.heartbeats.load(Relaxed),
        heartbeat_answers: stats.heartbeat_answers.load(Relaxed),
        reconnects: stats.reconnects.load(Relaxed),
        connect_failures: stats.connect_failures.load(Relaxed),
        ack_timeouts: stats.ack_timeouts.load(Relaxed),
        seconds: t0.elapsed().as_secs_f64(),
        acked_per_second: acknowledged as f64 / sending,
        acked_keys,
    }
}

/// The exactly-once check: every acknowledged (MN, DataTime) of CN 2011 is stored, and no
/// data packet was accepted twice.
#[derive(Debug, serde::Serialize)]
pub struct Check {
    pub acknowledged: usize,
    /// Distinct (device, DataTime) of CN 2011 in `measurements` for the simulated devices.
    pub stored: i64,
    /// Acknowledged but not stored: must be 0.
    pub missing: usize,
    /// (device, DataTime) keys accepted more than once in the raw archive: must be 0.
    pub accepted_twice: i64,
    /// Stored but not acknowledged (the run ended, or the server died, before the ack arrived).
    pub stored_unacknowledged: i64,
}

pub async fn check(db: &crate::storage::Db, acked: &[(String, i64)]) -> crate::Result<Check> {
    use sqlx::Row;
    use std::collections::HashSet;
    let mns: HashSet<&str> = acked.iter().map(|a| a.0.as_str()).collect();
    let mut stored: HashSet<(String, i64)> = HashSet::new();
    let rows = sqlx::query(
        "SELECT DISTINCT d.mn, m.data_time FROM measurements m JOIN devices d ON d.id = m.device_id WHERE m.cn = 2011",
    )
    .fetch_all(&db.pool)
    .await?;
    for r in rows {
        let mn: String = r.try_get(0)?;
        if mns.contains(mn.as_str()) {
            stored.insert((mn, r.try_get(1)?));
        }
    }
    let missing = acked.iter().filter(|k| !stored.contains(*k)).count();
    let acked_set: HashSet<&(String, i64)> = acked.iter().collect();
    let stored_unacknowledged = stored.iter().filter(|k| !acked_set.contains(k)).count() as i64;
    // Accepted raw rows of data packets, per (MN, QN): QN is DataTime + "000" for simulated packets.
    let row = sqlx::query(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM (SELECT mn, qn FROM raw_packets WHERE verdict = 'accepted' AND cn = '2011'
         GROUP BY mn, qn HAVING COUNT(*) > 1) t",
    )
    .fetch_one(&db.pool)
    .await?;
    Ok(Check {
        acknowledged: acked.len(),
        stored: stored.len() as i64,
        missing,
        accepted_twice: row.try_get(0)?,
        stored_unacknowledged,
    })
}
