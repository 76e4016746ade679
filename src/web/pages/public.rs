//! What the public may see without signing in (issue 14 item 1): the published lists —
//! enterprises under a rectification order, backward capacity closed, campaign sites closed
//! out (销号), exceedance episodes — with search and CSV export, an enterprise's public page
//! and a map of the published enterprises. Only what bureau staff published on a list that is
//! open is read (`storage::publication::public_items`); anything else answers as if it did
//! not exist (404 for an enterprise's page). Phone-first: one column, tables scroll sideways.

use std::collections::HashMap;

use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

use super::layout::{self, Section};
use super::pager::{Pager, PER_PAGE};
use super::publication::{campaigns_of, detail_cells, detail_headers, list_name};
use super::screening::dimension_label;
use crate::i18n::catalogue as cat;
use crate::i18n::catalogue::publication as m;
use crate::screening::publication::{format_day, Publication, PublicList};
use crate::storage::publication::{self as store, Item, Record};
use crate::web::auth::Ctx;
use crate::web::i18n::Lang;
use crate::web::State;

/// The page-number parameter of each list on `/public`.
fn page_key(list: PublicList) -> &'static str {
    match list {
        PublicList::Rectification => "page",
        PublicList::Closed => "closed_page",
        PublicList::Campaign => "campaign_page",
        PublicList::Exceedance => "exceedance_page",
    }
}

fn table_id(list: PublicList) -> &'static str {
    match list {
        PublicList::Rectification => "public-rectification",
        PublicList::Closed => "public-closed",
        PublicList::Campaign => "public-campaign",
        PublicList::Exceedance => "public-exceedance",
    }
}

