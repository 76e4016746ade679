//! Campaign pages: the list with the creation form, one campaign's progress (summary with
//! chart and paragraph, daily report per county, monthly ranking, alerts, survey import and
//! the one-row phone form), its items, and the report workbook.

use axum::extract::{Multipart, Path, Query};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{self, Section};
use crate::auth::{Permission, Viewer};
use crate::campaigns::progress;
use crate::campaigns::survey::{self, Status, Verdict};
use crate::error::Error;
use crate::i18n::catalogue::campaigns as C;
use crate::i18n::Msg;
use crate::storage::audit::Actor;
use crate::storage::campaigns::{self as store, Campaign, ItemFilter, NewCampaign};
use crate::storage::cases::{format_day, parse_day};
use crate::web::auth::Ctx;
use crate::web::i18n::Lang;
use crate::web::State;
use crate::i18n::catalogue as cat;

pub fn verdict_label(lang: Lang, v: &str) -> String {
    Verdict::parse(v).map(|x| lang.t(&x.label())).unwrap_or_else(|| v.to_string())
}

pub fn status_label(lang: Lang, s: Option<&str>) -> String {
    s.and_then(Status::parse).map(|x| lang.t(&x.label())).unwrap_or_else(|| "—".into())
}

/// A status or verdict code stored with an event ("—" when there was none).
pub fn state_label(lang: Lang, code: &str) -> String {
    if code.is_empty() {
        return "—".into();
    }
    Status::parse(code).map(|s| lang.t(&s.label())).or_else(|| Verdict::parse(code).map(|v| lang.t(&v.label()))).unwrap_or_else(|| code.to_string())
}

pub fn disposition_label(lang: Lang, c: &Campaign, d: Option<&str>) -> String {
    d.and_then(|d| c.kind.disposition(d)).map(|x| lang.pick(&x.label, &x.en).to_string()).unwrap_or_else(|| "—".into())
}

fn type_label(lang: Lang, c: &Campaign) -> String {
    lang.pick(&c.kind.name_zh, &c.kind.name_en).to_string()
}

pub async fn list(state: State, ctx: Ctx, viewer: Viewer) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let campaigns = store::list(&state.db, &viewer.scope).await?;
    let mut rows = Vec::new();
    for c in &campaigns {
        rows.push((c, store::summary(&state.db, &viewer.scope, c.id).await?));
    }
    let body = html! {
        div.panel { div.table-wrap { table #campaigns {
            thead { tr { th { "#" } th { (lang.label(cat::inventory::col_name())) } th { (lang.label(cat::common::type_label())) } th { (lang.label(cat::enforcement_cases::col_division())) } th { (lang.label(cat::common::period())) }
                th.num { (lang.label(cat::campaigns::surveyed())) } th.num { (lang.label(cat::campaigns::confirmed())) } th.num { (lang.label(cat::campaigns::completed())) } } }
            tbody { @for (c, s) in &rows { tr {
                td { (c.id) } td { a href=(format!("/campaigns/{}", c.id)) { span.v { (c.name) } } } td { (type_label(lang, c)) } td { code { (c.division_code) } }
                td { (c.start_date) " – " (c.end_date) }
                td.num { (s.surveyed) } td.num { (s.confirmed) } td.num { (s.completed) }
            } } }
        } }
        @if campaigns.is_empty() { p.muted { (lang.label(cat::campaigns::no_campaigns_yet())) } } }
        @if viewer.can(Permission::ManageCampaigns) {
            div.panel {
                h2 { (lang.label(cat::campaigns::new_campaign())) }
                form method="post" action="/campaigns" #campaign-create {
                    (layout::csrf_field(&ctx))
                    p { label { (lang.label(cat::inventory::col_name())) " " input type="text" name="name" required size="30"; } }
                    p { label { (lang.label(cat::common::type_label())) " " select name="type" {
                        option value="sanluanwu" { (lang.label(cat::campaigns::remediation_of_scattered_disorderly_and_polluting())) }
                        option value="relocation" { (lang.label(cat::campaigns::heavy_polluter_relocation())) }
                        option value="custom" { (lang.label(cat::campaigns::custom_paste_a_definition())) }
                    } } }
                    p { label { (lang.label(cat::enforcement::filter_division())) " " input type="text" name="division" required value=(viewer.scope.home_division().unwrap_or(crate::demo::CITY_CODE)) size="12"; } }
                    p { label { (lang.label(cat::enforcement_cases::col_start())) " " input type="date" name="start" required; } " "
                        label { (lang.label(cat::enforcement_cases::col_end())) " " input type="date" name="end" required; } }
                    p { label { (lang.label(cat::campaigns::target_optional())) " " input type="number" name="target" min="0"; } }
                    details { summary { (lang.label(cat::campaigns::custom_type_definition_toml_as_in())) }
                        textarea name="definition" rows="8" cols="70" {} }
                    button type="submit" { (lang.label(cat::common::create())) }
                }
            }
        }
    };
    Ok(layout::page(&ctx, Section::Campaigns, lang.label(cat::campaigns::remediation_campaigns()), body))
}

