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
use crate::screening::workflow::{self, Action, CaseState, Refusal, State, StepInput};

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

pub(crate) const CASE_COLUMNS: &str = "id, finding_key, credit_code, enterprise_name, division_code, industry_code, equipment, equipment_model, capacity, \
    capacity_unit, rule_id, title, dimension, outcome, rule_deadline, explanation, citation, state, deadline, extension_used, requested_months, \
    dismantled, pledge, exited_on, opened_at, updated_at";

pub(crate) fn case_of(r: &sqlx::any::AnyRow) -> Result<Case> {
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

/// How severe an outcome is: the case takes its lead finding's outcome.
fn severity(outcome: &str) -> u8 {
    match outcome {
        "eliminate_now" => 3,
        "eliminate_by" => 2,
        "rectify" => 1,
        _ => 0,
    }
}

/// One finding of a case.
#[derive(Clone, Debug, serde::Serialize)]
pub struct CaseFinding {
    pub finding_key: String,
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
}

/// Open one case (state identified) per enterprise of a screening run, carrying all its
/// workflow findings that no open case holds yet (a workshop with three findings is one
/// case, not three). The case's lead finding is the most severe one; its capacity is the
/// sum over the distinct equipment in the lead's unit. Returns how many cases were opened.
pub async fn open_from_findings(db: &Db, actor: &Actor, run_id: Option<i64>, findings: &[StoredFinding]) -> Result<usize> {
    let mut tx = db.begin().await?;
    let mut w = audit::AuditWriter::start(db, &mut tx, actor).await?;
    let now = super::now();
    let mut by_enterprise: std::collections::BTreeMap<&str, Vec<&StoredFinding>> = Default::default();
    for f in findings.iter().filter(|f| WORKFLOW_OUTCOMES.contains(&f.outcome.as_str())) {
        by_enterprise.entry(f.credit_code.as_str()).or_default().push(f);
    }
    let mut opened = 0;
    for (credit_code, group) in by_enterprise {
        let mut fresh = Vec::new();
        for f in group {
            // Held by an open case: as its lead (cases opened before findings were grouped) or one of its findings.
            let open = sqlx::query(
                "SELECT 1 FROM cases c WHERE c.state NOT IN ('published', 'compliant')
                   AND (c.finding_key = $1 OR EXISTS (SELECT 1 FROM case_findings k WHERE k.case_id = c.id AND k.finding_key = $1))",
            )
            .bind(&f.key)
            .fetch_optional(&mut *tx)
            .await?;
            if open.is_none() {
                fresh.push(f);
            }
        }
        if fresh.is_empty() {
            continue;
        }
        let enterprise_id: Option<i64> =
            sqlx::query("SELECT id FROM enterprises WHERE credit_code = $1").bind(credit_code).fetch_optional(&mut *tx).await?.map(|r| r.try_get(0)).transpose()?;
        let mut items = Vec::new();
        for f in &fresh {
            let equipment = match enterprise_id {
                Some(eid) if !f.equipment.is_empty() => {
                    sqlx::query("SELECT model, capacity, capacity_unit FROM equipment WHERE enterprise_id = $1 AND name = $2")
                        .bind(eid)
                        .bind(&f.equipment)
                        .fetch_optional(&mut *tx)
                        .await?
                }
                _ => None,
            };
            let (model, capacity, unit): (Option<String>, Option<f64>, Option<String>) = match &equipment {
                Some(r) => (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?),
                None => (None, None, None),
            };
            items.push(CaseFinding {
                finding_key: f.key.clone(),
                equipment: f.equipment.clone(),
                equipment_model: model.unwrap_or_default(),
                capacity,
                capacity_unit: unit.unwrap_or_default(),
                rule: f.rule.clone(),
                title: f.title.clone(),
                dimension: f.dimension.clone(),
                outcome: f.outcome.clone(),
                rule_deadline: f.deadline.clone(),
                explanation: f.explanation.clone(),
                citation: format!("{} {}", f.citation["document"].as_str().unwrap_or_default(), f.citation["clause"].as_str().unwrap_or_default()),
            });
        }
        // Most severe first; among equals the earliest "eliminate by" date.
        items.sort_by(|a, b| severity(&b.outcome).cmp(&severity(&a.outcome)).then(a.rule_deadline.cmp(&b.rule_deadline)));
        let lead = &items[0];
        let f0 = fresh[0];
        let mut named = std::collections::HashSet::new();
        let equipment_names: Vec<&str> = items.iter().map(|i| i.equipment.as_str()).filter(|e| !e.is_empty() && named.insert(*e)).collect();
        let mut seen = std::collections::HashSet::new();
        let capacity = if lead.capacity.is_some() {
            Some(items.iter().filter(|i| i.capacity_unit == lead.capacity_unit && !i.equipment.is_empty() && seen.insert(i.equipment.clone())).filter_map(|i| i.capacity).sum::<f64>())
        } else {
            None
        };
        let id: i64 = sqlx::query(
            "INSERT INTO cases (finding_key, credit_code, enterprise_name, division_code, industry_code, equipment, equipment_model, capacity,
                capacity_unit, rule_id, title, dimension, outcome, rule_deadline, explanation, citation, state, opened_at, updated_at, run_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'identified', $17, $17, $18) RETURNING id",
        )
        .bind(&lead.finding_key)
        .bind(credit_code)
        .bind(&f0.enterprise_name)
        .bind(&f0.division_code)
        .bind(&f0.industry_code)
        .bind(equipment_names.join("、"))
        .bind(&lead.equipment_model)
        .bind(super::float::Float(capacity))
        .bind(&lead.capacity_unit)
        .bind(&lead.rule)
        .bind(&lead.title)
        .bind(&lead.dimension)
        .bind(&lead.outcome)
        .bind(&lead.rule_deadline)
        .bind(&lead.explanation)
        .bind(&lead.citation)
        .bind(&now)
        .bind(run_id)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        for i in &items {
            sqlx::query(
                "INSERT INTO case_findings (case_id, finding_key, equipment, equipment_model, capacity, capacity_unit, rule_id, title, dimension, outcome,
                    rule_deadline, explanation, citation) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            )
            .bind(id)
            .bind(&i.finding_key)
            .bind(&i.equipment)
            .bind(&i.equipment_model)
            .bind(super::float::Float(i.capacity))
            .bind(&i.capacity_unit)
            .bind(&i.rule)
            .bind(&i.title)
            .bind(&i.dimension)
            .bind(&i.outcome)
            .bind(&i.rule_deadline)
            .bind(&i.explanation)
            .bind(&i.citation)
            .execute(&mut *tx)
            .await?;
        }
        w.append(
            &mut tx,
            NewEntry {
                action: "case_open",
                entity: "case",
                entity_id: id.to_string(),
                enterprise_id,
                before: None,
                after: Some(json!({
                    "run": run_id, "rule": lead.rule, "equipment": equipment_names, "outcome": lead.outcome, "explanation": lead.explanation,
                    "findings": items.iter().map(|i| json!({ "rule": i.rule, "equipment": i.equipment, "outcome": i.outcome })).collect::<Vec<_>>(),
                })),
            },
        )
        .await?;
        opened += 1;
    }
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(opened)
}

