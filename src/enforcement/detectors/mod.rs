//! Suspicious-data detectors (可疑数据): each looks at an outlet's hours in the judged window
//! against the outlet's own history and reports what it saw as a `Finding` with its numbers.
//! Every threshold is a setting of `data/enforcement/detectors.toml` with its reason.
//!
//! One file per detector; the codes (`CODES`) are a contract of the CLI and the API:
//!
//! | code | what it sees |
//! |---|---|
//! | `flatline` | constant hourly means over hours while the unit runs (§7.2 items 21–22) |
//! | `bunching` | hourly values bunched in [90 %, 100 %) of the limit, against the outlet's history |
//! | `dilution` | O2 above the outlet's historical 90 % quantile, measured value down, converted not |
//! | `zero_flow` | a concentration with zero flow, or flow with zero concentration |
//! | `level_shift` | a sudden change of level, after a maintenance/calibration mark or anywhere |
//! | `variance_collapse` | the coefficient of variation collapsing against the history |
//! | `logger_mismatch` | the logger's hourly (or converted) value against the one computed from its minutes |
//! | `gap` | long stretches without data, not covered by marks |
//! | `offline` | no packet from the logger for a long time |
//! | `future_time` | packets refused for a data time in the future |
//! | `conflict` | packets with other values for a slot the device had already filled (issue 17 item 9) |
//! | `mark_share` | marks covering an unusual share of the window |
//! | `mark_over_exceedance` | marks over exceeding hours: shutdown with flow, after the fact, at the onset |
//!
//! Pure (no I/O) and fast: every detector is O(n) or O(n log n) in the hours of the series,
//! allocates per series at most, never per hour; `run` never panics, whatever the series holds
//! (NaN, empty, unsorted, extreme times: tested).

mod bunching;
mod common;
mod dilution;
mod flatline;
mod conflict;
mod future_time;
mod gap;
mod level_shift;
mod logger_mismatch;
mod mark_over_exceedance;
mod mark_share;
mod offline;
pub mod settings;
#[cfg(test)]
mod testkit;
mod variance_collapse;
mod zero_flow;

use super::finding::Finding;
use super::series::OutletSeries;

pub use settings::SETTINGS;

/// The detector codes, in the order `run` reports them.
pub const CODES: &[&str] = &[
    flatline::CODE,
    bunching::CODE,
    dilution::CODE,
    zero_flow::CODE,
    level_shift::CODE,
    variance_collapse::CODE,
    logger_mismatch::CODE,
    gap::CODE,
    offline::CODE,
    future_time::CODE,
    conflict::CODE,
    mark_share::CODE,
    mark_over_exceedance::CODE,
];

/// Every detector over one outlet's window. Findings are unique by (detector, pollutant,
/// start) — the key of a lead — and ordered by detector (as in `CODES`), pollutant, start.
pub fn run(series: &OutletSeries) -> Vec<Finding> {
    let series = common::normalized(series);
    let ctx = common::Ctx::new(&series);
    let mut out = Vec::new();
    flatline::detect(&ctx, &mut out);
    bunching::detect(&ctx, &mut out);
    dilution::detect(&ctx, &mut out);
    zero_flow::detect(&ctx, &mut out);
    level_shift::detect(&ctx, &mut out);
    variance_collapse::detect(&ctx, &mut out);
    logger_mismatch::detect(&ctx, &mut out);
    gap::detect(&ctx, &mut out);
    offline::detect(&ctx, &mut out);
    future_time::detect(&ctx, &mut out);
    conflict::detect(&ctx, &mut out);
    mark_share::detect(&ctx, &mut out);
    mark_over_exceedance::detect(&ctx, &mut out);
    let rank = |d: &str| CODES.iter().position(|c| *c == d).unwrap_or(usize::MAX);
    out.sort_by(|a, b| (rank(a.detector), &a.pollutant, a.start).cmp(&(rank(b.detector), &b.pollutant, b.start)));
    out.dedup_by(|a, b| a.detector == b.detector && a.pollutant == b.pollutant && a.start == b.start);
    out
}

