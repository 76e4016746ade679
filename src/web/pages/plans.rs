//! Work plans: the list of plans, the organisation tree of units, a plan's dashboard
//! (tasks by state, targets by state, reports of the month — every number a link to
//! its list), tasks with their import and editing, targets and the key project reserve.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Multipart, Path, Query};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;

use super::import::problems_table;
use super::layout::{self, Section};
use crate::auth::{Permission, Viewer};
use crate::error::Error;
use crate::plans::due::{self, today_beijing};
use crate::plans::progress::TargetState;
use crate::plans::{self, Plan, Project, Task, Unit};
use crate::storage::plans as store;
use crate::web::auth::Ctx;
use crate::web::i18n::Lang;
use crate::web::State;
use crate::i18n::catalogue as cat;

pub fn unit_names(units: &[Unit]) -> HashMap<i64, String> {
    units.iter().map(|u| (u.id, u.name.clone())).collect()
}

fn names_of(ids: &[i64], names: &HashMap<i64, String>) -> String {
    ids.iter().map(|i| names.get(i).cloned().unwrap_or_else(|| i.to_string())).collect::<Vec<_>>().join("、")
}

pub fn fmt(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub async fn load_plan(state: &State, viewer: &Viewer, id: i64) -> crate::Result<Plan> {
    match store::plan(&state.db, &viewer.scope, id).await {
        Err(Error::NotFound(w)) => {
            crate::web::auth::record_refusal(state, &viewer.actor(), "access_denied", &format!("plan {id} (missing or outside scope)")).await;
            Err(Error::NotFound(w))
        }
        other => other,
    }
}

/// The plan's sub-navigation.
pub fn plan_nav(lang: Lang, plan: &Plan, here: &str) -> Markup {
    let links = [
        ("", lang.label(cat::plans::dashboard())),
        ("/tasks", lang.label(cat::plans::tasks())),
        ("/targets", lang.label(cat::plans::targets())),
        ("/reports", lang.label(cat::plans::monthly_reports())),
        ("/notices", lang.label(cat::plans::supervision())),
        ("/projects", lang.label(cat::plans::key_projects())),
    ];
    html! {
        p.subnav {
            @for (suffix, label) in links {
                @if suffix == here { strong { (label) } } @else { a href=(format!("/plans/{}{suffix}", plan.id)) { (label) } }
                " · "
            }
        }
    }
}

pub async fn list(state: State, ctx: Ctx, viewer: Viewer) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let zh = lang == Lang::Zh;
    let all = store::plans(&state.db, &viewer.scope).await?;
    let units = store::units(&state.db).await?;
    let names = unit_names(&units);
    let body = html! {
        div.panel {
            @if all.is_empty() { p.muted { (lang.label(cat::plans::no_work_plans_yet())) } }
            div.table-wrap { table #plans {
                thead { tr { th { (lang.label(cat::plans::plan())) } th { (lang.label(cat::plans::document_no())) } th { (lang.label(cat::plans::issued_by())) }
                    th { (lang.label(cat::plans::lead_unit())) } th { (lang.label(cat::common::period())) } th.num { (lang.label(cat::plans::reports_due())) } } }
                tbody { @for p in &all { tr {
                    td { a href=(format!("/plans/{}", p.id)) { span.v { (p.title) } } }
                    td { span.v { (p.doc_number) } }
                    td { span.v { (p.issuer) } }
                    td { span.v { (names.get(&p.lead_unit_id).cloned().unwrap_or_default()) } }
                    td { (p.start_date) " – " (p.end_date) }
                    td.num { (if zh { format!("每月{}日", p.due_day) } else { format!("day {}", p.due_day) }) }
                } } }
            } }
            p {
                a.button.secondary href="/plans/units" { (lang.label(cat::plans::units_organisation())) } " "
                a.button.secondary href="/plans/template.xlsx" { (lang.label(cat::plans::download_the_task_sheet_template())) } " "
                a.button.secondary href="/plans/annual" { (lang.label(cat::plans::year_end_responsibility_report_2())) }
            }
        }
        @if viewer.can(Permission::ManagePlans) {
            div.panel {
                h2 { (lang.label(cat::plans::new_work_plan())) }
                form method="post" action="/plans" #new-plan {
                    (layout::csrf_field(&ctx))
                    p { label { (lang.label(cat::plans::title())) " " input type="text" name="title" size="50" required; } }
                    p { label { (lang.label(cat::plans::issuing_body())) " " input type="text" name="issuer" size="40" required; } " "
                        label { (lang.label(cat::plans::document_no())) " " input type="text" name="doc_number" placeholder="安工信字〔2024〕50号" data-v; } }
                    p { label { (lang.label(cat::plans::lead_unit())) " " select name="lead_unit_id" { @for u in &units { option data-v value=(u.id) { (u.name) } } } } }
                    p { label { (lang.label(cat::enforcement_cases::col_start())) " " input type="date" name="start_date" required; } " "
                        label { (lang.label(cat::enforcement_cases::col_end())) " " input type="date" name="end_date" required; } " "
                        label { (lang.label(cat::plans::reports_due_on_day())) " " input type="number" name="due_day" value="25" min="1" max="31"; } }
                    button type="submit" { (lang.label(cat::common::create())) }
                }
            }
        }
    };
    Ok(layout::page(&ctx, Section::Plans, lang.label(cat::common::work_plans()), body))
}

