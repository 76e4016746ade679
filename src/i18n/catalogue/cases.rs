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
}
