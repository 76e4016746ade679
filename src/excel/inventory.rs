//! The inventory's workbooks (issue 13): the cells of a filter with the year before, and every
//! line with its activity row, factor and formula; a scenario against its baseline.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::i18n::catalogue::inventory as msg;
use crate::i18n::{Lang, Msg};
use crate::inventory::compute::{self, Cell, Inputs, Line};
use crate::inventory::factors::Library;
use crate::inventory::scenario::Outcome;
use crate::inventory::{measures, Pollutant};

fn round(v: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (v * f).round() / f
}

fn heads(sheet: &mut rust_xlsxwriter::Worksheet, row: u32, heads: &[Msg], lang: Lang, bold: &Format) -> Result<(), XlsxError> {
    for (i, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(row, i as u16, h.render(lang), bold)?;
    }
    Ok(())
}

/// The inventory of a filter: cells (with the year before) and the lines behind them.
pub fn inventory_workbook(lib: &Library, inputs: &Inputs, cells: &[(&Cell, Option<f64>)], lines: &[Line], names: &dyn Fn(&str) -> String, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let s = book.add_worksheet();
    s.set_name(msg::x_sheet_cells().render(lang))?;
    heads(
        s,
        0,
        &[msg::col_year(), msg::col_district(), msg::col_district_name(), msg::col_sector(), msg::col_source(), msg::col_pollutant(), msg::col_tonnes(), msg::col_monitoring_t(), msg::col_enterprises(), msg::col_previous(), msg::col_change()],
        lang,
        &bold,
    )?;
    for (i, (c, prev)) in cells.iter().enumerate() {
        let r = i as u32 + 1;
        s.write_number(r, 0, c.year as f64)?;
        s.write_string(r, 1, &c.county)?;
        s.write_string(r, 2, names(&c.county))?;
        s.write_string(r, 3, format!("{} {}", c.industry, crate::ledger::codes::INDUSTRIES.name(&c.industry)))?;
        s.write_string(r, 4, c.source.label().render(lang))?;
        s.write_string(r, 5, c.pollutant.code())?;
        s.write_number(r, 6, round(c.tonnes, 6))?;
        s.write_number(r, 7, round(c.monitoring_t, 6))?;
        s.write_number(r, 8, c.enterprises as f64)?;
        if let Some(p) = prev {
            s.write_number(r, 9, round(*p, 6))?;
            if *p > 0.0 {
                s.write_number(r, 10, round((c.tonnes - p) / p * 100.0, 2))?;
            }
        }
    }
    let s = book.add_worksheet();
    s.set_name(msg::x_sheet_lines().render(lang))?;
    heads(
        s,
        0,
        &[
            msg::col_year(), msg::col_credit(), msg::col_enterprise(), msg::col_district(), msg::col_sector(), msg::col_source(), msg::col_pollutant(),
            msg::col_tonnes(), msg::col_method(), msg::col_item(), msg::col_amount(), msg::col_unit(), msg::col_equipment(), msg::col_outlet(),
            msg::col_factor(), msg::col_status(), msg::col_formula(),
        ],
        lang,
        &bold,
    )?;
    for (i, l) in lines.iter().enumerate() {
        let r = i as u32 + 1;
        let e = &inputs.enterprises[l.enterprise];
        s.write_number(r, 0, l.year as f64)?;
        s.write_string(r, 1, &e.credit_code)?;
        s.write_string(r, 2, &e.name)?;
        s.write_string(r, 3, &e.county)?;
        s.write_string(r, 4, &e.industry)?;
        s.write_string(r, 5, l.source.label().render(lang))?;
        s.write_string(r, 6, l.pollutant.code())?;
        s.write_number(r, 7, round(l.tonnes, 6))?;
        s.write_string(r, 8, l.method.label().render(lang))?;
        if let Some(a) = l.activity.map(|a| &inputs.activity[a]) {
            s.write_string(r, 9, &a.item)?;
            s.write_number(r, 10, a.entered_amount)?;
            s.write_string(r, 11, &a.entered_unit)?;
            s.write_string(r, 12, &a.equipment)?;
        }
        s.write_string(r, 13, l.outlet(inputs))?;
        if let Some(o) = factor_origin(lib, l) {
            s.write_string(r, 14, o.id())?;
            s.write_string(r, 15, o.status.code())?;
        }
        s.write_string(r, 16, compute::formula(lib, inputs, l))?;
    }
    book.save_to_buffer()
}

