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
}
