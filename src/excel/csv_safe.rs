//! CSV cells that a spreadsheet cannot run as formulas.
//!
//! Excel and WPS treat a cell that begins with `=`, `+`, `-` or `@` as a formula, and a
//! leading tab or carriage return can hide such a start; a name like
//! `=HYPERLINK("http://…","点击")` in an exported ledger would run on the officer's machine
//! (CSV injection, OWASP). Every CSV the platform writes goes through [`cell`]: such a
//! text gets a leading apostrophe, which spreadsheets show as plain text. Numbers stay as
//! they are (`-3.5` is a number to Excel, not a formula), so exported figures still add up.

use std::borrow::Cow;

/// The cell as it is safe to write: unchanged unless a spreadsheet would evaluate it.
pub fn cell(text: &str) -> Cow<'_, str> {
    let risky = matches!(text.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    if risky && !is_plain_number(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

fn is_plain_number(text: &str) -> bool {
    text.parse::<f64>().is_ok_and(f64::is_finite) && !text.chars().any(|c| c.is_whitespace())
}

/// Write one record, every cell made safe.
pub fn write<W: std::io::Write, S: AsRef<str>>(w: &mut csv::Writer<W>, record: impl IntoIterator<Item = S>) -> csv::Result<()> {
    let cells: Vec<String> = record.into_iter().map(|c| cell(c.as_ref()).into_owned()).collect();
    w.write_record(&cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised() {
        for bad in ["=HYPERLINK(\"http://evil.example\",\"点击\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"] {
            let safe = cell(bad);
            assert_eq!(safe, format!("'{bad}"), "{bad:?}");
        }
    }

    #[test]
    fn ordinary_text_and_numbers_are_kept() {
        for good in ["青岚水泥有限公司", "91610000MA6TG1234X", "", "-3.5", "+12", "-0", "2024-05-01", "a=b", "电话: 029-1234"] {
            assert_eq!(cell(good), good, "{good:?}");
        }
        assert_eq!(cell("-"), "'-", "a lone minus is not a number");
        assert_eq!(cell("- 3"), "'- 3");
        assert_eq!(cell("-inf"), "'-inf");
    }

    #[test]
    fn written_records_carry_the_apostrophe() {
        let mut w = csv::Writer::from_writer(Vec::new());
        write(&mut w, ["=1+1", "ok", "-7"]).unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(out, "'=1+1,ok,-7\n");
    }
}
