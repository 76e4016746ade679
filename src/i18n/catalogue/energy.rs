//! Energy (issue 18): key energy users and their dual-control evaluation, efficiency against the
//! benchmark and baseline levels, the renovation list, relocation candidates.

crate::messages! {
    // Classes, grades, sources.
    class_benchmark "energy.class.benchmark" () { zh: "达到标杆水平", en: "at or above the benchmark" }
    class_between "energy.class.between" () { zh: "介于基准与标杆之间", en: "between baseline and benchmark" }
    class_below_baseline "energy.class.below_baseline" () { zh: "低于基准水平", en: "below the baseline" }
    grade_exceeded "energy.grade.exceeded" () { zh: "超额完成", en: "exceeded" }
    grade_completed "energy.grade.completed" () { zh: "完成", en: "completed" }
    grade_basically "energy.grade.basically" () { zh: "基本完成", en: "basically completed" }
    grade_failed "energy.grade.failed" () { zh: "未完成", en: "not completed" }
    grade_none "energy.grade.none" () { zh: "未评级（无目标）", en: "not graded (no target)" }
    source_activity "energy.source.activity" () { zh: "活动水平折标（GB/T 2589）", en: "activity data converted (GB/T 2589)" }
    source_reported "energy.source.reported" () { zh: "年度数据填报值", en: "reported yearly figure" }

    // Classification: why a line is not classified.
    no_benchmark "energy.classify.no_benchmark" (kind: Arg) {
        zh: "{kind}在能效标杆水平和基准水平清单（data/energy/benchmarks.csv）中没有条目，不作判定",
        en: "{kind} has no entry in the benchmark and baseline list (data/energy/benchmarks.csv): not classified",
    }
    no_band "energy.classify.no_band" (kind: Arg, process: &str, capacity: &str) {
        zh: "{kind}（工艺“{process}”，规模 {capacity}）不属于清单中任何一档，不作判定",
        en: "{kind} (process '{process}', size {capacity}) falls in no line of the list: not classified",
    }
    no_value "energy.classify.no_value" (product: Arg, unit: &str) {
        zh: "未填报单位产品能耗（{product}，单位 {unit}）",
        en: "no specific energy use entered ({product}, in {unit})",
    }
    unit_missing "energy.classify.unit_missing" (product: Arg, unit: &str) {
        zh: "单位产品能耗未注明单位：{product}应以 {unit} 填报",
        en: "the specific energy use has no unit: {product} is entered in {unit}",
    }
    unit_unknown "energy.classify.unit_unknown" (unit: &str, known: &str) {
        zh: "“{unit}”不是单位产品能耗的单位，可填：{known}",
        en: "'{unit}' is not a unit of specific energy use: use {known}",
    }
    unit_wrong "energy.classify.unit_wrong" (unit: &str, product: Arg, expected: &str) {
        zh: "单位“{unit}”不适用于{product}：标杆和基准水平以 {expected} 计",
        en: "the unit '{unit}' does not fit {product}: its benchmark and baseline are in {expected}",
    }

    // Evaluation notes and diagnosis reasons.
    no_coefficient "energy.evaluate.no_coefficient" (item: &str) {
        zh: "品种 {item} 没有折标准煤系数（data/energy/conversion.csv），未计入",
        en: "{item} has no standard-coal coefficient (data/energy/conversion.csv): not counted",
    }
    no_energy "energy.evaluate.no_energy" () { zh: "该年度既无能源活动水平也无填报的综合能源消费量", en: "neither energy activity data nor a reported energy use for the year" }
    no_value_added "energy.evaluate.no_value_added" () { zh: "该年度无工业增加值，无法计算单位增加值能耗", en: "no value added for the year: no energy use per unit of value added" }
    no_target "energy.evaluate.no_target" () { zh: "未下达该年度能耗目标，不评级", en: "no target assigned for the year: not graded" }
    diagnose_grade "energy.diagnosis.grade" (grade: Msg, intensity_pct: &str, total_pct: &str) {
        zh: "评价等级为“{grade}”：单位增加值能耗为目标的 {intensity_pct}%，能耗总量为目标的 {total_pct}%",
        en: "graded '{grade}': energy per value added at {intensity_pct}% of its target, total energy use at {total_pct}%",
    }
    diagnose_below_baseline "energy.diagnosis.below_baseline" (equipment: &str, product: Arg) {
        zh: "设备“{equipment}”（{product}）能效低于基准水平",
        en: "equipment '{equipment}' ({product}) is below the baseline",
    }

    // Input refusals.
    year_invalid "energy.input.year_invalid" (value: &str) { zh: "年份“{value}”应为四位数字", en: "the year '{value}' must have four digits" }
    format_invalid "energy.input.format_invalid" (value: &str) { zh: "格式“{value}”应为 csv 或 json", en: "the format '{value}' must be csv or json" }
    no_data "energy.input.no_data" (year: i32) { zh: "{year} 年没有重点用能单位的能耗数据", en: "no key energy user has energy data for {year}" }
    target_bad_number "energy.input.target_bad_number" (field: &str, value: &str) {
        zh: "{field}“{value}”应为正数或留空",
        en: "{field} '{value}' must be a positive number or empty",
    }
    target_empty "energy.input.target_empty" () { zh: "能耗总量目标和强度目标至少填一项", en: "enter a total energy target, an intensity target or both" }
    target_line "energy.input.target_line" (line: usize, reason: Msg) { zh: "第 {line} 行：{reason}", en: "line {line}: {reason}" }
    target_columns "energy.input.target_columns" () {
        zh: "目标文件的表头应为：统一社会信用代码,年度,能耗总量目标(tce),单位增加值能耗目标(tce/万元)",
        en: "the target file's header must be the four Chinese column names of the template: credit code, year, total energy target (tce), target per unit of value added (tce/10⁴ yuan)",
    }
    unknown_enterprise "energy.input.unknown_enterprise" (code: &str) {
        zh: "管辖范围内没有统一社会信用代码为 {code} 的企业",
        en: "no enterprise with the credit code {code} in your jurisdiction",
    }
    field_required "energy.input.field_required" (field: Msg) { zh: "请填写{field}", en: "{field} is required" }
    date_invalid "energy.input.date_invalid" (value: &str) { zh: "日期“{value}”应为 YYYY-MM-DD 且不晚于今天", en: "the date '{value}' must be YYYY-MM-DD and not after today" }
    percent_invalid "energy.input.percent_invalid" (value: &str) { zh: "进度“{value}”应为 0–100 的整数", en: "the progress '{value}' must be a whole number from 0 to 100" }
    item_left "energy.input.item_left" () { zh: "该条目已移出清单，不能再更新进度", en: "the item has left the list: its progress can no longer be updated" }
    not_found "energy.input.not_found" () { zh: "没有这条记录", en: "no such record" }

    // Column and field names.
    col_credit_code "energy.col.credit_code" () { zh: "统一社会信用代码", en: "credit code" }
    col_agency "energy.col.agency" () { zh: "诊断机构", en: "diagnosing agency" }
    col_findings "energy.col.findings" () { zh: "诊断发现", en: "findings" }
    col_follow_up "energy.col.follow_up" () { zh: "整改跟进", en: "follow-up" }
    col_progress_note "energy.col.progress_note" () { zh: "进展说明", en: "progress note" }

    // Pages.
    nav "energy.page.nav" () { zh: "能耗与能效", en: "Energy" }
    page_title "energy.page.title" () { zh: "能耗双控与能效水平", en: "Energy: dual control and efficiency levels" }
    show "energy.page.show" () { zh: "显示", en: "Show" }
    export "energy.page.export" () { zh: "导出 Excel", en: "Export to Excel" }
    yes "energy.page.yes" () { zh: "是", en: "yes" }
    no "energy.page.no" () { zh: "否", en: "no" }
    status_verified "energy.status.verified" () { zh: "已核实", en: "verified" }
    status_secondary "energy.status.secondary" () { zh: "二手来源", en: "secondary source" }
    status_unverified "energy.status.unverified" () { zh: "未核实", en: "unverified" }
    card_key_users "energy.page.card_key_users" () { zh: "重点用能单位", en: "key energy users" }
    card_diagnosis "energy.page.card_diagnosis" () { zh: "建议节能诊断", en: "recommended for an energy diagnosis" }
    card_relocation "energy.page.card_relocation" () { zh: "退城搬迁候选", en: "relocation candidates" }
    chart_grades "energy.page.chart_grades" (year: i32) { zh: "{year} 年重点用能单位能耗双控评价等级", en: "Key energy users by dual-control grade, {year}" }
    chart_classes "energy.page.chart_classes" () { zh: "设备能效水平分布（按能效标杆水平和基准水平）", en: "Lines and equipment by efficiency level (benchmark and baseline)" }
    grading_note "energy.page.grading_note" (exceeded: f64, completed: f64, basically: f64) {
        zh: "评价等级取能耗总量与单位增加值能耗两项“实际/目标”中较差者：不超过 {exceeded}% 为超额完成，不超过 {completed}% 为完成，不超过 {basically}% 为基本完成，否则未完成（分级为设置项，未核实，见 data/energy/settings.toml）。",
        en: "The grade takes the worse of actual ÷ target for total energy use and for energy per unit of value added: up to {exceeded}% exceeded, up to {completed}% completed, up to {basically}% basically completed, above: not completed (a setting, unverified: data/energy/settings.toml).",
    }
    threshold_note "energy.page.threshold_note" (threshold: f64) {
        zh: "重点用能单位：年综合能源消费量不低于 {threshold} 吨标准煤（设置项）。来源：",
        en: "Key energy users: at least {threshold} tce of energy a year (a setting). Source:",
    }
    method_note "energy.page.method_note" () {
        zh: "能耗总量按活动水平表的燃料、外购电力（当量值）和外购热力乘以 GB/T 2589 折标准煤系数计算（data/energy/conversion.csv）；无活动水平时用年度数据表的综合能耗填报值。",
        en: "Total energy use is the fuels, purchased electricity (equivalent value) and heat of the activity data sheet times the GB/T 2589 standard-coal coefficients (data/energy/conversion.csv); without activity data, the reported yearly figure.",
    }
    benchmarks_title "energy.page.benchmarks_title" () { zh: "工业重点领域能效标杆水平和基准水平", en: "Benchmark and baseline levels of key industrial sectors" }
    benchmarks_note "energy.page.benchmarks_note" () {
        zh: "数值越小越好：不高于标杆水平为达到标杆，高于基准水平为低于基准（须在期限前完成改造或淘汰退出）。清单外的产品不作判定。来源及核实状态逐条列出（data/energy/benchmarks.csv）。",
        en: "Lower is better: at or below the benchmark reaches the benchmark; above the baseline is below the baseline (renovate or exit by the deadline). Products not on the list are not classified. Each line names its source and status (data/energy/benchmarks.csv).",
    }
    col_year "energy.col.year" () { zh: "年度", en: "year" }
    col_product "energy.col.product" () { zh: "产品（工序）", en: "product (process)" }
    col_indicator "energy.col.indicator" () { zh: "指标", en: "indicator" }
    col_unit "energy.col.unit" () { zh: "单位", en: "unit" }
    col_benchmark "energy.col.benchmark" () { zh: "标杆水平", en: "benchmark" }
    col_baseline "energy.col.baseline" () { zh: "基准水平", en: "baseline" }
    col_deadline "energy.col.deadline" () { zh: "改造或退出期限", en: "renovate or exit by" }
    col_status "energy.col.status" () { zh: "核实状态", en: "status" }
    col_source "energy.col.source" () { zh: "来源", en: "source" }
    col_enterprise "energy.col.enterprise" () { zh: "企业", en: "enterprise" }
    col_district "energy.col.district" () { zh: "所在区划", en: "division" }
    col_energy "energy.col.energy" () { zh: "综合能源消费量（tce）", en: "energy use (tce)" }
    col_energy_source "energy.col.energy_source" () { zh: "能耗来源", en: "energy figure from" }
    col_reported "energy.col.reported" () { zh: "填报综合能耗（tce）", en: "reported energy use (tce)" }
    col_value_added "energy.col.value_added" () { zh: "工业增加值（万元）", en: "value added (10⁴ yuan)" }
    col_intensity "energy.col.intensity" () { zh: "单位增加值能耗（tce/万元）", en: "energy per value added (tce/10⁴ yuan)" }
    col_target_total "energy.col.target_total" () { zh: "能耗总量目标（tce）", en: "total energy target (tce)" }
    col_target_intensity "energy.col.target_intensity" () { zh: "强度目标（tce/万元）", en: "intensity target (tce/10⁴ yuan)" }
    col_target_source "energy.col.target_source" () { zh: "目标下达文件", en: "target document" }
    col_ratio "energy.col.ratio" () { zh: "实际/目标（较差项）", en: "actual ÷ target (worse)" }
    col_ratio_total "energy.col.ratio_total" () { zh: "总量 实际/目标", en: "total: actual ÷ target" }
    col_ratio_intensity "energy.col.ratio_intensity" () { zh: "强度 实际/目标", en: "intensity: actual ÷ target" }
    col_grade "energy.col.grade" () { zh: "评价等级", en: "grade" }
    col_diagnosis "energy.col.diagnosis" () { zh: "建议节能诊断（理由）", en: "energy diagnosis recommended (reason)" }
    col_key_user "energy.col.key_user" () { zh: "重点用能单位", en: "key energy user" }
    col_equipment "energy.col.equipment" () { zh: "生产线/设备", en: "line or equipment" }
    col_specific_energy "energy.col.specific_energy" () { zh: "单位产品能耗", en: "specific energy use" }
    col_class "energy.col.class" () { zh: "能效水平", en: "efficiency level" }
    col_progress "energy.col.progress" () { zh: "改造进度（%）", en: "progress (%)" }
    col_entered "energy.col.entered" () { zh: "纳入清单时间", en: "entered the list" }
    col_left_reason "energy.col.left_reason" () { zh: "移出原因", en: "reason for leaving" }
    col_env_grade "energy.col.env_grade" () { zh: "环保绩效等级", en: "environmental grade" }
    col_verdict "energy.col.verdict" () { zh: "判定", en: "verdict" }
    col_date "energy.col.date" () { zh: "诊断日期", en: "date of the diagnosis" }
    evaluation_title "energy.evaluation.title" () { zh: "重点用能单位能耗双控评价", en: "Dual-control evaluation of key energy users" }
    evaluation_heading "energy.evaluation.heading" (year: i32, count: i64) { zh: "{year} 年：{count} 家", en: "{year}: {count} enterprises" }
    evaluation_empty "energy.evaluation.empty" (year: i32) { zh: "{year} 年没有达到重点用能单位标准的企业（或尚无能耗数据）。", en: "No enterprise reaches the key energy user threshold in {year} (or there are no energy figures yet)." }
    only_key_users "energy.evaluation.only_key_users" () { zh: "只看重点用能单位", en: "key energy users only" }
    all_enterprises "energy.evaluation.all_enterprises" () { zh: "查看全部有能耗数据的企业", en: "all enterprises with energy figures" }
    enterprise_title "energy.enterprise.title" () { zh: "企业能耗与能效", en: "Enterprise energy use and efficiency" }
    enterprise_evaluation "energy.enterprise.evaluation" (year: i32) { zh: "{year} 年能耗双控评价", en: "Dual-control evaluation, {year}" }
    diagnosis_recommended "energy.enterprise.diagnosis_recommended" () { zh: "建议开展节能诊断，理由：", en: "An energy diagnosis is recommended because:" }
    equipment_title "energy.enterprise.equipment_title" () { zh: "生产线和设备的能效水平", en: "Efficiency level of lines and equipment" }
    equipment_none "energy.enterprise.equipment_none" () { zh: "该企业没有适用能效标杆水平和基准水平的设备。", en: "None of its equipment falls under the benchmark and baseline list." }
    deadline_note "energy.enterprise.deadline_note" () { zh: "改造或淘汰退出期限：", en: "renovate or exit by" }
    diagnoses_title "energy.enterprise.diagnoses_title" () { zh: "节能诊断记录", en: "Energy diagnoses" }
    diagnoses_none "energy.enterprise.diagnoses_none" () { zh: "尚无节能诊断记录。", en: "No energy diagnosis recorded yet." }
    record_diagnosis "energy.enterprise.record_diagnosis" () { zh: "记录节能诊断", en: "Record the diagnosis" }
    target_title "energy.enterprise.target_title" (year: i32) { zh: "下达 {year} 年能耗目标", en: "Assign the {year} targets" }
    save_target "energy.enterprise.save_target" () { zh: "保存目标", en: "Save the targets" }
    renovation_title "energy.renovation.title" () { zh: "节能降碳技术改造动态清单", en: "Renovation list (dynamic)" }
    renovation_note "energy.renovation.note" () {
        zh: "低于基准水平或介于基准与标杆之间的生产线和设备纳入清单；达到标杆、停用或不再能判定时移出，纳入和移出均有记录。",
        en: "Lines and equipment below the baseline or between baseline and benchmark are on the list; they leave when they reach the benchmark, close or can no longer be classified. Entering and leaving are recorded.",
    }
    renovation_heading "energy.renovation.heading" (count: i64) { zh: "清单条目：{count}", en: "Items: {count}" }
    renovation_empty "energy.renovation.empty" () { zh: "清单为空（更新清单后按台账中的单位产品能耗生成）。", en: "The list is empty (updating it builds it from the specific energy use in the ledger)." }
    all_classes "energy.renovation.all_classes" () { zh: "全部", en: "all" }
    show_left "energy.renovation.show_left" () { zh: "含已移出条目", en: "include items that left" }
    hide_left "energy.renovation.hide_left" () { zh: "只看在册条目", en: "items on the list only" }
    refresh "energy.renovation.refresh" (year: i32) { zh: "按台账更新清单（{year} 年）", en: "Update the list from the ledger ({year})" }
    left_on "energy.renovation.left_on" () { zh: "移出时间", en: "left on" }
    item_title "energy.renovation.item_title" () { zh: "改造清单条目", en: "Renovation list item" }
    events_title "energy.renovation.events_title" () { zh: "记录", en: "History" }
    event_entered "energy.renovation.event_entered" () { zh: "纳入清单", en: "entered the list" }
    event_left "energy.renovation.event_left" () { zh: "移出清单", en: "left the list" }
    event_reclassified "energy.renovation.event_reclassified" () { zh: "能效水平变化", en: "level changed" }
    event_progress "energy.renovation.event_progress" () { zh: "进度更新", en: "progress" }
    save_progress "energy.renovation.save_progress" () { zh: "保存进度", en: "Save the progress" }
    relocation_title "energy.relocation.title" () { zh: "退城搬迁候选企业", en: "Relocation candidates" }
    relocation_note "energy.relocation.note" () {
        zh: "配置区域（示范城市绕城高速以内，data/energy/built-up-area.geojson）内，既达不到能效标杆水平、又非环保绩效A级的企业。有适用设备但无法判定能效的企业单列为待定。",
        en: "Enterprises inside the configured area (the demo city inside its ring expressway, data/energy/built-up-area.geojson) that reach neither the energy-efficiency benchmark nor environmental grade A. Those with benchmarked equipment that cannot be classified are listed as undecided.",
    }
    relocation_heading "energy.relocation.heading" (count: i64) { zh: "候选企业：{count}", en: "Candidates: {count}" }
    relocation_empty "energy.relocation.empty" () { zh: "区域内没有候选企业。", en: "No candidate inside the area." }
    relocation_candidate "energy.relocation.candidate" () { zh: "搬迁候选", en: "candidate" }
    relocation_undecided "energy.relocation.undecided" () { zh: "待定（能效无法判定）", en: "undecided (efficiency not classified)" }
    xlsx_evaluation "energy.xlsx.evaluation" () { zh: "能耗双控评价", en: "Dual-control evaluation" }
    xlsx_renovation "energy.xlsx.renovation" () { zh: "改造清单", en: "Renovation list" }
    xlsx_relocation "energy.xlsx.relocation" () { zh: "搬迁候选", en: "Relocation candidates" }
    dossier_title "energy.dossier.title" () { zh: "能效水平", en: "Energy efficiency" }
    dossier_link "energy.dossier.link" () { zh: "能耗双控评价与节能诊断", en: "dual-control evaluation and energy diagnoses" }
}
use crate::i18n::{Arg, Msg};
