//! Actual emissions (实际排放量) per outlet and pollutant from the hourly emission rates, set
//! against the permitted annual amount (issue 10 item 4). Pure: the caller reads the hours.
//!
//! The hourly building block is `Gh` (kg/h, flue gas: measured concentration × dry standard flow ×
//! 10⁻⁶; wastewater: the hour's load in kg) as `monitoring::averages` stores it; a total sums the
//! valid hours and fills the hours without a valid rate by the rule of
//! `data/enforcement/emissions.toml`, named on every total ([`Total::rule`]). Filling works per
//! calendar month (Beijing time), so days add up to their month and months to a year.
//! Settings and their status: `data/enforcement/emissions.toml` (monitoring-facts.md §1.4, §5).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::monitoring::clock;

/// How hours without a valid emission rate count in a total.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FillRule {
    /// Only valid hours count; missing and invalid hours add nothing.
    ValidHoursOnly,
    /// Each hour of the calendar month without a valid rate gets the mean rate of that month's
    /// valid hours; a month without a valid hour adds nothing.
    PeriodMeanOfValidHours,
}

impl FillRule {
    pub fn code(self) -> &'static str {
        match self {
            FillRule::ValidHoursOnly => "valid_hours_only",
            FillRule::PeriodMeanOfValidHours => "period_mean_of_valid_hours",
        }
    }
    /// The rule as people read it (named on every total).
    pub fn label(self) -> crate::i18n::Msg {
        use crate::i18n::catalogue::tax;
        match self {
            FillRule::ValidHoursOnly => tax::rule_valid_hours_only(),
            FillRule::PeriodMeanOfValidHours => tax::rule_period_mean(),
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct Fill {
    pub rule: FillRule,
    pub rule_status: String,
    pub rule_reason: String,
    /// Mark kinds whose hours are never filled (a shut-down unit discharges nothing).
    pub not_filled_marks: Vec<String>,
    pub not_filled_status: String,
    pub not_filled_reason: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Permit {
    pub rolling_months: u32,
    pub rolling_status: String,
    pub rolling_source: String,
    pub warning_shares: Vec<f64>,
    pub warning_status: String,
    pub warning_reason: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Settings {
    pub fill: Fill,
    pub permit: Permit,
}

pub fn parse_settings(text: &str) -> Result<Settings, String> {
    let s: Settings = toml::from_str(text).map_err(|e| e.to_string())?;
    if s.permit.rolling_months == 0 || s.permit.rolling_months > 120 {
        return Err(format!("permit.rolling_months = {}: must be 1–120", s.permit.rolling_months));
    }
    if s.permit.warning_shares.iter().any(|v| !v.is_finite() || *v <= 0.0) {
        return Err("permit.warning_shares: every share must be a positive number".into());
    }
    Ok(s)
}

pub static SETTINGS: LazyLock<Settings> = LazyLock::new(|| {
    parse_settings(include_str!("../../data/enforcement/emissions.toml")).expect("data/enforcement/emissions.toml is well-formed (tested)")
});

/// One hour of one pollutant as stored: its start and, when the hour is valid and has a flow,
/// its emission rate (kg/h).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HourRate {
    pub start: i64,
    /// None: the hour is invalid, or valid without an emission rate.
    pub kg: Option<f64>,
}

/// The valid hours of one Beijing day: how many had a rate and their sum (kg).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DayRates {
    pub rated_hours: u32,
    pub kg: f64,
    /// Hours of the day inside a mark of `not_filled_marks` (never filled).
    pub stopped_hours: u32,
}

/// Valid hours summed by Beijing day (day start → sums).
pub fn by_day(hours: &[HourRate]) -> BTreeMap<i64, DayRates> {
    let mut out: BTreeMap<i64, DayRates> = BTreeMap::new();
    for h in hours {
        if let Some(kg) = h.kg.filter(|v| v.is_finite() && *v >= 0.0) {
            let d = out.entry(clock::day_start(h.start)).or_default();
            d.rated_hours += 1;
            d.kg += kg;
        }
    }
    out
}

/// Counts the hours of `[from, to)` covered by the marks (start, end) into their days' `stopped_hours`
/// (an hour counts when its start lies inside a mark; overlapping marks count once).
pub fn add_stopped(days: &mut BTreeMap<i64, DayRates>, marks: &[(i64, i64)], from: i64, to: i64) {
    let mut hours = std::collections::BTreeSet::new();
    for (start, end) in marks {
        let mut h = start.max(&from).div_euclid(3600) * 3600;
        if h < *start.max(&from) {
            h += 3600;
        }
        while h < *end.min(&to) {
            hours.insert(h);
            h += 3600;
        }
    }
    for h in hours {
        days.entry(clock::day_start(h)).or_default().stopped_hours += 1;
    }
}

/// An emission total with how it was reached.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Total {
    pub kg: f64,
    /// Hours of the period up to the end asked for (now, for a running period).
    pub expected_hours: u32,
    /// Hours with a valid rate.
    pub valid_hours: u32,
    /// Hours without a valid rate that the rule filled.
    pub filled_hours: u32,
    /// The kg the rule added.
    pub filled_kg: f64,
    /// Hours inside a shut-down mark (`not_filled_marks`) without a valid rate: not filled.
    pub stopped_hours: u32,
    pub rule: FillRule,
}

impl Total {
    pub fn empty(rule: FillRule) -> Total {
        Total { kg: 0.0, expected_hours: 0, valid_hours: 0, filled_hours: 0, filled_kg: 0.0, stopped_hours: 0, rule }
    }
    /// Hours without a valid rate that nothing filled (shut-down hours not included).
    pub fn unfilled_hours(&self) -> u32 {
        self.expected_hours.saturating_sub(self.valid_hours + self.filled_hours + self.stopped_hours)
    }
    pub fn add(&mut self, o: &Total) {
        self.kg += o.kg;
        self.expected_hours += o.expected_hours;
        self.valid_hours += o.valid_hours;
        self.filled_hours += o.filled_hours;
        self.filled_kg += o.filled_kg;
        self.stopped_hours += o.stopped_hours;
    }
    pub fn tonnes(&self) -> f64 {
        self.kg / 1000.0
    }
}

/// Hours of `[from, to)` (whole hours).
fn hours_between(from: i64, to: i64) -> u32 {
    ((to - from).max(0) / 3600) as u32
}

/// One calendar month of one pollutant: the month's total and each day's, over the hours of
/// `[month_start, min(next month, until))`. `days` holds the valid hours by day.
pub fn month(rule: FillRule, month_start: i64, until: i64, days: &BTreeMap<i64, DayRates>) -> (Total, Vec<(i64, Total)>) {
    let end = clock::next_month_start(month_start).min(until.max(month_start));
    let in_month = || days.range(month_start..end);
    let (rated, kg): (u32, f64) = in_month().fold((0, 0.0), |(n, s), (_, d)| (n + d.rated_hours, s + d.kg));
    let mean = (rated > 0).then(|| kg / rated as f64);
    let mut per_day = Vec::new();
    let mut total = Total::empty(rule);
    let mut day = month_start;
    while day < end {
        let day_end = (day + 86_400).min(end);
        let d = days.get(&day).copied().unwrap_or_default();
        let expected = hours_between(day, day_end);
        let valid = d.rated_hours.min(expected);
        let stopped = d.stopped_hours.min(expected - valid);
        let mut t = Total { kg: d.kg, expected_hours: expected, valid_hours: valid, filled_hours: 0, filled_kg: 0.0, stopped_hours: stopped, rule };
        if let (FillRule::PeriodMeanOfValidHours, Some(mean)) = (rule, mean) {
            t.filled_hours = expected - valid - stopped;
            t.filled_kg = t.filled_hours as f64 * mean;
            t.kg += t.filled_kg;
        }
        total.add(&t);
        per_day.push((day, t));
        day += 86_400;
    }
    (total, per_day)
}

/// The months `[first, last]` (month starts) summed, each filled on its own.
pub fn months(rule: FillRule, first: i64, last: i64, until: i64, days: &BTreeMap<i64, DayRates>) -> (Total, Vec<(i64, Total)>) {
    let mut total = Total::empty(rule);
    let mut list = Vec::new();
    let mut m = first;
    while m <= last && m < until {
        let (t, _) = month(rule, m, until, days);
        total.add(&t);
        list.push((m, t));
        m = clock::next_month_start(m);
    }
    (total, list)
}

/// The start of the month `n` months before the month starting at `month_start`.
pub fn months_back(month_start: i64, n: u32) -> i64 {
    let d = clock::date_of(month_start);
    let index = d.year() * 12 + d.month() as i32 - 1 - n as i32;
    let (y, m) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u8);
    clock::date_start(time::Date::from_calendar_date(y, time::Month::try_from(m).expect("1–12"), 1).expect("day 1 exists"))
}

