//! The web platform: a JSON API (described at /api/openapi.json) and server-rendered
//! pages that need no internet access (no CDN: CSS and charts are served from here).

pub mod api;
pub mod charts;
pub mod i18n;
pub mod pages;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::storage::Db;

/// Largest upload accepted (ledger workbooks); larger bodies get 413 with a message.
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
}

pub type State = axum::extract::State<Arc<AppState>>;

pub fn router(db: Db) -> Router {
    let state = Arc::new(AppState { db });
    let uploads = Router::new()
        .route("/import", post(pages::import::upload))
        .route("/api/ledger/import", post(api::import))
        .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES));
    Router::new()
        .route("/", get(pages::home::page))
        .route("/enterprises", get(pages::list::page))
        .route("/enterprises/{id}", get(pages::dossier::page))
        .route("/import", get(pages::import::form_page))
        .route("/healthz", get(|| async { "ok" }))
        .route("/static/app.css", get(stylesheet))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/enterprises", get(api::list))
        .route("/api/enterprises/{id}", get(api::dossier))
        .route("/api/stats", get(api::stats))
        .route("/api/divisions", get(api::divisions))
        .route("/api/industries", get(api::industries))
        .route("/api/ledger/export.xlsx", get(api::export_xlsx))
        .route("/api/ledger/export.csv", get(api::export_csv))
        .route("/api/ledger/template.xlsx", get(api::template))
        .merge(uploads)
        .layer(middleware::from_fn(remember_language))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(120),
        ))
        .with_state(state)
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

async fn stylesheet() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "max-age=3600")],
        include_str!("../../assets/app.css"),
    )
}

pub async fn serve(db: Db, listen: &str) -> crate::Result<()> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| crate::Error::Other(format!("cannot listen on {listen}: {e}")))?;
    let addr = listener.local_addr()?;
    println!("蓝天 Lantian is running. Open http://{addr}/ in a browser (Ctrl-C stops it).");
    axum::serve(listener, router(db))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
