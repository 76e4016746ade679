//! Error answers in the viewer's language: `{"code", "message", "problems"}` under `/api/`
//! (and `/metrics`), a page in the site's frame everywhere else.
//!
//! Handlers and layers answer errors as [`ErrorReply`] (directly or through `crate::Error`),
//! which travels on the response; [`render_errors`] turns it into the final body. Error
//! answers that axum or tower produce themselves (unknown URL, a path or query that does not
//! parse, a body over the limit, a timeout) carry no `ErrorReply`: they are recognised by
//! status and replaced by a catalogue message, so no raw text reaches a person.
//!
//! The layer runs twice: inside the authentication layer (it then knows who is signed in and
//! draws the navigation) and outermost (for refusals of the authentication layer itself and
//! of the timeout and size limits); an answer is rendered once.

use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use maud::html;

use super::auth::{Ctx, RequestAuth};
use crate::error::ErrorReply;
use crate::i18n::catalogue::http;
use crate::i18n::{Lang, Msg};

/// Longest request target (path and query) accepted; longer ones are answered 414.
pub const MAX_URI_BYTES: usize = 16 * 1024;
/// Largest total size of request headers accepted; larger ones are answered 431.
pub const MAX_HEADER_BYTES: usize = 32 * 1024;

/// Marks a response whose body this layer has written (so the outer pass leaves it alone).
#[derive(Clone, Copy)]
struct Rendered;

pub fn is_api(path: &str) -> bool {
    path.starts_with("/api/") || path == "/metrics"
}

/// Refuse request targets and header blocks over the limits before anything else runs.
pub async fn limit_request_size(request: Request, next: Next) -> Response {
    let target = request.uri().path_and_query().map(|p| p.as_str().len()).unwrap_or(0);
    if target > MAX_URI_BYTES {
        return ErrorReply::new(StatusCode::URI_TOO_LONG, http::uri_limit(MAX_URI_BYTES / 1024)).into_response();
    }
    let headers: usize = request.headers().iter().map(|(k, v)| k.as_str().len() + v.len() + 4).sum();
    if headers > MAX_HEADER_BYTES {
        return ErrorReply::new(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, http::header_limit(MAX_HEADER_BYTES / 1024))
            .into_response();
    }
    next.run(request).await
}

/// Whether the error answer is JSON: under `/api/` (and `/metrics`), unless a browser navigated
/// there (a download link such as 导出Excel: its `Accept` asks for HTML first), which gets a page.
fn wants_json(path: &str, headers: &axum::http::HeaderMap) -> bool {
    let navigation = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.starts_with("text/html"));
    is_api(path) && !navigation
}

pub async fn render_errors(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let json = wants_json(&path, request.headers());
    let lang = Lang::of_request(request.uri(), request.headers());
    let auth = request.extensions().get::<RequestAuth>().cloned();
    let back = request
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(same_site_path)
        .filter(|p| *p != request.uri().path_and_query().map(|p| p.as_str()).unwrap_or(""))
        .map(str::to_string);
    let response = next.run(request).await;
    let status = response.status();
    if response.extensions().get::<Rendered>().is_some() || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let reply = match response.extensions().get::<ErrorReply>() {
        Some(r) => r.clone(),
        None => {
            if is_ours(&response) {
                return response;
            }
            let (parts, body) = response.into_parts();
            let text = axum::body::to_bytes(body, 64 * 1024).await.map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
            let reply = ErrorReply::new(status, builtin_message(status, &path, &text));
            let mut answer = render(&reply, lang, json, auth.as_ref(), back.as_deref());
            keep_headers(&parts.headers, &mut answer);
            return answer;
        }
    };
    let (parts, _) = response.into_parts();
    let mut answer = render(&reply, lang, json, auth.as_ref(), back.as_deref());
    keep_headers(&parts.headers, &mut answer);
    answer
}

/// A body a handler wrote on purpose (an HTML form shown again with its errors, a JSON
/// answer of its own): left as it is.
fn is_ours(response: &Response) -> bool {
    response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|ct| {
        ct.starts_with("text/html") || ct.starts_with("application/json") || ct.starts_with("text/xml") || ct.starts_with("text/csv") || ct.starts_with("application/vnd")
    })
}

/// Headers of the original answer worth keeping (Retry-After, cookies, Allow).
fn keep_headers(from: &axum::http::HeaderMap, to: &mut Response) {
    for name in [header::RETRY_AFTER, header::SET_COOKIE, header::ALLOW, header::WWW_AUTHENTICATE] {
        for v in from.get_all(&name) {
            to.headers_mut().append(name.clone(), v.clone());
        }
    }
}

/// The path of a Referer on this site (`/enterprises?page=2`), never another site's URL.
fn same_site_path(referer: &str) -> Option<&str> {
    let rest = referer.strip_prefix("http://").or_else(|| referer.strip_prefix("https://"))?;
    let slash = rest.find('/')?;
    let p = &rest[slash..];
    (p.starts_with('/') && !p.starts_with("//")).then_some(p)
}

