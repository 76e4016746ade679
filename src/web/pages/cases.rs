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

pub fn state_label(s: &str) -> &str {
    CaseStateCode::parse(s).map(|x| x.label_zh()).unwrap_or(s)
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
    let pager = super::pager::Pager::new("/cases", params, super::pager::PER_PAGE).keeping(&["state", "overdue", "credit_code", "q"]).with_total(shown.len() as u64);
    let overdue = all.iter().filter(|c| c.overdue_days(today()).is_some()).count();
    let mut by_state: std::collections::BTreeMap<&str, usize> = Default::default();
    for c in &all {
        *by_state.entry(c.state.as_str()).or_default() += 1;
    }
    let body = html! {
        div.panel {
            @if overdue > 0 { p.bad #overdue-alert { "逾期未完成的案件 " strong { (overdue) } " 件。" a href="/cases?overdue=true" { "查看" } } }
            p { "案件 " (all.len()) " 件:" @for (s, n) in &by_state { a href=(format!("/cases?state={s}")) { (state_label(s)) " " (n) } " · " } }
            p {
                a.button.secondary href=(format!("/cases/statistics.xlsx?year={}", today().year())) { "导出年度落后产能退出情况统计表" } " "
                a.button.secondary href="/cases/overdue.csv" { "逾期企业(信用平台 CSV)" } " "
                a.button.secondary href="/cases/overdue.json" { "逾期企业(信用平台 JSON)" } " "
                a.button.secondary href="/public" { "公示名单" }
            }
            form.filters method="get" action="/cases" #case-search {
                @if let Some(s) = filter.state.as_deref().filter(|s| !s.is_empty()) { input type="hidden" name="state" value=(s); }
                label { (ctx.lang.pick("企业名称或信用代码", "Name or credit code")) input type="search" name="q" value=[q.as_deref()]; }
                button type="submit" { (ctx.lang.pick("查询", "Search")) }
            }
        }
        div.panel { div.table-wrap { table #cases {
            thead { tr { th.num { "#" } th { "企业" } th { "设备" } th { "问题" } th { "处置" } th { "状态" } th { "期限" } } }
            tbody { @for c in pager.slice(&shown) { tr data-case=(c.id) {
                td.num { a href=(format!("/cases/{}", c.id)) { (c.id) } }
                td { (c.enterprise_name) br; code.small { (c.credit_code) } }
                td { (c.equipment) }
                td { (c.title) }
                td { (outcome_label(&c.outcome)) }
                td { (state_label(&c.state)) }
                td { (c.deadline.clone().unwrap_or_default()) @if let Some(d) = c.overdue_days(today()) { " " span.bad { "逾期 " (d) " 天" } } }
            } } }
        } }
        (pager.render(ctx.lang, "cases-pager")) }
    };
    Ok(layout::page(&ctx, Section::Cases, "落后产能退出案件", body))
}