#[derive(Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    pub name: String,
    #[serde(default, rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub division: String,
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub end: String,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub definition: String,
}

pub async fn create(state: State, viewer: Viewer, Form(f): Form<CreateForm>) -> crate::Result<Response> {
    let day = |s: &str, what: Msg| parse_day(s).ok_or_else(|| Error::Invalid(C::not_a_date(what, s)));
    let target = match f.target.trim() {
        "" => None,
        t => Some(t.parse::<i64>().map_err(|_| Error::Invalid(C::not_a_whole_number(C::field_target(), t)))?),
    };
    if !viewer.scope.admits_division(f.division.trim()) {
        return Err(Error::Invalid(C::outside_jurisdiction(f.division.trim())));
    }
    let new = NewCampaign {
        name: f.name,
        type_code: f.kind,
        definition: Some(f.definition).filter(|d| !d.trim().is_empty()),
        division_code: f.division.trim().to_string(),
        start: day(&f.start, C::field_start())?,
        end: day(&f.end, C::field_end())?,
        target,
    };
    let id = store::create(&state.db, &viewer.actor(), &new).await?;
    Ok(Redirect::to(&format!("/campaigns/{id}")).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ProgressQuery {
    pub date: Option<String>,
    pub month: Option<String>,
}

fn as_of(q: &ProgressQuery) -> crate::Result<(time::Date, i32, u8)> {
    let day = match q.date.as_deref().filter(|s| !s.is_empty()) {
        Some(d) => parse_day(d).ok_or_else(|| Error::Invalid(C::not_a_date(C::field_date(), d)))?,
        None => store::today(),
    };
    let (y, m) = match q.month.as_deref().filter(|s| !s.is_empty()) {
        Some(m) => progress::parse_month(m).map_err(Error::Invalid)?,
        None => (day.year(), day.month() as u8),
    };
    Ok((day, y, m))
}

async fn campaign_or_404(state: &State, viewer: &Viewer, id: i64) -> crate::Result<Campaign> {
    store::get(&state.db, &viewer.scope, id).await
}

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, Query(q): Query<ProgressQuery>) -> crate::Result<Markup> {
    let c = campaign_or_404(&state, &viewer, id).await?;
    render(&state, &ctx, &viewer, &c, &q, None).await
}

async fn render(state: &State, ctx: &Ctx, viewer: &Viewer, c: &Campaign, q: &ProgressQuery, message: Option<Markup>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let (day, y, m) = as_of(q)?;
    let s = store::summary(&state.db, &viewer.scope, c.id).await?;
    let daily = store::daily(&state.db, &viewer.scope, c.id, day).await?;
    let ranking = store::ranking(&state.db, &viewer.scope, c.id, y, m).await?;
    let alerts = store::alerts(&state.db, &viewer.scope, Some(c.id)).await?;
    let paragraph = match lang {
        Lang::Zh => progress::paragraph_zh(&c.kind, &s),
        Lang::En => progress::paragraph_en(&c.kind, &s),
    };
    let bars: Vec<(String, i64, Option<String>)> = s
        .by_disposition
        .iter()
        .map(|d| {
            let known = c.kind.disposition_by_label(&d.disposition);
            let code = known.map(|x| x.code.clone()).unwrap_or_default();
            let label = known.map(|x| lang.pick(&x.label, &x.en).to_string()).unwrap_or_else(|| d.disposition.clone());
            (format!("{label} {}%", d.share), d.count, Some(format!("/campaigns/{}/items?disposition={code}", c.id)))
        })
        .collect();
    let division_bars: Vec<(String, i64, Option<String>)> =
        s.by_division.iter().map(|d| (format!("{} {}", d.name, d.code), d.completed, Some(format!("/campaigns/{}/items?division={}", c.id, d.code)))).collect();
    let manage = viewer.can(Permission::ManageCampaigns);
    let body = html! {
        @if let Some(m) = message { (m) }
        @if !alerts.is_empty() {
            div.panel #alerts { h2.bad { (lang.label(cat::campaigns::rebound_alerts())) " " (alerts.len()) }
                ul { @for a in alerts.iter().take(10) { li { a href=(format!("/campaign-items/{}", a.item_id)) { (lang.t(&a.text())) } " · " span.muted.v { (crate::storage::display_time(&a.at)) } } } } }
        }
        div.panel #summary {
            p.muted { (type_label(lang, c)) " · " code { (c.division_code) } " · " (c.start_date) " – " (c.end_date)
                @if let Some(t) = c.target { " · " (lang.label(cat::audit::entity_target())) " " (t) } }
            div.cards {
                div.card { div.label { (lang.label(cat::campaigns::surveyed())) } div.value #surveyed { (layout::thousands(s.surveyed)) } }
                div.card { div.label { (lang.label(cat::campaigns::excluded())) } div.value { (layout::thousands(s.excluded)) } }
                div.card { div.label { (lang.label(cat::campaigns::confirmed())) } div.value { (layout::thousands(s.confirmed)) } }
                div.card { div.label { (lang.label(cat::campaigns::completed())) } div.value #completed { (layout::thousands(s.completed)) } }
            }
            p #paragraph { (paragraph) }
            div.grid2 {
                div { h3 { (lang.label(cat::campaigns::completed_by_disposition())) } (crate::web::charts::bars(&bars, lang.label(cat::campaigns::by_disposition()))) }
                div { h3 { (lang.label(cat::campaigns::completed_by_division())) } (crate::web::charts::bars(&division_bars, lang.label(cat::campaigns::by_division()))) }
            }
            p {
                a.button href=(format!("/campaigns/{}/items", c.id)) { (lang.label(cat::campaigns::items())) } " "
                a.button.secondary href=(format!("/campaigns/{}/report.xlsx?date={}&month={y}-{m:02}", c.id, format_day(day))) { (lang.label(cat::campaigns::export_summary_daily_report_ranking_xlsx())) } " "
                a.button.secondary href="/patrol" { (lang.label(cat::campaigns::patrols_phone())) }
            }
        }
        div.panel #daily {
            h2 { (lang.label(cat::campaigns::daily_progress_report())) " " (format_day(day)) }
            form.filters method="get" { input type="date" name="date" value=(format_day(day)); input type="month" name="month" value=(format!("{y}-{m:02}")); button type="submit" { (lang.label(cat::enforcement_cases::show())) } }
            div.table-wrap { table {
                thead { tr { th { (lang.label(cat::campaigns::county())) } th.num { (lang.label(cat::campaigns::surveyed())) } th.num { (lang.label(cat::campaigns::excluded())) } th.num { (lang.label(cat::campaigns::confirmed())) }
                    @for d in &c.kind.disposition { th.num { (lang.label(cat::campaigns::done_2())) (lang.pick(&d.label, &d.en)) } }
                    th.num { (lang.label(cat::campaigns::accepted())) } th.num { (lang.label(cat::enforcement_cases::count_overdue())) } th.num { (lang.label(cat::campaigns::new_today())) } } }
                tbody { @for r in &daily { tr {
                    td { a href=(format!("/campaigns/{}/items?division={}", c.id, r.code)) { span.v { (r.name) } } " " code.small { (r.code) } }
                    td.num { (r.surveyed) } td.num { (r.excluded) } td.num { (r.confirmed) }
                    @for (_, n) in &r.done_by_disposition { td.num { (n) } }
                    td.num { (r.accepted) } td.num { @if r.overdue > 0 { a.bad href=(format!("/campaigns/{}/items?division={}&overdue=true", c.id, r.code)) { (r.overdue) } } @else { "0" } } td.num { (r.new_today) }
                } } }
            } }
        }
        div.panel #ranking {
            h2 { (lang.label(cat::campaigns::monthly_assessment_ranking())) " " (format!("{y}-{m:02}")) }
            p.muted { (lang.label(cat::campaigns::score_completion())) (c.weight_completion) " + " (lang.label(cat::campaigns::timeliness_2())) (c.weight_timeliness)
                (lang.label(cat::campaigns::weights_are_this_campaigns_settings_normalised())) }
            div.table-wrap { table {
                thead { tr { th.num { (lang.label(cat::synergy::col_rank())) } th { (lang.label(cat::campaigns::county())) } th.num { (lang.label(cat::campaigns::confirmed())) } th.num { (lang.label(cat::campaigns::done())) }
                    th.num { (lang.label(cat::campaigns::completion())) } th.num { (lang.label(cat::campaigns::timeliness())) } th.num { (lang.label(cat::campaigns::score())) } } }
                tbody { @for r in &ranking { tr {
                    td.num { (r.rank.map(|n| n.to_string()).unwrap_or_else(|| "—".into())) } td { span.v { (r.name) } " " code.small { (r.code) } }
                    td.num { (r.confirmed) } td.num { (r.completed) } td.num { (r.completion) } td.num { (r.timeliness) } td.num { strong { (r.score) } }
                } } }
            } }
        }
        @if manage {
            div.grid2 {
                div.panel #survey-import {
                    h2 { (lang.label(cat::campaigns::import_survey_rows())) }
                    p.muted { (lang.label(cat::campaigns::headers())) code { (survey::HEADERS.join(",")) } (lang.label(cat::campaigns::optionally())) code { "经度,纬度" } (lang.label(cat::campaigns::if_any_row_is_wrong_nothing())) }
                    form method="post" action=(format!("/campaigns/{}/import", c.id)) enctype="multipart/form-data" {
                        (layout::csrf_field(ctx))
                        input type="file" name="file" accept=".csv,.xlsx" required; " "
                        button type="submit" { (lang.label(cat::common::upload_and_import())) }
                    }
                }
                div.panel #one-row {
                    h2 { (lang.label(cat::campaigns::add_one_candidate())) }
                    form.offline method="post" action=(format!("/campaigns/{}/items", c.id)) data-draft=(format!("campaign-{}-row", c.id)) {
                        (layout::csrf_field(ctx))
                        p { label { (lang.label(cat::campaigns::division_code())) input type="text" name="division" required size="13" inputmode="numeric"; } }
                        p { label { (lang.label(cat::campaigns::name())) input type="text" name="name" required; } }
                        p { label { (lang.label(cat::campaigns::address())) input type="text" name="address"; } }
                        p { label { (lang.label(cat::campaigns::credit_code())) input type="text" name="credit_code" size="20"; } }
                        p { label { (lang.label(cat::campaigns::longitude())) input type="text" name="longitude" size="10" inputmode="decimal"; } " " label { (lang.label(cat::campaigns::latitude())) input type="text" name="latitude" size="10" inputmode="decimal"; } }
                        button type="submit" { (lang.label(cat::campaigns::add_as_to_be_checked())) }
                    }
                }
                div.panel #settings {
                    h2 { (lang.label(cat::synergy::xlsx_settings())) }
                    form method="post" action=(format!("/campaigns/{}/settings", c.id)) {
                        (layout::csrf_field(ctx))
                        p { label { (lang.label(cat::campaigns::patrol_every_days())) " " input type="number" name="patrol_every_days" min="1" max="365" value=(c.patrol_every_days); } }
                        p { label { (lang.label(cat::campaigns::completion_weight())) " " input type="text" name="weight_completion" size="5" value=(c.weight_completion); } " "
                            label { (lang.label(cat::campaigns::timeliness_weight())) " " input type="text" name="weight_timeliness" size="5" value=(c.weight_timeliness); } }
                        p { label { (lang.label(cat::campaigns::target())) " " input type="number" name="target" min="0" value=(c.target.map(|t| t.to_string()).unwrap_or_default()); } }
                        button type="submit" { (lang.label(cat::synergy::page_save())) }
                    }
                    form method="post" action=(format!("/campaigns/{}/sweep", c.id)) {
                        (layout::csrf_field(ctx))
                        button.secondary type="submit" { (lang.label(cat::campaigns::convert_overdue_upgrades_to_closures())) }
                    }
                }
            }
        }
        (offline_script(lang))
    };
    Ok(layout::page(ctx, Section::Campaigns, &c.name, body))
}

