//! Project admission review (准入审核): projects, their checks, the departments' opinions, the
//! decision and publication, each step audited in its transaction; every read scoped by the
//! project's location (division) and, for an enterprise account, its credit code. Approved
//! replacement capacity is bound to its exit case once (`admission_replacements.case_id` is the
//! key): a second project citing the same exited capacity is refused with the project that
//! counted it.

use serde_json::json;
use sqlx::Row;

use super::audit::{self, NewEntry};
use super::Db;
use crate::admission::check::{self, Finding, Outcome, Outcomes, Verdict};
use crate::admission::project::{self, Project};
use crate::admission::workflow::{self, Opinion, Stance, State, Step};
use crate::admission::Catalogue;
use crate::auth::{Role, Scope, Viewer};
use crate::i18n::catalogue::admission as A;
use crate::i18n::{Lang, Msg};
use crate::{Error, Result};

#[derive(Clone, Debug)]
pub struct Record {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub credit_code: String,
    pub company: String,
    pub industry_code: String,
    pub division_code: String,
    pub project: Project,
    pub findings: Vec<Finding>,
    pub verdict: Option<Verdict>,
    pub departments: Vec<String>,
    pub catalogue_version: String,
    pub state: State,
    pub decision: String,
    pub reasons: String,
    pub submitted_by: String,
    pub submitted_role: String,
    pub submitted_at: String,
    pub checked_at: Option<String>,
    pub decided_by: String,
    pub decided_at: Option<String>,
    pub published_at: Option<String>,
    pub updated_at: String,
}

const COLUMNS: &str = "e.id, e.name, e.kind, e.credit_code, e.company, e.industry_code, e.division_code, e.project_json, e.findings_json, e.verdict,
    e.departments, e.catalogue_version, e.state, e.decision, e.reasons, e.submitted_by, e.submitted_role, e.submitted_at, e.checked_at,
    e.decided_by, e.decided_at, e.published_at, e.updated_at";

fn record_of(r: &sqlx::any::AnyRow) -> Result<Record> {
    let id: i64 = r.try_get(0)?;
    let project_json: String = r.try_get(7)?;
    let value: serde_json::Value = serde_json::from_str(&project_json).map_err(|e| Error::other(format!("admission project {id}: stored JSON: {e}")))?;
    let units = crate::admission::catalogue::embedded().capacity_units.clone();
    // Stored projects were parsed before they were stored; read them back leniently with every unit.
    let project = project::from_value(&value, &units).or_else(|_| serde_json::from_value::<Project>(value.clone())).map_err(|_| Error::other(format!("admission project {id}: stored project unreadable")))?;
    let findings_json: String = r.try_get(8)?;
    let findings = if findings_json.is_empty() {
        Vec::new()
    } else {
        let v: serde_json::Value = serde_json::from_str(&findings_json).unwrap_or_default();
        v["findings"].as_array().map(|a| a.iter().filter_map(Finding::from_json).collect()).unwrap_or_default()
    };
    let verdict: String = r.try_get(9)?;
    let departments: String = r.try_get(10)?;
    let state: String = r.try_get(12)?;
    Ok(Record {
        id,
        name: r.try_get(1)?,
        kind: r.try_get(2)?,
        credit_code: r.try_get(3)?,
        company: r.try_get(4)?,
        industry_code: r.try_get(5)?,
        division_code: r.try_get(6)?,
        project,
        findings,
        verdict: Verdict::parse(&verdict),
        departments: departments.split_whitespace().map(str::to_string).collect(),
        catalogue_version: r.try_get(11)?,
        state: State::parse(&state).ok_or_else(|| Error::other(format!("admission project {id}: unknown state {state}")))?,
        decision: r.try_get(13)?,
        reasons: r.try_get(14)?,
        submitted_by: r.try_get(15)?,
        submitted_role: r.try_get(16)?,
        submitted_at: r.try_get(17)?,
        checked_at: r.try_get(18)?,
        decided_by: r.try_get(19)?,
        decided_at: r.try_get(20)?,
        published_at: r.try_get(21)?,
        updated_at: r.try_get(22)?,
    })
}

