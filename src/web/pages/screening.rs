//! Screening: run the catalogue in force over the jurisdiction, list the findings per
//! enterprise and line with their facts, citation and outcome, compare with the last
//! run, and explain why any enterprise was (not) flagged.

use axum::extract::Query;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{self, Section};
use crate::auth::{Permission, Viewer};
use crate::storage::runs::{self, StoredFinding};
use crate::web::auth::Ctx;
use crate::web::State;

pub use crate::screening::{dimension_label, outcome_label};

fn facts_text(facts: &serde_json::Value) -> String {
    facts
        .as_object()
        .map(|m| m.iter().map(|(k, v)| format!("{k} = {}", v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()))).collect::<Vec<_>>().join(", "))
        .unwrap_or_default()
}

pub fn findings_table(findings: &[StoredFinding]) -> Markup {
    html! {
        div.table-wrap { table #findings {
            thead { tr { th { "企业" } th { "设备/生产线" } th { "规则" } th { "维度" } th { "触发事实" } th { "说明" } th { "依据" } th { "处置" } } }
            tbody { @for f in findings { tr data-key=(f.key) {
                td { (f.enterprise_name) br; code.small { (f.credit_code) } }
                td { (f.equipment) }
                td { code { (f.rule) } br; (f.title) }
                td { (dimension_label(&f.dimension)) }
                td.facts { (facts_text(&f.facts)) }
                td { (f.explanation) }
                td.small { (f.citation["document"].as_str().unwrap_or("")) " " (f.citation["clause"].as_str().unwrap_or(""))
                    @if f.citation["status"] == "verified" { " " span.tag.ok { "已核实" } } @else { " " span.tag { "未核实" } } }
                td { (outcome_label(&f.outcome)) @if let Some(d) = &f.deadline { br; "(" (d) "前)" } }
            } } }
        } }
    }
}

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Query(params): Query<Vec<(String, String)>>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let recent = runs::recent(&state.db, &viewer.scope, 2).await?;
    let latest = recent.first();
    let findings = match latest {
        Some(r) => runs::findings(&state.db, r.id, &viewer.scope).await?,
        None => vec![],
    };
    let diff = match (latest, recent.get(1)) {
        (Some(_), Some(prev)) => Some(runs::diff(&runs::findings(&state.db, prev.id, &viewer.scope).await?, &findings)),
        _ => None,
    };
    let pager = super::pager::Pager::new("/screening", params, super::pager::PER_PAGE).keeping(&[]).with_total(findings.len() as u64);
    let enterprises: std::collections::BTreeSet<&str> = findings.iter().map(|f| f.credit_code.as_str()).collect();
    let body = html! {
        div.panel #run-panel {
            @match latest {
                Some(r) => p #run-summary {
                    "最近一次筛查:" (crate::storage::display_time(&r.at)) ",操作人 " (r.actor) ";规则目录版本 " code { (r.catalogue_version) }
                    ";企业 " (r.enterprises) " 家,设备 " (r.equipment) " 台;发现问题 " strong { (findings.len()) } " 条,涉及企业 " (enterprises.len()) " 家;数据缺失无法判断 " (r.undecided) " 项。"
                },
                None => p.muted { (lang.pick("本辖区尚未筛查。", "No screening has been run for this jurisdiction yet.")) },
            }
            @if let Some(d) = &diff {
                p #run-diff { "与上次相比:新增 " strong { (d.new.len()) } " 条,已消除 " strong { (d.resolved.len()) } " 条,未变 " (d.unchanged) " 条。" }
                @if !d.resolved.is_empty() { details { summary { "已消除的问题" } ul { @for k in &d.resolved { li { code { (k) } } } } } }
                @if !d.new.is_empty() { details { summary { "新增的问题" } ul { @for k in &d.new { li { code { (k) } } } } } }
            }
            @if viewer.can(Permission::ManageCases) {
                form.inline method="post" action="/screening/run" {
                    (layout::csrf_field(&ctx))
                    button type="submit" #run-screening { (lang.pick("用现行规则目录筛查本辖区", "Screen this jurisdiction with the catalogue in force")) }
                }
            }
            " "
            a.button.secondary href="/screening/findings.xlsx" { "导出筛查结果 (Excel)" } " "
            a.button.secondary href="/screening/pricing" { "差别电价名单" } " "
            a.button.secondary href="/rules" { "规则目录" } " "
            a.button.secondary href="/cases" { "退出案件" }
        }
        div.panel {
            h2 { (lang.pick("为什么(没有)被筛出?", "Why (not) flagged?")) }
            form.filters method="get" action="/screening/why" {
                label { "统一社会信用代码" input type="text" name="code" required; }
                button type="submit" { "查看" }
            }
        }
        @if !findings.is_empty() {
            div.grid2 {
                div.panel { h2 { "按维度" } (crate::web::charts::bars(&count_by(&findings, |f| dimension_label(&f.dimension).to_string()), "findings by dimension")) }
                div.panel { h2 { "按处置" } (crate::web::charts::bars(&count_by(&findings, |f| outcome_label(&f.outcome).to_string()), "findings by outcome")) }
            }
        }
        div.panel { h2 { "筛查发现" } (findings_table(pager.slice(&findings))) (pager.render(lang, "findings-pager")) }
    };
    Ok(layout::page(&ctx, Section::Screening, lang.pick("综合标准筛查", "Comprehensive-standards screening"), body))
}

