//! Workbooks and files the exit workflow sends out: the annual backward-capacity exit
//! statistical table, the differential electricity pricing list, and the overdue list
//! for the credit information sharing platform. Column layouts and their provenance:
//! `data/exit/README.md`.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use crate::ledger::codes::INDUSTRIES;
use crate::storage::cases::Case;
use crate::storage::runs::StoredFinding;

/// Columns of the statistical table (《XX市20XX年落后产能退出情况统计表》).
pub const STATISTICS_COLUMNS: [&str; 14] = [
    "序号",
    "县(市、区)",
    "企业名称",
    "统一社会信用代码",
    "所属行业",
    "退出生产线(设备)名称",
    "规格型号",
    "数量",
    "退出产能",
    "产能单位",
    "退出类别/依据",
    "退出方式",
    "完成时间",
    "验收情况",
];

fn method(c: &Case) -> &'static str {
    if c.dismantled { "拆除" } else { "封存" }
}

fn acceptance(c: &Case) -> &'static str {
    match c.state.as_str() {
        "county_accepted" => "县级验收通过",
        "city_accepted" | "published" => "市县两级验收通过",
        _ => "待验收",
    }
}

/// The annual table: one row per piece of equipment that left production in `year`,
/// grouped by county, with county names from `county_name`.
pub fn statistics_workbook(city: &str, year: i32, cases: &[Case], county_name: &dyn Fn(&str) -> String) -> Result<Vec<u8>, XlsxError> {
    let mut rows: Vec<&Case> = cases.iter().filter(|c| c.exited_on.as_deref().is_some_and(|d| d.starts_with(&year.to_string()))).collect();
    rows.sort_by(|a, b| (&a.division_code[..6.min(a.division_code.len())], &a.enterprise_name, &a.equipment).cmp(&(
        &b.division_code[..6.min(b.division_code.len())],
        &b.enterprise_name,
        &b.equipment,
    )));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("退出情况统计表")?;
    let title = Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter);
    let header = Format::new().set_bold().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter);
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let number = Format::new().set_border(FormatBorder::Thin).set_num_format("#,##0.##");
    let last = (STATISTICS_COLUMNS.len() - 1) as u16;
    sheet.merge_range(0, 0, 0, last, &format!("{city}{year}年落后产能退出情况统计表"), &title)?;
    sheet.set_row_height(0, 30)?;
    sheet.merge_range(1, 0, 1, 6, "填报单位(盖章):", &Format::new())?;
    sheet.merge_range(1, 7, 1, last, &format!("填报日期:{}", crate::storage::cases::format_day(time::OffsetDateTime::now_utc().date())), &Format::new())?;
    for (i, h) in STATISTICS_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(2, i as u16, *h, &header)?;
    }
    let widths = [6.0, 12.0, 28.0, 22.0, 16.0, 22.0, 14.0, 6.0, 10.0, 10.0, 16.0, 10.0, 12.0, 16.0];
    for (i, w) in widths.iter().enumerate() {
        sheet.set_column_width(i as u16, *w)?;
    }
    sheet.set_freeze_panes(3, 0)?;
    // Printed as the official tables are: A4 landscape, one page wide, headings on every page.
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 2)?;
    let mut r = 3u32;
    for (n, c) in rows.iter().enumerate() {
        let county = &c.division_code[..6.min(c.division_code.len())];
        let industry = format!("{} {}", c.industry_code, INDUSTRIES.name(&c.industry_code));
        let texts = [
            (1, county_name(county)),
            (2, c.enterprise_name.clone()),
            (3, c.credit_code.clone()),
            (4, industry),
            (5, c.equipment.clone()),
            (6, c.equipment_model.clone()),
            (9, c.capacity_unit.clone()),
            (10, format!("{}:{}", crate::screening::dimension_label(&c.dimension, crate::i18n::Lang::Zh), c.title)),
            (11, method(c).to_string()),
            (12, c.exited_on.clone().unwrap_or_default()),
            (13, acceptance(c).to_string()),
        ];
        sheet.write_number_with_format(r, 0, (n + 1) as f64, &cell)?;
        for (col, v) in texts {
            sheet.write_string_with_format(r, col, &v, &cell)?;
        }
        sheet.write_number_with_format(r, 7, 1.0, &number)?;
        match c.capacity {
            Some(v) => sheet.write_number_with_format(r, 8, v, &number)?,
            None => sheet.write_string_with_format(r, 8, "", &cell)?,
        };
        r += 1;
    }
    // Totals per capacity unit: different units are never added together.
    let mut totals: std::collections::BTreeMap<&str, (f64, usize)> = Default::default();
    for c in &rows {
        let t = totals.entry(c.capacity_unit.as_str()).or_default();
        t.0 += c.capacity.unwrap_or(0.0);
        t.1 += 1;
    }
    for (unit, (sum, count)) in totals {
        let label = if unit.is_empty() { "合计(未填产能单位)".to_string() } else { format!("合计({unit})") };
        sheet.merge_range(r, 0, r, 6, &label, &header)?;
        sheet.write_number_with_format(r, 7, count as f64, &number)?;
        sheet.write_number_with_format(r, 8, sum, &number)?;
        sheet.write_string_with_format(r, 9, unit, &cell)?;
        r += 1;
    }
    sheet.write_string(r + 1, 0, "说明:按设备逐行填报;退出方式为拆除或封存;产能单位不同的不合计。由蓝天平台根据退出案件生成。")?;
    book.save_to_buffer()
}

