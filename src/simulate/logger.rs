//! One simulated data logger: connect, send real-time data (CN 2011, Flag asks for an
//! acknowledgement), read the 9014 acknowledgements, and behave like a logger when things go
//! wrong: on a lost connection or an acknowledgement that does not come within the time-out it
//! reconnects and sends again everything not yet acknowledged (HJ 212-2025: marked RF=1).

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::Ordering::Relaxed;
use std::time::Duration;

use hj212::{EncodeOptions, Header, Status, Version};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::Instant;

use super::devices::SimDevice;
use super::faults::Fault;
use super::periodic;
use super::pattern::{self, hash_str};
use super::{SimConfig, Stats};

struct Inflight {
    k: u64,
    dt: i64,
    sent: Instant,
}

/// Build packet `k` of a device (the same bytes every time, except RF on a 2025 resend): its
/// real-time data (CN 2011) and, when its DataTime closes a minute, an hour or a day and the
/// configuration asks for periodic data, the minute (2051), hourly (2061) and daily (2031) data
/// of the period that just ended, in the same write. One acknowledgement (the 2011's) settles
/// the packet; a resend repeats all of it and the store keeps each value once.
pub fn packet(dev: &SimDevice, cfg: &SimConfig, k: u64, resend: bool) -> (Vec<u8>, i64) {
    let seed = hash_str(&dev.mn);
    let dt = pattern::data_time(cfg.start, cfg.interval_s, k);
    let cp = pattern::cp(&dev.pollutants, dev.water, seed, k, dt, &cfg.faults, dev.reference_o2);
    let mut bytes = frame(dev, cfg, "2011", &format!("{dt}000"), &cp, resend);
    if cfg.periodic {
        let t = (cfg.start + time::Duration::seconds(cfg.interval_s * k as i64)).assume_offset(time::macros::offset!(+8)).unix_timestamp();
        let interval = cfg.interval_s.max(1);
        let mut add = |cn: &str, suffix: &str, values: Option<Vec<periodic::Value>>, start: i64| {
            if let Some(values) = values {
                bytes.extend(frame(dev, cfg, cn, &format!("{dt}{suffix}"), &periodic::cp(&values, pattern::data_time_of_unix(start)), resend));
            }
        };
        for start in periodic::closed(t, interval, 60, 0) {
            add("2051", "002", periodic::minute(dev, &cfg.faults, start), start);
        }
        for start in periodic::closed(t, interval, 3600, 0) {
            add("2061", "003", periodic::hour(dev, &cfg.faults, start), start);
        }
        for start in periodic::closed(t, interval, 86_400, 8 * 3600) {
            add("2031", "004", periodic::day(dev, &cfg.faults, start), start);
        }
    }
    (bytes, dt)
}

/// One HJ 212 frame of a device asking for an acknowledgement.
fn frame(dev: &SimDevice, cfg: &SimConfig, cn: &str, qn: &str, cp: &str, resend: bool) -> Vec<u8> {
    let version = cfg.protocol.unwrap_or(dev.protocol);
    let version = if version == Version::V2005 { Version::V2017 } else { version };
    let h = Header {
        qn: Some(qn),
        st: Some(if dev.water { "32" } else { "31" }),
        cn,
        pw: dev.password.as_deref(),
        mn: Some(&dev.mn),
        flag: Some(version.flag_bits() | 1),
        rf: (resend && version == Version::V2025).then_some(1),
        ..Header::default()
    };
    let opts = EncodeOptions { key: if version == Version::V2025 { dev.key.clone() } else { None }, ..EncodeOptions::default() };
    // The CP is built from numbers and codes, so encoding cannot fail; an empty packet would
    // simply never be acknowledged.
    hj212::encode(&h, cp.as_bytes(), &opts).unwrap_or_default()
}

fn heartbeat(dev: &SimDevice, dt: i64) -> Vec<u8> {
    let qn = format!("{dt}001");
    let h = Header {
        qn: Some(&qn),
        st: Some(if dev.water { "32" } else { "31" }),
        cn: "9015",
        pw: dev.password.as_deref(),
        mn: Some(&dev.mn),
        flag: Some(Version::V2025.flag_bits() | 1),
        ..Header::default()
    };
    hj212::encode(&h, b"", &EncodeOptions::default()).unwrap_or_default()
}

/// One byte of the data segment changed: the CRC no longer matches.
pub fn corrupt(p: &[u8], salt: u64) -> Vec<u8> {
    let mut c = p.to_vec();
    if c.len() > 20 {
        let i = 6 + (salt as usize % (c.len() - 16));
        c[i] = if c[i] == b'7' { b'3' } else { b'7' };
    }
    c
}

