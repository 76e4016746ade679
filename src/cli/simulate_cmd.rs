//! `lantian simulate`: drive an ingestion server with the registered loggers.

use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

use crate::error::{Error, Result};
use crate::simulate::{self, Faults, SimConfig};
use crate::storage::Db;

#[derive(Args, Debug)]
pub struct SimulateArgs {
    /// host:port of the HJ 212 listener (`serve --hj212-listen`).
    #[arg(long, default_value = "127.0.0.1:9212")]
    pub target: String,
    /// Number of loggers, one connection each (the first N registered devices by MN).
    #[arg(long, default_value_t = 100)]
    pub devices: usize,
    /// Packets per second over all loggers; 0 = as fast as acknowledgements allow.
    #[arg(long, default_value_t = 100.0)]
    pub rate: f64,
    /// Seconds of sending (then up to --drain seconds to get outstanding acknowledgements).
    #[arg(long, default_value_t = 10.0)]
    pub duration: f64,
    #[arg(long, default_value_t = 15.0)]
    pub drain: f64,
    /// 2017 (default), 2025 (SM4-encrypted with the device key, heartbeats, RF=1 on resend) or registered.
    #[arg(long, default_value = "2017")]
    pub protocol: String,
    /// Faults to inject: exceedance,flatline,dropout,reconnect,corrupt,split,calibration,dilution (or all).
    #[arg(long, default_value = "")]
    pub faults: String,
    /// Probability of each fault per packet (episodes: per block of 32 packets).
    #[arg(long, default_value_t = 0.01)]
    pub fault_rate: f64,
    /// Packets a logger sends before waiting for acknowledgements (a real logger: 1).
    #[arg(long, default_value_t = 1)]
    pub window: usize,
    /// Seconds of data time between two packets of one logger.
    #[arg(long, default_value_t = 30)]
    pub interval: i64,
    /// DataTime of the first packet, YYYYMMDDhhmmss (default: now, Beijing time).
    #[arg(long)]
    pub start: Option<String>,
    /// Send only real-time data (CN 2011), not the minute, hourly and daily data (2051, 2061,
    /// 2031) a logger also sends when its data time closes a minute, an hour or a day.
    #[arg(long)]
    pub realtime_only: bool,
    /// Afterwards, check in the database that every acknowledged packet is stored exactly once.
    #[arg(long)]
    pub check: bool,
    /// Print the summary as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

fn parse_start(s: &str) -> Result<time::PrimitiveDateTime> {
    let f = time::macros::format_description!("[year][month][day][hour][minute][second]");
    time::PrimitiveDateTime::parse(s, &f).map_err(|e| Error::Invalid(crate::i18n::catalogue::cli::start_format(s, e.to_string())))
}

pub async fn run(db: &Db, a: SimulateArgs) -> Result<ExitCode> {
    let faults = Faults::parse(&a.faults, a.fault_rate).map_err(|e| Error::Invalid(crate::i18n::catalogue::cli::faults(e.to_string())))?;
    let negative = |x: f64| x.is_nan() || x < 0.0;
    if a.devices == 0 || a.window == 0 || a.interval <= 0 || negative(a.rate) || negative(a.duration) || negative(a.drain) {
        return Err(Error::Invalid(crate::i18n::catalogue::cli::simulate_ranges()));
    }
    let devices = simulate::devices::load(db, a.devices).await?;
    if devices.len() < a.devices {
        return Err(Error::Invalid(crate::i18n::catalogue::cli::too_few_devices(devices.len())));
    }
    let mut cfg = SimConfig::new(&a.target);
    cfg.protocol = match a.protocol.as_str() {
        "2017" => Some(hj212::Version::V2017),
        "2025" => Some(hj212::Version::V2025),
        "registered" => None,
        other => return Err(Error::Invalid(crate::i18n::catalogue::cli::protocol(other))),
    };
    cfg.rate = a.rate;
    cfg.duration = Duration::from_secs_f64(a.duration);
    cfg.drain = Duration::from_secs_f64(a.drain);
    cfg.faults = faults;
    cfg.window = a.window;
    cfg.interval_s = a.interval;
    cfg.start = match &a.start {
        Some(s) => parse_start(s)?,
        None => simulate::beijing_now_rounded(a.interval),
    };
    cfg.periodic = !a.realtime_only;
    cfg.record_acks = a.check;
    cfg.progress = true;
    eprintln!(
        "simulating {} loggers against {} for {} s at {} packets/s (window {}, protocol {})",
        devices.len(),
        a.target,
        a.duration,
        if a.rate > 0.0 { a.rate.to_string() } else { "max".into() },
        a.window,
        a.protocol
    );
    let summary = simulate::run(cfg, devices).await;
    eprintln!(
        "{1} loggers sent {0} data packets; acknowledged {2} ({3:.0}/s), unacknowledged {4}; resent {5}, corrupt copies {6} (rejected by design), split {7}, dropped data times {8}, reconnects {9}, ack time-outs {10}, connect failures {11}",
        summary.sent,
        summary.devices,
        summary.acknowledged,
        summary.acked_per_second,
        summary.unacknowledged,
        summary.resent,
        summary.corrupt_sent,
        summary.split_sent,
        summary.dropped,
        summary.reconnects,
        summary.ack_timeouts,
        summary.connect_failures
    );
    let mut ok = true;
    let check = if a.check {
        let c = simulate::check(db, &summary.acked_keys).await?;
        ok = c.missing == 0 && c.accepted_twice == 0;
        eprintln!(
            "exactly-once check: acknowledged {}, stored {}, acknowledged but missing {}, accepted twice {}, stored but not acknowledged {} -> {}",
            c.acknowledged,
            c.stored,
            c.missing,
            c.accepted_twice,
            c.stored_unacknowledged,
            if ok { "OK" } else { "FAILED" }
        );
        Some(c)
    } else {
        None
    };
    if a.json {
        println!("{}", serde_json::json!({ "summary": summary, "check": check }));
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// The in-process simulator of `serve --demo`: every demo logger sends one real-time packet
/// per 30 s (so DataTime follows the clock), with occasional exceedances, flatlines and
/// dropouts for the monitoring page to show.
pub async fn demo(db: &Db, target: std::net::SocketAddr) -> Result<()> {
    let devices = simulate::devices::load(db, usize::MAX).await?;
    if devices.is_empty() {
        return Ok(());
    }
    let mut cfg = SimConfig::new(&target.to_string());
    cfg.protocol = None;
    cfg.rate = devices.len() as f64 / cfg.interval_s as f64;
    cfg.duration = Duration::from_secs(10 * 365 * 86_400);
    cfg.faults = crate::demo::history::demo_faults();
    eprintln!("demo: {} simulated loggers send real-time data to {target} every {} s", devices.len(), cfg.interval_s);
    tokio::spawn(simulate::run(cfg, devices));
    Ok(())
}