/// Forms marked `offline` keep their text fields as a draft in the phone's storage, so a
/// lost connection or a reload does not lose what was typed; the draft is cleared once sent.
/// Forms with `lat`/`lon` fields get the phone's position when the user allows it (used for
/// photos without EXIF position).
pub fn offline_script(lang: Lang) -> Markup {
    // A file, not an inline block (the Content-Security-Policy allows scripts from our origin
    // only); the message it shows comes in the viewer's language through a data attribute.
    html! { script #offline-script src="/static/offline.js" defer data-offline-message=(lang.t(&C::offline_draft_kept())) {} }
}

fn problems_panel(lang: Lang, problems: &[crate::ledger::Problem]) -> Markup {
    html! {
        div.panel #import-problems {
            p.bad { strong { (lang.label(cat::campaigns::not_imported())) } (problems.len()) (lang.label(cat::campaigns::problem_s_nothing_was_written())) }
            div.table-wrap { table.problems { thead { tr { th { (lang.label(cat::common::row())) } th { (lang.label(cat::common::column())) } th { (lang.label(cat::common::value())) } th { (lang.label(cat::common::reason())) } } }
                tbody { @for p in problems { tr { td { (p.row) } td { (p.column) } td { (p.value) } td { (p.reason.render(lang)) } } } } } }
        }
    }
}

