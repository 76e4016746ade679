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
}
