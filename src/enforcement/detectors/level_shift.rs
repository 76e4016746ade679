//! Level shift (突变): the mean level of a pollutant changes suddenly — right after maintenance
//! or calibration (a mark of `mark_kinds`; work on the analyser is when parameters can be
//! changed, §7.1 令第19号 Art. 19 (六), §7.2 Liaoning), or anywhere in the window.
//!
//! The judged hours (valid, not marked; measured means) of the series in time order are
//! compared in blocks: after a mark, up to `after_mark_hours` judged hours before the mark's
//! start against as many after its end (at least half on each side); anywhere, the
//! `sudden_hours` judged hours before each window hour against the `sudden_hours` from it.
//! A shift fires when the change of the mean is at least `*_min_change` of the level before and
//! at least `*_min_sds` pooled standard deviations. Prefix sums make every block O(1): O(n) per
//! series; a sudden shift is reported once, at its strongest hour.

use super::common::{Ctx, finding, hour_end, judged, name, pct, r2, val};
use super::settings::SETTINGS;
use crate::enforcement::finding::Finding;
use crate::i18n::Arg;
use crate::i18n::catalogue::detectors as msg;
use crate::monitoring::rules::MARKS;

pub const CODE: &str = "level_shift";

/// Prefix sums over the judged values (shifted by the first value for accuracy).
struct Prefix {
    at: Vec<i64>,
    s: Vec<f64>,
    ss: Vec<f64>,
    shift: f64,
}

impl Prefix {
    fn fill(&mut self, ctx: &Ctx, p: &crate::enforcement::series::PollutantSeries) {
        self.at.clear();
        self.s.clear();
        self.ss.clear();
        self.s.push(0.0);
        self.ss.push(0.0);
        self.shift = f64::NAN;
        let mut marked = ctx.marked();
        let (mut s, mut ss) = (0.0, 0.0);
        for h in p.hours.iter().take_while(|h| h.start < ctx.s.window.1) {
            if !judged(h, &mut marked) {
                continue;
            }
            let Some(v) = val(h.mean) else { continue };
            if self.shift.is_nan() {
                self.shift = v;
            }
            let d = v - self.shift;
            s += d;
            ss += d * d;
            self.at.push(h.start);
            self.s.push(s);
            self.ss.push(ss);
        }
    }

    fn len(&self) -> usize {
        self.at.len()
    }

    /// Mean and variance of values `[a, b)`.
    fn block(&self, a: usize, b: usize) -> (f64, f64) {
        let n = (b - a) as f64;
        let m = (self.s[b] - self.s[a]) / n;
        let var = ((self.ss[b] - self.ss[a]) / n - m * m).max(0.0);
        (self.shift + m, var)
    }

    /// (before mean, after mean, relative change, change in pooled standard deviations).
    fn compare(&self, before: (usize, usize), after: (usize, usize)) -> (f64, f64, f64, f64) {
        let (mb, vb) = self.block(before.0, before.1);
        let (ma, va) = self.block(after.0, after.1);
        let d = ma - mb;
        let sd = ((vb + va) / 2.0).sqrt();
        let rel = if mb.abs() > 0.0 { d / mb.abs() } else if d == 0.0 { 0.0 } else { f64::INFINITY };
        let sds = if sd > 0.0 { d.abs() / sd } else if d == 0.0 { 0.0 } else { f64::INFINITY };
        (mb, ma, rel, sds)
    }
}