#[derive(Deserialize)]
pub struct NewPlanForm {
    title: String,
    issuer: String,
    #[serde(default)]
    doc_number: String,
    lead_unit_id: i64,
    start_date: String,
    end_date: String,
    due_day: Option<u32>,
}

pub async fn create(state: State, viewer: Viewer, Form(f): Form<NewPlanForm>) -> crate::Result<Response> {
    let units = store::units(&state.db).await?;
    let lead = units.iter().find(|u| u.id == f.lead_unit_id).ok_or_else(|| Error::Invalid(crate::i18n::catalogue::plans::lead_unit_missing()))?;
    let division = if lead.division_code.len() > 6 { lead.division_code[..6].to_string() } else { lead.division_code.clone() };
    let p = store::NewPlan {
        title: f.title,
        issuer: f.issuer,
        doc_number: f.doc_number,
        division_code: division,
        lead_unit_id: f.lead_unit_id,
        start_date: f.start_date,
        end_date: f.end_date,
        due_day: f.due_day.unwrap_or(25),
    };
    let id = store::create_plan(&state.db, &viewer.actor(), &p).await?;
    Ok(Redirect::to(&format!("/plans/{id}")).into_response())
}

pub async fn units_page(state: State, ctx: Ctx) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let zh = lang == Lang::Zh;
    let units = store::units(&state.db).await?;
    let members = store::unit_members(&state.db).await?;
    let mut children: BTreeMap<Option<i64>, Vec<&Unit>> = BTreeMap::new();
    for u in &units {
        children.entry(u.parent_id).or_default().push(u);
    }
    fn tree(u: &Unit, children: &BTreeMap<Option<i64>, Vec<&Unit>>, members: &[(i64, String, String)], zh: bool) -> Markup {
        html! {
            li data-unit=(u.id) {
                strong { span.v { (u.name) } } " "
                span.muted { (plans::unit_kind_label(&u.kind, zh)) " · " (u.division_code) @if !u.short_name.is_empty() { " · " span.v { (u.short_name) } } }
                @for (_, username, display) in members.iter().filter(|m| m.0 == u.id) { " " span.tag { span.v { (display) } " (" span.v { (username) } ")" } }
                @if let Some(kids) = children.get(&Some(u.id)) {
                    ul { @for k in kids { (tree(k, children, members, zh)) } }
                }
            }
        }
    }
    let body = html! {
        div.panel #units {
            p.muted { (lang.label(cat::plans::each_unit_sits_in_a_division())) }
            ul.tree { @for u in children.get(&None).cloned().unwrap_or_default() { (tree(u, &children, &members, zh)) } }
        }
    };
    Ok(layout::page(&ctx, Section::Plans, lang.label(cat::plans::units()), body))
}

pub fn task_counts(tasks: &[Task], today: time::Date) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for t in tasks {
        *m.entry(t.shown_state(today)).or_default() += 1;
    }
    m
}

