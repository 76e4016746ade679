//! Field checks shared by every way data enters the ledger (Excel, CSV, API).
//! Each returns the reason a value is refused, in words a bureau clerk can act on.

use super::codes::{EQUIPMENT_KINDS, INDUSTRIES};

pub fn industry_code(code: &str) -> Result<(), String> {
    if INDUSTRIES.is_class(code) {
        Ok(())
    } else if INDUSTRIES.get(code).is_some() {
        Err("industry code must be a 4-digit class of GB/T 4754-2017, not a section, division or group".into())
    } else {
        Err("unknown industry code (not in GB/T 4754-2017)".into())
    }
}

pub fn equipment_kind(text: &str) -> Result<String, String> {
    EQUIPMENT_KINDS
        .find(text)
        .map(|k| k.kind.clone())
        .ok_or_else(|| "unknown equipment kind (see data/equipment-kinds.csv)".into())
}

pub fn longitude(v: f64) -> Result<(), String> {
    if (73.0..=136.0).contains(&v) { Ok(()) } else { Err("longitude must lie within China (73–136° E)".into()) }
}

pub fn latitude(v: f64) -> Result<(), String> {
    if (3.0..=54.0).contains(&v) { Ok(()) } else { Err("latitude must lie within China (3–54° N)".into()) }
}

pub fn year(v: i64) -> Result<(), String> {
    if (1900..=2100).contains(&v) { Ok(()) } else { Err("year must be between 1900 and 2100".into()) }
}

pub fn non_negative(v: f64) -> Result<(), String> {
    if v >= 0.0 && v.is_finite() { Ok(()) } else { Err("must be a number ≥ 0".into()) }
}
