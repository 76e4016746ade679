//! Queries of the work plans (`crate::plans`): units, plans, tasks, targets and the
//! current values of targets computed from the platform's own tables. Every change is
//! written with its audit entry in the same transaction.

use std::collections::HashMap;

use serde_json::json;
use sqlx::Row;

use super::audit::{self, Actor, NewEntry};
use super::float::Float;
use super::Db;
use crate::auth::Scope;
use crate::error::{Error, Result};
use crate::plans::import::TaskRow;
use crate::plans::progress::{self, Assessment};
use crate::plans::{Plan, Project, Source, Target, Task, Unit};

/// Run a block inside a transaction and append its audit entries (action, entity id, after)
/// before committing. `return Err(..)` or `?` inside the block rolls everything back.
macro_rules! audited {
    ($db:expr, $actor:expr, |$tx:ident| $body:block) => {{
        let mut transaction = $db.begin().await?;
        let $tx = &mut transaction;
        let outcome: Result<(_, Vec<(String, String, serde_json::Value)>)> = $body;
        let (value, entries) = outcome?;
        commit_audited($db, transaction, $actor, entries).await?;
        Ok(value)
    }};
}

async fn commit_audited(db: &Db, mut tx: sqlx::Transaction<'static, sqlx::Any>, actor: &Actor, entries: Vec<(String, String, serde_json::Value)>) -> Result<()> {
    let mut w = audit::AuditWriter::start(db, &mut tx, actor).await?;
    let entries: Vec<NewEntry> = entries
        .iter()
        .map(|(action, entity_id, after)| NewEntry {
            action: action.as_str(),
            entity: action.split('_').next().unwrap_or("plan"),
            entity_id: entity_id.clone(),
            enterprise_id: None,
            before: None,
            after: Some(after.clone()),
        })
        .collect();
    w.append_many(&mut tx, entries).await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------- units

#[derive(Clone, Debug)]
pub struct NewUnit {
    pub name: String,
    pub short_name: String,
    pub kind: String,
    pub department: String,
    pub division_code: String,
    pub parent: Option<String>,
}

const UNIT_COLUMNS: &str = "id, name, short_name, kind, department, division_code, parent_id";

fn unit_of(r: &sqlx::any::AnyRow) -> Result<Unit> {
    Ok(Unit {
        id: r.try_get(0)?,
        name: r.try_get(1)?,
        short_name: r.try_get(2)?,
        kind: r.try_get(3)?,
        department: r.try_get(4)?,
        division_code: r.try_get(5)?,
        parent_id: r.try_get(6)?,
    })
}

pub async fn units(db: &Db) -> Result<Vec<Unit>> {
    let rows = sqlx::query(&format!("SELECT {UNIT_COLUMNS} FROM units ORDER BY division_code, id")).fetch_all(&db.pool).await?;
    rows.iter().map(unit_of).collect()
}

/// Every name and short name of a unit → its id (what a task sheet may name).
pub async fn unit_names(db: &Db) -> Result<HashMap<String, i64>> {
    let mut map = HashMap::new();
    for u in units(db).await? {
        if !u.short_name.is_empty() {
            map.entry(u.short_name.clone()).or_insert(u.id);
        }
        map.insert(u.name, u.id);
    }
    Ok(map)
}

/// A unit by its name as the platform shows it, its short name, or its id.
pub async fn find_unit(db: &Db, name_or_id: &str) -> Result<Unit> {
    let all = units(db).await?;
    let key = name_or_id.trim();
    all.iter()
        .find(|u| u.name == key)
        .or_else(|| all.iter().find(|u| u.short_name == key))
        .or_else(|| key.parse::<i64>().ok().and_then(|id| all.iter().find(|u| u.id == id)))
        .cloned()
        .ok_or_else(|| Error::NotFound(crate::i18n::catalogue::plans::no_unit_named(key)))
}

pub async fn add_units(db: &Db, actor: &Actor, list: &[NewUnit]) -> Result<usize> {
    let known: HashMap<String, i64> = unit_names(db).await?;
    audited!(db, actor, |tx| {
        let mut ids: HashMap<String, i64> = known.clone();
        let mut entries = Vec::new();
        for u in list {
            if crate::plans::UNIT_KINDS.iter().all(|k| k.0 != u.kind) {
                return Err(Error::Invalid(crate::i18n::catalogue::plans::unit_kind_invalid(&u.name, &u.kind)));
            }
            if ids.contains_key(&u.name) {
                return Err(Error::Conflict(crate::i18n::catalogue::plans::unit_exists(&u.name)));
            }
            let division = sqlx::query("SELECT 1 FROM divisions WHERE code = $1").bind(&u.division_code).fetch_optional(&mut **tx).await?;
            if division.is_none() {
                return Err(Error::Invalid(crate::i18n::catalogue::plans::unit_division_unknown(&u.name, &u.division_code)));
            }
            let parent = match &u.parent {
                Some(p) => Some(*ids.get(p).ok_or_else(|| Error::Invalid(crate::i18n::catalogue::plans::unit_parent_unknown(&u.name, p)))?),
                None => None,
            };
            let id: i64 = sqlx::query(
                "INSERT INTO units (name, short_name, kind, department, division_code, parent_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(&u.name)
            .bind(&u.short_name)
            .bind(&u.kind)
            .bind(&u.department)
            .bind(&u.division_code)
            .bind(parent)
            .bind(super::now())
            .fetch_one(&mut **tx)
            .await?
            .try_get(0)?;
            ids.insert(u.name.clone(), id);
            entries.push(("unit_add".to_string(), id.to_string(), json!({ "name": u.name, "kind": u.kind, "division": u.division_code })));
        }
        Ok((list.len(), entries))
    })
}

/// The unit an account belongs to.
pub async fn unit_of_user(db: &Db, user_id: i64) -> Result<Option<Unit>> {
    let row = sqlx::query(&format!("SELECT {UNIT_COLUMNS} FROM units WHERE id = (SELECT unit_id FROM users WHERE id = $1)"))
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(unit_of).transpose()
}

pub async fn set_user_unit(db: &Db, actor: &Actor, username: &str, unit: &Unit) -> Result<()> {
    audited!(db, actor, |tx| {
        let n = sqlx::query("UPDATE users SET unit_id = $1 WHERE username = $2").bind(unit.id).bind(username).execute(&mut **tx).await?.rows_affected();
        if n == 0 {
            return Err(Error::NotFound(crate::i18n::catalogue::plans::no_such_user(username)));
        }
        Ok(((), vec![("user_unit".into(), username.to_string(), json!({ "unit": unit.name }))]))
    })
}

/// Map accounts that have no unit onto one: bureau staff to the bureau of their department
/// in their division, township staff to their township, grid inspectors to the township
/// their cells are in. Administrators and enterprises belong to no unit. Returns how many were mapped.
pub async fn map_accounts(db: &Db, actor: &Actor) -> Result<usize> {
    let all = units(db).await?;
    let users = sqlx::query("SELECT id, username, role, department, divisions FROM users WHERE unit_id IS NULL").fetch_all(&db.pool).await?;
    let mut pairs = Vec::new();
    for r in &users {
        let (id, username, role, department, divisions): (i64, String, String, String, String) =
            (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?, r.try_get(4)?);
        let first = divisions.split_whitespace().next().unwrap_or("").to_string();
        let found = match role.as_str() {
            "bureau" => all.iter().find(|u| u.kind == "bureau" && u.department == department && u.division_code == first),
            "township" => all.iter().find(|u| u.kind == "township" && u.division_code == first),
            "grid" if first.len() >= 9 => all.iter().find(|u| u.kind == "township" && u.division_code == first[..9]),
            _ => None,
        };
        if let Some(u) = found {
            pairs.push((id, username, u.id, u.name.clone()));
        }
    }
    let n = pairs.len();
    if n == 0 {
        return Ok(0);
    }
    audited!(db, actor, |tx| {
        let mut entries = Vec::new();
        for (id, username, unit, name) in &pairs {
            sqlx::query("UPDATE users SET unit_id = $1 WHERE id = $2 AND unit_id IS NULL").bind(unit).bind(id).execute(&mut **tx).await?;
            entries.push(("user_unit".to_string(), username.clone(), json!({ "unit": name })));
        }
        Ok((n, entries))
    })
}

// ---------------------------------------------------------------- plans

#[derive(Clone, Debug, serde::Deserialize)]
pub struct NewPlan {
    pub title: String,
    pub issuer: String,
    pub doc_number: String,
    pub division_code: String,
    pub lead_unit_id: i64,
    pub start_date: String,
    pub end_date: String,
    pub due_day: u32,
}

const PLAN_COLUMNS: &str = "id, title, issuer, doc_number, division_code, lead_unit_id, start_date, end_date, due_day, at_risk_ratio";

fn plan_of(r: &sqlx::any::AnyRow) -> Result<Plan> {
    Ok(Plan {
        id: r.try_get(0)?,
        title: r.try_get(1)?,
        issuer: r.try_get(2)?,
        doc_number: r.try_get(3)?,
        division_code: r.try_get(4)?,
        lead_unit_id: r.try_get(5)?,
        start_date: r.try_get(6)?,
        end_date: r.try_get(7)?,
        due_day: r.try_get::<i64, _>(8)? as u32,
        at_risk_ratio: r.try_get(9)?,
    })
}

/// Whether a viewer's jurisdiction and the plan's overlap (a county sees the city's plan
/// it has tasks in; the city sees a county's plan).
pub fn plan_visible(scope: &Scope, division: &str) -> bool {
    match scope {
        Scope::All => true,
        Scope::Divisions(codes) => codes.iter().any(|c| {
            let (a, b) = (crate::ledger::codes::subtree_prefix(c), crate::ledger::codes::subtree_prefix(division));
            a.starts_with(b) || b.starts_with(a)
        }),
        _ => false,
    }
}

pub async fn plans(db: &Db, scope: &Scope) -> Result<Vec<Plan>> {
    let rows = sqlx::query(&format!("SELECT {PLAN_COLUMNS} FROM plans ORDER BY start_date DESC, id DESC")).fetch_all(&db.pool).await?;
    let all: Vec<Plan> = rows.iter().map(plan_of).collect::<Result<_>>()?;
    Ok(all.into_iter().filter(|p| plan_visible(scope, &p.division_code)).collect())
}

pub async fn plan(db: &Db, scope: &Scope, id: i64) -> Result<Plan> {
    let row = sqlx::query(&format!("SELECT {PLAN_COLUMNS} FROM plans WHERE id = $1")).bind(id).fetch_optional(&db.pool).await?;
    match row.as_ref().map(plan_of).transpose()? {
        Some(p) if plan_visible(scope, &p.division_code) => Ok(p),
        _ => Err(Error::NotFound(crate::i18n::catalogue::plans::plan_not_found(id))),
    }
}

fn check_plan(p: &NewPlan) -> Result<(time::Date, time::Date)> {
    use crate::plans::due::parse_day;
    let bad = |m: crate::i18n::Msg| Err(Error::Invalid(m));
    if p.title.trim().is_empty() || p.issuer.trim().is_empty() {
        return bad(crate::i18n::catalogue::plans::title_issuer_required());
    }
    let (Some(s), Some(e)) = (parse_day(&p.start_date), parse_day(&p.end_date)) else {
        return bad(crate::i18n::catalogue::plans::dates_invalid(&p.start_date, &p.end_date));
    };
    if e < s {
        return bad(crate::i18n::catalogue::plans::ends_before_start());
    }
    if !(1..=31).contains(&p.due_day) {
        return bad(crate::i18n::catalogue::plans::due_day_range(p.due_day));
    }
    Ok((s, e))
}

pub async fn create_plan(db: &Db, actor: &Actor, p: &NewPlan) -> Result<i64> {
    check_plan(p)?;
    audited!(db, actor, |tx| {
        let unit = sqlx::query("SELECT 1 FROM units WHERE id = $1").bind(p.lead_unit_id).fetch_optional(&mut **tx).await?;
        if unit.is_none() {
            return Err(Error::Invalid(crate::i18n::catalogue::plans::unknown_lead_unit(p.lead_unit_id)));
        }
        let now = super::now();
        let id: i64 = sqlx::query(
            "INSERT INTO plans (title, issuer, doc_number, division_code, lead_unit_id, start_date, end_date, due_day, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
        )
        .bind(p.title.trim())
        .bind(p.issuer.trim())
        .bind(p.doc_number.trim())
        .bind(&p.division_code)
        .bind(p.lead_unit_id)
        .bind(&p.start_date)
        .bind(&p.end_date)
        .bind(p.due_day as i64)
        .bind(&now)
        .fetch_one(&mut **tx)
        .await?
        .try_get(0)?;
        Ok((id, vec![("plan_create".into(), id.to_string(), json!({ "title": p.title, "doc_number": p.doc_number }))]))
    })
}

/// Change the plan's settings: the monthly due day and the at-risk share.
pub async fn set_plan_settings(db: &Db, actor: &Actor, plan_id: i64, due_day: u32, at_risk_ratio: f64) -> Result<()> {
    if !(1..=31).contains(&due_day) || !(0.0..=1.0).contains(&at_risk_ratio) {
        return Err(Error::Invalid(crate::i18n::catalogue::plans::settings_range()));
    }
    audited!(db, actor, |tx| {
        sqlx::query("UPDATE plans SET due_day = $1, at_risk_ratio = $2, updated_at = $3 WHERE id = $4")
            .bind(due_day as i64)
            .bind(at_risk_ratio)
            .bind(super::now())
            .bind(plan_id)
            .execute(&mut **tx)
            .await?;
        Ok(((), vec![("plan_settings".into(), plan_id.to_string(), json!({ "due_day": due_day, "at_risk_ratio": at_risk_ratio }))]))
    })
}

// ---------------------------------------------------------------- tasks

pub async fn tasks(db: &Db, plan_id: i64) -> Result<Vec<Task>> {
    let rows = sqlx::query("SELECT id, plan_id, number, title, measures, due_date, lead_unit_id, state FROM tasks WHERE plan_id = $1 ORDER BY id")
        .bind(plan_id)
        .fetch_all(&db.pool)
        .await?;
    let links = sqlx::query("SELECT tu.task_id, tu.unit_id, tu.role FROM task_units tu JOIN tasks t ON t.id = tu.task_id WHERE t.plan_id = $1 ORDER BY tu.unit_id")
        .bind(plan_id)
        .fetch_all(&db.pool)
        .await?;
    let mut out = Vec::new();
    for r in &rows {
        let id: i64 = r.try_get(0)?;
        let mut t = Task {
            id,
            plan_id: r.try_get(1)?,
            number: r.try_get(2)?,
            title: r.try_get(3)?,
            measures: r.try_get(4)?,
            due_date: r.try_get(5)?,
            lead_unit_id: r.try_get(6)?,
            responsible: vec![],
            cooperating: vec![],
            state: r.try_get(7)?,
        };
        for l in &links {
            if l.try_get::<i64, _>(0)? == id {
                let (unit, role): (i64, String) = (l.try_get(1)?, l.try_get(2)?);
                if role == "responsible" { t.responsible.push(unit) } else { t.cooperating.push(unit) }
            }
        }
        out.push(t);
    }
    Ok(out)
}

async fn write_task_units(tx: &mut sqlx::Transaction<'static, sqlx::Any>, task_id: i64, responsible: &[i64], cooperating: &[i64]) -> Result<()> {
    sqlx::query("DELETE FROM task_units WHERE task_id = $1").bind(task_id).execute(&mut **tx).await?;
    for (units, role) in [(responsible, "responsible"), (cooperating, "cooperating")] {
        for u in units {
            sqlx::query("INSERT INTO task_units (task_id, unit_id, role) VALUES ($1, $2, $3)").bind(task_id).bind(u).bind(role).execute(&mut **tx).await?;
        }
    }
    Ok(())
}

/// Write parsed task rows into a plan in one transaction: new numbers are added, known ones updated.
/// Returns (added, updated).
pub async fn import_tasks(db: &Db, actor: &Actor, plan_id: i64, rows: &[TaskRow]) -> Result<(usize, usize)> {
    audited!(db, actor, |tx| {
        let (mut added, mut updated) = (0, 0);
        let mut entries = Vec::new();
        let now = super::now();
        for r in rows {
            let due = crate::plans::due::format_day(r.due_date);
            let existing = sqlx::query("SELECT id FROM tasks WHERE plan_id = $1 AND number = $2").bind(plan_id).bind(&r.number).fetch_optional(&mut **tx).await?;
            let id: i64 = match existing {
                Some(e) => {
                    let id: i64 = e.try_get(0)?;
                    sqlx::query("UPDATE tasks SET title = $1, measures = $2, due_date = $3, lead_unit_id = $4, updated_at = $5 WHERE id = $6")
                        .bind(&r.title)
                        .bind(&r.measures)
                        .bind(&due)
                        .bind(r.lead_unit_id)
                        .bind(&now)
                        .bind(id)
                        .execute(&mut **tx)
                        .await?;
                    updated += 1;
                    id
                }
                None => {
                    added += 1;
                    sqlx::query(
                        "INSERT INTO tasks (plan_id, number, title, measures, due_date, lead_unit_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                    )
                    .bind(plan_id)
                    .bind(&r.number)
                    .bind(&r.title)
                    .bind(&r.measures)
                    .bind(&due)
                    .bind(r.lead_unit_id)
                    .bind(&now)
                    .fetch_one(&mut **tx)
                    .await?
                    .try_get(0)?
                }
            };
            write_task_units(tx, id, &r.responsible, &r.cooperating).await?;
            entries.push((
                "task_import".to_string(),
                id.to_string(),
                json!({ "plan": plan_id, "number": r.number, "title": r.title, "due": due, "lead": r.lead_unit_id, "responsible": r.responsible, "cooperating": r.cooperating }),
            ));
        }
        Ok(((added, updated), entries))
    })
}

/// Edit one task in the UI (same checks as the import: known units, due date in the plan's period).
pub async fn update_task(db: &Db, actor: &Actor, plan: &Plan, task_id: i64, row: &TaskRow) -> Result<()> {
    let period = plan_period(plan)?;
    if row.due_date < period.0 || row.due_date > period.1 {
        return Err(Error::Invalid(crate::i18n::catalogue::plans::task_outside_period(&plan.start_date, &plan.end_date)));
    }
    audited!(db, actor, |tx| {
        let n = sqlx::query("UPDATE tasks SET number = $1, title = $2, measures = $3, due_date = $4, lead_unit_id = $5, updated_at = $6 WHERE id = $7 AND plan_id = $8")
            .bind(&row.number)
            .bind(&row.title)
            .bind(&row.measures)
            .bind(crate::plans::due::format_day(row.due_date))
            .bind(row.lead_unit_id)
            .bind(super::now())
            .bind(task_id)
            .bind(plan.id)
            .execute(&mut **tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(Error::NotFound(crate::i18n::catalogue::plans::task_not_found(task_id)));
        }
        write_task_units(tx, task_id, &row.responsible, &row.cooperating).await?;
        Ok(((), vec![("task_edit".into(), task_id.to_string(), json!({ "number": row.number, "title": row.title, "due": crate::plans::due::format_day(row.due_date) }))]))
    })
}

pub fn plan_period(plan: &Plan) -> Result<(time::Date, time::Date)> {
    use crate::plans::due::parse_day;
    match (parse_day(&plan.start_date), parse_day(&plan.end_date)) {
        (Some(s), Some(e)) => Ok((s, e)),
        _ => Err(Error::other(format!("plan {} has unreadable dates", plan.id))),
    }
}

// ---------------------------------------------------------------- targets

#[derive(Clone, Debug, serde::Deserialize)]
pub struct NewTarget {
    pub code: String,
    pub indicator: String,
    pub measure_unit: String,
    pub kind: String,
    pub direction: String,
    pub baseline_year: Option<i32>,
    pub baseline_value: Option<f64>,
    pub target_year: i32,
    pub target_value: f64,
    #[serde(default)]
    pub milestones: std::collections::BTreeMap<i32, f64>,
    pub source: String,
    pub unit_id: i64,
}

fn check_target(t: &NewTarget) -> Result<(i32, f64, Source)> {
    let who = if t.code.is_empty() { t.indicator.clone() } else { t.code.clone() };
    let bad = |m: crate::i18n::Msg| Err(Error::Invalid(crate::i18n::catalogue::plans::target_problem(&who, m)));
    let (Some(by), Some(bv)) = (t.baseline_year, t.baseline_value) else { return bad(crate::i18n::catalogue::plans::target_needs_baseline()) };
    if t.code.trim().is_empty() || t.indicator.trim().is_empty() {
        return bad(crate::i18n::catalogue::plans::target_code_required());
    }
    if !["change_pct", "level"].contains(&t.kind.as_str()) || !["decrease", "increase"].contains(&t.direction.as_str()) {
        return bad(crate::i18n::catalogue::plans::target_kind_invalid());
    }
    if t.target_year <= by {
        return bad(crate::i18n::catalogue::plans::target_year_order());
    }
    if t.milestones.keys().any(|y| *y <= by || *y > t.target_year) {
        return bad(crate::i18n::catalogue::plans::target_milestones());
    }
    let Some(source) = Source::parse(&t.source) else { return bad(crate::i18n::catalogue::plans::target_source_unknown()) };
    if source.is_change() != (t.kind == "change_pct") {
        return bad(crate::i18n::catalogue::plans::target_source_kind());
    }
    Ok((by, bv, source))
}

pub async fn add_target(db: &Db, actor: &Actor, plan_id: i64, t: &NewTarget) -> Result<i64> {
    let (by, bv, source) = check_target(t)?;
    audited!(db, actor, |tx| {
        let id: i64 = sqlx::query(
            "INSERT INTO targets (plan_id, code, indicator, measure_unit, kind, direction, baseline_year, baseline_value, target_year, target_value,
                milestones_json, source, unit_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(plan_id)
        .bind(t.code.trim())
        .bind(t.indicator.trim())
        .bind(&t.measure_unit)
        .bind(&t.kind)
        .bind(&t.direction)
        .bind(by as i64)
        .bind(bv)
        .bind(t.target_year as i64)
        .bind(t.target_value)
        .bind(serde_json::to_string(&t.milestones).unwrap_or_else(|_| "{}".into()))
        .bind(source.code())
        .bind(t.unit_id)
        .fetch_one(&mut **tx)
        .await?
        .try_get(0)?;
        Ok((id, vec![("target_add".into(), id.to_string(), json!({ "plan": plan_id, "code": t.code, "indicator": t.indicator, "target": t.target_value }))]))
    })
}

pub async fn targets(db: &Db, plan_id: i64) -> Result<Vec<Target>> {
    let rows = sqlx::query(
        "SELECT id, plan_id, code, indicator, measure_unit, kind, direction, baseline_year, baseline_value, target_year, target_value, milestones_json, source, unit_id
         FROM targets WHERE plan_id = $1 ORDER BY id",
    )
    .bind(plan_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let milestones: String = r.try_get(11)?;
            let source: String = r.try_get(12)?;
            Ok(Target {
                id: r.try_get(0)?,
                plan_id: r.try_get(1)?,
                code: r.try_get(2)?,
                indicator: r.try_get(3)?,
                measure_unit: r.try_get(4)?,
                kind: r.try_get(5)?,
                direction: r.try_get(6)?,
                baseline_year: r.try_get::<i64, _>(7)? as i32,
                baseline_value: r.try_get(8)?,
                target_year: r.try_get::<i64, _>(9)? as i32,
                target_value: r.try_get(10)?,
                milestones: serde_json::from_str(&milestones).unwrap_or_default(),
                source: Source::parse(&source).unwrap_or(Source::Reported),
                unit_id: r.try_get(13)?,
            })
        })
        .collect()
}

/// The division condition over enterprise alias `e` for a plan's division.
fn division_range(division: &str) -> (String, String) {
    let prefix = crate::ledger::codes::subtree_prefix(division).to_string();
    let upper = crate::ledger::filter::prefix_upper_bound(&prefix).unwrap_or_else(|| "~".into());
    (prefix, upper)
}

async fn yearly_intensity(db: &Db, division: &str, year: i32, water: bool) -> Result<Option<f64>> {
    let (lo, hi) = division_range(division);
    let column = if water { "y.water_m3" } else { "y.energy_tce" };
    let rows = sqlx::query(&format!(
        "SELECT {column}, y.value_added_10k_yuan FROM yearly_figures y JOIN enterprises e ON e.id = y.enterprise_id
         WHERE y.year = $1 AND e.above_scale = 1 AND e.division_code >= $2 AND e.division_code < $3"
    ))
    .bind(year as i64)
    .bind(&lo)
    .bind(&hi)
    .fetch_all(&db.pool)
    .await?;
    let pairs: Vec<(Option<f64>, Option<f64>)> = rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect::<Result<_>>()?;
    Ok(progress::intensity(&pairs))
}

/// The latest year (≤ `year`) with yearly figures in the division.
async fn latest_figures_year(db: &Db, division: &str, year: i32) -> Result<Option<i32>> {
    let (lo, hi) = division_range(division);
    let y: Option<i64> = sqlx::query("SELECT CAST(MAX(y.year) AS BIGINT) FROM yearly_figures y JOIN enterprises e ON e.id = y.enterprise_id WHERE y.year <= $1 AND e.division_code >= $2 AND e.division_code < $3")
        .bind(year as i64)
        .bind(&lo)
        .bind(&hi)
        .fetch_one(&db.pool)
        .await?
        .try_get(0)?;
    Ok(y.map(|y| y as i32))
}

async fn count(db: &Db, sql: &str, division: &str) -> Result<f64> {
    let (lo, hi) = division_range(division);
    let n: i64 = sqlx::query(sql).bind(&lo).bind(&hi).fetch_one(&db.pool).await?.try_get(0)?;
    Ok(n as f64)
}

/// SQL behind each ledger count, so that a figure can be followed to its list.
pub const AB_GRADE_SQL: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM enterprises e WHERE e.env_grade IN ('A', 'B') AND e.status <> 'closed' AND e.division_code >= $1 AND e.division_code < $2";
pub const LOW_NOX_SQL: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM equipment q JOIN enterprises e ON e.id = q.enterprise_id
     WHERE q.kind = 'gas_boiler' AND q.process = 'low_nox' AND e.division_code >= $1 AND e.division_code < $2";
pub const EXITS_SQL: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM cases e WHERE e.exited_on IS NOT NULL AND e.division_code >= $1 AND e.division_code < $2";

/// A target's current value and its assessment for a year (the current year while the plan runs).
#[derive(Clone, Debug, serde::Serialize)]
pub struct TargetStatus {
    pub target: Target,
    pub assessment: Assessment,
    /// For intensity targets: the two intensities compared and the years.
    pub detail: String,
    /// Where the figure's list is on the platform.
    pub link: Option<String>,
}

pub async fn target_status(db: &Db, plan: &Plan, t: &Target, year: i32) -> Result<TargetStatus> {
    let year = year.min(t.target_year);
    let mut detail = String::new();
    let mut link = None;
    let (current, year) = match t.source {
        Source::LedgerEnergyIntensity | Source::LedgerWaterIntensity => {
            let water = t.source == Source::LedgerWaterIntensity;
            let y = latest_figures_year(db, &plan.division_code, year).await?.unwrap_or(year);
            let base = yearly_intensity(db, &plan.division_code, t.baseline_year, water).await?.or(Some(t.baseline_value).filter(|v| *v > 0.0));
            let now = if y > t.baseline_year { yearly_intensity(db, &plan.division_code, y, water).await? } else { None };
            if let (Some(b), Some(n)) = (base, now) {
                detail = format!("{}: {:.4} → {}: {:.4}", t.baseline_year, b, y, n);
            }
            link = Some(format!("/enterprises?above_scale=true&division={}", plan.division_code));
            (base.zip(now).and_then(|(b, n)| progress::change_pct(b, n)), y)
        }
        Source::LedgerAbGrade => {
            link = Some(format!("/enterprises?grade=AB&division={}", plan.division_code));
            (Some(count(db, AB_GRADE_SQL, &plan.division_code).await?), year)
        }
        Source::LedgerLowNoxBoilers => (Some(count(db, LOW_NOX_SQL, &plan.division_code).await?), year),
        Source::ExitCases => {
            link = Some("/cases?exited=true".into());
            (Some(count(db, EXITS_SQL, &plan.division_code).await?), year)
        }
        Source::ProjectCount | Source::ProjectInvestment => {
            let ps = projects(db, plan.id).await?;
            link = Some(format!("/plans/{}/projects", plan.id));
            let v = if t.source == Source::ProjectCount {
                ps.iter().filter(|p| p.status == "completed").count() as f64
            } else {
                ps.iter().filter(|p| p.status != "planned").map(|p| p.investment_10k).sum::<f64>() / 10_000.0
            };
            (Some(v), year)
        }
        Source::Reported => (latest_reported(db, t.id).await?, year),
    };
    let assessment = progress::assess(t, year, current, plan.at_risk_ratio);
    Ok(TargetStatus { target: t.clone(), assessment, detail, link })
}

/// The latest value a unit reported for a target in an accepted (or, failing that, submitted) report.
pub async fn latest_reported(db: &Db, target_id: i64) -> Result<Option<f64>> {
    let row = sqlx::query(
        "SELECT i.value FROM plan_report_items i JOIN plan_reports r ON r.id = i.report_id
         WHERE i.target_id = $1 AND i.value IS NOT NULL AND r.state <> 'returned'
         ORDER BY CASE WHEN r.state = 'accepted' THEN 0 ELSE 1 END, r.month DESC LIMIT 1",
    )
    .bind(target_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(match row {
        Some(r) => r.try_get(0)?,
        None => None,
    })
}

pub async fn target_statuses(db: &Db, plan: &Plan, year: i32) -> Result<Vec<TargetStatus>> {
    let mut out = Vec::new();
    for t in targets(db, plan.id).await? {
        out.push(target_status(db, plan, &t, year).await?);
    }
    Ok(out)
}

// ---------------------------------------------------------------- projects

pub async fn add_project(db: &Db, actor: &Actor, p: &Project) -> Result<i64> {
    if crate::plans::PROJECT_DOMAINS.iter().all(|d| d.0 != p.domain) {
        return Err(Error::Invalid(crate::i18n::catalogue::plans::project_domain_invalid(&p.name, &p.domain)));
    }
    if !(p.investment_10k >= 0.0) || p.name.trim().is_empty() {
        return Err(Error::Invalid(crate::i18n::catalogue::plans::project_invalid(&p.name)));
    }
    audited!(db, actor, |tx| {
        let id: i64 = sqlx::query(
            "INSERT INTO plan_projects (plan_id, name, domain, investment_10k, year, status, expected_reduction, unit_id, scenario_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(p.plan_id)
        .bind(&p.name)
        .bind(&p.domain)
        .bind(Float(Some(p.investment_10k)))
        .bind(p.year as i64)
        .bind(&p.status)
        .bind(&p.expected_reduction)
        .bind(p.unit_id)
        .bind(p.scenario_id)
        .fetch_one(&mut **tx)
        .await?
        .try_get(0)?;
        Ok((id, vec![("project_add".into(), id.to_string(), json!({ "plan": p.plan_id, "name": p.name, "investment_10k": p.investment_10k, "scenario": p.scenario_id }))]))
    })
}

pub async fn projects(db: &Db, plan_id: i64) -> Result<Vec<Project>> {
    let rows = sqlx::query("SELECT id, plan_id, name, domain, investment_10k, year, status, expected_reduction, unit_id, scenario_id FROM plan_projects WHERE plan_id = $1 ORDER BY year, domain, id")
        .bind(plan_id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Project {
                id: r.try_get(0)?,
                plan_id: r.try_get(1)?,
                name: r.try_get(2)?,
                domain: r.try_get(3)?,
                investment_10k: r.try_get(4)?,
                year: r.try_get::<i64, _>(5)? as i32,
                status: r.try_get(6)?,
                expected_reduction: r.try_get(7)?,
                unit_id: r.try_get(8)?,
                scenario_id: r.try_get(9)?,
            })
        })
        .collect()
}

/// The key projects (plan id, plan title, project name) that name a scenario, for its page.
pub async fn projects_of_scenario(db: &Db, scenario_id: i64) -> Result<Vec<(i64, String, String)>> {
    let rows = sqlx::query("SELECT p.id, p.title, j.name FROM plan_projects j JOIN plans p ON p.id = j.plan_id WHERE j.scenario_id = $1 ORDER BY p.id, j.id")
        .bind(scenario_id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?))).collect()
}

/// Links a key project to the saved scenario that models it, or unlinks it (`None`); audited
/// with the link before and after. The caller has checked that the viewer may see the scenario.
pub async fn link_project_scenario(db: &Db, actor: &Actor, plan_id: i64, project_id: i64, scenario_id: Option<i64>) -> Result<()> {
    audited!(db, actor, |tx| {
        let before = sqlx::query_scalar::<_, Option<i64>>("SELECT scenario_id FROM plan_projects WHERE id = $1 AND plan_id = $2")
            .bind(project_id)
            .bind(plan_id)
            .fetch_optional(&mut **tx)
            .await?;
        let Some(before) = before else { return Err(Error::NotFound(crate::i18n::catalogue::plans::project_not_found(project_id))) };
        sqlx::query("UPDATE plan_projects SET scenario_id = $1 WHERE id = $2").bind(scenario_id).bind(project_id).execute(&mut **tx).await?;
        Ok(((), vec![("project_scenario".into(), project_id.to_string(), json!({ "plan": plan_id, "before": before, "scenario": scenario_id }))]))
    })
}

/// Accounts by unit: (unit id, username, display name).
pub async fn unit_members(db: &Db) -> Result<Vec<(i64, String, String)>> {
    let rows = sqlx::query("SELECT unit_id, username, display_name FROM users WHERE unit_id IS NOT NULL ORDER BY username").fetch_all(&db.pool).await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?))).collect()
}

