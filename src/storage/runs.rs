//! Screening runs: each run's findings are stored with the catalogue version it used,
//! so any run can be shown again and compared with the one before it.

use std::collections::BTreeMap;

use serde_json::json;
use sqlx::Row;

use super::audit::{self, Actor, NewEntry};
use super::batch::{insert_rows, Value};
use super::Db;
use crate::auth::Scope;
use crate::error::{Error, Result};
use crate::screening::engine::{Finding, Screening};

#[derive(Clone, Debug, serde::Serialize)]
pub struct RunRow {
    pub id: i64,
    pub catalogue_id: i64,
    pub catalogue_version: String,
    pub scope: String,
    pub actor: String,
    pub at: String,
    pub enterprises: i64,
    pub equipment: i64,
    pub findings: i64,
    pub undecided: i64,
}

/// A stored finding, as pages and exports show it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct StoredFinding {
    pub key: String,
    pub credit_code: String,
    pub enterprise_name: String,
    pub division_code: String,
    pub industry_code: String,
    pub equipment: String,
    pub rule: String,
    pub title: String,
    pub dimension: String,
    pub facts: serde_json::Value,
    pub explanation: String,
    pub citation: serde_json::Value,
    pub outcome: String,
    pub deadline: Option<String>,
}

pub fn finding_key(f: &Finding) -> String {
    format!("{}|{}|{}", f.enterprise, f.equipment.as_deref().unwrap_or(""), f.rule)
}

pub fn scope_label(scope: &Scope) -> String {
    match scope {
        Scope::All => "all".into(),
        Scope::Divisions(d) => d.join(" "),
        Scope::Enterprise(c) => c.clone(),
        Scope::Nothing => "nothing".into(),
    }
}

