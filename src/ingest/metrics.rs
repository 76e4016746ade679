//! Counters of the ingestion server, rendered in the Prometheus text exposition format
//! (version 0.0.4) for `/metrics`. Plain atomics: every packet touches a few of them.

use std::fmt::Write;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering::Relaxed};

/// Why a packet (or a run of bytes) was not stored as data: the codec's reasons plus the
/// registry's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RejectReason {
    Codec(hj212::Reason),
    /// The frame carries no MN, so it cannot be attributed to a device.
    MissingMn,
    /// The MN is not in the registry.
    UnknownDevice,
    /// The PW does not match the registry.
    WrongPassword,
    /// The device is registered but disabled.
    DisabledDevice,
    /// The DataTime is later than the server's Beijing time plus the tolerance.
    FutureTime,
    /// The device's outlet is no longer in the ledger (the enterprise or outlet was deleted).
    OutletDeleted,
}

const EXTRA: [&str; 6] = ["missing_mn", "unknown_device", "wrong_password", "disabled_device", "future_time", "outlet_deleted"];
const N_REASONS: usize = hj212::Reason::ALL.len() + EXTRA.len();

impl RejectReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RejectReason::Codec(r) => r.as_str(),
            RejectReason::MissingMn => EXTRA[0],
            RejectReason::UnknownDevice => EXTRA[1],
            RejectReason::WrongPassword => EXTRA[2],
            RejectReason::DisabledDevice => EXTRA[3],
            RejectReason::FutureTime => EXTRA[4],
            RejectReason::OutletDeleted => EXTRA[5],
        }
    }
    fn index(self) -> usize {
        match self {
            RejectReason::Codec(r) => hj212::Reason::ALL.iter().position(|x| *x == r).unwrap_or(0),
            other => hj212::Reason::ALL.len() + EXTRA.iter().position(|x| *x == other.as_str()).unwrap_or(0),
        }
    }
    fn name_at(i: usize) -> &'static str {
        if i < hj212::Reason::ALL.len() { hj212::Reason::ALL[i].as_str() } else { EXTRA[i - hj212::Reason::ALL.len()] }
    }
}

/// Upper bounds (seconds) of the acknowledgement-latency histogram: from a packet's arrival
/// to its acknowledgement being handed to the socket (mostly the wait for the commit).
pub const LATENCY_BUCKETS: [f64; 10] = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1.0, 5.0];

#[derive(Default)]
pub struct Metrics {
    /// Packets whose data was stored (first copy), or non-data packets archived as accepted.
    pub accepted: AtomicU64,
    /// Packets whose every value was already stored (a resend): archived, not counted again.
    pub duplicates: AtomicU64,
    rejected: [AtomicU64; N_REASONS],
    pub measurements: AtomicU64,
    /// Packets whose slot (device, CN, DataTime, pollutant) already held other values: archived
    /// with verdict `conflict` and listed in `ingest_conflicts`; the stored values stay.
    pub conflicts: AtomicU64,
    /// Rejected frames archived (as bounded excerpts) and dropped beyond the per-address quota.
    pub rejected_stored: AtomicU64,
    pub rejected_dropped: AtomicU64,
    /// Bytes of rejected-frame excerpts archived.
    pub rejected_stored_bytes: AtomicU64,
    pub heartbeats: AtomicU64,
    pub acks_sent: AtomicU64,
    pub bytes_received: AtomicU64,
    pub connections_open: AtomicI64,
    pub connections_total: AtomicU64,
    /// Connections refused because the server was at its connection limit.
    pub connections_refused: AtomicU64,
    /// Connections closed for idleness, too many bad frames, or an unread backlog of acks.
    pub connections_idle_closed: AtomicU64,
    pub connections_abuse_closed: AtomicU64,
    pub batches: AtomicU64,
    pub batch_failures: AtomicU64,
    /// Packets whose batch failed to commit (not acknowledged; the logger resends).
    pub store_failures: AtomicU64,
    latency_buckets: [AtomicU64; LATENCY_BUCKETS.len()],
    latency_count: AtomicU64,
    latency_sum_us: AtomicU64,
}

