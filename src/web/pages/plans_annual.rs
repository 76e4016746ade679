//! The year-end responsibility report as a printable page with the bureau's editable text
//! blocks, and as a Word document (the same content as `lantian report annual`).

use axum::extract::Query;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{self, Section};
use crate::auth::{Permission, Viewer};
use crate::error::Error;
use crate::plans::annual;
use crate::storage::plans as store;
use crate::web::auth::Ctx;
use crate::web::State;
use crate::i18n::catalogue as cat;

#[derive(Deserialize, Default)]
pub struct AnnualQuery {
    year: Option<i32>,
    /// A unit's name or id; the viewer's own unit when omitted.
    unit: Option<String>,
}

async fn pick(state: &State, viewer: &Viewer, q: &AnnualQuery) -> crate::Result<(crate::plans::Unit, i32)> {
    let year = q.year.unwrap_or_else(|| crate::plans::due::today_beijing().year());
    if !(2000..=2100).contains(&year) {
        return Err(Error::Invalid(crate::i18n::catalogue::plans::year_out_of_range(year)));
    }
    let unit = match &q.unit {
        Some(u) if !u.trim().is_empty() => store::find_unit(&state.db, u).await?,
        _ => match store::unit_of_user(&state.db, viewer.user_id).await? {
            Some(u) => u,
            None => store::find_unit(&state.db, crate::demo::plans::INDUSTRY_BUREAU).await?,
        },
    };
    if !store::plan_visible(&viewer.scope, &unit.division_code) {
        return Err(Error::NotFound(crate::i18n::catalogue::plans::unit_not_found(&unit.name)));
    }
    Ok((unit, year))
}

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<AnnualQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let (unit, year) = pick(&state, &viewer, &q).await?;
    let report = annual::build(&store::annual_facts(&state.db, &unit, year).await?);
    let units = store::units(&state.db).await?;
    let may_edit = viewer.can(Permission::ManagePlans);
    let body = html! {
        div.panel.no-print {
            form method="get" action="/plans/annual" {
                label { (lang.label(cat::inventory::col_unit())) " " select name="unit" { @for u in &units { option data-v value=(u.name) selected[u.id == unit.id] { (u.name) } } } } " "
                label { (lang.label(cat::plans::year())) " " input type="number" name="year" value=(year) min="2000" max="2100"; } " "
                button type="submit" { (lang.label(cat::plans::generate())) } " "
                a.button.secondary #annual-docx href=(format!("/plans/annual.docx?unit={}&year={year}", crate::ledger::filter::urlencode(&unit.name))) { (lang.label(cat::plans::download_word_docx())) }
            }
            @if lang == crate::web::i18n::Lang::En { p.muted #annual-language { (lang.t(&crate::i18n::catalogue::plans::annual_in_chinese())) } }
            p.muted { (lang.label(cat::plans::every_figure_is_computed_from_the())) }
        }
        div.panel.print #annual-report data-v {
            h2.center { (report.title) }
            @for s in &report.sections {
                @if !s.heading.is_empty() { @if s.level == 1 { h3 { (s.heading) } } @else { h4 { (s.heading) } } }
                @for p in &s.paragraphs {
                    p.report-text {
                        (p.text)
                        @if let Some(l) = &p.link { " " a.small.no-print href=(l) { (lang.label(cat::plans::source())) } }
                    }
                    @if let (Some(block), true) = (p.block, may_edit) {
                        details.no-print { summary { (lang.label(cat::plans::edit())) }
                            form method="post" action="/plans/annual/texts" {
                                (layout::csrf_field(&ctx))
                                input type="hidden" name="unit" value=(unit.id);
                                input type="hidden" name="year" value=(year);
                                input type="hidden" name="section" value=(block);
                                textarea name="body" rows="4" cols="90" { (p.text) } br;
                                button type="submit" { (lang.label(cat::synergy::page_save())) }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(layout::page(&ctx, Section::Plans, lang.label(cat::plans::year_end_responsibility_report()), body))
}

pub async fn docx(state: State, viewer: Viewer, headers: axum::http::HeaderMap, Query(q): Query<AnnualQuery>) -> crate::Result<Response> {
    let (unit, year) = pick(&state, &viewer, &q).await?;
    let report = annual::build(&store::annual_facts(&state.db, &unit, year).await?);
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let bytes = annual::to_docx(&report, &format!("http://{host}")).map_err(Error::other)?;
    let disposition = format!("attachment; filename=\"annual-{year}.docx\"; filename*=UTF-8''{}", crate::ledger::filter::urlencode(&format!("{}.docx", report.title)));
    Ok((
        [(header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.wordprocessingml.document".to_string()), (header::CONTENT_DISPOSITION, disposition)],
        bytes,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct TextForm {
    unit: i64,
    year: i32,
    section: String,
    #[serde(default)]
    body: String,
}

pub async fn save_text(state: State, viewer: Viewer, Form(f): Form<TextForm>) -> crate::Result<Response> {
    let unit = store::find_unit(&state.db, &f.unit.to_string()).await?;
    if !store::plan_visible(&viewer.scope, &unit.division_code) {
        return Err(Error::NotFound(crate::i18n::catalogue::plans::unit_not_found(&f.unit.to_string())));
    }
    store::save_annual_text(&state.db, &viewer.actor(), unit.id, f.year, &f.section, &f.body).await?;
    Ok(Redirect::to(&format!("/plans/annual?unit={}&year={}", crate::ledger::filter::urlencode(&unit.name), f.year)).into_response())
}
