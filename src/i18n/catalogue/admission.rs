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

    // Storage refusals.
    replaced_case_unknown "admission.replaced.case_unknown" () { zh: "台账中没有该退出案件", en: "the ledger holds no such exit case" }
    replaced_not_exited "admission.replaced.not_exited" () { zh: "该案件的产能尚未退出(未封存或拆除)", en: "the case's capacity has not exited yet (not sealed or dismantled)" }
    replaced_unit "admission.replaced.unit" (case_unit: String, unit: String) { zh: "案件产能单位为 {case_unit},申报为 {unit}", en: "the case's capacity is in {case_unit}, the project gives {unit}" }
    replaced_more_than_case "admission.replaced.more_than_case" (cited: String, capacity: String, unit: String) {
        zh: "申报置换 {cited} {unit},超过案件退出的产能 {capacity} {unit}",
        en: "cites {cited} {unit}, more than the {capacity} {unit} the case took out",
    }
    replaced_case_no_capacity "admission.replaced.case_no_capacity" () { zh: "该案件未记录产能,不能用于置换", en: "the case records no capacity: it cannot be replaced" }
    replaced_already_used "admission.replaced.already_used" (project: i64) {
        zh: "该退出产能已被准入项目 #{project} 用于置换,不能重复计算",
        en: "this exited capacity was already counted by admitted project #{project}: it cannot be counted twice",
    }
    replaced_already_used_decide "admission.replaced.already_used_decide" (case: i64, project: i64) {
        zh: "不能批准:退出案件 #{case} 的产能已被准入项目 #{project} 用于置换,不能重复计算",
        en: "cannot approve: the capacity of exit case #{case} was already counted by admitted project #{project}; it cannot be counted twice",
    }
    replaced_race "admission.replaced.race" (case: i64) { zh: "退出案件 #{case} 的产能刚被另一项目占用", en: "the capacity of exit case #{case} was just taken by another project" }
    refused_with "admission.refused_with" (problems: Arg) { zh: "项目被拒绝:{problems}", en: "the project was refused: {problems}" }
    only_own_projects "admission.only_own" () { zh: "企业账号只能申报本企业的项目", en: "an enterprise account submits its own projects only" }
    outside_jurisdiction "admission.outside_jurisdiction" (division: String) { zh: "项目地点 {division} 不在本账号辖区内", en: "the location {division} is outside your jurisdiction" }
    enterprise_unknown "admission.enterprise_unknown" () { zh: "台账中没有该企业", en: "the ledger holds no such enterprise" }
    division_unknown "admission.division_unknown" () { zh: "行政区划中没有该代码", en: "no division has this code" }
    not_found "admission.not_found" (id: i64) { zh: "没有准入项目 #{id}", en: "no admission project #{id}" }
    changed_meanwhile "admission.changed_meanwhile" () { zh: "项目刚被他人办理,请刷新后重试", en: "someone else just took a step on this project; reload and try again" }
    // Pages.
    page_added "admission.page.added" () { zh: "新增产能", en: "Capacity added" }
    page_adopted "admission.page.adopted" () { zh: "本地采用该条款的区划:", en: "Applied here by adoption of division:" }
    page_all "admission.page.all" () { zh: "全部", en: "All" }
    page_approve "admission.page.approve" () { zh: "批准准入", en: "Approve" }
    page_approved "admission.page.approved" () { zh: "准予准入", en: "Approved" }
    page_back "admission.page.back" () { zh: "返回准入项目列表", en: "Back to the admission projects" }
    page_capacity "admission.page.capacity" () { zh: "产能", en: "Capacity" }
    page_case "admission.page.case" () { zh: "退出案件", en: "Exit case" }
    page_catalogue_version "admission.page.catalogue_version" () { zh: "准入目录版本", en: "Catalogue version" }
    page_coal "admission.page.coal" () { zh: "年耗煤量(吨)", en: "Coal use (t a year)" }
    page_coal_offset "admission.page.coal_offset" () { zh: "煤炭减量替代(吨/年)", en: "Coal use cut elsewhere (t a year)" }
    page_company "admission.page.company" () { zh: "建设单位", en: "Company" }
    page_company_hint "admission.page.company_hint" () { zh: "新公司名称(不在台账中时填写)", en: "New company's name (when not in the ledger)" }
    page_counted "admission.page.counted" () { zh: "已计入本项目", en: "counted by this project" }
    page_credit_code "admission.page.credit_code" () { zh: "统一社会信用代码", en: "Credit code" }
    page_credit_code_hint "admission.page.credit_code_hint" () { zh: "台账企业的统一社会信用代码(新公司可不填)", en: "Credit code of the ledger's enterprise (none for a new company)" }
    page_decide "admission.page.decide" () { zh: "审批决定", en: "Decision" }
    page_decision "admission.page.decision" () { zh: "决定", en: "Decision" }
    page_department "admission.page.department" () { zh: "部门", en: "Department" }
    page_departments_asked "admission.page.departments_asked" () { zh: "须出具意见的部门:", en: "Departments asked for their opinion:" }
    page_dossier_title "admission.page.dossier_title" () { zh: "建设项目准入审核", en: "Project admission reviews" }
    page_emission_t "admission.page.emission_t" () { zh: "排放量(吨/年)", en: "Emission (t a year)" }
    page_emissions "admission.page.emissions" () { zh: "污染物排放量", en: "Emissions" }
    page_energy "admission.page.energy" () { zh: "年综合能源消费量(吨标准煤)", en: "Annual energy use (tce)" }
    page_explanation "admission.page.explanation" () { zh: "说明", en: "Explanation" }
    page_export "admission.page.export" () { zh: "导出 Excel", en: "Export to Excel" }
    page_filter "admission.page.filter" () { zh: "筛选", en: "Filter" }
    page_findings "admission.page.findings" () { zh: "审核结果", en: "Findings" }
    page_form_refused "admission.page.form_refused" () { zh: "项目未提交,请修改以下问题:", en: "The project was not submitted; please correct:" }
    page_fuels "admission.page.fuels" () { zh: "燃料", en: "Fuels" }
    page_give_opinion "admission.page.give_opinion" () { zh: "出具部门意见", en: "Give the department's opinion" }
    page_in_park "admission.page.in_park" () { zh: "位于园区内", en: "Inside a park" }
    page_industry "admission.page.industry" () { zh: "行业", en: "Industry" }
    page_industry_hint "admission.page.industry_hint" () { zh: "行业代码(GB/T 4754-2017 小类,4 位)", en: "Industry (GB/T 4754-2017 class, 4 digits)" }
    page_intro "admission.page.intro" () { zh: "新建、改扩建项目对照准入目录审核(禁止新增产能的行业和地区、产能置换、煤炭减量和双控、总量控制、园区要求),每条结论均注明依据;部门出具意见后作出决定并公开。", en: "New and expanded projects are checked against the admission catalogue (industries and regions where new capacity is prohibited, capacity replacement, coal reduction and dual control, emission totals, parks), each finding with its source; the departments give their opinions, then the decision is taken and published." }
    page_kind "admission.page.kind" () { zh: "项目类型", en: "Kind" }
    page_location "admission.page.location" () { zh: "建设地点", en: "Location" }
    page_location_hint "admission.page.location_hint" () { zh: "建设地点(行政区划代码)", en: "Location (division code)" }
    page_new "admission.page.new" () { zh: "申报建设项目", en: "Submit a project" }
    page_new_company "admission.page.new_company" () { zh: "(新公司)", en: "(new company)" }
    page_no_citation "admission.page.no_citation" () { zh: "无依据条款", en: "no source" }
    page_no_opinions "admission.page.no_opinions" () { zh: "尚无部门意见", en: "No opinion yet" }
    page_none "admission.page.none" () { zh: "暂无项目", en: "No project" }
    page_not_checked "admission.page.not_checked" () { zh: "未审核", en: "Not checked" }
    page_not_checked_yet "admission.page.not_checked_yet" () { zh: "尚未对照准入目录审核", en: "Not yet checked against the admission catalogue" }
    page_not_stated "admission.page.not_stated" () { zh: "未填写", en: "not stated" }
    page_offset_t "admission.page.offset_t" () { zh: "总量来源(吨/年)", en: "Offset (t a year)" }
    page_opinion_text "admission.page.opinion_text" () { zh: "意见及理由", en: "Opinion and reasons" }
    page_opinions "admission.page.opinions" () { zh: "部门意见", en: "Departments' opinions" }
    page_outcome "admission.page.outcome" () { zh: "结论", en: "Outcome" }
    page_park "admission.page.park" () { zh: "园区名称", en: "Park" }
    page_pollutant "admission.page.pollutant" () { zh: "污染物(如 NOx、SO2、VOCs、COD)", en: "Pollutant (e.g. NOx, SO2, VOCs, COD)" }
    page_product_name "admission.page.product_name" () { zh: "产品", en: "Product" }
    page_products "admission.page.products" () { zh: "产品及产能(新增 / 淘汰)", en: "Products and capacity (added / removed)" }
    page_project "admission.page.project" () { zh: "项目", en: "Project" }
    page_publish "admission.page.publish" () { zh: "公开审核结果", en: "Publish the result" }
    page_reasons "admission.page.reasons" () { zh: "理由", en: "Reasons" }
    page_record_decision "admission.page.record_decision" () { zh: "记录决定", en: "Record the decision" }
    page_refuse "admission.page.refuse" () { zh: "不予准入", en: "Refuse" }
    page_refused "admission.page.refused" () { zh: "不予准入", en: "Refused" }
    page_refusing_rules "admission.page.refusing_rules" () { zh: "不予准入的依据", en: "Refusing rules" }
    page_removed "admission.page.removed" () { zh: "淘汰产能", en: "Capacity removed" }
    page_replaced "admission.page.replaced" () { zh: "置换产能(台账中已退出的产能)", en: "Replaced capacity (exited capacity of the ledger)" }
    page_replaced_hint "admission.page.replaced_hint" () { zh: "填写退出案件编号:被置换的产能须已封存或拆除,单位一致,且未被其他准入项目计算。", en: "Give the exit case number: the replaced capacity must have been sealed or dismantled, in the same unit, and not counted by another admitted project." }
    page_rule "admission.page.rule" () { zh: "条款", en: "Rule" }
    page_run_check "admission.page.run_check" () { zh: "对照准入目录审核", en: "Check against the admission catalogue" }
    page_run_check_again "admission.page.run_check_again" () { zh: "重新审核", en: "Check again" }
    page_save_opinion "admission.page.save_opinion" () { zh: "提交意见", en: "Save the opinion" }
    page_setting "admission.page.setting" () { zh: "参数", en: "Setting" }
    page_sheet "admission.page.sheet" () { zh: "准入项目", en: "Admission projects" }
    page_source "admission.page.source" () { zh: "依据", en: "Source" }
    page_state "admission.page.state" () { zh: "办理状态", en: "State" }
    page_submit "admission.page.submit" () { zh: "提交", en: "Submit" }
    page_submitted "admission.page.submitted" () { zh: "提交", en: "Submitted" }
    page_title "admission.page.title" () { zh: "建设项目准入审核", en: "Project admission review" }
    page_unit "admission.page.unit" () { zh: "单位", en: "Unit" }
    page_upsizing "admission.page.upsizing" () { zh: "骨干企业内部改造升级的装备大型化置换(申报)", en: "Equipment upsizing inside a core enterprise (declared)" }
    page_verdict "admission.page.verdict" () { zh: "审核结论", en: "Verdict" }
    fuel_coal "admission.fuel.coal" () { zh: "煤炭", en: "coal" }
    fuel_coke "admission.fuel.coke" () { zh: "焦炭", en: "coke" }
    fuel_natural_gas "admission.fuel.natural_gas" () { zh: "天然气", en: "natural gas" }
    fuel_oil "admission.fuel.oil" () { zh: "油品", en: "oil" }
    fuel_electricity "admission.fuel.electricity" () { zh: "电力", en: "electricity" }
    fuel_biomass "admission.fuel.biomass" () { zh: "生物质", en: "biomass" }
    fuel_hydrogen "admission.fuel.hydrogen" () { zh: "氢能", en: "hydrogen" }
    fuel_other "admission.fuel.other" () { zh: "其他", en: "other" }
    status_verified "admission.status.verified" () { zh: "已核实", en: "verified" }
    status_secondary "admission.status.secondary" () { zh: "二手来源", en: "secondary source" }
    status_unverified "admission.status.unverified" () { zh: "未核实", en: "unverified" }
    status_cited "admission.status.cited" () { zh: "有出处", en: "cited" }
    nav "admission.nav" () { zh: "准入审核", en: "Admission" }
}

/// A text a rule carries in both languages.
pub fn both(zh: &str, en: &str) -> Arg {
    Arg::both(zh, en)
}