fn step_form(ctx: &Ctx, c: &Case, action: Action) -> Markup {
    let case_id = c.id;
    let today_text = cases::format_day(today());
    // The rule's "eliminate by" date while it is still ahead; the officer states it otherwise.
    let suggested = c.rule_deadline.clone().filter(|d| cases::parse_day(d).is_some_and(|d| d >= today())).unwrap_or_default();
    let field = |name: &str, label: &str, kind: &str| html! { label { (label) " " input type=(kind) name=(name); } " " };
    html! {
        form.step method="post" action=(format!("/cases/{case_id}/step")) data-action=(action.code()) {
            (layout::csrf_field(ctx))
            input type="hidden" name="action" value=(action.code());
            @match action {
                Action::RequestExtension => { label { "延期(月)" " " select name="months" { option { "1" } option { "2" } option selected { "3" } } } " " }
                Action::OrderExit => { label { "退出期限" " " input type="date" name="deadline" value=(suggested) min=(today_text) required; } " " }
                Action::VerifyCompliant => { (field("inspectors", "核实人员(逗号分隔)", "text")) }
                Action::Seal => { label { "企业公开承诺" " " textarea name="pledge" rows="2" cols="50" {} } " " }
                Action::AcceptCounty | Action::AcceptCity => {
                    label { "验收意见" " " textarea name="opinion" rows="2" cols="50" {} } " "
                    (field("inspectors", "验收人员(逗号分隔,至少两人)", "text"))
                }
                _ => {}
            }
            (field("note", "备注", "text"))
            button type="submit" { (action.label_zh()) }
        }
    }
}

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Markup> {
    let c = match cases::get(&state.db, &viewer.scope, id).await {
        Err(crate::Error::NotFound(w)) => {
            if cases::exists(&state.db, id).await? {
                crate::web::auth::record_refusal(&state, &viewer.actor(), "access_denied", &format!("GET /cases/{id} (outside scope)")).await;
            }
            return Err(crate::Error::NotFound(w));
        }
        other => other?,
    };
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
                    dt { "企业" } dd { @if let Some(e) = enterprise_id { a href=(format!("/enterprises/{e}")) { (c.enterprise_name) } } @else { (c.enterprise_name) } " " code { (c.credit_code) } }
                    dt { "设备" } dd { (c.equipment) " " (c.equipment_model) @if let Some(cap) = c.capacity { " · " (cap) " " (c.capacity_unit) } }
                    dt { "问题" } dd { code { (c.rule) } " " (c.title) "(" (dimension_label(&c.dimension)) ")" }
                    dt { "说明" } dd { (c.explanation) }
                    dt { "依据" } dd { (c.citation) }
                    dt { "处置" } dd { (outcome_label(&c.outcome)) @if let Some(d) = &c.rule_deadline { "(" (d) "前)" } }
                    dt { "状态" } dd #case-state { strong { (state_label(&c.state)) } }
                    dt { "期限" } dd { (c.deadline.clone().unwrap_or_else(|| "—".into()))
                        @if let Some(d) = c.overdue_days(today()) { " " span.bad #overdue { "逾期 " (d) " 天" } }
                        @if c.extension_used { " (已延期一次)" } }
                    @if !c.pledge.is_empty() { dt { "企业承诺" } dd { (c.pledge) } }
                    @if let Some(d) = &c.exited_on { dt { "退出日期" } dd { (d) " (" (if c.dismantled { "拆除" } else { "封存" }) ")" } }
                }
            }
            div.panel #case-actions {
                h2 { "办理" }
                @if actions.is_empty() { p.muted { "当前状态没有可办理的步骤。" } }
                @for a in &actions { (step_form(ctx, c, *a)) }
                @if viewer.can(Permission::ManageCases) && !published {
                    h2 { "现场照片" }
                    form method="post" action=(format!("/cases/{}/photos", c.id)) enctype="multipart/form-data" #photo-upload {
                        (layout::csrf_field(ctx))
                        select name="stage" { option value="before" { "拆除(封存)前" } option value="during" { "拆除中" } option value="after" { "拆除后" } }
                        " " input type="file" name="photo" accept="image/jpeg,image/png" required;
                        " " button type="submit" { "上传" }
                    }
                }
                ul #photos { @for p in &photos { li { (p.stage) ": " a href=(format!("/cases/{}/photos/{}", c.id, p.id)) { (p.file_name) } " · " (crate::storage::display_time(&p.at)) } } }
            }
        }
        div.panel { h2 { "本案问题 (" (findings.len()) ")" } div.table-wrap { table #case-findings {
            thead { tr { th { "设备" } th { "问题" } th { "维度" } th { "处置" } th { "说明" } th { "依据" } } }
            tbody { @for f in &findings { tr {
                td { (f.equipment) " " (f.equipment_model) @if let Some(cap) = f.capacity { " · " (cap) " " (f.capacity_unit) } }
                td { (f.title) } td { (dimension_label(&f.dimension)) }
                td { (outcome_label(&f.outcome)) @if let Some(d) = &f.rule_deadline { "(" (d) "前)" } }
                td.small { (f.explanation) } td.small { (f.citation) }
            } } }
        } } }
        @if !answers.is_empty() {
            div.panel #case-answers { h2 { "企业答复" }
                ul { @for a in &answers { li data-submission=(a.id) {
                    (crate::storage::display_time(&a.submitted_at)) " · " (a.submitted_by) ":" (a.payload["text"].as_str().unwrap_or_default())
                    " — " (a.state.label(true))
                    @if a.state == crate::submissions::State::Pending && viewer.can(Permission::ReviewSubmissions) {
                        " " a href=(format!("/submissions/{}", a.id)) { "审核" }
                    }
                    @if !a.reason.is_empty() { " (退回理由:" (a.reason) ")" }
                } } }
            }
        }
        div.panel { h2 { "办理记录" } div.table-wrap { table #case-events {
            thead { tr { th { "时间" } th { "办理人" } th { "步骤" } th { "状态" } th { "内容" } } }
            tbody { @for e in &events { tr {
                td { (crate::storage::display_time(&e.at)) } td { (e.actor) }
                td { (Action::parse(&e.action).map(|a| a.label_zh()).unwrap_or(if e.action == "enterprise_answer" { "企业答复" } else { &e.action })) }
                td { (state_label(&e.from_state)) " → " (state_label(&e.to_state)) }
                td.small { (event_detail(&e.detail)) }
            } } }
        } } }
    };
    Ok(layout::page(ctx, Section::Cases, &format!("退出案件 #{}", c.id), body))
}

