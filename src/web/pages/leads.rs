//! Leads (线索): `/enforcement/leads` — the list in the viewer's scope with filters (division,
//! industry, pollutant, detector, period, status), counts, a chart by detector and the .xlsx
//! export — and `/enforcement/leads/{id}`: the explanation in the viewer's language, the figures,
//! the pollutant's stored hourly averages around the lead, a link to the outlet page at that
//! time, and the verify / dismiss form (a reason required) for those who decide leads.

use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};

use super::layout::{self, Section};
use crate::auth::{Permission, Viewer};
use crate::enforcement::case::{lead_status_label, Verdict};
use crate::enforcement::lead::{Lead, LeadStatus};
use crate::enforcement::legal;
use crate::i18n::catalogue::enforcement_cases as C;
use crate::monitoring::clock::{self, Period};
use crate::storage::enforcement_cases::{self as store, LeadDecision, LeadFilter, Target};
use crate::web::auth::Ctx;
use crate::web::i18n::Lang;
use crate::web::State;

/// A detector's name (the detectors' catalogue, the exceedance judgment's), else its code.
pub fn detector_label(code: &str, lang: Lang) -> String {
    for prefix in ["detectors.name", "enforcement.detector"] {
        if crate::i18n::has_label(prefix, code) {
            return crate::i18n::label(prefix, code, lang);
        }
    }
    code.to_string()
}

/// A figure's label (the detectors' catalogue, then ours), else its key.
pub fn figure_label(key: &str, lang: Lang) -> String {
    for prefix in ["detectors.figure", "enforcement_cases.figure"] {
        if crate::i18n::has_label(prefix, key) {
            return crate::i18n::label(prefix, key, lang);
        }
    }
    key.to_string()
}

pub fn status_label(s: LeadStatus, lang: Lang) -> String {
    lang.t(&lead_status_label(s))
}

fn status_class(s: LeadStatus) -> &'static str {
    match s {
        LeadStatus::Open => "tag warn",
        LeadStatus::Verified => "tag bad",
        LeadStatus::Dismissed => "tag",
    }
}

/// The outlet page on the lead's first day and pollutant.
pub fn outlet_link(l: &Lead) -> String {
    let pollutant = if l.pollutant.is_empty() { String::new() } else { format!("pollutant={}&", l.pollutant) };
    format!("/monitoring/outlets/{}/{}?{pollutant}view=day&date={}", l.credit_code, l.outlet_code, clock::format_day(l.start))
}

fn period_text(l: &Lead) -> String {
    format!("{} – {}", clock::format_minute(l.start), clock::format_minute(l.end))
}

/// The list's query: the filter, a search by credit code or name, the page.
#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
pub struct ListQuery {
    #[serde(flatten)]
    pub filter: LeadFilter,
    pub q: Option<String>,
}

fn filter_of(q: &ListQuery) -> LeadFilter {
    let mut f = q.filter.clone();
    if let Some(code) = q.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        f.credit_code = Some(code.to_string());
    }
    f
}

/// The filters as a query string (the export and the chart's links keep them).
fn query_string(f: &LeadFilter, with: &[(&str, &str)]) -> String {
    let mut pairs: Vec<(&str, String)> = [
        ("division", &f.division),
        ("industry", &f.industry),
        ("pollutant", &f.pollutant),
        ("detector", &f.detector),
        ("status", &f.status),
        ("from", &f.from),
        ("to", &f.to),
        ("q", &f.credit_code),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_deref().filter(|s| !s.trim().is_empty()).map(|v| (k, v.to_string())))
    .filter(|(k, _)| !with.iter().any(|(w, _)| w == k))
    .collect();
    pairs.extend(with.iter().map(|(k, v)| (*k, v.to_string())));
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

/// The tabs of the enforcement pages.
pub fn tabs(lang: Lang, current: &str) -> Markup {
    html! {
        p.subnav #enforcement-tabs {
            @for (href, label) in [("/enforcement/leads", C::leads_title()), ("/enforcement/cases", C::cases_title()), ("/enforcement/exceedances", crate::i18n::catalogue::enforcement::exceedances_title())] {
                a href=(href) class=[(href == current).then_some("active")] { (lang.t(&label)) } " "
            }
        }
    }
}

