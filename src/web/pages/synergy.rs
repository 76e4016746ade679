//! The pollution–carbon synergy evaluation (减污降碳协同度, issue 13): `/synergy` (the districts
//! ranked by D for a year, the map coloured by level, the trend of D, the weights, benchmark
//! lists), `/synergy/district` (a district's radar of the dimensions, its trend and every
//! indicator value with where it came from), `/synergy/export.xlsx`, and for the bureau that runs
//! it `/synergy/values` (the indicator system in force, entered values, a form, the import and
//! its template, running an evaluation). Charts are SVG drawn here, no script.

use axum::extract::{Multipart, Query};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup, PreEscaped};
use serde::Deserialize;
use sqlx::Row;

use super::import::problems_table;
use super::layout::{self, Section};
use crate::auth::{Permission, Viewer};
use crate::error::Error;
use crate::i18n::catalogue::synergy as msg;
use crate::i18n::Lang;
use crate::storage::synergy::{self as stored, Stored};
use crate::synergy::evaluate::{Origin, UnitResult};
use crate::synergy::levels::Scale;
use crate::web::auth::Ctx;
use crate::web::State;

#[derive(Deserialize, Default)]
pub struct Q {
    pub id: Option<i64>,
    pub year: Option<i32>,
    pub code: Option<String>,
}

/// A data value inside a catalogue message on a page: escaped and marked `span.v`; the message
/// is then written with `PreEscaped` (catalogue texts are the platform's own, without markup).
fn v(text: &str) -> String {
    html! { span.v { (text) } }.into_string()
}

fn fig(v: f64) -> String {
    format!("{v:.3}")
}

fn value(v: f64) -> String {
    crate::monitoring::format_value(Some(v))
}

/// Colours of the level classes, from imbalance (red) to high-quality coordination (green).
const RAMP: [&str; 10] = ["#7f1d1d", "#b91c1c", "#dc2626", "#f97316", "#fbbf24", "#fde68a", "#d9f99d", "#86efac", "#22c55e", "#15803d"];
/// Line colours of the districts in the trend chart.
const LINES: [&str; 8] = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#4b5563", "#be185d"];

fn level_color(scale: &Scale, code: u32) -> &'static str {
    let n = scale.levels.len().max(1);
    let i = scale.levels.iter().position(|l| l.code == code).unwrap_or(0);
    RAMP[if n == 1 { 9 } else { i * 9 / (n - 1) }]
}

fn level_name(scale: &Scale, code: u32, lang: Lang) -> String {
    scale.levels.iter().find(|l| l.code == code).map(|l| l.name(lang).to_string()).unwrap_or_default()
}

fn district_name(s: &Stored, code: &str) -> String {
    s.inputs.districts.iter().find(|d| d.code == code).map(|d| d.name.clone()).unwrap_or_else(|| code.to_string())
}

/// The evaluation asked for, or the latest in scope.
async fn chosen(state: &State, viewer: &Viewer, id: Option<i64>) -> crate::Result<Option<Stored>> {
    match id {
        Some(id) => Ok(Some(stored::get(&state.db, &viewer.scope, id).await?)),
        None => match stored::list(&state.db, &viewer.scope).await?.first() {
            Some(s) => Ok(Some(stored::get(&state.db, &viewer.scope, s.id).await?)),
            None => Ok(None),
        },
    }
}

fn units_of<'a>(s: &'a Stored, year: i32) -> Vec<&'a UnitResult> {
    let mut v: Vec<&UnitResult> = s.outcome.units.iter().filter(|u| u.year == year).collect();
    v.sort_by(|a, b| b.coupled.d.total_cmp(&a.coupled.d).then(a.district.cmp(&b.district)));
    v
}

// ---------------------------------------------------------------- charts

