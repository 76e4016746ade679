//! The fused inventory's pages (issue 13): `/inventory` (district × sector × source × pollutant
//! with filters, year-on-year, drill-down to districts, sectors and enterprises, export),
//! `/inventory/enterprises/{id}` (an enterprise's figures with their activity rows, factors and
//! formulas), `/inventory/factors` (the factor library with units, sources and status),
//! `/inventory/scenarios[/{id}]` (what-if scenarios against the baseline, measures' synergy).
//! Everything is read through the viewer's scope.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{self, Section};
use crate::auth::{Scope, Viewer};
use crate::i18n::catalogue::inventory as msg;
use crate::i18n::Lang;
use crate::inventory::compute::{self, Inputs, Line};
use crate::inventory::factors::{Status, LIBRARY};
use crate::inventory::scenario::{self, Action, Scenario, Step, Target};
use crate::inventory::{measures, num, Method, Pollutant};
use crate::storage::inventory::{self as stored, Loaded};
use crate::web::auth::Ctx;
use crate::web::State;

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

fn this_year() -> i32 {
    crate::monitoring::clock::date_of(now()).year()
}

/// Years the pages look at: the last ten.
fn span() -> (i32, i32) {
    (this_year() - 9, this_year())
}

async fn load(state: &State, scope: &Scope) -> crate::Result<Loaded> {
    let (from, to) = span();
    stored::load(&state.db, &LIBRARY, scope, from, to, now(), true).await
}

fn years_of(inputs: &Inputs) -> Vec<i32> {
    // Years with activity data, or with a monitored total the inventory uses.
    let min = LIBRARY.settings.monitoring.min_coverage;
    let set: BTreeSet<i32> = inputs.activity.iter().map(|a| a.year).chain(inputs.monitored.iter().filter(|m| m.coverage >= min).map(|m| m.year)).collect();
    set.into_iter().rev().collect()
}

fn parse_year(s: Option<&str>, years: &[i32]) -> crate::Result<Option<i32>> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Ok(Some(crate::inventory::parse_year(s).map_err(crate::Error::Invalid)?)),
        None => Ok(years.first().copied()),
    }
}

async fn county_names(state: &State, codes: impl IntoIterator<Item = String>) -> crate::Result<HashMap<String, String>> {
    let codes: Vec<String> = codes.into_iter().collect();
    let full = crate::storage::ledger::full_names(&state.db, codes.iter().map(String::as_str)).await?;
    Ok(codes.into_iter().map(|c| {
        let name = full.get(&c).map(|f| f.rsplit('·').next().unwrap_or(f).to_string()).unwrap_or_else(|| c.clone());
        (c, name)
    }).collect())
}

fn t(v: f64) -> String {
    if v.abs() >= 100.0 { format!("{v:.1}") } else if v.abs() >= 1.0 { format!("{v:.3}") } else { num((v * 1e6).round() / 1e6) }
}

fn change(now: f64, before: Option<f64>) -> String {
    match before {
        Some(b) if b > 0.0 => format!("{:+.1}%", (now - b) / b * 100.0),
        _ => "—".into(),
    }
}

fn status_badge(lang: Lang, s: Status) -> Markup {
    let label = match s {
        Status::Verified => msg::status_verified(),
        Status::Secondary => msg::status_secondary(),
        Status::Unverified => msg::status_unverified(),
    };
    html! { span class=(format!("tag status-{}", s.code())) { (lang.t(&label)) } }
}

#[derive(Deserialize, Default)]
pub struct Filter {
    pub year: Option<String>,
    pub district: Option<String>,
    pub sector: Option<String>,
    pub pollutant: Option<String>,
}

impl Filter {
    fn query(&self, year: i32) -> String {
        let mut q = vec![format!("year={year}")];
        for (k, v) in [("district", &self.district), ("sector", &self.sector), ("pollutant", &self.pollutant)] {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                q.push(format!("{k}={v}"));
            }
        }
        q.join("&")
    }
    fn with(&self, key: &str, value: &str, year: i32) -> String {
        let mut f = Filter { year: None, district: self.district.clone(), sector: self.sector.clone(), pollutant: self.pollutant.clone() };
        match key {
            "district" => f.district = Some(value.into()),
            "sector" => f.sector = Some(value.into()),
            _ => f.pollutant = Some(value.into()),
        }
        format!("/inventory?{}", f.query(year))
    }
    fn pollutant(&self) -> crate::Result<Option<Pollutant>> {
        match self.pollutant.as_deref().filter(|p| !p.is_empty()) {
            Some(p) => Pollutant::parse(p).map(Some).ok_or_else(|| crate::Error::Invalid(msg::pollutant_invalid(p))),
            None => Ok(None),
        }
    }
    fn admits(&self, inputs: &Inputs, e: usize) -> bool {
        let x = &inputs.enterprises[e];
        self.district.as_deref().filter(|d| !d.is_empty()).is_none_or(|d| x.county == d)
            && self.sector.as_deref().filter(|s| !s.is_empty()).is_none_or(|s| x.industry.starts_with(s))
    }
}

