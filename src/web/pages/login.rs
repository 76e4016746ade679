//! Sign in and sign out.

use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use maud::html;
use serde::Deserialize;

use super::layout::{self, Section};
use crate::auth::Viewer;
use crate::storage::accounts::{self, LoginOutcome};
use crate::web::auth::{self as web_auth, Ctx, RequestAuth};
use crate::web::i18n::Lang;
use crate::web::State;
use crate::i18n::catalogue as cat;


/// What a locked account (or a locked unknown name: the two look alike) is told: until when,
/// in Beijing time, and whom to ask.
pub fn locked_message(lang: Lang, until: i64) -> String {
    let at = crate::storage::display_unix_time(until);
    crate::i18n::catalogue::login::locked(accounts::MAX_FAILED_LOGINS, at).render(lang)
}

#[derive(Deserialize, Default)]
pub struct Next {
    pub next: Option<String>,
}

/// Only paths on this site: never `//host` or `https://…` (no open redirect). Control
/// characters are refused outright: browsers drop tab, CR and LF from a URL, so `/\t/evil`
/// arrives as `//evil`, and a newline cannot go into a `Location` header at all.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') && !n.chars().any(char::is_control) => n.to_string(),
        _ => "/".into(),
    }
}

fn render(ctx: &Ctx, next: &str, username: &str, message: Option<&str>) -> maud::Markup {
    let lang = ctx.lang;
    let body = html! {
        div.panel.login {
            @if let Some(m) = message { p.bad #login-error { (m) } }
            form method="post" action="/login" {
                (layout::csrf_field(ctx))
                input type="hidden" name="next" value=(next);
                p { label { (lang.label(cat::common::username())) br; input type="text" name="username" value=(username) autocomplete="username" required autofocus; } }
                p { label { (lang.label(cat::login::password())) br; input type="password" name="password" autocomplete="current-password" required; } }
                button type="submit" #login-submit { (lang.label(cat::http::sign_in_link())) }
            }
            p.muted { (lang.label(cat::login::accounts_are_opened_by_the_system())) }
        }
    };
    layout::page(ctx, Section::Login, lang.label(cat::http::sign_in_link()), body)
}

pub async fn form(ctx: Ctx, Query(q): Query<Next>) -> Response {
    let next = safe_next(q.next.as_deref());
    if ctx.viewer.is_some() {
        return Redirect::to(&next).into_response();
    }
    render(&ctx, &next, "", None).into_response()
}

#[derive(Deserialize)]
pub struct LoginForm {
    pub username: String,
    pub password: String,
    pub next: Option<String>,
}

pub async fn submit(state: State, ctx: Ctx, Extension(auth): Extension<RequestAuth>, headers: HeaderMap, Form(f): Form<LoginForm>) -> crate::Result<Response> {
    let next = safe_next(f.next.as_deref());
    let outcome = accounts::login(&state.db, f.username.trim(), &f.password, &auth.ip, auth.token.as_deref()).await?;
    match outcome {
        LoginOutcome::Success { token, .. } => {
            let mut r = Redirect::to(&next).into_response();
            let secure = web_auth::secure(&state.config, &headers);
            web_auth::set_cookie(&mut r, web_auth::SESSION_COOKIE, &token, None, secure);
            // The pre-login token has done its job; a new one is issued after logout.
            web_auth::set_cookie(&mut r, web_auth::LOGIN_CSRF_COOKIE, "", Some(0), secure);
            Ok(r)
        }
        LoginOutcome::Refused | LoginOutcome::Locked { .. } => {
            state.limits.login_failed(&auth.ip);
            let message = match outcome {
                LoginOutcome::Locked { until } => locked_message(ctx.lang, until),
                _ => crate::i18n::catalogue::login::refused().render(ctx.lang),
            };
            let ctx = Ctx { viewer: None, ..ctx };
            Ok((StatusCode::UNAUTHORIZED, render(&ctx, &next, f.username.trim(), Some(&message))).into_response())
        }
    }
}

pub async fn logout(state: State, viewer: Viewer, Extension(auth): Extension<RequestAuth>) -> crate::Result<Response> {
    if let Some(token) = &auth.token {
        accounts::logout(&state.db, token, &viewer.actor()).await?;
    }
    let mut r = Redirect::to("/login").into_response();
    web_auth::set_cookie(&mut r, web_auth::SESSION_COOKIE, "", Some(0), false);
    Ok(r)
}

#[cfg(test)]
mod tests {
    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(super::safe_next(Some("/enterprises?page=2")), "/enterprises?page=2");
        assert_eq!(super::safe_next(Some("//evil.example/")), "/");
        assert_eq!(super::safe_next(Some("https://evil.example/")), "/");
        assert_eq!(super::safe_next(Some("/\\evil.example")), "/");
        assert_eq!(super::safe_next(None), "/");
        for sneaky in ["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/%0a", "/\u{7f}/x", "/ok\nSet-Cookie: a=b"] {
            let decoded = sneaky.replace("%0a", "\n");
            assert_eq!(super::safe_next(Some(&decoded)), "/", "{sneaky:?}");
        }
        assert_eq!(super::safe_next(Some("/enterprises?q=水泥")), "/enterprises?q=水泥", "Chinese queries are kept");
    }
}
