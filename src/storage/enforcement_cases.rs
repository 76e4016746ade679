//! Lead decisions and enforcement cases (migration 0017): an officer verifies or dismisses a lead
//! (线索) with a reason; a verified lead opens a case on its enterprise or joins one of its open
//! cases; the case moves by `enforcement::case`; documents are stored once per SHA-256.
//!
//! Every query takes the viewer's [`Scope`]: leads and cases carry their enterprise's division
//! code and are read with alias `e`, so a record outside the scope is not found, exactly like a
//! missing one. Every change is in the audit log in the same transaction; a refused step or
//! decision is checked in full before anything is written, so it writes nothing.

use serde_json::json;
use sqlx::Row;
use time::Date;

use super::audit::{Actor, AuditWriter, NewEntry};
use super::cases::{format_day, parse_day};
use super::float::Float;
use super::Db;
use crate::auth::Scope;
use crate::enforcement::case::{self, Action, CaseFacts, Decision, DecisionKind, Refusal, State, Verdict};
use crate::enforcement::lead::{Lead, LeadStatus};
use crate::error::{Error, Result};
use crate::i18n::catalogue::enforcement_cases as C;

/// Largest document accepted (a scanned decision of a few pages).
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;
/// Kinds of documents a case keeps.
pub const DOCUMENT_KINDS: [&str; 5] = ["notice", "statement", "decision", "rectification", "other"];

const LEAD_COLUMNS: &str = "e.id, e.credit_code, e.outlet_code, e.detector, e.pollutant, e.starts_at, e.ends_at, e.explanation_code, e.explanation_args,
    e.figures, e.division_code, e.industry_code, e.status, e.decided_by, e.decided_at, e.decision_reason, e.case_id, e.detected_at, e.updated_at";

const CASE_COLUMNS: &str = "e.id, e.credit_code, e.enterprise_name, e.division_code, e.industry_code, e.basis, e.state, e.opened_on, e.notice_served_on,
    e.statement_on, e.statement, e.statement_waived, e.decision_kind, e.penalty_yuan, e.rectify_by, e.decided_on, e.rectified_on, e.closed_on,
    e.opened_by, e.opened_at, e.updated_at, (SELECT CAST(COUNT(*) AS BIGINT) FROM enforcement_case_leads k WHERE k.case_id = e.id)";

/// A stored enforcement case.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    pub id: i64,
    pub credit_code: String,
    pub enterprise_name: String,
    pub division_code: String,
    pub industry_code: String,
    pub facts: CaseFacts,
    pub opened_by: String,
    pub opened_at: String,
    pub updated_at: String,
    pub leads: i64,
}

impl Case {
    pub fn state(&self) -> State {
        self.facts.state
    }
    pub fn overdue(&self, today: Date) -> Option<case::Overdue> {
        case::overdue(&self.facts, &case::SETTINGS, today)
    }
}

fn day_of(r: &sqlx::any::AnyRow, i: usize) -> Result<Option<Date>> {
    Ok(r.try_get::<Option<String>, _>(i)?.as_deref().and_then(parse_day))
}

fn case_of(r: &sqlx::any::AnyRow) -> Result<Case> {
    let id: i64 = r.try_get(0)?;
    let state: String = r.try_get(6)?;
    let state = State::parse(&state).ok_or_else(|| Error::other(format!("enforcement case {id}: unknown state {state}")))?;
    let opened_on = day_of(r, 7)?.ok_or_else(|| Error::other(format!("enforcement case {id}: no opening day")))?;
    let decision = match (r.try_get::<Option<String>, _>(12)?.as_deref().and_then(DecisionKind::parse), day_of(r, 14)?, day_of(r, 15)?) {
        (Some(kind), Some(rectify_by), Some(decided_on)) => Some(Decision { kind, penalty_yuan: r.try_get(13)?, rectify_by, decided_on }),
        _ => None,
    };
    Ok(Case {
        id,
        credit_code: r.try_get(1)?,
        enterprise_name: r.try_get(2)?,
        division_code: r.try_get(3)?,
        industry_code: r.try_get(4)?,
        facts: CaseFacts {
            state,
            basis: r.try_get(5)?,
            opened_on,
            notice_served_on: day_of(r, 8)?,
            statement_on: day_of(r, 9)?,
            statement: r.try_get(10)?,
            statement_waived: r.try_get::<i64, _>(11)? != 0,
            decision,
            rectified_on: day_of(r, 16)?,
            closed_on: day_of(r, 17)?,
        },
        opened_by: r.try_get(18)?,
        opened_at: r.try_get(19)?,
        updated_at: r.try_get(20)?,
        leads: r.try_get(21)?,
    })
}

