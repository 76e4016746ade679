//! The pollution–carbon synergy evaluation (减污降碳协同度, issue 13 item 4): input checks of the
//! indicator and score files, the level scale, the indicator system, pages.

crate::messages! {
    // Reading an indicator or score file (CLI, imports).
    no_header "synergy.input.no_header" () {
        zh: "文件为空：第 1 行应为表头（第一列为单元，其后每列一个指标或子系统）",
        en: "the file is empty: row 1 must be the header (first column the unit, then one column per indicator or subsystem)",
    }
    header_direction "synergy.input.header_direction" (header: &str) {
        zh: "表头“{header}”没有标明指标方向：应以 + （正向，越大越好）或 - （负向，越小越好）结尾，例如 pm25-",
        en: "header '{header}' has no direction: it must end in + (positive, more is better) or - (negative, less is better), e.g. pm25-",
    }
    header_empty "synergy.input.header_empty" () {
        zh: "表头为空：每列都应有名称",
        en: "empty header: every column needs a name",
    }
    header_duplicate "synergy.input.header_duplicate" (header: &str) {
        zh: "表头“{header}”重复出现",
        en: "header '{header}' appears more than once",
    }
    no_indicators "synergy.input.no_indicators" () {
        zh: "没有指标列：第一列为单元，其后至少要有一列指标",
        en: "no indicator column: the first column is the unit, at least one indicator column must follow",
    }
    too_few_subsystems "synergy.input.too_few_subsystems" (found: usize) {
        zh: "只有 {found} 个子系统得分列：耦合度至少需要 2 个子系统",
        en: "only {found} subsystem score column(s): coupling needs at least 2 subsystems",
    }
    too_few_units "synergy.input.too_few_units" (found: usize) {
        zh: "只有 {found} 个评价单元：熵值法至少需要 2 个单元（ln 1 = 0，熵无定义）",
        en: "only {found} unit(s): entropy weights need at least 2 units (ln 1 = 0, the entropy is undefined)",
    }
    too_many_rows "synergy.input.too_many_rows" (limit: usize) {
        zh: "超过 {limit} 行数据，未读取",
        en: "more than {limit} data rows: not read",
    }
    ragged "synergy.input.ragged" (found: usize, expected: usize) {
        zh: "本行有 {found} 列，表头有 {expected} 列",
        en: "this row has {found} fields, the header has {expected}",
    }
    unit_empty "synergy.input.unit_empty" () {
        zh: "单元名称为空",
        en: "the unit's name is empty",
    }
    unit_duplicate "synergy.input.unit_duplicate" (first_row: usize) {
        zh: "单元重复（第 {first_row} 行已有）",
        en: "duplicate unit (already in row {first_row})",
    }
    value_empty "synergy.input.value_empty" () {
        zh: "数值为空：每个单元的每个指标都需要数值",
        en: "empty value: every unit needs a value for every column",
    }
    value_not_number "synergy.input.value_not_number" () {
        zh: "不是数字",
        en: "not a number",
    }
    score_negative "synergy.input.score_negative" () {
        zh: "子系统得分不能为负数（应在 0 到 1 之间）",
        en: "a subsystem score cannot be negative (scores are between 0 and 1)",
    }
    score_above_one "synergy.input.score_above_one" () {
        zh: "子系统得分大于 1（应在 0 到 1 之间，例如由极差标准化的指标加权得到）",
        en: "a subsystem score above 1 (scores are between 0 and 1, e.g. weighted sums of min–max normalised indicators)",
    }
    value_negative "synergy.input.value_negative" () {
        zh: "该指标的数值不能为负数",
        en: "this indicator's value cannot be negative",
    }
    constant_column "synergy.input.constant_column" (column: &str, value: f64) {
        zh: "指标 {column}：所有单元的值都相同（{value}）：极差为 0，无法标准化，熵值无定义。请删除该指标或核对数据",
        en: "indicator {column}: every unit has the same value ({value}): the range is zero, so it cannot be normalised and its entropy is undefined. Remove the indicator or check the data",
    }
    alpha_count "synergy.input.alpha_count" (given: usize, expected: usize) {
        zh: "--alpha 给出 {given} 个权重，但文件有 {expected} 个子系统",
        en: "--alpha gives {given} weight(s) but the file has {expected} subsystems",
    }
    alpha_invalid "synergy.input.alpha_invalid" (value: &str) {
        zh: "--alpha 中的“{value}”不是 0 到 1 之间的数字",
        en: "'{value}' in --alpha is not a number between 0 and 1",
    }
    alpha_sum "synergy.input.alpha_sum" (sum: f64) {
        zh: "--alpha 的权重之和为 {sum}，应为 1",
        en: "the --alpha weights sum to {sum}; they must sum to 1",
    }
    file_unreadable "synergy.input.file_unreadable" (file: &str, reason: &str) {
        zh: "无法读取文件 {file}：{reason}",
        en: "cannot read {file}: {reason}",
    }
    csv_broken "synergy.input.csv_broken" (reason: &str) {
        zh: "CSV 格式错误：{reason}",
        en: "malformed CSV: {reason}",
    }

    // The level scale (data/synergy/levels.toml).
    scale_syntax "synergy.scale.syntax" (reason: String) {
        zh: "等级划分文件格式错误：{reason}",
        en: "level scale file: {reason}",
    }
    scale_empty "synergy.scale.empty" () {
        zh: "等级划分没有任何等级",
        en: "the level scale has no classes",
    }
    scale_bounds "synergy.scale.bounds" (code: u32, min: f64, max: f64) {
        zh: "等级 {code}：下限 {min} 应小于上限 {max}",
        en: "class {code}: its lower bound {min} must be below its upper bound {max}",
    }
    scale_gap "synergy.scale.gap" (code: u32, expected: f64, found: f64) {
        zh: "等级 {code}：下限应为上一等级的上限 {expected}，实为 {found}（等级须连续、有序）",
        en: "class {code}: its lower bound must be the previous class's upper bound {expected}, found {found} (classes must be ordered and contiguous)",
    }
    scale_end "synergy.scale.end" (found: f64) {
        zh: "最高等级的上限应为 1，实为 {found}",
        en: "the top class must end at 1, found {found}",
    }
    scale_name "synergy.scale.name" (code: u32) {
        zh: "等级 {code} 缺少中文或英文名称",
        en: "class {code} lacks its Chinese or English name",
    }

    // The indicator system (data/synergy/indicators.toml or a bureau's own).
    system_syntax "synergy.system.syntax" (reason: String) {
        zh: "指标体系文件格式错误：{reason}",
        en: "indicator system file: {reason}",
    }
    system_duplicate "synergy.system.duplicate" (code: &str) {
        zh: "代码“{code}”重复",
        en: "the code '{code}' is used twice",
    }
    system_code "synergy.system.code" (code: &str) {
        zh: "指标代码“{code}”只能由字母、数字和下划线组成",
        en: "the indicator code '{code}' may hold only letters, digits and underscores",
    }
    system_dimension "synergy.system.dimension" (code: &str, dimension: &str) {
        zh: "指标 {code} 的维度“{dimension}”不在 [[dimension]] 中",
        en: "indicator {code}: its dimension '{dimension}' is not one of the [[dimension]] entries",
    }
    system_weight "synergy.system.weight" (code: &str, value: &str) {
        zh: "指标 {code} 的权重“{value}”应为 \"entropy\"（熵值法）或 0 到 1 之间的固定权重",
        en: "indicator {code}: its weight '{value}' must be \"entropy\" or a fixed share between 0 and 1",
    }
    system_source "synergy.system.source" (code: &str, source: &str) {
        zh: "指标 {code} 的数据来源“{source}”既不是 entered（填报）也不是平台提供的计算",
        en: "indicator {code}: its source '{source}' is neither entered nor a computation the platform offers",
    }
    system_empty_dimension "synergy.system.empty_dimension" (code: &str) {
        zh: "维度 {code} 没有任何指标",
        en: "dimension {code} has no indicator",
    }
    system_fixed_sum "synergy.system.fixed_sum" (code: &str, sum: f64) {
        zh: "维度 {code} 的固定权重之和为 {sum}：全部为固定权重时应为 1，含熵值法指标时应小于 1",
        en: "dimension {code}: its fixed weights sum to {sum}; they must sum to 1 when all are fixed, and stay below 1 when entropy indicators share the rest",
    }
    system_alpha_range "synergy.system.alpha_range" (code: &str, alpha: f64) {
        zh: "维度 {code} 的 alpha {alpha} 应在 0 到 1 之间",
        en: "dimension {code}: its alpha {alpha} must be between 0 and 1",
    }
    system_alpha_some "synergy.system.alpha_some" () {
        zh: "只有部分维度给出了 alpha：要么全部给出（和为 1），要么都不给（等权）",
        en: "only some dimensions give an alpha: give it for all (summing to 1) or for none (equal)",
    }

    // Evaluations.
    missing_value "synergy.evaluate.missing_value" (district: &str, year: i32, indicator: crate::i18n::Arg) {
        zh: "{district} {year} 年缺少指标“{indicator}”的数值：请填报或导入",
        en: "{district} has no value for '{indicator}' in {year}: enter or import one",
    }
    evaluation_not_found "synergy.evaluate.not_found" (id: i64) {
        zh: "没有编号为 {id} 的协同度评价",
        en: "no synergy evaluation {id}",
    }
    jurisdiction_unknown "synergy.evaluate.jurisdiction_unknown" (code: &str) {
        zh: "辖区 {code} 不在您的管辖范围内或不存在",
        en: "the jurisdiction {code} does not exist or is outside yours",
    }
    district_unknown "synergy.values.district_unknown" (code: &str) {
        zh: "区县代码 {code} 不是本辖区的区县（或不在您的管辖范围内）",
        en: "{code} is not a district or county of this jurisdiction (or not in yours)",
    }
    indicator_unknown "synergy.values.indicator_unknown" (code: &str) {
        zh: "指标代码 {code} 不在现行指标体系中",
        en: "{code} is not an indicator of the system in force",
    }
    year_invalid "synergy.values.year_invalid" (value: &str) {
        zh: "年份“{value}”应为四位数字（2000–2100）",
        en: "the year '{value}' must be four digits (2000–2100)",
    }
    column_missing "synergy.values.column_missing" (zh_name: &str, en_name: &str) {
        zh: "缺少“{zh_name}”列（表头可写“{zh_name}”或“{en_name}”）",
        en: "the column '{en_name}' is missing (its header may be '{zh_name}' or '{en_name}')",
    }
    years_invalid "synergy.evaluate.years_invalid" (value: &str) {
        zh: "年份“{value}”应为一个年份（2025）或年份范围（2023-2025）",
        en: "the years '{value}' must be a year (2025) or a range (2023-2025)",
    }
    evaluation_stored "synergy.evaluate.stored" (id: i64, units: i64) {
        zh: "已保存协同度评价 {id}（{units} 个区县·年份）",
        en: "stored synergy evaluation {id} ({units} district-years)",
    }
    recompute_identical "synergy.evaluate.recompute_identical" (id: i64, digest: &str) {
        zh: "评价 {id} 按保存的输入重新计算，结果完全一致（SHA-256 {digest}）",
        en: "evaluation {id} recomputed from its stored inputs: identical (SHA-256 {digest})",
    }
    recompute_differs "synergy.evaluate.recompute_differs" (id: i64, digest: &str) {
        zh: "评价 {id} 重新计算的结果与保存的不一致（SHA-256 {digest}）",
        en: "evaluation {id} recomputed differs from what was stored (SHA-256 {digest})",
    }
    values_stored "synergy.values.stored" (count: i64) {
        zh: "已保存 {count} 个填报数值",
        en: "stored {count} entered values",
    }
    system_stored "synergy.system.stored" (id: i64) {
        zh: "指标体系版本 {id} 已生效",
        en: "indicator system version {id} is in force",
    }

    // Pages.
    nav "synergy.page.nav" () {
        zh: "协同度评价",
        en: "Synergy",
    }
    page_title "synergy.page.title" () {
        zh: "减污降碳协同度评价",
        en: "Pollution–carbon synergy evaluation",
    }
    page_none "synergy.page.none" () {
        zh: "您的辖区还没有协同度评价。",
        en: "No synergy evaluation for your jurisdiction yet.",
    }
    page_values_link "synergy.page.values_link" () {
        zh: "指标体系、填报与评价",
        en: "Indicator system, entered values and evaluations",
    }
    page_export "synergy.page.export" () {
        zh: "导出 Excel",
        en: "Export .xlsx",
    }
    page_evaluation "synergy.page.evaluation" () {
        zh: "评价",
        en: "Evaluation",
    }
    page_year "synergy.page.year" () {
        zh: "年份",
        en: "Year",
    }
    page_years "synergy.page.years" () {
        zh: "评价年份",
        en: "Years",
    }
    page_show "synergy.page.show" () {
        zh: "显示",
        en: "Show",
    }
    page_provenance "synergy.page.provenance" (id: i64, actor: &str, at: &str, values: i64, digest: &str) {
        zh: "评价 #{id}：{actor} 于 {at} 计算，共使用 {values} 个指标值；结果摘要 SHA-256 {digest}…",
        en: "Evaluation #{id}: computed by {actor} at {at} from {values} indicator values; outcome SHA-256 {digest}…",
    }
    page_method "synergy.page.method" (scale: &str, status: &str, alpha: &str) {
        zh: "方法：各区县·年份合并进行极差标准化与熵值赋权，维度得分为加权和，耦合度 C = 几何平均/算术平均，T = Σ αU，D = √(C·T)；等级划分：{scale}（{status}）；α = {alpha}",
        en: "Method: min–max normalisation and entropy weights over all district-years, dimension scores as weighted sums, C = geometric over arithmetic mean, T = Σ αU, D = √(C·T); levels: {scale} ({status}); α = {alpha}",
    }
    page_recompute_ok "synergy.page.recompute_ok" () {
        zh: "按保存的输入重新计算：结果完全一致。",
        en: "Recomputed from its stored inputs: identical.",
    }
    page_recompute_bad "synergy.page.recompute_bad" () {
        zh: "按保存的输入重新计算：结果与保存的不一致！",
        en: "Recomputed from its stored inputs: it differs from what was stored!",
    }
    page_ranking "synergy.page.ranking" (year: i32) {
        zh: "{year} 年区县协同度排名（按 D）",
        en: "Districts ranked by D, {year}",
    }
    page_map "synergy.page.map" () {
        zh: "各区县协同等级",
        en: "Districts by level",
    }
    page_no_map "synergy.page.no_map" () {
        zh: "没有这些区县的边界，无法绘制地图。",
        en: "No boundaries for these districts: no map.",
    }
    page_trend "synergy.page.trend" () {
        zh: "历年变化",
        en: "Trend over the years",
    }
    page_benchmark_districts "synergy.page.benchmark_districts" () {
        zh: "标杆区县候选",
        en: "Candidate benchmark districts",
    }
    page_benchmark_districts_rule "synergy.page.benchmark_districts_rule" (level: &str) {
        zh: "该年 D 达到“{level}”及以上的区县。",
        en: "Districts whose D reaches “{level}” or above that year.",
    }
    page_benchmark_enterprises "synergy.page.benchmark_enterprises" () {
        zh: "标杆企业候选",
        en: "Candidate benchmark enterprises",
    }
    page_benchmark_enterprises_rule "synergy.page.benchmark_enterprises_rule" (year: i32) {
        zh: "台账中环保绩效 A、B 级、未关停的企业，按 {year} 年单位增加值能耗由低到高排列（台账能提供的企业级得分）。",
        en: "Enterprises of performance grade A or B, not closed, by energy per unit of value added in {year}, lowest first (the enterprise-level score the ledger allows).",
    }
    page_benchmark_none "synergy.page.benchmark_none" () {
        zh: "暂无。",
        en: "None.",
    }
    page_weights "synergy.page.weights" () {
        zh: "指标权重",
        en: "Indicator weights",
    }
    page_district_title "synergy.page.district_title" (name: &str) {
        zh: "{name} 协同度",
        en: "Synergy of {name}",
    }
    page_back "synergy.page.back" () {
        zh: "返回排名",
        en: "Back to the ranking",
    }
    page_radar "synergy.page.radar" (year: i32) {
        zh: "{year} 年五维得分",
        en: "Dimension scores, {year}",
    }
    page_radar_note "synergy.page.radar_note" () {
        zh: "实线：本区县；虚线：全辖区平均。",
        en: "Solid: this district; dashed: the jurisdiction's mean.",
    }
    page_indicator_values "synergy.page.indicator_values" () {
        zh: "指标值及来源",
        en: "Indicator values and where they came from",
    }
    page_system "synergy.page.system" () {
        zh: "现行指标体系",
        en: "Indicator system in force",
    }
    page_system_own "synergy.page.system_own" (actor: &str, at: &str) {
        zh: "本辖区自定义，{actor} 于 {at} 设定",
        en: "this jurisdiction's own, set by {actor} at {at}",
    }
    page_system_default "synergy.page.system_default" () {
        zh: "默认（data/synergy/indicators.toml）",
        en: "the default (data/synergy/indicators.toml)",
    }
    page_enter "synergy.page.enter" () {
        zh: "填报一个指标值",
        en: "Enter one value",
    }
    page_save "synergy.page.save" () {
        zh: "保存",
        en: "Save",
    }
    page_import "synergy.page.import" () {
        zh: "导入填报表",
        en: "Import a sheet of values",
    }
    page_import_button "synergy.page.import_button" () {
        zh: "导入",
        en: "Import",
    }
    page_import_note "synergy.page.import_note" () {
        zh: "CSV（UTF-8 或 GBK）或 .xlsx，列：区县代码、年份、指标代码、数值、来源说明；有任何一行出错则全部不导入。",
        en: "CSV (UTF-8 or GBK) or .xlsx with columns division, year, indicator, value, note; one bad row and nothing is imported.",
    }
    page_template "synergy.page.template" () {
        zh: "下载模板",
        en: "Download the template",
    }
    page_run "synergy.page.run" () {
        zh: "开展评价",
        en: "Run an evaluation",
    }
    page_run_button "synergy.page.run_button" () {
        zh: "计算并保存",
        en: "Compute and store",
    }
    page_run_note "synergy.page.run_note" () {
        zh: "已填报的数值优先，其余由平台根据台账、退出案件和在线监测计算；缺少的数值会逐项列出。",
        en: "Entered values first, the rest computed by the platform from the ledger, exit cases and monitoring; every missing value is listed.",
    }
    page_entered "synergy.page.entered" (count: i64) {
        zh: "已填报数值（{count} 个）",
        en: "Entered values ({count})",
    }
    page_values_title "synergy.page.values_title" () {
        zh: "协同度评价：指标与填报",
        en: "Synergy evaluation: indicators and entered values",
    }
    page_refused "synergy.page.refused" (count: i64) {
        zh: "未保存：发现 {count} 个问题。",
        en: "Nothing stored: {count} problem(s) found.",
    }
    page_form "synergy.page.form" () {
        zh: "填报表单",
        en: "the form",
    }
    page_no_file "synergy.page.no_file" () {
        zh: "请选择要导入的文件。",
        en: "Choose a file to import.",
    }
    col_rank "synergy.col.rank" () {
        zh: "名次",
        en: "Rank",
    }
    col_district "synergy.col.district" () {
        zh: "区县",
        en: "District",
    }
    col_level "synergy.col.level" () {
        zh: "协调等级",
        en: "Level",
    }
    col_enterprise "synergy.col.enterprise" () {
        zh: "企业",
        en: "Enterprise",
    }
    col_grade "synergy.col.grade" () {
        zh: "绩效等级",
        en: "Grade",
    }
    col_intensity "synergy.col.intensity" () {
        zh: "单位增加值能耗（吨标准煤/万元）",
        en: "Energy per value added (tce per 10,000 yuan)",
    }
    col_dimension "synergy.col.dimension" () {
        zh: "维度",
        en: "Dimension",
    }
    col_indicator "synergy.col.indicator" () {
        zh: "指标",
        en: "Indicator",
    }
    col_direction "synergy.col.direction" () {
        zh: "方向",
        en: "Direction",
    }
    col_entropy "synergy.col.entropy" () {
        zh: "信息熵",
        en: "Entropy",
    }
    col_weight "synergy.col.weight" () {
        zh: "权重（维度内）",
        en: "Weight (within its dimension)",
    }
    col_source "synergy.col.source" () {
        zh: "数据来源",
        en: "Source",
    }
    col_unit "synergy.col.unit" () {
        zh: "单位",
        en: "Unit",
    }
    col_value "synergy.col.value" () {
        zh: "数值",
        en: "Value",
    }
    col_normalised "synergy.col.normalised" () {
        zh: "标准化值",
        en: "Normalised",
    }
    col_origin "synergy.col.origin" () {
        zh: "来源",
        en: "Origin",
    }
    col_note "synergy.col.note" () {
        zh: "来源说明",
        en: "Note",
    }
    direction_positive "synergy.direction.positive" () {
        zh: "正向（越大越好）",
        en: "positive (more is better)",
    }
    direction_negative "synergy.direction.negative" () {
        zh: "负向（越小越好）",
        en: "negative (less is better)",
    }
    source_computed "synergy.source.computed" () {
        zh: "平台计算",
        en: "computed by the platform",
    }
    source_entered "synergy.source.entered" () {
        zh: "填报",
        en: "entered",
    }
    weight_entropy "synergy.weight.entropy" () {
        zh: "熵值法",
        en: "entropy",
    }
    origin_entered "synergy.origin.entered" (by: &str, at: &str) {
        zh: "填报：{by}，{at}",
        en: "entered by {by} at {at}",
    }
    xlsx_ranking "synergy.xlsx.ranking" () {
        zh: "排名",
        en: "Ranking",
    }
    xlsx_values "synergy.xlsx.values" () {
        zh: "指标值",
        en: "Values",
    }
    xlsx_weights "synergy.xlsx.weights" () {
        zh: "权重",
        en: "Weights",
    }
    xlsx_settings "synergy.xlsx.settings" () {
        zh: "设置",
        en: "Settings",
    }
    xlsx_system "synergy.xlsx.system" () {
        zh: "指标体系",
        en: "Indicator system",
    }
    xlsx_scale "synergy.xlsx.scale" () {
        zh: "等级划分",
        en: "Level scale",
    }
    no_rows "synergy.values.no_rows" () {
        zh: "没有数据行：表头之后每行填一个数值",
        en: "no data rows: one value per row after the header",
    }
    system_shift "synergy.system.shift" (shift: f64) {
        zh: "平移量 shift = {shift} 应不小于 0 且小于 1",
        en: "the shift {shift} must be at least 0 and below 1",
    }
    page_system_note "synergy.page.system_note" (jurisdiction: &str) {
        zh: "辖区 {jurisdiction} 的指标体系（TOML，格式见 data/synergy/indicators.toml）。保存前整体校验，有错误则不保存；已保存的评价保留其当时的指标体系。",
        en: "The indicator system of jurisdiction {jurisdiction} (TOML, as data/synergy/indicators.toml). Checked in full before it is stored; with a problem nothing is stored; stored evaluations keep the system they used.",
    }
    page_system_edit "synergy.page.system_edit" () {
        zh: "修改指标体系",
        en: "Edit the indicator system",
    }
    system_line "synergy.page.system_line" (line: i64) {
        zh: "第 {line} 行：",
        en: "line {line}:",
    }
    // How a computed value was obtained (stored with the evaluation).
    computed_energy "synergy.computed.energy" (energy: &str, value_added: &str, enterprises: i64, year: i32) {
        zh: "{year} 年 {enterprises} 家企业：综合能耗合计 {energy} 吨标准煤 ÷ 工业增加值合计 {value_added} 万元",
        en: "{year}, {enterprises} enterprises: Σ energy {energy} tce ÷ Σ value added {value_added} (10,000 yuan)",
    }
    computed_value_added "synergy.computed.value_added" (enterprises: i64, year: i32) {
        zh: "{year} 年 {enterprises} 家企业的工业增加值合计",
        en: "Σ value added of {enterprises} enterprises, {year}",
    }
    computed_exits "synergy.computed.exits" (year: i32, count: i64) {
        zh: "{year} 年退出生产的退出案件 {count} 件",
        en: "exit cases that left production in {year}: {count}",
    }
    computed_low_nox "synergy.computed.low_nox" (count: i64) {
        zh: "台账现有低氮燃烧改造燃气锅炉 {count} 台",
        en: "gas boilers retrofitted to low-NOx combustion in the ledger now: {count}",
    }
    computed_ab "synergy.computed.ab" (ab: i64, all: i64) {
        zh: "台账现有未关停企业 {all} 家，其中环保绩效A、B级 {ab} 家",
        en: "{ab} of the ledger's {all} enterprises not closed are of grade A or B now",
    }
    computed_air "synergy.computed.air" (tonnes: &str, outlets: i64, value_added: &str, year: i32) {
        zh: "{year} 年 {outlets} 个在线监测排放口 SO2+NOx+颗粒物 {tonnes} 吨 ÷ 工业增加值 {value_added} 亿元",
        en: "{year}: {tonnes} t SO2+NOx+PM from {outlets} monitored outlets ÷ {value_added} (100 million yuan) value added",
    }
}
