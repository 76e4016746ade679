//! Data marks (数据标记, migration 0008): stored with their proof file and an audit entry in one
//! transaction; withdrawn (audited), never edited. Every call takes the viewer's `Scope`: an
//! outlet outside it answers exactly like a missing one.

use sha2::{Digest, Sha256};
use sqlx::Row;

use super::audit::{Actor, AuditWriter, NewEntry};
use super::Db;
use crate::auth::Scope;
use crate::error::{Error, Result};
use crate::monitoring::marks::{self, NewMark};
use crate::monitoring::rules::MARKS;

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Mark {
    pub id: i64,
    pub credit_code: String,
    pub outlet_code: String,
    pub kind: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub reason: String,
    pub proof_name: Option<String>,
    pub proof_type: Option<String>,
    pub proof_sha256: Option<String>,
    pub entered_by: String,
    pub entered_role: String,
    pub entered_at: String,
    pub withdrawn_at: Option<String>,
    pub withdrawn_by: Option<String>,
    pub withdraw_reason: Option<String>,
}

impl Mark {
    pub fn active(&self) -> bool {
        self.withdrawn_at.is_none()
    }
    /// The mark type's label in the chosen language.
    pub fn kind_label(&self, zh: bool) -> String {
        match MARKS.find(&self.kind) {
            Some(t) => if zh { t.zh.clone() } else { t.en.clone() },
            None => self.kind.clone(),
        }
    }
}

fn not_found(credit_code: &str, outlet_code: &str) -> Error {
    Error::NotFound(crate::i18n::catalogue::monitoring::no_outlet(credit_code, outlet_code))
}

/// The enterprise id of an outlet inside the scope.
pub async fn outlet_in_scope(db: &Db, scope: &Scope, credit_code: &str, outlet_code: &str) -> Result<i64> {
    let row = sqlx::query(
        "SELECT e.id, e.division_code FROM outlets o JOIN enterprises e ON e.id = o.enterprise_id WHERE e.credit_code = $1 AND o.code = $2",
    )
    .bind(credit_code)
    .bind(outlet_code)
    .fetch_optional(&db.pool)
    .await?;
    match row {
        Some(r) if scope.admits(&r.try_get::<String, _>(1)?, credit_code) => Ok(r.try_get(0)?),
        _ => Err(not_found(credit_code, outlet_code)),
    }
}

/// Store a mark entered at `now` (Unix seconds). Refused (nothing written) when the outlet is
/// outside the scope or the mark fails `monitoring::marks::check`.
pub async fn add(db: &Db, actor: &Actor, scope: &Scope, credit_code: &str, outlet_code: &str, mark: NewMark, now: i64) -> Result<i64> {
    let enterprise_id = outlet_in_scope(db, scope, credit_code, outlet_code).await?;
    let kind = marks::check(&MARKS, &mark, now).map_err(|problems| {
        Error::Invalid(crate::i18n::catalogue::monitoring::mark_refused(crate::i18n::Arg::both(problems.iter().map(|p| p.zh()).collect::<Vec<_>>().join("；"), problems.iter().map(|p| p.en()).collect::<Vec<_>>().join("; "))))
    })?;
    let (proof_name, proof_type, proof_sha) = match &mark.proof {
        Some(p) => (Some(p.name.clone()), marks::sniff_proof(&p.content).map(str::to_string), Some(hex::encode(Sha256::digest(&p.content)))),
        None => (None, None, None),
    };
    let mut tx = db.begin().await?;
    let row = sqlx::query(
        "INSERT INTO monitoring_marks (credit_code, outlet_code, kind, starts_at, ends_at, reason, proof_name, proof_type, proof_sha256,
           entered_by, entered_role, entered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(credit_code)
    .bind(outlet_code)
    .bind(&kind)
    .bind(mark.starts_at)
    .bind(mark.ends_at)
    .bind(mark.reason.trim())
    .bind(proof_name.as_deref())
    .bind(proof_type.as_deref())
    .bind(proof_sha.as_deref())
    .bind(&actor.name)
    .bind(&actor.role)
    .bind(super::now())
    .fetch_one(&mut *tx)
    .await?;
    let id: i64 = row.try_get(0)?;
    if let Some(p) = &mark.proof {
        sqlx::query("INSERT INTO monitoring_mark_proofs (mark_id, content) VALUES ($1, $2)").bind(id).bind(p.content.clone()).execute(&mut *tx).await?;
    }
    // Marked data is not judged: the days it covers are judged again.
    super::enforcement::mark_dirty(&mut tx, credit_code, outlet_code, &days_of(mark.starts_at, mark.ends_at)).await?;
    let mut audit = AuditWriter::start(db, &mut tx, actor).await?;
    audit
        .append(
            &mut tx,
            NewEntry {
                action: "mark_add",
                entity: "monitoring_mark",
                entity_id: id.to_string(),
                enterprise_id: Some(enterprise_id),
                before: None,
                after: Some(serde_json::json!({
                    "outlet": format!("{credit_code}/{outlet_code}"), "kind": kind, "starts_at": mark.starts_at, "ends_at": mark.ends_at,
                    "reason": mark.reason.trim(), "proof_name": proof_name, "proof_sha256": proof_sha,
                })),
            },
        )
        .await?;
    audit.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(id)
}

const COLUMNS: &str = "id, credit_code, outlet_code, kind, starts_at, ends_at, reason, proof_name, proof_type, proof_sha256, entered_by,
    entered_role, entered_at, withdrawn_at, withdrawn_by, withdraw_reason";

fn mark_of(r: &sqlx::any::AnyRow) -> Result<Mark> {
    Ok(Mark {
        id: r.try_get(0)?,
        credit_code: r.try_get(1)?,
        outlet_code: r.try_get(2)?,
        kind: r.try_get(3)?,
        starts_at: r.try_get(4)?,
        ends_at: r.try_get(5)?,
        reason: r.try_get(6)?,
        proof_name: r.try_get(7)?,
        proof_type: r.try_get(8)?,
        proof_sha256: r.try_get(9)?,
        entered_by: r.try_get(10)?,
        entered_role: r.try_get(11)?,
        entered_at: r.try_get(12)?,
        withdrawn_at: r.try_get(13)?,
        withdrawn_by: r.try_get(14)?,
        withdraw_reason: r.try_get(15)?,
    })
}

/// The Beijing days `[from, to)` touches (bounded: a mark longer than a year re-judges its last year).
fn days_of(from: i64, to: i64) -> std::collections::BTreeSet<i64> {
    use crate::monitoring::clock::day_start;
    let last = day_start(to.max(from + 1) - 1);
    let first = day_start(from).max(last - 366 * 86_400);
    (first..=last).step_by(86_400).collect()
}

/// The marks of an outlet overlapping `[from, to)` (withdrawn ones too, flagged), by start.
pub async fn list(db: &Db, scope: &Scope, credit_code: &str, outlet_code: &str, from: i64, to: i64) -> Result<Vec<Mark>> {
    outlet_in_scope(db, scope, credit_code, outlet_code).await?;
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM monitoring_marks WHERE credit_code = $1 AND outlet_code = $2 AND starts_at < $3 AND ends_at > $4 ORDER BY starts_at, id"
    ))
    .bind(credit_code)
    .bind(outlet_code)
    .bind(to)
    .bind(from)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(mark_of).collect()
}

