//! Administration: accounts (add, disable, enable, reset password) and the audit log.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::html;
use serde::Deserialize;

use super::layout::{self, Section};
use crate::auth::{Department, Role, Viewer};
use crate::storage::accounts::{self, NewUser};
use crate::storage::audit::{self, Verdict};
use crate::web::auth::Ctx;
use crate::web::i18n::Lang;
use crate::web::State;
use crate::i18n::catalogue as cat;

async fn render(state: &State, ctx: &Ctx, message: Option<(bool, String)>) -> crate::Result<maud::Markup> {
    let lang = ctx.lang;
    let zh = lang == Lang::Zh;
    let users = accounts::list_users(&state.db).await?;
    let scope_names = crate::storage::ledger::full_names(&state.db, users.iter().flat_map(|u| u.divisions.split_whitespace())).await?;
    let body = html! {
        @if let Some((ok, m)) = &message { p class=(if *ok { "ok" } else { "bad" }) #admin-result { (m) } }
        div.panel {
            h2 { (lang.label(cat::admin::accounts())) " (" (users.len()) ")" }
            div.table-wrap { table #users {
                thead { tr {
                    th { (lang.label(cat::admin::account())) } th { (lang.label(cat::admin::role_and_department())) }
                    th { (lang.label(cat::common::jurisdiction())) } th { (lang.label(cat::common::state())) } th { (lang.label(cat::admin::actions())) }
                } }
                tbody { @for u in &users {
                    tr data-username=(u.username) {
                        td { code { (u.username) } @if !u.display_name.is_empty() { br; span.small.v { (u.display_name) } } }
                        td { (Role::parse(&u.role).map(|r| r.label(zh)).unwrap_or(&u.role))
                            @if let Some(d) = Department::parse(&u.department) { br; span.small.muted { (d.label(zh)) } } }
                        td.scope {
                            @for code in u.divisions.split_whitespace() { span.division.v title=(code) { (scope_names.get(code).map(String::as_str).unwrap_or(code)) } br; }
                            @if !u.enterprise_code.is_empty() { code { (u.enterprise_code) } }
                        }
                        td { @if u.disabled { span.bad { (lang.label(cat::common::disabled())) } } @else if u.locked { span.bad { (lang.label(cat::admin::locked_until())) (u.locked_until.map(crate::storage::display_unix_time).unwrap_or_default()) } } @else { (lang.label(cat::admin::active())) } }
                        td.actions {
                            form.inline method="post" action=(format!("/admin/users/{}/{}", u.username, if u.disabled { "enable" } else { "disable" })) {
                                (layout::csrf_field(ctx))
                                button.link type="submit" { @if u.disabled { (lang.label(cat::admin::enable())) } @else { (lang.label(cat::admin::disable())) } }
                            }
                            @if u.locked {
                                form.inline method="post" action=(format!("/admin/users/{}/unlock", u.username)) {
                                    (layout::csrf_field(ctx))
                                    button.link type="submit" { (lang.label(cat::admin::unlock())) }
                                }
                            }
                            details.reset {
                                summary { (lang.label(cat::admin::reset_password())) }
                                form method="post" action=(format!("/admin/users/{}/password", u.username)) {
                                    (layout::csrf_field(ctx))
                                    input type="password" name="password" placeholder=(lang.label(cat::admin::new_password())) autocomplete="new-password" required;
                                    " " button.secondary type="submit" { (lang.label(cat::admin::reset())) }
                                }
                            }
                        }
                    }
                } }
            } }
        }
        div.panel {
            h2 { (lang.label(cat::admin::add_an_account())) }
            form.filters method="post" action="/admin/users" #add-user {
                (layout::csrf_field(ctx))
                label { (lang.label(cat::common::username())) input type="text" name="username" required; }
                label { (lang.label(cat::common::name())) input type="text" name="display_name"; }
                // No role is preselected: an account gets only the role someone chose for it
                // (least privileged first in the menu).
                label { (lang.label(cat::common::role())) select name="role" required {
                    option value="" selected disabled { (lang.label(cat::admin::choose_a_role())) }
                    @for r in Role::ALL.iter().rev() { option value=(r.code()) { (r.label(zh)) } } } }
                label { (lang.label(cat::admin::department_bureau_staff())) select name="department" {
                    option value="" { "—" } @for d in Department::ALL { option value=(d.code()) { (d.label(zh)) } } } }
                label { (lang.label(cat::admin::division_or_grid_codes_space_separated())) input type="text" name="divisions"; }
                label { (lang.label(cat::admin::credit_code_enterprise_accounts())) input type="text" name="enterprise_code"; }
                label { (lang.label(cat::admin::initial_password())) input type="password" name="password" autocomplete="new-password" required; }
                button type="submit" { (lang.label(cat::admin::add())) }
            }
        }
        p { a href="/admin/audit" { (lang.label(cat::admin::audit_log_2())) } }
    };
    Ok(layout::page(ctx, Section::Admin, lang.label(cat::admin::accounts_2()), body))
}

pub async fn users(state: State, ctx: Ctx) -> crate::Result<maud::Markup> {
    render(&state, &ctx, None).await
}

#[derive(Deserialize)]
pub struct AddForm {
    pub username: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub department: String,
    #[serde(default)]
    pub divisions: String,
    #[serde(default)]
    pub enterprise_code: String,
    pub password: String,
}

