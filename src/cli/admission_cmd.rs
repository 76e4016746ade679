//! `lantian admission …`: the project admission check (准入审核) without a database.
//!
//! `lantian admission check FILE.json [--catalogue DIR]` reads one project (the JSON shape of
//! `data/admission/README.md`) and prints the outcome as JSON on stdout:
//! `{"verdict", "verdict_text", "catalogue_version", "departments", "findings": [{"rule", "kind",
//! "outcome", "title", "title_zh", "title_en", "explanation", "explanation_code",
//! "explanation_args", "citation": {"document", "issuer", "clause", "status", "seed", "line",
//! "quote"}, "departments", "adopted_by", "setting": {"value", "status", "source"} | null}]}`.
//! Exit 0 whatever the verdict; a project file that cannot be read or is refused exits 1 with
//! every problem on stderr (field, value, reason), nothing on stdout. Whether replaced capacity
//! has really exited and is not already counted is checked against the ledger when the project
//! is submitted to the platform (`/admission/new`), not here.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use crate::admission::{catalogue, check, project};
use crate::i18n::Lang;

#[derive(Subcommand, Debug)]
pub enum AdmissionCommand {
    /// Check a project (JSON file) against the admission catalogue; print the findings as JSON.
    Check {
        file: PathBuf,
        /// A directory of catalogue files instead of the built-in catalogue.
        #[arg(long)]
        catalogue: Option<PathBuf>,
    },
    /// Load and check the admission catalogue (file:line errors); print a summary.
    Catalogue {
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

fn load(dir: &Option<PathBuf>) -> Result<std::borrow::Cow<'static, catalogue::Catalogue>, ExitCode> {
    match dir {
        None => Ok(std::borrow::Cow::Borrowed(catalogue::embedded())),
        Some(d) => match catalogue::load_dir(d) {
            Ok(c) => Ok(std::borrow::Cow::Owned(c)),
            Err(errors) => {
                for e in &errors {
                    eprintln!("{e}");
                }
                eprintln!("error: the admission catalogue was refused ({} problem(s))", errors.len());
                Err(ExitCode::FAILURE)
            }
        },
    }
}

pub fn run(cmd: &AdmissionCommand) -> crate::Result<ExitCode> {
    let lang = Lang::process();
    match cmd {
        AdmissionCommand::Catalogue { dir } => {
            let c = match load(dir) {
                Ok(c) => c,
                Err(code) => return Ok(code),
            };
            let unverified = c.rules.iter().filter(|r| r.citation.status == "unverified" || r.ratio.as_ref().or(r.threshold_tce.as_ref()).is_some_and(|s| s.status == "unverified")).count();
            println!("admission catalogue {}: {} rules ({unverified} with an unverified citation or setting), {} adoption(s)", c.version, c.rules.len(), c.adoptions.len());
            Ok(ExitCode::SUCCESS)
        }
        AdmissionCommand::Check { file, catalogue: dir } => {
            let c = match load(dir) {
                Ok(c) => c,
                Err(code) => return Ok(code),
            };
            let bytes = match std::fs::read(file) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("error: {}: {e}", file.display());
                    return Ok(ExitCode::FAILURE);
                }
            };
            let Ok(text) = String::from_utf8(bytes) else {
                eprintln!("error: {}: {}", file.display(), crate::i18n::catalogue::admission::input_not_utf8().render(lang));
                return Ok(ExitCode::FAILURE);
            };
            match project::parse(text.trim_start_matches('\u{feff}'), &c.capacity_units) {
                Ok(p) => {
                    let outcome = check::check(&c, &p);
                    println!("{}", serde_json::to_string_pretty(&check::to_json(&outcome, lang)).unwrap_or_default());
                    Ok(ExitCode::SUCCESS)
                }
                Err(errors) => {
                    for e in &errors {
                        eprintln!("{}: {}", file.display(), e.message().render(lang));
                    }
                    eprintln!("error: {}", crate::i18n::catalogue::admission::input_refused(errors.len()).render(lang));
                    Ok(ExitCode::FAILURE)
                }
            }
        }
    }
}
