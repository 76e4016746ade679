//! Submissions: the review queue of the bureaus (jurisdiction-scoped), one submission with
//! its field-by-field diff and the accept / return forms, and the enterprise's own list
//! with the state of each thing it submitted.

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{self, Section};
use crate::auth::Viewer;
use crate::storage::submissions::{self as store, SubmissionFilter};
use crate::submissions::{diff::FieldChange, Decision, State as SubmissionState, Submission};
use crate::web::auth::Ctx;
use crate::web::i18n::Lang;
use crate::web::State;
use crate::i18n::catalogue as cat;

fn state_tag(lang: Lang, s: SubmissionState) -> Markup {
    let class = match s {
        SubmissionState::Pending => "tag pending",
        SubmissionState::Accepted => "tag ok",
        SubmissionState::Returned => "tag bad",
    };
    html! { span class=(class) { (s.label(lang == Lang::Zh)) } }
}

fn screening_count(changes: &[FieldChange]) -> usize {
    changes.iter().filter(|c| c.screening).count()
}

/// The diff as a table: sheet, row, field, current value, proposed value.
pub fn changes_table(lang: Lang, changes: &[FieldChange]) -> Markup {
    html! {
        @if changes.is_empty() {
            p.muted { (lang.label(cat::submissions::no_difference_from_the_current_record())) }
        } @else {
            div.table-wrap { table.diff #changes {
                thead { tr {
                    th { (lang.label(cat::common::sheet())) } th { (lang.label(cat::common::row())) } th { (lang.label(cat::submissions::field())) }
                    th { (lang.label(cat::submissions::current_record())) } th { (lang.label(cat::submissions::proposed())) } th {}
                } }
                tbody { @for c in changes {
                    tr class=[c.screening.then_some("screening")] {
                        td data-v { (c.sheet) } td data-v { (c.item) } td data-v { (c.field) }
                        td.before { @if c.before.is_empty() { span.muted { (lang.label(cat::submissions::empty())) } } @else { del { (c.before) } } }
                        td.after { @if c.after.is_empty() { span.muted { (lang.label(cat::submissions::empty())) } } @else { ins { (c.after) } } }
                        td { @if c.screening { span.tag.bad title=(lang.label(cat::submissions::this_field_feeds_the_screening())) { (lang.label(cat::submissions::screening())) } } }
                    }
                } }
            } }
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct QueueQuery {
    /// pending (default) | accepted | returned | all
    pub state: Option<String>,
}

/// The review queue: submissions inside the reviewer's jurisdiction.
pub async fn queue(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<QueueQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let zh = lang == Lang::Zh;
    let wanted = q.state.clone().unwrap_or_else(|| "pending".into());
    let filter = SubmissionFilter { state: (wanted != "all").then(|| wanted.clone()), ..Default::default() };
    let shown = store::list(&state.db, &viewer.scope, &filter).await?;
    let body = html! {
        div.panel {
            p.muted { (lang.label(cat::submissions::changes_and_answers_submitted_by_enterprise())) }
            p #queue-filter {
                @for (code, zh_label, en_label) in [("pending", "待审核", "Awaiting review"), ("returned", "已退回", "Returned"), ("accepted", "已采纳", "Accepted"), ("all", "全部", "All")] {
                    @if wanted == code { strong { (lang.pick(zh_label, en_label)) } } @else { a href=(format!("/submissions?state={code}")) { (lang.pick(zh_label, en_label)) } }
                    " · "
                }
            }
        }
        div.panel { div.table-wrap { table #submissions {
            thead { tr {
                th.num { "#" } th { (lang.label(cat::common::kind())) } th { (lang.label(cat::inventory::col_enterprise())) } th { (lang.label(cat::submissions::submitted_by())) }
                th { (lang.label(cat::submissions::submitted_2())) } th.num { (lang.label(cat::submissions::changes())) } th { (lang.label(cat::common::state())) }
            } }
            tbody {
                @if shown.is_empty() { tr { td colspan="7" { span.muted { (lang.label(cat::submissions::nothing_here())) } } } }
                @for s in &shown { tr data-submission=(s.id) {
                    td.num { a href=(format!("/submissions/{}", s.id)) { (s.id) } }
                    td { (s.kind.label(zh)) }
                    td data-v { (s.enterprise_name) br; code.small { (s.credit_code) } }
                    td data-v { (s.submitted_by) }
                    td { (crate::storage::display_time(&s.submitted_at)) }
                    td.num { (s.changes.len()) @let n = screening_count(&s.changes); @if n > 0 { " " span.bad { "(" (lang.label(cat::submissions::screening_2())) (n) ")" } } }
                    td { (state_tag(lang, s.state)) }
                } }
            }
        } } }
    };
    Ok(layout::page(&ctx, Section::Submissions, lang.label(cat::submissions::review_of_submissions()), body))
}