fn table(list: PublicList, rows: &[Item], names: &HashMap<String, String>, campaigns: &HashMap<i64, crate::storage::campaigns::Campaign>, lang: Lang) -> Markup {
    html! {
        div.table-wrap { table id=(table_id(list)) {
            thead { tr { th { (lang.label(m::col_enterprise())) } th { (lang.label(m::col_code())) } th { (lang.label(m::col_division())) } (detail_headers(list, lang)) } }
            tbody { @for it in rows { tr data-key=(it.key) {
                td { a href=(format!("/public/enterprises/{}", it.credit_code())) { span.v { (it.enterprise_name()) } } }
                td { code data-v { (it.credit_code()) } }
                td data-v { (names.get(it.division_code()).map(String::as_str).unwrap_or(it.division_code())) }
                (detail_cells(it, campaigns, lang))
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

pub async fn page(state: State, ctx: Ctx, Query(params): Query<Vec<(String, String)>>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let q = params.iter().find(|(k, _)| k == "q").map(|(_, v)| v.trim().to_string()).unwrap_or_default();
    let settings = crate::storage::settings::all(&state.db).await?;
    let mut panels = Vec::new();
    for list in PublicList::ALL {
        let keep: Vec<&str> = PublicList::ALL.iter().map(|l| page_key(*l)).chain(["q"]).collect();
        let pager = Pager::keyed("/public", params.clone(), PER_PAGE, page_key(list)).keeping(&keep);
        let query = store::Query { q: q.clone(), offset: pager.offset() as i64, limit: PER_PAGE as i64, ..Default::default() };
        let (items, total) = store::public_items(&state.db, &settings, list, &query).await?;
        panels.push((list, pager.with_total(total as u64), items));
    }
    let all: Vec<Item> = panels.iter().flat_map(|p| p.2.iter().cloned()).collect();
    let names = crate::storage::ledger::full_names(&state.db, all.iter().map(|i| i.division_code())).await?;
    let campaigns = campaigns_of(&state, &all).await?;
    let publication = Publication::from_settings(&settings);
    let csv_query = if q.is_empty() { String::new() } else { format!("?{}", serde_urlencoded::to_string([("q", q.as_str())]).unwrap_or_default()) };
    let body = html! {
        div.panel #public-intro {
            p { (lang.label(m::portal_intro())) }
            form.filters method="get" action="/public" #public-search {
                input type="search" name="q" value=(q) placeholder=(lang.label(m::search_placeholder()));
                button type="submit" { (lang.label(m::search())) }
            }
            p.links { a href="/public/map" #public-map-link { (lang.label(m::map_title())) } " · " a href="/public/complaints/new" { (lang.label(m::report_pollution())) } }
        }
        @for (list, pager, items) in &panels {
            div.panel data-list=(list.code()) {
                h2 { (list_name(*list, lang)) " (" (pager.total) ")" }
                @if !list.is_open(&settings) { p.muted { (lang.label(m::list_not_published())) } }
                @else {
                    p { a href=(format!("/public/{}{csv_query}", list.csv_name())) { (lang.label(m::download_csv())) } }
                    @if items.is_empty() { p.muted { (lang.label(m::no_items())) } }
                    @else { (table(*list, items, &names, &campaigns, lang)) (pager.render(lang, &format!("{}-pager", list.code()))) }
                }
            }
        }
        (notice(&publication, ctx.lang))
    };
    Ok(layout::page(&ctx, Section::Public, lang.label(m::portal_title()), body))
}

/// The CSV of a list as the public sees it (the same search), headers in Chinese as published.
async fn csv_of(state: &State, list: PublicList, q: &str) -> crate::Result<Vec<u8>> {
    let settings = crate::storage::settings::all(&state.db).await?;
    let (items, _) = store::public_items(&state.db, &settings, list, &store::Query { q: q.to_string(), limit: 100_000, ..Default::default() }).await?;
    let campaigns = campaigns_of(state, &items).await?;
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let header: &[&str] = match list {
        PublicList::Rectification => &["企业名称", "统一社会信用代码", "行政区划代码", "设备", "问题", "整改期限"],
        PublicList::Closed => &["企业名称", "统一社会信用代码", "行政区划代码", "设备", "问题", "退出方式", "退出日期"],
        PublicList::Campaign => &["企业名称", "统一社会信用代码", "行政区划代码", "专项行动", "整治方式", "销号日期"],
        PublicList::Exceedance => &["企业名称", "统一社会信用代码", "行政区划代码", "排放口", "污染物", "超标开始", "超标小时数", "最大值", "限值"],
    };
    let _ = w.write_record(header);
    for it in &items {
        let mut row: Vec<String> = vec![it.enterprise_name().to_string(), it.credit_code().to_string(), it.division_code().to_string()];
        match &it.record {
            Record::Case(c) => {
                row.push(c.equipment.clone());
                row.push(format!("{}:{}", dimension_label(&c.dimension, Lang::Zh), c.title));
                if list == PublicList::Closed {
                    row.push(Lang::Zh.label(if c.dismantled { m::dismantled() } else { m::sealed() }).to_string());
                    row.push(c.exited_on.clone().unwrap_or_default());
                } else {
                    row.push(c.deadline.clone().unwrap_or_default());
                }
            }
            Record::Campaign(c) => {
                row.push(c.campaign.clone());
                row.push(campaigns.get(&c.campaign_id).map(|k| super::campaigns::disposition_label(Lang::Zh, k, Some(c.disposition.as_str()))).unwrap_or_else(|| c.disposition.clone()));
                row.push(c.accepted_on.clone());
            }
            Record::Episode(e) => {
                row.push(e.outlet_code.clone());
                row.push(if e.pollutant_name.is_empty() { e.pollutant.clone() } else { e.pollutant_name.clone() });
                row.push(crate::monitoring::clock::format_minute(e.start));
                row.push(e.hours().to_string());
                row.push(format!("{}", e.max_value));
                row.push(format!("{}", e.limit));
            }
        }
        let _ = crate::excel::csv_safe::write(&mut w, row.iter().map(String::as_str));
    }
    Ok(w.into_inner().unwrap_or_default())
}

fn csv_response(bytes: Vec<u8>, name: &str) -> Response {
    ([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\""))], bytes).into_response()
}

#[derive(serde::Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    pub q: String,
}

async fn csv_for(state: State, list: PublicList, q: &SearchQuery) -> crate::Result<Response> {
    Ok(csv_response(csv_of(&state, list, q.q.trim()).await?, list.csv_name()))
}

pub async fn rectification_csv(state: State, Query(q): Query<SearchQuery>) -> crate::Result<Response> {
    csv_for(state, PublicList::Rectification, &q).await
}

pub async fn closed_csv(state: State, Query(q): Query<SearchQuery>) -> crate::Result<Response> {
    csv_for(state, PublicList::Closed, &q).await
}

pub async fn campaigns_csv(state: State, Query(q): Query<SearchQuery>) -> crate::Result<Response> {
    csv_for(state, PublicList::Campaign, &q).await
}

pub async fn exceedances_csv(state: State, Query(q): Query<SearchQuery>) -> crate::Result<Response> {
    csv_for(state, PublicList::Exceedance, &q).await
}

/// An enterprise's public page: what the ledger says of it in public (name, credit code,
/// licences, environmental grade) and its published items; 404 unless something is published.
pub async fn enterprise(state: State, ctx: Ctx, Path(credit): Path<String>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let settings = crate::storage::settings::all(&state.db).await?;
    let Some(e) = store::public_enterprise(&state.db, &settings, &credit).await? else {
        return Err(crate::Error::NotFound(m::enterprise_not_found(credit.chars().take(40).collect::<String>())));
    };
    let names = crate::storage::ledger::full_names(&state.db, std::iter::once(e.division_code.as_str()).chain(e.items.iter().map(|i| i.division_code()))).await?;
    let campaigns = campaigns_of(&state, &e.items).await?;
    let yes_no = |b: bool| lang.label(if b { m::yes() } else { m::none() });
    let text_or_none = |t: &str| if t.trim().is_empty() { html! { span.muted { (lang.label(m::none())) } } } else { html! { span.v { (t) } } };
    let episodes: Vec<&crate::storage::enforcement::EpisodeRow> = e.items.iter().filter_map(|i| if let Record::Episode(x) = &i.record { Some(x) } else { None }).collect();
    let mut pollutants: Vec<String> = episodes.iter().map(|x| if x.pollutant_name.is_empty() { x.pollutant.clone() } else { x.pollutant_name.clone() }).collect();
    pollutants.sort();
    pollutants.dedup();
    let worst = episodes.iter().map(|x| x.max_ratio).fold(0.0_f64, f64::max);
    let body = html! {
        div.panel #public-enterprise {
            dl.facts {
                dt { (lang.label(m::col_enterprise())) } dd #pe-name data-v { (e.name) }
                dt { (lang.label(m::col_code())) } dd { code #pe-code data-v { (e.credit_code) } }
                dt { (lang.label(m::col_division())) } dd data-v { (names.get(&e.division_code).cloned().unwrap_or(e.division_code.clone())) }
                dt { (lang.label(m::business_licence())) } dd { (yes_no(e.business_licence)) }
                dt { (lang.label(m::eia_approval())) } dd { (text_or_none(&e.eia_approval)) }
                dt { (lang.label(m::discharge_permit())) } dd { (text_or_none(&e.discharge_permit_no)) }
                dt { (lang.label(m::env_grade())) } dd #pe-grade {
                    @if e.env_grade.is_empty() { span.muted { (lang.label(m::not_graded())) } }
                    @else { (crate::ledger::model::label(crate::ledger::model::ENV_GRADES, &e.env_grade, lang)) }
                }
            }
        }
        @if !episodes.is_empty() {
            div.panel #pe-exceedances {
                h2 { (lang.label(m::exceedance_summary())) }
                p { (m::episodes_summary(episodes.len(), pollutants.join("、")).markup(lang)) " " (m::worst_ratio(format!("{worst:.2}")).markup(lang)) }
            }
        }
        @for list in PublicList::ALL {
            @let rows: Vec<Item> = e.items.iter().filter(|i| i.list == list).cloned().collect();
            @if !rows.is_empty() {
                div.panel data-list=(list.code()) {
                    h2 { (list_name(list, lang)) " (" (rows.len()) ")" }
                    (table(list, &rows, &names, &campaigns, lang))
                }
            }
        }
        p { a href="/public" { (lang.label(m::back_to_lists())) } " · " a href="/public/map" { (lang.label(m::map_title())) } }
    };
    Ok(layout::page(&ctx, Section::Public, &e.name, body))
}

/// Colours of the lists on the portal's map (told apart without red–green: blue, amber, green, red).
fn list_color(list: PublicList) -> &'static str {
    match list {
        PublicList::Rectification => "#d69e2e",
        PublicList::Closed => "#2b6cb0",
        PublicList::Campaign => "#2f855a",
        PublicList::Exceedance => "#c53030",
    }
}