/// `/inventory`.
pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Query(f): Query<Filter>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let loaded = load(&state, &viewer.scope).await?;
    let inputs = &loaded.inputs;
    let years = years_of(inputs);
    let Some(year) = parse_year(f.year.as_deref(), &years)? else {
        let body = html! { div.panel #inventory-empty { p { (lang.t(&msg::page_empty())) } p { a href="/inventory/factors" { (lang.t(&msg::factors_link())) } } } };
        return Ok(layout::page(&ctx, Section::Inventory, &lang.t(&msg::page_title()), body));
    };
    let only_p = f.pollutant()?;
    let keep = |e: usize| f.admits(inputs, e);
    let cells = compute::aggregate(&LIBRARY, inputs, Some(&keep));
    let yoy: Vec<_> = compute::year_on_year(&cells, year).into_iter().filter(|(c, _)| only_p.is_none_or(|p| c.pollutant == p)).collect();
    let lines: Vec<Line> = compute::lines(&LIBRARY, inputs, Some(&keep));
    let totals = compute::totals(lines.iter().filter(|l| l.year == year));
    let previous = compute::totals(lines.iter().filter(|l| l.year == year - 1));
    let has_previous = lines.iter().any(|l| l.year == year - 1);
    let monitored_t: f64 = lines.iter().filter(|l| l.year == year && l.method == Method::Monitoring).map(|l| l.tonnes).sum();
    let counties: BTreeSet<String> = inputs.enterprises.iter().map(|e| e.county.clone()).collect();
    let names = county_names(&state, counties.iter().cloned()).await?;
    let name = |c: &str| names.get(c).cloned().unwrap_or_else(|| c.to_string());
    // Per district, the chart's pollutant (CO2 unless one is chosen).
    let chart_p = only_p.unwrap_or(Pollutant::Co2);
    let mut by_county: BTreeMap<&str, f64> = BTreeMap::new();
    for l in lines.iter().filter(|l| l.year == year && l.pollutant == chart_p) {
        *by_county.entry(inputs.enterprises[l.enterprise].county.as_str()).or_default() += l.tonnes;
    }
    let bars: Vec<(String, i64, Option<String>)> = by_county.iter().map(|(c, v)| (name(c), v.round() as i64, Some(f.with("district", c, year)))).collect();
    // Enterprises (drill-down), by the chosen pollutant, largest first.
    let mut per: HashMap<usize, [f64; 7]> = HashMap::new();
    for l in lines.iter().filter(|l| l.year == year) {
        per.entry(l.enterprise).or_insert([0.0; 7])[l.pollutant.index()] += l.tonnes;
    }
    let mut top: Vec<(usize, [f64; 7])> = per.into_iter().collect();
    top.sort_by(|a, b| b.1[chart_p.index()].total_cmp(&a.1[chart_p.index()]).then(a.0.cmp(&b.0)));
    let top_n = top.len().min(50);
    let sectors: BTreeSet<&str> = inputs.enterprises.iter().map(|e| e.industry.as_str()).collect();
    let body = html! {
        div.panel #inventory-filters {
            form.inline method="get" action="/inventory" {
                label { (lang.t(&msg::col_year())) " "
                    select name="year" { @for y in &years { option value=(y) selected[*y == year] { (y) } } } }
                " " label { (lang.t(&msg::col_district())) " "
                    select name="district" { option value="" { (lang.t(&msg::all())) }
                        @for c in &counties { option value=(c) selected[f.district.as_deref() == Some(c.as_str())] { (name(c)) } } } }
                " " label { (lang.t(&msg::col_sector())) " "
                    select name="sector" { option value="" { (lang.t(&msg::all())) }
                        @for s in &sectors { option value=(s) selected[f.sector.as_deref() == Some(*s)] { (s) " " (crate::ledger::codes::INDUSTRIES.name(s)) } } } }
                " " label { (lang.t(&msg::col_pollutant())) " "
                    select name="pollutant" { option value="" { (lang.t(&msg::all())) }
                        @for p in Pollutant::ALL { option value=(p.code()) selected[only_p == Some(p)] { (p.code()) } } } }
                " " button type="submit" { (lang.t(&msg::show())) }
            }
            p {
                a.button.secondary #inventory-export href=(format!("/inventory/export.xlsx?{}", f.query(year))) { (lang.t(&msg::export())) }
                " " a #inventory-factors-link href="/inventory/factors" { (lang.t(&msg::factors_link())) }
                @if viewer.can(crate::auth::Permission::ViewPlans) { " · " a #inventory-scenarios-link href="/inventory/scenarios" { (lang.t(&msg::scenarios_link())) } }
            }
            p.muted { (lang.t(&msg::method_note(LIBRARY.settings.monitoring.min_coverage * 100.0))) }
            @if !loaded.ignored.is_empty() {
                p.bad #inventory-ignored { (lang.t(&msg::ignored_rows(loaded.ignored.len() as i64))) }
            }
        }
        div.cards #inventory-totals {
            @for p in Pollutant::ALL {
                div.card data-pollutant=(p.code()) {
                    div.label { (p.code()) " (t)" }
                    div.value data-v=(num(totals[p.index()])) { (t(totals[p.index()])) }
                    @if has_previous { div.muted.small { (lang.t(&msg::yoy())) " " (change(totals[p.index()], Some(previous[p.index()]))) } }
                }
            }
            div.card { div.label { (lang.t(&msg::col_equivalents())) } div.value #inventory-equivalents { (format!("{:.0}", compute::equivalents(&totals))) } }
            div.card { div.label { (lang.t(&msg::col_monitoring_t())) } div.value { (t(monitored_t)) } }
        }
        @if !bars.is_empty() {
            div.panel #inventory-chart {
                h2 { (lang.t(&msg::chart_title(chart_p.code(), year))) }
                (crate::web::charts::bars(&bars, &lang.t(&msg::chart_title(chart_p.code(), year))))
            }
        }
        div.panel { h2 { (lang.t(&msg::cells_title(year))) } div.table-wrap { table #inventory-cells {
            thead { tr {
                th { (lang.t(&msg::col_district())) } th { (lang.t(&msg::col_sector())) } th { (lang.t(&msg::col_source())) } th { (lang.t(&msg::col_pollutant())) }
                th.num { (lang.t(&msg::col_tonnes())) } th.num { (lang.t(&msg::col_monitoring_t())) } th.num { (lang.t(&msg::col_enterprises())) }
                th.num { (lang.t(&msg::col_previous())) } th.num { (lang.t(&msg::col_change())) }
            } }
            tbody { @for (c, prev) in &yoy {
                tr data-district=(c.county) data-pollutant=(c.pollutant.code()) data-source=(c.source.code()) {
                    td { a href=(f.with("district", &c.county, year)) { span.v { (name(&c.county)) } } }
                    td { a href=(f.with("sector", &c.industry, year)) { code { (c.industry) } } " " span.v.small { (crate::ledger::codes::INDUSTRIES.name(&c.industry)) } }
                    td { (lang.t(&c.source.label())) }
                    td { a href=(f.with("pollutant", c.pollutant.code(), year)) { (c.pollutant.code()) } }
                    td.num data-v=(num(c.tonnes)) { (t(c.tonnes)) } td.num { (t(c.monitoring_t)) } td.num { (c.enterprises) }
                    td.num { (prev.map(t).unwrap_or_else(|| "—".into())) } td.num { (change(c.tonnes, *prev)) }
                }
            } }
        } } }
        div.panel { h2 { (lang.t(&msg::enterprises_title(top_n as i64, top.len() as i64, chart_p.code()))) } div.table-wrap { table #inventory-enterprises {
            thead { tr {
                th { (lang.t(&msg::col_enterprise())) } th { (lang.t(&msg::col_district())) } th { (lang.t(&msg::col_sector())) }
                @for p in Pollutant::ALL { th.num { (p.code()) } }
                th.num { (lang.t(&msg::col_equivalents())) }
            } }
            tbody { @for (e, v) in top.iter().take(top_n) {
                @let x = &inputs.enterprises[*e];
                tr data-credit=(x.credit_code) {
                    td { a href=(format!("/inventory/enterprises/{}?year={year}", x.id)) { span.v { (x.name) } } }
                    td { span.v { (name(&x.county)) } } td { code { (x.industry) } }
                    @for p in Pollutant::ALL { td.num { (t(v[p.index()])) } }
                    td.num { (format!("{:.0}", compute::equivalents(v))) }
                }
            } }
        } } }
    };
    Ok(layout::page(&ctx, Section::Inventory, &lang.t(&msg::page_title()), body))
}

