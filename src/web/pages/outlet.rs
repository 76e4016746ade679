//! The outlet page (排放口监测): per pollutant a chart of minute values for a day, hourly means
//! for a month or daily means for a year (measured and converted lines, the limit, invalid hours,
//! marked periods and offline stretches shaded), the month's calendar of daily status, the
//! three rates with their definitions, where the logger's own hourly values differ from ours,
//! the data marks with the entry form, and the export of what is shown.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Multipart, Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{self, Section};
use crate::auth::{Permission, Viewer};
use crate::monitoring::clock::{self, Period};
use crate::monitoring::codes::OXYGEN;
use crate::monitoring::conversion::to_reference_oxygen;
use crate::monitoring::marks::{overlaps, NewMark, Proof};
use crate::monitoring::oxygen::ReferenceO2;
use crate::monitoring::rates::{Counts, DEFINITIONS};
use crate::monitoring::rules::{MARKS, VALIDITY};
use crate::monitoring::sample::DataKind;
use crate::storage::averages::{self, OutletSetup, Stored, COMPUTED, LOGGER};
use crate::storage::marks::{self, Mark};
use crate::storage::series;
use crate::web::auth::Ctx;
use crate::web::charts::{downsample_min_max, time_chart, Band, Line};
use crate::web::i18n::Lang;
use crate::web::State;
use crate::i18n::catalogue as cat;

#[derive(Deserialize, Default, Clone)]
pub struct View {
    pub pollutant: Option<String>,
    /// day | month | year
    pub view: Option<String>,
    /// YYYY-MM-DD (Beijing time); default today.
    pub date: Option<String>,
}

/// The outlet in the viewer's scope (else 404, like a missing one).
pub async fn setup_in_scope(state: &State, viewer: &Viewer, credit: &str, outlet: &str) -> crate::Result<OutletSetup> {
    marks::outlet_in_scope(&state.db, &viewer.scope, credit, outlet).await?;
    averages::outlet_setup(&state.db, credit, outlet).await?.ok_or_else(|| crate::Error::NotFound(crate::i18n::catalogue::monitoring::no_outlet(credit, outlet)))
}

/// What one page shows: the chart's data and the tables under it.
pub struct Shown {
    pub pollutant: String,
    pub view: &'static str,
    pub date: time::Date,
    pub from: i64,
    pub to: i64,
    /// (time, measured, converted) in time order; None: no value (offline).
    pub points: Vec<(i64, Option<f64>, Option<f64>)>,
    /// Stored hourly averages of the range (computed), for shading invalid hours.
    pub hours: Vec<Stored>,
    pub marks: Vec<Mark>,
    pub limit: Option<f64>,
}

fn view_code(v: Option<&str>) -> &'static str {
    match v {
        Some("month") => "month",
        Some("year") => "year",
        _ => "day",
    }
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

fn instant(t: i64) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(t).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

/// The pollutants to choose from: the ledger's (with limits) first, then any other measured.
fn pollutant_choices(setup: &OutletSetup) -> Vec<String> {
    let mut list: Vec<String> = setup.pollutants.keys().cloned().collect();
    for extra in [OXYGEN, crate::monitoring::codes::FLUE_GAS_FLOW, crate::monitoring::codes::WATER_FLOW] {
        let wanted = if setup.medium == crate::monitoring::rules::Medium::Water { extra == crate::monitoring::codes::WATER_FLOW } else { extra != crate::monitoring::codes::WATER_FLOW };
        if wanted && !list.iter().any(|p| p == extra) {
            list.push(extra.to_string());
        }
    }
    list
}

