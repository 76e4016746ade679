//! The enterprise list: search, filters, pagination, export of what is shown.

use axum::extract::Query;
use maud::html;

use super::layout::{self, thousands, Section};
use crate::ledger::codes::INDUSTRIES;
use crate::ledger::model::{label, ENV_GRADES, STATUSES};
use crate::ledger::ListFilter;
use crate::auth::Viewer;
use crate::web::auth::Ctx;
use crate::web::State;
use crate::i18n::catalogue as cat;

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Query(filter): Query<ListFilter>, Query(params): Query<Vec<(String, String)>>) -> crate::Result<maud::Markup> {
    let lang = ctx.lang;
    let result = crate::storage::ledger::list(&state.db, &viewer.scope, &filter).await?;
    let mut divisions = crate::storage::ledger::divisions_in_use(&state.db).await?;
    divisions.retain(|d| viewer.scope.admits_division(&d.code));
    let full_names = crate::storage::ledger::full_names(&state.db, result.items.iter().map(|e| e.division_code.as_str())).await?;
    let pager = super::pager::Pager::new("/enterprises", params, result.per_page).keeping(&["q", "division", "industry", "status", "grade", "per_page"]).with_total(result.total.max(0) as u64);
    let qs = filter.query_string(None);
    let selected = |v: &Option<String>, x: &str| v.as_deref() == Some(x);
    let body = html! {
        form.filters method="get" action="/enterprises" {
            label { (lang.label(cat::common::name_or_credit_code()))
                input type="search" name="q" value=[filter.q.as_deref()] placeholder=(lang.label(cat::ledger::search())); }
            label { (lang.label(cat::common::division()))
                select name="division" {
                    option value="" { (lang.label(cat::inventory::all())) }
                    @for d in &divisions {
                        option value=(d.code) selected[selected(&filter.division, &d.code)] {
                            @if d.level == "county" { "\u{3000}" } (d.name)
                        }
                    }
                }
            }
            label { (lang.label(cat::common::industry()))
                input name="industry" value=[filter.industry.as_deref()] placeholder="3011" size="6" list="industries"; }
            label { (lang.label(cat::common::status()))
                select name="status" {
                    option value="" { (lang.label(cat::inventory::all())) }
                    @for t in STATUSES { option value=(t.code) selected[selected(&filter.status, t.code)] { (lang.pick(t.zh, t.en)) } }
                }
            }
            label { (lang.label(cat::synergy::col_grade()))
                select name="grade" {
                    option value="" { (lang.label(cat::inventory::all())) }
                    @for t in ENV_GRADES { option value=(t.code) selected[selected(&filter.grade, t.code)] { (t.code) } }
                }
            }
            button type="submit" { (lang.label(cat::common::search())) }
            a.button.secondary href=(format!("/api/ledger/export.xlsx?{qs}")) { (lang.label(cat::ledger::export_excel())) }
            a.button.secondary href=(format!("/api/ledger/export.csv?{qs}")) { "CSV" }
        }
        datalist id="industries" {
            @for i in INDUSTRIES.classes() { option value=(i.code) { (i.name_zh) } }
        }
        p.muted { (lang.label(cat::ledger::total_prefix())) " " (thousands(result.total)) " " (lang.label(cat::ledger::enterprises_2())) }
        div.table-wrap { table #enterprise-list {
            thead { tr {
                th { (lang.label(cat::ledger::name())) }
                th { (lang.label(cat::inventory::col_credit())) }
                th { (lang.label(cat::ledger::division())) }
                th { (lang.label(cat::common::industry())) }
                th { (lang.label(cat::enforcement_cases::col_status())) }
                th { (lang.label(cat::synergy::col_grade())) }
            } }
            tbody {
                @for e in &result.items {
                    tr {
                        td { a data-v href=(format!("/enterprises/{}", e.id)) { (e.name) } @if e.above_scale { " " span.tag { (lang.label(cat::ledger::above_scale_2())) } } }
                        td { code { (e.credit_code) } }
                        td data-v { (full_names.get(&e.division_code).unwrap_or(&e.division_name)) }
                        td { (e.industry_code) " " span.muted.v { (e.industry_name) } }
                        td { span class=(format!("tag {}", e.status)) { (label(STATUSES, &e.status, lang)) } }
                        td { @if !e.env_grade.is_empty() { span class=(format!("tag grade-{}", e.env_grade)) { (e.env_grade) } } }
                    }
                }
                @if result.items.is_empty() { tr { td colspan="6" .muted { (lang.label(cat::ledger::no_enterprise_matches())) } } }
            }
        } }
        (pager.render(lang, "enterprise-pager"))
    };
    Ok(layout::page(&ctx, Section::Enterprises, lang.label(cat::common::enterprise_ledger()), body))
}
