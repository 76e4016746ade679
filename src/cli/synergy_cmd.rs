//! `lantian synergy …`: the pollution–carbon synergy evaluation (减污降碳协同度, issue 13).
//!
//! `weights` and `couple` work on files alone (no database): `weights --input FILE.csv` prints
//! `indicator,entropy,weight`; `couple --input FILE.csv [--alpha a,b,…]` prints
//! `unit,C,T,D,level`. Bad input exits non-zero with every problem named.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use crate::error::{Error, Result};
use crate::i18n::catalogue::synergy as msg;
use crate::i18n::Lang;
use crate::synergy::{levels, method, table};

#[derive(Subcommand, Debug)]
pub enum SynergyCommand {
    /// Entropy weights of indicators: FILE.csv has the unit in the first column, then one column
    /// per indicator whose header ends in + or - (its direction, e.g. pm25-). Prints CSV
    /// indicator,entropy,weight.
    Weights {
        #[arg(long)]
        input: PathBuf,
    },
    /// Coupling (C), coordination (T) and coupling-coordination degree (D) with its level:
    /// FILE.csv has the unit, then one score column (0–1) per subsystem, two or more. Prints CSV
    /// unit,C,T,D,level.
    Couple {
        #[arg(long)]
        input: PathBuf,
        /// Weights α of the subsystems in T, in column order, summing to 1 (default: equal).
        #[arg(long)]
        alpha: Option<String>,
        /// A level scale file (default: data/synergy/levels.toml, the ten-class scale).
        #[arg(long)]
        levels: Option<PathBuf>,
    },
    /// Evaluate the districts of a jurisdiction over years (entered values, else the platform's
    /// computations) and store the evaluation with its inputs. Prints its id, then CSV
    /// district,year,<one U per dimension>,C,T,D,level.
    Evaluate {
        /// The jurisdiction (a city's division code, e.g. 612000).
        #[arg(long)]
        jurisdiction: String,
        /// A year (2025) or a range (2023-2025).
        #[arg(long)]
        years: String,
        #[arg(long)]
        levels: Option<PathBuf>,
    },
    /// Recompute a stored evaluation from its stored inputs; exits non-zero unless identical.
    Recompute {
        #[arg(long)]
        id: i64,
    },
    /// Import values entered per district and year (.csv or .xlsx; columns 区县代码/division,
    /// 年份/year, 指标代码/indicator, 数值/value, 来源说明/note). All or nothing.
    Import {
        file: PathBuf,
        #[arg(long)]
        jurisdiction: String,
    },
    /// Put a jurisdiction's own indicator system (TOML, as data/synergy/indicators.toml) in force.
    System {
        file: PathBuf,
        #[arg(long)]
        jurisdiction: String,
    },
}

impl SynergyCommand {
    /// Whether the command needs no database.
    pub fn offline(&self) -> bool {
        matches!(self, SynergyCommand::Weights { .. } | SynergyCommand::Couple { .. })
    }
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::Invalid(msg::file_unreadable(&path.display().to_string(), &e.to_string())))
}

