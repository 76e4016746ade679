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
use crate::i18n::catalogue as cat;

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
                dt { (lang.label(cat::inventory::col_equipment())) } dd data-v { (c.equipment) " " (c.equipment_model) }
                dt { (lang.label(cat::common::finding())) } dd data-v { (c.title) }
                dt { (lang.label(cat::enforcement_cases::col_explanation())) } dd data-v { (c.explanation) }
                dt { (lang.label(cat::common::basis())) } dd data-v { (c.citation) }
                dt { (lang.label(cat::common::outcome())) } dd { (outcome_label(&c.outcome, lang)) }
                dt { (lang.label(cat::common::state())) } dd #my-case-state { strong { (super::cases::state_label(&c.state, lang)) } }
                dt { (lang.label(cat::common::deadline())) } dd { span.v { (c.deadline.clone().unwrap_or_else(|| "—".into())) }
                    @if let Some(d) = c.overdue_days(today) { " " span.bad { (lang.label(cat::cases::overdue_by())) (d) (lang.label(cat::common::days())) } } }
            }
        }
        div.panel {
            h2 { (lang.label(cat::cases::findings())) " (" (findings.len()) ")" }
            ul #my-case-findings { @for f in &findings { li data-v { (f.equipment) " " (f.title) ":" (f.explanation) " (" (f.citation) ")" } } }
        }
        div.panel {
            h2 { (lang.label(cat::cases::steps_taken())) }
            ul #my-case-events { @for e in &events { li {
                (crate::storage::display_time(&e.at)) " · "
                (Action::parse(&e.action).map(|a| a.label(lang)).unwrap_or(if e.action == "enterprise_answer" { lang.label(cat::cases::answer_of_the_enterprise()) } else { &e.action }))
            } } }
        }
        div.panel #my-answers {
            h2 { (lang.label(cat::cases::my_answers())) }
            @if answers.is_empty() { p.muted { (lang.label(cat::cases::no_answer_yet())) } }
            ul { @for a in &answers { li data-submission=(a.id) {
                span.v { (crate::storage::display_time(&a.submitted_at)) } ": " span.v { (a.payload["text"].as_str().unwrap_or_default()) } " — " (a.state.label(zh))
                @if !a.reason.is_empty() { " (" (lang.label(cat::cases::returned())) span.v { (a.reason) } ")" }
            } } }
            @if can_answer {
                form method="post" action=(format!("/my/cases/{}/answer", c.id)) #answer-form {
                    (layout::csrf_field(ctx))
                    p { label { (lang.label(cat::cases::your_answer_to_the_notice_rectification())) br;
                        textarea name="text" rows="4" cols="60" required {} } }
                    button type="submit" { (lang.label(cat::cases::send_the_answer())) }
                }
            } @else {
                p.muted { (lang.label(cat::cases::the_case_has_not_been_notified())) }
            }
        }
    };
    Ok(layout::page(ctx, Section::Submissions, &format!("{} #{} · {}", lang.label(cat::cases::my_exit_case()), c.id, c.enterprise_name), body))
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
