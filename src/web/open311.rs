//! Open311 GeoReport v2 over HTTP (`/open311/v2/…`, JSON and XML): discovery, services, a
//! service's definition, posting a request with a partner's `api_key`, querying requests, one
//! request, and tokens. Errors are the specification's array of `{code, description}` in the
//! request's format. Representation in `complaints::open311`; storage in `storage::complaints`.

use axum::extract::{Path, Query};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde_json::{json, Value};

use crate::complaints::open311::{self as o, Format};
use crate::complaints::{self as domain, deadlines, Category};
use crate::error::Error;
use crate::i18n::catalogue::complaints as m;
use crate::i18n::{Lang, Msg};
use crate::storage::complaints::{self as store, Complaint};
use crate::web::auth::RequestAuth;
use crate::web::State;

/// One Open311 error (the body is an array of them).
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Open311Error {
    pub code: u16,
    pub description: String,
}

/// Largest window of a query (the specification's default span).
pub const MAX_DAYS: i64 = 90;

fn answer(format: Format, root: &str, status: StatusCode, v: &Value) -> Response {
    let body = match format {
        Format::Json => v.to_string(),
        Format::Xml => o::xml(root, v),
    };
    (status, [(header::CONTENT_TYPE, format.content_type())], body).into_response()
}

fn error(format: Format, status: StatusCode, msg: &Msg, lang: Lang) -> Response {
    answer(format, "errors", status, &o::errors(status.as_u16(), &msg.render(lang)))
}

fn fail(format: Format, e: Error, lang: Lang) -> Response {
    let status = match &e {
        Error::NotFound(_) => StatusCode::NOT_FOUND,
        Error::Forbidden(_) => StatusCode::FORBIDDEN,
        Error::Invalid(_) | Error::Rejected(_) => StatusCode::BAD_REQUEST,
        Error::Http(s, _) => *s,
        Error::Conflict(_) => StatusCode::CONFLICT,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    if status == StatusCode::INTERNAL_SERVER_ERROR {
        tracing::error!(error = %e, "open311");
        return error(format, status, &crate::i18n::catalogue::common::internal(), lang);
    }
    error(format, status, &e.message(), lang)
}

fn format_of(file: &str) -> Result<(&str, Format), Response> {
    Format::split(file).ok_or_else(|| error(Format::Json, StatusCode::BAD_REQUEST, &m::open311_bad_format(), Lang::En))
}

fn lang_of(headers: &HeaderMap) -> Lang {
    // Partner systems get English unless they ask for Chinese (Accept-Language: zh).
    match headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()) {
        Some(a) if a.trim_start().starts_with("zh") => Lang::Zh,
        _ => Lang::En,
    }
}

fn base_url(headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("localhost");
    let https = headers.get("x-forwarded-proto").is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"));
    format!("{}://{host}", if https { "https" } else { "http" })
}

/// Open311 GeoReport v2 service discovery.
#[utoipa::path(get, path = "/open311/v2/discovery.json", tag = "open311", responses((status = 200, description = "discovery document", content_type = "application/json")))]
pub async fn discovery_json(headers: HeaderMap) -> Response {
    answer(Format::Json, "discovery", StatusCode::OK, &o::discovery(&base_url(&headers)))
}
/// Open311 service discovery (XML).
#[utoipa::path(get, path = "/open311/v2/discovery.xml", tag = "open311", responses((status = 200, description = "discovery document", content_type = "text/xml")))]
pub async fn discovery_xml(headers: HeaderMap) -> Response {
    answer(Format::Xml, "discovery", StatusCode::OK, &o::discovery(&base_url(&headers)))
}
/// Open311 services: one per 12369 category (air, water, noise, solid_waste, ecology, radiation).
#[utoipa::path(get, path = "/open311/v2/services.json", tag = "open311", responses((status = 200, description = "service list", content_type = "application/json")))]
pub async fn services_json(headers: HeaderMap) -> Response {
    answer(Format::Json, "services", StatusCode::OK, &o::services(lang_of(&headers)))
}
/// Open311 services (XML).
#[utoipa::path(get, path = "/open311/v2/services.xml", tag = "open311", responses((status = 200, description = "service list", content_type = "text/xml")))]
pub async fn services_xml(headers: HeaderMap) -> Response {
    answer(Format::Xml, "services", StatusCode::OK, &o::services(lang_of(&headers)))
}

