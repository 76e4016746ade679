//! The task sheet of a plan (.xlsx, one row per task) — template and parser. The parser
//! needs no database: it is given the units (by name and short name) and the plan's
//! period, and either returns every row or every problem (row, column, value, reason).

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use time::Date;

use super::due::{format_day, parse_day};
use crate::i18n::catalogue::plans as C;
use crate::i18n::Msg;
use crate::ledger::Problem;

pub const SHEET_TASKS: &str = "任务清单";

/// The columns of the task sheet, in order, with what each expects.
pub const COLUMNS: [(&str, bool, &str); 7] = [
    ("序号", true, "任务编号,如 1、2.1、(三)1;同一方案内不重复"),
    ("任务名称", true, "任务的名称"),
    ("主要措施", false, "具体措施"),
    ("时间节点", true, "完成时限:2026-06-30、2026年6月30日、2026年6月底前 或 2026年底前,须在方案期限内"),
    ("牵头单位", true, "一个单位,按平台中的单位名称或简称"),
    ("责任单位", false, "可填多个,用顿号、逗号或分号分隔"),
    ("配合单位", false, "可填多个,用顿号、逗号或分号分隔"),
];

#[derive(Clone, Debug, PartialEq)]
pub struct TaskRow {
    pub row: usize,
    pub number: String,
    pub title: String,
    pub measures: String,
    pub due_date: Date,
    pub lead_unit_id: i64,
    pub responsible: Vec<i64>,
    pub cooperating: Vec<i64>,
}

/// The blank template with the notes sheet.
pub fn template() -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold().set_background_color("#DDEBF7");
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET_TASKS)?;
    for (i, (h, _, _)) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, i as u16, *h, &bold)?;
        sheet.set_column_width(i as u16, if i == 2 { 60 } else { 18 })?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let notes = book.add_worksheet();
    notes.set_name("填表说明")?;
    notes.write_string_with_format(0, 0, "列", &bold)?;
    notes.write_string_with_format(0, 1, "必填", &bold)?;
    notes.write_string_with_format(0, 2, "说明", &bold)?;
    for (i, (h, required, note)) in COLUMNS.iter().enumerate() {
        let r = i as u32 + 1;
        notes.write_string(r, 0, *h)?;
        notes.write_string(r, 1, if *required { "是" } else { "" })?;
        notes.write_string(r, 2, *note)?;
    }
    notes.write_string(9, 0, "导入规则:任何一行有问题,整个文件都不导入,并逐行列出问题;已有的同编号任务会被更新。")?;
    notes.set_column_width(2, 80)?;
    book.save_to_buffer()
}

/// A problem of one cell. The reason is a catalogue message; `Problem` carries it as text in
/// the process language until problems carry messages themselves.
fn problem(row: usize, column: &str, value: &str, reason: Msg) -> Problem {
    Problem { sheet: SHEET_TASKS.into(), row, column: column.into(), value: value.chars().take(80).collect(), reason }
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => serial_to_date(dt.as_f64()).map(format_day).unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Excel's serial day number (1900 system, as Excel writes it) to a date.
fn serial_to_date(serial: f64) -> Option<Date> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let epoch = Date::from_calendar_date(1899, time::Month::December, 30).ok()?;
    epoch.checked_add(time::Duration::days(serial.floor() as i64))
}

/// A time node as people write it: 2026-06-30, 2026/6/30, 2026年6月30日, 2026年6月底(前), 2026年底(前).
pub fn parse_time_node(s: &str) -> Option<Date> {
    let s = s.trim().trim_end_matches('前').trim();
    if let Some(d) = parse_day(s) {
        return Some(d);
    }
    let digits = |t: &str| t.trim().parse::<i32>().ok();
    if let Some((y, rest)) = s.split_once('/') {
        let (m, d) = rest.split_once('/')?;
        return Date::from_calendar_date(digits(y)?, time::Month::try_from(u8::try_from(digits(m)?).ok()?).ok()?, u8::try_from(digits(d)?).ok()?).ok();
    }
    let (y, rest) = s.split_once('年')?;
    let year = digits(y)?;
    if rest == "底" || rest == "年底" {
        return Date::from_calendar_date(year, time::Month::December, 31).ok();
    }
    let (m, rest) = rest.split_once('月')?;
    let month = time::Month::try_from(u8::try_from(digits(m)?).ok()?).ok()?;
    match rest {
        "底" | "" => Date::from_calendar_date(year, month, time::util::days_in_month(month, year)).ok(),
        day => Date::from_calendar_date(year, month, u8::try_from(digits(day.trim_end_matches('日'))?).ok()?).ok(),
    }
}

