//! Authentication, CSRF and rate limits (one layer in front of every route), and the
//! per-route guard that applies each route's [`Access`] from the route table.
//!
//! - Sessions: a random token in an HttpOnly, SameSite=Lax cookie (Secure when
//!   configured or behind HTTPS); only its hash is stored. A login always opens a new
//!   session and ends the one the browser had (no session fixation).
//! - CSRF: every request that is not GET/HEAD/OPTIONS must carry the session's token
//!   (form field `_csrf` or header `X-CSRF-Token`); before login the token is a
//!   random cookie value repeated in the login form (double submit). The one
//!   exception is `POST /api/login` with a JSON body, which a cross-site form cannot
//!   send without a CORS preflight.
//! - Rate limits: per account when signed in, per address otherwise; logins and
//!   uploads have their own, tighter limits.

use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::errors::is_api;
use crate::i18n::catalogue::http;
use crate::i18n::Lang;
use super::AppState;
use crate::auth::{Permission, Viewer};
use crate::storage::accounts::{self, Session};
use crate::storage::audit::{self, Actor, NewEntry};

pub const SESSION_COOKIE: &str = "lantian_session";
/// The pre-login CSRF token (double-submit cookie for the login form).
pub const LOGIN_CSRF_COOKIE: &str = "lantian_csrf";
/// Largest form body read for its CSRF field (uploads have their own limit).
const MAX_FORM_BYTES: usize = 1024 * 1024;

/// What a route requires; every route in `web::routes` names one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in account.
    SignedIn,
    /// A signed-in account whose role grants this permission.
    Need(Permission),
    /// As `Need`, or a monitoring system presenting the configured bearer token (`--metrics-token`).
    Scrape(Permission),
}

/// Settings of the web layer that operators choose.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// Requests per second per account (or per address when signed out); 0 turns the limit off.
    pub rate_limit: u32,
    /// Failed sign-ins per address per [`LOGIN_FAILURE_WINDOW`] before that address must wait
    /// (successful sign-ins are not counted). Set well above the per-account lockout: an
    /// office of many people shares one address behind NAT, and one person's mistakes must
    /// not lock out the others.
    pub login_rate_limit: u32,
    /// Mark cookies Secure even when the request did not come over HTTPS (behind a TLS proxy
    /// that does not send X-Forwarded-Proto).
    pub secure_cookies: bool,
    /// Bearer token a Prometheus scraper may present for `/metrics` (none: sessions only).
    pub metrics_token: Option<String>,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig { rate_limit: 50, login_rate_limit: DEFAULT_LOGIN_FAILURES_PER_ADDRESS, secure_cookies: false, metrics_token: None }
    }
}

/// Failed sign-ins counted per address within this window (the account lockout's length).
pub const LOGIN_FAILURE_WINDOW: std::time::Duration = std::time::Duration::from_secs(15 * 60);
/// Default for [`WebConfig::login_rate_limit`]: 20 accounts' worth of lockouts per window.
pub const DEFAULT_LOGIN_FAILURES_PER_ADDRESS: u32 = 100;

/// Failed sign-ins per address in fixed windows: a check that consumes nothing (successes
/// never count) and a record of each failure.
#[derive(Default)]
struct FailureCounter {
    windows: std::sync::Mutex<std::collections::HashMap<String, (std::time::Instant, u32)>>,
}

impl FailureCounter {
    /// How long the address must still wait, when it has reached `limit` in its window.
    fn blocked(&self, key: &str, limit: u32) -> Option<std::time::Duration> {
        let windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let (start, count) = windows.get(key)?;
        let elapsed = start.elapsed();
        (elapsed < LOGIN_FAILURE_WINDOW && *count >= limit).then(|| LOGIN_FAILURE_WINDOW - elapsed)
    }

    fn record(&self, key: &str) {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let now = std::time::Instant::now();
        let entry = windows.entry(key.to_string()).or_insert((now, 0));
        if entry.0.elapsed() >= LOGIN_FAILURE_WINDOW {
            *entry = (now, 0);
        }
        entry.1 = entry.1.saturating_add(1);
    }

    fn sweep(&self) {
        self.windows.lock().unwrap_or_else(|e| e.into_inner()).retain(|_, (start, _)| start.elapsed() < LOGIN_FAILURE_WINDOW);
    }
}