/// One mark, if it exists and its outlet is in the scope.
pub async fn get(db: &Db, scope: &Scope, id: i64) -> Result<Mark> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM monitoring_marks WHERE id = $1")).bind(id).fetch_optional(&db.pool).await?;
    let missing = || Error::NotFound(crate::i18n::catalogue::monitoring::mark_not_found(id));
    let mark = mark_of(&row.ok_or_else(missing)?)?;
    outlet_in_scope(db, scope, &mark.credit_code, &mark.outlet_code).await.map_err(|_| missing())?;
    Ok(mark)
}

/// The proof file of a mark: (name, media type, content).
pub async fn proof(db: &Db, scope: &Scope, id: i64) -> Result<Option<(String, String, Vec<u8>)>> {
    let mark = get(db, scope, id).await?;
    let row = sqlx::query("SELECT content FROM monitoring_mark_proofs WHERE mark_id = $1").bind(id).fetch_optional(&db.pool).await?;
    Ok(match (row, mark.proof_name, mark.proof_type) {
        (Some(r), Some(name), Some(kind)) => Some((name, kind, r.try_get(0)?)),
        _ => None,
    })
}

/// Withdraw a mark (audited). A withdrawn mark stays stored and shown as withdrawn.
pub async fn withdraw(db: &Db, actor: &Actor, scope: &Scope, id: i64, reason: &str) -> Result<()> {
    let mark = get(db, scope, id).await?;
    if !mark.active() {
        return Err(Error::Conflict(crate::i18n::catalogue::monitoring::mark_withdrawn(id)));
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Invalid(crate::i18n::catalogue::monitoring::withdraw_reason()));
    }
    let enterprise_id = outlet_in_scope(db, scope, &mark.credit_code, &mark.outlet_code).await?;
    let mut tx = db.begin().await?;
    let at = super::now();
    let done = sqlx::query("UPDATE monitoring_marks SET withdrawn_at = $1, withdrawn_by = $2, withdraw_reason = $3 WHERE id = $4 AND withdrawn_at IS NULL")
        .bind(&at)
        .bind(&actor.name)
        .bind(reason)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    super::enforcement::mark_dirty(&mut tx, &mark.credit_code, &mark.outlet_code, &days_of(mark.starts_at, mark.ends_at)).await?;
    if done.rows_affected() != 1 {
        return Err(Error::Conflict(crate::i18n::catalogue::monitoring::mark_withdrawn(id)));
    }
    let mut audit = AuditWriter::start(db, &mut tx, actor).await?;
    audit
        .append(
            &mut tx,
            NewEntry {
                action: "mark_withdraw",
                entity: "monitoring_mark",
                entity_id: id.to_string(),
                enterprise_id: Some(enterprise_id),
                before: Some(serde_json::json!({ "withdrawn_at": null })),
                after: Some(serde_json::json!({ "withdrawn_at": at, "reason": reason })),
            },
        )
        .await?;
    audit.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}
