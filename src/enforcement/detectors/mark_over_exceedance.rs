//! Marks over exceedances (标记掩盖超标, §7.2 Shandong 2025: night hours far above the limits
//! while flow ran, marked 停产 after the fact; 「标停未停」, 现代信息科技 2026). For each mark
//! overlapping the window, the valid hours under it whose value (converted where the standard
//! converts) is above the pollutant's limit — hours the mark keeps from being judged:
//!
//! - a shutdown-type mark (`shutdown_kinds`) over exceeding hours in which the flow ran;
//! - a mark entered after the fact: exceeding hours that had ended `late_hours` or more before
//!   the mark was entered;
//! - a mark starting just when values exceed: its first hour is above the limit.
//!
//! At least `min_hours` such hours (the first case: with flow; the second: entered late) fire.
//! One finding per mark, on the pollutant with most exceeding hours. O(marks × log n + hours
//! under marks).

use super::common::{H, Ctx, Cursor, finding, hour_end, r2, name, val};
use super::settings::SETTINGS;
use crate::enforcement::finding::Finding;
use crate::enforcement::series::MarkSpan;
use crate::i18n::Arg;
use crate::i18n::catalogue::detectors as msg;
use crate::monitoring::rules::MARKS;

pub const CODE: &str = "mark_over_exceedance";

#[derive(Default, Clone, Copy)]
struct Count {
    exceeding: usize,
    with_flow: usize,
    before_entry: usize,
    first_exceeds: bool,
    max_ratio: f64,
}

pub fn detect(ctx: &Ctx, out: &mut Vec<Finding>) {
    let set = &SETTINGS.mark_over_exceedance;
    let min = set.min_hours.count(1);
    let late = (set.late_hours.value.max(0.0) * H as f64) as i64;
    let (w0, w1) = ctx.s.window;
    for m in ctx.s.marks.iter().filter(|m| m.starts_at < m.ends_at && m.starts_at < w1 && m.ends_at > w0) {
        let mut best: Option<(&crate::enforcement::series::PollutantSeries, Count)> = None;
        for p in ctx.pollutants() {
            let Some(limit) = val(p.limit).filter(|l| *l > 0.0) else { continue };
            let c = count(ctx, p, m, limit, late);
            if c.exceeding > 0 && best.is_none_or(|(_, b)| c.exceeding > b.exceeding) {
                best = Some((p, c));
            }
        }
        let Some((p, c)) = best else { continue };
        let kind = MARKS.types.iter().find(|t| t.code == m.kind).map_or_else(|| Arg::from(m.kind.as_str()), |t| Arg::both(t.zh.clone(), t.en.clone()));
        let hours = (m.ends_at.saturating_sub(m.starts_at) as f64 / H as f64 * 10.0).round() / 10.0;
        let figures = [("exceeding_hours", c.exceeding as f64), ("flow_hours", c.with_flow as f64), ("late_hours", c.before_entry as f64), ("max_ratio", r2(c.max_ratio)), ("mark_hours", hours)];
        let explanation = if set.shutdown_kinds.has(&m.kind) && c.with_flow >= min {
            msg::marked_shutdown_with_flow(kind, hours, name(p), c.with_flow, r2(c.max_ratio))
        } else if c.before_entry >= min {
            msg::marked_after_the_fact(kind, hours, name(p), c.before_entry, r2(c.max_ratio))
        } else if c.first_exceeds && c.exceeding >= min {
            msg::marked_at_onset(kind, hours, name(p), c.exceeding, r2(c.max_ratio))
        } else {
            continue;
        };
        out.push(finding(CODE, Some(&p.code), m.starts_at, m.ends_at, explanation, &figures));
    }
}

fn count(ctx: &Ctx, p: &crate::enforcement::series::PollutantSeries, m: &MarkSpan, limit: f64, late: i64) -> Count {
    let mut c = Count::default();
    // Hours overlapping the mark: from the hour containing its start.
    let from = p.hours.partition_point(|h| hour_end(h.start) <= m.starts_at);
    let mut flow = ctx.flow_cursor();
    for (k, h) in p.hours[from..].iter().take_while(|h| h.start < m.ends_at).enumerate() {
        let Some(v) = val(h.compliance_value()).filter(|_| h.valid) else { continue };
        if v <= limit {
            continue;
        }
        if k == 0 && h.start <= m.starts_at.saturating_add(H - 1) {
            c.first_exceeds = true;
        }
        c.exceeding += 1;
        c.max_ratio = c.max_ratio.max(v / limit);
        if flow.as_mut().is_some_and(|f: &mut Cursor| f.mean_at(h.start).is_some_and(|x| ctx.runs(x))) {
            c.with_flow += 1;
        }
        if hour_end(h.start).saturating_add(late) <= m.entered_at {
            c.before_entry += 1;
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    fn run(s: &crate::enforcement::series::OutletSeries) -> Vec<Finding> {
        run_checked(s, CODE)
    }

    /// 24 hours of SO2 (limit 100) with flow running; hours 1–4 of the night at 799.
    fn case() -> crate::enforcement::series::OutletSeries {
        let mut s = outlet();
        let so2: Vec<f64> = (0..24).map(|i| if (1..5).contains(&i) { 799.0 } else { 60.0 }).collect();
        s.pollutants.push(series_converted("a21026", Some(100.0), &so2));
        s.pollutants.push(series(FLOW, None, &[4.15; 24]));
        s
    }

    #[test]
    fn fires_on_a_shutdown_mark_over_exceeding_hours_with_flow() {
        let mut s = case();
        // Marked 停运 00:00–06:00, entered at the time.
        s.marks.push(mark("shutdown", T0, T0 + 6 * H, T0));
        let f = run(&s);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].explanation.code(), "detectors.mark_over_exceedance.shutdown_with_flow");
        assert_eq!((figure(&f[0], "flow_hours"), figure(&f[0], "max_ratio")), (4.0, 7.99));
    }

    #[test]
    fn fires_on_a_mark_entered_after_the_fact() {
        let mut s = case();
        // A fault mark over 01:00–05:00 entered at 05:50 the next morning.
        s.marks.push(mark("fault", T0 + H, T0 + 5 * H, T0 + 29 * H + 3000));
        let f = run(&s);
        assert_eq!(f[0].explanation.code(), "detectors.mark_over_exceedance.after_the_fact");
        assert_eq!(figure(&f[0], "late_hours"), 4.0);
    }

    #[test]
    fn fires_on_a_mark_starting_as_values_exceed() {
        let mut s = case();
        s.marks.push(mark("fault", T0 + H, T0 + 5 * H, T0 + H + 60));
        assert_eq!(run(&s)[0].explanation.code(), "detectors.mark_over_exceedance.at_onset");
    }

    #[test]
    fn near_misses_do_not_fire() {
        // A shutdown mark over hours without exceedance.
        let mut s = case();
        s.marks.push(mark("shutdown", T0 + 10 * H, T0 + 14 * H, T0 + 20 * H));
        assert!(run(&s).is_empty());
        // A fault mark entered in real time that starts before the exceedance (hour 0 at 60) and
        // is entered as it begins: not after the fact, not at the onset.
        let mut s = case();
        s.marks.push(mark("fault", T0, T0 + 5 * H, T0 + 60));
        assert!(run(&s).is_empty());
    }
}
