//! Monthly reports of a plan: who has filed for the month (on time, late, missing), a
//! unit's report form (tasks, targets, attachments), the lead unit's review, the
//! consolidated report (.xlsx and a printable page), and supervision notices.

use std::collections::HashMap;

use axum::extract::{Multipart, Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{self, Section};
use super::plans::{fmt, load_plan, plan_nav, unit_names};
use crate::auth::{Permission, Viewer};
use crate::error::Error;
use crate::plans::due::{self, Timeliness};
use crate::plans::escalation::Level;
use crate::plans::{self, Plan, Task};
use crate::storage::plans::{self as store, Attachment, Report, ReportItem, TargetStatus};
use crate::web::auth::Ctx;
use crate::web::i18n::Lang;
use crate::web::State;
use crate::i18n::catalogue as cat;

/// The month being reported: this month (its report is due this month).
/// An upload that cannot be read, or is over the limit, in the viewer's language.
pub fn upload_error(e: axum::extract::multipart::MultipartError) -> Error {
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        Error::TooLarge(crate::i18n::catalogue::plans::upload_too_large(crate::web::MAX_UPLOAD_BYTES / 1024 / 1024))
    } else {
        Error::Invalid(crate::i18n::catalogue::plans::upload_unreadable(e.body_text()))
    }
}

pub fn current_month(today: time::Date) -> String {
    due::month_of(today)
}

pub struct UnitMonth {
    pub unit_id: i64,
    pub report: Option<Report>,
    pub due: time::Date,
    pub timeliness: Timeliness,
}

pub async fn month_status(state: &State, plan: &Plan, tasks: &[Task], statuses: &[TargetStatus], month: &str, today: time::Date) -> crate::Result<Vec<UnitMonth>> {
    let (y, m) = due::parse_month(month).ok_or_else(|| Error::Invalid(crate::i18n::catalogue::plans::month_invalid(month)))?;
    let due_on = due::due_date(y, m, plan.due_day).ok_or_else(|| Error::Invalid(crate::i18n::catalogue::plans::month_invalid(month)))?;
    let targets: Vec<_> = statuses.iter().map(|s| s.target.clone()).collect();
    let mut reports = store::reports(&state.db, plan.id, month).await?;
    let mut out = Vec::new();
    for u in store::reporting_units(tasks, &targets) {
        let report = reports.iter().position(|r| r.unit_id == u).map(|i| reports.swap_remove(i));
        let filed = report.as_ref().filter(|r| r.state != "returned").and_then(|r| due::parse_day(&r.submitted_on));
        out.push(UnitMonth { unit_id: u, timeliness: due::timeliness(due_on, filed, today), due: due_on, report });
    }
    Ok(out)
}

#[derive(Deserialize, Default)]
pub struct MonthQuery {
    month: Option<String>,
    status: Option<String>,
}

fn month_or_now(q: &MonthQuery) -> crate::Result<String> {
    match &q.month {
        Some(m) if due::parse_month(m).is_some() => Ok(m.clone()),
        Some(m) => Err(Error::Invalid(crate::i18n::catalogue::plans::month_invalid(m))),
        None => Ok(current_month(due::today_beijing())),
    }
}

