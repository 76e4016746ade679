//! Energy (issue 18): what the evaluation, the classification, the renovation list and the
//! relocation list read (enterprises, yearly figures, activity data through
//! `storage::inventory::load`, equipment, targets), and what they write: targets, diagnoses,
//! the renovation list with its events. Every read is scoped (alias `e` over `enterprises`),
//! records outside the ledger bind by credit code, every write is audited in its transaction.

use std::collections::{HashMap, HashSet};

use sqlx::Row;

use super::audit::{self, Actor, NewEntry};
use super::Db;
use crate::auth::Scope;
use crate::energy::library::Library;
use crate::energy::{self, Class, EnergyRow, Evaluation, Outcome, Relocation, RelocationIn, YearIn};
use crate::error::{Error, Result};
use crate::i18n::catalogue::energy as msg;
use crate::i18n::Msg;

/// One piece of equipment with its classification.
#[derive(Clone, Debug)]
pub struct EquipmentRow {
    pub name: String,
    pub kind: String,
    pub process: String,
    pub capacity: Option<f64>,
    pub capacity_unit: String,
    pub specific_energy: Option<f64>,
    pub specific_energy_unit: String,
    pub outcome: Outcome,
}

/// One enterprise of the scope, evaluated for a year.
#[derive(Clone, Debug)]
pub struct EnterpriseRow {
    pub id: i64,
    pub credit_code: String,
    pub name: String,
    pub division_code: String,
    pub industry: String,
    pub env_grade: String,
    pub longitude: Option<f64>,
    pub latitude: Option<f64>,
    pub evaluation: Evaluation,
    pub equipment: Vec<EquipmentRow>,
    pub relocation: Relocation,
    /// Stored activity rows the factor library could not read.
    pub ignored: Vec<Msg>,
}

impl EnterpriseRow {
    pub fn classified(&self) -> impl Iterator<Item = (&EquipmentRow, &energy::Assessment)> {
        self.equipment.iter().filter_map(|q| match &q.outcome {
            Outcome::Classified(a) => Some((q, a)),
            _ => None,
        })
    }
}

async fn rows(db: &Db, sql: &str, first: &[i64], binds: &[String]) -> Result<Vec<sqlx::any::AnyRow>> {
    let mut q = sqlx::query(sql);
    for v in first {
        q = q.bind(*v);
    }
    for b in binds {
        q = q.bind(b.clone());
    }
    Ok(q.fetch_all(&db.pool).await?)
}

