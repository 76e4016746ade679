//! The province's tax per pollution equivalent (具体适用税额, Law Art. 6, within 附表一's ranges)
//! and its taxed item counts per outlet (Art. 9 ¶3), from `data/tax/rates.csv`. The province is
//! the first two digits of the enterprise's division code (GB/T 2260).

use std::sync::LazyLock;

/// 附表一 [V]: 大气污染物 1.2 元至 12 元, 水污染物 1.4 元至 14 元 per equivalent
/// (EPTaxLaw-2018-annexes.txt lines 22–23).
pub const AIR_RANGE: (f64, f64) = (1.2, 12.0);
pub const WATER_RANGE: (f64, f64) = (1.4, 14.0);

/// One row of `data/tax/rates.csv`.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct Rate {
    /// GB/T 2260 province code (two digits).
    pub province: String,
    pub name: String,
    pub air_yuan: f64,
    pub water_yuan: f64,
    /// Pollutants taxed per outlet: air (Law Art. 9: 3), 第一类水污染物 (5), other water (3).
    pub air_items: usize,
    pub water_first_items: usize,
    pub water_other_items: usize,
    pub valid_from: String,
    pub status: String,
    pub source: String,
}

pub fn parse(text: &str) -> Result<Vec<Rate>, String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut out: Vec<Rate> = Vec::new();
    for (i, row) in reader.deserialize::<Rate>().enumerate() {
        let row = row.map_err(|e| format!("row {}: {e}", i + 2))?;
        let n = i + 2;
        if row.province.len() != 2 || !row.province.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("row {n}: province {:?} is not a two-digit GB/T 2260 code", row.province));
        }
        if !(AIR_RANGE.0..=AIR_RANGE.1).contains(&row.air_yuan) {
            return Err(format!("row {n}: air rate {} is outside 附表一's 1.2–12 元", row.air_yuan));
        }
        if !(WATER_RANGE.0..=WATER_RANGE.1).contains(&row.water_yuan) {
            return Err(format!("row {n}: water rate {} is outside 附表一's 1.4–14 元", row.water_yuan));
        }
        // Art. 9 ¶3: a province may increase the counts, not lower them.
        if row.air_items < 3 || row.water_first_items < 5 || row.water_other_items < 3 {
            return Err(format!("row {n}: item counts below the law's 3 / 5 / 3 (Art. 9)"));
        }
        if row.source.trim().is_empty() || row.status.trim().is_empty() {
            return Err(format!("row {n}: {} has no source or status", row.name));
        }
        if out.iter().any(|o| o.province == row.province) {
            return Err(format!("row {n}: province {} twice", row.province));
        }
        out.push(row);
    }
    Ok(out)
}

pub static RATES: LazyLock<Vec<Rate>> = LazyLock::new(|| parse(include_str!("../../data/tax/rates.csv")).expect("data/tax/rates.csv is well-formed (tested)"));

/// The rate of the province holding this division code.
pub fn for_division(division_code: &str) -> Option<&'static Rate> {
    let province = division_code.get(0..2)?;
    RATES.iter().find(|r| r.province == province)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rates_parse_cite_a_source_and_cover_shaanxi_and_henan() {
        for r in RATES.iter() {
            assert!(!r.source.is_empty() && ["verified", "secondary", "unverified"].contains(&r.status.as_str()), "{r:?}");
        }
        let shaanxi = for_division("612002101").unwrap();
        assert_eq!((shaanxi.name.as_str(), shaanxi.air_yuan, shaanxi.water_yuan), ("陕西省", 1.2, 1.4));
        let henan = for_division("410105").unwrap();
        assert_eq!((henan.air_yuan, henan.water_yuan, henan.status.as_str()), (4.8, 5.6, "verified"));
        assert_eq!((henan.air_items, henan.water_first_items, henan.water_other_items), (3, 5, 3));
        assert!(for_division("650102").is_none(), "Xinjiang has no row: no rate, never a guess");
        assert!(for_division("6").is_none());
    }

    #[test]
    fn rates_outside_the_law_s_range_are_refused() {
        let head = "province,name,air_yuan,water_yuan,air_items,water_first_items,water_other_items,valid_from,status,source\n";
        assert!(parse(&format!("{head}61,陕西省,1.0,1.4,3,5,3,2018-01-01,verified,x\n")).unwrap_err().contains("1.2–12"));
        assert!(parse(&format!("{head}61,陕西省,1.2,15,3,5,3,2018-01-01,verified,x\n")).unwrap_err().contains("1.4–14"));
        assert!(parse(&format!("{head}61,陕西省,1.2,1.4,2,5,3,2018-01-01,verified,x\n")).unwrap_err().contains("Art. 9"));
        assert!(parse(&format!("{head}6,陕西省,1.2,1.4,3,5,3,2018-01-01,verified,x\n")).unwrap_err().contains("row 2"));
        assert!(parse(&format!("{head}61,陕西省,1.2,1.4,3,5,3,2018-01-01,verified,\n")).unwrap_err().contains("no source"));
    }
}
