//! 附表二 《应税污染物和当量值表》: the pollution-equivalent value (kg) of every taxable air and
//! water pollutant, with the HJ 212-2017 codes it is monitored under and the line of the annex
//! text it was read from (`data/tax/equivalents.csv`, from
//! `shared/reference/standards/EPTaxLaw-2018-annexes.txt`).

use std::sync::LazyLock;

use crate::monitoring::rules::Medium;

/// The class of an item: air, 第一类水污染物, or the other water pollutants (第二类).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
pub enum Class {
    #[serde(rename = "air")]
    Air,
    #[serde(rename = "water1")]
    WaterFirst,
    #[serde(rename = "water2")]
    WaterOther,
}

impl Class {
    pub fn code(self) -> &'static str {
        match self {
            Class::Air => "air",
            Class::WaterFirst => "water1",
            Class::WaterOther => "water2",
        }
    }
    pub fn medium(self) -> Medium {
        match self {
            Class::Air => Medium::Air,
            _ => Medium::Water,
        }
    }
}

/// One row of `data/tax/equivalents.csv`.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct Equivalent {
    pub class: Class,
    /// The item's number in its table of 附表二.
    pub item_no: u32,
    pub name: String,
    pub equivalent_kg: f64,
    /// HJ 212-2017 codes (space separated in the file), empty when none is monitored.
    #[serde(deserialize_with = "codes")]
    pub hj212_codes: Vec<String>,
    /// Line of `EPTaxLaw-2018-annexes.txt` holding the value.
    pub annex_line: u32,
    pub status: String,
    pub source: String,
}

fn codes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let s: String = serde::Deserialize::deserialize(d)?;
    Ok(s.split_whitespace().map(str::to_string).collect())
}

pub fn parse(text: &str) -> Result<Vec<Equivalent>, String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut out: Vec<Equivalent> = Vec::new();
    for (i, row) in reader.deserialize::<Equivalent>().enumerate() {
        let row = row.map_err(|e| format!("row {}: {e}", i + 2))?;
        if !(row.equivalent_kg.is_finite() && row.equivalent_kg > 0.0) {
            return Err(format!("row {}: equivalent_kg {} must be a positive number", i + 2, row.equivalent_kg));
        }
        if row.source.trim().is_empty() || row.status.trim().is_empty() {
            return Err(format!("row {}: {} has no source or status", i + 2, row.name));
        }
        for code in &row.hj212_codes {
            if let Some(other) = out.iter().find(|o| o.hj212_codes.contains(code)) {
                return Err(format!("row {}: HJ 212 code {code} is already mapped to {}", i + 2, other.name));
            }
        }
        out.push(row);
    }
    Ok(out)
}

pub static EQUIVALENTS: LazyLock<Vec<Equivalent>> =
    LazyLock::new(|| parse(include_str!("../../data/tax/equivalents.csv")).expect("data/tax/equivalents.csv is well-formed (tested)"));

/// The taxable item an outlet's pollutant code is, for the outlet's medium.
pub fn for_code(medium: Medium, code: &str) -> Option<&'static Equivalent> {
    EQUIVALENTS.iter().find(|e| e.class.medium() == medium && e.hj212_codes.iter().any(|c| c == code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_every_row_has_a_source_and_its_annex_line_holds_the_value() {
        assert_eq!(EQUIVALENTS.iter().filter(|e| e.class == Class::Air).count(), 44, "附表二 五 lists 44 air pollutants");
        assert_eq!(EQUIVALENTS.iter().filter(|e| e.class == Class::WaterFirst).count(), 10);
        assert_eq!(EQUIVALENTS.iter().filter(|e| e.class == Class::WaterOther).count(), 51);
        let annex = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/reference/standards/EPTaxLaw-2018-annexes.txt"))
            .expect("shared/reference is linked next to the repository");
        let lines: Vec<&str> = annex.lines().collect();
        for e in EQUIVALENTS.iter() {
            assert!(e.source.contains(&format!("line {}", e.annex_line)), "{e:?}");
            assert_eq!(e.status, "verified", "{e:?}");
            let line = lines[e.annex_line as usize - 1].trim();
            let value = line.split_whitespace().skip(1).find_map(|t| t.parse::<f64>().ok());
            assert_eq!(value, Some(e.equivalent_kg), "line {}: {line}", e.annex_line);
            assert!(line.starts_with(&format!("{}.", e.item_no)), "line {}: {line}", e.annex_line);
        }
    }

    #[test]
    fn codes_map_to_the_annex_items() {
        assert_eq!(for_code(Medium::Air, "a21026").unwrap().equivalent_kg, 0.95);
        assert_eq!(for_code(Medium::Air, "a21002").unwrap().equivalent_kg, 0.95);
        assert_eq!(for_code(Medium::Air, "a34013").unwrap().name, "烟尘");
        assert_eq!(for_code(Medium::Air, "a34013").unwrap().equivalent_kg, 2.18);
        assert_eq!(for_code(Medium::Water, "w01018").unwrap().equivalent_kg, 1.0);
        assert_eq!(for_code(Medium::Water, "w21003").unwrap().equivalent_kg, 0.8);
        assert_eq!(for_code(Medium::Water, "w20111").unwrap().class, Class::WaterFirst);
        // Not taxable: 非甲烷总烃 has no line, 总氮 has none, oxygen is a parameter.
        assert!(for_code(Medium::Air, "a24088").is_none());
        assert!(for_code(Medium::Water, "w21001").is_none());
        assert!(for_code(Medium::Air, "a19001").is_none());
        // A water code on an air outlet is not an air item.
        assert!(for_code(Medium::Air, "w01018").is_none());
    }

    #[test]
    fn a_bad_row_is_named() {
        let head = "class,item_no,name,equivalent_kg,hj212_codes,annex_line,status,source\n";
        assert!(parse(&format!("{head}air,1,二氧化硫,zero,a21026,376,verified,x\n")).unwrap_err().contains("row 2"));
        assert!(parse(&format!("{head}air,1,二氧化硫,0,a21026,376,verified,x\n")).unwrap_err().contains("positive"));
        assert!(parse(&format!("{head}air,1,二氧化硫,0.95,a21026,376,verified,\n")).unwrap_err().contains("no source"));
        assert!(parse(&format!("{head}air,1,二氧化硫,0.95,a21026,376,verified,x\nair,2,氮氧化物,0.95,a21026,378,verified,x\n")).unwrap_err().contains("already mapped"));
    }
}
