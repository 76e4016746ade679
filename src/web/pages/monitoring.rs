//! Online monitoring: every data logger in the account's scope with its last contact and
//! online/offline state, the ingestion counters, and `/metrics` for Prometheus.

use std::sync::atomic::Ordering::Relaxed;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

use super::layout::{self, thousands, Section};
use crate::auth::Viewer;
use crate::web::auth::Ctx;
use crate::web::State;

pub async fn page(state: State, ctx: Ctx, viewer: Viewer) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let mut devices = crate::ingest::device_statuses(&state.db, None).await?;
    devices.retain(|d| viewer.scope.admits(d.division_code.as_deref().unwrap_or(""), &d.credit_code));
    let online = devices.iter().filter(|d| d.online).count();
    let m = &state.metrics;
    let card = |label: &str, value: i64| html! { div.card { div.label { (label) } div.value { (thousands(value)) } } };
    let body = html! {
        div.cards #monitoring-cards {
            (card(lang.pick("数采仪", "Data loggers"), devices.len() as i64))
            (card(lang.pick("在线", "Online"), online as i64))
            (card(lang.pick("离线", "Offline"), (devices.len() - online) as i64))
            (card(lang.pick("本节点已接收数据包", "Packets accepted (this node)"), m.accepted.load(Relaxed) as i64))
            (card(lang.pick("本节点拒收数据包", "Packets rejected (this node)"), m.rejected_total() as i64))
        }
        p.muted { (lang.pick(
            "在线:最近 10 分钟内收到该数采仪通过认证的数据包。计数为本节点自启动以来的数值,Prometheus 采集地址 /metrics。",
            "Online: an authenticated packet within the last 10 minutes. Counters are this node's since it started; Prometheus scrapes /metrics.")) }
        div.panel { div.table-wrap { table #devices {
            thead { tr {
                th { (lang.pick("企业", "Enterprise")) } th { (lang.pick("排放口", "Outlet")) } th { "MN" }
                th { (lang.pick("最近通讯", "Last contact")) } th.num { (lang.pick("今日数据包", "Packets today")) } th.num { (lang.pick("今日拒收", "Rejected today")) }
                th { (lang.pick("状态", "State")) }
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
                td { @if !d.enabled { span.tag { (lang.pick("已停用", "disabled")) } } @else if d.online { span.tag.ok { (lang.pick("在线", "online")) } } @else { span.bad { (lang.pick("离线", "offline")) } } }
            } } }
        } } }
    };
    Ok(layout::page(&ctx, Section::Monitoring, lang.pick("在线监控", "Online monitoring"), body))
}

/// Prometheus text exposition format 0.0.4.
pub async fn metrics(state: State) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], state.metrics.render_prometheus()).into_response()
}
