//! Online monitoring: every data logger in the account's scope with its last contact and
//! online/offline state, the ingestion counters, and `/metrics` for Prometheus.

use std::sync::atomic::Ordering::Relaxed;

use axum::extract::Query;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

use super::layout::{self, thousands, Section};
use crate::auth::Viewer;
use crate::web::auth::Ctx;
use crate::web::State;
use crate::i18n::catalogue as cat;

#[derive(serde::Deserialize, Default)]
pub struct OverviewQuery {
    /// Division code prefix (county, township …).
    pub division: Option<String>,
    /// Industry code prefix (GB/T 4754-2017).
    pub industry: Option<String>,
    /// online | offline | invalid | exceeded
    pub status: Option<String>,
    /// enterprise | division | industry | rate | exceeded
    pub sort: Option<String>,
}

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<OverviewQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let mut devices = crate::ingest::device_statuses(&state.db, None).await?;
    devices.retain(|d| viewer.scope.admits(d.division_code.as_deref().unwrap_or(""), &d.credit_code));
    let outlets = overview_table(&state, &ctx, &viewer, &q, &devices).await?;
    let online = devices.iter().filter(|d| d.online).count();
    let orphans = devices.iter().filter(|d| d.outlet_missing).count();
    // Conflicts in scope: the latest of the whole platform, then the viewer's (newest first).
    let mut conflicts = crate::ingest::conflicts::recent(&state.db, 1000).await?;
    conflicts.retain(|c| viewer.scope.admits(c.division_code.as_deref().unwrap_or(""), &c.credit_code));
    conflicts.truncate(100);
    let m = &state.metrics;
    let card = |label: &str, value: i64| html! { div.card { div.label { (label) } div.value { (thousands(value)) } } };
    let body = html! {
        div.cards #monitoring-cards {
            (card(lang.label(cat::monitoring::data_loggers()), devices.len() as i64))
            (card(lang.label(cat::monitoring::online()), online as i64))
            (card(lang.label(cat::monitoring::offline()), (devices.len() - online) as i64))
            (card(lang.label(cat::monitoring::packets_accepted_this_node()), m.accepted.load(Relaxed) as i64))
            (card(lang.label(cat::monitoring::packets_rejected_this_node()), m.rejected_total() as i64))
            (card(lang.label(cat::monitoring::loggers_whose_outlet_was_deleted()), orphans as i64))
            (card(lang.label(cat::monitoring::conflicting_packets()), conflicts.len() as i64))
        }
        p.links #enforcement-links { a href="/enforcement/exceedances" { (lang.t(&crate::i18n::catalogue::enforcement::exceedances_title())) } }
        (outlets)
        @if !conflicts.is_empty() {
            h2 { (lang.label(cat::monitoring::data_conflicts())) }
            p.muted { (lang.label(cat::monitoring::packets_for_a_slot_logger_data())) }
            div.panel { div.table-wrap { table #conflicts {
                thead { tr {
                    th { (lang.label(cat::inventory::col_enterprise())) } th { (lang.label(cat::inventory::col_outlet())) } th { "MN" }
                    th { (lang.label(cat::monitoring::data_time())) } th { (lang.label(cat::monitoring::pollutants())) }
                    th { (lang.label(cat::monitoring::received())) } th { (lang.label(cat::monitoring::from_address())) }
                } }
                tbody { @for c in &conflicts { tr data-mn=(c.mn) {
                    td { @match (c.enterprise_id, &c.enterprise_name) {
                        (Some(id), Some(name)) => a href=(format!("/enterprises/{id}")) { (name) },
                        _ => code { (c.credit_code) },
                    } }
                    td { span.v { (c.outlet_code) } }
                    td { code.small { (c.mn) } }
                    td { span.v { (crate::ingest::conflicts::display_data_time(c.data_time)) } " " span.v.muted { "CN " (c.cn) } }
                    td { span.v { (c.pollutants) } }
                    td { (crate::storage::display_time(&c.received_at)) }
                    td { code.small { (c.peer) } }
                } } }
            } } }
        }
        h2 { (lang.label(cat::monitoring::data_loggers())) }
        p.muted { (lang.label(cat::monitoring::online_an_authenticated_packet_within_the())) }
        div.panel { div.table-wrap { table #devices {
            thead { tr {
                th { (lang.label(cat::inventory::col_enterprise())) } th { (lang.label(cat::inventory::col_outlet())) } th { "MN" }
                th { (lang.label(cat::monitoring::last_contact())) } th.num { (lang.label(cat::monitoring::packets_today())) } th.num { (lang.label(cat::monitoring::rejected_today())) }
                th { (lang.label(cat::common::state())) }
            } }
            tbody { @for d in &devices { tr data-mn=(d.mn) {
                td { @match (d.enterprise_id, &d.enterprise_name) {
                    (Some(id), Some(name)) => a href=(format!("/enterprises/{id}")) { (name) },
                    _ => code { (d.credit_code) },
                } }
                td { (d.outlet_code) " " (d.outlet_name.clone().unwrap_or_default()) }
                td { code.small { (d.mn) } }
                td { (d.last_contact.as_deref().map(crate::storage::display_time).unwrap_or_else(|| "—".into())) }
                td.num { (d.packets_today) } td.num { (d.rejected_today) }
                td { @if d.outlet_missing { span.bad { (lang.label(cat::monitoring::outlet_deleted_from_the_ledger_data())) } }
                     @else if !d.enabled { span.tag { (lang.label(cat::common::disabled())) } } @else if d.online { span.tag.ok { (lang.label(cat::monitoring::online_2())) } } @else { span.bad { (lang.label(cat::monitoring::offline_2())) } } }
            } } }
        } } }
    };
    Ok(layout::page(&ctx, Section::Monitoring, lang.label(cat::monitoring::online_monitoring()), body))
}

