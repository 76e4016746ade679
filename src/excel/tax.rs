//! The quarterly filing table of the environmental protection tax (环境保护税法 Art. 18: computed
//! monthly, filed quarterly) as .xlsx: one sheet per month, one row per outlet and taxable
//! pollutant, columns named after the items of the 环境保护税纳税申报表 for air and water
//! pollutants. The layout is not checked against the tax office's current form (data/tax/README.md).

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::i18n::catalogue::tax as msg;
use crate::i18n::Lang;
use crate::monitoring::rules::Medium;
use crate::storage::tax::OutletTax;

fn round(v: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (v * f).round() / f
}

/// `months`: (YYYY-MM, that month's outlets).
pub fn quarter_workbook(quarter: &str, months: &[(String, Vec<OutletTax>)], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_bold().set_text_wrap();
    let heads = [
        msg::xcol_month(), msg::xcol_taxpayer(), msg::xcol_credit(), msg::xcol_source(), msg::xcol_outlet_name(), msg::xcol_item(), msg::xcol_pollutant(),
        msg::xcol_basis(), msg::xcol_value(), msg::xcol_equivalents(), msg::xcol_rate(), msg::xcol_due(), msg::xcol_reduction_share(), msg::xcol_relief(),
        msg::xcol_payable(),
    ];
    for (month, outlets) in months {
        let sheet = book.add_worksheet();
        sheet.set_name(month.as_str())?;
        sheet.write_string_with_format(0, 0, msg::xlsx_title(quarter).render(lang), &bold)?;
        sheet.write_string(1, 0, msg::xlsx_note().render(lang))?;
        for (i, h) in heads.iter().enumerate() {
            sheet.write_string_with_format(3, i as u16, h.render(lang), &wrap)?;
        }
        let mut row = 4u32;
        let (mut due, mut relief, mut payable) = (0.0, 0.0, 0.0);
        for o in outlets {
            for l in o.lines.iter().filter(|l| l.taxed) {
                let item = match o.outlet.medium {
                    Medium::Air => msg::item_air(),
                    Medium::Water => msg::item_water(),
                };
                let gross = round(l.gross_yuan, 2);
                let pay = round(l.tax_yuan, 2);
                sheet.write_string(row, 0, month.as_str())?;
                sheet.write_string(row, 1, &o.outlet.enterprise_name)?;
                sheet.write_string(row, 2, &o.outlet.credit_code)?;
                sheet.write_string(row, 3, &o.outlet.outlet_code)?;
                sheet.write_string(row, 4, &o.outlet.outlet_name)?;
                sheet.write_string(row, 5, item.render(lang))?;
                sheet.write_string(row, 6, format!("{} ({})", l.item.name, l.code))?;
                sheet.write_number(row, 7, round(l.emission.kg, 4))?;
                sheet.write_number(row, 8, l.item.equivalent_kg)?;
                sheet.write_number(row, 9, round(l.equivalents, 4))?;
                sheet.write_number(row, 10, l.rate)?;
                sheet.write_number(row, 11, gross)?;
                sheet.write_number(row, 12, l.test.factor)?;
                sheet.write_number(row, 13, round(gross - pay, 2))?;
                sheet.write_number(row, 14, pay)?;
                due += gross;
                relief += gross - pay;
                payable += pay;
                row += 1;
            }
        }
        sheet.write_string_with_format(row, 0, msg::total().render(lang), &bold)?;
        sheet.write_number_with_format(row, 11, round(due, 2), &bold)?;
        sheet.write_number_with_format(row, 13, round(relief, 2), &bold)?;
        sheet.write_number_with_format(row, 14, round(payable, 2), &bold)?;
        sheet.set_column_width(1, 24)?;
        sheet.set_column_width(2, 20)?;
        sheet.set_column_width(6, 18)?;
        sheet.set_row_height(3, 45)?;
    }
    book.save_to_buffer()
}