/// Findings counted by a label, largest first (for the bar charts).
fn count_by(findings: &[StoredFinding], label: impl Fn(&StoredFinding) -> String) -> Vec<(String, i64, Option<String>)> {
    let mut counts: std::collections::BTreeMap<String, i64> = Default::default();
    for f in findings {
        *counts.entry(label(f)).or_default() += 1;
    }
    let mut v: Vec<_> = counts.into_iter().map(|(k, n)| (k, n, None)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1));
    v
}

pub async fn run(state: State, viewer: Viewer) -> crate::Result<Response> {
    crate::screening::service::run(&state.db, &viewer.actor(), &viewer.scope).await?;
    Ok(Redirect::to("/screening").into_response())
}

#[derive(Deserialize)]
pub struct WhyQuery {
    pub code: String,
}

/// Every rule that applies to one enterprise, with its verdict and the facts it read.
pub async fn why(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<WhyQuery>) -> crate::Result<Markup> {
    let code = q.code.trim().to_uppercase();
    let subject = crate::storage::screening::subjects(&state.db)
        .await?
        .into_iter()
        .find(|s| s.credit_code == code && viewer.scope.admits(&s.division_code, &s.credit_code))
        .ok_or_else(|| crate::Error::NotFound(crate::i18n::untranslated(format!("enterprise {code} (or it is closed)"))))?;
    let in_force = crate::storage::rules::in_force(&state.db).await?;
    let reasons = crate::screening::engine::explain(&in_force.catalogue, &subject);
    let hits = reasons.iter().filter(|r| r.verdict == "hit").count();
    let body = html! {
        div.panel #why {
            p { (subject.name) " " code { (subject.credit_code) } ",行业 " (subject.industry) ";规则目录版本 " code { (in_force.catalogue.version) } }
            p #why-summary { "适用规则 " (reasons.len()) " 项,触发 " strong { (hits) } " 项。" @if reasons.is_empty() { "没有适用于该企业行业和设备的规则。" } }
            div.table-wrap { table {
                thead { tr { th { "规则" } th { "设备" } th { "条件" } th { "读到的事实" } th { "结论" } } }
                tbody { @for r in &reasons { tr {
                    td { code { (r.rule) } br; (r.title) }
                    td { (r.equipment.clone().unwrap_or_default()) }
                    td { code { (r.condition) } }
                    td.facts { (facts_text(&serde_json::Value::Object(r.facts.clone()))) }
                    td { @match r.verdict.as_str() {
                        "hit" => span.bad { "触发" },
                        "not_hit" => span.ok { "未触发" },
                        _ => span { "缺少数据:" (r.missing.join(", ")) },
                    } }
                } } }
            } }
        }
    };
    Ok(layout::page(&ctx, Section::Screening, &format!("为什么(没有)被筛出:{}", subject.name), body))
}