pub async fn list(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<ListQuery>, Query(params): Query<Vec<(String, String)>>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let f = filter_of(&q);
    let per_page = super::pager::PER_PAGE;
    let mut pager = super::pager::Pager::new("/enforcement/leads", params, per_page)
        .keeping(&["division", "industry", "pollutant", "detector", "status", "from", "to", "q"]);
    let (mut rows, total) = store::leads(&state.db, &viewer.scope, &f, pager.offset() as i64, per_page as i64).await?;
    pager = pager.with_total(total as u64);
    if rows.is_empty() && total > 0 {
        rows = store::leads(&state.db, &viewer.scope, &f, pager.offset() as i64, per_page as i64).await?.0;
    }
    let names = crate::storage::ledger::enterprise_names(&state.db, rows.iter().map(|l| l.credit_code.as_str())).await?;
    let (statuses, detectors) = store::lead_counts(&state.db, &viewer.scope, &f).await?;
    let divisions = crate::storage::ledger::divisions_in_use(&state.db).await?;
    let counties: Vec<_> = divisions.iter().filter(|d| (d.level == "county" || d.level == "township") && viewer.scope.admits_division(&d.code) || viewer.scope == crate::auth::Scope::All && d.level == "county").collect();
    let bars: Vec<(String, i64, Option<String>)> =
        detectors.iter().map(|(d, n)| (detector_label(d, lang), *n, Some(format!("/enforcement/leads?{}", query_string(&f, &[("detector", d)]))))).collect();
    let count_of = |s: &str| statuses.iter().find(|(k, _)| k == s).map(|x| x.1).unwrap_or(0);
    let body = html! {
        (tabs(lang, "/enforcement/leads"))
        p.muted { (lang.t(&C::leads_intro())) }
        form.filters #lead-filters method="get" action="/enforcement/leads" {
            label { (lang.t(&C::col_division())) " " select name="division" {
                option value="" { (lang.t(&C::filter_any())) }
                @for d in &counties { option value=(d.code) selected[f.division.as_deref() == Some(d.code.as_str())] { (d.name) } }
            } } " "
            label { (lang.t(&C::col_industry())) " " input type="text" name="industry" value=(f.industry.clone().unwrap_or_default()) size="6"; } " "
            label { (lang.t(&C::col_pollutant())) " " input type="text" name="pollutant" value=(f.pollutant.clone().unwrap_or_default()) size="8"; } " "
            label { (lang.t(&C::col_detector())) " " select name="detector" {
                option value="" { (lang.t(&C::filter_any())) }
                @for (d, _) in &detectors { option value=(d) selected[f.detector.as_deref() == Some(d.as_str())] { (detector_label(d, lang)) } }
            } } " "
            label { (lang.t(&C::col_status())) " " select name="status" {
                option value="" { (lang.t(&C::filter_any())) }
                @for s in [LeadStatus::Open, LeadStatus::Verified, LeadStatus::Dismissed] {
                    option value=(s.code()) selected[f.status.as_deref() == Some(s.code())] { (status_label(s, lang)) }
                }
            } } " "
            label { (lang.t(&C::field_from())) " " input type="date" name="from" value=(f.from.clone().unwrap_or_default()); } " "
            label { (lang.t(&C::field_to())) " " input type="date" name="to" value=(f.to.clone().unwrap_or_default()); } " "
            label { (lang.t(&C::search_credit_code())) " " input type="search" name="q" size="20"; } " "
            button type="submit" { (lang.t(&C::filter_apply())) } " "
            a.button.secondary href=(format!("/enforcement/leads/export.xlsx?{}", query_string(&f, &[]))) { (lang.t(&C::export_xlsx())) }
        }
        div.cards #lead-counts {
            div.card { div.label { (lang.t(&C::count_all())) } div.value #leads-total { (layout::thousands(total)) } }
            @for s in [LeadStatus::Open, LeadStatus::Verified, LeadStatus::Dismissed] {
                div.card { div.label { a href=(format!("/enforcement/leads?{}", query_string(&f, &[("status", s.code())]))) { (status_label(s, lang)) } } div.value data-status=(s.code()) { (layout::thousands(count_of(s.code()))) } }
            }
        }
        @if !bars.is_empty() {
            div.panel { h3 { (lang.t(&C::chart_by_detector())) } (crate::web::charts::bars(&bars, &lang.t(&C::chart_by_detector()))) }
        }
        @if rows.is_empty() { p.muted #no-leads { (lang.t(&C::no_leads())) } } @else {
            div.panel { div.table-wrap { table #leads {
                thead { tr {
                    th.num { "#" } th { (lang.t(&C::col_enterprise())) } th { (lang.t(&C::col_outlet())) } th { (lang.t(&C::col_detector())) }
                    th { (lang.t(&C::col_pollutant())) } th { (lang.t(&C::col_period())) } th { (lang.t(&C::col_status())) } th { (lang.t(&C::col_explanation())) }
                } }
                tbody { @for l in &rows { tr data-lead=(l.id) data-credit=(l.credit_code) {
                    td.num { a href=(format!("/enforcement/leads/{}", l.id)) { (l.id) } }
                    td { @if let Some(n) = names.get(&l.credit_code) { span.v { (n) } br; } code.small { (l.credit_code) } }
                    td { a href=(outlet_link(l)) { span.v { (l.outlet_code) } } }
                    td { (detector_label(&l.detector, lang)) }
                    td { span.v { (l.pollutant) } }
                    td.small { span.v { (period_text(l)) } }
                    td { span class=(status_class(l.status)) { (status_label(l.status, lang)) }
                        @if let Some(c) = l.case_id { " " a href=(format!("/enforcement/cases/{c}")) { (lang.t(&C::case_number(c))) } } }
                    td.small { (l.explanation.markup(lang)) }
                } } }
            } }
            (pager.render(lang, "leads-pager")) }
        }
    };
    Ok(layout::page(&ctx, Section::Enforcement, &lang.t(&C::leads_title()), body))
}

