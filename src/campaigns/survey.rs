//! Survey rows (摸排台账) as townships send them, by CSV (UTF-8 or GBK, as Excel writes it)
//! or .xlsx, with the headers of the campaign CLI contract. Every cell is checked here
//! with no database; `storage::campaigns::import` adds the checks that need it (known
//! division) and writes all or nothing.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::definition::CampaignType;
use crate::i18n::catalogue::campaigns as C;
use crate::i18n::Msg;
use crate::ledger::Problem;

pub const HEADERS: [&str; 8] = ["区划代码", "名称", "地址", "统一社会信用代码", "核查结论", "排除原因", "整治方式", "整治状态"];
/// Optional columns a survey may add: the site's position (for patrols and photo checks) and,
/// when a county's existing ledger is consolidated, the dates it already recorded.
pub const OPTIONAL_HEADERS: [&str; 6] = ["经度", "纬度", "摸排日期", "完成日期", "验收日期", "整治期限"];
pub const SHEET: &str = "摸排台账";

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pending,
    Confirmed,
    Excluded,
}

impl Verdict {
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Pending => "pending",
            Verdict::Confirmed => "confirmed",
            Verdict::Excluded => "excluded",
        }
    }
    pub fn parse(s: &str) -> Option<Verdict> {
        [Verdict::Pending, Verdict::Confirmed, Verdict::Excluded].into_iter().find(|v| v.code() == s || v.label_zh() == s)
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            Verdict::Pending => "待核查",
            Verdict::Confirmed => "确认",
            Verdict::Excluded => "排除",
        }
    }
    /// The label people read (the survey file's own words are `label_zh`).
    pub fn label(self) -> Msg {
        match self {
            Verdict::Pending => C::verdict_pending(),
            Verdict::Confirmed => C::verdict_confirmed(),
            Verdict::Excluded => C::verdict_excluded(),
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            Verdict::Pending => "to be checked",
            Verdict::Confirmed => "confirmed",
            Verdict::Excluded => "excluded",
        }
    }
}

/// Where a confirmed candidate's remediation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotStarted,
    InProgress,
    Completed,
    CountyAccepted,
    /// Accepted by the city: 销号.
    Accepted,
}

impl Status {
    pub const ALL: [Status; 5] = [Status::NotStarted, Status::InProgress, Status::Completed, Status::CountyAccepted, Status::Accepted];
    pub fn code(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Completed => "completed",
            Status::CountyAccepted => "county_accepted",
            Status::Accepted => "accepted",
        }
    }
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|v| v.code() == s)
    }
    /// The words of the survey file's 整治状态 column (county acceptance has none: it is a step inside the system).
    pub fn from_survey(s: &str) -> Option<Status> {
        match s {
            "未开始" => Some(Status::NotStarted),
            "整治中" => Some(Status::InProgress),
            "已完成" => Some(Status::Completed),
            "已验收" => Some(Status::Accepted),
            _ => None,
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            Status::NotStarted => "未开始",
            Status::InProgress => "整治中",
            Status::Completed => "已完成",
            Status::CountyAccepted => "县级已验收",
            Status::Accepted => "已验收(销号)",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            Status::NotStarted => "not started",
            Status::InProgress => "in progress",
            Status::Completed => "completed",
            Status::CountyAccepted => "accepted by county",
            Status::Accepted => "accepted (closed off)",
        }
    }
    /// The label people read.
    pub fn label(self) -> Msg {
        match self {
            Status::NotStarted => C::status_not_started(),
            Status::InProgress => C::status_in_progress(),
            Status::Completed => C::status_completed(),
            Status::CountyAccepted => C::status_county_accepted(),
            Status::Accepted => C::status_accepted(),
        }
    }
    /// Counted as "completed" in summaries (已完成 and 已验收).
    pub fn done(self) -> bool {
        self >= Status::Completed
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SurveyRow {
    /// Spreadsheet row (the header is row 1).
    pub row: usize,
    pub division_code: String,
    pub name: String,
    pub address: String,
    pub credit_code: String,
    pub verdict: Verdict,
    pub exclusion_reason: String,
    /// Disposition code (from the type), confirmed rows only.
    pub disposition: Option<String>,
    pub status: Option<Status>,
    pub longitude: Option<f64>,
    pub latitude: Option<f64>,
    pub surveyed_on: Option<time::Date>,
    pub completed_on: Option<time::Date>,
    pub accepted_on: Option<time::Date>,
    pub deadline: Option<time::Date>,
}

/// A problem of one cell. The reason is a catalogue message; `Problem` carries it as text in
/// the process language until problems carry messages themselves.
fn problem(row: usize, column: &str, value: &str, reason: Msg) -> Problem {
    Problem { sheet: SHEET.into(), row, column: column.into(), value: value.into(), reason }
}

fn whole(reason: Msg) -> Vec<Problem> {
    vec![problem(0, "", "", reason)]
}

/// CSV text: UTF-8 (with or without BOM) or GBK, which is what Excel writes on Chinese Windows.
fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GBK.decode(bytes).0.into_owned(),
    }
}

