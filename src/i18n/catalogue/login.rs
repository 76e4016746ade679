//! Messages of signing in and out.

crate::messages! {
    refused "login.refused" () {
        zh: "用户名或密码错误。连续失败 5 次后账号锁定 15 分钟。",
        en: "Wrong username or password. After 5 failures in a row the account is locked for 15 minutes.",
    }
    locked "login.locked" (failures: i64, until: String) {
        zh: "账号因连续 {failures} 次登录失败已锁定,请于 {until}(北京时间)后再试,或请系统管理员解锁。",
        en: "This account is locked after {failures} failed sign-ins in a row until {until} (Beijing time). Try again then, or ask the system administrator to unlock it.",
    }
    address_blocked "login.address_blocked" (minutes: u64) {
        zh: "此网络地址登录失败次数过多,请 {minutes} 分钟后再试。",
        en: "Too many failed sign-ins from this network address; try again in {minutes} minutes.",
    }
    // Page labels: headings, column titles, buttons and notes of the pages.
    accounts_are_opened_by_the_system "login.page.accounts_are_opened_by_the_system" () { zh: "账号由系统管理员开设。公众请通过政府门户查询公开信息。", en: "Accounts are opened by the system administrator." }
    password "login.page.password" () { zh: "密码", en: "Password" }
}