pub async fn list(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, Query(q): Query<MonthQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let zh = lang == Lang::Zh;
    let plan = load_plan(&state, &viewer, id).await?;
    let month = month_or_now(&q)?;
    let today = due::today_beijing();
    let names = unit_names(&store::units(&state.db).await?);
    let tasks = store::tasks(&state.db, plan.id).await?;
    let statuses = store::target_statuses(&state.db, &plan, today.year()).await?;
    let rows = month_status(&state, &plan, &tasks, &statuses, &month, today).await?;
    let shown: Vec<&UnitMonth> = rows.iter().filter(|r| q.status.as_deref().is_none_or(|s| r.timeliness.code() == s)).collect();
    let mine = store::unit_of_user(&state.db, viewer.user_id).await?;
    let body = html! {
        (plan_nav(lang, &plan, "/reports"))
        div.panel {
            form method="get" action=(format!("/plans/{}/reports", plan.id)) {
                label { (lang.label(cat::tax::month())) " " input type="month" name="month" value=(month); } " "
                button type="submit" { (lang.label(cat::enforcement_cases::show())) }
            }
            p {
                (lang.label(cat::plans::due_2())) strong { (rows.first().map(|r| due::format_day(r.due)).unwrap_or_default()) } " · "
                @if let Some(u) = &mine { @if viewer.can(Permission::FilePlanReports) {
                    a.button href=(format!("/plans/{}/report?month={month}", plan.id)) #file-report { (lang.label(cat::plans::file_my_units_report())) " (" span.v { (u.name) } ")" } " "
                } }
                a.button.secondary href=(format!("/plans/{}/consolidated?month={month}", plan.id)) #consolidated { (lang.label(cat::plans::consolidated_report_print())) } " "
                a.button.secondary href=(format!("/plans/{}/consolidated.xlsx?month={month}", plan.id)) { (lang.label(cat::plans::consolidated_report_excel())) }
            }
            div.table-wrap { table #month-reports {
                thead { tr { th { (lang.label(cat::inventory::col_unit())) } th { (lang.label(cat::plans::filed())) } th { (lang.label(cat::plans::filed_on())) } th { (lang.label(cat::common::review())) } } }
                tbody { @for r in &shown { tr data-unit=(r.unit_id) data-status=(r.timeliness.code()) {
                    td data-v { (names.get(&r.unit_id).cloned().unwrap_or_default()) }
                    td class=[(matches!(r.timeliness, Timeliness::Missing | Timeliness::Late)).then_some("bad")] { (r.timeliness.label(zh)) }
                    td { @if let Some(rep) = &r.report { (rep.submitted_on) } }
                    td { @if let Some(rep) = &r.report { a href=(format!("/plans/{}/reports/{}", plan.id, rep.id)) { (store::report_state_label(&rep.state, zh)) } } }
                } } }
            } }
        }
    };
    Ok(layout::page(&ctx, Section::Plans, &plan.title, body))
}

/// The tasks a unit reports on and the targets it answers for.
fn unit_work<'a>(tasks: &'a [Task], statuses: &'a [TargetStatus], unit: i64) -> (Vec<&'a Task>, Vec<&'a TargetStatus>) {
    (
        tasks.iter().filter(|t| t.reporting_units().contains(&unit)).collect(),
        statuses.iter().filter(|s| s.target.unit_id == unit).collect(),
    )
}

pub async fn form(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, Query(q): Query<MonthQuery>) -> crate::Result<Response> {
    let plan = load_plan(&state, &viewer, id).await?;
    let month = month_or_now(&q)?;
    Ok(render_form(&state, &ctx, &viewer, &plan, &month, None).await?.into_response())
}

