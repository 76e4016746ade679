//! Flatline (恒值): constant hourly means over hours while the unit runs.
//!
//! monitoring-facts.md §7.2, checklist items 21–22: 「数据变化幅度长期在某一固定值上下小幅波动」,
//! 「数据变化幅度长期在量程2%以内波动」. A run is a stretch of consecutive judged hours (valid,
//! not marked) in the window whose measured hourly means all lie within `band_share` × the
//! reference scale (the outlet's limit, standing in for the instrument range the ledger does not
//! carry), at least `min_hours` long, during which the unit runs: the flow is above the running
//! level (see `common`) in `min_running_share` of the hours, or, for an outlet without a flow
//! series, another of its series varies beyond the same band.
//!
//! The longest such runs are found in one pass with two monotone queues (the running minimum
//! and maximum): O(n) per series.

use std::collections::VecDeque;

use super::common::{H, Ctx, finding, hour_end, judged, name, pct, r2, val};
use super::settings::SETTINGS;
use crate::i18n::catalogue::detectors as msg;
use crate::enforcement::finding::Finding;
use crate::enforcement::series::{Point, PollutantSeries};

pub const CODE: &str = "flatline";

pub fn detect(ctx: &Ctx, out: &mut Vec<Finding>) {
    let set = &SETTINGS.flatline;
    let min_hours = set.min_hours.count(2);
    let mut lo: VecDeque<usize> = VecDeque::new();
    let mut hi: VecDeque<usize> = VecDeque::new();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for p in ctx.pollutants() {
        let Some(limit) = val(p.limit).filter(|l| *l > 0.0) else { continue };
        let band = set.band_share.value * limit;
        runs.clear();
        flat_runs(ctx, &p.hours, band, min_hours, &mut lo, &mut hi, &mut runs);
        for &(a, b) in &runs {
            if let Some(f) = judge_run(ctx, p, a, b, limit) {
                out.push(f);
            }
        }
    }
}

fn value(hours: &[Point], i: usize) -> f64 {
    hours[i].mean.unwrap_or(0.0)
}

/// Index ranges `[a, b)` of maximal flat runs of at least `min_hours` hours.
fn flat_runs(ctx: &Ctx, hours: &[Point], band: f64, min_hours: usize, lo: &mut VecDeque<usize>, hi: &mut VecDeque<usize>, runs: &mut Vec<(usize, usize)>) {
    let mut marked = ctx.marked();
    let mut l = 0usize;
    let mut active = false;
    let mut prev = i64::MIN;
    lo.clear();
    hi.clear();
    for (i, h) in hours.iter().enumerate() {
        let v = if ctx.s.in_window(h.start) && judged(h, &mut marked) { val(h.mean) } else { None };
        let contiguous = active && h.start == prev.saturating_add(H);
        if active && (v.is_none() || !contiguous) {
            if i - l >= min_hours {
                runs.push((l, i));
            }
            active = false;
            lo.clear();
            hi.clear();
        }
        let Some(v) = v else { continue };
        if !active {
            l = i;
            active = true;
        }
        prev = h.start;
        while lo.back().is_some_and(|&j| value(hours, j) >= v) {
            lo.pop_back();
        }
        lo.push_back(i);
        while hi.back().is_some_and(|&j| value(hours, j) <= v) {
            hi.pop_back();
        }
        hi.push_back(i);
        let range = |lo: &VecDeque<usize>, hi: &VecDeque<usize>| value(hours, hi[0]) - value(hours, lo[0]);
        if range(lo, hi) > band {
            if i - l >= min_hours {
                // [l, i) was flat and long enough: report it and start afresh at i.
                runs.push((l, i));
                lo.clear();
                hi.clear();
                lo.push_back(i);
                hi.push_back(i);
                l = i;
            } else {
                while range(lo, hi) > band {
                    l += 1;
                    while lo.front().is_some_and(|&j| j < l) {
                        lo.pop_front();
                    }
                    while hi.front().is_some_and(|&j| j < l) {
                        hi.pop_front();
                    }
                }
            }
        }
    }
    if active && hours.len() - l >= min_hours {
        runs.push((l, hours.len()));
    }
}