/// Every enterprise of the scope (closed ones left out) evaluated for `year`.
pub async fn overview(db: &Db, lib: &Library, scope: &Scope, year: i32) -> Result<Vec<EnterpriseRow>> {
    let (within, binds) = scope.where_clause(1);
    let mut out: Vec<EnterpriseRow> = Vec::new();
    let mut index: HashMap<i64, usize> = HashMap::new();
    for r in rows(
        db,
        &format!("SELECT e.id, e.credit_code, e.name, e.division_code, e.industry_code, e.env_grade, e.longitude, e.latitude FROM enterprises e WHERE e.status <> 'closed' AND {within} ORDER BY e.id"),
        &[],
        &binds,
    )
    .await?
    {
        let id: i64 = r.try_get(0)?;
        index.insert(id, out.len());
        out.push(EnterpriseRow {
            id,
            credit_code: r.try_get(1)?,
            name: r.try_get(2)?,
            division_code: r.try_get(3)?,
            industry: r.try_get(4)?,
            env_grade: r.try_get(5)?,
            longitude: r.try_get(6)?,
            latitude: r.try_get(7)?,
            evaluation: energy::evaluate(lib, &YearIn::default()),
            equipment: vec![],
            relocation: Relocation::No,
            ignored: vec![],
        });
    }
    let mut inputs: HashMap<i64, YearIn> = HashMap::new();
    let (within2, binds2) = scope.where_clause(2);
    for r in rows(
        db,
        &format!("SELECT y.enterprise_id, y.energy_tce, y.value_added_10k_yuan FROM yearly_figures y JOIN enterprises e ON e.id = y.enterprise_id WHERE y.year = $1 AND {within2}"),
        &[year as i64],
        &binds2,
    )
    .await?
    {
        let y = inputs.entry(r.try_get(0)?).or_default();
        y.reported_tce = r.try_get(1)?;
        y.value_added_10k_yuan = r.try_get(2)?;
    }
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let loaded = super::inventory::load(db, &crate::inventory::factors::LIBRARY, scope, year, year, now, false).await?;
    for a in &loaded.inputs.activity {
        let id = loaded.inputs.enterprises[a.enterprise].id;
        inputs.entry(id).or_default().activity.push(EnergyRow { category: a.category, item: a.item.clone(), amount: a.amount });
    }
    let mut ignored: HashMap<String, Vec<Msg>> = HashMap::new();
    for (code, _, _, reason) in loaded.ignored {
        ignored.entry(code).or_default().push(reason);
    }
    let (within1, binds1) = scope.where_clause(2);
    for r in rows(
        db,
        &format!("SELECT e.id, t.total_tce, t.intensity FROM energy_targets t JOIN enterprises e ON e.credit_code = t.credit_code WHERE t.year = $1 AND {within1}"),
        &[year as i64],
        &binds1,
    )
    .await?
    {
        let y = inputs.entry(r.try_get(0)?).or_default();
        y.target_total_tce = r.try_get(1)?;
        y.target_intensity = r.try_get(2)?;
    }
    for r in rows(
        db,
        &format!(
            "SELECT q.enterprise_id, q.name, q.kind, q.process, q.capacity, q.capacity_unit, q.specific_energy, q.specific_energy_unit FROM equipment q
             JOIN enterprises e ON e.id = q.enterprise_id WHERE q.status <> 'closed' AND {within} ORDER BY q.id"
        ),
        &[],
        &binds,
    )
    .await?
    {
        let Some(&at) = index.get(&r.try_get::<i64, _>(0)?) else { continue };
        let kind: String = r.try_get(2)?;
        let process: String = r.try_get(3)?;
        let capacity: Option<f64> = r.try_get(4)?;
        let value: Option<f64> = r.try_get(6)?;
        let unit: String = r.try_get(7)?;
        let outcome = energy::classify(lib, &kind, &process, capacity, value, &unit);
        out[at].equipment.push(EquipmentRow { name: r.try_get(1)?, kind, process, capacity, capacity_unit: r.try_get(5)?, specific_energy: value, specific_energy_unit: unit, outcome });
    }
    for e in &mut out {
        let mut y = inputs.remove(&e.id).unwrap_or_default();
        y.below_baseline = e.classified().filter(|(_, a)| a.class == Class::BelowBaseline).map(|(q, a)| (q.name.clone(), a.product.clone())).collect();
        e.evaluation = energy::evaluate(lib, &y);
        let classes: Vec<Class> = e.classified().map(|(_, a)| a.class).collect();
        let unclassified = e.equipment.iter().filter(|q| matches!(q.outcome, Outcome::Unclassified(_)) && lib.covers_kind(&q.kind)).count();
        e.relocation = energy::relocation(lib, &RelocationIn { longitude: e.longitude, latitude: e.latitude, env_grade: e.env_grade.clone(), classes, unclassified });
        e.ignored = ignored.remove(&e.credit_code).unwrap_or_default();
    }
    Ok(out)
}

/// The years that have yearly figures in the scope, newest first.
pub async fn years(db: &Db, scope: &Scope) -> Result<Vec<i32>> {
    let (within, binds) = scope.where_clause(1);
    let mut out: Vec<i32> = rows(db, &format!("SELECT DISTINCT y.year FROM yearly_figures y JOIN enterprises e ON e.id = y.enterprise_id WHERE {within} ORDER BY y.year DESC"), &[], &binds)
        .await?
        .iter()
        .filter_map(|r| r.try_get::<i64, _>(0).ok())
        .map(|y| y as i32)
        .collect();
    out.dedup();
    Ok(out)
}