/// Store a run and its findings in one transaction, with an audit entry.
pub async fn save(
    db: &Db,
    actor: &Actor,
    catalogue_id: i64,
    scope: &Scope,
    result: &Screening,
    divisions: &BTreeMap<String, (String, String)>,
    counts: (usize, usize),
) -> Result<i64> {
    let mut tx = db.begin().await?;
    let run_id: i64 = sqlx::query(
        "INSERT INTO screening_runs (catalogue_id, catalogue_version, scope, actor, at, enterprises, equipment, findings, undecided)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(catalogue_id)
    .bind(&result.catalogue_version)
    .bind(scope_label(scope))
    .bind(&actor.name)
    .bind(super::now())
    .bind(counts.0 as i64)
    .bind(counts.1 as i64)
    .bind(result.findings.len() as i64)
    .bind(result.undecided.len() as i64)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    let json = |v: &dyn erased::Ser| v.to_json();
    let rows: Vec<Vec<Value>> = result
        .findings
        .iter()
        .map(|f| {
            let (division, industry) = divisions.get(&f.enterprise).cloned().unwrap_or_default();
            vec![
                Value::from(run_id),
                Value::Text(finding_key(f)),
                (&f.enterprise).into(),
                (&f.enterprise_name).into(),
                Value::Text(division),
                Value::Text(industry),
                Value::Text(f.equipment.clone().unwrap_or_default()),
                (&f.rule).into(),
                (&f.title).into(),
                (&f.dimension).into(),
                Value::Text(json(&f.facts)),
                (&f.explanation).into(),
                Value::Text(json(&f.citation)),
                (&f.outcome).into(),
                Value::OptText(f.deadline.clone()),
            ]
        })
        .collect();
    const COLUMNS: [&str; 15] = [
        "run_id", "finding_key", "credit_code", "enterprise_name", "division_code", "industry_code", "equipment", "rule_id", "title",
        "dimension", "facts_json", "explanation", "citation_json", "outcome", "deadline",
    ];
    insert_rows(&mut tx, "findings", &COLUMNS, &rows, None).await?;
    let mut w = audit::AuditWriter::start(db, &mut tx, actor).await?;
    w.append(
        &mut tx,
        NewEntry {
            action: "screening_run",
            entity: "screening",
            entity_id: run_id.to_string(),
            enterprise_id: None,
            before: None,
            after: Some(json!({ "catalogue_version": result.catalogue_version, "findings": result.findings.len(), "scope": scope_label(scope) })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(run_id)
}

mod erased {
    pub trait Ser {
        fn to_json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn to_json(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}

fn run_of(r: &sqlx::any::AnyRow) -> Result<RunRow> {
    Ok(RunRow {
        id: r.try_get(0)?,
        catalogue_id: r.try_get(1)?,
        catalogue_version: r.try_get(2)?,
        scope: r.try_get(3)?,
        actor: r.try_get(4)?,
        at: r.try_get(5)?,
        enterprises: r.try_get(6)?,
        equipment: r.try_get(7)?,
        findings: r.try_get(8)?,
        undecided: r.try_get(9)?,
    })
}

const RUN_COLUMNS: &str = "id, catalogue_id, catalogue_version, scope, actor, at, enterprises, equipment, findings, undecided";

/// The latest runs made over exactly this scope, newest first.
pub async fn recent(db: &Db, scope: &Scope, limit: i64) -> Result<Vec<RunRow>> {
    let rows = sqlx::query(&format!("SELECT {RUN_COLUMNS} FROM screening_runs WHERE scope = $1 ORDER BY id DESC LIMIT {}", limit.clamp(1, 100)))
        .bind(scope_label(scope))
        .fetch_all(&db.pool)
        .await?;
    rows.iter().map(run_of).collect()
}

pub async fn run(db: &Db, id: i64) -> Result<RunRow> {
    let r = sqlx::query(&format!("SELECT {RUN_COLUMNS} FROM screening_runs WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| Error::NotFound(crate::i18n::catalogue::cli::run_not_found(id)))?;
    run_of(&r)
}

/// The findings of a run that lie inside `scope`.
pub async fn findings(db: &Db, run_id: i64, scope: &Scope) -> Result<Vec<StoredFinding>> {
    let rows = sqlx::query(
        "SELECT finding_key, credit_code, enterprise_name, division_code, industry_code, equipment, rule_id, title, dimension,
                facts_json, explanation, citation_json, outcome, deadline
         FROM findings WHERE run_id = $1 ORDER BY division_code, credit_code, equipment, rule_id",
    )
    .bind(run_id)
    .fetch_all(&db.pool)
    .await?;
    let parse = |s: String| serde_json::from_str(&s).unwrap_or(serde_json::Value::Null);
    let mut out = Vec::new();
    for r in rows {
        let f = StoredFinding {
            key: r.try_get(0)?,
            credit_code: r.try_get(1)?,
            enterprise_name: r.try_get(2)?,
            division_code: r.try_get(3)?,
            industry_code: r.try_get(4)?,
            equipment: r.try_get(5)?,
            rule: r.try_get(6)?,
            title: r.try_get(7)?,
            dimension: r.try_get(8)?,
            facts: parse(r.try_get(9)?),
            explanation: r.try_get(10)?,
            citation: parse(r.try_get(11)?),
            outcome: r.try_get(12)?,
            deadline: r.try_get(13)?,
        };
        if scope.admits(&f.division_code, &f.credit_code) {
            out.push(f);
        }
    }
    Ok(out)
}

/// New, resolved and unchanged findings of `current` against `previous`, by finding key.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Diff {
    pub new: Vec<String>,
    pub resolved: Vec<String>,
    pub unchanged: usize,
}

pub fn diff(previous: &[StoredFinding], current: &[StoredFinding]) -> Diff {
    use std::collections::HashSet;
    let before: HashSet<&str> = previous.iter().map(|f| f.key.as_str()).collect();
    let now: HashSet<&str> = current.iter().map(|f| f.key.as_str()).collect();
    let mut d = Diff {
        new: now.difference(&before).map(|s| s.to_string()).collect(),
        resolved: before.difference(&now).map(|s| s.to_string()).collect(),
        unchanged: now.intersection(&before).count(),
    };
    d.new.sort();
    d.resolved.sort();
    d
}