/// The filled-in parts of a step, in words.
fn event_detail(d: &serde_json::Value) -> String {
    let mut parts = Vec::new();
    let text = |k: &str| d[k].as_str().filter(|s| !s.is_empty()).map(str::to_string);
    if let Some(v) = text("deadline") {
        parts.push(format!("期限 {v}"));
    }
    if let Some(m) = d["months"].as_u64() {
        parts.push(format!("延期 {m} 个月"));
    }
    if let Some(v) = text("pledge") {
        parts.push(format!("承诺:{v}"));
    }
    if let Some(v) = text("opinion") {
        parts.push(format!("验收意见:{v}"));
    }
    if let Some(list) = d["inspectors"].as_array().filter(|l| !l.is_empty()) {
        parts.push(format!("人员:{}", list.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join("、")));
    }
    if let Some(v) = text("note") {
        parts.push(format!("备注:{v}"));
    }
    if let Some(v) = text("text") {
        parts.push(format!("答复:{v}"));
    }
    parts.join(";")
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
    let action = Action::parse(&f.action).ok_or_else(|| crate::Error::Invalid(crate::i18n::untranslated(format!("unknown step {:?}", f.action))))?;
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
            let message = format!("未办理“{}”:\n{}", action.label_zh(), problems.iter().map(|p| p.0.as_str()).collect::<Vec<_>>().join("\n"));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&state, &ctx, &viewer, &c, Some((false, message))).await?).into_response())
        }
    }
}

pub async fn upload_photo(state: State, viewer: Viewer, Path(id): Path<i64>, mut multipart: Multipart) -> crate::Result<Response> {
    let (mut stage, mut file) = (String::new(), None);
    while let Some(field) = multipart.next_field().await.map_err(|e| crate::Error::Invalid(crate::i18n::untranslated(e.body_text())))? {
        match field.name() {
            Some("stage") => stage = field.text().await.map_err(|e| crate::Error::Invalid(crate::i18n::untranslated(e.body_text())))?,
            Some("photo") => {
                let name = field.file_name().unwrap_or("photo").to_string();
                file = Some((name, field.bytes().await.map_err(|e| crate::Error::Invalid(crate::i18n::untranslated(e.body_text())))?));
            }
            _ => {}
        }
    }
    let (name, bytes) = file.ok_or_else(|| crate::Error::Invalid(crate::i18n::untranslated("no photo was uploaded (field \"photo\")")))?;
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
