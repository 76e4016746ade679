//! Hand-built series for the detectors' tests.

use crate::enforcement::finding::Finding;
use crate::enforcement::series::{MarkSpan, OutletSeries, Point, PollutantSeries};
use crate::i18n::Lang;
use crate::monitoring::rules::Medium;

pub use super::common::H;
/// 2026-01-01 00:00 Beijing.
pub const T0: i64 = 1_767_196_800;
pub const FLOW: &str = crate::monitoring::codes::FLUE_GAS_FLOW;

/// An air outlet converted to 9 % O2, window of 1,000 hours from T0, judged at its end.
pub fn outlet() -> OutletSeries {
    OutletSeries {
        credit_code: "91610100MA6TXXXX0X".into(),
        outlet_code: "DA001".into(),
        enterprise_name: String::new(),
        outlet_name: String::new(),
        division_code: "610102".into(),
        industry_code: "4411".into(),
        medium: Medium::Air,
        reference_o2: Some(9.0),
        standard: "GB 13271-2014 表2 燃煤".into(),
        pollutants: Vec::new(),
        marks: Vec::new(),
        window: (T0, T0 + 1000 * H),
        last_contact: None,
        future_frames: Vec::new(),
        conflicts: Vec::new(),
        now: T0 + 1000 * H,
    }
}

/// Valid hourly points from T0 with these measured means (all minutes valid).
pub fn series(code: &str, limit: Option<f64>, values: &[f64]) -> PollutantSeries {
    PollutantSeries {
        code: code.into(),
        name: String::new(),
        limit,
        daily_limit: None,
        hours: values
            .iter()
            .enumerate()
            .map(|(i, v)| Point { start: T0 + i as i64 * H, valid: true, valid_count: 60, total_count: 60, mean: Some(*v), ..Default::default() })
            .collect(),
        logger_hours: Vec::new(),
        days: Vec::new(),
    }
}

/// As `series`, the values being the converted ones (the measured 80 % of them).
pub fn series_converted(code: &str, limit: Option<f64>, values: &[f64]) -> PollutantSeries {
    let mut p = series(code, limit, values);
    for h in &mut p.hours {
        h.converted = h.mean;
        h.mean = h.mean.map(|v| v * 0.8);
    }
    p
}

/// A value that moves: base + amp × a 7-hour wave.
pub fn wavy(i: usize, base: f64, amp: f64) -> f64 {
    base + amp * [0.0, 0.6, 1.0, 0.4, -0.3, -0.9, -0.5][i % 7]
}

pub fn mark(kind: &str, starts_at: i64, ends_at: i64, entered_at: i64) -> MarkSpan {
    MarkSpan { kind: kind.into(), starts_at, ends_at, entered_at }
}

pub fn figure(f: &Finding, key: &str) -> f64 {
    f.figures.iter().find(|g| g.key == key).unwrap_or_else(|| panic!("no figure {key} in {f:?}")).value
}

/// `run` over the series, every finding checked (texts complete in both languages, code in the
/// detector's domain, figures labelled and finite, the explanation stored and read back), the
/// result the same for the series with every list reversed; the findings of `detector`.
pub fn run_checked(s: &OutletSeries, detector: &str) -> Vec<Finding> {
    let found = super::run(s);
    for f in &found {
        for lang in [Lang::Zh, Lang::En] {
            let text = f.explanation.render(lang);
            assert!(!text.contains('{') && !text.contains("NaN"), "{text}");
        }
        assert!(f.explanation.code().starts_with(&format!("detectors.{}.", f.detector)), "{}", f.explanation.code());
        for g in &f.figures {
            assert!(crate::i18n::has_label("detectors.figure", g.key), "figure {} has no label", g.key);
            assert!(g.value.is_finite(), "{g:?}");
        }
        let (code, args) = f.explanation.to_stored();
        let back = crate::i18n::Msg::from_stored(&code, &args).expect("a stored explanation reads back");
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(back.render(lang), f.explanation.render(lang));
        }
        assert!(f.start <= f.end);
    }
    let mut reversed = s.clone();
    for p in &mut reversed.pollutants {
        p.hours.reverse();
        p.logger_hours.reverse();
    }
    assert_eq!(super::run(&reversed), found, "unsorted input judged differently");
    found.into_iter().filter(|f| f.detector == detector).collect()
}
