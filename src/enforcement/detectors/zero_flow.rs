//! Zero flow (零流量): a concentration with zero flow, or flow with zero concentration, in hours
//! the logger flagged normal (valid) and no mark covers (§7.2, Wu et al. 2022: 「zeros that are
//! not recorded as outage status」). Per pollutant, consecutive judged window hours of one kind
//! form an episode; at least `min_hours` fire. "Zero" is at or below `zero_value`; flow counts
//! as present when the unit runs (above the running level, see `common`). One pass per series.

use super::common::{Ctx, finding, hour_end, judged, name, r2, val};
use super::settings::SETTINGS;
use crate::enforcement::finding::Finding;
use crate::i18n::catalogue::detectors as msg;

pub const CODE: &str = "zero_flow";

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// A concentration above zero while the flow is zero.
    NoFlow,
    /// Flow while the concentration is zero.
    NoConcentration,
}

struct Episode {
    kind: Kind,
    start: i64,
    end: i64,
    hours: usize,
    sum: f64,
}

pub fn detect(ctx: &Ctx, out: &mut Vec<Finding>) {
    let set = &SETTINGS.zero_flow;
    let zero = set.zero_value.value;
    let min_hours = set.min_hours.count(1);
    if ctx.flow.is_none() {
        return;
    }
    for p in ctx.pollutants() {
        let Some(mut flow) = ctx.flow_cursor() else { return };
        let mut marked = ctx.marked();
        let mut open: Option<Episode> = None;
        let close = |e: Option<Episode>, out: &mut Vec<Finding>| {
            if let Some(e) = e.filter(|e| e.hours >= min_hours) {
                let mean = r2(e.sum / e.hours as f64);
                let (explanation, key) = match e.kind {
                    Kind::NoFlow => (msg::zero_flow_no_flow(name(p), e.hours, mean), "concentration_mean"),
                    Kind::NoConcentration => (msg::zero_flow_no_concentration(name(p), e.hours, mean), "flow_mean"),
                };
                out.push(finding(CODE, Some(&p.code), e.start, e.end, explanation, &[("hours", e.hours as f64), (key, mean)]));
            }
        };
        for h in p.hours.iter().filter(|h| ctx.s.in_window(h.start)) {
            let kind = match (judged(h, &mut marked).then(|| val(h.mean)).flatten(), flow.at(h.start).filter(|f| f.valid).and_then(|f| val(f.mean))) {
                (Some(c), Some(f)) if c > zero && f <= zero => Some((Kind::NoFlow, c)),
                (Some(c), Some(f)) if c <= zero && ctx.runs(f) => Some((Kind::NoConcentration, f)),
                _ => None,
            };
            match (&mut open, kind) {
                (Some(e), Some((k, x))) if e.kind == k && e.end == h.start => {
                    e.end = hour_end(h.start);
                    e.hours += 1;
                    e.sum += x;
                }
                (_, Some((k, x))) => {
                    close(open.take(), out);
                    open = Some(Episode { kind: k, start: h.start, end: hour_end(h.start), hours: 1, sum: x });
                }
                (_, None) => close(open.take(), out),
            }
        }
        close(open, out);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    fn run(s: &crate::enforcement::series::OutletSeries) -> Vec<Finding> {
        run_checked(s, CODE)
    }

    fn case(flow: &[f64], so2: &[f64]) -> crate::enforcement::series::OutletSeries {
        let mut s = outlet();
        s.pollutants.push(series("a21026", Some(200.0), so2));
        s.pollutants.push(series(FLOW, None, flow));
        s
    }

    #[test]
    fn fires_on_concentration_without_flow_and_flow_without_concentration() {
        let mut flow = vec![10.0; 24];
        let mut so2 = vec![80.0; 24];
        // Hours 3–5: flow 0, SO2 80 (flagged normal, no mark).
        flow[3..6].fill(0.0);
        // Hours 10–11: flow 10, SO2 0.
        so2[10..12].fill(0.0);
        let f = run(&case(&flow, &so2));
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!((f[0].start, f[0].end, figure(&f[0], "concentration_mean")), (T0 + 3 * H, T0 + 6 * H, 80.0));
        assert_eq!(f[0].explanation.code(), "detectors.zero_flow.no_flow");
        assert_eq!((f[1].start, figure(&f[1], "hours"), figure(&f[1], "flow_mean")), (T0 + 10 * H, 2.0, 10.0));
        assert_eq!(f[1].explanation.code(), "detectors.zero_flow.no_concentration");
    }

    #[test]
    fn near_misses_do_not_fire() {
        // One hour only, of each kind.
        let mut flow = vec![10.0; 24];
        let mut so2 = vec![80.0; 24];
        flow[3] = 0.0;
        so2[10] = 0.0;
        assert!(run(&case(&flow, &so2)).is_empty());
        // Zero flow for 3 hours under a shutdown mark: explained.
        let mut flow = vec![10.0; 24];
        flow[3..6].fill(0.0);
        let mut s = case(&flow, &[80.0; 24]);
        s.marks.push(mark("shutdown", T0 + 3 * H, T0 + 6 * H, T0 + 3 * H));
        assert!(run(&s).is_empty());
        // Zero flow hours flagged invalid (停运 F by the logger).
        let mut s = case(&flow, &[80.0; 24]);
        for h in &mut s.pollutants[0].hours[3..6] {
            h.valid = false;
        }
        assert!(run(&s).is_empty());
    }
}
