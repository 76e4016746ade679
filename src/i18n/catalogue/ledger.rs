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
    // Page labels: headings, column titles, buttons and notes of the pages.
    total_prefix "ledger.page.total_prefix" () { zh: "共", en: "" }
    above_scale "ledger.page.above_scale" () { zh: "规上企业", en: "Above scale" }
    action "ledger.page.action" () { zh: "操作", en: "Action" }
    basic_facts "ledger.page.basic_facts" () { zh: "基本信息", en: "Basic facts" }
    business_licence "ledger.page.business_licence" () { zh: "营业执照", en: "Business licence" }
    capacity "ledger.page.capacity" () { zh: "规模", en: "Capacity" }
    capacity_2 "ledger.page.capacity_2" () { zh: "设计产能", en: "Capacity" }
    change "ledger.page.change" () { zh: "变更内容", en: "Change" }
    code "ledger.page.code" () { zh: "编号", en: "Code" }
    commissioned "ledger.page.commissioned" () { zh: "投产年份", en: "Commissioned" }
    coordinates "ledger.page.coordinates" () { zh: "坐标", en: "Coordinates" }
    discharge_permit "ledger.page.discharge_permit" () { zh: "排污许可证", en: "Discharge permit" }
    division "ledger.page.division" () { zh: "所在区划", en: "Division" }
    division_code "ledger.page.division_code" () { zh: "行政区划代码", en: "Division code" }
    download_the_template "ledger.page.download_the_template" () { zh: "下载导入模板", en: "Download the template" }
    eia_approval "ledger.page.eia_approval" () { zh: "环评批复", en: "EIA approval" }
    energy_tce "ledger.page.energy_tce" () { zh: "综合能耗(吨标准煤)", en: "Energy (tce)" }
    energy_intensity "ledger.page.energy_intensity" () { zh: "单位增加值能耗", en: "Energy intensity" }
    enterprises "ledger.page.enterprises" () { zh: "企业", en: "Enterprises" }
    export_excel "ledger.page.export_excel" () { zh: "导出Excel", en: "Export Excel" }
    export_enterprises_csv "ledger.page.export_enterprises_csv" () { zh: "导出企业表 (CSV)", en: "Export enterprises (CSV)" }
    export_the_whole_ledger_excel "ledger.page.export_the_whole_ledger_excel" () { zh: "导出全部台账 (Excel)", en: "Export the whole ledger (Excel)" }
    fuel "ledger.page.fuel" () { zh: "燃料", en: "Fuel" }
    history_of_changes "ledger.page.history_of_changes" () { zh: "变更记录", en: "History of changes" }
    import_the_enterprise_ledger "ledger.page.import_the_enterprise_ledger" () { zh: "导入企业台账", en: "Import the enterprise ledger" }
    land_use_legal "ledger.page.land_use_legal" () { zh: "用地合法", en: "Land use legal" }
    legal_representative "ledger.page.legal_representative" () { zh: "法定代表人", en: "Legal representative" }
    licences_and_grade "ledger.page.licences_and_grade" () { zh: "证照与评级", en: "Licences and grade" }
    limit "ledger.page.limit" () { zh: "排放限值", en: "Limit" }
    line "ledger.page.line" () { zh: "所属生产线", en: "Line" }
    medium "ledger.page.medium" () { zh: "类型", en: "Medium" }
    name "ledger.page.name" () { zh: "企业名称", en: "Name" }
    name_2 "ledger.page.name_2" () { zh: "设备名称", en: "Name" }
    no_enterprise_matches "ledger.page.no_enterprise_matches" () { zh: "没有符合条件的企业", en: "No enterprise matches" }
    outlets_and_pollutants "ledger.page.outlets_and_pollutants" () { zh: "排放口与污染物", en: "Outlets and pollutants" }
    performance_grade "ledger.page.performance_grade" () { zh: "环保绩效等级", en: "Performance grade" }
    permitted_t_a "ledger.page.permitted_t_a" () { zh: "许可年排放量(吨)", en: "Permitted t/a" }
    process "ledger.page.process" () { zh: "工艺", en: "Process" }
    product "ledger.page.product" () { zh: "产品", en: "Product" }
    production_lines "ledger.page.production_lines" () { zh: "生产线", en: "Production lines" }
    replace_enterprises_already_in_the_ledger "ledger.page.replace_enterprises_already_in_the_ledger" () { zh: "已存在的企业以新数据替换", en: "Replace enterprises already in the ledger" }
    see_my_submissions "ledger.page.see_my_submissions" () { zh: "查看我的申报", en: "See my submissions" }
    size "ledger.page.size" () { zh: "企业规模", en: "Size" }
    specific_energy "ledger.page.specific_energy" () { zh: "单位产品能耗", en: "Specific energy" }
    standard "ledger.page.standard" () { zh: "执行标准", en: "Standard" }
    submitted_waiting_for_the_bureaus_review "ledger.page.submitted_waiting_for_the_bureaus_review" () { zh: "已提交,等待主管部门审核", en: "Submitted; waiting for the bureau's review" }
    template_and_export "ledger.page.template_and_export" () { zh: "模板与导出", en: "Template and export" }
    the_ledger_changes_only_once_the "ledger.page.the_ledger_changes_only_once_the" () { zh: "台账在审核采纳后才会改变。申报编号:", en: "The ledger changes only once the submission is accepted. Submission: " }
    upload_a_ledger_xlsx_first_sheet "ledger.page.upload_a_ledger_xlsx_first_sheet" () { zh: "上传 .xlsx 台账(第一个工作表为企业,其后为生产线、主要设备、排放口、年度数据)或企业表 .csv。任何一行有误则全部不写入,并列出所有错误。", en: "Upload a ledger .xlsx (first sheet: enterprises; then lines, equipment, outlets, yearly figures) or an enterprise .csv. If any row is wrong nothing is written and every problem is listed." }
    valid_nothing_written_dry_run "ledger.page.valid_nothing_written_dry_run" () { zh: "校验通过,未写入", en: "Valid; nothing written (dry run)" }
    validate_only_write_nothing "ledger.page.validate_only_write_nothing" () { zh: "仅校验,不写入", en: "Validate only, write nothing" }
    value_added_10k_yuan "ledger.page.value_added_10k_yuan" () { zh: "工业增加值(万元)", en: "Value added (10k yuan)" }
    water_m "ledger.page.water_m" () { zh: "用水量(立方米)", en: "Water (m³)" }
    yearly_energy_water_and_value_added "ledger.page.yearly_energy_water_and_value_added" () { zh: "年度能耗、用水与增加值", en: "Yearly energy, water and value added" }
    above_scale_2 "ledger.page.above_scale_2" () { zh: "规上", en: "above scale" }
    enterprises_2 "ledger.page.enterprises_2" () { zh: "家企业", en: "enterprises" }
    equipment "ledger.page.equipment" () { zh: "设备", en: "equipment" }
    ledger_record "ledger.page.ledger_record" () { zh: "企业台账记录", en: "ledger record" }
    lines "ledger.page.lines" () { zh: "生产线", en: "lines" }
    monitoring_data "ledger.page.monitoring_data" () { zh: "监测数据", en: "monitoring data" }
    outlets "ledger.page.outlets" () { zh: "排放口", en: "outlets" }
    replaced "ledger.page.replaced" () { zh: "替换", en: "replaced" }
    search "ledger.page.search" () { zh: "输入关键字", en: "search" }
    system "ledger.page.system" () { zh: "系统", en: "system" }
    yearly_rows "ledger.page.yearly_rows" () { zh: "年度数据", en: "yearly rows" }
    yes "ledger.page.yes" () { zh: "有", en: "yes" }
}
