//! Backups. SQLite: `VACUUM INTO`, a consistent copy taken while the platform keeps
//! running; restore checks the copy's audit chain before it replaces the database.
//! PostgreSQL: `pg_dump --format=custom` and `pg_restore`, the tools operators already
//! know; the restored database's audit chain is checked afterwards.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::audit::{self, Verdict};
use super::{Backend, Db, Location};
use crate::error::{Error, Result};

const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

/// Write a backup of the database to `out` (which must not exist yet) and return the
/// verdict on the audit chain it holds.
pub async fn backup(db: &Db, location: &Location, out: &Path) -> Result<Verdict> {
    if out.exists() {
        return Err(Error::Invalid(crate::i18n::untranslated(format!("{} already exists; choose a new file name", out.display()))));
    }
    match (db.backend, location) {
        (Backend::Sqlite, _) => {
            let target = out.to_str().ok_or_else(|| Error::Invalid(crate::i18n::untranslated("the backup path must be valid UTF-8")))?;
            sqlx::query("VACUUM INTO $1").bind(target).execute(&db.pool).await?;
            verify_sqlite_file(out).await
        }
        (Backend::Postgres, Location::Url(url)) => {
            let verdict = audit::verify(db).await?;
            run("pg_dump", Command::new("pg_dump").arg("--format=custom").arg("--no-owner").arg("--file").arg(out).arg(url))?;
            Ok(verdict)
        }
        (Backend::Postgres, Location::SqliteDir(_)) => Err(Error::other("a PostgreSQL database needs its URL")),
    }
}

/// Replace the database with a backup. SQLite: refused if the copy's audit chain is
/// broken, or (unless `force`) if the database looks in use. PostgreSQL: the public
/// schema is replaced by the dump in one transaction, then the chain is checked.
pub async fn restore(location: &Location, file: &Path, force: bool) -> Result<Verdict> {
    if !file.is_file() {
        return Err(Error::Invalid(crate::i18n::untranslated(format!("{} is not a file", file.display()))));
    }
    match location {
        Location::SqliteDir(dir) => {
            let mut head = [0u8; 16];
            use std::io::Read;
            let n = std::fs::File::open(file)?.read(&mut head)?;
            if n < 16 || head != SQLITE_MAGIC {
                return Err(Error::Invalid(crate::i18n::untranslated(format!("{} is not a Lantian SQLite backup", file.display()))));
            }
            std::fs::create_dir_all(dir)?;
            let live = dir.join("lantian.db");
            let wal = sidecar(&live, "-wal");
            if wal.exists() && !force {
                return Err(Error::Conflict(crate::i18n::untranslated(format!(
                    "{} exists: the database looks in use. Stop the server first (or pass --force if it crashed)",
                    wal.display()
                ))));
            }
            let staged = dir.join("lantian.db.restoring");
            remove_with_sidecars(&staged)?;
            std::fs::copy(file, &staged)?;
            // Opening migrates an older backup to the current schema before it is checked.
            let verdict = verify_sqlite_file(&staged).await;
            match verdict {
                Ok(Verdict::Intact { entries }) => {
                    remove_with_sidecars(&live)?;
                    std::fs::rename(&staged, &live)?;
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