/// `/inventory/export.xlsx`: the page's cells and lines, audited.
pub async fn export(state: State, ctx: Ctx, viewer: Viewer, Query(f): Query<Filter>) -> crate::Result<Response> {
    let lang = ctx.lang;
    let loaded = load(&state, &viewer.scope).await?;
    let inputs = &loaded.inputs;
    let years = years_of(inputs);
    let year = parse_year(f.year.as_deref(), &years)?.unwrap_or_else(this_year);
    let only_p = f.pollutant()?;
    let keep = |e: usize| f.admits(inputs, e);
    let cells = compute::aggregate(&LIBRARY, inputs, Some(&keep));
    let yoy: Vec<_> = compute::year_on_year(&cells, year).into_iter().filter(|(c, _)| only_p.is_none_or(|p| c.pollutant == p)).collect();
    let lines: Vec<Line> = compute::lines(&LIBRARY, inputs, Some(&keep)).into_iter().filter(|l| l.year == year && only_p.is_none_or(|p| l.pollutant == p)).collect();
    let names = county_names(&state, yoy.iter().map(|(c, _)| c.county.clone())).await?;
    let bytes = crate::excel::inventory::inventory_workbook(&LIBRARY, inputs, &yoy, &lines, &|c| names.get(c).cloned().unwrap_or_default(), lang)
        .map_err(|e| crate::Error::Other(crate::i18n::untranslated(e.to_string())))?;
    crate::storage::audit::record(
        &state.db,
        &viewer.actor(),
        crate::storage::audit::NewEntry {
            action: "export",
            entity: "inventory",
            entity_id: f.query(year),
            enterprise_id: None,
            before: None,
            after: Some(serde_json::json!({ "cells": yoy.len(), "lines": lines.len() })),
        },
    )
    .await?;
    Ok(xlsx(bytes, &format!("inventory-{year}.xlsx")))
}

fn xlsx(bytes: Vec<u8>, file: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file}\"")),
        ],
        bytes,
    )
        .into_response()
}

#[derive(Deserialize, Default)]
pub struct YearQuery {
    pub year: Option<String>,
}

fn factor_cell(lang: Lang, l: &Line) -> Markup {
    match crate::excel::inventory::factor_origin(&LIBRARY, l) {
        Some(o) => html! { a.factor href=(format!("/inventory/factors#{}", o.anchor())) { code { (o.id()) } } " " (status_badge(lang, o.status)) },
        None => html! { "—" },
    }
}

/// `/inventory/enterprises/{id}`: an enterprise's figures, activity data and factors.
pub async fn enterprise(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, Query(q): Query<YearQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    // Outside the scope (or missing): not found, as for the dossier.
    let dossier = crate::storage::ledger::dossier(&state.db, &viewer.scope, id).await?;
    let code = dossier.enterprise.record.credit_code.clone();
    let loaded = load(&state, &Scope::Enterprise(code.clone())).await?;
    let inputs = &loaded.inputs;
    let years = years_of(inputs);
    let year = parse_year(q.year.as_deref(), &years)?;
    let lines = compute::lines(&LIBRARY, inputs, None);
    let body = html! {
        div.panel #inventory-enterprise {
            p { a href=(format!("/enterprises/{id}")) { span.v { (dossier.enterprise.record.name) } } " " code { (code) } " · "
                span.v { (dossier.industry_name) } " " code.small { (dossier.enterprise.record.industry_code) } }
            @if years.len() > 1 {
                p { (lang.t(&msg::col_year())) ": " @for y in &years { a href=(format!("/inventory/enterprises/{id}?year={y}")) class=[(Some(*y) == year).then_some("active")] { (y) } " " } }
            }
            p.muted { (lang.t(&msg::method_note(LIBRARY.settings.monitoring.min_coverage * 100.0))) " " a href="/inventory/factors" { (lang.t(&msg::factors_link())) } }
        }
        @if let Some(year) = year {
            @let now_t = compute::totals(lines.iter().filter(|l| l.year == year));
            @let before_t = compute::totals(lines.iter().filter(|l| l.year == year - 1));
            div.panel { h2 { (lang.t(&msg::totals_title(year))) } div.table-wrap { table #inventory-enterprise-totals {
                thead { tr { th { (lang.t(&msg::col_pollutant())) } th.num { (year) } th.num { (year - 1) } th.num { (lang.t(&msg::col_change())) } } }
                tbody { @for p in Pollutant::ALL {
                    tr data-pollutant=(p.code()) { td { (p.code()) } td.num data-v=(num(now_t[p.index()])) { (t(now_t[p.index()])) } td.num { (t(before_t[p.index()])) } td.num { (change(now_t[p.index()], Some(before_t[p.index()]))) } }
                } }
            } } }
            div.panel { h2 { (lang.t(&msg::lines_title(year))) } div.table-wrap { table #inventory-lines {
                thead { tr {
                    th { (lang.t(&msg::col_source())) } th { (lang.t(&msg::col_pollutant())) } th.num { (lang.t(&msg::col_tonnes())) } th { (lang.t(&msg::col_method())) }
                    th { (lang.t(&msg::col_activity())) } th { (lang.t(&msg::col_equipment())) } th { (lang.t(&msg::col_outlet())) } th { (lang.t(&msg::col_factor())) } th { (lang.t(&msg::col_formula())) }
                } }
                tbody { @for l in lines.iter().filter(|l| l.year == year) {
                    @let a = l.activity.map(|a| &inputs.activity[a]);
                    tr data-pollutant=(l.pollutant.code()) data-method=(l.method.code()) {
                        td { (lang.t(&l.source.label())) } td { (l.pollutant.code()) } td.num data-v=(num(l.tonnes)) { (t(l.tonnes)) }
                        td { (lang.t(&l.method.label())) @if l.method == Method::Monitoring && l.activity.is_some() { br; span.muted.small { (lang.t(&msg::factor_would_be(&t(l.factor_t)))) } } }
                        td { @if let Some(a) = a { (lang.t(&a.category.label())) " " code { (a.item) } " " span.v { (num(a.entered_amount)) " " (a.entered_unit) } } }
                        td { @if let Some(a) = a { span.v { (a.equipment) } } }
                        td { code { (l.outlet(inputs)) } }
                        td { (factor_cell(lang, l)) }
                        td { code.small.formula { (compute::formula(&LIBRARY, inputs, l)) } }
                    }
                } }
            } } }
        }
        div.panel { h2 { (lang.t(&msg::activity_title())) } div.table-wrap { table #inventory-activity {
            thead { tr { th { (lang.t(&msg::col_year())) } th { (lang.t(&msg::col_category())) } th { (lang.t(&msg::col_item())) } th.num { (lang.t(&msg::col_amount())) }
                th { (lang.t(&msg::col_unit())) } th { (lang.t(&msg::col_equipment())) } th { (lang.t(&msg::col_outlet())) } th { (lang.t(&msg::col_control())) } th { (lang.t(&msg::col_data_source())) } } }
            tbody { @for a in &dossier.activity {
                tr { td { (a.year) } td { (crate::inventory::Category::parse(&a.category).map(|c| lang.t(&c.label())).unwrap_or_else(|| a.category.clone())) } td { code { (a.item) } }
                     td.num { span.v { (num(a.amount)) } } td { span.v { (a.unit) } } td { span.v { (a.equipment) } } td { code { (a.outlet) } } td { code { (a.control) } } td { span.v { (a.source) } } }
            } }
        } } }
    };
    Ok(layout::page(&ctx, Section::Inventory, &lang.t(&msg::enterprise_title(&dossier.enterprise.record.name)), body))
}

