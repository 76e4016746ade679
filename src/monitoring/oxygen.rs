//! Reference oxygen (基准氧含量) by emission standard: `data/monitoring/reference-oxygen.csv`,
//! and the choice for one outlet (its own `基准氧含量(%)` first, else the table's default).

use std::sync::LazyLock;

#[derive(Clone, Debug, PartialEq)]
pub struct ReferenceRow {
    pub standard: String,
    pub source_type: String,
    pub keywords: Vec<String>,
    /// None: the standard sets no reference oxygen for this source type.
    pub reference_o2: Option<f64>,
    pub clause: String,
    pub status: String,
    pub source: String,
}

pub static TABLE: LazyLock<Vec<ReferenceRow>> = LazyLock::new(|| {
    let mut reader = csv::Reader::from_reader(include_str!("../../data/monitoring/reference-oxygen.csv").as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.expect("data/monitoring/reference-oxygen.csv is well-formed (tested)");
            ReferenceRow {
                standard: r[0].to_string(),
                source_type: r[1].to_string(),
                keywords: r[2].split('|').filter(|k| !k.is_empty()).map(str::to_string).collect(),
                reference_o2: if r[3].is_empty() { None } else { Some(r[3].parse().expect("reference_o2_percent is a number (tested)")) },
                clause: r[4].to_string(),
                status: r[5].to_string(),
                source: r[6].to_string(),
            }
        })
        .collect()
});

/// What the conversion of an outlet's concentrations uses.
#[derive(Clone, Debug, PartialEq)]
pub enum ReferenceO2 {
    /// Convert to this reference oxygen (%); `row` is None when the ledger gave it.
    Convert { percent: f64, row: Option<ReferenceRow> },
    /// The standard sets no reference oxygen: measured concentration is the compliance value.
    NoConversion { row: ReferenceRow },
    /// No value in the ledger and the table cannot decide (unknown standard, or several
    /// source types and nothing names one). No conversion; the page says why.
    Undetermined,
}

impl ReferenceO2 {
    pub fn percent(&self) -> Option<f64> {
        match self {
            ReferenceO2::Convert { percent, .. } => Some(*percent),
            _ => None,
        }
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase()
}

/// The reference oxygen for an outlet: the ledger's value when present, else the row of the
/// table whose standard the outlet's standard texts name (one row, or the first whose keyword
/// appears in the standard text or the outlet name).
pub fn resolve(ledger_value: Option<f64>, standards: &[&str], outlet_name: &str) -> ReferenceO2 {
    if let Some(p) = ledger_value {
        return ReferenceO2::Convert { percent: p, row: None };
    }
    for text in standards {
        let squashed = squash(text);
        let rows: Vec<&ReferenceRow> = TABLE.iter().filter(|r| squashed.contains(&squash(&r.standard))).collect();
        if rows.is_empty() {
            continue;
        }
        let chosen = if rows.len() == 1 {
            Some(rows[0])
        } else {
            rows.iter().copied().find(|r| r.keywords.iter().any(|k| text.contains(k.as_str()) || outlet_name.contains(k.as_str())))
        };
        return match chosen {
            Some(r) => match r.reference_o2 {
                Some(p) => ReferenceO2::Convert { percent: p, row: Some(r.clone()) },
                None => ReferenceO2::NoConversion { row: r.clone() },
            },
            None => ReferenceO2::Undetermined,
        };
    }
    ReferenceO2::Undetermined
}

/// A reference or measured oxygen percentage must lie in [0, 21).
pub fn plausible_o2(p: f64) -> bool {
    p.is_finite() && (0.0..21.0).contains(&p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_are_sourced_and_verified() {
        assert!(TABLE.len() >= 6);
        for r in TABLE.iter() {
            assert!(!r.source.is_empty() && !r.clause.is_empty(), "{r:?}");
            assert!(["verified", "not-applicable"].contains(&r.status.as_str()), "{r:?}");
            if let Some(p) = r.reference_o2 {
                assert!(plausible_o2(p));
            }
        }
    }

    #[test]
    fn defaults_by_standard_and_source_type() {
        let o2 = |std: &str, name: &str| resolve(None, &[std], name).percent();
        assert_eq!(o2("GB 13271-2014 表1 在用锅炉 燃煤", "1#锅炉排口"), Some(9.0));
        assert_eq!(o2("GB 13271-2014 表2 新建锅炉 燃气", "锅炉废气排口"), Some(3.5));
        assert_eq!(o2("GB 13271-2014 表2 新建锅炉 燃油", ""), Some(3.5));
        assert_eq!(o2("GB 4915-2013 表1 水泥窑及窑尾余热利用系统", "窑尾"), Some(10.0));
        assert_eq!(o2("GB 4915-2013 表1", "烘干机排口"), Some(8.0));
        assert_eq!(o2("GB18484-2020", "焚烧炉"), Some(11.0));
        // Several source types and nothing names one: no guess.
        assert_eq!(resolve(None, &["GB 13271-2014"], "锅炉"), ReferenceO2::Undetermined);
        assert_eq!(resolve(None, &["GB 9999-2099"], ""), ReferenceO2::Undetermined);
        // A water standard sets none.
        assert!(matches!(resolve(None, &["GB 18918-2002 一级A"], ""), ReferenceO2::NoConversion { .. }));
        // The ledger's value wins.
        assert_eq!(resolve(Some(6.0), &["GB 13271-2014 燃煤"], "").percent(), Some(6.0));
    }
}