async fn render(state: &State, ctx: &Ctx, s: &Submission, message: Option<(bool, String)>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let zh = lang == Lang::Zh;
    let changes = if s.state == SubmissionState::Pending { store::changes_now(&state.db, s).await? } else { s.changes.clone() };
    let enterprise_id = crate::storage::ledger::enterprise_id_by_code(&state.db, &s.credit_code).await?;
    let body = html! {
        @if let Some((ok, m)) = &message { p class=(if *ok { "ok" } else { "bad" }) #decision-result { (m) } }
        div.panel #submission-facts {
            dl.facts {
                dt { (lang.label(cat::common::kind())) } dd { (s.kind.label(zh)) }
                dt { (lang.label(cat::inventory::col_enterprise())) } dd {
                    @if let Some(e) = enterprise_id { a data-v href=(format!("/enterprises/{e}")) { (s.enterprise_name) } } @else { span.v { (s.enterprise_name) } }
                    " " code { (s.credit_code) }
                }
                @if s.kind == crate::submissions::Kind::CaseAnswer {
                    dt { (lang.label(cat::enforcement_cases::col_case())) } dd { a href=(format!("/cases/{}", s.target)) { "#" (s.target) } }
                    dt { (lang.label(cat::common::answer())) } dd #answer-text { (s.payload["text"].as_str().unwrap_or_default()) }
                }
                dt { (lang.label(cat::submissions::submitted())) } dd data-v { (s.submitted_by) " · " (crate::storage::display_time(&s.submitted_at)) }
                dt { (lang.label(cat::common::state())) } dd #submission-state { (state_tag(lang, s.state)) }
                @if let Some(at) = &s.decided_at {
                    dt { (lang.label(cat::submissions::decided())) } dd { (s.decided_by) " · " (crate::storage::display_time(at)) }
                }
                @if !s.reason.is_empty() { dt { (lang.label(cat::submissions::reason_for_return())) } dd #return-reason { (s.reason) } }
            }
        }
        @if s.kind == crate::submissions::Kind::LedgerUpdate {
            div.panel {
                h2 { (lang.label(cat::submissions::field_by_field())) " (" (changes.len()) ")" }
                @if s.state == SubmissionState::Pending {
                    p.muted { (lang.label(cat::submissions::compared_with_the_record_as_it())) }
                }
                (changes_table(lang, &changes))
            }
        }
        @if s.state == SubmissionState::Pending {
            div.panel #review-forms {
                form.inline method="post" action=(format!("/submissions/{}/accept", s.id)) #accept-form {
                    (layout::csrf_field(ctx))
                    button type="submit" #accept { (lang.label(cat::submissions::accept_and_apply())) }
                }
                form method="post" action=(format!("/submissions/{}/return", s.id)) #return-form {
                    (layout::csrf_field(ctx))
                    p { label { (lang.label(cat::submissions::reason_for_return_shown_to_the())) br;
                        textarea name="reason" rows="3" cols="60" required {} } }
                    button.secondary type="submit" #return { (lang.label(cat::common::return_label())) }
                }
            }
        }
        p { a href="/submissions" { (lang.label(cat::submissions::back_to_the_queue())) } }
    };
    Ok(layout::page(ctx, Section::Submissions, &format!("{} #{}", lang.label(cat::submissions::submission()), s.id), body))
}

