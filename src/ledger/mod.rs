//! The ledger (台账): enterprises, their production lines, main equipment,
//! outlets with pollutants, and yearly energy/water/value-added figures.

pub mod codes;
pub mod credit_code;
pub mod filter;
pub mod model;
pub mod problems;
pub mod validate;

pub use filter::ListFilter;
pub use model::*;
pub use problems::Problems;

use serde::{Deserialize, Serialize};

/// One thing wrong with an input, precise enough to fix by hand:
/// which sheet and row, which column, the value found and why it is refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Problem {
    pub sheet: String,
    /// 1-based spreadsheet row number (the header is row 1); 0 when the problem is the whole sheet.
    pub row: usize,
    pub column: String,
    pub value: String,
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.row == 0 {
            write!(f, "sheet {}: {}", self.sheet, self.reason)
        } else {
            write!(
                f,
                "sheet {} row {} column {} value {:?}: {}",
                self.sheet, self.row, self.column, self.value, self.reason
            )
        }
    }
}