// ---------------------------------------------------------------- monthly reports

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct ReportItem {
    pub task_id: Option<i64>,
    pub target_id: Option<i64>,
    /// tasks: in_progress | completed
    pub task_state: String,
    pub value: Option<f64>,
    pub progress: String,
}

#[derive(Clone, Debug)]
pub struct Attachment {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Report {
    pub id: i64,
    pub plan_id: i64,
    pub unit_id: i64,
    pub month: String,
    pub submitted_on: String,
    /// submitted | returned | accepted
    pub state: String,
    pub summary: String,
    pub review_note: String,
    pub reviewed_by: String,
    pub author: String,
    pub items: Vec<ReportItem>,
    pub files: Vec<(i64, String)>,
}

/// The label of a report's state (`submitted`, `returned`, `accepted`); an unknown state is shown as it is.
pub fn report_state(s: &str) -> crate::i18n::Msg {
    use crate::i18n::catalogue::{common, plans};
    match s {
        "submitted" => plans::state_submitted(),
        "returned" => plans::state_returned(),
        "accepted" => plans::state_accepted(),
        _ => common::unknown(),
    }
}

pub fn report_state_label(s: &str, zh: bool) -> String {
    report_state(s).render(if zh { crate::i18n::Lang::Zh } else { crate::i18n::Lang::En })
}

/// Allowed attachment types by name and first bytes: PDF, JPEG, PNG, Word and Excel (2007+), at most 10 MB each.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

pub fn attachment_type(name: &str, bytes: &[u8]) -> Option<&'static str> {
    let lower = name.to_lowercase();
    let ext = lower.rsplit('.').next().unwrap_or("");
    match ext {
        "pdf" if bytes.starts_with(b"%PDF-") => Some("application/pdf"),
        "jpg" | "jpeg" if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) => Some("image/jpeg"),
        "png" if bytes.starts_with(b"\x89PNG\r\n\x1a\n") => Some("image/png"),
        "docx" if bytes.starts_with(b"PK\x03\x04") => Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "xlsx" if bytes.starts_with(b"PK\x03\x04") => Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        _ => None,
    }
}

