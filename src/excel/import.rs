//! Reading a ledger workbook (or an enterprise-sheet CSV) into bundles, checking every
//! cell. Nothing here touches the database; the storage layer adds the checks that need
//! it (known division, already in the ledger) and writes all or nothing.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};

use super::columns::*;
use super::limits::{self, column_letters};
use crate::i18n::{catalogue::ledger as msg, Msg};
use crate::i18n::catalogue::limits as limit_msg;
use crate::ledger::credit_code;
use crate::ledger::model::*;
use crate::ledger::{validate, Problem, Problems};

/// A workbook that passed every check that needs no database.
#[derive(Debug, Default)]
pub struct ParsedLedger {
    pub bundles: Vec<EnterpriseBundle>,
    /// Spreadsheet row of each bundle's enterprise, for reporting later problems.
    pub rows: Vec<usize>,
}

fn whole_file_problem(sheet: &str, reason: Msg) -> Problem {
    Problem { sheet: sheet.into(), row: 0, column: String::new(), value: String::new(), reason }
}

fn whole_file(sheet: &str, reason: Msg) -> Problems {
    whole_file_problem(sheet, reason).into()
}

fn to_cell(d: &DataRef) -> Cell {
    let text = |s: &str| if s.trim().is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) };
    match d {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Bool(b) => Cell::Text(if *b { "是" } else { "否" }.into()),
        DataRef::DateTime(dt) => Cell::Number(dt.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

/// Where the rows of each sheet come from. Rows are handed over one at a time and never
/// gathered, so memory follows what the ledger keeps, not the size the file declares.
trait Rows {
    /// Call `f` with each row of `sheet` (1-based row number, cells by 0-based column) in file
    /// order; `Ok(false)` when the file has no such sheet. A row beyond the row limit or a cell
    /// beyond the template's `columns` stops the reading with that problem.
    fn each(&mut self, sheet: &str, columns: usize, f: &mut dyn FnMut(usize, &[Cell])) -> Result<bool, Problem>;
}

fn beyond_limits(sheet: &str, row: usize, column: usize, columns: usize) -> Option<Problem> {
    let at = |reason: Msg| Problem {
        sheet: sheet.into(),
        row,
        column: column_letters(column),
        value: String::new(),
        reason,
    };
    if column >= columns {
        return Some(at(limit_msg::too_many_columns(sheet, row, &column_letters(column), &column_letters(columns - 1))));
    }
    if row > limits::max_rows() + 1 {
        return Some(at(limit_msg::too_many_rows(sheet, row, limits::max_rows())));
    }
    None
}

struct Workbook<'a> {
    book: Xlsx<Cursor<&'a [u8]>>,
    names: Vec<String>,
}

impl Rows for Workbook<'_> {
    fn each(&mut self, sheet: &str, columns: usize, f: &mut dyn FnMut(usize, &[Cell])) -> Result<bool, Problem> {
        // The enterprise sheet is the first one, whatever its name.
        let name = if sheet == SHEET_ENTERPRISES { self.names.first() } else { self.names.iter().find(|n| *n == sheet) };
        let Some(name) = name.cloned() else { return Ok(false) };
        let unreadable = |e: calamine::XlsxError| whole_file_problem(&name, msg::unreadable_sheet(e.to_string()));
        let mut reader = self.book.worksheet_cells_reader(&name).map_err(unreadable)?;
        let (mut row, mut cells): (Option<u32>, Vec<Cell>) = (None, Vec::new());
        while let Some(cell) = reader.next_cell().map_err(unreadable)? {
            let value = to_cell(cell.get_value());
            if value == Cell::Empty {
                continue; // formatted but empty cells say nothing, wherever they are
            }
            let (r, c) = cell.get_position();
            if let Some(p) = beyond_limits(sheet, r as usize + 1, c as usize, columns) {
                return Err(p);
            }
            if row != Some(r) {
                if let Some(prev) = row {
                    f(prev as usize + 1, &cells);
                }
                cells.clear();
                row = Some(r);
            }
            let c = c as usize;
            if cells.len() <= c {
                cells.resize(c + 1, Cell::Empty);
            }
            cells[c] = value;
        }
        if let Some(prev) = row {
            f(prev as usize + 1, &cells);
        }
        Ok(true)
    }
}

struct CsvRows<'a>(&'a str);

