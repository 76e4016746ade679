//! The inputs of the fused inventory (issue 13) read for a scope and years: enterprises, their
//! activity data (converted to the factor library's units), equipment, outlet limits and the
//! monitored outlet totals of each year (`storage::emissions`); and saved what-if scenarios.

use std::collections::HashMap;

use sqlx::Row;

use super::audit::{self, Actor, NewEntry};
use super::Db;
use crate::auth::Scope;
use crate::error::{Error, Result};
use crate::i18n::catalogue::inventory as msg;
use crate::i18n::Msg;
use crate::inventory::compute::{ActivityIn, EnterpriseIn, EquipmentIn, Inputs, LimitIn, MonitoredIn};
use crate::inventory::scenario::Scenario;
use crate::inventory::{activity, factors::Library, Category, Pollutant};

/// The inputs, and the stored rows the library could not read (a factor file changed since the
/// import): named, never silently dropped.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub inputs: Inputs,
    /// (credit code, year, item, reason)
    pub ignored: Vec<(String, i64, String, Msg)>,
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

/// Everything the inventory of `[from_year, to_year]` needs, in the scope. `now` bounds the
/// monitored totals of a running year; `with_monitoring` false skips them (benchmarks, tests of
/// the factor path).
pub async fn load(db: &Db, lib: &Library, scope: &Scope, from_year: i32, to_year: i32, now: i64, with_monitoring: bool) -> Result<Loaded> {
    let (within, binds) = scope.where_clause(1);
    let mut out = Loaded::default();
    let mut index: HashMap<i64, usize> = HashMap::new();
    for r in rows(db, &format!("SELECT e.id, e.credit_code, e.name, e.division_code, e.industry_code FROM enterprises e WHERE {within} ORDER BY e.id"), &[], &binds).await? {
        let id: i64 = r.try_get(0)?;
        let division: String = r.try_get(3)?;
        index.insert(id, out.inputs.enterprises.len());
        out.inputs.enterprises.push(EnterpriseIn {
            id,
            credit_code: r.try_get(1)?,
            name: r.try_get(2)?,
            county: division.chars().take(6).collect(),
            industry: r.try_get(4)?,
        });
    }
    let (within3, binds3) = scope.where_clause(3);
    for r in rows(
        db,
        &format!(
            "SELECT a.enterprise_id, a.year, a.category, a.item, a.amount, a.unit, a.equipment, a.outlet, a.control FROM activity_data a
             JOIN enterprises e ON e.id = a.enterprise_id WHERE a.year >= $1 AND a.year <= $2 AND {within3} ORDER BY a.enterprise_id, a.year, a.id"
        ),
        &[from_year as i64, to_year as i64],
        &binds3,
    )
    .await?
    {
        let Some(&enterprise) = index.get(&r.try_get::<i64, _>(0)?) else { continue };
        let year: i64 = r.try_get(1)?;
        let category_code: String = r.try_get(2)?;
        let item: String = r.try_get(3)?;
        let amount: f64 = r.try_get(4)?;
        let unit: String = r.try_get(5)?;
        let code = out.inputs.enterprises[enterprise].credit_code.clone();
        let Some(category) = Category::parse(&category_code) else {
            out.ignored.push((code, year, item, msg::unknown_category(&category_code)));
            continue;
        };
        let canonical = activity::resolve(lib, category, &item).and_then(|x| activity::canonical_amount(&x, amount, &unit));
        match canonical {
            Ok(v) => out.inputs.activity.push(ActivityIn {
                enterprise,
                year: year as i32,
                category,
                item,
                amount: v,
                entered_amount: amount,
                entered_unit: unit,
                equipment: r.try_get(6)?,
                outlet: r.try_get(7)?,
                control: r.try_get(8)?,
                air_scale: [1.0; 4],
            }),
            Err(m) => out.ignored.push((code, year, item, m)),
        }
    }
    for r in rows(
        db,
        &format!("SELECT q.enterprise_id, q.name, q.kind, q.capacity, q.capacity_unit, q.fuel, q.status FROM equipment q JOIN enterprises e ON e.id = q.enterprise_id WHERE {within} ORDER BY q.id"),
        &[],
        &binds,
    )
    .await?
    {
        let Some(&enterprise) = index.get(&r.try_get::<i64, _>(0)?) else { continue };
        out.inputs.equipment.push(EquipmentIn {
            enterprise,
            name: r.try_get(1)?,
            kind: r.try_get(2)?,
            capacity: r.try_get(3)?,
            capacity_unit: r.try_get(4)?,
            fuel: r.try_get(5)?,
            status: r.try_get(6)?,
        });
    }
    for r in rows(
        db,
        &format!(
            "SELECT o.enterprise_id, o.code, p.pollutant_code, p.limit_value FROM outlet_pollutants p JOIN outlets o ON o.id = p.outlet_id
             JOIN enterprises e ON e.id = o.enterprise_id WHERE p.limit_value IS NOT NULL AND {within} ORDER BY p.id"
        ),
        &[],
        &binds,
    )
    .await?
    {
        let Some(&enterprise) = index.get(&r.try_get::<i64, _>(0)?) else { continue };
        let Some(pollutant) = Pollutant::from_hj212(&r.try_get::<String, _>(2)?) else { continue };
        out.inputs.limits.push(LimitIn { enterprise, outlet: r.try_get(1)?, pollutant, limit: r.try_get(3)? });
    }
    if with_monitoring {
        let by_code: HashMap<String, usize> = out.inputs.enterprises.iter().enumerate().map(|(i, e)| (e.credit_code.clone(), i)).collect();
        let settings = &*crate::enforcement::emissions::SETTINGS;
        for year in from_year..=to_year {
            let jan = crate::tax::month_start(year, 1);
            let next = crate::tax::month_start(year + 1, 1);
            if jan >= now {
                continue;
            }
            for outlet in super::emissions::outlets_with_data(db, scope, None, jan, next.min(now)).await? {
                let Some(&enterprise) = by_code.get(&outlet.credit_code) else { continue };
                for p in super::emissions::outlet_year(db, settings, &outlet, year, now).await? {
                    let Some(pollutant) = Pollutant::from_hj212(&p.pollutant) else { continue };
                    let t = &p.view.year;
                    if t.expected_hours == 0 || t.valid_hours == 0 {
                        continue;
                    }
                    out.inputs.monitored.push(MonitoredIn {
                        enterprise,
                        outlet: outlet.outlet_code.clone(),
                        year,
                        pollutant,
                        tonnes: t.tonnes(),
                        coverage: (t.valid_hours + t.filled_hours) as f64 / t.expected_hours as f64,
                        rule: t.rule.code().to_string(),
                        scale: 1.0,
                    });
                }
            }
        }
    }
    Ok(out)
}

