//! Messages of the ledger: why an imported cell, row or file is refused (the import report),
//! and how a problem of that report reads as one line.
//!
//! Column names are the workbook's own headers (Chinese, as the template has them); they enter
//! messages as parameters, so an English reader sees the header printed in the file.

use crate::i18n::Msg;

crate::messages! {
    /// One line of an import report: where, the value found, why.
    at_cell "ledger.problem.at_cell" (sheet: &str, row: usize, column: &str, value: &str, reason: Msg) {
        zh: "工作表“{sheet}”第 {row} 行“{column}”列，值“{value}”：{reason}",
        en: "sheet '{sheet}' row {row} column '{column}' value '{value}': {reason}",
    }
    /// A problem of a whole sheet or file (row 0).
    whole_sheet "ledger.problem.whole_sheet" (sheet: &str, reason: Msg) {
        zh: "工作表“{sheet}”：{reason}",
        en: "sheet '{sheet}': {reason}",
    }

    // Cells.
    missing_required "ledger.cell.missing_required" () { zh: "必填项为空", en: "missing required field" }
    not_a_number "ledger.cell.not_a_number" () { zh: "不是数字", en: "not a number" }
    not_whole_number "ledger.cell.not_whole_number" () { zh: "不是整数", en: "not a whole number" }
    not_yes_no "ledger.cell.not_yes_no" () { zh: "应填“是”或“否”", en: "must be yes or no" }
    not_in_vocabulary "ledger.cell.not_in_vocabulary" (allowed: String) {
        zh: "应为以下之一：{allowed}",
        en: "must be one of {allowed}",
    }
    negative "ledger.cell.negative" () { zh: "应为不小于 0 的数", en: "must be a number ≥ 0" }
    year_range "ledger.cell.year_range" () { zh: "年份应在 1900 至 2100 之间", en: "year must be between 1900 and 2100" }
    longitude "ledger.cell.longitude" () {
        zh: "经度应在中国境内（东经 73°–136°）",
        en: "longitude must lie within China (73–136° E)",
    }
    latitude "ledger.cell.latitude" () {
        zh: "纬度应在中国境内（北纬 3°–54°）",
        en: "latitude must lie within China (3–54° N)",
    }
    env_grade "ledger.cell.env_grade" () {
        zh: "环保绩效等级应为 A、B、C、D 或留空",
        en: "must be A, B, C or D (or empty)",
    }
    division_digits "ledger.cell.division_digits" () {
        zh: "行政区划代码应为 6、9 或 12 位数字",
        en: "division code must be 6, 9 or 12 digits",
    }
    reference_o2 "ledger.cell.reference_o2" () {
        zh: "基准氧含量应不小于 0 且小于 21（%）",
        en: "reference oxygen must be at least 0 and below 21 (%)",
    }

    // Codes and vocabularies.
    credit_code_length "ledger.credit_code.length" (found: usize) {
        zh: "统一社会信用代码应为 18 位，实为 {found} 位",
        en: "invalid credit code: it must have 18 characters, found {found}",
    }
    credit_code_char "ledger.credit_code.bad_char" (character: String) {
        zh: "统一社会信用代码中不能出现字符“{character}”（只用数字和除 I、O、S、V、Z 以外的大写字母）",
        en: "invalid credit code: character '{character}' is not allowed (digits and capitals except I O S V Z)",
    }
    credit_code_check "ledger.credit_code.check_char" (found: String, expected: String) {
        zh: "统一社会信用代码校验位为“{found}”，按 GB 32100-2015 应为“{expected}”",
        en: "invalid credit code: check character is '{found}' but should be '{expected}' (GB 32100-2015)",
    }
    provisional_format "ledger.credit_code.provisional_format" () {
        zh: "临时台账编号应为 LS 加 11 位数字（县级区划代码 + 顺序号）",
        en: "a provisional ledger number must be LS + 11 digits (county code + serial)",
    }
    provisional_with_licence "ledger.credit_code.provisional_with_licence" () {
        zh: "临时编号（LS）只用于没有营业执照的作坊（营业执照填“无”）",
        en: "a provisional LS number is only for workshops without a business licence (business licence = no)",
    }
    industry_not_class "ledger.industry.not_class" () {
        zh: "行业代码应为 GB/T 4754-2017 的 4 位小类，不能是门类、大类或中类",
        en: "industry code must be a 4-digit class of GB/T 4754-2017, not a section, division or group",
    }
    industry_unknown "ledger.industry.unknown" () {
        zh: "GB/T 4754-2017 中没有这个行业代码",
        en: "unknown industry code (not in GB/T 4754-2017)",
    }
    equipment_kind_unknown "ledger.equipment.unknown_kind" () {
        zh: "未知的设备类型（见 data/equipment-kinds.csv）",
        en: "unknown equipment kind (see data/equipment-kinds.csv)",
    }

    // Rows against other rows.
    duplicate_enterprise_row "ledger.row.duplicate_enterprise" (first_row: usize) {
        zh: "企业重复：同一代码已在第 {first_row} 行",
        en: "duplicate enterprise: the same code is already on row {first_row}",
    }
    no_such_enterprise "ledger.row.no_such_enterprise" (sheet: &str) {
        zh: "“{sheet}”工作表中没有这个代码的企业",
        en: "no enterprise with this code on the '{sheet}' sheet",
    }
    duplicate_line "ledger.row.duplicate_line" (previous: usize) {
        zh: "该企业的生产线名称重复（另见第 {previous} 行）",
        en: "duplicate line name for this enterprise (also row {previous})",
    }
    no_such_line "ledger.row.no_such_line" (sheet: &str) {
        zh: "“{sheet}”工作表中该企业没有这条生产线",
        en: "no such production line for this enterprise on the '{sheet}' sheet",
    }
    duplicate_equipment "ledger.row.duplicate_equipment" (previous: usize) {
        zh: "该企业的设备名称重复（另见第 {previous} 行）",
        en: "duplicate equipment name for this enterprise (also row {previous})",
    }
    outlet_inconsistent "ledger.row.outlet_inconsistent" () {
        zh: "同一排放口在另一行的名称或排放类型不同",
        en: "the same outlet appears with a different name or type on another row",
    }
    outlet_o2_inconsistent "ledger.row.outlet_o2_inconsistent" () {
        zh: "同一排放口在另一行的基准氧含量不同",
        en: "the same outlet has a different reference oxygen on another row",
    }
    pollutant_code_missing "ledger.row.pollutant_code_missing" () {
        zh: "必填项为空（污染物行须填写污染物代码）",
        en: "missing required field (a pollutant row needs its code)",
    }
    duplicate_pollutant "ledger.row.duplicate_pollutant" () {
        zh: "该排放口的污染物重复",
        en: "duplicate pollutant for this outlet",
    }
    duplicate_year "ledger.row.duplicate_year" (previous: usize) {
        zh: "该企业的年份重复（另见第 {previous} 行）",
        en: "duplicate year for this enterprise (also row {previous})",
    }

    // Whole files and sheets.
    not_xlsx "ledger.file.not_xlsx" () {
        zh: "不是 .xlsx 工作簿（文件开头不是 zip 格式）。请在 Excel 中另存为“Excel 工作簿（*.xlsx）”",
        en: "not an .xlsx workbook (the file does not start like a zip archive; save it as Excel 2007+ .xlsx)",
    }
    unreadable_workbook "ledger.file.unreadable_workbook" (detail: String) {
        zh: "无法读取工作簿（文件损坏或不完整？）：{detail}",
        en: "cannot read the workbook (damaged or truncated .xlsx?): {detail}",
    }
    unreadable_sheet "ledger.file.unreadable_sheet" (detail: String) {
        zh: "无法读取该工作表：{detail}",
        en: "cannot read the sheet: {detail}",
    }
    no_sheets "ledger.file.no_sheets" () { zh: "工作簿中没有工作表", en: "the workbook has no sheets" }
    first_sheet "ledger.file.first_sheet" (sheet: &str) {
        zh: "第一个工作表必须是“{sheet}”",
        en: "the first sheet must be the '{sheet}' sheet",
    }
    no_data_rows "ledger.file.no_data_rows" () {
        zh: "企业工作表中没有数据行",
        en: "the enterprise sheet has no data rows",
    }
    csv_line "ledger.file.csv_line" (line: usize, detail: String) {
        zh: "CSV 第 {line} 行无法读取：{detail}",
        en: "CSV line {line}: {detail}",
    }
    missing_columns "ledger.file.missing_columns" (columns: String) {
        zh: "表头不对：缺少必填列 {columns}",
        en: "wrong headers: required column(s) missing: {columns}",
    }

    // Against the database and the importer's jurisdiction.
    unknown_division "ledger.import.unknown_division" () {
        zh: "行政区划代码不存在（不在区划树中）",
        en: "unknown division code (not in the jurisdiction tree)",
    }
    already_in_ledger "ledger.import.already_in_ledger" () {
        zh: "企业重复：台账中已有该企业（如需替换，请以“更新”方式导入）",
        en: "duplicate enterprise: already in the ledger (import with --update to replace it)",
    }
    only_own_enterprise "ledger.import.only_own_enterprise" () {
        zh: "企业账号只能提交本企业的信息",
        en: "an enterprise account may only submit its own enterprise",
    }
    outside_jurisdiction "ledger.import.outside_jurisdiction" () {
        zh: "不在本账号的管辖范围内",
        en: "outside the jurisdiction of this account",
    }
}