/// `/inventory/factors`: the factor library.
pub async fn factors(ctx: Ctx) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let l = &*LIBRARY;
    let s = &l.settings;
    let body = html! {
        div.panel { p.muted { (lang.t(&msg::factors_note())) } }
        div.panel { h2 { (lang.t(&msg::fuels_title())) } div.table-wrap { table #factors-fuels {
            thead { tr { th { (lang.t(&msg::col_item())) } th.num { (lang.t(&msg::col_ncv())) } th.num { (lang.t(&msg::col_carbon())) } th.num { (lang.t(&msg::col_oxidation())) } th { (lang.t(&msg::col_status())) } th { (lang.t(&msg::col_source_text())) } } }
            tbody { @for f in &l.fuels {
                tr id=(f.origin.anchor()) { td { span.v { (f.name_zh) } " " code { (f.code) } } td.num { (num(f.ncv)) " GJ/" (crate::inventory::units::canonical(f.dimension)) }
                    td.num { (num(f.carbon)) " tC/GJ" } td.num { (num(f.oxidation)) } td { (status_badge(lang, f.origin.status)) } td.small { code { (f.origin.id()) } " " span.v { (f.origin.source) } } }
            } }
        } } }
        div.panel { h2 { (lang.t(&msg::grid_title())) " " code { (s.grid.region) } } div.table-wrap { table #factors-grid {
            thead { tr { th { (lang.t(&msg::col_year())) } th { (lang.t(&msg::col_region())) } th.num { "tCO2/MWh" } th { (lang.t(&msg::col_status())) } th { (lang.t(&msg::col_source_text())) } } }
            tbody { @for g in &l.grid {
                tr id=(g.origin.anchor()) class=[(g.region == s.grid.region).then_some("selected")] { td { (g.year) } td { span.v { (g.name_zh) } " " code { (g.region) } } td.num { (num(g.t_per_mwh)) }
                    td { (status_badge(lang, g.origin.status)) } td.small { code { (g.origin.id()) } " " span.v { (g.origin.source) } } }
            } }
        } } }
        div.panel { h2 { (lang.t(&msg::process_title())) } div.table-wrap { table #factors-process {
            thead { tr { th { (lang.t(&msg::col_item())) } th.num { (lang.t(&msg::col_value())) } th { (lang.t(&msg::col_status())) } th { (lang.t(&msg::col_source_text())) } } }
            tbody {
                tr id=(l.heat.origin.anchor()) { td { code { "heat" } } td.num { (num(l.heat.t_per_gj)) " tCO2/GJ" } td { (status_badge(lang, l.heat.origin.status)) } td.small { code { (l.heat.origin.id()) } " " span.v { (l.heat.origin.source) } } }
                @for i in &l.items {
                    tr id=(i.origin.anchor()) { td { span.v { (i.name_zh) } " " code { (i.code) } } td.num { @if let Some(c) = i.co2 { (num(c)) " tCO2/" (crate::inventory::units::canonical(i.dimension)) } @else { "—" } }
                        td { (status_badge(lang, i.origin.status)) } td.small { code { (i.origin.id()) } " " span.v { (i.origin.source) } } }
                }
            }
        } } }
        div.panel { h2 { (lang.t(&msg::air_title())) } div.table-wrap { table #factors-air {
            thead { tr { th { (lang.t(&msg::col_item())) } th { (lang.t(&msg::col_control())) } th { (lang.t(&msg::col_pollutant())) } th.num { (lang.t(&msg::col_value())) } th { (lang.t(&msg::col_status())) } th { (lang.t(&msg::col_source_text())) } } }
            tbody { @for a in &l.air {
                tr id=(a.origin.anchor()) { td { code { (a.item) } } td { code { (a.control) } } td { (a.pollutant.code()) } td.num { (num(a.value)) " " (a.unit) }
                    td { (status_badge(lang, a.origin.status)) } td.small { code { (a.origin.id()) } " " span.v { (a.origin.source) } } }
            } }
        } } }
        div.panel #factors-settings { h2 { (lang.t(&msg::settings_title())) }
            ul {
                li { code { "grid.region = " (s.grid.region) } " " code { (s.grid.region_status) } }
                li { code { "control.default = " (s.control.default) } " " code { (s.control.default_status) } }
                li { code { "monitoring.min_coverage = " (num(s.monitoring.min_coverage)) } " " code { (s.monitoring.min_coverage_status) } }
                li { code { "scenarios.small_coal_boiler_below_t_h = " (num(s.scenarios.small_coal_boiler_below_t_h)) } " " code { (s.scenarios.small_coal_boiler_status) } }
                li { code { "scenarios.efficiency" } " " code { (s.scenarios.efficiency_status) } ": " @for (k, v) in &s.scenarios.efficiency { code { (k) "=" (num(*v)) } " " } }
            }
        }
    };
    Ok(layout::page(&ctx, Section::Inventory, &lang.t(&msg::factors_title()), body))
}

