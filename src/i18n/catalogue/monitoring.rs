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
}
