//! The screening rule catalogue's edits: who may change which rule.

crate::messages! {
    outside_jurisdiction "rules.edit.outside_jurisdiction" (ids: String) {
        zh: "以下规则不在本账号管辖范围内，不能新增、修改或废止：{ids}。国家和省级规则（无 jurisdiction 或范围大于本账号）只能由全市（平台）管理员修改；本账号可以新增和修改本辖区的地方规则（jurisdiction 为本辖区或其下级区划）",
        en: "these rules are outside your jurisdiction and cannot be added, changed or retired: {ids}. National and provincial rules (no jurisdiction, or one wider than yours) are changed by the platform's administrator only; you may add and change local rules of your jurisdiction (jurisdiction = your division or one below it)",
    }
    file_not_found "rules.file.not_found" (name: &str) {
        zh: "规则文件 {name} 不存在",
        en: "rule file {name} not found",
    }
}