/// The enterprise of a credit code in the scope, or `NotFound` (outside looks like missing).
async fn enterprise_in_scope(db: &Db, scope: &Scope, code: &str) -> Result<i64> {
    let (within, binds) = scope.where_clause(2);
    let sql = format!("SELECT e.id FROM enterprises e WHERE e.credit_code = $1 AND {within}");
    let mut q = sqlx::query(&sql).bind(code.to_string());
    for b in &binds {
        q = q.bind(b.clone());
    }
    match q.fetch_optional(&db.pool).await? {
        Some(r) => Ok(r.try_get(0)?),
        None => Err(Error::NotFound(msg::unknown_enterprise(code))),
    }
}

/// An assigned target as entered.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Target {
    pub credit_code: String,
    pub year: i32,
    pub total_tce: Option<f64>,
    pub intensity: Option<f64>,
    pub source: String,
}

/// A target's figures checked: positive or absent, at least one.
pub fn check_target(t: &Target) -> std::result::Result<(), Msg> {
    for (field, v) in [("能耗总量目标(tce)", t.total_tce), ("单位增加值能耗目标(tce/万元)", t.intensity)] {
        if let Some(v) = v {
            if !(v.is_finite() && v > 0.0) {
                return Err(msg::target_bad_number(field, &v.to_string()));
            }
        }
    }
    if t.total_tce.is_none() && t.intensity.is_none() {
        return Err(msg::target_empty());
    }
    crate::inventory::parse_year(&t.year.to_string()).map(|_| ())
}

/// Sets targets (insert or replace per enterprise and year), all or none, each audited.
pub async fn set_targets(db: &Db, actor: &Actor, scope: &Scope, targets: &[Target]) -> Result<usize> {
    let mut ids = Vec::with_capacity(targets.len());
    for t in targets {
        check_target(t).map_err(Error::Invalid)?;
        ids.push(enterprise_in_scope(db, scope, &t.credit_code).await?);
    }
    let mut tx = db.begin().await?;
    let mut w = audit::AuditWriter::start(db, &mut tx, actor).await?;
    for (t, id) in targets.iter().zip(ids) {
        let before = sqlx::query("SELECT total_tce, intensity, source FROM energy_targets WHERE credit_code = $1 AND year = $2")
            .bind(&t.credit_code)
            .bind(t.year as i64)
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| -> Result<serde_json::Value> { Ok(serde_json::json!({ "total_tce": r.try_get::<Option<f64>, _>(0)?, "intensity": r.try_get::<Option<f64>, _>(1)?, "source": r.try_get::<String, _>(2)? })) })
            .transpose()?;
        sqlx::query("DELETE FROM energy_targets WHERE credit_code = $1 AND year = $2").bind(&t.credit_code).bind(t.year as i64).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO energy_targets (credit_code, year, total_tce, intensity, source, entered_by, entered_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(&t.credit_code)
            .bind(t.year as i64)
            .bind(t.total_tce)
            .bind(t.intensity)
            .bind(&t.source)
            .bind(&actor.name)
            .bind(super::now())
            .execute(&mut *tx)
            .await?;
        w.append(
            &mut tx,
            NewEntry {
                action: "energy_target_set",
                entity: "energy_target",
                entity_id: format!("{}/{}", t.credit_code, t.year),
                enterprise_id: Some(id),
                before,
                after: Some(serde_json::to_value(t).unwrap_or_default()),
            },
        )
        .await?;
    }
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(targets.len())
}

