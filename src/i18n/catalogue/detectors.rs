//! Messages of the suspicious-data detectors (src/enforcement/detectors/): each finding's
//! explanation with its numbers, the detectors' names and the labels of their figures
//! (`detectors.figure.<key>`, see `enforcement::finding::Figure`).

use crate::i18n::{Arg, Msg};

crate::messages! {
    // Names of the detectors (`detectors.name.<code>`, the CLI's detector codes).
    name_flatline "detectors.name.flatline" () { zh: "恒值", en: "Flatline" }
    name_bunching "detectors.name.bunching" () { zh: "贴限排放", en: "Bunching below the limit" }
    name_dilution "detectors.name.dilution" () { zh: "疑似稀释排放", en: "Suspected dilution" }
    name_zero_flow "detectors.name.zero_flow" () { zh: "零流量或零浓度", en: "Zero flow or zero concentration" }
    name_level_shift "detectors.name.level_shift" () { zh: "数据突变", en: "Level shift" }
    name_variance_collapse "detectors.name.variance_collapse" () { zh: "波动消失", en: "Variance collapse" }
    name_logger_mismatch "detectors.name.logger_mismatch" () { zh: "数采仪数据不一致", en: "Logger mismatch" }
    name_gap "detectors.name.gap" () { zh: "长时间无数据", en: "Long gap" }
    name_offline "detectors.name.offline" () { zh: "设备离线", en: "Offline" }
    name_future_time "detectors.name.future_time" () { zh: "未来时间", en: "Future timestamps" }
    name_conflict "detectors.name.conflict" () { zh: "数据冲突", en: "Conflicting data" }
    name_mark_share "detectors.name.mark_share" () { zh: "标记占比异常", en: "Unusual share of marks" }
    name_mark_over_exceedance "detectors.name.mark_over_exceedance" () { zh: "标记掩盖超标", en: "Mark over exceedance" }

    // Explanations.
    flatline "detectors.flatline.constant" (pollutant: String, hours: usize, low: f64, high: f64, band_pct: f64, limit: f64, running: Msg) {
        zh: "{pollutant}连续 {hours} 小时的小时均值都在 {low} 至 {high} 之间，变化幅度在限值 {limit} 的 {band_pct}% 以内（台账未登记量程，以限值代替），而同期{running}：数据长期在固定值上下小幅波动。",
        en: "{pollutant}: for {hours} consecutive hours every hourly mean lay between {low} and {high}, a variation within {band_pct}% of the limit {limit} (the ledger has no instrument range; the limit stands in for it), while {running}: the values stayed at one level.",
    }
    flatline_running_flow "detectors.flatline.running_flow" (hours: usize) {
        zh: "流量在其中 {hours} 小时显示机组在运行",
        en: "the flow showed the unit running in {hours} of those hours",
    }
    flatline_running_other "detectors.flatline.running_other" (other: String) {
        zh: "{other}在变化",
        en: "{other} varied",
    }
    bunching "detectors.bunching.below_limit" (pollutant: String, share_pct: f64, hours: usize, low_pct: f64, limit: f64, history_pct: f64, history_hours: usize) {
        zh: "{pollutant}在判定时段的 {hours} 个有效小时中，有 {share_pct}% 落在限值 {limit} 的 {low_pct}% 至 100% 之间（紧贴限值之下），而该排口此前 {history_hours} 个有效小时中只有 {history_pct}%。",
        en: "{pollutant}: {share_pct}% of the period's {hours} valid hours lay between {low_pct}% and 100% of the limit {limit} (just below it), against {history_pct}% of the outlet's {history_hours} valid hours before.",
    }
    dilution "detectors.dilution.o2_high" (pollutant: String, hours: usize, o2_mean: f64, o2_alarm: f64, quantile_pct: f64, measured: f64, measured_usual: f64, converted: f64, converted_usual: f64) {
        zh: "连续 {hours} 小时含氧量均值为 {o2_mean}%，高于报警值 {o2_alarm}%（该排口历史含氧量的 {quantile_pct}% 分位数加裕量）；同期{pollutant}实测浓度均值降至 {measured}（平时中位数 {measured_usual}），折算浓度 {converted}（平时 {converted_usual}）却没有下降：疑似掺入空气稀释烟气。",
        en: "For {hours} consecutive hours the O2 mean was {o2_mean}%, above the alarm level {o2_alarm}% (the {quantile_pct}% quantile of the outlet's own O2 history plus a margin); meanwhile the measured {pollutant} mean fell to {measured} (usually {measured_usual}, median) while the converted value {converted} (usually {converted_usual}) did not fall: air let in to dilute the flue gas is suspected.",
    }
    zero_flow_no_flow "detectors.zero_flow.no_flow" (pollutant: String, hours: usize, concentration: f64) {
        zh: "连续 {hours} 小时流量为零，而{pollutant}仍有浓度（均值 {concentration}），数据标记为正常，也没有停运等标记。",
        en: "For {hours} consecutive hours the flow was zero while {pollutant} still showed a concentration (mean {concentration}), flagged normal and not marked as a shutdown or otherwise.",
    }
    zero_flow_no_concentration "detectors.zero_flow.no_concentration" (pollutant: String, hours: usize, flow: f64) {
        zh: "连续 {hours} 小时流量显示机组在运行（均值 {flow}），而{pollutant}浓度为零，数据标记为正常，也没有停运等标记。",
        en: "For {hours} consecutive hours the flow showed the unit running (mean {flow}) while the {pollutant} concentration was zero, flagged normal and not marked.",
    }
    level_shift_after_mark "detectors.level_shift.after_mark" (kind: Arg, pollutant: String, before_hours: usize, before: f64, after_hours: usize, after: f64, change_pct: f64, sds: f64) {
        zh: "“{kind}”标记结束后，{pollutant}的水平突变：标记前 {before_hours} 个有效小时的均值为 {before}，标记后 {after_hours} 个有效小时为 {after}（变化 {change_pct}%，为波动幅度的 {sds} 倍）。",
        en: "After the mark \"{kind}\" ended, the {pollutant} level shifted: the mean of the {before_hours} valid hours before the mark was {before}, of the {after_hours} valid hours after it {after} (a change of {change_pct}%, {sds} times the fluctuation).",
    }
    level_shift_sudden "detectors.level_shift.sudden" (pollutant: String, hours: usize, before: f64, after: f64, change_pct: f64, sds: f64) {
        zh: "{pollutant}的水平突变：前 {hours} 个有效小时的均值为 {before}，随后 {hours} 个有效小时为 {after}（变化 {change_pct}%，为波动幅度的 {sds} 倍），期间没有维护或校准标记。",
        en: "The {pollutant} level shifted suddenly: the mean of {hours} valid hours was {before}, of the next {hours} valid hours {after} (a change of {change_pct}%, {sds} times the fluctuation), with no maintenance or calibration mark.",
    }
    variance_collapse "detectors.variance_collapse.collapsed" (pollutant: String, hours: usize, cv_pct: f64, history_hours: usize, history_cv_pct: f64, ratio_pct: f64) {
        zh: "{pollutant}在判定时段 {hours} 个有效小时的变异系数为 {cv_pct}%，只有该排口此前 {history_hours} 个有效小时（{history_cv_pct}%）的 {ratio_pct}%：数据的波动异常减小。",
        en: "{pollutant}: the coefficient of variation of the period's {hours} valid hours was {cv_pct}%, only {ratio_pct}% of that of the outlet's {history_hours} valid hours before ({history_cv_pct}%): the variation collapsed.",
    }
    logger_mismatch "detectors.logger_mismatch.differs" (pollutant: String, hours: usize, compared: usize, mean_hours: usize, converted_hours: usize, max_pct: f64) {
        zh: "{pollutant}有 {hours} 个小时（共比对 {compared} 个分钟数据全部有效的小时）数采仪上报的小时值与由其分钟数据计算的不一致：实测均值 {mean_hours} 小时，折算均值 {converted_hours} 小时，最大相差 {max_pct}%。",
        en: "{pollutant}: in {hours} hours (of {compared} compared hours whose minutes were all valid) the logger's own hourly value disagreed with the one computed from its minutes: the measured mean in {mean_hours} hours, the converted mean in {converted_hours} hours, by up to {max_pct}%.",
    }
    gap "detectors.gap.no_data" (hours: i64, marked_hours: i64, limit_hours: i64) {
        zh: "连续 {hours} 小时没有任何监测数据（其中 {marked_hours} 小时有标记），未标记的时间超过 {limit_hours} 小时（故障应在 12 小时内报告）。",
        en: "No monitoring data at all for {hours} consecutive hours ({marked_hours} of them marked); the unmarked time exceeds {limit_hours} hours (a fault must be reported within 12 hours).",
    }
    offline "detectors.offline.silent" (hours: i64, limit_hours: i64) {
        zh: "数采仪已 {hours} 小时没有发送通过认证的数据包，超过 {limit_hours} 小时：设备离线。",
        en: "The logger has sent no authenticated packet for {hours} hours, more than {limit_hours} hours: the device is offline.",
    }
    conflict "detectors.conflict.packets" (count: usize, first: String, last: String) {
        zh: "有 {count} 个数据包的数值与该数采仪已存同一数据时间的数值不同（数据时间 {first} 至 {last}）：已保留先到的数值，新数据包作为冲突存档。可能是伪造数据抢先占用时段，或数采仪修改后重发，请核查哪一份来自真实的数采仪。",
        en: "{count} packets carried other values for data times the logger had already filled ({first} to {last}): the first values stay and the new packets are archived as conflicts. Forged data may have taken the slots first, or the logger resent changed values: check which came from the real logger.",
    }
    future_time "detectors.future_time.frames" (count: usize) {
        zh: "判定时段内有 {count} 个数据包的数据时间在未来（数采仪时钟超前），已被拒收。",
        en: "{count} packets in the period carried a data time in the future (the logger's clock runs ahead) and were refused.",
    }
    mark_share_history "detectors.mark_share.high_vs_history" (share_pct: f64, marked_hours: i64, hours: i64, history_pct: f64) {
        zh: "判定时段 {hours} 小时中有 {marked_hours} 小时（{share_pct}%）被标记，不参与超标判定；该排口此前只有 {history_pct}% 的时间被标记。",
        en: "{marked_hours} of the period's {hours} hours ({share_pct}%) are marked and not judged; before, only {history_pct}% of the outlet's time was marked.",
    }
    mark_share "detectors.mark_share.high" (share_pct: f64, marked_hours: i64, hours: i64) {
        zh: "判定时段 {hours} 小时中有 {marked_hours} 小时（{share_pct}%）被标记，不参与超标判定。",
        en: "{marked_hours} of the period's {hours} hours ({share_pct}%) are marked and not judged.",
    }
    marked_shutdown_with_flow "detectors.mark_over_exceedance.shutdown_with_flow" (kind: Arg, mark_hours: f64, pollutant: String, hours: usize, max_ratio: f64) {
        zh: "“{kind}”标记（{mark_hours} 小时）覆盖的时段内，有 {hours} 个小时流量显示机组在运行、{pollutant}超过限值（最高为限值的 {max_ratio} 倍）：标停未停。",
        en: "Under the mark \"{kind}\" ({mark_hours} hours), in {hours} hours the flow showed the unit running and {pollutant} was above the limit (up to {max_ratio} times it): marked as stopped, yet running.",
    }
    marked_after_the_fact "detectors.mark_over_exceedance.after_the_fact" (kind: Arg, mark_hours: f64, pollutant: String, hours: usize, max_ratio: f64) {
        zh: "“{kind}”标记（{mark_hours} 小时）是事后补录的：它覆盖的 {hours} 个{pollutant}超标小时（最高为限值的 {max_ratio} 倍）在标记录入前就已结束。",
        en: "The mark \"{kind}\" ({mark_hours} hours) was entered after the fact: the {hours} hours above the limit of {pollutant} it covers (up to {max_ratio} times it) had ended before it was entered.",
    }
    marked_at_onset "detectors.mark_over_exceedance.at_onset" (kind: Arg, mark_hours: f64, pollutant: String, hours: usize, max_ratio: f64) {
        zh: "“{kind}”标记（{mark_hours} 小时）恰好从{pollutant}超标时开始，覆盖 {hours} 个超标小时（最高为限值的 {max_ratio} 倍），这些小时因此不参与判定。",
        en: "The mark \"{kind}\" ({mark_hours} hours) began just as {pollutant} went above the limit and covers {hours} exceeding hours (up to {max_ratio} times it), which are therefore not judged.",
    }

    // Figure labels (`detectors.figure.<key>`).
    figure_hours "detectors.figure.hours" () { zh: "小时数", en: "Hours" }
    figure_low "detectors.figure.low" () { zh: "最低值", en: "Lowest value" }
    figure_high "detectors.figure.high" () { zh: "最高值", en: "Highest value" }
    figure_spread "detectors.figure.spread" () { zh: "变化幅度", en: "Variation" }
    figure_scale "detectors.figure.scale" () { zh: "参考量程（限值）", en: "Reference scale (limit)" }
    figure_band_share "detectors.figure.band_share" () { zh: "允许变化占比", en: "Band (share of scale)" }
    figure_running_hours "detectors.figure.running_hours" () { zh: "运行小时数", en: "Running hours" }
    figure_share "detectors.figure.share" () { zh: "占比", en: "Share" }
    figure_band_hours "detectors.figure.band_hours" () { zh: "贴限小时数", en: "Hours just below the limit" }
    figure_history_share "detectors.figure.history_share" () { zh: "历史占比", en: "Share in history" }
    figure_history_hours "detectors.figure.history_hours" () { zh: "历史小时数", en: "Hours of history" }
    figure_limit "detectors.figure.limit" () { zh: "限值", en: "Limit" }
    figure_o2_mean "detectors.figure.o2_mean" () { zh: "含氧量均值 (%)", en: "O2 mean (%)" }
    figure_o2_alarm "detectors.figure.o2_alarm" () { zh: "含氧量报警值 (%)", en: "O2 alarm level (%)" }
    figure_measured_mean "detectors.figure.measured_mean" () { zh: "实测浓度均值", en: "Measured mean" }
    figure_measured_usual "detectors.figure.measured_usual" () { zh: "平时实测浓度（中位数）", en: "Usual measured value (median)" }
    figure_converted_mean "detectors.figure.converted_mean" () { zh: "折算浓度均值", en: "Converted mean" }
    figure_converted_usual "detectors.figure.converted_usual" () { zh: "平时折算浓度（中位数）", en: "Usual converted value (median)" }
    figure_concentration_mean "detectors.figure.concentration_mean" () { zh: "浓度均值", en: "Concentration mean" }
    figure_flow_mean "detectors.figure.flow_mean" () { zh: "流量均值", en: "Flow mean" }
    figure_before_mean "detectors.figure.before_mean" () { zh: "之前均值", en: "Mean before" }
    figure_after_mean "detectors.figure.after_mean" () { zh: "之后均值", en: "Mean after" }
    figure_change "detectors.figure.change" () { zh: "相对变化", en: "Relative change" }
    figure_sds "detectors.figure.sds" () { zh: "变化/波动幅度", en: "Change in standard deviations" }
    figure_before_hours "detectors.figure.before_hours" () { zh: "之前小时数", en: "Hours before" }
    figure_after_hours "detectors.figure.after_hours" () { zh: "之后小时数", en: "Hours after" }
    figure_shift_at "detectors.figure.shift_at" () { zh: "突变时刻（Unix 秒）", en: "Shift at (Unix seconds)" }
    figure_cv "detectors.figure.cv" () { zh: "变异系数", en: "Coefficient of variation" }
    figure_history_cv "detectors.figure.history_cv" () { zh: "历史变异系数", en: "Coefficient of variation in history" }
    figure_ratio "detectors.figure.ratio" () { zh: "比值", en: "Ratio" }
    figure_compared_hours "detectors.figure.compared_hours" () { zh: "比对小时数", en: "Hours compared" }
    figure_mean_hours "detectors.figure.mean_hours" () { zh: "实测均值不一致小时数", en: "Hours with the measured mean differing" }
    figure_converted_hours "detectors.figure.converted_hours" () { zh: "折算均值不一致小时数", en: "Hours with the converted mean differing" }
    figure_max_difference "detectors.figure.max_difference" () { zh: "最大相对差", en: "Largest relative difference" }
    figure_marked_hours "detectors.figure.marked_hours" () { zh: "标记小时数", en: "Marked hours" }
    figure_frames "detectors.figure.frames" () { zh: "数据包数", en: "Packets" }
    figure_exceeding_hours "detectors.figure.exceeding_hours" () { zh: "超标小时数", en: "Exceeding hours" }
    figure_flow_hours "detectors.figure.flow_hours" () { zh: "有流量的超标小时数", en: "Exceeding hours with flow" }
    figure_late_hours "detectors.figure.late_hours" () { zh: "事后标记的超标小时数", en: "Exceeding hours marked after the fact" }
    figure_max_ratio "detectors.figure.max_ratio" () { zh: "最大超标倍数", en: "Highest ratio to the limit" }
    figure_mark_hours "detectors.figure.mark_hours" () { zh: "标记时长（小时）", en: "Mark length (hours)" }
}
