//! Writing the ledger workbook and the enterprise CSV.

use rust_xlsxwriter::{Format, Workbook, Worksheet};

use super::columns::*;
use crate::ledger::model::EnterpriseBundle;

fn header_format() -> Format {
    Format::new().set_bold().set_background_color(0xDDEBF7).set_border(rust_xlsxwriter::FormatBorder::Thin)
}

pub(crate) fn write_sheet(
    sheet: &mut Worksheet,
    name: &str,
    columns: &[Column],
    rows: impl Iterator<Item = Vec<Cell>>,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    sheet.set_name(name)?;
    let header = header_format();
    for (c, column) in columns.iter().enumerate() {
        let title = if column.required { format!("{}*", column.header) } else { column.header.to_string() };
        sheet.write_string_with_format(0, c as u16, title, &header)?;
        let width = (column.header.chars().count() * 2 + 4).clamp(10, 40);
        sheet.set_column_width(c as u16, width as f64)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, row) in rows.enumerate() {
        let r = (r + 1) as u32;
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Cell::Empty => {}
                Cell::Text(s) => {
                    sheet.write_string(r, c as u16, s)?;
                }
                Cell::Number(n) => {
                    sheet.write_number(r, c as u16, *n)?;
                }
            }
        }
    }
    Ok(())
}

/// The full ledger workbook: enterprises first, then lines, equipment, outlets, yearly figures.
pub fn workbook(bundles: &[EnterpriseBundle]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    write_sheet(book.add_worksheet(), SHEET_ENTERPRISES, ENTERPRISE_COLUMNS, bundles.iter().map(|b| enterprise_row(&b.enterprise)))?;
    let key = |b: &EnterpriseBundle| b.enterprise.credit_code.clone();
    write_sheet(
        book.add_worksheet(),
        SHEET_LINES,
        LINE_COLUMNS,
        bundles.iter().flat_map(|b| b.lines.iter().map(move |l| line_row(&key(b), l))),
    )?;
    write_sheet(
        book.add_worksheet(),
        SHEET_EQUIPMENT,
        EQUIPMENT_COLUMNS,
        bundles.iter().flat_map(|b| b.equipment.iter().map(move |q| equipment_row(&key(b), q))),
    )?;
    write_sheet(
        book.add_worksheet(),
        SHEET_OUTLETS,
        OUTLET_COLUMNS,
        bundles.iter().flat_map(|b| b.outlets.iter().flat_map(move |o| outlet_rows(&key(b), o))),
    )?;
    write_sheet(
        book.add_worksheet(),
        SHEET_YEARLY,
        YEARLY_COLUMNS,
        bundles.iter().flat_map(|b| b.yearly.iter().map(move |y| yearly_row(&key(b), y))),
    )?;
    write_sheet(
        book.add_worksheet(),
        SHEET_ACTIVITY,
        ACTIVITY_COLUMNS,
        bundles.iter().flat_map(|b| b.activity.iter().map(move |a| activity_row(&key(b), a))),
    )?;
    super::template::write_notes(book.add_worksheet())?;
    book.save_to_buffer()
}

/// The enterprise sheet as CSV (UTF-8 with BOM, which Excel needs to show Chinese).
pub fn enterprises_csv(bundles: &[EnterpriseBundle]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let _ = w.write_record(ENTERPRISE_COLUMNS.iter().map(|c| c.header));
        for b in bundles {
            let row = enterprise_row(&b.enterprise);
            let _ = super::csv_safe::write(&mut w, row.iter().map(|c| match c {
                Cell::Empty => String::new(),
                Cell::Text(s) => s.clone(),
                Cell::Number(n) => format_number(*n),
            }));
        }
        let _ = w.flush();
    }
    out
}
