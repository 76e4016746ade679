//! `lantian campaign …` (create, import, summary, daily, ranking, sweep, list) and
//! `lantian dossier export` (一企一档 archive).

use std::path::PathBuf;

use clap::Subcommand;

use crate::auth::Scope;
use crate::error::{Error, Result};
use crate::storage::audit::Actor;
use crate::storage::campaigns::{self as store, NewCampaign};
use crate::storage::cases::{format_day, parse_day};
use crate::storage::Db;

#[derive(Subcommand, Debug)]
pub enum CampaignCommand {
    /// Create a campaign; prints the new campaign's id as its last line.
    Create {
        #[arg(long)]
        name: String,
        /// sanluanwu | relocation | custom
        #[arg(long = "type")]
        kind: String,
        /// Division code of the campaign's jurisdiction (province, city or county).
        #[arg(long)]
        division: String,
        /// YYYY-MM-DD
        #[arg(long)]
        start: String,
        /// YYYY-MM-DD
        #[arg(long)]
        end: String,
        /// The type definition (.toml, as in data/campaigns/) for --type custom.
        #[arg(long)]
        definition: Option<PathBuf>,
        /// Planned number of enterprises to remediate.
        #[arg(long)]
        target: Option<i64>,
    },
    /// Import survey rows (.csv or .xlsx, headers 区划代码,名称,地址,统一社会信用代码,核查结论,排除原因,整治方式,整治状态). All or nothing.
    Import { id: i64, file: PathBuf },
    /// The campaign summary: counts and shares by disposition and division (json), or the summary paragraph (text).
    Summary {
        id: i64,
        #[arg(long, default_value = "json")]
        format: String,
    },
    /// The daily progress report per county (as of --date, default today).
    Daily {
        id: i64,
        #[arg(long)]
        date: Option<String>,
    },
    /// The monthly assessment ranking of counties (--month YYYY-MM, default this month).
    Ranking {
        id: i64,
        #[arg(long)]
        month: Option<String>,
    },
    /// Turn overdue upgrades into closures.
    Sweep { id: i64 },
    /// The campaigns.
    List,
}

#[derive(Subcommand, Debug)]
pub enum DossierCommand {
    /// Write an enterprise's archive (一企一档): every form, decision and photo, with a printable index.html.
    Export {
        credit_code: String,
        #[arg(long)]
        out: PathBuf,
    },
}

fn day(s: &str, what: &str) -> Result<time::Date> {
    parse_day(s).ok_or_else(|| Error::Invalid(crate::i18n::catalogue::campaigns::cli_not_a_date(what, s)))
}

pub const MAX_SURVEY_BYTES: u64 = 256 * 1024 * 1024;

