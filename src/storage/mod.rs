//! Storage: one query layer (sqlx `Any`) over SQLite (embedded default, WAL) and
//! PostgreSQL (production). Migrations are kept per database in `migrations/`.
//!
//! SQL written here must run on both: `$N` placeholders, `RETURNING`, only
//! INTEGER/REAL/TEXT-like columns, and aggregates cast to BIGINT (PostgreSQL's
//! SUM is NUMERIC, which the Any driver cannot decode).

pub mod admission;
pub mod accounts;
pub mod archive;
pub mod audit;
pub mod averages;
pub mod backup;
pub mod campaigns;
pub mod complaints;
pub mod cases;
pub mod emissions;
pub mod energy;
pub mod inventory;
mod batch;
pub mod coordination;
pub mod counts;
pub mod dashboard;
pub mod enforcement;
pub mod enforcement_cases;
mod float;
pub mod ledger;
pub mod marks;
pub mod map;
pub mod plans;
pub mod publication;
pub mod rules;
pub mod runs;
pub mod screening;
pub mod series;
pub mod settings;
pub mod submissions;
pub mod synergy;
pub mod tax;
pub mod witness;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

use crate::error::Result;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where the data lives, as given on the command line.
#[derive(Clone, Debug)]
pub enum Location {
    SqliteDir(PathBuf),
    Url(String),
}

impl Location {
    pub fn from_args(data_dir: &Path, database: Option<&str>) -> Location {
        match database {
            Some(url) => Location::Url(url.to_string()),
            None => Location::SqliteDir(data_dir.to_path_buf()),
        }
    }

    pub fn url(&self) -> Result<String> {
        match self {
            Location::SqliteDir(dir) => {
                std::fs::create_dir_all(dir)?;
                Ok(format!("sqlite://{}?mode=rwc", dir.join("lantian.db").display()))
            }
            Location::Url(u) => Ok(u.clone()),
        }
    }
}

#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// Recent list totals (COUNT over a filter), the most expensive part of a list page.
    pub counts: std::sync::Arc<counts::CountCache>,
    /// Where the audit chain's head is witnessed outside the database (see `witness`).
    pub witness: Option<std::sync::Arc<witness::Witness>>,
}

impl Db {
    pub async fn open(location: &Location) -> Result<Db> {
        let url = location.url()?;
        let db = Db::connect(&url, 16).await?;
        match witness::default_path(location) {
            Some(path) => db.with_witness(path),
            None => Ok(db),
        }
    }

    /// Witness the audit chain's head in this file from now on (and check it in `audit::verify`).
    pub fn with_witness(mut self, path: PathBuf) -> Result<Db> {
        self.witness = Some(witness::Witness::open(path)?);
        Ok(self)
    }

    pub async fn connect(url: &str, max_connections: u32) -> Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(crate::Error::Invalid(crate::i18n::catalogue::cli::database_url(url)));
        };
        let options = AnyConnectOptions::from_str(url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the single writer; busy_timeout makes
                        // writers queue instead of failing; foreign keys are off by default.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA busy_timeout = 10000").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                        // A large page cache keeps big import transactions from spilling
                        // pages into the WAL again and again (memory is used only when needed).
                        conn.execute("PRAGMA cache_size = -131072").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        let db = Db { pool, backend, counts: Default::default(), witness: None };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> Result<()> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite").run(&self.pool).await?,
            Backend::Postgres => sqlx::migrate!("./migrations/postgres").run(&self.pool).await?,
        }
        // Migration 0107 leaves the conversion of existing monitoring rows into blocks to code.
        series::upgrade(self).await?;
        Ok(())
    }

    /// Close every connection, the SQLite file complete on disk when this returns.
    ///
    /// `Pool::close` alone is not enough for code that copies, renames or verifies the file
    /// next: a connection being handed back at that moment can slip into the idle list after
    /// `close` finished (sqlx 0.8), staying open with the last writes in its `-wal` — which a
    /// file copy then misses. So SQLite first checkpoints the WAL into the main file, and the
    /// pool is closed again until no connection is left.
    pub async fn close(&self) {
        if let Some(w) = &self.witness {
            if let Err(e) = w.catch_up(self).await {
                tracing::error!(error = %e, "could not witness the audit head");
            }
        }
        if self.backend == Backend::Sqlite {
            if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&self.pool).await {
                tracing::warn!("checkpoint before close failed: {e}");
            }
        }
        for _ in 0..200 {
            self.pool.close().await;
            if self.pool.size() == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        tracing::warn!("database connections still open after close");
    }

    pub async fn begin(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        let mut tx = self.pool.begin().await?;
        if self.backend == Backend::Sqlite {
            // Take the write lock up front so two writers never deadlock upgrading a read lock.
            // (sqlx starts SQLite transactions DEFERRED.)
            sqlx::query("UPDATE audit_head SET seq = seq WHERE id = 1").execute(&mut *tx).await?;
        }
        Ok(tx)
    }
}

/// Current time as RFC 3339 (UTC), the one timestamp format stored.
pub fn now() -> String {
    stored_time(time::OffsetDateTime::now_utc())
}

/// How every timestamp is stored: RFC 3339 in UTC with exactly three fraction digits, so that
/// text order is time order and range queries can compare the text. (Trimming the fraction, as
/// a bare RFC 3339 formatter does, made "…:05.5Z" sort after "…:05.512Z".)
pub fn stored_time(t: time::OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"))
        .unwrap_or_default()
}

/// A stored timestamp as people in China read it: Beijing time (UTC+8), to the second.
pub fn display_time(stored: &str) -> String {
    use time::format_description::well_known::Rfc3339;
    let Ok(t) = time::OffsetDateTime::parse(stored, &Rfc3339) else { return stored.to_string() };
    let beijing = t.to_offset(time::macros::offset!(+8));
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    beijing.format(&format).unwrap_or_else(|_| stored.to_string())
}

/// Unix seconds as Beijing time, to the minute (lockouts).
pub fn display_unix_time(seconds: i64) -> String {
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp(seconds) else { return seconds.to_string() };
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
    t.to_offset(time::macros::offset!(+8)).format(&format).unwrap_or_else(|_| seconds.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn unix_times_display_in_beijing_time() {
        assert_eq!(super::display_unix_time(1_795_000_000), "2026-11-18 19:06");
    }

    #[test]
    fn stored_times_sort_as_text_in_time_order() {
        use time::macros::datetime;
        let a = super::stored_time(datetime!(2026-12-04 19:30:05.5 UTC));
        let b = super::stored_time(datetime!(2026-12-04 19:30:05.512 UTC));
        let c = super::stored_time(datetime!(2026-12-05 03:30:06 +08:00));
        assert_eq!((a.as_str(), b.as_str(), c.as_str()), ("2026-12-04T19:30:05.500Z", "2026-12-04T19:30:05.512Z", "2026-12-04T19:30:06.000Z"));
        assert!(a < b && b < c);
    }

    #[test]
    fn times_display_in_beijing_time() {
        assert_eq!(super::display_time("2026-11-23T13:28:19.933Z"), "2026-11-23 21:28:19");
        assert_eq!(super::display_time("garbage"), "garbage");
    }
}
