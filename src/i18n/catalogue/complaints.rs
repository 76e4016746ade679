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
    // Page labels: headings, column titles, buttons and notes of the pages.
    shown_this_once_only_hand_it "complaints.page.shown_this_once_only_hand_it" () { zh: " 签发密钥（只显示这一次，请立即转交）：", en: " (shown this once only, hand it over now): " }
    mb_up_to "complaints.page.mb_up_to" () { zh: " MB，最多 ", en: " MB, up to " }
    m "complaints.page.m" () { zh: " 米", en: " m" }
    photos_close "complaints.page.photos_close" () { zh: " 张）", en: ")" }
    close_paren_colon "complaints.page.close_paren_colon" () { zh: "）：", en: "): " }
    n_1_where "complaints.page.n_1_where" () { zh: "1. 位置", en: "1. Where" }
    n_2_what "complaints.page.n_2_what" () { zh: "2. 举报内容", en: "2. What" }
    n_3_contact_optional "complaints.page.n_3_contact_optional" () { zh: "3. 联系方式（可选）", en: "3. Contact (optional)" }
    a_contact_lets_the_officer_check "complaints.page.a_contact_lets_the_officer_check" () { zh: "留下联系方式便于核实情况和反馈结果；实名举报经查证属实的，可按规定申请举报奖励（环办执法〔2020〕8号）。", en: "A contact lets the officer check details and tell you the result; a real-name report that proves true may be rewarded (MEE 2020 No. 8)." }
    accept "complaints.page.accept" () { zh: "受理", en: "Accept" }
    address_optional_needed_without_a_point "complaints.page.address_optional_needed_without_a_point" () { zh: "地址（可选；未选点时必填）", en: "Address (optional; needed without a point)" }
    all_reports "complaints.page.all_reports" () { zh: "举报办理情况", en: "All reports" }
    answer "complaints.page.answer" () { zh: "答复举报人", en: "Answer" }
    answer_published_on_closing "complaints.page.answer_published_on_closing" () { zh: "答复内容（办结时公开）", en: "Answer (published on closing)" }
    answer_published "complaints.page.answer_published" () { zh: "答复已公开", en: "Answer published" }
    assign "complaints.page.assign" () { zh: "交办", en: "Assign" }
    back_to_the_list "complaints.page.back_to_the_list" () { zh: "返回列表", en: "Back to the list" }
    bureau "complaints.page.bureau" () { zh: "办理部门", en: "Bureau" }
    channel "complaints.page.channel" () { zh: "渠道", en: "Channel" }
    check_question "complaints.page.check_question" () { zh: "验证题：", en: "Check question: " }
    close_and_publish_the_answer "complaints.page.close_and_publish_the_answer" () { zh: "办结并公开答复", en: "Close and publish the answer" }
    closed "complaints.page.closed" () { zh: "办结时间：", en: "Closed: " }
    complainant_confidential_only_you_as_handling "complaints.page.complainant_confidential_only_you_as_handling" () { zh: "举报人（保密，仅承办人可见，查看已记入审计日志）", en: "Complainant (confidential: only you as handling officer see this; the viewing is audited)" }
    complaint "complaints.page.complaint" () { zh: "举报", en: "Complaint" }
    complaints "complaints.page.complaints" () { zh: "举报", en: "Complaints" }
    description "complaints.page.description" () { zh: "描述", en: "Description" }
    description_when_where_which_firm_what "complaints.page.description_when_where_which_firm_what" () { zh: "问题描述（时间、地点、单位名称、现象）", en: "Description (when, where, which firm, what you saw)" }
    district "complaints.page.district" () { zh: "所在区县", en: "District" }
    district_needed_without_a_point "complaints.page.district_needed_without_a_point" () { zh: "所在区县（未选点时必选）", en: "District (needed without a point)" }
    district_bureau "complaints.page.district_bureau" () { zh: "区县 / 办理部门", en: "District / bureau" }
    do_not_accept "complaints.page.do_not_accept" () { zh: "不予受理", en: "Do not accept" }
    due "complaints.page.due" () { zh: "期限", en: "Due" }
    duplicate_of_another_report_merge_into "complaints.page.duplicate_of_another_report_merge_into" () { zh: "与另一件举报重复，合并到编号", en: "Duplicate of another report: merge into" }
    e_mail "complaints.page.e_mail" () { zh: "电子邮箱", en: "E-mail" }
    extend_by_30_days "complaints.page.extend_by_30_days" () { zh: "延长办理期限 30 日", en: "Extend by 30 days" }
    file_the_report "complaints.page.file_the_report" () { zh: "提交举报", en: "File the report" }
    filed "complaints.page.filed" () { zh: "举报时间", en: "Filed" }
    handle "complaints.page.handle" () { zh: "办理", en: "Handle" }
    handling_officer_account "complaints.page.handling_officer_account" () { zh: "承办人(账号)", en: "Handling officer (account)" }
    issue_a_key "complaints.page.issue_a_key" () { zh: "签发密钥", en: "Issue a key" }
    issued "complaints.page.issued" () { zh: "签发时间", en: "Issued" }
    issued_by "complaints.page.issued_by" () { zh: "签发人", en: "Issued by" }
    joined_by "complaints.page.joined_by" () { zh: "重复举报人数", en: "Joined by" }
    key_for "complaints.page.key_for" () { zh: "已为 ", en: "Key for " }
    latitude "complaints.page.latitude" () { zh: "纬度", en: "Latitude" }
    longitude "complaints.page.longitude" () { zh: "经度", en: "Longitude" }
    merge "complaints.page.merge" () { zh: "合并", en: "Merge" }
    merged_into "complaints.page.merged_into" () { zh: "合并到", en: "Merged into" }
    no_notices "complaints.page.no_notices" () { zh: "没有通知。", en: "No notices." }
    no_open_report_nearby "complaints.page.no_open_report_nearby" () { zh: "附近没有正在办理的举报。", en: "No open report nearby." }
    not_accepted "complaints.page.not_accepted" () { zh: "不予受理，理由：", en: "Not accepted: " }
    not_filed_yet_please_correct "complaints.page.not_filed_yet_please_correct" () { zh: "举报未提交，请修改：", en: "Not filed yet — please correct:" }
    nothing_more_to_do "complaints.page.nothing_more_to_do" () { zh: "本举报已不再办理。", en: "Nothing more to do." }
    number "complaints.page.number" () { zh: "编号", en: "Number" }
    officer "complaints.page.officer" () { zh: "承办人", en: "Officer" }
    open311_partner_keys "complaints.page.open311_partner_keys" () { zh: "Open311 合作系统密钥", en: "Open311 partner keys" }
    others_reporting_the_same "complaints.page.others_reporting_the_same" () { zh: "同一问题的其他举报人", en: "Others reporting the same" }
    overdue "complaints.page.overdue" () { zh: "超期", en: "Overdue" }
    partner_system "complaints.page.partner_system" () { zh: "合作系统", en: "Partner system" }
    partner_system_2 "complaints.page.partner_system_2" () { zh: "合作系统名称", en: "Partner system" }
    partner_systems_interface_standard "complaints.page.partner_systems_interface_standard" () { zh: "合作系统接口（标准：", en: "Partner systems' interface (standard: " }
    phone "complaints.page.phone" () { zh: "电话", en: "Phone" }
    photos_optional_jpeg_or_png_each "complaints.page.photos_optional_jpeg_or_png_each" () { zh: "照片（可选，JPEG 或 PNG，每张不超过 ", en: "Photos (optional, JPEG or PNG, each at most " }
    progress "complaints.page.progress" () { zh: "办理过程", en: "Progress" }
    real_name_reward "complaints.page.real_name_reward" () { zh: "实名(奖励程序)", en: "Real name (reward)" }
    real_name_report "complaints.page.real_name_report" () { zh: "实名举报", en: "Real-name report" }
    real_name_report_needs_name_and "complaints.page.real_name_report_needs_name_and" () { zh: "实名举报（须填写姓名和电话或邮箱）", en: "Real-name report (needs name and phone or e-mail)" }
    reason_for_not_accepting "complaints.page.reason_for_not_accepting" () { zh: "不予受理理由", en: "Reason for not accepting" }
    report_pollution "complaints.page.report_pollution" () { zh: "我要举报", en: "Report pollution" }
    report_pollution_or_ecological_damage_here "complaints.page.report_pollution_or_ecological_damage_here" () { zh: "发现污染环境、破坏生态的行为，可在此举报。也可拨打“12369”环保举报热线。我们依法为举报人保密，您的姓名和联系方式只有承办人可见，不会公开。", en: "Report pollution or ecological damage here, or call the 12369 hotline. Your name and contact details are kept confidential: only the officer handling your report sees them; they are never published." }
    report_status "complaints.page.report_status" () { zh: "举报办理进度", en: "Report status" }
    reports "complaints.page.reports" () { zh: "举报办理情况", en: "Reports" }
    reports_and_their_handling "complaints.page.reports_and_their_handling" () { zh: "举报办理情况", en: "Reports and their handling" }
    reports_and_their_handling_2 "complaints.page.reports_and_their_handling_2" () { zh: "查看举报办理情况", en: "Reports and their handling" }
    result "complaints.page.result" () { zh: "办理结果", en: "Result" }
    revoked "complaints.page.revoked" () { zh: "停用", en: "Revoked" }
    same_problem_join_this_report "complaints.page.same_problem_join_this_report" () { zh: "是同一件事，加入此举报", en: "Same problem: join this report" }
    see_reports_nearby "complaints.page.see_reports_nearby" () { zh: "查看附近已有的举报", en: "See reports nearby" }
    stage "complaints.page.stage" () { zh: "环节", en: "Stage" }
    start_the_investigation "complaints.page.start_the_investigation" () { zh: "开始调查处理", en: "Start the investigation" }
    status "complaints.page.status" () { zh: "办理状态", en: "Status" }
    tap_the_map_to_pick_the "complaints.page.tap_the_map_to_pick_the" () { zh: "点击地图选择位置（需要浏览器脚本）；也可以直接填写经纬度，或填写地址并选择区县。", en: "Tap the map to pick the place (needs scripts); or type the longitude and latitude, or the address and its district." }
    these_open_reports_are_nearby_if "complaints.page.these_open_reports_are_nearby_if" () { zh: "附近已有以下正在办理的举报。如果是同一件事，请加入该举报，不必重复提交：", en: "These open reports are nearby. If yours is the same, join it instead of filing again:" }
    this_report_concerns_the_same_problem "complaints.page.this_report_concerns_the_same_problem" () { zh: "此举报与另一件举报反映的是同一问题，已合并办理：", en: "This report concerns the same problem as another one and is handled with it: " }
    this_stage_is_due "complaints.page.this_stage_is_due" () { zh: "本环节办理期限", en: "This stage is due" }
    tracking_number "complaints.page.tracking_number" () { zh: "举报编号", en: "Tracking number" }
    type_label "complaints.page.type_label" () { zh: "污染类型", en: "Type" }
    type_of_pollution_one_or_more "complaints.page.type_of_pollution_one_or_more" () { zh: "污染类型（可多选）", en: "Type of pollution (one or more)" }
    you_joined_this_report_it_is "complaints.page.you_joined_this_report_it_is" () { zh: "您已加入此举报，我们会一并办理。", en: "You joined this report; it is handled as one." }
    your_report_is_filed_keep_its "complaints.page.your_report_is_filed_keep_its" () { zh: "举报已提交。请记下您的举报编号，凭编号查询办理进度：", en: "Your report is filed. Keep its tracking number to follow it:" }
    answer_published_2 "complaints.page.answer_published_2" () { zh: "已公开答复", en: "answer published" }
    e_g_the_factory_at_12 "complaints.page.e_g_the_factory_at_12" () { zh: "如：某某路 12 号某某厂", en: "e.g. the factory at 12 Some Road" }
    extended "complaints.page.extended" () { zh: "已延期", en: "extended" }
    number_description_or_address "complaints.page.number_description_or_address" () { zh: "编号、描述或地址", en: "number, description or address" }
    overdue_2 "complaints.page.overdue_2" () { zh: "已超期", en: "overdue" }
    overdue_3 "complaints.page.overdue_3" () { zh: "超期", en: "overdue" }
    overdue_only "complaints.page.overdue_only" () { zh: "仅超期", en: "overdue only" }
    public_page "complaints.page.public_page" () { zh: "公开页", en: "public page" }
    published "complaints.page.published" () { zh: "已公开", en: "published" }
    real_name "complaints.page.real_name" () { zh: "实名", en: "real name" }
    real_name_reward_procedure "complaints.page.real_name_reward_procedure" () { zh: "实名(奖励程序)", en: "real name (reward procedure)" }
    reason_for_the_extension "complaints.page.reason_for_the_extension" () { zh: "延期理由", en: "reason for the extension" }
    tap_the_map_to_pick_the_2 "complaints.page.tap_the_map_to_pick_the_2" () { zh: "在地图上点选位置", en: "tap the map to pick the place" }
    what_to_tell_the_complainant_e "complaints.page.what_to_tell_the_complainant_e" () { zh: "告知举报人的说明（如应向哪个部门反映）", en: "what to tell the complainant (e.g. where to go)" }
    yes_goes_to_the_reward_procedure "complaints.page.yes_goes_to_the_reward_procedure" () { zh: "是：查证属实后进入举报奖励程序", en: "yes: goes to the reward procedure if it proves true" }
}
