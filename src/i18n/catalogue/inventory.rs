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

    // Pages.
    page_title "inventory.page.title" () { zh: "大气污染物与温室气体融合排放清单", en: "Fused inventory of air pollutants and greenhouse gases" }
    page_empty "inventory.page.empty" () { zh: "辖区内还没有活动水平数据：请在台账工作簿的“活动水平”表中填报燃料、外购电力热力、产品产量和工艺原料。", en: "No activity data in your jurisdiction yet: enter fuels, purchased electricity and heat, products and process inputs on the activity sheet of the ledger workbook." }
    factors_link "inventory.page.factors_link" () { zh: "排放因子库", en: "factor library" }
    scenarios_link "inventory.page.scenarios_link" () { zh: "情景模拟", en: "what-if scenarios" }
    all "inventory.page.all" () { zh: "全部", en: "all" }
    show "inventory.page.show" () { zh: "查询", en: "Show" }
    export "inventory.page.export" () { zh: "导出 Excel", en: "Export .xlsx" }
    method_note "inventory.page.method_note" (coverage: f64) {
        zh: "每个数字注明计算方法：排放量 = 活动水平 × 排放因子（燃料 CO2 = 消耗量 × 低位发热量 × 单位热值含碳量 × 碳氧化率 × 44/12）；排放口的自动监测年排放量覆盖全年小时数 {coverage}% 以上时，以监测数据为准。",
        en: "Every figure names its method: emissions = activity × factor (fuel CO2 = amount × NCV × carbon content × oxidation × 44/12); where an outlet's automatic monitoring covers at least {coverage}% of the year's hours, the monitored total is used instead.",
    }
    ignored_rows "inventory.page.ignored_rows" (count: i64) { zh: "{count} 行活动水平数据无法按现行因子库换算，未计入（请检查品种和单位）。", en: "{count} activity rows cannot be read with the current factor library and are not counted (check their items and units)." }
    yoy "inventory.page.yoy" () { zh: "同比", en: "year on year" }
    chart_title "inventory.page.chart_title" (pollutant: &str, year: i32) { zh: "{year} 年各区县 {pollutant} 排放量（吨）", en: "{pollutant} by district, {year} (t)" }
    cells_title "inventory.page.cells_title" (year: i32) { zh: "{year} 年 区县 × 行业 × 排放源类别 × 污染物", en: "{year}: district × sector × source category × pollutant" }
    enterprises_title "inventory.page.enterprises_title" (shown: i64, total: i64, pollutant: &str) { zh: "企业明细（按 {pollutant} 排序，显示 {shown} / {total} 家）", en: "Enterprises (by {pollutant}, {shown} of {total} shown)" }
    totals_title "inventory.page.totals_title" (year: i32) { zh: "{year} 年排放量与上年对比（吨）", en: "Emissions in {year} against the year before (t)" }
    lines_title "inventory.page.lines_title" (year: i32) { zh: "{year} 年每个数字的计算过程", en: "How each figure of {year} was computed" }
    factor_would_be "inventory.page.factor_would_be" (value: &str) { zh: "因子法为 {value} 吨", en: "factor-based: {value} t" }
    activity_title "inventory.page.activity_title" () { zh: "活动水平数据（台账）", en: "Activity data (ledger)" }
    enterprise_title "inventory.page.enterprise_title" (name: &str) { zh: "{name} 的排放清单", en: "Inventory of {name}" }
    factors_title "inventory.factors.title" () { zh: "排放因子库", en: "Factor library" }
    factors_note "inventory.factors.note" () {
        zh: "因子来自 data/factors/，每个因子注明单位、来源和核实状态（已核实 / 二手来源 / 未核实）。未核实的因子是可修改的设置，使用前请与官方文本核对。",
        en: "The factors come from data/factors/; each names its unit, source and status (verified / secondary / unverified). Unverified factors are settings to be checked against the official text before use.",
    }
    fuels_title "inventory.factors.fuels" () { zh: "燃料：低位发热量、单位热值含碳量、碳氧化率", en: "Fuels: net calorific value, carbon content, oxidation rate" }
    grid_title "inventory.factors.grid" () { zh: "电网排放因子（生态环境部、国家统计局发布）；本市采用区域：", en: "Grid emission factors (MEE with NBS); the region this city uses:" }
    process_title "inventory.factors.process" () { zh: "外购热力与工业过程", en: "Purchased heat and industrial processes" }
    air_title "inventory.factors.air" () { zh: "大气污染物及 CH4、N2O 排放因子（按控制技术）", en: "Air-pollutant, CH4 and N2O factors (by control technology)" }
    settings_title "inventory.factors.settings" () { zh: "设置（data/factors/settings.toml）", en: "Settings (data/factors/settings.toml)" }
    status_verified "inventory.status.verified" () { zh: "已核实", en: "verified" }
    status_secondary "inventory.status.secondary" () { zh: "二手来源", en: "secondary" }
    status_unverified "inventory.status.unverified" () { zh: "未核实", en: "unverified" }
    pollutant_invalid "inventory.input.pollutant_invalid" (value: &str) { zh: "污染物“{value}”应为 SO2、NOx、PM、VOCs、CO2、CH4 或 N2O", en: "the pollutant '{value}' must be SO2, NOx, PM, VOCs, CO2, CH4 or N2O" }
    form_invalid "inventory.input.form_invalid" (field: &str, value: &str) { zh: "字段 {field} 的值“{value}”无效", en: "the value '{value}' of {field} is not valid" }
    scenarios_title "inventory.scenarios.title" () { zh: "情景模拟", en: "What-if scenarios" }
    scenarios_saved "inventory.scenarios.saved" () { zh: "已保存的情景", en: "Saved scenarios" }
    scenarios_none "inventory.scenarios.none" () { zh: "还没有保存的情景。", en: "No scenario saved yet." }
    quick_title "inventory.scenarios.quick_title" () { zh: "快速情景：关停区县小型燃煤锅炉", en: "Quick scenario: close a district's small coal boilers" }
    quick_note "inventory.scenarios.quick_note" (below: f64) { zh: "小型燃煤锅炉指在用、额定蒸发量小于 {below} 蒸吨/小时的燃煤锅炉（设置项）。", en: "Small coal boilers: operating coal boilers below {below} t/h (a setting)." }
    quick_name "inventory.scenarios.quick_name" (district: &str) { zh: "关停{district}小型燃煤锅炉", en: "Close the small coal boilers of {district}" }
    new_title "inventory.scenarios.new_title" () { zh: "新建情景", en: "New scenario" }
    target "inventory.scenarios.target" () { zh: "对象", en: "Target" }
    target_small_boilers "inventory.scenarios.target_small_boilers" () { zh: "区县小型燃煤锅炉", en: "a district's small coal boilers" }
    target_small_boilers_in "inventory.scenarios.target_small_boilers_in" (district: &str) { zh: "{district} 的小型燃煤锅炉", en: "small coal boilers of {district}" }
    target_enterprise "inventory.scenarios.target_enterprise" () { zh: "企业（统一社会信用代码）", en: "an enterprise (credit code)" }
    target_equipment "inventory.scenarios.target_equipment" () { zh: "设备（信用代码 + 设备名称）", en: "equipment (credit code and name)" }
    action "inventory.scenarios.action" () { zh: "措施", en: "Measure" }
    switch_gas "inventory.scenarios.switch_gas" () { zh: "煤改气", en: "switch to natural gas" }
    switch_electricity "inventory.scenarios.switch_electricity" () { zh: "煤改电", en: "switch to electricity" }
    limit "inventory.scenarios.limit" () { zh: "新限值(mg/m³)", en: "new limit (mg/m³)" }
    percent "inventory.scenarios.percent" () { zh: "压减比例(%)", en: "cut (%)" }
    retrofit_to "inventory.scenarios.retrofit_to" (pollutant: &str, limit: f64) { zh: "{pollutant} 提标至 {limit} mg/m³", en: "{pollutant} down to {limit} mg/m³" }
    cut_by "inventory.scenarios.cut_by" (percent: f64) { zh: "压减产量 {percent}%", en: "output cut by {percent}%" }
    save_and_compare "inventory.scenarios.save" () { zh: "保存并与基准对比", en: "Save and compare with the baseline" }
    scenario_note "inventory.scenarios.note" () {
        zh: "情景只在计算时作用于数据副本，不改变台账和监测数据；每次查看按当前数据重新计算。监测排放口的排放量随其关联活动水平的因子法变化同比例变化。",
        en: "A scenario works on a copy of the data when computed and never changes the ledger or monitoring data; it is recomputed from the current data whenever shown. A monitored outlet changes in proportion to the factor-based change of the activity behind it.",
    }
    scenario_title "inventory.scenarios.scenario_title" (name: &str, year: i32) { zh: "情景：{name}（{year} 年）", en: "Scenario: {name} ({year})" }
    compare_title "inventory.scenarios.compare_title" (year: i32) { zh: "{year} 年 基准与情景对比", en: "{year}: baseline and scenario side by side" }
    measures_title "inventory.scenarios.measures_title" () { zh: "措施的减污降碳协同效果", en: "Synergy of the measures" }
    equivalents_note "inventory.scenarios.equivalents_note" () {
        zh: "污染当量按《环境保护税法》附表二的污染当量值计（data/tax/equivalents.csv：SO2、NOx 0.95 kg，颗粒物按烟尘 2.18 kg）；VOCs 无当量值，不计入当量。",
        en: "Pollution equivalents use the equivalent values of annex 2 of the Environmental Protection Tax Law (data/tax/equivalents.csv: SO2 and NOx 0.95 kg, PM as soot 2.18 kg); VOCs have no equivalent value and are not counted.",
    }
    districts_title "inventory.scenarios.districts_title" () { zh: "各区县对比", en: "By district" }
    changed_title "inventory.scenarios.changed_title" (count: i64) { zh: "受影响企业（{count} 家）", en: "Enterprises affected ({count})" }
    scenario_projects "inventory.scenario.projects" () { zh: "关联的重点项目", en: "Key projects it models" }
    kind_synergy "inventory.kind.synergy" () { zh: "协同减排", en: "co-benefit" }
    kind_pollution_only "inventory.kind.pollution_only" () { zh: "仅减污", en: "pollution only" }
    kind_carbon_only "inventory.kind.carbon_only" () { zh: "仅降碳", en: "carbon only" }
    kind_trade_off "inventory.kind.trade_off" () { zh: "此消彼长", en: "trade-off" }
    kind_none "inventory.kind.none" () { zh: "无变化", en: "no change" }
    // Columns.
    col_year "inventory.col.year" () { zh: "年份", en: "Year" }
    col_district "inventory.col.district" () { zh: "区县", en: "District" }
    col_district_name "inventory.col.district_name" () { zh: "区县名称", en: "District name" }
    col_sector "inventory.col.sector" () { zh: "行业(GB/T 4754)", en: "Sector (GB/T 4754)" }
    col_source "inventory.col.source" () { zh: "排放源类别", en: "Source category" }
    col_pollutant "inventory.col.pollutant" () { zh: "污染物", en: "Pollutant" }
    col_tonnes "inventory.col.tonnes" () { zh: "排放量(吨)", en: "Emissions (t)" }
    col_monitoring_t "inventory.col.monitoring_t" () { zh: "其中监测法(吨)", en: "of which monitored (t)" }
    col_enterprises "inventory.col.enterprises" () { zh: "企业数", en: "Enterprises" }
    col_previous "inventory.col.previous" () { zh: "上年(吨)", en: "Year before (t)" }
    col_change "inventory.col.change" () { zh: "变化", en: "Change" }
    col_equivalents "inventory.col.equivalents" () { zh: "污染当量", en: "Pollution equivalents" }
    col_enterprise "inventory.col.enterprise" () { zh: "企业", en: "Enterprise" }
    col_credit "inventory.col.credit" () { zh: "统一社会信用代码", en: "Credit code" }
    col_method "inventory.col.method" () { zh: "方法", en: "Method" }
    col_activity "inventory.col.activity" () { zh: "活动水平", en: "Activity" }
    col_equipment "inventory.col.equipment" () { zh: "设备", en: "Equipment" }
    col_outlet "inventory.col.outlet" () { zh: "排放口", en: "Outlet" }
    col_factor "inventory.col.factor" () { zh: "因子", en: "Factor" }
    col_formula "inventory.col.formula" () { zh: "计算式", en: "Calculation" }
    col_category "inventory.col.category" () { zh: "类别", en: "Category" }
    col_item "inventory.col.item" () { zh: "品种", en: "Item" }
    col_amount "inventory.col.amount" () { zh: "数量", en: "Amount" }
    col_unit "inventory.col.unit" () { zh: "单位", en: "Unit" }
    col_control "inventory.col.control" () { zh: "控制技术", en: "Control" }
    col_data_source "inventory.col.data_source" () { zh: "数据来源", en: "Data source" }
    col_ncv "inventory.col.ncv" () { zh: "低位发热量", en: "NCV" }
    col_carbon "inventory.col.carbon" () { zh: "单位热值含碳量", en: "Carbon content" }
    col_oxidation "inventory.col.oxidation" () { zh: "碳氧化率", en: "Oxidation" }
    col_status "inventory.col.status" () { zh: "核实状态", en: "Status" }
    col_source_text "inventory.col.source_text" () { zh: "来源", en: "Source" }
    col_region "inventory.col.region" () { zh: "区域", en: "Region" }
    col_value "inventory.col.value" () { zh: "数值", en: "Value" }
    col_name "inventory.col.name" () { zh: "名称", en: "Name" }
    col_steps "inventory.col.steps" () { zh: "措施数", en: "Measures" }
    col_created "inventory.col.created" () { zh: "创建", en: "Created" }
    col_baseline "inventory.col.baseline" () { zh: "基准", en: "Baseline" }
    col_scenario "inventory.col.scenario" () { zh: "情景", en: "Scenario" }
    col_delta "inventory.col.delta" () { zh: "差值", en: "Difference" }
    col_step "inventory.col.step" () { zh: "序号", en: "Step" }
    col_measure "inventory.col.measure" () { zh: "措施类型", en: "Measure type" }
    col_eq_reduced "inventory.col.eq_reduced" () { zh: "削减污染当量", en: "Equivalents reduced" }
    col_co2_reduced "inventory.col.co2_reduced" () { zh: "削减 CO2(吨)", en: "CO2 reduced (t)" }
    col_eq_per_co2 "inventory.col.eq_per_co2" () { zh: "当量/吨CO2", en: "Equivalents per t CO2" }
    col_kind "inventory.col.kind" () { zh: "协同类型", en: "Kind" }
    col_total "inventory.col.total" () { zh: "合计", en: "Total" }
    col_co2_baseline "inventory.col.co2_baseline" () { zh: "基准 CO2(吨)", en: "Baseline CO2 (t)" }
    col_co2_scenario "inventory.col.co2_scenario" () { zh: "情景 CO2(吨)", en: "Scenario CO2 (t)" }
    col_eq_baseline "inventory.col.eq_baseline" () { zh: "基准当量", en: "Baseline equivalents" }
    col_eq_scenario "inventory.col.eq_scenario" () { zh: "情景当量", en: "Scenario equivalents" }
    x_sheet_cells "inventory.xlsx.cells" () { zh: "融合清单", en: "Inventory" }
    x_sheet_lines "inventory.xlsx.lines" () { zh: "计算明细", en: "Calculations" }
    x_sheet_totals "inventory.xlsx.totals" () { zh: "总量对比", en: "Totals" }
    x_sheet_districts "inventory.xlsx.districts" () { zh: "区县对比", en: "Districts" }
    x_sheet_measures "inventory.xlsx.measures" () { zh: "措施协同", en: "Measures" }
    dossier_title "inventory.dossier.title" () { zh: "活动水平与排放", en: "Activity data and emissions" }
    dossier_link "inventory.dossier.link" () { zh: "查看排放清单与计算过程", en: "inventory and calculations" }
    nav "inventory.nav" () { zh: "排放清单", en: "Inventory" }
    computed_co2 "inventory.synergy.computed_co2" (co2: &str, rows: usize, value_added: &str, year: i32) {
        zh: "融合排放清单 {year} 年 CO2 {co2} 吨（{rows} 行活动水平）÷ 工业增加值 {value_added} 万元",
        en: "fused inventory {year}: {co2} t CO2 ({rows} activity rows) ÷ {value_added} (10,000 yuan) value added",
    }
    computed_air "inventory.synergy.computed_air" (tonnes: &str, rows: usize, value_added: &str, year: i32) {
        zh: "融合排放清单 {year} 年 SO2+NOx+颗粒物 {tonnes} 吨（{rows} 行活动水平）÷ 工业增加值 {value_added} 亿元",
        en: "fused inventory {year}: {tonnes} t SO2+NOx+PM ({rows} activity rows) ÷ {value_added} (100 million yuan) value added",
    }
    synergy_title "inventory.scenarios.synergy_title" (year: i32) { zh: "{year} 年各区县减污降碳协同度（耦合协调度 D）", en: "Districts' pollution–carbon synergy in {year} (coupling-coordination degree D)" }
    synergy_note "inventory.scenarios.synergy_note" () {
        zh: "情景下的融合清单指标（单位增加值 CO2、SO2+NOx+颗粒物）按区县排放变化比例折算，其余指标不变，按现行指标体系重新评价（不保存）；熵权和极差标准化按全部区县计算，其他区县的 D 也会略有变化。",
        en: "The inventory's indicators (CO2 and SO2+NOx+PM per unit of value added) are scaled by each district's change under the scenario, the other indicators unchanged, and the system in force is evaluated again (not stored); entropy weights and min–max scaling run over all districts, so other districts' D move slightly too.",
    }
    synergy_unavailable "inventory.scenarios.synergy_unavailable" (count: i64) { zh: "协同度无法计算（{count} 个问题），首个：", en: "The synergy scores cannot be computed ({count} problems); the first:" }
    col_d_baseline "inventory.col.d_baseline" () { zh: "基准 D", en: "Baseline D" }
    col_d_scenario "inventory.col.d_scenario" () { zh: "情景 D", en: "Scenario D" }
}
