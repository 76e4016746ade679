//! Messages of account administration.

crate::messages! {
    choose_role "admin.user.choose_role" () {
        zh: "请选择账号的角色（不会默认为系统管理员）",
        en: "Choose the account's role (there is no default).",
    }
}
