//! The audit log: every change, hash-chained so that editing, deleting or reordering
//! a past entry is detected by `verify`. hash_n = SHA-256(hash_{n-1} ‖ canonical(entry_n)).

use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::{Any, Row, Transaction};

use super::Db;
use crate::error::Result;

/// Who is acting, carried from the CLI or the web session into every change.
#[derive(Clone, Debug)]
pub struct Actor {
    pub name: String,
    pub role: String,
    pub ip: String,
}

impl Actor {
    pub fn cli() -> Actor {
        let user = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
        Actor { name: format!("cli:{user}"), role: "system".into(), ip: String::new() }
    }
    pub fn system() -> Actor {
        Actor { name: "system".into(), role: "system".into(), ip: String::new() }
    }
}

pub struct NewEntry<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: String,
    pub enterprise_id: Option<i64>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Appends entries inside the caller's transaction; `finish` moves the chain head.
/// Reading the head row first holds the write lock on it (SQLite: the transaction
/// already holds the database write lock; PostgreSQL: `FOR UPDATE`), so concurrent
/// appenders queue and the chain stays linear.
pub struct AuditWriter {
    seq: i64,
    hash: String,
    at: String,
    actor: Actor,
    /// The database, when its head is witnessed (after the batch commits).
    witnessed: Option<Db>,
}

const AUDIT_COLUMNS: [&str; 13] = [
    "seq", "at", "actor", "role", "ip", "action", "entity", "entity_id", "enterprise_id", "before_json", "after_json", "prev_hash", "hash",
];

fn canonical(seq: i64, at: &str, actor: &Actor, e: &NewEntry) -> String {
    serde_json::json!([
        seq, at, actor.name, actor.role, actor.ip, e.action, e.entity, e.entity_id,
        e.enterprise_id, e.before, e.after
    ])
    .to_string()
}

fn chain(prev: &str, canonical: &str) -> String {
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(b"\n");
    h.update(canonical.as_bytes());
    hex::encode(h.finalize())
}

impl AuditWriter {
    pub async fn start(db: &Db, tx: &mut Transaction<'static, Any>, actor: &Actor) -> Result<AuditWriter> {
        let sql = match db.backend {
            super::Backend::Postgres => "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE",
            super::Backend::Sqlite => "SELECT seq, hash FROM audit_head WHERE id = 1",
        };
        let row = sqlx::query(sql).fetch_one(&mut **tx).await?;
        let witnessed = db.witness.is_some().then(|| db.clone());
        Ok(AuditWriter { seq: row.try_get(0)?, hash: row.try_get(1)?, at: super::now(), actor: actor.clone(), witnessed })
    }

    pub async fn append(&mut self, tx: &mut Transaction<'static, Any>, e: NewEntry<'_>) -> Result<i64> {
        self.append_many(tx, vec![e]).await?;
        Ok(self.seq)
    }

    /// Append several entries with multi-row INSERTs (bulk imports).
    pub async fn append_many(&mut self, tx: &mut Transaction<'static, Any>, entries: Vec<NewEntry<'_>>) -> Result<()> {
        use super::batch::{insert_rows, Value};
        let mut rows = Vec::with_capacity(entries.len());
        for e in entries {
            self.seq += 1;
            let hash = chain(&self.hash, &canonical(self.seq, &self.at, &self.actor, &e));
            rows.push(vec![
                Value::from(self.seq),
                (&self.at).into(),
                (&self.actor.name).into(),
                (&self.actor.role).into(),
                (&self.actor.ip).into(),
                e.action.into(),
                e.entity.into(),
                (&e.entity_id).into(),
                e.enterprise_id.into(),
                Value::OptText(e.before.map(|v| v.to_string())),
                Value::OptText(e.after.map(|v| v.to_string())),
                (&self.hash).into(),
                (&hash).into(),
            ]);
            self.hash = hash;
        }
        insert_rows(tx, "audit_log", &AUDIT_COLUMNS, &rows, None).await?;
        Ok(())
    }

    pub async fn finish(self, tx: &mut Transaction<'static, Any>) -> Result<()> {
        sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
            .bind(self.seq)
            .bind(&self.hash)
            .execute(&mut **tx)
            .await?;
        if let Some(db) = &self.witnessed {
            super::witness::witness_soon(db, self.seq);
        }
        Ok(())
    }
}