async fn render_form(state: &State, ctx: &Ctx, viewer: &Viewer, plan: &Plan, month: &str, message: Option<String>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let zh = lang == Lang::Zh;
    let Some(unit) = store::unit_of_user(&state.db, viewer.user_id).await? else {
        return Err(Error::Invalid(crate::i18n::catalogue::plans::no_unit_account()));
    };
    let today = due::today_beijing();
    let tasks = store::tasks(&state.db, plan.id).await?;
    let statuses = store::target_statuses(&state.db, plan, today.year()).await?;
    let (my_tasks, my_targets) = unit_work(&tasks, &statuses, unit.id);
    let previous = store::reports(&state.db, plan.id, month).await?.into_iter().find(|r| r.unit_id == unit.id);
    let item = |task: Option<i64>, target: Option<i64>| previous.as_ref().and_then(|r| r.items.iter().find(|i| (task.is_some() && i.task_id == task) || (target.is_some() && i.target_id == target)).cloned());
    let body = html! {
        (plan_nav(lang, plan, "/reports"))
        @if let Some(m) = &message { p.bad #report-error { (m) } }
        @if let Some(p) = &previous { p #report-state { (lang.label(cat::plans::filed_this_month())) (store::report_state_label(&p.state, zh)) " " (p.submitted_on)
            @if !p.review_note.is_empty() { " · " (lang.label(cat::plans::review())) span.v { (p.review_note) } } } }
        div.panel {
            form method="post" action=(format!("/plans/{}/report", plan.id)) enctype="multipart/form-data" #report-form {
                (layout::csrf_field(ctx))
                input type="hidden" name="month" value=(month);
                p { (lang.label(cat::plans::unit_3())) strong.v { (unit.name) } " · " (lang.label(cat::plans::month())) strong { (month) } }
                @if my_tasks.is_empty() && my_targets.is_empty() { p.muted { (lang.label(cat::plans::your_unit_has_no_tasks_or())) } }
                @for t in &my_tasks {
                    @let prev = item(Some(t.id), None);
                    fieldset data-task=(t.id) {
                        legend { span.v { (t.number) " " (t.title) } " (" (lang.label(cat::plans::due_3())) (t.due_date) ")" }
                        label { (lang.label(cat::plans::state())) " " select name=(format!("task_{}_state", t.id)) {
                            option value="in_progress" { (plans::task_state_label("in_progress", zh)) }
                            option value="completed" selected[prev.as_ref().is_some_and(|p| p.task_state == "completed") || t.state == "completed"] { (plans::task_state_label("completed", zh)) }
                        } }
                        br;
                        textarea name=(format!("task_{}_progress", t.id)) rows="3" cols="80" placeholder=(lang.label(cat::plans::progress_this_month())) { (prev.map(|p| p.progress).unwrap_or_default()) }
                    }
                }
                @for s in &my_targets {
                    @let prev = item(None, Some(s.target.id));
                    fieldset data-target=(s.target.code) {
                        legend data-v { (s.target.indicator) }
                        @if s.target.source == plans::Source::Reported {
                            label { (lang.label(cat::plans::value_reached())) " (" span.v { (s.target.measure_unit) } ") "
                                input type="number" step="any" name=(format!("target_{}_value", s.target.id)) value=[prev.as_ref().and_then(|p| p.value).map(fmt)]; }
                        } @else {
                            p.muted.small { (lang.label(cat::plans::computed_by_the_platform())) (s.target.source.label(zh)) }
                        }
                        br;
                        textarea name=(format!("target_{}_progress", s.target.id)) rows="2" cols="80" placeholder=(lang.label(cat::plans::notes())) { (prev.map(|p| p.progress).unwrap_or_default()) }
                    }
                }
                p { label { (lang.label(cat::plans::summary())) br; textarea name="summary" rows="3" cols="80" { (previous.as_ref().map(|p| p.summary.clone()).unwrap_or_default()) } } }
                p { label { (lang.label(cat::plans::attachments_pdf_jpg_png_docx_xlsx())) " " input type="file" name="attachment" multiple; } }
                button type="submit" #submit-report { (lang.label(cat::plans::submit())) }
            }
        }
    };
    Ok(layout::page(ctx, Section::Plans, &plan.title, body))
}

