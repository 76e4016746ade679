//! JSON API of the work plans (described in /api/openapi.json): plans, their tasks,
//! targets with computed progress, and the monthly reports of a month.

use axum::extract::{Path, Query};
use axum::Json;
use serde::Deserialize;

use super::State;
use crate::auth::Viewer;
use crate::error::Result;
use crate::plans::due;
use crate::storage::plans as store;

/// Every plan within the account's jurisdiction.
#[utoipa::path(get, path = "/api/plans", responses((status = 200, description = "Plans: id, title, issuer, doc_number, division_code, lead_unit_id, start_date, end_date, due_day, at_risk_ratio")))]
pub async fn plans(state: State, viewer: Viewer) -> Result<Json<Vec<crate::plans::Plan>>> {
    Ok(Json(store::plans(&state.db, &viewer.scope).await?))
}

/// The plan's tasks with lead, responsible and cooperating units and their state.
#[utoipa::path(get, path = "/api/plans/{plan}/tasks", params(("plan" = i64, Path)), responses((status = 200, description = "Tasks: id, number, title, measures, due_date, lead_unit_id, responsible, cooperating, state (not_started | in_progress | completed), shown_state (adds overdue)"), (status = 404, description = "No such plan in scope")))]
pub async fn tasks(state: State, viewer: Viewer, Path(plan): Path<i64>) -> Result<Json<serde_json::Value>> {
    let plan = super::pages::plans::load_plan(&state, &viewer, plan).await?;
    let today = due::today_beijing();
    let tasks = store::tasks(&state.db, plan.id).await?;
    let out: Vec<serde_json::Value> = tasks
        .iter()
        .map(|t| {
            let mut v = serde_json::to_value(t).unwrap_or_default();
            v["shown_state"] = t.shown_state(today).into();
            v
        })
        .collect();
    Ok(Json(out.into()))
}

/// The plan's targets with their current value and assessment for this year.
#[utoipa::path(get, path = "/api/plans/{plan}/targets", params(("plan" = i64, Path)), responses((status = 200, description = "Targets with assessment: year, current, required, share, state (on_track | at_risk | behind | no_data), detail, link"), (status = 404, description = "No such plan in scope")))]
pub async fn targets(state: State, viewer: Viewer, Path(plan): Path<i64>) -> Result<Json<Vec<store::TargetStatus>>> {
    let plan = super::pages::plans::load_plan(&state, &viewer, plan).await?;
    Ok(Json(store::target_statuses(&state.db, &plan, due::today_beijing().year()).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct MonthParam {
    /// YYYY-MM; this month when omitted.
    pub month: Option<String>,
}

/// The monthly reports filed for a month, with each unit's timeliness.
#[utoipa::path(get, path = "/api/plans/{plan}/reports", params(("plan" = i64, Path), MonthParam), responses((status = 200, description = "Per reporting unit: unit_id, due, timeliness (on_time | late | missing | pending), report (items, files, state)"), (status = 404, description = "No such plan in scope")))]
pub async fn reports(state: State, viewer: Viewer, Path(plan): Path<i64>, Query(q): Query<MonthParam>) -> Result<Json<serde_json::Value>> {
    let plan = super::pages::plans::load_plan(&state, &viewer, plan).await?;
    let today = due::today_beijing();
    let month = match q.month {
        Some(m) if due::parse_month(&m).is_some() => m,
        Some(m) => return Err(crate::Error::Invalid(crate::i18n::catalogue::plans::month_invalid(&m))),
        None => due::month_of(today),
    };
    let tasks = store::tasks(&state.db, plan.id).await?;
    let statuses = store::target_statuses(&state.db, &plan, today.year()).await?;
    let rows = super::pages::plans_reports::month_status(&state, &plan, &tasks, &statuses, &month, today).await?;
    let out: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| serde_json::json!({ "unit_id": r.unit_id, "due": due::format_day(r.due), "timeliness": r.timeliness.code(), "report": r.report }))
        .collect();
    Ok(Json(serde_json::json!({ "month": month, "units": out })))
}