/// The target file (CSV as Excel writes it): 统一社会信用代码,年度,能耗总量目标(tce),单位增加值能耗目标(tce/万元)[,来源].
/// Every bad line is named; nothing is returned unless all lines are good.
pub fn parse_targets(text: &str) -> std::result::Result<Vec<Target>, Vec<Msg>> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(true).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(_) => return Err(vec![msg::target_columns()]),
    };
    let expected = ["统一社会信用代码", "年度", "能耗总量目标(tce)", "单位增加值能耗目标(tce/万元)"];
    if headers.len() < 4 || headers[..4] != expected {
        return Err(vec![msg::target_columns()]);
    }
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let line = i + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                problems.push(msg::target_line(line, crate::i18n::untranslated(e.to_string())));
                continue;
            }
        };
        let cell = |k: usize| rec.get(k).unwrap_or("").trim().to_string();
        let number = |k: usize, field: &str| -> std::result::Result<Option<f64>, Msg> {
            let v = cell(k).replace(',', "");
            if v.is_empty() {
                return Ok(None);
            }
            match v.parse::<f64>() {
                Ok(n) if n.is_finite() && n > 0.0 => Ok(Some(n)),
                _ => Err(msg::target_bad_number(field, &v)),
            }
        };
        let year = match crate::inventory::parse_year(&cell(1)) {
            Ok(y) => y,
            Err(_) => {
                problems.push(msg::target_line(line, msg::year_invalid(&cell(1))));
                continue;
            }
        };
        let t = match (number(2, expected[2]), number(3, expected[3])) {
            (Ok(total), Ok(intensity)) => Target { credit_code: cell(0).to_uppercase(), year, total_tce: total, intensity, source: cell(4) },
            (Err(m), _) | (_, Err(m)) => {
                problems.push(msg::target_line(line, m));
                continue;
            }
        };
        if t.credit_code.is_empty() {
            problems.push(msg::target_line(line, msg::field_required(crate::i18n::catalogue::energy::col_credit_code())));
            continue;
        }
        if let Err(m) = check_target(&t) {
            problems.push(msg::target_line(line, m));
            continue;
        }
        out.push(t);
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// One recorded energy diagnosis.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Diagnosis {
    pub id: i64,
    pub credit_code: String,
    pub name: String,
    pub year: i32,
    pub diagnosed_on: String,
    pub agency: String,
    pub findings: String,
    pub follow_up: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

pub struct NewDiagnosis {
    pub credit_code: String,
    pub year: i32,
    pub diagnosed_on: String,
    pub agency: String,
    pub findings: String,
    pub follow_up: String,
}

fn check_date(s: &str) -> std::result::Result<(), Msg> {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    let today = crate::monitoring::clock::date_of(time::OffsetDateTime::now_utc().unix_timestamp());
    match time::Date::parse(s.trim(), &f) {
        Ok(d) if d <= today => Ok(()),
        _ => Err(msg::date_invalid(s)),
    }
}

