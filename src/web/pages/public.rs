//! What the public may see without signing in: the published lists — enterprises under a
//! rectification order, and backward capacity closed after acceptance.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

use super::layout::{self, Section};
use super::pager::{Pager, PER_PAGE};
use crate::screening::publication::{format_day, Publication};
use crate::web::i18n::Lang;
use super::screening::dimension_label;
use crate::storage::cases::{self, Case};
use crate::web::auth::Ctx;
use crate::web::State;
use crate::i18n::catalogue as cat;

fn table(id: &str, rows: &[Case], closed: bool, names: &std::collections::HashMap<String, String>, lang: Lang) -> Markup {
    html! {
        div.table-wrap { table id=(id) {
            thead { tr { th { (lang.label(cat::public::enterprise())) } th { (lang.label(cat::inventory::col_credit())) } th { (lang.label(cat::common::division())) } th { (lang.label(cat::common::equipment_line())) } th { (lang.label(cat::common::finding())) }
                @if closed { th { (lang.label(cat::public::exit_by())) } th { (lang.label(cat::common::exited_on())) } } @else { th { (lang.label(cat::public::rectify_by())) } } } }
            tbody { @for c in rows { tr {
                td data-v { (c.enterprise_name) } td { code data-v { (c.credit_code) } } td data-v { (names.get(&c.division_code).unwrap_or(&c.division_code)) } td data-v { (c.equipment) }
                td { (dimension_label(&c.dimension, lang)) ": " span.v { (c.title) } }
                @if closed { td { (if c.dismantled { lang.label(cat::common::dismantled()) } else { lang.label(cat::common::sealed()) }) } td data-v { (c.exited_on.clone().unwrap_or_default()) } }
                @else { td data-v { (c.deadline.clone().unwrap_or_default()) } }
            } } }
        } }
    }
}

/// The publication notice under the lists: issuing body, period, how to object.
fn notice(p: &Publication, lang: Lang) -> Markup {
    let today = time::OffsetDateTime::now_utc().date();
    let unset = lang.label(cat::common::not_set());
    html! {
        footer.panel.publication #publication-notice {
            dl.facts {
                dt { (lang.label(cat::public::issued_by())) }
                dd #publication-issuer { @if p.issuer.is_empty() { span.muted { (unset) } } @else { span.v { (p.issuer) } } }
                dt { (lang.label(cat::public::publication_period())) }
                dd #publication-period {
                    @match (p.from, p.to) {
                        (None, None) => span.muted { (unset) },
                        (from, to) => {
                            span.v { (from.map(format_day).unwrap_or_else(|| "…".into())) } (lang.label(cat::public::to())) span.v { (to.map(format_day).unwrap_or_else(|| "…".into())) }
                            @match p.open_on(today) {
                                Some(true) => { " " span.tag.ok { (lang.label(cat::public::open())) } }
                                Some(false) => { " " span.tag { (lang.label(cat::public::outside_the_period())) } }
                                None => {}
                            }
                        }
                    }
                }
                dt { (lang.label(cat::public::objections())) }
                dd #publication-objection {
                    @if p.objection.is_empty() { span.muted { (unset) } }
                    @else { (lang.label(cat::public::objections_to_these_lists_may_be())) span.v { (p.objection) } }
                }
                dt { (lang.label(cat::public::lists_as_of())) }
                dd data-v { (crate::storage::display_time(&crate::storage::now())) }
            }
        }
    }
}

pub async fn page(state: State, ctx: Ctx, axum::extract::Query(params): axum::extract::Query<Vec<(String, String)>>) -> crate::Result<Markup> {
    let rectify = cases::public_list(&state.db, false).await?;
    let closed = cases::public_list(&state.db, true).await?;
    let rectify_pager = Pager::keyed("/public", params.clone(), PER_PAGE, "page").keeping(&["closed_page"]).with_total(rectify.len() as u64);
    let closed_pager = Pager::keyed("/public", params, PER_PAGE, "closed_page").keeping(&["page"]).with_total(closed.len() as u64);
    let (rectify, closed) = (rectify_pager.slice(&rectify), closed_pager.slice(&closed));
    let names = crate::storage::ledger::full_names(&state.db, rectify.iter().chain(closed).map(|c| c.division_code.as_str())).await?;
    let publication = Publication::from_settings(&crate::storage::settings::all(&state.db).await?);
    let lang = ctx.lang;
    let body = html! {
        div.panel {
            h2 { (lang.label(cat::public::enterprises_under_a_rectification_order())) " (" (rectify_pager.total) ")" } p { a href="/public/rectification.csv" { (lang.label(cat::public::download_csv())) } }
            (table("public-rectification", rectify, false, &names, lang))
            (rectify_pager.render(ctx.lang, "rectification-pager"))
        }
        div.panel {
            h2 { (lang.label(cat::public::backward_capacity_closed())) " (" (closed_pager.total) ")" } p { a href="/public/closed.csv" { (lang.label(cat::public::download_csv())) } }
            (table("public-closed", closed, true, &names, lang))
            (closed_pager.render(ctx.lang, "closed-pager"))
        }
        (notice(&publication, ctx.lang))
    };
    Ok(layout::page(&ctx, Section::Public, lang.label(cat::public::public_lists()), body))
}

fn csv_of(rows: &[Case], closed: bool) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let _ = if closed {
        w.write_record(["企业名称", "统一社会信用代码", "行政区划代码", "设备", "问题", "退出方式", "退出日期"])
    } else {
        w.write_record(["企业名称", "统一社会信用代码", "行政区划代码", "设备", "问题", "整改期限"])
    };
    for c in rows {
        let problem = format!("{}:{}", dimension_label(&c.dimension, Lang::Zh), c.title);
        let _ = if closed {
            crate::excel::csv_safe::write(&mut w, [
                c.enterprise_name.as_str(),
                &c.credit_code,
                &c.division_code,
                &c.equipment,
                &problem,
                if c.dismantled { "拆除" } else { "封存" },
                c.exited_on.as_deref().unwrap_or(""),
            ])
        } else {
            crate::excel::csv_safe::write(&mut w, [c.enterprise_name.as_str(), &c.credit_code, &c.division_code, &c.equipment, &problem, c.deadline.as_deref().unwrap_or("")])
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