/// The replaced capacity of an exit case, as the ledger holds it.
struct ExitCase {
    division: String,
    credit_code: String,
    capacity: Option<f64>,
    unit: String,
    exited: bool,
}

async fn exit_case(db: &Db, id: i64) -> Result<Option<ExitCase>> {
    let row = sqlx::query("SELECT division_code, credit_code, capacity, capacity_unit, exited_on FROM cases WHERE id = $1").bind(id).fetch_optional(&db.pool).await?;
    Ok(match row {
        None => None,
        Some(r) => Some(ExitCase {
            division: r.try_get(0)?,
            credit_code: r.try_get(1)?,
            capacity: r.try_get(2)?,
            unit: r.try_get(3)?,
            exited: r.try_get::<Option<String>, _>(4)?.is_some(),
        }),
    })
}

/// The project that counted an exit case's capacity, if one did.
pub async fn used_by(db: &Db, case_id: i64) -> Result<Option<i64>> {
    Ok(sqlx::query("SELECT project_id FROM admission_replacements WHERE case_id = $1").bind(case_id).fetch_optional(&db.pool).await?.map(|r| r.try_get(0)).transpose()?)
}

/// Fill the replaced capacity from its exit cases and check it against the ledger: the case
/// exists, its capacity has exited, in the same unit, at least as much as cited, and no approved
/// project counted it. `own` is the project itself (its own approval does not count against it).
/// Every problem is named (replaced[i], value, reason).
async fn resolve(db: &Db, p: &mut Project, own: Option<i64>) -> Result<Vec<project::InputError>> {
    let mut problems = Vec::new();
    for (i, r) in p.replaced.iter_mut().enumerate() {
        let Some(id) = r.case_id else { continue };
        let field = format!("replaced[{i}].case_id");
        let bad = |reason: Msg| project::InputError { field: field.clone(), value: id.to_string(), reason };
        let Some(c) = exit_case(db, id).await? else {
            problems.push(bad(A::replaced_case_unknown()));
            continue;
        };
        if !c.exited {
            problems.push(bad(A::replaced_not_exited()));
        }
        if c.unit != r.unit {
            problems.push(bad(A::replaced_unit(c.unit.clone(), r.unit.clone())));
        }
        match c.capacity {
            Some(cap) if r.capacity <= cap + 1e-9 => {}
            Some(cap) => problems.push(bad(A::replaced_more_than_case(crate::admission::check::fmt_number(r.capacity), crate::admission::check::fmt_number(cap), c.unit.clone()))),
            None => problems.push(bad(A::replaced_case_no_capacity())),
        }
        if let Some(other) = used_by(db, id).await? {
            if Some(other) != own {
                problems.push(bad(A::replaced_already_used(other)));
            }
        }
        r.division = c.division;
        r.credit_code = c.credit_code;
    }
    Ok(problems)
}

fn refused(problems: Vec<project::InputError>) -> Error {
    let lang = Lang::Zh;
    let _ = lang;
    let list: Vec<Msg> = problems.iter().map(|p| p.message()).collect();
    Error::Invalid(A::refused_with(crate::i18n::Arg::both(
        list.iter().map(|m| m.render(Lang::Zh)).collect::<Vec<_>>().join(";"),
        list.iter().map(|m| m.render(Lang::En)).collect::<Vec<_>>().join("; "),
    )))
}