pub async fn dashboard(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let zh = lang == Lang::Zh;
    let plan = load_plan(&state, &viewer, id).await?;
    let units = store::units(&state.db).await?;
    let names = unit_names(&units);
    let today = today_beijing();
    let tasks = store::tasks(&state.db, plan.id).await?;
    let statuses = store::target_statuses(&state.db, &plan, today.year()).await?;
    let by_task = task_counts(&tasks, today);
    let mut by_target: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &statuses {
        *by_target.entry(s.assessment.state.code()).or_default() += 1;
    }
    let month = super::plans_reports::current_month(today);
    let reports = super::plans_reports::month_status(&state, &plan, &tasks, &statuses, &month, today).await?;
    let mut by_report: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &reports {
        *by_report.entry(r.timeliness.code()).or_default() += 1;
    }
    let notices_open = crate::storage::plans::open_notices(&state.db, plan.id).await?;
    // Per unit: its tasks, overdue tasks and this month's report.
    let mut unit_rows: BTreeMap<i64, (usize, usize)> = BTreeMap::new();
    for t in &tasks {
        for u in t.reporting_units() {
            let e = unit_rows.entry(u).or_default();
            e.0 += 1;
            if t.overdue(today) {
                e.1 += 1;
            }
        }
    }
    let task_states = ["not_started", "in_progress", "completed", "overdue"];
    let target_states = [TargetState::OnTrack, TargetState::AtRisk, TargetState::Behind, TargetState::NoData];
    let body = html! {
        (plan_nav(lang, &plan, ""))
        div.panel #plan-facts {
            p { span.v { (plan.issuer) } " · " span.v { (plan.doc_number) } " · " (plan.start_date) " – " (plan.end_date) " · "
                (lang.label(cat::plans::lead_unit_2())) span.v { (names.get(&plan.lead_unit_id).cloned().unwrap_or_default()) } " · "
                (if zh { format!("月报每月{}日前报送", plan.due_day) } else { format!("monthly reports due by day {}", plan.due_day) }) }
        }
        div.grid2 {
            div.panel #board-tasks {
                h2 { (lang.label(cat::plans::tasks())) " " a href=(format!("/plans/{}/tasks", plan.id)) { (tasks.len()) } }
                ul.counts { @for s in task_states {
                    li data-state=(s) class=[(s == "overdue" && by_task.get(s).copied().unwrap_or(0) > 0).then_some("bad")] {
                        a href=(format!("/plans/{}/tasks?state={s}", plan.id)) { (plans::task_state_label(s, zh)) " " strong { (by_task.get(s).copied().unwrap_or(0)) } }
                    }
                } }
            }
            div.panel #board-targets {
                h2 { (lang.label(cat::plans::targets())) " " a href=(format!("/plans/{}/targets", plan.id)) { (statuses.len()) } }
                ul.counts { @for s in target_states {
                    li data-state=(s.code()) class=[(s == TargetState::Behind && by_target.get(s.code()).copied().unwrap_or(0) > 0).then_some("bad")] {
                        a href=(format!("/plans/{}/targets?state={}", plan.id, s.code())) { (s.label(zh)) " " strong { (by_target.get(s.code()).copied().unwrap_or(0)) } }
                    }
                } }
            }
            div.panel #board-reports {
                h2 { (lang.label(cat::plans::reports_this_month())) " " (month) }
                ul.counts { @for t in [due::Timeliness::OnTime, due::Timeliness::Late, due::Timeliness::Missing, due::Timeliness::Pending] {
                    li data-state=(t.code()) class=[(t == due::Timeliness::Missing && by_report.get(t.code()).copied().unwrap_or(0) > 0).then_some("bad")] {
                        a href=(format!("/plans/{}/reports?month={month}&status={}", plan.id, t.code())) { (t.label(zh)) " " strong { (by_report.get(t.code()).copied().unwrap_or(0)) } }
                    }
                } }
            }
            div.panel #board-notices {
                h2 { (lang.label(cat::plans::supervision())) }
                p { a href=(format!("/plans/{}/notices", plan.id)) { (lang.label(cat::plans::unanswered_notices())) strong { (notices_open) } } }
            }
        }
        div.panel #board-units {
            h2 { (lang.label(cat::plans::by_unit())) }
            div.table-wrap { table {
                thead { tr { th { (lang.label(cat::inventory::col_unit())) } th.num { (lang.label(cat::plans::tasks_2())) } th.num { (lang.label(cat::plans::overdue())) } th { (lang.label(cat::plans::this_months_report())) } } }
                tbody { @for (u, (n, late)) in &unit_rows { tr {
                    td { span.v { (names.get(u).cloned().unwrap_or_default()) } }
                    td.num { a href=(format!("/plans/{}/tasks?unit={u}", plan.id)) { (n) } }
                    td.num class=[(*late > 0).then_some("bad")] { a href=(format!("/plans/{}/tasks?unit={u}&state=overdue", plan.id)) { (late) } }
                    td { @if let Some(r) = reports.iter().find(|r| r.unit_id == *u) { (r.timeliness.label(zh)) } }
                } } }
            } }
        }
        @if viewer.can(Permission::ManagePlans) { (import_form(&ctx, &plan)) }
    };
    Ok(layout::page(&ctx, Section::Plans, &plan.title, body))
}

