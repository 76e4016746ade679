//! `/enforcement/exceedances`: the exceedance episodes in the viewer's scope, with filters
//! (period, division, industry, pollutant), counts, charts by pollutant and by day, and the
//! same list as .xlsx. Each row links to the outlet page on the episode's day.

use std::collections::BTreeMap;

use axum::extract::Query;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

use super::layout::{self, Section};
use crate::auth::Viewer;
use crate::i18n::catalogue::enforcement as msg;
use crate::monitoring::clock;
use crate::monitoring::format_value as number;
use crate::storage::enforcement::{self, EpisodeFilter, EpisodeRow};
use crate::web::auth::Ctx;
use crate::web::i18n::Lang;
use crate::web::State;

#[derive(serde::Deserialize, Default, Clone)]
pub struct ListQuery {
    /// YYYY-MM-DD (Beijing); default 30 days before `to`.
    pub from: Option<String>,
    /// YYYY-MM-DD, inclusive; default today.
    pub to: Option<String>,
    pub division: Option<String>,
    pub industry: Option<String>,
    pub pollutant: Option<String>,
}

/// The longest range a page shows (days): an operational limit on one answer.
const MAX_DAYS: i64 = 400;

struct Chosen {
    from: time::Date,
    to: time::Date,
    filter: EpisodeFilter,
}

fn choose(q: &ListQuery) -> crate::Result<Chosen> {
    let today = clock::date_of(time::OffsetDateTime::now_utc().unix_timestamp());
    let parse = |flag: &str, v: &Option<String>, default: time::Date| -> crate::Result<time::Date> {
        match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(default),
            Some(s) => clock::parse_day(s).ok_or_else(|| crate::Error::Invalid(msg::bad_date(flag, s))),
        }
    };
    let to = parse("to", &q.to, today)?;
    let from = parse("from", &q.from, to - time::Duration::days(29))?;
    if to < from {
        return Err(crate::Error::Invalid(msg::to_before_from(&from.to_string(), &to.to_string())));
    }
    let days = (to - from).whole_days() + 1;
    if days > MAX_DAYS {
        return Err(crate::Error::Invalid(msg::range_too_long(days, MAX_DAYS)));
    }
    let clean = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    if let Some(d) = clean(&q.division) {
        if !(2..=12).contains(&d.len()) || !d.bytes().all(|b| b.is_ascii_digit()) {
            return Err(crate::Error::Invalid(msg::bad_division(&d)));
        }
    }
    Ok(Chosen {
        from,
        to,
        filter: EpisodeFilter {
            from: clock::date_start(from),
            to: clock::date_start(to) + 86_400,
            division: clean(&q.division),
            industry: clean(&q.industry),
            pollutant: clean(&q.pollutant),
            credit_code: None,
        },
    })
}

fn pollutant_name(e: &EpisodeRow) -> String {
    if e.pollutant_name.is_empty() { e.pollutant.clone() } else { e.pollutant_name.clone() }
}

fn basis_label(basis: &str, lang: Lang) -> String {
    lang.t(&if basis == "day" { msg::basis_day() } else { msg::basis_hour() })
}

fn query_string(c: &Chosen) -> String {
    let f = &c.filter;
    serde_urlencoded::to_string([
        ("from", c.from.to_string()),
        ("to", c.to.to_string()),
        ("division", f.division.clone().unwrap_or_default()),
        ("industry", f.industry.clone().unwrap_or_default()),
        ("pollutant", f.pollutant.clone().unwrap_or_default()),
    ])
    .unwrap_or_default()
}