impl Rows for CsvRows<'_> {
    fn each(&mut self, sheet: &str, columns: usize, f: &mut dyn FnMut(usize, &[Cell])) -> Result<bool, Problem> {
        if sheet != SHEET_ENTERPRISES {
            return Ok(false);
        }
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(self.0.as_bytes());
        let mut record = csv::StringRecord::new();
        let mut cells = Vec::with_capacity(columns);
        for i in 0.. {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(whole_file_problem("csv", msg::csv_line(i + 1, e.to_string()))),
            }
            let row = i + 1;
            cells.clear();
            for (c, s) in record.iter().enumerate() {
                if s.trim().is_empty() {
                    if c < columns {
                        cells.push(Cell::Empty);
                    }
                    continue;
                }
                if let Some(p) = beyond_limits(sheet, row, c, columns) {
                    return Err(p);
                }
                cells.push(Cell::Text(s.to_string()));
            }
            f(row, &cells);
        }
        Ok(true)
    }
}

/// Parse an .xlsx file's bytes. The first sheet must be the enterprise sheet.
pub fn parse_workbook(bytes: &[u8]) -> Result<ParsedLedger, Problems> {
    let (book, names) = open_workbook(bytes)?;
    let first = names[0].clone();
    if first != SHEET_ENTERPRISES && names.iter().any(|n| n == SHEET_ENTERPRISES) {
        return Err(whole_file(&first, msg::first_sheet(SHEET_ENTERPRISES)));
    }
    parse_rows(&mut Workbook { book, names })
}

fn open_workbook(bytes: &[u8]) -> Result<(Xlsx<Cursor<&[u8]>>, Vec<String>), Problems> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(whole_file("", msg::not_xlsx()));
    }
    limits::check_archive(bytes)?;
    let book = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| whole_file("", msg::unreadable_workbook(e.to_string())))?;
    let names = book.sheet_names().to_vec();
    if names.is_empty() {
        return Err(whole_file("", msg::no_sheets()));
    }
    Ok((book, names))
}

/// The names of a workbook's sheets (after the same limits as an import).
pub fn workbook_sheets(bytes: &[u8]) -> Result<Vec<String>, Problems> {
    Ok(open_workbook(bytes)?.1)
}

/// Parse a CSV file holding the enterprise sheet only, in any encoding Excel writes
/// (UTF-8 with or without BOM, UTF-16, GBK/GB18030; see `excel::text`).
pub fn parse_csv(bytes: &[u8]) -> Result<ParsedLedger, Problems> {
    let (text, _) = super::text::decode(bytes).map_err(|m| whole_file("", m))?;
    parse_rows(&mut CsvRows(&text))
}

