//! The fused emission inventory, activity data, factors, scenarios and the synergy of measures
//! (issue 13): workbook refusals, command line, pages.

crate::messages! {
    // Vocabularies.
    category_fuel "inventory.category.fuel" () { zh: "燃料", en: "fuel" }
    category_electricity "inventory.category.electricity" () { zh: "外购电力", en: "purchased electricity" }
    category_heat "inventory.category.heat" () { zh: "外购热力", en: "purchased heat" }
    category_product "inventory.category.product" () { zh: "产品产量", en: "product output" }
    category_process_input "inventory.category.process_input" () { zh: "工艺原料", en: "process input" }
    source_combustion "inventory.source.combustion" () { zh: "化石燃料燃烧", en: "fuel combustion" }
    source_process "inventory.source.process" () { zh: "工业过程", en: "industrial process" }
    source_solvent "inventory.source.solvent" () { zh: "溶剂使用", en: "solvent use" }
    source_electricity "inventory.source.electricity" () { zh: "外购电力（间接）", en: "purchased electricity (indirect)" }
    source_heat "inventory.source.heat" () { zh: "外购热力（间接）", en: "purchased heat (indirect)" }
    source_outlet "inventory.source.outlet" () { zh: "排放口监测（未关联活动水平）", en: "monitored outlet (no activity row)" }
    method_factor "inventory.method.factor" () { zh: "排放因子法", en: "emission factor" }
    method_monitoring "inventory.method.monitoring" () { zh: "自动监测实测法", en: "automatic monitoring" }
    measure_closure "inventory.measure.closure" () { zh: "关停", en: "closure" }
    measure_upgrade "inventory.measure.upgrade" () { zh: "提标改造", en: "upgrade to a lower limit" }
    measure_fuel_switch "inventory.measure.fuel_switch" () { zh: "燃料替代", en: "fuel switch" }
    measure_low_nox "inventory.measure.low_nox" () { zh: "燃气锅炉低氮改造", en: "low-NOx retrofit of gas boilers" }
    measure_vehicle "inventory.measure.vehicle" () { zh: "车辆替代", en: "vehicle replacement" }
    measure_output_cut "inventory.measure.output_cut" () { zh: "压减产量", en: "output cut" }

    // Workbook refusals (the 活动水平 sheet).
    unknown_item "inventory.activity.unknown_item" (value: &str, category: &str, known: &str) {
        zh: "“{value}”不是{category}的已知品种（因子库 data/factors/ 中有：{known}）",
        en: "'{value}' is not a known item of {category} (the factor library data/factors/ has: {known})",
    }
    unknown_category "inventory.activity.unknown_category" (value: &str) {
        zh: "类别“{value}”应为 燃料/外购电力/外购热力/产品产量/工艺原料",
        en: "the category '{value}' must be fuel, purchased electricity, purchased heat, product output or process input (the Chinese names as in the template)",
    }
    wrong_unit "inventory.activity.wrong_unit" (unit: &str, item: &str, accepted: &str) {
        zh: "单位“{unit}”不适用于 {item}，应为：{accepted}",
        en: "the unit '{unit}' does not fit {item}: use {accepted}",
    }
    unknown_control "inventory.activity.unknown_control" (control: &str, item: &str, known: &str) {
        zh: "控制技术“{control}”在因子库中没有 {item} 的因子，可填：{known}",
        en: "the factor library has no factor of {item} for the control technology '{control}': use {known}",
    }
    unknown_enterprise "inventory.activity.unknown_enterprise" (code: &str) {
        zh: "企业表中没有统一社会信用代码为 {code} 的企业",
        en: "no enterprise with the credit code {code} on the enterprise sheet",
    }
    unknown_year "inventory.activity.unknown_year" (year: i64) {
        zh: "该企业在年度数据表中没有 {year} 年的记录，请先填报年度数据",
        en: "the enterprise has no {year} row on the yearly figures sheet: enter the year's figures first",
    }
    unknown_equipment "inventory.activity.unknown_equipment" (name: &str) {
        zh: "该企业在主要设备表中没有名为“{name}”的设备",
        en: "the enterprise has no equipment named '{name}' on the equipment sheet",
    }
    unknown_outlet "inventory.activity.unknown_outlet" (code: &str) {
        zh: "该企业在排放口表中没有编号为 {code} 的排放口",
        en: "the enterprise has no outlet {code} on the outlet sheet",
    }
    negative_amount "inventory.activity.negative_amount" (value: &str) {
        zh: "数量 {value} 不能为负数",
        en: "the amount {value} must not be negative",
    }
    duplicate_row "inventory.activity.duplicate_row" (row: usize) {
        zh: "与第 {row} 行重复（同一企业、年份、类别、品种、设备和排放口只填一行）",
        en: "duplicates row {row} (one row per enterprise, year, category, item, equipment and outlet)",
    }

    // Scenarios.
    scenario_unknown_enterprise "inventory.scenario.unknown_enterprise" (code: &str) {
        zh: "清单中没有统一社会信用代码为 {code} 的企业（或不在您的辖区内）",
        en: "no enterprise {code} in the inventory (or outside your jurisdiction)",
    }
    scenario_unknown_equipment "inventory.scenario.unknown_equipment" (code: &str, equipment: &str) {
        zh: "企业 {code} 没有名为“{equipment}”的设备",
        en: "the enterprise {code} has no equipment named '{equipment}'",
    }
    scenario_bad_percent "inventory.scenario.bad_percent" (value: f64) {
        zh: "压减比例 {value}% 应在 0 到 100 之间",
        en: "the cut of {value}% must be between 0 and 100",
    }
    scenario_not_air "inventory.scenario.not_air" (pollutant: &str) {
        zh: "提标改造只适用于 SO2、NOx、PM、VOCs，不适用于 {pollutant}",
        en: "an upgrade to a limit applies to SO2, NOx, PM and VOCs only, not to {pollutant}",
    }
    scenario_bad_limit "inventory.scenario.bad_limit" (value: f64) {
        zh: "排放限值 {value} mg/m³ 应为非负数",
        en: "the limit {value} mg/m³ must be a non-negative number",
    }
    scenario_no_limit "inventory.scenario.no_limit" (code: &str, pollutant: &str) {
        zh: "企业 {code} 的排放口在台账中没有 {pollutant} 的现行排放限值，无法按新限值折算",
        en: "the ledger has no current {pollutant} limit for the outlets of {code}: the new limit cannot be applied",
    }
    scenario_bad_switch "inventory.scenario.bad_switch" (to: &str) {
        zh: "燃料替代的目标“{to}”应为 natural_gas（天然气）或 electricity（电）",
        en: "the fuel switch target '{to}' must be natural_gas or electricity",
    }
    scenario_no_efficiency "inventory.scenario.no_efficiency" (item: &str) {
        zh: "设置（data/factors/settings.toml）中没有 {item} 的能源利用效率，无法折算替代量",
        en: "the settings (data/factors/settings.toml) have no efficiency for {item}: the replacement amount cannot be computed",
    }
    scenario_step_refused "inventory.scenario.step_refused" (step: u32, reason: crate::i18n::Msg) {
        zh: "第 {step} 步无法执行：{reason}",
        en: "step {step} cannot apply: {reason}",
    }
    scenario_name_required "inventory.scenario.name_required" () {
        zh: "请填写情景名称",
        en: "the scenario needs a name",
    }
    scenario_no_steps "inventory.scenario.no_steps" () {
        zh: "情景至少需要一个措施",
        en: "a scenario needs at least one measure",
    }
    scenario_not_found "inventory.scenario.not_found" (id: i64) {
        zh: "没有编号为 {id} 的情景",
        en: "no scenario {id}",
    }

    // Command line.
    year_invalid "inventory.input.year_invalid" (value: &str) {
        zh: "年份“{value}”应为四位数字，例如 2025",
        en: "the year '{value}' must be four digits, e.g. 2025",
    }
    format_invalid "inventory.input.format_invalid" (value: &str) {
        zh: "输出格式“{value}”应为 csv 或 json",
        en: "the format '{value}' must be csv or json",
    }
    no_data "inventory.input.no_data" (year: i32) {
        zh: "{year} 年没有活动水平数据或监测数据，清单为空",
        en: "no activity data or monitoring data for {year}: the inventory is empty",
    }
}
