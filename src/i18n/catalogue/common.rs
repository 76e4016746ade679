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
}

use crate::i18n::Msg;