/// `/inventory/scenarios`: saved scenarios and the form for a new one.
pub async fn scenarios(state: State, ctx: Ctx, viewer: Viewer) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let list = stored::list(&state.db, &viewer.scope).await?;
    let loaded = load(&state, &viewer.scope).await?;
    let years = years_of(&loaded.inputs);
    let counties: BTreeSet<String> = loaded.inputs.enterprises.iter().map(|e| e.county.clone()).collect();
    let names = county_names(&state, counties.iter().cloned()).await?;
    let year = years.first().copied().unwrap_or_else(this_year);
    let body = html! {
        div.panel { h2 { (lang.t(&msg::scenarios_saved())) }
            @if list.is_empty() { p #scenarios-empty { (lang.t(&msg::scenarios_none())) } }
            @else { div.table-wrap { table #scenarios {
                thead { tr { th { (lang.t(&msg::col_name())) } th { (lang.t(&msg::col_year())) } th.num { (lang.t(&msg::col_steps())) } th { (lang.t(&msg::col_created())) } } }
                tbody { @for s in &list {
                    tr { td { a href=(format!("/inventory/scenarios/{}", s.id)) { span.v { (s.scenario.name) } } } td { (s.scenario.year) } td.num { (s.scenario.steps.len()) }
                         td { span.v { (s.created_by) } " " span.v.small { (crate::storage::display_time(&s.created_at)) } } }
                } }
            } } }
        }
        div.panel #scenario-quick { h2 { (lang.t(&msg::quick_title())) }
            p.muted { (lang.t(&msg::quick_note(LIBRARY.settings.scenarios.small_coal_boiler_below_t_h))) }
            @for c in &counties {
                form.inline method="post" action="/inventory/scenarios" {
                    (layout::csrf_field(&ctx))
                    input type="hidden" name="name" value=(lang.t(&msg::quick_name(names.get(c).map(String::as_str).unwrap_or(c))));
                    input type="hidden" name="year" value=(year);
                    input type="hidden" name="target" value="small_coal_boilers";
                    input type="hidden" name="county" value=(c);
                    input type="hidden" name="action" value="close";
                    button.secondary type="submit" data-county=(c) { span.v { (names.get(c).map(String::as_str).unwrap_or(c)) } }
                }
            }
        }
        div.panel #scenario-new { h2 { (lang.t(&msg::new_title())) }
            form method="post" action="/inventory/scenarios" {
                (layout::csrf_field(&ctx))
                p { label { (lang.t(&msg::col_name())) " " input type="text" name="name" required; } " "
                    label { (lang.t(&msg::col_year())) " " select name="year" { @for y in &years { option value=(y) { (y) } } } } }
                p { label { (lang.t(&msg::target())) " "
                    select name="target" {
                        option value="small_coal_boilers" { (lang.t(&msg::target_small_boilers())) }
                        option value="enterprise" { (lang.t(&msg::target_enterprise())) }
                        option value="equipment" { (lang.t(&msg::target_equipment())) }
                    } } " "
                    label { (lang.t(&msg::col_district())) " " select name="county" { @for c in &counties { option value=(c) { (names.get(c).map(String::as_str).unwrap_or(c)) } } } } " "
                    label { (lang.t(&msg::col_credit())) " " input type="text" name="credit_code" size="20"; } " "
                    label { (lang.t(&msg::col_equipment())) " " input type="text" name="equipment" size="12"; } }
                p { label { (lang.t(&msg::action())) " "
                    select name="action" {
                        option value="close" { (lang.t(&msg::measure_closure())) }
                        option value="retrofit" { (lang.t(&msg::measure_upgrade())) }
                        option value="switch_gas" { (lang.t(&msg::switch_gas())) }
                        option value="switch_electricity" { (lang.t(&msg::switch_electricity())) }
                        option value="low_nox" { (lang.t(&msg::measure_low_nox())) }
                        option value="cut" { (lang.t(&msg::measure_output_cut())) }
                    } } " "
                    label { (lang.t(&msg::col_pollutant())) " " select name="pollutant" { @for p in Pollutant::AIR { option value=(p.code()) { (p.code()) } } } } " "
                    label { (lang.t(&msg::limit())) " " input type="number" name="limit" step="any" min="0" size="6"; } " "
                    label { (lang.t(&msg::percent())) " " input type="number" name="percent" step="any" min="0" max="100" size="6"; } }
                p { button type="submit" { (lang.t(&msg::save_and_compare())) } }
                p.muted { (lang.t(&msg::scenario_note())) }
            }
        }
    };
    Ok(layout::page(&ctx, Section::Inventory, &lang.t(&msg::scenarios_title()), body))
}

#[derive(Deserialize, Default)]
pub struct ScenarioForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub county: String,
    #[serde(default)]
    pub credit_code: String,
    #[serde(default)]
    pub equipment: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub pollutant: String,
    #[serde(default)]
    pub limit: String,
    #[serde(default)]
    pub percent: String,
}

