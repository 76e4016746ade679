//! Exceedance episodes (超标时段): every judged period above its limit, consecutive ones of one
//! pollutant merged.
//!
//! A period is judged when its average is valid, no active mark covers it and it has a value
//! to compare (the converted mean where the standard converts, else the measured mean): marked
//! and invalid data are not judged (monitoring-facts.md §4.1, §4.2; 2022 marking framework:
//! marked data 「不作为超标判定依据」). Periods are consecutive when each starts one basis
//! (an hour, a day) after the previous: an hour that is invalid, marked or missing ends the
//! episode, and the next exceeding hour starts another.

use super::limits::Basis;
use super::series::{OutletSeries, Point, PollutantSeries};

#[derive(Clone, Debug, PartialEq)]
pub struct Episode {
    pub pollutant: String,
    pub basis: Basis,
    /// Unix seconds: the start of the first exceeding period.
    pub start: i64,
    /// Unix seconds: the start of the last exceeding period (the CLI's `end`).
    pub end: i64,
    /// Exceeding periods in the episode (hours or days).
    pub periods: u32,
    /// The highest compared value (converted where the standard converts).
    pub max_value: f64,
    pub limit: f64,
    /// `max_value / limit`.
    pub max_ratio: f64,
}

impl Episode {
    /// The end of the last period (exclusive), Unix seconds.
    pub fn end_exclusive(&self) -> i64 {
        self.end + self.basis.seconds()
    }
}

/// The value a period is judged on, or None when it is not judged (invalid, marked, no value,
/// or not over yet: today's daily mean is not a daily mean until the day has ended).
pub fn judged_value(series: &OutletSeries, basis: Basis, p: &Point) -> Option<f64> {
    let end = p.start + basis.seconds();
    if !p.valid || end > series.now || series.marked(p.start, end) {
        return None;
    }
    p.compliance_value().filter(|v| v.is_finite())
}

/// The episodes of one pollutant on one basis in the points given (time order).
pub fn of_points(series: &OutletSeries, pollutant: &str, basis: Basis, limit: f64, points: &[Point]) -> Vec<Episode> {
    let mut out: Vec<Episode> = Vec::new();
    let mut open: Option<Episode> = None;
    for p in points {
        let value = judged_value(series, basis, p).filter(|v| *v > limit);
        match (value, open.as_mut()) {
            (Some(v), Some(e)) if p.start == e.end + basis.seconds() => {
                e.end = p.start;
                e.periods += 1;
                if v > e.max_value {
                    e.max_value = v;
                    e.max_ratio = v / limit;
                }
            }
            (Some(v), _) => {
                out.extend(open.take());
                open = Some(Episode { pollutant: pollutant.to_string(), basis, start: p.start, end: p.start, periods: 1, max_value: v, limit, max_ratio: v / limit });
            }
            (None, _) => out.extend(open.take()),
        }
    }
    out.extend(open);
    out
}

/// Every episode of the outlet in the data given, each pollutant on each basis its standard
/// judges (`limits::applicable`), in (pollutant, basis, start) order.
pub fn of_outlet(series: &OutletSeries) -> Vec<Episode> {
    let mut out = Vec::new();
    for p in &series.pollutants {
        out.extend(of_pollutant(series, p));
    }
    out
}

