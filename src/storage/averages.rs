//! Stored averages (migration 0008, `monitoring_averages`): hourly, daily and monthly means per
//! outlet × pollutant, computed from the time-series store (`storage::series`) by the rules of
//! `monitoring::averages`, and the logger's own hourly (2061) and daily (2031) values beside them.
//!
//! Work is by outlet-day: the hours asked for are recomputed from minute data and replace their
//! rows; the day is then recomputed from its 24 stored hours and the month from its stored days.
//! Replacing rows (DELETE + INSERT in one transaction) makes every recompute idempotent.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sqlx::Row;
use time::OffsetDateTime;

use super::batch::{self, Value};
use super::series::{self, SeriesKey};
use super::Db;
use crate::error::Result;
use crate::monitoring::averages::{self as avg, Average, OutletRules, Reading};
use crate::monitoring::clock::{self, Period};
use crate::monitoring::codes::OXYGEN;
use crate::monitoring::conversion::to_reference_oxygen;
use crate::monitoring::oxygen::{self, ReferenceO2};
use crate::monitoring::rules::{Medium, VALIDITY};
use crate::monitoring::sample::DataKind;

pub const COMPUTED: &str = "computed";
pub const LOGGER: &str = "logger";

/// What the averages of one outlet need from the ledger.
#[derive(Clone, Debug)]
pub struct OutletSetup {
    pub credit_code: String,
    pub outlet_code: String,
    pub enterprise_name: String,
    pub outlet_name: String,
    pub medium: Medium,
    pub reference: ReferenceO2,
    /// Pollutant code → (name, limit, unit, standard) as the ledger has them.
    pub pollutants: BTreeMap<String, (String, Option<f64>, String, String)>,
}

impl OutletSetup {
    pub fn key(&self) -> SeriesKey {
        SeriesKey::Outlet { credit_code: self.credit_code.clone(), outlet_code: self.outlet_code.clone() }
    }
    pub fn limit(&self, pollutant: &str) -> Option<f64> {
        self.pollutants.get(pollutant).and_then(|p| p.1)
    }
    fn rules(&self) -> OutletRules<'static> {
        OutletRules { medium: self.medium, reference_o2: self.reference.percent(), rules: &VALIDITY }
    }
    /// `CREDITCODE/OUTLETCODE`.
    pub fn label(&self) -> String {
        format!("{}/{}", self.credit_code, self.outlet_code)
    }
}

/// The outlet's setup, or None when the ledger has no such outlet.
pub async fn outlet_setup(db: &Db, credit_code: &str, outlet_code: &str) -> Result<Option<OutletSetup>> {
    let row = sqlx::query(
        "SELECT o.id, e.name, o.name, o.medium, o.reference_o2 FROM outlets o JOIN enterprises e ON e.id = o.enterprise_id
         WHERE e.credit_code = $1 AND o.code = $2",
    )
    .bind(credit_code)
    .bind(outlet_code)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let id: i64 = row.try_get(0)?;
    let outlet_name: String = row.try_get(2)?;
    let medium = Medium::from_code(&row.try_get::<String, _>(3)?);
    let reference_o2: Option<f64> = row.try_get(4)?;
    let mut pollutants: BTreeMap<String, (String, Option<f64>, String, String)> = BTreeMap::new();
    for p in sqlx::query("SELECT pollutant_code, pollutant_name, limit_value, limit_unit, standard FROM outlet_pollutants WHERE outlet_id = $1 ORDER BY id")
        .bind(id)
        .fetch_all(&db.pool)
        .await?
    {
        pollutants.insert(p.try_get::<String, _>(0)?, (p.try_get(1)?, p.try_get(2)?, p.try_get(3)?, p.try_get(4)?));
    }
    let standards: Vec<&str> = pollutants.values().map(|p| p.3.as_str()).filter(|s| !s.is_empty()).collect();
    let reference = if medium == Medium::Water {
        match oxygen::resolve(None, &standards, &outlet_name) {
            r @ ReferenceO2::NoConversion { .. } => r,
            _ => ReferenceO2::Undetermined,
        }
    } else {
        oxygen::resolve(reference_o2, &standards, &outlet_name)
    };
    Ok(Some(OutletSetup {
        credit_code: credit_code.to_string(),
        outlet_code: outlet_code.to_string(),
        enterprise_name: row.try_get(1)?,
        outlet_name,
        medium,
        reference,
        pollutants,
    }))
}