pub async fn gather(state: &State, viewer: &Viewer, setup: &OutletSetup, q: &View) -> crate::Result<Shown> {
    let date = q.date.as_deref().and_then(clock::parse_day).unwrap_or_else(|| clock::date_of(now()));
    let view = view_code(q.view.as_deref());
    let choices = pollutant_choices(setup);
    let pollutant = q.pollutant.clone().filter(|p| choices.contains(p)).unwrap_or_else(|| choices.first().cloned().unwrap_or_default());
    let day = clock::date_start(date);
    let (from, to) = match view {
        "month" => (clock::month_start(day), clock::next_month_start(day)),
        "year" => {
            let y = date.year();
            let start = clock::date_start(time::Date::from_calendar_date(y, time::Month::January, 1).expect("1 Jan"));
            (start, clock::date_start(time::Date::from_calendar_date(y + 1, time::Month::January, 1).expect("1 Jan")))
        }
        _ => (day, day + 86_400),
    };
    let hours = averages::read_pollutant(&state.db, setup, Period::Hour, COMPUTED, &pollutant, from, to).await?;
    let reference = setup.reference.percent();
    let points = match view {
        "day" => {
            let samples = series::read_values(&state.db, &setup.key(), DataKind::Minute2051, instant(from), instant(to)).await?;
            let o2: HashMap<i64, f64> = samples
                .iter()
                .filter(|s| s.pollutant == OXYGEN && VALIDITY.is_valid(&s.flag, s.value))
                .filter_map(|s| Some((s.time.unix_timestamp(), s.value?)))
                .collect();
            let mine: BTreeMap<i64, Option<f64>> = samples.iter().filter(|s| s.pollutant == pollutant).map(|s| (s.time.unix_timestamp(), s.value)).collect();
            let converts = reference.is_some() && !crate::monitoring::codes::is_parameter(&pollutant);
            (from..to)
                .step_by(60)
                .map(|t| {
                    let v = mine.get(&t).copied().flatten();
                    let c = if converts { v.and_then(|v| to_reference_oxygen(v, reference?, *o2.get(&t)?)) } else { None };
                    (t, v, c)
                })
                .collect()
        }
        "month" => {
            let by: HashMap<i64, &Stored> = hours.iter().map(|s| (s.period_start, s)).collect();
            (from..to).step_by(3600).map(|t| (t, by.get(&t).and_then(|s| s.average.mean), by.get(&t).and_then(|s| s.average.converted))).collect()
        }
        _ => {
            let days = averages::read_pollutant(&state.db, setup, Period::Day, COMPUTED, &pollutant, from, to).await?;
            let by: HashMap<i64, &Stored> = days.iter().map(|s| (s.period_start, s)).collect();
            (from..to).step_by(86_400).map(|t| (t, by.get(&t).and_then(|s| s.average.mean), by.get(&t).and_then(|s| s.average.converted))).collect()
        }
    };
    let marks = marks::list(&state.db, &viewer.scope, &setup.credit_code, &setup.outlet_code, from, to).await?;
    Ok(Shown { limit: setup.limit(&pollutant), pollutant, view, date, from, to, points, hours, marks })
}

fn pollutant_label(setup: &OutletSetup, code: &str, lang: Lang) -> String {
    let name = setup.pollutants.get(code).map(|p| p.0.clone()).filter(|n| !n.is_empty()).unwrap_or_else(|| match code {
        OXYGEN => lang.label(cat::monitoring::oxygen()).to_string(),
        "a00000" => lang.label(cat::monitoring::flue_gas_flow()).to_string(),
        "w00000" => lang.label(cat::monitoring::wastewater_flow()).to_string(),
        _ => String::new(),
    });
    if name.is_empty() { code.to_string() } else { format!("{name} {code}") }
}

/// The same for the page: a ledger pollutant's name is data (the ledger holds it in Chinese).
fn pollutant_markup(setup: &OutletSetup, code: &str, lang: Lang) -> Markup {
    match setup.pollutants.get(code).map(|p| p.0.as_str()).filter(|n| !n.is_empty()) {
        Some(name) => html! { span.v { (name) } " " (code) },
        None => html! { (pollutant_label(setup, code, lang)) },
    }
}

/// The reference oxygen for the page: the standard and clause cited are data.
fn reference_markup(setup: &OutletSetup, lang: Lang) -> Markup {
    match &setup.reference {
        ReferenceO2::Convert { percent, row: Some(r) } => html! { (percent) "% (" (lang.label(cat::monitoring::default_of())) " " span.v { (r.standard) " " (r.clause) } ")" },
        ReferenceO2::NoConversion { row } => html! { (lang.label(cat::monitoring::no_conversion())) " (" span.v { (row.standard) " " (row.clause) } ")" },
        ReferenceO2::Undetermined => html! { (lang.label(cat::monitoring::undetermined_not_converted_fill_in())) code { "基准氧含量(%)" } (lang.pick(")", " in the ledger's outlet sheet)")) },
        _ => html! { (reference_text(setup, lang)) },
    }
}