pub struct Limits {
    requests: Option<DefaultKeyedRateLimiter<String>>,
    /// Failed sign-ins per address.
    login_failures: FailureCounter,
    login_failure_limit: u32,
    /// Uploads per account: 20 a minute.
    uploads: DefaultKeyedRateLimiter<String>,
    /// Public complaints (new and joined) per address (`data/complaints/limits.toml`).
    complaints: DefaultKeyedRateLimiter<String>,
}

impl Limits {
    pub fn new(config: &WebConfig) -> Limits {
        let per_second = |n: u32| NonZeroU32::new(n);
        Limits {
            requests: per_second(config.rate_limit)
                .map(|n| RateLimiter::keyed(Quota::per_second(n).allow_burst(n.saturating_mul(NonZeroU32::new(4).expect("4 > 0"))))),
            login_failures: FailureCounter::default(),
            login_failure_limit: config.login_rate_limit.max(1),
            uploads: RateLimiter::keyed(Quota::per_minute(NonZeroU32::new(20).expect("20 > 0"))),
            complaints: RateLimiter::keyed(Quota::per_hour(NonZeroU32::new(crate::complaints::limits().submissions_per_hour.max(1)).expect("max(1) > 0"))),
        }
    }

    /// Forget idle keys (called now and then) so the tables do not grow without bound.
    pub fn sweep(&self) {
        if let Some(r) = &self.requests {
            r.retain_recent();
        }
        self.login_failures.sweep();
        self.uploads.retain_recent();
        self.complaints.retain_recent();
    }

    /// Whether `ip` may file (or join) one more public complaint now; counts it if so.
    pub fn complaint_allowed(&self, ip: &str) -> bool {
        self.complaints.check_key(&format!("ip:{ip}")).is_ok()
    }

    /// Count a failed sign-in (wrong password, unknown name, locked account) from `ip`.
    pub fn login_failed(&self, ip: &str) {
        self.login_failures.record(&format!("ip:{ip}"));
    }

    /// How long `ip` must wait before it may try to sign in again, if it must.
    pub fn login_blocked(&self, ip: &str) -> Option<std::time::Duration> {
        self.login_failures.blocked(&format!("ip:{ip}"), self.login_failure_limit)
    }
}

/// What the authentication layer learned about a request.
#[derive(Clone, Debug)]
pub struct RequestAuth {
    pub session: Option<Session>,
    pub token: Option<String>,
    pub ip: String,
    /// The CSRF token forms on this page must carry.
    pub csrf: String,
    /// A new pre-login CSRF token to set as a cookie on the response.
    pub new_login_csrf: bool,
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(name).and_then(|rest| rest.strip_prefix('=')))
        .filter(|v| !v.is_empty())
}

fn client_ip(request: &Request) -> String {
    request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()).unwrap_or_default()
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A refusal; `web::errors` renders it as JSON or as a page in the viewer's language.
fn refuse(status: StatusCode, msg: crate::i18n::Msg) -> Response {
    crate::error::ErrorReply::new(status, msg).into_response()
}

pub fn set_cookie(response: &mut Response, name: &str, value: &str, max_age: Option<i64>, secure: bool) {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    if let Ok(v) = HeaderValue::from_str(&c) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
}

pub fn secure(config: &WebConfig, headers: &HeaderMap) -> bool {
    config.secure_cookies || headers.get("x-forwarded-proto").is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"))
}