/// A service definition: `{code}.json` or `{code}.xml` (attributes other_categories, real_name).
#[utoipa::path(get, path = "/open311/v2/services/{file}", tag = "open311", params(("file" = String, Path, description = "service_code.json or service_code.xml")), responses((status = 200, description = "service definition"), (status = 404, description = "unknown service_code", body = Vec<Open311Error>), (status = 400, description = "Open311 errors: [{code, description}]", body = Vec<Open311Error>)))]
pub async fn service(headers: HeaderMap, Path(file): Path<String>) -> Response {
    let lang = lang_of(&headers);
    let (code, format) = match format_of(&file) {
        Ok(x) => x,
        Err(r) => return r,
    };
    match Category::parse(code) {
        Some(c) => answer(format, "service_definition", StatusCode::OK, &o::service_definition(c, lang)),
        None => error(format, StatusCode::NOT_FOUND, &m::open311_unknown_service(code), lang),
    }
}

async fn representation(state: &State, c: &Complaint, lang: Lang, boundaries: &super::pages::complaints_public::Names) -> o::Request {
    let _ = state;
    let stage = c.stage();
    let mut notes = lang.t(&stage.label());
    if let Some(r) = c.not_accepted_reason() {
        notes = format!("{notes}: {}", lang.t(&r.label()));
    }
    if stage == domain::Stage::Merged {
        notes = format!("{notes}: {}", c.merged_into);
    }
    if c.published && !c.answer.is_empty() {
        notes = format!("{notes}: {}", c.answer);
    }
    let district = super::pages::complaints_public::district_name(boundaries, &c.division_code);
    let bureau = crate::auth::Department::parse(&c.bureau).map(|d| d.label(lang == Lang::Zh).to_string()).unwrap_or_default();
    o::Request {
        tracking: c.tracking.clone(),
        stage,
        status_notes: notes,
        service_code: c.service_code.clone(),
        service_name: Category::parse(&c.service_code).map(|k| lang.t(&k.label())).unwrap_or_default(),
        description: c.description.clone(),
        agency: format!("{district} {bureau}"),
        requested: c.received_at.clone(),
        updated: if stage.is_final() { c.closed_at.clone().unwrap_or_else(|| c.updated_at.clone()) } else { c.updated_at.clone() },
        expected: if stage.is_final() { None } else { c.due_on.as_deref().and_then(deadlines::parse_date).map(o::end_of_day) },
        address: c.address.clone(),
        lat: c.lat,
        lon: c.lon,
    }
}

async fn requests_answer(state: &State, list: &[Complaint], format: Format, lang: Lang) -> crate::Result<Response> {
    let boundaries = store::district_names(&state.db).await?;
    let mut out = Vec::with_capacity(list.len());
    for c in list {
        out.push(o::request(&representation(state, c, lang, &boundaries).await));
    }
    Ok(answer(format, "service_requests", StatusCode::OK, &Value::Array(out)))
}

#[derive(serde::Deserialize, Default)]
pub struct RequestsQuery {
    #[serde(default)]
    service_request_id: Option<String>,
    #[serde(default)]
    service_code: Option<String>,
    #[serde(default)]
    start_date: Option<String>,
    #[serde(default)]
    end_date: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    jurisdiction_id: Option<String>,
}

fn parse_time(field: &str, v: &str) -> Result<time::OffsetDateTime, Msg> {
    time::OffsetDateTime::parse(v.trim(), &time::format_description::well_known::Rfc3339).map_err(|_| m::open311_bad_date(field, v))
}

/// As stored times are written (RFC 3339 UTC, three fraction digits), so text order is time order.
fn utc(t: time::OffsetDateTime) -> String {
    crate::storage::stored_time(t)
}

