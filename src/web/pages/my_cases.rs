//! The enterprise's own view of its exit case: what was found, on what basis, the steps
//! taken and the deadline, and a form to answer the notice (the answer is a submission the
//! bureau sees on the case page and reviews).

use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{self, Section};
use super::screening::outcome_label;
use crate::auth::Viewer;
use crate::screening::workflow::Action;
use crate::storage::cases::{self, Case};
use crate::web::auth::Ctx;
use crate::web::i18n::Lang;
use crate::web::State;

async fn render(state: &State, ctx: &Ctx, c: &Case, message: Option<(bool, String)>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let zh = lang == Lang::Zh;
    let events = cases::events(&state.db, c.id).await?;
    let answers = crate::storage::submissions::for_case(&state.db, c.id).await?;
    let findings = cases::findings(&state.db, c).await?;
    let can_answer = !matches!(c.state.as_str(), "identified" | "published");
    let today = time::OffsetDateTime::now_utc().date();
    let body = html! {
        @if let Some((ok, m)) = &message { p class=(if *ok { "ok" } else { "bad" }) #answer-result { (m) } }
        div.panel #my-case {
            dl.facts {
                dt { (lang.pick("设备", "Equipment")) } dd data-v { (c.equipment) " " (c.equipment_model) }
                dt { (lang.pick("问题", "Finding")) } dd data-v { (c.title) }
                dt { (lang.pick("说明", "Explanation")) } dd data-v { (c.explanation) }
                dt { (lang.pick("依据", "Basis")) } dd data-v { (c.citation) }
                dt { (lang.pick("处置", "Outcome")) } dd { (outcome_label(&c.outcome, lang)) }
                dt { (lang.pick("状态", "State")) } dd #my-case-state { strong { (super::cases::state_label(&c.state, lang)) } }
                dt { (lang.pick("期限", "Deadline")) } dd { span.v { (c.deadline.clone().unwrap_or_else(|| "—".into())) }
                    @if let Some(d) = c.overdue_days(today) { " " span.bad { (lang.pick("逾期 ", "overdue by ")) (d) (lang.pick(" 天", " days")) } } }
            }
        }
        div.panel {
            h2 { (lang.pick("发现的问题", "Findings")) " (" (findings.len()) ")" }
            ul #my-case-findings { @for f in &findings { li data-v { (f.equipment) " " (f.title) ":" (f.explanation) " (" (f.citation) ")" } } }
        }
        div.panel {
            h2 { (lang.pick("办理记录", "Steps taken")) }
            ul #my-case-events { @for e in &events { li {
                (crate::storage::display_time(&e.at)) " · "
                (Action::parse(&e.action).map(|a| a.label(lang)).unwrap_or(if e.action == "enterprise_answer" { lang.pick("企业答复", "answer of the enterprise") } else { &e.action }))
            } } }
        }
        div.panel #my-answers {
            h2 { (lang.pick("我的答复", "My answers")) }
            @if answers.is_empty() { p.muted { (lang.pick("尚未答复。", "No answer yet.")) } }
            ul { @for a in &answers { li data-submission=(a.id) {
                span.v { (crate::storage::display_time(&a.submitted_at)) } ": " span.v { (a.payload["text"].as_str().unwrap_or_default()) } " — " (a.state.label(zh))
                @if !a.reason.is_empty() { " (" (lang.pick("退回理由:", "returned: ")) span.v { (a.reason) } ")" }
            } } }
            @if can_answer {
                form method="post" action=(format!("/my/cases/{}/answer", c.id)) #answer-form {
                    (layout::csrf_field(ctx))
                    p { label { (lang.pick("对告知的答复(如整改计划、停产情况、异议及理由)", "Your answer to the notice (rectification plan, production stopped, objections and why)")) br;
                        textarea name="text" rows="4" cols="60" required {} } }
                    button type="submit" { (lang.pick("提交答复", "Send the answer")) }
                }
            } @else {
                p.muted { (lang.pick("案件尚未告知或已公示办结,不能答复。", "The case has not been notified yet or is closed; no answer can be sent.")) }
            }
        }
    };
    Ok(layout::page(ctx, Section::Submissions, &format!("{} #{} · {}", lang.pick("我的退出案件", "My exit case"), c.id, c.enterprise_name), body))
}

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Markup> {
    let c = cases::get(&state.db, &viewer.scope, id).await?;
    render(&state, &ctx, &c, None).await
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    pub text: String,
}

pub async fn answer(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, Form(f): Form<AnswerForm>) -> crate::Result<Response> {
    let c = cases::get(&state.db, &viewer.scope, id).await?;
    match crate::storage::submissions::submit_case_answer(&state.db, &viewer, id, &f.text).await {
        Ok(_) => Ok(Redirect::to(&format!("/my/cases/{id}")).into_response()),
        Err(e @ (crate::Error::Invalid(_) | crate::Error::Conflict(_))) => {
            let status = e.status();
            let why = match e {
                crate::Error::Invalid(w) | crate::Error::Conflict(w) => w.render(ctx.lang),
                other => other.to_string(),
            };
            Ok((status, render(&state, &ctx, &c, Some((false, why))).await?).into_response())
        }
        Err(e) => Err(e),
    }
}
