//! Start the ingestion server: registry, writer, listener, accept loop.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering::Relaxed;
use std::time::Duration;

use tokio::net::TcpSocket;
use tokio::sync::mpsc;

use super::connection::{self, Shared};
use super::metrics::Metrics;
use super::registry::Registry;
use super::store_pg::PgStore;
use super::store_sqlite::{SqliteStore, database_file};
use super::{IngestConfig, writer};
use crate::error::{Error, Result};
use crate::storage::{Backend, Db};

/// A running ingestion server. `metrics` is shared with the web layer (`/metrics`).
pub struct IngestHandle {
    pub metrics: Arc<Metrics>,
    pub registry: Arc<Registry>,
    pub local_addr: SocketAddr,
    /// The HJ 212 connection limit in force (the configured one, lowered to the descriptor budget).
    pub connection_limit: usize,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl IngestHandle {
    pub fn metrics(&self) -> Arc<Metrics> {
        self.metrics.clone()
    }
    /// Stop accepting connections (open connections finish on their own).
    pub fn stop(&self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

impl Drop for IngestHandle {
    fn drop(&mut self) {
        self.stop();
    }
}

pub async fn start(db: &Db, mut cfg: IngestConfig) -> Result<IngestHandle> {
    // Descriptors: HJ 212 gets what is left after HTTP, the database pool and the writers.
    let nofile = super::limits::raise_nofile_limit();
    let connections = db.pool.options().get_max_connections() as usize;
    // A SQLite connection holds the database and its WAL open (the -shm file is shared); the
    // writer is one more. A PostgreSQL connection is one socket; the writers have their own.
    let (pool, writers) = match db.backend {
        Backend::Sqlite => (2 * connections, 3),
        Backend::Postgres => (connections, cfg.pg_writers.max(1)),
    };
    let reserved = cfg.reserved_fds + pool + writers;
    let configured = cfg.max_connections;
    cfg.max_connections = super::limits::connection_limit(nofile.soft, reserved, configured);
    tracing::info!(
        nofile_soft = nofile.soft,
        nofile_hard = nofile.hard,
        reserved_http_and_files = cfg.reserved_fds,
        database_pool = pool,
        writer_fds = writers,
        configured_connections = configured,
        hj212_connection_limit = cfg.max_connections,
        idle_timeout_s = cfg.idle_timeout.as_secs(),
        "HJ 212 descriptor budget"
    );
    let registry = Registry::load(db).await?;
    let metrics = Arc::new(Metrics::new());
    let (tx, rx) = mpsc::channel(cfg.queue.max(1));
    match db.backend {
        Backend::Sqlite => {
            let path = database_file(db).await?;
            let store = SqliteStore::open(&path).map_err(|e| Error::other(format!("HJ 212 writer: {e}")))?;
            writer::spawn_sqlite(store, rx, metrics.clone(), cfg.max_batch.max(1))?;
        }
        Backend::Postgres => {
            let url = db.pool.connect_options().database_url.to_string();
            let mut stores = Vec::new();
            for _ in 0..cfg.pg_writers.max(1) {
                stores.push(PgStore::connect(&url).await?);
            }
            writer::spawn_pg(stores, rx, metrics.clone(), cfg.max_batch.max(1));
        }
    }

    let addr: SocketAddr = tokio::net::lookup_host(&cfg.listen)
        .await?
        .next()
        .ok_or_else(|| Error::Invalid(crate::i18n::catalogue::monitoring::listen_no_address(cfg.listen.to_string())))?;
    let socket = if addr.is_ipv4() { TcpSocket::new_v4()? } else { TcpSocket::new_v6()? };
    socket.set_reuseaddr(true)?;
    socket.bind(addr).map_err(|e| Error::Invalid(crate::i18n::catalogue::monitoring::listen_failed(addr.to_string(), e.to_string())))?;
    // A deep backlog: thousands of loggers reconnect at once after a network outage.
    let listener = socket.listen(8192)?;
    let local_addr = listener.local_addr()?;

    let refresh = {
        let registry = registry.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(5));
            loop {
                tick.tick().await;
                if let Err(e) = registry.refresh().await {
                    tracing::warn!(error = %e, "cannot reload the device registry");
                }
            }
        })
    };

    // Closed periods move from rows into compressed blocks (storage::series::compact).
    let compactor = {
        let db = db.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                // One node at a time (several nodes may share a PostgreSQL database): a day's
                // digest enters the audit chain once.
                let pass = crate::storage::coordination::exclusive(&db, crate::storage::coordination::Job::Compaction, || async {
                    if let Err(e) = crate::storage::series::compact(&db, time::OffsetDateTime::now_utc(), 20_000).await {
                        tracing::warn!(error = %e, "cannot compact monitoring values into blocks");
                    }
                    // Closed days of the raw archive get their digest in the audit chain.
                    if let Err(e) = crate::storage::archive::digest_closed_days(&db, time::OffsetDateTime::now_utc()).await {
                        tracing::warn!(error = %e, "cannot digest the raw archive's closed days");
                    }
                    Ok(())
                })
                .await;
                if let Err(e) = pass {
                    tracing::warn!(error = %e, "the compaction pass could not start");
                }
            }
        })
    };

    let quota = super::quota::RejectQuota::new(cfg.rejected_frames_per_hour, cfg.rejected_bytes_per_hour);
    let shared = Arc::new(Shared { registry: registry.clone(), metrics: metrics.clone(), tx, cfg: cfg.clone(), quota });
    let accept = tokio::spawn(async move {
        loop {
            let (stream, peer) = match listener.accept().await {
                Ok(x) => x,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little instead of spinning.
                    tracing::warn!(error = %e, "HJ 212 accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            if shared.metrics.connections_open.load(Relaxed) as usize >= shared.cfg.max_connections {
                shared.metrics.connections_refused.fetch_add(1, Relaxed);
                drop(stream);
                continue;
            }
            shared.metrics.connections_open.fetch_add(1, Relaxed);
            let _ = stream.set_nodelay(true);
            tokio::spawn(connection::run(stream, peer, shared.clone()));
        }
    });
    tracing::info!(%local_addr, devices = registry.len(), "HJ 212 ingestion listening");
    Ok(IngestHandle { metrics, registry, local_addr, connection_limit: cfg.max_connections, tasks: vec![accept, refresh, compactor] })
}