/// File (or re-file, until it is accepted) a unit's report for a month. Refused, with nothing
/// written: an item for a task the unit does not report on or a target it does not answer for,
/// a month outside the plan, an attachment of a type not allowed.
pub async fn file_report(
    db: &Db,
    actor: &Actor,
    plan: &Plan,
    unit_id: i64,
    month: &str,
    submitted_on: time::Date,
    summary: &str,
    items: &[ReportItem],
    files: &[Attachment],
) -> Result<i64> {
    use crate::plans::due;
    let Some((y, m)) = due::parse_month(month) else { return Err(Error::Invalid(crate::i18n::catalogue::plans::month_invalid(month))) };
    let (start, end) = plan_period(plan)?;
    let first = time::Date::from_calendar_date(y, m, 1).map_err(|_| Error::Invalid(crate::i18n::catalogue::plans::month_invalid(month)))?;
    if first > end || due::due_date(y, m, 31).is_some_and(|last| last < start) {
        return Err(Error::Invalid(crate::i18n::catalogue::plans::month_outside_plan(month)));
    }
    let tasks = tasks(db, plan.id).await?;
    let targets = targets(db, plan.id).await?;
    let unit_name = units(db).await?.into_iter().find(|u| u.id == unit_id).map(|u| u.name).ok_or_else(|| Error::Invalid(crate::i18n::catalogue::plans::unknown_unit()))?;
    for it in items {
        if let Some(tid) = it.task_id {
            let Some(t) = tasks.iter().find(|t| t.id == tid) else { return Err(Error::Invalid(crate::i18n::catalogue::plans::task_not_in_plan(tid))) };
            if !t.reporting_units().contains(&unit_id) {
                return Err(Error::Invalid(crate::i18n::catalogue::plans::unit_not_responsible(&unit_name, &t.number, &t.title)));
            }
            if !["in_progress", "completed"].contains(&it.task_state.as_str()) {
                return Err(Error::Invalid(crate::i18n::catalogue::plans::task_state_invalid(&t.number, &it.task_state)));
            }
        }
        if let Some(gid) = it.target_id {
            let Some(g) = targets.iter().find(|g| g.id == gid) else { return Err(Error::Invalid(crate::i18n::catalogue::plans::target_not_in_plan(gid))) };
            if g.unit_id != unit_id {
                return Err(Error::Invalid(crate::i18n::catalogue::plans::unit_not_for_target(&unit_name, &g.indicator)));
            }
            if it.value.is_some_and(|v| !v.is_finite()) {
                return Err(Error::Invalid(crate::i18n::catalogue::plans::target_value_invalid(&g.indicator)));
            }
        }
    }
    let mut typed = Vec::new();
    for f in files {
        if f.bytes.len() > MAX_ATTACHMENT_BYTES {
            return Err(Error::TooLarge(crate::i18n::catalogue::plans::attachment_too_large(&f.file_name)));
        }
        let Some(ct) = attachment_type(&f.file_name, &f.bytes) else {
            return Err(Error::Invalid(crate::i18n::catalogue::plans::attachment_type(&f.file_name)));
        };
        typed.push((f, ct));
    }
    let day = due::format_day(submitted_on);
    audited!(db, actor, |tx| {
        let existing = sqlx::query("SELECT id, state FROM plan_reports WHERE plan_id = $1 AND unit_id = $2 AND month = $3")
            .bind(plan.id)
            .bind(unit_id)
            .bind(month)
            .fetch_optional(&mut **tx)
            .await?;
        let now = super::now();
        let id: i64 = match existing {
            Some(r) => {
                let (id, state): (i64, String) = (r.try_get(0)?, r.try_get(1)?);
                if state == "accepted" {
                    return Err(Error::Conflict(crate::i18n::catalogue::plans::report_accepted_already(month)));
                }
                sqlx::query("DELETE FROM plan_report_items WHERE report_id = $1").bind(id).execute(&mut **tx).await?;
                sqlx::query("UPDATE plan_reports SET submitted_on = $1, state = 'submitted', summary = $2, author = $3, updated_at = $4 WHERE id = $5")
                    .bind(&day)
                    .bind(summary)
                    .bind(&actor.name)
                    .bind(&now)
                    .bind(id)
                    .execute(&mut **tx)
                    .await?;
                id
            }
            None => sqlx::query(
                "INSERT INTO plan_reports (plan_id, unit_id, month, submitted_on, state, summary, author, updated_at) VALUES ($1, $2, $3, $4, 'submitted', $5, $6, $7) RETURNING id",
            )
            .bind(plan.id)
            .bind(unit_id)
            .bind(month)
            .bind(&day)
            .bind(summary)
            .bind(&actor.name)
            .bind(&now)
            .fetch_one(&mut **tx)
            .await?
            .try_get(0)?,
        };
        for it in items {
            sqlx::query("INSERT INTO plan_report_items (report_id, task_id, target_id, task_state, value, progress) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(id)
                .bind(it.task_id)
                .bind(it.target_id)
                .bind(&it.task_state)
                .bind(Float(it.value))
                .bind(&it.progress)
                .execute(&mut **tx)
                .await?;
        }
        let mut names = Vec::new();
        for (f, ct) in &typed {
            use base64::Engine;
            use sha2::Digest;
            let sha = hex::encode(sha2::Sha256::digest(&f.bytes));
            sqlx::query("INSERT INTO plan_report_files (report_id, file_name, content_type, sha256, data_b64) VALUES ($1, $2, $3, $4, $5)")
                .bind(id)
                .bind(&f.file_name)
                .bind(*ct)
                .bind(&sha)
                .bind(base64::engine::general_purpose::STANDARD.encode(&f.bytes))
                .execute(&mut **tx)
                .await?;
            names.push(json!({ "name": f.file_name, "sha256": sha }));
        }
        Ok((id, vec![("report_file".into(), id.to_string(), json!({ "plan": plan.id, "unit": unit_name, "month": month, "on": day, "items": items, "files": names }))]))
    })
}

const REPORT_COLUMNS: &str = "id, plan_id, unit_id, month, submitted_on, state, summary, review_note, reviewed_by, author";

async fn report_of(db: &Db, r: &sqlx::any::AnyRow) -> Result<Report> {
    let id: i64 = r.try_get(0)?;
    let items = sqlx::query("SELECT task_id, target_id, task_state, value, progress FROM plan_report_items WHERE report_id = $1 ORDER BY id")
        .bind(id)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|i| Ok(ReportItem { task_id: i.try_get(0)?, target_id: i.try_get(1)?, task_state: i.try_get(2)?, value: i.try_get(3)?, progress: i.try_get(4)? }))
        .collect::<Result<Vec<_>>>()?;
    let files = sqlx::query("SELECT id, file_name FROM plan_report_files WHERE report_id = $1 ORDER BY id")
        .bind(id)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|f| Ok((f.try_get(0)?, f.try_get(1)?)))
        .collect::<Result<Vec<_>>>()?;
    Ok(Report {
        id,
        plan_id: r.try_get(1)?,
        unit_id: r.try_get(2)?,
        month: r.try_get(3)?,
        submitted_on: r.try_get(4)?,
        state: r.try_get(5)?,
        summary: r.try_get(6)?,
        review_note: r.try_get(7)?,
        reviewed_by: r.try_get(8)?,
        author: r.try_get(9)?,
        items,
        files,
    })
}