pub async fn import(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, mut multipart: Multipart) -> crate::Result<Response> {
    let c = campaign_or_404(&state, &viewer, id).await?;
    let mut file = None;
    while let Some(field) = multipart.next_field().await.map_err(super::campaign_items::upload_error)? {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("survey.csv").to_string();
            file = Some((name, field.bytes().await.map_err(super::campaign_items::upload_error)?));
        }
    }
    let (name, bytes) = file.filter(|(_, b)| !b.is_empty()).ok_or_else(|| Error::Invalid(C::no_file()))?;
    let outcome = match survey::read_file(&name, &bytes).and_then(|t| survey::parse(&t, &c.kind, &c.division_code)) {
        Ok(rows) => store::import(&state.db, &viewer.actor(), &viewer.scope, id, &rows).await,
        Err(p) => Err(Error::rejected(p)),
    };
    let lang = ctx.lang;
    match outcome {
        Ok(r) => {
            let m = html! { p.ok #import-result { (lang.label(cat::campaigns::imported())) (r.rows) (lang.label(cat::campaigns::rows_new())) (r.inserted) (lang.label(cat::campaigns::updated())) (r.updated)
                (lang.label(cat::campaigns::matched_to_the_ledger())) (r.matched) (lang.label(cat::campaigns::new_ledger_entries())) (r.provisional) } };
            Ok(render(&state, &ctx, &viewer, &c, &ProgressQuery::default(), Some(m)).await?.into_response())
        }
        Err(Error::Rejected(p)) => {
            let page = render(&state, &ctx, &viewer, &c, &ProgressQuery::default(), Some(problems_panel(lang, &p))).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct OneRow {
    #[serde(default)]
    pub division: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub credit_code: String,
    #[serde(default)]
    pub longitude: String,
    #[serde(default)]
    pub latitude: String,
}

/// One candidate from the phone form: checked exactly as a survey row (待核查).
pub async fn add_item(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, Form(f): Form<OneRow>) -> crate::Result<Response> {
    let c = campaign_or_404(&state, &viewer, id).await?;
    let mut header: Vec<String> = survey::HEADERS.iter().map(|s| s.to_string()).collect();
    header.extend(survey::OPTIONAL_HEADERS.iter().map(|s| s.to_string()));
    let row = vec![f.division, f.name, f.address, f.credit_code, "待核查".into(), String::new(), String::new(), String::new(), f.longitude, f.latitude];
    let outcome = match survey::parse(&[header, row], &c.kind, &c.division_code) {
        Ok(rows) => store::import(&state.db, &viewer.actor(), &viewer.scope, id, &rows).await.map(|_| rows),
        Err(p) => Err(Error::rejected(p)),
    };
    match outcome {
        Ok(rows) => {
            let items = store::items(&state.db, &viewer.scope, id, &ItemFilter { q: Some(rows[0].name.clone()), ..Default::default() }).await?;
            let target = items.iter().find(|i| i.division_code == rows[0].division_code).map(|i| format!("/campaign-items/{}", i.id)).unwrap_or(format!("/campaigns/{id}"));
            Ok(Redirect::to(&target).into_response())
        }
        Err(Error::Rejected(p)) => {
            let page = render(&state, &ctx, &viewer, &c, &ProgressQuery::default(), Some(problems_panel(ctx.lang, &p))).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn items(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, Query(f): Query<ItemFilter>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let c = campaign_or_404(&state, &viewer, id).await?;
    let list = store::items(&state.db, &viewer.scope, id, &ItemFilter { limit: Some(500), ..f.clone() }).await?;
    let today = store::today();
    let body = html! {
        div.panel {
            form.filters method="get" {
                input type="search" name="q" placeholder=(lang.label(cat::common::name_or_credit_code()));
                select name="verdict" { option value="" { (lang.label(cat::campaigns::verdict())) } @for v in ["pending", "confirmed", "excluded"] { option value=(v) selected[f.verdict.as_deref() == Some(v)] { (verdict_label(lang, v)) } } }
                select name="status" { option value="" { (lang.label(cat::campaigns::status())) } @for s in Status::ALL { option value=(s.code()) selected[f.status.as_deref() == Some(s.code())] { (lang.t(&s.label())) } } }
                select name="disposition" { option value="" { (lang.label(cat::campaigns::disposition())) } @for d in &c.kind.disposition { option value=(d.code) selected[f.disposition.as_deref() == Some(d.code.as_str())] { (lang.pick(&d.label, &d.en)) } } }
                input type="text" name="division" placeholder=(lang.label(cat::campaigns::division())) value=(f.division.clone().unwrap_or_default()) size="12";
                label { input type="checkbox" name="overdue" value="true" checked[f.overdue == Some(true)]; (lang.label(cat::campaigns::overdue())) }
                button type="submit" { (lang.label(cat::enforcement_cases::filter_apply())) }
            }
            p.muted { (list.len()) (lang.label(cat::campaigns::shown_at_most_500())) }
            div.table-wrap { table #items {
                thead { tr { th { (lang.label(cat::inventory::col_name())) } th { (lang.label(cat::enforcement_cases::col_division())) } th { (lang.label(cat::campaigns::verdict())) } th { (lang.label(cat::campaigns::disposition())) } th { (lang.label(cat::enforcement_cases::col_status())) } th { (lang.label(cat::common::deadline())) } } }
                tbody { @for i in &list { tr {
                    td { a href=(format!("/campaign-items/{}", i.id)) { span.v { (i.name) } } br; code.small { span.v { (i.credit_code) } } }
                    td { code.small { (i.division_code) } }
                    td { (verdict_label(lang, &i.verdict)) }
                    td { (disposition_label(lang, &c, i.disposition.as_deref())) }
                    td { (status_label(lang, i.status.as_deref())) @if i.reopened > 0 { " " span.bad { (lang.label(cat::campaigns::rebound())) " ×" (i.reopened) } } }
                    td { (i.deadline.clone().unwrap_or_default())
                        @if i.deadline.as_deref().and_then(parse_day).is_some_and(|d| d < today) && i.status.as_deref().and_then(Status::parse).is_some_and(|s| !s.done()) { " " span.bad { (lang.label(cat::campaigns::overdue())) } } }
                } } }
            } }
        }
    };
    Ok(layout::page(&ctx, Section::Campaigns, &format!("{} · {}", c.name, lang.label(cat::campaigns::items_2())), body))
}

pub async fn report_xlsx(state: State, viewer: Viewer, Path(id): Path<i64>, Query(q): Query<ProgressQuery>) -> crate::Result<Response> {
    let c = campaign_or_404(&state, &viewer, id).await?;
    let (day, y, m) = as_of(&q)?;
    let s = store::summary(&state.db, &viewer.scope, id).await?;
    let daily = store::daily(&state.db, &viewer.scope, id, day).await?;
    let ranking = store::ranking(&state.db, &viewer.scope, id, y, m).await?;
    let paragraph = progress::paragraph_zh(&c.kind, &s);
    let bytes = crate::excel::campaigns::report(&c.name, &c.kind, &s, &paragraph, &progress::paragraph_en(&c.kind, &s), &format_day(day), &daily, &format!("{y}-{m:02}"), &ranking)
        .map_err(|e| Error::other(e))?;
    super::screening::audit_export(&state, &viewer, &format!("campaign-{id}-report.xlsx"), s.surveyed as usize).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"campaign-{id}-report.xlsx\"")),
        ],
        bytes,
    )
        .into_response())
}