fn number(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

impl ScenarioForm {
    fn scenario(&self) -> crate::Result<Scenario> {
        let invalid = |m| crate::Error::Invalid(m);
        if self.name.trim().is_empty() {
            return Err(invalid(msg::scenario_name_required()));
        }
        let year = crate::inventory::parse_year(&self.year).map_err(crate::Error::Invalid)?;
        let target = match self.target.as_str() {
            "small_coal_boilers" => Target::SmallCoalBoilers { county: self.county.trim().to_string() },
            "enterprise" => Target::Enterprise { credit_code: self.credit_code.trim().to_uppercase() },
            "equipment" => Target::Equipment { credit_code: self.credit_code.trim().to_uppercase(), equipment: self.equipment.trim().to_string() },
            other => return Err(invalid(msg::form_invalid("target", other))),
        };
        let action = match self.action.as_str() {
            "close" => Action::Close,
            "retrofit" => Action::Retrofit {
                pollutant: Pollutant::parse(&self.pollutant).ok_or_else(|| invalid(msg::pollutant_invalid(&self.pollutant)))?,
                limit_mg_m3: number(&self.limit).ok_or_else(|| invalid(msg::form_invalid("limit", &self.limit)))?,
            },
            "switch_gas" => Action::SwitchFuel { to: "natural_gas".into() },
            "switch_electricity" => Action::SwitchFuel { to: "electricity".into() },
            "low_nox" => Action::LowNox,
            "cut" => Action::CutOutput { percent: number(&self.percent).ok_or_else(|| invalid(msg::form_invalid("percent", &self.percent)))? },
            other => return Err(invalid(msg::form_invalid("action", other))),
        };
        Ok(Scenario { name: self.name.trim().to_string(), year, steps: vec![Step { target, action }] })
    }
}

/// `POST /inventory/scenarios`: checks the scenario against the scope's data, saves it (audited)
/// and shows it. Nothing in the ledger changes.
pub async fn create(state: State, viewer: Viewer, Form(f): Form<ScenarioForm>) -> crate::Result<Response> {
    let s = f.scenario()?;
    let loaded = load(&state, &viewer.scope).await?;
    scenario::run(&LIBRARY, &loaded.inputs, &s).map_err(crate::Error::Invalid)?;
    let id = stored::save(&state.db, &viewer.actor(), &viewer.scope, &s).await?;
    Ok(Redirect::to(&format!("/inventory/scenarios/{id}")).into_response())
}

fn step_text(lang: Lang, s: &Step, names: &HashMap<String, String>) -> String {
    let target = match &s.target {
        Target::SmallCoalBoilers { county } => lang.t(&msg::target_small_boilers_in(names.get(county).map(String::as_str).unwrap_or(county))),
        Target::Enterprise { credit_code } => credit_code.clone(),
        Target::Equipment { credit_code, equipment } => format!("{credit_code} / {equipment}"),
    };
    let action = match &s.action {
        Action::Close => lang.t(&msg::measure_closure()),
        Action::Retrofit { pollutant, limit_mg_m3 } => lang.t(&msg::retrofit_to(pollutant.code(), *limit_mg_m3)),
        Action::SwitchFuel { to } if to == "natural_gas" => lang.t(&msg::switch_gas()),
        Action::SwitchFuel { .. } => lang.t(&msg::switch_electricity()),
        Action::LowNox => lang.t(&msg::measure_low_nox()),
        Action::CutOutput { percent } => lang.t(&msg::cut_by(*percent)),
    };
    format!("{target}: {action}")
}

async fn outcome(state: &State, viewer: &Viewer, id: i64) -> crate::Result<(stored::SavedScenario, Inputs, scenario::Outcome)> {
    let saved = stored::get(&state.db, &viewer.scope, id).await?;
    let loaded = load(state, &viewer.scope).await?;
    let o = scenario::run(&LIBRARY, &loaded.inputs, &saved.scenario).map_err(crate::Error::Invalid)?;
    Ok((saved, loaded.inputs, o))
}

/// What a saved scenario reduces in its year, whole (baseline − scenario): for the plans' key
/// projects that name it.
#[derive(Clone, Debug)]
pub struct Reduction {
    pub name: String,
    pub year: i32,
    pub equivalents: f64,
    pub co2_t: f64,
    pub kind: measures::Kind,
}

/// The reductions of the given saved scenarios the scope may see (others are left out), each
/// recomputed from the current inventory; the inventory is loaded once for all of them.
pub async fn reductions(state: &State, scope: &Scope, ids: &[i64]) -> crate::Result<HashMap<i64, Reduction>> {
    let mut out = HashMap::new();
    let mut visible = Vec::new();
    for &id in ids {
        match stored::get(&state.db, scope, id).await {
            Ok(s) => visible.push(s),
            Err(crate::Error::NotFound(_)) => {}
            Err(e) => return Err(e),
        }
    }
    if visible.is_empty() {
        return Ok(out);
    }
    let loaded = load(state, scope).await?;
    for saved in visible {
        // A scenario whose step no longer applies (its enterprises left the ledger) shows no figure.
        if let Ok(o) = scenario::run(&LIBRARY, &loaded.inputs, &saved.scenario) {
            let equivalents = o.baseline.equivalents - o.scenario.equivalents;
            let co2_t = o.baseline.co2() - o.scenario.co2();
            out.insert(saved.id, Reduction { name: saved.scenario.name.clone(), year: o.year, equivalents, co2_t, kind: measures::kind(equivalents, co2_t) });
        }
    }
    Ok(out)
}

/// `/inventory/scenarios/{id}`: the scenario against the baseline.
pub async fn scenario_page(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let (saved, base, o) = outcome(&state, &viewer, id).await?;
    let year = o.year;
    let names = county_names(&state, o.by_county.iter().map(|(c, _, _)| c.clone())).await?;
    // Enterprises whose figures change.
    let mut before: HashMap<i64, [f64; 7]> = HashMap::new();
    for l in compute::lines(&LIBRARY, &base, None).iter().filter(|l| l.year == year) {
        before.entry(base.enterprises[l.enterprise].id).or_insert([0.0; 7])[l.pollutant.index()] += l.tonnes;
    }
    let mut after: HashMap<i64, [f64; 7]> = HashMap::new();
    for l in o.lines.iter().filter(|l| l.year == year) {
        after.entry(o.inputs.enterprises[l.enterprise].id).or_insert([0.0; 7])[l.pollutant.index()] += l.tonnes;
    }
    let mut changed: Vec<(&compute::EnterpriseIn, [f64; 7], [f64; 7])> = base
        .enterprises
        .iter()
        .filter_map(|e| {
            let b = before.get(&e.id).copied().unwrap_or([0.0; 7]);
            let a = after.get(&e.id).copied().unwrap_or([0.0; 7]);
            (b.iter().zip(a.iter()).any(|(x, y)| (x - y).abs() > 1e-9)).then_some((e, b, a))
        })
        .collect();
    changed.sort_by(|x, y| (y.1[4] - y.2[4]).total_cmp(&(x.1[4] - x.2[4])));
    // Only plans the viewer may open.
    let plans: BTreeSet<i64> = crate::storage::plans::plans(&state.db, &viewer.scope).await?.iter().map(|p| p.id).collect();
    let projects: Vec<_> = crate::storage::plans::projects_of_scenario(&state.db, id).await?.into_iter().filter(|p| plans.contains(&p.0)).collect();
    let synergy = if viewer.can(crate::auth::Permission::ViewSynergy) { synergy_effect(&state, &viewer, &o).await? } else { None };
    let body = html! {
        div.panel #scenario-head {
            p { span.v #scenario-name { (saved.scenario.name) } " · " (year) " · " span.v { (saved.created_by) } }
            ol #scenario-steps { @for s in &saved.scenario.steps { li { span.v { (step_text(lang, s, &names)) } } } }
            p { a.button.secondary #scenario-export href=(format!("/inventory/scenarios/{id}/export.xlsx")) { (lang.t(&msg::export())) } " " a href="/inventory/scenarios" { (lang.t(&msg::scenarios_link())) } }
            p.muted { (lang.t(&msg::scenario_note())) }
            @if !projects.is_empty() {
                p #scenario-projects { (lang.t(&msg::scenario_projects())) ": "
                    @for (i, (plan, title, name)) in projects.iter().enumerate() {
                        @if i > 0 { (lang.label(crate::i18n::catalogue::common::list_separator())) }
                        a href=(format!("/plans/{plan}/projects")) { span.v { (name) } } " (" span.v { (title) } ")"
                    }
                }
            }
        }
        div.panel { h2 { (lang.t(&msg::compare_title(year))) } div.table-wrap { table #scenario-compare {
            thead { tr { th { (lang.t(&msg::col_pollutant())) } th.num { (lang.t(&msg::col_baseline())) } th.num { (lang.t(&msg::col_scenario())) } th.num { (lang.t(&msg::col_delta())) } th.num { (lang.t(&msg::col_change())) } } }
            tbody {
                @for p in Pollutant::ALL {
                    @let (b, a) = (o.baseline.tonnes[p.index()], o.scenario.tonnes[p.index()]);
                    tr data-pollutant=(p.code()) { td { (p.code()) " (t)" } td.num.baseline data-v=(num(b)) { (t(b)) } td.num.scenario data-v=(num(a)) { (t(a)) } td.num.delta data-v=(num(a - b)) { (t(a - b)) } td.num { (change(a, Some(b))) } }
                }
                tr data-pollutant="equivalents" { td { (lang.t(&msg::col_equivalents())) } td.num.baseline { (format!("{:.0}", o.baseline.equivalents)) } td.num.scenario { (format!("{:.0}", o.scenario.equivalents)) }
                    td.num.delta data-v=(num(o.scenario.equivalents - o.baseline.equivalents)) { (format!("{:.0}", o.scenario.equivalents - o.baseline.equivalents)) } td.num { (change(o.scenario.equivalents, Some(o.baseline.equivalents))) } }
            }
        } } }
        div.panel { h2 { (lang.t(&msg::measures_title())) } div.table-wrap { table #scenario-measures {
            thead { tr { th { (lang.t(&msg::col_step())) } th { (lang.t(&msg::col_measure())) } th.num { (lang.t(&msg::col_eq_reduced())) } th.num { (lang.t(&msg::col_co2_reduced())) } th.num { (lang.t(&msg::col_eq_per_co2())) } th { (lang.t(&msg::col_kind())) } } }
            tbody {
                @for s in &o.steps {
                    tr { td { (s.step) } td { (lang.t(&s.measure.label())) } td.num { (format!("{:.0}", s.reduced_equivalents)) } td.num { (t(s.reduced_co2())) }
                         td.num { @if s.reduced_co2() > 1e-9 { (format!("{:.2}", s.reduced_equivalents / s.reduced_co2())) } @else { "—" } }
                         td { (lang.t(&kind_label(measures::kind(s.reduced_equivalents, s.reduced_co2())))) } }
                }
                @for m in measures::by_measure(&o.steps) {
                    tr.total { td { (lang.t(&msg::col_total())) } td { (lang.t(&m.measure.label())) " ×" (m.projects) } td.num { (format!("{:.0}", m.reduced_equivalents)) } td.num { (t(m.reduced_co2_t)) }
                        td.num { (m.equivalents_per_t_co2.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into())) } td { (lang.t(&kind_label(m.kind))) } }
                }
            }
        } } p.muted { (lang.t(&msg::equivalents_note())) } }
        @if let Some(effect) = &synergy {
            div.panel #scenario-synergy { h2 { (lang.t(&msg::synergy_title(year))) }
                @match effect {
                    Ok(rows) => {
                        div.table-wrap { table {
                            thead { tr { th { (lang.t(&msg::col_district())) } th.num { (lang.t(&msg::col_d_baseline())) } th.num { (lang.t(&msg::col_d_scenario())) } th.num { (lang.t(&msg::col_delta())) } } }
                            tbody { @for (code, name, b, a) in rows {
                                tr data-district=(code) { td { span.v { (name) } } td.num { (format!("{b:.4}")) } td.num { (format!("{a:.4}")) } td.num { (format!("{:+.4}", a - b)) } }
                            } }
                        } }
                        p.muted { (lang.t(&msg::synergy_note())) }
                    }
                    Err(problems) => {
                        p.muted #scenario-synergy-refused { (lang.t(&msg::synergy_unavailable(problems.len() as i64))) " " @if let Some(p) = problems.first() { (lang.t(p)) } }
                    }
                }
            }
        }
        div.panel { h2 { (lang.t(&msg::districts_title())) } div.table-wrap { table #scenario-districts {
            thead { tr { th { (lang.t(&msg::col_district())) } th.num { (lang.t(&msg::col_co2_baseline())) } th.num { (lang.t(&msg::col_co2_scenario())) } th.num { (lang.t(&msg::col_eq_baseline())) } th.num { (lang.t(&msg::col_eq_scenario())) } } }
            tbody { @for (c, b, a) in &o.by_county {
                tr data-district=(c) class=[(b != a).then_some("changed")] { td { span.v { (names.get(c).cloned().unwrap_or_else(|| c.clone())) } } td.num { (t(b.co2())) } td.num { (t(a.co2())) } td.num { (format!("{:.0}", b.equivalents)) } td.num { (format!("{:.0}", a.equivalents)) } }
            } }
        } } }
        div.panel { h2 { (lang.t(&msg::changed_title(changed.len() as i64))) } div.table-wrap { table #scenario-enterprises {
            thead { tr { th { (lang.t(&msg::col_enterprise())) } th.num { (lang.t(&msg::col_co2_baseline())) } th.num { (lang.t(&msg::col_co2_scenario())) } th.num { (lang.t(&msg::col_eq_baseline())) } th.num { (lang.t(&msg::col_eq_scenario())) } } }
            tbody { @for (e, b, a) in changed.iter().take(200) {
                tr data-credit=(e.credit_code) { td { a href=(format!("/inventory/enterprises/{}?year={year}", e.id)) { span.v { (e.name) } } } td.num { (t(b[4])) } td.num { (t(a[4])) }
                    td.num { (format!("{:.0}", compute::equivalents(b))) } td.num { (format!("{:.0}", compute::equivalents(a))) } }
            } }
        } } }
    };
    Ok(layout::page(&ctx, Section::Inventory, &lang.t(&msg::scenario_title(&saved.scenario.name, year)), body))
}

