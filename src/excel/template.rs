//! The blank import template (`lantian template ledger`, and a download on the import page).

use rust_xlsxwriter::{DataValidation, Workbook, Worksheet, XlsxError};

use super::columns::*;
use super::export::write_sheet;

/// The "how to fill in" sheet: every column of every sheet with what it expects.
pub fn write_notes(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet.set_name(SHEET_NOTES)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    sheet.write_string_with_format(0, 0, "工作表", &bold)?;
    sheet.write_string_with_format(0, 1, "列", &bold)?;
    sheet.write_string_with_format(0, 2, "必填", &bold)?;
    sheet.write_string_with_format(0, 3, "说明", &bold)?;
    let mut r = 1;
    for (name, columns) in SHEETS {
        for c in *columns {
            sheet.write_string(r, 0, *name)?;
            sheet.write_string(r, 1, c.header)?;
            sheet.write_string(r, 2, if c.required { "是" } else { "" })?;
            sheet.write_string(r, 3, c.note)?;
            r += 1;
        }
    }
    sheet.set_column_width(0, 12)?;
    sheet.set_column_width(1, 22)?;
    sheet.set_column_width(3, 80)?;
    Ok(())
}

fn list(sheet: &mut Worksheet, col: u16, choices: &[&str]) -> Result<(), XlsxError> {
    let v = DataValidation::new().allow_list_strings(choices)?;
    sheet.add_data_validation(1, col, 100_000, col, &v)?;
    Ok(())
}

pub fn workbook() -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    for (name, columns) in SHEETS {
        let sheet = book.add_worksheet();
        write_sheet(sheet, name, columns, std::iter::empty())?;
        let at = |h: &str| columns.iter().position(|c| c.header == h).map(|p| p as u16);
        let statuses = ["在产", "停产", "在建", "关停"];
        if *name == SHEET_ENTERPRISES {
            for (h, choices) in [
                ("规上企业", &["是", "否"][..]),
                ("企业规模", &["大型", "中型", "小型", "微型"][..]),
                ("生产状态", &statuses[..]),
                ("营业执照", &["有", "无"][..]),
                ("用地合法", &["是", "否"][..]),
                ("环保绩效等级", &["A", "B", "C", "D"][..]),
            ] {
                if let Some(c) = at(h) {
                    list(sheet, c, choices)?;
                }
            }
        }
        if *name == SHEET_OUTLETS {
            if let Some(c) = at("排放类型") {
                list(sheet, c, &["废气", "废水"])?;
            }
        }
        if let Some(c) = at("状态") {
            list(sheet, c, &statuses)?;
        }
    }
    write_notes(book.add_worksheet())?;
    book.save_to_buffer()
}
