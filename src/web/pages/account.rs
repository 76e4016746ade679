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
use crate::i18n::catalogue as cat;

fn render(ctx: &Ctx, viewer: &Viewer, message: Option<(bool, String)>) -> maud::Markup {
    let lang = ctx.lang;
    let zh = lang == crate::web::i18n::Lang::Zh;
    let scope = match &viewer.scope {
        Scope::All => lang.label(cat::account::everything()).to_string(),
        Scope::Divisions(d) => d.join(", "),
        Scope::Enterprise(c) => c.clone(),
        Scope::Nothing => lang.label(cat::common::not_set()).to_string(),
    };
    let body = html! {
        div.panel #account {
            dl.facts {
                dt { (lang.label(cat::common::username())) } dd data-v { (viewer.username) }
                dt { (lang.label(cat::common::role())) } dd { (viewer.role.label(zh)) @if let Some(d) = viewer.department { " · " (d.label(zh)) } }
                dt { (lang.label(cat::common::jurisdiction())) } dd { code { (scope) } }
            }
        }
        div.panel {
            h2 { (lang.label(cat::account::change_password())) }
            @if let Some((ok, m)) = &message { p class=(if *ok { "ok" } else { "bad" }) #password-result { (m) } }
            form method="post" action="/account/password" {
                (layout::csrf_field(ctx))
                p { label { (lang.label(cat::account::current_password())) br; input type="password" name="current" autocomplete="current-password" required; } }
                p { label { (lang.label(cat::account::new_password_10_characters_three_of())) br;
                    input type="password" name="new" autocomplete="new-password" required; } }
                button type="submit" { (lang.label(cat::account::change())) }
            }
        }
    };
    layout::page(ctx, Section::Account, lang.label(cat::account::my_account()), body)
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
        Ok(PasswordChange::Changed) => Ok((StatusCode::OK, render(&ctx, &viewer, Some((true, lang.label(cat::account::password_changed()).to_string()))))),
        Ok(PasswordChange::WrongCurrent) => refused(StatusCode::UNPROCESSABLE_ENTITY, msg::current_wrong(accounts::MAX_FAILED_LOGINS).render(lang)),
        Ok(PasswordChange::Locked { until }) => refused(StatusCode::TOO_MANY_REQUESTS, msg::locked(crate::storage::display_unix_time(until)).render(lang)),
        Err(crate::Error::Invalid(why)) => refused(StatusCode::UNPROCESSABLE_ENTITY, why.render(lang)),
        Err(e) => Err(e),
    }
}