/// Records a diagnosis (audited). Refused with the reason, nothing written, when a field is
/// missing or the date is not a past day.
pub async fn record_diagnosis(db: &Db, actor: &Actor, scope: &Scope, d: &NewDiagnosis) -> Result<i64> {
    for (v, field) in [(&d.agency, msg::col_agency()), (&d.findings, msg::col_findings()), (&d.follow_up, msg::col_follow_up())] {
        if v.trim().is_empty() {
            return Err(Error::Invalid(msg::field_required(field)));
        }
    }
    check_date(&d.diagnosed_on).map_err(Error::Invalid)?;
    crate::inventory::parse_year(&d.year.to_string()).map_err(Error::Invalid)?;
    let enterprise = enterprise_in_scope(db, scope, &d.credit_code).await?;
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query(
        "INSERT INTO energy_diagnoses (credit_code, year, diagnosed_on, agency, findings, follow_up, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(&d.credit_code)
    .bind(d.year as i64)
    .bind(d.diagnosed_on.trim())
    .bind(d.agency.trim())
    .bind(d.findings.trim())
    .bind(d.follow_up.trim())
    .bind(&actor.name)
    .bind(super::now())
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    let mut w = audit::AuditWriter::start(db, &mut tx, actor).await?;
    w.append(
        &mut tx,
        NewEntry {
            action: "energy_diagnosis_record",
            entity: "energy_diagnosis",
            entity_id: id.to_string(),
            enterprise_id: Some(enterprise),
            before: None,
            after: Some(serde_json::json!({ "credit_code": d.credit_code, "year": d.year, "diagnosed_on": d.diagnosed_on.trim(), "agency": d.agency.trim(), "findings": d.findings.trim(), "follow_up": d.follow_up.trim() })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(id)
}

/// Diagnoses in the scope (of one enterprise when `code` is given), newest first.
pub async fn diagnoses(db: &Db, scope: &Scope, code: Option<&str>) -> Result<Vec<Diagnosis>> {
    let (within, binds) = scope.where_clause(2);
    let sql = format!(
        "SELECT d.id, d.credit_code, e.name, d.year, d.diagnosed_on, d.agency, d.findings, d.follow_up, d.recorded_by, d.recorded_at
         FROM energy_diagnoses d JOIN enterprises e ON e.credit_code = d.credit_code WHERE ($1 = '' OR d.credit_code = $1) AND {within} ORDER BY d.diagnosed_on DESC, d.id DESC"
    );
    let mut q = sqlx::query(&sql).bind(code.unwrap_or("").to_string());
    for b in &binds {
        q = q.bind(b.clone());
    }
    q.fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(Diagnosis {
                id: r.try_get(0)?,
                credit_code: r.try_get(1)?,
                name: r.try_get(2)?,
                year: r.try_get::<i64, _>(3)? as i32,
                diagnosed_on: r.try_get(4)?,
                agency: r.try_get(5)?,
                findings: r.try_get(6)?,
                follow_up: r.try_get(7)?,
                recorded_by: r.try_get(8)?,
                recorded_at: r.try_get(9)?,
            })
        })
        .collect()
}

/// An item of the renovation list.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Item {
    pub id: i64,
    pub credit_code: String,
    pub name: String,
    pub division_code: String,
    pub equipment: String,
    pub product: String,
    pub class: Class,
    pub value: f64,
    pub unit: String,
    pub deadline: String,
    pub entered_at: String,
    pub left_at: Option<String>,
    pub left_reason: String,
    pub progress_pct: i64,
    pub progress_note: String,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Event {
    pub at: String,
    pub kind: String,
    pub detail: String,
    pub actor: String,
}

/// What a refresh of the list changed.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Refreshed {
    pub entered: usize,
    pub left: usize,
    pub reclassified: usize,
}

const ITEM_COLUMNS: &str = "r.id, r.credit_code, e.name, e.division_code, r.equipment, r.product, r.class, r.value, r.unit, r.deadline, r.entered_at, r.left_at, r.left_reason, r.progress_pct, r.progress_note";

fn item_of(r: &sqlx::any::AnyRow) -> Result<Item> {
    let class: String = r.try_get(6)?;
    Ok(Item {
        id: r.try_get(0)?,
        credit_code: r.try_get(1)?,
        name: r.try_get(2)?,
        division_code: r.try_get(3)?,
        equipment: r.try_get(4)?,
        product: r.try_get(5)?,
        class: Class::parse(&class).unwrap_or(Class::BelowBaseline),
        value: r.try_get(7)?,
        unit: r.try_get(8)?,
        deadline: r.try_get(9)?,
        entered_at: r.try_get(10)?,
        left_at: r.try_get(11)?,
        left_reason: r.try_get(12)?,
        progress_pct: r.try_get(13)?,
        progress_note: r.try_get(14)?,
    })
}

/// The list in the scope: items on it now, and with `with_left` those that left, newest first.
pub async fn renovation(db: &Db, scope: &Scope, with_left: bool) -> Result<Vec<Item>> {
    let (within, binds) = scope.where_clause(1);
    let left = if with_left { "1=1" } else { "r.left_at IS NULL" };
    rows(db, &format!("SELECT {ITEM_COLUMNS} FROM energy_renovation r JOIN enterprises e ON e.credit_code = r.credit_code WHERE {left} AND {within} ORDER BY r.left_at IS NOT NULL, r.class DESC, r.deadline, r.id"), &[], &binds)
        .await?
        .iter()
        .map(item_of)
        .collect()
}

/// One item with its events; outside the scope it is `NotFound`.
pub async fn item(db: &Db, scope: &Scope, id: i64) -> Result<(Item, Vec<Event>)> {
    let (within, binds) = scope.where_clause(2);
    let found = rows(db, &format!("SELECT {ITEM_COLUMNS} FROM energy_renovation r JOIN enterprises e ON e.credit_code = r.credit_code WHERE r.id = $1 AND {within}"), &[id], &binds).await?;
    let item = item_of(found.first().ok_or_else(|| Error::NotFound(msg::not_found()))?)?;
    let events = sqlx::query("SELECT at, kind, detail, actor FROM energy_renovation_events WHERE item_id = $1 ORDER BY id")
        .bind(id)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| Ok(Event { at: r.try_get(0)?, kind: r.try_get(1)?, detail: r.try_get(2)?, actor: r.try_get(3)? }))
        .collect::<Result<Vec<_>>>()?;
    Ok((item, events))
}