/// Prometheus text exposition format 0.0.4.
pub async fn metrics(state: State) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], state.metrics.render_prometheus()).into_response()
}

async fn overview_table(state: &State, ctx: &Ctx, viewer: &Viewer, q: &OverviewQuery, devices: &[crate::ingest::DeviceStatus]) -> crate::Result<Markup> {
    use crate::monitoring::clock;
    use crate::monitoring::rates::Counts;
    let lang = ctx.lang;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let day = clock::day_start(now);
    let expected = ((clock::Period::Hour.start_of(now) - day) / 3600) as u32;
    let mut rows = crate::storage::averages::overview(&state.db, day).await?;
    rows.retain(|r| viewer.scope.admits(&r.division_code, &r.credit_code));
    let online = |r: &crate::storage::averages::OverviewRow| devices.iter().any(|d| d.credit_code == r.credit_code && d.outlet_code == r.outlet_code && d.online);
    let counts = |r: &crate::storage::averages::OverviewRow| Counts { expected, received: r.received_hours, valid: r.valid_hours };
    let division = q.division.clone().unwrap_or_default();
    let industry = q.industry.clone().unwrap_or_default();
    let status = q.status.clone().unwrap_or_default();
    rows.retain(|r| r.division_code.starts_with(division.trim()) && r.industry_code.starts_with(industry.trim()));
    rows.retain(|r| match status.as_str() {
        "online" => online(r),
        "offline" => !online(r),
        "invalid" => r.received_hours > r.valid_hours,
        "exceeded" => r.exceeded_hours > 0,
        _ => true,
    });
    let divisions = crate::storage::ledger::divisions_in_use(&state.db).await?;
    let division_name = |code: &str| divisions.iter().filter(|d| code.starts_with(&d.code)).max_by_key(|d| d.code.len()).map(|d| d.name.clone()).unwrap_or_else(|| code.to_string());
    let industry_name = |code: &str| crate::ledger::codes::INDUSTRIES.name(code).to_string();
    match q.sort.as_deref() {
        Some("division") => rows.sort_by(|a, b| a.division_code.cmp(&b.division_code).then(a.enterprise_name.cmp(&b.enterprise_name))),
        Some("industry") => rows.sort_by(|a, b| a.industry_code.cmp(&b.industry_code).then(a.enterprise_name.cmp(&b.enterprise_name))),
        Some("rate") => rows.sort_by(|a, b| counts(a).effective_transmission().unwrap_or(0.0).total_cmp(&counts(b).effective_transmission().unwrap_or(0.0))),
        Some("exceeded") => rows.sort_by(|a, b| b.exceeded_hours.cmp(&a.exceeded_hours)),
        _ => rows.sort_by(|a, b| a.enterprise_name.cmp(&b.enterprise_name).then(a.outlet_code.cmp(&b.outlet_code))),
    }
    let pct = |v: Option<f64>| v.map(|v| format!("{:.1}%", v * 100.0)).unwrap_or_else(|| "—".into());
    let sort_link = |key: &str| format!("/monitoring?division={division}&industry={industry}&status={status}&sort={key}");
    let counties: Vec<_> = divisions.iter().filter(|d| d.level == "county" || d.level == "township").collect();
    Ok(html! {
        h2 { (lang.label(cat::monitoring::outlets_today())) }
        form.filters #outlet-filters method="get" action="/monitoring" {
            label { (lang.label(cat::enforcement_cases::col_division())) " " select name="division" {
                option value="" { (lang.label(cat::inventory::all())) }
                @for d in &counties { option value=(d.code) selected[d.code == division] { (d.name) } }
            } } " "
            label { (lang.label(cat::enforcement::filter_industry())) " " input type="text" name="industry" value=(industry) size="6" placeholder="30"; } " "
            label { (lang.label(cat::enforcement_cases::col_status())) " " select name="status" {
                @for (v, zh, en) in [("", "全部", "all"), ("online", "在线", "online"), ("offline", "离线", "offline"), ("invalid", "有无效小时", "with invalid hours"), ("exceeded", "有超标小时", "with exceeding hours")] {
                    option value=(v) selected[v == status] { (lang.pick(zh, en)) }
                }
            } } " "
            button type="submit" { (lang.label(cat::enforcement_cases::filter_apply())) }
        }
        div.panel { div.table-wrap { table #outlets {
            thead { tr {
                th { a href=(sort_link("enterprise")) { (lang.label(cat::inventory::col_enterprise())) } }
                th { a href=(sort_link("division")) { (lang.label(cat::enforcement_cases::col_division())) } }
                th { a href=(sort_link("industry")) { (lang.label(cat::common::industry())) } }
                th { (lang.label(cat::inventory::col_outlet())) }
                th { (lang.label(cat::monitoring::logger())) }
                th.num { (lang.label(cat::monitoring::hours_received_valid_today())) }
                th.num { (lang.label(cat::monitoring::transmission())) }
                th.num { (lang.label(cat::monitoring::validity_2())) }
                th.num { a href=(sort_link("rate")) { (lang.label(cat::monitoring::effective_transmission())) } }
                th.num { a href=(sort_link("exceeded")) { (lang.label(cat::monitoring::exceeding_hours())) } }
            } }
            tbody { @for r in &rows { @let c = counts(r); tr data-outlet=(format!("{}/{}", r.credit_code, r.outlet_code)) {
                td { (r.enterprise_name) }
                td { (division_name(&r.division_code)) }
                td { (r.industry_code) " " span.muted { (industry_name(&r.industry_code)) } }
                td { a href=(format!("/monitoring/outlets/{}/{}", r.credit_code, r.outlet_code)) { (r.outlet_code) " " (r.outlet_name) } }
                td { @if online(r) { span.tag.ok { (lang.label(cat::monitoring::online_2())) } } @else { span.bad { (lang.label(cat::monitoring::offline_2())) } } }
                td.num { (r.received_hours) " / " (r.valid_hours) }
                td.num { (pct(c.transmission())) } td.num { (pct(c.validity())) } td.num { (pct(c.effective_transmission())) }
                td.num { @if r.exceeded_hours > 0 { span.bad { (r.exceeded_hours) } } @else { "0" } }
            } } }
        } } }
        p.muted { (lang.label(cat::monitoring::an_hour_is_valid_with_45())) }
    })
}