pub async fn submit(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, mut multipart: Multipart) -> crate::Result<Response> {
    let plan = load_plan(&state, &viewer, id).await?;
    let Some(unit) = store::unit_of_user(&state.db, viewer.user_id).await? else {
        return Err(Error::Invalid(crate::i18n::catalogue::plans::no_unit_account()));
    };
    let (mut month, mut summary) = (String::new(), String::new());
    let mut items: HashMap<(bool, i64), ReportItem> = HashMap::new();
    let mut files = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(upload_error)? {
        let name = field.name().unwrap_or("").to_string();
        if name == "attachment" {
            let file_name = field.file_name().unwrap_or("").to_string();
            let bytes = field.bytes().await.map_err(upload_error)?.to_vec();
            if !file_name.is_empty() || !bytes.is_empty() {
                files.push(Attachment { file_name, bytes });
            }
            continue;
        }
        let text = field.text().await.map_err(upload_error)?;
        let parts: Vec<&str> = name.split('_').collect();
        match parts.as_slice() {
            ["month"] => month = text,
            ["summary"] => summary = text,
            [kind @ ("task" | "target"), id, what] => {
                let Ok(id) = id.parse::<i64>() else { continue };
                let is_task = *kind == "task";
                let e = items.entry((is_task, id)).or_insert_with(|| ReportItem {
                    task_id: is_task.then_some(id),
                    target_id: (!is_task).then_some(id),
                    task_state: String::new(),
                    value: None,
                    progress: String::new(),
                });
                match *what {
                    "state" => e.task_state = text,
                    "progress" => e.progress = text,
                    "value" if !text.trim().is_empty() => {
                        e.value = Some(text.trim().parse::<f64>().map_err(|_| Error::Invalid(crate::i18n::catalogue::plans::value_not_a_number(&text)))?)
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    let mut items: Vec<ReportItem> = items.into_values().collect();
    items.sort_by_key(|i| (i.task_id.is_none(), i.task_id, i.target_id));
    match store::file_report(&state.db, &viewer.actor(), &plan, unit.id, &month, due::today_beijing(), &summary, &items, &files).await {
        Ok(_) => Ok(Redirect::to(&format!("/plans/{}/reports?month={month}", plan.id)).into_response()),
        Err(e @ (Error::Invalid(_) | Error::Conflict(_) | Error::TooLarge(_))) if due::parse_month(&month).is_some() => {
            let status = e.status();
            Ok((status, render_form(&state, &ctx, &viewer, &plan, &month, Some(e.to_string())).await?).into_response())
        }
        Err(e) => Err(e),
    }
}

/// Whether the viewer may review the plan's reports: the lead unit's managers, or an administrator.
async fn may_review(state: &State, viewer: &Viewer, plan: &Plan) -> crate::Result<bool> {
    if !viewer.can(Permission::ManagePlans) {
        return Ok(false);
    }
    if viewer.role == crate::auth::Role::Admin {
        return Ok(true);
    }
    Ok(store::unit_of_user(&state.db, viewer.user_id).await?.is_some_and(|u| u.id == plan.lead_unit_id))
}

pub async fn view(state: State, ctx: Ctx, viewer: Viewer, Path((id, report_id)): Path<(i64, i64)>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let zh = lang == Lang::Zh;
    let plan = load_plan(&state, &viewer, id).await?;
    let r = store::report(&state.db, plan.id, report_id).await?;
    let names = unit_names(&store::units(&state.db).await?);
    let tasks = store::tasks(&state.db, plan.id).await?;
    let targets = store::targets(&state.db, plan.id).await?;
    let reviewer = may_review(&state, &viewer, &plan).await?;
    let body = html! {
        (plan_nav(lang, &plan, "/reports"))
        div.panel #report {
            p { strong.v { (names.get(&r.unit_id).cloned().unwrap_or_default()) } " · " (r.month) " · " (lang.label(cat::plans::filed_on_2())) (r.submitted_on) " · "
                span #report-state { (store::report_state_label(&r.state, zh)) } @if !r.review_note.is_empty() { " · " span.v { (r.review_note) } } }
            @if !r.summary.is_empty() { p data-v { (r.summary) } }
            table {
                thead { tr { th { (lang.label(cat::plans::item())) } th { (lang.label(cat::plans::state_value())) } th { (lang.label(cat::plans::notes())) } } }
                tbody { @for it in &r.items { tr {
                    @if let Some(t) = it.task_id.and_then(|i| tasks.iter().find(|t| t.id == i)) {
                        td data-v { (t.number) " " (t.title) } td { (plans::task_state_label(&it.task_state, zh)) }
                    } @else if let Some(g) = it.target_id.and_then(|i| targets.iter().find(|g| g.id == i)) {
                        td data-v { (g.indicator) } td { (it.value.map(fmt).unwrap_or_default()) " " span.v { (g.measure_unit) } }
                    } @else { td {} td {} }
                    td data-v { (it.progress) }
                } } }
            }
            @if !r.files.is_empty() { p { (lang.label(cat::plans::attachments())) @for (fid, name) in &r.files { a data-v href=(format!("/plans/{}/reports/{}/files/{fid}", plan.id, r.id)) { (name) } " " } } }
        }
        @if reviewer && r.state == "submitted" {
            div.panel {
                form method="post" action=(format!("/plans/{}/reports/{}/review", plan.id, r.id)) #review-form {
                    (layout::csrf_field(&ctx))
                    label { (lang.label(cat::plans::review_note())) " " input type="text" name="note" size="60"; } " "
                    button type="submit" name="decision" value="accept" #accept { (lang.label(cat::plans::accept())) } " "
                    button.secondary type="submit" name="decision" value="return" #return { (lang.label(cat::common::return_label())) }
                }
            }
        }
    };
    Ok(layout::page(&ctx, Section::Plans, &plan.title, body))
}

#[derive(Deserialize)]
pub struct ReviewForm {
    decision: String,
    #[serde(default)]
    note: String,
}

pub async fn review(state: State, viewer: Viewer, Path((id, report_id)): Path<(i64, i64)>, Form(f): Form<ReviewForm>) -> crate::Result<Response> {
    let plan = load_plan(&state, &viewer, id).await?;
    if !may_review(&state, &viewer, &plan).await? {
        crate::web::auth::record_refusal(&state, &viewer.actor(), "access_denied", &format!("review report {report_id} (not the lead unit)")).await;
        return Err(Error::Forbidden(crate::i18n::catalogue::plans::only_lead_reviews()));
    }
    let accept = match f.decision.as_str() {
        "accept" => true,
        "return" => false,
        other => return Err(Error::Invalid(crate::i18n::catalogue::plans::decision_invalid(other))),
    };
    let r = store::report(&state.db, plan.id, report_id).await?;
    store::review_report(&state.db, &viewer.actor(), plan.id, report_id, accept, &f.note).await?;
    Ok(Redirect::to(&format!("/plans/{}/reports?month={}", plan.id, r.month)).into_response())
}

pub async fn file(state: State, viewer: Viewer, Path((id, report_id, file_id)): Path<(i64, i64, i64)>) -> crate::Result<Response> {
    let plan = load_plan(&state, &viewer, id).await?;
    store::report(&state.db, plan.id, report_id).await?;
    let (name, content_type, bytes) = store::report_file(&state.db, report_id, file_id).await?;
    let disposition = format!("attachment; filename=\"file-{file_id}\"; filename*=UTF-8''{}", crate::ledger::filter::urlencode(&name));
    Ok(([(header::CONTENT_TYPE, content_type), (header::CONTENT_DISPOSITION, disposition)], bytes).into_response())
}

/// One row of the consolidated report: a task or a target with what each unit reported.
struct Line {
    kind: String,
    number: String,
    title: String,
    units: String,
    state: String,
    /// The state for the page, its figures (with their units, as the plan states them) as data.
    state_html: Markup,
    progress: String,
}

async fn consolidated_lines(state: &State, plan: &Plan, month: &str, lang: Lang) -> crate::Result<(Vec<Line>, Vec<UnitMonth>)> {
    let zh = lang == Lang::Zh;
    let today = due::today_beijing();
    let names = unit_names(&store::units(&state.db).await?);
    let tasks = store::tasks(&state.db, plan.id).await?;
    let statuses = store::target_statuses(&state.db, plan, today.year()).await?;
    let months = month_status(state, plan, &tasks, &statuses, month, today).await?;
    let reports: Vec<&Report> = months.iter().filter_map(|m| m.report.as_ref()).filter(|r| r.state != "returned").collect();
    let mut lines = Vec::new();
    for t in &tasks {
        let progress: Vec<String> = reports
            .iter()
            .flat_map(|r| r.items.iter().filter(move |i| i.task_id == Some(t.id)).map(move |i| (r.unit_id, i)))
            .filter(|(_, i)| !i.progress.is_empty())
            .map(|(u, i)| format!("【{}】{}", names.get(&u).cloned().unwrap_or_default(), i.progress))
            .collect();
        lines.push(Line {
            kind: lang.t(&crate::i18n::catalogue::plans::line_task()),
            number: t.number.clone(),
            title: lang.t(&crate::i18n::catalogue::plans::line_task_title(t.title.clone(), t.due_date.clone())),
            units: names.get(&t.lead_unit_id).cloned().unwrap_or_default(),
            state: plans::task_state_label(t.shown_state(today), zh).to_string(),
            state_html: html! { (plans::task_state_label(t.shown_state(today), zh)) },
            progress: progress.join("\n"),
        });
    }
    for s in &statuses {
        let a = &s.assessment;
        let current = a.current.map(|c| if s.target.kind == "change_pct" { format!("{}%", fmt(c)) } else { format!("{} {}", fmt(c), s.target.measure_unit) }).unwrap_or_else(|| "—".into());
        let notes: Vec<String> = reports
            .iter()
            .flat_map(|r| r.items.iter().filter(move |i| i.target_id == Some(s.target.id)).map(|i| i.progress.clone()))
            .filter(|p| !p.is_empty())
            .collect();
        lines.push(Line {
            kind: lang.t(&crate::i18n::catalogue::plans::line_target()),
            number: s.target.code.clone(),
            title: s.target.indicator.clone(),
            units: names.get(&s.target.unit_id).cloned().unwrap_or_default(),
            state: lang.t(&crate::i18n::catalogue::plans::line_target_state(a.state.label(zh).to_string(), current.clone(), a.year, fmt(a.required))),
            state_html: crate::i18n::catalogue::plans::line_target_state(a.state.label(zh).to_string(), current, a.year, fmt(a.required)).markup(lang),
            progress: notes.join("\n"),
        });
    }
    Ok((lines, months))
}

pub async fn consolidated(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, Query(q): Query<MonthQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let zh = lang == Lang::Zh;
    let plan = load_plan(&state, &viewer, id).await?;
    let month = month_or_now(&q)?;
    let names = unit_names(&store::units(&state.db).await?);
    let (lines, months) = consolidated_lines(&state, &plan, &month, ctx.lang).await?;
    let body = html! {
        div.panel.print #consolidated-report {
            h2 { span.v { (plan.title) } " " (month) " " (lang.label(cat::plans::monthly_progress())) }
            p { span.v { (plan.doc_number) } " · " (lang.label(cat::plans::filing()))
                @for m in &months { span.v { (names.get(&m.unit_id).cloned().unwrap_or_default()) } " " (m.timeliness.label(zh)) "; " } }
            table {
                thead { tr { th { (lang.label(cat::plans::kind())) } th { (lang.label(cat::plans::no())) } th { (lang.label(cat::plans::item())) } th { (lang.label(cat::plans::unit())) } th { (lang.label(cat::common::state())) } th { (lang.label(cat::plans::progress_this_month_2())) } } }
                tbody { @for l in &lines { tr { td { (l.kind) } td data-v { (l.number) } td data-v { (l.title) } td data-v { (l.units) } td { (l.state_html) } td.pre data-v { (l.progress) } } } }
            }
            p.no-print { a.button.secondary href=(format!("/plans/{}/consolidated.xlsx?month={month}", plan.id)) { (lang.label(cat::plans::download_excel())) } }
        }
    };
    Ok(layout::page(&ctx, Section::Plans, lang.label(cat::plans::consolidated_monthly_report()), body))
}

pub async fn consolidated_xlsx(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, Query(q): Query<MonthQuery>) -> crate::Result<Response> {
    let plan = load_plan(&state, &viewer, id).await?;
    let month = month_or_now(&q)?;
    let names = unit_names(&store::units(&state.db).await?);
    let (lines, months) = consolidated_lines(&state, &plan, &month, ctx.lang).await?;
    let bytes = consolidated_workbook(&plan, &month, &lines, &months, &names).map_err(|e| Error::other(e))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"plan-{}-{month}.xlsx\"", plan.id)),
        ],
        bytes,
    )
        .into_response())
}