pub async fn reports(db: &Db, plan_id: i64, month: &str) -> Result<Vec<Report>> {
    let rows = sqlx::query(&format!("SELECT {REPORT_COLUMNS} FROM plan_reports WHERE plan_id = $1 AND month = $2 ORDER BY unit_id"))
        .bind(plan_id)
        .bind(month)
        .fetch_all(&db.pool)
        .await?;
    let mut out = Vec::new();
    for r in &rows {
        out.push(report_of(db, r).await?);
    }
    Ok(out)
}

pub async fn report(db: &Db, plan_id: i64, id: i64) -> Result<Report> {
    let row = sqlx::query(&format!("SELECT {REPORT_COLUMNS} FROM plan_reports WHERE id = $1 AND plan_id = $2")).bind(id).bind(plan_id).fetch_optional(&db.pool).await?;
    match row {
        Some(r) => report_of(db, &r).await,
        None => Err(Error::NotFound(crate::i18n::catalogue::plans::report_not_found(id))),
    }
}

pub async fn report_file(db: &Db, report_id: i64, file_id: i64) -> Result<(String, String, Vec<u8>)> {
    use base64::Engine;
    let row = sqlx::query("SELECT file_name, content_type, data_b64 FROM plan_report_files WHERE id = $1 AND report_id = $2")
        .bind(file_id)
        .bind(report_id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| Error::NotFound(crate::i18n::catalogue::plans::file_not_found(file_id)))?;
    let data: String = row.try_get(2)?;
    let bytes = base64::engine::general_purpose::STANDARD.decode(data).map_err(|e| Error::other(e))?;
    Ok((row.try_get(0)?, row.try_get(1)?, bytes))
}

