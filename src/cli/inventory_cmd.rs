//! `lantian inventory compute --year YYYY [--format csv|json]`: the fused inventory of a year by
//! district × sector × source × pollutant with the year before beside it (issue 13).

use std::io::Write;

use clap::Subcommand;

use crate::auth::Scope;
use crate::error::{Error, Result};
use crate::i18n::catalogue::inventory as msg;
use crate::i18n::Lang;
use crate::inventory::compute;
use crate::inventory::factors::LIBRARY;
use crate::inventory::num as number;
use crate::storage::Db;

#[derive(Subcommand, Debug)]
pub enum InventoryCommand {
    /// The year's inventory by district × sector × source × pollutant (CSV or JSON on stdout).
    Compute {
        /// YYYY
        #[arg(long)]
        year: String,
        /// csv | json
        #[arg(long, default_value = "csv")]
        format: String,
    },
}

/// The columns of `inventory compute`, in order.
pub const COLUMNS: [&str; 10] = ["year", "district", "sector", "source", "pollutant", "tonnes", "monitoring_t", "enterprises", "previous_t", "change_pct"];

pub fn parse_year(s: &str) -> Result<i32> {
    crate::inventory::parse_year(s).map_err(Error::Invalid)
}

fn round(v: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (v * f).round() / f
}

pub async fn run(db: &Db, cmd: InventoryCommand) -> Result<()> {
    // The command line is an operator on the server: the whole ledger is in scope.
    let scope = Scope::All;
    match cmd {
        InventoryCommand::Compute { year, format } => {
            let year = parse_year(&year)?;
            if format != "csv" && format != "json" {
                return Err(Error::Invalid(msg::format_invalid(&format)));
            }
            let now = time::OffsetDateTime::now_utc().unix_timestamp();
            let loaded = crate::storage::inventory::load(db, &LIBRARY, &scope, year - 1, year, now, true).await?;
            let lang = Lang::process();
            for (code, y, item, reason) in &loaded.ignored {
                eprintln!("{code} {y} {item}: {}", lang.t(reason));
            }
            let cells = compute::aggregate(&LIBRARY, &loaded.inputs, None);
            let rows = compute::year_on_year(&cells, year);
            if rows.is_empty() {
                return Err(Error::NotFound(msg::no_data(year)));
            }
            let change = |now: f64, before: Option<f64>| before.filter(|b| *b > 0.0).map(|b| round((now - b) / b * 100.0, 2));
            let mut out = std::io::stdout().lock();
            if format == "json" {
                let list: Vec<serde_json::Value> = rows
                    .iter()
                    .map(|(c, prev)| {
                        serde_json::json!({
                            "year": c.year, "district": c.county, "sector": c.industry, "source": c.source.code(), "pollutant": c.pollutant.code(),
                            "tonnes": round(c.tonnes, 6), "monitoring_t": round(c.monitoring_t, 6), "enterprises": c.enterprises,
                            "previous_t": prev.map(|p| round(p, 6)), "change_pct": change(c.tonnes, *prev),
                        })
                    })
                    .collect();
                serde_json::to_writer_pretty(&mut out, &list).map_err(Error::other)?;
                writeln!(out)?;
            } else {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(COLUMNS).map_err(Error::other)?;
                for (c, prev) in &rows {
                    crate::excel::csv_safe::write(&mut w, [
                        c.year.to_string(),
                        c.county.clone(),
                        c.industry.clone(),
                        c.source.code().to_string(),
                        c.pollutant.code().to_string(),
                        number(round(c.tonnes, 6)),
                        number(round(c.monitoring_t, 6)),
                        c.enterprises.to_string(),
                        prev.map(|p| number(round(p, 6))).unwrap_or_default(),
                        change(c.tonnes, *prev).map(number).unwrap_or_default(),
                    ])
                    .map_err(Error::other)?;
                }
                w.flush()?;
            }
            Ok(())
        }
    }
}