/// Submit a project (an enterprise account for itself; bureau staff for a project inside their
/// jurisdiction). The ledger's enterprise gives the company's name; replaced capacity is
/// checked against the ledger; nothing is written when anything is refused.
pub async fn submit(db: &Db, viewer: &Viewer, mut p: Project) -> Result<i64> {
    if viewer.role == Role::Enterprise {
        let Scope::Enterprise(own) = &viewer.scope else { return Err(Error::Forbidden(A::only_own_projects())) };
        if p.credit_code.is_empty() {
            p.credit_code = own.clone();
        }
        if &p.credit_code != own {
            return Err(Error::Invalid(A::only_own_projects()));
        }
    } else if !viewer.scope.admits_division(&p.division) && viewer.scope != Scope::All {
        return Err(Error::Invalid(A::outside_jurisdiction(p.division.clone())));
    }
    if !p.credit_code.is_empty() {
        let row = sqlx::query("SELECT name FROM enterprises WHERE credit_code = $1").bind(&p.credit_code).fetch_optional(&db.pool).await?;
        match row {
            Some(r) => p.company = r.try_get(0)?,
            None => return Err(refused(vec![project::InputError { field: "enterprise.credit_code".into(), value: p.credit_code.clone(), reason: A::enterprise_unknown() }])),
        }
    }
    let known = sqlx::query("SELECT 1 FROM divisions WHERE code = $1").bind(&p.division).fetch_optional(&db.pool).await?.is_some();
    if !known {
        return Err(refused(vec![project::InputError { field: "division".into(), value: p.division.clone(), reason: A::division_unknown() }]));
    }
    let problems = resolve(db, &mut p, None).await?;
    if !problems.is_empty() {
        return Err(refused(problems));
    }
    let now = super::now();
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query(
        "INSERT INTO admission_projects (name, kind, credit_code, company, industry_code, division_code, project_json, state, submitted_by, submitted_role, submitted_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'submitted', $8, $9, $10, $10) RETURNING id",
    )
    .bind(&p.name)
    .bind(p.kind.code())
    .bind(&p.credit_code)
    .bind(&p.company)
    .bind(&p.industry)
    .bind(&p.division)
    .bind(project::to_value(&p).to_string())
    .bind(&viewer.username)
    .bind(viewer.role_label())
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    let enterprise_id = if p.credit_code.is_empty() { None } else { super::ledger::enterprise_id_by_code(db, &p.credit_code).await? };
    let mut w = audit::AuditWriter::start(db, &mut tx, &viewer.actor()).await?;
    w.append(&mut tx, NewEntry { action: "admission_submit", entity: "admission_project", entity_id: id.to_string(), enterprise_id, before: None, after: Some(project::to_value(&p)) }).await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Filter {
    pub state: Option<String>,
    pub verdict: Option<String>,
    pub credit_code: Option<String>,
}

/// Projects inside the scope, newest first (at most 1,000).
pub async fn list(db: &Db, scope: &Scope, f: &Filter) -> Result<Vec<Record>> {
    let (within, mut binds) = scope.where_clause(1);
    let mut sql = format!("SELECT {COLUMNS} FROM admission_projects e WHERE {within}");
    if let Some(s) = f.state.as_deref().and_then(State::parse) {
        binds.push(s.code().into());
        sql.push_str(&format!(" AND e.state = ${}", binds.len()));
    }
    if let Some(v) = f.verdict.as_deref().and_then(Verdict::parse) {
        binds.push(v.code().into());
        sql.push_str(&format!(" AND e.verdict = ${}", binds.len()));
    }
    if let Some(c) = f.credit_code.as_deref().filter(|c| !c.is_empty()) {
        binds.push(c.into());
        sql.push_str(&format!(" AND e.credit_code = ${}", binds.len()));
    }
    sql.push_str(" ORDER BY e.id DESC LIMIT 1000");
    let mut q = sqlx::query(&sql);
    for b in &binds {
        q = q.bind(b);
    }
    q.fetch_all(&db.pool).await?.iter().map(record_of).collect()
}

/// One project inside the scope (outside it: NotFound, as if it did not exist).
pub async fn get(db: &Db, scope: &Scope, id: i64) -> Result<Record> {
    let (within, binds) = scope.where_clause(2);
    let sql = format!("SELECT {COLUMNS} FROM admission_projects e WHERE e.id = $1 AND {within}");
    let mut q = sqlx::query(&sql).bind(id);
    for b in &binds {
        q = q.bind(b);
    }
    record_of(&q.fetch_optional(&db.pool).await?.ok_or_else(|| Error::NotFound(A::not_found(id)))?)
}

pub async fn exists(db: &Db, id: i64) -> Result<bool> {
    Ok(sqlx::query("SELECT 1 FROM admission_projects WHERE id = $1").bind(id).fetch_optional(&db.pool).await?.is_some())
}

pub async fn opinions(db: &Db, id: i64) -> Result<Vec<Opinion>> {
    let rows = sqlx::query("SELECT department, stance, text, by_user, at FROM admission_opinions WHERE project_id = $1 ORDER BY id").bind(id).fetch_all(&db.pool).await?;
    rows.iter()
        .map(|r| {
            let stance: String = r.try_get(1)?;
            Ok(Opinion { department: r.try_get(0)?, stance: Stance::parse(&stance).unwrap_or(Stance::Disagree), text: r.try_get(2)?, by: r.try_get(3)?, at: r.try_get(4)? })
        })
        .collect()
}

/// Exit cases whose capacity this project counted (after its approval).
pub async fn replacements(db: &Db, id: i64) -> Result<Vec<(i64, f64, String)>> {
    let rows = sqlx::query("SELECT case_id, capacity, unit FROM admission_replacements WHERE project_id = $1 ORDER BY case_id").bind(id).fetch_all(&db.pool).await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?))).collect()
}