fn parse_rows(src: &mut dyn Rows) -> Result<ParsedLedger, Problems> {
    let mut problems = Problems::new();
    let mut parsed = ParsedLedger::default();
    let mut index: HashMap<String, usize> = HashMap::new();

    let read = each_row(SHEET_ENTERPRISES, ENTERPRISE_COLUMNS, src, &mut problems, |r| {
        let record = read_enterprise(r);
        if record.credit_code.is_empty() {
            return;
        }
        if let Some(&first) = index.get(&record.credit_code) {
            let first_row = parsed.rows[first];
            r.problem(KEY, &record.credit_code, msg::duplicate_enterprise_row(first_row));
            return;
        }
        index.insert(record.credit_code.clone(), parsed.bundles.len());
        parsed.rows.push(r.row);
        parsed.bundles.push(EnterpriseBundle { enterprise: record, ..Default::default() });
    });
    let seen = match read {
        Ok(n) => n,
        Err(limit) => {
            problems.push_first(limit);
            return Err(problems);
        }
    };
    if seen <= 1 && problems.is_empty() {
        problems.push(whole_file_problem(SHEET_ENTERPRISES, msg::no_data_rows()));
    }

    let owner = |r: &mut RowReader, index: &HashMap<String, usize>| -> Option<usize> {
        let key = r.text(KEY);
        if key.is_empty() {
            return None;
        }
        let found = index.get(&key).copied();
        if found.is_none() {
            r.problem(KEY, &key, msg::no_such_enterprise(SHEET_ENTERPRISES));
        }
        found
    };

    let mut line_names: HashMap<(usize, String), usize> = HashMap::new();
    let read = each_row(SHEET_LINES, LINE_COLUMNS, src, &mut problems, |r| {
        let at = owner(r, &index);
        let line = ProductionLine {
            name: r.text("生产线名称"),
            product: r.text("主要产品"),
            capacity: r.non_negative("设计产能"),
            capacity_unit: r.text("产能单位"),
            status: r.term("状态", STATUSES, "operating"),
        };
        if let Some(at) = at {
            if let Some(prev) = line_names.insert((at, line.name.clone()), r.row) {
                r.problem("生产线名称", &line.name, msg::duplicate_line(prev));
            }
            parsed.bundles[at].lines.push(line);
        }
    });
    if let Err(limit) = read {
        problems.push_first(limit);
        return Err(problems);
    }

    let mut equipment_names: HashMap<(usize, String), usize> = HashMap::new();
    let read = each_row(SHEET_EQUIPMENT, EQUIPMENT_COLUMNS, src, &mut problems, |r| {
        let at = owner(r, &index);
        let kind_text = r.text("设备类型");
        let kind = if kind_text.is_empty() {
            String::new()
        } else {
            validate::equipment_kind(&kind_text).unwrap_or_else(|reason| {
                r.problem("设备类型", &kind_text, reason);
                kind_text.clone()
            })
        };
        let mut unit = r.text("规模单位");
        if unit.is_empty() {
            if let Some(k) = crate::ledger::codes::EQUIPMENT_KINDS.find(&kind) {
                unit = k.capacity_unit.clone();
            }
        }
        let year = r.integer("投产年份");
        if let Some(y) = year {
            if let Err(reason) = validate::year(y) {
                r.problem("投产年份", &y.to_string(), reason);
            }
        }
        let item = Equipment {
            line_name: r.text("所属生产线"),
            name: r.text("设备名称"),
            kind,
            model: r.text("型号规格"),
            capacity: r.non_negative("规模"),
            capacity_unit: unit,
            fuel: r.term("燃料", FUELS, ""),
            process: r.text("工艺"),
            year_commissioned: year,
            specific_energy: r.non_negative("单位产品能耗"),
            specific_energy_unit: {
                let u = r.text("单位产品能耗单位");
                if !u.is_empty() && crate::energy::library::spec_unit(&u).is_none() {
                    let known = crate::energy::library::spec_units().join(", ");
                    r.problem("单位产品能耗单位", &u, crate::i18n::catalogue::energy::unit_unknown(&u, &known));
                }
                u
            },
            status: r.term("状态", STATUSES, "operating"),
        };
        if let Some(at) = at {
            if !item.line_name.is_empty() && !line_names.contains_key(&(at, item.line_name.clone())) {
                r.problem("所属生产线", &item.line_name, msg::no_such_line(SHEET_LINES));
            }
            if let Some(prev) = equipment_names.insert((at, item.name.clone()), r.row) {
                r.problem("设备名称", &item.name, msg::duplicate_equipment(prev));
            }
            parsed.bundles[at].equipment.push(item);
        }
    });
    if let Err(limit) = read {
        problems.push_first(limit);
        return Err(problems);
    }

    let mut outlet_at: HashMap<(usize, String), usize> = HashMap::new();
    let read = each_row(SHEET_OUTLETS, OUTLET_COLUMNS, src, &mut problems, |r| {
        let at = owner(r, &index);
        let code = r.text("排放口编号");
        let name = r.text("排放口名称");
        let medium = r.term("排放类型", MEDIA, "");
        let pollutant = OutletPollutant {
            pollutant_code: r.text("污染物代码"),
            pollutant_name: r.text("污染物名称"),
            limit_value: r.non_negative("排放限值"),
            limit_unit: r.text("限值单位"),
            standard: r.text("执行标准"),
            permitted_annual_t: r.non_negative("许可年排放量(吨)"),
        };
        let reference_o2 = r.number(REFERENCE_O2);
        if let Some(v) = reference_o2 {
            if !crate::monitoring::oxygen::plausible_o2(v) {
                r.problem(REFERENCE_O2, &format_number(v), msg::reference_o2());
            }
        }
        let Some(at) = at else { return };
        let bundle = &mut parsed.bundles[at];
        let slot = *outlet_at.entry((at, code.clone())).or_insert_with(|| {
            bundle.outlets.push(Outlet { code: code.clone(), name: name.clone(), medium: medium.clone(), reference_o2, pollutants: vec![] });
            bundle.outlets.len() - 1
        });
        let outlet = &mut bundle.outlets[slot];
        if outlet.name != name || outlet.medium != medium {
            r.problem("排放口名称", &name, msg::outlet_inconsistent());
        }
        match (outlet.reference_o2, reference_o2) {
            (None, Some(v)) => outlet.reference_o2 = Some(v),
            (Some(a), Some(b)) if a != b => {
                r.problem(REFERENCE_O2, &format_number(b), msg::outlet_o2_inconsistent())
            }
            _ => {}
        }
        if pollutant != OutletPollutant::default() {
            if pollutant.pollutant_code.is_empty() {
                r.problem("污染物代码", "", msg::pollutant_code_missing());
            } else if outlet.pollutants.iter().any(|p| p.pollutant_code == pollutant.pollutant_code) {
                r.problem("污染物代码", &pollutant.pollutant_code, msg::duplicate_pollutant());
            }
            outlet.pollutants.push(pollutant);
        }
    });
    if let Err(limit) = read {
        problems.push_first(limit);
        return Err(problems);
    }

    let mut years: HashMap<(usize, i64), usize> = HashMap::new();
    let read = each_row(SHEET_YEARLY, YEARLY_COLUMNS, src, &mut problems, |r| {
        let at = owner(r, &index);
        let year = r.integer("年份");
        if year.is_none() {
            r.text("年份"); // reports the missing required field
        }
        let figures = YearlyFigures {
            year: year.unwrap_or(0),
            energy_tce: r.non_negative("综合能耗(吨标准煤)"),
            water_m3: r.non_negative("用水量(立方米)"),
            value_added_10k_yuan: r.number("工业增加值(万元)"),
        };
        if let Some(y) = year {
            if let Err(reason) = validate::year(y) {
                r.problem("年份", &y.to_string(), reason);
            }
        }
        if let (Some(at), Some(y)) = (at, year) {
            if let Some(prev) = years.insert((at, y), r.row) {
                r.problem("年份", &y.to_string(), msg::duplicate_year(prev));
            }
            parsed.bundles[at].yearly.push(figures);
        }
    });
    if let Err(limit) = read {
        problems.push_first(limit);
        return Err(problems);
    }

    let read = read_activity(src, &mut problems, &index, &mut parsed, &years, &equipment_names, &outlet_at);
    if let Err(limit) = read {
        problems.push_first(limit);
        return Err(problems);
    }

    if problems.is_empty() { Ok(parsed) } else { Err(problems) }
}