async fn event(tx: &mut sqlx::Transaction<'static, sqlx::Any>, item: i64, kind: &str, detail: &str, actor: &Actor, at: &str) -> Result<()> {
    sqlx::query("INSERT INTO energy_renovation_events (item_id, at, kind, detail, actor) VALUES ($1, $2, $3, $4, $5)")
        .bind(item)
        .bind(at)
        .bind(kind)
        .bind(detail)
        .bind(&actor.name)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Brings the list of the scope up to date with the ledger: equipment between the levels or
/// below the baseline enters (recorded), an item whose equipment now reaches the benchmark, is
/// closed, gone or no longer classifiable leaves (recorded with the reason), a changed class or
/// figure is recorded. One transaction, each change audited.
pub async fn refresh(db: &Db, lib: &Library, actor: &Actor, scope: &Scope, year: i32) -> Result<Refreshed> {
    let overview = overview(db, lib, scope, year).await?;
    let mut now_on: HashMap<(String, String), (i64, energy::Assessment)> = HashMap::new();
    let mut all_equipment: HashMap<(String, String), Option<energy::Assessment>> = HashMap::new();
    for e in &overview {
        for q in &e.equipment {
            let key = (e.credit_code.clone(), q.name.clone());
            match &q.outcome {
                Outcome::Classified(a) => {
                    all_equipment.insert(key.clone(), Some(a.clone()));
                    if a.class != Class::Benchmark {
                        now_on.insert(key, (e.id, a.clone()));
                    }
                }
                _ => {
                    all_equipment.insert(key, None);
                }
            }
        }
    }
    let ids: HashMap<String, i64> = overview.iter().map(|e| (e.credit_code.clone(), e.id)).collect();
    let open = renovation(db, scope, false).await?;
    let at = super::now();
    let mut done = Refreshed::default();
    let mut tx = db.begin().await?;
    let mut w = audit::AuditWriter::start(db, &mut tx, actor).await?;
    let mut seen: HashSet<(String, String)> = HashSet::new();
    for item in &open {
        let key = (item.credit_code.clone(), item.equipment.clone());
        seen.insert(key.clone());
        let enterprise = ids.get(&item.credit_code).copied();
        match now_on.get(&key) {
            Some((_, a)) if a.class == item.class && (a.value - item.value).abs() < 1e-9 && a.product == item.product => {}
            Some((_, a)) => {
                sqlx::query("UPDATE energy_renovation SET class = $1, value = $2, unit = $3, product = $4, deadline = $5, updated_at = $6 WHERE id = $7")
                    .bind(a.class.code())
                    .bind(a.value)
                    .bind(&a.unit)
                    .bind(&a.product)
                    .bind(&a.deadline)
                    .bind(&at)
                    .bind(item.id)
                    .execute(&mut *tx)
                    .await?;
                let detail = format!("{} {} {} → {} {} {}", item.class.code(), energy::fmt(item.value), item.unit, a.class.code(), energy::fmt(a.value), a.unit);
                event(&mut tx, item.id, "reclassified", &detail, actor, &at).await?;
                done.reclassified += 1;
            }
            None => {
                let reason = match all_equipment.get(&key) {
                    Some(Some(a)) => format!("benchmark: {} {} ≤ {}", energy::fmt(a.value), a.unit, energy::fmt(a.benchmark)),
                    Some(None) => "unclassified".to_string(),
                    None => "equipment_gone".to_string(),
                };
                sqlx::query("UPDATE energy_renovation SET left_at = $1, left_reason = $2, updated_at = $1 WHERE id = $3 AND left_at IS NULL").bind(&at).bind(&reason).bind(item.id).execute(&mut *tx).await?;
                event(&mut tx, item.id, "left", &reason, actor, &at).await?;
                w.append(&mut tx, NewEntry { action: "energy_renovation_leave", entity: "energy_renovation", entity_id: item.id.to_string(), enterprise_id: enterprise, before: None, after: Some(serde_json::json!({ "credit_code": item.credit_code, "equipment": item.equipment, "reason": reason })) }).await?;
                done.left += 1;
            }
        }
    }
    let mut entering: Vec<(&(String, String), &(i64, energy::Assessment))> = now_on.iter().filter(|(k, _)| !seen.contains(*k)).collect();
    entering.sort_by(|a, b| a.0.cmp(b.0));
    for ((code, equipment), (enterprise, a)) in entering {
        let id: i64 = sqlx::query(
            "INSERT INTO energy_renovation (credit_code, equipment, product, class, value, unit, deadline, entered_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
        )
        .bind(code)
        .bind(equipment)
        .bind(&a.product)
        .bind(a.class.code())
        .bind(a.value)
        .bind(&a.unit)
        .bind(&a.deadline)
        .bind(&at)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let detail = format!("{} {} {}", a.class.code(), energy::fmt(a.value), a.unit);
        event(&mut tx, id, "entered", &detail, actor, &at).await?;
        w.append(&mut tx, NewEntry { action: "energy_renovation_enter", entity: "energy_renovation", entity_id: id.to_string(), enterprise_id: Some(*enterprise), before: None, after: Some(serde_json::json!({ "credit_code": code, "equipment": equipment, "product": a.product, "class": a.class.code(), "value": a.value, "unit": a.unit, "deadline": a.deadline })) }).await?;
        done.entered += 1;
    }
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(done)
}

/// Records the progress of an item on the list (0–100 % and a note), audited; refused for an
/// item that has left.
pub async fn progress(db: &Db, actor: &Actor, scope: &Scope, id: i64, pct: &str, note: &str) -> Result<()> {
    let (item, _) = item(db, scope, id).await?;
    let pct_value: i64 = match pct.trim().parse::<i64>() {
        Ok(p) if (0..=100).contains(&p) => p,
        _ => return Err(Error::Invalid(msg::percent_invalid(pct))),
    };
    if note.trim().is_empty() {
        return Err(Error::Invalid(msg::field_required(msg::col_progress_note())));
    }
    if item.left_at.is_some() {
        return Err(Error::Invalid(msg::item_left()));
    }
    let enterprise = enterprise_in_scope(db, scope, &item.credit_code).await.ok();
    let at = super::now();
    let mut tx = db.begin().await?;
    let changed = sqlx::query("UPDATE energy_renovation SET progress_pct = $1, progress_note = $2, updated_at = $3 WHERE id = $4 AND left_at IS NULL")
        .bind(pct_value)
        .bind(note.trim())
        .bind(&at)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if changed != 1 {
        return Err(Error::Invalid(msg::item_left()));
    }
    event(&mut tx, id, "progress", &format!("{pct_value}% {}", note.trim()), actor, &at).await?;
    let mut w = audit::AuditWriter::start(db, &mut tx, actor).await?;
    w.append(
        &mut tx,
        NewEntry {
            action: "energy_renovation_progress",
            entity: "energy_renovation",
            entity_id: id.to_string(),
            enterprise_id: enterprise,
            before: Some(serde_json::json!({ "progress_pct": item.progress_pct, "progress_note": item.progress_note })),
            after: Some(serde_json::json!({ "progress_pct": pct_value, "progress_note": note.trim() })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}