/// The layer in front of every route: session, rate limit, CSRF.
pub async fn authenticate(axum::extract::State(state): axum::extract::State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let ip = client_ip(&request);
    let path = request.uri().path().to_string();
    let token = cookie(request.headers(), SESSION_COOKIE).map(str::to_string);
    let session = match &token {
        Some(t) => match accounts::session(&state.db, t, &ip).await {
            Ok(s) => s,
            Err(e) => return e.into_response(),
        },
        None => None,
    };
    let key = session.as_ref().map(|s| format!("user:{}", s.viewer.user_id)).unwrap_or_else(|| format!("ip:{ip}"));
    if let Some(limiter) = &state.limits.requests {
        if limiter.check_key(&key).is_err() {
            return too_many();
        }
    }
    let login_csrf = cookie(request.headers(), LOGIN_CSRF_COOKIE).map(str::to_string);
    let (csrf, new_login_csrf) = match (&session, &login_csrf) {
        (Some(s), _) => (s.csrf.clone(), false),
        (None, Some(c)) => (c.clone(), false),
        (None, None) => (crate::auth::password::random_token(), true),
    };
    let mut request = request;
    if !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        let is_json = request.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
        if path == "/api/login" && is_json {
            // JSON cannot be posted cross-site without a CORS preflight, which we never grant.
        } else if path.starts_with("/open311/") {
            // Open311 partners authenticate each request with their api_key (no cookie session).
        } else {
            let expected = if new_login_csrf { None } else { Some(csrf.as_str()) };
            request = match check_csrf(request, expected).await {
                Ok(r) => r,
                Err(response) => {
                    let actor = session.as_ref().map(|s| s.viewer.actor()).unwrap_or(Actor { name: "anonymous".into(), role: "anonymous".into(), ip: ip.clone() });
                    record_refusal(&state, &actor, "csrf_rejected", &path).await;
                    return response;
                }
            };
        }
        let upload = path == "/import" || path == "/api/ledger/import" || path.ends_with("/photos");
        if upload && state.limits.uploads.check_key(&key).is_err() {
            return too_many();
        }
        if path == "/login" || path == "/api/login" {
            if let Some(wait) = state.limits.login_blocked(&ip) {
                let (parts, _) = request.into_parts();
                return too_many_failed_logins(&path, Lang::from_parts(&parts), wait);
            }
        }
    }
    let secure_cookie = secure(&state.config, request.headers());
    request.extensions_mut().insert(RequestAuth { session, token, ip, csrf: csrf.clone(), new_login_csrf });
    let mut response = next.run(request).await;
    if new_login_csrf {
        set_cookie(&mut response, LOGIN_CSRF_COOKIE, &csrf, None, secure_cookie);
    }
    response
}

fn too_many() -> Response {
    let mut r = refuse(StatusCode::TOO_MANY_REQUESTS, http::slow_down());
    r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    r
}

fn too_many_failed_logins(path: &str, lang: Lang, wait: std::time::Duration) -> Response {
    let minutes = wait.as_secs().div_ceil(60).max(1);
    let _ = (path, lang);
    let mut r = refuse(StatusCode::TOO_MANY_REQUESTS, crate::i18n::catalogue::login::address_blocked(minutes));
    if let Ok(v) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
        r.headers_mut().insert(header::RETRY_AFTER, v);
    }
    r
}

/// Check the CSRF token of a state-changing request; the body is read (bounded) when
/// the token is a form field, then handed on unchanged.
async fn check_csrf(request: Request, expected: Option<&str>) -> Result<Request, Response> {
    let fail = |why: crate::i18n::Msg| refuse(StatusCode::FORBIDDEN, http::csrf_failed(why));
    let Some(expected) = expected else { return Err(fail(http::csrf_missing())) };
    if let Some(h) = request.headers().get("x-csrf-token") {
        return if constant_time_eq(h.to_str().unwrap_or(""), expected) { Ok(request) } else { Err(fail(http::csrf_mismatch())) };
    }
    let content_type = request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let (parts, body) = request.into_parts();
    let found = if content_type.starts_with("application/x-www-form-urlencoded") {
        let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES).await.map_err(|_| refuse(StatusCode::PAYLOAD_TOO_LARGE, http::too_large_limit(MAX_FORM_BYTES / 1024 / 1024)))?;
        let token = form_urlencoded_field(&bytes, "_csrf");
        (token, bytes)
    } else if content_type.starts_with("multipart/form-data") {
        let bytes = match axum::body::to_bytes(body, super::MAX_UPLOAD_BYTES).await {
            Ok(b) => b,
            Err(_) => {
                return Err(refuse(StatusCode::PAYLOAD_TOO_LARGE, http::too_large_limit(super::MAX_UPLOAD_BYTES / 1024 / 1024)))
            }
        };
        let token = multipart_field(&content_type, bytes.clone(), "_csrf").await;
        (token, bytes)
    } else {
        return Err(fail(http::csrf_missing()));
    };
    match found {
        (Some(token), bytes) if constant_time_eq(&token, expected) => Ok(Request::from_parts(parts, Body::from(bytes))),
        (Some(_), _) => Err(fail(http::csrf_mismatch())),
        (None, _) => Err(fail(http::csrf_missing())),
    }
}

