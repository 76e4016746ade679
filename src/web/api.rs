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
use crate::ledger::{ListFilter, Problem};
use crate::storage::audit::Actor;
use crate::storage::ledger::{self as store, ImportReport, LedgerStats};

#[derive(OpenApi)]
#[openapi(
    info(title = "Lantian (蓝天) API", description = "Industrial pollution control and pollution–carbon co-reduction platform"),
    paths(list, dossier, stats, divisions, industries, import, export_xlsx, export_csv, template),
    components(schemas(
        EnterpriseSummary, Page<EnterpriseSummary>, Dossier, Enterprise, EnterpriseRecord, ProductionLine, Equipment, Outlet,
        OutletPollutant, YearlyFigures, Division, AuditEntry, LedgerStats, ImportReport, Problem, IndustryItem, ErrorBody
    ))
)]
pub struct ApiDoc;

/// The body of every error answer.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: String,
    /// Every problem found, for refused imports.
    pub problems: Option<Vec<Problem>>,
}

pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// Search and filter the enterprise ledger, a page at a time.
#[utoipa::path(get, path = "/api/enterprises", params(ListFilter), responses((status = 200, body = Page<EnterpriseSummary>)))]
pub async fn list(state: State, Query(filter): Query<ListFilter>) -> Result<Json<Page<EnterpriseSummary>>> {
    Ok(Json(store::list(&state.db, &filter).await?))
}

/// The dossier of one enterprise: facts, lines, equipment, outlets, yearly figures, history.
#[utoipa::path(get, path = "/api/enterprises/{id}", params(("id" = i64, Path)), responses((status = 200, body = Dossier), (status = 404, body = ErrorBody)))]
pub async fn dossier(state: State, Path(id): Path<i64>) -> Result<Json<Dossier>> {
    Ok(Json(store::dossier(&state.db, id).await?))
}

/// Key figures of the (filtered) ledger.
#[utoipa::path(get, path = "/api/stats", params(ListFilter), responses((status = 200, body = LedgerStats)))]
pub async fn stats(state: State, Query(filter): Query<ListFilter>) -> Result<Json<LedgerStats>> {
    Ok(Json(store::stats(&state.db, &filter).await?))
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
    responses((status = 200, body = ImportReport), (status = 422, body = ErrorBody), (status = 413, body = ErrorBody)))]
pub async fn import(state: State, Query(q): Query<ImportQuery>, body: Bytes) -> Result<Json<ImportReport>> {
    let name = if q.format.as_deref() == Some("csv") { "upload.csv" } else { "upload.xlsx" };
    let actor = Actor { name: "api".into(), role: "anonymous".into(), ip: String::new() };
    Ok(Json(super::pages::import::run_import(&state, name, &body, q.dry_run, q.update, &actor).await?))
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

async fn audited_export(state: &State, filter: &ListFilter, what: &str) -> Result<Vec<EnterpriseBundle>> {
    let bundles = store::export(&state.db, filter).await?;
    let actor = Actor { name: "web".into(), role: "anonymous".into(), ip: String::new() };
    crate::storage::audit::record(
        &state.db,
        &actor,
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
pub async fn export_xlsx(state: State, Query(filter): Query<ListFilter>) -> Result<Response> {
    let bundles = audited_export(&state, &filter, "export.xlsx").await?;
    let bytes = crate::excel::export::workbook(&bundles).map_err(|e| Error::Other(e.to_string()))?;
    Ok(download(bytes, XLSX, "ledger.xlsx"))
}

/// The enterprise sheet as CSV for the same filters as the list.
#[utoipa::path(get, path = "/api/ledger/export.csv", params(ListFilter), responses((status = 200, content_type = "text/csv", body = String)))]
pub async fn export_csv(state: State, Query(filter): Query<ListFilter>) -> Result<Response> {
    let bundles = audited_export(&state, &filter, "export.csv").await?;
    Ok(download(crate::excel::export::enterprises_csv(&bundles), "text/csv; charset=utf-8", "enterprises.csv"))
}

/// The blank import template.
#[utoipa::path(get, path = "/api/ledger/template.xlsx", responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>)))]
pub async fn template() -> Result<Response> {
    let bytes = crate::excel::template::workbook().map_err(|e| Error::Other(e.to_string()))?;
    Ok(download(bytes, XLSX, "ledger-template.xlsx"))
}

