//! `lantian tax compute|quarter` (environmental protection tax from automatic monitoring data)
//! and `lantian monitor emissions` (emissions against the permit), issue 10 items 4–5.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::auth::Scope;
use crate::enforcement::emissions::{FillRule, SETTINGS as EMISSIONS};
use crate::error::{Error, Result};
use crate::i18n::catalogue::tax as msg;
use crate::i18n::{Lang, Msg};
use crate::monitoring::clock;
use crate::monitoring::format_value as number;
use crate::storage::emissions as stored_emissions;
use crate::storage::tax::{self as stored_tax, OutletTax};
use crate::storage::Db;
use crate::tax::SETTINGS;

#[derive(Subcommand, Debug)]
pub enum TaxCommand {
    /// The month's tax per outlet and pollutant (CSV or JSON on stdout).
    Compute {
        /// YYYY-MM (Beijing time).
        #[arg(long)]
        month: String,
        /// Only this outlet: CREDITCODE/OUTLETCODE.
        #[arg(long)]
        outlet: Option<String>,
        /// csv | json
        #[arg(long, default_value = "csv")]
        format: String,
    },
    /// The quarter's filing table (环境保护税纳税申报表 layout) as .xlsx, one sheet per month.
    Quarter {
        /// YYYY-Qn, e.g. 2026-Q4.
        #[arg(long)]
        quarter: String,
        #[arg(long)]
        out: PathBuf,
        /// Only this outlet: CREDITCODE/OUTLETCODE.
        #[arg(long)]
        outlet: Option<String>,
    },
}

#[derive(Args, Debug)]
pub struct EmissionsArgs {
    /// YYYY: year to date and the rolling 12 months ending in it.
    #[arg(long)]
    pub year: String,
    /// Only this outlet: CREDITCODE/OUTLETCODE.
    #[arg(long)]
    pub outlet: Option<String>,
    /// csv | json
    #[arg(long, default_value = "csv")]
    pub format: String,
}

/// The keys of `tax compute`, in order (the CLI contract, issue 10 item 7).
pub const TAX_COLUMNS: [&str; 8] = ["outlet", "pollutant", "emission_kg", "equivalents", "taxed", "reduction", "rate", "tax_yuan"];
pub const EMISSION_COLUMNS: [&str; 11] = [
    "outlet", "pollutant", "year_to_date_kg", "rolling_12m_kg", "permitted_t", "share", "warning", "valid_hours", "filled_hours", "unfilled_hours", "fill_rule",
];

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

pub fn split_outlet(s: &str) -> Result<(String, String)> {
    match s.split_once('/') {
        Some((c, o)) if !c.trim().is_empty() && !o.trim().is_empty() => Ok((c.trim().to_string(), o.trim().to_string())),
        _ => Err(Error::Invalid(msg::outlet_invalid(s))),
    }
}

fn check_format(format: &str) -> Result<()> {
    if format == "csv" || format == "json" { Ok(()) } else { Err(Error::Invalid(msg::format_invalid(format))) }
}

/// The named outlet must be in the ledger (else a clear not-found, not "no data").
async fn known_outlet(db: &Db, outlet: &Option<String>) -> Result<Option<(String, String)>> {
    let Some(o) = outlet else { return Ok(None) };
    let (c, code) = split_outlet(o)?;
    if crate::storage::averages::outlet_setup(db, &c, &code).await?.is_none() {
        return Err(Error::NotFound(msg::outlet_not_found(o)));
    }
    Ok(Some((c, code)))
}

fn rule_label(rule: FillRule) -> Msg {
    rule.label()
}

fn round(v: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (v * f).round() / f
}

use crate::tax::yuan;

/// The outlets' months, refusing a province without a rate.
fn refuse_missing_rates(list: &[OutletTax]) -> Result<()> {
    if let Some(o) = list.iter().find(|o| o.rate.is_none()) {
        let province = o.outlet.division_code.get(0..2).unwrap_or("").to_string();
        return Err(Error::Invalid(msg::no_rate(&o.outlet.label(), &province)));
    }
    Ok(())
}

