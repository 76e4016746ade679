//! Exit cases: opened from screening findings, moved by `screening::workflow`, every
//! step stored as an event and in the audit log (so the dossier shows it).

use serde_json::json;
use sqlx::Row;
use time::Date;

use super::audit::{self, Actor, NewEntry};
use super::runs::StoredFinding;
use super::Db;
use crate::auth::{Scope, Viewer};
use crate::error::{Error, Result};
use crate::screening::workflow::{self, Action, CaseState, State, StepInput};

/// Findings with these outcomes go through the exit workflow (prices go on the pricing list).
pub const WORKFLOW_OUTCOMES: [&str; 3] = ["eliminate_now", "eliminate_by", "rectify"];

#[derive(Clone, Debug, serde::Serialize)]
pub struct Case {
    pub id: i64,
    pub finding_key: String,
    pub credit_code: String,
    pub enterprise_name: String,
    pub division_code: String,
    pub industry_code: String,
    pub equipment: String,
    pub equipment_model: String,
    pub capacity: Option<f64>,
    pub capacity_unit: String,
    pub rule: String,
    pub title: String,
    pub dimension: String,
    pub outcome: String,
    pub rule_deadline: Option<String>,
    pub explanation: String,
    pub citation: String,
    pub state: String,
    pub deadline: Option<String>,
    pub extension_used: bool,
    pub requested_months: Option<i64>,
    pub dismantled: bool,
    pub pledge: String,
    pub exited_on: Option<String>,
    pub opened_at: String,
    pub updated_at: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Event {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub from_state: String,
    pub to_state: String,
    pub detail: serde_json::Value,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Photo {
    pub id: i64,
    pub stage: String,
    pub file_name: String,
    pub content_type: String,
    pub at: String,
}

const CASE_COLUMNS: &str = "id, finding_key, credit_code, enterprise_name, division_code, industry_code, equipment, equipment_model, capacity, \
    capacity_unit, rule_id, title, dimension, outcome, rule_deadline, explanation, citation, state, deadline, extension_used, requested_months, \
    dismantled, pledge, exited_on, opened_at, updated_at";

fn case_of(r: &sqlx::any::AnyRow) -> Result<Case> {
    Ok(Case {
        id: r.try_get(0)?,
        finding_key: r.try_get(1)?,
        credit_code: r.try_get(2)?,
        enterprise_name: r.try_get(3)?,
        division_code: r.try_get(4)?,
        industry_code: r.try_get(5)?,
        equipment: r.try_get(6)?,
        equipment_model: r.try_get(7)?,
        capacity: r.try_get(8)?,
        capacity_unit: r.try_get(9)?,
        rule: r.try_get(10)?,
        title: r.try_get(11)?,
        dimension: r.try_get(12)?,
        outcome: r.try_get(13)?,
        rule_deadline: r.try_get(14)?,
        explanation: r.try_get(15)?,
        citation: r.try_get(16)?,
        state: r.try_get(17)?,
        deadline: r.try_get(18)?,
        extension_used: r.try_get::<i64, _>(19)? != 0,
        requested_months: r.try_get(20)?,
        dismantled: r.try_get::<i64, _>(21)? != 0,
        pledge: r.try_get(22)?,
        exited_on: r.try_get(23)?,
        opened_at: r.try_get(24)?,
        updated_at: r.try_get(25)?,
    })
}

const DAY: &[time::format_description::FormatItem<'static>] = time::macros::format_description!("[year]-[month]-[day]");

pub fn parse_day(s: &str) -> Option<Date> {
    Date::parse(s.trim(), DAY).ok()
}

pub fn format_day(d: Date) -> String {
    d.format(DAY).unwrap_or_default()
}

impl Case {
    pub fn machine(&self) -> Result<CaseState> {
        Ok(CaseState {
            state: State::parse(&self.state).ok_or_else(|| Error::other(format!("case {}: unknown state {}", self.id, self.state)))?,
            outcome: self.outcome.clone(),
            deadline: self.deadline.as_deref().and_then(parse_day),
            extension_used: self.extension_used,
            requested_months: self.requested_months.map(|m| m as u8),
            dismantled: self.dismantled,
        })
    }

    pub fn overdue_days(&self, today: Date) -> Option<i64> {
        self.machine().ok().and_then(|m| workflow::overdue_days(&m, today))
    }
}

/// Open a case (state identified) for every workflow finding that has no open case yet.
/// Returns how many were opened.
pub async fn open_from_findings(db: &Db, actor: &Actor, findings: &[StoredFinding]) -> Result<usize> {
    let mut tx = db.begin().await?;
    let mut w = audit::AuditWriter::start(db, &mut tx, actor).await?;
    let now = super::now();
    let mut opened = 0;
    for f in findings.iter().filter(|f| WORKFLOW_OUTCOMES.contains(&f.outcome.as_str())) {
        let open = sqlx::query("SELECT 1 FROM cases WHERE finding_key = $1 AND state NOT IN ('published', 'compliant')")
            .bind(&f.key)
            .fetch_optional(&mut *tx)
            .await?;
        if open.is_some() {
            continue;
        }
        let equipment = sqlx::query(
            "SELECT q.model, q.capacity, q.capacity_unit, e.id FROM enterprises e LEFT JOIN equipment q ON q.enterprise_id = e.id AND q.name = $2
             WHERE e.credit_code = $1",
        )
        .bind(&f.credit_code)
        .bind(&f.equipment)
        .fetch_optional(&mut *tx)
        .await?;
        let (model, capacity, unit, enterprise_id): (Option<String>, Option<f64>, Option<String>, Option<i64>) = match &equipment {
            Some(r) => (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, Some(r.try_get(3)?)),
            None => (None, None, None, None),
        };
        let citation = format!(
            "{} {}",
            f.citation["document"].as_str().unwrap_or_default(),
            f.citation["clause"].as_str().unwrap_or_default()
        );
        let id: i64 = sqlx::query(
            "INSERT INTO cases (finding_key, credit_code, enterprise_name, division_code, industry_code, equipment, equipment_model, capacity,
                capacity_unit, rule_id, title, dimension, outcome, rule_deadline, explanation, citation, state, opened_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'identified', $17, $17) RETURNING id",
        )
        .bind(&f.key)
        .bind(&f.credit_code)
        .bind(&f.enterprise_name)
        .bind(&f.division_code)
        .bind(&f.industry_code)
        .bind(&f.equipment)
        .bind(model.unwrap_or_default())
        .bind(super::float::Float(capacity))
        .bind(unit.unwrap_or_default())
        .bind(&f.rule)
        .bind(&f.title)
        .bind(&f.dimension)
        .bind(&f.outcome)
        .bind(&f.deadline)
        .bind(&f.explanation)
        .bind(citation)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        w.append(
            &mut tx,
            NewEntry {
                action: "case_open",
                entity: "case",
                entity_id: id.to_string(),
                enterprise_id,
                before: None,
                after: Some(json!({ "rule": f.rule, "equipment": f.equipment, "outcome": f.outcome, "explanation": f.explanation })),
            },
        )
        .await?;
        opened += 1;
    }
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(opened)
}

#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[serde(default)]
pub struct CaseFilter {
    pub state: Option<String>,
    /// Only cases past their deadline.
    pub overdue: Option<bool>,
    pub credit_code: Option<String>,
}

/// Cases inside the scope, newest first.
pub async fn list(db: &Db, scope: &Scope, filter: &CaseFilter) -> Result<Vec<Case>> {
    let (within, mut binds) = scope.where_clause(1);
    let mut sql = format!("SELECT {CASE_COLUMNS} FROM cases e WHERE {within}");
    if let Some(s) = filter.state.as_deref().filter(|s| !s.is_empty()) {
        binds.push(s.to_string());
        sql.push_str(&format!(" AND e.state = ${}", binds.len()));
    }
    if let Some(c) = filter.credit_code.as_deref().filter(|s| !s.is_empty()) {
        binds.push(c.to_string());
        sql.push_str(&format!(" AND e.credit_code = ${}", binds.len()));
    }
    sql.push_str(" ORDER BY e.id DESC");
    let mut q = sqlx::query(&sql);
    for b in &binds {
        q = q.bind(b);
    }
    let today = time::OffsetDateTime::now_utc().date();
    let mut cases: Vec<Case> = q.fetch_all(&db.pool).await?.iter().map(case_of).collect::<Result<_>>()?;
    if filter.overdue == Some(true) {
        cases.retain(|c| c.overdue_days(today).is_some());
    }
    Ok(cases)
}

/// One case inside the scope (outside it: NotFound, as if it did not exist).
pub async fn get(db: &Db, scope: &Scope, id: i64) -> Result<Case> {
    let (within, binds) = scope.where_clause(2);
    let sql = format!("SELECT {CASE_COLUMNS} FROM cases e WHERE e.id = $1 AND {within}");
    let mut q = sqlx::query(&sql).bind(id);
    for b in &binds {
        q = q.bind(b);
    }
    case_of(&q.fetch_optional(&db.pool).await?.ok_or_else(|| Error::NotFound(crate::i18n::untranslated(format!("case {id}"))))?)
}

pub async fn exists(db: &Db, id: i64) -> Result<bool> {
    Ok(sqlx::query("SELECT 1 FROM cases WHERE id = $1").bind(id).fetch_optional(&db.pool).await?.is_some())
}

pub async fn events(db: &Db, case_id: i64) -> Result<Vec<Event>> {
    let rows = sqlx::query("SELECT at, actor, action, from_state, to_state, detail_json FROM case_events WHERE case_id = $1 ORDER BY id")
        .bind(case_id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Event {
                at: r.try_get(0)?,
                actor: r.try_get(1)?,
                action: r.try_get(2)?,
                from_state: r.try_get(3)?,
                to_state: r.try_get(4)?,
                detail: serde_json::from_str(&r.try_get::<String, _>(5)?).unwrap_or_default(),
            })
        })
        .collect()
}

