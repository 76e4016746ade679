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
            p.muted { (lang.pick("与现有台账没有差异。", "No difference from the current record.")) }
        } @else {
            div.table-wrap { table.diff #changes {
                thead { tr {
                    th { (lang.pick("工作表", "Sheet")) } th { (lang.pick("行", "Row")) } th { (lang.pick("字段", "Field")) }
                    th { (lang.pick("现有台账", "Current record")) } th { (lang.pick("企业申报", "Proposed")) } th {}
                } }
                tbody { @for c in changes {
                    tr class=[c.screening.then_some("screening")] {
                        td data-v { (c.sheet) } td data-v { (c.item) } td data-v { (c.field) }
                        td.before { @if c.before.is_empty() { span.muted { (lang.pick("(空)", "(empty)")) } } @else { del { (c.before) } } }
                        td.after { @if c.after.is_empty() { span.muted { (lang.pick("(空)", "(empty)")) } } @else { ins { (c.after) } } }
                        td { @if c.screening { span.tag.bad title=(lang.pick("该字段参与综合标准筛查", "This field feeds the screening")) { (lang.pick("影响筛查", "screening")) } } }
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
            p.muted { (lang.pick(
                "企业账号提交的台账变更和答复在此等待审核:逐项核对后采纳(立即写入台账)或退回并说明理由。审核结果企业可见,并记入审计日志。",
                "Changes and answers submitted by enterprise accounts wait here: check them field by field, then accept (applied at once) or return with a reason. The enterprise sees the decision; both are in the audit log.")) }
            p #queue-filter {
                @for (code, zh_label, en_label) in [("pending", "待审核", "Awaiting review"), ("returned", "已退回", "Returned"), ("accepted", "已采纳", "Accepted"), ("all", "全部", "All")] {
                    @if wanted == code { strong { (lang.pick(zh_label, en_label)) } } @else { a href=(format!("/submissions?state={code}")) { (lang.pick(zh_label, en_label)) } }
                    " · "
                }
            }
        }
        div.panel { div.table-wrap { table #submissions {
            thead { tr {
                th.num { "#" } th { (lang.pick("类型", "Kind")) } th { (lang.pick("企业", "Enterprise")) } th { (lang.pick("提交人", "Submitted by")) }
                th { (lang.pick("提交时间", "Submitted")) } th.num { (lang.pick("变更项", "Changes")) } th { (lang.pick("状态", "State")) }
            } }
            tbody {
                @if shown.is_empty() { tr { td colspan="7" { span.muted { (lang.pick("没有符合条件的申报。", "Nothing here.")) } } } }
                @for s in &shown { tr data-submission=(s.id) {
                    td.num { a href=(format!("/submissions/{}", s.id)) { (s.id) } }
                    td { (s.kind.label(zh)) }
                    td data-v { (s.enterprise_name) br; code.small { (s.credit_code) } }
                    td data-v { (s.submitted_by) }
                    td { (crate::storage::display_time(&s.submitted_at)) }
                    td.num { (s.changes.len()) @let n = screening_count(&s.changes); @if n > 0 { " " span.bad { "(" (lang.pick("影响筛查 ", "screening ")) (n) ")" } } }
                    td { (state_tag(lang, s.state)) }
                } }
            }
        } } }
    };
    Ok(layout::page(&ctx, Section::Submissions, lang.pick("申报审核", "Review of submissions"), body))
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
                dt { (lang.pick("类型", "Kind")) } dd { (s.kind.label(zh)) }
                dt { (lang.pick("企业", "Enterprise")) } dd {
                    @if let Some(e) = enterprise_id { a data-v href=(format!("/enterprises/{e}")) { (s.enterprise_name) } } @else { span.v { (s.enterprise_name) } }
                    " " code { (s.credit_code) }
                }
                @if s.kind == crate::submissions::Kind::CaseAnswer {
                    dt { (lang.pick("案件", "Case")) } dd { a href=(format!("/cases/{}", s.target)) { "#" (s.target) } }
                    dt { (lang.pick("答复", "Answer")) } dd #answer-text { (s.payload["text"].as_str().unwrap_or_default()) }
                }
                dt { (lang.pick("提交", "Submitted")) } dd data-v { (s.submitted_by) " · " (crate::storage::display_time(&s.submitted_at)) }
                dt { (lang.pick("状态", "State")) } dd #submission-state { (state_tag(lang, s.state)) }
                @if let Some(at) = &s.decided_at {
                    dt { (lang.pick("审核", "Decided")) } dd { (s.decided_by) " · " (crate::storage::display_time(at)) }
                }
                @if !s.reason.is_empty() { dt { (lang.pick("退回理由", "Reason for return")) } dd #return-reason { (s.reason) } }
            }
        }
        @if s.kind == crate::submissions::Kind::LedgerUpdate {
            div.panel {
                h2 { (lang.pick("逐项对比", "Field by field")) " (" (changes.len()) ")" }
                @if s.state == SubmissionState::Pending {
                    p.muted { (lang.pick("与当前台账对比;标“影响筛查”的字段决定综合标准筛查结果,请核对证照原件。",
                        "Compared with the record as it is now; fields marked “screening” decide the screening — check them against the documents.")) }
                }
                (changes_table(lang, &changes))
            }
        }
        @if s.state == SubmissionState::Pending {
            div.panel #review-forms {
                form.inline method="post" action=(format!("/submissions/{}/accept", s.id)) #accept-form {
                    (layout::csrf_field(ctx))
                    button type="submit" #accept { (lang.pick("采纳并写入", "Accept and apply")) }
                }
                form method="post" action=(format!("/submissions/{}/return", s.id)) #return-form {
                    (layout::csrf_field(ctx))
                    p { label { (lang.pick("退回理由(企业可见)", "Reason for return (shown to the enterprise)")) br;
                        textarea name="reason" rows="3" cols="60" required {} } }
                    button.secondary type="submit" #return { (lang.pick("退回", "Return")) }
                }
            }
        }
        p { a href="/submissions" { (lang.pick("← 返回审核列表", "← Back to the queue")) } }
    };
    Ok(layout::page(ctx, Section::Submissions, &format!("{} #{}", lang.pick("申报", "Submission"), s.id), body))
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
            let m = format!("{}{why}", ctx.lang.pick("未处理:", "Not done: "));
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
            p.muted { (lang.pick(
                "您通过“导入导出”提交的台账修改、对告知的答复,须经主管部门审核后才生效。被退回的可按理由修改后重新提交。",
                "Ledger changes you upload under Import / export and your answers to notices take effect only after the responsible bureau reviews them. A returned submission can be corrected and sent again.")) }
            p { a.button.secondary href="/import" { (lang.pick("提交台账修改", "Submit a ledger change")) } }
        }
        @if list.is_empty() { div.panel { p.muted { (lang.pick("还没有提交过申报。", "Nothing submitted yet.")) } } }
        @for s in &list {
            div.panel.submission data-submission=(s.id) {
                h2 { "#" (s.id) " " (s.kind.label(zh)) " " (state_tag(lang, s.state)) }
                p.muted { (lang.pick("提交于 ", "Submitted ")) (crate::storage::display_time(&s.submitted_at))
                    @if let Some(at) = &s.decided_at { " · " (lang.pick("审核于 ", "decided ")) (crate::storage::display_time(at)) } }
                @if !s.reason.is_empty() { p.bad.reason { (lang.pick("退回理由:", "Reason for return: ")) (s.reason) } }
                @if s.kind == crate::submissions::Kind::CaseAnswer {
                    p { (lang.pick("案件 ", "Case ")) "#" (s.target) ":" (s.payload["text"].as_str().unwrap_or_default()) }
                } @else {
                    details { summary { (lang.pick("申报的变更 ", "Changes submitted ")) "(" (s.changes.len()) ")" } (changes_table(lang, &s.changes)) }
                }
            }
        }
    };
    Ok((StatusCode::OK, layout::page(&ctx, Section::Submissions, lang.pick("我的申报", "My submissions"), body)))
}
