//! The environmental protection tax of a month from the stored averages (`monitoring_averages`):
//! the month's emission per pollutant (`storage::emissions`, its fill rule), the valid hourly
//! (air) or daily (water) means for the reduction test, the standard from the ledger, the
//! province's rate from the enterprise's division; computed by `tax::compute`.

use super::averages::{self, COMPUTED};
use super::emissions::{self as stored_emissions, OutletRef};
use super::Db;
use crate::auth::Scope;
use crate::enforcement::emissions::{self, Settings as EmissionSettings};
use crate::error::Result;
use crate::monitoring::clock::{self, Period};
use crate::monitoring::rules::Medium;
use crate::tax::compute::{self, Line, PollutantMonth};
use crate::tax::rates::{self, Rate};
use crate::tax::{Concentration, Settings};

/// One outlet's month.
#[derive(Clone, Debug)]
pub struct OutletTax {
    pub outlet: OutletRef,
    /// None: `data/tax/rates.csv` has no row for the enterprise's province (nothing computed).
    pub rate: Option<&'static Rate>,
    pub lines: Vec<Line>,
}

impl OutletTax {
    pub fn tax_yuan(&self) -> f64 {
        self.lines.iter().map(|l| l.tax_yuan).sum()
    }
}

/// The month `[start, next)` of `year-month` and the end of what is known (`now` for the
/// running month).
pub fn month_bounds(year: i32, month: u8, now: i64) -> (i64, i64, i64) {
    let start = crate::tax::month_start(year, month);
    let next = clock::next_month_start(start);
    (start, next, now.clamp(start, next))
}

/// Every outlet in scope (or the one asked for) with data in the month, with its tax lines.
/// Empty when the month has no monitoring data in scope.
#[allow(clippy::too_many_arguments)]
pub async fn month(
    db: &Db,
    tax: &Settings,
    em: &EmissionSettings,
    scope: &Scope,
    only: Option<(&str, &str)>,
    year: i32,
    month: u8,
    now: i64,
) -> Result<Vec<OutletTax>> {
    let (start, next, until) = month_bounds(year, month, now);
    let outlets = stored_emissions::outlets_with_data(db, scope, only, start, next).await?;
    let mut out = Vec::with_capacity(outlets.len());
    for outlet in outlets {
        out.push(outlet_month(db, tax, em, outlet, start, until).await?);
    }
    Ok(out)
}

/// One outlet's tax lines for the month starting at `start`, known until `until`.
pub async fn outlet_month(db: &Db, tax: &Settings, em: &EmissionSettings, outlet: OutletRef, start: i64, until: i64) -> Result<OutletTax> {
    let rate = rates::for_division(&outlet.division_code);
    let Some(rate) = rate else { return Ok(OutletTax { outlet, rate: None, lines: Vec::new() }) };
    let Some(setup) = averages::outlet_setup(db, &outlet.credit_code, &outlet.outlet_code).await? else {
        return Ok(OutletTax { outlet, rate: Some(rate), lines: Vec::new() });
    };
    let next = clock::next_month_start(start);
    let mut days = stored_emissions::day_rates(db, &outlet.credit_code, &outlet.outlet_code, start, next).await?;
    stored_emissions::apply_stopped(db, em, &outlet.credit_code, &outlet.outlet_code, &mut days, start, until).await?;
    // The reduction test: air on valid hourly means, water on valid daily means (实施条例 Art. 10).
    let period = if outlet.medium == Medium::Water { Period::Day } else { Period::Hour };
    let rows = averages::read(db, &setup, period, COMPUTED, start, next).await?;
    let mut codes: Vec<String> = rows.iter().map(|r| r.pollutant.clone()).chain(days.keys().cloned()).collect();
    codes.sort();
    codes.dedup();
    let empty = Default::default();
    let pollutants: Vec<PollutantMonth> = codes
        .into_iter()
        .filter(|c| !crate::monitoring::codes::is_parameter(c))
        .map(|code| {
            let (emission, _) = emissions::month(em.fill.rule, start, until, days.get(&code).unwrap_or(&empty));
            let means = rows
                .iter()
                .filter(|r| r.pollutant == code && r.average.valid)
                .filter_map(|r| {
                    let v = match tax.reduction.concentration {
                        Concentration::Converted => r.average.converted.or(r.average.mean),
                        Concentration::Measured => r.average.mean,
                    }?;
                    Some((r.period_start, v))
                })
                .collect();
            PollutantMonth {
                name: setup.pollutants.get(&code).map(|p| p.0.clone()).unwrap_or_default(),
                standard: setup.limit(&code),
                emission,
                means,
                code,
            }
        })
        .collect();
    let lines = compute::outlet_month(tax, outlet.medium, rate, &pollutants);
    Ok(OutletTax { outlet, rate: Some(rate), lines })
}