fn import_form(ctx: &Ctx, plan: &Plan) -> Markup {
    let lang = ctx.lang;
    html! {
        div.panel #task-import {
            h2 { (lang.label(cat::plans::import_the_task_sheet())) }
            p.muted { (lang.label(cat::plans::one_row_per_task_if_any())) }
            form method="post" action=(format!("/plans/{}/import", plan.id)) enctype="multipart/form-data" {
                (layout::csrf_field(ctx))
                input type="file" name="file" accept=".xlsx" required; " "
                button type="submit" { (lang.label(cat::common::upload_and_import())) } " "
                a href="/plans/template.xlsx" { (lang.label(cat::synergy::page_template())) }
            }
        }
    }
}

pub async fn template() -> crate::Result<Response> {
    let bytes = plans::import::template().map_err(|e| Error::other(e))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"plan-tasks-template.xlsx\""),
        ],
        bytes,
    )
        .into_response())
}

pub async fn import(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, multipart: Multipart) -> crate::Result<(StatusCode, Markup)> {
    let lang = ctx.lang;
    let plan = load_plan(&state, &viewer, id).await?;
    let outcome = async {
        let (_, bytes, _, _) = super::import::read_upload(multipart).await?;
        let names = store::unit_names(&state.db).await?;
        let rows = plans::import::parse(&bytes, &names, store::plan_period(&plan)?).map_err(Error::rejected)?;
        store::import_tasks(&state.db, &viewer.actor(), plan.id, &rows).await
    }
    .await;
    let status = match &outcome {
        Ok(_) => StatusCode::OK,
        Err(e) => e.status(),
    };
    let result = match outcome {
        Ok((added, updated)) => html! { div.panel #import-result { h2.ok { (lang.label(cat::common::imported())) } p { (lang.label(cat::plans::tasks_added())) (added) " · " (lang.label(cat::plans::updated())) (updated) } } },
        Err(Error::Rejected(problems)) => html! { div.panel #import-result {
            h2.bad { (lang.label(cat::common::import_refused_nothing_was_written())) " (" (problems.len()) ")" }
            (problems_table(lang, &problems))
        } },
        Err(e) => html! { div.panel #import-result { h2.bad { (lang.label(cat::common::import_refused_nothing_was_written())) } p { (e.to_string()) } } },
    };
    let body = html! { (plan_nav(lang, &plan, "/import")) (result) (import_form(&ctx, &plan)) };
    Ok((status, layout::page(&ctx, Section::Plans, &plan.title, body)))
}

#[derive(Deserialize, Default)]
pub struct TaskQuery {
    state: Option<String>,
    unit: Option<i64>,
}

pub async fn tasks(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, Query(q): Query<TaskQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let zh = lang == Lang::Zh;
    let plan = load_plan(&state, &viewer, id).await?;
    let names = unit_names(&store::units(&state.db).await?);
    let today = today_beijing();
    let all = store::tasks(&state.db, plan.id).await?;
    let shown: Vec<&Task> = all
        .iter()
        .filter(|t| q.state.as_deref().is_none_or(|s| t.shown_state(today) == s))
        .filter(|t| q.unit.is_none_or(|u| t.lead_unit_id == u || t.responsible.contains(&u) || t.cooperating.contains(&u)))
        .collect();
    let can_edit = viewer.can(Permission::ManagePlans);
    let body = html! {
        (plan_nav(lang, &plan, "/tasks"))
        div.panel {
            p { (lang.label(cat::plans::showing())) (shown.len()) " / " (all.len())
                @if q.state.is_some() || q.unit.is_some() { " · " a href=(format!("/plans/{}/tasks", plan.id)) { (lang.label(cat::inventory::all())) } } }
            div.table-wrap { table #tasks {
                thead { tr { th { (lang.label(cat::plans::no())) } th { (lang.label(cat::plans::line_task())) } th { (lang.label(cat::plans::due())) }
                    th { (lang.label(cat::plans::lead())) } th { (lang.label(cat::plans::responsible())) } th { (lang.label(cat::plans::cooperating())) } th { (lang.label(cat::common::state())) } } }
                tbody { @for t in &shown { tr data-task=(t.id) {
                    td { @if can_edit { a href=(format!("/plans/{}/tasks/{}", plan.id, t.id)) { span.v { (t.number) } } } @else { span.v { (t.number) } } }
                    td { strong { span.v { (t.title) } } @if !t.measures.is_empty() { br; span.small.muted { span.v { (t.measures.chars().take(120).collect::<String>()) } } } }
                    td { (t.due_date) }
                    td { span.v { (names.get(&t.lead_unit_id).cloned().unwrap_or_default()) } }
                    td { span.v { (names_of(&t.responsible, &names)) } }
                    td { span.v { (names_of(&t.cooperating, &names)) } }
                    td class=[(t.overdue(today)).then_some("bad")] { (plans::task_state_label(t.shown_state(today), zh)) }
                } } }
            } }
        }
    };
    Ok(layout::page(&ctx, Section::Plans, &plan.title, body))
}