/// The query as the storage takes it, or the Open311 error.
pub fn query_of(q: &RequestsQuery, now: time::OffsetDateTime) -> Result<store::Query, Msg> {
    let mut out = store::Query { limit: 1000, ..Default::default() };
    if let Some(ids) = q.service_request_id.as_deref().filter(|s| !s.trim().is_empty()) {
        out.ids = ids.split(',').filter_map(domain::tracking::parse).collect();
        if out.ids.is_empty() {
            out.ids.push("-".into());
        }
        return Ok(out);
    }
    if let Some(code) = q.service_code.as_deref().filter(|s| !s.trim().is_empty()) {
        let c = Category::parse(code).ok_or_else(|| m::open311_unknown_service(code))?;
        out.service_code = Some(c.code().into());
    }
    if let Some(s) = q.status.as_deref().filter(|s| !s.trim().is_empty()) {
        let list: Vec<&str> = s.split(',').map(str::trim).collect();
        if list.iter().any(|x| *x != "open" && *x != "closed") {
            return Err(m::open311_bad_status(s));
        }
        if list.len() == 1 {
            out.status = Some(list[0].to_string());
        }
    }
    let start = q.start_date.as_deref().filter(|s| !s.trim().is_empty()).map(|s| parse_time("start_date", s)).transpose()?;
    let end = q.end_date.as_deref().filter(|s| !s.trim().is_empty()).map(|s| parse_time("end_date", s)).transpose()?;
    let window = time::Duration::days(MAX_DAYS);
    let (start, end) = match (start, end) {
        (Some(s), Some(e)) => {
            if e - s > window {
                return Err(m::open311_window(MAX_DAYS));
            }
            (s, e)
        }
        (Some(s), None) => (s, s + window),
        (None, Some(e)) => (e - window, e),
        // The default span: the last 90 days (and at most 1,000 requests).
        (None, None) => (now - window, now),
    };
    out.start = Some(utc(start));
    out.end = Some(utc(end));
    Ok(out)
}

async fn query_requests(state: State, headers: HeaderMap, q: RequestsQuery, format: Format) -> Response {
    let lang = lang_of(&headers);
    let query = match query_of(&q, time::OffsetDateTime::now_utc()) {
        Ok(q) => q,
        Err(msg) => return error(format, StatusCode::BAD_REQUEST, &msg, lang),
    };
    match store::open311_query(&state.db, &query).await {
        Ok(list) => requests_answer(&state, &list, format, lang).await.unwrap_or_else(|e| fail(format, e, lang)),
        Err(e) => fail(format, e, lang),
    }
}

/// Query service requests: service_request_id (comma list, overrides the rest), service_code, start_date, end_date (at most 90 days apart; default the last 90 days), status (open, closed); at most 1,000.
#[utoipa::path(get, path = "/open311/v2/requests.json", tag = "open311", params(("service_request_id" = Option<String>, Query), ("service_code" = Option<String>, Query), ("start_date" = Option<String>, Query), ("end_date" = Option<String>, Query), ("status" = Option<String>, Query)), responses((status = 200, description = "service requests (never the complainant)", content_type = "application/json"), (status = 400, description = "Open311 errors: [{code, description}]", body = Vec<Open311Error>)))]
pub async fn requests_json(state: State, headers: HeaderMap, Query(q): Query<RequestsQuery>) -> Response {
    query_requests(state, headers, q, Format::Json).await
}
/// Query service requests (XML).
#[utoipa::path(get, path = "/open311/v2/requests.xml", tag = "open311", responses((status = 200, description = "service requests", content_type = "text/xml"), (status = 400, description = "Open311 errors: [{code, description}]", body = Vec<Open311Error>)))]
pub async fn requests_xml(state: State, headers: HeaderMap, Query(q): Query<RequestsQuery>) -> Response {
    query_requests(state, headers, q, Format::Xml).await
}