/// Largest export (rows): an operational bound on one answer.
const MAX_EXPORT: i64 = 100_000;

pub async fn export(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<ListQuery>) -> crate::Result<Response> {
    let lang = ctx.lang;
    let f = filter_of(&q);
    let (rows, _) = store::leads(&state.db, &viewer.scope, &f, 0, MAX_EXPORT).await?;
    let bytes = workbook(&rows, lang).map_err(crate::Error::other)?;
    crate::storage::audit::record(
        &state.db,
        &viewer.actor(),
        crate::storage::audit::NewEntry {
            action: "export",
            entity: "leads",
            entity_id: "leads.xlsx".into(),
            enterprise_id: None,
            before: None,
            after: Some(serde_json::json!({ "rows": rows.len(), "query": query_string(&f, &[]) })),
        },
    )
    .await?;
    Ok(xlsx(bytes, "leads.xlsx"))
}

pub fn xlsx(bytes: Vec<u8>, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response()
}

fn workbook(rows: &[Lead], lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.t(&C::leads_title()))?;
    let heads = [
        "#".to_string(),
        lang.t(&C::col_credit_code()),
        lang.t(&C::col_outlet()),
        lang.t(&C::col_detector()),
        lang.t(&C::col_pollutant()),
        lang.t(&C::col_start()),
        lang.t(&C::col_end()),
        lang.t(&C::col_status()),
        lang.t(&C::col_reason()),
        lang.t(&C::col_case()),
        lang.t(&C::col_division()),
        lang.t(&C::col_industry()),
        lang.t(&C::col_explanation()),
    ];
    for (i, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, i as u16, h, &bold)?;
    }
    for (r, l) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_number(r, 0, l.id as f64)?;
        sheet.write_string(r, 1, &l.credit_code)?;
        sheet.write_string(r, 2, &l.outlet_code)?;
        sheet.write_string(r, 3, detector_label(&l.detector, lang))?;
        sheet.write_string(r, 4, &l.pollutant)?;
        sheet.write_string(r, 5, clock::format_minute(l.start))?;
        sheet.write_string(r, 6, clock::format_minute(l.end))?;
        sheet.write_string(r, 7, status_label(l.status, lang))?;
        sheet.write_string(r, 8, l.decision_reason.as_deref().unwrap_or(""))?;
        if let Some(c) = l.case_id {
            sheet.write_number(r, 9, c as f64)?;
        }
        sheet.write_string(r, 10, &l.division_code)?;
        sheet.write_string(r, 11, &l.industry_code)?;
        sheet.write_string(r, 12, lang.t(&l.explanation))?;
    }
    sheet.autofit();
    book.save_to_buffer()
}

/// The lead in scope, else 404 (an attempt at one outside is audited).
async fn lead_or_404(state: &State, viewer: &Viewer, id: i64, what: &str) -> crate::Result<Lead> {
    crate::web::auth::scoped_or_404(state, viewer, what, store::lead(&state.db, &viewer.scope, id).await, store::lead_exists(&state.db, id)).await
}

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Markup> {
    let l = lead_or_404(&state, &viewer, id, &format!("GET /enforcement/leads/{id}")).await?;
    render(&state, &ctx, &viewer, &l, None).await
}

