//! The web platform: a JSON API (described at /api/openapi.json) and server-rendered
//! pages that need no internet access (no CDN: CSS and charts are served from here).

pub mod api;
pub mod auth;
pub mod charts;
pub mod errors;
pub mod headers;
pub mod i18n;
pub mod mail;
pub mod open311;
pub mod pages;
pub mod plans_api;
pub mod routes;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;

pub use auth::WebConfig;
use crate::storage::Db;

/// Largest upload accepted (ledger workbooks); larger bodies get 413 with a message.
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;
/// Requests handled at once; more wait their turn (back-pressure instead of overload).
pub const MAX_CONCURRENT_REQUESTS: usize = 512;

pub struct AppState {
    pub db: Db,
    /// Counters of the HJ 212 ingestion server (all zero when it is off).
    pub metrics: Arc<crate::ingest::Metrics>,
    pub config: WebConfig,
    pub limits: auth::Limits,
}

pub type State = axum::extract::State<Arc<AppState>>;

pub fn router(db: Db) -> Router {
    router_with(db, WebConfig::default())
}

pub fn router_with(db: Db, config: WebConfig) -> Router {
    router_full(db, config, None)
}

pub fn router_full(db: Db, config: WebConfig, metrics: Option<Arc<crate::ingest::Metrics>>) -> Router {
    let metrics = metrics.unwrap_or_else(|| Arc::new(crate::ingest::Metrics::new()));
    let state = Arc::new(AppState { db, limits: auth::Limits::new(&config), config, metrics });
    let mut app = Router::new();
    for route in routes::table() {
        let guarded = route.handler.route_layer(middleware::from_fn_with_state((state.clone(), route.access), auth::guard));
        app = app.route(route.path, guarded);
    }
    spawn_sweeper(state.clone());
    // Errors are rendered twice over: inside authentication (pages then show the signed-in
    // navigation) and outermost (refusals of authentication, timeouts, size limits).
    let app = app
        .layer(middleware::from_fn(errors::render_errors))
        .layer(middleware::from_fn_with_state(state.clone(), auth::authenticate))
        .layer(middleware::from_fn(remember_language))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(120),
        ))
        .layer(tower::limit::GlobalConcurrencyLimitLayer::new(MAX_CONCURRENT_REQUESTS))
        .layer(middleware::from_fn(errors::limit_request_size))
        .layer(middleware::from_fn(errors::render_errors));
    // Outermost, so refusals, time-outs and size limits carry the headers too.
    headers::apply(app).with_state(state)
}

/// Ends expired sessions and forgets idle rate-limit keys every few minutes.
fn spawn_sweeper(state: Arc<AppState>) {
    let Ok(handle) = tokio::runtime::Handle::try_current() else { return };
    let weak = Arc::downgrade(&state);
    drop(state);
    handle.spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(300));
        loop {
            tick.tick().await;
            let Some(state) = weak.upgrade() else { break };
            let db = &state.db;
            if let Err(e) = crate::storage::coordination::exclusive(db, crate::storage::coordination::Job::SessionSweep, || crate::storage::accounts::sweep_sessions(db)).await {
                tracing::warn!(error = %e, "session sweep failed");
            }
            // Batches whose commit took longer than the witness waited for (large imports).
            if let Some(w) = &state.db.witness {
                if let Err(e) = w.catch_up(&state.db).await {
                    tracing::error!(error = %e, "could not witness the audit head");
                }
            }
            state.limits.sweep();
        }
    });
}

/// `?lang=en` on any page switches the language and keeps it in a cookie.
async fn remember_language(request: Request, next: Next) -> Response {
    let chosen = request
        .uri()
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("lang=")))
        .filter(|l| *l == "zh" || *l == "en")
        .map(str::to_string);
    let mut response = next.run(request).await;
    if let Some(lang) = chosen {
        if let Ok(v) = HeaderValue::from_str(&format!("lang={lang}; Path=/; Max-Age=31536000; SameSite=Lax")) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}

pub async fn stylesheet() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, headers::ASSET_CACHE)], include_str!("../../assets/app.css"))
}

/// The field forms' script (offline drafts, the phone's position): a file, as the CSP wants.
pub async fn offline_script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, headers::ASSET_CACHE)], include_str!("../../assets/offline.js"))
}

/// Serve a router on a bound listener, with client addresses (for the audit log and rate limits).
pub async fn serve_on(listener: tokio::net::TcpListener, app: Router) -> std::io::Result<()> {
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await
}

pub async fn serve(db: Db, listen: &str, config: WebConfig, metrics: Option<Arc<crate::ingest::Metrics>>) -> crate::Result<()> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| crate::Error::other(format!("cannot listen on {listen}: {e}")))?;
    let addr = listener.local_addr()?;
    println!("蓝天 Lantian is running. Open http://{addr}/ in a browser (Ctrl-C stops it).");
    axum::serve(listener, router_full(db, config, metrics).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
