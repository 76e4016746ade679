//! The JSON API. Every handler is listed in `ApiDoc`, which is served at /api/openapi.json.

use axum::body::Bytes;
use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use utoipa::OpenApi;

use super::State;
use crate::error::{Error, Result};
use crate::ledger::model::*;
use crate::ledger::ListFilter;
use crate::auth::Viewer;
use crate::storage::ledger::{self as store, ImportReport, LedgerStats};

#[derive(OpenApi)]
#[openapi(
    info(title = "Lantian (蓝天) API", description = "Industrial pollution control and pollution–carbon co-reduction platform"),
    paths(login, logout, me, list, dossier, stats, divisions, industries, import, export_xlsx, export_csv, template, users, audit_verify,
        super::pages::cases::overdue_json, super::pages::campaigns::summary_json, super::pages::campaigns::ranking_json,
        super::plans_api::plans, super::plans_api::tasks, super::plans_api::targets, super::plans_api::reports,
        super::open311::discovery_json, super::open311::discovery_xml, super::open311::services_json, super::open311::services_xml, super::open311::service,
        super::open311::requests_json, super::open311::requests_xml, super::open311::post_json, super::open311::post_xml, super::open311::request, super::open311::token),
    components(schemas(
        EnterpriseSummary, Page<EnterpriseSummary>, Dossier, Enterprise, EnterpriseRecord, ProductionLine, Equipment, Outlet,
        OutletPollutant, YearlyFigures, Division, AuditEntry, LedgerStats, ImportReport, ProblemBody, IndustryItem, ErrorBody, LoginRequest, SessionInfo, Me, AuditVerdict, crate::excel::outputs::CreditRecord,
        crate::campaigns::progress::Summary, crate::campaigns::progress::DispositionShare, crate::campaigns::progress::DivisionCounts,
        crate::campaigns::progress::RankRow, super::open311::Open311Error
    ))
)]
pub struct ApiDoc;

/// The body of every error answer: a stable code for programs, the message in the request's
/// language (`?lang=`, cookie `lang`, `Accept-Language`; Chinese by default) for people.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// Stable message code from the catalogue, e.g. `http.404.title` or `ledger.credit_code.check_char`.
    pub code: String,
    pub message: String,
    /// Every problem found, for refused imports (the first thousand; `problems_omitted` counts the rest).
    pub problems: Option<Vec<ProblemBody>>,
    pub problems_omitted: Option<usize>,
}

/// One problem of a refused input, as `ledger::Problem::json` writes it.
#[derive(serde::Serialize, utoipa::ToSchema)]
#[schema(as = Problem)]
pub struct ProblemBody {
    pub sheet: String,
    /// 1-based spreadsheet row (the header is row 1); 0 for the whole sheet or file.
    pub row: usize,
    pub column: String,
    pub value: String,
    /// Why, in the request's language.
    pub reason: String,
    /// The reason's stable catalogue code, e.g. `ledger.credit_code.check_char`, for programs.
    pub reason_code: String,
}

pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// Search and filter the enterprise ledger, a page at a time.
#[utoipa::path(get, path = "/api/enterprises", params(ListFilter), responses((status = 200, body = Page<EnterpriseSummary>)))]
pub async fn list(state: State, viewer: Viewer, Query(filter): Query<ListFilter>) -> Result<Json<Page<EnterpriseSummary>>> {
    Ok(Json(store::list(&state.db, &viewer.scope, &filter).await?))
}

/// The dossier of one enterprise: facts, lines, equipment, outlets, yearly figures, history.
#[utoipa::path(get, path = "/api/enterprises/{id}", params(("id" = i64, Path)), responses((status = 200, body = Dossier), (status = 404, body = ErrorBody)))]
pub async fn dossier(state: State, viewer: Viewer, Path(id): Path<i64>) -> Result<Json<Dossier>> {
    match store::dossier(&state.db, &viewer.scope, id).await {
        Err(Error::NotFound(what)) => {
            super::auth::note_out_of_scope(&state, &viewer, id, "GET /api/enterprises/{id}").await;
            Err(Error::NotFound(what))
        }
        other => Ok(Json(other?)),
    }
}

