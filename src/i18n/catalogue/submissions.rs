//! Messages of enterprise submissions (proposals a bureau reviews): refusals of a submission,
//! of an answer to a notice, and of a decision.

use crate::i18n::Arg;

crate::messages! {
    return_needs_reason "submissions.decide.return_needs_reason" () {
        zh: "退回须写明理由",
        en: "a return needs a reason",
    }
    reason_too_long "submissions.decide.reason_too_long" (max: usize) {
        zh: "退回理由不超过 {max} 字",
        en: "the reason is limited to {max} characters",
    }
    already_decided "submissions.decide.already_decided" (state: Arg) {
        zh: "该申报已处理（状态：{state}），不能再次审核",
        en: "this submission has already been decided ({state})",
    }
    decided_meanwhile "submissions.decide.decided_meanwhile" (id: i64) {
        zh: "申报 #{id} 已由他人处理",
        en: "submission #{id} was decided by someone else",
    }
    answer_empty "submissions.answer.empty" () {
        zh: "答复内容不能为空",
        en: "the answer is empty",
    }
    answer_too_long "submissions.answer.too_long" (max: usize) {
        zh: "答复不超过 {max} 字",
        en: "answers are limited to {max} characters",
    }
    not_notified "submissions.answer.not_notified" () {
        zh: "案件尚未告知企业，暂不能答复",
        en: "the enterprise has not been notified yet",
    }
    case_closed "submissions.answer.case_closed" () {
        zh: "案件已公示办结，不能再答复",
        en: "the case is published and closed",
    }
    only_own "submissions.submit.only_own" (code: &str) {
        zh: "{code}：企业账号只能申报本企业的信息",
        en: "{code}: an enterprise account may only submit its own enterprise",
    }
    unchanged "submissions.submit.unchanged" () {
        zh: "所报内容与现有台账完全一致，无需审核",
        en: "the submission is identical to the current record",
    }
    still_pending "submissions.submit.still_pending" (id: i64) {
        zh: "申报 #{id} 仍在审核中，审核后才能再次提交",
        en: "submission #{id} is still awaiting review; submit again after the decision",
    }
    enterprise_gone "submissions.accept.enterprise_gone" (code: &str) {
        zh: "企业 {code} 已不在台账中",
        en: "enterprise {code} is no longer in the ledger",
    }
    division_outside "submissions.accept.division_outside" (code: &str) {
        zh: "行政区划 {code} 不在您的管辖范围内，请由上级部门审核",
        en: "division {code} is outside your jurisdiction; a higher-level bureau must review this",
    }
    division_unknown "submissions.accept.division_unknown" (code: &str) {
        zh: "行政区划代码 {code} 不存在",
        en: "unknown division code {code}",
    }
    not_found "submissions.not_found" (id: i64) {
        zh: "申报 #{id} 不存在或不在您的管辖范围内",
        en: "submission #{id} not found in your jurisdiction",
    }
    enterprise_not_found "submissions.enterprise_not_found" (code: &str) {
        zh: "台账中没有企业 {code}",
        en: "enterprise {code} is not in the ledger",
    }
    // Page labels: headings, column titles, buttons and notes of the pages.
    empty "submissions.page.empty" () { zh: "(空)", en: "(empty)" }
    accept_and_apply "submissions.page.accept_and_apply" () { zh: "采纳并写入", en: "Accept and apply" }
    case "submissions.page.case" () { zh: "案件 ", en: "Case " }
    changes "submissions.page.changes" () { zh: "变更项", en: "Changes" }
    changes_and_answers_submitted_by_enterprise "submissions.page.changes_and_answers_submitted_by_enterprise" () { zh: "企业账号提交的台账变更和答复在此等待审核:逐项核对后采纳(立即写入台账)或退回并说明理由。审核结果企业可见,并记入审计日志。", en: "Changes and answers submitted by enterprise accounts wait here: check them field by field, then accept (applied at once) or return with a reason. The enterprise sees the decision; both are in the audit log." }
    changes_submitted "submissions.page.changes_submitted" () { zh: "申报的变更 ", en: "Changes submitted " }
    compared_with_the_record_as_it "submissions.page.compared_with_the_record_as_it" () { zh: "与当前台账对比;标“影响筛查”的字段决定综合标准筛查结果,请核对证照原件。", en: "Compared with the record as it is now; fields marked “screening” decide the screening — check them against the documents." }
    current_record "submissions.page.current_record" () { zh: "现有台账", en: "Current record" }
    decided "submissions.page.decided" () { zh: "审核", en: "Decided" }
    field "submissions.page.field" () { zh: "字段", en: "Field" }
    field_by_field "submissions.page.field_by_field" () { zh: "逐项对比", en: "Field by field" }
    ledger_changes_you_upload_under_import "submissions.page.ledger_changes_you_upload_under_import" () { zh: "您通过“导入导出”提交的台账修改、对告知的答复,须经主管部门审核后才生效。被退回的可按理由修改后重新提交。", en: "Ledger changes you upload under Import / export and your answers to notices take effect only after the responsible bureau reviews them. A returned submission can be corrected and sent again." }
    no_difference_from_the_current_record "submissions.page.no_difference_from_the_current_record" () { zh: "与现有台账没有差异。", en: "No difference from the current record." }
    not_done "submissions.page.not_done" () { zh: "未处理:", en: "Not done: " }
    nothing_here "submissions.page.nothing_here" () { zh: "没有符合条件的申报。", en: "Nothing here." }
    nothing_submitted_yet "submissions.page.nothing_submitted_yet" () { zh: "还没有提交过申报。", en: "Nothing submitted yet." }
    proposed "submissions.page.proposed" () { zh: "企业申报", en: "Proposed" }
    reason_for_return "submissions.page.reason_for_return" () { zh: "退回理由", en: "Reason for return" }
    reason_for_return_shown_to_the "submissions.page.reason_for_return_shown_to_the" () { zh: "退回理由(企业可见)", en: "Reason for return (shown to the enterprise)" }
    reason_for_return_2 "submissions.page.reason_for_return_2" () { zh: "退回理由:", en: "Reason for return: " }
    review_of_submissions "submissions.page.review_of_submissions" () { zh: "申报审核", en: "Review of submissions" }
    submission "submissions.page.submission" () { zh: "申报", en: "Submission" }
    submit_a_ledger_change "submissions.page.submit_a_ledger_change" () { zh: "提交台账修改", en: "Submit a ledger change" }
    submitted "submissions.page.submitted" () { zh: "提交", en: "Submitted" }
    submitted_2 "submissions.page.submitted_2" () { zh: "提交时间", en: "Submitted" }
    submitted_3 "submissions.page.submitted_3" () { zh: "提交于 ", en: "Submitted " }
    submitted_by "submissions.page.submitted_by" () { zh: "提交人", en: "Submitted by" }
    this_field_feeds_the_screening "submissions.page.this_field_feeds_the_screening" () { zh: "该字段参与综合标准筛查", en: "This field feeds the screening" }
    decided_2 "submissions.page.decided_2" () { zh: "审核于 ", en: "decided " }
    screening "submissions.page.screening" () { zh: "影响筛查", en: "screening" }
    screening_2 "submissions.page.screening_2" () { zh: "影响筛查 ", en: "screening " }
    back_to_the_queue "submissions.page.back_to_the_queue" () { zh: "← 返回审核列表", en: "← Back to the queue" }
}