async fn answer(state: &State, ctx: &Ctx, outcome: crate::Result<String>) -> crate::Result<Response> {
    match outcome {
        Ok(m) => Ok((StatusCode::OK, render(state, ctx, Some((true, m))).await?).into_response()),
        Err(e @ (crate::Error::Invalid(_) | crate::Error::Conflict(_) | crate::Error::NotFound(_))) => {
            Ok((e.status(), render(state, ctx, Some((false, e.render(ctx.lang)))).await?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn add_user(state: State, ctx: Ctx, viewer: Viewer, Form(f): Form<AddForm>) -> crate::Result<Response> {
    let outcome = async {
        if f.role.trim().is_empty() {
            return Err(crate::Error::Invalid(crate::i18n::catalogue::admin::choose_role()));
        }
        let role = Role::parse(&f.role).ok_or_else(|| crate::Error::Invalid(crate::i18n::catalogue::cli::unknown_role(&f.role)))?;
        let department = match f.department.trim() {
            "" => None,
            d => Some(Department::parse(d).ok_or_else(|| crate::Error::Invalid(crate::i18n::catalogue::cli::unknown_department(d)))?),
        };
        let user = NewUser {
            username: f.username.trim().to_string(),
            display_name: f.display_name.trim().to_string(),
            role,
            department,
            divisions: f.divisions.split_whitespace().map(str::to_string).collect(),
            enterprise_code: f.enterprise_code.trim().to_uppercase(),
            password: f.password.clone(),
        };
        accounts::add_user(&state.db, &viewer.actor(), &user).await?;
        Ok(format!("{} {}", ctx.lang.label(cat::admin::added_account()), user.username))
    }
    .await;
    answer(&state, &ctx, outcome).await
}

pub async fn disable(state: State, viewer: Viewer, Path(username): Path<String>) -> crate::Result<Response> {
    if username == viewer.username {
        return Err(crate::Error::Invalid(crate::i18n::catalogue::cli::cannot_disable_self()));
    }
    accounts::set_disabled(&state.db, &viewer.actor(), &username, true).await?;
    Ok(Redirect::to("/admin/users").into_response())
}

pub async fn enable(state: State, viewer: Viewer, Path(username): Path<String>) -> crate::Result<Response> {
    accounts::set_disabled(&state.db, &viewer.actor(), &username, false).await?;
    Ok(Redirect::to("/admin/users").into_response())
}

/// Lift a lockout before it expires (the account holder called the administrator).
pub async fn unlock(state: State, ctx: Ctx, viewer: Viewer, Path(username): Path<String>) -> crate::Result<Response> {
    let outcome = accounts::unlock(&state.db, &viewer.actor(), &username)
        .await
        .map(|()| format!("{} {username}", ctx.lang.label(cat::admin::unlocked_account())));
    answer(&state, &ctx, outcome).await
}

#[derive(Deserialize)]
pub struct ResetForm {
    pub password: String,
}

pub async fn reset_password(state: State, ctx: Ctx, viewer: Viewer, Path(username): Path<String>, Form(f): Form<ResetForm>) -> crate::Result<Response> {
    let outcome = accounts::set_password(&state.db, &viewer.actor(), &username, &f.password, None)
        .await
        .map(|()| format!("{} {username}", ctx.lang.label(cat::admin::password_reset())));
    answer(&state, &ctx, outcome).await
}

pub async fn audit(state: State, ctx: Ctx, axum::extract::Query(params): axum::extract::Query<Vec<(String, String)>>) -> crate::Result<maud::Markup> {
    let lang = ctx.lang;
    let verdict = audit::verify(&state.db).await?;
    let total = audit::count(&state.db).await?;
    let pager = super::pager::Pager::new("/admin/audit", params, 100).keeping(&[]).with_total(total.max(0) as u64);
    let lines = audit::page(&state.db, pager.offset(), pager.per_page as i64).await?;
    let body = html! {
        div.panel #audit-verdict {
            @match &verdict {
                Verdict::Intact { entries } => p.ok { (lang.label(cat::admin::hash_chain_intact_entries_verified())) (entries) },
                Verdict::Broken { seq, reason } => p.bad { (lang.label(cat::admin::hash_chain_broken_at_entry())) (seq) " — " span.v { (reason) } },
            }
            p.muted { (lang.label(cat::admin::command_line())) code { "lantian audit verify" } (lang.label(cat::admin::verifies())) code { (lang.label(cat::admin::lantian_audit_export_out_file())) } (lang.label(cat::admin::writes_a_verifiable_copy())) }
        }
        div.panel { div.table-wrap { table #audit {
            thead { tr { th.num { "#" } th { (lang.label(cat::common::time())) } th { (lang.label(cat::common::who())) } th { (lang.label(cat::common::role())) }
                th { (lang.label(cat::common::address())) } th { (lang.label(cat::admin::action())) } th { (lang.label(cat::admin::record())) } } }
            tbody { @for l in &lines { tr {
                td.num { (l.seq) } td data-v { (crate::storage::display_time(&l.at)) } td data-v { (l.actor) } td { (super::dossier::role_text(&l.role, lang)) } td data-v { (l.ip) }
                td { (action_text(&l.action, lang)) } td { (entity_text(&l.entity, lang)) " " span.v { (l.entity_id) } }
            } } }
        } }
        (pager.render(lang, "audit-pager")) }
    };
    Ok(layout::page(&ctx, Section::Admin, lang.label(cat::admin::audit_log()), body))
}

/// An audit action as people read it; an unknown code as itself, marked as data.
pub fn action_text(action: &str, lang: crate::i18n::Lang) -> maud::Markup {
    if crate::i18n::has_label("audit.action", action) {
        maud::html! { (crate::i18n::label("audit.action", action, lang)) }
    } else {
        maud::html! { code { (action) } }
    }
}

/// A kind of record named in the audit log.
pub fn entity_text(entity: &str, lang: crate::i18n::Lang) -> maud::Markup {
    if crate::i18n::has_label("audit.entity", entity) {
        maud::html! { (crate::i18n::label("audit.entity", entity, lang)) }
    } else {
        maud::html! { span.v { (entity) } }
    }
}
