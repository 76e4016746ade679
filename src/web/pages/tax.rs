//! Environmental protection tax pages (issue 10 items 4–5): `/tax` (the month's table per outlet
//! and pollutant within the viewer's scope, totals, the quarter's filing table), `/tax/outlets/…`
//! and `/my/tax` (how each figure was computed: emission and its fill rule, equivalent value,
//! which pollutants are taxed and why, the reduction test, the rate and its source) and
//! `/tax/emissions` (year to date and rolling 12 months against the permitted amount).

use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{self, Section};
use crate::auth::{Scope, Viewer};
use crate::enforcement::emissions::SETTINGS as EMISSIONS;
use crate::i18n::catalogue::tax as msg;
use crate::i18n::{Lang, Msg};
use crate::monitoring::clock;
use crate::monitoring::format_value as number;
use crate::monitoring::rules::Medium;
use crate::storage::emissions as stored_emissions;
use crate::storage::tax::{self as stored_tax, OutletTax};
use crate::tax::compute::{Line, Outcome, Why};
use crate::tax::{Comparison, Concentration, SETTINGS};
use crate::web::auth::Ctx;
use crate::web::State;

#[derive(Deserialize, Default)]
pub struct MonthQuery {
    /// YYYY-MM; default the previous month.
    pub month: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct QuarterQuery {
    /// YYYY-Qn; default the quarter of the previous month.
    pub quarter: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct YearQuery {
    pub year: Option<String>,
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// The month asked for, or the previous (closed) month.
fn month_of(q: &MonthQuery) -> crate::Result<(i32, u8)> {
    match q.month.as_deref().filter(|m| !m.trim().is_empty()) {
        Some(m) => crate::tax::parse_month(m).ok_or_else(|| crate::Error::Invalid(msg::month_invalid(m))),
        None => {
            let d = clock::date_of(clock::month_start(now()) - 1);
            Ok((d.year(), d.month() as u8))
        }
    }
}

fn month_label(y: i32, m: u8) -> String {
    format!("{y:04}-{m:02}")
}

fn quarter_label(y: i32, m: u8) -> String {
    format!("{y:04}-Q{}", (m - 1) / 3 + 1)
}

fn yuan(v: f64) -> String {
    crate::tax::yuan(v)
}

fn percent(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

fn yes_no(b: bool, lang: Lang) -> String {
    lang.t(&if b { msg::yes() } else { msg::no() })
}

fn month_form(ctx: &Ctx, action: &str, month: &str) -> Markup {
    let lang = ctx.lang;
    html! {
        form.inline method="get" action=(action) {
            label { (lang.t(&msg::month())) " " input type="month" name="month" value=(month); }
            " " button type="submit" { (lang.t(&msg::show())) }
        }
    }
}

async fn month_list(state: &State, scope: &Scope, only: Option<(&str, &str)>, y: i32, m: u8) -> crate::Result<Vec<OutletTax>> {
    stored_tax::month(&state.db, &SETTINGS, &EMISSIONS, scope, only, y, m, now()).await
}

fn pollutant_cell(l: &Line) -> Markup {
    html! { span.v { (l.name) } " " code.small { (l.code) } }
}

/// `/tax`: the month's table.
pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<MonthQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let (y, m) = month_of(&q)?;
    let label = month_label(y, m);
    let list = month_list(&state, &viewer.scope, None, y, m).await?;
    let total: f64 = list.iter().map(|o| o.tax_yuan()).sum();
    let body = html! {
        div.panel #tax-head {
            (month_form(&ctx, "/tax", &label))
            " " a.button.secondary #tax-quarter href=(format!("/tax/quarter.xlsx?quarter={}", quarter_label(y, m))) { (lang.t(&msg::download_quarter(&quarter_label(y, m)))) }
            " " a href="/tax/emissions" { (lang.t(&msg::emissions_link())) }
            p.muted { (lang.t(&msg::law_note())) }
            p.muted { (lang.t(&msg::rule_used(EMISSIONS.fill.rule.label()))) }
        }
        @if list.is_empty() {
            div.panel #tax-empty { p { (lang.t(&msg::no_data(&label))) } }
        } @else {
            div.cards {
                div.card { div.label { (lang.t(&msg::outlets_count(list.len() as i64, &label))) } div.value { (list.len()) } }
                div.card { div.label { (lang.t(&msg::col_tax())) } div.value #tax-total { (yuan(total)) } }
            }
            div.panel { div.table-wrap { table #tax-table {
                thead { tr {
                    th { (lang.t(&msg::col_enterprise())) } th { (lang.t(&msg::col_outlet())) } th { (lang.t(&msg::col_pollutant())) }
                    th.num { (lang.t(&msg::col_emission())) } th.num { (lang.t(&msg::col_equivalent_value())) } th.num { (lang.t(&msg::col_equivalents())) }
                    th { (lang.t(&msg::col_taxed())) } th.num { (lang.t(&msg::col_reduction())) } th.num { (lang.t(&msg::col_rate())) } th.num { (lang.t(&msg::col_tax())) }
                } }
                tbody {
                    @for o in &list {
                        @let link = format!("/tax/outlets/{}/{}?month={label}", o.outlet.credit_code, o.outlet.outlet_code);
                        @if o.rate.is_none() {
                            tr { td { a href=(format!("/enterprises/{}", o.outlet.enterprise_id)) { (o.outlet.enterprise_name) } } td { code { (o.outlet.outlet_code) } }
                                 td colspan="8" { span.bad { (lang.t(&msg::no_rate(&o.outlet.label(), o.outlet.division_code.get(0..2).unwrap_or("")))) } } }
                        }
                        @for l in &o.lines {
                            tr data-outlet=(o.outlet.label()) data-pollutant=(l.code) {
                                td { a href=(format!("/enterprises/{}", o.outlet.enterprise_id)) { (o.outlet.enterprise_name) } }
                                td { a href=(link) { code { (o.outlet.outlet_code) } } " " span.v { (o.outlet.outlet_name) } }
                                td { (pollutant_cell(l)) }
                                td.num { (number(Some(l.emission.kg))) } td.num { (number(Some(l.item.equivalent_kg))) } td.num { (number(Some(l.equivalents))) }
                                td { (yes_no(l.taxed, lang)) } td.num { (number(Some(l.test.factor))) } td.num { (number(Some(l.rate))) } td.num { (yuan(l.tax_yuan)) }
                            }
                        }
                        @if o.rate.is_some() {
                            tr.subtotal { td colspan="9" { (lang.t(&msg::total())) " " code { (o.outlet.label()) } " · " a href=(link) { (lang.t(&msg::how_link())) } } td.num { strong { (yuan(o.tax_yuan())) } } }
                        }
                    }
                    tr.total { td colspan="9" { strong { (lang.t(&msg::total())) } } td.num { strong { (yuan(total)) } } }
                }
            } } }
        }
    };
    Ok(layout::page(&ctx, Section::Tax, &lang.t(&msg::title()), body))
}

fn basis(medium: Medium) -> Msg {
    match medium {
        Medium::Air => msg::basis_hourly(),
        Medium::Water => msg::basis_daily(),
    }
}

/// The explanation of one outlet's month, line by line.
fn explain(o: &OutletTax, lang: Lang) -> Markup {
    let settings = &*SETTINGS;
    let concentration = match settings.reduction.concentration {
        Concentration::Converted => msg::concentration_converted(),
        Concentration::Measured => msg::concentration_measured(),
    };
    let comparison = match settings.reduction.comparison {
        Comparison::Strict => msg::comparison_strict(),
        Comparison::Inclusive => msg::comparison_inclusive(),
    };
    let basis = basis(o.outlet.medium);
    html! {
        div.panel.tax-outlet data-outlet=(o.outlet.label()) {
            h2 { span.v { (o.outlet.enterprise_name) } " · " code { (o.outlet.label()) } " " span.v { (o.outlet.outlet_name) } }
            @match o.rate {
                None => p.bad { (lang.t(&msg::no_rate(&o.outlet.label(), o.outlet.division_code.get(0..2).unwrap_or("")))) },
                Some(rate) => {
                    p.muted { (lang.t(&msg::rate_line(
                        match o.outlet.medium { Medium::Air => rate.air_yuan, Medium::Water => rate.water_yuan },
                        &rate.name, &rate.status, &rate.source))) }
                    p.muted { (lang.t(&msg::settings_note(concentration.clone(), comparison.clone()))) }
                    @if o.lines.is_empty() { p.no-taxable { (lang.t(&msg::no_taxable())) } }
                    @for l in &o.lines {
                        div.tax-line data-pollutant=(l.code) {
                            h3 { (pollutant_cell(l)) " — " (lang.t(&msg::col_tax())) " " span.v { (yuan(l.tax_yuan)) } }
                            ol {
                                li { (lang.t(&msg::explain_emission(round4(l.emission.kg), l.emission.valid_hours as i64, l.emission.expected_hours as i64,
                                    l.emission.filled_hours as i64, l.emission.rule.label()))) }
                                @if l.emission.stopped_hours > 0 { li { (lang.t(&msg::explain_stopped(l.emission.stopped_hours as i64))) } }
                                li { (lang.t(&msg::explain_equivalents(round4(l.emission.kg), l.item.equivalent_kg, &l.item.name, l.item.annex_line as i64, round4(l.equivalents)))) }
                                li.why { (lang.t(&why(l))) }
                                li.test { (lang.t(&test(l, basis.clone()))) }
                                @if l.taxed {
                                    li { (lang.t(&msg::tax_line(round4(l.equivalents), l.rate, l.test.factor, (l.tax_yuan * 100.0).round() / 100.0))) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn round4(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}

fn why(l: &Line) -> Msg {
    match &l.why {
        Why::Within { rank, limit } => msg::why_within(*rank as i64, *limit as i64),
        Why::Beyond { rank, limit } => msg::why_beyond(*rank as i64, *limit as i64),
        Why::OneOf { kept } => msg::why_one_of(kept),
        Why::NoEmission => msg::why_no_emission(),
    }
}

fn test(l: &Line, basis: Msg) -> Msg {
    let t = &l.test;
    let (mean, standard) = (round4(t.mean.unwrap_or_default()), t.standard.unwrap_or_default());
    let share = percent(t.share.unwrap_or_default());
    match t.outcome {
        Outcome::NoStandard => msg::test_no_standard(),
        Outcome::NoValidMeans => msg::test_no_means(basis),
        Outcome::Exceeded { count, first_at, first_value, max_value } => {
            let at = if l.item.class.medium() == Medium::Water { clock::format_day(first_at) } else { clock::format_minute(first_at) };
            msg::test_exceeded(count as i64, basis, standard, &at, round4(first_value), round4(max_value))
        }
        Outcome::Below50 => msg::test_below50(basis, mean, standard, &share),
        Outcome::Below70 => msg::test_below70(basis, mean, standard, &share),
        Outcome::NotBelow70 => msg::test_not_below70(basis, mean, standard, &share),
    }
}

/// `/tax/outlets/{credit}/{outlet}`: one outlet's month with how it was computed.
pub async fn outlet(state: State, ctx: Ctx, viewer: Viewer, Path((credit, outlet)): Path<(String, String)>, Query(q): Query<MonthQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    super::outlet::setup_in_scope(&state, &viewer, &credit, &outlet).await?;
    let (y, m) = month_of(&q)?;
    let label = month_label(y, m);
    let list = month_list(&state, &viewer.scope, Some((&credit, &outlet)), y, m).await?;
    let body = html! {
        div.panel { (month_form(&ctx, &format!("/tax/outlets/{credit}/{outlet}"), &label))
            " " a href=(format!("/monitoring/outlets/{credit}/{outlet}")) { (lang.t(&msg::col_outlet())) " " code { (outlet) } } }
        @if list.is_empty() { div.panel #tax-empty { p { (lang.t(&msg::no_data(&label))) } } }
        @for o in &list { (explain(o, lang)) }
    };
    Ok(layout::page(&ctx, Section::Tax, &lang.t(&msg::outlet_title(&format!("{credit}/{outlet}"))), body))
}

/// `/my/tax`: the enterprise's own estimate, every outlet explained.
pub async fn mine(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<MonthQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let (y, m) = month_of(&q)?;
    let label = month_label(y, m);
    let list = month_list(&state, &viewer.scope, None, y, m).await?;
    let total: f64 = list.iter().map(|o| o.tax_yuan()).sum();
    let body = html! {
        div.panel #my-tax-head {
            (month_form(&ctx, "/my/tax", &label))
            p { (lang.t(&msg::estimate_note())) }
            p.muted { (lang.t(&msg::law_note())) }
        }
        @if list.is_empty() {
            div.panel #tax-empty { p { (lang.t(&msg::no_data(&label))) } }
        } @else {
            div.cards { div.card { div.label { (lang.t(&msg::col_tax())) " " (label) } div.value #tax-total { (yuan(total)) } } }
            @for o in &list { (explain(o, lang)) }
        }
    };
    Ok(layout::page(&ctx, Section::Tax, &lang.t(&msg::my_title()), body))
}

/// `/tax/quarter.xlsx`: the quarter's filing table of the outlets in scope.
pub async fn quarter_xlsx(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<QuarterQuery>) -> crate::Result<Response> {
    let lang = ctx.lang;
    let (y, qn) = match q.quarter.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(s) => crate::tax::parse_quarter(s).ok_or_else(|| crate::Error::Invalid(msg::quarter_invalid(s)))?,
        None => {
            let (y, m) = month_of(&MonthQuery::default())?;
            (y, (m - 1) / 3 + 1)
        }
    };
    let quarter = format!("{y:04}-Q{qn}");
    let mut months = Vec::new();
    for m in (qn - 1) * 3 + 1..=qn * 3 {
        months.push((month_label(y, m), month_list(&state, &viewer.scope, None, y, m).await?));
    }
    let bytes = crate::excel::tax::quarter_workbook(&quarter, &months, lang).map_err(|e| crate::Error::other(e))?;
    let rows: usize = months.iter().map(|(_, l)| l.iter().map(|o| o.lines.iter().filter(|l| l.taxed).count()).sum::<usize>()).sum();
    crate::storage::audit::record(
        &state.db,
        &viewer.actor(),
        crate::storage::audit::NewEntry {
            action: "export",
            entity: "tax",
            entity_id: format!("quarter/{quarter}"),
            enterprise_id: None,
            before: None,
            after: Some(serde_json::json!({ "rows": rows })),
        },
    )
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"tax-{quarter}.xlsx\"")),
        ],
        bytes,
    )
        .into_response())
}

/// `/tax/emissions`: year to date and rolling months against the permit, outlets in scope.
pub async fn emissions(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<YearQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let now = now();
    let year: i32 = match q.year.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(s) => s.trim().parse().ok().filter(|y: &i32| (1900..=9999).contains(y)).ok_or_else(|| crate::Error::Invalid(msg::year_invalid(s)))?,
        None => clock::date_of(now).year(),
    };
    let settings = &*EMISSIONS;
    let jan = crate::tax::month_start(year, 1);
    let until = now.clamp(jan, crate::tax::month_start(year + 1, 1));
    let from = crate::enforcement::emissions::months_back(clock::month_start(until - 1), settings.permit.rolling_months.saturating_sub(1)).min(jan);
    let outlets = stored_emissions::outlets_with_data(&state.db, &viewer.scope, None, from, until.max(from + 1)).await?;
    let mut rows = Vec::new();
    for o in &outlets {
        for p in stored_emissions::outlet_year(&state.db, settings, o, year, now).await? {
            rows.push((o, p));
        }
    }
    let shares: Vec<String> = settings.permit.warning_shares.iter().map(|s| percent(*s)).collect();
    let tonnes = |kg: f64| number(Some(kg / 1000.0));
    let body = html! {
        div.panel {
            form.inline method="get" action="/tax/emissions" {
                label { (lang.t(&msg::year())) " " input type="number" name="year" min="1900" max="9999" value=(year); }
                " " button type="submit" { (lang.t(&msg::show())) }
            }
            p.muted { (lang.t(&msg::rule_used(settings.fill.rule.label()))) }
            p.muted { (lang.t(&msg::emissions_note(&shares.join(" / ")))) }
        }
        @if rows.is_empty() {
            div.panel #emissions-empty { p { (lang.t(&msg::no_emission_data(year as i64))) } }
        } @else {
            div.panel { div.table-wrap { table #emissions-table {
                thead { tr {
                    th { (lang.t(&msg::col_enterprise())) } th { (lang.t(&msg::col_outlet())) } th { (lang.t(&msg::col_pollutant())) }
                    th.num { (lang.t(&msg::col_ytd())) } th.num { (lang.t(&msg::col_rolling(settings.permit.rolling_months as i64))) }
                    th.num { (lang.t(&msg::col_permitted())) } th.num { (lang.t(&msg::col_share())) } th { (lang.t(&msg::col_warning())) }
                    th.num { (lang.t(&msg::col_fill())) }
                } }
                tbody { @for (o, p) in &rows {
                    @let v = &p.view;
                    tr data-outlet=(o.label()) data-pollutant=(p.pollutant) {
                        td { a href=(format!("/enterprises/{}", o.enterprise_id)) { (o.enterprise_name) } }
                        td { a href=(format!("/monitoring/outlets/{}/{}", o.credit_code, o.outlet_code)) { code { (o.outlet_code) } } }
                        td { span.v { (p.name) } " " code.small { (p.pollutant) } }
                        td.num { (tonnes(v.year.kg)) } td.num { (tonnes(v.rolling.kg)) }
                        td.num { @match v.permitted_t { Some(t) => span.v { (number(Some(t))) }, None => span.muted { (lang.t(&msg::no_permit())) } } }
                        td.num { (v.share.map(percent).unwrap_or_default()) }
                        td { @if let Some(w) = v.warning { span class=(if w >= 1.0 { "bad" } else { "tag" }) { (lang.t(&msg::warning_reached(&percent(w)))) } } }
                        td.num { (v.rolling.filled_hours) }
                    }
                } }
            } } }
        }
    };
    Ok(layout::page(&ctx, Section::Tax, &lang.t(&msg::emissions_title(year as i64)), body))
}

/// The dossier's part (一企一档): the enterprise's tax of the last closed month per outlet and its
/// emissions of the year against the permit. The dossier has checked the enterprise is in scope.
pub async fn dossier_section(state: &State, lang: Lang, credit_code: &str) -> crate::Result<Markup> {
    let scope = Scope::Enterprise(credit_code.to_string());
    let (y, m) = month_of(&MonthQuery::default())?;
    let label = month_label(y, m);
    let list = month_list(state, &scope, None, y, m).await?;
    let now = now();
    let year = clock::date_of(now).year();
    let settings = &*EMISSIONS;
    let jan = crate::tax::month_start(year, 1);
    let from = crate::enforcement::emissions::months_back(clock::month_start(now - 1), settings.permit.rolling_months.saturating_sub(1)).min(jan);
    let mut emissions = Vec::new();
    for o in stored_emissions::outlets_with_data(&state.db, &scope, None, from, now.max(from + 1)).await? {
        for p in stored_emissions::outlet_year(&state.db, settings, &o, year, now).await? {
            emissions.push((o.outlet_code.clone(), p));
        }
    }
    let tonnes = |kg: f64| number(Some(kg / 1000.0));
    Ok(html! {
        @if !list.is_empty() {
            h2 { (lang.t(&msg::title())) " " span.v { (label) } }
            div.table-wrap { table #dossier-tax {
                thead { tr { th { (lang.t(&msg::col_outlet())) } th { (lang.t(&msg::col_pollutant())) } th.num { (lang.t(&msg::col_tax())) } th { (lang.t(&msg::how_link())) } } }
                tbody { @for o in &list { tr data-outlet=(o.outlet.label()) {
                    td { code { (o.outlet.outlet_code) } " " span.v { (o.outlet.outlet_name) } }
                    td { @for l in o.lines.iter().filter(|l| l.taxed) { (pollutant_cell(l)) " " } }
                    td.num { (yuan(o.tax_yuan())) }
                    td { a href=(format!("/tax/outlets/{}/{}?month={label}", o.outlet.credit_code, o.outlet.outlet_code)) { (lang.t(&msg::how_link())) } }
                } } }
            } }
        }
        @if !emissions.is_empty() {
            h2 { (lang.t(&msg::emissions_title(year as i64))) }
            div.table-wrap { table #dossier-emissions {
                thead { tr {
                    th { (lang.t(&msg::col_outlet())) } th { (lang.t(&msg::col_pollutant())) } th.num { (lang.t(&msg::col_ytd())) }
                    th.num { (lang.t(&msg::col_rolling(settings.permit.rolling_months as i64))) } th.num { (lang.t(&msg::col_permitted())) } th { (lang.t(&msg::col_warning())) }
                } }
                tbody { @for (outlet, p) in &emissions { tr data-pollutant=(p.pollutant) {
                    td { code { (outlet) } } td { span.v { (p.name) } " " code.small { (p.pollutant) } }
                    td.num { (tonnes(p.view.year.kg)) } td.num { (tonnes(p.view.rolling.kg)) }
                    td.num { @match p.view.permitted_t { Some(t) => span.v { (number(Some(t))) }, None => span.muted { (lang.t(&msg::no_permit())) } } }
                    td { @if let Some(w) = p.view.warning { span class=(if w >= 1.0 { "bad" } else { "tag" }) { (lang.t(&msg::warning_reached(&percent(w)))) } } }
                } } }
            } }
        }
    })
}