async fn connect(target: &str) -> std::io::Result<TcpStream> {
    let s = tokio::time::timeout(Duration::from_secs(5), TcpStream::connect(target))
        .await
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::TimedOut, "connect timed out"))??;
    s.set_nodelay(true)?;
    Ok(s)
}

/// Run one logger until `end`, then keep resending until everything is acknowledged or
/// `drain_end`. Returns the (MN, DataTime) of every acknowledged packet if asked to record them.
pub async fn run(dev: SimDevice, cfg: Arc<SimConfig>, stats: Arc<Stats>, per_device_rate: f64, t0: Instant) -> Vec<(String, i64)> {
    let seed = hash_str(&dev.mn);
    let end = t0 + cfg.duration;
    let drain_end = end + cfg.drain;
    let is_2025 = cfg.protocol.unwrap_or(dev.protocol) == Version::V2025;
    let mut k = 0u64;
    let mut inflight: VecDeque<Inflight> = VecDeque::new();
    let mut acked = Vec::new();
    let mut rbuf: Vec<u8> = Vec::with_capacity(1024);
    let mut connected_before = false;
    let mut backoff = Duration::from_millis(100);
    'conn: loop {
        let now = Instant::now();
        if now >= drain_end || (now >= end && inflight.is_empty()) {
            break;
        }
        let mut stream = match connect(&cfg.target).await {
            Ok(s) => s,
            Err(_) => {
                stats.connect_failures.fetch_add(1, Relaxed);
                let jitter = Duration::from_millis(pattern::mix(seed ^ k) % 100);
                tokio::time::sleep(backoff + jitter).await;
                backoff = (backoff * 2).min(Duration::from_secs(1));
                continue;
            }
        };
        backoff = Duration::from_millis(100);
        if connected_before {
            stats.reconnects.fetch_add(1, Relaxed);
        }
        connected_before = true;
        rbuf.clear();
        if !inflight.is_empty() {
            let mut out = Vec::new();
            let now = Instant::now();
            for f in inflight.iter_mut() {
                out.extend_from_slice(&packet(&dev, &cfg, f.k, true).0);
                f.sent = now;
                stats.resent.fetch_add(1, Relaxed);
            }
            if stream.write_all(&out).await.is_err() {
                continue 'conn;
            }
        }
        loop {
            let now = Instant::now();
            if now >= drain_end || (now >= end && inflight.is_empty()) {
                break 'conn;
            }
            if inflight.front().is_some_and(|f| now.duration_since(f.sent) > cfg.ack_timeout) {
                // No acknowledgement in time: start over on a new connection and send again.
                stats.ack_timeouts.fetch_add(1, Relaxed);
                continue 'conn;
            }
            let mut out: Vec<u8> = Vec::new();
            let mut reconnect = false;
            if now < end {
                let due = if per_device_rate > 0.0 { (now.duration_since(t0).as_secs_f64() * per_device_rate) as u64 + 1 } else { u64::MAX };
                while k < due && inflight.len() < cfg.window && out.len() < 16 * 1024 {
                    if cfg.faults.episode(Fault::Dropout, seed, k).is_some() {
                        stats.dropped.fetch_add(1, Relaxed);
                        k += 1;
                        continue;
                    }
                    let (p, dt) = packet(&dev, &cfg, k, false);
                    if cfg.faults.hits(Fault::Corrupt, seed, k) {
                        out.extend_from_slice(&corrupt(&p, seed ^ k));
                        stats.corrupt.fetch_add(1, Relaxed);
                    }
                    if cfg.faults.hits(Fault::Split, seed, k) {
                        // Flush, then the packet in pieces with pauses between them.
                        if stream.write_all(&out).await.is_err() {
                            continue 'conn;
                        }
                        out.clear();
                        let cut1 = p.len() / 3;
                        let cut2 = 2 * p.len() / 3;
                        for piece in [&p[..cut1], &p[cut1..cut2], &p[cut2..]] {
                            if stream.write_all(piece).await.is_err() {
                                continue 'conn;
                            }
                            tokio::time::sleep(Duration::from_millis(2)).await;
                        }
                        stats.split.fetch_add(1, Relaxed);
                    } else {
                        out.extend_from_slice(&p);
                    }
                    inflight.push_back(Inflight { k, dt, sent: Instant::now() });
                    stats.sent.fetch_add(1, Relaxed);
                    k += 1;
                    #[allow(clippy::manual_is_multiple_of)] // is_multiple_of needs Rust 1.87; the workspace says 1.85
                    let heartbeat_due = cfg.heartbeat_every > 0 && k % cfg.heartbeat_every == 0;
                    if is_2025 && heartbeat_due {
                        out.extend_from_slice(&heartbeat(&dev, dt));
                        stats.heartbeats.fetch_add(1, Relaxed);
                    }
                    if cfg.faults.hits(Fault::Reconnect, seed, k - 1) {
                        reconnect = true;
                        break;
                    }
                }
            }
            if !out.is_empty() && stream.write_all(&out).await.is_err() {
                continue 'conn;
            }
            if reconnect {
                drop(stream);
                continue 'conn;
            }
            let mut wake = drain_end;
            if let Some(f) = inflight.front() {
                wake = wake.min(f.sent + cfg.ack_timeout);
            }
            if now < end {
                wake = wake.min(end);
                if per_device_rate > 0.0 && inflight.len() < cfg.window {
                    wake = wake.min(t0 + Duration::from_secs_f64(k as f64 / per_device_rate));
                }
            }
            if rbuf.capacity() - rbuf.len() < 512 {
                rbuf.reserve(1024);
            }
            tokio::select! {
                r = stream.read_buf(&mut rbuf) => match r {
                    Ok(0) | Err(_) => continue 'conn,
                    Ok(_) => {
                        let used = acks(&rbuf, &mut inflight, &mut acked, &dev.mn, &cfg, &stats, t0);
                        rbuf.drain(..used);
                    }
                },
                _ = tokio::time::sleep_until(wake) => {}
            }
        }
    }
    stats.unacked.fetch_add(inflight.len() as u64, Relaxed);
    acked
}

