//! Logger mismatch (数采仪数据不一致, §7.1 令第19号 Art. 19 (四) 「传输的污染源自动监控数据明显不一致」):
//! the logger's own hourly mean (2061) or its converted value disagreeing with the one the
//! platform computed from the logger's minutes.
//!
//! Only hours in which every minute received was valid are compared (valid computed hour with
//! `valid_count == total_count`): there the logger's plain mean of what it measured must equal
//! the platform's mean of the valid minutes; elsewhere they differ by design. A value differs
//! when the difference exceeds both `absolute_tolerance` and `relative_tolerance` × the larger
//! of the two. Fires with `min_hours` differing hours in the window. One merge-join per series.

use super::common::{Ctx, Cursor, finding, hour_end, judged, name, pct, val};
use super::settings::SETTINGS;
use crate::enforcement::finding::Finding;
use crate::i18n::catalogue::detectors as msg;

pub const CODE: &str = "logger_mismatch";

/// The relative difference when `a` and `b` differ beyond both tolerances.
fn differs(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    let set = &SETTINGS.logger_mismatch;
    let (a, b) = (val(a)?, val(b)?);
    let d = (a - b).abs();
    let scale = a.abs().max(b.abs());
    (d > set.absolute_tolerance.value && d > set.relative_tolerance.value * scale).then(|| if scale > 0.0 { d / scale } else { 0.0 })
}

pub fn detect(ctx: &Ctx, out: &mut Vec<Finding>) {
    let set = &SETTINGS.logger_mismatch;
    for p in ctx.s.pollutants.iter() {
        if p.logger_hours.is_empty() {
            continue;
        }
        let mut logger = Cursor::new(&p.logger_hours);
        let mut marked = ctx.marked();
        let (mut compared, mut hours, mut mean_hours, mut conv_hours) = (0usize, 0usize, 0usize, 0usize);
        let (mut first, mut last, mut max) = (None, 0i64, 0.0f64);
        for h in p.hours.iter().filter(|h| ctx.s.in_window(h.start)) {
            if !(judged(h, &mut marked) && h.total_count > 0 && h.valid_count == h.total_count) {
                continue;
            }
            let Some(l) = logger.at(h.start) else { continue };
            compared += 1;
            let dm = differs(h.mean, l.mean);
            let dc = differs(h.converted, l.converted);
            if dm.is_none() && dc.is_none() {
                continue;
            }
            hours += 1;
            mean_hours += dm.is_some() as usize;
            conv_hours += dc.is_some() as usize;
            max = max.max(dm.unwrap_or(0.0)).max(dc.unwrap_or(0.0));
            first.get_or_insert(h.start);
            last = h.start;
        }
        if hours < set.min_hours.count(1) {
            continue;
        }
        out.push(finding(
            CODE,
            Some(&p.code),
            first.unwrap_or(ctx.s.window.0),
            hour_end(last),
            msg::logger_mismatch(name(p), hours, compared, mean_hours, conv_hours, pct(max)),
            &[("hours", hours as f64), ("compared_hours", compared as f64), ("mean_hours", mean_hours as f64), ("converted_hours", conv_hours as f64), ("max_difference", max)],
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

    /// 24 hours of SO2 100 (converted 120), all minutes valid; the logger says the same except
    /// in the hours listed, where its converted value is `logger_converted`.
    fn case(hours: &[usize], logger_converted: f64) -> crate::enforcement::series::OutletSeries {
        let mut s = outlet();
        let mut p = series_converted("a21026", Some(200.0), &[120.0; 24]);
        for h in &mut p.hours {
            h.mean = Some(100.0);
            (h.valid_count, h.total_count) = (60, 60);
        }
        p.logger_hours = p.hours.clone();
        for &i in hours {
            p.logger_hours[i].converted = Some(logger_converted);
        }
        s.pollutants.push(p);
        s
    }

    #[test]
    fn fires_when_the_logger_reports_another_converted_value() {
        // 120 computed, 100 sent: 16.7 % apart, in 3 hours.
        let f = run(&case(&[4, 9, 15], 100.0));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].start, f[0].end), (T0 + 4 * H, T0 + 16 * H));
        assert_eq!((figure(&f[0], "hours"), figure(&f[0], "converted_hours"), figure(&f[0], "mean_hours")), (3.0, 3.0, 0.0));
        assert_eq!(figure(&f[0], "compared_hours"), 24.0);
    }

    #[test]
    fn near_misses_do_not_fire() {
        // 120 against 115: 4.2 % (within 5 %).
        assert!(run(&case(&[4, 9, 15], 115.0)).is_empty());
        // Two hours only.
        assert!(run(&case(&[4, 9], 100.0)).is_empty());
        // Hours with an invalid minute are not compared (the logger averages every minute).
        let mut s = case(&[4, 9, 15], 100.0);
        s.pollutants[0].hours[15].valid_count = 58;
        assert!(run(&s).is_empty());
    }
}