/// One step of a case as recorded.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Event {
    pub id: i64,
    pub action: String,
    pub from_state: String,
    pub to_state: String,
    pub step_on: String,
    pub detail: serde_json::Value,
    pub actor: String,
    pub at: String,
}

/// A document attached to a case.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Document {
    pub id: i64,
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub content_type: String,
    pub size: i64,
    pub actor: String,
    pub at: String,
}

// ----- leads -----

/// What the lead list narrows by (empty: everything in scope).
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct LeadFilter {
    /// A division code: the division and everything below it.
    pub division: Option<String>,
    /// An industry code (GB/T 4754) or its prefix.
    pub industry: Option<String>,
    pub pollutant: Option<String>,
    pub detector: Option<String>,
    /// open | verified | dismissed
    pub status: Option<String>,
    /// Beijing days: leads overlapping `[from, to]`.
    pub from: Option<String>,
    pub to: Option<String>,
    pub credit_code: Option<String>,
}

fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A typed bind value of a built query.
enum Bind {
    Text(String),
    Int(i64),
}

fn bind_all<'q>(mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>, binds: &'q [Bind]) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    for b in binds {
        q = match b {
            Bind::Text(s) => q.bind(s.as_str()),
            Bind::Int(n) => q.bind(*n),
        };
    }
    q
}

/// Escape a prefix for LIKE (`\` escapes).
fn like_prefix(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 1);
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

fn bad_day(field: crate::i18n::Msg, value: &str) -> Error {
    Error::Invalid(C::not_a_date(field, value))
}

/// The WHERE clause of a lead filter within the scope (alias `e`), its binds numbered from 1.
fn lead_where(scope: &Scope, f: &LeadFilter) -> Result<(String, Vec<Bind>)> {
    let (scope_sql, scope_binds) = scope.where_clause(1);
    let mut binds: Vec<Bind> = scope_binds.into_iter().map(Bind::Text).collect();
    let mut conds = vec![scope_sql];
    let next = |binds: &mut Vec<Bind>, b: Bind| {
        binds.push(b);
        binds.len()
    };
    if let Some(d) = nonempty(&f.division) {
        let n = next(&mut binds, Bind::Text(like_prefix(crate::ledger::codes::subtree_prefix(d))));
        conds.push(format!("e.division_code LIKE ${n} ESCAPE '\\'"));
    }
    if let Some(i) = nonempty(&f.industry) {
        let n = next(&mut binds, Bind::Text(like_prefix(i)));
        conds.push(format!("e.industry_code LIKE ${n} ESCAPE '\\'"));
    }
    for (value, column) in [(&f.pollutant, "e.pollutant"), (&f.detector, "e.detector"), (&f.status, "e.status"), (&f.credit_code, "e.credit_code")] {
        if let Some(v) = nonempty(value) {
            let n = next(&mut binds, Bind::Text(v.to_string()));
            conds.push(format!("{column} = ${n}"));
        }
    }
    if let Some(d) = nonempty(&f.from) {
        let day = crate::monitoring::clock::parse_day(d).ok_or_else(|| bad_day(C::field_from(), d))?;
        let n = next(&mut binds, Bind::Int(crate::monitoring::clock::date_start(day)));
        conds.push(format!("e.ends_at > ${n}"));
    }
    if let Some(d) = nonempty(&f.to) {
        let day = crate::monitoring::clock::parse_day(d).ok_or_else(|| bad_day(C::field_to(), d))?;
        let n = next(&mut binds, Bind::Int(crate::monitoring::clock::date_start(day) + 86_400));
        conds.push(format!("e.starts_at < ${n}"));
    }
    Ok((conds.join(" AND "), binds))
}