fn judge_run(ctx: &Ctx, p: &PollutantSeries, a: usize, b: usize, limit: f64) -> Option<Finding> {
    let set = &SETTINGS;
    let hours = &p.hours[a..b];
    let n = hours.len();
    let (t0, t1) = (hours[0].start, hour_end(hours[n - 1].start));
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    for h in hours {
        let v = h.mean.unwrap_or(0.0);
        low = low.min(v);
        high = high.max(v);
    }
    let (running, running_hours) = match ctx.flow_cursor() {
        Some(mut flow) => {
            let k = hours.iter().filter(|h| flow.mean_at(h.start).is_some_and(|f| ctx.runs(f))).count();
            if (k as f64) < set.common.min_running_share.value * n as f64 {
                return None;
            }
            (msg::flatline_running_flow(k), k as f64)
        }
        None => {
            let other = ctx.s.pollutants.iter().filter(|q| q.code != p.code).find(|q| varies(&q.hours, t0, t1))?;
            (msg::flatline_running_other(name(other)), 0.0)
        }
    };
    let share = set.flatline.band_share.value;
    Some(finding(
        CODE,
        Some(&p.code),
        t0,
        t1,
        msg::flatline(name(p), n, r2(low), r2(high), pct(share), r2(limit), running),
        &[("hours", n as f64), ("low", r2(low)), ("high", r2(high)), ("spread", r2(high - low)), ("scale", limit), ("band_share", share), ("running_hours", running_hours)],
    ))
}

/// Whether a series varies in `[t0, t1)` beyond the flatline band of its own scale (its limit,
/// else its mean level there).
fn varies(hours: &[Point], t0: i64, t1: i64) -> bool {
    let from = hours.partition_point(|h| h.start < t0);
    let (mut low, mut high, mut sum, mut n) = (f64::INFINITY, f64::NEG_INFINITY, 0.0, 0usize);
    for h in hours[from..].iter().take_while(|h| h.start < t1) {
        let Some(v) = val(h.mean).filter(|_| h.valid) else { continue };
        low = low.min(v);
        high = high.max(v);
        sum += v.abs();
        n += 1;
    }
    n >= 2 && high - low > SETTINGS.flatline.band_share.value * (sum / n as f64)
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    fn run(s: &crate::enforcement::series::OutletSeries) -> Vec<Finding> {
        run_checked(s, CODE)
    }

    #[test]
    fn fires_on_a_stuck_analyser_while_the_flow_runs() {
        // SO2, limit 200: 2 % of it is 4. Hours 24–37 (14 h) read 120.0–123.5: flat. Flow varies
        // around 40 000 m³/h throughout.
        let mut s = outlet();
        let so2: Vec<f64> = (0..72).map(|i| if (24..38).contains(&i) { 120.0 + (i % 8) as f64 * 0.5 } else { wavy(i, 120.0, 30.0) }).collect();
        s.pollutants.push(series("a21026", Some(200.0), &so2));
        s.pollutants.push(series(FLOW, None, &(0..72).map(|i| wavy(i, 11.0, 2.0)).collect::<Vec<_>>()));
        let f = run(&s);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].start, f[0].end), (T0 + 24 * H, T0 + 38 * H));
        assert_eq!(figure(&f[0], "hours"), 14.0);
        assert_eq!(figure(&f[0], "spread"), 3.5);
        assert_eq!(figure(&f[0], "running_hours"), 14.0);
    }

    #[test]
    fn near_misses_do_not_fire() {
        // Variation 4.5 (> 4 = 2 % of 200) over the same hours.
        let mut s = outlet();
        let so2: Vec<f64> = (0..72).map(|i| if (24..38).contains(&i) { 120.0 + (i % 2) as f64 * 4.5 } else { wavy(i, 120.0, 30.0) }).collect();
        s.pollutants.push(series("a21026", Some(200.0), &so2));
        s.pollutants.push(series(FLOW, None, &(0..72).map(|i| wavy(i, 11.0, 2.0)).collect::<Vec<_>>()));
        assert!(run(&s).is_empty());
        // Flat, but only 11 hours.
        let mut s = outlet();
        let so2: Vec<f64> = (0..72).map(|i| if (24..35).contains(&i) { 120.0 } else { wavy(i, 150.0, 30.0) }).collect();
        s.pollutants.push(series("a21026", Some(200.0), &so2));
        s.pollutants.push(series(FLOW, None, &(0..72).map(|i| wavy(i, 11.0, 2.0)).collect::<Vec<_>>()));
        assert!(run(&s).is_empty());
        // Flat for 14 hours, but the unit stood still (flow zero): not a flatline of a running unit.
        let mut s = outlet();
        let so2: Vec<f64> = (0..72).map(|i| if (24..38).contains(&i) { 120.0 } else { wavy(i, 120.0, 30.0) }).collect();
        s.pollutants.push(series("a21026", Some(200.0), &so2));
        s.pollutants.push(series(FLOW, None, &(0..72).map(|i| if (24..38).contains(&i) { 0.0 } else { wavy(i, 11.0, 2.0) }).collect::<Vec<_>>()));
        assert!(run(&s).is_empty());
    }
}