/// The districts' coupling-coordination degree D of the scenario's year with the scenario's
/// inventory indicators (CO2 and SO2+NOx+PM per unit of value added scaled by the scenario's
/// change of the district's emissions; value added unchanged), against the baseline evaluation
/// of the same inputs. `None` when the indicator system in force uses no inventory indicator.
async fn synergy_effect(state: &State, viewer: &Viewer, o: &scenario::Outcome) -> crate::Result<Option<Result<Vec<(String, String, f64, f64)>, Vec<crate::i18n::Msg>>>> {
    let jurisdiction = match viewer.scope.home_division() {
        Some(d) => d.to_string(),
        None => match o.by_county.first() {
            Some((c, _, _)) => format!("{}00", &c[..4.min(c.len())]),
            None => return Ok(None),
        },
    };
    let year = o.year;
    let years: Vec<i32> = (year - 2..=year).collect();
    let base = crate::storage::synergy::gather(&state.db, &jurisdiction, &years, &crate::synergy::levels::DEFAULT, crate::storage::synergy::current_year()).await?;
    let uses = |v: &crate::synergy::evaluate::Value| matches!(&v.origin, crate::synergy::evaluate::Origin::Computed { source, .. } if source.starts_with("inventory."));
    if !base.values.iter().any(uses) {
        return Ok(None);
    }
    let mut changed = base.clone();
    for v in changed.values.iter_mut().filter(|v| v.year == year) {
        let crate::synergy::evaluate::Origin::Computed { source, .. } = &v.origin else { continue };
        let Some((_, b, a)) = o.by_county.iter().find(|(c, _, _)| *c == v.district) else { continue };
        let (before, after) = match source.as_str() {
            "inventory.co2_per_value_added" => (b.co2(), a.co2()),
            "inventory.air_per_value_added" => {
                let air = |t: &scenario::Totals| t.tonnes[Pollutant::So2.index()] + t.tonnes[Pollutant::Nox.index()] + t.tonnes[Pollutant::Pm.index()];
                (air(b), air(a))
            }
            _ => continue,
        };
        if before > 0.0 {
            v.value *= after / before;
        }
    }
    let (b, a) = match (crate::synergy::evaluate::evaluate(&base), crate::synergy::evaluate::evaluate(&changed)) {
        (Ok(b), Ok(a)) => (b, a),
        (Err(p), _) | (_, Err(p)) => return Ok(Some(Err(p))),
    };
    let d_of = |out: &crate::synergy::evaluate::Outcome, d: &str| out.units.iter().find(|u| u.year == year && u.district == d).map(|u| u.coupled.d);
    Ok(Some(Ok(base
        .districts
        .iter()
        .filter_map(|d| Some((d.code.clone(), d.name.clone(), d_of(&b, &d.code)?, d_of(&a, &d.code)?)))
        .collect())))
}