fn consolidated_workbook(plan: &Plan, month: &str, lines: &[Line], months: &[UnitMonth], names: &HashMap<i64, String>) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, FormatBorder, Workbook};
    let mut book = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new().set_bold().set_border(FormatBorder::Thin).set_background_color("#DDEBF7").set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let sheet = book.add_worksheet();
    sheet.set_name("月度进展汇总")?;
    sheet.write_string_with_format(0, 0, format!("{}{}月度进展汇总表", plan.title, month), &title)?;
    sheet.write_string(1, 0, format!("{} {}", plan.issuer, plan.doc_number))?;
    for (i, h) in ["类别", "序号", "事项", "牵头/责任单位", "状态", "本月进展"].iter().enumerate() {
        sheet.write_string_with_format(3, i as u16, *h, &head)?;
    }
    for (r, l) in lines.iter().enumerate() {
        let row = 4 + r as u32;
        for (c, v) in [l.kind.as_str(), l.number.as_str(), l.title.as_str(), l.units.as_str(), l.state.as_str(), l.progress.as_str()].iter().enumerate() {
            sheet.write_string_with_format(row, c as u16, *v, &cell)?;
        }
    }
    for (c, w) in [6.0, 8.0, 40.0, 22.0, 30.0, 60.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_landscape().set_paper_size(9).set_repeat_rows(3, 3)?;
    let s2 = book.add_worksheet();
    s2.set_name("报送情况")?;
    for (i, h) in ["单位", "截止日期", "报送日期", "报送情况", "审核"].iter().enumerate() {
        s2.write_string_with_format(0, i as u16, *h, &head)?;
    }
    for (r, m) in months.iter().enumerate() {
        let row = 1 + r as u32;
        s2.write_string_with_format(row, 0, names.get(&m.unit_id).cloned().unwrap_or_default(), &cell)?;
        s2.write_string_with_format(row, 1, due::format_day(m.due), &cell)?;
        s2.write_string_with_format(row, 2, m.report.as_ref().map(|r| r.submitted_on.clone()).unwrap_or_default(), &cell)?;
        s2.write_string_with_format(row, 3, m.timeliness.label(true), &cell)?;
        s2.write_string_with_format(row, 4, m.report.as_ref().map(|r| store::report_state_label(&r.state, true).to_string()).unwrap_or_default(), &cell)?;
    }
    s2.set_column_width(0, 30)?;
    s2.set_column_width(1, 14)?;
    s2.set_column_width(2, 14)?;
    s2.set_column_width(3, 12)?;
    s2.set_column_width(4, 14)?;
    book.save_to_buffer()
}

