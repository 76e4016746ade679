//! Dilution (稀释排放): oxygen implausibly high for the outlet, with the measured concentration
//! down while the converted one is not (§7.1 令第19号 Art. 20 (二), 环发〔2015〕175号
//! 「稀释排放」; §7.2 the 中国环境科学研究院 patent's alarm limit, the historical 90 % quantile of
//! O2).
//!
//! For an air outlet whose averages are converted (a reference O2) and that has an O2 series:
//! the alarm level is the `o2_history_quantile` of the judged O2 hours before the window plus
//! `o2_margin`. Consecutive judged window hours above it form an episode (at least
//! `min_hours`). For each pollutant with converted values, the episode fires when its mean
//! measured concentration is at least `measured_drop` below the pollutant's historical median
//! while its mean converted concentration stays at `converted_keep` × its historical median or
//! more: the air let in lowered the reading, not the emission. O(n log n) per series (the
//! medians by selection, O(n)).

use super::common::{H, Ctx, Cursor, finding, hour_end, judged, name, quantile, r2, val};
use super::settings::SETTINGS;
use crate::enforcement::finding::Finding;
use crate::i18n::catalogue::detectors as msg;
use crate::monitoring::codes::OXYGEN;
use crate::monitoring::rules::Medium;

pub const CODE: &str = "dilution";

struct Episode {
    start: i64,
    end: i64,
    hours: usize,
    o2_sum: f64,
}