fn split_units(s: &str) -> Vec<String> {
    s.split(['、', ',', ',', ';', ';', '\n']).map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()
}

/// Parse the task sheet. `units` maps every name and short name to a unit id.
pub fn parse(bytes: &[u8], units: &HashMap<String, i64>, period: (Date, Date)) -> Result<Vec<TaskRow>, Vec<Problem>> {
    let whole = |reason: Msg| vec![problem(0, "", "", reason)];
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(whole(C::not_xlsx()));
    }
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| whole(C::workbook_unreadable(e.to_string())))?;
    let names = book.sheet_names().to_vec();
    let sheet = names.iter().find(|n| n.as_str() == SHEET_TASKS).or(names.first()).cloned().ok_or_else(|| whole(C::no_sheets()))?;
    let range = book.worksheet_range(&sheet).map_err(|e| whole(C::sheet_unreadable(e.to_string())))?;
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(cell_text).collect()).collect();
    parse_rows(&rows, units, period)
}

/// Parse rows (the first is the header).
pub fn parse_rows(rows: &[Vec<String>], units: &HashMap<String, i64>, period: (Date, Date)) -> Result<Vec<TaskRow>, Vec<Problem>> {
    let Some(header) = rows.first() else { return Err(vec![problem(0, "", "", C::sheet_empty())]) };
    let mut problems = Vec::new();
    let mut at = HashMap::new();
    for (name, required, _) in COLUMNS {
        match header.iter().position(|h| h.trim() == name) {
            Some(i) => {
                at.insert(name, i);
            }
            None if required => problems.push(problem(1, name, "", C::missing_column(name))),
            None => {}
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (i, cells) in rows.iter().enumerate().skip(1) {
        let row = i + 1;
        let get = |name: &str| at.get(name).and_then(|&c| cells.get(c)).map(|s| s.trim().to_string()).unwrap_or_default();
        if COLUMNS.iter().all(|(n, _, _)| get(n).is_empty()) {
            continue;
        }
        let before = problems.len();
        let number = get("序号");
        let title = get("任务名称");
        for (name, v) in [("序号", &number), ("任务名称", &title)] {
            if v.is_empty() {
                problems.push(problem(row, name, "", C::required()));
            }
        }
        if !number.is_empty() && !seen.insert(number.clone()) {
            problems.push(problem(row, "序号", &number, C::number_twice()));
        }
        let node = get("时间节点");
        let due = match parse_time_node(&node) {
            None if node.is_empty() => {
                problems.push(problem(row, "时间节点", "", C::required()));
                None
            }
            None => {
                problems.push(problem(row, "时间节点", &node, C::not_a_time_node()));
                None
            }
            Some(d) if d < period.0 || d > period.1 => {
                problems.push(problem(
                    row,
                    "时间节点",
                    &node,
                    C::node_outside_period(format_day(period.0), format_day(period.1)),
                ));
                None
            }
            Some(d) => Some(d),
        };
        let lookup = |problems: &mut Vec<Problem>, column: &str, names: Vec<String>| -> Vec<i64> {
            let mut ids = Vec::new();
            for n in names {
                match units.get(&n) {
                    Some(id) => ids.push(*id),
                    None => problems.push(problem(row, column, &n, C::unknown_unit_cell())),
                }
            }
            ids
        };
        let lead_names = split_units(&get("牵头单位"));
        if lead_names.len() > 1 {
            problems.push(problem(row, "牵头单位", &get("牵头单位"), C::one_lead_unit()));
        }
        if lead_names.is_empty() {
            problems.push(problem(row, "牵头单位", "", C::required()));
        }
        let lead = lookup(&mut problems, "牵头单位", lead_names.into_iter().take(1).collect());
        let responsible = lookup(&mut problems, "责任单位", split_units(&get("责任单位")));
        let cooperating = lookup(&mut problems, "配合单位", split_units(&get("配合单位")));
        if problems.len() == before {
            if let (Some(due_date), Some(&lead_unit_id)) = (due, lead.first()) {
                let responsible: Vec<i64> = dedup(responsible.into_iter().filter(|u| *u != lead_unit_id));
                let cooperating = dedup(cooperating.into_iter().filter(|u| *u != lead_unit_id && !responsible.contains(u)));
                out.push(TaskRow { row, number, title, measures: get("主要措施"), due_date, lead_unit_id, responsible, cooperating });
            }
        }
    }
    if out.is_empty() && problems.is_empty() {
        problems.push(problem(0, "", "", C::no_task_rows()));
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

fn dedup(it: impl Iterator<Item = i64>) -> Vec<i64> {
    let mut v = Vec::new();
    for x in it {
        if !v.contains(&x) {
            v.push(x);
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn units() -> HashMap<String, i64> {
        [("青岚市工业和信息化局", 1), ("市工信局", 1), ("市生态环境局", 2), ("青城区人民政府", 3)].into_iter().map(|(n, i)| (n.to_string(), i)).collect()
    }
    fn rows(body: &[[&str; 7]]) -> Vec<Vec<String>> {
        let mut v = vec![COLUMNS.iter().map(|c| c.0.to_string()).collect::<Vec<_>>()];
        v.extend(body.iter().map(|r| r.iter().map(|s| s.to_string()).collect()));
        v
    }
    const PERIOD: (Date, Date) = (date!(2024 - 01 - 01), date!(2026 - 12 - 31));

    #[test]
    fn good_rows_parse() {
        let r = parse_rows(&rows(&[["1", "低氮改造", "…", "2024年底前", "市生态环境局", "青城区人民政府、市工信局", ""]]), &units(), PERIOD).unwrap();
        assert_eq!(r[0].due_date, date!(2024 - 12 - 31));
        assert_eq!(r[0].lead_unit_id, 2);
        assert_eq!(r[0].responsible, vec![3, 1]);
        assert_eq!(parse_time_node("2026年6月底前"), Some(date!(2026 - 06 - 30)));
        assert_eq!(parse_time_node("2026年2月底"), Some(date!(2026 - 02 - 28)));
        assert_eq!(parse_time_node("2026年7月19日前"), Some(date!(2026 - 07 - 19)));
        assert_eq!(parse_time_node("2026/7/19"), Some(date!(2026 - 07 - 19)));
        assert_eq!(parse_time_node("2026年13月"), None);
        assert_eq!(serial_to_date(45000.0), Some(date!(2023 - 03 - 15)));
    }

    #[test]
    fn refusals_name_row_column_value() {
        let e = parse_rows(
            &rows(&[
                ["1", "甲", "", "2027-01-01", "市工信局", "", ""],
                ["2", "乙", "", "2025-05-01", "市水务局", "", ""],
                ["2", "丙", "", "someday", "市工信局", "不存在局", ""],
                ["", "", "", "", "", "", ""],
            ]),
            &units(),
            PERIOD,
        )
        .unwrap_err();
        let text: Vec<String> = e.iter().map(|p| format!("{}|{}|{}", p.row, p.column, p.value)).collect();
        assert!(text.contains(&"2|时间节点|2027-01-01".to_string()), "{text:?}");
        assert!(text.contains(&"3|牵头单位|市水务局".to_string()), "{text:?}");
        assert!(text.contains(&"4|序号|2".to_string()), "{text:?}");
        assert!(text.contains(&"4|时间节点|someday".to_string()), "{text:?}");
        assert!(text.contains(&"4|责任单位|不存在局".to_string()), "{text:?}");
        assert_eq!(e.len(), 5);
        assert!(parse(b"not a zip", &units(), PERIOD).is_err());
        let missing = parse_rows(&[vec!["序号".to_string()]], &units(), PERIOD).unwrap_err();
        assert!(missing.iter().any(|p| p.column == "牵头单位"));
    }

    #[test]
    fn the_template_reads_back_as_an_empty_sheet() {
        let bytes = template().unwrap();
        let e = parse(&bytes, &units(), PERIOD).unwrap_err();
        assert_eq!(e[0].reason, C::no_task_rows());
    }
}