/// The pollutant's stored hourly means from a day before the lead to a day after (at most 14 days).
async fn chart(state: &State, l: &Lead, lang: Lang) -> crate::Result<Option<Markup>> {
    let Some(setup) = crate::storage::averages::outlet_setup(&state.db, &l.credit_code, &l.outlet_code).await? else { return Ok(None) };
    let pollutant = if l.pollutant.is_empty() {
        match setup.pollutants.iter().find(|(_, p)| p.1.is_some()).or_else(|| setup.pollutants.iter().next()) {
            Some((code, _)) => code.clone(),
            None => return Ok(None),
        }
    } else {
        l.pollutant.clone()
    };
    let from = Period::Hour.start_of(l.start) - 86_400;
    let to = (Period::Hour.start_of(l.end) + 3_600 + 86_400).min(from + 14 * 86_400);
    let hours = crate::storage::averages::read_pollutant(&state.db, &setup, Period::Hour, crate::storage::averages::COMPUTED, &pollutant, from, to).await?;
    let by: std::collections::HashMap<i64, &crate::storage::averages::Stored> = hours.iter().map(|h| (h.period_start, h)).collect();
    let measured: Vec<(f64, Option<f64>)> = (from..to).step_by(3600).map(|t| (t as f64, by.get(&t).and_then(|h| h.average.mean))).collect();
    let converted: Vec<(f64, Option<f64>)> = (from..to).step_by(3600).map(|t| (t as f64, by.get(&t).and_then(|h| h.average.converted))).collect();
    use crate::web::charts::{time_chart, Band, Line};
    let mut lines = vec![Line { label: lang.t(&C::chart_measured()), color: "#2563eb", dashed: false, points: measured }];
    if converted.iter().any(|p| p.1.is_some()) {
        lines.push(Line { label: lang.t(&C::chart_converted()), color: "#16a34a", dashed: false, points: converted });
    }
    let bands = vec![Band { from: l.start.max(from) as f64, to: l.end.min(to) as f64, color: "#f59e0b", title: lang.t(&C::chart_lead_period(period_text(l))) }];
    let ticks: Vec<(f64, String)> = (clock::day_start(from)..to).step_by(86_400).filter(|t| *t >= from).map(|t| (t as f64, clock::format_day(t)[5..].to_string())).collect();
    let limit = setup.limit(&pollutant).map(|v| (v, lang.t(&C::chart_limit(crate::monitoring::format_value(Some(v))))));
    let name = setup.pollutants.get(&pollutant).map(|p| p.0.clone()).filter(|n| !n.is_empty()).unwrap_or_else(|| pollutant.clone());
    Ok(Some(html! {
        h2 { (lang.t(&C::chart_title())) " " span.v { (name) } }
        (time_chart(from as f64, to as f64, &lines, limit, &bands, &ticks, &name))
        p.muted.small { (lang.t(&C::chart_note())) }
    }))
}

