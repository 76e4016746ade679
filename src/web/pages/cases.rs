//! Exit cases: the list with overdue alerts, one case with its history, photos and
//! the steps open to it, and the exports (statistical table, credit platform list).

use axum::extract::{Multipart, Path, Query};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{self, Section};
use super::screening::{dimension_label, outcome_label};
use crate::auth::{Permission, Viewer};
use crate::screening::workflow::{Action, State as CaseStateCode, StepInput};
use crate::storage::cases::{self, Case, CaseFilter};
use crate::web::auth::Ctx;
use crate::web::State;
use crate::i18n::Lang;
use crate::i18n::catalogue as cat;

pub fn state_label(s: &str, lang: Lang) -> &str {
    CaseStateCode::parse(s).map(|x| x.label(lang)).unwrap_or(s)
}

fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

pub async fn list(state: State, ctx: Ctx, viewer: Viewer, Query(filter): Query<CaseFilter>, Query(params): Query<Vec<(String, String)>>) -> crate::Result<Markup> {
    let all = cases::list(&state.db, &viewer.scope, &CaseFilter::default()).await?;
    let mut shown = cases::list(&state.db, &viewer.scope, &filter).await?;
    // A search by enterprise name or credit code narrows the list before it is paged.
    let q = params.iter().find(|(k, _)| k == "q").map(|(_, v)| v.trim().to_string()).filter(|v| !v.is_empty());
    if let Some(q) = &q {
        shown.retain(|c| c.credit_code.eq_ignore_ascii_case(q) || c.enterprise_name.contains(q.as_str()));
    }
    let pager = super::pager::Pager::new("/cases", params, super::pager::PER_PAGE).keeping(&["state", "overdue", "credit_code", "q", "division"]).with_total(shown.len() as u64);
    let overdue = all.iter().filter(|c| c.overdue_days(today()).is_some()).count();
    let mut by_state: std::collections::BTreeMap<&str, usize> = Default::default();
    for c in &all {
        *by_state.entry(c.state.as_str()).or_default() += 1;
    }
    let lang = ctx.lang;
    let body = html! {
        div.panel {
            @if overdue > 0 { p.bad #overdue-alert { (lang.label(cat::cases::overdue_cases())) strong { (overdue) } (lang.label(cat::cases::cases_full_stop())) a href="/cases?overdue=true" { (lang.label(cat::enforcement_cases::show())) } } }
            p { (lang.label(cat::cases::cases())) (all.len()) (lang.label(cat::cases::cases_colon())) @for (s, n) in &by_state { a href=(format!("/cases?state={s}")) { (state_label(s, lang)) " " (n) } " · " } }
            p {
                a.button.secondary href=(format!("/cases/statistics.xlsx?year={}", today().year())) { (lang.label(cat::cases::export_the_annual_backward_capacity_exit())) } " "
                a.button.secondary href="/cases/overdue.csv" { (lang.label(cat::cases::overdue_enterprises_credit_platform_csv())) } " "
                a.button.secondary href="/cases/overdue.json" { (lang.label(cat::cases::overdue_enterprises_credit_platform_json())) } " "
                a.button.secondary href="/public" { (lang.label(cat::cases::public_list())) }
            }
            form.filters method="get" action="/cases" #case-search {
                @if let Some(s) = filter.state.as_deref().filter(|s| !s.is_empty()) { input type="hidden" name="state" value=(s); }
                label { (ctx.lang.label(cat::cases::name_or_credit_code())) input type="search" name="q" value=[q.as_deref()]; }
                button type="submit" { (ctx.lang.label(cat::common::search())) }
            }
        }
        div.panel { div.table-wrap { table #cases {
            thead { tr { th.num { "#" } th { (lang.label(cat::inventory::col_enterprise())) } th { (lang.label(cat::inventory::col_equipment())) } th { (lang.label(cat::common::finding())) } th { (lang.label(cat::common::outcome())) } th { (lang.label(cat::common::state())) } th { (lang.label(cat::common::deadline())) } } }
            tbody { @for c in pager.slice(&shown) { tr data-case=(c.id) {
                td.num { a href=(format!("/cases/{}", c.id)) { (c.id) } }
                td data-v { (c.enterprise_name) br; code.small { (c.credit_code) } }
                td data-v { (c.equipment) }
                td data-v { (c.title) }
                td { (outcome_label(&c.outcome, lang)) }
                td { (state_label(&c.state, lang)) }
                td { span.v { (c.deadline.clone().unwrap_or_default()) } @if let Some(d) = c.overdue_days(today()) { " " span.bad { (overdue_text(d, lang)) } } }
            } } }
        } }
        (pager.render(ctx.lang, "cases-pager")) }
    };
    Ok(layout::page(&ctx, Section::Cases, lang.label(cat::common::backward_capacity_exit_cases()), body))
}

