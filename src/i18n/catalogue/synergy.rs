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
}
