//! The limits an outlet × pollutant is judged against, on each time basis.
//!
//! The ledger carries one limit per outlet and pollutant (standard, special limit, ultra-low,
//! local or permit limit — whichever the outlet carries: `outlet_pollutants.limit_value`).
//! Flue gas is judged on valid hourly means, wastewater on valid daily means
//! (shared/reference/monitoring-facts.md §4.1). Where a standard sets a daily limit besides the
//! hourly one (GB 18484-2020 表3), `data/enforcement/daily-limits.csv` gives it and both are judged.

use std::sync::LazyLock;

use crate::monitoring::rules::Medium;

/// The time basis of a judgment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Basis {
    Hour,
    Day,
}

impl Basis {
    pub fn code(self) -> &'static str {
        match self {
            Basis::Hour => "hour",
            Basis::Day => "day",
        }
    }
    pub fn parse(s: &str) -> Option<Basis> {
        match s {
            "hour" => Some(Basis::Hour),
            "day" => Some(Basis::Day),
            _ => None,
        }
    }
    pub fn seconds(self) -> i64 {
        match self {
            Basis::Hour => 3600,
            Basis::Day => 86_400,
        }
    }
}

/// One row of `data/enforcement/daily-limits.csv`.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct DualLimit {
    pub standard_keyword: String,
    pub pollutant_code: String,
    pub pollutant_name: String,
    pub hourly_limit: f64,
    pub daily_limit: f64,
    pub unit: String,
    pub reference_o2_percent: Option<f64>,
    pub status: String,
    pub source: String,
}

pub static DUAL_LIMITS: LazyLock<Vec<DualLimit>> = LazyLock::new(|| {
    parse(include_str!("../../data/enforcement/daily-limits.csv")).expect("data/enforcement/daily-limits.csv is well-formed (tested)")
});

fn parse(text: &str) -> Result<Vec<DualLimit>, String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader.deserialize().enumerate().map(|(i, row)| row.map_err(|e| format!("row {}: {e}", i + 2))).collect()
}

/// The limits one outlet × pollutant is judged against: (basis, limit).
pub fn applicable(medium: Medium, standard: &str, pollutant: &str, ledger_limit: Option<f64>) -> Vec<(Basis, f64)> {
    let dual = DUAL_LIMITS.iter().find(|d| d.pollutant_code == pollutant && standard.contains(&d.standard_keyword));
    match (medium, dual) {
        (Medium::Water, _) => ledger_limit.map(|l| vec![(Basis::Day, l)]).unwrap_or_default(),
        (_, Some(d)) => vec![(Basis::Hour, ledger_limit.unwrap_or(d.hourly_limit)), (Basis::Day, d.daily_limit)],
        (_, None) => ledger_limit.map(|l| vec![(Basis::Hour, l)]).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_parses_and_cites_every_row() {
        assert!(DUAL_LIMITS.len() >= 5);
        for d in DUAL_LIMITS.iter() {
            assert!(!d.source.is_empty() && ["verified", "unverified", "secondary"].contains(&d.status.as_str()), "{d:?}");
            assert!(d.daily_limit < d.hourly_limit, "{d:?}");
        }
    }

    #[test]
    fn air_is_judged_hourly_water_daily_and_gb18484_on_both() {
        assert_eq!(applicable(Medium::Air, "GB 13271-2014 表1 在用锅炉 燃煤", "a21026", Some(400.0)), vec![(Basis::Hour, 400.0)]);
        assert_eq!(applicable(Medium::Water, "GB 8978-1996 表4 一级", "w01018", Some(100.0)), vec![(Basis::Day, 100.0)]);
        assert_eq!(
            applicable(Medium::Air, "GB 18484-2020 表3", "a21026", Some(100.0)),
            vec![(Basis::Hour, 100.0), (Basis::Day, 80.0)]
        );
        // A stricter ledger limit (permit, local) wins on the hourly basis; the daily comes from the table.
        assert_eq!(applicable(Medium::Air, "GB 18484-2020 表3", "a34013", Some(10.0)), vec![(Basis::Hour, 10.0), (Basis::Day, 20.0)]);
        assert!(applicable(Medium::Air, "", "a24088", None).is_empty());
    }

    #[test]
    fn a_malformed_file_names_the_row() {
        let bad = "standard_keyword,pollutant_code,pollutant_name,hourly_limit,daily_limit,unit,reference_o2_percent,status,source\nGB 1,a1,x,ten,2,mg,,verified,s\n";
        assert!(parse(bad).unwrap_err().contains("row 2"));
    }
}
