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

use crate::i18n::{catalogue::ledger as msg, Lang, Msg};

/// One thing wrong with an input, precise enough to fix by hand:
/// which sheet and row, which column, the value found and why it is refused.
/// The reason is a catalogue message, rendered in the reader's language; JSON carries its
/// stable code as `reason_code` beside the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub sheet: String,
    /// 1-based spreadsheet row number (the header is row 1); 0 when the problem is the whole sheet.
    pub row: usize,
    pub column: String,
    pub value: String,
    pub reason: Msg,
}

impl Problem {
    /// The problem as one line in `lang` (CLI output, error pages).
    pub fn render(&self, lang: Lang) -> String {
        if self.row == 0 && self.sheet.is_empty() {
            self.reason.render(lang)
        } else if self.row == 0 {
            msg::whole_sheet(&self.sheet, self.reason.clone()).render(lang)
        } else {
            msg::at_cell(&self.sheet, self.row, &self.column, &self.value, self.reason.clone()).render(lang)
        }
    }

    /// The same line for a page, its sheet, column and value marked as data.
    pub fn markup(&self, lang: Lang) -> maud::Markup {
        if self.row == 0 && self.sheet.is_empty() {
            self.reason.markup(lang)
        } else if self.row == 0 {
            msg::whole_sheet(&self.sheet, self.reason.clone()).markup(lang)
        } else {
            msg::at_cell(&self.sheet, self.row, &self.column, &self.value, self.reason.clone()).markup(lang)
        }
    }

    /// `{"sheet", "row", "column", "value", "reason", "reason_code"}` with the reason in `lang`.
    pub fn json(&self, lang: Lang) -> serde_json::Value {
        serde_json::json!({
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "reason": self.reason.render(lang),
            "reason_code": self.reason.code(),
        })
    }
}

/// In the process language (CLI, logs); the web layer renders the request's language.
impl serde::Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.json(Lang::process()).serialize(s)
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::process()))
    }
}