fn form_urlencoded_field(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).ok()?.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

async fn multipart_field(content_type: &str, bytes: axum::body::Bytes, name: &str) -> Option<String> {
    let boundary = multer::parse_boundary(content_type).ok()?;
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(bytes) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some(name) {
            return field.text().await.ok();
        }
    }
    None
}

/// A record read within the viewer's scope, or its 404. When the record exists outside the
/// scope, the answer is the same 404 (as if it did not exist) and the refusal is audited.
pub async fn scoped_or_404<T, E>(state: &AppState, viewer: &Viewer, what: &str, found: crate::Result<T>, exists: E) -> crate::Result<T>
where
    E: std::future::Future<Output = crate::Result<bool>>,
{
    match found {
        Err(crate::Error::NotFound(w)) => {
            if exists.await? {
                record_refusal(state, &viewer.actor(), "access_denied", &format!("{what} (outside scope)")).await;
            }
            Err(crate::Error::NotFound(w))
        }
        other => other,
    }
}

pub async fn record_refusal(state: &AppState, actor: &Actor, action: &str, what: &str) {
    let entry = NewEntry { action, entity: "route", entity_id: what.chars().take(200).collect(), enterprise_id: None, before: None, after: None };
    if let Err(e) = audit::record(&state.db, actor, entry).await {
        tracing::error!(error = %e, "could not record a refused access");
    }
}

/// The per-route guard: applies the route's `Access`.
pub async fn guard(
    axum::extract::State((state, access)): axum::extract::State<(Arc<AppState>, Access)>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    let auth = request.extensions().get::<RequestAuth>().cloned();
    let session = auth.as_ref().and_then(|a| a.session.clone());
    if let (Access::Scrape(_), Some(expected)) = (access, state.config.metrics_token.as_deref()) {
        let presented = request.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
        if presented.is_some_and(|p| constant_time_eq(p, expected)) {
            return next.run(request).await;
        }
    }
    match (access, session) {
        (Access::Public, _) => next.run(request).await,
        (_, None) => {
            if is_api(&path) || request.method() != Method::GET {
                refuse(StatusCode::UNAUTHORIZED, http::sign_in())
            } else {
                let target = request.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
                Redirect::to(&format!("/login?next={}", crate::ledger::filter::urlencode(target))).into_response()
            }
        }
        (Access::Need(p) | Access::Scrape(p), Some(s)) if !s.viewer.can(p) => {
            record_refusal(&state, &s.viewer.actor(), "access_denied", &format!("{} {path}", request.method())).await;
            refuse(StatusCode::FORBIDDEN, http::may_not_open())
        }
        (_, Some(s)) => {
            request.extensions_mut().insert(s.viewer);
            next.run(request).await
        }
    }
}

/// Handlers that read data take a `Viewer`; it exists only behind a guard that let the
/// request through, so a handler cannot run unauthenticated by mistake.
impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Viewer>().cloned().ok_or_else(|| refuse(StatusCode::UNAUTHORIZED, http::sign_in()))
    }
}

/// What every page needs besides its data: language, who is signed in, the CSRF token.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub lang: Lang,
    pub viewer: Option<Viewer>,
    pub csrf: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let auth = parts.extensions.get::<RequestAuth>();
        Ok(Ctx {
            lang: Lang::from_parts(parts),
            viewer: parts.extensions.get::<Viewer>().cloned().or_else(|| auth.and_then(|a| a.session.as_ref().map(|s| s.viewer.clone()))),
            csrf: auth.map(|a| a.csrf.clone()).unwrap_or_default(),
        })
    }
}

/// Record an out-of-scope request for a record that exists (answered as 404 all the same).
pub async fn note_out_of_scope(state: &AppState, viewer: &Viewer, enterprise_id: i64, what: &str) {
    if matches!(crate::storage::ledger::enterprise_exists(&state.db, enterprise_id).await, Ok(true)) {
        record_refusal(state, &viewer.actor(), "access_denied", &format!("{what} (enterprise {enterprise_id}, outside scope)")).await;
    }
}
