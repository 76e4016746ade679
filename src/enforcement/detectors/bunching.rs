//! Bunching below the limit (贴限排放, monitoring-facts.md §7.2; §7.3 Karplus et al. 2018):
//! the share of the window's judged hourly values (valid, not marked; the value compared with
//! the limit, converted where the standard converts) in `[band_low × limit, limit)`, against the
//! same share in the outlet's own history (hours before the window). Fires when the window has
//! `min_window_hours`, the history `min_history_hours`, the window's share is at least
//! `min_share` and at least `min_ratio` times the history's. One pass per series.
//!
//! Water outlets are judged on daily means against the limit, but a month holds only 30 of
//! them: the hourly means are compared with the same limit here, as for air.

use super::common::{Ctx, finding, hour_end, judged, name, pct, r2, val};
use super::settings::SETTINGS;
use crate::enforcement::finding::Finding;
use crate::i18n::catalogue::detectors as msg;

pub const CODE: &str = "bunching";

pub fn detect(ctx: &Ctx, out: &mut Vec<Finding>) {
    let set = &SETTINGS.bunching;
    let (w0, w1) = ctx.s.window;
    for p in ctx.pollutants() {
        let Some(limit) = val(p.limit).filter(|l| *l > 0.0) else { continue };
        let low = set.band_low.value * limit;
        let (mut wn, mut wb, mut hn, mut hb) = (0usize, 0usize, 0usize, 0usize);
        let (mut first, mut last) = (None, 0i64);
        let mut marked = ctx.marked();
        for h in &p.hours {
            if h.start >= w1 {
                break;
            }
            if !judged(h, &mut marked) {
                continue;
            }
            let Some(v) = val(h.compliance_value()) else { continue };
            let inside = v >= low && v < limit;
            if h.start >= w0 {
                wn += 1;
                wb += inside as usize;
                first.get_or_insert(h.start);
                last = h.start;
            } else {
                hn += 1;
                hb += inside as usize;
            }
        }
        if wn < set.min_window_hours.count(1) || hn < set.min_history_hours.count(1) {
            continue;
        }
        let share = wb as f64 / wn as f64;
        let history = hb as f64 / hn as f64;
        if share < set.min_share.value || share < set.min_ratio.value * history {
            continue;
        }
        let start = first.unwrap_or(w0);
        out.push(finding(
            CODE,
            Some(&p.code),
            start,
            hour_end(last),
            msg::bunching(name(p), pct(share), wn, pct(set.band_low.value), r2(limit), pct(history), hn),
            &[("share", share), ("hours", wn as f64), ("band_hours", wb as f64), ("history_share", history), ("history_hours", hn as f64), ("limit", limit)],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    fn run(s: &crate::enforcement::series::OutletSeries) -> Vec<Finding> {
        run_checked(s, CODE)
    }

    /// 240 hours of history then a 240-hour window; `in_band` of every 10 window hours sit at
    /// 95 % of the limit 100, the rest at 60–80; the history has one hour in ten in the band.
    fn case(in_band: usize) -> crate::enforcement::series::OutletSeries {
        let mut s = outlet();
        s.window = (T0 + 240 * H, T0 + 480 * H);
        let v: Vec<f64> = (0..480)
            .map(|i| {
                let k = i % 10;
                let band = if i < 240 { k < 1 } else { k < in_band };
                if band { 95.0 } else { 60.0 + k as f64 * 2.0 }
            })
            .collect();
        s.pollutants.push(series_converted("a21002", Some(100.0), &v));
        s
    }

    #[test]
    fn fires_when_the_window_bunches_below_the_limit() {
        // Window: 4 in 10 hours in [90, 100): share 0.4 ≥ 0.3 and ≥ 2 × 0.1.
        let f = run(&case(4));
        assert_eq!(f.len(), 1, "{f:?}");
        assert!((figure(&f[0], "share") - 0.4).abs() < 1e-12);
        assert!((figure(&f[0], "history_share") - 0.1).abs() < 1e-12);
        assert_eq!(figure(&f[0], "hours"), 240.0);
        assert_eq!((f[0].start, f[0].end), (T0 + 240 * H, T0 + 480 * H));
    }

    #[test]
    fn near_miss_below_the_share_does_not_fire() {
        // 2 in 10: share 0.2 < 0.3.
        assert!(run(&case(2)).is_empty());
        // Without history there is nothing to compare with.
        let mut s = case(4);
        s.pollutants[0].hours.drain(..240);
        assert!(run(&s).is_empty());
        // A value equal to the limit is not below it: all window band hours at 100 instead of 95.
        let mut s = case(4);
        for h in s.pollutants[0].hours.iter_mut().skip(240) {
            if h.converted == Some(95.0) {
                h.converted = Some(100.0);
            }
        }
        assert!(run(&s).is_empty());
    }
}
