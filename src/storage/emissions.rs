//! Actual emissions from the stored hourly averages (`monitoring_averages`, period hour, source
//! computed): the valid hours with an emission rate summed by Beijing day in SQL, then filled and
//! totalled by `enforcement::emissions`; the permitted annual amount from the ledger
//! (`outlet_pollutants.permitted_annual_t`).

use std::collections::BTreeMap;

use sqlx::Row;

use super::Db;
use crate::auth::Scope;
use crate::enforcement::emissions::{self, DayRates, PermitView, Settings};
use crate::error::Result;
use crate::monitoring::rules::Medium;

/// An outlet with monitoring data, as the tax and emission tables list it.
#[derive(Clone, Debug, PartialEq)]
pub struct OutletRef {
    pub credit_code: String,
    pub outlet_code: String,
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub division_code: String,
    pub outlet_name: String,
    pub medium: Medium,
}

impl OutletRef {
    /// `CREDITCODE/OUTLETCODE`.
    pub fn label(&self) -> String {
        format!("{}/{}", self.credit_code, self.outlet_code)
    }
}

/// The outlets in scope (optionally one) that have computed hourly averages in `[from, to)`,
/// by credit code and outlet code.
pub async fn outlets_with_data(db: &Db, scope: &Scope, only: Option<(&str, &str)>, from: i64, to: i64) -> Result<Vec<OutletRef>> {
    let (scope_sql, scope_binds) = scope.where_clause(5);
    let only_sql = if only.is_some() { format!(" AND e.credit_code = ${} AND o.code = ${}", 5 + scope_binds.len(), 6 + scope_binds.len()) } else { String::new() };
    // One row per outlet: the first hour of the range found through the primary key.
    let sql = format!(
        "SELECT e.credit_code, o.code, e.id, e.name, e.division_code, o.name, o.medium FROM enterprises e JOIN outlets o ON o.enterprise_id = e.id
         WHERE {scope_sql}{only_sql} AND EXISTS (SELECT 1 FROM monitoring_averages a WHERE a.credit_code = e.credit_code AND a.outlet_code = o.code
           AND a.period = $1 AND a.source = $2 AND a.period_start >= $3 AND a.period_start < $4)
         ORDER BY e.credit_code, o.code"
    );
    let mut q = sqlx::query(&sql).bind("hour").bind(super::averages::COMPUTED).bind(from).bind(to);
    for b in &scope_binds {
        q = q.bind(b.clone());
    }
    if let Some((c, o)) = only {
        q = q.bind(c.to_string()).bind(o.to_string());
    }
    let rows = q.fetch_all(&db.pool).await?;
    rows.iter()
        .map(|r| {
            Ok(OutletRef {
                credit_code: r.try_get(0)?,
                outlet_code: r.try_get(1)?,
                enterprise_id: r.try_get(2)?,
                enterprise_name: r.try_get(3)?,
                division_code: r.try_get(4)?,
                outlet_name: r.try_get(5)?,
                medium: Medium::from_code(&r.try_get::<String, _>(6)?),
            })
        })
        .collect()
}

/// The valid hours with an emission rate of one outlet in `[from, to)`, summed by Beijing day:
/// pollutant → day start → (hours, kg).
pub async fn day_rates(db: &Db, credit_code: &str, outlet_code: &str, from: i64, to: i64) -> Result<BTreeMap<String, BTreeMap<i64, DayRates>>> {
    // Beijing day index = (t + 8 h) div 86 400; integer division on both databases.
    let rows = sqlx::query(
        "SELECT pollutant, (period_start + 28800) / 86400, CAST(COUNT(*) AS BIGINT), SUM(emission_kg) FROM monitoring_averages
         WHERE credit_code = $1 AND outlet_code = $2 AND period = 'hour' AND source = $3 AND valid = 1 AND emission_kg IS NOT NULL
           AND period_start >= $4 AND period_start < $5
         GROUP BY pollutant, (period_start + 28800) / 86400",
    )
    .bind(credit_code)
    .bind(outlet_code)
    .bind(super::averages::COMPUTED)
    .bind(from)
    .bind(to)
    .fetch_all(&db.pool)
    .await?;
    let mut out: BTreeMap<String, BTreeMap<i64, DayRates>> = BTreeMap::new();
    for r in rows {
        let pollutant: String = r.try_get(0)?;
        let day: i64 = r.try_get(1)?;
        let n: i64 = r.try_get(2)?;
        let kg: f64 = r.try_get(3)?;
        out.entry(pollutant).or_default().insert(day * 86_400 - 8 * 3600, DayRates { rated_hours: n as u32, kg, stopped_hours: 0 });
    }
    Ok(out)
}