pub async fn photos(db: &Db, case_id: i64) -> Result<Vec<Photo>> {
    let rows = sqlx::query("SELECT id, stage, file_name, content_type, at FROM case_photos WHERE case_id = $1 ORDER BY id")
        .bind(case_id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| Ok(Photo { id: r.try_get(0)?, stage: r.try_get(1)?, file_name: r.try_get(2)?, content_type: r.try_get(3)?, at: r.try_get(4)? }))
        .collect()
}

/// A photo's bytes, if it belongs to a case inside the scope.
pub async fn photo(db: &Db, scope: &Scope, case_id: i64, photo_id: i64) -> Result<(String, Vec<u8>)> {
    get(db, scope, case_id).await?;
    let r = sqlx::query("SELECT content_type, data_b64 FROM case_photos WHERE id = $1 AND case_id = $2")
        .bind(photo_id)
        .bind(case_id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| Error::NotFound(crate::i18n::untranslated(format!("photo {photo_id}"))))?;
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(r.try_get::<String, _>(1)?)
        .map_err(|e| Error::other(format!("stored photo: {e}")))?;
    Ok((r.try_get(0)?, bytes))
}

pub const PHOTO_STAGES: [&str; 3] = ["before", "during", "after"];
pub const MAX_PHOTO_BYTES: usize = 8 * 1024 * 1024;

