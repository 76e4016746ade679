//! Import and export page: upload a workbook (all-or-nothing, with a report of every
//! bad row), download the template, export the ledger.

use axum::extract::Multipart;
use maud::{html, Markup};

use super::layout::{self, Section};
use crate::error::Error;
use crate::ledger::Problem;
use crate::storage::audit::Actor;
use crate::storage::ledger::{ImportMode, ImportReport};
use crate::auth::{Permission, Viewer};
use crate::web::auth::Ctx;
use crate::web::i18n::Lang;
use crate::web::State;

fn form(ctx: &Ctx) -> Markup {
    let lang = ctx.lang;
    let can_export = ctx.viewer.as_ref().is_some_and(|v| v.can(Permission::ExportLedger));
    html! {
        div.panel {
            h2 { (lang.label(cat::ledger::import_the_enterprise_ledger())) }
            p.muted { (lang.label(cat::ledger::upload_a_ledger_xlsx_first_sheet())) }
            form method="post" action="/import" enctype="multipart/form-data" {
                (layout::csrf_field(ctx))
                p { input type="file" name="file" accept=".xlsx,.csv" required; }
                p {
                    label { input type="checkbox" name="dry_run" value="1"; " " (lang.label(cat::ledger::validate_only_write_nothing())) }
                    " "
                    label { input type="checkbox" name="update" value="1"; " " (lang.label(cat::ledger::replace_enterprises_already_in_the_ledger())) }
                }
                button type="submit" { (lang.label(cat::common::upload_and_import())) }
            }
        }
        div.panel {
            h2 { (lang.label(cat::ledger::template_and_export())) }
            p {
                a.button.secondary href="/api/ledger/template.xlsx" { (lang.label(cat::ledger::download_the_template())) } " "
                @if can_export {
                a.button.secondary href="/api/ledger/export.xlsx" { (lang.label(cat::ledger::export_the_whole_ledger_excel())) } " "
                a.button.secondary href="/api/ledger/export.csv" { (lang.label(cat::ledger::export_enterprises_csv())) }
                }
            }
        }
    }
}

pub async fn form_page(ctx: Ctx) -> Markup {
    layout::page(&ctx, Section::Import, ctx.lang.label(cat::common::import_export()), form(&ctx))
}

pub fn problems_table(lang: Lang, problems: &[Problem]) -> Markup {
    html! {
        div.table-wrap { table.problems #problems {
            thead { tr { th { (lang.label(cat::common::sheet())) } th.num { (lang.label(cat::common::row())) } th { (lang.label(cat::common::column())) } th { (lang.label(cat::common::value())) } th { (lang.label(cat::common::reason())) } } }
            tbody { @for p in problems { tr { td { (p.sheet) } td.num { (p.row) } td { (p.column) } td { code { (p.value) } } td { (p.reason.render(lang)) } } } }
        } }
    }
}

/// Read the uploaded file and the two options from a multipart form.
pub async fn read_upload(mut multipart: Multipart) -> crate::Result<(String, Vec<u8>, bool, bool)> {
    let (mut name, mut bytes, mut dry_run, mut update) = (String::new(), None, false, false);
    while let Some(field) = multipart.next_field().await.map_err(upload_error)? {
        match field.name() {
            Some("file") => {
                name = field.file_name().unwrap_or("upload.xlsx").to_string();
                bytes = Some(field.bytes().await.map_err(upload_error)?.to_vec());
            }
            Some("dry_run") => dry_run = true,
            Some("update") => update = true,
            _ => {}
        }
    }
    let bytes = bytes.ok_or_else(|| Error::Invalid(crate::i18n::catalogue::campaigns::no_file()))?;
    Ok((name, bytes, dry_run, update))
}

use super::campaign_items::upload_error;
use crate::i18n::catalogue as cat;