pub async fn task_form(state: State, ctx: Ctx, viewer: Viewer, Path((id, task_id)): Path<(i64, i64)>) -> crate::Result<Markup> {
    let plan = load_plan(&state, &viewer, id).await?;
    let task = store::tasks(&state.db, plan.id).await?.into_iter().find(|t| t.id == task_id).ok_or_else(|| Error::NotFound(crate::i18n::catalogue::plans::task_not_found(task_id)))?;
    render_task_form(&state, &ctx, &plan, &task, None).await
}

async fn render_task_form(state: &State, ctx: &Ctx, plan: &Plan, task: &Task, message: Option<String>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let units = store::units(&state.db).await?;
    let names = unit_names(&units);
    let body = html! {
        (plan_nav(lang, plan, "/tasks"))
        @if let Some(m) = &message { p.bad #task-error { (m) } }
        div.panel {
            form method="post" action=(format!("/plans/{}/tasks/{}", plan.id, task.id)) #task-edit {
                (layout::csrf_field(ctx))
                p { label { (lang.label(cat::plans::no())) " " input type="text" name="number" value=(task.number) required; } " "
                    label { (lang.label(cat::plans::due())) " " input type="date" name="due_date" value=(task.due_date) required; } }
                p { label { (lang.label(cat::plans::task())) " " input type="text" name="title" value=(task.title) size="60" required; } }
                p { label { (lang.label(cat::plans::measures())) br; textarea name="measures" rows="5" cols="80" { (task.measures) } } }
                p { label { (lang.label(cat::plans::lead_unit())) " " select name="lead" { @for u in &units { option data-v value=(u.name) selected[u.id == task.lead_unit_id] { (u.name) } } } } }
                p { label { (lang.label(cat::plans::responsible_units_separated_by_the_enumeration())) br; input type="text" name="responsible" size="80" value=(names_of(&task.responsible, &names)); } }
                p { label { (lang.label(cat::plans::cooperating_units_separated_by_the_enumeration())) br; input type="text" name="cooperating" size="80" value=(names_of(&task.cooperating, &names)); } }
                button type="submit" { (lang.label(cat::synergy::page_save())) }
            }
        }
    };
    Ok(layout::page(ctx, Section::Plans, &task.title, body))
}

#[derive(Deserialize)]
pub struct TaskForm {
    number: String,
    title: String,
    #[serde(default)]
    measures: String,
    due_date: String,
    lead: String,
    #[serde(default)]
    responsible: String,
    #[serde(default)]
    cooperating: String,
}

