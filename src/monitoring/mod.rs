//! Monitoring analytics: the pure domain (no I/O). Valid data and averages (HJ 212-2017
//! Appendix D, HJ 75/76-2017), the conversion to reference oxygen (折算浓度), emission rates,
//! transmission and validity rates, and data marks (数据标记). The rules and their sources are
//! settings in `data/monitoring/`; storage is `storage::averages` and `storage::marks`.

pub mod averages;
pub mod block;
pub mod codes;
pub mod conversion;
pub mod marks;
pub mod oxygen;
pub mod rates;
pub mod rules;
pub mod sample;
pub mod clock;

/// A measured value as tables and the CLI show it: up to 4 decimals, no trailing zeros; empty
/// for none.
pub fn format_value(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => {
            let s = format!("{v:.4}");
            let s = s.trim_end_matches('0').trim_end_matches('.');
            if s == "-0" { "0".into() } else { s.to_string() }
        }
        _ => String::new(),
    }
}