pub async fn sweep(state: State, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Response> {
    store::sweep_overdue(&state.db, &viewer.actor(), &viewer.scope, id).await?;
    Ok(Redirect::to(&format!("/campaigns/{id}")).into_response())
}

#[derive(Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    pub patrol_every_days: String,
    #[serde(default)]
    pub weight_completion: String,
    #[serde(default)]
    pub weight_timeliness: String,
    #[serde(default)]
    pub target: String,
}

pub async fn settings(state: State, viewer: Viewer, Path(id): Path<i64>, Form(f): Form<SettingsForm>) -> crate::Result<Response> {
    let number = |s: &str, what: Msg| s.trim().parse::<f64>().map_err(|_| Error::Invalid(C::not_a_number(what, s)));
    let every = number(&f.patrol_every_days, C::field_patrol_every())?;
    if every.fract() != 0.0 {
        return Err(Error::Invalid(C::patrol_whole_days()));
    }
    let target = match f.target.trim() {
        "" => None,
        t => Some(number(t, C::field_target())? as i64),
    };
    store::update_settings(&state.db, &viewer.actor(), &viewer.scope, id, every as i64, number(&f.weight_completion, C::field_weight())?, number(&f.weight_timeliness, C::field_weight())?, target).await?;
    Ok(Redirect::to(&format!("/campaigns/{id}")).into_response())
}

/// The campaign summary (the same JSON as `lantian campaign summary ID`), within the account's scope.
#[utoipa::path(get, path = "/api/campaigns/{campaign}/summary", params(("campaign" = i64, Path)), responses((status = 200, body = progress::Summary), (status = 404)))]
pub async fn summary_json(state: State, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<axum::Json<progress::Summary>> {
    Ok(axum::Json(store::summary(&state.db, &viewer.scope, id).await?))
}

/// The monthly assessment ranking of counties (`?month=YYYY-MM`, default this month).
#[utoipa::path(get, path = "/api/campaigns/{campaign}/ranking", params(("campaign" = i64, Path), ("month" = Option<String>, Query)), responses((status = 200, body = Vec<progress::RankRow>), (status = 404)))]
pub async fn ranking_json(state: State, viewer: Viewer, Path(id): Path<i64>, Query(q): Query<ProgressQuery>) -> crate::Result<axum::Json<Vec<progress::RankRow>>> {
    let (_, y, m) = as_of(&q)?;
    Ok(axum::Json(store::ranking(&state.db, &viewer.scope, id, y, m).await?))
}

pub fn actor_of(v: &Viewer) -> Actor {
    v.actor()
}