/// Key figures of the (filtered) ledger.
#[utoipa::path(get, path = "/api/stats", params(ListFilter), responses((status = 200, body = LedgerStats)))]
pub async fn stats(state: State, viewer: Viewer, Query(filter): Query<ListFilter>) -> Result<Json<LedgerStats>> {
    Ok(Json(store::stats(&state.db, &viewer.scope, &filter).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct DivisionQuery {
    /// Parent division code; omit for the top level.
    pub parent: Option<String>,
}

/// The jurisdiction tree, one level at a time.
#[utoipa::path(get, path = "/api/divisions", params(DivisionQuery), responses((status = 200, body = Vec<Division>)))]
pub async fn divisions(state: State, Query(q): Query<DivisionQuery>) -> Result<Json<Vec<Division>>> {
    Ok(Json(store::divisions(&state.db, q.parent.as_deref()).await?))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct IndustryItem {
    pub code: String,
    pub level: String,
    pub name: String,
    pub parent: String,
}

/// GB/T 4754-2017 industry classification (sections, divisions, groups and classes).
#[utoipa::path(get, path = "/api/industries", responses((status = 200, body = Vec<IndustryItem>)))]
pub async fn industries() -> Json<Vec<IndustryItem>> {
    Json(
        crate::ledger::codes::INDUSTRIES
            .all
            .iter()
            .map(|i| IndustryItem { code: i.code.clone(), level: i.level.clone(), name: i.name_zh.clone(), parent: i.parent.clone() })
            .collect(),
    )
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ImportQuery {
    /// Validate only, write nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// Replace enterprises already in the ledger.
    #[serde(default)]
    pub update: bool,
    /// `csv` when the body is an enterprise-sheet CSV; default xlsx.
    pub format: Option<String>,
}

/// Import a ledger workbook (the raw .xlsx bytes as the body). All or nothing:
/// 422 with every problem (sheet, row, column, value, reason) if any row is wrong.
#[utoipa::path(post, path = "/api/ledger/import", params(ImportQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = ImportReport), (status = 202, description = "enterprise accounts: submitted for review (ids in `submitted`), the ledger is unchanged", body = ImportReport), (status = 422, body = ErrorBody), (status = 413, body = ErrorBody)))]
pub async fn import(state: State, viewer: Viewer, Query(q): Query<ImportQuery>, body: Bytes) -> Result<Response> {
    let name = if q.format.as_deref() == Some("csv") { "upload.csv" } else { "upload.xlsx" };
    let report = super::pages::import::run_import(&state, &viewer, name, &body, q.dry_run, q.update).await?;
    // An enterprise's upload is a proposal waiting for review: 202 Accepted.
    let status = if report.submitted.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::ACCEPTED };
    Ok((status, Json(report)).into_response())
}

fn download(bytes: Vec<u8>, content_type: &'static str, filename: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
        ],
        bytes,
    )
        .into_response()
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn audited_export(state: &State, viewer: &Viewer, filter: &ListFilter, what: &str) -> Result<Vec<EnterpriseBundle>> {
    let bundles = store::export(&state.db, &viewer.scope, filter).await?;
    crate::storage::audit::record(
        &state.db,
        &viewer.actor(),
        crate::storage::audit::NewEntry {
            action: "export",
            entity: "ledger",
            entity_id: what.into(),
            enterprise_id: None,
            before: None,
            after: Some(serde_json::json!({ "filter": filter, "enterprises": bundles.len() })),
        },
    )
    .await?;
    Ok(bundles)
}

/// The ledger workbook for the same filters as the list.
#[utoipa::path(get, path = "/api/ledger/export.xlsx", params(ListFilter), responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>)))]
pub async fn export_xlsx(state: State, viewer: Viewer, Query(filter): Query<ListFilter>) -> Result<Response> {
    let bundles = audited_export(&state, &viewer, &filter, "export.xlsx").await?;
    let bytes = crate::excel::export::workbook(&bundles).map_err(|e| Error::other(e))?;
    Ok(download(bytes, XLSX, "ledger.xlsx"))
}

/// The enterprise sheet as CSV for the same filters as the list.
#[utoipa::path(get, path = "/api/ledger/export.csv", params(ListFilter), responses((status = 200, content_type = "text/csv", body = String)))]
pub async fn export_csv(state: State, viewer: Viewer, Query(filter): Query<ListFilter>) -> Result<Response> {
    let bundles = audited_export(&state, &viewer, &filter, "export.csv").await?;
    Ok(download(crate::excel::export::enterprises_csv(&bundles), "text/csv; charset=utf-8", "enterprises.csv"))
}

/// The blank import template.
#[utoipa::path(get, path = "/api/ledger/template.xlsx", responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>)))]
pub async fn template() -> Result<Response> {
    let bytes = crate::excel::template::workbook().map_err(|e| Error::other(e))?;
    Ok(download(bytes, XLSX, "ledger-template.xlsx"))
}


#[derive(Deserialize, utoipa::ToSchema)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct SessionInfo {
    pub username: String,
    /// Send this in the `X-CSRF-Token` header of every POST.
    pub csrf_token: String,
}

/// Sign in (for scripts); the session cookie comes back in `Set-Cookie`. The body must be JSON.
#[utoipa::path(post, path = "/api/login", request_body = LoginRequest,
    responses((status = 200, body = SessionInfo), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn login(
    state: State,
    axum::Extension(auth): axum::Extension<super::auth::RequestAuth>,
    headers: axum::http::HeaderMap,
    lang: super::i18n::Lang,
    Json(req): Json<LoginRequest>,
) -> Result<Response> {
    use crate::storage::accounts::{self, LoginOutcome};
    match accounts::login(&state.db, &req.username, &req.password, &auth.ip, auth.token.as_deref()).await? {
        LoginOutcome::Success { token, csrf } => {
            let mut r = Json(SessionInfo { username: req.username, csrf_token: csrf }).into_response();
            let secure = super::auth::secure(&state.config, &headers);
            super::auth::set_cookie(&mut r, super::auth::SESSION_COOKIE, &token, None, secure);
            Ok(r)
        }
        LoginOutcome::Refused => {
            state.limits.login_failed(&auth.ip);
            Ok((
                axum::http::StatusCode::UNAUTHORIZED,
                Json(serde_json::json!({ "code": "login_refused", "message": crate::i18n::catalogue::login::refused().render(lang), "problems": null })),
            )
                .into_response())
        }
        LoginOutcome::Locked { until } => {
            state.limits.login_failed(&auth.ip);
            let locked_until = time::OffsetDateTime::from_unix_timestamp(until)
                .ok()
                .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok());
            Ok((
                axum::http::StatusCode::UNAUTHORIZED,
                Json(serde_json::json!({
                    "code": "account_locked", "message": super::pages::login::locked_message(lang, until),
                    "locked_until": locked_until, "problems": null,
                })),
            )
                .into_response())
        }
    }
}

/// Sign out: the session ends on the server at once.
#[utoipa::path(post, path = "/api/logout", responses((status = 204)))]
pub async fn logout(state: State, viewer: Viewer, axum::Extension(auth): axum::Extension<super::auth::RequestAuth>) -> Result<Response> {
    if let Some(token) = &auth.token {
        crate::storage::accounts::logout(&state.db, token, &viewer.actor()).await?;
    }
    let mut r = axum::http::StatusCode::NO_CONTENT.into_response();
    super::auth::set_cookie(&mut r, super::auth::SESSION_COOKIE, "", Some(0), false);
    Ok(r)
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Me {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub department: Option<String>,
    /// all | divisions:CODE,... | enterprise:CREDIT_CODE | nothing
    pub scope: String,
}

/// The signed-in account and its reach.
#[utoipa::path(get, path = "/api/me", responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
pub async fn me(viewer: Viewer) -> Json<Me> {
    use crate::auth::Scope;
    Json(Me {
        scope: match &viewer.scope {
            Scope::All => "all".into(),
            Scope::Divisions(d) => format!("divisions:{}", d.join(",")),
            Scope::Enterprise(c) => format!("enterprise:{c}"),
            Scope::Nothing => "nothing".into(),
        },
        username: viewer.username,
        display_name: viewer.display_name,
        role: viewer.role.code().into(),
        department: viewer.department.map(|d| d.code().to_string()),
    })
}

/// Every account (administrators only).
#[utoipa::path(get, path = "/api/users", responses((status = 200, body = Vec<Object>)))]
pub async fn users(state: State) -> Result<Json<Vec<crate::storage::accounts::UserRow>>> {
    Ok(Json(crate::storage::accounts::list_users(&state.db).await?))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct AuditVerdict {
    pub intact: bool,
    pub entries: Option<i64>,
    /// The first broken entry and why, when the chain is broken.
    pub broken_at: Option<i64>,
    pub reason: Option<String>,
}

/// Check the whole audit hash chain (administrators only).
#[utoipa::path(get, path = "/api/audit/verify", responses((status = 200, body = AuditVerdict)))]
pub async fn audit_verify(state: State) -> Result<Json<AuditVerdict>> {
    use crate::storage::audit::Verdict;
    Ok(Json(match crate::storage::audit::verify(&state.db).await? {
        Verdict::Intact { entries } => AuditVerdict { intact: true, entries: Some(entries), broken_at: None, reason: None },
        Verdict::Broken { seq, reason } => AuditVerdict { intact: false, entries: None, broken_at: Some(seq), reason: Some(reason) },
    }))
}
