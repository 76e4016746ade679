//! Mark share (标记占比异常): marks covering an unusual share of the window. Marked data is not
//! judged (2022 marking framework, §2.1: 「不作为超标判定依据」), so marks that cover much of the
//! time hide the outlet from judgment. Fires when marks cover at least `min_share` of the window
//! (up to `now`) and, when the outlet has `min_history_hours` of history (from its first stored
//! hour to the window), at least `history_ratio` times the history's share.

use super::common::{H, Ctx, finding, pct};
use super::settings::SETTINGS;
use crate::enforcement::finding::Finding;
use crate::i18n::catalogue::detectors as msg;

pub const CODE: &str = "mark_share";

pub fn detect(ctx: &Ctx, out: &mut Vec<Finding>) {
    let set = &SETTINGS.mark_share;
    let s = ctx.s;
    let (w0, w1) = (s.window.0, s.window.1.min(s.now));
    let length = w1.saturating_sub(w0);
    if length <= 0 || ctx.marks.is_empty() {
        return;
    }
    let marked = ctx.marked_seconds(w0, w1);
    let share = marked as f64 / length as f64;
    if share < set.min_share.value {
        return;
    }
    let first = s.pollutants.iter().filter_map(|p| p.hours.first()).map(|h| h.start).min().unwrap_or(w0);
    let history = w0.saturating_sub(first);
    let hours = length / H;
    let marked_hours = marked / H;
    if history / H >= set.min_history_hours.count(1) as i64 {
        let hshare = ctx.marked_seconds(first, w0) as f64 / history as f64;
        if share < set.history_ratio.value * hshare {
            return;
        }
        out.push(finding(
            CODE,
            None,
            w0,
            w1,
            msg::mark_share_history(pct(share), marked_hours, hours, pct(hshare)),
            &[("share", share), ("marked_hours", marked_hours as f64), ("hours", hours as f64), ("history_share", hshare)],
        ));
    } else {
        out.push(finding(CODE, None, w0, w1, msg::mark_share(pct(share), marked_hours, hours), &[("share", share), ("marked_hours", marked_hours as f64), ("hours", hours as f64)]));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    fn run(s: &crate::enforcement::series::OutletSeries) -> Vec<Finding> {
        run_checked(s, CODE)
    }

    /// A 100-hour window after 200 hours of history with a 10-hour mark; `marked` window hours marked.
    fn case(marked: i64) -> crate::enforcement::series::OutletSeries {
        let mut s = outlet();
        s.window = (T0 + 200 * H, T0 + 300 * H);
        s.now = T0 + 300 * H;
        s.pollutants.push(series("a21026", Some(200.0), &[50.0; 300]));
        s.marks.push(mark("fault", T0 + 50 * H, T0 + 60 * H, T0 + 50 * H));
        s.marks.push(mark("maintenance", T0 + 210 * H, T0 + (210 + marked) * H, T0 + 210 * H));
        s
    }

    #[test]
    fn fires_when_marks_cover_a_quarter_of_the_window() {
        let f = run(&case(25));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(figure(&f[0], "share"), 0.25);
        assert_eq!(figure(&f[0], "history_share"), 0.05);
        // Without history, the share alone.
        let mut s = case(25);
        s.pollutants[0].hours.drain(..200);
        assert_eq!(run(&s)[0].explanation.code(), "detectors.mark_share.high");
    }

    #[test]
    fn near_misses_do_not_fire() {
        // 19 % of the window.
        assert!(run(&case(19)).is_empty());
        // 25 %, but the history was marked 15 % (ratio 1.67 < 2).
        let mut s = case(25);
        s.marks.push(mark("fault", T0 + 100 * H, T0 + 120 * H, T0 + 100 * H));
        assert!(run(&s).is_empty());
    }
}
