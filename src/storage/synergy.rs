//! The synergy evaluation's storage (migration 0019): indicator systems in force per
//! jurisdiction, values entered per district and year, evaluations with their inputs and
//! outcome, the platform's computations ([`compute`], the hook of `synergy::system::COMPUTED`).
//! Every change is audited in its transaction; every read is scoped.

use std::collections::BTreeMap;

use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::Row;

use super::audit::{Actor, AuditWriter, NewEntry};
use super::float::Float;
use super::Db;
use crate::auth::Scope;
use crate::error::{Error, Result};
use crate::i18n::catalogue::synergy as msg;
use crate::ledger::{Problem, Problems};
use crate::synergy::evaluate::{self, District, Inputs, Origin, Outcome, Value};
use crate::synergy::levels::{self, Scale};
use crate::synergy::system::{self, Computation, System};

fn range(division: &str) -> (String, String) {
    let prefix = crate::ledger::codes::subtree_prefix(division).to_string();
    let upper = crate::ledger::filter::prefix_upper_bound(&prefix).unwrap_or_else(|| "~".into());
    (prefix, upper)
}

/// The Beijing year now.
pub fn current_year() -> i32 {
    time::OffsetDateTime::now_utc().to_offset(time::UtcOffset::from_hms(8, 0, 0).expect("+8")).year()
}

/// The county-level divisions (districts and counties) of a jurisdiction, by code.
pub async fn districts(db: &Db, jurisdiction: &str) -> Result<Vec<District>> {
    let (lo, hi) = range(jurisdiction);
    let rows = sqlx::query("SELECT code, name FROM divisions WHERE level = 'county' AND code >= $1 AND code < $2 ORDER BY code").bind(&lo).bind(&hi).fetch_all(&db.pool).await?;
    rows.iter().map(|r| Ok(District { code: r.try_get(0)?, name: r.try_get(1)? })).collect()
}

// ---------------------------------------------------------------- the indicator system

/// The system in force for a jurisdiction: the latest stored, or the default file.
#[derive(Clone, Debug)]
pub struct SystemInForce {
    pub id: Option<i64>,
    pub text: String,
    pub system: System,
    pub actor: String,
    pub created_at: String,
}

