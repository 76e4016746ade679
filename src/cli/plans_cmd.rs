//! `lantian plans …` (units, plans, task import, supervision) and `lantian report annual`
//! (the year-end responsibility report as .docx).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use crate::error::{Error, Result};
use crate::storage::audit::Actor;
use crate::storage::plans as store;
use crate::storage::Db;

#[derive(Subcommand, Debug)]
pub enum PlansCommand {
    /// List the units (organisation tree) with their ids.
    Units,
    /// Map accounts without a unit onto the unit of their role, department and division.
    MapAccounts,
    /// List the work plans.
    List,
    /// Write the blank task sheet template (.xlsx).
    Template {
        #[arg(long)]
        out: PathBuf,
    },
    /// Import a task sheet (.xlsx) into a plan: all rows or none, every problem listed.
    Import {
        /// The plan's id (see `lantian plans list`).
        #[arg(long)]
        plan: i64,
        file: PathBuf,
    },
    /// Show each target's progress for a year.
    Targets {
        #[arg(long)]
        plan: i64,
        #[arg(long)]
        year: Option<i32>,
    },
    /// Issue supervision notices for what is behind (reminder → circular notice → interview).
    Supervise {
        #[arg(long)]
        plan: i64,
    },
    /// Load the demo organisation and pilot plan (into a database with the demo city and no units).
    Demo,
}

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// The year-end responsibility report of a unit, generated from the platform's data.
    Annual {
        #[arg(long)]
        year: i32,
        /// The unit's name as the platform shows it (e.g. 青岚市工业和信息化局), its short name or its id.
        #[arg(long)]
        unit: String,
        /// Output .docx file.
        #[arg(long)]
        out: PathBuf,
    },
}

pub async fn run(db: &Db, cmd: PlansCommand) -> Result<ExitCode> {
    let actor = Actor::cli();
    match cmd {
        PlansCommand::Units => {
            for u in store::units(db).await? {
                println!("{:>4}  {}  {}  {}  {}", u.id, u.name, crate::plans::unit_kind_label(&u.kind, crate::i18n::Lang::process() == crate::i18n::Lang::Zh), u.division_code, u.short_name);
            }
        }
        PlansCommand::MapAccounts => println!("{}", crate::i18n::catalogue::plans::cli_mapped(store::map_accounts(db, &actor).await?)),
        PlansCommand::List => {
            for p in store::plans(db, &crate::auth::Scope::All).await? {
                println!("{:>4}  {}  {}  {} – {}", p.id, p.title, p.doc_number, p.start_date, p.end_date);
            }
        }
        PlansCommand::Template { out } => {
            std::fs::write(&out, crate::plans::import::template().map_err(|e| Error::other(e))?)?;
            eprintln!("{}", crate::i18n::catalogue::plans::cli_wrote(out.display().to_string()));
        }
        PlansCommand::Import { plan, file } => {
            let plan = store::plan(db, &crate::auth::Scope::All, plan).await?;
            let bytes = std::fs::read(&file).map_err(|e| Error::Invalid(crate::i18n::catalogue::plans::cannot_read(file.display().to_string(), e.to_string())))?;
            let names = store::unit_names(db).await?;
            let rows = crate::plans::import::parse(&bytes, &names, store::plan_period(&plan)?).map_err(Error::rejected)?;
            let (added, updated) = store::import_tasks(db, &actor, plan.id, &rows).await?;
            println!("{}", crate::i18n::catalogue::plans::cli_imported(rows.len(), plan.id, added, updated));
        }
        PlansCommand::Targets { plan, year } => {
            let plan = store::plan(db, &crate::auth::Scope::All, plan).await?;
            let year = year.unwrap_or_else(|| crate::plans::due::today_beijing().year());
            for s in store::target_statuses(db, &plan, year).await? {
                let a = &s.assessment;
                let current = a.current.map(|c| format!("{c:.2}")).unwrap_or_else(|| "-".into());
                let share = a.share.map(|x| format!("{:.0}%", x * 100.0)).unwrap_or_else(|| "-".into());
                println!("{}", crate::i18n::catalogue::plans::cli_target_line(s.target.code.clone(), a.state.msg(), s.target.indicator.clone(), current, a.required, share, s.detail.clone()));
            }
        }
        PlansCommand::Supervise { plan } => {
            let plan = store::plan(db, &crate::auth::Scope::All, plan).await?;
            let n = store::issue_notices(db, &actor, &plan, crate::plans::due::today_beijing()).await?;
            println!("{}", crate::i18n::catalogue::plans::cli_issued(n));
        }
        PlansCommand::Demo => {
            if crate::demo::plans::load_if_none(db).await? {
                println!("{}", crate::i18n::catalogue::plans::cli_demo_loaded());
            } else {
                println!("{}", crate::i18n::catalogue::plans::cli_units_exist());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn report(db: &Db, cmd: ReportCommand) -> Result<ExitCode> {
    match cmd {
        ReportCommand::Annual { year, unit, out } => {
            if !(2000..=2100).contains(&year) {
                return Err(Error::Invalid(crate::i18n::catalogue::plans::year_out_of_range(year)));
            }
            let unit = store::find_unit(db, &unit).await?;
            eprintln!("{}", crate::i18n::catalogue::plans::cli_collecting(year, unit.name.clone()));
            let facts = store::annual_facts(db, &unit, year).await?;
            let report = crate::plans::annual::build(&facts);
            let bytes = crate::plans::annual::to_docx(&report, "").map_err(Error::other)?;
            // Write beside and rename, so a failure never leaves half a file.
            let tmp = out.with_extension("docx.part");
            std::fs::write(&tmp, bytes)?;
            std::fs::rename(&tmp, &out)?;
            println!("{}", crate::i18n::catalogue::plans::cli_wrote_report(out.display().to_string(), report.title.clone()));
        }
    }
    Ok(ExitCode::SUCCESS)
}