pub async fn run(db: &Db, cmd: CampaignCommand) -> Result<()> {
    let actor = Actor::cli();
    match cmd {
        CampaignCommand::Create { name, kind, division, start, end, definition, target } => {
            if !matches!(kind.as_str(), "sanluanwu" | "relocation" | "custom") {
                return Err(Error::Invalid(crate::i18n::catalogue::campaigns::cli_bad_type(&kind)));
            }
            let definition = match &definition {
                Some(p) => Some(std::fs::read_to_string(p).map_err(|e| Error::Invalid(crate::i18n::catalogue::common::file_io(p.display().to_string(), e.to_string())))?),
                None => None,
            };
            let new = NewCampaign { name, type_code: kind, definition, division_code: division, start: day(&start, "--start")?, end: day(&end, "--end")?, target };
            let id = store::create(db, &actor, &new).await?;
            eprintln!("{}", crate::i18n::catalogue::campaigns::cli_created(id));
            println!("{id}");
        }
        CampaignCommand::Import { id, file } => {
            let size = std::fs::metadata(&file).map_err(|e| Error::Invalid(crate::i18n::catalogue::common::file_io(file.display().to_string(), e.to_string())))?.len();
            if size > MAX_SURVEY_BYTES {
                return Err(Error::TooLarge(crate::i18n::catalogue::campaigns::cli_file_too_large(file.display().to_string(), size, MAX_SURVEY_BYTES)));
            }
            let campaign = store::get(db, &Scope::All, id).await?;
            let bytes = std::fs::read(&file)?;
            let table = crate::campaigns::survey::read_file(&file.to_string_lossy(), &bytes).map_err(Error::rejected)?;
            let rows = crate::campaigns::survey::parse(&table, &campaign.kind, &campaign.division_code).map_err(Error::rejected)?;
            eprintln!("{}", crate::i18n::catalogue::campaigns::cli_read_rows(rows.len(), file.display().to_string()));
            let report = store::import(db, &actor, &Scope::All, id, &rows).await?;
            println!("{}", serde_json::to_string(&report).unwrap_or_default());
            eprintln!("{}", crate::i18n::catalogue::campaigns::cli_imported(report.rows, report.inserted, report.updated, report.matched, report.provisional));
        }
        CampaignCommand::Summary { id, format } => {
            let campaign = store::get(db, &Scope::All, id).await?;
            let s = store::summary(db, &Scope::All, id).await?;
            match format.as_str() {
                "json" => println!("{}", serde_json::to_string(&s).unwrap_or_default()),
                "text" => println!("{}", crate::campaigns::progress::paragraph_zh(&campaign.kind, &s)),
                other => return Err(Error::Invalid(crate::i18n::catalogue::campaigns::cli_bad_format(other))),
            }
        }
        CampaignCommand::Daily { id, date } => {
            let on = match date {
                Some(d) => day(&d, "--date")?,
                None => store::today(),
            };
            let rows = store::daily(db, &Scope::All, id, on).await?;
            println!("{}", serde_json::to_string(&rows).unwrap_or_default());
            eprintln!("{}", crate::i18n::catalogue::campaigns::cli_daily(id, format_day(on), rows.len()));
        }
        CampaignCommand::Ranking { id, month } => {
            let (y, m) = match month {
                Some(s) => parse_month(&s)?,
                None => {
                    let t = store::today();
                    (t.year(), t.month() as u8)
                }
            };
            let rows = store::ranking(db, &Scope::All, id, y, m).await?;
            println!("{}", serde_json::to_string(&rows).unwrap_or_default());
        }
        CampaignCommand::Sweep { id } => {
            let n = store::sweep_overdue(db, &actor, &Scope::All, id).await?;
            println!("{}", crate::i18n::catalogue::campaigns::cli_swept(n));
        }
        CampaignCommand::List => {
            for c in store::list(db, &Scope::All).await? {
                println!("{:<5} {:<12} {} {}–{} {}", c.id, c.type_code, c.division_code, c.start_date, c.end_date, c.name);
            }
        }
    }
    Ok(())
}

pub fn parse_month(s: &str) -> Result<(i32, u8)> {
    crate::campaigns::progress::parse_month(s).map_err(Error::Invalid)
}

pub async fn dossier(db: &Db, cmd: DossierCommand) -> Result<()> {
    match cmd {
        DossierCommand::Export { credit_code, out } => {
            let bytes = store::dossier_archive(db, &Scope::All, credit_code.trim()).await?;
            std::fs::write(&out, &bytes)?;
            crate::storage::audit::record(
                db,
                &Actor::cli(),
                crate::storage::audit::NewEntry {
                    action: "export",
                    entity: "dossier",
                    entity_id: credit_code.clone(),
                    enterprise_id: crate::storage::ledger::enterprise_id_by_code(db, &credit_code).await?,
                    before: None,
                    after: Some(serde_json::json!({ "file": out.display().to_string(), "bytes": bytes.len() })),
                },
            )
            .await?;
            println!("wrote {} ({} bytes)", out.display(), bytes.len());
        }
    }
    Ok(())
}