/// The findings a case carries (cases opened before findings were grouped: its own one).
pub async fn findings(db: &Db, case: &Case) -> Result<Vec<CaseFinding>> {
    let rows = sqlx::query(
        "SELECT finding_key, equipment, equipment_model, capacity, capacity_unit, rule_id, title, dimension, outcome, rule_deadline, explanation, citation
         FROM case_findings WHERE case_id = $1 ORDER BY id",
    )
    .bind(case.id)
    .fetch_all(&db.pool)
    .await?;
    let mut out: Vec<CaseFinding> = rows
        .iter()
        .map(|r| {
            Ok(CaseFinding {
                finding_key: r.try_get(0)?,
                equipment: r.try_get(1)?,
                equipment_model: r.try_get(2)?,
                capacity: r.try_get(3)?,
                capacity_unit: r.try_get(4)?,
                rule: r.try_get(5)?,
                title: r.try_get(6)?,
                dimension: r.try_get(7)?,
                outcome: r.try_get(8)?,
                rule_deadline: r.try_get(9)?,
                explanation: r.try_get(10)?,
                citation: r.try_get(11)?,
            })
        })
        .collect::<Result<_>>()?;
    if out.is_empty() {
        out.push(CaseFinding {
            finding_key: case.finding_key.clone(),
            equipment: case.equipment.clone(),
            equipment_model: case.equipment_model.clone(),
            capacity: case.capacity,
            capacity_unit: case.capacity_unit.clone(),
            rule: case.rule.clone(),
            title: case.title.clone(),
            dimension: case.dimension.clone(),
            outcome: case.outcome.clone(),
            rule_deadline: case.rule_deadline.clone(),
            explanation: case.explanation.clone(),
            citation: case.citation.clone(),
        });
    }
    Ok(out)
}

