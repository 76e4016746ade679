//! The demo city's synergy evaluation (减污降碳协同度): the entered indicators of
//! `data/demo/synergy-values.csv` (fictional, with their reasoning; drawn by
//! `data/demo/make_synergy_values.py`), the platform's computations from the demo ledger, and one
//! evaluation of 2023–2025 over the city's six districts and counties.
//!
//! Ledger-state computations (low-NOx boilers, A/B grades) have no history: for the years before
//! the ones the platform computes they are entered as the current figure × 0.75 per year back
//! (retrofits and upgrades accumulate; the Xi'an plan ramps 238 boilers in 2024 to 1,298 in
//! 2026), rounded, each row saying so.

use sqlx::Row;

use crate::auth::Scope;
use crate::error::Result;
use crate::storage::audit::Actor;
use crate::storage::synergy::{self as stored, Entered};
use crate::storage::Db;
use crate::synergy::{entry, system};

pub const JURISDICTION: &str = "612000";
pub const YEARS: [i32; 3] = [2023, 2024, 2025];
const VALUES: &str = include_str!("../../data/demo/synergy-values.csv");

/// Load the demo evaluation when no evaluation is stored yet; its id.
pub async fn load_if_none(db: &Db) -> Result<Option<i64>> {
    let n: i64 = sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) FROM synergy_evaluations").fetch_one(&db.pool).await?.try_get(0)?;
    if n > 0 || stored::districts(db, JURISDICTION).await?.is_empty() {
        return Ok(None);
    }
    load(db, stored::current_year()).await.map(Some)
}

pub async fn load(db: &Db, current_year: i32) -> Result<i64> {
    let actor = Actor::system();
    let sheet = "data/demo/synergy-values.csv";
    let rows = entry::read_file(sheet, VALUES.as_bytes()).and_then(|r| entry::parse(sheet, &r)).map_err(crate::Error::Rejected)?;
    stored::enter_values(db, &actor, &Scope::All, JURISDICTION, sheet, &rows).await?;
    // Ledger-state figures for the years the platform cannot compute them for.
    let districts = stored::districts(db, JURISDICTION).await?;
    let mut derived = Vec::new();
    for ind in system::DEFAULT.indicators.iter() {
        let Some(c) = ind.computation().filter(|c| !c.by_year) else { continue };
        let latest = current_year - 1;
        for d in &districts {
            let Some((now, _)) = stored::compute(db, c, &d.code, latest, current_year).await? else { continue };
            for &year in YEARS.iter().filter(|&&y| y < latest) {
                let factor = 0.75_f64.powi(latest - year);
                // Counts stay whole; shares keep one decimal.
                let digits = if ind.unit == "台" || ind.unit == "个" { 1.0 } else { 10.0 };
                let value = (now * factor * digits).round() / digits;
                let note = format!("示范数据:按{latest}年台账现状 {now:.1} × 0.75^{} 推算(改造与评级逐年累积)", latest - year);
                derived.push((Entered { division_code: d.code.clone(), year, indicator: ind.code.clone(), value, note }, derived.len() + 1));
            }
        }
    }
    if !derived.is_empty() {
        stored::enter_values(db, &actor, &Scope::All, JURISDICTION, "demo: ledger-state history", &derived).await?;
    }
    stored::run(db, &actor, &Scope::All, JURISDICTION, &YEARS, None, current_year).await
}