/// Marks the hours of `[from, to)` inside the outlet's active marks of `not_filled_marks` (停运)
/// as stopped for every pollutant, so that the fill rule leaves them out.
pub async fn apply_stopped(db: &Db, settings: &Settings, credit_code: &str, outlet_code: &str, rates: &mut BTreeMap<String, BTreeMap<i64, DayRates>>, from: i64, to: i64) -> Result<()> {
    if settings.fill.not_filled_marks.is_empty() || rates.is_empty() {
        return Ok(());
    }
    let marks: Vec<(i64, i64)> = super::marks::list(db, &Scope::All, credit_code, outlet_code, from, to)
        .await?
        .into_iter()
        .filter(|m| m.active() && settings.fill.not_filled_marks.contains(&m.kind))
        .map(|m| (m.starts_at, m.ends_at))
        .collect();
    if marks.is_empty() {
        return Ok(());
    }
    for days in rates.values_mut() {
        emissions::add_stopped(days, &marks, from, to);
    }
    Ok(())
}

/// The ledger's pollutants of an outlet: code → (name, permitted tonnes per year).
pub async fn permitted(db: &Db, credit_code: &str, outlet_code: &str) -> Result<BTreeMap<String, (String, Option<f64>)>> {
    let rows = sqlx::query(
        "SELECT p.pollutant_code, p.pollutant_name, p.permitted_annual_t FROM outlet_pollutants p JOIN outlets o ON o.id = p.outlet_id
         JOIN enterprises e ON e.id = o.enterprise_id WHERE e.credit_code = $1 AND o.code = $2 ORDER BY p.id",
    )
    .bind(credit_code)
    .bind(outlet_code)
    .fetch_all(&db.pool)
    .await?;
    let mut out = BTreeMap::new();
    for r in rows {
        out.insert(r.try_get::<String, _>(0)?, (r.try_get::<String, _>(1)?, r.try_get::<Option<f64>, _>(2)?));
    }
    Ok(out)
}

/// One pollutant of an outlet: year to date, rolling months, against the permit.
#[derive(Clone, Debug, PartialEq)]
pub struct PollutantEmissions {
    pub pollutant: String,
    pub name: String,
    pub view: PermitView,
}

/// One outlet's emissions for `year` as of `now`: every pollutant with data in the year or the
/// rolling window, and every ledger pollutant with a permitted amount. Flue-gas parameters and
/// the flow are not pollutants and are left out.
pub async fn outlet_year(db: &Db, settings: &Settings, outlet: &OutletRef, year: i32, now: i64) -> Result<Vec<PollutantEmissions>> {
    let jan = crate::tax::month_start(year, 1);
    let next_jan = crate::tax::month_start(year + 1, 1);
    let until = now.clamp(jan, next_jan);
    let last_month = crate::monitoring::clock::month_start(until - 1);
    let from = emissions::months_back(last_month, settings.permit.rolling_months.saturating_sub(1)).min(jan);
    let mut rates = day_rates(db, &outlet.credit_code, &outlet.outlet_code, from, until).await?;
    apply_stopped(db, settings, &outlet.credit_code, &outlet.outlet_code, &mut rates, from, until).await?;
    let ledger = permitted(db, &outlet.credit_code, &outlet.outlet_code).await?;
    let mut codes: Vec<String> = rates.keys().cloned().collect();
    for (code, (_, permit)) in &ledger {
        if permit.is_some() && !codes.contains(code) {
            codes.push(code.clone());
        }
    }
    codes.retain(|c| !crate::monitoring::codes::is_parameter(c));
    codes.sort();
    let empty = BTreeMap::new();
    Ok(codes
        .into_iter()
        .map(|code| {
            let (name, permit) = ledger.get(&code).cloned().unwrap_or_default();
            let view = emissions::permit_view(settings, year, until, rates.get(&code).unwrap_or(&empty), permit);
            PollutantEmissions { name, pollutant: code, view }
        })
        .collect())
}
