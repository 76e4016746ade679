//! Several `lantian serve` nodes on one PostgreSQL database (issue 15). The nodes keep no state
//! of their own that matters — sessions, rate-limit lockouts and every record live in the
//! database — with two exceptions handled here:
//!
//! - **Cached list totals** (`counts`): a trigger on `enterprises` (migration 0026) sends a
//!   notice on the `lantian_changes` channel at each commit that changes the table, whoever
//!   made it; every node listens and drops its cached totals at once.
//! - **Background jobs** (averages, judging, compaction and the archive's day digests, the
//!   session sweep): each pass runs under a PostgreSQL advisory lock held by a transaction, so
//!   across all nodes one pass of a job runs at a time and the others skip theirs. The lock goes
//!   with the transaction, so a node that dies mid-pass releases it.
//!
//! SQLite is one process's file: nothing to coordinate, jobs run as they are.

use std::future::Future;

use sqlx::Row;

use super::{Backend, Db};
use crate::error::Result;

/// The notice channel (migration 0026).
pub const CHANNEL: &str = "lantian_changes";

/// A background job that must not run on two nodes at once; the value is its advisory-lock key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Job {
    Averages = 0x4c54_0001,
    Judging = 0x4c54_0002,
    Compaction = 0x4c54_0003,
    SessionSweep = 0x4c54_0004,
    ComplaintSweep = 0x4c54_0005,
}

/// Runs one pass of `job` unless another node (or task) is running one: `Ok(None)` then.
pub async fn exclusive<T, F, Fut>(db: &Db, job: Job, pass: F) -> Result<Option<T>>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    match db.backend {
        Backend::Sqlite => Ok(Some(pass().await?)),
        Backend::Postgres => {
            let mut lock = db.pool.begin().await?;
            let got: bool = sqlx::query("SELECT pg_try_advisory_xact_lock($1)").bind(job as i64).fetch_one(&mut *lock).await?.try_get(0)?;
            if !got {
                return Ok(None);
            }
            let outcome = pass().await;
            // Nothing was written in this transaction: ending it only releases the lock.
            lock.rollback().await?;
            outcome.map(Some)
        }
    }
}

/// On PostgreSQL, listens for other writers' notices and drops the cached totals when one comes
/// (and when the listening connection was lost, since notices may have been missed then).
pub fn spawn_listener(db: &Db, url: &str) -> Option<tokio::task::JoinHandle<()>> {
    if db.backend != Backend::Postgres {
        return None;
    }
    let (db, url) = (db.clone(), url.to_string());
    Some(tokio::spawn(async move {
        loop {
            match listen(&db, &url).await {
                Ok(()) => {}
                Err(e) => tracing::warn!(error = %e, "change notices: listening failed; retrying"),
            }
            db.counts.invalidate();
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
    }))
}

async fn listen(db: &Db, url: &str) -> Result<()> {
    let mut listener = sqlx::postgres::PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    // Changes made before the listener was up are covered by this.
    db.counts.invalidate();
    loop {
        // `try_recv` returns None when the connection was lost (and reconnects on the next
        // call): notices may have been missed, so the totals go too.
        match listener.try_recv().await? {
            Some(_) | None => db.counts.invalidate(),
        }
    }
}
