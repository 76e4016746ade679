//! Environmental protection tax (环境保护税) and emissions against the permit (issue 10 items 4–5):
//! command line, pages, the quarterly workbook.

crate::messages! {
    // Input and refusals.
    month_invalid "tax.input.month_invalid" (value: &str) {
        zh: "月份“{value}”应为 YYYY-MM 格式，例如 2026-11",
        en: "the month '{value}' must be YYYY-MM, e.g. 2026-11",
    }
    quarter_invalid "tax.input.quarter_invalid" (value: &str) {
        zh: "季度“{value}”应为 YYYY-Qn 格式，例如 2026-Q4",
        en: "the quarter '{value}' must be YYYY-Qn, e.g. 2026-Q4",
    }
    year_invalid "tax.input.year_invalid" (value: &str) {
        zh: "年份“{value}”应为四位数字，例如 2026",
        en: "the year '{value}' must be four digits, e.g. 2026",
    }
    format_invalid "tax.input.format_invalid" (value: &str) {
        zh: "输出格式“{value}”应为 csv 或 json",
        en: "the format '{value}' must be csv or json",
    }
    outlet_invalid "tax.input.outlet_invalid" (value: &str) {
        zh: "排放口“{value}”应为 统一社会信用代码/排放口编号",
        en: "the outlet '{value}' must be CREDITCODE/OUTLETCODE",
    }
    out_invalid "tax.input.out_invalid" (value: &str) {
        zh: "输出文件“{value}”应以 .xlsx 结尾",
        en: "the output file '{value}' must end in .xlsx",
    }
    outlet_not_found "tax.not_found.outlet" (outlet: &str) {
        zh: "台账中没有排放口 {outlet}",
        en: "no outlet {outlet} in the ledger",
    }
    no_data "tax.month.no_data" (month: &str) {
        zh: "{month} 没有自动监测数据（小时均值），无法计算环境保护税",
        en: "no automatic monitoring data (hourly means) for {month}: no tax can be computed",
    }
    no_data_quarter "tax.quarter.no_data" (quarter: &str) {
        zh: "{quarter} 季度没有自动监测数据，无法生成申报表",
        en: "no automatic monitoring data in {quarter}: no filing table can be written",
    }
    no_rate "tax.rate.missing" (outlet: &str, province: &str) {
        zh: "排放口 {outlet}：data/tax/rates.csv 中没有省份 {province} 的适用税额，未计算",
        en: "outlet {outlet}: data/tax/rates.csv has no rate for province {province}; not computed",
    }
    no_emission_data "tax.emissions.no_data" (year: i64) {
        zh: "{year} 年及其前 12 个月没有排放量数据",
        en: "no emission data in {year} or the 12 months before it",
    }
    wrote "tax.quarter.wrote" (file: &str, rows: i64) {
        zh: "已写入 {file}（{rows} 行）",
        en: "wrote {file} ({rows} rows)",
    }
    rule_used "tax.emissions.rule_used" (rule: crate::i18n::Msg) {
        zh: "排放量缺失小时补遗规则：{rule}",
        en: "hours without a valid emission rate: {rule}",
    }

    // Fill rules (data/enforcement/emissions.toml).
    rule_valid_hours_only "tax.rule.valid_hours_only" () {
        zh: "仅计有效小时（缺失、无效小时不计）",
        en: "valid hours only (missing and invalid hours add nothing)",
    }
    rule_period_mean "tax.rule.period_mean_of_valid_hours" () {
        zh: "缺失、无效小时按当月有效小时平均排放速率补遗",
        en: "missing and invalid hours filled with the mean rate of the month's valid hours",
    }

    // Pages: frame and table.
    nav "tax.nav" () { zh: "环保税", en: "EP tax" }
    title "tax.title" () { zh: "环境保护税（自动监测数据计算）", en: "Environmental protection tax (from automatic monitoring)" }
    my_title "tax.my.title" () { zh: "本企业环境保护税估算", en: "Your environmental protection tax estimate" }
    outlet_title "tax.outlet.title" (outlet: &str) { zh: "排放口 {outlet} 环境保护税计算过程", en: "How the tax of outlet {outlet} is computed" }
    estimate_note "tax.my.note" () {
        zh: "本估算按自动监测数据和《环境保护税法》计算，仅供参考，应纳税额以税务机关核定为准。",
        en: "This estimate follows the automatic monitoring data and the Environmental Protection Tax Law; it is for reference, the tax office's assessment prevails.",
    }
    month "tax.form.month" () { zh: "月份", en: "Month" }
    show "tax.form.show" () { zh: "查看", en: "Show" }
    download_quarter "tax.download_quarter" (quarter: &str) { zh: "下载 {quarter} 季度申报表（.xlsx）", en: "Download the {quarter} filing table (.xlsx)" }
    emissions_link "tax.emissions.link" () { zh: "排放量与许可排放量", en: "Emissions against the permit" }
    how_link "tax.how_link" () { zh: "计算过程", en: "how computed" }
    col_enterprise "tax.col.enterprise" () { zh: "企业", en: "Enterprise" }
    col_outlet "tax.col.outlet" () { zh: "排放口", en: "Outlet" }
    col_pollutant "tax.col.pollutant" () { zh: "污染物", en: "Pollutant" }
    col_emission "tax.col.emission_kg" () { zh: "排放量（千克）", en: "Emission (kg)" }
    col_equivalent_value "tax.col.equivalent_value" () { zh: "污染当量值（千克）", en: "Equivalent value (kg)" }
    col_equivalents "tax.col.equivalents" () { zh: "污染当量数", en: "Pollution equivalents" }
    col_taxed "tax.col.taxed" () { zh: "计税", en: "Taxed" }
    col_reduction "tax.col.reduction" () { zh: "减征比例", en: "Reduction" }
    col_rate "tax.col.rate" () { zh: "单位税额（元/污染当量）", en: "Rate (yuan per equivalent)" }
    col_tax "tax.col.tax_yuan" () { zh: "应纳税额（元）", en: "Tax (yuan)" }
    col_fill "tax.col.fill" () { zh: "补遗小时", en: "Filled hours" }
    total "tax.total" () { zh: "合计", en: "Total" }
    yes "tax.yes" () { zh: "是", en: "yes" }
    no "tax.no" () { zh: "否", en: "no" }
    outlets_count "tax.outlets_count" (n: i64, month: &str) { zh: "{month}：{n} 个有监测数据的排放口", en: "{month}: {n} outlets with monitoring data" }
    law_note "tax.law_note" () {
        zh: "依据：《环境保护税法》第八、九、十一、十三条，实施条例第八、十、十一条。大气排放口按污染当量数取前三项；水排放口第一类水污染物取前五项、其他类取前三项。",
        en: "Basis: Environmental Protection Tax Law Arts. 8, 9, 11, 13; implementing regulation Arts. 8, 10, 11. Air outlets: the first three pollutants by equivalents; water outlets: the first five of the first class and the first three of the others.",
    }

    // The explanation (how one line was computed).
    explain_emission "tax.explain.emission" (kg: f64, valid: i64, expected: i64, filled: i64, rule: crate::i18n::Msg) {
        zh: "排放量 {kg} 千克：{expected} 小时中 {valid} 小时有有效排放速率，{filled} 小时补遗（{rule}）",
        en: "emission {kg} kg: {valid} of {expected} hours had a valid emission rate, {filled} filled ({rule})",
    }
    explain_stopped "tax.explain.stopped" (hours: i64) {
        zh: "其中 {hours} 小时处于“停运”数据标记期间，不补遗",
        en: "{hours} hours lie in a 'shut down' data mark and are not filled",
    }
    explain_equivalents "tax.explain.equivalents" (kg: f64, value: f64, item: &str, line: i64, equivalents: f64) {
        zh: "污染当量数 = {kg} ÷ {value}（附表二“{item}”，附表文本第 {line} 行）= {equivalents}",
        en: "equivalents = {kg} ÷ {value} (Annex 2 item {item}, annex text line {line}) = {equivalents}",
    }
    why_within "tax.why.within" (rank: i64, limit: i64) {
        zh: "按污染当量数排第 {rank} 位，在前 {limit} 项之内：计税",
        en: "ranked {rank} by equivalents, within the first {limit}: taxed",
    }
    why_beyond "tax.why.beyond" (rank: i64, limit: i64) {
        zh: "按污染当量数排第 {rank} 位，不在前 {limit} 项之内：不计税",
        en: "ranked {rank} by equivalents, beyond the first {limit}: not taxed",
    }
    why_one_of "tax.why.one_of" (kept: &str) {
        zh: "同一排放口的化学需氧量、生化需氧量和总有机碳只征收一项，征收污染当量数最多的 {kept}：本项不计税",
        en: "of COD, BOD5 and TOC only one is taxed per outlet, the one with most equivalents ({kept}): this one is not",
    }
    no_taxable "tax.outlet.no_taxable" () {
        zh: "本排放口监测的污染物均不在附表二《应税污染物和当量值表》中（如非甲烷总烃、总氮）：无应税项目",
        en: "none of the pollutants monitored at this outlet is listed in Annex 2 (e.g. non-methane hydrocarbons, total nitrogen): nothing taxable",
    }
    why_no_emission "tax.why.no_emission" () { zh: "当月无排放量：不计税", en: "no emission in the month: not taxed" }
    test_no_standard "tax.test.no_standard" () {
        zh: "台账未载明该污染物的排放标准限值：无法判断，不减征",
        en: "the ledger gives no limit for this pollutant: nothing to compare with, no reduction",
    }
    test_no_means "tax.test.no_means" (basis: crate::i18n::Msg) {
        zh: "当月没有有效{basis}：不减征",
        en: "no valid {basis} in the month: no reduction",
    }
    test_exceeded "tax.test.exceeded" (count: i64, basis: crate::i18n::Msg, standard: f64, at: &str, value: f64, max: f64) {
        zh: "当月有 {count} 个{basis}超过标准 {standard}（首次 {at}：{value}，最高 {max}）：不减征（实施条例第十条第二款）",
        en: "{count} {basis} of the month exceeded the standard {standard} (first {at}: {value}, highest {max}): no reduction (regulation Art. 10 ¶2)",
    }
    test_below50 "tax.test.below50" (basis: crate::i18n::Msg, mean: f64, standard: f64, share: &str) {
        zh: "当月{basis}的平均值 {mean} 为标准 {standard} 的 {share}，低于 50% 且无超标：减按 50% 征收",
        en: "the month's mean of {basis} {mean} is {share} of the standard {standard}, below 50 % with none above it: taxed at 50 %",
    }
    test_below70 "tax.test.below70" (basis: crate::i18n::Msg, mean: f64, standard: f64, share: &str) {
        zh: "当月{basis}的平均值 {mean} 为标准 {standard} 的 {share}，低于 70% 且无超标：减按 75% 征收",
        en: "the month's mean of {basis} {mean} is {share} of the standard {standard}, below 70 % with none above it: taxed at 75 %",
    }
    test_not_below70 "tax.test.not_below70" (basis: crate::i18n::Msg, mean: f64, standard: f64, share: &str) {
        zh: "当月{basis}的平均值 {mean} 为标准 {standard} 的 {share}，不低于 70%：不减征",
        en: "the month's mean of {basis} {mean} is {share} of the standard {standard}, not below 70 %: no reduction",
    }
    basis_hourly "tax.basis.hourly" () { zh: "小时均值", en: "hourly means" }
    basis_daily "tax.basis.daily" () { zh: "日均值", en: "daily means" }
    settings_note "tax.settings_note" (concentration: crate::i18n::Msg, comparison: crate::i18n::Msg) {
        zh: "减征判断使用{concentration}；“低于”按{comparison}理解（均为待核实的设置，见 data/tax/settings.toml）。标准取台账中该排放口该污染物的排放限值。",
        en: "The reduction test uses the {concentration}; 'below' is read as {comparison} (both unverified settings, see data/tax/settings.toml). The standard is the outlet's limit for the pollutant in the ledger.",
    }
    concentration_converted "tax.concentration.converted" () { zh: "折算浓度（无折算的用实测浓度）", en: "converted concentration (the measured one where nothing converts)" }
    concentration_measured "tax.concentration.measured" () { zh: "实测浓度", en: "measured concentration" }
    comparison_strict "tax.comparison.strict" () { zh: "严格低于", en: "strictly below" }
    comparison_inclusive "tax.comparison.inclusive" () { zh: "不高于", en: "at most" }
    rate_line "tax.explain.rate" (rate: f64, province: &str, status: &str, source: &str) {
        zh: "单位税额 {rate} 元/污染当量（{province}，{status}）：{source}",
        en: "rate {rate} yuan per equivalent ({province}, {status}): {source}",
    }
    tax_line "tax.explain.tax" (equivalents: f64, rate: f64, reduction: f64, tax: f64) {
        zh: "应纳税额 = {equivalents} × {rate} × {reduction} = {tax} 元",
        en: "tax = {equivalents} × {rate} × {reduction} = {tax} yuan",
    }

    // Emissions against the permit.
    emissions_title "tax.emissions.title" (year: i64) { zh: "{year} 年排放量与许可排放量", en: "Emissions against the permit, {year}" }
    col_ytd "tax.col.year_to_date" () { zh: "本年累计（吨）", en: "Year to date (t)" }
    col_rolling "tax.col.rolling" (months: i64) { zh: "连续 {months} 个月（吨）", en: "Rolling {months} months (t)" }
    col_permitted "tax.col.permitted" () { zh: "许可年排放量（吨）", en: "Permitted per year (t)" }
    col_share "tax.col.share" () { zh: "占许可量", en: "Share of permit" }
    col_warning "tax.col.warning" () { zh: "预警", en: "Warning" }
    warning_reached "tax.emissions.warning" (share: &str) { zh: "已达 {share}", en: "reached {share}" }
    year "tax.form.year" () { zh: "年份", en: "Year" }
    emissions_note "tax.emissions.note" (shares: &str) {
        zh: "连续 12 个月为截至本月的 12 个自然月。预警比例 {shares} 为地方做法，未见国家依据（data/enforcement/emissions.toml）。",
        en: "The rolling total covers the 12 calendar months up to this one. The warning shares {shares} are local practice; no national basis was found (data/enforcement/emissions.toml).",
    }
    no_permit "tax.emissions.no_permit" () { zh: "未载明", en: "not given" }

    // The quarterly filing table (环境保护税纳税申报表 layout, see data/tax/README.md).
    sheet_name "tax.xlsx.sheet" () { zh: "应税大气水污染物", en: "Air and water pollutants" }
    xlsx_title "tax.xlsx.title" (quarter: &str) {
        zh: "环境保护税纳税申报表（大气污染物、水污染物）— {quarter}（按自动监测数据计算的估算）",
        en: "Environmental protection tax return (air and water pollutants) — {quarter} (estimate from automatic monitoring data)",
    }
    xlsx_note "tax.xlsx.note" () {
        zh: "表式按已知的申报表栏目编排，未与税务机关现行表样核对（见 data/tax/README.md）。",
        en: "Columns follow the known items of the return; the layout was not checked against the tax office's current form (see data/tax/README.md).",
    }
    xcol_month "tax.xcol.month" () { zh: "所属月份", en: "Month" }
    xcol_taxpayer "tax.xcol.taxpayer" () { zh: "纳税人名称", en: "Taxpayer" }
    xcol_credit "tax.xcol.credit_code" () { zh: "统一社会信用代码", en: "Credit code" }
    xcol_source "tax.xcol.source" () { zh: "税源编号（排放口编号）", en: "Tax source (outlet code)" }
    xcol_outlet_name "tax.xcol.outlet_name" () { zh: "排放口名称", en: "Outlet name" }
    xcol_item "tax.xcol.item" () { zh: "税目", en: "Tax item" }
    xcol_pollutant "tax.xcol.pollutant" () { zh: "污染物名称", en: "Pollutant" }
    xcol_basis "tax.xcol.basis" () { zh: "计税依据（排放量，千克）", en: "Tax base (emission, kg)" }
    xcol_value "tax.xcol.equivalent_value" () { zh: "污染当量值（千克）", en: "Equivalent value (kg)" }
    xcol_equivalents "tax.xcol.equivalents" () { zh: "污染当量数", en: "Pollution equivalents" }
    xcol_rate "tax.xcol.rate" () { zh: "单位税额（元）", en: "Rate (yuan)" }
    xcol_due "tax.xcol.due" () { zh: "本期应纳税额（元）", en: "Tax due this period (yuan)" }
    xcol_reduction_share "tax.xcol.reduction_share" () { zh: "减征比例", en: "Reduction share" }
    xcol_relief "tax.xcol.relief" () { zh: "本期减免税额（元）", en: "Tax relief this period (yuan)" }
    xcol_payable "tax.xcol.payable" () { zh: "本期应补（退）税额（元）", en: "Tax payable this period (yuan)" }
    item_air "tax.item.air" () { zh: "大气污染物", en: "Air pollutants" }
    item_water "tax.item.water" () { zh: "水污染物", en: "Water pollutants" }
}
