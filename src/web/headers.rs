//! Security headers on every answer (issue 17 item 15): a strict Content-Security-Policy
//! (scripts, styles and images from this origin only — no inline script or style — and no
//! framing), `nosniff`, and `Cache-Control: no-store` unless the handler chose a caching
//! policy itself (the stylesheet and scripts under /static, photos). Signed-in pages hold
//! personal and enterprise data: no shared or disk cache may keep them.

use axum::http::{header, HeaderName, HeaderValue};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// Static files (the stylesheet, scripts): not versioned in their URL, so cached for an hour.
pub const ASSET_CACHE: &str = "public, max-age=3600";

pub fn apply<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    let fixed = |name: HeaderName, value: &'static str| SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value));
    router
        .layer(fixed(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .layer(fixed(header::X_FRAME_OPTIONS, "DENY"))
        .layer(fixed(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(fixed(header::REFERRER_POLICY, "same-origin"))
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
}
