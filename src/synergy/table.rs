//! The CSV files of the command line (`lantian synergy weights|couple`), read as Excel writes
//! them (`excel::text`: UTF-8 with or without BOM, UTF-16, GBK). Every problem is reported at
//! once with its row (the header is row 1), column, value and reason; nothing is computed from a
//! file with a problem.
//!
//! - Indicator file: first column the unit, then one column per indicator whose header ends in
//!   `+` or `-` (its direction), e.g. `unit,gdp+,pm25-`.
//! - Score file: first column the unit, then one score column per subsystem (two or more), each
//!   score in [0, 1].

use crate::i18n::catalogue::synergy as msg;
use crate::i18n::Msg;
use crate::ledger::{Problem, Problems};

use super::method::{self, Direction, EntropyWeight, WeightError};

/// Raw rows of a CSV file: the header and each data row with its 1-based line.
struct Rows {
    header: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

fn problem(sheet: &str, row: usize, column: &str, value: &str, reason: Msg) -> Problem {
    Problem { sheet: sheet.into(), row, column: column.into(), value: value.into(), reason }
}

fn read_rows(sheet: &str, bytes: &[u8]) -> Result<Rows, Problems> {
    let (text, _) = crate::excel::text::decode(bytes).map_err(|m| Problems::from(problem(sheet, 0, "", "", m)))?;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let limit = crate::excel::limits::max_rows();
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
            Problems::from(problem(sheet, line, "", "", msg::csv_broken(&e.to_string())))
        })?;
        let line = record.position().map(|p| p.line() as usize).unwrap_or(rows.len() + 2);
        let fields: Vec<String> = record.iter().map(|f| f.trim().to_string()).collect();
        // Excel leaves rows of bare separators where cells were cleared: not data.
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        if header.is_none() {
            header = Some(fields);
            continue;
        }
        if rows.len() == limit {
            return Err(Problems::from(problem(sheet, line, "", "", msg::too_many_rows(limit))));
        }
        rows.push((line, fields));
    }
    let header = header.ok_or_else(|| Problems::from(problem(sheet, 1, "", "", msg::no_header())))?;
    Ok(Rows { header, rows })
}

/// Data rows checked for shape and units: (line, unit, value cells), with the problems found.
fn check_rows<'a>(sheet: &str, rows: &'a Rows, problems: &mut Problems) -> Vec<(usize, &'a str, &'a [String])> {
    let width = rows.header.len();
    let unit_col = rows.header.first().map(String::as_str).unwrap_or("");
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut out = Vec::new();
    for (line, fields) in &rows.rows {
        if fields.len() != width {
            problems.push(problem(sheet, *line, "", &fields.join(","), msg::ragged(fields.len(), width)));
            continue;
        }
        let unit = fields[0].as_str();
        if unit.is_empty() {
            problems.push(problem(sheet, *line, unit_col, "", msg::unit_empty()));
        } else if let Some(first) = seen.get(unit) {
            problems.push(problem(sheet, *line, unit_col, unit, msg::unit_duplicate(*first)));
        } else {
            seen.insert(unit, *line);
        }
        out.push((*line, unit, &fields[1..]));
    }
    out
}

fn number(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// An indicator file: units, indicators with their directions, one column of values per indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorTable {
    pub units: Vec<String>,
    pub indicators: Vec<(String, Direction)>,
    pub columns: Vec<Vec<f64>>,
}

