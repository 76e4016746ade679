//! Backups. SQLite: `VACUUM INTO`, a consistent copy taken while the platform keeps
//! running; restore checks the copy's audit chain before it replaces the database.
//! PostgreSQL: `pg_dump --format=custom` and `pg_restore`, the tools operators already
//! know; the restored database's audit chain is checked afterwards.
//!
//! Every backup's chain head is written to the audit witness file (`witness`) as a backup
//! point, and a restore accepts only a copy whose chain ends at one: a copy whose latest
//! audit entries were cut off (and its `audit_head` pointed at the new last row) is refused.

use std::path::{Path, PathBuf};
use std::process::Command;

use sqlx::Row;

use super::audit::{self, Verdict};
use super::{witness, Backend, Db, Location};
use crate::error::{Error, Result};

const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

/// Write a backup of the database to `out` (which must not exist yet) and return the
/// verdict on the audit chain it holds.
pub async fn backup(db: &Db, location: &Location, out: &Path) -> Result<Verdict> {
    if out.exists() {
        return Err(Error::Invalid(crate::i18n::catalogue::cli::backup_exists(out.display().to_string())));
    }
    match (db.backend, location) {
        (Backend::Sqlite, _) => {
            let target = out.to_str().ok_or_else(|| Error::Invalid(crate::i18n::catalogue::cli::backup_path_utf8()))?;
            sqlx::query("VACUUM INTO $1").bind(target).execute(&db.pool).await?;
            let verdict = verify_sqlite_file(out).await?;
            if let (Verdict::Intact { .. }, Some(w)) = (&verdict, &db.witness) {
                let (seq, hash) = sqlite_file_head(out).await?;
                w.catch_up(db).await?;
                w.backup_point(seq, &hash)?;
            }
            Ok(verdict)
        }
        (Backend::Postgres, Location::Url(url)) => {
            let verdict = audit::verify(db).await?;
            // pg_dump reads the snapshot this transaction exported, so the head read here is
            // exactly the head the dump holds, however busy the platform is meanwhile.
            let mut tx = db.pool.begin().await?;
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").execute(&mut *tx).await?;
            let snapshot: String = sqlx::query("SELECT pg_export_snapshot()").fetch_one(&mut *tx).await?.try_get(0)?;
            let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(&mut *tx).await?;
            let (seq, hash): (i64, String) = (head.try_get(0)?, head.try_get(1)?);
            let dumped = run(
                "pg_dump",
                Command::new("pg_dump").arg("--format=custom").arg("--no-owner").arg("--snapshot").arg(&snapshot).arg("--file").arg(out).arg(url),
            );
            tx.rollback().await?;
            dumped?;
            if let (Verdict::Intact { .. }, Some(w)) = (&verdict, &db.witness) {
                w.catch_up(db).await?;
                w.backup_point(seq, &hash)?;
            }
            Ok(verdict)
        }
        (Backend::Postgres, Location::SqliteDir(_)) => Err(Error::other("a PostgreSQL database needs its URL")),
    }
}

/// Replace the database with a backup. SQLite: refused if the copy's audit chain is
/// broken, or (unless `force`) if the database looks in use. PostgreSQL: the public
/// schema is replaced by the dump in one transaction, then the chain is checked.
pub async fn restore(location: &Location, file: &Path, force: bool) -> Result<Verdict> {
    restore_witnessed(location, file, force, witness::default_path(location).as_deref()).await
}