/// Parse and import; the outcome is either a report or the list of problems.
/// Only records inside the viewer's scope may be written (checked before anything is).
pub async fn run_import(state: &State, viewer: &Viewer, name: &str, bytes: &[u8], dry_run: bool, update: bool) -> crate::Result<ImportReport> {
    let actor: Actor = viewer.actor();
    let actor = &actor;
    let is_csv = name.to_lowercase().ends_with(".csv");
    let parsed = if is_csv { crate::excel::parse_csv(bytes) } else { crate::excel::parse_workbook(bytes) }.map_err(Error::Rejected)?;
    crate::storage::ledger::check_import_scope(&state.db, &viewer.scope, &parsed, dry_run).await?;
    if viewer.role == crate::auth::Role::Enterprise {
        // What an enterprise sends is a proposal: checked like any import, then it waits for
        // the bureau's review; nothing in the ledger changes now.
        let mut bundles = parsed.bundles.clone();
        // A sheet the file does not carry (a CSV carries the enterprise sheet only) is not a
        // request to erase: the proposal keeps the lines, equipment, outlets and figures the
        // ledger holds for it (issue 17 item 6).
        let sheets = if is_csv { Vec::new() } else { crate::excel::import::workbook_sheets(bytes).map_err(Error::Rejected)? };
        let carries = |sheet: &str| sheets.iter().any(|s| s == sheet);
        use crate::excel::columns::{SHEET_ACTIVITY, SHEET_EQUIPMENT, SHEET_LINES, SHEET_OUTLETS, SHEET_YEARLY};
        for b in &mut bundles {
            if let Some(current) = crate::storage::submissions::current_bundle(&state.db, &b.enterprise.credit_code).await? {
                if !carries(SHEET_LINES) {
                    b.lines = current.lines;
                }
                if !carries(SHEET_EQUIPMENT) {
                    b.equipment = current.equipment;
                }
                if !carries(SHEET_OUTLETS) {
                    b.outlets = current.outlets;
                }
                if !carries(SHEET_YEARLY) {
                    b.yearly = current.yearly;
                }
                if !carries(SHEET_ACTIVITY) {
                    b.activity = current.activity;
                }
            }
        }
        let mut report = crate::storage::ledger::import(&state.db, parsed, actor, ImportMode::Update, true, |_, _| {}).await?;
        if dry_run {
            return Ok(report);
        }
        report.dry_run = false;
        report.updated = 0;
        for b in &bundles {
            report.submitted.push(crate::storage::submissions::submit_ledger_update(&state.db, viewer, b).await?);
        }
        return Ok(report);
    }
    let mode = if update { ImportMode::Update } else { ImportMode::Insert };
    crate::storage::ledger::import_scoped(&state.db, parsed, actor, mode, dry_run, &viewer.scope, |_, _| {}).await
}

pub async fn upload(state: State, ctx: Ctx, viewer: Viewer, multipart: Multipart) -> (axum::http::StatusCode, Markup) {
    let lang = ctx.lang;
    let outcome = match read_upload(multipart).await {
        Ok((name, bytes, dry_run, update)) => run_import(&state, &viewer, &name, &bytes, dry_run, update).await,
        Err(e) => Err(e),
    };
    let status = match &outcome {
        Ok(_) => axum::http::StatusCode::OK,
        Err(e) => e.status(),
    };
    let result = match outcome {
        Ok(r) if !r.submitted.is_empty() => html! {
            div.panel #import-result {
                h2.ok { (lang.label(cat::ledger::submitted_waiting_for_the_bureaus_review())) }
                p { (lang.label(cat::ledger::the_ledger_changes_only_once_the()))
                    @for id in &r.submitted { "#" (id) " " }
                    a href="/my/submissions" { (lang.label(cat::ledger::see_my_submissions())) } }
            }
        },
        Ok(r) => html! {
            div.panel #import-result {
                h2.ok { @if r.dry_run { (lang.label(cat::ledger::valid_nothing_written_dry_run())) } @else { (lang.label(cat::common::imported())) } }
                p { (lang.label(cat::ledger::enterprises())) ": " (r.enterprises) " · " (lang.label(cat::ledger::lines())) ": " (r.lines) " · "
                    (lang.label(cat::ledger::equipment())) ": " (r.equipment) " · " (lang.label(cat::ledger::outlets())) ": " (r.outlets) " · "
                    (lang.label(cat::ledger::yearly_rows())) ": " (r.yearly) " · " (lang.label(cat::ledger::replaced())) ": " (r.updated) }
            }
        },
        Err(Error::Rejected(problems)) => html! {
            div.panel #import-result {
                h2.bad { (lang.label(cat::common::import_refused_nothing_was_written())) " (" (problems.total()) ")" }
                (problems_table(lang, &problems))
                @if problems.omitted() > 0 {
                    p #problems-omitted { (lang.t(&crate::i18n::catalogue::limits::problems_omitted(problems.len(), problems.omitted()))) }
                }
            }
        },
        Err(e) => html! { div.panel #import-result { h2.bad { (lang.label(cat::common::import_refused_nothing_was_written())) } p { (e.to_string()) } } },
    };
    let body = html! { (result) (form(&ctx)) };
    (status, layout::page(&ctx, Section::Import, lang.label(cat::common::import_export()), body))
}
