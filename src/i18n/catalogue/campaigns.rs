//! Remediation campaigns (散乱污, relocation, custom types): refusals of the state machine and
//! of the storage, survey-file problems, the labels of verdicts, statuses, steps and findings.
//! Texts that a campaign type's data file carries in both languages (criteria, dispositions,
//! checklist steps) come in as `Arg::both(zh, en)`.

crate::messages! {
    // Creating and configuring a campaign.
    custom_needs_definition "campaigns.create.custom_needs_definition" () {
        zh: "自定义类型须提供类型定义文件（--definition FILE.toml）",
        en: "a custom type needs its definition file (--definition FILE.toml)",
    }
    unknown_type "campaigns.create.unknown_type" (code: &str) {
        zh: "未知的行动类型“{code}”，应为 sanluanwu、relocation 或 custom",
        en: "unknown campaign type '{code}': it must be sanluanwu, relocation or custom",
    }
    definition_only_custom "campaigns.create.definition_only_custom" (code: &str) {
        zh: "只有自定义类型（custom）需要 --definition，“{code}”不需要",
        en: "--definition is only for --type custom, not {code}",
    }
    definition_invalid "campaigns.create.definition_invalid" (count: usize, first: Msg) {
        zh: "类型定义有 {count} 处错误，第一处：{first}",
        en: "the type definition has {count} error(s); the first: {first}",
    }
    name_required "campaigns.create.name_required" () { zh: "行动名称必填", en: "the campaign needs a name" }
    end_before_start "campaigns.create.end_before_start" (end: String, start: String) {
        zh: "结束日期 {end} 早于开始日期 {start}",
        en: "the end {end} is before the start {start}",
    }
    unknown_division "campaigns.create.unknown_division" (code: &str) {
        zh: "未知的区划代码 {code}",
        en: "unknown division {code}",
    }
    outside_jurisdiction "campaigns.create.outside_jurisdiction" (code: &str) {
        zh: "区划 {code} 超出本账号管辖范围",
        en: "division {code} is outside your jurisdiction",
    }
    not_a_date "campaigns.form.not_a_date" (field: Msg, value: &str) {
        zh: "{field}“{value}”不是日期（YYYY-MM-DD）",
        en: "{field} '{value}' is not a date (YYYY-MM-DD)",
    }
    not_a_whole_number "campaigns.form.not_a_whole_number" (field: Msg, value: &str) {
        zh: "{field}“{value}”不是整数",
        en: "{field} '{value}' is not a whole number",
    }
    not_a_number "campaigns.form.not_a_number" (field: Msg, value: &str) {
        zh: "{field}“{value}”不是数字",
        en: "{field} '{value}' is not a number",
    }
    not_a_month "campaigns.form.not_a_month" (value: &str) {
        zh: "月份“{value}”应为 YYYY-MM",
        en: "month '{value}' is not YYYY-MM",
    }
    month_out_of_range "campaigns.form.month_out_of_range" (month: u8) {
        zh: "月份 {month} 应在 1–12 之间",
        en: "month {month} is not 1–12",
    }
    field_start "campaigns.field.start" () { zh: "开始日期", en: "start date" }
    field_end "campaigns.field.end" () { zh: "结束日期", en: "end date" }
    field_date "campaigns.field.date" () { zh: "日期", en: "date" }
    field_target "campaigns.field.target" () { zh: "目标户数", en: "target" }
    field_deadline "campaigns.field.deadline" () { zh: "期限", en: "deadline" }
    field_patrol_every "campaigns.field.patrol_every" () { zh: "巡查周期", en: "patrol interval" }
    field_weight "campaigns.field.weight" () { zh: "权重", en: "weight" }
    patrol_whole_days "campaigns.settings.patrol_whole_days" () { zh: "巡查周期须为整数天", en: "the patrol interval is in whole days" }
    patrol_interval_range "campaigns.settings.patrol_interval_range" (days: i64) {
        zh: "巡查周期 {days} 天须在 1–365 天之间",
        en: "a patrol interval of {days} days must be 1–365 days",
    }
    weights_invalid "campaigns.settings.weights_invalid" () {
        zh: "权重须为非负数且不全为零",
        en: "weights must be non-negative and not both zero",
    }
    no_file "campaigns.upload.no_file" () { zh: "没有上传文件（表单项“file”）", en: "no file was uploaded (field 'file')" }
    no_photo "campaigns.upload.no_photo" () { zh: "没有上传照片（表单项“photo”）", en: "no photo was uploaded (field 'photo')" }
    upload_unreadable "campaigns.upload.unreadable" (detail: String) {
        zh: "上传的内容无法读取：{detail}",
        en: "the upload could not be read: {detail}",
    }
    upload_too_large "campaigns.upload.too_large" (limit_mb: usize) {
        zh: "上传的内容超过 {limit_mb} MB 的限制",
        en: "the upload exceeds the limit of {limit_mb} MB",
    }
    unknown_action "campaigns.step.unknown_action" (action: &str) {
        zh: "未知的办理步骤“{action}”",
        en: "unknown step '{action}'",
    }
    choose_finding "campaigns.patrol.choose_finding" () {
        zh: "请选择巡查结论：仍关停或已恢复生产",
        en: "choose the finding: still closed or reopened",
    }

    // A campaign type's definition file (TOML).
    def_error "campaigns.definition.error" (file: String, line: usize, reason: Msg) {
        zh: "{file} 第 {line} 行：{reason}",
        en: "{file}:{line}: {reason}",
    }
    def_syntax "campaigns.definition.syntax" (detail: String) { zh: "TOML 格式错误：{detail}", en: "TOML syntax: {detail}" }
    def_type_code "campaigns.definition.type_code" (code: &str) {
        zh: "类型编号“{code}”只能由小写字母、数字和 _ 组成",
        en: "type code '{code}' must be lower-case letters, digits and _",
    }
    def_summary_placeholder "campaigns.definition.summary_placeholder" (placeholder: &str) {
        zh: "summary_zh 须包含 {placeholder}",
        en: "summary_zh must contain {placeholder}",
    }
    def_no_criterion "campaigns.definition.no_criterion" () {
        zh: "行动类型至少要有一项认定标准",
        en: "a campaign type needs at least one identification criterion",
    }
    def_no_disposition "campaigns.definition.no_disposition" () {
        zh: "行动类型至少要有一种整治方式",
        en: "a campaign type needs at least one disposition",
    }
    def_bad_code "campaigns.definition.bad_code" (what: Msg, code: &str) {
        zh: "{what}编号“{code}”为空、格式有误或重复",
        en: "{what} code '{code}' is empty, malformed or repeated",
    }
    def_criterion "campaigns.definition.what.criterion" () { zh: "认定标准", en: "criterion" }
    def_disposition "campaigns.definition.what.disposition" () { zh: "整治方式", en: "disposition" }
    def_step "campaigns.definition.what.step" () { zh: "整治事项", en: "step" }
    def_label_twice "campaigns.definition.label_twice" (label: &str) {
        zh: "整治方式名称“{label}”为空或重复使用",
        en: "disposition label '{label}' is empty or used twice",
    }
    def_no_steps "campaigns.definition.no_steps" (code: &str) {
        zh: "整治方式 {code} 至少要有一项整治事项",
        en: "disposition {code} needs at least one checklist step",
    }
    def_overdue_only_upgrade "campaigns.definition.overdue_only_upgrade" (code: &str) {
        zh: "{code}：只有改造提升类在逾期后转为其他方式",
        en: "{code}: only upgrades turn into something else when overdue",
    }
    def_overdue_not_closure "campaigns.definition.overdue_not_closure" (code: &str, into: &str) {
        zh: "{code}：overdue_becomes“{into}”不是本类型的关停类整治方式",
        en: "{code}: overdue_becomes '{into}' is not a closure disposition of this type",
    }
    def_deadline_not_date "campaigns.definition.deadline_not_date" (code: &str, day: &str) {
        zh: "{code}：期限“{day}”不是 YYYY-MM-DD 日期",
        en: "{code}: deadline '{day}' is not a YYYY-MM-DD date",
    }
    def_deadline_both "campaigns.definition.deadline_both" (code: &str) {
        zh: "{code}：统一期限与按规模的期限只能给出一种",
        en: "{code}: give either one deadline or deadlines by size, not both",
    }
    def_deadline_pair "campaigns.definition.deadline_pair" (code: &str) {
        zh: "{code}：按规模的期限须同时给出 deadline_sme 和 deadline_large",
        en: "{code}: deadlines by size need both deadline_sme and deadline_large",
    }

    offline_draft_kept "campaigns.offline.draft_kept" () {
        zh: "当前无网络，已保存草稿，联网后再提交",
        en: "Offline: the draft is kept; send it when back online",
    }

    // Command line.
    cli_not_a_date "campaigns.cli.not_a_date" (flag: &str, value: &str) {
        zh: "{flag}“{value}”不是日期（YYYY-MM-DD）",
        en: "{flag} '{value}' is not a date (YYYY-MM-DD)",
    }
    cli_bad_type "campaigns.cli.bad_type" (value: &str) {
        zh: "--type“{value}”：应为 sanluanwu、relocation 或 custom",
        en: "--type '{value}': one of sanluanwu, relocation, custom",
    }
    cli_bad_format "campaigns.cli.bad_format" (value: &str) {
        zh: "--format“{value}”：应为 json 或 text",
        en: "--format '{value}': json or text",
    }
    cli_file_too_large "campaigns.cli.file_too_large" (path: String, size: u64, limit: u64) {
        zh: "{path} 有 {size} 字节，超过 {limit} 字节的上限",
        en: "{path} is {size} bytes; the limit is {limit}",
    }
    cli_created "campaigns.cli.created" (id: i64) { zh: "已创建整治行动 {id}", en: "created campaign {id}" }
    cli_read_rows "campaigns.cli.read_rows" (rows: usize, path: String) {
        zh: "从 {path} 读取摸排记录 {rows} 行",
        en: "read {rows} survey rows from {path}",
    }
    cli_imported "campaigns.cli.imported" (rows: usize, inserted: usize, updated: usize, matched: usize, provisional: usize) {
        zh: "已导入 {rows} 行：新增 {inserted}，更新 {updated}；与台账匹配 {matched}，新建台账 {provisional}",
        en: "imported {rows} rows: {inserted} new, {updated} updated; {matched} matched to the ledger, {provisional} new ledger entries",
    }
    cli_daily "campaigns.cli.daily" (id: i64, day: String, counties: usize) {
        zh: "整治行动 {id} 截至 {day} 的进度日报：{counties} 个县（区）",
        en: "daily report of campaign {id} as of {day}: {counties} counties",
    }
    cli_swept "campaigns.cli.swept" (count: usize) {
        zh: "{count} 项逾期改造提升已转为关停取缔",
        en: "{count} overdue upgrade(s) turned into closures",
    }

    // Not found (as if missing when outside the viewer's scope).
    campaign_not_found "campaigns.not_found.campaign" (id: i64) { zh: "未找到整治行动 {id}", en: "not found: campaign {id}" }
    item_not_found "campaigns.not_found.item" (id: i64) { zh: "未找到整治对象 {id}", en: "not found: campaign item {id}" }
    photo_not_found "campaigns.not_found.photo" (id: i64) { zh: "未找到照片 {id}", en: "not found: photo {id}" }
    enterprise_not_found "campaigns.not_found.enterprise" (code: &str) { zh: "未找到企业 {code}", en: "not found: enterprise {code}" }

    // Survey import (storage checks).
    provisional_exhausted "campaigns.import.provisional_exhausted" (county: &str) {
        zh: "县（区）{county} 的临时编号已用尽",
        en: "county {county}: provisional numbers exhausted",
    }
    division_not_in_table "campaigns.import.division_not_in_table" () {
        zh: "区划代码不在区划表中（可用 lantian divisions import 导入）",
        en: "unknown division; add it with `lantian divisions import`",
    }
    row_outside_jurisdiction "campaigns.import.outside_jurisdiction" () {
        zh: "超出本账号的管辖范围",
        en: "outside your jurisdiction",
    }
    same_enterprise_twice "campaigns.import.same_enterprise_twice" () {
        zh: "与文件中另一行是同一企业",
        en: "the same enterprise as another row",
    }

    // Survey file (parse checks).
    csv_line_unreadable "campaigns.survey.csv_line_unreadable" (line: usize, detail: String) {
        zh: "CSV 第 {line} 行无法读取：{detail}",
        en: "CSV line {line} cannot be read: {detail}",
    }
    not_xlsx "campaigns.survey.not_xlsx" () { zh: "不是 .xlsx 工作簿", en: "not an .xlsx workbook" }
    workbook_unreadable "campaigns.survey.workbook_unreadable" (detail: String) {
        zh: "无法读取工作簿：{detail}",
        en: "cannot read the workbook: {detail}",
    }
    no_sheets "campaigns.survey.no_sheets" () { zh: "工作簿没有工作表", en: "the workbook has no sheets" }
    sheet_unreadable "campaigns.survey.sheet_unreadable" (detail: String) {
        zh: "无法读取工作表：{detail}",
        en: "cannot read the sheet: {detail}",
    }
    wrong_file_type "campaigns.survey.wrong_file_type" (file: &str) {
        zh: "{file}：只接受 .csv 或 .xlsx 文件",
        en: "{file}: only .csv or .xlsx files are accepted",
    }
    empty_file "campaigns.survey.empty_file" () { zh: "文件是空的", en: "the file is empty" }
    missing_header "campaigns.survey.missing_header" (header: &str, headers: String) {
        zh: "缺少表头“{header}”（表头为 {headers}）",
        en: "missing header “{header}” (the headers are {headers})",
    }
    division_required "campaigns.survey.division_required" () { zh: "区划代码必填", en: "the division code is required" }
    division_digits "campaigns.survey.division_digits" () {
        zh: "区划代码应为 6、9 或 12 位数字",
        en: "a division code has 6, 9 or 12 digits",
    }
    division_outside_campaign "campaigns.survey.division_outside_campaign" (campaign: &str) {
        zh: "区划不在本次行动范围 {campaign} 内",
        en: "the division is outside the campaign's {campaign}",
    }
    name_required_row "campaigns.survey.name_required" () { zh: "名称必填", en: "the name is required" }
    bad_credit_code "campaigns.survey.bad_credit_code" (why: Msg) {
        zh: "统一社会信用代码有误：{why}",
        en: "bad credit code: {why}",
    }
    same_code_as_row "campaigns.survey.same_code_as_row" (row: usize) {
        zh: "与第 {row} 行统一社会信用代码重复",
        en: "the same credit code as row {row}",
    }
    same_name_as_row "campaigns.survey.same_name_as_row" (row: usize) {
        zh: "名称和地址与第 {row} 行相同",
        en: "the same name and address as row {row}",
    }
    bad_verdict "campaigns.survey.bad_verdict" (words: &str) {
        zh: "核查结论必须是 {words} 之一",
        en: "the verdict must be one of the words {words}",
    }
    excluded_needs_reason "campaigns.survey.excluded_needs_reason" () {
        zh: "排除的必须写明排除原因",
        en: "an excluded row needs its reason",
    }
    reason_only_excluded "campaigns.survey.reason_only_excluded" () {
        zh: "只有排除的行填写排除原因",
        en: "only excluded rows give a reason",
    }
    bad_disposition_word "campaigns.survey.bad_disposition" (choices: String) {
        zh: "整治方式必须是 {choices} 之一",
        en: "the disposition must be one of the words {choices}",
    }
    bad_status_word "campaigns.survey.bad_status" (words: &str) {
        zh: "整治状态必须是 {words} 之一",
        en: "the status must be one of the words {words}",
    }
    disposition_only_confirmed "campaigns.survey.disposition_only_confirmed" () {
        zh: "只有确认的行填写整治方式",
        en: "only confirmed rows have a disposition",
    }
    status_only_confirmed "campaigns.survey.status_only_confirmed" () {
        zh: "只有确认的行填写整治状态",
        en: "only confirmed rows have a status",
    }
    not_a_coordinate "campaigns.survey.not_a_coordinate" (low: f64, high: f64) {
        zh: "不是有效的坐标（应在 {low} 至 {high} 之间）",
        en: "not a coordinate (between {low} and {high})",
    }
    cell_not_a_date "campaigns.survey.not_a_date" () { zh: "不是日期 YYYY-MM-DD", en: "not a date (YYYY-MM-DD)" }
    completion_only_done "campaigns.survey.completion_only_done" () {
        zh: "只有已完成或已验收的行填写完成日期",
        en: "only completed rows have a completion date",
    }
    acceptance_only_accepted "campaigns.survey.acceptance_only_accepted" () {
        zh: "只有已验收的行填写验收日期",
        en: "only accepted rows have an acceptance date",
    }
    completed_before_surveyed "campaigns.survey.completed_before_surveyed" () {
        zh: "完成日期早于摸排日期",
        en: "completed before it was surveyed",
    }
    no_data_rows "campaigns.survey.no_data_rows" () { zh: "文件没有数据行", en: "the file has no data rows" }

    // The state machine of one item.
    criteria_phase "campaigns.workflow.criteria_phase" () {
        zh: "只能在核查阶段认定标准",
        en: "criteria are checked before remediation starts",
    }
    unknown_criterion "campaigns.workflow.unknown_criterion" (code: &str) {
        zh: "未知的认定标准“{code}”",
        en: "unknown criterion '{code}'",
    }
    confirm_only_pending "campaigns.workflow.confirm_only_pending" () {
        zh: "只有待核查的对象可以确认",
        en: "only candidates to be checked can be confirmed",
    }
    confirm_needs_criterion "campaigns.workflow.confirm_needs_criterion" () {
        zh: "至少符合一项认定标准才能确认",
        en: "confirming needs at least one criterion met",
    }
    exclude_after_start "campaigns.workflow.exclude_after_start" () {
        zh: "整治开始后不能再排除",
        en: "cannot exclude once remediation has started",
    }
    exclude_needs_reason "campaigns.workflow.exclude_needs_reason" () {
        zh: "排除必须写明原因",
        en: "an exclusion needs its reason",
    }
    assign_only_confirmed "campaigns.workflow.assign_only_confirmed" () {
        zh: "只有确认的整治对象才能确定整治方式",
        en: "only confirmed candidates get a disposition",
    }
    assign_started "campaigns.workflow.assign_started" () {
        zh: "整治已开始，不能更换整治方式",
        en: "remediation has started; the disposition cannot change",
    }
    unknown_disposition "campaigns.workflow.unknown_disposition" (code: &str, choices: String) {
        zh: "未知的整治方式“{code}”，应为 {choices} 之一",
        en: "unknown disposition '{code}': one of {choices}",
    }
    upgrade_needs_deadline "campaigns.workflow.upgrade_needs_deadline" () {
        zh: "改造提升必须确定整改期限",
        en: "an upgrade needs its deadline",
    }
    steps_only_confirmed "campaigns.workflow.steps_only_confirmed" () {
        zh: "只有确认的整治对象才有整治事项",
        en: "only confirmed candidates have steps",
    }
    assign_first "campaigns.workflow.assign_first" () {
        zh: "请先确定整治方式",
        en: "assign a disposition first",
    }
    no_steps_in_state "campaigns.workflow.no_steps_in_state" (status: Msg) {
        zh: "当前状态“{status}”不能办理整治事项",
        en: "no steps in the state '{status}'",
    }
    unknown_step "campaigns.workflow.unknown_step" (disposition: Arg, step: &str) {
        zh: "“{disposition}”没有整治事项“{step}”",
        en: "unknown step '{step}' of '{disposition}'",
    }
    step_done "campaigns.workflow.step_done" (step: Arg) { zh: "“{step}”已完成", en: "'{step}' is already done" }
    step_needs_photo "campaigns.workflow.step_needs_photo" (step: Arg) {
        zh: "“{step}”须先上传现场照片",
        en: "'{step}': attach a photo of this step first",
    }
    step_needs_value "campaigns.workflow.step_needs_value" (step: Arg) {
        zh: "“{step}”须填写内容",
        en: "'{step}': fill in the value",
    }
    step_needs_date "campaigns.workflow.step_needs_date" (step: Arg) {
        zh: "“{step}”须填写日期 YYYY-MM-DD",
        en: "'{step}': give a date (YYYY-MM-DD)",
    }
    complete_only_in_progress "campaigns.workflow.complete_only_in_progress" (status: Msg) {
        zh: "当前状态“{status}”不能办结，只有整治中的可以办结",
        en: "only cases in progress complete; this one is '{status}'",
    }
    steps_not_done "campaigns.workflow.steps_not_done" (steps: Arg) {
        zh: "尚未完成：{steps}",
        en: "steps not done: {steps}",
    }
    accept_steps_not_done "campaigns.workflow.accept_steps_not_done" (steps: Arg) {
        zh: "不能验收：尚未完成 {steps}",
        en: "cannot accept: steps not done: {steps}",
    }
    county_follows_completion "campaigns.workflow.county_follows_completion" (status: Msg) {
        zh: "县级验收须在整治完成后进行，当前为“{status}”",
        en: "county acceptance follows completion; the case is '{status}'",
    }
    city_follows_county "campaigns.workflow.city_follows_county" (status: Msg) {
        zh: "市级验收须在县级验收后进行，当前为“{status}”",
        en: "city acceptance follows county acceptance; the case is '{status}'",
    }
    opinion_required "campaigns.workflow.opinion_required" () { zh: "请填写验收意见", en: "write the acceptance opinion" }
    inspectors_required "campaigns.workflow.inspectors_required" () { zh: "请填写验收人员", en: "name the inspectors" }
    reopen_only_done "campaigns.workflow.reopen_only_done" () {
        zh: "只有已完成或已验收的可以重新启动",
        en: "only completed or accepted cases reopen",
    }
    reopen_needs_reason "campaigns.workflow.reopen_needs_reason" () {
        zh: "重新启动须写明原因",
        en: "a reopening needs its reason",
    }
    no_disposition "campaigns.workflow.no_disposition" () { zh: "没有整治方式", en: "no disposition" }
    no_overdue_conversion "campaigns.workflow.no_overdue_conversion" (disposition: Arg) {
        zh: "“{disposition}”逾期不转换",
        en: "'{disposition}' has no overdue conversion",
    }
    not_overdue "campaigns.workflow.not_overdue" () { zh: "未逾期", en: "not overdue" }
    county_staff "campaigns.workflow.county_staff" () {
        zh: "县级验收须由县级人员办理",
        en: "county acceptance is signed by county staff",
    }
    city_staff "campaigns.workflow.city_staff" () {
        zh: "市级验收须由市级人员办理",
        en: "city acceptance is signed by city staff",
    }
    no_status "campaigns.workflow.no_status" () { zh: "无", en: "none" }

    // Photos, patrols and field checks.
    not_an_image "campaigns.photo.not_an_image" (file: &str) {
        zh: "{file}：不是 JPEG 或 PNG 照片",
        en: "{file}: not a JPEG or PNG photo",
    }
    photo_too_large "campaigns.photo.too_large" (file: &str, limit_mb: usize) {
        zh: "{file}：照片不能超过 {limit_mb} MB",
        en: "{file}: photos are limited to {limit_mb} MB",
    }
    step_not_in_disposition "campaigns.photo.step_not_in_disposition" (step: &str) {
        zh: "整治事项“{step}”不属于本企业的整治方式",
        en: "the step '{step}' is not part of this item's disposition",
    }
    patrol_only_remediated "campaigns.patrol.only_remediated" () {
        zh: "只有已完成整治的点位需要巡查",
        en: "only remediated sites are patrolled",
    }
    patrol_describe "campaigns.patrol.describe" () { zh: "发现反弹须说明情况", en: "describe what was found" }
    patrol_needs_photo "campaigns.patrol.needs_photo" () { zh: "巡查须拍摄现场照片", en: "a patrol needs a photo of the site" }
    field_check_needs_photo "campaigns.field_check.needs_photo" () { zh: "现场核查须拍摄照片", en: "a field check needs a photo" }
    alert_reopened "campaigns.alert.reopened" (name: String, code: String, note: String) {
        zh: "{name}（{code}）巡查发现已恢复生产：{note}",
        en: "{name} ({code}): the patrol found production resumed: {note}",
    }

    // Labels of the codes stored with items and events.
    verdict_pending "campaigns.verdict.pending" () { zh: "待核查", en: "to be checked" }
    verdict_confirmed "campaigns.verdict.confirmed" () { zh: "确认", en: "confirmed" }
    verdict_excluded "campaigns.verdict.excluded" () { zh: "排除", en: "excluded" }
    status_not_started "campaigns.status.not_started" () { zh: "未开始", en: "not started" }
    status_in_progress "campaigns.status.in_progress" () { zh: "整治中", en: "in progress" }
    status_completed "campaigns.status.completed" () { zh: "已完成", en: "completed" }
    status_county_accepted "campaigns.status.county_accepted" () { zh: "县级已验收", en: "accepted by county" }
    status_accepted "campaigns.status.accepted" () { zh: "已验收（销号）", en: "accepted (closed off)" }
    action_check_criteria "campaigns.action.check_criteria" () { zh: "核查认定标准", en: "check criteria" }
    action_confirm "campaigns.action.confirm" () { zh: "确认为整治对象", en: "confirm" }
    action_exclude "campaigns.action.exclude" () { zh: "排除", en: "exclude" }
    action_assign "campaigns.action.assign" () { zh: "确定整治方式", en: "assign disposition" }
    action_do_step "campaigns.action.do_step" () { zh: "完成整治事项", en: "complete a checklist step" }
    action_complete "campaigns.action.complete" () { zh: "整治完成", en: "remediation complete" }
    action_accept_county "campaigns.action.accept_county" () { zh: "县级验收", en: "county acceptance" }
    action_accept_city "campaigns.action.accept_city" () { zh: "市级验收（销号）", en: "city acceptance (closed off)" }
    action_reopen "campaigns.action.reopen" () { zh: "重新启动整治", en: "reopen" }
    action_convert_overdue "campaigns.action.convert_overdue" () { zh: "逾期转关停取缔", en: "overdue: convert to closure" }
    action_import "campaigns.action.import" () { zh: "导入摸排台账", en: "imported from a survey" }
    action_patrol "campaigns.action.patrol" () { zh: "巡查", en: "patrol" }
    action_field_check "campaigns.action.field_check" () { zh: "现场核查", en: "field check" }
    finding_still_closed "campaigns.finding.still_closed" () { zh: "仍处于关停状态", en: "still closed" }
    finding_reopened "campaigns.finding.reopened" () { zh: "已恢复生产（反弹）", en: "reopened (rebound)" }
    position_exif "campaigns.position.exif" () { zh: "照片自带位置", en: "position from the photo" }
    position_device "campaigns.position.device" () { zh: "手机定位", en: "phone position" }
    // Page labels: headings, column titles, buttons and notes of the pages.
    optionally "campaigns.page.optionally" () { zh: " (可加 ", en: " (optionally " }
    weights_are_this_campaigns_settings_normalised "campaigns.page.weights_are_this_campaigns_settings_normalised" () { zh: "(权重为本行动的设置,按合计归一)", en: " (weights are this campaign's settings, normalised to their sum)" }
    problem_s_nothing_was_written "campaigns.page.problem_s_nothing_was_written" () { zh: " 处错误,全部未写入。", en: " problem(s); nothing was written." }
    rows_new "campaigns.page.rows_new" () { zh: " 行:新增 ", en: " rows: new " }
    shown_at_most_500 "campaigns.page.shown_at_most_500" () { zh: " 户(最多显示 500 户)", en: " shown (at most 500)" }
    time_s "campaigns.page.time_s" () { zh: " 次", en: " time(s)" }
    checklist "campaigns.page.checklist" () { zh: " · 整治事项", en: " · checklist" }
    if_any_row_is_wrong_nothing "campaigns.page.if_any_row_is_wrong_nothing" () { zh: ")。任何一行有误则全部不写入。", en: "). If any row is wrong nothing is written." }
    new_ledger_entries "campaigns.page.new_ledger_entries" () { zh: ",新建台账 ", en: ", new ledger entries " }
    updated "campaigns.page.updated" () { zh: ",更新 ", en: ", updated " }
    matched_to_the_ledger "campaigns.page.matched_to_the_ledger" () { zh: ";与台账匹配 ", en: "; matched to the ledger " }
    accepted "campaigns.page.accepted" () { zh: "验收销号", en: "Accepted" }
    actions "campaigns.page.actions" () { zh: "办理", en: "Actions" }
    add_as_to_be_checked "campaigns.page.add_as_to_be_checked" () { zh: "登记为待核查", en: "Add as to be checked" }
    add_one_candidate "campaigns.page.add_one_candidate" () { zh: "逐户登记", en: "Add one candidate" }
    address "campaigns.page.address" () { zh: "地址 ", en: "Address " }
    awaiting_a_field_check "campaigns.page.awaiting_a_field_check" () { zh: "待现场核查", en: "Awaiting a field check" }
    closed_and_relocated_sites_come_due "campaigns.page.closed_and_relocated_sites_come_due" () { zh: "已关停、已搬迁点位按巡查周期排入,防止死灰复燃。", en: "Closed and relocated sites come due by the campaign's patrol interval, so that they do not reopen." }
    completed "campaigns.page.completed" () { zh: "完成整治", en: "Completed" }
    completed_by_disposition "campaigns.page.completed_by_disposition" () { zh: "完成整治按方式", en: "Completed by disposition" }
    completed_by_division "campaigns.page.completed_by_division" () { zh: "完成整治按区划", en: "Completed by division" }
    completion "campaigns.page.completion" () { zh: "完成率%", en: "Completion %" }
    completion_weight "campaigns.page.completion_weight" () { zh: "完成率权重", en: "Completion weight" }
    confirmed "campaigns.page.confirmed" () { zh: "确认", en: "Confirmed" }
    convert_overdue_upgrades_to_closures "campaigns.page.convert_overdue_upgrades_to_closures" () { zh: "逾期改造提升转关停取缔", en: "Convert overdue upgrades to closures" }
    county "campaigns.page.county" () { zh: "县(市、区)", en: "County" }
    credit_code "campaigns.page.credit_code" () { zh: "统一社会信用代码 ", en: "Credit code " }
    criteria_met "campaigns.page.criteria_met" () { zh: "认定标准", en: "Criteria met" }
    custom_paste_a_definition "campaigns.page.custom_paste_a_definition" () { zh: "自定义(粘贴类型定义)", en: "Custom (paste a definition)" }
    custom_type_definition_toml_as_in "campaigns.page.custom_type_definition_toml_as_in" () { zh: "自定义类型定义(TOML,格式见 data/campaigns/)", en: "Custom type definition (TOML, as in data/campaigns/)" }
    daily_progress_report "campaigns.page.daily_progress_report" () { zh: "进度日报", en: "Daily progress report" }
    detail "campaigns.page.detail" () { zh: "内容", en: "Detail" }
    disposition "campaigns.page.disposition" () { zh: "整治方式", en: "Disposition" }
    division "campaigns.page.division" () { zh: "区划代码", en: "Division" }
    division_code "campaigns.page.division_code" () { zh: "区划代码 ", en: "Division code " }
    done "campaigns.page.done" () { zh: "完成", en: "Done" }
    download_the_enterprise_archive "campaigns.page.download_the_enterprise_archive" () { zh: "下载一企一档", en: "Download the enterprise archive" }
    excluded "campaigns.page.excluded" () { zh: "剔除", en: "Excluded" }
    export_summary_daily_report_ranking_xlsx "campaigns.page.export_summary_daily_report_ranking_xlsx" () { zh: "导出汇总、日报、月度排名 (.xlsx)", en: "Export summary, daily report, ranking (.xlsx)" }
    field_check "campaigns.page.field_check" () { zh: "现场核查", en: "Field check" }
    grid_patrol "campaigns.page.grid_patrol" () { zh: "网格巡查", en: "Grid patrol" }
    headers "campaigns.page.headers" () { zh: "表头:", en: "Headers: " }
    heavy_polluter_relocation "campaigns.page.heavy_polluter_relocation" () { zh: "重污染企业搬迁改造", en: "Heavy-polluter relocation" }
    import_survey_rows "campaigns.page.import_survey_rows" () { zh: "导入摸排台账", en: "Import survey rows" }
    imported "campaigns.page.imported" () { zh: "已导入 ", en: "Imported " }
    items "campaigns.page.items" () { zh: "整治对象清单", en: "Items" }
    latitude "campaigns.page.latitude" () { zh: "纬度 ", en: "Latitude " }
    ledger_key "campaigns.page.ledger_key" () { zh: "台账编号", en: "Ledger key" }
    longitude "campaigns.page.longitude" () { zh: "经度 ", en: "Longitude " }
    monthly_assessment_ranking "campaigns.page.monthly_assessment_ranking" () { zh: "月度量化考核排名", en: "Monthly assessment ranking" }
    name "campaigns.page.name" () { zh: "名称 ", en: "Name " }
    new_campaign "campaigns.page.new_campaign" () { zh: "新建整治行动", en: "New campaign" }
    new_today "campaigns.page.new_today" () { zh: "当日新增", en: "New today" }
    no_campaigns_yet "campaigns.page.no_campaigns_yet" () { zh: "尚无整治行动。", en: "No campaigns yet." }
    no_site_is_due_today "campaigns.page.no_site_is_due_today" () { zh: "今天没有到期的巡查点位。", en: "No site is due today." }
    not_imported "campaigns.page.not_imported" () { zh: "未导入:", en: "Not imported: " }
    patrol_every_days "campaigns.page.patrol_every_days" () { zh: "巡查周期(天)", en: "Patrol every (days)" }
    patrol_recorded "campaigns.page.patrol_recorded" () { zh: "巡查已记录。", en: "Patrol recorded." }
    patrols "campaigns.page.patrols" () { zh: "巡查记录", en: "Patrols" }
    patrols_phone "campaigns.page.patrols_phone" () { zh: "巡查(手机)", en: "Patrols (phone)" }
    photos "campaigns.page.photos" () { zh: "照片", en: "Photos" }
    position "campaigns.page.position" () { zh: "位置", en: "Position" }
    rebound_alerts "campaigns.page.rebound_alerts" () { zh: "反弹预警", en: "Rebound alerts" }
    remediation_campaigns "campaigns.page.remediation_campaigns" () { zh: "整治行动", en: "Remediation campaigns" }
    remediation_of_scattered_disorderly_and_polluting "campaigns.page.remediation_of_scattered_disorderly_and_polluting" () { zh: "“散乱污”工业企业综合整治", en: "Remediation of scattered, disorderly and polluting workshops" }
    reopened "campaigns.page.reopened" () { zh: "已恢复生产", en: "Reopened" }
    score "campaigns.page.score" () { zh: "得分", en: "Score" }
    score_completion "campaigns.page.score_completion" () { zh: "得分 = 完成率 × ", en: "Score = completion × " }
    send "campaigns.page.send" () { zh: "提交巡查", en: "Send" }
    send_the_field_check "campaigns.page.send_the_field_check" () { zh: "提交核查", en: "Send the field check" }
    sites_to_patrol_today "campaigns.page.sites_to_patrol_today" () { zh: "今日巡查点位", en: "Sites to patrol today" }
    status "campaigns.page.status" () { zh: "整治状态", en: "Status" }
    still_closed "campaigns.page.still_closed" () { zh: "仍处于关停状态", en: "Still closed" }
    surveyed "campaigns.page.surveyed" () { zh: "摸排", en: "Surveyed" }
    target "campaigns.page.target" () { zh: "目标户数", en: "Target" }
    target_optional "campaigns.page.target_optional" () { zh: "目标户数(可选)", en: "Target (optional)" }
    timeliness "campaigns.page.timeliness" () { zh: "及时率%", en: "Timeliness %" }
    timeliness_weight "campaigns.page.timeliness_weight" () { zh: "及时率权重", en: "Timeliness weight" }
    upload_photo "campaigns.page.upload_photo" () { zh: "上传照片", en: "Upload photo" }
    verdict "campaigns.page.verdict" () { zh: "核查结论", en: "Verdict" }
    what_you_saw_required_if_reopened "campaigns.page.what_you_saw_required_if_reopened" () { zh: "现场情况(反弹时必填)", en: "What you saw (required if reopened)" }
    who "campaigns.page.who" () { zh: "办理人", en: "Who" }
    acceptance_opinion "campaigns.page.acceptance_opinion" () { zh: "验收意见", en: "acceptance opinion" }
    by_disposition "campaigns.page.by_disposition" () { zh: "按整治方式", en: "by disposition" }
    by_division "campaigns.page.by_division" () { zh: "按区划", en: "by division" }
    done_2 "campaigns.page.done_2" () { zh: "已完成·", en: "done · " }
    due "campaigns.page.due" () { zh: "待巡查", en: "due" }
    due_2 "campaigns.page.due_2" () { zh: "应巡查 ", en: "due " }
    from_site "campaigns.page.from_site" () { zh: "距点位 ", en: "from site " }
    inspectors_comma_separated "campaigns.page.inspectors_comma_separated" () { zh: "验收人员(逗号分隔)", en: "inspectors (comma-separated)" }
    items_2 "campaigns.page.items_2" () { zh: "整治对象", en: "items" }
    last "campaigns.page.last" () { zh: "上次 ", en: "last " }
    overdue "campaigns.page.overdue" () { zh: "逾期", en: "overdue" }
    overdue_2 "campaigns.page.overdue_2" () { zh: "逾期 ", en: "overdue " }
    photos_2 "campaigns.page.photos_2" () { zh: "照片 ", en: "photos " }
    reason "campaigns.page.reason" () { zh: "原因", en: "reason" }
    reason_2 "campaigns.page.reason_2" () { zh: "排除原因", en: "reason" }
    rebound "campaigns.page.rebound" () { zh: "反弹", en: "rebound" }
    reopened_2 "campaigns.page.reopened_2" () { zh: "曾反弹 ", en: "reopened " }
    show_every_closed_site "campaigns.page.show_every_closed_site" () { zh: "显示全部已关停点位", en: "show every closed site" }
    site "campaigns.page.site" () { zh: "现场", en: "site" }
    timeliness_2 "campaigns.page.timeliness_2" () { zh: "及时率 × ", en: "timeliness × " }
    value "campaigns.page.value" () { zh: "填写内容", en: "value" }
    what_was_found "campaigns.page.what_was_found" () { zh: "现场情况", en: "what was found" }
}

use crate::i18n::{Arg, Msg};
