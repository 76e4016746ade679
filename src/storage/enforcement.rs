//! Judging (issue 10): an outlet's stored averages (`storage::averages`) turned into
//! exceedance episodes and leads (migration 0016), and the queries of the lists and the CLI.
//!
//! The averager records every outlet-day whose averages it recomputed in `judge_dirty`;
//! `process_dirty` (every `judging.toml` `every_seconds` in `serve`, and before the CLI lists)
//! judges each outlet once over the span of its dirty days. Episodes touching the span are
//! recomputed over the span widened to them, so an episode across midnight or the span's edge
//! stays one episode. Every finding — an episode or a detector's hit — becomes a lead keyed by
//! (outlet, detector, pollutant, start): it keeps its id while it grows; an open lead whose
//! finding vanished (late data made the hour valid) is deleted; a decided one is kept.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sqlx::Row;

use super::averages::{self, OutletSetup, Stored, COMPUTED, LOGGER};
use super::Db;
use crate::auth::Scope;
use crate::enforcement::episodes::{self, Episode};
use crate::enforcement::finding::{Figure, Finding};
use crate::enforcement::lead::{Lead, LeadStatus};
use crate::enforcement::limits::Basis;
use crate::enforcement::series::{MarkSpan, OutletSeries, Point, PollutantSeries};
use crate::enforcement::settings::JUDGING;
use crate::enforcement::detectors;
use crate::error::Result;
use crate::i18n::catalogue::enforcement as msg;
use crate::i18n::Msg;
use crate::monitoring::clock::{self, Period};

const DAY: i64 = 86_400;

fn point(s: &Stored) -> Point {
    let a = &s.average;
    Point {
        start: s.period_start,
        valid: a.valid,
        valid_count: a.valid_count,
        total_count: a.total_count,
        mean: a.mean,
        converted: a.converted,
        o2: a.o2,
        emission_kg: a.emission_kg,
    }
}

fn parse_rfc3339(s: &str) -> Option<i64> {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok().map(|t| t.unix_timestamp())
}

fn series_of<'a>(by_code: &'a mut BTreeMap<String, PollutantSeries>, setup: &OutletSetup, code: &str) -> &'a mut PollutantSeries {
    by_code.entry(code.to_string()).or_insert_with(|| PollutantSeries {
        code: code.to_string(),
        name: setup.pollutants.get(code).map(|p| p.0.clone()).unwrap_or_default(),
        limit: setup.limit(code),
        ..Default::default()
    })
}