/// The year-to-date and rolling totals of one pollutant as of `until` (exclusive), for the
/// calendar `year` (`until` clamped into it) and the rolling months ending with the month of `until`.
#[derive(Clone, Debug, PartialEq)]
pub struct PermitView {
    pub year: Total,
    pub months: Vec<(i64, Total)>,
    pub rolling: Total,
    pub rolling_from: i64,
    /// Tonnes per year, from the ledger.
    pub permitted_t: Option<f64>,
    /// Rolling total ÷ permitted.
    pub share: Option<f64>,
    /// The highest warning share reached, if any.
    pub warning: Option<f64>,
}

pub fn permit_view(settings: &Settings, year: i32, until: i64, days: &BTreeMap<i64, DayRates>, permitted_t: Option<f64>) -> PermitView {
    let rule = settings.fill.rule;
    let jan = clock::date_start(time::Date::from_calendar_date(year, time::Month::January, 1).expect("1 Jan"));
    let next_jan = clock::date_start(time::Date::from_calendar_date(year + 1, time::Month::January, 1).expect("1 Jan"));
    let year_until = until.clamp(jan, next_jan);
    let (year_total, months_list) = months(rule, jan, months_back(next_jan, 1), year_until, days);
    let last = clock::month_start(year_until - 1);
    let rolling_from = months_back(last, settings.permit.rolling_months.saturating_sub(1));
    let (rolling, _) = months(rule, rolling_from, last, year_until, days);
    let share = permitted_t.filter(|p| *p > 0.0).map(|p| rolling.tonnes() / p);
    let warning = share.and_then(|s| settings.permit.warning_shares.iter().copied().filter(|w| s >= *w).fold(None, |m: Option<f64>, w| Some(m.map_or(w, |m| m.max(w)))));
    PermitView { year: year_total, months: months_list, rolling, rolling_from, permitted_t, share, warning }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }
    fn day(s: &str) -> i64 {
        clock::date_start(clock::parse_day(s).unwrap())
    }

    #[test]
    fn the_settings_parse_and_name_their_status() {
        let s = &*SETTINGS;
        assert_eq!(s.permit.warning_shares, vec![0.8, 1.0]);
        assert_eq!(s.permit.warning_status, "local_practice");
        assert!(!s.fill.rule_reason.is_empty() && !s.fill.rule_status.is_empty());
        assert!(parse_settings(&include_str!("../../data/enforcement/emissions.toml").replace("rolling_months = 12", "rolling_months = 0")).is_err());
        assert!(parse_settings(&include_str!("../../data/enforcement/emissions.toml").replace("period_mean_of_valid_hours\"", "hj75\"")).is_err());
    }

    /// One day, 2026-03-02, 24 hours: 20 valid at 2 kg/h, 2 invalid, 2 missing.
    fn march_hours() -> Vec<HourRate> {
        let d = day("2026-03-02");
        let mut hours: Vec<HourRate> = (0..20).map(|h| HourRate { start: d + h * 3600, kg: Some(2.0) }).collect();
        hours.push(HourRate { start: d + 20 * 3600, kg: None });
        hours.push(HourRate { start: d + 21 * 3600, kg: None });
        hours
    }

    #[test]
    fn missing_hours_by_each_fill_rule_worked_by_hand() {
        let days = by_day(&march_hours());
        let d = day("2026-03-02");
        // The month runs until the end of that day (as if "now" were 2026-03-03 00:00): 2 days, 48 hours.
        let until = d + 86_400;
        let (only, per_day) = month(FillRule::ValidHoursOnly, day("2026-03-01"), until, &days);
        // valid_hours_only: 20 × 2 = 40 kg; 48 expected, 20 valid, 28 unfilled.
        assert!(close(only.kg, 40.0));
        assert_eq!((only.expected_hours, only.valid_hours, only.filled_hours, only.unfilled_hours()), (48, 20, 0, 28));
        assert_eq!(only.rule.code(), "valid_hours_only");
        assert_eq!(per_day.len(), 2);
        // period_mean_of_valid_hours: mean 2 kg/h fills the other 28 hours: 40 + 56 = 96 kg.
        let (mean, per_day) = month(FillRule::PeriodMeanOfValidHours, day("2026-03-01"), until, &days);
        assert!(close(mean.kg, 96.0));
        assert!(close(mean.filled_kg, 56.0));
        assert_eq!((mean.valid_hours, mean.filled_hours, mean.unfilled_hours()), (20, 28, 0));
        assert_eq!(mean.rule.code(), "period_mean_of_valid_hours");
        // Day 1 (no data) is filled entirely: 24 × 2 = 48; day 2: 40 + 4 × 2 = 48; days add up to the month.
        assert!(close(per_day[0].1.kg, 48.0) && close(per_day[1].1.kg, 48.0));
        assert!(close(per_day.iter().map(|(_, t)| t.kg).sum::<f64>(), mean.kg));
        // The same with 2026-03-01 06:30–18:00 marked 停运: the hours starting 07:00 … 17:00 (11) are not filled.
        let mut stopped = days.clone();
        add_stopped(&mut stopped, &[(day("2026-03-01") + 6 * 3600 + 1800, day("2026-03-01") + 18 * 3600)], day("2026-03-01"), until);
        let (t, _) = month(FillRule::PeriodMeanOfValidHours, day("2026-03-01"), until, &stopped);
        assert_eq!((t.valid_hours, t.stopped_hours, t.filled_hours, t.unfilled_hours()), (20, 11, 17, 0));
        assert!(close(t.kg, 40.0 + 17.0 * 2.0));
                // A month without any valid hour adds nothing, whatever the rule.
        let (empty, _) = month(FillRule::PeriodMeanOfValidHours, day("2026-04-01"), day("2026-05-01"), &days);
        assert_eq!((empty.kg, empty.expected_hours, empty.filled_hours, empty.unfilled_hours()), (0.0, 720, 0, 720));
    }

    #[test]
    fn year_rolling_months_and_warnings_against_the_permit() {
        // 1 kg every valid hour of 2025-12 and 2026-01 (whole months) and nothing else.
        let mut hours = Vec::new();
        for start in [day("2025-12-01"), day("2026-01-01")] {
            for h in 0..(31 * 24) {
                hours.push(HourRate { start: start + h * 3600, kg: Some(1.0) });
            }
        }
        let days = by_day(&hours);
        let until = day("2026-02-01");
        let settings = SETTINGS.clone();
        // Year 2026 to date: January only, 744 kg. Rolling 12 months (2025-02 … 2026-01): 1488 kg.
        let v = permit_view(&settings, 2026, until, &days, Some(1.8));
        assert!(close(v.year.kg, 744.0));
        assert_eq!(v.months.len(), 1);
        assert!(close(v.rolling.kg, 1488.0));
        assert_eq!(v.rolling_from, day("2025-02-01"));
        // 1.488 t of 1.8 t = 82.7 %: the 80 % warning, not the 100 % one.
        assert!(close(v.share.unwrap(), 1.488 / 1.8));
        assert_eq!(v.warning, Some(0.8));
        assert_eq!(permit_view(&settings, 2026, until, &days, Some(1.4)).warning, Some(1.0));
        assert_eq!(permit_view(&settings, 2026, until, &days, Some(2.0)).warning, None, "74.4 %: no warning");
        assert_eq!(permit_view(&settings, 2026, until, &days, None).share, None, "no permitted amount: no share");
        assert_eq!(months_back(day("2026-01-01"), 13), day("2024-12-01"));
    }
}