/// Attach a site photo (JPEG or PNG, checked by its magic bytes).
pub async fn add_photo(db: &Db, viewer: &Viewer, case_id: i64, stage: &str, file_name: &str, bytes: &[u8]) -> Result<i64> {
    let case = get(db, &viewer.scope, case_id).await?;
    if !PHOTO_STAGES.contains(&stage) {
        return Err(Error::Invalid(crate::i18n::untranslated(format!("stage {stage:?}: one of before, during, after"))));
    }
    let content_type = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else {
        return Err(Error::Invalid(crate::i18n::untranslated(format!("{file_name}: not a JPEG or PNG photo"))));
    };
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(Error::TooLarge(crate::i18n::untranslated(format!("{file_name}: photos are limited to {} MB", MAX_PHOTO_BYTES / 1024 / 1024))));
    }
    use base64::Engine;
    use sha2::Digest;
    let sha = hex::encode(sha2::Sha256::digest(bytes));
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query(
        "INSERT INTO case_photos (case_id, stage, file_name, content_type, sha256, data_b64, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(case_id)
    .bind(stage)
    .bind(file_name.chars().take(120).collect::<String>())
    .bind(content_type)
    .bind(&sha)
    .bind(base64::engine::general_purpose::STANDARD.encode(bytes))
    .bind(&viewer.username)
    .bind(super::now())
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    let enterprise_id = super::ledger::enterprise_id_by_code(db, &case.credit_code).await?;
    let mut w = audit::AuditWriter::start(db, &mut tx, &viewer.actor()).await?;
    w.append(
        &mut tx,
        NewEntry {
            action: "case_photo",
            entity: "case",
            entity_id: case_id.to_string(),
            enterprise_id,
            before: None,
            after: Some(json!({ "stage": stage, "file": file_name, "sha256": sha })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(id)
}

/// Who may take an acceptance step: county acceptance by county staff, city acceptance by
/// city (or province) staff; administrators may do both.
fn level_allows(viewer: &Viewer, action: Action) -> Result<()> {
    let level = |code: &str| match code.len() {
        6 if code.ends_with("0000") => "province",
        6 if code.ends_with("00") => "city",
        6 => "county",
        _ => "township",
    };
    let levels: Vec<&str> = match &viewer.scope {
        Scope::All => return Ok(()),
        Scope::Divisions(codes) => codes.iter().map(|c| level(c)).collect(),
        _ => vec![],
    };
    let ok = match action {
        Action::AcceptCounty => levels.contains(&"county"),
        Action::AcceptCity => levels.iter().any(|l| *l == "city" || *l == "province"),
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(Error::Invalid(crate::i18n::untranslated(format!(
            "{}: {} acceptance is signed by {} staff",
            action.code(),
            if action == Action::AcceptCounty { "county" } else { "city" },
            if action == Action::AcceptCounty { "county-level" } else { "city-level" }
        ))))
    }
}

/// Apply one step of the workflow (checked by the state machine), store it, audit it.
pub async fn step(db: &Db, viewer: &Viewer, case_id: i64, action: Action, mut input: StepInput) -> Result<Case> {
    let case = get(db, &viewer.scope, case_id).await?;
    level_allows(viewer, action)?;
    let counts = photos(db, case_id).await?;
    for (i, stage) in PHOTO_STAGES.iter().enumerate() {
        input.photos[i] = counts.iter().filter(|p| p.stage == *stage).count();
    }
    if action == Action::OrderExit && input.deadline.is_none() {
        input.deadline = case.rule_deadline.as_deref().and_then(parse_day);
    }
    let machine = case.machine()?;
    let applied = workflow::step(&machine, action, &input).map_err(|e| Error::Invalid(crate::i18n::untranslated(e)))?;
    let next = applied.next;
    let today = input.date.unwrap_or_else(|| time::OffsetDateTime::now_utc().date());
    let exited_on = match (case.exited_on.clone(), next.state) {
        (None, State::Sealed | State::Dismantled) => Some(format_day(today)),
        (other, _) => other,
    };
    let pledge = if action == Action::Seal { input.pledge.trim().to_string() } else { case.pledge.clone() };
    let detail = json!({
        "note": input.note, "deadline": next.deadline.map(format_day), "months": input.months,
        "pledge": (action == Action::Seal).then_some(&pledge), "opinion": input.opinion, "inspectors": input.inspectors,
    });
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE cases SET state = $1, deadline = $2, extension_used = $3, requested_months = $4, dismantled = $5, pledge = $6,
             exited_on = $7, updated_at = $8 WHERE id = $9",
    )
    .bind(next.state.code())
    .bind(next.deadline.map(format_day))
    .bind(next.extension_used as i64)
    .bind(next.requested_months.map(i64::from))
    .bind(next.dismantled as i64)
    .bind(&pledge)
    .bind(&exited_on)
    .bind(super::now())
    .bind(case_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO case_events (case_id, at, actor, action, from_state, to_state, detail_json) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(case_id)
        .bind(super::now())
        .bind(&viewer.username)
        .bind(action.code())
        .bind(&case.state)
        .bind(next.state.code())
        .bind(detail.to_string())
        .execute(&mut *tx)
        .await?;
    let enterprise_id = super::ledger::enterprise_id_by_code(db, &case.credit_code).await?;
    let mut w = audit::AuditWriter::start(db, &mut tx, &viewer.actor()).await?;
    w.append(
        &mut tx,
        NewEntry {
            action: "case_step",
            entity: "case",
            entity_id: case_id.to_string(),
            enterprise_id,
            before: Some(json!({ "state": case.state, "deadline": case.deadline })),
            after: Some(json!({ "action": action.code(), "state": next.state.code(), "detail": detail })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    get(db, &viewer.scope, case_id).await
}

/// Published cases (the public lists): `exited` true for closed capacity, false for
/// enterprises under a rectification order.
pub async fn public_list(db: &Db, closed: bool) -> Result<Vec<Case>> {
    let sql = if closed {
        format!("SELECT {CASE_COLUMNS} FROM cases e WHERE e.state = 'published' AND e.exited_on IS NOT NULL ORDER BY e.division_code, e.id")
    } else {
        format!("SELECT {CASE_COLUMNS} FROM cases e WHERE e.state IN ('rectifying', 'extension_requested') ORDER BY e.division_code, e.id")
    };
    sqlx::query(&sql).fetch_all(&db.pool).await?.iter().map(case_of).collect()
}
