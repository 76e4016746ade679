//! Messages of one's own account page (changing the password).

crate::messages! {
    current_wrong "account.password.current_wrong" (failures: i64) {
        zh: "当前密码不正确。连续输错 {failures} 次后账号锁定 15 分钟。",
        en: "The current password is wrong. After {failures} wrong passwords in a row the account is locked for 15 minutes.",
    }
    locked "account.password.locked" (until: String) {
        zh: "密码连续输错次数过多,账号已锁定至 {until}(北京时间),届时再试,或请系统管理员解锁。",
        en: "Too many wrong passwords in a row: the account is locked until {until} (Beijing time). Try again then, or ask the system administrator to unlock it.",
    }
}
