//! Messages of account administration.

crate::messages! {
    choose_role "admin.user.choose_role" () {
        zh: "请选择账号的角色（不会默认为系统管理员）",
        en: "Choose the account's role (there is no default).",
    }
    // Page labels: headings, column titles, buttons and notes of the pages.
    verifies "admin.page.verifies" () { zh: " 校验;", en: " verifies; " }
    writes_a_verifiable_copy "admin.page.writes_a_verifiable_copy" () { zh: " 导出可校验副本。", en: " writes a verifiable copy." }
    account "admin.page.account" () { zh: "账号", en: "Account" }
    accounts "admin.page.accounts" () { zh: "账号", en: "Accounts" }
    accounts_2 "admin.page.accounts_2" () { zh: "账号管理", en: "Accounts" }
    action "admin.page.action" () { zh: "动作", en: "Action" }
    actions "admin.page.actions" () { zh: "操作", en: "Actions" }
    add "admin.page.add" () { zh: "新增", en: "Add" }
    add_an_account "admin.page.add_an_account" () { zh: "新增账号", en: "Add an account" }
    added_account "admin.page.added_account" () { zh: "已新增账号", en: "Added account" }
    audit_log "admin.page.audit_log" () { zh: "审计日志", en: "Audit log" }
    audit_log_2 "admin.page.audit_log_2" () { zh: "审计日志 →", en: "Audit log →" }
    command_line "admin.page.command_line" () { zh: "命令行:", en: "Command line: " }
    credit_code_enterprise_accounts "admin.page.credit_code_enterprise_accounts" () { zh: "企业信用代码(企业用户)", en: "Credit code (enterprise accounts)" }
    department_bureau_staff "admin.page.department_bureau_staff" () { zh: "部门(局机关人员)", en: "Department (bureau staff)" }
    disable "admin.page.disable" () { zh: "停用", en: "Disable" }
    division_or_grid_codes_space_separated "admin.page.division_or_grid_codes_space_separated" () { zh: "行政区划/网格代码(空格分隔)", en: "Division or grid codes (space-separated)" }
    enable "admin.page.enable" () { zh: "启用", en: "Enable" }
    hash_chain_broken_at_entry "admin.page.hash_chain_broken_at_entry" () { zh: "哈希链被破坏,首个异常条目:", en: "Hash chain BROKEN at entry " }
    hash_chain_intact_entries_verified "admin.page.hash_chain_intact_entries_verified" () { zh: "哈希链完整,已校验条目:", en: "Hash chain intact; entries verified: " }
    initial_password "admin.page.initial_password" () { zh: "初始密码", en: "Initial password" }
    password_reset "admin.page.password_reset" () { zh: "已重置密码:", en: "Password reset:" }
    record "admin.page.record" () { zh: "对象", en: "Record" }
    reset "admin.page.reset" () { zh: "确定", en: "Reset" }
    reset_password "admin.page.reset_password" () { zh: "重置密码", en: "Reset password" }
    role_and_department "admin.page.role_and_department" () { zh: "角色与部门", en: "Role and department" }
    unlock "admin.page.unlock" () { zh: "解锁", en: "Unlock" }
    unlocked_account "admin.page.unlocked_account" () { zh: "已解锁账号", en: "Unlocked account" }
    active "admin.page.active" () { zh: "正常", en: "active" }
    lantian_audit_export_out_file "admin.page.lantian_audit_export_out_file" () { zh: "lantian audit export --out 文件", en: "lantian audit export --out FILE" }
    locked_until "admin.page.locked_until" () { zh: "已锁定至 ", en: "locked until " }
    new_password "admin.page.new_password" () { zh: "新密码", en: "new password" }
    choose_a_role "admin.page.choose_a_role" () { zh: "— 请选择角色 —", en: "— choose a role —" }
}