/// Everything judging needs of one outlet: its stored averages in `[read_from, window.1)`
/// (the part before `window.0` is history), its marks, its enterprise's division and industry,
/// the last contact of its logger and the packets refused as future-dated in the window.
pub async fn outlet_series(db: &Db, setup: &OutletSetup, read_from: i64, window: (i64, i64), now: i64) -> Result<OutletSeries> {
    let to = window.1;
    let hours = averages::read(db, setup, Period::Hour, COMPUTED, read_from, to).await?;
    let logger = averages::read(db, setup, Period::Hour, LOGGER, read_from, to).await?;
    let days = averages::read(db, setup, Period::Day, COMPUTED, clock::day_start(read_from), to).await?;
    let mut by_code: BTreeMap<String, PollutantSeries> = BTreeMap::new();
    for s in &hours {
        series_of(&mut by_code, setup, &s.pollutant).hours.push(point(s));
    }
    for s in &logger {
        series_of(&mut by_code, setup, &s.pollutant).logger_hours.push(point(s));
    }
    for s in &days {
        series_of(&mut by_code, setup, &s.pollutant).days.push(point(s));
    }
    let standard = setup.pollutants.values().map(|p| p.3.clone()).find(|s| !s.is_empty()).unwrap_or_default();
    let marks = sqlx::query(
        "SELECT kind, starts_at, ends_at, entered_at FROM monitoring_marks
         WHERE credit_code = $1 AND outlet_code = $2 AND withdrawn_at IS NULL AND starts_at < $3 AND ends_at > $4 ORDER BY starts_at",
    )
    .bind(&setup.credit_code)
    .bind(&setup.outlet_code)
    .bind(to)
    .bind(read_from)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| {
        Ok(MarkSpan {
            kind: r.try_get(0)?,
            starts_at: r.try_get(1)?,
            ends_at: r.try_get(2)?,
            entered_at: parse_rfc3339(&r.try_get::<String, _>(3)?).unwrap_or_default(),
        })
    })
    .collect::<Result<Vec<_>>>()?;
    let enterprise = sqlx::query("SELECT division_code, industry_code FROM enterprises WHERE credit_code = $1")
        .bind(&setup.credit_code)
        .fetch_optional(&db.pool)
        .await?;
    let (division_code, industry_code) = match enterprise {
        Some(r) => (r.try_get(0)?, r.try_get(1)?),
        None => (String::new(), String::new()),
    };
    let devices: Vec<i64> = sqlx::query("SELECT id FROM devices WHERE credit_code = $1 AND outlet_code = $2")
        .bind(&setup.credit_code)
        .bind(&setup.outlet_code)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<std::result::Result<_, _>>()?;
    let mut last_contact: Option<i64> = None;
    let mut future_frames = Vec::new();
    let mut conflicts = Vec::new();
    let (dt_from, dt_to) = (data_time_of(window.0), data_time_of(window.1));
    let (from_text, to_text) = (rfc3339(window.0), rfc3339(window.1));
    for id in &devices {
        if let Some(r) = sqlx::query("SELECT last_contact_at FROM device_status WHERE device_id = $1").bind(*id).fetch_optional(&db.pool).await? {
            let t: Option<String> = r.try_get(0)?;
            if let Some(t) = t.as_deref().and_then(parse_rfc3339) {
                last_contact = Some(last_contact.map_or(t, |l: i64| l.max(t)));
            }
        }
        for r in sqlx::query(
            "SELECT received_at FROM raw_packets WHERE device_id = $1 AND reason = 'future_time' AND verdict = 'rejected'
             AND received_at >= $2 AND received_at < $3 ORDER BY received_at",
        )
        .bind(*id)
        .bind(&from_text)
        .bind(&to_text)
        .fetch_all(&db.pool)
        .await?
        {
            if let Some(t) = parse_rfc3339(&r.try_get::<String, _>(0)?) {
                future_frames.push(t);
            }
        }
        for r in sqlx::query("SELECT data_time FROM ingest_conflicts WHERE device_id = $1 AND data_time >= $2 AND data_time < $3")
            .bind(*id)
            .bind(dt_from)
            .bind(dt_to)
            .fetch_all(&db.pool)
            .await?
        {
            if let Some(t) = clock::from_data_time(r.try_get(0)?) {
                conflicts.push(t);
            }
        }
    }
    Ok(OutletSeries {
        credit_code: setup.credit_code.clone(),
        outlet_code: setup.outlet_code.clone(),
        enterprise_name: setup.enterprise_name.clone(),
        outlet_name: setup.outlet_name.clone(),
        division_code,
        industry_code,
        medium: setup.medium,
        reference_o2: setup.reference.percent(),
        standard,
        pollutants: by_code.into_values().collect(),
        marks,
        window,
        last_contact,
        future_frames,
        conflicts,
        now,
    })
}

/// The Beijing DataTime (YYYYMMDDhhmmss) of a Unix time, as `ingest_conflicts.data_time`.
fn data_time_of(t: i64) -> i64 {
    let d = time::OffsetDateTime::from_unix_timestamp(t).unwrap_or(time::OffsetDateTime::UNIX_EPOCH).to_offset(time::macros::offset!(+8));
    ((((d.year() as i64 * 100 + d.month() as i64) * 100 + d.day() as i64) * 100 + d.hour() as i64) * 100 + d.minute() as i64) * 100 + d.second() as i64
}

/// RFC 3339 UTC with three fraction digits, as `raw_packets.received_at` is written.
fn rfc3339(t: i64) -> String {
    let d = time::OffsetDateTime::from_unix_timestamp(t).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.000Z", d.year(), d.month() as u8, d.day(), d.hour(), d.minute(), d.second())
}

/// What one judgment did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Judged {
    pub episodes: usize,
    pub new_episodes: usize,
    pub leads: usize,
    pub new_leads: usize,
}

fn format_when(basis: Basis, t: i64) -> String {
    match basis {
        Basis::Hour => clock::format_minute(t),
        Basis::Day => clock::format_day(t),
    }
}