/// A saved scenario.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SavedScenario {
    pub id: i64,
    pub scenario: Scenario,
    pub jurisdiction: String,
    pub created_by: String,
    pub created_at: String,
}

fn jurisdiction_of(scope: &Scope) -> String {
    scope.home_division().unwrap_or("").to_string()
}

fn visible(scope: &Scope, jurisdiction: &str) -> bool {
    match scope {
        Scope::All => true,
        _ => !jurisdiction.is_empty() && scope.admits_division(jurisdiction),
    }
}

/// Saves a scenario (audited). Only its definition is stored; its figures are recomputed from
/// the current data whenever it is shown.
pub async fn save(db: &Db, actor: &Actor, scope: &Scope, scenario: &Scenario) -> Result<i64> {
    if scenario.name.trim().is_empty() {
        return Err(Error::Invalid(msg::scenario_name_required()));
    }
    if scenario.steps.is_empty() {
        return Err(Error::Invalid(msg::scenario_no_steps()));
    }
    let steps = serde_json::to_string(&scenario.steps).map_err(|e| Error::Invalid(crate::i18n::untranslated(e.to_string())))?;
    let jurisdiction = jurisdiction_of(scope);
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query("INSERT INTO inventory_scenarios (name, year, steps_json, jurisdiction, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(scenario.name.trim())
        .bind(scenario.year as i64)
        .bind(&steps)
        .bind(&jurisdiction)
        .bind(&actor.name)
        .bind(super::now())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
    let mut w = audit::AuditWriter::start(db, &mut tx, actor).await?;
    w.append(
        &mut tx,
        NewEntry {
            action: "inventory_scenario_save",
            entity: "inventory_scenario",
            entity_id: id.to_string(),
            enterprise_id: None,
            before: None,
            after: Some(serde_json::json!({ "name": scenario.name.trim(), "year": scenario.year, "steps": scenario.steps, "jurisdiction": jurisdiction })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(id)
}

fn saved_of(r: &sqlx::any::AnyRow) -> Result<SavedScenario> {
    let steps: String = r.try_get(3)?;
    Ok(SavedScenario {
        id: r.try_get(0)?,
        scenario: Scenario {
            name: r.try_get(1)?,
            year: r.try_get::<i64, _>(2)? as i32,
            steps: serde_json::from_str(&steps).map_err(|e| Error::Invalid(crate::i18n::untranslated(format!("stored scenario steps: {e}"))))?,
        },
        jurisdiction: r.try_get(4)?,
        created_by: r.try_get(5)?,
        created_at: r.try_get(6)?,
    })
}

/// The scenarios the scope may see, newest first.
pub async fn list(db: &Db, scope: &Scope) -> Result<Vec<SavedScenario>> {
    let rows = sqlx::query("SELECT id, name, year, steps_json, jurisdiction, created_by, created_at FROM inventory_scenarios ORDER BY id DESC").fetch_all(&db.pool).await?;
    let mut out = Vec::new();
    for r in &rows {
        let s = saved_of(r)?;
        if visible(scope, &s.jurisdiction) {
            out.push(s);
        }
    }
    Ok(out)
}

/// One scenario; outside the scope it is `NotFound` like a missing one.
pub async fn get(db: &Db, scope: &Scope, id: i64) -> Result<SavedScenario> {
    let row = sqlx::query("SELECT id, name, year, steps_json, jurisdiction, created_by, created_at FROM inventory_scenarios WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| Error::NotFound(msg::scenario_not_found(id)))?;
    let s = saved_of(&row)?;
    if !visible(scope, &s.jurisdiction) {
        return Err(Error::NotFound(msg::scenario_not_found(id)));
    }
    Ok(s)
}