/// Match the replies in `buf` to packets in flight; returns the bytes consumed.
#[allow(clippy::too_many_arguments)]
fn acks(buf: &[u8], inflight: &mut VecDeque<Inflight>, acked: &mut Vec<(String, i64)>, mn: &str, cfg: &SimConfig, stats: &Stats, t0: Instant) -> usize {
    let mut off = 0;
    while off < buf.len() {
        match hj212::split_frame(&buf[off..], 9999, false) {
            Status::Complete(f, used) => {
                off += used;
                let field = |k: &[u8]| crate::ingest::record::header_field(f.data, k);
                match field(b"CN") {
                    Some(b"9014") => {
                        let dt = field(b"QN").and_then(|q| std::str::from_utf8(q).ok()).and_then(|q| q.parse::<i64>().ok()).map(|q| q / 1000);
                        if let Some(i) = dt.and_then(|dt| inflight.iter().position(|x| x.dt == dt)) {
                            let x = inflight.remove(i).expect("index from position");
                            stats.acked.fetch_add(1, Relaxed);
                            stats.last_ack_us.fetch_max(t0.elapsed().as_micros() as u64, Relaxed);
                            if cfg.record_acks {
                                acked.push((mn.to_string(), x.dt));
                            }
                        }
                    }
                    Some(b"9013") => {
                        stats.heartbeat_answers.fetch_add(1, Relaxed);
                    }
                    _ => {}
                }
            }
            Status::Partial => break,
            Status::Invalid(_, skip) => off += skip.max(1),
        }
    }
    off.min(buf.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::pattern::Pollutant;

    fn device(protocol: Version) -> SimDevice {
        SimDevice {
            mn: "0123456789ABCDEF01234567".into(),
            password: Some("654321".into()),
            key: hj212::Key::from_hex("30303030303030303030303030303030"),
            protocol,
            water: false,
            pollutants: vec![Pollutant { code: "a21026".into(), limit: Some(200.0) }],
            reference_o2: Some(9.0),
        }
    }

    #[test]
    fn packets_decode_and_resends_are_marked_in_2025() {
        let mut cfg = SimConfig::for_test("127.0.0.1:1");
        cfg.protocol = None; // as registered
        let d = device(Version::V2017);
        let (p, dt) = packet(&d, &cfg, 3, false);
        let pk = hj212::decode_line(&p, &hj212::Tolerance::STRICT, None).unwrap();
        assert_eq!(pk.cn, "2011");
        assert!(pk.needs_ack());
        assert_eq!(pk.data_time().map(|b| b.to_vec()), Some(dt.to_string().into_bytes()));
        assert_eq!(packet(&d, &cfg, 3, true).0, p, "a 2017 resend is the same packet again");

        let d = device(Version::V2025);
        let (p, _) = packet(&d, &cfg, 3, true);
        assert!(p.windows(3).any(|w| w == b"{0x"), "2025 CP is encrypted: {}", String::from_utf8_lossy(&p));
        let pk = hj212::decode_line(&p, &hj212::Tolerance::STRICT, d.key.as_ref()).unwrap();
        assert_eq!((pk.version, pk.rf, pk.encrypted), (Version::V2025, Some(1), true));
        // A corrupted copy fails its CRC (or length), never decodes.
        let c = corrupt(&packet(&device(Version::V2017), &cfg, 3, false).0, 99);
        assert!(hj212::decode_line(&c, &hj212::Tolerance::STRICT, None).is_err());
    }
}
