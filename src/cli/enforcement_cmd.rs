//! `lantian monitor exceedances|leads|judge` (issue 10 item 7, a contract): the exceedance
//! episodes and the leads of a range of days, as CSV (as Excel reads it) or JSON.

use std::io::Write;

use super::monitor_cmd::RangeArgs;
use super::progress::Progress;
use crate::auth::Scope;
use crate::error::{Error, Result};
use crate::i18n::catalogue::enforcement as msg;
use crate::i18n::Lang;
use crate::monitoring::clock;
use crate::monitoring::format_value as number;
use crate::storage::enforcement::{self, EpisodeFilter};
use crate::storage::Db;

/// The columns of `monitor exceedances`, in this order (the contract), then ours.
pub const EXCEEDANCE_COLUMNS: [&str; 9] = ["outlet", "pollutant", "start", "end", "hours", "max_value", "limit", "max_ratio", "basis"];
/// The columns of `monitor leads`: the contract's first, then ours.
pub const LEAD_COLUMNS: [&str; 8] = ["outlet", "detector", "start", "end", "explanation", "pollutant", "status", "id"];

/// The longest range a listing takes (an operational limit: a year and a month).
const MAX_DAYS: i64 = 400;

struct Range {
    from: i64,
    to: i64,
}

fn range(from: &str, to: &str) -> Result<Range> {
    let f = clock::parse_day(from).ok_or_else(|| Error::Invalid(msg::bad_date("--from", from)))?;
    let t = clock::parse_day(to).ok_or_else(|| Error::Invalid(msg::bad_date("--to", to)))?;
    if t < f {
        return Err(Error::Invalid(msg::to_before_from(from, to)));
    }
    let days = (t - f).whole_days() + 1;
    if days > MAX_DAYS {
        return Err(Error::Invalid(msg::range_too_long(days, MAX_DAYS)));
    }
    Ok(Range { from: clock::date_start(f), to: clock::date_start(t) + 86_400 })
}

fn check_format(format: &str) -> Result<()> {
    if format == "csv" || format == "json" { Ok(()) } else { Err(Error::Invalid(msg::bad_format(format))) }
}

fn check_division(d: Option<&str>) -> Result<()> {
    match d {
        Some(d) if !(2..=12).contains(&d.len()) || !d.bytes().all(|b| b.is_ascii_digit()) => Err(Error::Invalid(msg::bad_division(d))),
        _ => Ok(()),
    }
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Judge what the averager changed since the last judgment, so the listing is current.
async fn catch_up(db: &Db) -> Result<()> {
    enforcement::process_dirty(db, now()).await?;
    Ok(())
}

pub async fn exceedances(db: &Db, a: &RangeArgs) -> Result<()> {
    let r = range(&a.from, &a.to)?;
    check_format(&a.format)?;
    check_division(a.division.as_deref())?;
    catch_up(db).await?;
    let filter = EpisodeFilter { from: r.from, to: r.to, division: a.division.clone(), ..Default::default() };
    let rows = enforcement::episodes(db, &Scope::All, &filter).await?;
    let mut out = std::io::stdout().lock();
    if a.format == "json" {
        let list: Vec<serde_json::Value> = rows
            .iter()
            .map(|e| {
                serde_json::json!({
                    "outlet": e.outlet_label(), "pollutant": e.pollutant, "start": clock::format_minute(e.start), "end": clock::format_minute(e.end),
                    "hours": e.hours(), "max_value": e.max_value, "limit": e.limit, "max_ratio": (e.max_ratio * 10_000.0).round() / 10_000.0,
                    "basis": e.basis,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &list).map_err(Error::other)?;
        writeln!(out)?;
    } else {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(EXCEEDANCE_COLUMNS).map_err(Error::other)?;
        for e in &rows {
            let rec = [
                e.outlet_label(),
                e.pollutant.clone(),
                clock::format_minute(e.start),
                clock::format_minute(e.end),
                e.hours().to_string(),
                number(Some(e.max_value)),
                number(Some(e.limit)),
                number(Some(e.max_ratio)),
                e.basis.clone(),
            ];
            crate::excel::csv_safe::write(&mut w, &rec).map_err(Error::other)?;
        }
        w.flush()?;
    }
    eprintln!("{} exceedance episode(s)", rows.len());
    Ok(())
}

pub async fn leads(db: &Db, a: &RangeArgs) -> Result<()> {
    let r = range(&a.from, &a.to)?;
    check_format(&a.format)?;
    check_division(a.division.as_deref())?;
    catch_up(db).await?;
    let scope = match &a.division {
        Some(d) => Scope::Divisions(vec![d.clone()]),
        None => Scope::All,
    };
    let rows = enforcement::leads(db, &scope, r.from, r.to).await?;
    let lang = Lang::process();
    let mut out = std::io::stdout().lock();
    if a.format == "json" {
        let list: Vec<serde_json::Value> = rows
            .iter()
            .map(|l| {
                let figures: serde_json::Map<String, serde_json::Value> = l.figures.iter().map(|(k, v)| (k.clone(), serde_json::json!(v))).collect();
                serde_json::json!({
                    "outlet": l.outlet_label(), "detector": l.detector, "start": clock::format_minute(l.start), "end": clock::format_minute(l.end),
                    "explanation": l.explanation.render(lang), "explanation_code": l.explanation.code(), "pollutant": l.pollutant,
                    "status": l.status.code(), "id": l.id, "figures": figures,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &list).map_err(Error::other)?;
        writeln!(out)?;
    } else {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(LEAD_COLUMNS).map_err(Error::other)?;
        for l in &rows {
            let rec = [
                l.outlet_label(),
                l.detector.clone(),
                clock::format_minute(l.start),
                clock::format_minute(l.end),
                l.explanation.render(lang),
                l.pollutant.clone(),
                l.status.code().to_string(),
                l.id.to_string(),
            ];
            crate::excel::csv_safe::write(&mut w, &rec).map_err(Error::other)?;
        }
        w.flush()?;
    }
    eprintln!("{} lead(s)", rows.len());
    Ok(())
}

pub async fn judge(db: &Db, from: &str, to: &str) -> Result<()> {
    let r = range(from, to)?;
    let (f, t) = (clock::date_of(r.from), clock::date_of(r.to - 86_400));
    let progress = Progress::new("judge");
    let j = enforcement::judge_days(db, f, t, now(), |done, total| progress.update(done, total)).await?;
    eprintln!("{} episode(s) ({} new), {} lead(s) ({} new), {f} to {t}", j.episodes, j.new_episodes, j.leads, j.new_leads);
    Ok(())
}