fn reference_text(setup: &OutletSetup, lang: Lang) -> String {
    match &setup.reference {
        ReferenceO2::Convert { percent, row: None } => format!("{percent}% ({})", lang.label(cat::monitoring::from_the_ledger())),
        ReferenceO2::Convert { percent, row: Some(r) } => format!("{percent}% ({} {} {})", lang.label(cat::monitoring::default_of()), r.standard, r.clause),
        ReferenceO2::NoConversion { row } => format!("{} ({} {})", lang.label(cat::monitoring::no_conversion()), row.standard, row.clause),
        ReferenceO2::Undetermined => lang.pick("未确定,不折算(请在台账排放口表填写 基准氧含量(%))", "undetermined, not converted (fill in 基准氧含量(%) in the ledger's outlet sheet)").to_string(),
    }
}

/// Status of one day for the calendar.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DayStatus {
    Valid,
    Invalid,
    Marked,
    Offline,
    Future,
}

impl DayStatus {
    fn class(self) -> &'static str {
        match self {
            DayStatus::Valid => "day-valid",
            DayStatus::Invalid => "day-invalid",
            DayStatus::Marked => "day-marked",
            DayStatus::Offline => "day-offline",
            DayStatus::Future => "day-future",
        }
    }
    fn label(self, lang: Lang) -> &'static str {
        match self {
            DayStatus::Valid => lang.label(cat::monitoring::valid_2()),
            DayStatus::Invalid => lang.label(cat::monitoring::invalid()),
            DayStatus::Marked => lang.label(cat::monitoring::marked()),
            DayStatus::Offline => lang.label(cat::monitoring::offline_2()),
            DayStatus::Future => "",
        }
    }
}

async fn calendar(state: &State, setup: &OutletSetup, pollutant: &str, date: time::Date, marks: &[Mark]) -> crate::Result<Vec<(time::Date, DayStatus)>> {
    let month = clock::month_start(clock::date_start(date));
    let next = clock::next_month_start(month);
    let days = averages::read_pollutant(&state.db, setup, Period::Day, COMPUTED, pollutant, month, next).await?;
    let by: HashMap<i64, &Stored> = days.iter().map(|s| (s.period_start, s)).collect();
    let now = now();
    Ok((month..next)
        .step_by(86_400)
        .map(|t| {
            let status = if t > now {
                DayStatus::Future
            } else if marks.iter().any(|m| m.active() && overlaps(t, t + 86_400, m.starts_at, m.ends_at)) {
                DayStatus::Marked
            } else {
                match by.get(&t) {
                    None => DayStatus::Offline,
                    Some(s) if s.average.total_count == 0 => DayStatus::Offline,
                    Some(s) if s.average.valid => DayStatus::Valid,
                    Some(_) => DayStatus::Invalid,
                }
            };
            (clock::date_of(t), status)
        })
        .collect())
}

fn percent(v: Option<f64>) -> String {
    v.map(|v| format!("{:.1}%", v * 100.0)).unwrap_or_else(|| "—".into())
}

/// The rates of one pollutant over `[from, min(to, now))`, counted in hours.
pub fn rates_of(hours: &[Stored], from: i64, to: i64) -> Counts {
    let end = to.min(Period::Hour.start_of(now()));
    Counts {
        expected: ((end - from).max(0) / 3600) as u32,
        received: hours.iter().filter(|h| h.period_start < end && h.average.total_count > 0).count() as u32,
        valid: hours.iter().filter(|h| h.period_start < end && h.average.valid).count() as u32,
    }
}