#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[serde(default)]
pub struct CaseFilter {
    pub state: Option<String>,
    /// Only cases past their deadline.
    pub overdue: Option<bool>,
    pub credit_code: Option<String>,
    /// A division code: the division and everything below it (the dashboard's drill-down).
    pub division: Option<String>,
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
    if let Some(d) = filter.division.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let prefix = crate::ledger::codes::subtree_prefix(d).to_string();
        let upper = crate::ledger::filter::prefix_upper_bound(&prefix).unwrap_or_else(|| format!("{prefix}:"));
        binds.push(prefix);
        binds.push(upper);
        sql.push_str(&format!(" AND e.division_code >= ${} AND e.division_code < ${}", binds.len() - 1, binds.len()));
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
    case_of(&q.fetch_optional(&db.pool).await?.ok_or_else(|| Error::NotFound(crate::i18n::catalogue::cases::not_found(id)))?)
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
        .ok_or_else(|| Error::NotFound(crate::i18n::catalogue::cases::photo_not_found(photo_id)))?;
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
    if case.state == State::Published.code() {
        // What was published is the record of the exit; evidence is not added afterwards.
        return Err(Error::Invalid(crate::i18n::catalogue::cases::photo_after_publication()));
    }
    if !PHOTO_STAGES.contains(&stage) {
        return Err(Error::Invalid(crate::i18n::catalogue::cases::photo_stage(stage)));
    }
    let content_type = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else {
        return Err(Error::Invalid(crate::i18n::catalogue::cases::photo_type(file_name)));
    };
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(Error::TooLarge(crate::i18n::catalogue::cases::photo_too_large(file_name, MAX_PHOTO_BYTES / 1024 / 1024)));
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
pub fn level_allows(viewer: &Viewer, action: Action) -> std::result::Result<(), Refusal> {
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
    match action {
        Action::AcceptCounty if !levels.contains(&"county") => {
            Err(Refusal::single("县级现场验收由县级人员签署", "accept_county: county acceptance is signed by county-level staff"))
        }
        Action::AcceptCity if !levels.iter().any(|l| *l == "city" || *l == "province") => {
            Err(Refusal::single("市级现场验收由市级人员签署", "accept_city: city acceptance is signed by city-level staff"))
        }
        _ => Ok(()),
    }
}

/// (action, account) of every step taken in a case, oldest first.
pub async fn step_history(db: &Db, case_id: i64) -> Result<Vec<(Action, String)>> {
    Ok(events(db, case_id).await?.into_iter().filter_map(|e| Action::parse(&e.action).map(|a| (a, e.actor))).collect())
}

/// The steps this viewer may take in the case now: open in its state, at the viewer's
/// level, and not barred by separation of duties (the case page shows only these forms).
pub async fn actions_for(db: &Db, viewer: &Viewer, case: &Case) -> Result<Vec<Action>> {
    if !viewer.can(crate::auth::Permission::ManageCases) {
        return Ok(vec![]);
    }
    let history = step_history(db, case.id).await?;
    Ok(workflow::available(&case.machine()?)
        .into_iter()
        .filter(|a| level_allows(viewer, *a).is_ok() && workflow::check_actor(*a, &viewer.username, &history).is_ok())
        .collect())
}

/// Apply one step of the workflow (checked by the state machine), store it, audit it.
/// A refusal (state, input, level, separation of duties) is `Error::Invalid` naming every problem.
pub async fn step(db: &Db, viewer: &Viewer, case_id: i64, action: Action, input: StepInput) -> Result<Case> {
    step_checked(db, viewer, case_id, action, input, true).await?.map_err(|r| Error::Invalid(crate::i18n::catalogue::cases::step_refused(r.both())))
}

/// As `step`, with the refusal as a value (for pages that list its problems); with
/// `apply` false it only checks (and returns the case unchanged).
pub async fn step_checked(
    db: &Db,
    viewer: &Viewer,
    case_id: i64,
    action: Action,
    mut input: StepInput,
    apply: bool,
) -> Result<std::result::Result<Case, Refusal>> {
    let case = get(db, &viewer.scope, case_id).await?;
    let mut refusal = Refusal::default();
    if let Err(r) = level_allows(viewer, action) {
        refusal.extend(r);
    }
    if let Err(r) = workflow::check_actor(action, &viewer.username, &step_history(db, case_id).await?) {
        refusal.extend(r);
    }
    let counts = photos(db, case_id).await?;
    for (i, stage) in PHOTO_STAGES.iter().enumerate() {
        input.photos[i] = counts.iter().filter(|p| p.stage == *stage).count();
    }
    let today = input.date.unwrap_or_else(|| time::OffsetDateTime::now_utc().date());
    if action == Action::OrderExit && input.deadline.is_none() {
        // The rule's own "eliminate by" date, while it is still ahead; otherwise it must be given.
        input.deadline = case.rule_deadline.as_deref().and_then(parse_day).filter(|d| *d >= today);
    }
    let machine = case.machine()?;
    let next = match workflow::step(&machine, action, &input) {
        Ok(applied) if refusal.problems.is_empty() => applied.next,
        Ok(_) => return Ok(Err(refusal)),
        Err(r) => {
            refusal.extend(r);
            return Ok(Err(refusal));
        }
    };
    if !apply {
        return Ok(Ok(case));
    }
    let exited_on = match (case.exited_on.clone(), next.state) {
        (None, State::Sealed | State::Dismantled) => Some(format_day(today)),
        (other, _) => other,
    };
    let pledge = if action == Action::Seal { input.pledge.trim().to_string() } else { case.pledge.clone() };
    let detail = json!({
        "note": input.note, "deadline": next.deadline.map(format_day), "months": input.months,
        "pledge": (action == Action::Seal).then_some(&pledge), "opinion": input.opinion, "inspectors": input.inspectors,
    });
    // Read before the transaction: inside it, a second pool connection could wait on writers
    // that wait on this transaction's lock (a pool of N with N parallel steps stalls).
    let enterprise_id = super::ledger::enterprise_id_by_code(db, &case.credit_code).await?;
    let mut tx = db.begin().await?;
    // Compare and set: the step was checked against the case as read; if another step changed
    // it meanwhile (state or time of the last change), this one writes nothing. The UPDATE is
    // the transaction's first statement, so both databases judge it on the latest committed row.
    let updated = sqlx::query(
        "UPDATE cases SET state = $1, deadline = $2, extension_used = $3, requested_months = $4, dismantled = $5, pledge = $6,
             exited_on = $7, updated_at = $8 WHERE id = $9 AND state = $10 AND updated_at = $11",
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
    .bind(&case.state)
    .bind(&case.updated_at)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        tx.rollback().await?;
        return Err(Error::Conflict(crate::i18n::catalogue::common::changed_meanwhile(format!("#{case_id}"))));
    }
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
    get(db, &viewer.scope, case_id).await.map(Ok)
}

/// Enter an enterprise's answer, accepted by a reviewer, in the case's record (inside the
/// accepting transaction of `storage::submissions::decide`).
pub(crate) async fn record_answer_in_tx(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    case_id: i64,
    submission: &crate::submissions::Submission,
    reviewer: &str,
) -> Result<()> {
    let state: String = sqlx::query("SELECT state FROM cases WHERE id = $1")
        .bind(case_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| Error::NotFound(crate::i18n::catalogue::cases::not_found(case_id)))?
        .try_get(0)?;
    let detail = json!({
        "text": submission.payload["text"], "submission": submission.id, "accepted_by": reviewer,
        "answers": submission.payload["answers"],
    });
    sqlx::query("INSERT INTO case_events (case_id, at, actor, action, from_state, to_state, detail_json) VALUES ($1, $2, $3, 'enterprise_answer', $4, $4, $5)")
        .bind(case_id)
        .bind(super::now())
        .bind(&submission.submitted_by)
        .bind(&state)
        .bind(detail.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
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