/// The districts coloured by their level (boundaries from the map store, else the demo's).
fn level_map(boundaries: &[crate::map::Boundary], s: &Stored, units: &[&UnitResult], lang: Lang) -> Markup {
    let shown: Vec<&crate::map::Boundary> = boundaries.iter().filter(|b| units.iter().any(|u| u.district == b.code)).collect();
    if shown.is_empty() {
        return html! { p.muted { (lang.t(&msg::page_no_map())) } };
    }
    let (x0, y0, x1, y1) = crate::map::bbox(shown.iter().flat_map(|b| b.polygons.iter().flatten().flatten().copied()));
    let (w, h, pad) = (520.0_f64, 400.0_f64, 10.0_f64);
    let kx = ((y0 + y1) / 2.0).to_radians().cos();
    let scale = ((w - 2.0 * pad) / ((x1 - x0) * kx).max(1e-6)).min((h - 2.0 * pad) / (y1 - y0).max(1e-6));
    let (ox, oy) = ((w - 2.0 * pad - (x1 - x0) * kx * scale) / 2.0, (h - 2.0 * pad - (y1 - y0) * scale) / 2.0);
    let project = |x: f64, y: f64| (pad + ox + (x - x0) * kx * scale, h - pad - oy - (y - y0) * scale);
    let mut svg = String::new();
    for b in &shown {
        let Some(u) = units.iter().find(|u| u.district == b.code) else { continue };
        let mut d = String::new();
        for ring in b.polygons.iter().flatten() {
            for (k, &(x, y)) in ring.iter().enumerate() {
                let (sx, sy) = project(x, y);
                d.push_str(&format!("{}{sx:.1} {sy:.1}", if k == 0 { "M" } else { "L" }));
            }
            d.push('Z');
        }
        let name = html! { (b.name) " D=" (fig(u.coupled.d)) " " (level_name(&s.inputs.scale, u.level, lang)) }.into_string();
        svg.push_str(&format!(
            r##"<a href="/synergy/district?id={}&amp;code={}&amp;year={}"><path d="{d}" fill="{}" fill-rule="evenodd" stroke="#334155" stroke-width="1" data-district="{}" data-level="{}"><title>{name}</title></path></a>"##,
            s.id,
            b.code,
            u.year,
            level_color(&s.inputs.scale, u.level),
            b.code,
            u.level
        ));
        if let Some(outer) = b.polygons.iter().filter_map(|p| p.first()).max_by_key(|r| r.len()) {
            let n = outer.len().max(1) as f64;
            let (cx, cy) = outer.iter().fold((0.0, 0.0), |a, p| (a.0 + p.0 / n, a.1 + p.1 / n));
            let (sx, sy) = project(cx, cy);
            let label = html! { (b.name) }.into_string();
            svg.push_str(&format!(r##"<text x="{sx:.1}" y="{sy:.1}" text-anchor="middle" class="map-label">{label}</text><text x="{sx:.1}" y="{:.1}" text-anchor="middle" class="map-label">{}</text>"##, sy + 13.0, fig(u.coupled.d)));
        }
    }
    html! {
        svg.map #synergy-map viewBox=(format!("0 0 {w} {h}")) width="100%" role="img" aria-label=(lang.t(&msg::page_map())) {
            rect x="0" y="0" width=(w) height=(h) fill="#f8fafc" {}
            (PreEscaped(svg))
        }
        div.map-legend {
            @for l in &s.inputs.scale.levels {
                span data-level=(l.code) { svg width="12" height="12" { rect x="0" y="0" width="12" height="12" fill=(level_color(&s.inputs.scale, l.code)) {} } " " (l.name(lang)) " (" (fig(l.min)) "–" (fig(l.max)) ")" }
            }
        }
    }
}

/// D over the years, one line per district (or the given series).
fn trend(series: &[(String, Vec<(i32, f64)>)], years: &[i32], aria: &str) -> Markup {
    let (w, h, left, bottom, top, right) = (560.0_f64, 260.0_f64, 40.0_f64, 28.0_f64, 10.0_f64, 150.0_f64);
    let (y_min, y_max) = (years.first().copied().unwrap_or(0), years.last().copied().unwrap_or(0));
    let x = |y: i32| if y_max == y_min { left + (w - left - right) / 2.0 } else { left + (y - y_min) as f64 / (y_max - y_min) as f64 * (w - left - right) };
    let yv = |v: f64| top + (1.0 - v.clamp(0.0, 1.0)) * (h - top - bottom);
    let mut svg = String::new();
    for k in 0..=5 {
        let v = k as f64 / 5.0;
        svg.push_str(&format!(r##"<line x1="{left}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="#e2e8f0"/><text x="{:.1}" y="{:.1}" text-anchor="end" class="axis">{v:.1}</text>"##, w - right, left - 4.0, yv(v) + 4.0, y = yv(v)));
    }
    for &y in years {
        svg.push_str(&format!(r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="axis">{y}</text>"##, x(y), h - 8.0));
    }
    for (i, (name, points)) in series.iter().enumerate() {
        let color = LINES[i % LINES.len()];
        let pts: Vec<String> = points.iter().map(|(y, v)| format!("{:.1},{:.1}", x(*y), yv(*v))).collect();
        svg.push_str(&format!(r##"<polyline points="{}" fill="none" stroke="{color}" stroke-width="2"/>"##, pts.join(" ")));
        for (y, v) in points {
            svg.push_str(&format!(r##"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{color}"><title>{} {y}: {}</title></circle>"##, x(*y), yv(*v), html! { (name) }.into_string(), fig(*v)));
        }
        let ly = top + 14.0 * i as f64 + 6.0;
        svg.push_str(&format!(r##"<line x1="{:.1}" x2="{:.1}" y1="{ly:.1}" y2="{ly:.1}" stroke="{color}" stroke-width="2"/><text x="{:.1}" y="{:.1}" class="axis">{}</text>"##, w - right + 10.0, w - right + 26.0, w - right + 30.0, ly + 4.0, html! { (name) }.into_string()));
    }
    html! { svg.chart.synergy-trend viewBox=(format!("0 0 {w} {h}")) width="100%" role="img" aria-label=(aria) { (PreEscaped(svg)) } }
}

/// The dimension scores of a district (solid) against the jurisdiction's mean (dashed).
fn radar(labels: &[String], scores: &[f64], mean: &[f64], aria: &str) -> Markup {
    let (w, h) = (520.0_f64, 340.0_f64);
    let (cx, cy, r) = (w / 2.0, h / 2.0 + 6.0, 120.0_f64);
    let n = labels.len().max(1);
    let at = |k: usize, v: f64| {
        let a = -std::f64::consts::FRAC_PI_2 + 2.0 * std::f64::consts::PI * k as f64 / n as f64;
        (cx + r * v * a.cos(), cy + r * v * a.sin())
    };
    let mut svg = String::new();
    for ring in 1..=5 {
        let v = ring as f64 / 5.0;
        let pts: Vec<String> = (0..n).map(|k| at(k, v)).map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        svg.push_str(&format!(r##"<polygon points="{}" fill="none" stroke="#e2e8f0"/>"##, pts.join(" ")));
    }
    for (k, label) in labels.iter().enumerate() {
        let (x, y) = at(k, 1.0);
        svg.push_str(&format!(r##"<line x1="{cx:.1}" y1="{cy:.1}" x2="{x:.1}" y2="{y:.1}" stroke="#e2e8f0"/>"##));
        let (lx, ly) = at(k, 1.18);
        let anchor = if (lx - cx).abs() < 5.0 { "middle" } else if lx > cx { "start" } else { "end" };
        svg.push_str(&format!(r##"<text x="{lx:.1}" y="{:.1}" text-anchor="{anchor}" class="axis">{}</text>"##, ly + 4.0, html! { (label) }.into_string()));
    }
    let poly = |vals: &[f64]| vals.iter().enumerate().map(|(k, v)| at(k, *v)).map(|(x, y)| format!("{x:.1},{y:.1}")).collect::<Vec<_>>().join(" ");
    svg.push_str(&format!(r##"<polygon points="{}" fill="none" stroke="#64748b" stroke-width="1.5" stroke-dasharray="4 3"/>"##, poly(mean)));
    svg.push_str(&format!(r##"<polygon points="{}" fill="#2563eb" fill-opacity="0.25" stroke="#2563eb" stroke-width="2"/>"##, poly(scores)));
    for (k, v) in scores.iter().enumerate() {
        let (x, y) = at(k, *v);
        svg.push_str(&format!(r##"<circle cx="{x:.1}" cy="{y:.1}" r="3" fill="#2563eb"><title>{}: {}</title></circle>"##, html! { (labels[k]) }.into_string(), fig(*v)));
    }
    html! { svg.chart #synergy-radar viewBox=(format!("0 0 {w} {h}")) width="100%" role="img" aria-label=(aria) { (PreEscaped(svg)) } }
}

// ---------------------------------------------------------------- pages

fn evaluation_picker(ctx: &Ctx, s: &Stored, all: &[stored::Summary], year: i32, action: &str, code: Option<&str>) -> Markup {
    let lang = ctx.lang;
    html! {
        form.inline method="get" action=(action) #synergy-pick {
            @if let Some(c) = code { input type="hidden" name="code" value=(c); }
            label { (lang.t(&msg::page_evaluation())) " "
                select name="id" {
                    @for e in all {
                        option value=(e.id) selected[e.id == s.id] { "#" (e.id) " · " (e.year_from) "–" (e.year_to) " · " (crate::storage::display_time(&e.created_at)) }
                    }
                }
            }
            " " label { (lang.t(&msg::page_year())) " "
                select name="year" {
                    @for y in &s.inputs.years { option value=(y) selected[*y == year] { (y) } }
                }
            }
            " " button type="submit" { (lang.t(&msg::page_show())) }
        }
    }
}

fn provenance(ctx: &Ctx, s: &Stored) -> Markup {
    let lang = ctx.lang;
    html! {
        p.muted #synergy-provenance {
            (PreEscaped(lang.t(&msg::page_provenance(s.id, &v(&s.actor), &v(&crate::storage::display_time(&s.created_at)), s.inputs.values.len() as i64, &v(&s.outcome_sha256[..16.min(s.outcome_sha256.len())])))))
        }
        p.muted { (PreEscaped(lang.t(&msg::page_method(&v(s.inputs.scale.title(lang)), &v(&s.inputs.scale.status), &v(&s.inputs.alpha.iter().map(|a| fig(*a)).collect::<Vec<_>>().join(", ")))))) }
    }
}

/// `/synergy`
pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<Q>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let title = lang.t(&msg::page_title());
    let Some(s) = chosen(&state, &viewer, q.id).await? else {
        let body = html! {
            div.panel #synergy-empty {
                p { (lang.t(&msg::page_none())) }
                @if viewer.can(Permission::ManageSynergy) { p { a href="/synergy/values" { (lang.t(&msg::page_values_link())) } } }
            }
        };
        return Ok(layout::page(&ctx, Section::Synergy, &title, body));
    };
    let all = stored::list(&state.db, &viewer.scope).await?;
    let year = q.year.filter(|y| s.inputs.years.contains(y)).unwrap_or_else(|| s.inputs.years.last().copied().unwrap_or(0));
    let units = units_of(&s, year);
    let (identical, _) = stored::recompute(&state.db, &viewer.scope, s.id).await?;
    let mut boundaries = crate::storage::map::boundaries(&state.db).await?;
    if boundaries.is_empty() {
        boundaries = crate::map::DEMO.clone();
    }
    let series: Vec<(String, Vec<(i32, f64)>)> = s
        .inputs
        .districts
        .iter()
        .map(|d| (d.name.clone(), s.outcome.units.iter().filter(|u| u.district == d.code).map(|u| (u.year, u.coupled.d)).collect()))
        .collect();
    let benchmarks = stored::benchmark_enterprises(&state.db, &viewer.scope, &s.jurisdiction, year, 15).await?;
    let top_level = s.inputs.scale.levels.iter().rev().nth(2).map(|l| l.code).unwrap_or(0);
    let body = html! {
        div.panel #synergy-head {
            (evaluation_picker(&ctx, &s, &all, year, "/synergy", None))
            " " a.button.secondary #synergy-export href=(format!("/synergy/export.xlsx?id={}", s.id)) { (lang.t(&msg::page_export())) }
            @if viewer.can(Permission::ManageSynergy) { " " a href="/synergy/values" { (lang.t(&msg::page_values_link())) } }
            (provenance(&ctx, &s))
            p #synergy-recompute class=(if identical { "ok" } else { "bad" }) { (lang.t(&if identical { msg::page_recompute_ok() } else { msg::page_recompute_bad() })) }
        }
        div.panel {
                h2 { (lang.t(&msg::page_ranking(year))) }
                div.table-wrap { table #synergy-ranking {
                    thead { tr {
                        th.num { (lang.t(&msg::col_rank())) } th { (lang.t(&msg::col_district())) }
                        @for d in &s.inputs.system.dimensions { th.num { (d.name(lang)) } }
                        th.num { "C" } th.num { "T" } th.num { "D" } th { (lang.t(&msg::col_level())) }
                    } }
                    tbody {
                        @for (i, u) in units.iter().enumerate() {
                            tr data-district=(u.district) {
                                td.num { (i + 1) }
                                td { a href=(format!("/synergy/district?id={}&code={}&year={year}", s.id, u.district)) { span.v { (district_name(&s, &u.district)) } } }
                                @for v in &u.scores { td.num { span.v { (fig(*v)) } } }
                                td.num { span.v { (fig(u.coupled.c)) } } td.num { span.v { (fig(u.coupled.t)) } } td.num.d { strong.v { (fig(u.coupled.d)) } }
                                td { span.v { (level_name(&s.inputs.scale, u.level, lang)) } }
                            }
                        }
                    }
                } }
            }
        div.grid2 {
            div.panel { h2 { (lang.t(&msg::page_map())) } (level_map(&boundaries, &s, &units, lang)) }
            div.panel { h2 { (lang.t(&msg::page_trend())) } (trend(&series, &s.inputs.years, &lang.t(&msg::page_trend()))) }
        }
        div.grid2 {
            div.panel #synergy-benchmark-districts {
                h2 { (lang.t(&msg::page_benchmark_districts())) }
                p.muted { (lang.t(&msg::page_benchmark_districts_rule(&level_name(&s.inputs.scale, top_level, lang)))) }
                @let best: Vec<&&UnitResult> = units.iter().filter(|u| u.level >= top_level).collect();
                @if best.is_empty() { p { (lang.t(&msg::page_benchmark_none())) } }
                ol { @for u in best { li { span.v { (district_name(&s, &u.district)) } " · D " span.v { (fig(u.coupled.d)) } " · " span.v { (level_name(&s.inputs.scale, u.level, lang)) } } } }
            }
            div.panel #synergy-benchmark-enterprises {
                h2 { (lang.t(&msg::page_benchmark_enterprises())) }
                p.muted { (lang.t(&msg::page_benchmark_enterprises_rule(year))) }
                @if benchmarks.is_empty() { p { (lang.t(&msg::page_benchmark_none())) } } @else {
                    div.table-wrap { table #synergy-enterprises {
                        thead { tr { th.num { (lang.t(&msg::col_rank())) } th { (lang.t(&msg::col_enterprise())) } th { (lang.t(&msg::col_district())) } th { (lang.t(&msg::col_grade())) } th.num { (lang.t(&msg::col_intensity())) } } }
                        tbody { @for (i, b) in benchmarks.iter().enumerate() {
                            tr { td.num { (i + 1) } td { a href=(format!("/enterprises/{}", b.id)) { span.v { (b.name) } } }
                                 td { span.v { (district_name(&s, &b.division_code[..6.min(b.division_code.len())])) } } td { span.v { (b.grade) } } td.num { span.v { (format!("{:.4}", b.intensity())) } } }
                        } }
                    } }
                }
            }
        }
        div.panel #synergy-weights {
            h2 { (lang.t(&msg::page_weights())) }
            div.table-wrap { table {
                thead { tr { th { (lang.t(&msg::col_dimension())) } th { (lang.t(&msg::col_indicator())) } th { (lang.t(&msg::col_direction())) } th.num { (lang.t(&msg::col_entropy())) } th.num { (lang.t(&msg::col_weight())) } th { (lang.t(&msg::col_source())) } } }
                tbody { @for (w, ind) in s.outcome.weights.iter().zip(&s.inputs.system.indicators) {
                    tr data-indicator=(ind.code) {
                        td { span.v { (s.inputs.system.dimensions.iter().find(|d| d.code == ind.dimension).map(|d| d.name(lang)).unwrap_or("")) } }
                        td { span.v { (ind.name(lang)) } " " code.small { (ind.code) } }
                        td { (lang.t(&if ind.direction == crate::synergy::Direction::Positive { msg::direction_positive() } else { msg::direction_negative() })) }
                        td.num { span.v { (w.entropy.map(fig).unwrap_or_else(|| "—".into())) } }
                        td.num { span.v { (fig(w.weight)) } }
                        td { (source_label(ind, lang)) }
                    }
                } }
            } }
        }
    };
    Ok(layout::page(&ctx, Section::Synergy, &title, body))
}

fn source_label(ind: &crate::synergy::system::Indicator, lang: Lang) -> Markup {
    match ind.computation() {
        Some(c) => html! { (lang.t(&msg::source_computed())) ": " span.v { (c.label(lang)) } },
        None => html! { (lang.t(&msg::source_entered())) @if !ind.note.is_empty() { ": " span.v { (ind.note) } } },
    }
}

/// `/synergy/district?code=`
pub async fn district(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<Q>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let Some(s) = chosen(&state, &viewer, q.id).await? else {
        return Err(Error::NotFound(msg::page_none()));
    };
    let code = q.code.clone().filter(|c| s.inputs.districts.iter().any(|d| &d.code == c)).or_else(|| s.inputs.districts.first().map(|d| d.code.clone())).unwrap_or_default();
    let all = stored::list(&state.db, &viewer.scope).await?;
    let year = q.year.filter(|y| s.inputs.years.contains(y)).unwrap_or_else(|| s.inputs.years.last().copied().unwrap_or(0));
    let name = district_name(&s, &code);
    let title = lang.t(&msg::page_district_title(&name));
    let dims: Vec<String> = s.inputs.system.dimensions.iter().map(|d| d.name(lang).to_string()).collect();
    let this: Vec<&UnitResult> = s.outcome.units.iter().filter(|u| u.district == code).collect();
    let now = this.iter().find(|u| u.year == year).copied();
    let of_year: Vec<&UnitResult> = s.outcome.units.iter().filter(|u| u.year == year).collect();
    let mean: Vec<f64> = (0..dims.len()).map(|k| of_year.iter().map(|u| u.scores[k]).sum::<f64>() / of_year.len().max(1) as f64).collect();
    let mut series = vec![(format!("D · {name}"), this.iter().map(|u| (u.year, u.coupled.d)).collect::<Vec<_>>())];
    for (k, d) in dims.iter().enumerate() {
        series.push((format!("U · {d}"), this.iter().map(|u| (u.year, u.scores[k])).collect()));
    }
    let body = html! {
        div.panel #synergy-district-head {
            (evaluation_picker(&ctx, &s, &all, year, "/synergy/district", Some(&code)))
            " " a href=(format!("/synergy?id={}&year={year}", s.id)) { (lang.t(&msg::page_back())) }
            p #synergy-districts { @for d in &s.inputs.districts { a href=(format!("/synergy/district?id={}&code={}&year={year}", s.id, d.code)) class=[(d.code == code).then_some("active")] { span.v { (d.name) } } " · " } }
            @if let Some(u) = now {
                div.cards {
                    div.card { div.label { "D" } div.value #synergy-d { (fig(u.coupled.d)) } }
                    div.card { div.label { "C" } div.value { (fig(u.coupled.c)) } }
                    div.card { div.label { "T" } div.value { (fig(u.coupled.t)) } }
                    div.card { div.label { (lang.t(&msg::col_level())) } div.value #synergy-level { (level_name(&s.inputs.scale, u.level, lang)) } }
                }
            }
        }
        div.grid2 {
            div.panel { h2 { (lang.t(&msg::page_radar(year))) }
                @if let Some(u) = now { (radar(&dims, &u.scores, &mean, &lang.t(&msg::page_radar(year)))) }
                p.muted { (lang.t(&msg::page_radar_note())) } }
            div.panel { h2 { (lang.t(&msg::page_trend())) } (trend(&series, &s.inputs.years, &lang.t(&msg::page_trend()))) }
        }
        div.panel #synergy-values {
            h2 { (lang.t(&msg::page_indicator_values())) }
            div.table-wrap { table {
                thead { tr { th { (lang.t(&msg::col_indicator())) } th { (lang.t(&msg::col_unit())) } th.num { (lang.t(&msg::page_year())) } th.num { (lang.t(&msg::col_value())) } th.num { (lang.t(&msg::col_normalised())) } th { (lang.t(&msg::col_origin())) } } }
                tbody {
                    @for (j, ind) in s.inputs.system.indicators.iter().enumerate() {
                        @for u in &this {
                            @let v = s.inputs.values.iter().find(|v| v.district == code && v.year == u.year && v.indicator == ind.code);
                            tr data-indicator=(ind.code) data-year=(u.year) {
                                td { span.v { (ind.name(lang)) } } td { span.v { (ind.unit) } } td.num { (u.year) }
                                td.num { span.v { (v.map(|v| value(v.value)).unwrap_or_default()) } }
                                td.num { span.v { (fig(u.normalised[j])) } }
                                td.origin { @match v.map(|v| &v.origin) {
                                    Some(Origin::Entered { by, at, note }) => { (PreEscaped(lang.t(&msg::origin_entered(&self::v(by), &self::v(&crate::storage::display_time(at)))))) @if !note.is_empty() { " · " span.v { (note) } } }
                                    Some(o @ Origin::Computed { source, .. }) => { (lang.t(&msg::source_computed())) ": " span.v { (crate::synergy::system::computation(source).map(|c| c.label(lang)).unwrap_or(source.as_str())) } " · " span.v.small { (o.detail(lang)) } }
                                    None => {}
                                } }
                            }
                        }
                    }
                }
            } }
        }
    };
    Ok(layout::page(&ctx, Section::Synergy, &title, body))
}

/// `/synergy/export.xlsx?id=`: ranking, values with their origin, weights, settings (audited).
pub async fn export_xlsx(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<Q>) -> crate::Result<Response> {
    let lang = ctx.lang;
    let Some(s) = chosen(&state, &viewer, q.id).await? else {
        return Err(Error::NotFound(msg::page_none()));
    };
    let bytes = workbook(&s, lang).map_err(|e| Error::Other(crate::i18n::untranslated(e.to_string())))?;
    crate::storage::audit::record(
        &state.db,
        &viewer.actor(),
        crate::storage::audit::NewEntry { action: "export", entity: "synergy_evaluation", entity_id: s.id.to_string(), enterprise_id: None, before: None, after: Some(serde_json::json!({ "rows": s.outcome.units.len() })) },
    )
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"synergy-{}.xlsx\"", s.id)),
        ],
        bytes,
    )
        .into_response())
}

fn workbook(s: &Stored, lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let t = |m: crate::i18n::Msg| lang.t(&m);
    {
        let sheet = book.add_worksheet();
        sheet.set_name(t(msg::xlsx_ranking()))?;
        let mut head = vec![t(msg::col_district()), t(msg::page_year())];
        head.extend(s.inputs.system.dimensions.iter().map(|d| d.name(lang).to_string()));
        head.extend(["C".to_string(), "T".to_string(), "D".to_string(), t(msg::col_level())]);
        for (i, h) in head.iter().enumerate() {
            sheet.write_string_with_format(0, i as u16, h, &bold)?;
        }
        let mut units: Vec<&UnitResult> = s.outcome.units.iter().collect();
        units.sort_by(|a, b| a.year.cmp(&b.year).then(b.coupled.d.total_cmp(&a.coupled.d)));
        for (r, u) in units.iter().enumerate() {
            let r = r as u32 + 1;
            sheet.write_string(r, 0, district_name(s, &u.district))?;
            sheet.write_number(r, 1, u.year as f64)?;
            let mut c = 2u16;
            for v in u.scores.iter().chain([u.coupled.c, u.coupled.t, u.coupled.d].iter()) {
                sheet.write_number(r, c, *v)?;
                c += 1;
            }
            sheet.write_string(r, c, level_name(&s.inputs.scale, u.level, lang))?;
        }
    }
    {
        let sheet = book.add_worksheet();
        sheet.set_name(t(msg::xlsx_values()))?;
        for (i, h) in [t(msg::col_district()), t(msg::page_year()), t(msg::col_indicator()), t(msg::col_unit()), t(msg::col_value()), t(msg::col_origin())].iter().enumerate() {
            sheet.write_string_with_format(0, i as u16, h, &bold)?;
        }
        for (r, v) in s.inputs.values.iter().enumerate() {
            let r = r as u32 + 1;
            let ind = s.inputs.system.indicator(&v.indicator);
            sheet.write_string(r, 0, district_name(s, &v.district))?;
            sheet.write_number(r, 1, v.year as f64)?;
            sheet.write_string(r, 2, ind.map(|i| i.name(lang)).unwrap_or(&v.indicator))?;
            sheet.write_string(r, 3, ind.map(|i| i.unit.as_str()).unwrap_or(""))?;
            sheet.write_number(r, 4, v.value)?;
            let origin = match &v.origin {
                Origin::Entered { by, at, note } => format!("{} {}", t(msg::origin_entered(by, &crate::storage::display_time(at))), note),
                o @ Origin::Computed { source, .. } => format!("{}: {source} · {}", t(msg::source_computed()), o.detail(lang)),
            };
            sheet.write_string(r, 5, crate::excel::csv_safe::cell(&origin))?;
        }
    }
    {
        let sheet = book.add_worksheet();
        sheet.set_name(t(msg::xlsx_weights()))?;
        for (i, h) in [t(msg::col_dimension()), t(msg::col_indicator()), t(msg::col_direction()), t(msg::col_entropy()), t(msg::col_weight())].iter().enumerate() {
            sheet.write_string_with_format(0, i as u16, h, &bold)?;
        }
        for (r, (w, ind)) in s.outcome.weights.iter().zip(&s.inputs.system.indicators).enumerate() {
            let r = r as u32 + 1;
            sheet.write_string(r, 0, s.inputs.system.dimensions.iter().find(|d| d.code == ind.dimension).map(|d| d.name(lang)).unwrap_or(""))?;
            sheet.write_string(r, 1, ind.name(lang))?;
            sheet.write_string(r, 2, t(if ind.direction == crate::synergy::Direction::Positive { msg::direction_positive() } else { msg::direction_negative() }))?;
            if let Some(e) = w.entropy {
                sheet.write_number(r, 3, e)?;
            }
            sheet.write_number(r, 4, w.weight)?;
        }
    }
    {
        let sheet = book.add_worksheet();
        sheet.set_name(t(msg::xlsx_settings()))?;
        let rows = [
            (t(msg::page_evaluation()), format!("#{} {}–{}", s.id, s.year_from, s.year_to)),
            (t(msg::xlsx_system()), s.inputs.system.name.clone()),
            (t(msg::xlsx_scale()), format!("{} ({}; {})", s.inputs.scale.name, s.inputs.scale.status, s.inputs.scale.source)),
            ("alpha".to_string(), s.inputs.alpha.iter().map(|a| fig(*a)).collect::<Vec<_>>().join(", ")),
            ("SHA-256".to_string(), s.outcome_sha256.clone()),
        ];
        for (r, (k, v)) in rows.iter().enumerate() {
            sheet.write_string_with_format(r as u32, 0, k, &bold)?;
            sheet.write_string(r as u32, 1, v)?;
        }
    }
    book.save_to_buffer()
}

// ---------------------------------------------------------------- values and runs (ManageSynergy)

/// The jurisdiction a viewer evaluates: their own division, else (the administrator) the latest
/// evaluation's, else the city holding most enterprises.
async fn jurisdiction_of(state: &State, viewer: &Viewer) -> crate::Result<String> {
    if let Some(d) = viewer.scope.home_division() {
        return Ok(d.to_string());
    }
    if let Some(s) = stored::list(&state.db, &viewer.scope).await?.first() {
        return Ok(s.jurisdiction.clone());
    }
    let row = sqlx::query("SELECT SUBSTR(division_code, 1, 4) || '00', CAST(COUNT(*) AS BIGINT) FROM enterprises GROUP BY SUBSTR(division_code, 1, 4) ORDER BY 2 DESC LIMIT 1").fetch_optional(&state.db.pool).await?;
    Ok(match row {
        Some(r) => r.try_get(0)?,
        None => String::new(),
    })
}

async fn values_page(state: &State, ctx: &Ctx, viewer: &Viewer, notice: Option<Markup>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let jurisdiction = jurisdiction_of(state, viewer).await?;
    let system = stored::system_in_force(&state.db, &jurisdiction).await?;
    let districts = stored::districts(&state.db, &jurisdiction).await?;
    let values = stored::entered_values(&state.db, &viewer.scope, &jurisdiction).await?;
    let year = stored::current_year() - 1;
    let body = html! {
        @if let Some(n) = notice { (n) }
        div.panel #synergy-system {
            h2 { (lang.t(&msg::page_system())) }
            p.muted { span.v { (system.system.name) } " · " a href="/synergy/system" { (lang.t(&msg::page_system_edit())) } " · " (PreEscaped(lang.t(&if system.id.is_some() { msg::page_system_own(&v(&system.actor), &v(&crate::storage::display_time(&system.created_at))) } else { msg::page_system_default() }))) }
            div.table-wrap { table {
                thead { tr { th { (lang.t(&msg::col_dimension())) } th { (lang.t(&msg::col_indicator())) } th { (lang.t(&msg::col_unit())) } th { (lang.t(&msg::col_direction())) } th { (lang.t(&msg::col_weight())) } th { (lang.t(&msg::col_source())) } } }
                tbody { @for ind in &system.system.indicators {
                    tr { td { span.v { (system.system.dimensions.iter().find(|d| d.code == ind.dimension).map(|d| d.name(lang)).unwrap_or("")) } }
                         td { span.v { (ind.name(lang)) } " " code.small { (ind.code) } } td { span.v { (ind.unit) } }
                         td { (lang.t(&if ind.direction == crate::synergy::Direction::Positive { msg::direction_positive() } else { msg::direction_negative() })) }
                         td { span.v { (ind.weight.fixed().map(fig).unwrap_or_else(|| lang.t(&msg::weight_entropy()))) } }
                         td { (source_label(ind, lang)) } }
                } }
            } }
        }
        div.grid2 {
            div.panel {
                h2 { (lang.t(&msg::page_enter())) }
                form method="post" action="/synergy/values" #synergy-enter {
                    (layout::csrf_field(ctx))
                    label { (lang.t(&msg::col_district())) " " select name="division" { @for d in &districts { option value=(d.code) { (d.name) } } } }
                    " " label { (lang.t(&msg::page_year())) " " input type="number" name="year" value=(year) min="2000" max="2100"; }
                    " " label { (lang.t(&msg::col_indicator())) " " select name="indicator" { @for i in &system.system.indicators { option value=(i.code) { (i.name(lang)) } } } }
                    " " label { (lang.t(&msg::col_value())) " " input type="text" name="value" inputmode="decimal"; }
                    " " label { (lang.t(&msg::col_note())) " " input type="text" name="note"; }
                    " " button type="submit" { (lang.t(&msg::page_save())) }
                }
                h2 { (lang.t(&msg::page_import())) }
                form method="post" action="/synergy/import" enctype="multipart/form-data" #synergy-import {
                    (layout::csrf_field(ctx))
                    input type="file" name="file" accept=".csv,.xlsx";
                    " " button type="submit" { (lang.t(&msg::page_import_button())) }
                }
                p.muted { (lang.t(&msg::page_import_note())) " " a href="/synergy/values/template.csv" { (lang.t(&msg::page_template())) } }
            }
            div.panel {
                h2 { (lang.t(&msg::page_run())) }
                form method="post" action="/synergy/evaluate" #synergy-run {
                    (layout::csrf_field(ctx))
                    label { (lang.t(&msg::page_years())) " " input type="text" name="years" value=(format!("{}-{year}", year - 2)); }
                    " " button type="submit" { (lang.t(&msg::page_run_button())) }
                }
                p.muted { (lang.t(&msg::page_run_note())) }
            }
        }
        div.panel #synergy-entered {
            h2 { (lang.t(&msg::page_entered(values.len() as i64))) }
            div.table-wrap { table {
                thead { tr { th { (lang.t(&msg::col_district())) } th.num { (lang.t(&msg::page_year())) } th { (lang.t(&msg::col_indicator())) } th.num { (lang.t(&msg::col_value())) } th { (lang.t(&msg::col_note())) } th { (lang.t(&msg::col_origin())) } } }
                tbody { @for v in &values {
                    tr { td { span.v { (districts.iter().find(|d| d.code == v.entered.division_code).map(|d| d.name.as_str()).unwrap_or(&v.entered.division_code)) } }
                         td.num { (v.entered.year) } td { code { (v.entered.indicator) } } td.num { span.v { (value(v.entered.value)) } } td { span.v { (v.entered.note) } }
                         td { (PreEscaped(lang.t(&msg::origin_entered(&self::v(&v.by), &self::v(&crate::storage::display_time(&v.at)))))) } }
                } }
            } }
        }
    };
    Ok(layout::page(ctx, Section::Synergy, &lang.t(&msg::page_values_title()), body))
}

/// `/synergy/values`
pub async fn values(state: State, ctx: Ctx, viewer: Viewer) -> crate::Result<Markup> {
    values_page(&state, &ctx, &viewer, None).await
}

/// A refusal shown on the values page (422) with every problem.
async fn refused(state: &State, ctx: &Ctx, viewer: &Viewer, e: Error) -> crate::Result<Response> {
    let lang = ctx.lang;
    let notice = match e {
        Error::Rejected(problems) => html! { div.panel.bad #synergy-problems { p { (lang.t(&msg::page_refused(problems.total() as i64))) } (problems_table(lang, &problems)) } },
        Error::Invalid(m) => html! { div.panel.bad #synergy-problems { p { (lang.t(&m)) } } },
        other => return Err(other),
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, values_page(state, ctx, viewer, Some(notice)).await?).into_response())
}

#[derive(Deserialize)]
pub struct EnterForm {
    #[serde(default)]
    pub division: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub indicator: String,
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub note: String,
}

/// POST `/synergy/values`: one value from the form (checked like an imported row).
pub async fn enter(state: State, ctx: Ctx, viewer: Viewer, Form(f): Form<EnterForm>) -> crate::Result<Response> {
    let header = crate::synergy::entry::HEADERS_EN;
    let rows = vec![(0, header.iter().map(|h| h.to_string()).collect()), (2, vec![f.division.trim().into(), f.year.trim().into(), f.indicator.trim().into(), f.value.trim().into(), f.note.trim().into()])];
    let form = lang_sheet(ctx.lang);
    let outcome = match crate::synergy::entry::parse(&form, &rows) {
        Ok(parsed) => {
            let jurisdiction = jurisdiction_of(&state, &viewer).await?;
            stored::enter_values(&state.db, &viewer.actor(), &viewer.scope, &jurisdiction, &form, &parsed).await
        }
        Err(p) => Err(Error::Rejected(p)),
    };
    match outcome {
        Ok(_) => Ok(Redirect::to("/synergy/values").into_response()),
        Err(e) => refused(&state, &ctx, &viewer, e).await,
    }
}

fn lang_sheet(lang: Lang) -> String {
    lang.t(&msg::page_form())
}

/// POST `/synergy/import`: a .csv or .xlsx of entered values, all or nothing.
pub async fn import(state: State, ctx: Ctx, viewer: Viewer, mut multipart: Multipart) -> crate::Result<Response> {
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = multipart.next_field().await.map_err(super::campaign_items::upload_error)? {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("values.csv").to_string();
            file = Some((name, field.bytes().await.map_err(super::campaign_items::upload_error)?.to_vec()));
        }
    }
    let outcome = match file.filter(|(_, b)| !b.is_empty()) {
        None => Err(Error::Invalid(msg::page_no_file())),
        Some((name, bytes)) => match crate::synergy::entry::read_file(&name, &bytes).and_then(|r| crate::synergy::entry::parse(&name, &r)) {
            Ok(rows) => {
                let jurisdiction = jurisdiction_of(&state, &viewer).await?;
                stored::enter_values(&state.db, &viewer.actor(), &viewer.scope, &jurisdiction, &name, &rows).await
            }
            Err(p) => Err(Error::Rejected(p)),
        },
    };
    match outcome {
        Ok(_) => Ok(Redirect::to("/synergy/values").into_response()),
        Err(e) => refused(&state, &ctx, &viewer, e).await,
    }
}

/// GET `/synergy/values/template.csv`
pub async fn template(state: State, viewer: Viewer) -> crate::Result<Response> {
    let jurisdiction = jurisdiction_of(&state, &viewer).await?;
    let system = stored::system_in_force(&state.db, &jurisdiction).await?.system;
    let district = stored::districts(&state.db, &jurisdiction).await?.first().map(|d| d.code.clone()).unwrap_or_default();
    let body = crate::synergy::entry::template_csv(&system, &district, stored::current_year() - 1);
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, "attachment; filename=\"synergy-values.csv\"".to_string())], body).into_response())
}

