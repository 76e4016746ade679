//! HJ 212 ingestion: the TCP server loggers connect to (`lantian serve --hj212-listen`), the
//! device registry, the batching durable writer, metrics and the monitoring status.
//!
//! Flow: `server` accepts connections → `connection` frames and decodes packets with the
//! device's tolerance and SM4 key from `registry`, rejects unknown devices, wrong
//! passwords, devices whose outlet was deleted and DataTimes beyond `max_future` → every
//! frame (accepted or not) becomes a `record::Job` on one bounded channel →
//! `writer` commits whole batches (`store_sqlite` / `store_pg`, monthly `partitions` on
//! PostgreSQL) and only then lets the connection send the acknowledgement.
//!
//! **Invariants.** An acknowledgement (9014) is sent only after the packet's transaction
//! committed. Measurements are unique by their natural key (device, CN, DataTime, pollutant),
//! so a resent packet is archived as a duplicate and not counted twice, and one with other
//! values as a conflict (listed in `ingest_conflicts`). The raw archive is append-only and
//! holds every frame received, accepted or not; rejected frames as bounded excerpts within a
//! per-address quota (`quota`), never unbounded.

pub mod conflicts;
pub mod connection;
pub mod limits;
pub mod metrics;
pub mod partitions;
pub mod quota;
pub mod record;
pub mod registry;
pub mod server;
pub mod status;
pub mod store_pg;
pub mod store_sqlite;
pub mod writer;

pub use metrics::Metrics;
pub use registry::{Device, DeviceRecord, Registry};
pub use server::{IngestHandle, start};
pub use status::{DeviceStatus, ONLINE_WITHIN_MINUTES, device_statuses};

use std::time::Duration;

/// Limits and sizes of the ingestion server (defaults suit a city's loggers on one node).
#[derive(Clone, Debug)]
pub struct IngestConfig {
    /// Address to listen on, e.g. `0.0.0.0:9212`.
    pub listen: String,
    /// Connections beyond this are closed at once (and counted). At start the server lowers it
    /// to what the descriptor limit leaves after `reserved_fds` (see `limits`).
    pub max_connections: usize,
    /// File descriptors kept for everything but HJ 212 connections: HTTP connections (512 in
    /// flight and as many waiting or kept alive), the listeners, database files and logs. The
    /// database pool and the PostgreSQL writers are added to it at start.
    pub reserved_fds: usize,
    /// A connection without an authenticated frame for this long is closed. Loggers send
    /// real-time data every 30 s by default (HJ 212-2017 RtdInterval 30–3600 s) and minute
    /// data every 1–30 minutes (MinInterval; 10 is the common setting and the standard's
    /// example), 2025 loggers also heartbeats; a logger slower than this reconnects at its next
    /// upload and resends what was not acknowledged (§6.2), so it loses nothing. Bytes that do
    /// not make a frame (slowloris) do not keep a connection open.
    pub idle_timeout: Duration,
    /// A peer that does not take its acknowledgements within this time is closed.
    pub write_timeout: Duration,
    /// The read buffer of a connection never grows beyond this (bytes). HJ 212 data segments
    /// are at most 1024 characters (9999 with the `oversized` tolerance); a 2025 encrypted
    /// segment is written about five times longer.
    pub max_frame_bytes: usize,
    /// Packets of one connection waiting for their commit before it stops reading.
    pub max_pending_acks: usize,
    /// Rejected frames in a row that close a connection.
    pub max_bad_frames: usize,
    /// Packets queued between all connections and the writer.
    pub queue: usize,
    /// Largest write batch (packets per transaction).
    pub max_batch: usize,
    /// PostgreSQL writer connections taking turns at the queue (SQLite has one writer). On the
    /// 2-core benchmark machine 1, 2 and 3 writers gave 15,900, 21,300 and 23,600 packets/s.
    pub pg_writers: usize,
    /// A DataTime later than the server's Beijing time plus this is refused (`future_time`):
    /// a logger's clock is set from the platform (CN 1012) and a slot in the future cannot
    /// have been measured; accepting it would let a forged packet take the slot before the real
    /// one (first write wins).
    pub max_future: Duration,
    /// Rejected frames are archived as evidence, but only this many bytes of each (with the
    /// length and SHA-256 of the whole frame).
    pub rejected_excerpt_bytes: usize,
    /// Rejected frames archived per sending address and hour; beyond it they are counted and
    /// dropped.
    pub rejected_frames_per_hour: u32,
    /// Bytes of rejected-frame excerpts archived per sending address and hour.
    pub rejected_bytes_per_hour: u64,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            listen: "127.0.0.1:9212".into(),
            max_connections: 20_000,
            reserved_fds: 1024,
            idle_timeout: Duration::from_secs(10 * 60),
            write_timeout: Duration::from_secs(30),
            max_frame_bytes: 64 * 1024,
            max_pending_acks: 256,
            max_bad_frames: 100,
            queue: 65_536,
            max_batch: 8192,
            pg_writers: 3,
            max_future: Duration::from_secs(10 * 60),
            rejected_excerpt_bytes: 512,
            // A misconfigured logger (wrong password every 30 s) is 120 frames an hour: all kept.
            rejected_frames_per_hour: 1000,
            rejected_bytes_per_hour: 512 * 1024,
        }
    }
}

pub use limits::raise_nofile_limit;