/// Where a line's factor was read (none for monitored lines).
pub fn factor_origin<'a>(lib: &'a Library, l: &Line) -> Option<&'a crate::inventory::factors::Origin> {
    use crate::inventory::compute::FactorRef::*;
    if l.monitored.is_some() {
        return Option::None;
    }
    match l.factor {
        Fuel(i) => Some(&lib.fuels[i].origin),
        Grid(i) => Some(&lib.grid[i].origin),
        Heat => Some(&lib.heat.origin),
        Process(i) => Some(&lib.items[i].origin),
        Air(i) => Some(&lib.air[i].origin),
        None => Option::None,
    }
}

/// A scenario against its baseline: totals, districts, measures.
pub fn scenario_workbook(name: &str, o: &Outcome, names: &dyn Fn(&str) -> String, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let s = book.add_worksheet();
    s.set_name(msg::x_sheet_totals().render(lang))?;
    s.write_string_with_format(0, 0, msg::scenario_title(name, o.year).render(lang), &bold)?;
    heads(s, 2, &[msg::col_pollutant(), msg::col_baseline(), msg::col_scenario(), msg::col_delta(), msg::col_change()], lang, &bold)?;
    let mut r = 3;
    for p in Pollutant::ALL {
        let (b, a) = (o.baseline.tonnes[p.index()], o.scenario.tonnes[p.index()]);
        s.write_string(r, 0, p.code())?;
        s.write_number(r, 1, round(b, 6))?;
        s.write_number(r, 2, round(a, 6))?;
        s.write_number(r, 3, round(a - b, 6))?;
        if b > 0.0 {
            s.write_number(r, 4, round((a - b) / b * 100.0, 2))?;
        }
        r += 1;
    }
    s.write_string(r, 0, msg::col_equivalents().render(lang))?;
    s.write_number(r, 1, round(o.baseline.equivalents, 2))?;
    s.write_number(r, 2, round(o.scenario.equivalents, 2))?;
    s.write_number(r, 3, round(o.scenario.equivalents - o.baseline.equivalents, 2))?;
    let s = book.add_worksheet();
    s.set_name(msg::x_sheet_districts().render(lang))?;
    heads(s, 0, &[msg::col_district(), msg::col_district_name(), msg::col_co2_baseline(), msg::col_co2_scenario(), msg::col_eq_baseline(), msg::col_eq_scenario()], lang, &bold)?;
    for (i, (c, b, a)) in o.by_county.iter().enumerate() {
        let r = i as u32 + 1;
        s.write_string(r, 0, c)?;
        s.write_string(r, 1, names(c))?;
        s.write_number(r, 2, round(b.co2(), 3))?;
        s.write_number(r, 3, round(a.co2(), 3))?;
        s.write_number(r, 4, round(b.equivalents, 2))?;
        s.write_number(r, 5, round(a.equivalents, 2))?;
    }
    let s = book.add_worksheet();
    s.set_name(msg::x_sheet_measures().render(lang))?;
    heads(s, 0, &[msg::col_step(), msg::col_measure(), msg::col_eq_reduced(), msg::col_co2_reduced(), msg::col_eq_per_co2()], lang, &bold)?;
    let mut r = 1;
    for st in &o.steps {
        s.write_number(r, 0, st.step as f64)?;
        s.write_string(r, 1, st.measure.label().render(lang))?;
        s.write_number(r, 2, round(st.reduced_equivalents, 2))?;
        s.write_number(r, 3, round(st.reduced_co2(), 3))?;
        if st.reduced_co2() > 1e-9 {
            s.write_number(r, 4, round(st.reduced_equivalents / st.reduced_co2(), 3))?;
        }
        r += 1;
    }
    r += 1;
    for m in measures::by_measure(&o.steps) {
        s.write_string(r, 0, msg::col_total().render(lang))?;
        s.write_string(r, 1, m.measure.label().render(lang))?;
        s.write_number(r, 2, round(m.reduced_equivalents, 2))?;
        s.write_number(r, 3, round(m.reduced_co2_t, 3))?;
        if let Some(v) = m.equivalents_per_t_co2 {
            s.write_number(r, 4, round(v, 3))?;
        }
        r += 1;
    }
    book.save_to_buffer()
}
