//! Complaints from the public (举报) and the Open311 API: categories, stages, refusals of the
//! form and of the state machine, notifications.

use crate::i18n::{Arg, Msg};

crate::messages! {
    cat_air "complaints.category.air" () { zh: "大气污染", en: "Air pollution" }
    cat_water "complaints.category.water" () { zh: "水污染", en: "Water pollution" }
    cat_noise "complaints.category.noise" () { zh: "噪声污染", en: "Noise" }
    cat_solid_waste "complaints.category.solid_waste" () { zh: "固体废物", en: "Solid waste" }
    cat_ecology "complaints.category.ecology" () { zh: "生态破坏", en: "Ecological damage" }
    cat_radiation "complaints.category.radiation" () { zh: "辐射污染", en: "Radiation" }
    cat_air_hint "complaints.category.air_hint" () { zh: "恶臭异味、烟粉尘、工业废气、油烟等", en: "odour, smoke and dust, industrial exhaust, cooking fumes" }
    cat_water_hint "complaints.category.water_hint" () { zh: "工业废水、生活污水直排、水体异色异味等", en: "industrial wastewater, untreated sewage, discoloured or smelly water" }
    cat_noise_hint "complaints.category.noise_hint" () { zh: "建设施工、工业、社会生活噪声", en: "construction, industrial and neighbourhood noise" }
    cat_solid_waste_hint "complaints.category.solid_waste_hint" () { zh: "危险废物、工业固废倾倒、堆放等", en: "hazardous waste, dumped or piled industrial waste" }
    cat_ecology_hint "complaints.category.ecology_hint" () { zh: "非法采砂采矿、破坏植被、侵占湿地等", en: "illegal sand or mineral extraction, destroyed vegetation or wetlands" }
    cat_radiation_hint "complaints.category.radiation_hint" () { zh: "放射源、电磁辐射等", en: "radioactive sources, electromagnetic radiation" }

    stage_received "complaints.stage.received" () { zh: "已接收", en: "Received" }
    stage_accepted "complaints.stage.accepted" () { zh: "已受理", en: "Accepted" }
    stage_not_accepted "complaints.stage.not_accepted" () { zh: "不予受理", en: "Not accepted" }
    stage_assigned "complaints.stage.assigned" () { zh: "已交办", en: "Assigned" }
    stage_under_investigation "complaints.stage.under_investigation" () { zh: "调查处理中", en: "Under investigation" }
    stage_answered "complaints.stage.answered" () { zh: "已答复", en: "Answered" }
    stage_closed "complaints.stage.closed" () { zh: "已办结", en: "Closed" }
    stage_merged "complaints.stage.merged" () { zh: "已合并", en: "Merged" }
    reason_unclear_lead "complaints.reason.unclear_lead" () { zh: "举报线索不详", en: "the lead is unclear" }
    reason_not_our_remit "complaints.reason.not_our_remit" () { zh: "不属于生态环境部门职责范围", en: "not within the ecology and environment bureau's remit" }

    // The state machine.
    stage_skipped "complaints.step.skipped" (action: &str, stage: Msg, next: String) {
        zh: "不能跳过环节：举报处于“{stage}”，不能执行“{action}”，下一步应为 {next}",
        en: "a stage cannot be skipped: the complaint is {stage}, so '{action}' is not possible; the next step is {next}",
    }
    final_stage "complaints.step.final" (stage: Msg) {
        zh: "举报已{stage}，不能再办理",
        en: "the complaint is {stage}: no further step",
    }
    unknown_action "complaints.step.unknown_action" (action: &str) { zh: "未知的操作“{action}”", en: "unknown action '{action}'" }
    reason_required "complaints.step.reason_required" (value: &str) {
        zh: "不予受理须选择理由（线索不详 / 不属职责），收到“{value}”",
        en: "not accepting needs a reason (unclear lead / not our remit), got '{value}'",
    }
    handler_required "complaints.step.handler_required" () { zh: "交办须指定承办人", en: "assigning needs the handling officer" }
    handler_unknown "complaints.step.handler_unknown" (name: &str) {
        zh: "承办人“{name}”不存在、已停用，或无权办理本辖区、本部门的举报",
        en: "handling officer '{name}' does not exist, is disabled, or may not handle complaints of this district and bureau",
    }
    answer_too_short "complaints.step.answer_too_short" (min: usize) { zh: "答复内容至少 {min} 个字", en: "the answer needs at least {min} characters" }
    answer_too_long "complaints.step.answer_too_long" (max: usize) { zh: "答复内容不超过 {max} 个字", en: "the answer may have at most {max} characters" }
    already_extended "complaints.step.already_extended" () { zh: "办理期限只能延长一次（《信访条例》第三十三条）", en: "the handling period can be extended once only (Petitions Regulation Art. 33)" }
    extend_reason_required "complaints.step.extend_reason_required" () { zh: "延期须说明理由", en: "an extension needs its reason" }
    merge_into_itself "complaints.step.merge_into_itself" () { zh: "须指定另一件举报的编号", en: "name another complaint's tracking number to merge into" }
    merge_target_unusable "complaints.step.merge_target" (tracking: &str) {
        zh: "不能合并到 {tracking}：该举报不存在、不在本辖区，或已办结、已合并",
        en: "cannot merge into {tracking}: it does not exist, is outside your jurisdiction, or is closed or merged",
    }
    not_your_bureau "complaints.step.not_your_bureau" (bureau: Msg) {
        zh: "该举报由{bureau}办理，本账号所在部门不能办理",
        en: "this complaint is handled by the {bureau}; your department cannot act on it",
    }
    bureau_name "complaints.bureau" (name: Arg) { zh: "{name}", en: "{name}" }
    changed_meanwhile "complaints.step.changed_meanwhile" () { zh: "举报已被他人更新，请刷新后重试", en: "someone else changed the complaint meanwhile: reload and try again" }
    not_found "complaints.not_found" (tracking: &str) { zh: "没有编号为 {tracking} 的举报", en: "no complaint has the tracking number {tracking}" }

    // The public form.
    category_required "complaints.form.category_required" () { zh: "请至少选择一种污染类型", en: "choose at least one type of pollution" }
    description_too_short "complaints.form.description_too_short" (min: usize) { zh: "问题描述至少 {min} 个字", en: "the description needs at least {min} characters" }
    description_too_long "complaints.form.description_too_long" (max: usize, got: usize) { zh: "问题描述不超过 {max} 个字（现为 {got} 个）", en: "the description may have at most {max} characters (it has {got})" }
    location_required "complaints.form.location_required" () {
        zh: "请在地图上选点（或填写经纬度），或者填写地址并选择所在区县",
        en: "pick the place on the map (or give its longitude and latitude), or type the address and choose its district",
    }
    bad_point "complaints.form.bad_point" (value: String) { zh: "位置“{value}”不是有效的经纬度", en: "location '{value}' is not a valid longitude/latitude" }
    outside_area "complaints.form.outside_area" (value: String) {
        zh: "位置 {value} 不在本平台服务的区县范围内，请向当地“12369”环保举报热线反映",
        en: "the location {value} is outside the districts this platform serves: please report it to the local 12369 hotline",
    }
    unknown_district "complaints.form.unknown_district" (value: &str) { zh: "未知的区县“{value}”", en: "unknown district '{value}'" }
    too_long "complaints.form.too_long" (field: Msg, max: usize) { zh: "{field}不超过 {max} 个字", en: "{field} may have at most {max} characters" }
    field_address "complaints.field.address" () { zh: "地址", en: "the address" }
    field_name "complaints.field.name" () { zh: "姓名", en: "the name" }
    field_phone "complaints.field.phone" () { zh: "电话", en: "the phone number" }
    field_email "complaints.field.email" () { zh: "电子邮箱", en: "the e-mail address" }
    real_name_needs_contact "complaints.form.real_name_needs_contact" () {
        zh: "实名举报须填写姓名和电话或电子邮箱",
        en: "a real-name report needs your name and a phone number or e-mail address",
    }
    bad_email "complaints.form.bad_email" (value: &str) { zh: "“{value}”不是电子邮箱地址", en: "'{value}' is not an e-mail address" }
    rejected "complaints.form.rejected" (count: usize, first: Msg) { zh: "举报未提交：{count} 处问题，第一处：{first}", en: "the complaint was not filed: {count} problem(s); the first: {first}" }
    photo_too_large "complaints.photo.too_large" (file: &str, kib: usize, max_mb: usize) {
        zh: "照片“{file}”有 {kib} KB，超过 {max_mb} MB 上限",
        en: "photo '{file}' has {kib} KB, more than the {max_mb} MB limit",
    }
    photo_not_image "complaints.photo.not_image" (file: &str) {
        zh: "“{file}”不是 JPEG 或 PNG 图片（按文件内容判断，不看扩展名）",
        en: "'{file}' is not a JPEG or PNG image (judged by its content, not its name)",
    }
    too_many_photos "complaints.photo.too_many" (max: usize) { zh: "最多上传 {max} 张照片", en: "at most {max} photos" }
    challenge_missing "complaints.challenge.missing" () { zh: "验证题无效，请重新打开表单", en: "the check question is not valid: open the form again" }
    challenge_expired "complaints.challenge.expired" () { zh: "验证题已过期，请重新作答", en: "the check question has expired: answer the new one" }
    challenge_wrong "complaints.challenge.wrong" () { zh: "验证题答案不正确", en: "the answer to the check question is wrong" }
    challenge_used "complaints.challenge.used" () { zh: "该表单已提交过，请勿重复提交", en: "this form was already submitted" }
    flood "complaints.flood" (per_hour: u32) {
        zh: "本地址提交过于频繁（每小时最多 {per_hour} 件），请稍后再试或拨打 12369",
        en: "too many submissions from your address (at most {per_hour} an hour): try later or call 12369",
    }
    cannot_join "complaints.join.closed" (tracking: &str) { zh: "举报 {tracking} 已办结或已合并，不能再加入", en: "complaint {tracking} is closed or merged: it cannot be joined" }

    // Open311.
    open311_bad_key "complaints.open311.bad_key" () { zh: "api_key 无效或已停用", en: "invalid api_key" }
    open311_unknown_service "complaints.open311.unknown_service" (code: &str) { zh: "未知的 service_code“{code}”", en: "unknown service_code '{code}'" }
    open311_service_required "complaints.open311.service_required" () { zh: "缺少 service_code", en: "service_code is required" }
    open311_bad_date "complaints.open311.bad_date" (field: &str, value: &str) { zh: "{field}“{value}”不是 ISO 8601 时间", en: "{field} '{value}' is not an ISO 8601 date-time" }
    open311_bad_status "complaints.open311.bad_status" (value: &str) { zh: "status“{value}”应为 open 或 closed", en: "status '{value}' must be open or closed" }
    open311_window "complaints.open311.window" (days: i64) { zh: "start_date 与 end_date 相隔不得超过 {days} 天", en: "start_date and end_date may be at most {days} days apart" }
    open311_bad_format "complaints.open311.bad_format" () { zh: "格式应为 .json 或 .xml", en: "the format must be .json or .xml" }
    open311_not_found "complaints.open311.not_found" (id: &str) { zh: "没有服务请求 {id}", en: "no service request {id}" }
    open311_bad_attribute "complaints.open311.bad_attribute" (code: &str, value: &str) { zh: "属性 {code} 的取值“{value}”无效", en: "attribute {code}: value '{value}' is not allowed" }
    key_name_required "complaints.open311.key_name_required" () { zh: "合作系统名称必填", en: "the partner system needs a name" }

    // The inbox.
    notice_new "complaints.notice.new" (tracking: &str, district: String) { zh: "新举报 {tracking}（{district}）", en: "new complaint {tracking} ({district})" }
    notice_overdue "complaints.notice.overdue" (tracking: &str, stage: Msg, due: String) {
        zh: "举报 {tracking} 在“{stage}”环节已超期（期限 {due}）",
        en: "complaint {tracking} is overdue at stage {stage} (due {due})",
    }
}
