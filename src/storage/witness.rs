//! The audit chain's head, witnessed outside the database (issue 17 item 14).
//!
//! The hash chain shows that no entry was edited or removed in the middle, but someone who
//! can write the database (or a backup copy of it) can cut the latest entries off and point
//! `audit_head` at the new last row: the shorter chain is still consistent. So the head is
//! also appended to a plain file, `audit-witness.log` in the data directory (a setting for
//! PostgreSQL deployments), one line per change of the head:
//!
//! ```text
//! head 1532 5f2c…e1 2026-12-03T14:40:01.123Z
//! backup 1540 77aa…03 2026-12-03T15:00:00.000Z
//! restore 1540 77aa…03 2026-12-03T16:10:12.500Z
//! ```
//!
//! `head` lines follow the commits of audit batches; `backup` lines record the chain head a
//! backup holds; `restore` lines the head a restore went back to. `audit verify` checks the
//! database against the last line (the entry it names must exist with that hash), `restore`
//! accepts only a copy whose chain ends at a witnessed backup. The file only grows; a lost
//! last line (crash) leaves the witness behind the database, which is never an alarm.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use sqlx::Row;

use super::audit::Verdict;
use super::{Db, Location};
use crate::error::Result;

pub const FILE_NAME: &str = "audit-witness.log";

/// The witness file of a data directory (SQLite); PostgreSQL deployments name theirs.
pub fn default_path(location: &Location) -> Option<PathBuf> {
    match location {
        Location::SqliteDir(dir) => Some(dir.join(FILE_NAME)),
        Location::Url(_) => None,
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub kind: String,
    pub seq: i64,
    pub hash: String,
    pub at: String,
}

fn parse(line: &str) -> Option<Line> {
    let mut parts = line.split_whitespace();
    let (kind, seq, hash, at) = (parts.next()?, parts.next()?, parts.next()?, parts.next().unwrap_or(""));
    let ok_kind = matches!(kind, "head" | "backup" | "restore");
    let ok_hash = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    if !ok_kind || !ok_hash {
        return None;
    }
    Some(Line { kind: kind.into(), seq: seq.parse().ok()?, hash: hash.into(), at: at.into() })
}

/// Every line of a witness file (none if it does not exist).
pub fn read_lines(path: &Path) -> Result<Vec<Line>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text.lines().filter_map(parse).collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e.into()),
    }
}

/// The last line of a witness file, read from its end (the file grows for years).
pub fn last_line(path: &Path) -> Result<Option<Line>> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let len = file.metadata()?.len();
    file.seek(SeekFrom::Start(len.saturating_sub(4096)))?;
    let mut tail = Vec::new();
    file.read_to_end(&mut tail)?;
    Ok(String::from_utf8_lossy(&tail).lines().rev().find_map(parse))
}

/// Appends to one witness file; the last witnessed sequence number is kept so that the
/// file only ever moves forward, whatever order concurrent appenders arrive in.
#[derive(Debug)]
pub struct Witness {
    path: PathBuf,
    last: Mutex<Option<i64>>,
}

impl Witness {
    pub fn open(path: PathBuf) -> Result<Arc<Witness>> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let last = last_line(&path)?.map(|l| l.seq);
        Ok(Arc::new(Witness { path, last: Mutex::new(last) }))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn append(&self, kind: &str, seq: i64, hash: &str, only_forward: bool) -> Result<()> {
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if only_forward && last.is_some_and(|l| seq <= l) {
            return Ok(());
        }
        let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&self.path)?;
        file.write_all(format!("{kind} {seq} {hash} {}\n", super::now()).as_bytes())?;
        *last = Some(seq);
        Ok(())
    }

    /// Witness the committed head if it moved past the last witnessed one; returns it.
    pub async fn catch_up(&self, db: &Db) -> Result<i64> {
        let (seq, hash) = committed_head(db).await?;
        self.append("head", seq, &hash, true)?;
        Ok(seq)
    }

    /// The head a backup holds (always written: a backup point is what `restore` accepts).
    pub fn backup_point(&self, seq: i64, hash: &str) -> Result<()> {
        self.append("backup", seq, hash, false)
    }

    /// After a restore the chain continues from the restored head.
    pub fn restored(&self, seq: i64, hash: &str) -> Result<()> {
        self.append("restore", seq, hash, false)
    }
}

async fn committed_head(db: &Db) -> Result<(i64, String)> {
    let row = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(&db.pool).await?;
    Ok((row.try_get(0)?, row.try_get(1)?))
}

