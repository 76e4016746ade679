//! The thresholds of `data/enforcement/detectors.toml`, embedded at build time and parsed once
//! (a malformed file fails the tests below, not a user). Every setting has a value, a status
//! (`V-2nd`: from a source of monitoring-facts.md; `unverified`: a local setting) and a reason.

use serde::Deserialize;
use std::sync::LazyLock;

/// A numeric setting.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Setting {
    pub value: f64,
    pub status: String,
    pub reason: String,
}

/// A setting that lists codes (mark types).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Kinds {
    pub value: Vec<String>,
    pub status: String,
    pub reason: String,
}

impl Kinds {
    pub fn has(&self, kind: &str) -> bool {
        self.value.iter().any(|k| k == kind)
    }
}

impl Setting {
    /// The value as a count (hours, frames): at least `min`, never NaN.
    pub fn count(&self, min: usize) -> usize {
        let v = if self.value.is_finite() { self.value.round() } else { 0.0 };
        (v.max(0.0) as usize).max(min)
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Common {
    pub running_flow_share: Setting,
    pub min_running_share: Setting,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Flatline {
    pub band_share: Setting,
    pub min_hours: Setting,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Bunching {
    pub band_low: Setting,
    pub min_window_hours: Setting,
    pub min_history_hours: Setting,
    pub min_share: Setting,
    pub min_ratio: Setting,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Dilution {
    pub o2_history_quantile: Setting,
    pub o2_margin: Setting,
    pub min_history_hours: Setting,
    pub min_hours: Setting,
    pub measured_drop: Setting,
    pub converted_keep: Setting,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ZeroFlow {
    pub zero_value: Setting,
    pub min_hours: Setting,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LevelShift {
    pub mark_kinds: Kinds,
    pub after_mark_hours: Setting,
    pub after_mark_min_change: Setting,
    pub after_mark_min_sds: Setting,
    pub sudden_hours: Setting,
    pub sudden_min_change: Setting,
    pub sudden_min_sds: Setting,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct VarianceCollapse {
    pub min_window_hours: Setting,
    pub min_history_hours: Setting,
    pub max_cv_ratio: Setting,
    pub min_history_cv: Setting,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LoggerMismatch {
    pub relative_tolerance: Setting,
    pub absolute_tolerance: Setting,
    pub min_hours: Setting,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MinHours {
    pub min_hours: Setting,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FutureTime {
    pub min_frames: Setting,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MarkShare {
    pub min_share: Setting,
    pub history_ratio: Setting,
    pub min_history_hours: Setting,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MarkOverExceedance {
    pub shutdown_kinds: Kinds,
    pub min_hours: Setting,
    pub late_hours: Setting,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub common: Common,
    pub flatline: Flatline,
    pub bunching: Bunching,
    pub dilution: Dilution,
    pub zero_flow: ZeroFlow,
    pub level_shift: LevelShift,
    pub variance_collapse: VarianceCollapse,
    pub logger_mismatch: LoggerMismatch,
    pub gap: MinHours,
    pub offline: MinHours,
    pub future_time: FutureTime,
    pub mark_share: MarkShare,
    pub mark_over_exceedance: MarkOverExceedance,
}

pub static SETTINGS: LazyLock<Settings> = LazyLock::new(|| {
    parse(include_str!("../../../data/enforcement/detectors.toml")).expect("data/enforcement/detectors.toml is well-formed (tested)")
});

fn parse(text: &str) -> Result<Settings, String> {
    toml::from_str(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_settings_file_parses_and_every_setting_has_a_status_and_a_reason() {
        let text = include_str!("../../../data/enforcement/detectors.toml");
        let s = parse(text).unwrap();
        assert_eq!(s.flatline.band_share.value, 0.02);
        assert_eq!(s.bunching.band_low.value, 0.9);
        assert_eq!(s.dilution.o2_history_quantile.value, 0.9);
        // Every entry, numeric or a list, read generically: status known, reason given, and a
        // local setting says so in its reason.
        let raw: toml::Table = toml::from_str(text).unwrap();
        let mut n = 0;
        for (section, entries) in &raw {
            for (name, entry) in entries.as_table().unwrap() {
                let status = entry["status"].as_str().unwrap();
                let reason = entry["reason"].as_str().unwrap();
                assert!(["V-2nd", "unverified"].contains(&status), "{section}.{name}: status {status}");
                assert!(reason.len() > 40, "{section}.{name}: reason too short");
                if status == "unverified" {
                    assert!(reason.starts_with("[UNVERIFIED] local setting"), "{section}.{name}");
                } else {
                    assert!(reason.contains("monitoring-facts.md §"), "{section}.{name}: a sourced setting cites the facts");
                }
                n += 1;
            }
        }
        assert!(n >= 30);
        // Mark kinds named are mark types of data/monitoring/marks.toml.
        for k in s.level_shift.mark_kinds.value.iter().chain(&s.mark_over_exceedance.shutdown_kinds.value) {
            assert!(crate::monitoring::rules::MARKS.types.iter().any(|t| &t.code == k), "{k}");
        }
    }

    #[test]
    fn a_misspelled_setting_is_refused() {
        let bad = include_str!("../../../data/enforcement/detectors.toml").replace("[gap.min_hours]", "[gap.min_hour]");
        assert!(parse(&bad).is_err());
    }
}
