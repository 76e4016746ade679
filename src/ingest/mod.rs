//! HJ 212 ingestion: the TCP server loggers connect to (`lantian serve --hj212-listen`), the
//! device registry, the batching durable writer, metrics and the monitoring status.
//!
//! Flow: `server` accepts connections → `connection` frames and decodes packets with the
//! device's tolerance and SM4 key from `registry`, rejects unknown devices and wrong
//! passwords → every frame (accepted or not) becomes a `record::Job` on one bounded channel →
//! `writer` commits whole batches (`store_sqlite` / `store_pg`, monthly `partitions` on
//! PostgreSQL) and only then lets the connection send the acknowledgement.
//!
//! **Invariants.** An acknowledgement (9014) is sent only after the packet's transaction
//! committed. Measurements are unique by their natural key (device, CN, DataTime, pollutant),
//! so a resent packet is archived as a duplicate and not counted twice. The raw archive is
//! append-only and holds every frame received, accepted or not.

pub mod connection;
pub mod metrics;
pub mod partitions;
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
    /// Connections beyond this are closed at once (and counted).
    pub max_connections: usize,
    /// A connection with no byte received for this long is closed. Loggers send real-time
    /// data every 30 s by default and minute data at most every 30 minutes (HJ 212-2017
    /// MinInterval), so 40 minutes never cuts a healthy logger.
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
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            listen: "127.0.0.1:9212".into(),
            max_connections: 20_000,
            idle_timeout: Duration::from_secs(40 * 60),
            write_timeout: Duration::from_secs(30),
            max_frame_bytes: 64 * 1024,
            max_pending_acks: 256,
            max_bad_frames: 100,
            queue: 65_536,
            max_batch: 8192,
            pg_writers: 3,
        }
    }
}

/// Raise the soft limit of open files to the hard limit (10,000 connections need more than
/// the usual 1,024). Returns the new soft limit.
#[allow(clippy::unnecessary_cast)] // rlim_t is u64 on Linux, not everywhere
pub fn raise_nofile_limit() -> u64 {
    // SAFETY: getrlimit/setrlimit with a valid pointer to a local struct.
    unsafe {
        let mut r = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut r) != 0 {
            return 0;
        }
        if r.rlim_cur < r.rlim_max {
            let want = libc::rlimit { rlim_cur: r.rlim_max, rlim_max: r.rlim_max };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &want) == 0 {
                return want.rlim_cur as u64;
            }
        }
        r.rlim_cur as u64
    }
}