/// The check: the catalogue's findings plus the ledger's (replaced capacity that stopped being
/// usable since submission is a refusal naming the reason).
pub async fn run_check(db: &Db, cat: &Catalogue, rec: &Record) -> Result<Outcomes> {
    let mut p = rec.project.clone();
    let problems = resolve(db, &mut p, Some(rec.id)).await?;
    let o = check::check(cat, &p);
    let mut findings = o.findings;
    for pr in problems {
        findings.push(Finding {
            rule_id: "ledger-replaced-capacity".into(),
            kind: "replacement_ledger".into(),
            outcome: Outcome::Refuse,
            title_zh: "被置换产能须已退出且只计算一次".into(),
            title_en: "Replaced capacity must have exited and counts once".into(),
            explanation: pr.message(),
            citation: crate::admission::catalogue::Citation {
                document: "郑州市推进工业结构调整打赢污染防治攻坚战工作方案".into(),
                issuer: "郑州市人民政府(转载稿未载发文字号)".into(),
                clause: "三、重污染企业搬迁改造 (2)依法合规推进".into(),
                status: "secondary".into(),
                seed: "004_287681968311ce01.txt".into(),
                line: 93,
                quote: "对产能过剩的行业要实行等量或减量置换,不得借机扩大产能。".into(),
            },
            departments: vec!["industry".into()],
            adopted_by: None,
            setting: None,
        });
    }
    Ok(check::finish(findings, &o.catalogue_version))
}

/// Compare-and-set of the project's state inside the transaction (its first statement).
async fn claim(tx: &mut sqlx::Transaction<'static, sqlx::Any>, rec: &Record, now: &str) -> Result<()> {
    let n = sqlx::query("UPDATE admission_projects SET updated_at = $1 WHERE id = $2 AND state = $3 AND updated_at = $4")
        .bind(now)
        .bind(rec.id)
        .bind(rec.state.code())
        .bind(&rec.updated_at)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    if n == 0 {
        return Err(Error::Conflict(A::changed_meanwhile()));
    }
    Ok(())
}

fn enterprise_of(rec: &Record) -> Option<String> {
    (!rec.credit_code.is_empty()).then(|| rec.credit_code.clone())
}

