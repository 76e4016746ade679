//! My account: who I am, what I may see, and changing my password.

use axum::http::StatusCode;
use axum::{Extension, Form};
use maud::html;
use serde::Deserialize;

use super::layout::{self, Section};
use crate::auth::{Scope, Viewer};
use crate::storage::accounts;
use crate::web::auth::{Ctx, RequestAuth};
use crate::web::State;

fn render(ctx: &Ctx, viewer: &Viewer, message: Option<(bool, String)>) -> maud::Markup {
    let lang = ctx.lang;
    let zh = lang == crate::web::i18n::Lang::Zh;
    let scope = match &viewer.scope {
        Scope::All => lang.pick("全部", "everything").to_string(),
        Scope::Divisions(d) => d.join(", "),
        Scope::Enterprise(c) => c.clone(),
        Scope::Nothing => lang.pick("未设置", "not set").to_string(),
    };
    let body = html! {
        div.panel #account {
            dl.facts {
                dt { (lang.pick("用户名", "Username")) } dd data-v { (viewer.username) }
                dt { (lang.pick("角色", "Role")) } dd { (viewer.role.label(zh)) @if let Some(d) = viewer.department { " · " (d.label(zh)) } }
                dt { (lang.pick("管辖范围", "Jurisdiction")) } dd { code { (scope) } }
            }
        }
        div.panel {
            h2 { (lang.pick("修改密码", "Change password")) }
            @if let Some((ok, m)) = &message { p class=(if *ok { "ok" } else { "bad" }) #password-result { (m) } }
            form method="post" action="/account/password" {
                (layout::csrf_field(ctx))
                p { label { (lang.pick("当前密码", "Current password")) br; input type="password" name="current" autocomplete="current-password" required; } }
                p { label { (lang.pick("新密码(至少10位,含大写、小写、数字、符号中的三类)", "New password (10+ characters, three of: upper, lower, digit, symbol)")) br;
                    input type="password" name="new" autocomplete="new-password" required; } }
                button type="submit" { (lang.pick("修改", "Change")) }
            }
        }
    };
    layout::page(ctx, Section::Account, lang.pick("我的账号", "My account"), body)
}

pub async fn page(ctx: Ctx, viewer: Viewer) -> maud::Markup {
    render(&ctx, &viewer, None)
}

#[derive(Deserialize)]
pub struct PasswordForm {
    pub current: String,
    pub new: String,
}

pub async fn change_password(
    state: State,
    ctx: Ctx,
    viewer: Viewer,
    Extension(auth): Extension<RequestAuth>,
    Form(f): Form<PasswordForm>,
) -> crate::Result<(StatusCode, maud::Markup)> {
    use crate::i18n::catalogue::account as msg;
    use accounts::PasswordChange;
    let lang = ctx.lang;
    let refused = |status, m: String| Ok((status, render(&ctx, &viewer, Some((false, m)))));
    match accounts::change_own_password(&state.db, &viewer.actor(), &viewer.username, &f.current, &f.new, auth.token.as_deref()).await {
        Ok(PasswordChange::Changed) => Ok((StatusCode::OK, render(&ctx, &viewer, Some((true, lang.pick("密码已修改", "Password changed").to_string()))))),
        Ok(PasswordChange::WrongCurrent) => refused(StatusCode::UNPROCESSABLE_ENTITY, msg::current_wrong(accounts::MAX_FAILED_LOGINS).render(lang)),
        Ok(PasswordChange::Locked { until }) => refused(StatusCode::TOO_MANY_REQUESTS, msg::locked(crate::storage::display_unix_time(until)).render(lang)),
        Err(crate::Error::Invalid(why)) => refused(StatusCode::UNPROCESSABLE_ENTITY, why.render(lang)),
        Err(e) => Err(e),
    }
}
