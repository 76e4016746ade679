//! Work plans (工作方案): units, plans, tasks and their import, targets, key projects, monthly
//! reports, supervision notices and the year-end report.

crate::messages! {
    // Units.
    no_unit_named "plans.unit.not_found" (key: &str) { zh: "没有名为“{key}”的单位", en: "no unit named '{key}'" }
    unit_kind_invalid "plans.unit.kind_invalid" (unit: &str, kind: &str) {
        zh: "单位“{unit}”：类型“{kind}”无效",
        en: "unit '{unit}': unknown kind '{kind}'",
    }
    unit_exists "plans.unit.exists" (unit: &str) { zh: "单位“{unit}”已存在", en: "the unit '{unit}' exists already" }
    unit_division_unknown "plans.unit.division_unknown" (unit: &str, code: &str) {
        zh: "单位“{unit}”：区划代码 {code} 不存在",
        en: "unit '{unit}': unknown division {code}",
    }
    unit_parent_unknown "plans.unit.parent_unknown" (unit: &str, parent: &str) {
        zh: "单位“{unit}”：上级单位“{parent}”不存在",
        en: "unit '{unit}': unknown parent unit '{parent}'",
    }
    no_such_user "plans.unit.no_such_user" (username: &str) { zh: "没有用户 {username}", en: "no user {username}" }
    no_unit_account "plans.unit.account_without_unit" () {
        zh: "您的账号不属于任何单位，不能填报",
        en: "your account belongs to no unit, so it cannot report",
    }
    unit_not_found "plans.not_found.unit" (name: &str) { zh: "未找到单位“{name}”", en: "not found: unit '{name}'" }
    unknown_unit "plans.unit.unknown" () { zh: "未知的单位", en: "unknown unit" }

    // Plans.
    plan_not_found "plans.not_found.plan" (id: i64) { zh: "未找到工作方案 {id}", en: "not found: plan {id}" }
    project_not_found "plans.not_found.project" (id: i64) { zh: "未找到重点项目 {id}", en: "not found: key project {id}" }
    title_issuer_required "plans.plan.title_issuer_required" () {
        zh: "方案名称和印发单位必填",
        en: "the title and the issuing body are required",
    }
    dates_invalid "plans.plan.dates_invalid" (start: &str, end: &str) {
        zh: "起止日期须为 YYYY-MM-DD：{start} {end}",
        en: "the dates must be YYYY-MM-DD: {start} {end}",
    }
    ends_before_start "plans.plan.ends_before_start" () { zh: "结束日期早于开始日期", en: "the plan ends before it starts" }
    due_day_range "plans.plan.due_day_range" (day: u32) {
        zh: "月报截止日须在 1–31 之间：{day}",
        en: "the due day must be 1–31: {day}",
    }
    unknown_lead_unit "plans.plan.unknown_lead_unit" (id: i64) { zh: "牵头单位 {id} 不存在", en: "unknown lead unit {id}" }
    lead_unit_missing "plans.plan.lead_unit_missing" () { zh: "牵头单位不存在", en: "unknown lead unit" }
    settings_range "plans.plan.settings_range" () {
        zh: "月报截止日须在 1–31 之间，风险阈值须在 0–1 之间",
        en: "the due day must be 1–31 and the at-risk share 0–1",
    }

    // Tasks.
    task_not_found "plans.not_found.task" (id: i64) { zh: "未找到任务 {id}", en: "not found: task {id}" }
    task_outside_period "plans.task.outside_period" (start: &str, end: &str) {
        zh: "时间节点不在方案期限（{start} – {end}）内",
        en: "the time node is outside the plan's period ({start} – {end})",
    }
    task_form_problem "plans.task.form_problem" (column: &str, value: &str, reason: String) {
        zh: "{column}“{value}”：{reason}",
        en: "{column} '{value}': {reason}",
    }

    // The task sheet (import).
    not_xlsx "plans.import.not_xlsx" () {
        zh: "不是 .xlsx 工作簿（请在 Excel 中另存为 .xlsx）",
        en: "not an .xlsx workbook (save it as .xlsx in Excel)",
    }
    workbook_unreadable "plans.import.workbook_unreadable" (detail: String) {
        zh: "无法读取工作簿：{detail}",
        en: "cannot read the workbook: {detail}",
    }
    no_sheets "plans.import.no_sheets" () { zh: "工作簿没有工作表", en: "the workbook has no sheets" }
    sheet_unreadable "plans.import.sheet_unreadable" (detail: String) {
        zh: "无法读取工作表：{detail}",
        en: "cannot read the sheet: {detail}",
    }
    sheet_empty "plans.import.sheet_empty" () { zh: "工作表是空的", en: "the sheet is empty" }
    missing_column "plans.import.missing_column" (column: &str) {
        zh: "缺少“{column}”列",
        en: "the column “{column}” is missing",
    }
    required "plans.import.required" () { zh: "必填", en: "required" }
    number_twice "plans.import.number_twice" () { zh: "序号重复", en: "the number appears twice in the file" }
    not_a_time_node "plans.import.not_a_time_node" () {
        zh: "无法识别的日期（示例：2026-06-30、2026年6月底前）",
        en: "not a date (for example 2026-06-30)",
    }
    node_outside_period "plans.import.node_outside_period" (start: String, end: String) {
        zh: "不在方案期限 {start} 至 {end} 内",
        en: "outside the plan's period {start} – {end}",
    }
    unknown_unit_cell "plans.import.unknown_unit" () {
        zh: "平台中没有这个单位（请按单位名称或简称填写）",
        en: "unknown unit (write the unit's name or short name)",
    }
    one_lead_unit "plans.import.one_lead_unit" () { zh: "牵头单位只能有一个", en: "one lead unit only" }
    no_task_rows "plans.import.no_task_rows" () { zh: "没有任务行", en: "the sheet has no task rows" }

    // Targets.
    target_problem "plans.target.problem" (target: &str, problem: Msg) {
        zh: "指标“{target}”：{problem}",
        en: "target '{target}': {problem}",
    }
    target_needs_baseline "plans.target.needs_baseline" () {
        zh: "缺少基准年或基准值",
        en: "a target needs a baseline year and value",
    }
    target_code_required "plans.target.code_required" () { zh: "编号和指标名称必填", en: "the code and the indicator are required" }
    target_kind_invalid "plans.target.kind_invalid" () {
        zh: "类型须为 change_pct 或 level，方向须为 decrease 或 increase",
        en: "the kind is change_pct or level, the direction decrease or increase",
    }
    target_year_order "plans.target.year_order" () {
        zh: "目标年须晚于基准年",
        en: "the target year must come after the baseline year",
    }
    target_milestones "plans.target.milestones" () {
        zh: "年度节点须在基准年之后、目标年之前",
        en: "milestones lie between the baseline and target years",
    }
    target_source_unknown "plans.target.source_unknown" () { zh: "数据来源无效", en: "unknown data source" }
    target_source_kind "plans.target.source_kind" () {
        zh: "强度类来源对应“下降/上升百分比”类型",
        en: "intensity sources go with change_pct targets",
    }

    // Projects.
    project_domain_invalid "plans.project.domain_invalid" (project: &str, domain: &str) {
        zh: "项目“{project}”：领域“{domain}”无效",
        en: "project '{project}': unknown domain '{domain}'",
    }
    project_scenario_not_visible "plans.project.scenario_not_visible" (id: i64) {
        zh: "情景 {id} 不存在或不在您的管辖范围内",
        en: "scenario {id} does not exist or is outside your jurisdiction",
    }
    project_scenario_bad "plans.project.scenario_bad" (value: &str) {
        zh: "情景编号“{value}”不是数字",
        en: "scenario number '{value}' is not a number",
    }
    col_modelled_reduction "plans.projects.col_modelled" () { zh: "情景模拟减排", en: "Modelled reductions" }
    modelled_title "plans.projects.modelled_title" () { zh: "协同减排(由关联情景测算)", en: "Co-reductions (modelled by the linked scenarios)" }
    modelled_equivalents "plans.projects.modelled_equivalents" (value: &str) { zh: "污染当量 {value}", en: "{value} pollution equivalents" }
    modelled_co2 "plans.projects.modelled_co2" (value: &str) { zh: "CO2 {value} 吨", en: "CO2 {value} t" }
    modelled_summary "plans.projects.modelled_summary" (linked: i64, total: i64) {
        zh: "{total} 个项目中 {linked} 个关联了减排情景",
        en: "{linked} of {total} projects are linked to a scenario",
    }
    modelled_per_investment "plans.projects.modelled_per_investment" () { zh: "每亿元投资减排", en: "Reduced per 100 million yuan invested" }
    modelled_note "plans.projects.modelled_note" () {
        zh: "减排量由情景在当前清单上重新计算(情景年度基准减去情景),与“预期减排”所填文字互相印证;情景之间可能重叠,合计仅供参考。",
        en: "Reductions are recomputed from the current inventory (the scenario year's baseline minus the scenario) and check the stated expectation; scenarios may overlap, so the total is indicative.",
    }
    link_scenario "plans.projects.link_scenario" () { zh: "关联情景", en: "Link a scenario" }
    no_scenario "plans.projects.no_scenario" () { zh: "(不关联)", en: "(none)" }
    save_link "plans.projects.save_link" () { zh: "保存", en: "Save" }
    scenario_unavailable "plans.projects.scenario_unavailable" () { zh: "情景不可用", en: "scenario not available" }
    project_invalid "plans.project.invalid" (project: &str) {
        zh: "项目“{project}”：名称必填，投资不能为负",
        en: "project '{project}': the name is required and the investment cannot be negative",
    }

    // Monthly reports.
    month_invalid "plans.report.month_invalid" (month: &str) {
        zh: "月份须为 YYYY-MM：{month}",
        en: "the month must be YYYY-MM: {month}",
    }
    month_outside_plan "plans.report.month_outside_plan" (month: &str) {
        zh: "{month} 不在方案期限内",
        en: "{month} is outside the plan's period",
    }
    task_not_in_plan "plans.report.task_not_in_plan" (id: i64) { zh: "任务 {id} 不属于本方案", en: "task {id} is not in this plan" }
    unit_not_responsible "plans.report.unit_not_responsible" (unit: &str, number: &str, title: &str) {
        zh: "{unit} 不是任务 {number}「{title}」的牵头或责任单位，不能报送该任务",
        en: "{unit} is not the lead or a responsible unit of task {number} “{title}” and cannot report on it",
    }
    task_state_invalid "plans.report.task_state_invalid" (number: &str, state: &str) {
        zh: "任务 {number}：状态“{state}”无效（应为 in_progress 或 completed）",
        en: "task {number}: the state '{state}' must be in_progress or completed",
    }
    target_not_in_plan "plans.report.target_not_in_plan" (id: i64) { zh: "指标 {id} 不属于本方案", en: "target {id} is not in this plan" }
    unit_not_for_target "plans.report.unit_not_for_target" (unit: &str, indicator: &str) {
        zh: "{unit} 不是指标「{indicator}」的责任单位",
        en: "{unit} does not answer for the target “{indicator}”",
    }
    target_value_invalid "plans.report.target_value_invalid" (indicator: &str) {
        zh: "指标「{indicator}」：数值无效",
        en: "target “{indicator}”: not a number",
    }
    value_not_a_number "plans.report.value_not_a_number" (value: &str) {
        zh: "指标数值无效：{value}",
        en: "the target value is not a number: {value}",
    }
    attachment_too_large "plans.report.attachment_too_large" (file: &str) {
        zh: "附件 {file} 超过 10 MB",
        en: "the attachment {file} is over 10 MB",
    }
    attachment_type "plans.report.attachment_type" (file: &str) {
        zh: "附件 {file} 的类型不允许（允许 PDF、JPG、PNG、DOCX、XLSX）",
        en: "the attachment {file} is of a type not allowed (PDF, JPG, PNG, DOCX, XLSX are)",
    }
    report_accepted_already "plans.report.accepted_already" (month: &str) {
        zh: "{month} 的报告已审核通过，不能再修改",
        en: "the report of {month} was accepted and can no longer change",
    }
    report_not_found "plans.not_found.report" (id: i64) { zh: "未找到报告 {id}", en: "not found: report {id}" }
    file_not_found "plans.not_found.file" (id: i64) { zh: "未找到附件 {id}", en: "not found: attachment {id}" }
    review_only_submitted "plans.report.review_only_submitted" (state: Msg) {
        zh: "报告状态为“{state}”，不能审核",
        en: "only submitted reports can be reviewed; this one is '{state}'",
    }
    return_needs_reason "plans.report.return_needs_reason" () {
        zh: "退回须说明理由",
        en: "returning a report needs a reason",
    }
    decision_invalid "plans.report.decision_invalid" (decision: &str) {
        zh: "审核结论须为 accept 或 return，收到“{decision}”",
        en: "the decision must be accept or return, not '{decision}'",
    }
    upload_unreadable "plans.upload.unreadable" (detail: String) {
        zh: "上传的内容无法读取：{detail}",
        en: "the upload could not be read: {detail}",
    }
    upload_too_large "plans.upload.too_large" (limit_mb: usize) {
        zh: "上传的内容超过 {limit_mb} MB 的限制",
        en: "the upload exceeds the limit of {limit_mb} MB",
    }
    state_submitted "plans.report_state.submitted" () { zh: "已报送待审核", en: "submitted, awaiting review" }
    state_returned "plans.report_state.returned" () { zh: "已退回", en: "returned" }
    state_accepted "plans.report_state.accepted" () { zh: "已审核通过", en: "accepted" }

    only_lead_reviews "plans.report.only_lead_reviews" () {
        zh: "只有牵头单位可以审核月报",
        en: "only the lead unit reviews the reports",
    }
    line_task "plans.consolidated.task" () { zh: "任务", en: "Task" }
    line_target "plans.consolidated.target" () { zh: "指标", en: "Target" }
    line_task_title "plans.consolidated.task_title" (title: String, due: String) {
        zh: "{title}（时限 {due}）",
        en: "{title} (due {due})",
    }
    line_target_state "plans.consolidated.target_state" (state: String, current: String, year: i32, required: String) {
        zh: "{state}（当前 {current}，{year} 年节点 {required}）",
        en: "{state} (now {current}; milestone {year}: {required})",
    }

    behind_task "plans.behind.task" (number: String, title: String, due: String) {
        zh: "任务 {number}「{title}」时间节点 {due} 已过，尚未完成",
        en: "task {number} “{title}”: the time node {due} has passed and it is not completed",
    }
    behind_target "plans.behind.target" (indicator: String, year: i32, required: f64, share: String) {
        zh: "指标「{indicator}」进度滞后：{year} 年节点 {required}，完成度 {share}%",
        en: "target “{indicator}” is behind: milestone {year} is {required}, reached {share}%",
    }
    behind_report "plans.behind.report" (month: String, day: u32) {
        zh: "{month} 月度进展报告逾期未报送（截止 {day} 日）",
        en: "the progress report of {month} is missing (due on day {day})",
    }
    annual_in_chinese "plans.annual.written_in_chinese" () {
        zh: "报告正文按上报格式以中文生成。",
        en: "The report itself is written in Chinese, in the form it is filed in.",
    }

    // Supervision notices.
    notice_not_found "plans.not_found.notice" (id: i64) { zh: "未找到督办通知 {id}", en: "not found: notice {id}" }
    answer_empty "plans.notice.answer_empty" () { zh: "答复不能为空", en: "the answer is empty" }
    answered_already "plans.notice.answered_already" () { zh: "该督办通知已答复", en: "the notice is answered already" }

    // The year-end report.
    unknown_block "plans.annual.unknown_block" (section: &str) {
        zh: "没有这个文字段落：{section}",
        en: "unknown text block: {section}",
    }
    block_too_long "plans.annual.block_too_long" () { zh: "段落不超过 5000 字", en: "a text block has at most 5,000 characters" }
    year_out_of_range "plans.annual.year_out_of_range" (year: i32) {
        zh: "年份无效：{year}",
        en: "year out of range: {year}",
    }

    // Command line.
    cli_mapped "plans.cli.mapped" (count: usize) { zh: "已将 {count} 个账号归入单位", en: "mapped {count} accounts onto units" }
    cli_wrote "plans.cli.wrote" (path: String) { zh: "已写入 {path}", en: "wrote {path}" }
    cli_wrote_report "plans.cli.wrote_report" (path: String, title: String) { zh: "已写入 {path}（{title}）", en: "wrote {path} ({title})" }
    cli_imported "plans.cli.imported" (rows: usize, plan: i64, added: usize, updated: usize) {
        zh: "已向方案 {plan} 导入任务 {rows} 行：新增 {added}，更新 {updated}",
        en: "imported {rows} task rows into plan {plan}: {added} added, {updated} updated",
    }
    cli_target_line "plans.cli.target_line" (code: String, state: Msg, indicator: String, current: String, required: f64, share: String, detail: String) {
        zh: "{code}  {state}  {indicator}  当前 {current}  应达 {required}  完成度 {share}  {detail}",
        en: "{code}  {state}  {indicator}  current {current}  required {required}  share {share}  {detail}",
    }
    cli_issued "plans.cli.issued" (count: usize) { zh: "已发出督办通知 {count} 份", en: "issued {count} supervision notices" }
    cli_demo_loaded "plans.cli.demo_loaded" () { zh: "已载入演示组织架构和试点方案", en: "loaded the demo organisation and pilot plan" }
    cli_units_exist "plans.cli.units_exist" () { zh: "单位已存在，未载入任何内容", en: "units exist already; nothing loaded" }
    cli_collecting "plans.cli.collecting" (year: i32, unit: String) { zh: "正在汇总 {unit} {year} 年的数据……", en: "collecting {year} figures for {unit} …" }
    target_state_on_track "plans.target_state.on_track" () { zh: "进度正常", en: "on track" }
    target_state_at_risk "plans.target_state.at_risk" () { zh: "存在风险", en: "at risk" }
    target_state_behind "plans.target_state.behind" () { zh: "进度滞后", en: "behind" }
    target_state_no_data "plans.target_state.no_data" () { zh: "暂无数据", en: "no data" }
    cannot_read "plans.cli.cannot_read" (path: String, detail: String) {
        zh: "无法读取 {path}：{detail}",
        en: "cannot read {path}: {detail}",
    }
    // Page labels: headings, column titles, buttons and notes of the pages.
    projects_investment "plans.page.projects_investment" () { zh: " 个项目,总投资 ", en: " projects, investment " }
    n_100_million_yuan "plans.page.n_100_million_yuan" () { zh: " 亿元", en: " × 100 million yuan" }
    colon "plans.page.colon" () { zh: "：", en: ": " }
    accept "plans.page.accept" () { zh: "审核通过", en: "Accept" }
    answer_by "plans.page.answer_by" () { zh: "答复期限", en: "Answer by" }
    attachments_pdf_jpg_png_docx_xlsx "plans.page.attachments_pdf_jpg_png_docx_xlsx" () { zh: "附件(PDF、JPG、PNG、DOCX、XLSX,每个不超过 10 MB)", en: "Attachments (PDF, JPG, PNG, DOCX, XLSX, 10 MB each)" }
    attachments "plans.page.attachments" () { zh: "附件:", en: "Attachments: " }
    awaiting_answer "plans.page.awaiting_answer" () { zh: "待答复", en: "Awaiting answer" }
    by_unit "plans.page.by_unit" () { zh: "各单位", en: "By unit" }
    by_year "plans.page.by_year" () { zh: "按年度", en: "By year" }
    computed_by_the_platform "plans.page.computed_by_the_platform" () { zh: "数值由平台计算:", en: "Computed by the platform: " }
    consolidated_monthly_report "plans.page.consolidated_monthly_report" () { zh: "汇总月报", en: "Consolidated monthly report" }
    consolidated_report_excel "plans.page.consolidated_report_excel" () { zh: "汇总月报 Excel", en: "Consolidated report (Excel)" }
    consolidated_report_print "plans.page.consolidated_report_print" () { zh: "汇总月报(打印)", en: "Consolidated report (print)" }
    cooperating "plans.page.cooperating" () { zh: "配合单位", en: "Cooperating" }
    cooperating_units_separated_by_the_enumeration "plans.page.cooperating_units_separated_by_the_enumeration" () { zh: "配合单位(顿号分隔)", en: "Cooperating units (separated by the enumeration comma)" }
    current "plans.page.current" () { zh: "当前", en: "Current" }
    dashboard "plans.page.dashboard" () { zh: "总览", en: "Dashboard" }
    document_no "plans.page.document_no" () { zh: "文号", en: "Document no." }
    domain "plans.page.domain" () { zh: "领域", en: "Domain" }
    download_excel "plans.page.download_excel" () { zh: "下载 Excel", en: "Download Excel" }
    download_word_docx "plans.page.download_word_docx" () { zh: "下载 Word (.docx)", en: "Download Word (.docx)" }
    download_the_task_sheet_template "plans.page.download_the_task_sheet_template" () { zh: "下载任务清单模板", en: "Download the task sheet template" }
    due "plans.page.due" () { zh: "时间节点", en: "Due" }
    due_2 "plans.page.due_2" () { zh: "截止日期:", en: "Due: " }
    each_unit_sits_in_a_division "plans.page.each_unit_sits_in_a_division" () { zh: "每个单位有其行政区划;账号归属于单位(标签为该单位的账号)。", en: "Each unit sits in a division; accounts belong to a unit (tags show a unit's accounts)." }
    every_figure_is_computed_from_the "plans.page.every_figure_is_computed_from_the" () { zh: "数字均由平台数据生成,点击可查看来源清单;带“编辑”的段落可在发布前修改。", en: "Every figure is computed from the platform and links to its list; paragraphs marked “edit” can be changed before publishing." }
    expected_reductions "plans.page.expected_reductions" () { zh: "预期减排", en: "Expected reductions" }
    file_my_units_report "plans.page.file_my_units_report" () { zh: "填报本单位月报", en: "File my unit's report" }
    filed "plans.page.filed" () { zh: "报送", en: "Filed" }
    filed_on "plans.page.filed_on" () { zh: "报送日期", en: "Filed on" }
    filed_this_month "plans.page.filed_this_month" () { zh: "本月已报送:", en: "Filed this month: " }
    filing "plans.page.filing" () { zh: "报送情况:", en: "Filing: " }
    generate "plans.page.generate" () { zh: "生成", en: "Generate" }
    import_the_task_sheet "plans.page.import_the_task_sheet" () { zh: "导入任务清单", en: "Import the task sheet" }
    investment_100_m_yuan "plans.page.investment_100_m_yuan" () { zh: "投资(亿元)", en: "Investment (100 m yuan)" }
    investment_10k_yuan "plans.page.investment_10k_yuan" () { zh: "投资(万元)", en: "Investment (10k yuan)" }
    issue_supervision_notices_reminder_circular_interview "plans.page.issue_supervision_notices_reminder_circular_interview" () { zh: "对滞后事项发出督办(提醒→通报→约谈)", en: "Issue supervision notices (reminder → circular → interview)" }
    issued "plans.page.issued" () { zh: "发出", en: "Issued" }
    issued_by "plans.page.issued_by" () { zh: "印发单位", en: "Issued by" }
    issuing_body "plans.page.issuing_body" () { zh: "印发单位", en: "Issuing body" }
    item "plans.page.item" () { zh: "事项", en: "Item" }
    key_projects "plans.page.key_projects" () { zh: "重点项目", en: "Key projects" }
    kind "plans.page.kind" () { zh: "类别", en: "Kind" }
    lead "plans.page.lead" () { zh: "牵头单位", en: "Lead" }
    lead_unit "plans.page.lead_unit" () { zh: "牵头单位", en: "Lead unit" }
    lead_unit_2 "plans.page.lead_unit_2" () { zh: "牵头单位:", en: "Lead unit: " }
    level "plans.page.level" () { zh: "督办方式", en: "Level" }
    matters_behind "plans.page.matters_behind" () { zh: "滞后事项", en: "Matters behind" }
    measures "plans.page.measures" () { zh: "主要措施", en: "Measures" }
    milestone "plans.page.milestone" () { zh: "当年节点", en: "Milestone" }
    month "plans.page.month" () { zh: "月份:", en: "Month: " }
    monthly_reports "plans.page.monthly_reports" () { zh: "月度报告", en: "Monthly reports" }
    new_work_plan "plans.page.new_work_plan" () { zh: "新建工作方案", en: "New work plan" }
    no_work_plans_yet "plans.page.no_work_plans_yet" () { zh: "还没有工作方案。", en: "No work plans yet." }
    no "plans.page.no" () { zh: "序号", en: "No." }
    notes "plans.page.notes" () { zh: "说明", en: "Notes" }
    one_row_per_task_if_any "plans.page.one_row_per_task_if_any" () { zh: "每行一个任务。任何一行有误则全部不导入,并逐行列出问题;同编号的任务会被更新。", en: "One row per task. If any row is wrong nothing is imported and every problem is listed; tasks with a known number are updated." }
    overdue "plans.page.overdue" () { zh: "逾期任务", en: "Overdue" }
    plan "plans.page.plan" () { zh: "方案", en: "Plan" }
    progress_this_month "plans.page.progress_this_month" () { zh: "本月工作进展", en: "Progress this month" }
    progress_this_month_2 "plans.page.progress_this_month_2" () { zh: "本月进展", en: "Progress this month" }
    project "plans.page.project" () { zh: "项目", en: "Project" }
    projects "plans.page.projects" () { zh: "项目", en: "Projects" }
    reason "plans.page.reason" () { zh: "事由", en: "Reason" }
    reports_due "plans.page.reports_due" () { zh: "月报截止日", en: "Reports due" }
    reports_due_on_day "plans.page.reports_due_on_day" () { zh: "月报截止日", en: "Reports due on day" }
    reports_this_month "plans.page.reports_this_month" () { zh: "本月报告", en: "Reports this month" }
    responsible "plans.page.responsible" () { zh: "责任单位", en: "Responsible" }
    responsible_units_separated_by_the_enumeration "plans.page.responsible_units_separated_by_the_enumeration" () { zh: "责任单位(顿号分隔)", en: "Responsible units (separated by the enumeration comma)" }
    review_note "plans.page.review_note" () { zh: "审核意见", en: "Review note" }
    review "plans.page.review" () { zh: "审核意见:", en: "Review: " }
    share "plans.page.share" () { zh: "完成度", en: "Share" }
    showing "plans.page.showing" () { zh: "显示 ", en: "Showing " }
    state "plans.page.state" () { zh: "进展", en: "State" }
    state_value "plans.page.state_value" () { zh: "进展", en: "State / value" }
    submit "plans.page.submit" () { zh: "报送", en: "Submit" }
    summary "plans.page.summary" () { zh: "总体情况", en: "Summary" }
    supervision "plans.page.supervision" () { zh: "督办", en: "Supervision" }
    target "plans.page.target" () { zh: "目标", en: "Target" }
    targets "plans.page.targets" () { zh: "目标指标", en: "Targets" }
    task "plans.page.task" () { zh: "任务名称", en: "Task" }
    tasks "plans.page.tasks" () { zh: "任务", en: "Tasks" }
    tasks_2 "plans.page.tasks_2" () { zh: "承担任务", en: "Tasks" }
    tasks_added "plans.page.tasks_added" () { zh: "新增任务 ", en: "Tasks added: " }
    this_months_report "plans.page.this_months_report" () { zh: "本月报告", en: "This month's report" }
    title "plans.page.title" () { zh: "方案名称", en: "Title" }
    unanswered_notices "plans.page.unanswered_notices" () { zh: "未答复的督办通知 ", en: "Unanswered notices " }
    unit "plans.page.unit" () { zh: "牵头/责任单位", en: "Unit" }
    unit_2 "plans.page.unit_2" () { zh: "责任单位", en: "Unit" }
    unit_3 "plans.page.unit_3" () { zh: "单位:", en: "Unit: " }
    units "plans.page.units" () { zh: "单位", en: "Units" }
    units_organisation "plans.page.units_organisation" () { zh: "单位(组织架构)", en: "Units (organisation)" }
    value_reached "plans.page.value_reached" () { zh: "当前值", en: "Value reached" }
    year "plans.page.year" () { zh: "年度", en: "Year" }
    year_end_responsibility_report "plans.page.year_end_responsibility_report" () { zh: "年度生态环境保护责任落实情况", en: "Year-end responsibility report" }
    year_end_responsibility_report_2 "plans.page.year_end_responsibility_report_2" () { zh: "年度生态环境保护责任落实情况报告", en: "Year-end responsibility report" }
    your_unit_has_no_tasks_or "plans.page.your_unit_has_no_tasks_or" () { zh: "本单位在该方案中没有任务或指标。", en: "Your unit has no tasks or targets in this plan." }
    source "plans.page.source" () { zh: "[来源]", en: "[source]" }
    down "plans.page.down" () { zh: "下降", en: "down " }
    due_3 "plans.page.due_3" () { zh: "时限 ", en: "due " }
    edit "plans.page.edit" () { zh: "编辑", en: "edit" }
    filed_on_2 "plans.page.filed_on_2" () { zh: "报送于 ", en: "filed on " }
    monthly_progress "plans.page.monthly_progress" () { zh: "月度进展汇总", en: "monthly progress" }
    up "plans.page.up" () { zh: "上升", en: "up " }
    updated "plans.page.updated" () { zh: "更新任务 ", en: "updated: " }
}

use crate::i18n::Msg;