fn of_pollutant(series: &OutletSeries, p: &PollutantSeries) -> Vec<Episode> {
    let mut out = Vec::new();
    let mut limits = super::limits::applicable(series.medium, &series.standard, &p.code, p.limit);
    if let Some(daily) = p.daily_limit {
        limits.retain(|(b, _)| *b != Basis::Day);
        limits.push((Basis::Day, daily));
    }
    for (basis, limit) in limits {
        let points = match basis {
            Basis::Hour => &p.hours,
            Basis::Day => &p.days,
        };
        out.extend(of_points(series, &p.code, basis, limit, points));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enforcement::series::MarkSpan;
    use crate::monitoring::rules::Medium;

    const H: i64 = 3600;
    const T0: i64 = 1_767_196_800; // 2026-01-01 00:00 Beijing

    fn outlet(medium: Medium, standard: &str) -> OutletSeries {
        OutletSeries {
            credit_code: "91610100MA6TXXXX0X".into(),
            outlet_code: "DA001".into(),
            enterprise_name: String::new(),
            outlet_name: String::new(),
            division_code: "610102".into(),
            industry_code: "3011".into(),
            medium,
            reference_o2: Some(10.0),
            standard: standard.into(),
            pollutants: Vec::new(),
            marks: Vec::new(),
            window: (T0, T0 + 86_400),
            last_contact: None,
            future_frames: Vec::new(),
            conflicts: Vec::new(),
            now: T0 + 10 * 86_400,
        }
    }

    /// Hourly points from converted values; None = an invalid hour; hours missing are left out by the caller.
    fn hours(values: &[Option<f64>]) -> Vec<Point> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| Point { start: T0 + i as i64 * H, valid: v.is_some(), mean: v.map(|v| v * 0.8), converted: *v, ..Default::default() })
            .collect()
    }

    #[test]
    fn consecutive_exceeding_hours_merge_into_one_episode() {
        // Limit 200 (GB 4915 kiln SO2). Hours 2–4 exceed (210, 260, 205): one episode, max 260, ratio 1.3.
        let s = outlet(Medium::Air, "GB 4915-2013 表1");
        let e = of_points(&s, "a21026", Basis::Hour, 200.0, &hours(&[Some(150.0), Some(199.9), Some(210.0), Some(260.0), Some(205.0), Some(200.0)]));
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].start, e[0].end, e[0].periods), (T0 + 2 * H, T0 + 4 * H, 3));
        assert_eq!(e[0].max_value, 260.0);
        assert!((e[0].max_ratio - 1.3).abs() < 1e-12);
        // A value equal to the limit does not exceed it.
        assert_eq!(e[0].end_exclusive(), T0 + 5 * H);
    }

    #[test]
    fn an_invalid_hour_in_between_splits_the_episode() {
        let s = outlet(Medium::Air, "");
        let e = of_points(&s, "a21026", Basis::Hour, 200.0, &hours(&[Some(250.0), None, Some(240.0), Some(230.0)]));
        assert_eq!(e.iter().map(|e| (e.start, e.periods)).collect::<Vec<_>>(), vec![(T0, 1), (T0 + 2 * H, 2)]);
    }

    #[test]
    fn a_missing_hour_splits_the_episode_too() {
        let s = outlet(Medium::Air, "");
        let mut pts = hours(&[Some(250.0), Some(250.0), Some(240.0)]);
        pts.remove(1);
        assert_eq!(of_points(&s, "a21026", Basis::Hour, 200.0, &pts).len(), 2);
    }

    #[test]
    fn a_marked_hour_is_not_judged() {
        let mut s = outlet(Medium::Air, "");
        // Hour 1 is covered by a maintenance mark: 900 there is not an exceedance.
        s.marks.push(MarkSpan { kind: "maintenance".into(), starts_at: T0 + H + 600, ends_at: T0 + H + 1200, entered_at: T0 });
        let e = of_points(&s, "a21026", Basis::Hour, 200.0, &hours(&[Some(250.0), Some(900.0), Some(260.0)]));
        assert_eq!(e.len(), 2);
        assert!(e.iter().all(|e| e.max_value < 300.0));
    }

    #[test]
    fn the_converted_value_is_judged_not_the_measured_one() {
        let s = outlet(Medium::Air, "");
        // Measured 180 (below 200) but converted 225: an exceedance on the compliance value.
        let p = vec![Point { start: T0, valid: true, mean: Some(180.0), converted: Some(225.0), ..Default::default() }];
        assert_eq!(of_points(&s, "a21026", Basis::Hour, 200.0, &p)[0].max_value, 225.0);
        // Without a conversion, the measured mean.
        let p = vec![Point { start: T0, valid: true, mean: Some(180.0), converted: None, ..Default::default() }];
        assert!(of_points(&s, "a21026", Basis::Hour, 200.0, &p).is_empty());
    }

    #[test]
    fn a_period_not_over_yet_is_not_judged() {
        let mut s = outlet(Medium::Water, "");
        let day = Point { start: T0, valid: true, mean: Some(300.0), ..Default::default() };
        s.now = T0 + 2 * H;
        assert!(of_points(&s, "w01018", Basis::Day, 100.0, std::slice::from_ref(&day)).is_empty(), "two hours into the day");
        s.now = T0 + 86_400;
        assert_eq!(of_points(&s, "w01018", Basis::Day, 100.0, &[day]).len(), 1);
    }

    #[test]
    fn water_is_judged_on_daily_means() {
        let mut s = outlet(Medium::Water, "GB 8978-1996 表4 一级");
        let day = |i: i64, v: f64| Point { start: T0 + i * 86_400, valid: true, mean: Some(v), ..Default::default() };
        s.pollutants.push(PollutantSeries {
            code: "w01018".into(),
            limit: Some(100.0),
            // An hourly mean of 400 does not count for water; the daily means 120 and 101 do.
            hours: vec![Point { start: T0, valid: true, mean: Some(400.0), ..Default::default() }],
            days: vec![day(0, 120.0), day(1, 101.0), day(2, 99.0)],
            ..Default::default()
        });
        let e = of_outlet(&s);
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].basis, e[0].periods, e[0].max_value), (Basis::Day, 2, 120.0));
    }

    #[test]
    fn gb18484_is_judged_on_hourly_and_daily_means() {
        let mut s = outlet(Medium::Air, "GB 18484-2020 表3");
        s.pollutants.push(PollutantSeries {
            code: "a21026".into(),
            limit: Some(100.0),
            hours: hours(&[Some(90.0), Some(110.0)]),
            days: vec![Point { start: T0, valid: true, mean: Some(70.0), converted: Some(85.0), ..Default::default() }],
            ..Default::default()
        });
        let e = of_outlet(&s);
        assert_eq!(e.iter().map(|e| (e.basis, e.limit, e.max_value)).collect::<Vec<_>>(), vec![(Basis::Hour, 100.0, 110.0), (Basis::Day, 80.0, 85.0)]);
    }
}