/// One service request: `{service_request_id}.json` or `.xml`.
#[utoipa::path(get, path = "/open311/v2/requests/{file}", tag = "open311", params(("file" = String, Path, description = "JB….json or JB….xml")), responses((status = 200, description = "one service request"), (status = 404, description = "unknown id", body = Vec<Open311Error>)))]
pub async fn request(state: State, headers: HeaderMap, Path(file): Path<String>) -> Response {
    let lang = lang_of(&headers);
    let (id, format) = match format_of(&file) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let found = match domain::tracking::parse(id) {
        Some(t) => store::by_tracking(&state.db, &t).await,
        None => Ok(None),
    };
    match found {
        Ok(Some(c)) => requests_answer(&state, &[c], format, lang).await.unwrap_or_else(|e| fail(format, e, lang)),
        Ok(None) => error(format, StatusCode::NOT_FOUND, &m::open311_not_found(id), lang),
        Err(e) => fail(format, e, lang),
    }
}

/// The service request of a token: `{token}.json` or `.xml`.
#[utoipa::path(get, path = "/open311/v2/tokens/{file}", tag = "open311", params(("file" = String, Path)), responses((status = 200, description = "[{service_request_id, token}]"), (status = 404, description = "unknown token", body = Vec<Open311Error>)))]
pub async fn token(state: State, headers: HeaderMap, Path(file): Path<String>) -> Response {
    let lang = lang_of(&headers);
    let (token, format) = match format_of(&file) {
        Ok(x) => x,
        Err(r) => return r,
    };
    match store::by_token(&state.db, token).await {
        Ok(Some(c)) => answer(format, "service_requests", StatusCode::OK, &json!([{ "service_request_id": c.tracking, "token": c.token }])),
        Ok(None) => error(format, StatusCode::NOT_FOUND, &m::open311_not_found(token), lang),
        Err(e) => fail(format, e, lang),
    }
}

/// The fields of a POST, form-encoded as the specification sends them.
fn field<'a>(form: &'a [(String, String)], k: &str) -> Option<&'a str> {
    form.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
}

/// Create a service request (a complaint) as a partner system: form fields api_key, service_code, lat+long or address_string+address_id (district code), description, attribute[other_categories][], attribute[real_name], first_name, last_name, phone, email.
#[utoipa::path(post, path = "/open311/v2/requests.json", tag = "open311", request_body(content_type = "application/x-www-form-urlencoded", description = "GeoReport v2 fields"), responses((status = 201, description = "[{service_request_id, token, service_notice, account_id}]"), (status = 403, description = "invalid api_key", body = Vec<Open311Error>), (status = 400, description = "Open311 errors: [{code, description}]", body = Vec<Open311Error>)))]
pub async fn post_json(state: State, headers: HeaderMap, auth: Extension<RequestAuth>, body: axum::body::Bytes) -> Response {
    post(state, headers, auth, body, Format::Json).await
}
/// Create a service request (XML answer).
#[utoipa::path(post, path = "/open311/v2/requests.xml", tag = "open311", request_body(content_type = "application/x-www-form-urlencoded"), responses((status = 201, description = "service_requests"), (status = 403, description = "invalid api_key"), (status = 400, description = "Open311 errors: [{code, description}]", body = Vec<Open311Error>)))]
pub async fn post_xml(state: State, headers: HeaderMap, auth: Extension<RequestAuth>, body: axum::body::Bytes) -> Response {
    post(state, headers, auth, body, Format::Xml).await
}

