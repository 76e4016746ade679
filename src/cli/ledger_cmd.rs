//! CLI verbs on the ledger: import, export, demo, divisions.

use std::path::Path;

use super::progress::Progress;
use super::FilterArgs;
use crate::error::{Error, Result};
use crate::ledger::{Division, ListFilter};
use crate::storage::audit::Actor;
use crate::storage::ledger::{self as store, ImportMode};
use crate::storage::Db;

/// Largest file `import` reads; a ledger of 100,000 enterprises is about 15 MB.
pub const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

pub async fn import(db: &Db, file: &Path, dry_run: bool, update: bool) -> Result<()> {
    let size = std::fs::metadata(file).map_err(|e| Error::Invalid(crate::i18n::catalogue::cli::file_error(file.display().to_string(), e.to_string())))?.len();
    if size > MAX_IMPORT_BYTES {
        return Err(Error::TooLarge(crate::i18n::catalogue::cli::file_too_large(file.display().to_string(), size, MAX_IMPORT_BYTES as u64)));
    }
    let bytes = std::fs::read(file)?;
    let parsed = parse_file(file, &bytes)?;
    eprintln!("read {} enterprises from {}", parsed.bundles.len(), file.display());
    let mode = if update { ImportMode::Update } else { ImportMode::Insert };
    let progress = Progress::new("writing");
    let report = store::import(db, parsed, &Actor::cli(), mode, dry_run, |d, t| progress.update(d, t)).await?;
    println!("{}", serde_json::to_string(&report).unwrap_or_default());
    if dry_run {
        eprintln!("dry run: the file is valid; nothing was written");
    } else {
        eprintln!(
            "imported {} enterprises ({} replaced), {} lines, {} equipment, {} outlets, {} yearly rows",
            report.enterprises, report.updated, report.lines, report.equipment, report.outlets, report.yearly
        );
    }
    Ok(())
}

pub fn parse_file(file: &Path, bytes: &[u8]) -> Result<crate::excel::ParsedLedger> {
    let is_csv = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let parsed = if is_csv { crate::excel::parse_csv(bytes) } else { crate::excel::parse_workbook(bytes) };
    parsed.map_err(Error::Rejected)
}

pub async fn export(db: &Db, out: &Path, f: FilterArgs) -> Result<()> {
    let filter = ListFilter { q: f.q, division: f.division, industry: f.industry, status: f.status, grade: f.grade, ..Default::default() };
    let bundles = store::export(db, &crate::auth::Scope::All, &filter).await?;
    let is_csv = out.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let bytes = if is_csv {
        crate::excel::export::enterprises_csv(&bundles)
    } else {
        crate::excel::export::workbook(&bundles).map_err(|e| Error::other(e))?
    };
    std::fs::write(out, bytes)?;
    crate::storage::audit::record(
        db,
        &Actor::cli(),
        crate::storage::audit::NewEntry {
            action: "export",
            entity: "ledger",
            entity_id: out.display().to_string(),
            enterprise_id: None,
            before: None,
            after: Some(serde_json::json!({ "filter": filter, "enterprises": bundles.len() })),
        },
    )
    .await?;
    eprintln!("exported {} enterprises to {}", bundles.len(), out.display());
    Ok(())
}

pub async fn load_demo(db: &Db, enterprises: usize, seed: u64) -> Result<()> {
    let city = crate::demo::generate(enterprises, seed);
    store::upsert_divisions(db, &city.divisions, "demo").await?;
    let inspector = crate::demo::accounts::accounts(&city).into_iter().find(|u| u.username == "grid").map(|u| u.divisions).unwrap_or_default();
    let parsed = crate::excel::ParsedLedger { rows: (2..city.bundles.len() + 2).collect(), bundles: city.bundles };
    let progress = Progress::new("loading demo city");
    let actor = Actor { name: "demo".into(), role: "system".into(), ip: String::new() };
    let report = store::import(db, parsed, &actor, ImportMode::Insert, false, |d, t| progress.update(d, t)).await?;
    eprintln!("demo city {} loaded: {} enterprises, {} equipment", crate::demo::CITY_NAME, report.enterprises, report.equipment);
    crate::demo::campaigns::load(db, seed, &inspector).await?;
    Ok(())
}

pub async fn load_demo_if_empty(db: &Db, enterprises: usize, seed: u64) -> Result<()> {
    let page = store::list(db, &crate::auth::Scope::All, &ListFilter { per_page: Some(1), ..Default::default() }).await?;
    if page.total == 0 {
        load_demo(db, enterprises, seed).await
    } else {
        eprintln!("the database already holds {} enterprises; not loading the demo city again", page.total);
        Ok(())
    }
}

pub async fn import_divisions(db: &Db, file: &Path) -> Result<()> {
    let bytes = std::fs::read(file).map_err(|e| Error::Invalid(crate::i18n::catalogue::common::file_io(file.display().to_string(), e.to_string())))?;
    let (text, _) = crate::excel::text::decode(&bytes)
        .map_err(|m| Error::Invalid(crate::i18n::catalogue::common::file_problem(file.display().to_string(), m)))?;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        match record {
            Ok(r) if r.len() >= 3 => {
                let code = r[0].trim().to_string();
                let level = r[2].trim().to_string();
                if !code.bytes().all(|b| b.is_ascii_digit()) || !matches!(code.len(), 6 | 9 | 12) {
                    problems.push(format!("line {line}: code {code:?}: must be 6, 9 or 12 digits"));
                }
                if !["province", "city", "county", "township", "grid"].contains(&level.as_str()) {
                    problems.push(format!("line {line}: level {level:?}: must be province, city, county, township or grid"));
                }
                let parent = r.get(3).map(|p| p.trim().to_string()).filter(|p| !p.is_empty());
                rows.push(Division { code, name: r[1].trim().to_string(), level, parent });
            }
            Ok(_) => problems.push(format!("line {line}: expected columns code,name,level,parent")),
            Err(e) => problems.push(format!("line {line}: {e}")),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(crate::i18n::catalogue::cli::nothing_imported(problems.join("\n  "))));
    }
    store::upsert_divisions(db, &rows, "local").await?;
    eprintln!("imported {} divisions", rows.len());
    Ok(())
}
