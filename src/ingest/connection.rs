//! One logger connection: read frames, check them against the registry, hand them to the
//! writer, and write the replies in order once their packets are committed.
//!
//! Limits, all per connection: the read buffer never exceeds `max_frame_bytes` (a frame that
//! does not fit is rejected as `oversized` and skipped); at most `max_pending_acks` packets
//! wait for their commit (beyond that the connection stops reading, so TCP flow control
//! pushes back on the logger); `max_bad_frames` rejected frames in a row close the connection;
//! no authenticated frame for `idle_timeout` closes it (bytes alone do not keep it open); a
//! peer that does not read its acknowledgements for `write_timeout` is closed. Rejected frames
//! are archived as bounded excerpts within a per-address quota (`quota`).

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering::Relaxed;
use std::time::{Duration, Instant};

use hj212::{RawFrame, Status};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, oneshot};

use super::IngestConfig;
use super::metrics::{Metrics, RejectReason};
use super::quota::RejectQuota;
use super::record::{self, Job, Outcome, Record};
use super::registry::{Device, Registry};

pub(crate) struct Shared {
    pub registry: Arc<Registry>,
    pub metrics: Arc<Metrics>,
    pub tx: mpsc::Sender<Job>,
    pub cfg: IngestConfig,
    pub quota: RejectQuota,
}

/// A reply owed to the peer, in arrival order.
enum Pending {
    /// Can be written now (heartbeat answer).
    Ready(Vec<u8>),
    /// Written when (and if) the packet's batch has committed.
    AfterCommit { rx: oneshot::Receiver<Outcome>, reply: Vec<u8>, arrived: Instant },
}

struct Conn {
    shared: Arc<Shared>,
    peer: Arc<str>,
    ip: std::net::IpAddr,
    /// The device of the last frame, valid while the registry's snapshot is `generation`
    /// (a reload — a device disabled, an outlet deleted — takes effect on open connections).
    device: Option<(Arc<Device>, u64)>,
    /// An authenticated frame arrived since the idle deadline was last moved.
    authenticated: bool,
    pending: VecDeque<Pending>,
    bad_in_a_row: usize,
}

/// Framing accepts any declared length up to the format's maximum; each device's tolerance
/// (default: the standard's 1024) is applied when the frame is decoded.
const FRAMING_MAX: usize = 9999;

pub(crate) async fn run(mut stream: TcpStream, peer: SocketAddr, shared: Arc<Shared>) {
    // `connections_open` was counted by the accept loop (so that a burst of connections cannot
    // overshoot the limit before their tasks start); it is given back here.
    let metrics = shared.metrics.clone();
    metrics.connections_total.fetch_add(1, Relaxed);
    let mut c = Conn { shared, peer: peer.to_string().into(), ip: peer.ip(), device: None, authenticated: false, pending: VecDeque::new(), bad_in_a_row: 0 };
    if let Err(e) = c.serve(&mut stream).await {
        tracing::debug!(peer = %c.peer, error = %e, "HJ 212 connection ended");
    }
    metrics.connections_open.fetch_sub(1, Relaxed);
}

enum Event {
    Read(std::io::Result<usize>),
    Front(Option<Outcome>),
    Idle,
}