async fn post(state: State, headers: HeaderMap, Extension(auth): Extension<RequestAuth>, body: axum::body::Bytes, format: Format) -> Response {
    let lang = lang_of(&headers);
    let form: Vec<(String, String)> = match serde_urlencoded::from_bytes(&body) {
        Ok(f) => f,
        Err(_) => return error(format, StatusCode::BAD_REQUEST, &crate::i18n::catalogue::http::bad_form(), lang),
    };
    let partner = match store::key_partner(&state.db, field(&form, "api_key").unwrap_or("")).await {
        Ok(Some(p)) => p,
        Ok(None) => return error(format, StatusCode::FORBIDDEN, &m::open311_bad_key(), lang),
        Err(e) => return fail(format, e, lang),
    };
    let Some(code) = field(&form, "service_code").filter(|s| !s.trim().is_empty()) else {
        return error(format, StatusCode::BAD_REQUEST, &m::open311_service_required(), lang);
    };
    let Some(primary) = Category::parse(code) else {
        return error(format, StatusCode::BAD_REQUEST, &m::open311_unknown_service(code), lang);
    };
    let mut categories = vec![primary];
    for (k, v) in &form {
        if k == "attribute[other_categories][]" || k == "attribute[other_categories]" {
            for part in v.split(',') {
                match Category::parse(part) {
                    Some(c) => categories.push(c),
                    None => return error(format, StatusCode::BAD_REQUEST, &m::open311_bad_attribute("other_categories", part), lang),
                }
            }
        }
    }
    let real_name = match field(&form, "attribute[real_name]") {
        None | Some("") | Some("false") => false,
        Some("true") => true,
        Some(other) => return error(format, StatusCode::BAD_REQUEST, &m::open311_bad_attribute("real_name", other), lang),
    };
    let num = |k: &str| field(&form, k).filter(|s| !s.trim().is_empty()).map(|s| s.trim().parse::<f64>().unwrap_or(f64::NAN));
    let name = [field(&form, "last_name").unwrap_or(""), field(&form, "first_name").unwrap_or("")].concat();
    let draft = domain::Draft {
        categories,
        description: field(&form, "description").unwrap_or("").to_string(),
        address: field(&form, "address_string").unwrap_or("").to_string(),
        lon: num("long"),
        lat: num("lat"),
        district: field(&form, "address_id").unwrap_or("").to_string(),
        name,
        phone: field(&form, "phone").unwrap_or("").to_string(),
        email: field(&form, "email").unwrap_or("").to_string(),
        real_name,
    };
    let problems = draft.check(domain::limits());
    if let Some(first) = problems.first() {
        let all: Vec<Value> = problems.iter().map(|p| json!({ "code": 400, "description": p.render(lang) })).collect();
        let _ = first;
        return answer(format, "errors", StatusCode::BAD_REQUEST, &Value::Array(all));
    }
    let (division, district_name, bureau) = match super::pages::complaints_public::route(&state, &draft).await {
        Ok(r) => r,
        Err(e) => return fail(format, e, lang),
    };
    let actor = crate::storage::audit::Actor { name: format!("open311:{partner}"), role: "partner".into(), ip: auth.ip.clone() };
    let new = store::NewComplaint { draft, division_code: division, district_name, bureau, channel: "open311".into(), partner, photos: vec![], nonce: None };
    match store::file(&state.db, &actor, new, deadlines::Settings::embedded()).await {
        Ok(filed) => {
            super::pages::complaints::mail_soon(&state);
            let notice = m::stage_received().render(lang);
            answer(format, "service_requests", StatusCode::CREATED, &json!([{ "service_request_id": filed.tracking, "token": filed.token, "service_notice": notice, "account_id": Value::Null }]))
        }
        Err(e) => fail(format, e, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_window_is_at_most_90_days() {
        let now = time::macros::datetime!(2026-12-04 00:00 UTC);
        let q = RequestsQuery { start_date: Some("2026-01-01T00:00:00+08:00".into()), end_date: Some("2026-12-01T00:00:00+08:00".into()), ..Default::default() };
        assert_eq!(query_of(&q, now).unwrap_err().code(), "complaints.open311.window");
        let q = RequestsQuery { start_date: Some("yesterday".into()), ..Default::default() };
        assert_eq!(query_of(&q, now).unwrap_err().code(), "complaints.open311.bad_date");
        let q = RequestsQuery { status: Some("pending".into()), ..Default::default() };
        assert!(query_of(&q, now).is_err());
        let q = RequestsQuery::default();
        let got = query_of(&q, now).unwrap();
        assert_eq!(got.start.as_deref(), Some("2026-09-05T00:00:00.000Z"));
        assert_eq!(got.end.as_deref(), Some("2026-12-04T00:00:00.000Z"));
        let q = RequestsQuery { service_request_id: Some("bogus,also".into()), service_code: Some("nonsense".into()), ..Default::default() };
        assert_eq!(query_of(&q, now).unwrap().ids, vec!["-".to_string()], "ids override the other filters");
    }
}