async fn scoped(state: &State, viewer: &Viewer, id: i64) -> crate::Result<Submission> {
    match store::get(&state.db, &viewer.scope, id).await {
        Err(crate::Error::NotFound(w)) => {
            if store::exists(&state.db, id).await? {
                crate::web::auth::record_refusal(state, &viewer.actor(), "access_denied", &format!("submission {id} (outside scope)")).await;
            }
            Err(crate::Error::NotFound(w))
        }
        other => other,
    }
}

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Markup> {
    let s = scoped(&state, &viewer, id).await?;
    render(&state, &ctx, &s, None).await
}

async fn decide(state: State, ctx: Ctx, viewer: Viewer, id: i64, decision: Decision) -> crate::Result<Response> {
    let s = scoped(&state, &viewer, id).await?;
    match store::decide(&state.db, &viewer, id, decision).await {
        Ok(_) => Ok(Redirect::to(&format!("/submissions/{id}")).into_response()),
        Err(e @ (crate::Error::Invalid(_) | crate::Error::Conflict(_))) => {
            let status = e.status();
            let why = match e {
                crate::Error::Invalid(w) | crate::Error::Conflict(w) => w.render(ctx.lang),
                other => other.to_string(),
            };
            let s = store::get(&state.db, &viewer.scope, s.id).await?;
            let m = format!("{}{why}", ctx.lang.label(cat::submissions::not_done()));
            Ok((status, render(&state, &ctx, &s, Some((false, m))).await?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn accept(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Response> {
    decide(state, ctx, viewer, id, Decision::Accept).await
}

#[derive(Deserialize)]
pub struct ReturnForm {
    #[serde(default)]
    pub reason: String,
}

pub async fn return_to_enterprise(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, Form(f): Form<ReturnForm>) -> crate::Result<Response> {
    decide(state, ctx, viewer, id, Decision::Return { reason: f.reason }).await
}

/// The enterprise's own submissions and what became of each.
pub async fn mine(state: State, ctx: Ctx, viewer: Viewer) -> crate::Result<(StatusCode, Markup)> {
    let lang = ctx.lang;
    let zh = lang == Lang::Zh;
    let list = store::list(&state.db, &viewer.scope, &SubmissionFilter::default()).await?;
    let body = html! {
        div.panel {
            p.muted { (lang.label(cat::submissions::ledger_changes_you_upload_under_import())) }
            p { a.button.secondary href="/import" { (lang.label(cat::submissions::submit_a_ledger_change())) } }
        }
        @if list.is_empty() { div.panel { p.muted { (lang.label(cat::submissions::nothing_submitted_yet())) } } }
        @for s in &list {
            div.panel.submission data-submission=(s.id) {
                h2 { "#" (s.id) " " (s.kind.label(zh)) " " (state_tag(lang, s.state)) }
                p.muted { (lang.label(cat::submissions::submitted_3())) (crate::storage::display_time(&s.submitted_at))
                    @if let Some(at) = &s.decided_at { " · " (lang.label(cat::submissions::decided_2())) (crate::storage::display_time(at)) } }
                @if !s.reason.is_empty() { p.bad.reason { (lang.label(cat::submissions::reason_for_return_2())) (s.reason) } }
                @if s.kind == crate::submissions::Kind::CaseAnswer {
                    p { (lang.label(cat::submissions::case())) "#" (s.target) ":" (s.payload["text"].as_str().unwrap_or_default()) }
                } @else {
                    details { summary { (lang.label(cat::submissions::changes_submitted())) "(" (s.changes.len()) ")" } (changes_table(lang, &s.changes)) }
                }
            }
        }
    };
    Ok((StatusCode::OK, layout::page(&ctx, Section::Submissions, lang.label(cat::common::my_submissions()), body)))
}
