//! Messages of screening: the facts a rule reads (labels for `screening.fact.<name>`), the
//! verdicts of "why (not) flagged", and refusals.

crate::messages! {
    fact_kind "screening.fact.kind" () { zh: "设备类型", en: "equipment kind" }
    fact_capacity "screening.fact.capacity" () { zh: "规模", en: "capacity" }
    fact_fuel "screening.fact.fuel" () { zh: "燃料", en: "fuel" }
    fact_year "screening.fact.year" () { zh: "投产年份", en: "year commissioned" }
    fact_age "screening.fact.age" () { zh: "使用年限", en: "age (years)" }
    fact_process "screening.fact.process" () { zh: "工艺", en: "process" }
    fact_specific_energy "screening.fact.specific_energy" () { zh: "单位产品能耗", en: "specific energy use" }
    fact_energy_efficiency "screening.fact.energy_efficiency" () { zh: "能效水平（标杆/基准）", en: "energy efficiency (benchmark/baseline)" }
    fact_industry "screening.fact.industry" () { zh: "行业代码", en: "industry code" }
    fact_has_outlets "screening.fact.has_outlets" () { zh: "有排放口", en: "has outlets" }
    fact_above_scale "screening.fact.above_scale" () { zh: "规上企业", en: "above designated size" }
    fact_env_grade "screening.fact.env_grade" () { zh: "环保绩效等级", en: "environmental grade" }
    fact_has_eia "screening.fact.has_eia" () { zh: "已办理环评", en: "EIA approved" }
    fact_has_permit "screening.fact.has_permit" () { zh: "持有排污许可证", en: "holds a discharge permit" }
    fact_land_legal "screening.fact.land_legal" () { zh: "用地合法", en: "legal land use" }
    fact_in_built_up_area "screening.fact.in_built_up_area" () { zh: "位于建成区", en: "inside the built-up area" }
    fact_energy_intensity "screening.fact.energy_intensity" () { zh: "单位增加值能耗", en: "energy per unit of value added" }
    verdict_hit "screening.verdict.hit" () { zh: "触发", en: "flagged" }
    verdict_not_hit "screening.verdict.not_hit" () { zh: "未触发", en: "not flagged" }
    verdict_missing "screening.verdict.missing" (facts: String) { zh: "缺少数据：{facts}", en: "data missing: {facts}" }
    verified "screening.citation.verified" () { zh: "已核实", en: "verified" }
    unverified "screening.citation.unverified" () { zh: "未核实", en: "not verified" }
    no_subject "screening.why.no_subject" (code: &str) {
        zh: "没有统一社会信用代码为 {code} 的在产企业（或不在您的管辖范围内）",
        en: "no operating enterprise with credit code {code} in your jurisdiction",
    }
    // Page labels: headings, column titles, buttons and notes of the pages.
    industry "screening.page.industry" () { zh: ",行业 ", en: ", industry " }
    enterprise_times_full_stop "screening.page.enterprise_times_full_stop" () { zh: " 家次。", en: "." }
    semicolon "screening.page.semicolon" () { zh: "；", en: "; " }
    catalogue_version "screening.page.catalogue_version" () { zh: ";规则目录版本 ", en: "; catalogue version " }
    by_dimension "screening.page.by_dimension" () { zh: "按维度", en: "By dimension" }
    by_outcome "screening.page.by_outcome" () { zh: "按处置", en: "By outcome" }
    comprehensive_standards_screening "screening.page.comprehensive_standards_screening" () { zh: "综合标准筛查", en: "Comprehensive-standards screening" }
    differential_pricing_list "screening.page.differential_pricing_list" () { zh: "差别电价名单", en: "Differential pricing list" }
    export_excel "screening.page.export_excel" () { zh: "导出 (Excel)", en: "Export (Excel)" }
    export_findings_excel "screening.page.export_findings_excel" () { zh: "导出筛查结果 (Excel)", en: "Export findings (Excel)" }
    facts_read "screening.page.facts_read" () { zh: "触发事实", en: "Facts read" }
    facts_read_2 "screening.page.facts_read_2" () { zh: "读到的事实", en: "Facts read" }
    findings "screening.page.findings" () { zh: "筛查发现", en: "Findings" }
    from_the_last_screening_findings_with "screening.page.from_the_last_screening_findings_with" () { zh: "依据最近一次筛查,执行差别电价或惩罚性电价的企业 ", en: "From the last screening, findings with differential or punitive electricity prices: " }
    new_findings "screening.page.new_findings" () { zh: "新增的问题", en: "New findings" }
    no_rule_applies_to_this_enterprises "screening.page.no_rule_applies_to_this_enterprises" () { zh: "没有适用于该企业行业和设备的规则。", en: "No rule applies to this enterprise's industry and equipment." }
    no_screening_has_been_run_for "screening.page.no_screening_has_been_run_for" () { zh: "本辖区尚未筛查。", en: "No screening has been run for this jurisdiction yet." }
    resolved_findings "screening.page.resolved_findings" () { zh: "已消除的问题", en: "Resolved findings" }
    rule_catalogue "screening.page.rule_catalogue" () { zh: "规则目录", en: "Rule catalogue" }
    screen_this_jurisdiction_with_the_catalogue "screening.page.screen_this_jurisdiction_with_the_catalogue" () { zh: "用现行规则目录筛查本辖区", en: "Screen this jurisdiction with the catalogue in force" }
    verdict "screening.page.verdict" () { zh: "结论", en: "Verdict" }
    why_not_flagged "screening.page.why_not_flagged" () { zh: "为什么(没有)被筛出?", en: "Why (not) flagged?" }
    findings_by_dimension "screening.page.findings_by_dimension" () { zh: "按维度的筛查发现", en: "findings by dimension" }
    findings_by_outcome "screening.page.findings_by_outcome" () { zh: "按处置的筛查发现", en: "findings by outcome" }
}