impl Conn {
    async fn serve(&mut self, stream: &mut TcpStream) -> std::io::Result<()> {
        let cfg = self.shared.cfg.clone();
        let mut buf: Vec<u8> = Vec::with_capacity(2048);
        let mut out: Vec<u8> = Vec::new();
        let mut deadline = tokio::time::Instant::now() + cfg.idle_timeout;
        let mut eof = false;
        loop {
            // Everything already answerable goes out in one write.
            self.collect_ready(&mut out);
            if !out.is_empty() {
                self.write(stream, &mut out, cfg.write_timeout).await?;
            }
            if eof && self.pending.is_empty() {
                return Ok(());
            }
            let can_read = !eof && self.pending.len() < cfg.max_pending_acks;
            if can_read && buf.capacity() - buf.len() < 1024 {
                buf.reserve(4096.min(cfg.max_frame_bytes.saturating_sub(buf.len()).max(1024)));
            }
            let has_pending = !self.pending.is_empty();
            let event = {
                let front = async {
                    match self.pending.front_mut() {
                        Some(Pending::AfterCommit { rx, .. }) => rx.await.ok(),
                        _ => std::future::pending().await,
                    }
                };
                tokio::select! {
                    o = front, if has_pending => Event::Front(o),
                    r = stream.read_buf(&mut buf), if can_read => Event::Read(r),
                    _ = tokio::time::sleep_until(deadline) => Event::Idle,
                }
            };
            match event {
                Event::Front(outcome) => {
                    if let Some(Pending::AfterCommit { reply, arrived, .. }) = self.pending.pop_front() {
                        self.answer(outcome, reply, arrived, &mut out);
                    }
                }
                Event::Idle => {
                    if self.pending.is_empty() {
                        self.shared.metrics.connections_idle_closed.fetch_add(1, Relaxed);
                        return Ok(());
                    }
                    deadline = tokio::time::Instant::now() + cfg.idle_timeout;
                }
                Event::Read(r) => {
                    let n = r?;
                    if n == 0 {
                        eof = true;
                    } else {
                        self.shared.metrics.bytes_received.fetch_add(n as u64, Relaxed);
                    }
                    let used = self.frames(&buf, eof).await;
                    buf.drain(..used);
                    if std::mem::take(&mut self.authenticated) {
                        deadline = tokio::time::Instant::now() + cfg.idle_timeout;
                    }
                    if buf.len() >= cfg.max_frame_bytes {
                        // No frame ends within the limit: drop what we have and resynchronise.
                        let whole = std::mem::take(&mut buf);
                        self.reject(None, RejectReason::Codec(hj212::Reason::Oversized), &whole, now_ms()).await;
                    }
                    if buf.is_empty() && buf.capacity() > 16 * 1024 {
                        buf = Vec::with_capacity(2048);
                    }
                    if self.bad_in_a_row >= cfg.max_bad_frames {
                        self.shared.metrics.connections_abuse_closed.fetch_add(1, Relaxed);
                        tracing::info!(peer = %self.peer, "closing HJ 212 connection after {} bad frames in a row", self.bad_in_a_row);
                        // Acknowledge what was committed before closing.
                        eof = true;
                        buf.clear();
                    }
                }
            }
        }
    }

    fn answer(&self, outcome: Option<Outcome>, reply: Vec<u8>, arrived: Instant, out: &mut Vec<u8>) {
        if let Some(Outcome::Stored { .. }) = outcome {
            out.extend_from_slice(&reply);
            self.shared.metrics.acks_sent.fetch_add(1, Relaxed);
            self.shared.metrics.observe_ack_latency(arrived.elapsed());
        }
        // Failed: no acknowledgement; the logger resends.
    }

    /// Pop every reply at the front that can be written without waiting.
    fn collect_ready(&mut self, out: &mut Vec<u8>) {
        loop {
            match self.pending.front_mut() {
                Some(Pending::Ready(_)) => {
                    if let Some(Pending::Ready(b)) = self.pending.pop_front() {
                        out.extend_from_slice(&b);
                        self.shared.metrics.acks_sent.fetch_add(1, Relaxed);
                    }
                }
                Some(Pending::AfterCommit { rx, .. }) => match rx.try_recv() {
                    Ok(o) => {
                        if let Some(Pending::AfterCommit { reply, arrived, .. }) = self.pending.pop_front() {
                            self.answer(Some(o), reply, arrived, out);
                        }
                    }
                    Err(oneshot::error::TryRecvError::Empty) => return,
                    Err(oneshot::error::TryRecvError::Closed) => {
                        self.pending.pop_front();
                    }
                },
                None => return,
            }
        }
    }

