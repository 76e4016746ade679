//! Labels of the audit log: what each stored action code (`audit.action.<code>`) and record
//! kind (`audit.entity.<kind>`) means, for the audit page and the dossier's change log.
//! A code without a label is shown as itself, marked as data.

crate::messages! {
    action_login "audit.action.login" () { zh: "登录", en: "signed in" }
    action_login_failed "audit.action.login_failed" () { zh: "登录失败", en: "failed sign-in" }
    action_logout "audit.action.logout" () { zh: "退出登录", en: "signed out" }
    action_access_denied "audit.action.access_denied" () { zh: "越权访问被拒绝", en: "access refused" }
    action_csrf_rejected "audit.action.csrf_rejected" () { zh: "跨站请求被拒绝", en: "cross-site request refused" }
    action_export "audit.action.export" () { zh: "导出", en: "export" }
    action_create "audit.action.create" () { zh: "新建", en: "created" }
    action_update "audit.action.update" () { zh: "更新", en: "updated" }
    action_enterprise_create "audit.action.enterprise_create" () { zh: "新建企业", en: "enterprise created" }
    action_user_add "audit.action.user_add" () { zh: "新增账号", en: "account added" }
    action_user_disable "audit.action.user_disable" () { zh: "停用账号", en: "account disabled" }
    action_user_enable "audit.action.user_enable" () { zh: "启用账号", en: "account enabled" }
    action_user_unlock "audit.action.user_unlock" () { zh: "解锁账号", en: "account unlocked" }
    action_user_unit "audit.action.user_unit" () { zh: "设置账号所属单位", en: "account's unit set" }
    action_password_change "audit.action.password_change" () { zh: "修改密码", en: "password changed" }
    action_password_change_failed "audit.action.password_change_failed" () { zh: "修改密码失败", en: "password change failed" }
    action_admission_submit "audit.action.admission_submit" () { zh: "提交准入项目", en: "admission project submitted" }
    action_admission_check "audit.action.admission_check" () { zh: "准入审核", en: "admission check" }
    action_admission_opinion "audit.action.admission_opinion" () { zh: "部门意见", en: "department's opinion" }
    action_admission_decide "audit.action.admission_decide" () { zh: "准入决定", en: "admission decision" }
    action_admission_publish "audit.action.admission_publish" () { zh: "公开准入结果", en: "admission result published" }
    action_submission "audit.action.submission" () { zh: "企业申报", en: "enterprise submission" }
    action_submission_accept "audit.action.submission_accept" () { zh: "采纳申报", en: "submission accepted" }
    action_submission_return "audit.action.submission_return" () { zh: "退回申报", en: "submission returned" }
    action_setting_change "audit.action.setting_change" () { zh: "修改设置", en: "setting changed" }
    action_screening_run "audit.action.screening_run" () { zh: "执行筛查", en: "screening run" }
    action_catalogue_version "audit.action.catalogue_version" () { zh: "规则目录新版本", en: "new catalogue version" }
    action_case_open "audit.action.case_open" () { zh: "筛查立案", en: "case opened" }
    action_case_step "audit.action.case_step" () { zh: "案件办理", en: "case step" }
    action_case_photo "audit.action.case_photo" () { zh: "现场照片", en: "site photo" }
    action_mark_add "audit.action.mark_add" () { zh: "数据标记", en: "data mark entered" }
    action_mark_withdraw "audit.action.mark_withdraw" () { zh: "撤销数据标记", en: "data mark withdrawn" }
    action_campaign_create "audit.action.campaign_create" () { zh: "新建专项行动", en: "campaign created" }
    action_campaign_settings "audit.action.campaign_settings" () { zh: "专项行动设置", en: "campaign settings" }
    action_campaign_item_import "audit.action.campaign_item_import" () { zh: "导入摸排台账", en: "survey imported" }
    action_campaign_step "audit.action.campaign_step" () { zh: "整治办理", en: "remediation step" }
    action_campaign_photo "audit.action.campaign_photo" () { zh: "整治照片", en: "remediation photo" }
    action_campaign_patrol "audit.action.campaign_patrol" () { zh: "巡查", en: "patrol" }
    action_campaign_field_check "audit.action.campaign_field_check" () { zh: "现场核查", en: "field check" }
    action_plan_create "audit.action.plan_create" () { zh: "新建工作方案", en: "plan created" }
    action_plan_settings "audit.action.plan_settings" () { zh: "工作方案设置", en: "plan settings" }
    action_task_import "audit.action.task_import" () { zh: "导入任务", en: "tasks imported" }
    action_task_edit "audit.action.task_edit" () { zh: "修改任务", en: "task edited" }
    action_target_add "audit.action.target_add" () { zh: "新增目标", en: "target added" }
    action_unit_add "audit.action.unit_add" () { zh: "新增单位", en: "unit added" }
    action_report_file "audit.action.report_file" () { zh: "报送进展", en: "report filed" }
    action_notice_issue "audit.action.notice_issue" () { zh: "发出督办", en: "notice issued" }
    action_notice_answer "audit.action.notice_answer" () { zh: "答复督办", en: "notice answered" }
    action_lead_verify "audit.action.lead_verify" () { zh: "线索核实", en: "lead verified" }
    action_lead_dismiss "audit.action.lead_dismiss" () { zh: "线索排除", en: "lead dismissed" }
    action_enforcement_case_open "audit.action.enforcement_case_open" () { zh: "执法立案", en: "enforcement case opened" }
    action_enforcement_case_step "audit.action.enforcement_case_step" () { zh: "执法案件办理", en: "enforcement case step" }
    action_enforcement_case_lead "audit.action.enforcement_case_lead" () { zh: "线索并案", en: "lead joined to a case" }
    action_enforcement_case_document "audit.action.enforcement_case_document" () { zh: "执法文书", en: "case document" }
    action_boundaries_load "audit.action.boundaries_load" () { zh: "载入区划边界", en: "boundaries loaded" }
    action_archive_digest "audit.action.archive_digest" () { zh: "原始报文日摘要", en: "daily digest of the raw archive" }
    action_synergy_system_set "audit.action.synergy_system_set" () { zh: "设置协同度指标体系", en: "synergy indicator system set" }
    action_synergy_values_enter "audit.action.synergy_values_enter" () { zh: "录入协同度指标值", en: "synergy values entered" }
    action_synergy_evaluate "audit.action.synergy_evaluate" () { zh: "协同度评价", en: "synergy evaluated" }

    action_report_accept "audit.action.report_accept" () { zh: "采纳进展报告", en: "report accepted" }
    action_report_return "audit.action.report_return" () { zh: "退回进展报告", en: "report returned" }
    action_project_add "audit.action.project_add" () { zh: "新增重点项目", en: "key project added" }
    action_project_scenario "audit.action.project_scenario" () { zh: "关联重点项目的减排情景", en: "key project linked to a scenario" }
    action_complaint_file "audit.action.complaint_file" () { zh: "受理举报登记", en: "complaint filed" }
    action_complaint_join "audit.action.complaint_join" () { zh: "附议已有举报", en: "joined a complaint" }
    action_complaint_step "audit.action.complaint_step" () { zh: "举报办理", en: "complaint step" }
    action_complaint_identity_view "audit.action.complaint_identity_view" () { zh: "查看举报人身份", en: "complainant's identity viewed" }
    action_complaints_seed "audit.action.complaints_seed" () { zh: "载入示范举报", en: "demo complaints loaded" }
    action_open311_key_issue "audit.action.open311_key_issue" () { zh: "签发 Open311 接口密钥", en: "Open311 key issued" }
    action_open311_key_revoke "audit.action.open311_key_revoke" () { zh: "吊销 Open311 接口密钥", en: "Open311 key revoked" }
    action_inventory_scenario_save "audit.action.inventory_scenario_save" () { zh: "保存情景", en: "scenario saved" }

    entity_admission_project "audit.entity.admission_project" () { zh: "准入项目", en: "admission project" }
    entity_enterprise "audit.entity.enterprise" () { zh: "企业", en: "enterprise" }
    entity_project "audit.entity.project" () { zh: "重点项目", en: "key project" }
    entity_complaint "audit.entity.complaint" () { zh: "举报", en: "complaint" }
    entity_open311_key "audit.entity.open311_key" () { zh: "Open311 接口密钥", en: "Open311 key" }
    entity_inventory_scenario "audit.entity.inventory_scenario" () { zh: "情景", en: "scenario" }
    entity_activity_data "audit.entity.activity_data" () { zh: "活动水平数据", en: "activity data" }
    entity_ledger "audit.entity.ledger" () { zh: "台账", en: "ledger" }
    entity_user "audit.entity.user" () { zh: "账号", en: "account" }
    entity_session "audit.entity.session" () { zh: "会话", en: "session" }
    entity_route "audit.entity.route" () { zh: "页面", en: "page" }
    entity_case "audit.entity.case" () { zh: "退出案件", en: "exit case" }
    entity_catalogue "audit.entity.catalogue" () { zh: "规则目录", en: "rule catalogue" }
    entity_screening "audit.entity.screening" () { zh: "筛查", en: "screening" }
    entity_submission "audit.entity.submission" () { zh: "申报", en: "submission" }
    entity_setting "audit.entity.setting" () { zh: "设置", en: "setting" }
    entity_campaign "audit.entity.campaign" () { zh: "专项行动", en: "campaign" }
    entity_campaign_item "audit.entity.campaign_item" () { zh: "整治对象", en: "campaign item" }
    entity_plan "audit.entity.plan" () { zh: "工作方案", en: "plan" }
    entity_task "audit.entity.task" () { zh: "任务", en: "task" }
    entity_target "audit.entity.target" () { zh: "目标", en: "target" }
    entity_unit "audit.entity.unit" () { zh: "单位", en: "unit" }
    entity_report "audit.entity.report" () { zh: "进展报告", en: "report" }
    entity_notice "audit.entity.notice" () { zh: "督办通知", en: "notice" }
    entity_monitoring_mark "audit.entity.monitoring_mark" () { zh: "数据标记", en: "data mark" }
    entity_monitoring "audit.entity.monitoring" () { zh: "在线监测", en: "monitoring" }
    entity_device "audit.entity.device" () { zh: "数采仪", en: "data logger" }
    entity_raw_packets "audit.entity.raw_packets" () { zh: "原始报文", en: "raw packets" }
    entity_lead "audit.entity.lead" () { zh: "线索", en: "lead" }
    entity_leads "audit.entity.leads" () { zh: "线索", en: "leads" }
    entity_enforcement_case "audit.entity.enforcement_case" () { zh: "执法案件", en: "enforcement case" }
    entity_enforcement_cases "audit.entity.enforcement_cases" () { zh: "执法案件", en: "enforcement cases" }
    entity_exceedance_episodes "audit.entity.exceedance_episodes" () { zh: "超标时段", en: "exceedance episodes" }
    entity_tax "audit.entity.tax" () { zh: "环境保护税", en: "environmental tax" }
    entity_dossier "audit.entity.dossier" () { zh: "档案", en: "dossier" }
    entity_boundaries "audit.entity.boundaries" () { zh: "区划边界", en: "boundaries" }
    entity_synergy_system "audit.entity.synergy_system" () { zh: "协同度指标体系", en: "synergy indicator system" }
    entity_synergy_values "audit.entity.synergy_values" () { zh: "协同度指标值", en: "synergy values" }
    entity_synergy_evaluation "audit.entity.synergy_evaluation" () { zh: "协同度评价", en: "synergy evaluation" }
    action_energy_target_set "audit.action.energy_target_set" () { zh: "下达能耗目标", en: "energy target set" }
    action_energy_diagnosis_record "audit.action.energy_diagnosis_record" () { zh: "记录节能诊断", en: "energy diagnosis recorded" }
    action_energy_renovation_enter "audit.action.energy_renovation_enter" () { zh: "纳入改造清单", en: "entered the renovation list" }
    action_energy_renovation_leave "audit.action.energy_renovation_leave" () { zh: "移出改造清单", en: "left the renovation list" }
    action_energy_renovation_progress "audit.action.energy_renovation_progress" () { zh: "更新改造进度", en: "renovation progress updated" }
    entity_energy_target "audit.entity.energy_target" () { zh: "能耗目标", en: "energy target" }
    entity_energy_diagnosis "audit.entity.energy_diagnosis" () { zh: "节能诊断", en: "energy diagnosis" }
    entity_energy_renovation "audit.entity.energy_renovation" () { zh: "节能改造清单条目", en: "renovation list item" }
    entity_energy_evaluation "audit.entity.energy_evaluation" () { zh: "能耗双控评价", en: "dual-control evaluation" }
}