async fn render(state: &State, ctx: &Ctx, viewer: &Viewer, l: &Lead, message: Option<String>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let enterprise = crate::storage::ledger::enterprise_id_by_code(&state.db, &l.credit_code).await?;
    let chart = chart(state, l, lang).await?;
    let can_decide = viewer.can(Permission::ManageEnforcement) && l.status == LeadStatus::Open;
    let joinable = if can_decide { store::joinable(&state.db, &viewer.scope, &l.credit_code, crate::plans::due::today_beijing()).await? } else { Vec::new() };
    let body = html! {
        (tabs(lang, ""))
        @if let Some(m) = &message { div.bad #decision-result { p { (m) } } }
        div.grid2 {
            div.panel #lead-facts {
                dl.facts {
                    dt { (lang.t(&C::col_enterprise())) } dd { @match enterprise { Some(e) => a href=(format!("/enterprises/{e}")) { code { (l.credit_code) } }, None => code { (l.credit_code) } } }
                    dt { (lang.t(&C::col_outlet())) } dd { span.v { (l.outlet_code) } " "
                        @if viewer.can(Permission::ViewMonitoring) { a #outlet-link href=(outlet_link(l)) { (lang.t(&C::open_outlet())) } } }
                    dt { (lang.t(&C::col_detector())) } dd { (detector_label(&l.detector, lang)) }
                    dt { (lang.t(&C::col_pollutant())) } dd { span.v { (if l.pollutant.is_empty() { "—" } else { &l.pollutant }) } }
                    dt { (lang.t(&C::col_period())) } dd { span.v { (period_text(l)) } }
                    dt { (lang.t(&C::col_status())) } dd #lead-status { span class=(status_class(l.status)) { (status_label(l.status, lang)) } }
                    @if let Some(r) = &l.decision_reason { dt { (lang.t(&C::col_reason())) } dd { span.v { (r) } } }
                    @if let Some(by) = &l.decided_by { dt { (lang.t(&C::col_decided_by())) } dd { span.v { (by) } " " span.muted.v { (l.decided_at.map(crate::storage::display_unix_time).unwrap_or_default()) } } }
                    @if let Some(c) = l.case_id { dt { (lang.t(&C::col_case())) } dd { a #lead-case href=(format!("/enforcement/cases/{c}")) { (lang.t(&C::case_number(c))) } } }
                }
            }
            div.panel #lead-explanation {
                h2 { (lang.t(&C::col_explanation())) }
                p { (l.explanation.markup(lang)) }
                @if !l.figures.is_empty() {
                    table #lead-figures { tbody { @for (k, v) in &l.figures { tr { th { (figure_label(k, lang)) } td.num { span.v { (crate::monitoring::format_value(Some(*v))) } } } } } }
                }
            }
        }
        @if let Some(c) = chart { div.panel #lead-chart { (c) } }
        @if can_decide {
            div.panel #lead-decide {
                h2 { (lang.t(&C::decide_title())) }
                form method="post" action=(format!("/enforcement/leads/{}/decide", l.id)) #decide-form {
                    (layout::csrf_field(ctx))
                    p {
                        label { input type="radio" name="verdict" value="verify"; " " (lang.t(&C::verdict_verify())) } " "
                        label { input type="radio" name="verdict" value="dismiss"; " " (lang.t(&C::verdict_dismiss())) }
                    }
                    p { label { (lang.t(&C::col_reason())) br; textarea name="reason" rows="3" cols="50" required {} } }
                    p { label { (lang.t(&C::target_label())) " " select name="target" {
                        option value="" { "—" }
                        @for c in &joinable { option value=(format!("join:{}", c.id)) { (lang.t(&C::target_join(c.id, c.state().label()))) } }
                        @for b in legal::bases() { option value=(format!("new:{}", b.code)) { (lang.t(&C::target_new(crate::i18n::Arg::both(b.title_zh(), b.title_en())))) } }
                    } } }
                    p.muted.small { (lang.t(&C::target_hint())) }
                    button type="submit" { (lang.t(&C::decide_submit())) }
                }
            }
        }
    };
    Ok(layout::page(ctx, Section::Enforcement, &lang.t(&C::lead_title(l.id)), body))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct DecideForm {
    pub verdict: String,
    pub reason: String,
    pub target: String,
}

pub async fn decide(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, Form(f): Form<DecideForm>) -> crate::Result<Response> {
    let l = lead_or_404(&state, &viewer, id, &format!("POST /enforcement/leads/{id}/decide")).await?;
    let verdict = match f.verdict.trim() {
        "" => None,
        v => Some(Verdict::parse(v).ok_or_else(|| crate::Error::Invalid(C::unknown_verdict(v)))?),
    };
    let target = match f.target.trim().split_once(':') {
        Some(("new", basis)) => Target::NewCase { basis: basis.to_string() },
        Some(("join", n)) => Target::Join { case_id: n.trim().parse().map_err(|_| crate::Error::Invalid(C::not_a_case_number(n)))? },
        _ => Target::None,
    };
    let decision = LeadDecision { verdict, reason: f.reason, target };
    match store::decide_lead(&state.db, &viewer.actor(), &viewer.scope, id, &decision, crate::plans::due::today_beijing()).await {
        Ok(d) => Ok(Redirect::to(&match d.case_id {
            Some(c) => format!("/enforcement/cases/{c}"),
            None => format!("/enforcement/leads/{id}"),
        })
        .into_response()),
        Err(e @ (crate::Error::Invalid(_) | crate::Error::Conflict(_))) => {
            let status = e.status();
            let l = store::lead(&state.db, &viewer.scope, id).await.unwrap_or(l);
            Ok((status, render(&state, &ctx, &viewer, &l, Some(e.render(ctx.lang))).await?).into_response())
        }
        Err(e) => Err(e),
    }
}