#[derive(Deserialize)]
pub struct RunForm {
    #[serde(default)]
    pub years: String,
}

/// POST `/synergy/evaluate`: evaluate the years and store it; on to its ranking.
pub async fn evaluate(state: State, ctx: Ctx, viewer: Viewer, Form(f): Form<RunForm>) -> crate::Result<Response> {
    let outcome = match crate::synergy::parse_years(&f.years).map_err(Error::Invalid) {
        Ok(years) => {
            let jurisdiction = jurisdiction_of(&state, &viewer).await?;
            stored::run(&state.db, &viewer.actor(), &viewer.scope, &jurisdiction, &years, None, stored::current_year()).await
        }
        Err(e) => Err(e),
    };
    match outcome {
        Ok(id) => Ok(Redirect::to(&format!("/synergy?id={id}")).into_response()),
        Err(e) => refused(&state, &ctx, &viewer, e).await,
    }
}

/// `/synergy/system`: the indicator system in force as TOML, to edit and store (checked in full).
pub async fn system_page(state: State, ctx: Ctx, viewer: Viewer) -> crate::Result<Markup> {
    let jurisdiction = jurisdiction_of(&state, &viewer).await?;
    let text = stored::system_in_force(&state.db, &jurisdiction).await?.text;
    Ok(system_form(&ctx, &jurisdiction, &text, None))
}

