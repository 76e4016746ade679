//! `lantian energy evaluate --year YYYY [--format csv|json]`: the dual-control evaluation
//! (能耗双控评价) of the year's key energy users (issue 18); `lantian energy targets FILE.csv`
//! imports assigned targets (all lines or none, audited); `lantian energy renovation-refresh
//! --year YYYY` brings the renovation list up to date with the ledger.

use std::io::Write;

use clap::Subcommand;

use crate::auth::Scope;
use crate::energy::library::LIBRARY;
use crate::energy::{fmt_opt, Grade};
use crate::error::{Error, Result};
use crate::i18n::catalogue::energy as msg;
use crate::i18n::Lang;
use crate::storage::audit::Actor;
use crate::storage::Db;

#[derive(Subcommand, Debug)]
pub enum EnergyCommand {
    /// The year's key energy users with energy use, intensity, targets, grade and diagnosis (CSV or JSON on stdout).
    Evaluate {
        /// YYYY
        #[arg(long)]
        year: String,
        /// csv | json
        #[arg(long, default_value = "csv")]
        format: String,
    },
    /// Import assigned targets: CSV 统一社会信用代码,年度,能耗总量目标(tce),单位增加值能耗目标(tce/万元)[,来源].
    Targets { file: std::path::PathBuf },
    /// Bring the renovation list up to date with the ledger (entering and leaving recorded).
    RenovationRefresh {
        #[arg(long)]
        year: String,
    },
}

/// The columns of `energy evaluate`, in order.
pub const COLUMNS: [&str; 16] = [
    "year", "credit_code", "name", "district", "industry", "energy_tce", "energy_source", "value_added_10k_yuan", "intensity_tce_per_10k_yuan",
    "target_total_tce", "target_intensity", "total_ratio", "intensity_ratio", "grade", "diagnosis", "reasons",
];

fn parse_year(s: &str) -> Result<i32> {
    crate::inventory::parse_year(s).map_err(|_| Error::Invalid(msg::year_invalid(s)))
}

pub async fn run(db: &Db, cmd: EnergyCommand) -> Result<()> {
    // The command line is an operator on the server: the whole ledger is in scope.
    let scope = Scope::All;
    let lang = Lang::process();
    match cmd {
        EnergyCommand::Evaluate { year, format } => {
            let year = parse_year(&year)?;
            if format != "csv" && format != "json" {
                return Err(Error::Invalid(msg::format_invalid(&format)));
            }
            let rows = crate::storage::energy::overview(db, &LIBRARY, &scope, year).await?;
            let keys: Vec<_> = rows.iter().filter(|e| e.evaluation.key_user).collect();
            if keys.is_empty() {
                return Err(Error::NotFound(msg::no_data(year)));
            }
            let mut out = std::io::stdout().lock();
            let reasons = |e: &crate::storage::energy::EnterpriseRow| e.evaluation.diagnosis.iter().map(|m| lang.t(m)).collect::<Vec<_>>().join("；");
            if format == "json" {
                let list: Vec<serde_json::Value> = keys
                    .iter()
                    .map(|e| {
                        let v = &e.evaluation;
                        serde_json::json!({
                            "year": year, "credit_code": e.credit_code, "name": e.name, "district": e.division_code.chars().take(6).collect::<String>(),
                            "industry": e.industry, "energy_tce": v.energy_tce, "energy_source": v.source.map(|s| s.code()),
                            "value_added_10k_yuan": v.value_added_10k_yuan, "intensity_tce_per_10k_yuan": v.intensity,
                            "target_total_tce": v.target_total_tce, "target_intensity": v.target_intensity,
                            "total_ratio": v.total_ratio, "intensity_ratio": v.intensity_ratio, "grade": v.grade.map(Grade::code),
                            "diagnosis": !v.diagnosis.is_empty(), "reasons": v.diagnosis.iter().map(|m| lang.t(m)).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                serde_json::to_writer_pretty(&mut out, &list).map_err(Error::other)?;
                writeln!(out)?;
            } else {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(COLUMNS).map_err(Error::other)?;
                for e in &keys {
                    let v = &e.evaluation;
                    crate::excel::csv_safe::write(&mut w, [
                        year.to_string(),
                        e.credit_code.clone(),
                        e.name.clone(),
                        e.division_code.chars().take(6).collect(),
                        e.industry.clone(),
                        fmt_opt(v.energy_tce),
                        v.source.map(|s| s.code().to_string()).unwrap_or_default(),
                        fmt_opt(v.value_added_10k_yuan),
                        v.intensity.map(|x| crate::inventory::num(x)).unwrap_or_default(),
                        fmt_opt(v.target_total_tce),
                        v.target_intensity.map(|x| crate::inventory::num(x)).unwrap_or_default(),
                        v.total_ratio.map(|x| crate::inventory::num(x)).unwrap_or_default(),
                        v.intensity_ratio.map(|x| crate::inventory::num(x)).unwrap_or_default(),
                        v.grade.map(|g| g.code().to_string()).unwrap_or_default(),
                        if v.diagnosis.is_empty() { "no".into() } else { "yes".into() },
                        reasons(e),
                    ])
                    .map_err(Error::other)?;
                }
                w.flush()?;
            }
            Ok(())
        }
        EnergyCommand::Targets { file } => {
            let bytes = std::fs::read(&file)?;
            let (text, _) = crate::excel::text::decode(&bytes).map_err(Error::Invalid)?;
            let targets = match crate::storage::energy::parse_targets(&text) {
                Ok(t) => t,
                Err(problems) => {
                    for p in &problems {
                        eprintln!("{}", lang.t(p));
                    }
                    return Err(Error::Invalid(problems.into_iter().next().expect("at least one problem")));
                }
            };
            let n = crate::storage::energy::set_targets(db, &Actor::cli(), &scope, &targets).await?;
            println!("{n}");
            Ok(())
        }
        EnergyCommand::RenovationRefresh { year } => {
            let year = parse_year(&year)?;
            let r = crate::storage::energy::refresh(db, &LIBRARY, &Actor::cli(), &scope, year).await?;
            println!("{}", serde_json::json!({ "entered": r.entered, "left": r.left, "reclassified": r.reclassified }));
            Ok(())
        }
    }
}