/// Read an indicator file (`sheet` names it in problems, e.g. the file name).
pub fn read_indicators(sheet: &str, bytes: &[u8]) -> Result<IndicatorTable, Problems> {
    let rows = read_rows(sheet, bytes)?;
    let mut problems = Problems::new();
    let mut indicators = Vec::new();
    let mut names = std::collections::HashSet::new();
    for h in rows.header.iter().skip(1) {
        let Some(last) = h.chars().last() else {
            problems.push(problem(sheet, 1, "", h, msg::header_empty()));
            continue;
        };
        let Some(dir) = Direction::from_sign(last) else {
            problems.push(problem(sheet, 1, h, h, msg::header_direction(h)));
            continue;
        };
        let name = h[..h.len() - last.len_utf8()].trim().to_string();
        if name.is_empty() {
            problems.push(problem(sheet, 1, h, h, msg::header_empty()));
        } else if !names.insert(name.clone()) {
            problems.push(problem(sheet, 1, h, h, msg::header_duplicate(&name)));
        }
        indicators.push((name, dir));
    }
    if rows.header.len() < 2 {
        problems.push(problem(sheet, 1, "", &rows.header.join(","), msg::no_indicators()));
    }
    let checked = check_rows(sheet, &rows, &mut problems);
    let mut columns = vec![Vec::with_capacity(checked.len()); rows.header.len().saturating_sub(1)];
    for (line, _, cells) in &checked {
        for (j, cell) in cells.iter().enumerate() {
            let header = &rows.header[j + 1];
            if cell.is_empty() {
                problems.push(problem(sheet, *line, header, cell, msg::value_empty()));
            } else if let Some(v) = number(cell) {
                columns[j].push(v);
            } else {
                problems.push(problem(sheet, *line, header, cell, msg::value_not_number()));
            }
        }
    }
    if rows.rows.len() < 2 {
        problems.push(problem(sheet, 0, "", "", msg::too_few_units(rows.rows.len())));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(IndicatorTable { units: checked.iter().map(|(_, u, _)| u.to_string()).collect(), indicators, columns })
}

/// The entropy weights of an indicator file, or its problems (a constant column named).
pub fn weights(sheet: &str, bytes: &[u8]) -> Result<Vec<(String, EntropyWeight)>, Problems> {
    let table = read_indicators(sheet, bytes)?;
    let dirs: Vec<Direction> = table.indicators.iter().map(|(_, d)| *d).collect();
    match method::entropy_weights(&table.columns, &dirs) {
        Ok(w) => Ok(table.indicators.into_iter().map(|(n, _)| n).zip(w).collect()),
        Err(errors) => {
            let mut problems = Problems::new();
            for e in errors {
                match e {
                    WeightError::Constant(j) => {
                        let (name, dir) = &table.indicators[j];
                        let header = format!("{name}{}", dir.sign());
                        let value = table.columns[j].first().copied().unwrap_or(0.0);
                        problems.push(problem(sheet, 1, &header, &crate::monitoring::format_value(Some(value)), msg::constant_column(&header, value)));
                    }
                    WeightError::TooFewUnits(n) => problems.push(problem(sheet, 0, "", "", msg::too_few_units(n))),
                    WeightError::NoIndicators => problems.push(problem(sheet, 1, "", "", msg::no_indicators())),
                }
            }
            Err(problems)
        }
    }
}

/// A score file: units, subsystem names, one row of scores per unit.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreTable {
    pub units: Vec<String>,
    pub subsystems: Vec<String>,
    pub rows: Vec<Vec<f64>>,
}

/// Read a score file: two or more subsystems, every score a number in [0, 1].
pub fn read_scores(sheet: &str, bytes: &[u8]) -> Result<ScoreTable, Problems> {
    let rows = read_rows(sheet, bytes)?;
    let mut problems = Problems::new();
    let subsystems: Vec<String> = rows.header.iter().skip(1).cloned().collect();
    let mut names = std::collections::HashSet::new();
    for s in &subsystems {
        if s.is_empty() {
            problems.push(problem(sheet, 1, "", "", msg::header_empty()));
        } else if !names.insert(s.as_str()) {
            problems.push(problem(sheet, 1, s, s, msg::header_duplicate(s)));
        }
    }
    if subsystems.len() < 2 {
        problems.push(problem(sheet, 1, "", &rows.header.join(","), msg::too_few_subsystems(subsystems.len())));
    }
    let checked = check_rows(sheet, &rows, &mut problems);
    let mut scores = Vec::with_capacity(checked.len());
    for (line, _, cells) in &checked {
        let mut row = Vec::with_capacity(cells.len());
        for (j, cell) in cells.iter().enumerate() {
            let header = &rows.header[j + 1];
            match number(cell) {
                _ if cell.is_empty() => problems.push(problem(sheet, *line, header, cell, msg::value_empty())),
                None => problems.push(problem(sheet, *line, header, cell, msg::value_not_number())),
                Some(v) if v < 0.0 => problems.push(problem(sheet, *line, header, cell, msg::score_negative())),
                Some(v) if v > 1.0 => problems.push(problem(sheet, *line, header, cell, msg::score_above_one())),
                Some(v) => row.push(v),
            }
        }
        scores.push(row);
    }
    if rows.rows.is_empty() {
        problems.push(problem(sheet, 0, "", "", msg::too_few_units(0)));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ScoreTable { units: checked.iter().map(|(_, u, _)| u.to_string()).collect(), subsystems, rows: scores })
}