pub async fn notices(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let zh = lang == Lang::Zh;
    let plan = load_plan(&state, &viewer, id).await?;
    let names = unit_names(&store::units(&state.db).await?);
    let all = store::notices(&state.db, plan.id).await?;
    let behind = store::behind(&state.db, &plan, due::today_beijing()).await?;
    let mine = store::unit_of_user(&state.db, viewer.user_id).await?.map(|u| u.id);
    let body = html! {
        (plan_nav(lang, &plan, "/notices"))
        div.panel #behind {
            h2 { (lang.label(cat::plans::matters_behind())) " " (behind.len()) }
            ul { @for (u, _, reason) in &behind { li { strong.v { (names.get(u).cloned().unwrap_or_default()) } (lang.label(cat::plans::colon())) (reason.markup(lang)) } } }
            @if viewer.can(Permission::ManagePlans) {
                form method="post" action=(format!("/plans/{}/notices/issue", plan.id)) {
                    (layout::csrf_field(&ctx))
                    button type="submit" #issue-notices { (lang.label(cat::plans::issue_supervision_notices_reminder_circular_interview())) }
                }
            }
        }
        div.panel { div.table-wrap { table #notices {
            thead { tr { th { (lang.label(cat::inventory::col_unit())) } th { (lang.label(cat::plans::level())) } th { (lang.label(cat::plans::reason())) } th { (lang.label(cat::plans::issued())) }
                th { (lang.label(cat::plans::answer_by())) } th { (lang.label(cat::common::answer())) } } }
            tbody { @for n in &all { tr data-level=(n.level) {
                td data-v { (names.get(&n.unit_id).cloned().unwrap_or_default()) }
                td class=[(n.level == "interview").then_some("bad")] { (Level::parse(&n.level).map(|l| l.label(zh)).unwrap_or(n.level.as_str())) }
                td data-v { (n.reason) }
                td { (n.issued_on) " " span.small.muted.v { (n.issued_by) } }
                td { (n.answer_by) }
                td { @if let Some(on) = &n.answered_on { span.v { (n.answer) } " (" (on) ")" }
                    @else if mine == Some(n.unit_id) && viewer.can(Permission::FilePlanReports) {
                        form method="post" action=(format!("/plans/{}/notices/{}/answer", plan.id, n.id)) {
                            (layout::csrf_field(&ctx))
                            input type="text" name="answer" size="30" required; " " button type="submit" { (lang.label(cat::common::answer())) }
                        }
                    } @else { span.muted { (lang.label(cat::plans::awaiting_answer())) } } }
            } } }
        } } }
    };
    Ok(layout::page(&ctx, Section::Plans, &plan.title, body))
}

pub async fn issue(state: State, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Response> {
    let plan = load_plan(&state, &viewer, id).await?;
    store::issue_notices(&state.db, &viewer.actor(), &plan, due::today_beijing()).await?;
    Ok(Redirect::to(&format!("/plans/{}/notices", plan.id)).into_response())
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    answer: String,
}

pub async fn answer(state: State, viewer: Viewer, Path((id, notice_id)): Path<(i64, i64)>, Form(f): Form<AnswerForm>) -> crate::Result<Response> {
    let plan = load_plan(&state, &viewer, id).await?;
    let unit = store::unit_of_user(&state.db, viewer.user_id).await?.ok_or_else(|| Error::NotFound(crate::i18n::catalogue::plans::notice_not_found(notice_id)))?;
    store::answer_notice(&state.db, &viewer.actor(), plan.id, notice_id, unit.id, &f.answer, due::today_beijing()).await?;
    Ok(Redirect::to(&format!("/plans/{}/notices", plan.id)).into_response())
}