pub fn detect(ctx: &Ctx, out: &mut Vec<Finding>) {
    let set = &SETTINGS.dilution;
    let s = ctx.s;
    if s.medium != Medium::Air || val(s.reference_o2).is_none() {
        return;
    }
    let Some(o2) = s.pollutant(OXYGEN) else { return };
    let (w0, w1) = s.window;
    let mut scratch: Vec<f64> = Vec::new();
    let mut marked = ctx.marked();
    for h in &o2.hours {
        if h.start >= w0 {
            break;
        }
        if judged(h, &mut marked) {
            scratch.extend(val(h.mean));
        }
    }
    if scratch.len() < set.min_history_hours.count(1) {
        return;
    }
    let Some(q) = quantile(&mut scratch, set.o2_history_quantile.value) else { return };
    let alarm = q + set.o2_margin.value;
    // Episodes of consecutive window hours above the alarm level.
    let mut episodes: Vec<Episode> = Vec::new();
    let mut open: Option<Episode> = None;
    let mut marked = ctx.marked();
    for h in o2.hours.iter().filter(|h| h.start >= w0 && h.start < w1) {
        let high = judged(h, &mut marked) && val(h.mean).is_some_and(|v| v > alarm);
        match (&mut open, high) {
            (Some(e), true) if h.start == e.end => {
                e.end = hour_end(h.start);
                e.hours += 1;
                e.o2_sum += h.mean.unwrap_or(0.0);
            }
            (_, true) => {
                episodes.extend(open.take());
                open = Some(Episode { start: h.start, end: hour_end(h.start), hours: 1, o2_sum: h.mean.unwrap_or(0.0) });
            }
            (_, false) => episodes.extend(open.take()),
        }
    }
    episodes.extend(open);
    episodes.retain(|e| e.hours >= set.min_hours.count(1));
    if episodes.is_empty() {
        return;
    }
    for p in ctx.pollutants() {
        // Historical medians of the measured and the converted values.
        let mut marked = ctx.marked();
        scratch.clear();
        let mut conv: Vec<f64> = Vec::new();
        for h in p.hours.iter().take_while(|h| h.start < w0) {
            if judged(h, &mut marked) {
                if let (Some(m), Some(c)) = (val(h.mean), val(h.converted)) {
                    scratch.push(m);
                    conv.push(c);
                }
            }
        }
        if scratch.len() < set.min_history_hours.count(1) {
            continue;
        }
        let (Some(m_usual), Some(c_usual)) = (quantile(&mut scratch, 0.5), quantile(&mut conv, 0.5)) else { continue };
        if !(m_usual > 0.0 && c_usual > 0.0) {
            continue;
        }
        let mut cursor = Cursor::new(&p.hours);
        for e in &episodes {
            let (mut m_sum, mut c_sum, mut n) = (0.0, 0.0, 0usize);
            let mut t = e.start;
            while t < e.end {
                if let Some(h) = cursor.at(t).filter(|h| h.valid) {
                    if let (Some(m), Some(c)) = (val(h.mean), val(h.converted)) {
                        m_sum += m;
                        c_sum += c;
                        n += 1;
                    }
                }
                t = t.saturating_add(H);
                if t == i64::MAX {
                    break;
                }
            }
            if n == 0 {
                continue;
            }
            let (m, c) = (m_sum / n as f64, c_sum / n as f64);
            if m <= (1.0 - set.measured_drop.value) * m_usual && c >= set.converted_keep.value * c_usual {
                let o2_mean = e.o2_sum / e.hours as f64;
                out.push(finding(
                    CODE,
                    Some(&p.code),
                    e.start,
                    e.end,
                    msg::dilution(name(p), e.hours, r2(o2_mean), r2(alarm), (set.o2_history_quantile.value * 100.0).round(), r2(m), r2(m_usual), r2(c), r2(c_usual)),
                    &[("hours", e.hours as f64), ("o2_mean", r2(o2_mean)), ("o2_alarm", r2(alarm)), ("measured_mean", r2(m)), ("measured_usual", r2(m_usual)), ("converted_mean", r2(c)), ("converted_usual", r2(c_usual))],
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    fn run(s: &crate::enforcement::series::OutletSeries) -> Vec<Finding> {
        run_checked(s, CODE)
    }

    /// Reference O2 9 %; 168 hours of history at O2 8–10 % and SO2 measured 100 (converted
    /// 100 × 12 / (21 − O2)); a 48-hour window in which hours 10–12 have O2 `o2` and a process
    /// that emits the same (converted ≈ 100), the measured value following the dilution.
    fn case(o2_diluted: f64, converted_diluted: f64) -> crate::enforcement::series::OutletSeries {
        let mut s = outlet();
        s.window = (T0 + 168 * H, T0 + 216 * H);
        let o2: Vec<f64> = (0..216).map(|i| if (178..181).contains(&i) { o2_diluted } else { 8.0 + (i % 5) as f64 * 0.5 }).collect();
        let mut so2 = series("a21026", Some(200.0), &vec![0.0; 216]);
        for (i, h) in so2.hours.iter_mut().enumerate() {
            let converted = if (178..181).contains(&i) { converted_diluted } else { 100.0 };
            h.converted = Some(converted);
            h.mean = Some(converted * (21.0 - o2[i]) / 12.0);
            h.o2 = Some(o2[i]);
        }
        s.pollutants.push(so2);
        s.pollutants.push(series(OXYGEN, None, &o2));
        s
    }

    #[test]
    fn fires_when_air_dilutes_the_measured_value() {
        // O2 18 %: measured 100 × 3/12 = 25, converted 100.
        let f = run(&case(18.0, 100.0));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].start, f[0].end), (T0 + 178 * H, T0 + 181 * H));
        assert_eq!(figure(&f[0], "hours"), 3.0);
        assert_eq!(figure(&f[0], "o2_mean"), 18.0);
        assert_eq!(figure(&f[0], "measured_mean"), 25.0);
    }

    #[test]
    fn near_misses_do_not_fire() {
        // O2 10.9 %: within the history's 90 % quantile (10) plus the 1-point margin.
        assert!(run(&case(10.9, 100.0)).is_empty());
        // O2 high, but the converted value fell too (a real drop in emissions, not dilution).
        assert!(run(&case(18.0, 60.0)).is_empty());
    }
}
