//! Values entered per district and year: the import sheet (CSV as Excel writes it, or .xlsx) and
//! its template. One row per value; every bad cell is named and nothing is stored from a file
//! with a problem (the storage then checks districts and indicators against the database).
//!
//! Columns (Chinese or English headers, any order): 区县代码 / division, 年份 / year,
//! 指标代码 / indicator, 数值 / value, 来源说明 / note (optional).

use crate::i18n::catalogue::synergy as msg;
use crate::i18n::Msg;
use crate::ledger::{Problem, Problems};

/// One entered value.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Entered {
    pub division_code: String,
    pub year: i32,
    pub indicator: String,
    pub value: f64,
    pub note: String,
}

pub const HEADERS_ZH: [&str; 5] = ["区县代码", "年份", "指标代码", "数值", "来源说明"];
pub const HEADERS_EN: [&str; 5] = ["division", "year", "indicator", "value", "note"];

fn problem(sheet: &str, row: usize, column: &str, value: &str, reason: Msg) -> Problem {
    Problem { sheet: sheet.into(), row, column: column.into(), value: value.into(), reason }
}

/// Read a file by its extension into rows of cells.
pub fn read_file(sheet: &str, bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, Problems> {
    let lower = sheet.to_ascii_lowercase();
    if lower.ends_with(".xlsx") {
        crate::excel::limits::check_archive(bytes).map_err(Problems::from)?;
        let rows = crate::campaigns::survey::read_xlsx(bytes).map_err(Problems::from)?;
        Ok(rows.into_iter().enumerate().map(|(i, r)| (i + 1, r)).collect())
    } else {
        let (text, _) = crate::excel::text::decode(bytes).map_err(|m| Problems::from(problem(sheet, 0, "", "", m)))?;
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let mut out = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| Problems::from(problem(sheet, e.position().map(|p| p.line() as usize).unwrap_or(0), "", "", msg::csv_broken(&e.to_string()))))?;
            let line = record.position().map(|p| p.line() as usize).unwrap_or(out.len() + 1);
            out.push((line, record.iter().map(|f| f.trim().to_string()).collect()));
        }
        Ok(out)
    }
}

/// Parse the rows of an import sheet.
pub fn parse(sheet: &str, rows: &[(usize, Vec<String>)]) -> Result<Vec<(Entered, usize)>, Problems> {
    let mut rows = rows.iter().filter(|(_, r)| r.iter().any(|c| !c.is_empty()));
    let Some((_, header)) = rows.next() else {
        return Err(Problems::from(problem(sheet, 1, "", "", msg::no_header())));
    };
    let col = |i: usize| header.iter().position(|h| h == HEADERS_ZH[i] || h.eq_ignore_ascii_case(HEADERS_EN[i]));
    let mut problems = Problems::new();
    let mut idx = [0usize; 4];
    for (i, slot) in idx.iter_mut().enumerate() {
        match col(i) {
            Some(c) => *slot = c,
            None => problems.push(problem(sheet, 1, HEADERS_ZH[i], "", msg::column_missing(HEADERS_ZH[i], HEADERS_EN[i]))),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let note = col(4);
    let limit = crate::excel::limits::max_rows();
    let mut out = Vec::new();
    for (n, (line, r)) in rows.enumerate() {
        if n == limit {
            problems.push(problem(sheet, *line, "", "", msg::too_many_rows(limit)));
            break;
        }
        let cell = |c: usize| r.get(c).map(String::as_str).unwrap_or("");
        let (division, year, indicator, value) = (cell(idx[0]), cell(idx[1]), cell(idx[2]), cell(idx[3]));
        let mut ok = true;
        if division.is_empty() {
            problems.push(problem(sheet, *line, header[idx[0]].as_str(), division, msg::unit_empty()));
            ok = false;
        }
        let y = year.parse::<i32>().ok().filter(|y| (2000..=2100).contains(y));
        if y.is_none() {
            problems.push(problem(sheet, *line, header[idx[1]].as_str(), year, msg::year_invalid(year)));
            ok = false;
        }
        if indicator.is_empty() {
            problems.push(problem(sheet, *line, header[idx[2]].as_str(), indicator, msg::indicator_unknown(indicator)));
            ok = false;
        }
        let v = value.parse::<f64>().ok().filter(|v| v.is_finite());
        if value.is_empty() {
            problems.push(problem(sheet, *line, header[idx[3]].as_str(), value, msg::value_empty()));
            ok = false;
        } else if v.is_none() {
            problems.push(problem(sheet, *line, header[idx[3]].as_str(), value, msg::value_not_number()));
            ok = false;
        }
        if ok {
            out.push((
                Entered { division_code: division.into(), year: y.unwrap_or(0), indicator: indicator.into(), value: v.unwrap_or(0.0), note: note.map(|c| cell(c).to_string()).unwrap_or_default() },
                *line,
            ));
        }
    }
    if out.is_empty() && problems.is_empty() {
        problems.push(problem(sheet, 0, "", "", msg::no_rows()));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(out)
}

/// The import template: the header and one example row per indicator entered by hand.
pub fn template_csv(system: &super::system::System, district: &str, year: i32) -> String {
    let mut s = String::from("\u{feff}");
    s.push_str(&HEADERS_ZH.join(","));
    s.push('\n');
    for i in system.indicators.iter().filter(|i| i.entered()) {
        s.push_str(&format!("{district},{year},{},,{}\n", i.code, crate::excel::csv_safe::cell(&i.note).replace(',', "，")));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(usize, Vec<String>)> {
        read_file("v.csv", text.as_bytes()).unwrap()
    }

    #[test]
    fn rows_parse_and_bad_cells_are_named() {
        let ok = parse("v.csv", &rows("区县代码,年份,指标代码,数值,来源说明\n612002,2024,pm25,38.5,区公报\n612003,2024,pm25,41,\n")).unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[0].0, Entered { division_code: "612002".into(), year: 2024, indicator: "pm25".into(), value: 38.5, note: "区公报".into() });
        assert_eq!(ok[1].1, 3);
        let en = parse("v.csv", &rows("division,year,indicator,value\n612002,2024,pm25,38.5\n")).unwrap();
        assert_eq!(en[0].0.note, "");
        let e = parse("v.csv", &rows("区县代码,年份,指标代码,数值\n612002,24,pm25,x\n,2024,,\n")).unwrap_err();
        let cells: Vec<(usize, &str)> = e.iter().map(|p| (p.row, p.column.as_str())).collect();
        assert_eq!(cells, vec![(2, "年份"), (2, "数值"), (3, "区县代码"), (3, "指标代码"), (3, "数值")]);
        let e = parse("v.csv", &rows("区县代码,年份,指标代码,数值\n,,,\n")).unwrap_err();
        assert_eq!(e[0].reason.code(), "synergy.values.no_rows");
        let e = parse("v.csv", &rows("区县,年份\n1,2\n")).unwrap_err();
        assert_eq!(e.len(), 3, "three columns missing: {e:?}");
    }
}