pub fn detect(ctx: &Ctx, out: &mut Vec<Finding>) {
    let set = &SETTINGS.level_shift;
    let (w0, w1) = ctx.s.window;
    let mut pre = Prefix { at: Vec::new(), s: Vec::new(), ss: Vec::new(), shift: 0.0 };
    let marks: Vec<_> = ctx.s.marks.iter().filter(|m| set.mark_kinds.has(&m.kind) && m.ends_at >= w0 && m.ends_at < w1 && m.starts_at < m.ends_at).collect();
    let wm = set.after_mark_hours.count(2);
    let ws = set.sudden_hours.count(2);
    for p in ctx.pollutants() {
        pre.fill(ctx, p);
        let n = pre.len();
        if n < 2 {
            continue;
        }
        // After a mark.
        let mut after_marks: Vec<i64> = Vec::new();
        for m in &marks {
            let b0 = pre.at.partition_point(|&t| hour_end(t) <= m.starts_at);
            let a0 = pre.at.partition_point(|&t| t < m.ends_at);
            let before = (b0.saturating_sub(wm), b0);
            let after = (a0, (a0 + wm).min(n));
            if before.1 - before.0 < wm.div_ceil(2) || after.1 - after.0 < wm.div_ceil(2) {
                continue;
            }
            let (mb, ma, rel, sds) = pre.compare(before, after);
            if rel.abs() >= set.after_mark_min_change.value && sds >= set.after_mark_min_sds.value && rel.is_finite() && sds.is_finite() {
                let kind = MARKS.types.iter().find(|t| t.code == m.kind).map_or_else(|| Arg::from(m.kind.as_str()), |t| Arg::both(t.zh.clone(), t.en.clone()));
                let start = pre.at[before.0];
                after_marks.push(m.ends_at);
                out.push(finding(
                    CODE,
                    Some(&p.code),
                    start,
                    hour_end(pre.at[after.1 - 1]),
                    msg::level_shift_after_mark(kind, name(p), before.1 - before.0, r2(mb), after.1 - after.0, r2(ma), pct(rel), r2(sds)),
                    &[("before_mean", r2(mb)), ("after_mean", r2(ma)), ("change", rel), ("sds", r2(sds)), ("before_hours", (before.1 - before.0) as f64), ("after_hours", (after.1 - after.0) as f64)],
                ));
            }
        }
        // Anywhere in the window: the strongest hour of each stretch where the test holds.
        let first = pre.at.partition_point(|&t| t < w0).max(ws);
        let mut best: Option<(usize, f64)> = None;
        let mut i = first;
        while i + ws <= n {
            let (_, _, rel, sds) = pre.compare((i - ws, i), (i, i + ws));
            let hit = rel.is_finite() && sds.is_finite() && rel.abs() >= set.sudden_min_change.value && sds >= set.sudden_min_sds.value;
            if hit {
                if best.is_none_or(|(_, s)| sds > s) {
                    best = Some((i, sds));
                }
                i += 1;
                continue;
            }
            if let Some((b, _)) = best.take() {
                emit_sudden(&pre, p, b, ws, &after_marks, out);
                i = i.max(b + ws);
                continue;
            }
            i += 1;
        }
        if let Some((b, _)) = best {
            emit_sudden(&pre, p, b, ws, &after_marks, out);
        }
    }
}

fn emit_sudden(pre: &Prefix, p: &crate::enforcement::series::PollutantSeries, b: usize, ws: usize, after_marks: &[i64], out: &mut Vec<Finding>) {
    let (start, end) = (pre.at[b - ws], hour_end(pre.at[b + ws - 1]));
    // A shift already explained as following a mark is not reported twice.
    if after_marks.iter().any(|&t| start <= t && t < end) {
        return;
    }
    let (mb, ma, rel, sds) = pre.compare((b - ws, b), (b, b + ws));
    out.push(finding(
        CODE,
        Some(&p.code),
        start,
        end,
        msg::level_shift_sudden(name(p), ws, r2(mb), r2(ma), pct(rel), r2(sds)),
        &[("before_mean", r2(mb)), ("after_mean", r2(ma)), ("change", rel), ("sds", r2(sds)), ("before_hours", ws as f64), ("after_hours", ws as f64), ("shift_at", pre.at[b] as f64)],
    ));
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    fn run(s: &crate::enforcement::series::OutletSeries) -> Vec<Finding> {
        run_checked(s, CODE)
    }

    /// 96 hours of NOx around 200 (±10, a 6-hour wave); from hour `at` on it reads `factor` × that.
    fn case(at: usize, factor: f64) -> crate::enforcement::series::OutletSeries {
        let mut s = outlet();
        s.window = (T0, T0 + 96 * H);
        let v: Vec<f64> = (0..96).map(|i| (200.0 + [0.0, 6.0, 10.0, 6.0, 0.0, -8.0][i % 6]) * if i >= at { factor } else { 1.0 }).collect();
        s.pollutants.push(series("a21002", Some(300.0), &v));
        s
    }

    #[test]
    fn fires_right_after_calibration() {
        // Calibration hours 40–41 (marked, so not judged); afterwards the level is 35 % lower.
        let mut s = case(42, 0.65);
        s.marks.push(mark("calibration", T0 + 40 * H, T0 + 42 * H, T0 + 40 * H));
        let f = run(&s);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].explanation.code(), "detectors.level_shift.after_mark");
        assert_eq!((f[0].start, f[0].end), (T0 + 16 * H, T0 + 66 * H));
        assert!((figure(&f[0], "change") + 0.35).abs() < 0.01, "{f:?}");
    }

    #[test]
    fn fires_on_a_sudden_halving_without_a_mark() {
        let f = run(&case(48, 0.45));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].explanation.code(), "detectors.level_shift.sudden");
        assert_eq!(figure(&f[0], "shift_at"), (T0 + 48 * H) as f64);
    }

    #[test]
    fn near_misses_do_not_fire() {
        // 25 % lower after calibration (below 30 %), and not a sudden halving either.
        let mut s = case(42, 0.75);
        s.marks.push(mark("calibration", T0 + 40 * H, T0 + 42 * H, T0 + 40 * H));
        assert!(run(&s).is_empty());
        // 40 % lower without a mark: below the 50 % a shift needs without one.
        assert!(run(&case(48, 0.6)).is_empty());
    }
}