pub async fn run(db: &Db, cmd: TaxCommand) -> Result<()> {
    // The command line is an operator on the server: the whole ledger is in scope.
    let scope = Scope::All;
    match cmd {
        TaxCommand::Compute { month, outlet, format } => {
            let (y, m) = crate::tax::parse_month(&month).ok_or_else(|| Error::Invalid(msg::month_invalid(&month)))?;
            check_format(&format)?;
            let only = known_outlet(db, &outlet).await?;
            let list = stored_tax::month(db, &SETTINGS, &EMISSIONS, &scope, only.as_ref().map(|(c, o)| (c.as_str(), o.as_str())), y, m, now()).await?;
            if list.is_empty() {
                return Err(Error::NotFound(msg::no_data(&month)));
            }
            refuse_missing_rates(&list)?;
            eprintln!("{}", msg::rule_used(rule_label(EMISSIONS.fill.rule)));
            print_tax(&list, &format)
        }
        TaxCommand::Quarter { quarter, out, outlet } => {
            let (y, q) = crate::tax::parse_quarter(&quarter).ok_or_else(|| Error::Invalid(msg::quarter_invalid(&quarter)))?;
            if !out.to_string_lossy().to_ascii_lowercase().ends_with(".xlsx") {
                return Err(Error::Invalid(msg::out_invalid(&out.to_string_lossy())));
            }
            let only = known_outlet(db, &outlet).await?;
            let mut months = Vec::new();
            for m in (q - 1) * 3 + 1..=q * 3 {
                let list = stored_tax::month(db, &SETTINGS, &EMISSIONS, &scope, only.as_ref().map(|(c, o)| (c.as_str(), o.as_str())), y, m, now()).await?;
                refuse_missing_rates(&list)?;
                months.push((format!("{y:04}-{m:02}"), list));
            }
            if months.iter().all(|(_, l)| l.is_empty()) {
                return Err(Error::NotFound(msg::no_data_quarter(&quarter)));
            }
            let lang = Lang::process();
            let bytes = crate::excel::tax::quarter_workbook(&quarter, &months, lang).map_err(|e| Error::other(e))?;
            // Written whole or not at all: a temporary file renamed into place.
            let tmp = out.with_extension("xlsx.part");
            std::fs::write(&tmp, &bytes)?;
            std::fs::rename(&tmp, &out)?;
            let rows: usize = months.iter().map(|(_, l)| l.iter().map(|o| o.lines.len()).sum::<usize>()).sum();
            eprintln!("{}", msg::wrote(&out.to_string_lossy(), rows as i64));
            Ok(())
        }
    }
}

fn print_tax(list: &[OutletTax], format: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if format == "json" {
        let rows: Vec<serde_json::Value> = list
            .iter()
            .flat_map(|o| {
                o.lines.iter().map(move |l| {
                    serde_json::json!({
                        "outlet": o.outlet.label(), "pollutant": l.code, "emission_kg": round(l.emission.kg, 4),
                        "equivalents": round(l.equivalents, 4), "taxed": l.taxed, "reduction": l.test.factor,
                        "rate": l.rate, "tax_yuan": round(l.tax_yuan, 2),
                    })
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &rows).map_err(Error::other)?;
        writeln!(out)?;
    } else {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(TAX_COLUMNS).map_err(Error::other)?;
        for o in list {
            for l in &o.lines {
                crate::excel::csv_safe::write(&mut w, [
                    o.outlet.label(),
                    l.code.clone(),
                    number(Some(l.emission.kg)),
                    number(Some(l.equivalents)),
                    l.taxed.to_string(),
                    number(Some(l.test.factor)),
                    number(Some(l.rate)),
                    yuan(l.tax_yuan),
                ])
                .map_err(Error::other)?;
            }
        }
        w.flush()?;
    }
    Ok(())
}

/// `lantian monitor emissions`.
pub async fn emissions(db: &Db, a: EmissionsArgs) -> Result<()> {
    let year: i32 = a.year.trim().parse().ok().filter(|y| (1900..=9999).contains(y) && a.year.trim().len() == 4).ok_or_else(|| Error::Invalid(msg::year_invalid(&a.year)))?;
    check_format(&a.format)?;
    let only = known_outlet(db, &a.outlet).await?;
    let settings = &*EMISSIONS;
    let now = now();
    let jan = crate::tax::month_start(year, 1);
    let until = now.clamp(jan, crate::tax::month_start(year + 1, 1));
    let from = crate::enforcement::emissions::months_back(clock::month_start(until - 1), settings.permit.rolling_months.saturating_sub(1)).min(jan);
    let outlets = stored_emissions::outlets_with_data(db, &Scope::All, only.as_ref().map(|(c, o)| (c.as_str(), o.as_str())), from, until).await?;
    if outlets.is_empty() {
        return Err(Error::NotFound(msg::no_emission_data(year as i64)));
    }
    eprintln!("{}", msg::rule_used(rule_label(settings.fill.rule)));
    let mut rows: Vec<[String; 11]> = Vec::new();
    let mut json = Vec::new();
    for o in &outlets {
        for p in stored_emissions::outlet_year(db, settings, o, year, now).await? {
            let v = &p.view;
            rows.push([
                o.label(),
                p.pollutant.clone(),
                number(Some(v.year.kg)),
                number(Some(v.rolling.kg)),
                number(v.permitted_t),
                number(v.share),
                number(v.warning),
                v.rolling.valid_hours.to_string(),
                v.rolling.filled_hours.to_string(),
                v.rolling.unfilled_hours().to_string(),
                v.rolling.rule.code().to_string(),
            ]);
            json.push(serde_json::json!({
                "outlet": o.label(), "pollutant": p.pollutant, "year_to_date_kg": round(v.year.kg, 4), "rolling_12m_kg": round(v.rolling.kg, 4),
                "permitted_t": v.permitted_t, "share": v.share.map(|s| round(s, 4)), "warning": v.warning,
                "valid_hours": v.rolling.valid_hours, "filled_hours": v.rolling.filled_hours, "unfilled_hours": v.rolling.unfilled_hours(),
                "fill_rule": v.rolling.rule.code(),
            }));
        }
    }
    let mut out = std::io::stdout().lock();
    if a.format == "json" {
        serde_json::to_writer_pretty(&mut out, &json).map_err(Error::other)?;
        writeln!(out)?;
    } else {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(EMISSION_COLUMNS).map_err(Error::other)?;
        for r in &rows {
            crate::excel::csv_safe::write(&mut w, r).map_err(Error::other)?;
        }
        w.flush()?;
    }
    Ok(())
}
