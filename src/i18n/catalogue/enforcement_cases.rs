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
}

use crate::i18n::{Arg, Msg};