/// The 活动水平 sheet (issue 13): each row's enterprise, year (on the 年度数据 sheet), category,
/// item and unit (the factor library's), equipment and outlet (on their sheets), control.
#[allow(clippy::too_many_arguments)]
fn read_activity(
    src: &mut dyn Rows,
    problems: &mut Problems,
    index: &HashMap<String, usize>,
    parsed: &mut ParsedLedger,
    years: &HashMap<(usize, i64), usize>,
    equipment_names: &HashMap<(usize, String), usize>,
    outlet_at: &HashMap<(usize, String), usize>,
) -> Result<usize, Problem> {
    use crate::i18n::catalogue::inventory as inv;
    use crate::inventory::{activity, factors::LIBRARY, Category};
    let mut seen: HashMap<(usize, i64, String, String, String, String), usize> = HashMap::new();
    each_row(SHEET_ACTIVITY, ACTIVITY_COLUMNS, src, problems, |r| {
        let key = r.text(KEY);
        let at = if key.is_empty() {
            None
        } else {
            let found = index.get(&key).copied();
            if found.is_none() {
                r.problem(KEY, &key, inv::unknown_enterprise(&key));
            }
            found
        };
        let year = r.integer("年份");
        if year.is_none() {
            r.text("年份");
        }
        let category_text = r.text("类别");
        let category = Category::parse(&category_text);
        if category.is_none() && !category_text.is_empty() {
            r.problem("类别", &category_text, inv::unknown_category(&category_text));
        }
        let item_text = r.text("品种");
        let resolved = match category {
            Some(c) if !item_text.is_empty() => match activity::resolve(&LIBRARY, c, &item_text) {
                Ok(x) => Some(x),
                Err(m) => {
                    r.problem("品种", &item_text, m);
                    None
                }
            },
            _ => None,
        };
        let amount = r.number("数量");
        if amount.is_none() {
            r.text("数量");
        }
        if let Some(v) = amount.filter(|v| *v < 0.0) {
            r.problem("数量", &format_number(v), inv::negative_amount(&format_number(v)));
        }
        let unit = r.text("单位");
        if let (Some(x), Some(v), false) = (&resolved, amount, unit.is_empty()) {
            if let Err(m) = activity::canonical_amount(x, v, &unit) {
                r.problem("单位", &unit, m);
            }
        }
        let equipment = r.text("设备名称");
        let outlet = r.text("排放口编号");
        let control = r.text("控制技术");
        if let Some(x) = &resolved {
            if let Err(m) = activity::check_control(&LIBRARY, &x.item, &control) {
                r.problem("控制技术", &control, m);
            }
        }
        let source = r.text("数据来源");
        let Some(at) = at else { return };
        if let Some(y) = year {
            if !years.contains_key(&(at, y)) {
                r.problem("年份", &y.to_string(), inv::unknown_year(y));
            }
        }
        if !equipment.is_empty() && !equipment_names.contains_key(&(at, equipment.clone())) {
            r.problem("设备名称", &equipment, inv::unknown_equipment(&equipment));
        }
        if !outlet.is_empty() && !outlet_at.contains_key(&(at, outlet.clone())) {
            r.problem("排放口编号", &outlet, inv::unknown_outlet(&outlet));
        }
        let (Some(year), Some(c), Some(x), Some(amount)) = (year, category, resolved, amount) else { return };
        if let Some(prev) = seen.insert((at, year, c.code().to_string(), x.item.clone(), equipment.clone(), outlet.clone()), r.row) {
            r.problem("品种", &item_text, inv::duplicate_row(prev));
        }
        parsed.bundles[at].activity.push(ActivityData { year, category: c.code().into(), item: x.item, amount, unit, equipment, outlet, control, source });
    })
}

