//! Messages shared by every domain: generic refusals, field names used across domains.

crate::messages! {
    /// A text not yet moved to the catalogue (being converted; the language test fails on
    /// pages that show one). Do not use in new code.
    untranslated "common.untranslated" (text: String) { zh: "{text}", en: "{text}" }
    /// Anything a person must not see the details of (logged with the details).
    internal "common.internal" () {
        zh: "服务器内部错误，已记录。请稍后重试；如仍出现，请联系系统管理员。",
        en: "Internal server error (it has been logged). Try again later; if it persists, contact the administrator.",
    }
    database "common.database" (detail: String) { zh: "数据库错误：{detail}", en: "database: {detail}" }
    migration "common.migration" (detail: String) { zh: "数据库迁移失败：{detail}", en: "migration: {detail}" }
    internal_detail "common.internal_detail" (detail: String) { zh: "内部错误：{detail}", en: "internal error: {detail}" }
    io "common.io" (detail: String) { zh: "读写错误：{detail}", en: "i/o: {detail}" }
    file_io "common.file_io" (path: String, detail: String) { zh: "{path}：{detail}", en: "{path}: {detail}" }
    file_problem "common.file_problem" (path: String, problem: Msg) { zh: "{path}：{problem}", en: "{path}: {problem}" }
    not_found "common.not_found" (what: Msg) { zh: "未找到{what}", en: "not found: {what}" }
    invalid_value "common.invalid_value" (field: Msg, value: &str) {
        zh: "{field}“{value}”无效",
        en: "{field} '{value}' is not valid",
    }
    rejected "common.rejected" (count: usize) {
        zh: "发现 {count} 处问题，未写入任何数据",
        en: "{count} problem(s) found, nothing was written",
    }
    field_id "common.field.id" () { zh: "编号", en: "id" }
    yes "common.yes" () { zh: "是", en: "yes" }
    no "common.no" () { zh: "否", en: "no" }
    unknown "common.unknown" () { zh: "未知", en: "unknown" }
    not_checked "common.not_checked" () { zh: "（未核实）", en: "(not checked)" }
    changed_meanwhile "common.conflict.changed_meanwhile" (what: String) {
        zh: "{what}在您操作期间已被他人修改，本次操作未保存；请刷新后重试",
        en: "{what} was changed by someone else meanwhile; nothing was saved. Reload and try again",
    }
    // Page labels: headings, column titles, buttons and notes of the pages.
    days "common.page.days" () { zh: " 天", en: " days" }
    of "common.page.of" () { zh: " 页,共 ", en: " of " }
    rows "common.page.rows" () { zh: " 条", en: " rows" }
    list_separator "common.page.list_separator" () { zh: "、", en: ", " }
    above_scale "common.page.above_scale" () { zh: "规上企业", en: "Above-scale" }
    address "common.page.address" () { zh: "地址", en: "Address" }
    administration "common.page.administration" () { zh: "系统管理", en: "Administration" }
    answer "common.page.answer" () { zh: "答复", en: "Answer" }
    backward_capacity_exit_cases "common.page.backward_capacity_exit_cases" () { zh: "落后产能退出案件", en: "Backward-capacity exit cases" }
    basis "common.page.basis" () { zh: "依据", en: "Basis" }
    campaigns "common.page.campaigns" () { zh: "整治行动", en: "Campaigns" }
    column "common.page.column" () { zh: "列", en: "Column" }
    complaints "common.page.complaints" () { zh: "举报办理", en: "Complaints" }
    condition "common.page.condition" () { zh: "条件", en: "Condition" }
    create "common.page.create" () { zh: "创建", en: "Create" }
    deadline "common.page.deadline" () { zh: "期限", en: "Deadline" }
    division "common.page.division" () { zh: "行政区划", en: "Division" }
    enterprise_ledger "common.page.enterprise_ledger" () { zh: "企业台账", en: "Enterprise ledger" }
    enterprises "common.page.enterprises" () { zh: "企业总数", en: "Enterprises" }
    enterprises_by_county "common.page.enterprises_by_county" () { zh: "各区县企业数量", en: "Enterprises by county" }
    environmental_performance_grade "common.page.environmental_performance_grade" () { zh: "环保绩效等级", en: "Environmental performance grade" }
    equipment_line "common.page.equipment_line" () { zh: "设备/生产线", en: "Equipment / line" }
    exit_cases "common.page.exit_cases" () { zh: "退出案件", en: "Exit cases" }
    exit_or_rectification_cases_past_their "common.page.exit_or_rectification_cases_past_their" () { zh: "逾期未完成的退出/整改案件:", en: "Exit or rectification cases past their deadline: " }
    exited_on "common.page.exited_on" () { zh: "退出日期", en: "Exited on" }
    finding "common.page.finding" () { zh: "问题", en: "Finding" }
    first "common.page.first" () { zh: "首页", en: "First" }
    go "common.page.go" () { zh: "跳转", en: "Go" }
    go_to_page "common.page.go_to_page" () { zh: "跳至", en: "Go to page" }
    home "common.page.home" () { zh: "首页", en: "Home" }
    import_export "common.page.import_export" () { zh: "导入导出", en: "Import / export" }
    import_refused_nothing_was_written "common.page.import_refused_nothing_was_written" () { zh: "导入失败,未写入任何数据", en: "Import refused; nothing was written" }
    imported "common.page.imported" () { zh: "导入成功", en: "Imported" }
    inbox "common.page.inbox" () { zh: "收件箱", en: "Inbox" }
    industry "common.page.industry" () { zh: "行业", en: "Industry" }
    jurisdiction "common.page.jurisdiction" () { zh: "管辖范围", en: "Jurisdiction" }
    kind "common.page.kind" () { zh: "类型", en: "Kind" }
    lantian "common.page.lantian" () { zh: "蓝天", en: "Lantian" }
    lantian_industrial_pollution_control "common.page.lantian_industrial_pollution_control" () { zh: "蓝天 · 工业污染治理与减污降碳平台", en: "Lantian · Industrial pollution control" }
    lantian_open_source "common.page.lantian_open_source" () { zh: "蓝天 Lantian · 开源", en: "Lantian · open source" }
    lantian_open_source_for_government_intranet "common.page.lantian_open_source_for_government_intranet" () { zh: "蓝天 Lantian · 开源 · 数据仅供政务内网使用", en: "Lantian · open source · for government intranet use" }
    largest_industries "common.page.largest_industries" () { zh: "企业数量前列行业", en: "Largest industries" }
    last "common.page.last" () { zh: "末页", en: "Last" }
    ledger_overview "common.page.ledger_overview" () { zh: "台账概览", en: "Ledger overview" }
    main_equipment "common.page.main_equipment" () { zh: "主要设备", en: "Main equipment" }
    monitoring "common.page.monitoring" () { zh: "在线监控", en: "Monitoring" }
    my_submissions "common.page.my_submissions" () { zh: "我的申报", en: "My submissions" }
    name "common.page.name" () { zh: "姓名", en: "Name" }
    name_or_credit_code "common.page.name_or_credit_code" () { zh: "名称或信用代码", en: "Name or credit code" }
    next "common.page.next" () { zh: "下一页", en: "Next" }
    not_done "common.page.not_done" () { zh: "未办理：", en: "Not done: " }
    outcome "common.page.outcome" () { zh: "处置", en: "Outcome" }
    outlets "common.page.outlets" () { zh: "排放口", en: "Outlets" }
    outlets_but_no_discharge_permit "common.page.outlets_but_no_discharge_permit" () { zh: "有排放口无排污许可证", en: "Outlets but no discharge permit" }
    page "common.page.page" () { zh: "第 ", en: "Page " }
    pages "common.page.pages" () { zh: "分页", en: "Pages" }
    patrol "common.page.patrol" () { zh: "网格巡查", en: "Patrol" }
    period "common.page.period" () { zh: "期限", en: "Period" }
    previous "common.page.previous" () { zh: "上一页", en: "Previous" }
    published_lists "common.page.published_lists" () { zh: "公示", en: "Published lists" }
    reason "common.page.reason" () { zh: "原因", en: "Reason" }
    return_label "common.page.return_label" () { zh: "退回", en: "Return" }
    review "common.page.review" () { zh: "审核", en: "Review" }
    role "common.page.role" () { zh: "角色", en: "Role" }
    row "common.page.row" () { zh: "行", en: "Row" }
    rule "common.page.rule" () { zh: "规则", en: "Rule" }
    screening "common.page.screening" () { zh: "综合标准筛查", en: "Screening" }
    search "common.page.search" () { zh: "查询", en: "Search" }
    sheet "common.page.sheet" () { zh: "工作表", en: "Sheet" }
    sign_out "common.page.sign_out" () { zh: "退出登录", en: "Sign out" }
    state "common.page.state" () { zh: "状态", en: "State" }
    status "common.page.status" () { zh: "生产状态", en: "Status" }
    submissions "common.page.submissions" () { zh: "申报审核", en: "Submissions" }
    time "common.page.time" () { zh: "时间", en: "Time" }
    type_label "common.page.type_label" () { zh: "类型", en: "Type" }
    unlicensed_workshops "common.page.unlicensed_workshops" () { zh: "无营业执照作坊", en: "Unlicensed workshops" }
    upload_and_import "common.page.upload_and_import" () { zh: "上传并导入", en: "Upload and import" }
    username "common.page.username" () { zh: "用户名", en: "Username" }
    value "common.page.value" () { zh: "值", en: "Value" }
    when "common.page.when" () { zh: "时间", en: "When" }
    where_the_enterprises_are "common.page.where_the_enterprises_are" () { zh: "企业分布", en: "Where the enterprises are" }
    who "common.page.who" () { zh: "操作人", en: "Who" }
    work_plans "common.page.work_plans" () { zh: "工作方案", en: "Work plans" }
    by_county "common.page.by_county" () { zh: "按区县", en: "by county" }
    by_industry "common.page.by_industry" () { zh: "按行业", en: "by industry" }
    disabled "common.page.disabled" () { zh: "已停用", en: "disabled" }
    dismantled "common.page.dismantled" () { zh: "拆除", en: "dismantled" }
    not_graded "common.page.not_graded" () { zh: "未评级", en: "not graded" }
    not_set "common.page.not_set" () { zh: "未设置", en: "not set" }
    sealed "common.page.sealed" () { zh: "封存", en: "sealed" }
    view "common.page.view" () { zh: "查看", en: "view" }
}

use crate::i18n::Msg;