pub fn read_csv(bytes: &[u8]) -> Result<Vec<Vec<String>>, Vec<Problem>> {
    let text = decode_text(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut table = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| whole(C::csv_line_unreadable(i + 1, e.to_string())))?;
        table.push(record.iter().map(|s| s.trim().to_string()).collect());
    }
    Ok(table)
}

pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<Vec<String>>, Vec<Problem>> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(whole(C::not_xlsx()));
    }
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| whole(C::workbook_unreadable(e.to_string())))?;
    let first = book.sheet_names().first().cloned().ok_or_else(|| whole(C::no_sheets()))?;
    let range = book.worksheet_range(&first).map_err(|e| whole(C::sheet_unreadable(e.to_string())))?;
    Ok(range
        .rows()
        .map(|r| {
            r.iter()
                .map(|d| match d {
                    Data::Empty => String::new(),
                    Data::String(s) => s.trim().to_string(),
                    Data::Float(f) => crate::excel::columns::format_number(*f),
                    Data::Int(i) => i.to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect())
}

/// Read a survey file by its name's extension (.csv or .xlsx).
pub fn read_file(file_name: &str, bytes: &[u8]) -> Result<Vec<Vec<String>>, Vec<Problem>> {
    let lower = file_name.to_ascii_lowercase();
    if lower.ends_with(".xlsx") {
        read_xlsx(bytes)
    } else if lower.ends_with(".csv") {
        read_csv(bytes)
    } else {
        Err(whole(C::wrong_file_type(file_name)))
    }
}

/// Check every row against the headers, the vocabularies and the campaign's type and division.
/// Returns the rows, or every problem found.
pub fn parse(table: &[Vec<String>], kind: &CampaignType, campaign_division: &str) -> Result<Vec<SurveyRow>, Vec<Problem>> {
    let Some(header) = table.first() else { return Err(whole(C::empty_file())) };
    let position = |h: &str| header.iter().position(|c| c.trim() == h);
    let mut problems = Vec::new();
    let mut columns = [0usize; 8];
    for (i, h) in HEADERS.iter().enumerate() {
        match position(h) {
            Some(p) => columns[i] = p,
            None => problems.push(problem(1, h, "", C::missing_header(h, HEADERS.join(",")))),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let (lon_col, lat_col) = (position(OPTIONAL_HEADERS[0]), position(OPTIONAL_HEADERS[1]));
    let date_cols: Vec<Option<usize>> = OPTIONAL_HEADERS[2..].iter().map(|h| position(h)).collect();
    let prefix = crate::ledger::codes::subtree_prefix(campaign_division).to_string();
    let mut rows = Vec::new();
    let mut seen_codes: std::collections::HashMap<String, usize> = Default::default();
    let mut seen_names: std::collections::HashMap<(String, String), usize> = Default::default();
    for (i, cells) in table.iter().enumerate().skip(1) {
        let row = i + 1;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |c: usize| cells.get(columns[c]).map(|s| s.trim().to_string()).unwrap_or_default();
        let before = problems.len();
        let division_code = cell(0);
        if division_code.is_empty() {
            problems.push(problem(row, HEADERS[0], "", C::division_required()));
        } else if !matches!(division_code.len(), 6 | 9 | 12) || !division_code.bytes().all(|b| b.is_ascii_digit()) {
            problems.push(problem(row, HEADERS[0], &division_code, C::division_digits()));
        } else if !division_code.starts_with(&prefix) {
            problems.push(problem(
                row,
                HEADERS[0],
                &division_code,
                C::division_outside_campaign(campaign_division),
            ));
        }
        let name = cell(1);
        if name.is_empty() {
            problems.push(problem(row, HEADERS[1], "", C::name_required_row()));
        }
        let address = cell(2);
        let credit_code = cell(3).to_ascii_uppercase();
        if !credit_code.is_empty() {
            if let Err(why) = crate::ledger::credit_code::validate(&credit_code) {
                problems.push(problem(row, HEADERS[3], &credit_code, C::bad_credit_code(why)));
            } else if let Some(first) = seen_codes.insert(credit_code.clone(), row) {
                problems.push(problem(row, HEADERS[3], &credit_code, C::same_code_as_row(first)));
            }
        } else if !name.is_empty() {
            if let Some(first) = seen_names.insert((name.clone(), address.clone()), row) {
                problems.push(problem(row, HEADERS[1], &name, C::same_name_as_row(first)));
            }
        }
        let verdict_text = cell(4);
        let verdict = match verdict_text.as_str() {
            "待核查" => Some(Verdict::Pending),
            "确认" => Some(Verdict::Confirmed),
            "排除" => Some(Verdict::Excluded),
            _ => {
                problems.push(problem(row, HEADERS[4], &verdict_text, C::bad_verdict("待核查、确认、排除")));
                None
            }
        };
        let reason = cell(5);
        let method = cell(6);
        let status_text = cell(7);
        let mut disposition = None;
        let mut status = None;
        match verdict {
            Some(Verdict::Excluded) if reason.is_empty() => problems.push(problem(row, HEADERS[5], "", C::excluded_needs_reason())),
            Some(v) if v != Verdict::Excluded && !reason.is_empty() => {
                problems.push(problem(row, HEADERS[5], &reason, C::reason_only_excluded()))
            }
            _ => {}
        }
        if verdict == Some(Verdict::Confirmed) {
            match kind.disposition_by_label(&method) {
                Some(d) => disposition = Some(d.code.clone()),
                None => problems.push(problem(
                    row,
                    HEADERS[6],
                    &method,
                    C::bad_disposition_word(kind.labels().join("、")),
                )),
            }
            match Status::from_survey(&status_text) {
                Some(s) => status = Some(s),
                None => problems.push(problem(row, HEADERS[7], &status_text, C::bad_status_word("未开始、整治中、已完成、已验收"))),
            }
        } else if verdict.is_some() {
            if !method.is_empty() {
                problems.push(problem(row, HEADERS[6], &method, C::disposition_only_confirmed()));
            }
            if !status_text.is_empty() {
                problems.push(problem(row, HEADERS[7], &status_text, C::status_only_confirmed()));
            }
        }
        let coordinate = |col: Option<usize>, header: &str, range: std::ops::RangeInclusive<f64>, problems: &mut Vec<Problem>| -> Option<f64> {
            let text = col.and_then(|c| cells.get(c)).map(|s| s.trim()).unwrap_or("");
            if text.is_empty() {
                return None;
            }
            match text.parse::<f64>() {
                Ok(v) if range.contains(&v) => Some(v),
                _ => {
                    problems.push(problem(row, header, text, C::not_a_coordinate(*range.start(), *range.end())));
                    None
                }
            }
        };
        let longitude = coordinate(lon_col, OPTIONAL_HEADERS[0], 73.0..=136.0, &mut problems);
        let latitude = coordinate(lat_col, OPTIONAL_HEADERS[1], 3.0..=54.0, &mut problems);
        let mut dates = [None; 4];
        for (k, col) in date_cols.iter().enumerate() {
            let text = col.and_then(|c| cells.get(c)).map(|s| s.trim()).unwrap_or("");
            if text.is_empty() {
                continue;
            }
            match crate::storage::cases::parse_day(text) {
                Some(d) => dates[k] = Some(d),
                None => problems.push(problem(row, OPTIONAL_HEADERS[2 + k], text, C::cell_not_a_date())),
            }
        }
        let done = status.is_some_and(Status::done);
        if dates[1].is_some() && !done {
            problems.push(problem(row, OPTIONAL_HEADERS[3], &dates[1].map(crate::storage::cases::format_day).unwrap_or_default(), C::completion_only_done()));
        }
        if dates[2].is_some() && status != Some(Status::Accepted) {
            problems.push(problem(row, OPTIONAL_HEADERS[4], &dates[2].map(crate::storage::cases::format_day).unwrap_or_default(), C::acceptance_only_accepted()));
        }
        if let (Some(a), Some(b)) = (dates[0], dates[1]) {
            if b < a {
                problems.push(problem(row, OPTIONAL_HEADERS[3], &crate::storage::cases::format_day(b), C::completed_before_surveyed()));
            }
        }
        if problems.len() == before {
            rows.push(SurveyRow {
                row,
                division_code,
                name,
                address,
                credit_code,
                verdict: verdict.expect("checked"),
                exclusion_reason: reason,
                disposition,
                status,
                longitude,
                latitude,
                surveyed_on: dates[0],
                completed_on: dates[1],
                accepted_on: dates[2],
                deadline: dates[3],
            });
        }
    }
    if rows.is_empty() && problems.is_empty() {
        problems.extend(whole(C::no_data_rows()));
    }
    if problems.is_empty() { Ok(rows) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaigns::definition::builtin;

    fn table(rows: &[&str]) -> Vec<Vec<String>> {
        read_csv(rows.join("\n").as_bytes()).unwrap()
    }

    const HEAD: &str = "区划代码,名称,地址,统一社会信用代码,核查结论,排除原因,整治方式,整治状态";

    #[test]
    fn good_rows_parse() {
        let t = table(&[HEAD, "612002001,王家铸造作坊,某村3组,,确认,,关停取缔,整治中", "612002001,李家木器厂,某村5组,,排除,已办齐手续、达标排放,,", "612002002,张家塑料,,,待核查,,,"]);
        let rows = parse(&t, &builtin("sanluanwu").unwrap(), "612002").unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].disposition.as_deref(), Some("shutdown"));
        assert_eq!(rows[0].status, Some(Status::InProgress));
        assert_eq!(rows[1].verdict, Verdict::Excluded);
    }

    #[test]
    fn every_bad_row_is_named() {
        let t = table(&[
            HEAD,
            "612003001,外县作坊,,,确认,,关停取缔,未开始",
            "612002001,无原因,,,排除,,,",
            "612002001,乱写方式,,,确认,,拆掉,未开始",
            "612002001,乱写状态,,,确认,,改造提升,差不多",
            "612002001,,,,待核查,,,",
            "612002001,坏代码,,91610000MA6TG2TX3X,确认,,整合搬迁,已完成",
            "612002001,多填,,,待核查,,关停取缔,",
        ]);
        let e = parse(&t, &builtin("sanluanwu").unwrap(), "612002").unwrap_err();
        let at: Vec<(usize, &str)> = e.iter().map(|p| (p.row, p.column.as_str())).collect();
        assert_eq!(at, [(2, "区划代码"), (3, "排除原因"), (4, "整治方式"), (5, "整治状态"), (6, "名称"), (7, "统一社会信用代码"), (8, "整治方式")]);
        assert_eq!(e[0].reason, C::division_outside_campaign("612002"));
    }

    #[test]
    fn headers_are_required_and_gbk_is_read() {
        let e = parse(&table(&["区划代码,名称"]), &builtin("sanluanwu").unwrap(), "612002").unwrap_err();
        assert_eq!(e.len(), 6);
        let text = format!("{HEAD}\n612002001,王家作坊,,,待核查,,,\n");
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        let rows = parse(&read_csv(&gbk).unwrap(), &builtin("sanluanwu").unwrap(), "612002").unwrap();
        assert_eq!(rows[0].name, "王家作坊");
    }

    #[test]
    fn xlsx_surveys_are_read_like_csv() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in HEADERS.iter().enumerate() {
            sheet.write(0, c as u16, *h).unwrap();
        }
        // Excel keeps a typed-in division code as a number: it must still read as the code.
        sheet.write(1, 0, 612002001.0).unwrap();
        for (c, v) in ["王家作坊", "某村", "", "确认", "", "整合搬迁", "已完成"].iter().enumerate() {
            sheet.write(1, 1 + c as u16, *v).unwrap();
        }
        let bytes = book.save_to_buffer().unwrap();
        let rows = parse(&read_file("survey.xlsx", &bytes).unwrap(), &builtin("sanluanwu").unwrap(), "612002").unwrap();
        assert_eq!((rows[0].division_code.as_str(), rows[0].disposition.as_deref()), ("612002001", Some("relocate")));
        assert!(read_file("survey.txt", b"x").unwrap_err()[0].reason.render(crate::i18n::Lang::En).contains(".csv"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let kind = builtin("sanluanwu").unwrap();
            if let Ok(t) = read_csv(&bytes) { let _ = parse(&t, &kind, "612002"); }
            let _ = read_xlsx(&bytes);
        }
    }
}