fn read_enterprise(r: &mut RowReader) -> EnterpriseRecord {
    let credit_code = r.text(KEY).to_uppercase();
    let business_licence = r.flag("营业执照", true);
    if !credit_code.is_empty() {
        match credit_code::validate(&credit_code) {
            Err(reason) => r.problem(KEY, &credit_code, reason),
            Ok(credit_code::CodeKind::Provisional) if business_licence => {
                r.problem(KEY, &credit_code, msg::provisional_with_licence())
            }
            Ok(_) => {}
        }
    }
    let industry_code = r.text("行业代码");
    if !industry_code.is_empty() {
        if let Err(reason) = validate::industry_code(&industry_code) {
            r.problem("行业代码", &industry_code, reason);
        }
    }
    let division_code = r.text("行政区划代码");
    if !division_code.is_empty() && !(matches!(division_code.len(), 6 | 9 | 12) && division_code.bytes().all(|b| b.is_ascii_digit())) {
        r.problem("行政区划代码", &division_code, msg::division_digits());
    }
    let longitude = r.number("经度");
    if let Some(v) = longitude {
        if let Err(reason) = validate::longitude(v) {
            r.problem("经度", &format_number(v), reason);
        }
    }
    let latitude = r.number("纬度");
    if let Some(v) = latitude {
        if let Err(reason) = validate::latitude(v) {
            r.problem("纬度", &format_number(v), reason);
        }
    }
    let env_grade = r.text("环保绩效等级").trim_end_matches('级').to_uppercase();
    if !env_grade.is_empty() && term(ENV_GRADES, &env_grade).is_none() {
        r.problem("环保绩效等级", &env_grade, msg::env_grade());
    }
    EnterpriseRecord {
        credit_code,
        name: r.text("企业名称"),
        division_code,
        industry_code,
        address: r.text("详细地址"),
        longitude,
        latitude,
        above_scale: r.flag("规上企业", false),
        size_class: r.term("企业规模", SIZE_CLASSES, ""),
        status: r.term("生产状态", STATUSES, "operating"),
        business_licence,
        eia_approval: r.text("环评批复文号"),
        discharge_permit_no: r.text("排污许可证编号"),
        land_use_legal: r.flag("用地合法", true),
        env_grade,
        legal_representative: r.text("法定代表人"),
        contact_phone: r.text("联系电话"),
    }
}

/// Run `f` over every non-empty data row of a sheet, after checking its header row.
fn each_row(
    sheet: &str,
    columns: &[Column],
    src: &mut dyn Rows,
    problems: &mut Problems,
    mut f: impl FnMut(&mut RowReader),
) -> Result<usize, Problem> {
    // The header row is the first row with anything in it; `None` after a wrong header.
    let mut headers: Option<Option<Vec<Option<usize>>>> = None;
    let mut seen = 0;
    src.each(sheet, columns.len(), &mut |row, cells| {
        if cells.iter().all(|c| *c == Cell::Empty) {
            return;
        }
        seen += 1;
        match &headers {
            None => {
                let (found, missing) = locate_headers(columns, cells);
                if missing.is_empty() {
                    headers = Some(Some(found));
                } else {
                    problems.push(Problem {
                        sheet: sheet.into(),
                        row,
                        column: missing.join(", "),
                        value: String::new(),
                        reason: msg::missing_columns(missing.join(", ")),
                    });
                    headers = Some(None);
                }
            }
            Some(None) => {}
            Some(Some(found)) => {
                let mut reader = RowReader { sheet, row, headers: found, columns, cells, problems: &mut *problems };
                f(&mut reader);
            }
        }
    })?;
    Ok(seen)
}