/// One page of the leads in scope matching the filter, newest first, and how many match.
pub async fn leads(db: &Db, scope: &Scope, f: &LeadFilter, offset: i64, limit: i64) -> Result<(Vec<Lead>, i64)> {
    let (cond, binds) = lead_where(scope, f)?;
    let total: i64 = bind_all(sqlx::query(&format!("SELECT CAST(COUNT(*) AS BIGINT) FROM leads e WHERE {cond}")), &binds).fetch_one(&db.pool).await?.try_get(0)?;
    let sql = format!("SELECT {LEAD_COLUMNS} FROM leads e WHERE {cond} ORDER BY e.starts_at DESC, e.id DESC LIMIT {} OFFSET {}", limit.max(0), offset.max(0));
    let rows = bind_all(sqlx::query(&sql), &binds).fetch_all(&db.pool).await?;
    Ok((rows.iter().map(super::enforcement::lead_of).collect::<Result<_>>()?, total))
}

/// Counts of the matching leads by status and by detector (for the list's figures and chart).
pub async fn lead_counts(db: &Db, scope: &Scope, f: &LeadFilter) -> Result<(Vec<(String, i64)>, Vec<(String, i64)>)> {
    let (cond, binds) = lead_where(scope, f)?;
    let mut out = Vec::new();
    for column in ["e.status", "e.detector"] {
        let sql = format!("SELECT {column}, CAST(COUNT(*) AS BIGINT) FROM leads e WHERE {cond} GROUP BY {column} ORDER BY {column}");
        let rows = bind_all(sqlx::query(&sql), &binds).fetch_all(&db.pool).await?;
        out.push(rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect::<Result<Vec<(String, i64)>>>()?);
    }
    let detectors = out.pop().unwrap_or_default();
    let statuses = out.pop().unwrap_or_default();
    Ok((statuses, detectors))
}

/// One lead, if it is inside the scope.
pub async fn lead(db: &Db, scope: &Scope, id: i64) -> Result<Lead> {
    let (scope_sql, binds) = scope.where_clause(2);
    let sql = format!("SELECT {LEAD_COLUMNS} FROM leads e WHERE e.id = $1 AND {scope_sql}");
    let mut q = sqlx::query(&sql).bind(id);
    for b in binds {
        q = q.bind(b);
    }
    match q.fetch_optional(&db.pool).await? {
        Some(r) => super::enforcement::lead_of(&r),
        None => Err(Error::NotFound(C::lead_not_found(id))),
    }
}

/// Whether a lead with this id exists at all (to audit out-of-scope attempts).
pub async fn lead_exists(db: &Db, id: i64) -> Result<bool> {
    Ok(sqlx::query("SELECT 1 FROM leads WHERE id = $1").bind(id).fetch_optional(&db.pool).await?.is_some())
}

/// Where a verified lead goes.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// Open a new case on the lead's enterprise with this legal basis.
    NewCase { basis: String },
    /// Join this open case of the same enterprise.
    Join { case_id: i64 },
    /// Not given (a dismissal needs none; a verification is refused without one).
    None,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LeadDecision {
    pub verdict: Option<Verdict>,
    pub reason: String,
    pub target: Target,
}

/// What a decision did.
#[derive(Clone, Debug, PartialEq)]
pub struct Decided {
    pub status: LeadStatus,
    pub case_id: Option<i64>,
    pub opened: bool,
}

async fn enterprise_id(tx: &mut sqlx::Transaction<'static, sqlx::Any>, credit_code: &str) -> Result<Option<i64>> {
    Ok(sqlx::query("SELECT id FROM enterprises WHERE credit_code = $1").bind(credit_code).fetch_optional(&mut **tx).await?.map(|r| r.try_get(0)).transpose()?)
}

