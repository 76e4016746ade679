//! Project admission review (准入审核): project kinds, input refusals, findings' explanations,
//! verdicts, the review's states and steps, the pages.

use crate::i18n::{Arg, Msg};

crate::messages! {
    kind_new "admission.kind.new" () { zh: "新建", en: "New build" }
    kind_expansion "admission.kind.expansion" () { zh: "扩建", en: "Expansion" }
    kind_renovation "admission.kind.renovation" () { zh: "改建(技术改造)", en: "Renovation" }
    kind_relocation "admission.kind.relocation" () { zh: "搬迁(退城入园)", en: "Relocation" }

    // Input refusals: field, value, reason.
    input_error "admission.input.error" (field: String, value: String, reason: Msg) {
        zh: "字段 {field}(值 {value}):{reason}",
        en: "field {field} (value {value}): {reason}",
    }
    input_required "admission.input.required" () { zh: "必填", en: "required" }
    input_too_long "admission.input.too_long" (max: usize) { zh: "不超过 {max} 个字", en: "at most {max} characters" }
    input_control_chars "admission.input.control_chars" () { zh: "含控制字符", en: "contains control characters" }
    input_not_text "admission.input.not_text" () { zh: "应为文字", en: "must be text" }
    input_not_number "admission.input.not_number" () { zh: "应为数字", en: "must be a number" }
    input_not_quantity "admission.input.not_quantity" () { zh: "应为不小于 0 的有限数值(置换产能须大于 0)", en: "must be a finite number of at least 0 (replaced capacity above 0)" }
    input_not_bool "admission.input.not_bool" () { zh: "应为 true 或 false", en: "must be true or false" }
    input_not_list "admission.input.not_list" () { zh: "应为列表", en: "must be a list" }
    input_not_object "admission.input.not_object" () { zh: "应为对象({{…}})", en: "must be an object ({{…}})" }
    input_too_many "admission.input.too_many" (max: usize) { zh: "最多 {max} 项", en: "at most {max} items" }
    input_unit "admission.input.unit" (units: String) { zh: "未知的产能单位,可用:{units}", en: "unknown capacity unit; known: {units}" }
    input_unknown_field "admission.input.unknown_field" (known: String) { zh: "未知字段,可用:{known}", en: "unknown field; known: {known}" }
    input_file_too_large "admission.input.file_too_large" (max: usize) { zh: "项目文件超过 {max} 字节", en: "the project file is larger than {max} bytes" }
    input_not_json "admission.input.not_json" (detail: String) { zh: "不是有效的 JSON:{detail}", en: "not valid JSON: {detail}" }
    input_kind "admission.input.kind" () { zh: "项目类型应为 new(新建)、expansion(扩建)、renovation(改建)或 relocation(搬迁)", en: "the project kind must be new, expansion, renovation or relocation" }
    input_credit_code "admission.input.credit_code" () { zh: "统一社会信用代码无效", en: "not a valid unified social credit code" }
    input_who "admission.input.who" () { zh: "须填写台账中的企业(enterprise.credit_code)或新公司名称(company.name)", en: "name the ledger's enterprise (enterprise.credit_code) or the new company (company.name)" }
    input_industry "admission.input.industry" () { zh: "不是 GB/T 4754-2017 的小类代码(4 位)", en: "not a GB/T 4754-2017 class code (4 digits)" }
    input_division "admission.input.division" () { zh: "项目地点须为 6、9 或 12 位行政区划代码", en: "the location must be a division code of 6, 9 or 12 digits" }
    input_park_name "admission.input.park_name" () { zh: "位于园区的项目须填写园区名称", en: "a project inside a park needs the park's name" }
    input_no_capacity "admission.input.no_capacity" () { zh: "须至少填写一项产品及其新增或淘汰产能", en: "at least one product with the capacity it adds or removes is required" }
    input_fuel "admission.input.fuel" (fuels: String) { zh: "未知燃料,可用:{fuels}", en: "unknown fuel; known: {fuels}" }
    input_case_id "admission.input.case_id" () { zh: "退出案件编号应为正整数", en: "the exit case number must be a positive whole number" }
    input_not_utf8 "admission.input.not_utf8" () { zh: "项目文件不是 UTF-8 文本", en: "the project file is not UTF-8 text" }
    input_refused "admission.input.refused" (count: usize) { zh: "项目被拒绝:{count} 处问题,未做审核", en: "the project was refused: {count} problem(s), nothing checked" }
    input_case_twice "admission.input.case_twice" () { zh: "同一退出案件在本项目中重复列出", en: "the same exit case is listed twice in this project" }

    // Outcomes and verdicts.
    outcome_refuse "admission.outcome.refuse" () { zh: "不予准入", en: "Refused" }
    outcome_undecided "admission.outcome.undecided" () { zh: "无法判定(缺少数据)", en: "Undecided (data missing)" }
    outcome_condition "admission.outcome.condition" () { zh: "附条件", en: "Condition" }
    outcome_note "admission.outcome.note" () { zh: "须审查", en: "To review" }
    outcome_clear "admission.outcome.clear" () { zh: "符合", en: "Met" }
    verdict_refused "admission.verdict.refused" () { zh: "不符合准入要求", en: "Not admissible" }
    verdict_undecided "admission.verdict.undecided" () { zh: "资料不全,无法判定", en: "Undecided: data missing" }
    verdict_conditional "admission.verdict.conditional" () { zh: "附条件符合", en: "Admissible with conditions" }
    verdict_admissible "admission.verdict.admissible" () { zh: "符合准入要求", en: "Admissible" }
    stored_explanation_lost "admission.finding.lost" (text: String) { zh: "{text}", en: "{text}" }

    // Explanations of findings.
    why_no_net_capacity "admission.why.no_net_capacity" () { zh: "不新增产能(新增产能不超过淘汰和置换产能)", en: "no net capacity added (capacity built does not exceed capacity removed and replaced)" }
    why_net_capacity "admission.why.net_capacity" (growth: String, industry: String) {
        zh: "净新增产能 {growth}(行业 {industry}),属单纯新增产能",
        en: "net new capacity {growth} (industry {industry}): the project only adds capacity",
    }
    why_uses_coal "admission.why.uses_coal" (coal: String) { zh: "项目以煤炭为燃料(年耗煤 {coal} 吨)", en: "the project burns coal ({coal} t a year)" }
    why_fuel_unknown "admission.why.fuel_unknown" () { zh: "未填写燃料和耗煤量,无法判定", en: "fuels and coal use are not stated: cannot be decided" }
    why_no_coal "admission.why.no_coal" () { zh: "不使用煤炭", en: "no coal used" }
    why_no_replacement "admission.why.no_replacement" () { zh: "未申报产能置换", en: "no capacity replacement declared" }
    why_replaced_location_unknown "admission.why.replaced_location_unknown" (count: usize) {
        zh: "{count} 项被置换产能的所在地未知(须由台账中的退出案件补全)",
        en: "the location of {count} replaced capacity item(s) is unknown (to be filled from the ledger's exit case)",
    }
    why_replacement_outside_province "admission.why.replacement_outside_province" () { zh: "被置换产能不在本省", en: "the replaced capacity is outside the province" }
    why_upsizing_declared "admission.why.upsizing_declared" () {
        zh: "申报为骨干企业内部改造升级的装备大型化置换:骨干企业身份须经工业和信息化部门确认",
        en: "declared as equipment upsizing inside a core enterprise: the industry bureau must confirm the core-enterprise status",
    }
    why_upsizing_not_internal "admission.why.upsizing_not_internal" () {
        zh: "申报为装备大型化置换,但被置换产能不属于本企业",
        en: "declared as equipment upsizing, but the replaced capacity is not the enterprise's own",
    }
    why_replacement_in_province "admission.why.replacement_in_province" (capacity: String, unit: String) {
        zh: "以省内产能 {capacity} {unit} 置换,本行业不再实施省内产能置换",
        en: "replaces {capacity} {unit} of capacity inside the province, which this industry no longer allows",
    }
    why_ratio_met "admission.why.ratio_met" (ratio: String) { zh: "置换比例不低于 {ratio}:1", en: "replacement ratio at least {ratio}:1" }
    why_ratio_short "admission.why.ratio_short" (short: String, ratio: String) {
        zh: "淘汰与置换产能不足:{short}(要求 {ratio}:1)",
        en: "capacity removed and replaced falls short: {short} (required {ratio}:1)",
    }
    why_in_park "admission.why.in_park" (park: String) { zh: "位于园区:{park}", en: "inside a park: {park}" }
    why_outside_park "admission.why.outside_park" () { zh: "项目不在园区内", en: "the project is not inside a park" }
    why_coal_amount_missing "admission.why.coal_amount_missing" () { zh: "以煤炭为燃料但未填写年耗煤量,无法判定", en: "burns coal but the annual coal use is not stated: cannot be decided" }
    why_coal_offset_met "admission.why.coal_offset_met" (offset: String, coal: String, ratio: String) {
        zh: "煤炭减量替代 {offset} 吨/年,不低于新增耗煤 {coal} 吨/年 × {ratio}",
        en: "coal use cut elsewhere {offset} t/a, at least {ratio} × the {coal} t/a added",
    }
    why_coal_offset_short "admission.why.coal_offset_short" (offset: String, coal: String, ratio: String) {
        zh: "煤炭减量替代 {offset} 吨/年,低于新增耗煤 {coal} 吨/年 × {ratio}:须落实替代来源",
        en: "coal use cut elsewhere {offset} t/a is below {ratio} × the {coal} t/a added: the substitution source is required",
    }
    why_energy_missing "admission.why.energy_missing" () { zh: "未填写年综合能源消费量,无法判定", en: "annual energy use is not stated: cannot be decided" }
    why_energy_review "admission.why.energy_review" (energy: String, threshold: String) {
        zh: "年综合能源消费量 {energy} 吨标准煤,不低于 {threshold}:须取得发展改革部门的双控意见(节能审查)",
        en: "annual energy use {energy} tce is at least {threshold}: the development and reform bureau's dual-control opinion (energy review) is required",
    }
    why_energy_below "admission.why.energy_below" (energy: String, threshold: String) {
        zh: "年综合能源消费量 {energy} 吨标准煤,低于 {threshold}",
        en: "annual energy use {energy} tce, below {threshold}",
    }
    why_emissions_missing "admission.why.emissions_missing" () { zh: "未填写污染物排放量,无法判定", en: "emissions are not stated: cannot be decided" }
    why_totals_met "admission.why.totals_met" (pollutants: String) { zh: "总量控制污染物({pollutants})均有总量来源", en: "every total-controlled pollutant ({pollutants}) has its offset" }
    why_totals_short "admission.why.totals_short" (short: String) { zh: "总量来源不足:{short}", en: "offsets fall short: {short}" }
    why_review_required "admission.why.review_required" () { zh: "须进行资源环境准入审核(各部门意见)", en: "the resource and environment admission review (the departments' opinions) is required" }
    why_no_rule "admission.why.no_rule" (division: String, industry: String) {
        zh: "地点 {division}、行业 {industry} 在本准入目录中无适用条款,须人工审查",
        en: "no rule of this catalogue covers location {division} and industry {industry}: to be reviewed by hand",
    }

    // The review.
    state_submitted "admission.state.submitted" () { zh: "已提交", en: "Submitted" }
    state_checked "admission.state.checked" () { zh: "已审核(征求部门意见)", en: "Checked (departments' opinions)" }
    state_decided "admission.state.decided" () { zh: "已决定", en: "Decided" }
    state_published "admission.state.published" () { zh: "已公开", en: "Published" }
    stance_agree "admission.stance.agree" () { zh: "同意", en: "Agree" }
    stance_conditions "admission.stance.conditions" () { zh: "附条件同意", en: "Agree with conditions" }
    stance_disagree "admission.stance.disagree" () { zh: "不同意", en: "Disagree" }
    step_department_not_involved "admission.step.department_not_involved" (department: Arg) {
        zh: "本项目未征求{department}的意见",
        en: "the {department} is not among the departments this project asks",
    }
    step_opinion_given "admission.step.opinion_given" () { zh: "本部门已出具意见", en: "this department has already given its opinion" }
    step_reasons_required "admission.step.reasons_required" (min: usize) { zh: "须说明理由(至少 {min} 个字)", en: "the reasons are required (at least {min} characters)" }
    step_text_too_long "admission.step.text_too_long" (max: usize) { zh: "不超过 {max} 个字", en: "at most {max} characters" }
    step_opinions_missing "admission.step.opinions_missing" (count: usize) { zh: "尚有 {count} 个部门未出具意见", en: "{count} department(s) have not given their opinion yet" }
    step_cannot_approve_refused "admission.step.cannot_approve_refused" () { zh: "审核结论为不符合准入要求,不能批准", en: "the check found the project not admissible: it cannot be approved" }
    step_cannot_approve_undecided "admission.step.cannot_approve_undecided" () { zh: "资料不全、无法判定的项目不能批准,须补齐后重新审核", en: "an undecided project cannot be approved: complete its data and check it again" }
    step_cannot_approve_disagreed "admission.step.cannot_approve_disagreed" () { zh: "有部门不同意,不能批准", en: "a department disagrees: the project cannot be approved" }
    step_published "admission.step.published" () { zh: "项目审核结果已公开,不能再办理", en: "the result is published: no further step" }
    step_out_of_order "admission.step.out_of_order" (step: &str, state: Msg) {
        zh: "项目处于“{state}”,不能执行“{step}”",
        en: "the project is {state}: '{step}' is not possible",
    }
}

/// A text a rule carries in both languages.
pub fn both(zh: &str, en: &str) -> Arg {
    Arg::both(zh, en)
}