/// Append one entry in its own transaction (logins, exports, failed access).
pub async fn record(db: &Db, actor: &Actor, entry: NewEntry<'_>) -> Result<i64> {
    let mut tx = db.begin().await?;
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    let seq = w.append(&mut tx, entry).await?;
    w.witnessed = None; // witnessed right after the commit below instead
    w.finish(&mut tx).await?;
    tx.commit().await?;
    if let Some(witness) = &db.witness {
        if let Err(e) = witness.catch_up(db).await {
            tracing::error!(error = %e, "could not witness the audit head");
        }
    }
    Ok(seq)
}

#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Intact { entries: i64 },
    /// The first entry whose stored content or link does not match the chain.
    Broken { seq: i64, reason: String },
}

/// An entry as stored (in the database or in an exported copy).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct StoredEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub role: String,
    pub ip: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub enterprise_id: Option<i64>,
    /// JSON text exactly as stored.
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl StoredEntry {
    fn from_row(row: &sqlx::any::AnyRow) -> Result<StoredEntry> {
        Ok(StoredEntry {
            seq: row.try_get(0)?,
            at: row.try_get(1)?,
            actor: row.try_get(2)?,
            role: row.try_get(3)?,
            ip: row.try_get(4)?,
            action: row.try_get(5)?,
            entity: row.try_get(6)?,
            entity_id: row.try_get(7)?,
            enterprise_id: row.try_get(8)?,
            before_json: row.try_get(9)?,
            after_json: row.try_get(10)?,
            prev_hash: row.try_get(11)?,
            hash: row.try_get(12)?,
        })
    }

    fn recomputed_hash(&self, prev: &str) -> String {
        let parse = |s: &Option<String>| s.as_ref().map(|t| serde_json::from_str(t).unwrap_or(Value::String(t.clone())));
        let actor = Actor { name: self.actor.clone(), role: self.role.clone(), ip: self.ip.clone() };
        let entry = NewEntry {
            action: &self.action,
            entity: &self.entity,
            entity_id: self.entity_id.clone(),
            enterprise_id: self.enterprise_id,
            before: parse(&self.before_json),
            after: parse(&self.after_json),
        };
        chain(prev, &canonical(self.seq, &self.at, &actor, &entry))
    }
}

/// Walks a chain entry by entry; the first entry that does not fit is reported.
struct ChainCheck {
    prev: String,
    count: i64,
}

impl ChainCheck {
    fn new() -> ChainCheck {
        ChainCheck { prev: "0".repeat(64), count: 0 }
    }

    fn push(&mut self, e: &StoredEntry) -> Option<Verdict> {
        let expected_seq = self.count + 1;
        if e.seq != expected_seq {
            return Some(Verdict::Broken { seq: e.seq, reason: format!("entry {expected_seq} is missing (found {} next)", e.seq) });
        }
        if e.prev_hash != self.prev {
            return Some(Verdict::Broken { seq: e.seq, reason: "link to the previous entry does not match (entry removed or reordered)".into() });
        }
        let hash = e.recomputed_hash(&self.prev);
        if hash != e.hash {
            return Some(Verdict::Broken { seq: e.seq, reason: "content does not match its hash (entry edited)".into() });
        }
        self.prev = hash;
        self.count += 1;
        None
    }

    fn finish(self, head_seq: i64, head_hash: &str) -> Verdict {
        if head_seq != self.count || head_hash != self.prev {
            return Verdict::Broken {
                seq: self.count + 1,
                reason: format!("the chain ends at entry {} but its head records entry {head_seq} (latest entries removed)", self.count),
            };
        }
        Verdict::Intact { entries: self.count }
    }
}

const SELECT_ENTRIES: &str = "SELECT seq, at, actor, role, ip, action, entity, entity_id, enterprise_id, before_json, after_json, prev_hash, hash
     FROM audit_log ORDER BY seq";

async fn head(db: &Db) -> Result<(i64, String)> {
    let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(&db.pool).await?;
    Ok((head.try_get(0)?, head.try_get(1)?))
}