fn chart(setup: &OutletSetup, s: &Shown, lang: Lang) -> Markup {
    let step = match s.view { "day" => 60, "month" => 3600, _ => 86_400 };
    let measured: Vec<(f64, Option<f64>)> = s.points.iter().map(|p| (p.0 as f64, p.1)).collect();
    let converted: Vec<(f64, Option<f64>)> = s.points.iter().map(|p| (p.0 as f64, p.2)).collect();
    let mut lines = vec![Line { label: lang.label(cat::enforcement_cases::chart_measured()).into(), color: "#2563eb", dashed: false, points: downsample_min_max(&measured, 400) }];
    if converted.iter().any(|p| p.1.is_some()) {
        lines.push(Line { label: lang.label(cat::enforcement_cases::chart_converted()).into(), color: "#16a34a", dashed: false, points: downsample_min_max(&converted, 400) });
    }
    let mut bands = Vec::new();
    // Offline: no value where one was due (up to now).
    let now = now();
    let mut gap_start: Option<i64> = None;
    for p in &s.points {
        let missing = p.1.is_none() && p.0 < now;
        match (missing, gap_start) {
            (true, None) => gap_start = Some(p.0),
            (false, Some(g)) => {
                bands.push(Band { from: g as f64, to: p.0 as f64, color: "#9ca3af", title: lang.label(cat::monitoring::offline_no_data()).into() });
                gap_start = None;
            }
            _ => {}
        }
    }
    if let Some(g) = gap_start {
        bands.push(Band { from: g as f64, to: (s.to.min(now)) as f64, color: "#9ca3af", title: lang.label(cat::monitoring::offline_no_data()).into() });
    }
    let _ = step;
    if s.view != "year" {
        for h in s.hours.iter().filter(|h| !h.average.valid && h.average.total_count > 0) {
            bands.push(Band {
                from: h.period_start as f64,
                to: (h.period_start + 3600) as f64,
                color: "#f59e0b",
                title: format!("{} {} ({} {})", clock::format_minute(h.period_start), lang.label(cat::monitoring::invalid_hour()), h.average.valid_count, lang.label(cat::monitoring::valid_minutes_2())),
            });
        }
    }
    for m in s.marks.iter().filter(|m| m.active()) {
        bands.push(Band {
            from: m.starts_at as f64,
            to: m.ends_at as f64,
            color: "#a855f7",
            title: format!("{}: {} – {} {}", m.kind_label(lang == Lang::Zh), clock::format_minute(m.starts_at), clock::format_minute(m.ends_at), m.reason),
        });
    }
    let ticks: Vec<(f64, String)> = match s.view {
        "day" => (0..=24).step_by(3).map(|h| ((s.from + h * 3600) as f64, format!("{h:02}:00"))).collect(),
        "month" => (s.from..s.to).step_by(86_400).enumerate().filter(|(i, _)| i % 5 == 0).map(|(_, t)| (t as f64, clock::format_day(t)[8..].to_string())).collect(),
        _ => {
            let mut t = s.from;
            let mut out = Vec::new();
            while t < s.to {
                out.push((t as f64, format!("{}{}", clock::month_of(t), lang.label(cat::monitoring::month_suffix()))));
                t = clock::next_month_start(t);
            }
            out
        }
    };
    let limit = s.limit.map(|l| (l, format!("{} {}", lang.label(cat::monitoring::limit()), crate::monitoring::format_value(Some(l)))));
    let view = match s.view { "day" => lang.label(cat::monitoring::day()), "month" => lang.label(cat::monitoring::month()), _ => lang.label(cat::monitoring::year()) };
    let aria = format!("{} {view}", pollutant_label(setup, &s.pollutant, lang));
    time_chart(s.from as f64, s.to as f64, &lines, limit, &bands, &ticks, &aria)
}

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Path((credit, outlet)): Path<(String, String)>, Query(q): Query<View>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let setup = setup_in_scope(&state, &viewer, &credit, &outlet).await?;
    let shown = gather(&state, &viewer, &setup, &q).await?;
    let month_start = clock::month_start(clock::date_start(shown.date));
    let month_hours: Vec<Stored> = if shown.view == "month" {
        shown.hours.clone()
    } else {
        averages::read_pollutant(&state.db, &setup, Period::Hour, COMPUTED, &shown.pollutant, month_start, clock::next_month_start(month_start)).await?
    };
    let month_marks = marks::list(&state.db, &viewer.scope, &credit, &outlet, month_start, clock::next_month_start(month_start)).await?;
    let days = calendar(&state, &setup, &shown.pollutant, shown.date, &month_marks).await?;
    let rates = rates_of(&month_hours, month_start, clock::next_month_start(month_start));
    let today = rates_of(&month_hours, clock::day_start(now()), clock::day_start(now()) + 86_400);
    // The logger's own hourly values where they differ from ours.
    let logger = if shown.view == "year" {
        Vec::new()
    } else {
        averages::read_pollutant(&state.db, &setup, Period::Hour, LOGGER, &shown.pollutant, shown.from, shown.to).await?
    };
    let ours: HashMap<i64, &Stored> = shown.hours.iter().map(|s| (s.period_start, s)).collect();
    let differences: Vec<(&Stored, Option<&&Stored>)> = logger
        .iter()
        .map(|l| (l, ours.get(&l.period_start)))
        .filter(|(l, o)| match o {
            None => true,
            Some(o) => o.average.valid != l.average.valid || differs(o.average.mean, l.average.mean) || differs(o.average.converted, l.average.converted),
        })
        .take(100)
        .collect();
    let can_mark = viewer.can(Permission::MarkMonitoring);
    let base = format!("/monitoring/outlets/{credit}/{outlet}");
    let link = |p: &str, v: &str, d: time::Date| format!("{base}?pollutant={p}&view={v}&date={d}");
    let date = shown.date;
    let units = setup.pollutants.get(&shown.pollutant).map(|p| p.2.clone()).unwrap_or_default();
    let body = html! {
        div.panel #outlet-head {
            p { a data-v href=(format!("/enterprises/{}", crate::storage::ledger::enterprise_id_by_code(&state.db, &credit).await?.unwrap_or_default())) { (setup.enterprise_name) } " · " code { (credit) "/" (outlet) } " " span.v { (setup.outlet_name) } }
            p { (lang.label(cat::monitoring::reference_oxygen())) ": " span #reference-o2 { (reference_markup(&setup, lang)) } }
            p.pollutants { @for p in pollutant_choices(&setup) {
                @if p == shown.pollutant { strong { (pollutant_markup(&setup, &p, lang)) } } @else { a href=(link(&p, shown.view, date)) { (pollutant_markup(&setup, &p, lang)) } } " · "
            } }
            p.views {
                @for (v, zh, en) in [("day", "日:分钟值", "Day: minute values"), ("month", "月:小时均值", "Month: hourly means"), ("year", "年:日均值", "Year: daily means")] {
                    @if v == shown.view { strong { (lang.pick(zh, en)) } } @else { a href=(link(&shown.pollutant, v, date)) { (lang.pick(zh, en)) } } " · "
                }
                form.inline method="get" action=(base) {
                    input type="hidden" name="pollutant" value=(shown.pollutant);
                    input type="hidden" name="view" value=(shown.view);
                    input type="date" name="date" value=(date.to_string());
                    button type="submit" { (lang.label(cat::enforcement_cases::show())) }
                }
                " " a.button.secondary #export href=(format!("{base}/export.xlsx?pollutant={}&view={}&date={date}", shown.pollutant, shown.view)) { (lang.label(cat::enforcement_cases::export_xlsx())) }
            }
        }
        div.panel #outlet-chart {
            h2 { (pollutant_markup(&setup, &shown.pollutant, lang)) " " span.muted.v { (units) } }
            (chart(&setup, &shown, lang))
            p.muted.legend {
                span.key-measured { "━ " } (lang.label(cat::enforcement_cases::chart_measured())) "  "
                span.key-converted { "━ " } (lang.label(cat::enforcement_cases::chart_converted())) "  "
                span.key-limit { "┅ " } (lang.label(cat::monitoring::limit())) "  "
                span.key-invalid { "■ " } (lang.label(cat::monitoring::invalid_hour())) "  "
                span.key-marked { "■ " } (lang.label(cat::audit::entity_monitoring_mark())) "  "
                span.key-offline { "■ " } (lang.label(cat::monitoring::offline_no_data()))
            }
        }
        div.cards #outlet-rates {
            @for (i, (zh, en, _, _)) in DEFINITIONS.iter().enumerate() {
                div.card { div.label { (lang.pick(zh, en)) " (" (lang.label(cat::monitoring::this_month())) ")" }
                    div.value { (percent(match i { 0 => rates.transmission(), 1 => rates.validity(), _ => rates.effective_transmission() })) }
                    div.muted { (lang.label(cat::monitoring::today())) " " (percent(match i { 0 => today.transmission(), 1 => today.validity(), _ => today.effective_transmission() })) } }
            }
        }
        div.panel {
            dl.definitions { @for (zh, en, dzh, den) in DEFINITIONS { dt { (lang.pick(zh, en)) } dd { (lang.pick(dzh, den)) } } }
            p.muted { (lang.label(cat::monitoring::hours_expected_received_valid())) ": " (rates.expected) " / " (rates.received) " / " (rates.valid) }
        }
        div.panel #calendar {
            h2 { (date.year()) "-" (format!("{:02}", date.month() as u8)) " " (lang.label(cat::monitoring::daily_status())) }
            div.calendar { @for (d, st) in &days {
                a class=(format!("day {}", st.class())) href=(link(&shown.pollutant, "day", *d)) title=(st.label(lang)) { span.n { (d.day()) } span.s { (st.label(lang)) } }
            } }
        }
        @if !differences.is_empty() {
            div.panel #logger-differences {
                h2 { (lang.label(cat::monitoring::where_the_loggers_own_hourly_values())) }
                div.table-wrap { table {
                    thead { tr { th { (lang.label(cat::monitoring::hour())) } th.num { (lang.label(cat::monitoring::logger_mean())) } th.num { (lang.label(cat::monitoring::our_mean())) } th.num { (lang.label(cat::monitoring::logger_converted())) } th.num { (lang.label(cat::monitoring::our_converted())) } th { (lang.label(cat::monitoring::validity())) } } }
                    tbody { @for (l, o) in &differences { tr {
                        td { (clock::format_minute(l.period_start)) }
                        td.num { (crate::monitoring::format_value(l.average.mean)) } td.num { (crate::monitoring::format_value(o.and_then(|o| o.average.mean))) }
                        td.num { (crate::monitoring::format_value(l.average.converted)) } td.num { (crate::monitoring::format_value(o.and_then(|o| o.average.converted))) }
                        td { (if l.average.valid { lang.label(cat::monitoring::logger_valid()) } else { lang.label(cat::monitoring::logger_invalid()) }) " / "
                             (match o { Some(o) if o.average.valid => lang.label(cat::monitoring::ours_valid()), Some(_) => lang.label(cat::monitoring::ours_invalid()), None => lang.label(cat::monitoring::no_minute_data()) }) }
                    } } }
                } }
            }
        }
        div.panel #marks {
            h2 { (lang.label(cat::monitoring::data_marks())) }
            @if shown.marks.is_empty() { p.muted { (lang.label(cat::monitoring::no_data_marks_in_the_period())) } }
            @else { div.table-wrap { table #mark-list {
                thead { tr { th { "#" } th { (lang.label(cat::common::type_label())) } th { (lang.label(cat::monitoring::from())) } th { (lang.label(cat::monitoring::to())) } th { (lang.label(cat::common::reason())) } th { (lang.label(cat::monitoring::proof())) } th { (lang.label(cat::monitoring::entered_by())) } th { (lang.label(cat::common::state())) } } }
                tbody { @for m in &shown.marks { tr.withdrawn[!m.active()] {
                    td { (m.id) } td { (m.kind_label(lang == Lang::Zh)) } td { (clock::format_minute(m.starts_at)) } td { (clock::format_minute(m.ends_at)) } td { (m.reason) }
                    td { @if let Some(n) = &m.proof_name { a href=(format!("/monitoring/marks/{}/proof", m.id)) { (n) } } }
                    td { (m.entered_by) " " span.muted { (crate::storage::display_time(&m.entered_at)) } }
                    td { @if let Some(w) = &m.withdrawn_at { (lang.label(cat::monitoring::withdrawn_2())) " " span.muted { (crate::storage::display_time(w)) " " (m.withdraw_reason.clone().unwrap_or_default()) } }
                         @else if can_mark { form.inline method="post" action=(format!("/monitoring/marks/{}/withdraw", m.id)) {
                            (layout::csrf_field(&ctx)) input type="text" name="reason" required placeholder=(lang.label(cat::monitoring::reason())) ;
                            button.secondary type="submit" { (lang.label(cat::monitoring::withdraw())) } } }
                         @else { (lang.label(cat::monitoring::in_force())) } }
                } } }
            } } }
            @if can_mark {
                h3 { (lang.label(cat::monitoring::enter_a_data_mark())) }
                form #mark-form method="post" action=(format!("{base}/marks")) enctype="multipart/form-data" {
                    (layout::csrf_field(&ctx))
                    label { (lang.label(cat::common::type_label())) " " select name="kind" { @for t in &MARKS.types { option value=(t.code) { (if lang == Lang::Zh { &t.zh } else { &t.en }) } } } } " "
                    label { (lang.label(cat::monitoring::from())) " " input type="datetime-local" name="from" required; } " "
                    label { (lang.label(cat::monitoring::to())) " " input type="datetime-local" name="to" required; } " "
                    label { (lang.label(cat::common::reason())) " " input type="text" name="reason" required maxlength="500"; } " "
                    label { (lang.label(cat::monitoring::proof_pdf_jpeg_png())) " " input type="file" name="proof" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"; } " "
                    button type="submit" { (lang.label(cat::enforcement_cases::decide_submit())) }
                }
                p.muted { (lang.pick(
                    &format!("标记不可修改,只能撤销(撤销留痕);开始时间不得早于录入时间前 {} 小时;证明材料不超过 {} MB。", MARKS.max_backdate_hours, MARKS.proof_max_bytes / 1_048_576),
                    &format!("A mark cannot be edited, only withdrawn (on record); it may not start more than {} hours before it is entered; proof files up to {} MB.", MARKS.max_backdate_hours, MARKS.proof_max_bytes / 1_048_576))) }
            }
        }
    };
    let title = format!("{} {}", lang.label(cat::monitoring::outlet_monitoring()), outlet);
    Ok(layout::page(&ctx, Section::Monitoring, &title, body))
}