    async fn write(&self, stream: &mut TcpStream, out: &mut Vec<u8>, limit: Duration) -> std::io::Result<()> {
        match tokio::time::timeout(limit, stream.write_all(out)).await {
            Ok(r) => r?,
            Err(_) => {
                self.shared.metrics.connections_abuse_closed.fetch_add(1, Relaxed);
                return Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "peer does not read its acknowledgements"));
            }
        }
        out.clear();
        Ok(())
    }

    /// Handle every complete frame in `buf`; returns the bytes consumed.
    async fn frames(&mut self, buf: &[u8], eof: bool) -> usize {
        let at = now_ms();
        let latest = record::latest_data_time(at, self.shared.cfg.max_future);
        let mut off = 0;
        while off < buf.len() {
            match hj212::split_frame(&buf[off..], FRAMING_MAX, eof) {
                Status::Complete(frame, used) => {
                    self.frame(&frame, &buf[off..off + used], at, latest).await;
                    off += used;
                }
                Status::Partial => break,
                Status::Invalid(e, skip) => {
                    let skip = skip.max(1).min(buf.len() - off);
                    let mn = record::header_field(&buf[off..off + skip], b"MN").map(|m| String::from_utf8_lossy(m).into_owned());
                    self.reject_mn(mn, None, RejectReason::Codec(e.reason), &buf[off..off + skip], at).await;
                    off += skip;
                }
            }
        }
        off
    }

    async fn frame(&mut self, frame: &RawFrame<'_>, bytes: &[u8], at: i64, latest_data_time: i64) {
        let bytes = trim_terminator(bytes);
        let Some(mn) = record::header_field(frame.data, b"MN") else {
            let reason = match hj212::decode_frame(frame, &hj212::Tolerance::STRICT, None) {
                Err(e) => RejectReason::Codec(e.reason),
                Ok(_) => RejectReason::MissingMn,
            };
            return self.reject(None, reason, bytes, at).await;
        };
        let generation = self.shared.registry.generation();
        let device = match &self.device {
            Some((d, g)) if *g == generation && d.mn.as_bytes() == mn => Some(d.clone()),
            _ => {
                let mn_s = String::from_utf8_lossy(mn);
                let mut d = self.shared.registry.get(&mn_s);
                if d.is_none() && self.shared.registry.refresh_for_unknown().await.unwrap_or(false) {
                    d = self.shared.registry.get(&mn_s);
                }
                self.device = d.clone().map(|d| (d, generation));
                d
            }
        };
        let Some(device) = device else {
            let mn = String::from_utf8_lossy(mn).into_owned();
            return self.reject_mn(Some(mn), None, RejectReason::UnknownDevice, bytes, at).await;
        };
        let p = match hj212::decode_frame(frame, &device.tolerance, device.key.as_ref()) {
            Ok(p) => p,
            Err(e) => return self.reject(Some(&device), RejectReason::Codec(e.reason), bytes, at).await,
        };
        if !device.enabled {
            return self.reject(Some(&device), RejectReason::DisabledDevice, bytes, at).await;
        }
        if let Some(pw) = &device.password
            && p.pw != Some(pw.as_str())
        {
            return self.reject(Some(&device), RejectReason::WrongPassword, bytes, at).await;
        }
        self.authenticated = true;
        if !device.bound {
            return self.reject(Some(&device), RejectReason::OutletDeleted, bytes, at).await;
        }
        let (data_time, values) = record::values_of(&p);
        if data_time.is_some_and(|dt| dt > latest_data_time) {
            // HJ 212 has no negative data acknowledgement (9014 carries no result): a refused
            // upload gets no reply, like every rejected packet.
            return self.reject(Some(&device), RejectReason::FutureTime, bytes, at).await;
        }
        self.bad_in_a_row = 0;
        let m = &self.shared.metrics;
        let heartbeat = p.cn_code == 9015;
        // The archive keeps the frame as received (for 2025: the cipher text); the values come
        // from the decrypted CP.
        let record = Record {
            received_ms: at,
            device_id: Some(device.id),
            mn: device.mn.clone(),
            peer: self.peer.clone(),
            cn: p.cn.to_string(),
            qn: p.qn.unwrap_or("").to_string(),
            reject: None,
            contact: true,
            raw: record::raw_text(bytes),
            data_time,
            cn_code: p.cn_code as i64,
            values,
        };
        let mut done = None;
        if heartbeat {
            // HJ 212-2025: answered at once with 9013 (when Flag asks for it); not data.
            m.heartbeats.fetch_add(1, Relaxed);
            if let Some(r) = hj212::heartbeat_reply(&p) {
                self.pending.push_back(Pending::Ready(r));
            }
        } else if p.needs_ack()
            && let Some(cn) = record::reply_command(p.cn_code)
            && let Ok(reply) = hj212::reply(&p, cn)
        {
            let (tx, rx) = oneshot::channel();
            done = Some(tx);
            self.pending.push_back(Pending::AfterCommit { rx, reply, arrived: Instant::now() });
        }
        self.send(Job { record, done, arrived: Instant::now() }).await;
    }

    async fn reject(&mut self, device: Option<&Device>, reason: RejectReason, bytes: &[u8], at: i64) {
        let mn = device.map(|d| d.mn.clone()).or_else(|| record::header_field(bytes, b"MN").map(|m| String::from_utf8_lossy(m).into_owned()));
        self.reject_mn(mn, device.map(|d| d.id), reason, bytes, at).await
    }

    async fn reject_mn(&mut self, mn: Option<String>, device_id: Option<i64>, reason: RejectReason, bytes: &[u8], at: i64) {
        self.bad_in_a_row += 1;
        self.shared.metrics.reject(reason);
        tracing::debug!(peer = %self.peer, mn = mn.as_deref().unwrap_or(""), reason = reason.as_str(), "HJ 212 frame rejected");
        // Bounded evidence: an excerpt of the frame, and no more per address and hour than the
        // quota; beyond it the frame is counted (above) but not stored.
        let raw = record::evidence_text(bytes, self.shared.cfg.rejected_excerpt_bytes);
        let m = &self.shared.metrics;
        if !self.shared.quota.admit(self.ip, raw.len(), at) {
            m.rejected_dropped.fetch_add(1, Relaxed);
            return;
        }
        m.rejected_stored.fetch_add(1, Relaxed);
        m.rejected_stored_bytes.fetch_add(raw.len() as u64, Relaxed);
        // Header fields are read from the data segment (after `##` and the length).
        let segment = if bytes.starts_with(b"##") && bytes.len() >= 6 { &bytes[6..] } else { bytes };
        let field = |k: &[u8]| record::header_field(segment, k).map(|v| String::from_utf8_lossy(v).chars().take(32).collect()).unwrap_or_default();
        let record = Record {
            received_ms: at,
            device_id,
            mn: mn.map(|m| m.chars().take(64).collect()).unwrap_or_default(),
            peer: self.peer.clone(),
            cn: field(b"CN"),
            qn: field(b"QN"),
            reject: Some(reason.as_str()),
            contact: false,
            raw,
            data_time: None,
            cn_code: 0,
            values: Vec::new(),
        };
        self.send(Job { record, done: None, arrived: Instant::now() }).await;
    }

    async fn send(&self, job: Job) {
        // Bounded: waits while the writer is behind (back-pressure). Fails only at shutdown.
        if self.shared.tx.send(job).await.is_err() {
            tracing::warn!("HJ 212 writer is gone; packet not stored");
        }
    }
}

fn trim_terminator(b: &[u8]) -> &[u8] {
    let b = b.strip_suffix(b"\n").unwrap_or(b);
    b.strip_suffix(b"\r").unwrap_or(b)
}

pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}
