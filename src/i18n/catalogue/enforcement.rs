//! Non-site enforcement: exceedance episodes, their explanation as a lead, the exceedance list
//! page, the alerts on the home page and the CLI's refusals.

crate::messages! {
    // The exceedance judgment's finding (a lead's explanation).
    exceedance_hours "enforcement.exceedance.hours" (pollutant: String, periods: i64, start: String, end: String, max: f64, limit: f64, ratio: String) {
        zh: "{pollutant}连续 {periods} 个有效小时均值超过排放限值（{start} 至 {end}）：最高 {max}，限值 {limit}，为限值的 {ratio} 倍",
        en: "{pollutant}: {periods} consecutive valid hourly means above the limit ({start} to {end}): highest {max}, limit {limit}, {ratio} times the limit",
    }
    exceedance_days "enforcement.exceedance.days" (pollutant: String, periods: i64, start: String, end: String, max: f64, limit: f64, ratio: String) {
        zh: "{pollutant}连续 {periods} 个有效日均值超过排放限值（{start} 至 {end}）：最高 {max}，限值 {limit}，为限值的 {ratio} 倍",
        en: "{pollutant}: {periods} consecutive valid daily means above the limit ({start} to {end}): highest {max}, limit {limit}, {ratio} times the limit",
    }
    detector_exceedance "enforcement.detector.exceedance" () { zh: "超标", en: "Exceedance" }
    basis_hour "enforcement.basis.hour" () { zh: "小时均值", en: "hourly mean" }
    basis_day "enforcement.basis.day" () { zh: "日均值", en: "daily mean" }

    // The exceedance list page.
    exceedances_title "enforcement.exceedances.title" () { zh: "超标时段", en: "Exceedance episodes" }
    exceedances_intro "enforcement.exceedances.intro" () {
        zh: "有效小时均值（废水：有效日均值）超过排口适用限值的时段；同一污染物连续超标的小时合并为一个时段。已标记和无效的数据不参与判定；执行 GB 18484 的排口同时判定日均值。",
        en: "Periods in which valid hourly means (wastewater: valid daily means) were above the outlet's applicable limit; consecutive exceeding hours of one pollutant form one episode. Marked and invalid data are not judged; outlets under GB 18484 are judged on daily means too.",
    }
    col_enterprise "enforcement.col.enterprise" () { zh: "企业", en: "Enterprise" }
    col_credit_code "enforcement.col.credit_code" () { zh: "统一社会信用代码", en: "Credit code" }
    col_outlet "enforcement.col.outlet" () { zh: "排口", en: "Outlet" }
    col_pollutant "enforcement.col.pollutant" () { zh: "污染物", en: "Pollutant" }
    col_basis "enforcement.col.basis" () { zh: "判定依据", en: "Basis" }
    col_start "enforcement.col.start" () { zh: "开始", en: "Start" }
    col_end "enforcement.col.end" () { zh: "结束", en: "End" }
    col_periods "enforcement.col.periods" () { zh: "超标时数", en: "Periods" }
    col_max "enforcement.col.max" () { zh: "最大值", en: "Maximum" }
    col_limit "enforcement.col.limit" () { zh: "限值", en: "Limit" }
    col_ratio "enforcement.col.ratio" () { zh: "最大超标倍数", en: "Max. ratio" }
    col_division "enforcement.col.division" () { zh: "区划", en: "Division" }
    col_detected "enforcement.col.detected" () { zh: "发现时间", en: "Found" }
    filter_from "enforcement.filter.from" () { zh: "开始日期", en: "From" }
    filter_to "enforcement.filter.to" () { zh: "结束日期", en: "To" }
    filter_division "enforcement.filter.division" () { zh: "区划代码", en: "Division code" }
    filter_industry "enforcement.filter.industry" () { zh: "行业代码", en: "Industry code" }
    filter_pollutant "enforcement.filter.pollutant" () { zh: "污染物", en: "Pollutant" }
    filter_any "enforcement.filter.any" () { zh: "全部", en: "All" }
    filter_apply "enforcement.filter.apply" () { zh: "筛选", en: "Filter" }
    export_xlsx "enforcement.export.xlsx" () { zh: "导出 Excel", en: "Export to Excel" }
    summary "enforcement.exceedances.summary" (episodes: i64, outlets: i64, hours: i64) {
        zh: "共 {episodes} 个超标时段，涉及 {outlets} 个排口，合计 {hours} 个超标小时（日均值时段按 24 小时计）",
        en: "{episodes} exceedance episodes at {outlets} outlets, {hours} exceeding hours in all (a daily episode counts 24 hours)",
    }
    none "enforcement.exceedances.none" () { zh: "所选范围内没有超标时段。", en: "No exceedance episodes in the chosen range." }
    by_pollutant "enforcement.chart.by_pollutant" () { zh: "各污染物超标时段数", en: "Episodes by pollutant" }
    by_day "enforcement.chart.by_day" () { zh: "每日新增超标时段", en: "Episodes starting each day" }
    new_badge "enforcement.exceedances.new" () { zh: "新", en: "new" }
    open_outlet "enforcement.exceedances.open_outlet" () { zh: "查看排口数据", en: "Outlet data" }
    sheet_name "enforcement.export.sheet" () { zh: "超标时段", en: "Exceedances" }

    // Alerts on the home page.
    alert_title "enforcement.alert.title" () { zh: "超标与线索提醒", en: "Exceedances and leads" }
    alert_new_episodes "enforcement.alert.new_episodes" (count: i64, days: i64) {
        zh: "近 {days} 天新发现 {count} 个超标时段",
        en: "{count} exceedance episodes found in the last {days} days",
    }
    alert_open_leads "enforcement.alert.open_leads" (count: i64) {
        zh: "{count} 条线索待核实",
        en: "{count} leads waiting to be verified",
    }

    // CLI and query refusals.
    bad_date "enforcement.query.bad_date" (flag: &str, value: &str) {
        zh: "{flag}“{value}”不是日期（YYYY-MM-DD）",
        en: "{flag} '{value}' is not a date (YYYY-MM-DD)",
    }
    to_before_from "enforcement.query.to_before_from" (from: &str, to: &str) {
        zh: "结束日期 {to} 早于开始日期 {from}",
        en: "the end date {to} is before the start date {from}",
    }
    bad_division "enforcement.query.bad_division" (value: &str) {
        zh: "区划代码“{value}”应为 2 到 12 位数字",
        en: "division code '{value}' must be 2 to 12 digits",
    }
    bad_format "enforcement.query.bad_format" (value: &str) {
        zh: "输出格式“{value}”应为 csv 或 json",
        en: "output format '{value}' must be csv or json",
    }
    range_too_long "enforcement.query.range_too_long" (days: i64, max: i64) {
        zh: "查询范围 {days} 天，超过上限 {max} 天",
        en: "the range is {days} days, more than the maximum of {max}",
    }
}
