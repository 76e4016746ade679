//! Submissions from enterprise accounts: stored as proposals, listed by jurisdiction for
//! review, and accepted (applied in the same transaction) or returned with a reason.
//! Every submission and decision is in the audit log.

use crate::i18n::catalogue::submissions as msg;
use serde_json::json;
use sqlx::Row;

use super::audit::{self, NewEntry};
use super::Db;
use crate::auth::{Scope, Viewer};
use crate::error::{Error, Result};
use crate::ledger::model::EnterpriseBundle;
use crate::ledger::ListFilter;
use crate::submissions::{self, diff, Decision, Kind, State, Submission};

const COLUMNS: &str = "id, kind, target, credit_code, enterprise_name, division_code, payload_json, changes_json, state, reason, \
    submitted_by, submitted_at, decided_by, decided_at";

fn submission_of(r: &sqlx::any::AnyRow) -> Result<Submission> {
    let kind: String = r.try_get(1)?;
    let state: String = r.try_get(8)?;
    let id: i64 = r.try_get(0)?;
    Ok(Submission {
        id,
        kind: Kind::parse(&kind).ok_or_else(|| Error::other(format!("submission {id}: unknown kind {kind}")))?,
        target: r.try_get(2)?,
        credit_code: r.try_get(3)?,
        enterprise_name: r.try_get(4)?,
        division_code: r.try_get(5)?,
        payload: serde_json::from_str(&r.try_get::<String, _>(6)?).unwrap_or_default(),
        changes: serde_json::from_str(&r.try_get::<String, _>(7)?).unwrap_or_default(),
        state: State::parse(&state).ok_or_else(|| Error::other(format!("submission {id}: unknown state {state}")))?,
        reason: r.try_get(9)?,
        submitted_by: r.try_get(10)?,
        submitted_at: r.try_get(11)?,
        decided_by: r.try_get(12)?,
        decided_at: r.try_get(13)?,
    })
}

/// The enterprise's record as the ledger holds it now.
pub async fn current_bundle(db: &Db, credit_code: &str) -> Result<Option<EnterpriseBundle>> {
    Ok(super::ledger::export(db, &Scope::Enterprise(credit_code.to_string()), &ListFilter::default()).await?.into_iter().next())
}

/// What the enterprise sees when its proposal cannot be taken.
fn refused(r: submissions::Refusal) -> Error {
    Error::Invalid(r)
}

struct NewSubmission<'a> {
    kind: Kind,
    target: String,
    credit_code: &'a str,
    enterprise_name: &'a str,
    division_code: &'a str,
    payload: serde_json::Value,
    changes: Vec<diff::FieldChange>,
}

