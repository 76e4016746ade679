//! Variance collapse (波动消失): the coefficient of variation (standard deviation ÷ mean) of a
//! pollutant's judged hourly means (valid, not marked; measured) in the window against the same
//! in the outlet's own history (§7.2 items 21–22: values 「长期在某一固定值上下小幅波动」).
//! Fires when the window has `min_window_hours`, the history `min_history_hours` with a
//! coefficient of at least `min_history_cv`, and the window's is at most `max_cv_ratio` times
//! the history's. One pass per series (shifted sums).

use super::common::{Ctx, finding, hour_end, judged, name, pct, val};
use super::settings::SETTINGS;
use crate::enforcement::finding::Finding;
use crate::i18n::catalogue::detectors as msg;

pub const CODE: &str = "variance_collapse";

#[derive(Default)]
struct Acc {
    n: usize,
    shift: f64,
    s: f64,
    ss: f64,
}

impl Acc {
    fn add(&mut self, v: f64) {
        if self.n == 0 {
            self.shift = v;
        }
        let d = v - self.shift;
        self.n += 1;
        self.s += d;
        self.ss += d * d;
    }
    /// Coefficient of variation; None unless the mean is above zero.
    fn cv(&self) -> Option<f64> {
        if self.n == 0 {
            return None;
        }
        let m = self.s / self.n as f64;
        let sd = (self.ss / self.n as f64 - m * m).max(0.0).sqrt();
        let mean = self.shift + m;
        (mean > 0.0).then(|| sd / mean)
    }
}

pub fn detect(ctx: &Ctx, out: &mut Vec<Finding>) {
    let set = &SETTINGS.variance_collapse;
    let (w0, w1) = ctx.s.window;
    for p in ctx.pollutants() {
        let (mut win, mut hist) = (Acc::default(), Acc::default());
        let (mut first, mut last) = (None, 0i64);
        let mut marked = ctx.marked();
        for h in p.hours.iter().take_while(|h| h.start < w1) {
            if !judged(h, &mut marked) {
                continue;
            }
            let Some(v) = val(h.mean) else { continue };
            if h.start >= w0 {
                win.add(v);
                first.get_or_insert(h.start);
                last = h.start;
            } else {
                hist.add(v);
            }
        }
        if win.n < set.min_window_hours.count(2) || hist.n < set.min_history_hours.count(2) {
            continue;
        }
        let (Some(cv), Some(hcv)) = (win.cv(), hist.cv()) else { continue };
        if hcv < set.min_history_cv.value || cv > set.max_cv_ratio.value * hcv {
            continue;
        }
        let ratio = cv / hcv;
        out.push(finding(
            CODE,
            Some(&p.code),
            first.unwrap_or(w0),
            hour_end(last),
            msg::variance_collapse(name(p), win.n, pct(cv), hist.n, pct(hcv), pct(ratio)),
            &[("cv", cv), ("history_cv", hcv), ("ratio", ratio), ("hours", win.n as f64), ("history_hours", hist.n as f64)],
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

    /// 168 history hours alternating 80/120 (CV 0.2), then 96 window hours alternating
    /// 100 ∓ `half` (CV half/100).
    fn case(half: f64) -> crate::enforcement::series::OutletSeries {
        let mut s = outlet();
        s.window = (T0 + 168 * H, T0 + 264 * H);
        let v: Vec<f64> = (0..264).map(|i| if i < 168 { if i % 2 == 0 { 80.0 } else { 120.0 } } else if i % 2 == 0 { 100.0 - half } else { 100.0 + half }).collect();
        s.pollutants.push(series("a34013", Some(30.0 * 10.0), &v));
        s
    }

    #[test]
    fn fires_when_the_variation_collapses() {
        // CV 0.04 against 0.2: a fifth (≤ a quarter).
        let f = run(&case(4.0));
        assert_eq!(f.len(), 1, "{f:?}");
        assert!((figure(&f[0], "cv") - 0.04).abs() < 1e-9);
        assert!((figure(&f[0], "history_cv") - 0.2).abs() < 1e-9);
        assert_eq!(figure(&f[0], "hours"), 96.0);
    }

    #[test]
    fn near_miss_does_not_fire() {
        // CV 0.06 against 0.2: 0.3 of it (> 0.25).
        assert!(run(&case(6.0)).is_empty());
    }
}