fn overdue_text(days: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("逾期 {days} 天"),
        Lang::En => format!("{days} days overdue"),
    }
}

fn step_form(ctx: &Ctx, c: &Case, action: Action) -> Markup {
    let case_id = c.id;
    let today_text = cases::format_day(today());
    // The rule's "eliminate by" date while it is still ahead; the officer states it otherwise.
    let suggested = c.rule_deadline.clone().filter(|d| cases::parse_day(d).is_some_and(|d| d >= today())).unwrap_or_default();
    let lang = ctx.lang;
    let field = |name: &str, label: &str, kind: &str| html! { label { (label) " " input type=(kind) name=(name); } " " };
    html! {
        form.step method="post" action=(format!("/cases/{case_id}/step")) data-action=(action.code()) {
            (layout::csrf_field(ctx))
            input type="hidden" name="action" value=(action.code());
            @match action {
                Action::RequestExtension => { label { (lang.label(cat::cases::extension_months())) " " select name="months" { option { "1" } option { "2" } option selected { "3" } } } " " }
                Action::OrderExit => { label { (lang.label(cat::cases::exit_deadline())) " " input type="date" name="deadline" value=(suggested) min=(today_text) required; } " " }
                Action::VerifyCompliant => { (field("inspectors", lang.label(cat::cases::inspectors_comma_separated()), "text")) }
                Action::Seal => { label { (lang.label(cat::cases::the_enterprises_public_pledge())) " " textarea name="pledge" rows="2" cols="50" {} } " " }
                Action::AcceptCounty | Action::AcceptCity => {
                    label { (lang.label(cat::cases::acceptance_opinion())) " " textarea name="opinion" rows="2" cols="50" {} } " "
                    (field("inspectors", lang.label(cat::cases::inspectors_comma_separated_at_least_two()), "text"))
                }
                _ => {}
            }
            (field("note", lang.label(cat::enforcement_cases::note_label()), "text"))
            button type="submit" { (action.label(lang)) }
        }
    }
}

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Markup> {
    let found = cases::get(&state.db, &viewer.scope, id).await;
    let c = crate::web::auth::scoped_or_404(&state, &viewer, &format!("GET /cases/{id}"), found, cases::exists(&state.db, id)).await?;
    render(&state, &ctx, &viewer, &c, None).await
}

