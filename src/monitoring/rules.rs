//! The settings of `data/monitoring/validity.toml` and `marks.toml`, embedded at build time
//! and checked by the tests below (a malformed file fails the build's tests, not a user).

use serde::Deserialize;
use std::sync::LazyLock;

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct MediumRules {
    pub hour_min_valid_minutes: u32,
    pub day_min_valid_hours: u32,
    pub month_min_valid_days: u32,
    pub february_min_valid_days: u32,
    /// Wastewater (HJ 212-2017 表C.17): one abnormal minute makes the hour abnormal.
    #[serde(default)]
    pub any_invalid_minute_invalidates_hour: bool,
}

impl MediumRules {
    /// Valid days a monthly mean needs in `month` (1–12).
    pub fn month_min_days(&self, month: u8) -> u32 {
        if month == 2 { self.february_min_valid_days } else { self.month_min_valid_days }
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct ValidityRules {
    pub valid_flags: Vec<String>,
    pub air: MediumRules,
    pub water: MediumRules,
}

impl ValidityRules {
    pub fn for_medium(&self, medium: Medium) -> &MediumRules {
        match medium {
            Medium::Air => &self.air,
            Medium::Water => &self.water,
        }
    }

    /// A value counts when its flag is one of the valid flags and it is a finite number.
    pub fn is_valid(&self, flag: &str, value: Option<f64>) -> bool {
        value.is_some_and(f64::is_finite) && self.valid_flags.iter().any(|f| f == flag.trim())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Medium {
    Air,
    Water,
}

impl Medium {
    /// The ledger's medium code (`air` | `water`); anything else is treated as air.
    pub fn from_code(code: &str) -> Medium {
        if code == "water" { Medium::Water } else { Medium::Air }
    }
}

pub static VALIDITY: LazyLock<ValidityRules> = LazyLock::new(|| {
    toml::from_str(include_str!("../../data/monitoring/validity.toml")).expect("data/monitoring/validity.toml is well-formed (tested)")
});

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct MarkType {
    pub code: String,
    pub zh: String,
    pub en: String,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct MarkRules {
    pub types: Vec<MarkType>,
    pub max_backdate_hours: i64,
    pub proof_max_bytes: usize,
}

impl MarkRules {
    /// The type with this code or with this Chinese or English label.
    pub fn find(&self, code_or_label: &str) -> Option<&MarkType> {
        let k = code_or_label.trim();
        self.types.iter().find(|t| t.code == k || t.zh == k || t.en.eq_ignore_ascii_case(k))
    }
}

pub static MARKS: LazyLock<MarkRules> =
    LazyLock::new(|| toml::from_str(include_str!("../../data/monitoring/marks.toml")).expect("data/monitoring/marks.toml is well-formed (tested)"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_files_parse_with_the_documented_values() {
        let v = &*VALIDITY;
        assert_eq!(v.valid_flags, vec!["N"]);
        assert_eq!((v.air.hour_min_valid_minutes, v.air.day_min_valid_hours), (45, 20));
        assert_eq!((v.air.month_min_days(2), v.air.month_min_days(3)), (23, 25));
        assert!(v.water.any_invalid_minute_invalidates_hour);
        let m = &*MARKS;
        let zh: Vec<&str> = m.types.iter().map(|t| t.zh.as_str()).collect();
        assert_eq!(zh, ["停运", "启炉", "停炉", "故障", "维护", "校准", "通讯中断", "不可抗力"]);
        assert_eq!(m.find("校准").map(|t| t.code.as_str()), Some("calibration"));
        assert!(m.find("修约").is_none());
    }

    #[test]
    fn only_valid_flags_with_a_number_count() {
        let v = &*VALIDITY;
        assert!(v.is_valid("N", Some(1.0)));
        assert!(!v.is_valid("D", Some(1.0)));
        assert!(!v.is_valid("N", None));
        assert!(!v.is_valid("N", Some(f64::NAN)));
    }
}