fn sheet(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// A figure as the CSV prints it: six decimals.
pub fn figure(v: f64) -> String {
    format!("{v:.6}")
}

/// The commands that need no database.
pub fn run_offline(cmd: &SynergyCommand) -> Result<std::process::ExitCode> {
    let stdout = std::io::stdout();
    let mut out = csv::Writer::from_writer(stdout.lock());
    match cmd {
        SynergyCommand::Weights { input } => {
            let weights = table::weights(&sheet(input), &read(input)?).map_err(Error::Rejected)?;
            crate::excel::csv_safe::write(&mut out, ["indicator", "entropy", "weight"]).map_err(Error::other)?;
            for (name, w) in &weights {
                crate::excel::csv_safe::write(&mut out, [name.clone(), figure(w.entropy), figure(w.weight)]).map_err(Error::other)?;
            }
        }
        SynergyCommand::Couple { input, alpha, levels: scale_file } => {
            let scores = table::read_scores(&sheet(input), &read(input)?).map_err(Error::Rejected)?;
            let alpha = match alpha {
                Some(a) => table::parse_alpha(a, scores.subsystems.len()).map_err(Error::Invalid)?,
                None => method::equal_alpha(scores.subsystems.len()),
            };
            let scale = match scale_file {
                Some(path) => {
                    let text = String::from_utf8_lossy(&read(path)?).into_owned();
                    levels::Scale::parse(&path.display().to_string(), &text).map_err(|errors| {
                        Error::Invalid(msg::scale_syntax(errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ")))
                    })?
                }
                None => levels::DEFAULT.clone(),
            };
            let lang = Lang::process();
            crate::excel::csv_safe::write(&mut out, ["unit", "C", "T", "D", "level"]).map_err(Error::other)?;
            for (unit, row) in scores.units.iter().zip(&scores.rows) {
                let r = method::couple(row, &alpha);
                let level = scale.classify(r.d).name(lang).to_string();
                crate::excel::csv_safe::write(&mut out, [unit.clone(), figure(r.c), figure(r.t), figure(r.d), level]).map_err(Error::other)?;
            }
        }
        _ => unreachable!("run_offline is called for offline commands only"),
    }
    out.flush()?;
    Ok(std::process::ExitCode::SUCCESS)
}

/// The commands that use the database.
pub async fn run(db: &crate::storage::Db, cmd: SynergyCommand) -> Result<std::process::ExitCode> {
    use crate::auth::Scope;
    use crate::storage::audit::Actor;
    use crate::storage::synergy as stored;
    match cmd {
        SynergyCommand::Weights { .. } | SynergyCommand::Couple { .. } => return run_offline(&cmd),
        SynergyCommand::Evaluate { jurisdiction, years, levels: scale_file } => {
            let years = crate::synergy::parse_years(&years).map_err(Error::Invalid)?;
            let scale = match scale_file {
                Some(path) => Some(levels::Scale::parse(&path.display().to_string(), &String::from_utf8_lossy(&read(&path)?)).map_err(|errors| {
                    Error::Invalid(msg::scale_syntax(errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ")))
                })?),
                None => None,
            };
            let id = stored::run(db, &Actor::cli(), &Scope::All, &jurisdiction, &years, scale.as_ref(), stored::current_year()).await?;
            let s = stored::get(db, &Scope::All, id).await?;
            eprintln!("{}", msg::evaluation_stored(id, s.outcome.units.len() as i64));
            let lang = Lang::process();
            let mut out = csv::Writer::from_writer(std::io::stdout().lock());
            let mut header = vec!["district".to_string(), "year".to_string()];
            header.extend(s.inputs.system.dimensions.iter().map(|d| d.code.clone()));
            header.extend(["C", "T", "D", "level"].map(String::from));
            crate::excel::csv_safe::write(&mut out, header).map_err(Error::other)?;
            for u in &s.outcome.units {
                let mut row = vec![u.district.clone(), u.year.to_string()];
                row.extend(u.scores.iter().map(|v| figure(*v)));
                let level = s.inputs.scale.levels.iter().find(|l| l.code == u.level).map(|l| l.name(lang).to_string()).unwrap_or_default();
                row.extend([figure(u.coupled.c), figure(u.coupled.t), figure(u.coupled.d), level]);
                crate::excel::csv_safe::write(&mut out, row).map_err(Error::other)?;
            }
            out.flush()?;
        }
        SynergyCommand::Recompute { id } => {
            let (same, digest) = stored::recompute(db, &Scope::All, id).await?;
            println!("{}", if same { msg::recompute_identical(id, &digest) } else { msg::recompute_differs(id, &digest) });
            if !same {
                return Ok(std::process::ExitCode::FAILURE);
            }
        }
        SynergyCommand::Import { file, jurisdiction } => {
            let name = sheet(&file);
            let rows = crate::synergy::entry::read_file(&name, &read(&file)?).and_then(|r| crate::synergy::entry::parse(&name, &r)).map_err(Error::Rejected)?;
            let n = stored::enter_values(db, &Actor::cli(), &Scope::All, &jurisdiction, &name, &rows).await?;
            println!("{}", msg::values_stored(n as i64));
        }
        SynergyCommand::System { file, jurisdiction } => {
            let text = String::from_utf8_lossy(&read(&file)?).into_owned();
            let id = stored::set_system(db, &Actor::cli(), &Scope::All, &jurisdiction, &file.display().to_string(), &text).await?;
            println!("{}", msg::system_stored(id));
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}