/// The outlet page on the episode's first day, on the pollutant.
pub fn outlet_link(e: &EpisodeRow) -> String {
    format!("/monitoring/outlets/{}/{}?pollutant={}&view=day&date={}", e.credit_code, e.outlet_code, e.pollutant, clock::format_day(e.start))
}

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<ListQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let chosen = choose(&q)?;
    let rows = enforcement::episodes(&state.db, &viewer.scope, &chosen.filter).await?;
    let divisions = crate::storage::ledger::divisions_in_use(&state.db).await?;
    let counties: Vec<_> = divisions.iter().filter(|d| d.level == "county" || d.level == "township").collect();
    let division_name = |code: &str| divisions.iter().filter(|d| code.starts_with(&d.code)).max_by_key(|d| d.code.len()).map(|d| d.name.clone()).unwrap_or_else(|| code.to_string());
    let outlets = rows.iter().map(|e| (&e.credit_code, &e.outlet_code)).collect::<std::collections::BTreeSet<_>>().len();
    let hours: i64 = rows.iter().map(EpisodeRow::hours).sum();
    let mut by_pollutant: BTreeMap<String, (String, i64)> = BTreeMap::new();
    for e in &rows {
        by_pollutant.entry(e.pollutant.clone()).or_insert_with(|| (pollutant_name(e), 0)).1 += 1;
    }
    let qs = query_string(&chosen);
    let pollutant_bars: Vec<(String, i64, Option<String>)> = by_pollutant
        .iter()
        .map(|(code, (name, n))| {
            let mut c = chosen.filter.clone();
            c.pollutant = Some(code.clone());
            let link = query_string(&Chosen { from: chosen.from, to: chosen.to, filter: c });
            (name.clone(), *n, Some(format!("/enforcement/exceedances?{link}")))
        })
        .collect();
    let mut by_day: BTreeMap<String, i64> = BTreeMap::new();
    for e in &rows {
        *by_day.entry(clock::format_day(e.start)).or_default() += 1;
    }
    let day_bars: Vec<(String, i64, Option<String>)> = by_day.into_iter().map(|(d, n)| (d, n, None)).collect();
    let new_since = time::OffsetDateTime::now_utc().unix_timestamp() - 86_400;
    let f = &chosen.filter;
    // Staff who work leads and cases get the enforcement tabs; an enterprise sees its own episodes only.
    let enforcement = viewer.can(crate::auth::Permission::ViewEnforcement);
    let body = html! {
        @if enforcement { (super::leads::tabs(lang, "/enforcement/exceedances")) }
        p.muted { (lang.t(&msg::exceedances_intro())) }
        form.filters #exceedance-filters method="get" action="/enforcement/exceedances" {
            label { (lang.t(&msg::filter_from())) " " input type="date" name="from" value=(chosen.from.to_string()); } " "
            label { (lang.t(&msg::filter_to())) " " input type="date" name="to" value=(chosen.to.to_string()); } " "
            label { (lang.t(&msg::col_division())) " " select name="division" {
                option value="" { (lang.t(&msg::filter_any())) }
                @for d in &counties { option value=(d.code) selected[f.division.as_deref() == Some(d.code.as_str())] { (d.name) } }
            } } " "
            label { (lang.t(&msg::filter_industry())) " " input type="text" name="industry" value=(f.industry.clone().unwrap_or_default()) size="6" placeholder="30"; } " "
            label { (lang.t(&msg::filter_pollutant())) " " input type="text" name="pollutant" value=(f.pollutant.clone().unwrap_or_default()) size="8" placeholder="a21026"; } " "
            button type="submit" { (lang.t(&msg::filter_apply())) } " "
            a.button href=(format!("/enforcement/exceedances/export.xlsx?{qs}")) { (lang.t(&msg::export_xlsx())) }
        }
        p #exceedance-summary { (lang.t(&msg::summary(rows.len() as i64, outlets as i64, hours))) }
        @if rows.is_empty() {
            p.muted { (lang.t(&msg::none())) }
        } @else {
            div.grid2 #exceedance-charts {
                div.panel { h3 { (lang.t(&msg::by_pollutant())) } (crate::web::charts::bars(&pollutant_bars, &lang.t(&msg::by_pollutant()))) }
                div.panel { h3 { (lang.t(&msg::by_day())) } (crate::web::charts::bars(&day_bars, &lang.t(&msg::by_day()))) }
            }
            div.panel { div.table-wrap { table #exceedances {
                thead { tr {
                    th { (lang.t(&msg::col_enterprise())) } th { (lang.t(&msg::col_division())) } th { (lang.t(&msg::col_outlet())) }
                    th { (lang.t(&msg::col_pollutant())) } th { (lang.t(&msg::col_basis())) }
                    th { (lang.t(&msg::col_start())) } th { (lang.t(&msg::col_end())) } th.num { (lang.t(&msg::col_periods())) }
                    th.num { (lang.t(&msg::col_max())) } th.num { (lang.t(&msg::col_limit())) } th.num { (lang.t(&msg::col_ratio())) }
                } }
                tbody { @for e in &rows { tr data-outlet=(e.outlet_label()) data-pollutant=(e.pollutant) {
                    td { @match e.enterprise_id {
                        Some(id) => a href=(format!("/enterprises/{id}")) { (e.enterprise_name) },
                        None => code { (e.credit_code) },
                    } @if e.detected_at >= new_since { " " span.tag.warn { (lang.t(&msg::new_badge())) } } }
                    td { (division_name(&e.division_code)) }
                    td { a href=(outlet_link(e)) title=(lang.t(&msg::open_outlet())) { span.v { (e.outlet_code) } " " (e.outlet_name) } }
                    td { (pollutant_name(e)) }
                    td { (basis_label(&e.basis, lang)) }
                    td { span.v { (clock::format_minute(e.start)) } } td { span.v { (clock::format_minute(e.end)) } }
                    td.num { (e.periods) }
                    td.num { span.bad { (number(Some(e.max_value))) } } td.num { (number(Some(e.limit))) }
                    td.num { (format!("{:.2}", e.max_ratio)) }
                } } }
            } } }
        }
    };
    let section = if enforcement { Section::Enforcement } else { Section::Monitoring };
    Ok(layout::page(&ctx, section, &lang.t(&msg::exceedances_title()), body))
}

