//! Gaps (数据缺失): long stretches of the window without any stored hour of any series
//! (§7.2 checklist item 19 「长期无正当理由无自动监控数据」). A gap counts its hours not covered by a
//! mark (a reported outage explains them); with at least `min_hours` (令第19号 Art. 8: a fault
//! is reported within 12 hours, §2.3) it fires. The window is measured up to `now`; a trailing
//! gap that reaches `now` belongs to `offline`. O(n log n): the hours present, sorted.

use super::common::{H, Ctx, finding, hour_end};
use super::settings::SETTINGS;
use crate::enforcement::finding::Finding;
use crate::i18n::catalogue::detectors as msg;

pub const CODE: &str = "gap";

/// Windows up to two years are counted in hour slots.
const MAX_SLOTS: i64 = 2 * 366 * 24;

pub fn detect(ctx: &Ctx, out: &mut Vec<Finding>) {
    let s = ctx.s;
    let (w0, w1) = s.window;
    let end = w1.min(s.now);
    if w0 >= end {
        return;
    }
    // The hours present: a slot per window hour when the window is of a sensible length (one
    // pass), else the starts sorted.
    let slots = end.saturating_sub(w0) / H + 1;
    let mut present: Vec<i64> = Vec::new();
    if slots <= MAX_SLOTS {
        let mut seen = vec![false; slots as usize];
        for h in s.pollutants.iter().flat_map(|p| p.hours.iter()).filter(|h| h.start >= w0 && h.start < end) {
            seen[((h.start - w0) / H) as usize] = true;
        }
        present.extend(seen.iter().enumerate().filter(|(_, x)| **x).map(|(i, _)| w0 + i as i64 * H));
    } else {
        present.extend(s.pollutants.iter().flat_map(|p| p.hours.iter().map(|h| h.start)).filter(|t| *t >= w0 && *t < end));
        present.sort_unstable();
        present.dedup();
    }
    let emit = |a: i64, b: i64, out: &mut Vec<Finding>| {
        let seconds = b.saturating_sub(a);
        let marked = ctx.marked_seconds(a, b);
        let unmarked_hours = seconds.saturating_sub(marked) / H;
        if unmarked_hours >= SETTINGS.gap.min_hours.count(1) as i64 {
            let hours = seconds / H;
            out.push(finding(CODE, None, a, b, msg::gap(hours, marked / H, SETTINGS.gap.min_hours.count(1) as i64), &[("hours", hours as f64), ("marked_hours", (marked / H) as f64)]));
        }
    };
    let mut from = w0;
    for &t in &present {
        if t > from {
            emit(from, t, out);
        }
        from = from.max(hour_end(t));
    }
    // The tail: a gap of the past (the window ended before now); up to now it is offline's.
    if from < end && w1 <= s.now {
        emit(from, end, out);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    fn run(s: &crate::enforcement::series::OutletSeries) -> Vec<Finding> {
        run_checked(s, CODE)
    }

    fn case(missing: std::ops::Range<usize>) -> crate::enforcement::series::OutletSeries {
        let mut s = outlet();
        s.window = (T0, T0 + 48 * H);
        s.now = T0 + 48 * H;
        let mut p = series("a21026", Some(200.0), &[50.0; 48]);
        p.hours.retain(|h| !missing.contains(&(((h.start - T0) / H) as usize)));
        s.pollutants.push(p);
        s
    }

    #[test]
    fn fires_on_thirteen_hours_without_data() {
        let f = run(&case(10..23));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].start, f[0].end, f[0].pollutant.clone()), (T0 + 10 * H, T0 + 23 * H, None));
        assert_eq!(figure(&f[0], "hours"), 13.0);
        // A gap at the end of a past window counts too.
        let f = run(&case(30..48));
        assert_eq!((f.len(), f[0].end), (1, T0 + 48 * H));
    }

    #[test]
    fn near_misses_do_not_fire() {
        // Eleven hours.
        assert!(run(&case(10..21)).is_empty());
        // Thirteen hours, eight of them under a communication outage mark: five unmarked.
        let mut s = case(10..23);
        s.marks.push(mark("comm_outage", T0 + 10 * H, T0 + 18 * H, T0 + 11 * H));
        assert!(run(&s).is_empty());
        // The window reaches into the future: the tail after the last hour is offline's business.
        let mut s = case(30..48);
        s.window.1 = T0 + 72 * H;
        assert!(run(&s).is_empty());
    }
}