async fn render(state: &State, ctx: &Ctx, viewer: &Viewer, c: &Case, message: Option<(bool, String)>) -> crate::Result<Markup> {
    let events = cases::events(&state.db, c.id).await?;
    let photos = cases::photos(&state.db, c.id).await?;
    // Only the forms this account may use: its level, and not barred by separation of duties.
    let actions = cases::actions_for(&state.db, viewer, c).await?;
    let answers = crate::storage::submissions::for_case(&state.db, c.id).await?;
    let findings = cases::findings(&state.db, c).await?;
    let published = c.state == CaseStateCode::Published.code();
    let enterprise_id = crate::storage::ledger::enterprise_id_by_code(&state.db, &c.credit_code).await?;
    let lang = ctx.lang;
    let body = html! {
        @if let Some((ok, m)) = &message {
            div class=(if *ok { "ok" } else { "bad" }) #step-result {
                @let mut lines = m.lines();
                p { (lines.next().unwrap_or_default()) }
                ul { @for l in lines { li { (l) } } }
            }
        }
        div.grid2 {
            div.panel #case-facts {
                dl.facts {
                    dt { (lang.label(cat::inventory::col_enterprise())) } dd data-v { @if let Some(e) = enterprise_id { a href=(format!("/enterprises/{e}")) { (c.enterprise_name) } } @else { (c.enterprise_name) } " " code { (c.credit_code) } }
                    dt { (lang.label(cat::inventory::col_equipment())) } dd data-v { (c.equipment) " " (c.equipment_model) @if let Some(cap) = c.capacity { " · " (cap) " " (c.capacity_unit) } }
                    dt { (lang.label(cat::common::finding())) } dd { span.v { code { (c.rule) } " " (c.title) } " (" (dimension_label(&c.dimension, lang)) ")" }
                    dt { (lang.label(cat::enforcement_cases::col_explanation())) } dd data-v { (c.explanation) }
                    dt { (lang.label(cat::common::basis())) } dd data-v { (c.citation) }
                    dt { (lang.label(cat::common::outcome())) } dd { (outcome_label(&c.outcome, lang)) @if let Some(d) = &c.rule_deadline { " (" (by_text(d, lang)) ")" } }
                    dt { (lang.label(cat::common::state())) } dd #case-state { strong { (state_label(&c.state, lang)) } }
                    dt { (lang.label(cat::common::deadline())) } dd { span.v { (c.deadline.clone().unwrap_or_else(|| "—".into())) }
                        @if let Some(d) = c.overdue_days(today()) { " " span.bad #overdue { (overdue_text(d, lang)) } }
                        @if c.extension_used { (lang.label(cat::cases::extended_once())) } }
                    @if !c.pledge.is_empty() { dt { (lang.label(cat::cases::pledge())) } dd data-v { (c.pledge) } }
                    @if let Some(d) = &c.exited_on { dt { (lang.label(cat::common::exited_on())) } dd { span.v { (d) } " (" (if c.dismantled { lang.label(cat::common::dismantled()) } else { lang.label(cat::common::sealed()) }) ")" } }
                }
            }
            div.panel #case-actions {
                h2 { (lang.label(cat::cases::steps())) }
                @if actions.is_empty() { p.muted { (lang.label(cat::cases::no_step_is_open_to_this())) } }
                @for a in &actions { (step_form(ctx, c, *a)) }
                @if viewer.can(Permission::ManageCases) && !published {
                    h2 { (lang.label(cat::cases::site_photos())) }
                    form method="post" action=(format!("/cases/{}/photos", c.id)) enctype="multipart/form-data" #photo-upload {
                        (layout::csrf_field(ctx))
                        select name="stage" { @for st in cases::PHOTO_STAGES { option value=(st) { (photo_stage_label(st, lang)) } } }
                        " " input type="file" name="photo" accept="image/jpeg,image/png" required;
                        " " button type="submit" { (lang.label(cat::enforcement_cases::upload())) }
                    }
                }
                ul #photos { @for p in &photos { li { (photo_stage_label(&p.stage, lang)) ": " a data-v href=(format!("/cases/{}/photos/{}", c.id, p.id)) { (p.file_name) } " · " span.v { (crate::storage::display_time(&p.at)) } } } }
            }
        }
        div.panel { h2 { (lang.label(cat::cases::findings_of_this_case())) " (" (findings.len()) ")" } div.table-wrap { table #case-findings {
            thead { tr { th { (lang.label(cat::inventory::col_equipment())) } th { (lang.label(cat::common::finding())) } th { (lang.label(cat::synergy::col_dimension())) } th { (lang.label(cat::common::outcome())) } th { (lang.label(cat::enforcement_cases::col_explanation())) } th { (lang.label(cat::common::basis())) } } }
            tbody { @for f in &findings { tr {
                td data-v { (f.equipment) " " (f.equipment_model) @if let Some(cap) = f.capacity { " · " (cap) " " (f.capacity_unit) } }
                td data-v { (f.title) } td { (dimension_label(&f.dimension, lang)) }
                td { (outcome_label(&f.outcome, lang)) @if let Some(d) = &f.rule_deadline { " (" (by_text(d, lang)) ")" } }
                td.small data-v { (f.explanation) } td.small data-v { (f.citation) }
            } } }
        } } }
        @if !answers.is_empty() {
            div.panel #case-answers { h2 { (lang.label(cat::cases::the_enterprises_answers())) }
                ul { @for a in &answers { li data-submission=(a.id) {
                    span.v { (crate::storage::display_time(&a.submitted_at)) " · " (a.submitted_by) } ": " span.v { (a.payload["text"].as_str().unwrap_or_default()) }
                    " — " (a.state.label(lang == Lang::Zh))
                    @if a.state == crate::submissions::State::Pending && viewer.can(Permission::ReviewSubmissions) {
                        " " a href=(format!("/submissions/{}", a.id)) { (lang.label(cat::common::review())) }
                    }
                    @if !a.reason.is_empty() { " (" (lang.label(cat::cases::returned())) span.v { (a.reason) } ")" }
                } } }
            }
        }
        div.panel { h2 { (lang.label(cat::enforcement_cases::events_title())) } div.table-wrap { table #case-events {
            thead { tr { th { (lang.label(cat::common::time())) } th { (lang.label(cat::enforcement_cases::col_actor())) } th { (lang.label(cat::enforcement_cases::col_step())) } th { (lang.label(cat::common::state())) } th { (lang.label(cat::enforcement_cases::col_detail())) } } }
            tbody { @for e in &events { tr {
                td data-v { (crate::storage::display_time(&e.at)) } td data-v { (e.actor) }
                td { (Action::parse(&e.action).map(|a| a.label(lang)).unwrap_or(if e.action == "enterprise_answer" { lang.label(cat::cases::enterprises_answer()) } else { &e.action })) }
                td { (state_label(&e.from_state, lang)) " → " (state_label(&e.to_state, lang)) }
                td.small { (event_detail(&e.detail, lang)) }
            } } }
        } } }
    };
    let title = match lang {
        Lang::Zh => format!("退出案件 #{}", c.id),
        Lang::En => format!("Exit case #{}", c.id),
    };
    Ok(layout::page(ctx, Section::Cases, &title, body))
}