/// The lead unit accepts or returns a submitted report. Accepting moves the tasks it reports
/// on: completed when the report says so, in progress otherwise (a task's state follows its reports).
pub async fn review_report(db: &Db, actor: &Actor, plan_id: i64, report_id: i64, accept: bool, note: &str) -> Result<()> {
    let r = report(db, plan_id, report_id).await?;
    if r.state != "submitted" {
        return Err(Error::Conflict(crate::i18n::catalogue::plans::review_only_submitted(report_state(&r.state))));
    }
    if !accept && note.trim().is_empty() {
        return Err(Error::Invalid(crate::i18n::catalogue::plans::return_needs_reason()));
    }
    audited!(db, actor, |tx| {
        let state = if accept { "accepted" } else { "returned" };
        sqlx::query("UPDATE plan_reports SET state = $1, review_note = $2, reviewed_by = $3, updated_at = $4 WHERE id = $5 AND state = 'submitted'")
            .bind(state)
            .bind(note)
            .bind(&actor.name)
            .bind(super::now())
            .bind(report_id)
            .execute(&mut **tx)
            .await?;
        if accept {
            for it in &r.items {
                let Some(task) = it.task_id else { continue };
                let sql = if it.task_state == "completed" {
                    "UPDATE tasks SET state = 'completed', updated_at = $2 WHERE id = $1"
                } else {
                    "UPDATE tasks SET state = 'in_progress', updated_at = $2 WHERE id = $1 AND state <> 'completed'"
                };
                sqlx::query(sql).bind(task).bind(super::now()).execute(&mut **tx).await?;
            }
        }
        Ok(((), vec![(format!("report_{}", if accept { "accept" } else { "return" }), report_id.to_string(), json!({ "plan": plan_id, "month": r.month, "note": note }))]))
    })
}