pub async fn system_in_force(db: &Db, jurisdiction: &str) -> Result<SystemInForce> {
    let row = sqlx::query("SELECT id, toml, actor, created_at FROM synergy_systems WHERE jurisdiction = $1 ORDER BY id DESC LIMIT 1").bind(jurisdiction).fetch_optional(&db.pool).await?;
    Ok(match row {
        Some(r) => {
            let text: String = r.try_get(1)?;
            let system = System::parse("synergy_systems", &text).map_err(|e| Error::other(e.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ")))?;
            SystemInForce { id: Some(r.try_get(0)?), text, system, actor: r.try_get(2)?, created_at: r.try_get(3)? }
        }
        None => SystemInForce { id: None, text: system::DEFAULT_TEXT.to_string(), system: system::DEFAULT.clone(), actor: String::new(), created_at: String::new() },
    })
}

/// Store a jurisdiction's own indicator system (checked in full first; refused: nothing stored).
pub async fn set_system(db: &Db, actor: &Actor, scope: &Scope, jurisdiction: &str, file: &str, text: &str) -> Result<i64> {
    if !scope.admits_division(jurisdiction) {
        return Err(Error::NotFound(msg::jurisdiction_unknown(jurisdiction)));
    }
    let system = System::parse(file, text).map_err(|errors| {
        Error::rejected(errors.into_iter().map(|e| Problem { sheet: e.file, row: e.line, column: String::new(), value: String::new(), reason: e.reason }).collect::<Vec<_>>())
    })?;
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query("INSERT INTO synergy_systems (jurisdiction, name, toml, actor, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(jurisdiction)
        .bind(&system.name)
        .bind(text)
        .bind(&actor.name)
        .bind(super::now())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    w.append(
        &mut tx,
        NewEntry {
            action: "synergy_system_set",
            entity: "synergy_system",
            entity_id: id.to_string(),
            enterprise_id: None,
            before: None,
            after: Some(json!({ "jurisdiction": jurisdiction, "name": system.name, "indicators": system.indicators.iter().map(|i| &i.code).collect::<Vec<_>>(), "sha256": hex::encode(Sha256::digest(text.as_bytes())) })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(id)
}

// ---------------------------------------------------------------- entered values

pub use crate::synergy::entry::Entered;

/// An entered value as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredValue {
    pub entered: Entered,
    pub by: String,
    pub at: String,
}

/// Years an entered value may be for.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Store entered values (new or replacing), all or none: each row is checked (district of the
/// jurisdiction and in scope, indicator of the system in force, year, value) and a refusal names
/// every bad row (`rows[i].1` is its row number in the file, `sheet` the file). One audit entry
/// lists what changed, with the values replaced.
pub async fn enter_values(db: &Db, actor: &Actor, scope: &Scope, jurisdiction: &str, sheet: &str, rows: &[(Entered, usize)]) -> Result<usize> {
    let districts = districts(db, jurisdiction).await?;
    let system = system_in_force(db, jurisdiction).await?.system;
    let mut problems = Problems::new();
    let p = |row: usize, column: &str, value: String, reason| Problem { sheet: sheet.into(), row, column: column.into(), value, reason };
    let mut seen = std::collections::HashMap::new();
    for (e, row) in rows {
        if !districts.iter().any(|d| d.code == e.division_code) || !scope.admits_division(&e.division_code) || !scope.admits_division(jurisdiction) {
            problems.push(p(*row, "division", e.division_code.clone(), msg::district_unknown(&e.division_code)));
        }
        if system.indicator(&e.indicator).is_none() {
            problems.push(p(*row, "indicator", e.indicator.clone(), msg::indicator_unknown(&e.indicator)));
        }
        if !YEARS.contains(&e.year) {
            problems.push(p(*row, "year", e.year.to_string(), msg::year_invalid(&e.year.to_string())));
        }
        if !e.value.is_finite() {
            problems.push(p(*row, "value", e.value.to_string(), msg::value_not_number()));
        }
        if let Some(first) = seen.insert((e.division_code.clone(), e.year, e.indicator.clone()), *row) {
            problems.push(p(*row, "indicator", e.indicator.clone(), msg::unit_duplicate(first)));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Rejected(problems));
    }
    let at = super::now();
    let mut tx = db.begin().await?;
    let mut changes = Vec::with_capacity(rows.len());
    for (e, _) in rows {
        let before: Option<f64> = sqlx::query("SELECT value FROM synergy_values WHERE division_code = $1 AND year = $2 AND indicator = $3")
            .bind(&e.division_code)
            .bind(e.year as i64)
            .bind(&e.indicator)
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| r.try_get(0))
            .transpose()?;
        sqlx::query("DELETE FROM synergy_values WHERE division_code = $1 AND year = $2 AND indicator = $3").bind(&e.division_code).bind(e.year as i64).bind(&e.indicator).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO synergy_values (division_code, year, indicator, value, note, entered_by, entered_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(&e.division_code)
            .bind(e.year as i64)
            .bind(&e.indicator)
            .bind(Float(Some(e.value)))
            .bind(&e.note)
            .bind(&actor.name)
            .bind(&at)
            .execute(&mut *tx)
            .await?;
        changes.push(json!({ "division": e.division_code, "year": e.year, "indicator": e.indicator, "before": before, "value": e.value, "note": e.note }));
    }
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    w.append(
        &mut tx,
        NewEntry { action: "synergy_values_enter", entity: "synergy_values", entity_id: jurisdiction.to_string(), enterprise_id: None, before: None, after: Some(json!({ "source": sheet, "values": changes })) },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(rows.len())
}

/// The entered values of a jurisdiction's districts (in scope), by district, year, indicator.
pub async fn entered_values(db: &Db, scope: &Scope, jurisdiction: &str) -> Result<Vec<StoredValue>> {
    if !scope.admits_division(jurisdiction) {
        return Ok(Vec::new());
    }
    let (lo, hi) = range(jurisdiction);
    let rows = sqlx::query("SELECT division_code, year, indicator, value, note, entered_by, entered_at FROM synergy_values WHERE division_code >= $1 AND division_code < $2 ORDER BY division_code, year, indicator")
        .bind(&lo)
        .bind(&hi)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(StoredValue {
                entered: Entered { division_code: r.try_get(0)?, year: r.try_get::<i64, _>(1)? as i32, indicator: r.try_get(2)?, value: r.try_get(3)?, note: r.try_get(4)? },
                by: r.try_get(5)?,
                at: r.try_get(6)?,
            })
        })
        .collect()
}

// ---------------------------------------------------------------- computations

/// Σ energy and Σ value added of a district's ledger enterprises in a year (rows with both).
async fn energy_and_value_added(db: &Db, district: &str, year: i32) -> Result<(f64, f64, i64)> {
    let (lo, hi) = range(district);
    let row = sqlx::query(
        "SELECT SUM(y.energy_tce), SUM(y.value_added_10k_yuan), CAST(COUNT(*) AS BIGINT) FROM yearly_figures y JOIN enterprises e ON e.id = y.enterprise_id
         WHERE y.year = $1 AND y.energy_tce IS NOT NULL AND y.value_added_10k_yuan IS NOT NULL AND e.division_code >= $2 AND e.division_code < $3",
    )
    .bind(year as i64)
    .bind(&lo)
    .bind(&hi)
    .fetch_one(&db.pool)
    .await?;
    Ok((row.try_get::<Option<f64>, _>(0)?.unwrap_or(0.0), row.try_get::<Option<f64>, _>(1)?.unwrap_or(0.0), row.try_get(2)?))
}

async fn count(db: &Db, sql: &str, district: &str, extra: Option<String>) -> Result<i64> {
    let (lo, hi) = range(district);
    let mut q = sqlx::query(sql).bind(lo).bind(hi);
    if let Some(x) = extra {
        q = q.bind(x);
    }
    Ok(q.fetch_one(&db.pool).await?.try_get(0)?)
}

/// HJ 212-2017 codes of the air pollutants summed by `monitoring.air_intensity`: SO2, NOx, particulate.
pub const AIR_CODES: [&str; 3] = ["a21026", "a21002", "a34013"];

/// One computed value: the figure and how it was obtained, or `None` when the platform has no
/// data for it (then the value must be entered). `current_year` is the Beijing year the
/// evaluation is made in: ledger-state computations (no history) answer for it and the year
/// before (an evaluation of year Y is made early in Y + 1, on the ledger as the year ended).
///
/// The hook: a new entry of `synergy::system::COMPUTED` gets its arm here.
pub async fn compute(db: &Db, computation: &Computation, district: &str, year: i32, current_year: i32) -> Result<Option<(f64, crate::i18n::Msg)>> {
    if !computation.by_year && year < current_year - 1 {
        return Ok(None);
    }
    Ok(match computation.code {
        "ledger.energy_intensity" => {
            let (energy, va, n) = energy_and_value_added(db, district, year).await?;
            (va > 0.0).then(|| (energy / va, msg::computed_energy(&format!("{energy:.1}"), &format!("{va:.1}"), n, year)))
        }
        "ledger.value_added" => {
            let (_, va, n) = energy_and_value_added(db, district, year).await?;
            (n > 0).then(|| (va, msg::computed_value_added(n, year)))
        }
        "cases.backward_exits" => {
            let n = count(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM cases e WHERE e.division_code >= $1 AND e.division_code < $2 AND e.exited_on LIKE $3", district, Some(format!("{year}-%"))).await?;
            Some((n as f64, msg::computed_exits(year, n)))
        }
        "ledger.low_nox_boilers" => {
            let n = count(db, crate::storage::plans::LOW_NOX_SQL, district, None).await?;
            Some((n as f64, msg::computed_low_nox(n)))
        }
        "ledger.ab_grade_share" => {
            let ab = count(db, crate::storage::plans::AB_GRADE_SQL, district, None).await?;
            let all = count(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM enterprises e WHERE e.status <> 'closed' AND e.division_code >= $1 AND e.division_code < $2", district, None).await?;
            (all > 0).then(|| (100.0 * ab as f64 / all as f64, msg::computed_ab(ab, all)))
        }
        "monitoring.air_intensity" => {
            let (_, va, _) = energy_and_value_added(db, district, year).await?;
            let jan = crate::tax::month_start(year, 1);
            let next = crate::tax::month_start(year + 1, 1);
            let scope = Scope::Divisions(vec![district.to_string()]);
            let outlets = super::emissions::outlets_with_data(db, &scope, None, jan, next).await?;
            if outlets.is_empty() || va <= 0.0 {
                None
            } else {
                let settings = &*crate::enforcement::emissions::SETTINGS;
                let now = time::OffsetDateTime::now_utc().unix_timestamp();
                let mut tonnes = 0.0;
                for o in &outlets {
                    for p in super::emissions::outlet_year(db, settings, o, year, now).await? {
                        if AIR_CODES.contains(&p.pollutant.as_str()) {
                            tonnes += p.view.year.tonnes();
                        }
                    }
                }
                Some((tonnes / (va / 10_000.0), msg::computed_air(&format!("{tonnes:.3}"), outlets.len() as i64, &format!("{:.2}", va / 10_000.0), year)))
            }
        }
        "inventory.co2_per_value_added" | "inventory.air_per_value_added" => {
            let (_, va, _) = energy_and_value_added(db, district, year).await?;
            let scope = Scope::Divisions(vec![district.to_string()]);
            let now = time::OffsetDateTime::now_utc().unix_timestamp();
            let lib = &*crate::inventory::factors::LIBRARY;
            let loaded = super::inventory::load(db, lib, &scope, year, year, now, true).await?;
            let t = crate::inventory::compute::totals(crate::inventory::compute::lines(lib, &loaded.inputs, None).iter().filter(|l| l.year == year));
            let rows = loaded.inputs.activity.len();
            use crate::inventory::Pollutant::*;
            if rows == 0 || va <= 0.0 {
                None
            } else if computation.code == "inventory.co2_per_value_added" {
                let co2 = t[Co2.index()];
                Some((co2 / va, crate::i18n::catalogue::inventory::computed_co2(&format!("{co2:.1}"), rows, &format!("{va:.1}"), year)))
            } else {
                let air = t[So2.index()] + t[Nox.index()] + t[Pm.index()];
                Some((air / (va / 10_000.0), crate::i18n::catalogue::inventory::computed_air(&format!("{air:.3}"), rows, &format!("{:.2}", va / 10_000.0), year)))
            }
        }
        _ => None,
    })
}

// ---------------------------------------------------------------- evaluations

/// The inputs of an evaluation of `years` over the jurisdiction's districts: the system in force,
/// the scale, α; each value entered where one is stored (it replaces a computation), else computed.
pub async fn gather(db: &Db, jurisdiction: &str, years: &[i32], scale: &Scale, current_year: i32) -> Result<Inputs> {
    let system = system_in_force(db, jurisdiction).await?.system;
    let districts = districts(db, jurisdiction).await?;
    let mut entered: BTreeMap<(String, i32, String), StoredValue> = BTreeMap::new();
    for v in entered_values(db, &Scope::All, jurisdiction).await? {
        entered.insert((v.entered.division_code.clone(), v.entered.year, v.entered.indicator.clone()), v);
    }
    let mut values = Vec::new();
    for &year in years {
        for d in &districts {
            for ind in &system.indicators {
                if let Some(v) = entered.get(&(d.code.clone(), year, ind.code.clone())) {
                    values.push(Value { district: d.code.clone(), year, indicator: ind.code.clone(), value: v.entered.value, origin: Origin::Entered { by: v.by.clone(), at: v.at.clone(), note: v.entered.note.clone() } });
                } else if let Some(c) = ind.computation() {
                    if let Some((value, detail)) = compute(db, c, &d.code, year, current_year).await? {
                        let (detail_code, detail_args) = detail.to_stored();
                        values.push(Value { district: d.code.clone(), year, indicator: ind.code.clone(), value, origin: Origin::Computed { source: c.code.to_string(), detail_code, detail_args } });
                    }
                }
            }
        }
    }
    let alpha = system.alpha();
    Ok(Inputs { system, scale: scale.clone(), alpha, districts, years: years.to_vec(), values })
}

/// A stored evaluation.
#[derive(Clone, Debug)]
pub struct Stored {
    pub id: i64,
    pub jurisdiction: String,
    pub year_from: i32,
    pub year_to: i32,
    pub inputs: Inputs,
    pub outcome: Outcome,
    pub outcome_json: String,
    pub outcome_sha256: String,
    pub actor: String,
    pub created_at: String,
}

fn refused(problems: Vec<crate::i18n::Msg>) -> Error {
    Error::rejected(problems.into_iter().map(|reason| Problem { sheet: String::new(), row: 0, column: String::new(), value: String::new(), reason }).collect::<Vec<_>>())
}

/// Evaluate `years` of a jurisdiction and store it with its inputs (audited). Refused — nothing
/// stored — with every missing value, constant indicator or setting problem.
pub async fn run(db: &Db, actor: &Actor, scope: &Scope, jurisdiction: &str, years: &[i32], scale: Option<&Scale>, current_year: i32) -> Result<i64> {
    if !scope.admits_division(jurisdiction) {
        return Err(Error::NotFound(msg::jurisdiction_unknown(jurisdiction)));
    }
    let scale = scale.unwrap_or(&levels::DEFAULT);
    let inputs = gather(db, jurisdiction, years, scale, current_year).await?;
    store(db, actor, jurisdiction, inputs).await
}

/// Evaluate given inputs and store them with the outcome (audited).
pub async fn store(db: &Db, actor: &Actor, jurisdiction: &str, inputs: Inputs) -> Result<i64> {
    // The evaluation is computed from what its record says: the inputs as read back from their
    // JSON (serde_json's float parsing may differ from the value written in the last bit), so a
    // recompute from the stored text gives the stored outcome byte for byte.
    let inputs_json = serde_json::to_string(&inputs).map_err(Error::other)?;
    let inputs: Inputs = serde_json::from_str(&inputs_json).map_err(Error::other)?;
    let outcome = evaluate::evaluate(&inputs).map_err(refused)?;
    let outcome_json = serde_json::to_string(&outcome).map_err(Error::other)?;
    let digest = hex::encode(Sha256::digest(outcome_json.as_bytes()));
    let (from, to) = (inputs.years.iter().copied().min().unwrap_or(0), inputs.years.iter().copied().max().unwrap_or(0));
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query(
        "INSERT INTO synergy_evaluations (jurisdiction, year_from, year_to, inputs_json, outcome_json, outcome_sha256, actor, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(jurisdiction)
    .bind(from as i64)
    .bind(to as i64)
    .bind(&inputs_json)
    .bind(&outcome_json)
    .bind(&digest)
    .bind(&actor.name)
    .bind(super::now())
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    w.append(
        &mut tx,
        NewEntry {
            action: "synergy_evaluate",
            entity: "synergy_evaluation",
            entity_id: id.to_string(),
            enterprise_id: None,
            before: None,
            after: Some(json!({
                "jurisdiction": jurisdiction, "years": inputs.years, "districts": inputs.districts.len(), "indicators": inputs.system.indicators.len(),
                "values": inputs.values.len(), "inputs_sha256": hex::encode(Sha256::digest(inputs_json.as_bytes())), "outcome_sha256": digest,
            })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(id)
}

fn stored_of(r: &sqlx::any::AnyRow) -> Result<Stored> {
    let inputs: Inputs = serde_json::from_str(&r.try_get::<String, _>(4)?).map_err(Error::other)?;
    let outcome_json: String = r.try_get(5)?;
    let outcome: Outcome = serde_json::from_str(&outcome_json).map_err(Error::other)?;
    Ok(Stored {
        id: r.try_get(0)?,
        jurisdiction: r.try_get(1)?,
        year_from: r.try_get::<i64, _>(2)? as i32,
        year_to: r.try_get::<i64, _>(3)? as i32,
        inputs,
        outcome,
        outcome_json,
        outcome_sha256: r.try_get(6)?,
        actor: r.try_get(7)?,
        created_at: r.try_get(8)?,
    })
}

const COLUMNS: &str = "id, jurisdiction, year_from, year_to, inputs_json, outcome_json, outcome_sha256, actor, created_at";

/// An evaluation in scope (out of scope: not found, like a missing one).
pub async fn get(db: &Db, scope: &Scope, id: i64) -> Result<Stored> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM synergy_evaluations WHERE id = $1")).bind(id).fetch_optional(&db.pool).await?;
    match row {
        Some(r) => {
            let s = stored_of(&r)?;
            if scope.admits_division(&s.jurisdiction) {
                return Ok(s);
            }
            Err(Error::NotFound(msg::evaluation_not_found(id)))
        }
        None => Err(Error::NotFound(msg::evaluation_not_found(id))),
    }
}

/// A summary row of the evaluations list.
#[derive(Clone, Debug)]
pub struct Summary {
    pub id: i64,
    pub jurisdiction: String,
    pub year_from: i32,
    pub year_to: i32,
    pub actor: String,
    pub created_at: String,
}

/// The evaluations in scope, newest first.
pub async fn list(db: &Db, scope: &Scope) -> Result<Vec<Summary>> {
    let rows = sqlx::query("SELECT id, jurisdiction, year_from, year_to, actor, created_at FROM synergy_evaluations ORDER BY id DESC").fetch_all(&db.pool).await?;
    let mut out = Vec::new();
    for r in &rows {
        let jurisdiction: String = r.try_get(1)?;
        if scope.admits_division(&jurisdiction) {
            out.push(Summary { id: r.try_get(0)?, jurisdiction, year_from: r.try_get::<i64, _>(2)? as i32, year_to: r.try_get::<i64, _>(3)? as i32, actor: r.try_get(4)?, created_at: r.try_get(5)? });
        }
    }
    Ok(out)
}

/// Recompute a stored evaluation from its stored inputs: whether the outcome is identical
/// (byte for byte as stored, and its digest), with the recomputed digest.
pub async fn recompute(db: &Db, scope: &Scope, id: i64) -> Result<(bool, String)> {
    let s = get(db, scope, id).await?;
    let outcome = evaluate::evaluate(&s.inputs).map_err(refused)?;
    let json = serde_json::to_string(&outcome).map_err(Error::other)?;
    let digest = hex::encode(Sha256::digest(json.as_bytes()));
    Ok((json == s.outcome_json && digest == s.outcome_sha256, digest))
}

/// An enterprise on the benchmark list.
#[derive(Clone, Debug)]
pub struct BenchmarkEnterprise {
    pub id: i64,
    pub name: String,
    pub division_code: String,
    pub grade: String,
    pub energy_tce: f64,
    pub value_added: f64,
}

impl BenchmarkEnterprise {
    /// Energy per value added (tce per 10,000 yuan).
    pub fn intensity(&self) -> f64 {
        self.energy_tce / self.value_added
    }
}

/// Candidate benchmark enterprises (减污降碳协同创新标杆企业, seed 002 六(二)) where the ledger
/// allows a ranking: enterprises in scope and in the jurisdiction of performance grade A or B,
/// not closed, with yearly figures for `year`, by energy per unit of value added (lowest first).
pub async fn benchmark_enterprises(db: &Db, scope: &Scope, jurisdiction: &str, year: i32, limit: i64) -> Result<Vec<BenchmarkEnterprise>> {
    let (lo, hi) = range(jurisdiction);
    let (scope_sql, binds) = scope.where_clause(5);
    let sql = format!(
        "SELECT e.id, e.name, e.division_code, e.env_grade, y.energy_tce, y.value_added_10k_yuan FROM enterprises e JOIN yearly_figures y ON y.enterprise_id = e.id
         WHERE y.year = $1 AND e.env_grade IN ('A', 'B') AND e.status <> 'closed' AND y.energy_tce IS NOT NULL AND y.value_added_10k_yuan > 0
           AND e.division_code >= $2 AND e.division_code < $3 AND {scope_sql}
         ORDER BY y.energy_tce / y.value_added_10k_yuan, e.id LIMIT $4"
    );
    let mut q = sqlx::query(&sql).bind(year as i64).bind(lo).bind(hi).bind(limit);
    for b in binds {
        q = q.bind(b);
    }
    let rows = q.fetch_all(&db.pool).await?;
    rows.iter()
        .map(|r| Ok(BenchmarkEnterprise { id: r.try_get(0)?, name: r.try_get(1)?, division_code: r.try_get(2)?, grade: r.try_get(3)?, energy_tce: r.try_get(4)?, value_added: r.try_get(5)? }))
        .collect()
}