async fn latest_findings(state: &State, viewer: &Viewer) -> crate::Result<Vec<StoredFinding>> {
    Ok(match runs::recent(&state.db, &viewer.scope, 1).await?.first() {
        Some(r) => runs::findings(&state.db, r.id, &viewer.scope).await?,
        None => vec![],
    })
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn attachment(bytes: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    ([(header::CONTENT_TYPE, content_type.to_string()), (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\""))], bytes).into_response()
}

pub async fn findings_xlsx(state: State, viewer: Viewer) -> crate::Result<Response> {
    let findings = latest_findings(&state, &viewer).await?;
    let mut book = rust_xlsxwriter::Workbook::new();
    let mut write = || -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let sheet = book.add_worksheet();
        sheet.set_name("筛查结果")?;
        let bold = rust_xlsxwriter::Format::new().set_bold();
        let headers = ["统一社会信用代码", "企业名称", "行政区划代码", "设备", "规则", "规则名称", "维度", "触发事实", "说明", "处置", "期限", "依据"];
        for (c, h) in headers.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        for (i, f) in findings.iter().enumerate() {
            let cells = [
                f.credit_code.clone(), f.enterprise_name.clone(), f.division_code.clone(), f.equipment.clone(), f.rule.clone(), f.title.clone(),
                dimension_label(&f.dimension).to_string(), facts_text(&f.facts), f.explanation.clone(), outcome_label(&f.outcome).to_string(),
                f.deadline.clone().unwrap_or_default(),
                format!("{} {}", f.citation["document"].as_str().unwrap_or(""), f.citation["clause"].as_str().unwrap_or("")),
            ];
            for (c, v) in cells.iter().enumerate() {
                sheet.write_string(i as u32 + 1, c as u16, v)?;
            }
        }
        book.save_to_buffer()
    };
    let bytes = write().map_err(|e| crate::Error::other(e))?;
    audit_export(&state, &viewer, "findings.xlsx", findings.len()).await?;
    Ok(attachment(bytes, XLSX, "findings.xlsx"))
}

pub async fn audit_export(state: &State, viewer: &Viewer, what: &str, rows: usize) -> crate::Result<()> {
    crate::storage::audit::record(
        &state.db,
        &viewer.actor(),
        crate::storage::audit::NewEntry {
            action: "export",
            entity: "screening",
            entity_id: what.into(),
            enterprise_id: None,
            before: None,
            after: Some(serde_json::json!({ "rows": rows })),
        },
    )
    .await?;
    Ok(())
}

fn priced(findings: &[StoredFinding]) -> Vec<&StoredFinding> {
    findings.iter().filter(|f| f.outcome == "differential_price" || f.outcome == "punitive_price").collect()
}

pub async fn pricing(state: State, ctx: Ctx, viewer: Viewer) -> crate::Result<Markup> {
    let findings = latest_findings(&state, &viewer).await?;
    let list = priced(&findings);
    let owned: Vec<StoredFinding> = list.iter().map(|f| (*f).clone()).collect();
    let body = html! {
        div.panel {
            p { "依据最近一次筛查,执行差别电价或惩罚性电价的企业 " strong #pricing-count { (list.len()) } " 家次。" " "
                a.button.secondary href="/screening/pricing.xlsx" { "导出 (Excel)" } }
            (findings_table(&owned))
        }
    };
    Ok(layout::page(&ctx, Section::Screening, "差别电价名单", body))
}

pub async fn pricing_xlsx(state: State, viewer: Viewer) -> crate::Result<Response> {
    let findings = latest_findings(&state, &viewer).await?;
    let list = priced(&findings);
    let bytes = crate::excel::outputs::pricing_workbook(&list).map_err(|e| crate::Error::other(e))?;
    audit_export(&state, &viewer, "pricing.xlsx", list.len()).await?;
    Ok(attachment(bytes, XLSX, "differential-pricing.xlsx"))
}