// ---------------------------------------------------------------- supervision

#[derive(Clone, Debug, serde::Serialize)]
pub struct Notice {
    pub id: i64,
    pub plan_id: i64,
    pub unit_id: i64,
    pub subject: String,
    pub level: String,
    pub reason: String,
    pub issued_on: String,
    pub answer_by: String,
    pub issued_by: String,
    pub answer: String,
    pub answered_on: Option<String>,
}

pub async fn notices(db: &Db, plan_id: i64) -> Result<Vec<Notice>> {
    let rows = sqlx::query(
        "SELECT id, plan_id, unit_id, subject, level, reason, issued_on, answer_by, issued_by, answer, answered_on FROM notices WHERE plan_id = $1 ORDER BY id DESC",
    )
    .bind(plan_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Notice {
                id: r.try_get(0)?,
                plan_id: r.try_get(1)?,
                unit_id: r.try_get(2)?,
                subject: r.try_get(3)?,
                level: r.try_get(4)?,
                reason: r.try_get(5)?,
                issued_on: r.try_get(6)?,
                answer_by: r.try_get(7)?,
                issued_by: r.try_get(8)?,
                answer: r.try_get(9)?,
                answered_on: r.try_get(10)?,
            })
        })
        .collect()
}

pub async fn open_notices(db: &Db, plan_id: i64) -> Result<i64> {
    Ok(sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) FROM notices WHERE plan_id = $1 AND answered_on IS NULL").bind(plan_id).fetch_one(&db.pool).await?.try_get(0)?)
}

