//! Field checks shared by every way data enters the ledger (Excel, CSV, API).
//! Each returns the reason a value is refused, in words a bureau clerk can act on.

use super::codes::{EQUIPMENT_KINDS, INDUSTRIES};
use crate::i18n::{catalogue::ledger as msg, Msg};

pub fn industry_code(code: &str) -> Result<(), Msg> {
    if INDUSTRIES.is_class(code) {
        Ok(())
    } else if INDUSTRIES.get(code).is_some() {
        Err(msg::industry_not_class())
    } else {
        Err(msg::industry_unknown())
    }
}

pub fn equipment_kind(text: &str) -> Result<String, Msg> {
    EQUIPMENT_KINDS
        .find(text)
        .map(|k| k.kind.clone())
        .ok_or_else(msg::equipment_kind_unknown)
}

pub fn longitude(v: f64) -> Result<(), Msg> {
    if (73.0..=136.0).contains(&v) { Ok(()) } else { Err(msg::longitude()) }
}

pub fn latitude(v: f64) -> Result<(), Msg> {
    if (3.0..=54.0).contains(&v) { Ok(()) } else { Err(msg::latitude()) }
}

pub fn year(v: i64) -> Result<(), Msg> {
    if (1900..=2100).contains(&v) { Ok(()) } else { Err(msg::year_range()) }
}

pub fn non_negative(v: f64) -> Result<(), Msg> {
    if v >= 0.0 && v.is_finite() { Ok(()) } else { Err(msg::negative()) }
}