async fn insert(db: &Db, viewer: &Viewer, s: NewSubmission<'_>) -> Result<i64> {
    let mut tx = db.begin().await?;
    let pending = sqlx::query("SELECT id FROM submissions WHERE kind = $1 AND target = $2 AND state = 'pending'")
        .bind(s.kind.code())
        .bind(&s.target)
        .fetch_optional(&mut *tx)
        .await?;
    if let Some(p) = pending {
        let id: i64 = p.try_get(0)?;
        return Err(Error::Conflict(msg::still_pending(id)));
    }
    let now = super::now();
    let id: i64 = sqlx::query(
        "INSERT INTO submissions (kind, target, credit_code, enterprise_name, division_code, payload_json, changes_json, state, submitted_by, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9) RETURNING id",
    )
    .bind(s.kind.code())
    .bind(&s.target)
    .bind(s.credit_code)
    .bind(s.enterprise_name)
    .bind(s.division_code)
    .bind(s.payload.to_string())
    .bind(serde_json::to_string(&s.changes).unwrap_or_else(|_| "[]".into()))
    .bind(&viewer.username)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    let enterprise_id = super::ledger::enterprise_id_by_code(db, s.credit_code).await?;
    let mut w = audit::AuditWriter::start(db, &mut tx, &viewer.actor()).await?;
    w.append(
        &mut tx,
        NewEntry {
            action: "submission",
            entity: "submission",
            entity_id: id.to_string(),
            enterprise_id,
            before: None,
            after: Some(json!({ "kind": s.kind.code(), "target": s.target, "changes": s.changes.len() })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(id)
}

/// An enterprise proposes a new version of its own ledger record (already parsed and
/// checked like any import). Nothing in the ledger changes until a bureau accepts it.
pub async fn submit_ledger_update(db: &Db, viewer: &Viewer, proposed: &EnterpriseBundle) -> Result<i64> {
    let code = &proposed.enterprise.credit_code;
    if !viewer.scope.admits(&proposed.enterprise.division_code, code) {
        return Err(Error::Invalid(msg::only_own(code)));
    }
    let current = current_bundle(db, code).await?.ok_or_else(|| Error::NotFound(msg::enterprise_not_found(code)))?;
    let changes = diff::diff(&current, proposed);
    if changes.is_empty() {
        return Err(Error::Invalid(msg::unchanged()));
    }
    insert(
        db,
        viewer,
        NewSubmission {
            kind: Kind::LedgerUpdate,
            target: code.clone(),
            credit_code: code,
            enterprise_name: &current.enterprise.name,
            division_code: &current.enterprise.division_code,
            payload: json!(proposed),
            changes,
        },
    )
    .await
}

/// An enterprise answers a notice in its exit case (it must have been notified, and the
/// case not yet published). The answer is visible to the bureau on the case page at once
/// and enters the case record when a reviewer accepts it.
pub async fn submit_case_answer(db: &Db, viewer: &Viewer, case_id: i64, text: &str) -> Result<i64> {
    let case = super::cases::get(db, &viewer.scope, case_id).await?;
    let text = submissions::check_answer(text).map_err(refused)?;
    match case.state.as_str() {
        "identified" => return Err(Error::Invalid(msg::not_notified())),
        "published" => return Err(Error::Invalid(msg::case_closed())),
        _ => {}
    }
    insert(
        db,
        viewer,
        NewSubmission {
            kind: Kind::CaseAnswer,
            target: case_id.to_string(),
            credit_code: &case.credit_code,
            enterprise_name: &case.enterprise_name,
            division_code: &case.division_code,
            payload: json!({ "text": text, "state": case.state }),
            changes: Vec::new(),
        },
    )
    .await
}

/// Answers submitted in one case (the case page shows them to the bureau).
pub async fn for_case(db: &Db, case_id: i64) -> Result<Vec<Submission>> {
    let sql = format!("SELECT {COLUMNS} FROM submissions e WHERE e.kind = 'case_answer' AND e.target = $1 ORDER BY e.id");
    sqlx::query(&sql).bind(case_id.to_string()).fetch_all(&db.pool).await?.iter().map(submission_of).collect()
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct SubmissionFilter {
    /// pending | accepted | returned; none: all.
    pub state: Option<String>,
    pub kind: Option<String>,
}

/// Submissions inside the scope (for an enterprise: its own), pending first, newest first.
pub async fn list(db: &Db, scope: &Scope, filter: &SubmissionFilter) -> Result<Vec<Submission>> {
    let (within, mut binds) = scope.where_clause(1);
    let mut sql = format!("SELECT {COLUMNS} FROM submissions e WHERE {within}");
    if let Some(s) = filter.state.as_deref().and_then(State::parse) {
        binds.push(s.code().into());
        sql.push_str(&format!(" AND e.state = ${}", binds.len()));
    }
    if let Some(k) = filter.kind.as_deref().and_then(Kind::parse) {
        binds.push(k.code().into());
        sql.push_str(&format!(" AND e.kind = ${}", binds.len()));
    }
    sql.push_str(" ORDER BY CASE WHEN e.state = 'pending' THEN 0 ELSE 1 END, e.id DESC LIMIT 500");
    let mut q = sqlx::query(&sql);
    for b in &binds {
        q = q.bind(b);
    }
    q.fetch_all(&db.pool).await?.iter().map(submission_of).collect()
}

/// One submission inside the scope (outside it: NotFound, as if it did not exist).
pub async fn get(db: &Db, scope: &Scope, id: i64) -> Result<Submission> {
    let (within, binds) = scope.where_clause(2);
    let sql = format!("SELECT {COLUMNS} FROM submissions e WHERE e.id = $1 AND {within}");
    let mut q = sqlx::query(&sql).bind(id);
    for b in &binds {
        q = q.bind(b);
    }
    submission_of(&q.fetch_optional(&db.pool).await?.ok_or_else(|| Error::NotFound(msg::not_found(id)))?)
}

pub async fn exists(db: &Db, id: i64) -> Result<bool> {
    Ok(sqlx::query("SELECT 1 FROM submissions WHERE id = $1").bind(id).fetch_optional(&db.pool).await?.is_some())
}

/// The changes a submission would make to the record as it is now (the record may have
/// changed since it was submitted).
pub async fn changes_now(db: &Db, s: &Submission) -> Result<Vec<diff::FieldChange>> {
    match s.kind {
        Kind::LedgerUpdate => {
            let proposed: EnterpriseBundle =
                serde_json::from_value(s.payload.clone()).map_err(|e| Error::other(format!("submission {}: stored payload: {e}", s.id)))?;
            Ok(match current_bundle(db, &s.credit_code).await? {
                Some(current) => diff::diff(&current, &proposed),
                None => s.changes.clone(),
            })
        }
        Kind::CaseAnswer => Ok(s.changes.clone()),
    }
}

/// Accept (apply) or return a submission: the reviewer must have the record in scope (for
/// a ledger change: where it is now and where it would move); the state changes from
/// pending exactly once, and the change, the decision and their audit entries commit
/// together or not at all.
pub async fn decide(db: &Db, viewer: &Viewer, id: i64, decision: Decision) -> Result<Submission> {
    let s = get(db, &viewer.scope, id).await?;
    let next = submissions::decide(s.state, &decision).map_err(|r| match s.state {
        State::Pending => refused(r),
        _ => Error::Conflict(r),
    })?;
    let enterprise_id = super::ledger::enterprise_id_by_code(db, &s.credit_code).await?;
    let mut tx = db.begin().await?;
    let now = super::now();
    let reason = match &decision {
        Decision::Return { reason } => reason.trim().to_string(),
        Decision::Accept => String::new(),
    };
    // Only one decision wins, even when two reviewers press at the same moment.
    let taken = sqlx::query("UPDATE submissions SET state = $1, reason = $2, decided_by = $3, decided_at = $4 WHERE id = $5 AND state = 'pending'")
        .bind(next.code())
        .bind(&reason)
        .bind(&viewer.username)
        .bind(&now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if taken.rows_affected() != 1 {
        return Err(Error::Conflict(msg::decided_meanwhile(id)));
    }
    let mut w = audit::AuditWriter::start(db, &mut tx, &viewer.actor()).await?;
    if next == State::Accepted {
        match s.kind {
            Kind::LedgerUpdate => {
                let proposed: EnterpriseBundle =
                    serde_json::from_value(s.payload.clone()).map_err(|e| Error::other(format!("submission {id}: stored payload: {e}")))?;
                let current = sqlx::query("SELECT id, division_code FROM enterprises WHERE credit_code = $1")
                    .bind(&s.credit_code)
                    .fetch_optional(&mut *tx)
                    .await?
                    .ok_or_else(|| Error::Conflict(msg::enterprise_gone(&s.credit_code)))?;
                let (eid, division): (i64, String) = (current.try_get(0)?, current.try_get(1)?);
                let proposed_division = &proposed.enterprise.division_code;
                if !viewer.scope.admits(&division, &s.credit_code) || !viewer.scope.admits(proposed_division, &s.credit_code) {
                    return Err(Error::Invalid(msg::division_outside(proposed_division)));
                }
                let known = sqlx::query("SELECT 1 FROM divisions WHERE code = $1").bind(proposed_division).fetch_optional(&mut *tx).await?;
                if known.is_none() {
                    return Err(Error::Invalid(msg::division_unknown(proposed_division)));
                }
                super::ledger::replace_in_tx(&mut tx, &mut w, &proposed, eid, json!({ "submission": id, "submitted_by": s.submitted_by })).await?;
            }
            Kind::CaseAnswer => {
                let case_id: i64 = s.target.parse().map_err(|_| Error::other(format!("submission {id}: case target {}", s.target)))?;
                super::cases::record_answer_in_tx(&mut tx, case_id, &s, &viewer.username).await?;
            }
        }
    }
    w.append(
        &mut tx,
        NewEntry {
            action: if next == State::Accepted { "submission_accept" } else { "submission_return" },
            entity: "submission",
            entity_id: id.to_string(),
            enterprise_id,
            before: Some(json!({ "state": s.state.code() })),
            after: Some(json!({ "state": next.code(), "reason": reason })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    db.counts.invalidate();
    get(db, &Scope::All, id).await
}