/// After an audit batch's transaction: its commit is not visible to this code, so the head is
/// witnessed once the batch's sequence number shows as committed (a rolled-back batch never
/// does; the next batch's witness then covers the same numbers).
pub fn witness_soon(db: &Db, seq: i64) {
    let Some(witness) = db.witness.clone() else { return };
    let Ok(handle) = tokio::runtime::Handle::try_current() else { return };
    let db = db.clone();
    handle.spawn(async move {
        for wait_ms in [5u64, 50, 500, 5_000, 60_000] {
            tokio::time::sleep(std::time::Duration::from_millis(wait_ms)).await;
            match witness.catch_up(&db).await {
                Ok(head) if head >= seq => return,
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "could not witness the audit head");
                    return;
                }
            }
        }
    });
}

/// The database's chain (already found intact by `audit::verify`) against the witness: the
/// last witnessed entry must be there, with the witnessed hash.
pub async fn check(db: &Db, path: &Path) -> Result<Option<Verdict>> {
    let Some(last) = last_line(path)? else { return Ok(None) };
    let row = sqlx::query("SELECT hash FROM audit_log WHERE seq = $1").bind(last.seq).fetch_optional(&db.pool).await?;
    let (head, _) = committed_head(db).await?;
    Ok(match row.map(|r| r.try_get::<String, _>(0)).transpose()? {
        None => Some(Verdict::Broken {
            seq: head + 1,
            reason: format!(
                "the chain ends at entry {head} but {} witnessed entry {} at {}: the latest entries were removed",
                path.display(),
                last.seq,
                super::display_time(&last.at)
            ),
        }),
        Some(hash) if hash != last.hash => Some(Verdict::Broken {
            seq: last.seq,
            reason: format!("entry {} is not the one {} witnessed at {}: the chain was rewritten from there", last.seq, path.display(), super::display_time(&last.at)),
        }),
        Some(_) => None,
    })
}

/// Whether a backup copy whose chain ends at (`seq`, `hash`) may be restored: it must end at a
/// head witnessed at a backup. A copy cut short ends at a head no backup held.
pub fn check_backup(path: &Path, seq: i64, hash: &str) -> Result<Option<Verdict>> {
    let lines = read_lines(path)?;
    let points: Vec<&Line> = lines.iter().filter(|l| l.kind == "backup").collect();
    if points.is_empty() || points.iter().any(|l| l.seq == seq && l.hash == hash) {
        return Ok(None);
    }
    let later = points.iter().filter(|l| l.seq > seq).min_by_key(|l| l.seq);
    let reason = match later {
        Some(l) => format!(
            "the copy's audit chain ends at entry {seq}, but the backup witnessed in {} at {} ended at entry {}: the latest entries were removed from this copy. \
             (If it is a copy made outside `lantian backup` or from another installation, move {} aside to restore it.)",
            path.display(),
            super::display_time(&l.at),
            l.seq,
            path.display()
        ),
        None => format!(
            "the copy's audit chain ends at entry {seq}, a head no backup witnessed in {} held. \
             (If it is a copy made outside `lantian backup` or from another installation, move {} aside to restore it.)",
            path.display(),
            path.display()
        ),
    };
    Ok(Some(Verdict::Broken { seq: seq + 1, reason }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_and_junk_is_skipped() {
        let h = "a".repeat(64);
        assert_eq!(parse(&format!("head 12 {h} 2026-12-03T14:40:01Z")).unwrap().seq, 12);
        assert!(parse(&format!("edit 12 {h} x")).is_none());
        assert!(parse("head twelve x y").is_none());
        assert!(parse(&format!("head 12 {} x", "z".repeat(64))).is_none());
    }

    #[test]
    fn the_file_only_moves_forward_and_its_end_is_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let w = Witness::open(path.clone()).unwrap();
        let (a, b) = ("a".repeat(64), "b".repeat(64));
        w.append("head", 5, &a, true).unwrap();
        w.append("head", 3, &b, true).unwrap();
        w.backup_point(5, &a).unwrap();
        assert_eq!(read_lines(&path).unwrap().len(), 2);
        assert_eq!(last_line(&path).unwrap().unwrap().kind, "backup");
        assert_eq!(Witness::open(path.clone()).unwrap().last.lock().unwrap().clone(), Some(5));
        assert!(check_backup(&path, 5, &a).unwrap().is_none());
        assert!(matches!(check_backup(&path, 4, &b).unwrap(), Some(Verdict::Broken { seq: 5, .. })));
    }
}
