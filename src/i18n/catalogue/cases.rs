//! Messages of backward-capacity exit cases (the screening workflow's cases): refusals of a
//! step or a photo, and records not found.

use crate::i18n::Arg;

crate::messages! {
    unknown_step "cases.step.unknown" (action: &str) {
        zh: "未知的办理步骤“{action}”",
        en: "unknown step '{action}'",
    }
    step_refused "cases.step.refused" (problems: Arg) {
        zh: "未办理：{problems}",
        en: "not done: {problems}",
    }
    no_photo "cases.photo.none" () {
        zh: "没有上传照片（表单字段 photo）",
        en: "no photo was uploaded (field \"photo\")",
    }
    photo_after_publication "cases.photo.after_publication" () {
        zh: "案件已公示，不能再补充照片",
        en: "the case is published; photos cannot be added after publication",
    }
    photo_stage "cases.photo.stage" (stage: &str) {
        zh: "照片阶段“{stage}”无效，应为拆除（封存）前、拆除中或拆除后",
        en: "photo stage '{stage}': one of before, during, after",
    }
    photo_type "cases.photo.type" (file: &str) {
        zh: "{file}：不是 JPEG 或 PNG 照片",
        en: "{file}: not a JPEG or PNG photo",
    }
    photo_too_large "cases.photo.too_large" (file: &str, max_mb: usize) {
        zh: "{file}：照片不能超过 {max_mb} MB",
        en: "{file}: photos are limited to {max_mb} MB",
    }
    not_found "cases.not_found" (id: i64) {
        zh: "案件 #{id} 不存在或不在您的管辖范围内",
        en: "case #{id} not found in your jurisdiction",
    }
    photo_not_found "cases.photo.not_found" (id: i64) {
        zh: "照片 #{id} 不存在",
        en: "photo #{id} not found",
    }
    // Page labels: headings, column titles, buttons and notes of the pages.
    extended_once "cases.page.extended_once" () { zh: " (已延期一次)", en: " (extended once)" }
    cases_colon "cases.page.cases_colon" () { zh: " 件:", en: " — " }
    cases_full_stop "cases.page.cases_full_stop" () { zh: " 件。", en: ". " }
    acceptance_opinion "cases.page.acceptance_opinion" () { zh: "验收意见", en: "Acceptance opinion" }
    cases "cases.page.cases" () { zh: "案件 ", en: "Cases: " }
    enterprises_answer "cases.page.enterprises_answer" () { zh: "企业答复", en: "Enterprise's answer" }
    exit_deadline "cases.page.exit_deadline" () { zh: "退出期限", en: "Exit deadline" }
    export_the_annual_backward_capacity_exit "cases.page.export_the_annual_backward_capacity_exit" () { zh: "导出年度落后产能退出情况统计表", en: "Export the annual backward-capacity exit table" }
    extension_months "cases.page.extension_months" () { zh: "延期(月)", en: "Extension (months)" }
    findings "cases.page.findings" () { zh: "发现的问题", en: "Findings" }
    findings_of_this_case "cases.page.findings_of_this_case" () { zh: "本案问题", en: "Findings of this case" }
    inspectors_comma_separated "cases.page.inspectors_comma_separated" () { zh: "核实人员(逗号分隔)", en: "Inspectors (comma-separated)" }
    inspectors_comma_separated_at_least_two "cases.page.inspectors_comma_separated_at_least_two" () { zh: "验收人员(逗号分隔,至少两人)", en: "Inspectors (comma-separated, at least two)" }
    my_answers "cases.page.my_answers" () { zh: "我的答复", en: "My answers" }
    my_exit_case "cases.page.my_exit_case" () { zh: "我的退出案件", en: "My exit case" }
    name_or_credit_code "cases.page.name_or_credit_code" () { zh: "企业名称或信用代码", en: "Name or credit code" }
    no_answer_yet "cases.page.no_answer_yet" () { zh: "尚未答复。", en: "No answer yet." }
    no_step_is_open_to_this "cases.page.no_step_is_open_to_this" () { zh: "当前状态没有可办理的步骤。", en: "No step is open to this account in the current state." }
    overdue_cases "cases.page.overdue_cases" () { zh: "逾期未完成的案件 ", en: "Overdue cases: " }
    overdue_enterprises_credit_platform_csv "cases.page.overdue_enterprises_credit_platform_csv" () { zh: "逾期企业(信用平台 CSV)", en: "Overdue enterprises (credit platform CSV)" }
    overdue_enterprises_credit_platform_json "cases.page.overdue_enterprises_credit_platform_json" () { zh: "逾期企业(信用平台 JSON)", en: "Overdue enterprises (credit platform JSON)" }
    pledge "cases.page.pledge" () { zh: "企业承诺", en: "Pledge" }
    public_list "cases.page.public_list" () { zh: "公示名单", en: "Public list" }
    send_the_answer "cases.page.send_the_answer" () { zh: "提交答复", en: "Send the answer" }
    site_photos "cases.page.site_photos" () { zh: "现场照片", en: "Site photos" }
    steps "cases.page.steps" () { zh: "办理", en: "Steps" }
    steps_taken "cases.page.steps_taken" () { zh: "办理记录", en: "Steps taken" }
    the_case_has_not_been_notified "cases.page.the_case_has_not_been_notified" () { zh: "案件尚未告知或已公示办结,不能答复。", en: "The case has not been notified yet or is closed; no answer can be sent." }
    the_enterprises_answers "cases.page.the_enterprises_answers" () { zh: "企业答复", en: "The enterprise's answers" }
    the_enterprises_public_pledge "cases.page.the_enterprises_public_pledge" () { zh: "企业公开承诺", en: "The enterprise's public pledge" }
    your_answer_to_the_notice_rectification "cases.page.your_answer_to_the_notice_rectification" () { zh: "对告知的答复(如整改计划、停产情况、异议及理由)", en: "Your answer to the notice (rectification plan, production stopped, objections and why)" }
    after_dismantling "cases.page.after_dismantling" () { zh: "拆除后", en: "after dismantling" }
    answer "cases.page.answer" () { zh: "答复", en: "answer" }
    answer_of_the_enterprise "cases.page.answer_of_the_enterprise" () { zh: "企业答复", en: "answer of the enterprise" }
    before_dismantling_sealing "cases.page.before_dismantling_sealing" () { zh: "拆除(封存)前", en: "before dismantling (sealing)" }
    during_dismantling "cases.page.during_dismantling" () { zh: "拆除中", en: "during dismantling" }
    extension_months_2 "cases.page.extension_months_2" () { zh: "延期(月)", en: "extension (months)" }
    inspectors "cases.page.inspectors" () { zh: "人员", en: "inspectors" }
    note "cases.page.note" () { zh: "备注", en: "note" }
    opinion "cases.page.opinion" () { zh: "验收意见", en: "opinion" }
    overdue_by "cases.page.overdue_by" () { zh: "逾期 ", en: "overdue by " }
    pledge_2 "cases.page.pledge_2" () { zh: "承诺", en: "pledge" }
    returned "cases.page.returned" () { zh: "退回理由:", en: "returned: " }
}