/// The list of enterprises for differential (or punitive) electricity pricing.
pub fn pricing_workbook(findings: &[&StoredFinding]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("差别电价名单")?;
    let bold = Format::new().set_bold();
    let headers = ["序号", "统一社会信用代码", "企业名称", "行政区划代码", "设备", "电价类别", "依据", "触发事实", "说明"];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, f) in findings.iter().enumerate() {
        let r = i as u32 + 1;
        let kind = if f.outcome == "punitive_price" { "惩罚性电价" } else { "差别电价" };
        let cells = [
            (i + 1).to_string(),
            f.credit_code.clone(),
            f.enterprise_name.clone(),
            f.division_code.clone(),
            f.equipment.clone(),
            kind.to_string(),
            format!("{} {}", f.citation["document"].as_str().unwrap_or(""), f.citation["clause"].as_str().unwrap_or("")),
            f.facts.to_string(),
            f.explanation.clone(),
        ];
        for (c, v) in cells.iter().enumerate() {
            sheet.write_string(r, c as u16, v)?;
        }
    }
    book.save_to_buffer()
}

/// One overdue case as the credit information sharing platform takes it.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct CreditRecord {
    /// 统一社会信用代码
    pub credit_code: String,
    pub enterprise_name: String,
    pub division_code: String,
    /// What was required: rectification or exit, and of what.
    pub obligation: String,
    /// The rule and its legal basis.
    pub basis: String,
    pub deadline: String,
    pub days_overdue: i64,
    /// The case's state code (`exit_ordered`), for programs.
    pub state: String,
    /// The same in words (责令退出), as the CSV for people shows it.
    pub state_label: String,
    pub case_id: i64,
    /// Date of this list (YYYY-MM-DD).
    pub as_of: String,
}

pub fn credit_records(cases: &[Case], today: time::Date) -> Vec<CreditRecord> {
    cases
        .iter()
        .filter_map(|c| {
            let days = c.overdue_days(today)?;
            let what = if c.outcome == "rectify" && matches!(c.state.as_str(), "rectifying" | "extension_requested") { "限期整改" } else { "限期退出" };
            Some(CreditRecord {
                credit_code: c.credit_code.clone(),
                enterprise_name: c.enterprise_name.clone(),
                division_code: c.division_code.clone(),
                obligation: format!("{what}:{} {}", c.equipment, c.title).trim().to_string(),
                basis: format!("{} ({})", c.citation, c.rule),
                deadline: c.deadline.clone().unwrap_or_default(),
                days_overdue: days,
                state: c.state.clone(),
                state_label: crate::screening::workflow::State::parse(&c.state).map(|s| s.label_zh().to_string()).unwrap_or_else(|| c.state.clone()),
                case_id: c.id,
                as_of: crate::storage::cases::format_day(today),
            })
        })
        .collect()
}

pub fn credit_csv(records: &[CreditRecord]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let _ = w.write_record(["统一社会信用代码", "企业名称", "行政区划代码", "应履行义务", "依据", "期限", "逾期天数", "当前状态", "案件编号", "数据日期"]);
    for r in records {
        let _ = super::csv_safe::write(&mut w, [
            r.credit_code.as_str(),
            &r.enterprise_name,
            &r.division_code,
            &r.obligation,
            &r.basis,
            &r.deadline,
            &r.days_overdue.to_string(),
            &r.state_label,
            &r.case_id.to_string(),
            &r.as_of,
        ]);
    }
    w.into_inner().unwrap_or_default()
}