pub async fn export(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<ListQuery>) -> crate::Result<Response> {
    let lang = ctx.lang;
    let chosen = choose(&q)?;
    let rows = enforcement::episodes(&state.db, &viewer.scope, &chosen.filter).await?;
    let bytes = workbook(&rows, lang).map_err(|e| crate::Error::other(e))?;
    let name = format!("exceedances-{}-{}.xlsx", chosen.from, chosen.to);
    crate::storage::audit::record(
        &state.db,
        &viewer.actor(),
        crate::storage::audit::NewEntry {
            action: "export",
            entity: "exceedance_episodes",
            entity_id: name.clone(),
            enterprise_id: None,
            before: None,
            after: Some(serde_json::json!({ "rows": rows.len(), "query": query_string(&chosen) })),
        },
    )
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response())
}

fn workbook(rows: &[EpisodeRow], lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.t(&msg::sheet_name()))?;
    let heads = [
        lang.t(&msg::col_enterprise()),
        lang.t(&msg::col_credit_code()),
        lang.t(&msg::col_outlet()),
        lang.t(&msg::col_pollutant()),
        lang.t(&msg::col_basis()),
        lang.t(&msg::col_start()),
        lang.t(&msg::col_end()),
        lang.t(&msg::col_periods()),
        lang.t(&msg::col_max()),
        lang.t(&msg::col_limit()),
        lang.t(&msg::col_ratio()),
        lang.t(&msg::col_division()),
    ];
    for (i, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, i as u16, h, &bold)?;
    }
    for (r, e) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, &e.enterprise_name)?;
        sheet.write_string(r, 1, &e.credit_code)?;
        sheet.write_string(r, 2, format!("{} {}", e.outlet_code, e.outlet_name))?;
        sheet.write_string(r, 3, pollutant_name(e))?;
        sheet.write_string(r, 4, basis_label(&e.basis, lang))?;
        sheet.write_string(r, 5, clock::format_minute(e.start))?;
        sheet.write_string(r, 6, clock::format_minute(e.end))?;
        sheet.write_number(r, 7, e.periods as f64)?;
        sheet.write_number(r, 8, e.max_value)?;
        sheet.write_number(r, 9, e.limit)?;
        sheet.write_number(r, 10, (e.max_ratio * 10_000.0).round() / 10_000.0)?;
        sheet.write_string(r, 11, &e.division_code)?;
    }
    sheet.autofit();
    book.save_to_buffer()
}

/// The dossier's section: the enterprise's episodes of the last twelve months, newest first.
pub async fn dossier_section(state: &State, lang: Lang, viewer: &Viewer, credit_code: &str) -> crate::Result<Markup> {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let filter = EpisodeFilter { from: now - 365 * 86_400, to: now + 86_400, credit_code: Some(credit_code.to_string()), ..Default::default() };
    let mut rows = enforcement::episodes(&state.db, &viewer.scope, &filter).await?;
    rows.reverse();
    const SHOWN: usize = 50;
    Ok(html! {
        @if !rows.is_empty() {
            h2 { (lang.t(&msg::exceedances_title())) " (" (rows.len()) ")" }
            div.table-wrap { table #dossier-exceedances {
                thead { tr {
                    th { (lang.t(&msg::col_outlet())) } th { (lang.t(&msg::col_pollutant())) } th { (lang.t(&msg::col_basis())) }
                    th { (lang.t(&msg::col_start())) } th { (lang.t(&msg::col_end())) } th.num { (lang.t(&msg::col_periods())) }
                    th.num { (lang.t(&msg::col_max())) } th.num { (lang.t(&msg::col_limit())) }
                } }
                tbody { @for e in rows.iter().take(SHOWN) { tr {
                    td { a href=(outlet_link(e)) { span.v { (e.outlet_code) } } }
                    td { (pollutant_name(e)) } td { (basis_label(&e.basis, lang)) }
                    td { span.v { (clock::format_minute(e.start)) } } td { span.v { (clock::format_minute(e.end)) } }
                    td.num { (e.periods) } td.num { span.bad { (number(Some(e.max_value))) } } td.num { (number(Some(e.limit))) }
                } } }
            } }
            @if rows.len() > SHOWN {
                p { a href=(format!("/enforcement/exceedances?from={}", clock::format_day(now - 365 * 86_400))) { (lang.t(&msg::exceedances_title())) " →" } }
            }
        }
    })
}