fn differs(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() > 0.01 * a.abs().max(b.abs()).max(1e-9) && (a - b).abs() > 1e-6,
        (None, None) => false,
        _ => true,
    }
}

/// Parses the form's `datetime-local` value (`YYYY-MM-DDTHH:MM`, Beijing time).
fn form_minute(s: &str) -> Option<i64> {
    let (d, t) = s.trim().split_once('T')?;
    let date = clock::parse_day(d)?;
    let t = &t[..t.len().min(5)];
    let (h, m) = t.split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    ((0..24).contains(&h) && (0..60).contains(&m)).then(|| clock::date_start(date) + h * 3600 + m * 60)
}

pub async fn add_mark(state: State, viewer: Viewer, Path((credit, outlet)): Path<(String, String)>, mut multipart: Multipart) -> crate::Result<Response> {
    // Out of scope answers 404 before anything in the form is looked at.
    marks::outlet_in_scope(&state.db, &viewer.scope, &credit, &outlet).await?;
    let bad = super::campaign_items::upload_error;
    let (mut kind, mut from, mut to, mut reason, mut proof) = (String::new(), String::new(), String::new(), String::new(), None);
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name() {
            Some("kind") => kind = field.text().await.map_err(bad)?,
            Some("from") => from = field.text().await.map_err(bad)?,
            Some("to") => to = field.text().await.map_err(bad)?,
            Some("reason") => reason = field.text().await.map_err(bad)?,
            Some("proof") => {
                let name = field.file_name().unwrap_or("").to_string();
                let bytes = field.bytes().await.map_err(bad)?;
                if !name.is_empty() || !bytes.is_empty() {
                    proof = Some(Proof { name, content: bytes.to_vec() });
                }
            }
            _ => {}
        }
    }
    let starts_at = form_minute(&from).ok_or_else(|| crate::Error::Invalid(crate::i18n::catalogue::monitoring::start_invalid(&from)))?;
    let ends_at = form_minute(&to).ok_or_else(|| crate::Error::Invalid(crate::i18n::catalogue::monitoring::end_invalid(&to)))?;
    let mark = NewMark { kind, starts_at, ends_at, reason, proof };
    marks::add(&state.db, &viewer.actor(), &viewer.scope, &credit, &outlet, mark, now()).await?;
    let day = clock::date_of(starts_at);
    Ok(Redirect::to(&format!("/monitoring/outlets/{credit}/{outlet}?view=day&date={day}#marks")).into_response())
}

