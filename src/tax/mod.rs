//! Environmental protection tax (环境保护税) on air and water pollutants from automatic monitoring
//! data (环境保护税法 Arts. 7–13, 18; 实施条例 Arts. 7–11; issue 10 item 5), pure (no I/O).
//!
//! - `equivalents`: 附表二's pollution-equivalent values with the HJ 212 codes (`data/tax/equivalents.csv`);
//! - `rates`: the province's tax per equivalent and taxed item counts (`data/tax/rates.csv`);
//! - `compute`: one outlet's month — equivalents, which pollutants are taxed and why, the
//!   reduction test, the tax.
//!
//! The open questions (折算 or measured concentration, strict or inclusive 30 % / 50 %, which of
//! COD/BOD5/TOC) are settings in `data/tax/settings.toml` with their reasons. Storage:
//! `storage::tax`; CLI `lantian tax`; pages `/tax`, `/my/tax`.

pub mod compute;
pub mod equivalents;
pub mod rates;

use std::sync::LazyLock;

use serde::Deserialize;

/// Which concentration the reduction test compares with the standard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Concentration {
    /// 折算 where the outlet converts to reference oxygen, else the measured mean.
    Converted,
    Measured,
}

/// Whether 「低于」 is strictly below or at most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    Strict,
    Inclusive,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ReductionSettings {
    pub concentration: Concentration,
    pub concentration_status: String,
    pub concentration_reason: String,
    pub comparison: Comparison,
    pub comparison_status: String,
    pub comparison_reason: String,
    pub below_share_75: f64,
    pub below_share_50: f64,
    pub shares_status: String,
    pub shares_source: String,
    pub standard_status: String,
    pub standard_reason: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OneOfChoice {
    MostEquivalents,
}

#[derive(Clone, Debug, Deserialize)]
pub struct WaterSettings {
    /// HJ 212 codes of COD, BOD5 and TOC: only one is taxed per outlet.
    pub one_of: Vec<String>,
    pub one_of_choice: OneOfChoice,
    pub one_of_status: String,
    pub one_of_reason: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Settings {
    pub reduction: ReductionSettings,
    pub water: WaterSettings,
}

pub fn parse_settings(text: &str) -> Result<Settings, String> {
    let s: Settings = toml::from_str(text).map_err(|e| e.to_string())?;
    let r = &s.reduction;
    if !(0.0 < r.below_share_50 && r.below_share_50 < r.below_share_75 && r.below_share_75 < 1.0) {
        return Err(format!("reduction: below_share_50 ({}) < below_share_75 ({}) < 1 is required", r.below_share_50, r.below_share_75));
    }
    Ok(s)
}

pub static SETTINGS: LazyLock<Settings> =
    LazyLock::new(|| parse_settings(include_str!("../../data/tax/settings.toml")).expect("data/tax/settings.toml is well-formed (tested)"));

/// `YYYY-MM` → (year, month), None when it is not a real month in that form.
pub fn parse_month(s: &str) -> Option<(i32, u8)> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() != 7 || b[4] != b'-' || !s[0..4].bytes().all(|c| c.is_ascii_digit()) || !s[5..7].bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (y, m): (i32, u8) = (s[0..4].parse().ok()?, s[5..7].parse().ok()?);
    ((1..=12).contains(&m) && (1900..=9999).contains(&y)).then_some((y, m))
}

/// `YYYY-Qn` → (year, quarter 1–4).
pub fn parse_quarter(s: &str) -> Option<(i32, u8)> {
    let s = s.trim();
    let (y, q) = s.split_once(['-'])?;
    let q = q.strip_prefix(['Q', 'q'])?;
    let (y, q): (i32, u8) = (y.parse().ok()?, q.parse().ok()?);
    (y.to_string().len() == 4 && (1..=4).contains(&q) && q.to_string() == s.rsplit_once(['Q', 'q'])?.1).then_some((y, q))
}

/// Yuan with 2 decimals (fen).
pub fn yuan(v: f64) -> String {
    format!("{:.2}", (v * 100.0).round() / 100.0)
}

/// The Beijing start of a month.
pub fn month_start(year: i32, month: u8) -> i64 {
    crate::monitoring::clock::date_start(time::Date::from_calendar_date(year, time::Month::try_from(month).expect("1–12"), 1).expect("day 1 exists"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_settings_parse_with_their_reasons() {
        let s = &*SETTINGS;
        assert_eq!(s.reduction.concentration, Concentration::Converted);
        assert_eq!(s.reduction.comparison, Comparison::Strict);
        assert_eq!((s.reduction.below_share_75, s.reduction.below_share_50), (0.7, 0.5));
        assert_eq!(s.reduction.concentration_status, "unverified");
        assert!(!s.reduction.concentration_reason.is_empty() && !s.reduction.comparison_reason.is_empty() && !s.water.one_of_reason.is_empty());
        assert_eq!(s.water.one_of, ["w01018", "w01017", "w01020"]);
        let text = include_str!("../../data/tax/settings.toml");
        assert!(parse_settings(&text.replace("below_share_50 = 0.5", "below_share_50 = 0.8")).is_err());
        assert!(parse_settings(&text.replace("comparison = \"strict\"", "comparison = \"roughly\"")).is_err());
    }

    #[test]
    fn months_and_quarters_parse_strictly() {
        assert_eq!(parse_month("2026-11"), Some((2026, 11)));
        assert_eq!(parse_month("2026-13"), None);
        assert_eq!(parse_month("2026-1"), None);
        assert_eq!(parse_month("26-11-1"), None);
        assert_eq!(parse_quarter("2026-Q4"), Some((2026, 4)));
        assert_eq!(parse_quarter("2026-Q5"), None);
        assert_eq!(parse_quarter("2026-4"), None);
        assert_eq!(parse_quarter("2026-Q04"), None);
    }
}