#[cfg(test)]
mod tests {
    use super::testkit::*;
    use super::*;
    use crate::enforcement::series::{MarkSpan, Point, PollutantSeries};
    use crate::i18n::Lang;
    use proptest::prelude::*;

    #[test]
    fn codes_are_unique_and_named_in_the_catalogue() {
        let mut seen = std::collections::BTreeSet::new();
        for c in CODES {
            assert!(seen.insert(*c), "{c}");
            assert!(crate::i18n::has_label("detectors.name", c), "{c}");
        }
    }

    fn point() -> impl Strategy<Value = Point> {
        let num = prop_oneof![
            Just(None),
            Just(Some(f64::NAN)),
            Just(Some(f64::INFINITY)),
            Just(Some(-0.0)),
            Just(Some(1e300)),
            (-1e6f64..1e6).prop_map(Some),
            (0f64..500.0).prop_map(Some),
        ];
        let start = prop_oneof![
            (0i64..200).prop_map(|i| T0 + i * H),
            any::<i64>(),
            Just(i64::MAX),
            Just(i64::MIN),
        ];
        (start, any::<bool>(), any::<u32>(), any::<u32>(), num.clone(), num.clone(), num.clone(), num).prop_map(|(start, valid, valid_count, total_count, mean, converted, o2, emission_kg)| Point {
            start,
            valid,
            valid_count,
            total_count,
            mean,
            converted,
            o2,
            emission_kg,
        })
    }

    fn pollutant() -> impl Strategy<Value = PollutantSeries> {
        let code = prop_oneof![Just("a21026"), Just("a19001"), Just("a00000"), Just("w00000"), Just("w01018"), Just("")];
        let limit = prop_oneof![Just(None), Just(Some(f64::NAN)), Just(Some(0.0)), Just(Some(-5.0)), (0.1f64..1000.0).prop_map(Some)];
        (code, limit, prop::collection::vec(point(), 0..120), prop::collection::vec(point(), 0..40)).prop_map(|(code, limit, hours, logger_hours)| PollutantSeries {
            code: code.into(),
            name: String::new(),
            limit,
            daily_limit: None,
            hours,
            logger_hours,
            days: Vec::new(),
        })
    }

    fn time() -> impl Strategy<Value = i64> {
        prop_oneof![(0i64..300).prop_map(|i| T0 + i * H), any::<i64>(), Just(i64::MAX), Just(i64::MIN)]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]
        #[test]
        fn run_never_panics(
            pollutants in prop::collection::vec(pollutant(), 0..5),
            marks in prop::collection::vec((time(), time(), time(), prop_oneof![Just("shutdown"), Just("calibration"), Just("fault"), Just("x")]), 0..6),
            window in (time(), time()),
            now in time(),
            last_contact in prop::option::of(time()),
            future_frames in prop::collection::vec(time(), 0..4),
            water in any::<bool>(),
            reference_o2 in prop_oneof![Just(None), Just(Some(f64::NAN)), Just(Some(9.0)), Just(Some(25.0))],
        ) {
            let mut s = outlet();
            s.medium = if water { crate::monitoring::rules::Medium::Water } else { crate::monitoring::rules::Medium::Air };
            s.reference_o2 = reference_o2;
            s.pollutants = pollutants;
            s.marks = marks.into_iter().map(|(a, b, e, k)| MarkSpan { kind: k.into(), starts_at: a, ends_at: b, entered_at: e }).collect();
            s.window = window;
            s.now = now;
            s.last_contact = last_contact;
            s.future_frames = future_frames;
            for f in run(&s) {
                prop_assert!(f.start <= f.end);
                prop_assert!(CODES.contains(&f.detector));
                let _ = f.explanation.render(Lang::Zh);
                let _ = f.explanation.render(Lang::En);
            }
        }
    }
}