#[derive(Deserialize)]
pub struct WithdrawForm {
    #[serde(default)]
    pub reason: String,
}

pub async fn withdraw_mark(state: State, viewer: Viewer, Path(id): Path<i64>, Form(f): Form<WithdrawForm>) -> crate::Result<Response> {
    let m = marks::get(&state.db, &viewer.scope, id).await?;
    marks::withdraw(&state.db, &viewer.actor(), &viewer.scope, id, &f.reason).await?;
    let day = clock::date_of(m.starts_at);
    Ok(Redirect::to(&format!("/monitoring/outlets/{}/{}?view=day&date={day}#marks", m.credit_code, m.outlet_code)).into_response())
}

pub async fn proof(state: State, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Response> {
    let (name, kind, bytes) = marks::proof(&state.db, &viewer.scope, id).await?.ok_or_else(|| crate::Error::NotFound(crate::i18n::catalogue::monitoring::proof_not_found(id)))?;
    let disposition = format!("inline; filename=\"proof-{id}.{}\"", name.rsplit('.').next().filter(|e| e.len() <= 4 && e.chars().all(|c| c.is_ascii_alphanumeric())).unwrap_or("bin"));
    Ok(([(header::CONTENT_TYPE, kind), (header::CONTENT_DISPOSITION, disposition)], bytes).into_response())
}

/// What the page shows, as a workbook: the series of the chart, the hourly averages with
/// validity, and the marks.
pub async fn export(state: State, ctx: Ctx, viewer: Viewer, Path((credit, outlet)): Path<(String, String)>, Query(q): Query<View>) -> crate::Result<Response> {
    let lang = ctx.lang;
    let setup = setup_in_scope(&state, &viewer, &credit, &outlet).await?;
    let shown = gather(&state, &viewer, &setup, &q).await?;
    let bytes = workbook(&setup, &shown, lang).map_err(|e| crate::Error::other(e))?;
    let name = format!("{outlet}-{}-{}-{}.xlsx", shown.pollutant, shown.view, shown.date);
    crate::storage::audit::record(
        &state.db,
        &viewer.actor(),
        crate::storage::audit::NewEntry {
            action: "export",
            entity: "monitoring",
            entity_id: format!("{credit}/{outlet}/{name}"),
            enterprise_id: crate::storage::ledger::enterprise_id_by_code(&state.db, &credit).await?,
            before: None,
            after: Some(serde_json::json!({ "rows": shown.points.len() })),
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

fn workbook(setup: &OutletSetup, s: &Shown, lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.label(cat::monitoring::data()))?;
    sheet.write_string_with_format(0, 0, format!("{} {}/{} {} — {}", setup.enterprise_name, setup.credit_code, setup.outlet_code, setup.outlet_name, pollutant_label(setup, &s.pollutant, lang)), &bold)?;
    sheet.write_string(1, 0, format!("{}: {}", lang.label(cat::monitoring::reference_oxygen()), reference_text(setup, lang)))?;
    sheet.write_string(2, 0, format!("{}: {}", lang.label(cat::detectors::figure_limit()), crate::monitoring::format_value(s.limit)))?;
    let heads = [lang.label(cat::monitoring::time_beijing()), lang.label(cat::monitoring::measured()), lang.label(cat::monitoring::converted())];
    for (i, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(4, i as u16, *h, &bold)?;
    }
    for (r, (t, m, c)) in s.points.iter().enumerate() {
        let row = 5 + r as u32;
        sheet.write_string(row, 0, if s.view == "year" { clock::format_day(*t) } else { clock::format_minute(*t) })?;
        if let Some(m) = m {
            sheet.write_number(row, 1, *m)?;
        }
        if let Some(c) = c {
            sheet.write_number(row, 2, *c)?;
        }
    }
    sheet.set_column_width(0, 18)?;
    let hours = book.add_worksheet();
    hours.set_name(lang.label(cat::monitoring::hourly_means()))?;
    let heads = [
        lang.label(cat::monitoring::hour()), lang.label(cat::monitoring::valid()), lang.label(cat::monitoring::valid_minutes()), lang.label(cat::monitoring::mean()),
        lang.label(cat::monitoring::converted()), lang.label(cat::detectors::figure_limit()), lang.label(cat::monitoring::exceeded()),
    ];
    for (i, h) in heads.iter().enumerate() {
        hours.write_string_with_format(0, i as u16, *h, &bold)?;
    }
    for (r, h) in s.hours.iter().enumerate() {
        let row = 1 + r as u32;
        hours.write_string(row, 0, clock::format_minute(h.period_start))?;
        hours.write_string(row, 1, if h.average.valid { lang.label(cat::tax::yes()) } else { lang.label(cat::tax::no()) })?;
        hours.write_number(row, 2, h.average.valid_count as f64)?;
        if let Some(v) = h.average.mean { hours.write_number(row, 3, v)?; }
        if let Some(v) = h.average.converted { hours.write_number(row, 4, v)?; }
        if let Some(v) = s.limit { hours.write_number(row, 5, v)?; }
        if let Some(e) = h.average.exceeded(s.limit) { hours.write_string(row, 6, if e { lang.label(cat::tax::yes()) } else { lang.label(cat::tax::no()) })?; }
    }
    hours.set_column_width(0, 18)?;
    let marks = book.add_worksheet();
    marks.set_name(lang.label(cat::monitoring::data_marks()))?;
    let heads = [lang.label(cat::common::type_label()), lang.label(cat::monitoring::from()), lang.label(cat::monitoring::to()), lang.label(cat::common::reason()), lang.label(cat::monitoring::entered_by()), lang.label(cat::monitoring::withdrawn())];
    for (i, h) in heads.iter().enumerate() {
        marks.write_string_with_format(0, i as u16, *h, &bold)?;
    }
    for (r, m) in s.marks.iter().enumerate() {
        let row = 1 + r as u32;
        marks.write_string(row, 0, m.kind_label(lang == Lang::Zh))?;
        marks.write_string(row, 1, clock::format_minute(m.starts_at))?;
        marks.write_string(row, 2, clock::format_minute(m.ends_at))?;
        marks.write_string(row, 3, &m.reason)?;
        marks.write_string(row, 4, &m.entered_by)?;
        marks.write_string(row, 5, m.withdrawn_at.as_deref().map(crate::storage::display_time).unwrap_or_default())?;
    }
    book.save_to_buffer()
}
