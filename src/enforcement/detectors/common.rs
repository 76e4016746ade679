//! What the detectors share: the series in time order, the merged marks, the flow and whether
//! the unit runs, and small helpers. Nothing here allocates per hour.

use std::borrow::Cow;

use super::settings::SETTINGS;
use crate::enforcement::finding::{Figure, Finding};
use crate::enforcement::series::{OutletSeries, Point, PollutantSeries};
use crate::i18n::Msg;
use crate::monitoring::codes::{self, FLUE_GAS_FLOW, WATER_FLOW};
use crate::monitoring::rules::Medium;

pub const H: i64 = 3600;

/// A usable number: finite and of a magnitude measurements have (sums of a month stay finite).
pub fn val(x: Option<f64>) -> Option<f64> {
    x.filter(|v| v.is_finite() && v.abs() <= 1e15)
}

/// The end of the hour starting at `t` (saturating: any i64 is accepted).
pub fn hour_end(t: i64) -> i64 {
    t.saturating_add(H)
}

/// Rounded for a text (two decimals).
pub fn r2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A share as a percentage for a text (one decimal).
pub fn pct(share: f64) -> f64 {
    (share * 1000.0).round() / 10.0
}

/// How a pollutant is named in an explanation: the ledger's name, else its code.
pub fn name(p: &PollutantSeries) -> String {
    if p.name.trim().is_empty() { p.code.clone() } else { p.name.clone() }
}

fn sorted(points: &[Point]) -> bool {
    points.windows(2).all(|w| w[0].start < w[1].start)
}

fn sort(points: &mut Vec<Point>) {
    points.sort_by_key(|p| p.start);
    points.dedup_by_key(|p| p.start);
}

/// The series with every list in strict time order (the storage gives them so; anything else
/// is sorted, duplicates of one start dropped, on a copy).
pub fn normalized(series: &OutletSeries) -> Cow<'_, OutletSeries> {
    let ordered = series.pollutants.iter().all(|p| sorted(&p.hours) && sorted(&p.logger_hours) && sorted(&p.days));
    if ordered {
        return Cow::Borrowed(series);
    }
    let mut s = series.clone();
    for p in &mut s.pollutants {
        sort(&mut p.hours);
        sort(&mut p.logger_hours);
        sort(&mut p.days);
    }
    Cow::Owned(s)
}

/// One outlet as the detectors see it.
pub struct Ctx<'a> {
    pub s: &'a OutletSeries,
    /// Active marks as disjoint `[start, end)` intervals in time order.
    pub marks: Vec<(i64, i64)>,
    pub flow: Option<&'a PollutantSeries>,
    /// The flow above which the unit counts as running in an hour.
    pub running_min: f64,
}

impl<'a> Ctx<'a> {
    pub fn new(s: &'a OutletSeries) -> Ctx<'a> {
        let mut marks: Vec<(i64, i64)> = s.marks.iter().filter(|m| m.starts_at < m.ends_at).map(|m| (m.starts_at, m.ends_at)).collect();
        marks.sort_unstable();
        let mut merged: Vec<(i64, i64)> = Vec::with_capacity(marks.len());
        for (a, b) in marks {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        let flow_code = match s.medium {
            Medium::Air => FLUE_GAS_FLOW,
            Medium::Water => WATER_FLOW,
        };
        let flow = s.pollutant(flow_code);
        let running_min = flow.map_or(0.0, |f| {
            let mut v: Vec<f64> = f.hours.iter().filter(|h| h.valid).filter_map(|h| val(h.mean)).filter(|v| *v > 0.0).collect();
            median(&mut v).map_or(0.0, |m| m * SETTINGS.common.running_flow_share.value).max(0.0)
        });
        Ctx { s, marks: merged, flow, running_min }
    }

    /// The pollutants (not O2, flow, temperature …) of the outlet.
    pub fn pollutants(&self) -> impl Iterator<Item = &'a PollutantSeries> + 'a {
        self.s.pollutants.iter().filter(|p| !codes::is_parameter(&p.code))
    }

    /// A cursor over the marks for queries in time order.
    pub fn marked(&self) -> Marked<'_> {
        Marked { iv: &self.marks, i: 0 }
    }

    /// Seconds of `[start, end)` covered by marks.
    pub fn marked_seconds(&self, start: i64, end: i64) -> i64 {
        if start >= end {
            return 0;
        }
        let from = self.marks.partition_point(|m| m.1 <= start);
        let mut total: i64 = 0;
        for &(a, b) in &self.marks[from..] {
            if a >= end {
                break;
            }
            total = total.saturating_add(b.min(end).saturating_sub(a.max(start)));
        }
        total
    }

    /// The flow cursor, if the outlet has a flow series.
    pub fn flow_cursor(&self) -> Option<Cursor<'a>> {
        self.flow.map(|f| Cursor::new(&f.hours))
    }

    /// Whether a flow value means the unit runs.
    pub fn runs(&self, flow: f64) -> bool {
        flow > self.running_min && flow > 0.0
    }
}

/// Marks, asked in time order: does any cover a part of `[start, end)`?
pub struct Marked<'a> {
    iv: &'a [(i64, i64)],
    i: usize,
}

impl Marked<'_> {
    pub fn hits(&mut self, start: i64, end: i64) -> bool {
        while self.i < self.iv.len() && self.iv[self.i].1 <= start {
            self.i += 1;
        }
        self.i < self.iv.len() && self.iv[self.i].0 < end
    }
}

/// Points of one series, asked for by start in time order.
pub struct Cursor<'a> {
    points: &'a [Point],
    i: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(points: &'a [Point]) -> Cursor<'a> {
        Cursor { points, i: 0 }
    }

    /// The point starting at `t`, if any.
    pub fn at(&mut self, t: i64) -> Option<&'a Point> {
        // Step to the next point (the usual case: hours asked in turn), else search ahead.
        if self.i < self.points.len() && self.points[self.i].start < t {
            self.i += 1;
            if self.i < self.points.len() && self.points[self.i].start < t {
                let rest = &self.points[self.i..];
                self.i += rest.partition_point(|p| p.start < t);
            }
        }
        self.points.get(self.i).filter(|p| p.start == t)
    }

    /// The valid finite mean at `t`.
    pub fn mean_at(&mut self, t: i64) -> Option<f64> {
        self.at(t).filter(|p| p.valid).and_then(|p| val(p.mean))
    }
}

/// A hour counts for a detector on data values: valid, not covered by a mark.
pub fn judged(p: &Point, marked: &mut Marked) -> bool {
    p.valid && !marked.hits(p.start, hour_end(p.start))
}

/// The median of the values (reordered in place); None when empty.
pub fn median(v: &mut [f64]) -> Option<f64> {
    quantile(v, 0.5)
}

/// The q-quantile (nearest rank) of the values, reordered in place.
pub fn quantile(v: &mut [f64], q: f64) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let q = if q.is_finite() { q.clamp(0.0, 1.0) } else { 0.5 };
    let k = ((v.len() - 1) as f64 * q).round() as usize;
    let k = k.min(v.len() - 1);
    let (_, x, _) = v.select_nth_unstable_by(k, f64::total_cmp);
    Some(*x)
}

/// Builds a finding; figures keep their order.
pub fn finding(detector: &'static str, pollutant: Option<&str>, start: i64, end: i64, explanation: Msg, figures: &[(&'static str, f64)]) -> Finding {
    Finding {
        detector,
        pollutant: pollutant.map(str::to_string),
        start,
        end: end.max(start),
        explanation,
        figures: figures.iter().map(|&(key, value)| Figure { key, value }).collect(),
    }
}