/// The map of the published enterprises over the district boundaries; each dot opens the
/// enterprise's public page, and the same enterprises are listed under the map.
pub async fn map(state: State, ctx: Ctx) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let settings = crate::storage::settings::all(&state.db).await?;
    let points = store::map_points(&state.db, &settings).await?;
    let mut boundaries = crate::storage::map::boundaries(&state.db).await?;
    if boundaries.is_empty() {
        boundaries = crate::map::DEMO.clone();
    }
    let dots: Vec<crate::web::charts::Dot> = points
        .iter()
        .map(|p| crate::web::charts::Dot {
            lon: p.lon,
            lat: p.lat,
            status: p.lists.first().map(|l| l.code()).unwrap_or("").to_string(),
            href: Some(format!("/public/enterprises/{}", p.credit_code)),
            title: Some(p.name.clone()),
        })
        .collect();
    let legend: Vec<(&str, &str, &str)> = PublicList::ALL.iter().map(|l| (l.code(), list_name(*l, lang), list_color(*l))).collect();
    let body = html! {
        div.panel #public-map {
            p { (lang.label(m::map_intro())) }
            (crate::web::charts::map_of(&dots, &legend, &boundaries))
        }
        div.panel {
            h2 { (lang.label(m::map_enterprises())) " (" (points.len()) ")" }
            @if points.is_empty() { p.muted { (lang.label(m::no_items())) } }
            @else {
                ul #public-map-list { @for p in &points {
                    li data-code=(p.credit_code) { a href=(format!("/public/enterprises/{}", p.credit_code)) { span.v { (p.name) } } " — "
                        @for (i, l) in p.lists.iter().enumerate() { @if i > 0 { (lang.label(m::separator())) } (list_name(*l, lang)) } }
                } }
            }
        }
        p { a href="/public" { (lang.label(m::back_to_lists())) } }
    };
    Ok(layout::page(&ctx, Section::Public, lang.label(m::map_title()), body))
}
