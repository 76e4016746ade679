//! `lantian screen`: the catalogue over the whole ledger.

use std::io::Write;
use std::process::ExitCode;

use super::ScreenArgs;
use crate::error::{Error, Result};
use crate::screening::engine::{screen, Screening};
use crate::storage::Db;

pub async fn run(db: &Db, args: &ScreenArgs) -> Result<ExitCode> {
    let catalogue = match &args.rules {
        Some(dir) => crate::screening::load_dir(dir)
            .map_err(|errors| Error::Invalid(crate::i18n::catalogue::cli::catalogue_refused(errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n  "))))?,
        // The catalogue in force: the built-in one, or the bureau's latest version.
        None => crate::storage::rules::in_force(db).await?.catalogue,
    };
    if args.save {
        if args.rules.is_some() {
            return Err(Error::Invalid(crate::i18n::catalogue::cli::save_needs_import()));
        }
        let out = crate::screening::service::run(db, &crate::storage::audit::Actor::cli(), &crate::auth::Scope::All).await?;
        eprintln!("saved as run {}; {} new exit case(s) opened", out.run_id, out.cases_opened);
        if let Some(d) = &out.diff {
            eprintln!("against the previous run: {} new, {} resolved, {} unchanged", d.new.len(), d.resolved.len(), d.unchanged);
        }
    }
    let started = std::time::Instant::now();
    let subjects = crate::storage::screening::subjects(db).await?;
    let loaded = started.elapsed();
    let equipment: usize = subjects.iter().map(|s| s.equipment.len()).sum();
    let result = screen(&catalogue, &subjects);
    eprintln!(
        "screened {} enterprises and {equipment} equipment with catalogue {} ({} rules): read {:.2}s, evaluated {:.2}s; {} findings, {} undecided (data missing)",
        subjects.len(),
        catalogue.version,
        catalogue.rules.len(),
        loaded.as_secs_f64(),
        (started.elapsed() - loaded).as_secs_f64(),
        result.findings.len(),
        result.undecided.len()
    );
    let bytes = match args.format.as_str() {
        "json" => serde_json::to_vec_pretty(&result).map_err(|e| Error::other(e))?,
        "text" => text(&result).into_bytes(),
        "xlsx" => xlsx(&result).map_err(|e| Error::other(e))?,
        other => return Err(Error::Invalid(crate::i18n::catalogue::cli::screen_format(other))),
    };
    match &args.out {
        Some(path) => std::fs::write(path, bytes)?,
        None if args.format == "xlsx" => return Err(Error::Invalid(crate::i18n::catalogue::cli::xlsx_needs_out())),
        None => match std::io::stdout().write_all(&bytes) {
            // `lantian screen | head` closes the pipe early: that is not a failure.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other?,
        },
    }
    Ok(ExitCode::SUCCESS)
}

fn text(s: &Screening) -> String {
    let mut out = String::new();
    for f in &s.findings {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t[{}]\n",
            f.enterprise,
            f.enterprise_name,
            f.equipment.as_deref().unwrap_or("-"),
            f.rule,
            f.outcome,
            f.explanation,
            f.citation.status
        ));
    }
    out
}

fn xlsx(s: &Screening) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("筛查结果")?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let headers = ["统一社会信用代码", "企业名称", "设备", "规则", "规则名称", "维度", "触发事实", "说明", "处置", "期限", "依据文件", "条款", "核实状态"];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (r, f) in s.findings.iter().enumerate() {
        let r = r as u32 + 1;
        let cells = [
            f.enterprise.clone(),
            f.enterprise_name.clone(),
            f.equipment.clone().unwrap_or_default(),
            f.rule.clone(),
            f.title.clone(),
            f.dimension.clone(),
            serde_json::Value::Object(f.facts.clone()).to_string(),
            f.explanation.clone(),
            f.outcome.clone(),
            f.deadline.clone().unwrap_or_default(),
            f.citation.document.clone(),
            f.citation.clause.clone(),
            f.citation.status.clone(),
        ];
        for (c, v) in cells.iter().enumerate() {
            sheet.write_string(r, c as u16, v)?;
        }
    }
    sheet.write_string(s.findings.len() as u32 + 2, 0, format!("规则目录版本 {}", s.catalogue_version))?;
    book.save_to_buffer()
}
