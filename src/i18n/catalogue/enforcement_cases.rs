//! Leads (线索) decisions and enforcement cases (执法案件): the state machine's refusals, the
//! labels of states, steps and decisions, the storage's refusals, and the texts of the lead and
//! case pages, their exports and the dossier section.

crate::messages! {
    // States of a case.
    state_opened "enforcement_cases.state.opened" () { zh: "已立案", en: "opened" }
    state_notice_served "enforcement_cases.state.notice_served" () { zh: "告知书已送达", en: "notice served" }
    state_statement_heard "enforcement_cases.state.statement_heard" () { zh: "已陈述申辩", en: "statement heard" }
    state_decided "enforcement_cases.state.decided" () { zh: "已作出决定", en: "decided" }
    state_rectified "enforcement_cases.state.rectified" () { zh: "整改完成", en: "rectified" }
    state_closed "enforcement_cases.state.closed" () { zh: "已结案", en: "closed" }

    // Decisions.
    decision_rectify "enforcement_cases.decision.rectify" () { zh: "责令改正", en: "rectification order" }
    decision_penalty "enforcement_cases.decision.penalty" () { zh: "行政处罚（罚款）", en: "penalty (fine)" }

    // Steps.
    step_open "enforcement_cases.step.open" () { zh: "立案", en: "open the case" }
    step_serve_notice "enforcement_cases.step.serve_notice" () { zh: "送达告知书", en: "serve the notice" }
    step_record_statement "enforcement_cases.step.record_statement" () { zh: "记录陈述申辩", en: "record the statement" }
    step_decide "enforcement_cases.step.decide" () { zh: "作出决定", en: "decide" }
    step_confirm_rectified "enforcement_cases.step.confirm_rectified" () { zh: "确认整改完成", en: "confirm rectification" }
    step_close "enforcement_cases.step.close" () { zh: "结案", en: "close the case" }
    step_lead_joined "enforcement_cases.step.lead_joined" () { zh: "并入线索", en: "lead joined" }
    step_document "enforcement_cases.step.document" () { zh: "上传文书", en: "document attached" }

    // Refusals of the state machine.
    refused "enforcement_cases.refused" (count: usize, list: Arg) {
        zh: "未办理（{count} 处问题）：{list}",
        en: "refused ({count} problem(s)): {list}",
    }
    out_of_order "enforcement_cases.step.out_of_order" (step: Msg, state: Msg, next: Msg) {
        zh: "不能“{step}”：案件当前为“{state}”，下一步应为“{next}”",
        en: "cannot {step}: the case is {state}; the next step is to {next}",
    }
    case_closed "enforcement_cases.step.case_closed" (step: Msg) {
        zh: "不能“{step}”：案件已结案",
        en: "cannot {step}: the case is closed",
    }
    date_in_future "enforcement_cases.step.date_in_future" (date: String, today: String) {
        zh: "办理日期 {date} 晚于今天 {today}",
        en: "the date {date} is after today {today}",
    }
    date_before_last_step "enforcement_cases.step.date_before_last_step" (date: String, last: String) {
        zh: "办理日期 {date} 早于上一步的日期 {last}",
        en: "the date {date} is before the previous step's {last}",
    }
    basis_required "enforcement_cases.basis.required" () { zh: "请选择立案的法律依据", en: "choose the legal basis of the case" }
    basis_unknown "enforcement_cases.basis.unknown" (code: &str, known: String) {
        zh: "未知的法律依据“{code}”，可选：{known}",
        en: "unknown legal basis '{code}'; known: {known}",
    }
    statement_required "enforcement_cases.statement.required" () {
        zh: "请填写企业的陈述申辩内容，或勾选“企业放弃陈述申辩”",
        en: "enter the enterprise's statement, or tick 'the enterprise waived its statement'",
    }
    decision_kind_required "enforcement_cases.decision.kind_required" () {
        zh: "请选择决定类型：责令改正或行政处罚",
        en: "choose the decision: rectification order or penalty",
    }
    rectify_has_no_fine "enforcement_cases.decision.rectify_has_no_fine" () {
        zh: "责令改正不含罚款金额；如需罚款请选择行政处罚",
        en: "a rectification order carries no fine; choose a penalty to fine",
    }
    penalty_amount_required "enforcement_cases.decision.penalty_amount_required" () {
        zh: "行政处罚须填写罚款金额（元）",
        en: "a penalty needs the fine in yuan",
    }
    penalty_not_positive "enforcement_cases.decision.penalty_not_positive" (amount: String) {
        zh: "罚款金额 {amount} 元应为正数",
        en: "the fine of {amount} yuan must be positive",
    }
    penalty_outside_range "enforcement_cases.decision.penalty_outside_range" (amount: String, basis: Arg, min: String, max: String) {
        zh: "罚款 {amount} 元超出{basis}规定的范围（{min} 元以上 {max} 元以下）",
        en: "a fine of {amount} yuan is outside the range of {basis} ({min} to {max} yuan)",
    }
    rectify_by_required "enforcement_cases.decision.rectify_by_required" () {
        zh: "请填写改正期限",
        en: "give the deadline to correct",
    }
    rectify_by_before_decision "enforcement_cases.decision.rectify_by_before_decision" (deadline: String, decided: String) {
        zh: "改正期限 {deadline} 早于决定日期 {decided}",
        en: "the deadline {deadline} is before the decision's date {decided}",
    }

    // Deadlines.
    overdue_decision "enforcement_cases.overdue.decision" (due: String, days: i64) {
        zh: "应于 {due} 前作出决定，已逾期 {days} 天",
        en: "the decision was due by {due}: {days} days overdue",
    }
    overdue_rectification "enforcement_cases.overdue.rectification" (due: String, days: i64) {
        zh: "改正期限 {due} 已过，逾期 {days} 天未完成整改",
        en: "the deadline to correct, {due}, has passed: {days} days overdue",
    }

    // Leads.
    lead_open "enforcement_cases.lead.status.open" () { zh: "待核实", en: "open" }
    lead_verified "enforcement_cases.lead.status.verified" () { zh: "已核实", en: "verified" }
    lead_dismissed "enforcement_cases.lead.status.dismissed" () { zh: "已排除", en: "dismissed" }
    lead_not_open "enforcement_cases.lead.not_open" (status: Msg) {
        zh: "线索已处理（{status}），只能处理待核实的线索",
        en: "the lead is already {status}: only an open lead can be decided",
    }
    verdict_required "enforcement_cases.lead.verdict_required" () {
        zh: "请选择核实属实或排除",
        en: "choose to verify or to dismiss",
    }
    reason_required "enforcement_cases.lead.reason_required" () {
        zh: "请填写理由",
        en: "give a reason",
    }
    // Storage: not found, conflicts, the target of a verified lead, documents.
    lead_not_found "enforcement_cases.not_found.lead" (id: i64) { zh: "未找到线索 {id}", en: "not found: lead {id}" }
    case_not_found "enforcement_cases.not_found.case" (id: i64) { zh: "未找到执法案件 {id}", en: "not found: enforcement case {id}" }
    document_not_found "enforcement_cases.not_found.document" (id: i64) { zh: "未找到文书 {id}", en: "not found: document {id}" }
    lead_changed "enforcement_cases.conflict.lead" (id: i64) {
        zh: "线索 {id} 已被他人处理或已撤回，请刷新后重试",
        en: "lead {id} was decided or withdrawn meanwhile; reload and try again",
    }
    case_changed "enforcement_cases.conflict.case" (id: i64) {
        zh: "执法案件 {id} 已被他人办理，请刷新后重试",
        en: "enforcement case {id} was changed meanwhile; reload and try again",
    }
    target_required "enforcement_cases.lead.target_required" () {
        zh: "核实属实的线索须立案（选择法律依据）或并入该企业尚未作出决定的案件",
        en: "a verified lead opens a case (choose its legal basis) or joins an undecided case of the same enterprise",
    }
    join_other_enterprise "enforcement_cases.lead.join_other_enterprise" (case_id: i64) {
        zh: "案件 {case_id} 属于另一家企业，线索只能并入本企业的案件",
        en: "case {case_id} is another enterprise's: a lead joins a case of its own enterprise",
    }
    join_after_decision "enforcement_cases.lead.join_after_decision" (case_id: i64, state: Msg) {
        zh: "案件 {case_id} 当前为“{state}”，作出决定后不能再并入线索",
        en: "case {case_id} is {state}: leads join a case only before its decision",
    }
    not_a_date "enforcement_cases.form.not_a_date" (field: Msg, value: &str) {
        zh: "{field}“{value}”不是日期（YYYY-MM-DD）",
        en: "{field} '{value}' is not a date (YYYY-MM-DD)",
    }
    not_an_amount "enforcement_cases.form.not_an_amount" (value: &str) {
        zh: "罚款金额“{value}”不是数字",
        en: "the fine '{value}' is not a number",
    }
    unknown_step "enforcement_cases.form.unknown_step" (step: &str) {
        zh: "未知的办理步骤“{step}”",
        en: "unknown step '{step}'",
    }
    unknown_decision "enforcement_cases.form.unknown_decision" (value: &str) {
        zh: "未知的决定类型“{value}”，应为 rectify 或 penalty",
        en: "unknown decision '{value}': it must be rectify or penalty",
    }
    unknown_verdict "enforcement_cases.form.unknown_verdict" (value: &str) {
        zh: "未知的处理结论“{value}”，应为 verify 或 dismiss",
        en: "unknown verdict '{value}': it must be verify or dismiss",
    }
    not_a_case_number "enforcement_cases.form.not_a_case_number" (value: &str) {
        zh: "案件编号“{value}”不是整数",
        en: "case number '{value}' is not a whole number",
    }
    field_from "enforcement_cases.field.from" () { zh: "开始日期", en: "from" }
    field_to "enforcement_cases.field.to" () { zh: "结束日期", en: "to" }
    field_step_on "enforcement_cases.field.step_on" () { zh: "办理日期", en: "date of the step" }
    field_rectify_by "enforcement_cases.field.rectify_by" () { zh: "改正期限", en: "deadline to correct" }
    document_case_closed "enforcement_cases.document.case_closed" () {
        zh: "案件已结案，不能再上传文书",
        en: "the case is closed: no documents are added after closing",
    }
    document_kind_unknown "enforcement_cases.document.kind_unknown" (kind: &str, known: String) {
        zh: "未知的文书类别“{kind}”，可选：{known}",
        en: "unknown document kind '{kind}'; known: {known}",
    }
    document_empty "enforcement_cases.document.empty" () { zh: "没有上传文件（表单项“file”）", en: "no file was uploaded (field 'file')" }
    document_too_large "enforcement_cases.document.too_large" (file: &str, limit_mb: usize) {
        zh: "{file} 超过 {limit_mb} MB 的限制",
        en: "{file} exceeds the limit of {limit_mb} MB",
    }
    document_type "enforcement_cases.document.type" (file: &str) {
        zh: "{file} 不是 PDF、JPEG、PNG、DOCX 或 OFD 文件",
        en: "{file} is not a PDF, JPEG, PNG, DOCX or OFD file",
    }
    upload_unreadable "enforcement_cases.upload.unreadable" (detail: String) {
        zh: "上传的内容无法读取：{detail}",
        en: "the upload could not be read: {detail}",
    }
    // Pages: titles, tabs, filters, columns.
    leads_title "enforcement_cases.page.leads" () { zh: "线索", en: "Leads" }
    cases_title "enforcement_cases.page.cases" () { zh: "执法案件", en: "Enforcement cases" }
    lead_title "enforcement_cases.page.lead" (id: i64) { zh: "线索 #{id}", en: "Lead #{id}" }
    case_title "enforcement_cases.page.case" (id: i64) { zh: "执法案件 #{id}", en: "Enforcement case #{id}" }
    case_number "enforcement_cases.page.case_number" (id: i64) { zh: "案件 #{id}", en: "case #{id}" }
    leads_intro "enforcement_cases.page.leads_intro" () {
        zh: "超标判定和可疑数据筛查发现的问题，按企业所在区划交由属地生态环境部门核实；核实属实的线索立案或并入该企业的案件，排除须写明理由。",
        en: "What the exceedance judgment and the suspicious-data detectors found, assigned by the enterprise's division to the responsible environment bureau; a verified lead opens a case or joins one of the enterprise's cases, a dismissal states its reason.",
    }
    nav "enforcement_cases.nav" () { zh: "线索与执法", en: "Leads and cases" }
    filter_any "enforcement_cases.filter.any" () { zh: "全部", en: "All" }
    filter_apply "enforcement_cases.filter.apply" () { zh: "筛选", en: "Filter" }
    search_credit_code "enforcement_cases.filter.credit_code" () { zh: "信用代码", en: "Credit code" }
    only_overdue "enforcement_cases.filter.overdue" () { zh: "仅看逾期", en: "Overdue only" }
    export_xlsx "enforcement_cases.export.xlsx" () { zh: "导出 Excel", en: "Export to Excel" }
    show "enforcement_cases.page.show" () { zh: "查看", en: "Show" }
    col_enterprise "enforcement_cases.col.enterprise" () { zh: "企业", en: "Enterprise" }
    col_credit_code "enforcement_cases.col.credit_code" () { zh: "统一社会信用代码", en: "Credit code" }
    col_division "enforcement_cases.col.division" () { zh: "区划", en: "Division" }
    col_industry "enforcement_cases.col.industry" () { zh: "行业代码", en: "Industry" }
    col_outlet "enforcement_cases.col.outlet" () { zh: "排口", en: "Outlet" }
    col_pollutant "enforcement_cases.col.pollutant" () { zh: "污染物", en: "Pollutant" }
    col_detector "enforcement_cases.col.detector" () { zh: "问题类型", en: "Detector" }
    col_period "enforcement_cases.col.period" () { zh: "时段", en: "Period" }
    col_start "enforcement_cases.col.start" () { zh: "开始", en: "Start" }
    col_end "enforcement_cases.col.end" () { zh: "结束", en: "End" }
    col_status "enforcement_cases.col.status" () { zh: "状态", en: "Status" }
    col_explanation "enforcement_cases.col.explanation" () { zh: "说明", en: "Explanation" }
    col_reason "enforcement_cases.col.reason" () { zh: "理由", en: "Reason" }
    col_decided_by "enforcement_cases.col.decided_by" () { zh: "处理人", en: "Decided by" }
    col_case "enforcement_cases.col.case" () { zh: "案件", en: "Case" }
    col_basis "enforcement_cases.col.basis" () { zh: "法律依据", en: "Legal basis" }
    col_state "enforcement_cases.col.state" () { zh: "办理状态", en: "State" }
    col_leads "enforcement_cases.col.leads" () { zh: "线索数", en: "Leads" }
    col_opened "enforcement_cases.col.opened" () { zh: "立案日期", en: "Opened" }
    col_decision "enforcement_cases.col.decision" () { zh: "决定", en: "Decision" }
    col_penalty "enforcement_cases.col.penalty" () { zh: "罚款金额（元）", en: "Fine (yuan)" }
    col_deadline "enforcement_cases.col.deadline" () { zh: "改正期限", en: "Deadline" }
    col_overdue "enforcement_cases.col.overdue" () { zh: "逾期天数", en: "Days overdue" }
    col_closed "enforcement_cases.col.closed" () { zh: "结案日期", en: "Closed" }
    col_date "enforcement_cases.col.date" () { zh: "日期", en: "Date" }
    col_actor "enforcement_cases.col.actor" () { zh: "办理人", en: "By" }
    col_step "enforcement_cases.col.step" () { zh: "步骤", en: "Step" }
    col_detail "enforcement_cases.col.detail" () { zh: "内容", en: "Details" }

    // Counts and charts.
    count_all "enforcement_cases.count.leads" () { zh: "线索", en: "Leads" }
    count_cases "enforcement_cases.count.cases" () { zh: "案件", en: "Cases" }
    count_overdue "enforcement_cases.count.overdue" () { zh: "逾期", en: "Overdue" }
    count_penalties "enforcement_cases.count.penalties" () { zh: "罚款合计（元）", en: "Fines in all (yuan)" }
    chart_by_detector "enforcement_cases.chart.by_detector" () { zh: "各类问题线索数", en: "Leads by detector" }
    chart_by_state "enforcement_cases.chart.by_state" () { zh: "各办理状态案件数", en: "Cases by state" }
    no_leads "enforcement_cases.page.no_leads" () { zh: "没有符合条件的线索。", en: "No leads match." }
    no_cases "enforcement_cases.page.no_cases" () { zh: "没有符合条件的执法案件。", en: "No enforcement cases match." }
    overdue_alert "enforcement_cases.page.overdue_alert" (count: usize) { zh: "逾期的执法案件 {count} 件。", en: "{count} enforcement case(s) overdue." }
    overdue_days "enforcement_cases.page.overdue_days" (days: i64) { zh: "逾期 {days} 天", en: "{days} days overdue" }
    amount_yuan "enforcement_cases.page.amount_yuan" (amount: String) { zh: "{amount} 元", en: "{amount} yuan" }
    fine_range "enforcement_cases.page.fine_range" (min: String, max: String) { zh: "罚款范围：{min} 元以上 {max} 元以下", en: "fine range: {min} to {max} yuan" }

    // The lead page.
    chart_title "enforcement_cases.chart.title" () { zh: "前后小时均值", en: "Hourly means around the lead" }
    chart_measured "enforcement_cases.chart.measured" () { zh: "实测", en: "measured" }
    chart_converted "enforcement_cases.chart.converted" () { zh: "折算", en: "converted" }
    chart_limit "enforcement_cases.chart.limit" (value: String) { zh: "限值 {value}", en: "limit {value}" }
    chart_lead_period "enforcement_cases.chart.lead_period" (period: String) { zh: "线索时段 {period}", en: "lead period {period}" }
    chart_note "enforcement_cases.chart.note" () {
        zh: "平台计算的有效小时均值（前后各一天，最长 14 天）；阴影为线索时段。",
        en: "Hourly means computed by the platform (a day either side, at most 14 days); the shaded stretch is the lead's period.",
    }
    open_outlet "enforcement_cases.page.open_outlet" () { zh: "查看该时段的排口数据", en: "Outlet data at that time" }
    decide_title "enforcement_cases.page.decide" () { zh: "核实处理", en: "Decide" }
    verdict_verify "enforcement_cases.verdict.verify" () { zh: "核实属实", en: "Verified" }
    verdict_dismiss "enforcement_cases.verdict.dismiss" () { zh: "排除", en: "Dismiss" }
    target_label "enforcement_cases.page.target" () { zh: "核实属实后", en: "If verified" }
    target_join "enforcement_cases.page.target_join" (id: i64, state: Msg) { zh: "并入案件 #{id}（{state}）", en: "join case #{id} ({state})" }
    target_new "enforcement_cases.page.target_new" (basis: Arg) { zh: "立案：{basis}", en: "open a case: {basis}" }
    target_hint "enforcement_cases.page.target_hint" () {
        zh: "核实属实须立案（选择法律依据）或并入该企业尚未作出决定的案件；排除不需选择。",
        en: "A verified lead opens a case (choose its legal basis) or joins an undecided case of the enterprise; a dismissal needs neither.",
    }
    decide_submit "enforcement_cases.page.decide_submit" () { zh: "提交", en: "Submit" }

    // The case page.
    actions_title "enforcement_cases.page.actions" () { zh: "办理", en: "Next step" }
    case_is_closed "enforcement_cases.page.closed" () { zh: "案件已结案。", en: "The case is closed." }
    read_only "enforcement_cases.page.read_only" () { zh: "由生态环境部门办理；本账号只能查看。", en: "The environment bureau takes the steps; this account reads." }
    statement_label "enforcement_cases.page.statement" () { zh: "陈述申辩", en: "Statement" }
    statement_waived "enforcement_cases.page.statement_waived" () { zh: "企业放弃陈述申辩", en: "the enterprise waived its statement" }
    statement_due "enforcement_cases.page.statement_due" (date: String) { zh: "陈述申辩期至 {date}", en: "statement period until {date}" }
    statement_period_over "enforcement_cases.page.statement_period_over" () { zh: "陈述申辩期已届满", en: "the statement period has run out" }
    decision_due "enforcement_cases.page.decision_due" (date: String) { zh: "应于 {date} 前作出决定", en: "decision due by {date}" }
    note_label "enforcement_cases.page.note" () { zh: "备注", en: "Note" }
    documents_title "enforcement_cases.page.documents" () { zh: "文书", en: "Documents" }
    upload "enforcement_cases.page.upload" () { zh: "上传", en: "Upload" }
    case_leads_title "enforcement_cases.page.case_leads" () { zh: "本案线索", en: "Leads of this case" }
    events_title "enforcement_cases.page.events" () { zh: "办理记录", en: "History" }
    document_kind_notice "enforcement_cases.document_kind.notice" () { zh: "告知书", en: "notice" }
    document_kind_statement "enforcement_cases.document_kind.statement" () { zh: "陈述申辩材料", en: "statement" }
    document_kind_decision "enforcement_cases.document_kind.decision" () { zh: "决定书", en: "decision" }
    document_kind_rectification "enforcement_cases.document_kind.rectification" () { zh: "整改材料", en: "rectification proof" }
    document_kind_other "enforcement_cases.document_kind.other" () { zh: "其他", en: "other" }

    // Figures of the exceedance judgment (the detectors' are in detectors.rs).
    figure_periods "enforcement_cases.figure.periods" () { zh: "超标时段数", en: "Exceeding periods" }
    figure_max_value "enforcement_cases.figure.max_value" () { zh: "最大值", en: "Highest value" }

    // The dossier's history.
    audit_lead_verify "enforcement_cases.audit.lead_verify" () { zh: "线索核实属实", en: "lead verified" }
    audit_lead_dismiss "enforcement_cases.audit.lead_dismiss" () { zh: "线索排除", en: "lead dismissed" }
    audit_case_step "enforcement_cases.audit.case_step" () { zh: "执法案件办理", en: "enforcement case step" }
}

use crate::i18n::{Arg, Msg};