/// Every outlet that has a logger bound to it: (credit code, outlet code).
pub async fn monitored_outlets(db: &Db) -> Result<Vec<(String, String)>> {
    let rows = sqlx::query("SELECT DISTINCT credit_code, outlet_code FROM devices ORDER BY credit_code, outlet_code").fetch_all(&db.pool).await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}

/// One stored average.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    pub pollutant: String,
    pub period_start: i64,
    pub average: Average,
    pub limit: Option<f64>,
}

fn instant(t: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(t).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// Recompute the given hours (Unix seconds, hour starts) of one outlet, then their days and months.
pub async fn recompute_hours(db: &Db, setup: &OutletSetup, hours: &BTreeSet<i64>) -> Result<()> {
    let mut by_day: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for h in hours {
        by_day.entry(clock::day_start(*h)).or_default().push(*h);
    }
    let mut months = BTreeSet::new();
    for (day, hours) in by_day {
        let (first, last) = (hours[0], *hours.last().expect("non-empty") + 3600);
        let computed = hour_averages(db, setup, first, last).await?;
        let logger = logger_averages(db, setup, DataKind::Hourly2061, first, last).await?;
        let logger_day = logger_averages(db, setup, DataKind::Daily2031, day, day + 86_400).await?;
        let mut tx = db.begin().await?;
        // Only the hours asked for are replaced (the span read may cover others: keep them as read).
        let keep: BTreeSet<i64> = hours.iter().copied().collect();
        replace(&mut tx, setup, Period::Hour, COMPUTED, first, last, computed.into_iter().filter(|s| keep.contains(&s.period_start)).collect(), Some(&keep)).await?;
        replace(&mut tx, setup, Period::Hour, LOGGER, first, last, logger, Some(&keep)).await?;
        replace(&mut tx, setup, Period::Day, LOGGER, day, day + 86_400, logger_day, None).await?;
        let stored_hours = read_tx(&mut tx, setup, Period::Hour, COMPUTED, day, day + 86_400).await?;
        let days = roll_up(setup, Period::Day, day, stored_hours);
        replace(&mut tx, setup, Period::Day, COMPUTED, day, day + 86_400, days, None).await?;
        super::enforcement::mark_dirty(&mut tx, &setup.credit_code, &setup.outlet_code, &BTreeSet::from([day])).await?;
        tx.commit().await?;
        months.insert(clock::month_start(day));
    }
    for month in months {
        let mut tx = db.begin().await?;
        let next = clock::next_month_start(month);
        let days = read_tx(&mut tx, setup, Period::Day, COMPUTED, month, next).await?;
        let rows = roll_up(setup, Period::Month, month, days);
        replace(&mut tx, setup, Period::Month, COMPUTED, month, next, rows, None).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// Recompute every hour of the Beijing days `[from, to]` of one outlet.
pub async fn recompute_days(db: &Db, setup: &OutletSetup, from: time::Date, to: time::Date) -> Result<()> {
    let (start, end) = (clock::date_start(from), clock::date_start(to) + 86_400);
    let hours: BTreeSet<i64> = (start..end).step_by(3600).collect();
    recompute_hours(db, setup, &hours).await
}

/// The computed hourly averages of `[from, to)` from minute data.
pub async fn hour_averages(db: &Db, setup: &OutletSetup, from: i64, to: i64) -> Result<Vec<Stored>> {
    let samples = series::read_values(db, &setup.key(), DataKind::Minute2051, instant(from), instant(to)).await?;
    // hour → pollutant → readings (time order; a value sent twice by two loggers counts once).
    let mut hours: BTreeMap<i64, BTreeMap<String, Vec<Reading>>> = BTreeMap::new();
    for s in &samples {
        let at = s.time.unix_timestamp();
        let list = hours.entry(Period::Hour.start_of(at)).or_default().entry(s.pollutant.clone()).or_default();
        if list.last().is_some_and(|r| r.at == at) {
            continue;
        }
        list.push(Reading::new(&VALIDITY, at, s.value, &s.flag));
    }
    let rules = setup.rules();
    let mut out = Vec::new();
    for (hour, series) in hours {
        let input: Vec<(&str, &[Reading])> = series.iter().map(|(p, r)| (p.as_str(), r.as_slice())).collect();
        for ((pollutant, _), average) in input.iter().zip(avg::hour(&rules, &input)) {
            out.push(Stored { pollutant: pollutant.to_string(), period_start: hour, average, limit: setup.limit(pollutant) });
        }
    }
    Ok(out)
}

/// The logger's own averages (2061 hourly, 2031 daily) in `[from, to)`; the converted value is
/// the logger's when it sent one, else computed from its O2 the same way as ours.
pub async fn logger_averages(db: &Db, setup: &OutletSetup, kind: DataKind, from: i64, to: i64) -> Result<Vec<Stored>> {
    let period = if kind == DataKind::Daily2031 { Period::Day } else { Period::Hour };
    let samples = series::read_values(db, &setup.key(), kind, instant(from), instant(to)).await?;
    let mut o2: HashMap<i64, f64> = HashMap::new();
    for s in samples.iter().filter(|s| s.pollutant == OXYGEN && VALIDITY.is_valid(&s.flag, s.value)) {
        o2.insert(period.start_of(s.time.unix_timestamp()), s.value.unwrap_or_default());
    }
    let reference = setup.reference.percent();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for s in &samples {
        let start = period.start_of(s.time.unix_timestamp());
        if !seen.insert((start, s.pollutant.clone())) {
            continue;
        }
        let valid = VALIDITY.is_valid(&s.flag, s.value);
        let converts = reference.is_some() && !crate::monitoring::codes::is_parameter(&s.pollutant);
        let converted = if converts {
            s.converted.or_else(|| Some(to_reference_oxygen(s.value?, reference?, *o2.get(&start)?)).flatten())
        } else {
            None
        };
        let average = Average {
            valid: valid && (!converts || converted.is_some()),
            valid_count: valid as u32,
            total_count: 1,
            mean: s.value,
            converted,
            o2: converts.then(|| o2.get(&start).copied()).flatten(),
            emission_kg: s.cou,
            flow: None,
        };
        out.push(Stored { pollutant: s.pollutant.clone(), period_start: start, average, limit: setup.limit(&s.pollutant) });
    }
    Ok(out)
}

/// Days from their stored hours, or a month from its stored days.
fn roll_up(setup: &OutletSetup, period: Period, start: i64, parts: Vec<Stored>) -> Vec<Stored> {
    let rules = setup.rules();
    let mut by_pollutant: BTreeMap<String, Vec<Average>> = BTreeMap::new();
    for p in parts {
        by_pollutant.entry(p.pollutant).or_default().push(p.average);
    }
    by_pollutant
        .into_iter()
        .map(|(pollutant, parts)| {
            let average = match period {
                Period::Month => avg::month(&rules, clock::month_of(start), &parts),
                _ => avg::day(&rules, &parts),
            };
            Stored { limit: setup.limit(&pollutant), pollutant, period_start: start, average }
        })
        .collect()
}

const COLUMNS: &[&str] = &[
    "credit_code", "outlet_code", "period", "source", "pollutant", "period_start", "valid", "valid_count", "total_count", "mean",
    "converted", "o2", "emission_kg", "limit_value",
];

#[allow(clippy::too_many_arguments)]
async fn replace(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    setup: &OutletSetup,
    period: Period,
    source: &str,
    from: i64,
    to: i64,
    rows: Vec<Stored>,
    only: Option<&BTreeSet<i64>>,
) -> Result<()> {
    match only {
        Some(starts) => {
            for s in starts {
                sqlx::query("DELETE FROM monitoring_averages WHERE credit_code = $1 AND outlet_code = $2 AND period = $3 AND source = $4 AND period_start = $5")
                    .bind(&setup.credit_code)
                    .bind(&setup.outlet_code)
                    .bind(period.code())
                    .bind(source)
                    .bind(*s)
                    .execute(&mut **tx)
                    .await?;
            }
        }
        None => {
            sqlx::query(
                "DELETE FROM monitoring_averages WHERE credit_code = $1 AND outlet_code = $2 AND period = $3 AND source = $4
                 AND period_start >= $5 AND period_start < $6",
            )
            .bind(&setup.credit_code)
            .bind(&setup.outlet_code)
            .bind(period.code())
            .bind(source)
            .bind(from)
            .bind(to)
            .execute(&mut **tx)
            .await?;
        }
    }
    let values: Vec<Vec<Value>> = rows
        .iter()
        .filter(|s| only.is_none_or(|o| o.contains(&s.period_start)))
        .map(|s| {
            let a = &s.average;
            vec![
                (&setup.credit_code).into(),
                (&setup.outlet_code).into(),
                period.code().into(),
                source.into(),
                (&s.pollutant).into(),
                s.period_start.into(),
                a.valid.into(),
                (a.valid_count as i64).into(),
                (a.total_count as i64).into(),
                a.mean.into(),
                a.converted.into(),
                a.o2.into(),
                a.emission_kg.into(),
                s.limit.into(),
            ]
        })
        .collect();
    batch::insert_rows(tx, "monitoring_averages", COLUMNS, &values, None).await?;
    Ok(())
}

const SELECT: &str = "SELECT pollutant, period_start, valid, valid_count, total_count, mean, converted, o2, emission_kg, limit_value
     FROM monitoring_averages WHERE credit_code = $1 AND outlet_code = $2 AND period = $3 AND source = $4
     AND period_start >= $5 AND period_start < $6 ORDER BY period_start, pollutant";
/// One pollutant's: a range of the primary key, read in order (no sort, no other pollutants).
const SELECT_ONE: &str = "SELECT pollutant, period_start, valid, valid_count, total_count, mean, converted, o2, emission_kg, limit_value
     FROM monitoring_averages WHERE credit_code = $1 AND outlet_code = $2 AND period = $3 AND source = $4
     AND pollutant = $5 AND period_start >= $6 AND period_start < $7 ORDER BY period_start";

fn stored(row: &sqlx::any::AnyRow) -> Result<Stored> {
    Ok(Stored {
        pollutant: row.try_get(0)?,
        period_start: row.try_get(1)?,
        average: Average {
            valid: row.try_get::<i64, _>(2)? != 0,
            valid_count: row.try_get::<i64, _>(3)? as u32,
            total_count: row.try_get::<i64, _>(4)? as u32,
            mean: row.try_get(5)?,
            converted: row.try_get(6)?,
            o2: row.try_get(7)?,
            emission_kg: row.try_get(8)?,
            flow: None,
        },
        limit: row.try_get(9)?,
    })
}

async fn read_tx(tx: &mut sqlx::Transaction<'static, sqlx::Any>, setup: &OutletSetup, period: Period, source: &str, from: i64, to: i64) -> Result<Vec<Stored>> {
    let mut out = select(tx, setup, period, source, None, from, to).await?;
    if period == Period::Hour && setup.medium == Medium::Water {
        let flows: Vec<Stored> = out.iter().filter(|s| s.pollutant == crate::monitoring::codes::WATER_FLOW).cloned().collect();
        attach_flows(&mut out, &flows);
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
async fn select(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    setup: &OutletSetup,
    period: Period,
    source: &str,
    pollutant: Option<&str>,
    from: i64,
    to: i64,
) -> Result<Vec<Stored>> {
    let query = sqlx::query(if pollutant.is_some() { SELECT_ONE } else { SELECT })
        .bind(&setup.credit_code)
        .bind(&setup.outlet_code)
        .bind(period.code())
        .bind(source);
    let query = match pollutant {
        Some(p) => query.bind(p),
        None => query,
    };
    let rows = query.bind(from).bind(to).fetch_all(&mut **tx).await?;
    rows.iter().map(stored).collect()
}

/// The daily water mean is weighted by each hour's flow: the flow series' hourly mean.
fn attach_flows(out: &mut [Stored], flows: &[Stored]) {
    let flows: HashMap<i64, f64> = flows.iter().filter_map(|s| Some((s.period_start, s.average.mean?))).collect();
    for s in out {
        s.average.flow = flows.get(&s.period_start).copied();
    }
}

/// Stored averages of one outlet, period and source in `[from, to)`, in time then pollutant order.
pub async fn read(db: &Db, setup: &OutletSetup, period: Period, source: &str, from: i64, to: i64) -> Result<Vec<Stored>> {
    let mut tx = db.pool.begin().await?;
    let out = read_tx(&mut tx, setup, period, source, from, to).await?;
    tx.commit().await?;
    Ok(out)
}

/// Stored averages of one pollutant of one outlet, period and source in `[from, to)`, in time
/// order: `read` filtered to the pollutant, without reading the others (the outlet page's chart
/// of one pollutant; a year of hourly means is 8,760 rows of each pollutant).
pub async fn read_pollutant(db: &Db, setup: &OutletSetup, period: Period, source: &str, pollutant: &str, from: i64, to: i64) -> Result<Vec<Stored>> {
    let mut tx = db.pool.begin().await?;
    let mut out = select(&mut tx, setup, period, source, Some(pollutant), from, to).await?;
    if period == Period::Hour && setup.medium == Medium::Water {
        let flow = crate::monitoring::codes::WATER_FLOW;
        let flows = if pollutant == flow { out.clone() } else { select(&mut tx, setup, period, source, Some(flow), from, to).await? };
        attach_flows(&mut out, &flows);
    }
    tx.commit().await?;
    Ok(out)
}

/// Take the hours that received data since the last call and recompute them; returns how many
/// outlet-hours were recomputed. Called every few seconds by `serve` (`spawn_averager`).
pub async fn process_dirty(db: &Db, limit: i64) -> Result<usize> {
    let taken = series::take_dirty(db, limit).await?;
    if taken.is_empty() {
        return Ok(0);
    }
    let mut outlets: HashMap<i64, Option<(String, String)>> = HashMap::new();
    let mut work: BTreeMap<(String, String), BTreeSet<i64>> = BTreeMap::new();
    for (device, kind, hour) in &taken {
        if !outlets.contains_key(device) {
            let row = sqlx::query("SELECT credit_code, outlet_code FROM devices WHERE id = $1").bind(*device).fetch_optional(&db.pool).await?;
            outlets.insert(*device, row.map(|r| Ok::<_, sqlx::Error>((r.try_get(0)?, r.try_get(1)?))).transpose()?);
        }
        let Some(Some(key)) = outlets.get(device) else { continue };
        let hours = work.entry(key.clone()).or_default();
        let h = hour.unix_timestamp();
        if *kind == DataKind::Daily2031 {
            hours.insert(clock::day_start(h));
        } else {
            hours.insert(Period::Hour.start_of(h));
        }
    }
    let mut n = 0;
    for ((credit, outlet), hours) in work {
        let Some(setup) = outlet_setup(db, &credit, &outlet).await? else { continue };
        n += hours.len();
        if let Err(e) = recompute_hours(db, &setup, &hours).await {
            // Put the hours back so the next round (or `monitor recompute`) covers them.
            let back: Vec<_> = taken.iter().filter(|(d, _, _)| outlets.get(d).and_then(|o| o.as_ref()) == Some(&(credit.clone(), outlet.clone()))).cloned().collect();
            series::mark_dirty(db, &back).await?;
            return Err(e);
        }
    }
    Ok(n)
}

/// The background task of `serve`: every `every` seconds, recompute what arrived.
pub fn spawn_averager(db: Db, every: std::time::Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            // One node at a time recomputes (several nodes may share a PostgreSQL database).
            match super::coordination::exclusive(&db, super::coordination::Job::Averages, || process_dirty(&db, 10_000)).await {
                Ok(Some(n)) if n > 0 => tracing::debug!(hours = n, "averages recomputed"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "recomputing averages failed; retrying"),
            }
            tokio::time::sleep(every).await;
        }
    })
}

/// One monitored outlet on the overview, with today's figures (outlet-level hours: an hour
/// counts as received when any series has a value, valid when every pollutant with a limit
/// that reported is valid, exceeded when one of them is above its limit).
#[derive(Clone, Debug, Default)]
pub struct OverviewRow {
    pub credit_code: String,
    pub outlet_code: String,
    pub enterprise_id: Option<i64>,
    pub enterprise_name: String,
    pub division_code: String,
    pub industry_code: String,
    pub outlet_name: String,
    pub received_hours: u32,
    pub valid_hours: u32,
    pub exceeded_hours: u32,
}

/// Every outlet with a logger, and its figures for the Beijing day starting at `day`.
pub async fn overview(db: &Db, day: i64) -> Result<Vec<OverviewRow>> {
    let rows = sqlx::query(
        "SELECT DISTINCT d.credit_code, d.outlet_code, e.id, e.name, e.division_code, e.industry_code, o.name
         FROM devices d LEFT JOIN enterprises e ON e.credit_code = d.credit_code
         LEFT JOIN outlets o ON o.enterprise_id = e.id AND o.code = d.outlet_code
         ORDER BY d.credit_code, d.outlet_code",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut out: Vec<OverviewRow> = Vec::with_capacity(rows.len());
    let mut at: HashMap<(String, String), usize> = HashMap::new();
    for r in rows {
        let row = OverviewRow {
            credit_code: r.try_get(0)?,
            outlet_code: r.try_get(1)?,
            enterprise_id: r.try_get(2)?,
            enterprise_name: r.try_get::<Option<String>, _>(3)?.unwrap_or_default(),
            division_code: r.try_get::<Option<String>, _>(4)?.unwrap_or_default(),
            industry_code: r.try_get::<Option<String>, _>(5)?.unwrap_or_default(),
            outlet_name: r.try_get::<Option<String>, _>(6)?.unwrap_or_default(),
            ..Default::default()
        };
        at.insert((row.credit_code.clone(), row.outlet_code.clone()), out.len());
        out.push(row);
    }
    let hours = sqlx::query(
        "SELECT credit_code, outlet_code, period_start, pollutant, valid, mean, converted, limit_value FROM monitoring_averages
         WHERE period = 'hour' AND source = 'computed' AND period_start >= $1 AND period_start < $2",
    )
    .bind(day)
    .bind(day + 86_400)
    .fetch_all(&db.pool)
    .await?;
    // (outlet index, hour) → (any limited pollutant invalid, any exceeded)
    let mut per_hour: BTreeMap<(usize, i64), (bool, bool)> = BTreeMap::new();
    for r in hours {
        let Some(&i) = at.get(&(r.try_get::<String, _>(0)?, r.try_get::<String, _>(1)?)) else { continue };
        let e = per_hour.entry((i, r.try_get(2)?)).or_insert((false, false));
        let limit: Option<f64> = r.try_get(7)?;
        if let Some(limit) = limit {
            let a = Average { valid: r.try_get::<i64, _>(4)? != 0, mean: r.try_get(5)?, converted: r.try_get(6)?, ..Default::default() };
            e.0 |= !a.valid;
            e.1 |= a.exceeded(Some(limit)) == Some(true);
        }
    }
    for ((i, _), (invalid, exceeded)) in per_hour {
        out[i].received_hours += 1;
        out[i].valid_hours += (!invalid) as u32;
        out[i].exceeded_hours += exceeded as u32;
    }
    Ok(out)
}