pub async fn save_task(state: State, ctx: Ctx, viewer: Viewer, Path((id, task_id)): Path<(i64, i64)>, Form(f): Form<TaskForm>) -> crate::Result<Response> {
    let plan = load_plan(&state, &viewer, id).await?;
    let task = store::tasks(&state.db, plan.id).await?.into_iter().find(|t| t.id == task_id).ok_or_else(|| Error::NotFound(crate::i18n::catalogue::plans::task_not_found(task_id)))?;
    let names = store::unit_names(&state.db).await?;
    // The same checks as a one-row import.
    let rows = vec![
        plans::import::COLUMNS.iter().map(|c| c.0.to_string()).collect::<Vec<_>>(),
        vec![f.number, f.title, f.measures, f.due_date, f.lead, f.responsible, f.cooperating],
    ];
    match plans::import::parse_rows(&rows, &names, store::plan_period(&plan)?) {
        Ok(parsed) => {
            store::update_task(&state.db, &viewer.actor(), &plan, task_id, &parsed[0]).await?;
            Ok(Redirect::to(&format!("/plans/{}/tasks", plan.id)).into_response())
        }
        Err(problems) => {
            let m = problems.iter().map(|p| format!("{}「{}」:{}", p.column, p.value, p.reason.render(ctx.lang))).collect::<Vec<_>>().join(";");
            let page = render_task_form(&state, &ctx, &plan, &task, Some(m)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

#[derive(Deserialize, Default)]
pub struct TargetQuery {
    state: Option<String>,
}

pub async fn targets(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, Query(q): Query<TargetQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let zh = lang == Lang::Zh;
    let plan = load_plan(&state, &viewer, id).await?;
    let names = unit_names(&store::units(&state.db).await?);
    let today = today_beijing();
    let all = store::target_statuses(&state.db, &plan, today.year()).await?;
    let shown: Vec<_> = all.iter().filter(|s| q.state.as_deref().is_none_or(|x| s.assessment.state.code() == x)).collect();
    let body = html! {
        (plan_nav(lang, &plan, "/targets"))
        div.panel {
            p.muted { (if zh { format!("进度状态规则:达到当年节点值为“进度正常”,达到节点值的 {:.0}% 及以上为“存在风险”,其余为“进度滞后”(方案设置)。", plan.at_risk_ratio * 100.0) }
                else { format!("Rule: reaching the year's milestone is on track; {:.0} % of it or more is at risk; less is behind (a plan setting).", plan.at_risk_ratio * 100.0) }) }
            div.table-wrap { table #targets {
                thead { tr { th { (lang.label(cat::synergy::col_indicator())) } th { (lang.label(cat::inventory::col_baseline())) } th { (lang.label(cat::plans::target())) }
                    th { (lang.label(cat::plans::milestone())) } th { (lang.label(cat::plans::current())) } th.num { (lang.label(cat::plans::share())) }
                    th { (lang.label(cat::common::state())) } th { (lang.label(cat::synergy::col_source())) } th { (lang.label(cat::plans::unit_2())) } } }
                tbody { @for s in &shown {
                    @let t = &s.target;
                    @let a = &s.assessment;
                    @let change = t.kind == "change_pct";
                    @let verb = if t.direction == "decrease" { lang.label(cat::plans::down()) } else { lang.label(cat::plans::up()) };
                    tr data-target=(t.code) data-state=(a.state.code()) {
                        td { strong { span.v { (t.indicator) } } }
                        td { (t.baseline_year) ": " (fmt(t.baseline_value)) @if !change { " " span.v { (t.measure_unit) } } }
                        td { (t.target_year) ": " @if change { (verb) (fmt(t.target_value)) "%" } @else { (fmt(t.target_value)) " " span.v { (t.measure_unit) } } }
                        td { (a.year) ": " @if change { (verb) (fmt(a.required)) "%" } @else { (fmt(a.required)) } }
                        td { @match a.current { Some(c) => { @if change { (if c <= 0.0 { lang.label(cat::plans::down()) } else { lang.label(cat::plans::up()) }) (fmt(c.abs())) "%" } @else { (fmt(c)) } } None => { "—" } }
                            @if !s.detail.is_empty() { br; span.small.muted { span.v { (s.detail) } } } }
                        td.num { @if let Some(x) = a.share { (format!("{:.0}%", x * 100.0)) } }
                        td class=[(a.state == TargetState::Behind).then_some("bad")] { (a.state.label(zh)) }
                        td.small { @if let Some(l) = &s.link { a href=(l) { (t.source.label(zh)) } } @else { (t.source.label(zh)) } }
                        td { span.v { (names.get(&t.unit_id).cloned().unwrap_or_default()) } }
                    }
                } }
            } }
        }
    };
    Ok(layout::page(&ctx, Section::Plans, &plan.title, body))
}

pub async fn projects(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let zh = lang == Lang::Zh;
    let plan = load_plan(&state, &viewer, id).await?;
    let names = unit_names(&store::units(&state.db).await?);
    let all = store::projects(&state.db, plan.id).await?;
    let mut by_domain: BTreeMap<&str, (usize, f64)> = BTreeMap::new();
    let mut by_year: BTreeMap<i32, (usize, f64)> = BTreeMap::new();
    for p in &all {
        let d = by_domain.entry(p.domain.as_str()).or_default();
        d.0 += 1;
        d.1 += p.investment_10k;
        let y = by_year.entry(p.year).or_default();
        y.0 += 1;
        y.1 += p.investment_10k;
    }
    let total: f64 = all.iter().map(|p| p.investment_10k).sum();
    let yi = |v: f64| fmt(v / 10_000.0);
    // The scenarios that model the projects, recomputed on the current inventory.
    let mut linked: Vec<i64> = all.iter().filter_map(|p| p.scenario_id).collect();
    linked.sort_unstable();
    linked.dedup();
    let effects = super::inventory::reductions(&state, &viewer.scope, &linked).await?;
    let modelled: Vec<(&Project, &super::inventory::Reduction)> = all.iter().filter_map(|p| Some((p, effects.get(&p.scenario_id?)?))).collect();
    let modelled_eq: f64 = modelled.iter().map(|(_, r)| r.equivalents).sum();
    let modelled_co2: f64 = modelled.iter().map(|(_, r)| r.co2_t).sum();
    let modelled_investment: f64 = modelled.iter().map(|(p, _)| p.investment_10k).sum();
    let may_link = viewer.can(Permission::ManagePlans);
    let choices = if may_link { crate::storage::inventory::list(&state.db, &viewer.scope).await? } else { Vec::new() };
    let tonnes = |v: f64| fmt((v * 10.0).round() / 10.0);
    let body = html! {
        (plan_nav(lang, &plan, "/projects"))
        div.grid2 {
            div.panel #projects-total {
                h2 { (lang.label(cat::inventory::col_total())) }
                p { strong { (all.len()) } (lang.label(cat::plans::projects_investment())) strong { (yi(total)) } (lang.label(cat::plans::n_100_million_yuan())) }
                table { thead { tr { th { (lang.label(cat::plans::domain())) } th.num { (lang.label(cat::plans::projects())) } th.num { (lang.label(cat::plans::investment_100_m_yuan())) } } }
                    tbody { @for (d, (n, v)) in &by_domain { tr { td { (plans::project_domain_label(d, zh)) } td.num { (n) } td.num { (yi(*v)) } } } } }
            }
            div.panel {
                h2 { (lang.label(cat::plans::by_year())) }
                table { thead { tr { th { (lang.label(cat::plans::year())) } th.num { (lang.label(cat::plans::projects())) } th.num { (lang.label(cat::plans::investment_100_m_yuan())) } } }
                    tbody { @for (y, (n, v)) in &by_year { tr { td { (y) } td.num { (n) } td.num { (yi(*v)) } } } } }
            }
        }
        div.panel #projects-modelled {
            h2 { (lang.label(cat::plans::modelled_title())) }
            p { (lang.t(&cat::plans::modelled_summary(modelled.len() as i64, all.len() as i64))) }
            @if !modelled.is_empty() {
                p.figures {
                    strong #modelled-equivalents data-v=(format!("{modelled_eq:.0}")) { (lang.t(&cat::plans::modelled_equivalents(&format!("{modelled_eq:.0}")))) } " · "
                    strong #modelled-co2 data-v=(format!("{modelled_co2:.1}")) { (lang.t(&cat::plans::modelled_co2(&tonnes(modelled_co2)))) }
                }
                @if modelled_investment > 0.0 {
                    @let per = modelled_investment / 10_000.0;
                    p { (lang.label(cat::plans::modelled_per_investment())) ": "
                        span.v { (lang.t(&cat::plans::modelled_equivalents(&format!("{:.0}", modelled_eq / per)))) " · " (lang.t(&cat::plans::modelled_co2(&tonnes(modelled_co2 / per)))) } }
                }
            }
            p.muted.small { (lang.label(cat::plans::modelled_note())) }
        }
        div.panel { div.table-wrap { table #projects {
            thead { tr { th { (lang.label(cat::plans::project())) } th { (lang.label(cat::plans::domain())) } th.num { (lang.label(cat::plans::investment_10k_yuan())) }
                th { (lang.label(cat::plans::year())) } th { (lang.label(cat::enforcement_cases::col_status())) } th { (lang.label(cat::plans::expected_reductions())) }
                th { (lang.label(cat::plans::col_modelled_reduction())) } th { (lang.label(cat::plans::unit_2())) } } }
            tbody { @for p in &all { tr data-project=(p.id) {
                td { span.v { (p.name) } } td { (plans::project_domain_label(&p.domain, zh)) } td.num { (fmt(p.investment_10k)) } td { (p.year) }
                td { (plans::project_status_label(&p.status, zh)) } td.small { span.v { (p.expected_reduction) } }
                td.small.modelled {
                    @match p.scenario_id.map(|s| (s, effects.get(&s))) {
                        Some((s, Some(r))) => {
                            a href=(format!("/inventory/scenarios/{s}")) { span.v { (r.name) } } " (" (r.year) ")" br;
                            span.v { (lang.t(&cat::plans::modelled_equivalents(&format!("{:.0}", r.equivalents)))) " · " (lang.t(&cat::plans::modelled_co2(&tonnes(r.co2_t)))) }
                            " · " (lang.t(&super::inventory::kind_label(r.kind)))
                        }
                        Some((_, None)) => { span.muted { (lang.label(cat::plans::scenario_unavailable())) } }
                        None => { "—" }
                    }
                    @if may_link && !choices.is_empty() {
                        form.inline method="post" action=(format!("/plans/{}/projects/{}/scenario", plan.id, p.id)) {
                            (layout::csrf_field(&ctx))
                            select name="scenario" aria-label=(lang.label(cat::plans::link_scenario())) {
                                option value="" { (lang.label(cat::plans::no_scenario())) }
                                @for c in &choices { option value=(c.id) selected[p.scenario_id == Some(c.id)] { (c.scenario.name) " (" (c.scenario.year) ")" } }
                            }
                            " " button.secondary type="submit" { (lang.label(cat::plans::save_link())) }
                        }
                    }
                }
                td { span.v { (names.get(&p.unit_id).cloned().unwrap_or_default()) } }
            } } }
        } } }
    };
    Ok(layout::page(&ctx, Section::Plans, &plan.title, body))
}

#[derive(Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    scenario: String,
}

/// `POST /plans/{plan}/projects/{project}/scenario`: links the key project to a saved scenario
/// the viewer may see (an empty choice unlinks it).
pub async fn link_scenario(state: State, viewer: Viewer, Path((id, project)): Path<(i64, i64)>, Form(f): Form<LinkForm>) -> crate::Result<Response> {
    let plan = load_plan(&state, &viewer, id).await?;
    let choice = f.scenario.trim();
    let scenario = if choice.is_empty() {
        None
    } else {
        let sid: i64 = choice.parse().map_err(|_| Error::Invalid(cat::plans::project_scenario_bad(choice)))?;
        match crate::storage::inventory::get(&state.db, &viewer.scope, sid).await {
            Ok(_) => Some(sid),
            Err(Error::NotFound(_)) => return Err(Error::Invalid(cat::plans::project_scenario_not_visible(sid))),
            Err(e) => return Err(e),
        }
    };
    store::link_project_scenario(&state.db, &viewer.actor(), plan.id, project, scenario).await?;
    Ok(Redirect::to(&format!("/plans/{}/projects", plan.id)).into_response())
}