/// Verify or dismiss a lead in scope. Every problem (the lead not open, no verdict, no reason,
/// no or a wrong case to go to) is refused at once and nothing is written; otherwise the
/// decision, the case it opens or joins and their audit entries are written in one transaction.
pub async fn decide_lead(db: &Db, actor: &Actor, scope: &Scope, lead_id: i64, d: &LeadDecision, today: Date) -> Result<Decided> {
    let l = lead(db, scope, lead_id).await?;
    let mut refusal = match case::decide(l.status, d.verdict, &d.reason) {
        Ok(_) => Refusal::default(),
        Err(r) => r,
    };
    let verify = d.verdict == Some(Verdict::Verify);
    let mut facts = None;
    if verify {
        match &d.target {
            Target::None => refusal.push(C::target_required()),
            Target::NewCase { basis } => match case::open(basis, today, today) {
                Ok(f) => facts = Some(f),
                Err(r) => refusal.problems.extend(r.problems),
            },
            Target::Join { case_id } => match get(db, scope, *case_id).await {
                Ok(c) if c.credit_code != l.credit_code => refusal.push(C::join_other_enterprise(*case_id)),
                Ok(c) if !c.state().before_decision() => refusal.push(C::join_after_decision(*case_id, c.state().label())),
                Ok(_) => {}
                Err(Error::NotFound(_)) => refusal.push(C::case_not_found(*case_id)),
                Err(e) => return Err(e),
            },
        }
    }
    if !refusal.is_empty() {
        return Err(refusal.into());
    }
    let status = if verify { LeadStatus::Verified } else { LeadStatus::Dismissed };
    let now = super::now();
    let mut tx = db.begin().await?;
    let enterprise = enterprise_id(&mut tx, &l.credit_code).await?;
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    // The case first (its id goes on the lead).
    let (case_id, opened) = match (&d.target, facts) {
        (_, _) if !verify => (None, false),
        (Target::NewCase { .. }, Some(f)) => {
            let (name, division, industry) = match sqlx::query("SELECT name, division_code, industry_code FROM enterprises WHERE credit_code = $1")
                .bind(&l.credit_code)
                .fetch_optional(&mut *tx)
                .await?
            {
                Some(r) => (r.try_get::<String, _>(0)?, r.try_get::<String, _>(1)?, r.try_get::<String, _>(2)?),
                None => (String::new(), l.division_code.clone(), l.industry_code.clone()),
            };
            let id: i64 = sqlx::query(
                "INSERT INTO enforcement_cases (credit_code, enterprise_name, division_code, industry_code, basis, state, opened_on, opened_by, opened_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
            )
            .bind(&l.credit_code)
            .bind(&name)
            .bind(&division)
            .bind(&industry)
            .bind(&f.basis)
            .bind(f.state.code())
            .bind(format_day(f.opened_on))
            .bind(&actor.name)
            .bind(&now)
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
            let detail = json!({ "basis": f.basis, "lead": lead_id });
            insert_event(&mut tx, id, "open", "", State::Opened.code(), f.opened_on, &detail, actor, &now).await?;
            w.append(
                &mut tx,
                NewEntry {
                    action: "enforcement_case_open",
                    entity: "enforcement_case",
                    entity_id: id.to_string(),
                    enterprise_id: enterprise,
                    before: None,
                    after: Some(json!({ "credit_code": l.credit_code, "basis": f.basis, "opened_on": format_day(f.opened_on), "state": f.state.code(), "lead": lead_id })),
                },
            )
            .await?;
            (Some(id), true)
        }
        (Target::Join { case_id }, _) => {
            // The case must still be before its decision when the lead joins (a step may have come in between).
            let touched = sqlx::query("UPDATE enforcement_cases SET updated_at = $1 WHERE id = $2 AND state IN ('opened', 'notice_served', 'statement_heard')")
                .bind(&now)
                .bind(case_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if touched != 1 {
                return Err(Error::Conflict(C::join_after_decision(*case_id, C::state_decided())));
            }
            let state: String = sqlx::query("SELECT state FROM enforcement_cases WHERE id = $1").bind(case_id).fetch_one(&mut *tx).await?.try_get(0)?;
            insert_event(&mut tx, *case_id, "lead_joined", &state, &state, today, &json!({ "lead": lead_id }), actor, &now).await?;
            (Some(*case_id), false)
        }
        _ => unreachable!("a verification without a target was refused above"),
    };
    let changed = sqlx::query("UPDATE leads SET status = $1, decided_by = $2, decided_at = $3, decision_reason = $4, case_id = $5 WHERE id = $6 AND status = 'open'")
        .bind(status.code())
        .bind(&actor.name)
        .bind(time::OffsetDateTime::now_utc().unix_timestamp())
        .bind(d.reason.trim())
        .bind(case_id)
        .bind(lead_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if changed != 1 {
        // Decided (or withdrawn by a recompute) since it was read: nothing of this is kept.
        return Err(Error::Conflict(C::lead_changed(lead_id)));
    }
    if let Some(case_id) = case_id {
        sqlx::query("INSERT INTO enforcement_case_leads (case_id, lead_id, joined_by, joined_at) VALUES ($1, $2, $3, $4)")
            .bind(case_id)
            .bind(lead_id)
            .bind(&actor.name)
            .bind(&now)
            .execute(&mut *tx)
            .await?;
        if !opened {
            w.append(
                &mut tx,
                NewEntry {
                    action: "enforcement_case_lead",
                    entity: "enforcement_case",
                    entity_id: case_id.to_string(),
                    enterprise_id: enterprise,
                    before: None,
                    after: Some(json!({ "lead": lead_id })),
                },
            )
            .await?;
        }
    }
    w.append(
        &mut tx,
        NewEntry {
            action: if verify { "lead_verify" } else { "lead_dismiss" },
            entity: "lead",
            entity_id: lead_id.to_string(),
            enterprise_id: enterprise,
            before: Some(json!({ "status": l.status.code() })),
            after: Some(json!({
                "status": status.code(), "reason": d.reason.trim(), "case": case_id,
                "outlet": l.outlet_label(), "detector": l.detector, "pollutant": l.pollutant, "start": l.start, "end": l.end,
            })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    db.counts.invalidate();
    Ok(Decided { status, case_id, opened })
}

// ----- cases -----

#[allow(clippy::too_many_arguments)]
async fn insert_event(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    case_id: i64,
    action: &str,
    from: &str,
    to: &str,
    on: Date,
    detail: &serde_json::Value,
    actor: &Actor,
    now: &str,
) -> Result<()> {
    sqlx::query("INSERT INTO enforcement_case_events (case_id, action, from_state, to_state, step_on, detail, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(case_id)
        .bind(action)
        .bind(from)
        .bind(to)
        .bind(format_day(on))
        .bind(detail.to_string())
        .bind(&actor.name)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// What the case list narrows by.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct CaseFilter {
    pub division: Option<String>,
    pub industry: Option<String>,
    pub state: Option<String>,
    pub basis: Option<String>,
    /// "true": only cases past a deadline.
    pub overdue: Option<String>,
    pub credit_code: Option<String>,
    /// Beijing days: cases opened within `[from, to]`.
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The cases in scope matching the filter, newest first (`today` decides what is overdue).
pub async fn cases(db: &Db, scope: &Scope, f: &CaseFilter, today: Date) -> Result<Vec<Case>> {
    let (scope_sql, scope_binds) = scope.where_clause(1);
    let mut binds: Vec<Bind> = scope_binds.into_iter().map(Bind::Text).collect();
    let mut conds = vec![scope_sql];
    if let Some(d) = nonempty(&f.division) {
        binds.push(Bind::Text(like_prefix(crate::ledger::codes::subtree_prefix(d))));
        conds.push(format!("e.division_code LIKE ${} ESCAPE '\\'", binds.len()));
    }
    if let Some(i) = nonempty(&f.industry) {
        binds.push(Bind::Text(like_prefix(i)));
        conds.push(format!("e.industry_code LIKE ${} ESCAPE '\\'", binds.len()));
    }
    for (value, column) in [(&f.state, "e.state"), (&f.basis, "e.basis"), (&f.credit_code, "e.credit_code")] {
        if let Some(v) = nonempty(value) {
            binds.push(Bind::Text(v.to_string()));
            conds.push(format!("{column} = ${}", binds.len()));
        }
    }
    for (value, op, field) in [(&f.from, ">=", C::field_from()), (&f.to, "<=", C::field_to())] {
        if let Some(v) = nonempty(value) {
            let day = parse_day(v).ok_or_else(|| bad_day(field, v))?;
            binds.push(Bind::Text(format_day(day)));
            conds.push(format!("e.opened_on {op} ${}", binds.len()));
        }
    }
    let sql = format!("SELECT {CASE_COLUMNS} FROM enforcement_cases e WHERE {} ORDER BY e.id DESC", conds.join(" AND "));
    let rows = bind_all(sqlx::query(&sql), &binds).fetch_all(&db.pool).await?;
    let mut out: Vec<Case> = rows.iter().map(case_of).collect::<Result<_>>()?;
    if nonempty(&f.overdue) == Some("true") {
        out.retain(|c| c.overdue(today).is_some());
    }
    Ok(out)
}

/// One case, if it is inside the scope.
pub async fn get(db: &Db, scope: &Scope, id: i64) -> Result<Case> {
    let (scope_sql, binds) = scope.where_clause(2);
    let sql = format!("SELECT {CASE_COLUMNS} FROM enforcement_cases e WHERE e.id = $1 AND {scope_sql}");
    let mut q = sqlx::query(&sql).bind(id);
    for b in binds {
        q = q.bind(b);
    }
    match q.fetch_optional(&db.pool).await? {
        Some(r) => case_of(&r),
        None => Err(Error::NotFound(C::case_not_found(id))),
    }
}

/// Whether a case with this id exists at all (to audit out-of-scope attempts).
pub async fn case_exists(db: &Db, id: i64) -> Result<bool> {
    Ok(sqlx::query("SELECT 1 FROM enforcement_cases WHERE id = $1").bind(id).fetch_optional(&db.pool).await?.is_some())
}

/// The cases of one enterprise that a verified lead may still join (before their decision).
pub async fn joinable(db: &Db, scope: &Scope, credit_code: &str, today: Date) -> Result<Vec<Case>> {
    let f = CaseFilter { credit_code: Some(credit_code.to_string()), ..Default::default() };
    let mut all = cases(db, scope, &f, today).await?;
    all.retain(|c| c.state().before_decision());
    Ok(all)
}

/// The leads a case rests on (the case is already known to be in scope).
pub async fn case_leads(db: &Db, case_id: i64) -> Result<Vec<Lead>> {
    let sql = format!("SELECT {LEAD_COLUMNS} FROM leads e JOIN enforcement_case_leads k ON k.lead_id = e.id WHERE k.case_id = $1 ORDER BY e.starts_at, e.id");
    sqlx::query(&sql).bind(case_id).fetch_all(&db.pool).await?.iter().map(super::enforcement::lead_of).collect()
}

pub async fn events(db: &Db, case_id: i64) -> Result<Vec<Event>> {
    let rows = sqlx::query("SELECT id, action, from_state, to_state, step_on, detail, actor, at FROM enforcement_case_events WHERE case_id = $1 ORDER BY id")
        .bind(case_id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Event {
                id: r.try_get(0)?,
                action: r.try_get(1)?,
                from_state: r.try_get(2)?,
                to_state: r.try_get(3)?,
                step_on: r.try_get(4)?,
                detail: serde_json::from_str(&r.try_get::<String, _>(5)?).unwrap_or_default(),
                actor: r.try_get(6)?,
                at: r.try_get(7)?,
            })
        })
        .collect()
}

/// Take one step of a case in scope, dated `on` (default `today`), with a note. Refused (with
/// every problem) before anything is written; otherwise the case, its event and the audit entry
/// in one transaction.
#[allow(clippy::too_many_arguments)]
pub async fn step(db: &Db, actor: &Actor, scope: &Scope, case_id: i64, action: &Action, on: Option<Date>, note: &str, today: Date) -> Result<Case> {
    let c = get(db, scope, case_id).await?;
    let on = on.unwrap_or(today);
    let next = case::step(&c.facts, action, on, today)?;
    let kind = action.kind();
    let mut detail = match action {
        Action::RecordStatement { text, waived } => json!({ "statement": text.trim(), "waived": waived }),
        Action::Decide { .. } => {
            let d = next.decision.as_ref();
            json!({ "decision": d.map(|d| d.kind.code()), "penalty_yuan": d.and_then(|d| d.penalty_yuan), "rectify_by": d.map(|d| format_day(d.rectify_by)), "basis": c.facts.basis })
        }
        _ => json!({}),
    };
    if !note.trim().is_empty() {
        detail["note"] = json!(note.trim());
    }
    let now = super::now();
    let mut tx = db.begin().await?;
    let d = next.decision.as_ref();
    let changed = sqlx::query(
        "UPDATE enforcement_cases SET state = $1, notice_served_on = $2, statement_on = $3, statement = $4, statement_waived = $5, decision_kind = $6,
           penalty_yuan = $7, rectify_by = $8, decided_on = $9, rectified_on = $10, closed_on = $11, updated_at = $12
         WHERE id = $13 AND state = $14",
    )
    .bind(next.state.code())
    .bind(next.notice_served_on.map(format_day))
    .bind(next.statement_on.map(format_day))
    .bind(&next.statement)
    .bind(next.statement_waived as i64)
    .bind(d.map(|d| d.kind.code()))
    .bind(Float(d.and_then(|d| d.penalty_yuan)))
    .bind(d.map(|d| format_day(d.rectify_by)))
    .bind(d.map(|d| format_day(d.decided_on)))
    .bind(next.rectified_on.map(format_day))
    .bind(next.closed_on.map(format_day))
    .bind(&now)
    .bind(case_id)
    .bind(c.state().code())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(Error::Conflict(C::case_changed(case_id)));
    }
    insert_event(&mut tx, case_id, kind.code(), c.state().code(), next.state.code(), on, &detail, actor, &now).await?;
    let enterprise = enterprise_id(&mut tx, &c.credit_code).await?;
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    let mut after = detail.clone();
    after["state"] = json!(next.state.code());
    after["step"] = json!(kind.code());
    after["step_on"] = json!(format_day(on));
    w.append(
        &mut tx,
        NewEntry {
            action: "enforcement_case_step",
            entity: "enforcement_case",
            entity_id: case_id.to_string(),
            enterprise_id: enterprise,
            before: Some(json!({ "state": c.state().code() })),
            after: Some(after),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    db.counts.invalidate();
    get(db, scope, case_id).await
}

// ----- documents -----

/// The type of a document from its first bytes (PDF, JPEG, PNG; .docx/.xlsx/.ofd are zip files
/// and are told apart by their name).
pub fn document_type(file_name: &str, bytes: &[u8]) -> Option<&'static str> {
    let lower = file_name.to_ascii_lowercase();
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"PK\x03\x04") && lower.ends_with(".docx") {
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    } else if bytes.starts_with(b"PK\x03\x04") && lower.ends_with(".ofd") {
        Some("application/ofd")
    } else {
        None
    }
}

/// Attach a document to a case in scope (not once it is closed): the bytes once per SHA-256,
/// the document row, an event and the audit entry (with the hash) in one transaction.
pub async fn add_document(db: &Db, actor: &Actor, scope: &Scope, case_id: i64, kind: &str, file_name: &str, bytes: &[u8], today: Date) -> Result<i64> {
    let c = get(db, scope, case_id).await?;
    let mut refusal = Refusal::default();
    if c.state() == State::Closed {
        refusal.push(C::document_case_closed());
    }
    if !DOCUMENT_KINDS.contains(&kind) {
        refusal.push(C::document_kind_unknown(kind, DOCUMENT_KINDS.join(", ")));
    }
    if bytes.is_empty() {
        refusal.push(C::document_empty());
    }
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::TooLarge(C::document_too_large(file_name, MAX_DOCUMENT_BYTES >> 20)));
    }
    let content_type = document_type(file_name, bytes);
    if content_type.is_none() && !bytes.is_empty() {
        refusal.push(C::document_type(file_name));
    }
    if !refusal.is_empty() {
        return Err(refusal.into());
    }
    let content_type = content_type.unwrap_or("application/octet-stream");
    use base64::Engine;
    use sha2::Digest;
    let sha = hex::encode(sha2::Sha256::digest(bytes));
    let file_name: String = file_name.chars().filter(|c| !c.is_control() && !matches!(c, '"' | '\\' | '/')).take(120).collect();
    let now = super::now();
    let mut tx = db.begin().await?;
    if sqlx::query("SELECT 1 FROM enforcement_blobs WHERE sha256 = $1").bind(&sha).fetch_optional(&mut *tx).await?.is_none() {
        sqlx::query("INSERT INTO enforcement_blobs (sha256, content_type, size, data_b64) VALUES ($1, $2, $3, $4)")
            .bind(&sha)
            .bind(content_type)
            .bind(bytes.len() as i64)
            .bind(base64::engine::general_purpose::STANDARD.encode(bytes))
            .execute(&mut *tx)
            .await?;
    }
    let id: i64 = sqlx::query("INSERT INTO enforcement_documents (case_id, kind, file_name, sha256, actor, at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(case_id)
        .bind(kind)
        .bind(&file_name)
        .bind(&sha)
        .bind(&actor.name)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
    let detail = json!({ "document": id, "kind": kind, "file": file_name, "sha256": sha });
    insert_event(&mut tx, case_id, "document", c.state().code(), c.state().code(), today, &detail, actor, &now).await?;
    let enterprise = enterprise_id(&mut tx, &c.credit_code).await?;
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    w.append(
        &mut tx,
        NewEntry { action: "enforcement_case_document", entity: "enforcement_case", entity_id: case_id.to_string(), enterprise_id: enterprise, before: None, after: Some(detail) },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn documents(db: &Db, case_id: i64) -> Result<Vec<Document>> {
    let rows = sqlx::query(
        "SELECT d.id, d.kind, d.file_name, d.sha256, b.content_type, b.size, d.actor, d.at
         FROM enforcement_documents d JOIN enforcement_blobs b ON b.sha256 = d.sha256 WHERE d.case_id = $1 ORDER BY d.id",
    )
    .bind(case_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Document {
                id: r.try_get(0)?,
                kind: r.try_get(1)?,
                file_name: r.try_get(2)?,
                sha256: r.try_get(3)?,
                content_type: r.try_get(4)?,
                size: r.try_get(5)?,
                actor: r.try_get(6)?,
                at: r.try_get(7)?,
            })
        })
        .collect()
}

/// A document's name, type and bytes, if it belongs to a case in scope.
pub async fn document(db: &Db, scope: &Scope, case_id: i64, document_id: i64) -> Result<(String, String, Vec<u8>)> {
    get(db, scope, case_id).await?;
    let r = sqlx::query(
        "SELECT d.file_name, b.content_type, b.data_b64 FROM enforcement_documents d JOIN enforcement_blobs b ON b.sha256 = d.sha256 WHERE d.id = $1 AND d.case_id = $2",
    )
    .bind(document_id)
    .bind(case_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or_else(|| Error::NotFound(C::document_not_found(document_id)))?;
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD.decode(r.try_get::<String, _>(2)?).map_err(|e| Error::other(format!("stored document: {e}")))?;
    Ok((r.try_get(0)?, r.try_get(1)?, bytes))
}

// ----- the dossier -----

/// The leads and cases of one enterprise in scope (the dossier's section).
pub async fn of_enterprise(db: &Db, scope: &Scope, credit_code: &str, today: Date) -> Result<(Vec<Lead>, Vec<Case>)> {
    let f = LeadFilter { credit_code: Some(credit_code.to_string()), ..Default::default() };
    let (leads, _) = leads(db, scope, &f, 0, 200).await?;
    let cases = cases(db, scope, &CaseFilter { credit_code: Some(credit_code.to_string()), ..Default::default() }, today).await?;
    Ok((leads, cases))
}