impl Metrics {
    pub fn new() -> Metrics {
        Metrics::default()
    }

    pub fn reject(&self, r: RejectReason) {
        self.rejected[r.index()].fetch_add(1, Relaxed);
    }

    pub fn rejected(&self, r: RejectReason) -> u64 {
        self.rejected[r.index()].load(Relaxed)
    }

    pub fn rejected_total(&self) -> u64 {
        self.rejected.iter().map(|a| a.load(Relaxed)).sum()
    }

    pub fn observe_ack_latency(&self, d: std::time::Duration) {
        let s = d.as_secs_f64();
        for (i, b) in LATENCY_BUCKETS.iter().enumerate() {
            if s <= *b {
                self.latency_buckets[i].fetch_add(1, Relaxed);
                break;
            }
        }
        self.latency_count.fetch_add(1, Relaxed);
        self.latency_sum_us.fetch_add(d.as_micros() as u64, Relaxed);
    }

    /// The Prometheus text exposition format 0.0.4 (`Content-Type: text/plain; version=0.0.4`).
    pub fn render_prometheus(&self) -> String {
        let mut s = String::with_capacity(4096);
        let mut counter = |name: &str, help: &str, v: u64| {
            let _ = write!(s, "# HELP {name} {help}\n# TYPE {name} counter\n{name} {v}\n");
        };
        counter("lantian_hj212_packets_accepted_total", "HJ 212 packets accepted and stored.", self.accepted.load(Relaxed));
        counter(
            "lantian_hj212_packets_duplicate_total",
            "HJ 212 packets whose values were already stored (resends); archived, not counted again.",
            self.duplicates.load(Relaxed),
        );
        counter("lantian_hj212_measurements_stored_total", "Pollutant values stored.", self.measurements.load(Relaxed));
        counter(
            "lantian_hj212_packets_conflict_total",
            "HJ 212 packets for a slot already holding other values from the device (archived as conflicts, values kept).",
            self.conflicts.load(Relaxed),
        );
        counter("lantian_hj212_rejected_bytes_archived_total", "Bytes of rejected-frame excerpts archived.", self.rejected_stored_bytes.load(Relaxed));
        counter("lantian_hj212_heartbeats_total", "HJ 212-2025 heartbeats (CN 9015) received.", self.heartbeats.load(Relaxed));
        counter("lantian_hj212_acks_sent_total", "Replies sent (9014 data acknowledgements, 9013 answers).", self.acks_sent.load(Relaxed));
        counter("lantian_hj212_bytes_received_total", "Bytes read from HJ 212 connections.", self.bytes_received.load(Relaxed));
        counter("lantian_hj212_connections_total", "HJ 212 connections accepted.", self.connections_total.load(Relaxed));
        counter("lantian_hj212_batches_committed_total", "Write batches committed.", self.batches.load(Relaxed));
        counter("lantian_hj212_batch_failures_total", "Write batches that failed (their packets were not acknowledged).", self.batch_failures.load(Relaxed));
        counter("lantian_hj212_store_failures_total", "Packets not stored because their batch failed.", self.store_failures.load(Relaxed));
        let _ = write!(
            s,
            "# HELP lantian_hj212_packets_rejected_total HJ 212 packets or bytes rejected, by reason.\n# TYPE lantian_hj212_packets_rejected_total counter\n"
        );
        for (i, a) in self.rejected.iter().enumerate() {
            let _ = writeln!(s, "lantian_hj212_packets_rejected_total{{reason=\"{}\"}} {}", RejectReason::name_at(i), a.load(Relaxed));
        }
        let _ = write!(
            s,
            "# HELP lantian_hj212_rejected_frames_total Rejected HJ 212 frames archived as bounded evidence or dropped beyond the per-address quota.\n# TYPE lantian_hj212_rejected_frames_total counter\n\
             lantian_hj212_rejected_frames_total{{fate=\"archived\"}} {}\n\
             lantian_hj212_rejected_frames_total{{fate=\"dropped\"}} {}\n",
            self.rejected_stored.load(Relaxed),
            self.rejected_dropped.load(Relaxed),
        );
        let _ = write!(
            s,
            "# HELP lantian_hj212_connections_closed_total HJ 212 connections closed or refused by the server, by cause.\n# TYPE lantian_hj212_connections_closed_total counter\n\
             lantian_hj212_connections_closed_total{{cause=\"limit\"}} {}\n\
             lantian_hj212_connections_closed_total{{cause=\"idle\"}} {}\n\
             lantian_hj212_connections_closed_total{{cause=\"abuse\"}} {}\n",
            self.connections_refused.load(Relaxed),
            self.connections_idle_closed.load(Relaxed),
            self.connections_abuse_closed.load(Relaxed),
        );
        let _ = write!(
            s,
            "# HELP lantian_hj212_connections_open HJ 212 connections open now.\n# TYPE lantian_hj212_connections_open gauge\nlantian_hj212_connections_open {}\n",
            self.connections_open.load(Relaxed)
        );
        let _ = write!(
            s,
            "# HELP lantian_hj212_ack_latency_seconds Time from a packet's arrival to its acknowledgement (includes the durable commit).\n# TYPE lantian_hj212_ack_latency_seconds histogram\n"
        );
        let mut cumulative = 0;
        for (i, b) in LATENCY_BUCKETS.iter().enumerate() {
            cumulative += self.latency_buckets[i].load(Relaxed);
            let _ = writeln!(s, "lantian_hj212_ack_latency_seconds_bucket{{le=\"{b}\"}} {cumulative}");
        }
        let count = self.latency_count.load(Relaxed);
        let _ = write!(
            s,
            "lantian_hj212_ack_latency_seconds_bucket{{le=\"+Inf\"}} {count}\nlantian_hj212_ack_latency_seconds_sum {}\nlantian_hj212_ack_latency_seconds_count {count}\n",
            self.latency_sum_us.load(Relaxed) as f64 / 1e6
        );
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_every_reason_and_a_consistent_histogram() {
        let m = Metrics::new();
        m.reject(RejectReason::WrongPassword);
        m.reject(RejectReason::Codec(hj212::Reason::CrcMismatch));
        m.reject(RejectReason::Codec(hj212::Reason::CrcMismatch));
        m.observe_ack_latency(std::time::Duration::from_micros(1500));
        m.observe_ack_latency(std::time::Duration::from_secs(9));
        let text = m.render_prometheus();
        assert!(text.contains("lantian_hj212_packets_rejected_total{reason=\"crc_mismatch\"} 2\n"), "{text}");
        assert!(text.contains("lantian_hj212_packets_rejected_total{reason=\"wrong_password\"} 1\n"));
        assert!(text.contains("lantian_hj212_packets_rejected_total{reason=\"unknown_device\"} 0\n"));
        assert!(text.contains("lantian_hj212_ack_latency_seconds_bucket{le=\"0.002\"} 1\n"));
        assert!(text.contains("lantian_hj212_ack_latency_seconds_bucket{le=\"5\"} 1\n"));
        assert!(text.contains("lantian_hj212_ack_latency_seconds_bucket{le=\"+Inf\"} 2\n"));
        assert_eq!(m.rejected_total(), 3);
        // Every sample line belongs to a family announced by a TYPE line.
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let name = line.split(['{', ' ']).next().unwrap();
            let family = name.trim_end_matches("_bucket").trim_end_matches("_sum").trim_end_matches("_count");
            assert!(text.contains(&format!("# TYPE {family} ")) || text.contains(&format!("# TYPE {name} ")), "{line}");
        }
    }
}