/// What is behind today: overdue tasks (their lead unit answers), targets behind their
/// milestone (the responsible unit), and reports missing after the due day (each unit that
/// should report). Each matter as (unit, subject, reason).
pub async fn behind(db: &Db, plan: &Plan, today: time::Date) -> Result<Vec<(i64, String, crate::i18n::Msg)>> {
    use crate::i18n::catalogue::plans as C;
    use crate::plans::due;
    let mut out = Vec::new();
    let tasks = tasks(db, plan.id).await?;
    for t in tasks.iter().filter(|t| t.overdue(today)) {
        out.push((t.lead_unit_id, format!("task:{}", t.id), C::behind_task(t.number.clone(), t.title.clone(), t.due_date.clone())));
    }
    for s in target_statuses(db, plan, today.year()).await? {
        if s.assessment.state == progress::TargetState::Behind {
            out.push((
                s.target.unit_id,
                format!("target:{}", s.target.id),
                C::behind_target(s.target.indicator.clone(), s.assessment.year, s.assessment.required, format!("{:.0}", s.assessment.share.unwrap_or(0.0) * 100.0)),
            ));
        }
    }
    // The latest month whose due day has passed, within the plan.
    let this_month_due = due::due_date(today.year(), today.month(), plan.due_day).unwrap_or(today);
    let (y, m) = if today > this_month_due { (today.year(), today.month()) } else if today.month() == time::Month::January { (today.year() - 1, time::Month::December) } else { (today.year(), today.month().previous()) };
    let month = due::format_month(y, m);
    let (start, end) = plan_period(plan)?;
    let first = time::Date::from_calendar_date(y, m, 1).unwrap_or(start);
    if first <= end && due::due_date(y, m, 31).is_some_and(|l| l >= start) {
        let filed: Vec<i64> = reports(db, plan.id, &month).await?.iter().filter(|r| r.state != "returned").map(|r| r.unit_id).collect();
        for u in reporting_units(&tasks, &targets(db, plan.id).await?) {
            if !filed.contains(&u) {
                out.push((u, format!("report:{month}"), C::behind_report(month.clone(), plan.due_day)));
            }
        }
    }
    Ok(out)
}

/// The units expected to report monthly: lead and responsible units of tasks, units of targets.
pub fn reporting_units(tasks: &[Task], targets: &[Target]) -> Vec<i64> {
    let mut v: Vec<i64> = tasks.iter().flat_map(|t| t.reporting_units()).chain(targets.iter().map(|t| t.unit_id)).collect();
    v.sort();
    v.dedup();
    v
}