fn system_form(ctx: &Ctx, jurisdiction: &str, text: &str, notice: Option<Markup>) -> Markup {
    let lang = ctx.lang;
    let body = html! {
        @if let Some(n) = notice { (n) }
        div.panel {
            p.muted { (PreEscaped(lang.t(&msg::page_system_note(&v(jurisdiction))))) " " a href="/synergy/values" { (lang.t(&msg::page_values_link())) } }
            form method="post" action="/synergy/system" #synergy-system-form {
                (layout::csrf_field(ctx))
                textarea name="text" rows="30" cols="100" { (text) }
                p { button type="submit" { (lang.t(&msg::page_save())) } }
            }
        }
    };
    layout::page(ctx, Section::Synergy, &lang.t(&msg::page_system()), body)
}

#[derive(Deserialize)]
pub struct SystemForm {
    #[serde(default)]
    pub text: String,
}

/// POST `/synergy/system`: store the edited system (audited) or show every problem at its line.
pub async fn save_system(state: State, ctx: Ctx, viewer: Viewer, Form(f): Form<SystemForm>) -> crate::Result<Response> {
    let jurisdiction = jurisdiction_of(&state, &viewer).await?;
    match stored::set_system(&state.db, &viewer.actor(), &viewer.scope, &jurisdiction, "indicators.toml", &f.text).await {
        Ok(_) => Ok(Redirect::to("/synergy/values").into_response()),
        Err(Error::Rejected(problems)) => {
            let lang = ctx.lang;
            let notice = html! { div.panel.bad #synergy-problems { p { (lang.t(&msg::page_refused(problems.total() as i64))) }
                ul { @for p in problems.iter() { li { (lang.t(&msg::system_line(p.row as i64))) " " (lang.t(&p.reason)) } } } } };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, system_form(&ctx, &jurisdiction, &f.text, Some(notice))).into_response())
        }
        Err(e) => Err(e),
    }
}