/// "(before <date>)" for a rule's elimination date.
fn by_text(day: &str, lang: Lang) -> maud::Markup {
    html! { @if lang == Lang::Zh { span.v { (day) } "前" } @else { "by " span.v { (day) } } }
}

/// A photo stage as people name it.
pub fn photo_stage_label(stage: &str, lang: Lang) -> &str {
    match stage {
        "before" => lang.label(cat::cases::before_dismantling_sealing()),
        "during" => lang.label(cat::cases::during_dismantling()),
        "after" => lang.label(cat::cases::after_dismantling()),
        other => other,
    }
}

/// The filled-in parts of a step, in words; the values themselves marked as data.
fn event_detail(d: &serde_json::Value, lang: Lang) -> maud::Markup {
    let text = |k: &str| d[k].as_str().filter(|s| !s.is_empty()).map(str::to_string);
    let mut parts: Vec<(&str, String)> = Vec::new();
    if let Some(v) = text("deadline") {
        parts.push((lang.label(cat::campaigns::field_deadline()), v));
    }
    if let Some(m) = d["months"].as_u64() {
        parts.push((lang.label(cat::cases::extension_months_2()), m.to_string()));
    }
    if let Some(v) = text("pledge") {
        parts.push((lang.label(cat::cases::pledge_2()), v));
    }
    if let Some(v) = text("opinion") {
        parts.push((lang.label(cat::cases::opinion()), v));
    }
    if let Some(list) = d["inspectors"].as_array().filter(|l| !l.is_empty()) {
        parts.push((lang.label(cat::cases::inspectors()), list.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join("、")));
    }
    if let Some(v) = text("note") {
        parts.push((lang.label(cat::cases::note()), v));
    }
    if let Some(v) = text("text") {
        parts.push((lang.label(cat::cases::answer()), v));
    }
    html! { @for (i, (label, value)) in parts.iter().enumerate() { @if i > 0 { "; " } (label) ": " span.v { (value) } } }
}

#[derive(Deserialize)]
pub struct StepForm {
    pub action: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub deadline: String,
    #[serde(default)]
    pub months: String,
    #[serde(default)]
    pub pledge: String,
    #[serde(default)]
    pub opinion: String,
    #[serde(default)]
    pub inspectors: String,
}

pub async fn step(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, Form(f): Form<StepForm>) -> crate::Result<Response> {
    let action = Action::parse(&f.action).ok_or_else(|| crate::Error::Invalid(crate::i18n::catalogue::cases::unknown_step(&f.action)))?;
    // Every problem with the form at once: what does not parse, then what the workflow refuses.
    let mut problems: Vec<(String, String)> = Vec::new();
    let deadline = match f.deadline.trim() {
        "" => None,
        d => cases::parse_day(d).or_else(|| {
            problems.push((format!("退出期限“{d}”不是日期(年-月-日)"), format!("deadline {d:?} is not a date (YYYY-MM-DD)")));
            None
        }),
    };
    let months = match f.months.trim() {
        "" => None,
        m => m.parse::<u8>().ok().or_else(|| {
            problems.push((format!("延期月数“{m}”不是数字"), format!("months {m:?} is not a number")));
            None
        }),
    };
    let input = StepInput {
        date: None,
        deadline,
        months,
        note: f.note,
        pledge: f.pledge,
        opinion: f.opinion,
        inspectors: f.inspectors.split([',', ',', '、']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect(),
        photos: [0; 3],
    };
    let parse_failed = !problems.is_empty();
    match cases::step_checked(&state.db, &viewer, id, action, input, !parse_failed).await? {
        Ok(_) if !parse_failed => Ok(Redirect::to(&format!("/cases/{id}")).into_response()),
        outcome => {
            if let Err(refusal) = outcome {
                let zh = ctx.lang == crate::web::i18n::Lang::Zh;
                for p in refusal.problems {
                    // A date that did not parse is already reported; "give the deadline" would repeat it.
                    if !(parse_failed && p.en.starts_with("give the exit deadline")) {
                        problems.push(if zh { (p.zh, p.en) } else { (p.en, p.zh) });
                    }
                }
            }
            let c = cases::get(&state.db, &viewer.scope, id).await?;
            let message = match ctx.lang {
                Lang::Zh => format!("未办理“{}”:\n{}", action.label_zh(), problems.iter().map(|p| p.0.as_str()).collect::<Vec<_>>().join("\n")),
                Lang::En => format!("\"{}\" was not done:\n{}", action.label_en(), problems.iter().map(|p| p.0.as_str()).collect::<Vec<_>>().join("\n")),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&state, &ctx, &viewer, &c, Some((false, message))).await?).into_response())
        }
    }
}

