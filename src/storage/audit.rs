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
        Ok(AuditWriter { seq: row.try_get(0)?, hash: row.try_get(1)?, at: super::now(), actor: actor.clone() })
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
        Ok(())
    }
}

/// Append one entry in its own transaction (logins, exports, failed access).
pub async fn record(db: &Db, actor: &Actor, entry: NewEntry<'_>) -> Result<i64> {
    let mut tx = db.begin().await?;
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    let seq = w.append(&mut tx, entry).await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(seq)
}

#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Intact { entries: i64 },
    /// The first entry whose stored content or link does not match the chain.
    Broken { seq: i64, reason: String },
}

/// Recompute the whole chain from the first entry; also checks the head and gaps.
pub async fn verify(db: &Db) -> Result<Verdict> {
    use futures_util::TryStreamExt;
    let mut rows = sqlx::query(
        "SELECT seq, at, actor, role, ip, action, entity, entity_id, enterprise_id, before_json, after_json, prev_hash, hash
         FROM audit_log ORDER BY seq",
    )
    .fetch(&db.pool);
    let mut prev = "0".repeat(64);
    let mut expected_seq = 1i64;
    let mut count = 0;
    while let Some(row) = rows.try_next().await? {
        let seq: i64 = row.try_get(0)?;
        let parse = |s: Option<String>| s.map(|t| serde_json::from_str(&t).unwrap_or(Value::String(t)));
        let actor = Actor { name: row.try_get(2)?, role: row.try_get(3)?, ip: row.try_get(4)? };
        let action: String = row.try_get(5)?;
        let entity: String = row.try_get(6)?;
        let entry = NewEntry {
            action: &action,
            entity: &entity,
            entity_id: row.try_get(7)?,
            enterprise_id: row.try_get(8)?,
            before: parse(row.try_get(9)?),
            after: parse(row.try_get(10)?),
        };
        let at: String = row.try_get(1)?;
        let stored_prev: String = row.try_get(11)?;
        let stored_hash: String = row.try_get(12)?;
        if seq != expected_seq {
            return Ok(Verdict::Broken { seq, reason: format!("entry {expected_seq} is missing (found {seq} next)") });
        }
        if stored_prev != prev {
            return Ok(Verdict::Broken { seq, reason: "link to the previous entry does not match (entry removed or reordered)".into() });
        }
        let hash = chain(&prev, &canonical(seq, &at, &actor, &entry));
        if hash != stored_hash {
            return Ok(Verdict::Broken { seq, reason: "content does not match its hash (entry edited)".into() });
        }
        prev = hash;
        expected_seq += 1;
        count += 1;
    }
    drop(rows);
    let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(&db.pool).await?;
    let (head_seq, head_hash): (i64, String) = (head.try_get(0)?, head.try_get(1)?);
    if head_seq != count || head_hash != prev {
        return Ok(Verdict::Broken {
            seq: count + 1,
            reason: format!("the chain ends at entry {count} but its head records entry {head_seq} (latest entries removed)"),
        });
    }
    Ok(Verdict::Intact { entries: count })
}