/// `--alpha a,b,…`: as many weights as subsystems, each in [0, 1], summing to 1 (± 1e-6).
pub fn parse_alpha(text: &str, subsystems: usize) -> Result<Vec<f64>, Msg> {
    let mut alpha = Vec::new();
    for part in text.split([',', '，']) {
        let part = part.trim();
        match number(part) {
            Some(v) if (0.0..=1.0).contains(&v) => alpha.push(v),
            _ => return Err(msg::alpha_invalid(part)),
        }
    }
    if alpha.len() != subsystems {
        return Err(msg::alpha_count(alpha.len(), subsystems));
    }
    let sum: f64 = alpha.iter().sum();
    if (sum - 1.0).abs() > 1e-6 {
        return Err(msg::alpha_sum(sum));
    }
    Ok(alpha)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(p: &Problems) -> Vec<&str> {
        p.iter().map(|p| p.reason.code()).collect()
    }

    #[test]
    fn weights_of_the_worked_example_from_csv() {
        let w = weights("t.csv", "unit,x1+,x2-\nA,1,10\nB,2,10\nC,3,40\n".as_bytes()).unwrap();
        assert_eq!(w[0].0, "x1");
        assert!((w[0].1.weight - 0.532639).abs() < 1e-5);
        // The same file as Excel's "CSV UTF-8" (BOM) and as GBK with Chinese names.
        let bom = [&b"\xEF\xBB\xBF"[..], "unit,x1+,x2-\nA,1,10\nB,2,10\nC,3,40\n".as_bytes()].concat();
        assert_eq!(weights("t.csv", &bom).unwrap(), w);
        let (gbk, _, _) = encoding_rs::GBK.encode("区县,单位GDP能耗-,空气优良天数比例+\n青城区,0.5,80\n蓝水县,0.4,85\n白鹿区,0.7,78\n");
        let w = weights("t.csv", &gbk).unwrap();
        assert_eq!(w[0].0, "单位GDP能耗");
        assert_eq!(w[1].0, "空气优良天数比例");
    }

    #[test]
    fn every_bad_cell_is_named() {
        let e = read_indicators("t.csv", "unit,gdp+,pm25,so2-\nA,1,2,3\nB,,x,4\nB,1,2\n".as_bytes()).unwrap_err();
        let all: Vec<(usize, &str)> = e.iter().map(|p| (p.row, p.column.as_str())).collect();
        assert!(all.contains(&(1, "pm25")), "{e:?}");
        assert!(all.contains(&(3, "gdp+")), "{e:?}");
        assert!(all.contains(&(3, "pm25")), "{e:?}");
        assert!(all.iter().any(|&(r, _)| r == 4), "ragged row 4: {e:?}");
        let e = weights("t.csv", "unit,gdp+,pm25-\nA,1,5\nB,2,5\n".as_bytes()).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].column, "pm25-");
        assert_eq!(e[0].reason.code(), "synergy.input.constant_column");
        let e = read_indicators("t.csv", "unit,gdp+\nA,1\n".as_bytes()).unwrap_err();
        assert_eq!(e.len(), 1, "{:?}", codes(&e));
        let e = read_indicators("t.csv", "unit,gdp+\nA,1\nA,2\n".as_bytes()).unwrap_err();
        assert_eq!((e[0].row, e[0].column.as_str()), (3, "unit"));
        assert!(read_indicators("t.csv", b"").is_err());
    }

    #[test]
    fn scores_and_alpha_are_checked() {
        let t = read_scores("s.csv", "unit,U1,U2\nA,0.36,0.64\nB,0,1\n".as_bytes()).unwrap();
        assert_eq!(t.rows, vec![vec![0.36, 0.64], vec![0.0, 1.0]]);
        let e = read_scores("s.csv", "unit,U1\nA,0.3\n".as_bytes()).unwrap_err();
        assert_eq!(e.len(), 1);
        let e = read_scores("s.csv", "unit,U1,U2\nA,-0.1,\nB,1.5,0.2\n".as_bytes()).unwrap_err();
        let all: Vec<(usize, &str)> = e.iter().map(|p| (p.row, p.column.as_str())).collect();
        assert_eq!(all, vec![(2, "U1"), (2, "U2"), (3, "U1")]);
        assert_eq!(parse_alpha("0.3,0.7", 2).unwrap(), vec![0.3, 0.7]);
        assert_eq!(parse_alpha("0.3,0.6", 2).unwrap_err().code(), "synergy.input.alpha_sum");
        assert_eq!(parse_alpha("0.5,0.5", 3).unwrap_err().code(), "synergy.input.alpha_count");
        assert_eq!(parse_alpha("a,1", 2).unwrap_err().code(), "synergy.input.alpha_invalid");
    }
}