/// The label of a measure's kind (co-reduction, pollutant only, carbon only, …).
pub fn kind_label(k: measures::Kind) -> crate::i18n::Msg {
    match k {
        measures::Kind::Synergy => msg::kind_synergy(),
        measures::Kind::PollutionOnly => msg::kind_pollution_only(),
        measures::Kind::CarbonOnly => msg::kind_carbon_only(),
        measures::Kind::TradeOff => msg::kind_trade_off(),
        measures::Kind::None => msg::kind_none(),
    }
}

/// `/inventory/scenarios/{id}/export.xlsx`.
pub async fn scenario_export(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Response> {
    let (saved, _, o) = outcome(&state, &viewer, id).await?;
    let names = county_names(&state, o.by_county.iter().map(|(c, _, _)| c.clone())).await?;
    let bytes = crate::excel::inventory::scenario_workbook(&saved.scenario.name, &o, &|c| names.get(c).cloned().unwrap_or_default(), ctx.lang)
        .map_err(|e| crate::Error::Other(crate::i18n::untranslated(e.to_string())))?;
    crate::storage::audit::record(
        &state.db,
        &viewer.actor(),
        crate::storage::audit::NewEntry { action: "export", entity: "inventory_scenario", entity_id: id.to_string(), enterprise_id: None, before: None, after: None },
    )
    .await?;
    Ok(xlsx(bytes, &format!("scenario-{id}.xlsx")))
}
