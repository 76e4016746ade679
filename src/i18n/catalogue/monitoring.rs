//! Messages of online monitoring: data marks, outlets, the stored series, the device registry
//! and the ingestion server.

use crate::i18n::Arg;

crate::messages! {
    no_outlet "monitoring.outlet.not_found" (credit: &str, outlet: &str) {
        zh: "排放口 {credit}/{outlet} 不存在或不在您的管辖范围内",
        en: "no outlet {credit}/{outlet} in your jurisdiction",
    }
    no_outlet_in_ledger "monitoring.outlet.not_in_ledger" (spec: &str) {
        zh: "台账中没有排放口 {spec}",
        en: "outlet {spec} is not in the ledger",
    }
    outlet_spec "monitoring.outlet.spec" (spec: &str) {
        zh: "排放口“{spec}”：请写 统一社会信用代码/排放口编号（如 91610000MA6XXXXXXX/DA001）或排放口编号 id",
        en: "outlet '{spec}': give CREDIT_CODE/OUTLET_CODE (e.g. 91610000MA6XXXXXXX/DA001) or an outlet id",
    }
    mark_refused "monitoring.mark.refused" (problems: Arg) {
        zh: "数据标记未保存：{problems}",
        en: "the data mark was not saved: {problems}",
    }
    mark_not_found "monitoring.mark.not_found" (id: i64) {
        zh: "数据标记 #{id} 不存在或不在您的管辖范围内",
        en: "no data mark #{id} in your jurisdiction",
    }
    mark_withdrawn "monitoring.mark.withdrawn" (id: i64) {
        zh: "数据标记 #{id} 已撤销",
        en: "data mark #{id} is already withdrawn",
    }
    withdraw_reason "monitoring.mark.withdraw_reason" () {
        zh: "必须填写撤销原因",
        en: "a reason for withdrawing is required",
    }
    proof_not_found "monitoring.mark.proof_not_found" (id: i64) {
        zh: "数据标记 #{id} 没有证明材料",
        en: "data mark #{id} has no proof file",
    }
    start_invalid "monitoring.mark.start_invalid" (value: &str) {
        zh: "开始时间“{value}”不是有效的日期时间",
        en: "start '{value}' is not a date and time",
    }
    end_invalid "monitoring.mark.end_invalid" (value: &str) {
        zh: "结束时间“{value}”不是有效的日期时间",
        en: "end '{value}' is not a date and time",
    }
    block_damaged "monitoring.series.block_damaged" (detail: String, place: String) {
        zh: "存储的监测数据块已损坏：{detail}（{place}）",
        en: "a stored block of monitoring data is damaged: {detail} ({place})",
    }
    mn_shape "monitoring.device.mn" (mn: &str) {
        zh: "设备唯一标识 MN“{mn}”应为 1–24 位字母或数字（HJ 212：24 位）",
        en: "MN '{mn}' must be 1-24 letters or digits (HJ 212: 24 characters)",
    }
    password_shape "monitoring.device.password" (mn: &str) {
        zh: "{mn} 的访问密码应为 1–32 个可打印字符，不含 ; = &",
        en: "password of {mn} must be 1-32 printable characters without ; = &",
    }
    key_shape "monitoring.device.sm4_key" (mn: &str) {
        zh: "{mn} 的 SM4 密钥应为 32 位十六进制数字",
        en: "SM4 key of {mn} must be 32 hex digits",
    }
    tolerance "monitoring.device.tolerance" (mn: &str, detail: String) {
        zh: "{mn} 的容错设置有误：{detail}",
        en: "tolerance of {mn}: {detail}",
    }
    protocol "monitoring.device.protocol" (mn: &str) {
        zh: "{mn} 的协议版本应为 2005、2017 或 2025",
        en: "protocol of {mn} must be 2005, 2017 or 2025",
    }
    writer_needs_file "monitoring.ingest.needs_file" () {
        zh: "接收服务需要文件数据库，不能使用内存数据库",
        en: "the ingestion writer needs a file database, not an in-memory one",
    }
    listen_no_address "monitoring.ingest.no_address" (listen: String) {
        zh: "--hj212-listen {listen}：没有可用的地址",
        en: "--hj212-listen {listen}: no address",
    }
    listen_failed "monitoring.ingest.listen_failed" (address: String, detail: String) {
        zh: "无法在 {address} 监听 HJ 212：{detail}",
        en: "cannot listen for HJ 212 on {address}: {detail}",
    }
    division_digits "monitoring.status.division_digits" (division: &str) {
        zh: "区划“{division}”应为数字",
        en: "division '{division}' must be digits",
    }
    // Page labels: headings, column titles, buttons and notes of the pages.
    month_suffix "monitoring.page.month_suffix" () { zh: "月", en: "" }
    an_hour_is_valid_with_45 "monitoring.page.an_hour_is_valid_with_45" () { zh: "小时有效:该小时有 ≥45 个有效分钟值(HJ 212-2017 附录D),且有限值的污染物均有效;超标:有效小时的折算浓度(无折算时为实测浓度)高于限值。传输率、有效率的定义见排放口页面。", en: "An hour is valid with ≥ 45 valid minute values (HJ 212-2017 App. D) for every pollutant with a limit; exceeding: a valid hour's converted (else measured) mean above the limit. The rates are defined on the outlet page." }
    conflicting_packets "monitoring.page.conflicting_packets" () { zh: "冲突数据包", en: "Conflicting packets" }
    converted "monitoring.page.converted" () { zh: "折算", en: "Converted" }
    data "monitoring.page.data" () { zh: "数据", en: "Data" }
    data_conflicts "monitoring.page.data_conflicts" () { zh: "数据冲突", en: "Data conflicts" }
    data_loggers "monitoring.page.data_loggers" () { zh: "数采仪", en: "Data loggers" }
    data_marks "monitoring.page.data_marks" () { zh: "数据标记", en: "Data marks" }
    data_time "monitoring.page.data_time" () { zh: "数据时间", en: "Data time" }
    effective_transmission "monitoring.page.effective_transmission" () { zh: "有效传输率", en: "Effective transmission" }
    enter_a_data_mark "monitoring.page.enter_a_data_mark" () { zh: "录入数据标记", en: "Enter a data mark" }
    entered_by "monitoring.page.entered_by" () { zh: "录入", en: "Entered by" }
    exceeded "monitoring.page.exceeded" () { zh: "超标", en: "Exceeded" }
    exceeding_hours "monitoring.page.exceeding_hours" () { zh: "超标小时", en: "Exceeding hours" }
    flue_gas_flow "monitoring.page.flue_gas_flow" () { zh: "废气流量", en: "Flue gas flow" }
    from "monitoring.page.from" () { zh: "开始", en: "From" }
    from_address "monitoring.page.from_address" () { zh: "来源地址", en: "From address" }
    hour "monitoring.page.hour" () { zh: "小时", en: "Hour" }
    hourly_means "monitoring.page.hourly_means" () { zh: "小时均值", en: "Hourly means" }
    hours_received_valid_today "monitoring.page.hours_received_valid_today" () { zh: "今日实报/有效小时", en: "Hours received / valid today" }
    last_contact "monitoring.page.last_contact" () { zh: "最近通讯", en: "Last contact" }
    logger "monitoring.page.logger" () { zh: "通讯", en: "Logger" }
    logger_converted "monitoring.page.logger_converted" () { zh: "上报折算", en: "Logger converted" }
    logger_mean "monitoring.page.logger_mean" () { zh: "上报均值", en: "Logger mean" }
    loggers_whose_outlet_was_deleted "monitoring.page.loggers_whose_outlet_was_deleted" () { zh: "排放口已删除的数采仪", en: "Loggers whose outlet was deleted" }
    mean "monitoring.page.mean" () { zh: "均值", en: "Mean" }
    measured "monitoring.page.measured" () { zh: "实测", en: "Measured" }
    no_data_marks_in_the_period "monitoring.page.no_data_marks_in_the_period" () { zh: "所示时段内没有数据标记。", en: "No data marks in the period shown." }
    offline "monitoring.page.offline" () { zh: "离线", en: "Offline" }
    online "monitoring.page.online" () { zh: "在线", en: "Online" }
    online_monitoring "monitoring.page.online_monitoring" () { zh: "在线监控", en: "Online monitoring" }
    online_an_authenticated_packet_within_the "monitoring.page.online_an_authenticated_packet_within_the" () { zh: "在线:最近 10 分钟内收到该数采仪通过认证的数据包。计数为本节点自启动以来的数值,Prometheus 采集地址 /metrics。", en: "Online: an authenticated packet within the last 10 minutes. Counters are this node's since it started; Prometheus scrapes /metrics." }
    our_converted "monitoring.page.our_converted" () { zh: "计算折算", en: "Our converted" }
    our_mean "monitoring.page.our_mean" () { zh: "计算均值", en: "Our mean" }
    outlet_monitoring "monitoring.page.outlet_monitoring" () { zh: "排放口监测", en: "Outlet monitoring" }
    outlets_today "monitoring.page.outlets_today" () { zh: "排放口今日概况", en: "Outlets today" }
    oxygen "monitoring.page.oxygen" () { zh: "氧气含量", en: "Oxygen" }
    packets_accepted_this_node "monitoring.page.packets_accepted_this_node" () { zh: "本节点已接收数据包", en: "Packets accepted (this node)" }
    packets_for_a_slot_logger_data "monitoring.page.packets_for_a_slot_logger_data" () { zh: "同一数采仪、同一数据时间已存有不同数值的数据包:已存数值保留,新数据包作为冲突存档,请核查哪一份来自真实的数采仪(伪造数据可能抢先占用时段)。", en: "Packets for a slot (logger, data time) that already held other values: the stored values stay and the new packet is archived as a conflict. Check which one came from the real logger (forged data can take a slot first)." }
    packets_rejected_this_node "monitoring.page.packets_rejected_this_node" () { zh: "本节点拒收数据包", en: "Packets rejected (this node)" }
    packets_today "monitoring.page.packets_today" () { zh: "今日数据包", en: "Packets today" }
    pollutants "monitoring.page.pollutants" () { zh: "污染物", en: "Pollutants" }
    proof "monitoring.page.proof" () { zh: "证明材料", en: "Proof" }
    proof_pdf_jpeg_png "monitoring.page.proof_pdf_jpeg_png" () { zh: "证明材料(PDF/JPEG/PNG)", en: "Proof (PDF/JPEG/PNG)" }
    received "monitoring.page.received" () { zh: "接收时间", en: "Received" }
    reference_oxygen "monitoring.page.reference_oxygen" () { zh: "基准氧含量", en: "Reference oxygen" }
    rejected_today "monitoring.page.rejected_today" () { zh: "今日拒收", en: "Rejected today" }
    time_beijing "monitoring.page.time_beijing" () { zh: "时间(北京时间)", en: "Time (Beijing)" }
    to "monitoring.page.to" () { zh: "结束", en: "To" }
    transmission "monitoring.page.transmission" () { zh: "传输率", en: "Transmission" }
    valid "monitoring.page.valid" () { zh: "有效", en: "Valid" }
    valid_minutes "monitoring.page.valid_minutes" () { zh: "有效分钟数", en: "Valid minutes" }
    validity "monitoring.page.validity" () { zh: "有效性", en: "Validity" }
    validity_2 "monitoring.page.validity_2" () { zh: "有效率", en: "Validity" }
    wastewater_flow "monitoring.page.wastewater_flow" () { zh: "污水流量", en: "Wastewater flow" }
    where_the_loggers_own_hourly_values "monitoring.page.where_the_loggers_own_hourly_values" () { zh: "数采仪上报小时值与平台计算值不一致", en: "Where the logger's own hourly values differ from ours" }
    withdraw "monitoring.page.withdraw" () { zh: "撤销", en: "Withdraw" }
    withdrawn "monitoring.page.withdrawn" () { zh: "撤销", en: "Withdrawn" }
    daily_status "monitoring.page.daily_status" () { zh: "每日状态", en: "daily status" }
    day "monitoring.page.day" () { zh: "日", en: "day" }
    default_of "monitoring.page.default_of" () { zh: "按执行标准默认", en: "default of" }
    from_the_ledger "monitoring.page.from_the_ledger" () { zh: "台账填报", en: "from the ledger" }
    hours_expected_received_valid "monitoring.page.hours_expected_received_valid" () { zh: "应收/实报/有效小时", en: "hours expected / received / valid" }
    in_force "monitoring.page.in_force" () { zh: "有效", en: "in force" }
    invalid "monitoring.page.invalid" () { zh: "无效", en: "invalid" }
    invalid_hour "monitoring.page.invalid_hour" () { zh: "无效小时", en: "invalid hour" }
    limit "monitoring.page.limit" () { zh: "限值", en: "limit" }
    logger_invalid "monitoring.page.logger_invalid" () { zh: "上报无效", en: "logger: invalid" }
    logger_valid "monitoring.page.logger_valid" () { zh: "上报有效", en: "logger: valid" }
    marked "monitoring.page.marked" () { zh: "已标记", en: "marked" }
    month "monitoring.page.month" () { zh: "月", en: "month" }
    no_conversion "monitoring.page.no_conversion" () { zh: "不折算", en: "no conversion" }
    no_minute_data "monitoring.page.no_minute_data" () { zh: "无分钟数据", en: "no minute data" }
    offline_2 "monitoring.page.offline_2" () { zh: "离线", en: "offline" }
    offline_no_data "monitoring.page.offline_no_data" () { zh: "离线/无数据", en: "offline / no data" }
    online_2 "monitoring.page.online_2" () { zh: "在线", en: "online" }
    ours_invalid "monitoring.page.ours_invalid" () { zh: "计算无效", en: "ours: invalid" }
    ours_valid "monitoring.page.ours_valid" () { zh: "计算有效", en: "ours: valid" }
    outlet_deleted_from_the_ledger_data "monitoring.page.outlet_deleted_from_the_ledger_data" () { zh: "排放口已从台账删除,数据拒收", en: "outlet deleted from the ledger: data refused" }
    reason "monitoring.page.reason" () { zh: "撤销原因", en: "reason" }
    this_month "monitoring.page.this_month" () { zh: "本月", en: "this month" }
    today "monitoring.page.today" () { zh: "今日", en: "today" }
    undetermined_not_converted_fill_in "monitoring.page.undetermined_not_converted_fill_in" () { zh: "未确定,不折算(请在台账排放口表填写 ", en: "undetermined, not converted (fill in " }
    valid_2 "monitoring.page.valid_2" () { zh: "有效", en: "valid" }
    valid_minutes_2 "monitoring.page.valid_minutes_2" () { zh: "个有效分钟值", en: "valid minutes" }
    withdrawn_2 "monitoring.page.withdrawn_2" () { zh: "已撤销", en: "withdrawn" }
    year "monitoring.page.year" () { zh: "年", en: "year" }
}