/// Recompute the whole chain from the first entry; also checks the head and gaps.
pub async fn verify(db: &Db) -> Result<Verdict> {
    use futures_util::TryStreamExt;
    let mut check = ChainCheck::new();
    let mut rows = sqlx::query(SELECT_ENTRIES).fetch(&db.pool);
    while let Some(row) = rows.try_next().await? {
        if let Some(broken) = check.push(&StoredEntry::from_row(&row)?) {
            return Ok(broken);
        }
    }
    drop(rows);
    let (head_seq, head_hash) = head(db).await?;
    let verdict = check.finish(head_seq, &head_hash);
    // A consistent chain may still have been cut short: the witness outside the database says.
    if let (Verdict::Intact { .. }, Some(w)) = (&verdict, &db.witness) {
        if let Some(broken) = super::witness::check(db, w.path()).await? {
            return Ok(broken);
        }
    }
    Ok(verdict)
}

/// The last line of an exported copy: the chain head when it was written.
#[derive(serde::Serialize, serde::Deserialize)]
struct ExportHead {
    lantian_audit_head: i64,
    hash: String,
    exported_at: String,
}

/// Write the whole log as JSON Lines (one stored entry per line, then the head), a copy
/// that `verify_file` checks without the database. Entries are read in one transaction
/// so the copy is consistent even while the platform keeps writing.
pub async fn export(db: &Db, out: &std::path::Path) -> Result<i64> {
    use futures_util::TryStreamExt;
    use std::io::Write;
    let mut file = std::io::BufWriter::new(std::fs::File::create(out)?);
    let mut tx = db.pool.begin().await?;
    let head_row = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(&mut *tx).await?;
    let (head_seq, head_hash): (i64, String) = (head_row.try_get(0)?, head_row.try_get(1)?);
    let sql = format!("{} LIMIT {head_seq}", SELECT_ENTRIES.replace("ORDER BY seq", "WHERE seq <= $1 ORDER BY seq"));
    let mut rows = sqlx::query(&sql).bind(head_seq).fetch(&mut *tx);
    let mut n = 0;
    while let Some(row) = rows.try_next().await? {
        serde_json::to_writer(&mut file, &StoredEntry::from_row(&row)?).map_err(|e| crate::Error::other(e))?;
        file.write_all(b"\n")?;
        n += 1;
    }
    drop(rows);
    tx.commit().await?;
    let head = ExportHead { lantian_audit_head: head_seq, hash: head_hash, exported_at: super::now() };
    serde_json::to_writer(&mut file, &head).map_err(|e| crate::Error::other(e))?;
    file.write_all(b"\n")?;
    file.flush()?;
    Ok(n)
}

/// Check an exported copy: the same chain rules as `verify`, the head being its last line.
pub fn verify_file(path: &std::path::Path) -> Result<Verdict> {
    use std::io::BufRead;
    let reader = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut check = ChainCheck::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line?;
        if let Ok(head) = serde_json::from_str::<ExportHead>(&line) {
            return Ok(check.finish(head.lantian_audit_head, &head.hash));
        }
        let entry: StoredEntry = serde_json::from_str(&line)
            .map_err(|e| crate::Error::Invalid(crate::i18n::catalogue::cli::not_audit_entry(path.display().to_string(), i + 1, e.to_string())))?;
        if let Some(broken) = check.push(&entry) {
            return Ok(broken);
        }
    }
    Ok(Verdict::Broken { seq: check.count + 1, reason: "the copy ends without its head line (truncated)".into() })
}

/// The latest entries, newest first (the administrator's page).
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<StoredEntry>> {
    page(db, 0, limit).await
}

/// One page of entries, newest first: `limit` entries after skipping the `offset` newest.
pub async fn page(db: &Db, offset: u64, limit: i64) -> Result<Vec<StoredEntry>> {
    let sql = format!("{} DESC LIMIT {} OFFSET {}", SELECT_ENTRIES, limit.clamp(1, 10_000), offset.min(i64::MAX as u64));
    sqlx::query(&sql).fetch_all(&db.pool).await?.iter().map(StoredEntry::from_row).collect()
}

/// How many entries the log holds (the chain head's sequence number: entries are numbered
/// from 1 without gaps, which `verify` checks).
pub async fn count(db: &Db) -> Result<i64> {
    Ok(sqlx::query("SELECT CAST(COALESCE(MAX(seq), 0) AS BIGINT) FROM audit_log").fetch_one(&db.pool).await?.try_get(0)?)
}
