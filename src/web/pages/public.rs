//! What the public may see without signing in: the published lists — enterprises under a
//! rectification order, and backward capacity closed after acceptance.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

use super::layout::{self, Section};
use super::screening::dimension_label;
use crate::storage::cases::{self, Case};
use crate::web::auth::Ctx;
use crate::web::State;

fn table(id: &str, rows: &[Case], closed: bool) -> Markup {
    html! {
        div.table-wrap { table id=(id) {
            thead { tr { th { "企业名称" } th { "统一社会信用代码" } th { "行政区划" } th { "设备/生产线" } th { "问题" }
                @if closed { th { "退出方式" } th { "退出日期" } } @else { th { "整改期限" } } } }
            tbody { @for c in rows { tr {
                td { (c.enterprise_name) } td { code { (c.credit_code) } } td { (c.division_code) } td { (c.equipment) }
                td { (dimension_label(&c.dimension)) ":" (c.title) }
                @if closed { td { (if c.dismantled { "拆除" } else { "封存" }) } td { (c.exited_on.clone().unwrap_or_default()) } }
                @else { td { (c.deadline.clone().unwrap_or_default()) } }
            } } }
        } }
    }
}

pub async fn page(state: State, ctx: Ctx) -> crate::Result<Markup> {
    let rectify = cases::public_list(&state.db, false).await?;
    let closed = cases::public_list(&state.db, true).await?;
    let body = html! {
        div.panel {
            h2 { "限期整改企业名单 (" (rectify.len()) ")" } p { a href="/public/rectification.csv" { "下载 CSV" } }
            (table("public-rectification", &rectify, false))
        }
        div.panel {
            h2 { "落后产能退出公示名单 (" (closed.len()) ")" } p { a href="/public/closed.csv" { "下载 CSV" } }
            (table("public-closed", &closed, true))
        }
    };
    Ok(layout::page(&ctx, Section::Public, "公示", body))
}

fn csv_of(rows: &[Case], closed: bool) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let _ = if closed {
        w.write_record(["企业名称", "统一社会信用代码", "行政区划代码", "设备", "问题", "退出方式", "退出日期"])
    } else {
        w.write_record(["企业名称", "统一社会信用代码", "行政区划代码", "设备", "问题", "整改期限"])
    };
    for c in rows {
        let problem = format!("{}:{}", dimension_label(&c.dimension), c.title);
        let _ = if closed {
            w.write_record([
                c.enterprise_name.as_str(),
                &c.credit_code,
                &c.division_code,
                &c.equipment,
                &problem,
                if c.dismantled { "拆除" } else { "封存" },
                c.exited_on.as_deref().unwrap_or(""),
            ])
        } else {
            w.write_record([c.enterprise_name.as_str(), &c.credit_code, &c.division_code, &c.equipment, &problem, c.deadline.as_deref().unwrap_or("")])
        };
    }
    w.into_inner().unwrap_or_default()
}

fn csv_response(bytes: Vec<u8>, name: &str) -> Response {
    ([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\""))], bytes).into_response()
}

pub async fn rectification_csv(state: State) -> crate::Result<Response> {
    Ok(csv_response(csv_of(&cases::public_list(&state.db, false).await?, false), "rectification.csv"))
}

pub async fn closed_csv(state: State) -> crate::Result<Response> {
    Ok(csv_response(csv_of(&cases::public_list(&state.db, true).await?, true), "closed.csv"))
}