/// The lead an episode becomes.
pub fn episode_finding(e: &Episode, pollutant_name: &str) -> Finding {
    let name = if pollutant_name.is_empty() { e.pollutant.clone() } else { pollutant_name.to_string() };
    let ratio = format!("{:.2}", e.max_ratio);
    let (start, end) = (format_when(e.basis, e.start), format_when(e.basis, e.end));
    let explanation = match e.basis {
        Basis::Hour => msg::exceedance_hours(name, e.periods as i64, start, end, round4(e.max_value), round4(e.limit), ratio),
        Basis::Day => msg::exceedance_days(name, e.periods as i64, start, end, round4(e.max_value), round4(e.limit), ratio),
    };
    Finding {
        detector: "exceedance",
        pollutant: Some(e.pollutant.clone()),
        start: e.start,
        end: e.end_exclusive(),
        explanation,
        figures: vec![
            Figure { key: "periods", value: e.periods as f64 },
            Figure { key: "max_value", value: e.max_value },
            Figure { key: "limit", value: e.limit },
            Figure { key: "max_ratio", value: e.max_ratio },
        ],
    }
}

fn round4(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}

/// Judge one outlet over `window` (`[from, to)`, Unix seconds): episodes and leads replaced in
/// one transaction.
pub async fn judge(db: &Db, setup: &OutletSetup, window: (i64, i64), now: i64) -> Result<Judged> {
    // Widen the span to the stored episodes that touch it, so they are recomputed whole.
    let touching = sqlx::query(
        "SELECT basis, starts_at, ends_at FROM exceedance_episodes WHERE credit_code = $1 AND outlet_code = $2 AND starts_at <= $3 AND ends_at >= $4",
    )
    .bind(&setup.credit_code)
    .bind(&setup.outlet_code)
    .bind(window.1)
    .bind(window.0 - DAY)
    .fetch_all(&db.pool)
    .await?;
    let (mut span_from, mut span_to) = window;
    for r in &touching {
        let basis = Basis::parse(&r.try_get::<String, _>(0)?).unwrap_or(Basis::Hour);
        let (s, e): (i64, i64) = (r.try_get(1)?, r.try_get(2)?);
        if e + basis.seconds() >= window.0 {
            span_from = span_from.min(s);
            span_to = span_to.max(e + basis.seconds());
        }
    }
    let span_from = clock::day_start(span_from);
    let span_to = clock::day_start(span_to - 1) + DAY;
    let history = JUDGING.history_days * DAY;
    let series = outlet_series(db, setup, span_from - history, (span_from, span_to), now).await?;
    let mut judged = series.clone();
    for p in &mut judged.pollutants {
        p.hours.retain(|h| h.start >= span_from);
        p.days.retain(|d| d.start >= span_from);
    }
    let computed = episodes::of_outlet(&judged);
    let names: HashMap<&str, &str> = series.pollutants.iter().map(|p| (p.code.as_str(), p.name.as_str())).collect();
    let mut findings: Vec<Finding> = computed.iter().map(|e| episode_finding(e, names.get(e.pollutant.as_str()).copied().unwrap_or(""))).collect();
    // Detectors judge the window asked for, with the history before it.
    let mut detector_series = series;
    detector_series.window = window;
    findings.extend(detectors::run(&detector_series).into_iter().filter(|f| f.start < window.1 && f.end > window.0));

    let mut tx = db.begin().await?;
    // Episodes: keep the detection time of those found before.
    let stored: HashMap<(String, String, i64), i64> = sqlx::query(
        "SELECT pollutant, basis, starts_at, detected_at FROM exceedance_episodes WHERE credit_code = $1 AND outlet_code = $2 AND starts_at >= $3 AND starts_at < $4",
    )
    .bind(&setup.credit_code)
    .bind(&setup.outlet_code)
    .bind(span_from)
    .bind(span_to)
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(|r| Ok(((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?), r.try_get(3)?)))
    .collect::<Result<_>>()?;
    sqlx::query("DELETE FROM exceedance_episodes WHERE credit_code = $1 AND outlet_code = $2 AND starts_at >= $3 AND starts_at < $4")
        .bind(&setup.credit_code)
        .bind(&setup.outlet_code)
        .bind(span_from)
        .bind(span_to)
        .execute(&mut *tx)
        .await?;
    let mut out = Judged { episodes: computed.len(), ..Default::default() };
    for e in &computed {
        let key = (e.pollutant.clone(), e.basis.code().to_string(), e.start);
        let detected = match stored.get(&key) {
            Some(t) => *t,
            None => {
                out.new_episodes += 1;
                now
            }
        };
        sqlx::query(
            "INSERT INTO exceedance_episodes (credit_code, outlet_code, pollutant, basis, starts_at, ends_at, periods, max_value, limit_value, max_ratio,
               division_code, industry_code, detected_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(&setup.credit_code)
        .bind(&setup.outlet_code)
        .bind(&e.pollutant)
        .bind(e.basis.code())
        .bind(e.start)
        .bind(e.end)
        .bind(e.periods as i64)
        .bind(e.max_value)
        .bind(e.limit)
        .bind(e.max_ratio)
        .bind(&judged.division_code)
        .bind(&judged.industry_code)
        .bind(detected)
        .execute(&mut *tx)
        .await?;
    }
    // Leads.
    let existing = sqlx::query(
        "SELECT id, detector, pollutant, starts_at, status FROM leads WHERE credit_code = $1 AND outlet_code = $2
         AND ((detector = 'exceedance' AND starts_at >= $3 AND starts_at < $4) OR (detector <> 'exceedance' AND starts_at < $6 AND ends_at > $5))",
    )
    .bind(&setup.credit_code)
    .bind(&setup.outlet_code)
    .bind(span_from)
    .bind(span_to)
    .bind(window.0)
    .bind(window.1)
    .fetch_all(&mut *tx)
    .await?;
    let mut existing: HashMap<(String, String, i64), (i64, String)> = existing
        .iter()
        .map(|r| Ok(((r.try_get(1)?, r.try_get(2)?, r.try_get(3)?), (r.try_get(0)?, r.try_get(4)?))))
        .collect::<Result<_>>()?;
    let mut seen = BTreeSet::new();
    for f in &findings {
        let key = (f.detector.to_string(), f.pollutant.clone().unwrap_or_default(), f.start);
        if !seen.insert(key.clone()) {
            continue;
        }
        let (code, args) = f.explanation.to_stored();
        let figures = serde_json::Value::Object(f.figures.iter().map(|g| (g.key.to_string(), serde_json::json!(g.value))).collect()).to_string();
        match existing.remove(&key) {
            Some((id, status)) => {
                if status == LeadStatus::Open.code() {
                    sqlx::query("UPDATE leads SET ends_at = $1, explanation_code = $2, explanation_args = $3, figures = $4, updated_at = $5 WHERE id = $6")
                        .bind(f.end)
                        .bind(&code)
                        .bind(&args)
                        .bind(&figures)
                        .bind(now)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            None => {
                out.new_leads += 1;
                sqlx::query(
                    "INSERT INTO leads (credit_code, outlet_code, detector, pollutant, starts_at, ends_at, explanation_code, explanation_args, figures,
                       division_code, industry_code, status, detected_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', $12, $12)",
                )
                .bind(&setup.credit_code)
                .bind(&setup.outlet_code)
                .bind(&key.0)
                .bind(&key.1)
                .bind(f.start)
                .bind(f.end)
                .bind(&code)
                .bind(&args)
                .bind(&figures)
                .bind(&judged.division_code)
                .bind(&judged.industry_code)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    out.leads = seen.len();
    // Open leads whose finding is gone.
    for (id, status) in existing.into_values() {
        if status == LeadStatus::Open.code() {
            sqlx::query("DELETE FROM leads WHERE id = $1 AND status = 'open'").bind(id).execute(&mut *tx).await?;
        }
    }
    tx.commit().await?;
    Ok(out)
}

/// Record that an outlet's averages changed on these Beijing days (called by the averager in
/// its transaction).
pub async fn mark_dirty(tx: &mut sqlx::Transaction<'static, sqlx::Any>, credit_code: &str, outlet_code: &str, days: &BTreeSet<i64>) -> Result<()> {
    for day in days {
        sqlx::query(
            "INSERT INTO judge_dirty (credit_code, outlet_code, day_start) VALUES ($1, $2, $3) ON CONFLICT (credit_code, outlet_code, day_start) DO NOTHING",
        )
        .bind(credit_code)
        .bind(outlet_code)
        .bind(*day)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Judge every outlet with dirty days, each once over the span of its days; returns the
/// number of outlets judged. The days are taken (deleted) in the transaction that reads them;
/// a judgment that fails puts them back.
pub async fn process_dirty(db: &Db, now: i64) -> Result<usize> {
    let mut tx = db.begin().await?;
    let rows = sqlx::query("SELECT credit_code, outlet_code, day_start FROM judge_dirty ORDER BY credit_code, outlet_code, day_start LIMIT 100000")
        .fetch_all(&mut *tx)
        .await?;
    let mut work: BTreeMap<(String, String), BTreeSet<i64>> = BTreeMap::new();
    for r in &rows {
        work.entry((r.try_get(0)?, r.try_get(1)?)).or_default().insert(r.try_get(2)?);
    }
    for ((credit, outlet), days) in &work {
        for day in days {
            sqlx::query("DELETE FROM judge_dirty WHERE credit_code = $1 AND outlet_code = $2 AND day_start = $3")
                .bind(credit)
                .bind(outlet)
                .bind(*day)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    let mut n = 0;
    let mut pending: Vec<((String, String), BTreeSet<i64>)> = work.into_iter().collect();
    while let Some(((credit, outlet), days)) = pending.pop() {
        let Some(setup) = averages::outlet_setup(db, &credit, &outlet).await? else { continue };
        let (first, last) = (*days.first().expect("non-empty"), *days.last().expect("non-empty"));
        if let Err(e) = judge(db, &setup, (first, last + DAY), now).await {
            let mut tx = db.begin().await?;
            mark_dirty(&mut tx, &credit, &outlet, &days).await?;
            for ((c, o), d) in &pending {
                mark_dirty(&mut tx, c, o, d).await?;
            }
            tx.commit().await?;
            return Err(e);
        }
        n += 1;
    }
    Ok(n)
}

/// Queue the Beijing day before `today` of every monitored outlet: a day is judged on its
/// daily mean only once it is over, and no new data may arrive to mark it after midnight.
pub async fn queue_yesterday(db: &Db, today: i64) -> Result<()> {
    let outlets = averages::monitored_outlets(db).await?;
    let mut tx = db.begin().await?;
    for (credit, outlet) in &outlets {
        mark_dirty(&mut tx, credit, outlet, &BTreeSet::from([today - DAY])).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The background task of `serve`: judge what the averager recomputed, and each day that ended.
pub fn spawn_judge(db: Db) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut today = clock::day_start(time::OffsetDateTime::now_utc().unix_timestamp());
        loop {
            tokio::time::sleep(std::time::Duration::from_secs(JUDGING.every_seconds)).await;
            let now = time::OffsetDateTime::now_utc().unix_timestamp();
            let day = clock::day_start(now);
            // One node at a time judges (several nodes may share a PostgreSQL database). A node
            // that skipped a pass queues the day that ended on its next one (re-judging is
            // idempotent, so two nodes queueing the same day only judge it again).
            let pass = super::coordination::exclusive(&db, super::coordination::Job::Judging, || async {
                if day != today {
                    queue_yesterday(&db, day).await?;
                }
                process_dirty(&db, now).await
            })
            .await;
            match pass {
                Ok(Some(n)) => {
                    today = day;
                    if n > 0 {
                        tracing::debug!(outlets = n, "outlets judged");
                    }
                }
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "judging outlets failed; retrying"),
            }
        }
    })
}

/// A stored episode as lists show it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct EpisodeRow {
    pub id: i64,
    pub credit_code: String,
    pub outlet_code: String,
    pub enterprise_id: Option<i64>,
    pub enterprise_name: String,
    pub outlet_name: String,
    pub pollutant: String,
    pub pollutant_name: String,
    pub basis: String,
    pub start: i64,
    pub end: i64,
    pub periods: i64,
    pub max_value: f64,
    pub limit: f64,
    pub max_ratio: f64,
    pub division_code: String,
    pub industry_code: String,
    pub detected_at: i64,
}

/// An episode row as the episode queries select it (columns 0–17 in `EpisodeRow` order).
pub(crate) fn episode_row(r: &sqlx::any::AnyRow) -> Result<EpisodeRow> {
    Ok(EpisodeRow {
        id: r.try_get(0)?,
        credit_code: r.try_get(1)?,
        outlet_code: r.try_get(2)?,
        enterprise_id: r.try_get(3)?,
        enterprise_name: r.try_get::<Option<String>, _>(4)?.unwrap_or_default(),
        outlet_name: r.try_get::<Option<String>, _>(5)?.unwrap_or_default(),
        pollutant: r.try_get(6)?,
        pollutant_name: r.try_get::<Option<String>, _>(7)?.unwrap_or_default(),
        basis: r.try_get(8)?,
        start: r.try_get(9)?,
        end: r.try_get(10)?,
        periods: r.try_get(11)?,
        max_value: r.try_get(12)?,
        limit: r.try_get(13)?,
        max_ratio: r.try_get(14)?,
        division_code: r.try_get(15)?,
        industry_code: r.try_get(16)?,
        detected_at: r.try_get(17)?,
    })
}

impl EpisodeRow {
    /// `CREDITCODE/OUTLETCODE`.
    pub fn outlet_label(&self) -> String {
        format!("{}/{}", self.credit_code, self.outlet_code)
    }
    /// Hours the episode covers (a daily one counts 24).
    pub fn hours(&self) -> i64 {
        if self.basis == "day" { self.periods * 24 } else { self.periods }
    }
}

/// What the lists ask for: episodes overlapping `[from, to)`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EpisodeFilter {
    pub from: i64,
    pub to: i64,
    /// A division code prefix (county, township …).
    pub division: Option<String>,
    /// A GB/T 4754 code prefix.
    pub industry: Option<String>,
    pub pollutant: Option<String>,
    /// One enterprise (the dossier).
    pub credit_code: Option<String>,
}

/// The episodes in scope overlapping the filter's range, by start.
pub async fn episodes(db: &Db, scope: &Scope, filter: &EpisodeFilter) -> Result<Vec<EpisodeRow>> {
    let (scope_sql, scope_binds) = scope.where_clause(3);
    let mut sql = format!(
        "SELECT e.id, e.credit_code, e.outlet_code, n.id, n.name, o.name, e.pollutant, p.pollutant_name, e.basis, e.starts_at, e.ends_at, e.periods,
                e.max_value, e.limit_value, e.max_ratio, e.division_code, e.industry_code, e.detected_at
         FROM exceedance_episodes e
         LEFT JOIN enterprises n ON n.credit_code = e.credit_code
         LEFT JOIN outlets o ON o.enterprise_id = n.id AND o.code = e.outlet_code
         LEFT JOIN outlet_pollutants p ON p.outlet_id = o.id AND p.pollutant_code = e.pollutant
         WHERE e.starts_at < $1 AND e.ends_at >= $2 AND {scope_sql}"
    );
    let mut binds: Vec<String> = scope_binds;
    let mut next = 3 + binds.len();
    if let Some(d) = filter.division.as_deref().filter(|d| !d.is_empty()) {
        let prefix = crate::ledger::codes::subtree_prefix(d).to_string();
        let upper = crate::ledger::filter::prefix_upper_bound(&prefix).unwrap_or_else(|| format!("{prefix}:"));
        sql.push_str(&format!(" AND e.division_code >= ${next} AND e.division_code < ${}", next + 1));
        binds.push(prefix);
        binds.push(upper);
        next += 2;
    }
    if let Some(i) = filter.industry.as_deref().filter(|i| !i.is_empty()) {
        sql.push_str(&format!(" AND e.industry_code LIKE ${next}"));
        binds.push(format!("{i}%"));
        next += 1;
    }
    if let Some(p) = filter.pollutant.as_deref().filter(|p| !p.is_empty()) {
        sql.push_str(&format!(" AND e.pollutant = ${next}"));
        binds.push(p.to_string());
        next += 1;
    }
    if let Some(c) = filter.credit_code.as_deref() {
        sql.push_str(&format!(" AND e.credit_code = ${next}"));
        binds.push(c.to_string());
    }
    sql.push_str(" ORDER BY e.starts_at, e.credit_code, e.outlet_code, e.pollutant, e.basis");
    let mut q = sqlx::query(&sql).bind(filter.to).bind(filter.from);
    for b in binds {
        q = q.bind(b);
    }
    let rows = q.fetch_all(&db.pool).await?;
    rows.iter()
        .map(episode_row)
        .collect()
}

const LEAD_COLUMNS: &str = "e.id, e.credit_code, e.outlet_code, e.detector, e.pollutant, e.starts_at, e.ends_at, e.explanation_code, e.explanation_args,
    e.figures, e.division_code, e.industry_code, e.status, e.decided_by, e.decided_at, e.decision_reason, e.case_id, e.detected_at, e.updated_at";

/// A `leads` row (selected with `LEAD_COLUMNS`, alias `e`) as a `Lead`.
pub fn lead_of(r: &sqlx::any::AnyRow) -> Result<Lead> {
    let code: String = r.try_get(7)?;
    let args: String = r.try_get(8)?;
    let explanation = Msg::from_stored(&code, &args).unwrap_or_else(|| crate::i18n::untranslated(code.clone()));
    let figures: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&r.try_get::<String, _>(9)?).unwrap_or_default();
    Ok(Lead {
        id: r.try_get(0)?,
        credit_code: r.try_get(1)?,
        outlet_code: r.try_get(2)?,
        detector: r.try_get(3)?,
        pollutant: r.try_get(4)?,
        start: r.try_get(5)?,
        end: r.try_get(6)?,
        explanation,
        figures: figures.into_iter().filter_map(|(k, v)| Some((k, v.as_f64()?))).collect(),
        division_code: r.try_get(10)?,
        industry_code: r.try_get(11)?,
        status: LeadStatus::parse(&r.try_get::<String, _>(12)?).unwrap_or(LeadStatus::Open),
        decided_by: r.try_get(13)?,
        decided_at: r.try_get(14)?,
        decision_reason: r.try_get(15)?,
        case_id: r.try_get(16)?,
        detected_at: r.try_get(17)?,
        updated_at: r.try_get(18)?,
    })
}

/// The leads in scope overlapping `[from, to)`, by start.
pub async fn leads(db: &Db, scope: &Scope, from: i64, to: i64) -> Result<Vec<Lead>> {
    let (scope_sql, binds) = scope.where_clause(3);
    let sql = format!("SELECT {LEAD_COLUMNS} FROM leads e WHERE e.starts_at < $1 AND e.ends_at > $2 AND {scope_sql} ORDER BY e.starts_at, e.id");
    let mut q = sqlx::query(&sql).bind(to).bind(from);
    for b in binds {
        q = q.bind(b);
    }
    q.fetch_all(&db.pool).await?.iter().map(lead_of).collect()
}

/// The home page's alerts: episodes found since `since` and open leads, in scope.
pub async fn alert_counts(db: &Db, scope: &Scope, since: i64) -> Result<(i64, i64)> {
    let (scope_sql, binds) = scope.where_clause(2);
    let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM exceedance_episodes e WHERE e.detected_at >= $1 AND {scope_sql}");
    let mut q = sqlx::query(&sql).bind(since);
    for b in &binds {
        q = q.bind(b.clone());
    }
    let episodes: i64 = q.fetch_one(&db.pool).await?.try_get(0)?;
    let (scope_sql, binds) = scope.where_clause(1);
    let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM leads e WHERE e.status = 'open' AND {scope_sql}");
    let mut q = sqlx::query(&sql);
    for b in &binds {
        q = q.bind(b.clone());
    }
    let open: i64 = q.fetch_one(&db.pool).await?.try_get(0)?;
    Ok((episodes, open))
}

/// Judge every monitored outlet over the Beijing days `[from, to]` (the CLI's `monitor judge`).
pub async fn judge_days(db: &Db, from: time::Date, to: time::Date, now: i64, mut progress: impl FnMut(usize, usize)) -> Result<Judged> {
    let outlets = averages::monitored_outlets(db).await?;
    let mut total = Judged::default();
    for (i, (credit, outlet)) in outlets.iter().enumerate() {
        progress(i, outlets.len());
        let Some(setup) = averages::outlet_setup(db, credit, outlet).await? else { continue };
        let j = judge(db, &setup, (clock::date_start(from), clock::date_start(to) + DAY), now).await?;
        total.episodes += j.episodes;
        total.new_episodes += j.new_episodes;
        total.leads += j.leads;
        total.new_leads += j.new_leads;
    }
    progress(outlets.len(), outlets.len());
    Ok(total)
}