pub async fn upload_photo(state: State, viewer: Viewer, Path(id): Path<i64>, mut multipart: Multipart) -> crate::Result<Response> {
    let (mut stage, mut file) = (String::new(), None);
    use super::campaign_items::upload_error;
    while let Some(field) = multipart.next_field().await.map_err(upload_error)? {
        match field.name() {
            Some("stage") => stage = field.text().await.map_err(upload_error)?,
            Some("photo") => {
                let name = field.file_name().unwrap_or("photo").to_string();
                file = Some((name, field.bytes().await.map_err(upload_error)?));
            }
            _ => {}
        }
    }
    let (name, bytes) = file.ok_or_else(|| crate::Error::Invalid(crate::i18n::catalogue::cases::no_photo()))?;
    cases::add_photo(&state.db, &viewer, id, stage.trim(), &name, &bytes).await?;
    Ok(Redirect::to(&format!("/cases/{id}")).into_response())
}

pub async fn photo(state: State, viewer: Viewer, Path((id, photo)): Path<(i64, i64)>) -> crate::Result<Response> {
    let (content_type, bytes) = cases::photo(&state.db, &viewer.scope, id, photo).await?;
    Ok(([(header::CONTENT_TYPE, content_type)], bytes).into_response())
}

#[derive(Deserialize)]
pub struct YearQuery {
    pub year: Option<i32>,
}

/// The annual statistical table of capacity that left production.
pub async fn statistics(state: State, viewer: Viewer, Query(q): Query<YearQuery>) -> crate::Result<Response> {
    let year = q.year.unwrap_or_else(|| today().year());
    let all = cases::list(&state.db, &viewer.scope, &CaseFilter::default()).await?;
    let counties = crate::storage::ledger::divisions_in_use(&state.db).await?;
    let name = |code: &str| counties.iter().find(|d| d.code == code).map(|d| d.name.clone()).unwrap_or_else(|| code.to_string());
    let city = match viewer.scope.home_division() {
        Some(code) => crate::storage::ledger::division_path(&state.db, code).await?.last().map(|d| d.name.clone()).unwrap_or_default(),
        None => crate::storage::ledger::division_path(&state.db, crate::demo::CITY_CODE).await?.last().map(|d| d.name.clone()).unwrap_or_default(),
    };
    let bytes = crate::excel::outputs::statistics_workbook(&city, year, &all, &name).map_err(|e| crate::Error::other(e))?;
    super::screening::audit_export(&state, &viewer, &format!("statistics-{year}.xlsx"), all.len()).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"backward-capacity-exit-{year}.xlsx\"")),
        ],
        bytes,
    )
        .into_response())
}

async fn overdue_records(state: &State, viewer: &Viewer) -> crate::Result<Vec<crate::excel::outputs::CreditRecord>> {
    let all = cases::list(&state.db, &viewer.scope, &CaseFilter { overdue: Some(true), ..Default::default() }).await?;
    let records = crate::excel::outputs::credit_records(&all, today());
    super::screening::audit_export(state, viewer, "overdue (credit platform)", records.len()).await?;
    Ok(records)
}

pub async fn overdue_csv(state: State, viewer: Viewer) -> crate::Result<Response> {
    let records = overdue_records(&state, &viewer).await?;
    Ok((
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CONTENT_DISPOSITION, "attachment; filename=\"overdue-enterprises.csv\"")],
        crate::excel::outputs::credit_csv(&records),
    )
        .into_response())
}

/// Overdue enterprises for the credit information sharing platform (cases past their deadline, within the account's scope).
#[utoipa::path(get, path = "/cases/overdue.json", responses((status = 200, body = Vec<crate::excel::outputs::CreditRecord>)))]
pub async fn overdue_json(state: State, viewer: Viewer) -> crate::Result<Json<Vec<crate::excel::outputs::CreditRecord>>> {
    Ok(Json(overdue_records(&state, &viewer).await?))
}
