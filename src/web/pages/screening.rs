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
use crate::i18n::{catalogue::screening as msg, Lang};
use crate::ledger::codes::{process_label, EQUIPMENT_KINDS};
use crate::i18n::catalogue as cat;

pub use crate::screening::{dimension_label, outcome_label};

/// A fact's name as people read it (the catalogue's `screening.fact.<name>`).
fn fact_name(name: &str, lang: Lang) -> String {
    crate::i18n::label("screening.fact", name, lang)
}

/// A fact's value as people read it: yes/no, the equipment kind's and process's names,
/// the fuel's name; numbers and other codes as they are.
fn fact_value(name: &str, v: &serde_json::Value, lang: Lang) -> String {
    match (name, v) {
        (_, serde_json::Value::Bool(b)) => lang.pick(if *b { "是" } else { "否" }, if *b { "yes" } else { "no" }).to_string(),
        ("kind", serde_json::Value::String(k)) => EQUIPMENT_KINDS.name(k, lang).to_string(),
        ("process", serde_json::Value::String(p)) => process_label(p, lang),
        ("fuel", serde_json::Value::String(f)) => crate::ledger::label(crate::ledger::FUELS, f, lang),
        ("env_grade", serde_json::Value::String(g)) => crate::ledger::label(crate::ledger::ENV_GRADES, g, lang),
        (_, serde_json::Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

/// The facts a rule read, as "name: value" pairs; the values marked as data.
fn facts_markup(facts: &serde_json::Value, lang: Lang) -> Markup {
    let pairs: Vec<(String, String)> = facts.as_object().map(|m| m.iter().map(|(k, v)| (fact_name(k, lang), fact_value(k, v, lang))).collect()).unwrap_or_default();
    html! { @for (i, (k, v)) in pairs.iter().enumerate() { @if i > 0 { (lang.label(cat::screening::semicolon())) } (k) ": " span.v { (v) } } }
}

/// The same as plain text (the Excel export, in Chinese as the official tables are).
fn facts_text(facts: &serde_json::Value, lang: Lang) -> String {
    facts
        .as_object()
        .map(|m| m.iter().map(|(k, v)| format!("{}:{}", fact_name(k, lang), fact_value(k, v, lang))).collect::<Vec<_>>().join("；"))
        .unwrap_or_default()
}

pub fn findings_table(findings: &[StoredFinding], lang: Lang) -> Markup {
    html! {
        div.table-wrap { table #findings {
            thead { tr { th { (lang.label(cat::inventory::col_enterprise())) } th { (lang.label(cat::common::equipment_line())) } th { (lang.label(cat::common::rule())) } th { (lang.label(cat::synergy::col_dimension())) } th { (lang.label(cat::screening::facts_read())) } th { (lang.label(cat::enforcement_cases::col_explanation())) } th { (lang.label(cat::common::basis())) } th { (lang.label(cat::common::outcome())) } } }
            tbody { @for f in findings { tr data-key=(f.key) {
                td data-v { (f.enterprise_name) br; code.small { (f.credit_code) } }
                td data-v { (f.equipment) }
                td data-v { code { (f.rule) } br; (f.title) }
                td { (dimension_label(&f.dimension, lang)) }
                td.facts { (facts_markup(&f.facts, lang)) }
                td data-v { (f.explanation) }
                td.small { span.v { (f.citation["document"].as_str().unwrap_or("")) " " (f.citation["clause"].as_str().unwrap_or("")) }
                    @if f.citation["status"] == "verified" { " " span.tag.ok { (msg::verified().render(lang)) } } @else { " " span.tag { (msg::unverified().render(lang)) } } }
                td { (outcome_label(&f.outcome, lang)) @if let Some(d) = &f.deadline { br; "(" @if lang == Lang::Zh { span.v { (d) } "前" } @else { "by " span.v { (d) } } ")" } }
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
                    @if lang == Lang::Zh {
                        "最近一次筛查:" span.v { (crate::storage::display_time(&r.at)) } ",操作人 " span.v { (r.actor) } ";规则目录版本 " code data-v { (r.catalogue_version) }
                        ";企业 " (r.enterprises) " 家,设备 " (r.equipment) " 台;发现问题 " strong { (findings.len()) } " 条,涉及企业 " (enterprises.len()) " 家;数据缺失无法判断 " (r.undecided) " 项。"
                    } @else {
                        "Last screening: " span.v { (crate::storage::display_time(&r.at)) } " by " span.v { (r.actor) } "; catalogue version " code data-v { (r.catalogue_version) }
                        "; " (r.enterprises) " enterprises, " (r.equipment) " pieces of equipment; " strong { (findings.len()) } " findings at " (enterprises.len()) " enterprises; " (r.undecided) " rules undecided for missing data."
                    }
                },
                None => p.muted { (lang.label(cat::screening::no_screening_has_been_run_for())) },
            }
            @if let Some(d) = &diff {
                p #run-diff { @if lang == Lang::Zh { "与上次相比:新增 " strong { (d.new.len()) } " 条,已消除 " strong { (d.resolved.len()) } " 条,未变 " (d.unchanged) " 条。" }
                    @else { "Since the run before: " strong { (d.new.len()) } " new, " strong { (d.resolved.len()) } " resolved, " (d.unchanged) " unchanged." } }
                @if !d.resolved.is_empty() { details { summary { (lang.label(cat::screening::resolved_findings())) } ul { @for k in &d.resolved { li { code data-v { (k) } } } } } }
                @if !d.new.is_empty() { details { summary { (lang.label(cat::screening::new_findings())) } ul { @for k in &d.new { li { code data-v { (k) } } } } } }
            }
            @if viewer.can(Permission::ManageCases) {
                form.inline method="post" action="/screening/run" {
                    (layout::csrf_field(&ctx))
                    button type="submit" #run-screening { (lang.label(cat::screening::screen_this_jurisdiction_with_the_catalogue())) }
                }
            }
            " "
            a.button.secondary href="/screening/findings.xlsx" { (lang.label(cat::screening::export_findings_excel())) } " "
            a.button.secondary href="/screening/pricing" { (lang.label(cat::screening::differential_pricing_list())) } " "
            a.button.secondary href="/rules" { (lang.label(cat::screening::rule_catalogue())) } " "
            a.button.secondary href="/cases" { (lang.label(cat::common::exit_cases())) }
        }
        div.panel {
            h2 { (lang.label(cat::screening::why_not_flagged())) }
            form.filters method="get" action="/screening/why" {
                label { (lang.label(cat::inventory::col_credit())) input type="text" name="code" required; }
                button type="submit" { (lang.label(cat::enforcement_cases::show())) }
            }
        }
        @if !findings.is_empty() {
            div.grid2 {
                div.panel { h2 { (lang.label(cat::screening::by_dimension())) } (crate::web::charts::bars(&count_by(&findings, |f| dimension_label(&f.dimension, lang).to_string()), lang.label(cat::screening::findings_by_dimension()))) }
                div.panel { h2 { (lang.label(cat::screening::by_outcome())) } (crate::web::charts::bars(&count_by(&findings, |f| outcome_label(&f.outcome, lang).to_string()), lang.label(cat::screening::findings_by_outcome()))) }
            }
        }
        div.panel { h2 { (lang.label(cat::screening::findings())) } (findings_table(pager.slice(&findings), lang)) (pager.render(lang, "findings-pager")) }
    };
    Ok(layout::page(&ctx, Section::Screening, lang.label(cat::screening::comprehensive_standards_screening()), body))
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
        .ok_or_else(|| crate::Error::NotFound(msg::no_subject(&code)))?;
    let lang = ctx.lang;
    let in_force = crate::storage::rules::in_force(&state.db).await?;
    let reasons = crate::screening::engine::explain(&in_force.catalogue, &subject);
    let hits = reasons.iter().filter(|r| r.verdict == "hit").count();
    let body = html! {
        div.panel #why {
            p { span.v { (subject.name) " " code { (subject.credit_code) } } (lang.label(cat::screening::industry())) span.v { (subject.industry) } (lang.label(cat::screening::catalogue_version())) code data-v { (in_force.catalogue.version) } }
            p #why-summary { @if lang == Lang::Zh { "适用规则 " (reasons.len()) " 项,触发 " strong { (hits) } " 项。" } @else { (reasons.len()) " rules apply, " strong { (hits) } " flagged. " }
                @if reasons.is_empty() { (lang.label(cat::screening::no_rule_applies_to_this_enterprises())) } }
            div.table-wrap { table {
                thead { tr { th { (lang.label(cat::common::rule())) } th { (lang.label(cat::inventory::col_equipment())) } th { (lang.label(cat::common::condition())) } th { (lang.label(cat::screening::facts_read_2())) } th { (lang.label(cat::screening::verdict())) } } }
                tbody { @for r in &reasons { tr {
                    td data-v { code { (r.rule) } br; (r.title) }
                    td data-v { (r.equipment.clone().unwrap_or_default()) }
                    td { code data-v { (r.condition) } }
                    td.facts { (facts_markup(&serde_json::Value::Object(r.facts.clone()), lang)) }
                    td { @match r.verdict.as_str() {
                        "hit" => span.bad { (msg::verdict_hit().render(lang)) },
                        "not_hit" => span.ok { (msg::verdict_not_hit().render(lang)) },
                        _ => span { (msg::verdict_missing(r.missing.iter().map(|m| fact_name(m, lang)).collect::<Vec<_>>().join(lang.label(cat::common::list_separator()))).render(lang)) },
                    } }
                } } }
            } }
        }
    };
    let title = match lang {
        Lang::Zh => format!("为什么(没有)被筛出:{}", subject.name),
        Lang::En => format!("Why (not) flagged: {}", subject.name),
    };
    Ok(layout::page(&ctx, Section::Screening, &title, body))
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
                dimension_label(&f.dimension, Lang::Zh).to_string(), facts_text(&f.facts, Lang::Zh), f.explanation.clone(), outcome_label(&f.outcome, Lang::Zh).to_string(),
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
    let lang = ctx.lang;
    let body = html! {
        div.panel {
            p { (lang.label(cat::screening::from_the_last_screening_findings_with())) strong #pricing-count { (list.len()) } (lang.label(cat::screening::enterprise_times_full_stop())) " "
                a.button.secondary href="/screening/pricing.xlsx" { (lang.label(cat::screening::export_excel())) } }
            (findings_table(&owned, lang))
        }
    };
    Ok(layout::page(&ctx, Section::Screening, lang.label(cat::screening::differential_pricing_list()), body))
}

pub async fn pricing_xlsx(state: State, viewer: Viewer) -> crate::Result<Response> {
    let findings = latest_findings(&state, &viewer).await?;
    let list = priced(&findings);
    let bytes = crate::excel::outputs::pricing_workbook(&list).map_err(|e| crate::Error::other(e))?;
    audit_export(&state, &viewer, "pricing.xlsx", list.len()).await?;
    Ok(attachment(bytes, XLSX, "differential-pricing.xlsx"))
}
