//! Excel (.xlsx) and CSV in and out, in the layout bureaus already use: the first
//! sheet lists enterprises, one per row; lines, equipment, outlets and yearly figures
//! follow on further sheets keyed by credit code.

pub mod campaigns;
pub mod columns;
pub mod csv_safe;
pub mod export;
pub mod import;
pub mod inventory;
pub mod limits;
pub mod outputs;
pub mod tax;
pub mod template;
pub mod text;

pub use import::{parse_workbook, parse_csv, ParsedLedger};