/// Issue the next supervision notice for everything behind (reminder, then circular notice,
/// then interview, each after the previous answer date passed). Returns the notices issued.
pub async fn issue_notices(db: &Db, actor: &Actor, plan: &Plan, today: time::Date) -> Result<usize> {
    use crate::plans::escalation::{next_level, Issued, Level};
    let matters = behind(db, plan, today).await?;
    let existing = notices(db, plan.id).await?;
    let mut new = Vec::new();
    for (unit, subject, reason) in matters {
        let history: Vec<Issued> = existing
            .iter()
            .filter(|n| n.unit_id == unit && n.subject == subject)
            .filter_map(|n| Some(Issued { level: Level::parse(&n.level)?, answer_by: crate::plans::due::parse_day(&n.answer_by)? }))
            .collect();
        if let Some(level) = next_level(&history, today) {
            let answer_by = today + time::Duration::days(level.answer_days());
            // A notice is a document issued in Chinese; it is stored as issued.
            new.push((unit, subject, reason.render(crate::i18n::Lang::Zh), level, answer_by));
        }
    }
    let n = new.len();
    if n == 0 {
        return Ok(0);
    }
    audited!(db, actor, |tx| {
        let mut entries = Vec::new();
        for (unit, subject, reason, level, answer_by) in &new {
            let id: i64 = sqlx::query(
                "INSERT INTO notices (plan_id, unit_id, subject, level, reason, issued_on, answer_by, issued_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(plan.id)
            .bind(unit)
            .bind(subject)
            .bind(level.code())
            .bind(reason)
            .bind(crate::plans::due::format_day(today))
            .bind(crate::plans::due::format_day(*answer_by))
            .bind(&actor.name)
            .fetch_one(&mut **tx)
            .await?
            .try_get(0)?;
            entries.push(("notice_issue".to_string(), id.to_string(), json!({ "plan": plan.id, "unit": unit, "subject": subject, "level": level.code(), "reason": reason })));
        }
        Ok((n, entries))
    })
}

/// The unit answers a notice (once).
pub async fn answer_notice(db: &Db, actor: &Actor, plan_id: i64, notice_id: i64, unit_id: i64, answer: &str, today: time::Date) -> Result<()> {
    if answer.trim().is_empty() {
        return Err(Error::Invalid(crate::i18n::catalogue::plans::answer_empty()));
    }
    audited!(db, actor, |tx| {
        let row = sqlx::query("SELECT unit_id, answered_on FROM notices WHERE id = $1 AND plan_id = $2").bind(notice_id).bind(plan_id).fetch_optional(&mut **tx).await?;
        let Some(row) = row else { return Err(Error::NotFound(crate::i18n::catalogue::plans::notice_not_found(notice_id))) };
        let (unit, answered): (i64, Option<String>) = (row.try_get(0)?, row.try_get(1)?);
        if unit != unit_id {
            return Err(Error::NotFound(crate::i18n::catalogue::plans::notice_not_found(notice_id)));
        }
        if answered.is_some() {
            return Err(Error::Conflict(crate::i18n::catalogue::plans::answered_already()));
        }
        sqlx::query("UPDATE notices SET answer = $1, answered_on = $2 WHERE id = $3")
            .bind(answer.trim())
            .bind(crate::plans::due::format_day(today))
            .bind(notice_id)
            .execute(&mut **tx)
            .await?;
        Ok(((), vec![("notice_answer".into(), notice_id.to_string(), json!({ "answer": answer.trim() }))]))
    })
}

// ---------------------------------------------------------------- year-end report

pub async fn annual_texts(db: &Db, unit_id: i64, year: i32) -> Result<std::collections::BTreeMap<String, String>> {
    let rows = sqlx::query("SELECT section, body FROM annual_texts WHERE unit_id = $1 AND year = $2").bind(unit_id).bind(year as i64).fetch_all(&db.pool).await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}

pub async fn save_annual_text(db: &Db, actor: &Actor, unit_id: i64, year: i32, section: &str, body: &str) -> Result<()> {
    if crate::plans::annual::BLOCKS.iter().all(|b| b.0 != section) {
        return Err(Error::Invalid(crate::i18n::catalogue::plans::unknown_block(section)));
    }
    if body.chars().count() > 5000 {
        return Err(Error::TooLarge(crate::i18n::catalogue::plans::block_too_long()));
    }
    audited!(db, actor, |tx| {
        sqlx::query("DELETE FROM annual_texts WHERE unit_id = $1 AND year = $2 AND section = $3").bind(unit_id).bind(year as i64).bind(section).execute(&mut **tx).await?;
        sqlx::query("INSERT INTO annual_texts (unit_id, year, section, body) VALUES ($1, $2, $3, $4)").bind(unit_id).bind(year as i64).bind(section).bind(body).execute(&mut **tx).await?;
        Ok(((), vec![("annual_text".into(), format!("{unit_id}/{year}/{section}"), json!({ "body": body }))]))
    })
}

async fn scalar(db: &Db, sql: &str, binds: &[&str]) -> Result<i64> {
    let mut q = sqlx::query(sql);
    for b in binds {
        q = q.bind(*b);
    }
    Ok(q.fetch_one(&db.pool).await?.try_get(0)?)
}

/// Everything the year-end report states, computed from the platform for a unit and a year.
/// Ledger figures are taken over the unit's division (a city bureau: the whole city).
pub async fn annual_facts(db: &Db, unit: &Unit, year: i32) -> Result<crate::plans::annual::Facts> {
    use crate::plans::annual::{Facts, TargetFigure};
    let division = if unit.division_code.len() > 6 { unit.division_code[..6].to_string() } else { unit.division_code.clone() };
    let (lo, hi) = division_range(&division);
    let division_name = crate::storage::ledger::division_path(db, &division).await?.last().map(|d| d.name.clone()).unwrap_or_default();
    let mut f = Facts { unit_name: unit.name.clone(), year, division_name: if division.ends_with("00") { "全市".into() } else { division_name }, ..Default::default() };
    f.figures_year = latest_figures_year(db, &division, year).await?.unwrap_or(year);
    let fy = f.figures_year.to_string();
    f.key_energy_users = scalar(
        db,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM yearly_figures y JOIN enterprises e ON e.id = y.enterprise_id WHERE y.year = CAST($3 AS BIGINT) AND y.energy_tce >= 10000 AND e.division_code >= $1 AND e.division_code < $2",
        &[&lo, &hi, &fy],
    )
    .await?;
    f.ab_grade = scalar(db, AB_GRADE_SQL, &[&lo, &hi]).await?;
    f.low_nox_boilers = scalar(db, LOW_NOX_SQL, &[&lo, &hi]).await?;
    let like = format!("{year}-%");
    let exits = "SELECT CAST(COUNT(*) AS BIGINT) FROM cases e WHERE e.exited_on LIKE $3 AND e.division_code >= $1 AND e.division_code < $2";
    f.exits_in_year = scalar(db, exits, &[&lo, &hi, &like]).await?;
    f.exits_dismantled = scalar(db, &format!("{exits} AND e.dismantled = 1"), &[&lo, &hi, &like]).await?;
    f.exits_sealed = f.exits_in_year - f.exits_dismantled;
    f.cases_open = scalar(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM cases e WHERE e.exited_on IS NULL AND e.state NOT IN ('compliant', 'published') AND e.division_code >= $1 AND e.division_code < $2", &[&lo, &hi]).await?;
    let today = crate::plans::due::today_beijing();
    let assess_year = year.min(today.year());
    for plan in plans(db, &Scope::All).await? {
        let tasks = tasks(db, plan.id).await?;
        let mine: Vec<&Task> = tasks.iter().filter(|t| t.reporting_units().contains(&unit.id)).collect();
        let targets = targets(db, plan.id).await?;
        let involved = plan.lead_unit_id == unit.id || !mine.is_empty() || targets.iter().any(|t| t.unit_id == unit.id);
        if !involved {
            continue;
        }
        f.plans.push((plan.id, plan.title.clone(), plan.doc_number.clone()));
        f.tasks_total += mine.len() as i64;
        f.tasks_completed += mine.iter().filter(|t| t.state == "completed").count() as i64;
        let year_end = time::Date::from_calendar_date(year, time::Month::December, 31).unwrap_or(today).min(today);
        f.tasks_overdue += mine.iter().filter(|t| t.overdue(year_end)).count() as i64;
        for t in &targets {
            if !matches!(t.source, Source::LedgerEnergyIntensity | Source::LedgerWaterIntensity) {
                continue;
            }
            let s = target_status(db, &plan, t, assess_year).await?;
            if let Some(change) = s.assessment.current {
                let figure = TargetFigure {
                    indicator: t.indicator.clone(),
                    change,
                    required: s.assessment.required,
                    met: s.assessment.state == progress::TargetState::OnTrack,
                    baseline_year: t.baseline_year,
                    year: s.assessment.year,
                };
                if t.source == Source::LedgerEnergyIntensity { f.energy.get_or_insert(figure) } else { f.water.get_or_insert(figure) };
            }
        }
        if plan.lead_unit_id == unit.id {
            let ps = projects(db, plan.id).await?;
            f.projects += ps.len() as i64;
            f.projects_completed += ps.iter().filter(|p| p.status == "completed").count() as i64;
            f.investment_yi += ps.iter().filter(|p| p.status != "planned").map(|p| p.investment_10k).sum::<f64>() / 10_000.0;
            for d in crate::plans::PROJECT_DOMAINS {
                let of: Vec<&Project> = ps.iter().filter(|p| p.domain == d.0).collect();
                if !of.is_empty() {
                    f.projects_by_domain.push((d.0.to_string(), of.len() as i64, of.iter().map(|p| p.investment_10k).sum::<f64>() / 10_000.0));
                }
            }
        }
        let notices = notices(db, plan.id).await?;
        let of_year: Vec<&Notice> = notices.iter().filter(|n| n.unit_id == unit.id && n.issued_on.starts_with(&year.to_string())).collect();
        f.notices_received += of_year.len() as i64;
        f.notices_answered += of_year.iter().filter(|n| n.answered_on.is_some()).count() as i64;
    }
    // Without a plan target, the intensity change is the ledger's, year on year.
    if f.energy.is_none() {
        let (a, b) = (yearly_intensity(db, &division, f.figures_year - 1, false).await?, yearly_intensity(db, &division, f.figures_year, false).await?);
        if let Some(change) = a.zip(b).and_then(|(a, b)| progress::change_pct(a, b)) {
            f.energy = Some(TargetFigure { indicator: "单位增加值能耗".into(), change, required: 0.0, met: change <= 0.0, baseline_year: f.figures_year - 1, year: f.figures_year });
        }
    }
    f.texts = annual_texts(db, unit.id, year).await?;
    Ok(f)
}