/// A catalogue message for an error answer axum or tower produced without one.
fn builtin_message(status: StatusCode, path: &str, text: &str) -> Msg {
    match status {
        StatusCode::NOT_FOUND => http::page_not_found(path.to_string()),
        StatusCode::BAD_REQUEST => {
            // axum's path rejection reads "Invalid URL: Cannot parse `abc` to a `i64`".
            if let Some(value) = text.split('`').nth(1).filter(|_| text.contains("Cannot parse")) {
                http::bad_path_param(value.to_string())
            } else if text.contains("query") {
                tracing::debug!(detail = text, "query rejected");
                named(text).map(http::bad_query_field).unwrap_or_else(http::bad_query)
            } else {
                tracing::debug!(detail = text, "form rejected");
                named(text).map(http::bad_form_field).unwrap_or_else(http::bad_form)
            }
        }
        StatusCode::UNPROCESSABLE_ENTITY | StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            tracing::debug!(detail = text, "body rejected");
            named(text).map(http::bad_form_field).unwrap_or_else(http::bad_form)
        }
        StatusCode::PAYLOAD_TOO_LARGE => http::too_large_limit(super::MAX_UPLOAD_BYTES / 1024 / 1024),
        StatusCode::URI_TOO_LONG => http::uri_limit(MAX_URI_BYTES / 1024),
        StatusCode::METHOD_NOT_ALLOWED => http::method(),
        StatusCode::REQUEST_TIMEOUT => http::timeout(),
        StatusCode::TOO_MANY_REQUESTS => http::slow_down(),
        StatusCode::UNAUTHORIZED => http::sign_in(),
        StatusCode::FORBIDDEN => http::may_not_open(),
        _ => crate::i18n::catalogue::common::internal(),
    }
}

/// The field or value serde named in a rejection ("missing field `name`").
fn named(text: &str) -> Option<String> {
    text.split('`').nth(1).filter(|v| !v.is_empty() && v.len() <= 64).map(str::to_string)
}

pub fn title(status: StatusCode) -> Msg {
    match status.as_u16() {
        400 => http::bad_request(),
        401 => http::unauthorized(),
        403 => http::forbidden(),
        404 => http::not_found(),
        405 => http::method_not_allowed(),
        408 => http::request_timeout(),
        409 => http::conflict(),
        413 => http::payload_too_large(),
        414 => http::uri_too_long(),
        415 => http::unsupported_media(),
        422 => http::unprocessable(),
        429 => http::too_many_requests(),
        431 => http::headers_too_large(),
        500 => http::internal(),
        503 => http::unavailable(),
        s => http::other(s),
    }
}

fn render(reply: &ErrorReply, lang: Lang, json: bool, auth: Option<&RequestAuth>, back: Option<&str>) -> Response {
    let mut response = if json {
        (reply.status, axum::Json(reply.json(lang))).into_response()
    } else {
        let ctx = Ctx {
            lang,
            viewer: auth.and_then(|a| a.session.as_ref().map(|s| s.viewer.clone())),
            csrf: auth.map(|a| a.csrf.clone()).unwrap_or_default(),
        };
        (reply.status, page(&ctx, reply, back)).into_response()
    };
    response.extensions_mut().insert(Rendered);
    response.extensions_mut().insert(reply.clone());
    response
}

fn page(ctx: &Ctx, reply: &ErrorReply, back: Option<&str>) -> maud::Markup {
    let lang = ctx.lang;
    let title = title(reply.status).render(lang);
    let body = html! {
        section.error-page {
            p.status { (reply.status.as_u16()) }
            p.refusal #error-message { (reply.msg.markup(lang)) }
            @if let Some(problems) = &reply.problems {
                ul.problems { @for p in problems.iter().take(200) { li { (p.markup(lang)) } } }
                @if problems.len() > 200 || reply.problems_omitted > 0 {
                    p #problems-omitted { (crate::i18n::catalogue::limits::problems_omitted(problems.len().min(200), problems.len().saturating_sub(200) + reply.problems_omitted).render(lang)) }
                }
            }
            p.actions {
                @if reply.status == StatusCode::UNAUTHORIZED {
                    a.button href="/login" { (http::sign_in_link().render(lang)) } " "
                }
                @if let Some(back) = back {
                    a href=(back) #error-back { (http::back().render(lang)) } " · "
                }
                a href="/" #error-home { (http::back_home().render(lang)) }
            }
            p.muted { small { (http::error_code(reply.msg.code().to_string()).render(lang)) } }
        }
    };
    super::pages::layout::page(ctx, super::pages::layout::Section::Error, &title, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn referer_must_be_on_this_site() {
        assert_eq!(same_site_path("http://localhost:8080/enterprises?page=2"), Some("/enterprises?page=2"));
        assert_eq!(same_site_path("https://evil.example//x"), None);
        assert_eq!(same_site_path("javascript:alert(1)"), None);
    }

    #[test]
    fn path_rejection_names_the_value() {
        let m = builtin_message(StatusCode::BAD_REQUEST, "/enterprises/abc", "Invalid URL: Cannot parse `abc` to a `i64`");
        assert_eq!(m.code(), "http.bad_path_param");
        assert!(m.render(Lang::Zh).contains("abc"));
    }
}