/// As [`restore`], with the audit witness file named (PostgreSQL deployments set one). A copy
/// whose chain does not end at a witnessed backup point is refused before anything changes.
pub async fn restore_witnessed(location: &Location, file: &Path, force: bool, witness_file: Option<&Path>) -> Result<Verdict> {
    if !file.is_file() {
        return Err(Error::Invalid(crate::i18n::catalogue::cli::not_a_file(file.display().to_string())));
    }
    match location {
        Location::SqliteDir(dir) => {
            let mut head = [0u8; 16];
            use std::io::Read;
            let n = std::fs::File::open(file)?.read(&mut head)?;
            if n < 16 || head != SQLITE_MAGIC {
                return Err(Error::Invalid(crate::i18n::catalogue::cli::not_a_backup(file.display().to_string())));
            }
            std::fs::create_dir_all(dir)?;
            let live = dir.join("lantian.db");
            let wal = sidecar(&live, "-wal");
            if wal.exists() && !force {
                return Err(Error::Conflict(crate::i18n::catalogue::cli::database_in_use(wal.display().to_string())));
            }
            let staged = dir.join("lantian.db.restoring");
            remove_with_sidecars(&staged)?;
            std::fs::copy(file, &staged)?;
            // Opening migrates an older backup to the current schema before it is checked.
            let mut verdict = verify_sqlite_file(&staged).await;
            let mut head = None;
            if let (true, Some(path)) = (matches!(verdict, Ok(Verdict::Intact { .. })), witness_file) {
                let (seq, hash) = sqlite_file_head(&staged).await?;
                if let Some(broken) = witness::check_backup(path, seq, &hash)? {
                    verdict = Ok(broken);
                }
                head = Some((path, seq, hash));
            }
            match verdict {
                Ok(Verdict::Intact { entries }) => {
                    remove_with_sidecars(&live)?;
                    std::fs::rename(&staged, &live)?;
                    if let Some((path, seq, hash)) = head {
                        witness::Witness::open(path.to_path_buf())?.restored(seq, &hash)?;
                    }
                    Ok(Verdict::Intact { entries })
                }
                Ok(broken) => {
                    remove_with_sidecars(&staged)?;
                    Ok(broken)
                }
                Err(e) => {
                    remove_with_sidecars(&staged)?;
                    Err(e)
                }
            }
        }
        Location::Url(url) => {
            // `pg_restore --clean` cannot drop the constraints of partitioned tables (the
            // monitoring data), so the schema is replaced instead: the dump as SQL, after
            // DROP SCHEMA public CASCADE, all in ONE transaction — a failed restore leaves the
            // database as it was.
            let sql = Command::new("pg_restore")
                .args(["--no-owner", "--no-acl", "--file", "-"])
                .arg(file)
                .output()
                .map_err(|e| Error::other(format!("cannot run pg_restore (install the PostgreSQL client tools): {e}")))?;
            if !sql.status.success() {
                return Err(Error::other(format!("pg_restore failed: {}", String::from_utf8_lossy(&sql.stderr).trim())));
            }
            let head = match witness_file {
                Some(path) => {
                    let (seq, hash) = dump_head(&sql.stdout)?;
                    if let Some(broken) = witness::check_backup(path, seq, &hash)? {
                        return Ok(broken);
                    }
                    Some((path, seq, hash))
                }
                None => None,
            };
            let mut script = b"DROP SCHEMA public CASCADE;\nCREATE SCHEMA public;\n".to_vec();
            script.extend_from_slice(&sql.stdout);
            run_with_input(
                "psql",
                Command::new("psql").args(["--quiet", "--no-psqlrc", "--single-transaction", "-v", "ON_ERROR_STOP=1", "--dbname"]).arg(url),
                &script,
            )?;
            let db = Db::connect(url, 2).await?;
            let verdict = audit::verify(&db).await;
            db.close().await;
            if let (Ok(Verdict::Intact { .. }), Some((path, seq, hash))) = (&verdict, head) {
                witness::Witness::open(path.to_path_buf())?.restored(seq, &hash)?;
            }
            verdict
        }
    }
}

async fn verify_sqlite_file(path: &Path) -> Result<Verdict> {
    let db = Db::connect(&format!("sqlite://{}", path.display()), 1).await?;
    let verdict = audit::verify(&db).await;
    db.close().await;
    verdict
}

async fn sqlite_file_head(path: &Path) -> Result<(i64, String)> {
    let db = Db::connect(&format!("sqlite://{}", path.display()), 1).await?;
    let row = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(&db.pool).await;
    db.close().await;
    let row = row?;
    Ok((row.try_get(0)?, row.try_get(1)?))
}

/// The chain head a dump holds: the one row of `audit_head` in pg_restore's SQL
/// (`COPY public.audit_head (id, seq, hash) FROM stdin;` then `1<TAB>seq<TAB>hash`).
fn dump_head(sql: &[u8]) -> Result<(i64, String)> {
    let text = String::from_utf8_lossy(sql);
    let mut lines = text.lines();
    let found = lines.by_ref().find(|l| l.starts_with("COPY ") && l.contains("audit_head (id, seq, hash)")).and_then(|_| lines.next());
    let fields: Vec<&str> = found.map(|l| l.split('\t').collect()).unwrap_or_default();
    match fields.as_slice() {
        [_, seq, hash] => Ok((seq.parse().map_err(|_| Error::other("the dump's audit head is not a number"))?, hash.to_string())),
        _ => Err(Error::other("the dump holds no audit head: not a Lantian backup")),
    }
}

fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn remove_with_sidecars(db: &Path) -> Result<()> {
    for p in [db.to_path_buf(), sidecar(db, "-wal"), sidecar(db, "-shm")] {
        match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    Ok(())
}

fn run_with_input(tool: &str, cmd: &mut Command, input: &[u8]) -> Result<()> {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::other(format!("cannot run {tool} (install the PostgreSQL client tools): {e}")))?;
    let mut stdin = child.stdin.take().ok_or_else(|| Error::other(format!("{tool}: no stdin")))?;
    let writer = {
        let input = input.to_vec();
        std::thread::spawn(move || stdin.write_all(&input))
    };
    let output = child.wait_with_output()?;
    let _ = writer.join();
    if !output.status.success() {
        return Err(Error::other(format!("{tool} failed: {}", String::from_utf8_lossy(&output.stderr).trim())));
    }
    Ok(())
}

fn run(tool: &str, cmd: &mut Command) -> Result<()> {
    let output = cmd.output().map_err(|e| Error::other(format!("cannot run {tool} (install the PostgreSQL client tools): {e}")))?;
    if !output.status.success() {
        return Err(Error::other(format!("{tool} failed: {}", String::from_utf8_lossy(&output.stderr).trim())));
    }
    Ok(())
}
