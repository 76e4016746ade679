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
        en: "the target file's header must be: 统一社会信用代码,年度,能耗总量目标(tce),单位增加值能耗目标(tce/万元) (credit code, year, total target, intensity target)",
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
}
use crate::i18n::{Arg, Msg};
