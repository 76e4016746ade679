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
            h2 { (lang.pick("导入企业台账", "Import the enterprise ledger")) }
            p.muted { (lang.pick(
                "上传 .xlsx 台账(第一个工作表为企业,其后为生产线、主要设备、排放口、年度数据)或企业表 .csv。任何一行有误则全部不写入,并列出所有错误。",
                "Upload a ledger .xlsx (first sheet: enterprises; then lines, equipment, outlets, yearly figures) or an enterprise .csv. If any row is wrong nothing is written and every problem is listed.")) }
            form method="post" action="/import" enctype="multipart/form-data" {
                (layout::csrf_field(ctx))
                p { input type="file" name="file" accept=".xlsx,.csv" required; }
                p {
                    label { input type="checkbox" name="dry_run" value="1"; " " (lang.pick("仅校验,不写入", "Validate only, write nothing")) }
                    " "
                    label { input type="checkbox" name="update" value="1"; " " (lang.pick("已存在的企业以新数据替换", "Replace enterprises already in the ledger")) }
                }
                button type="submit" { (lang.pick("上传并导入", "Upload and import")) }
            }
        }
        div.panel {
            h2 { (lang.pick("模板与导出", "Template and export")) }
            p {
                a.button.secondary href="/api/ledger/template.xlsx" { (lang.pick("下载导入模板", "Download the template")) } " "
                @if can_export {
                a.button.secondary href="/api/ledger/export.xlsx" { (lang.pick("导出全部台账 (Excel)", "Export the whole ledger (Excel)")) } " "
                a.button.secondary href="/api/ledger/export.csv" { (lang.pick("导出企业表 (CSV)", "Export enterprises (CSV)")) }
                }
            }
        }
    }
}

pub async fn form_page(ctx: Ctx) -> Markup {
    layout::page(&ctx, Section::Import, ctx.lang.pick("导入导出", "Import / export"), form(&ctx))
}

pub fn problems_table(lang: Lang, problems: &[Problem]) -> Markup {
    html! {
        div.table-wrap { table.problems #problems {
            thead { tr { th { (lang.pick("工作表", "Sheet")) } th.num { (lang.pick("行", "Row")) } th { (lang.pick("列", "Column")) } th { (lang.pick("值", "Value")) } th { (lang.pick("原因", "Reason")) } } }
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
                h2.ok { (lang.pick("已提交,等待主管部门审核", "Submitted; waiting for the bureau's review")) }
                p { (lang.pick("台账在审核采纳后才会改变。申报编号:", "The ledger changes only once the submission is accepted. Submission: "))
                    @for id in &r.submitted { "#" (id) " " }
                    a href="/my/submissions" { (lang.pick("查看我的申报", "See my submissions")) } }
            }
        },
        Ok(r) => html! {
            div.panel #import-result {
                h2.ok { @if r.dry_run { (lang.pick("校验通过,未写入", "Valid; nothing written (dry run)")) } @else { (lang.pick("导入成功", "Imported")) } }
                p { (lang.pick("企业", "Enterprises")) ": " (r.enterprises) " · " (lang.pick("生产线", "lines")) ": " (r.lines) " · "
                    (lang.pick("设备", "equipment")) ": " (r.equipment) " · " (lang.pick("排放口", "outlets")) ": " (r.outlets) " · "
                    (lang.pick("年度数据", "yearly rows")) ": " (r.yearly) " · " (lang.pick("替换", "replaced")) ": " (r.updated) }
            }
        },
        Err(Error::Rejected(problems)) => html! {
            div.panel #import-result {
                h2.bad { (lang.pick("导入失败,未写入任何数据", "Import refused; nothing was written")) " (" (problems.total()) ")" }
                (problems_table(lang, &problems))
                @if problems.omitted() > 0 {
                    p #problems-omitted { (lang.t(&crate::i18n::catalogue::limits::problems_omitted(problems.len(), problems.omitted()))) }
                }
            }
        },
        Err(e) => html! { div.panel #import-result { h2.bad { (lang.pick("导入失败,未写入任何数据", "Import refused; nothing was written")) } p { (e.to_string()) } } },
    };
    let body = html! { (result) (form(&ctx)) };
    (status, layout::page(&ctx, Section::Import, lang.pick("导入导出", "Import / export"), body))
}