/// Take a step of the review. The state machine judges it first; a refused step writes nothing.
pub async fn step(db: &Db, viewer: &Viewer, id: i64, step: Step) -> Result<Record> {
    let rec = get(db, &viewer.scope, id).await?;
    let ops = opinions(db, id).await?;
    let cur = workflow::Current { state: rec.state, verdict: rec.verdict, required: &rec.departments, opinions: &ops };
    let next = workflow::next(&cur, &step).map_err(Error::Invalid)?;
    let now = super::now();
    let enterprise_id = match enterprise_of(&rec) {
        Some(c) => super::ledger::enterprise_id_by_code(db, &c).await?,
        None => None,
    };
    // The check runs before the transaction (it reads the ledger); its outcome is stored in it.
    let outcome = if matches!(step, Step::Check) { Some(run_check(db, crate::admission::catalogue::embedded(), &rec).await?) } else { None };
    let mut tx = db.begin().await?;
    claim(&mut tx, &rec, &now).await?;
    let (action, after) = match &step {
        Step::Check => {
            let o = outcome.expect("computed above");
            let findings = check::to_json(&o, Lang::Zh);
            sqlx::query("UPDATE admission_projects SET findings_json = $1, verdict = $2, departments = $3, catalogue_version = $4, state = $5, checked_at = $6 WHERE id = $7")
                .bind(findings.to_string())
                .bind(o.verdict.code())
                .bind(o.departments.join(" "))
                .bind(&o.catalogue_version)
                .bind(next.code())
                .bind(&now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            ("admission_check", json!({ "verdict": o.verdict.code(), "catalogue_version": o.catalogue_version, "findings": o.findings.iter().map(|f| json!({"rule": f.rule_id, "outcome": f.outcome.code()})).collect::<Vec<_>>() }))
        }
        Step::Opinion { department, stance, text } => {
            sqlx::query("INSERT INTO admission_opinions (project_id, department, stance, text, by_user, at) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(id)
                .bind(department)
                .bind(stance.code())
                .bind(text.trim())
                .bind(&viewer.username)
                .bind(&now)
                .execute(&mut *tx)
                .await?;
            ("admission_opinion", json!({ "department": department, "stance": stance.code(), "text": text.trim() }))
        }
        Step::Decide { approve, reasons } => {
            let mut bound = Vec::new();
            if *approve {
                for r in rec.project.replaced.iter() {
                    let Some(case_id) = r.case_id else { continue };
                    let taken = sqlx::query("SELECT project_id FROM admission_replacements WHERE case_id = $1").bind(case_id).fetch_optional(&mut *tx).await?;
                    if let Some(t) = taken {
                        let other: i64 = t.try_get(0)?;
                        return Err(Error::Invalid(A::replaced_already_used_decide(case_id, other)));
                    }
                    let inserted = sqlx::query("INSERT INTO admission_replacements (case_id, project_id, capacity, unit, at) VALUES ($1, $2, $3, $4, $5)")
                        .bind(case_id)
                        .bind(id)
                        .bind(r.capacity)
                        .bind(&r.unit)
                        .bind(&now)
                        .execute(&mut *tx)
                        .await;
                    if inserted.is_err() {
                        return Err(Error::Conflict(A::replaced_race(case_id)));
                    }
                    bound.push(case_id);
                }
            }
            let decision = if *approve { "approved" } else { "refused" };
            sqlx::query("UPDATE admission_projects SET state = $1, decision = $2, reasons = $3, decided_by = $4, decided_at = $5 WHERE id = $6")
                .bind(next.code())
                .bind(decision)
                .bind(reasons.trim())
                .bind(&viewer.username)
                .bind(&now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            ("admission_decide", json!({ "decision": decision, "reasons": reasons.trim(), "replaced_cases": bound }))
        }
        Step::Publish => {
            sqlx::query("UPDATE admission_projects SET state = $1, published_at = $2 WHERE id = $3").bind(next.code()).bind(&now).bind(id).execute(&mut *tx).await?;
            ("admission_publish", json!({ "state": next.code() }))
        }
    };
    let mut w = audit::AuditWriter::start(db, &mut tx, &viewer.actor()).await?;
    w.append(&mut tx, NewEntry { action, entity: "admission_project", entity_id: id.to_string(), enterprise_id, before: Some(json!({ "state": rec.state.code() })), after: Some(after) }).await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    get(db, &viewer.scope, id).await
}
