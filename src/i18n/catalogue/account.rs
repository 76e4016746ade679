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

    // Creating and managing accounts (admin page and `lantian user`).
    bad_username "account.user.bad_username" (username: &str) {
        zh: "用户名“{username}”不合规：请用 3–32 个字符，限小写字母 a–z、数字 0–9 和“.”“_”“-”",
        en: "username '{username}': use 3–32 characters a–z, 0–9, '.', '_' or '-'",
    }
    enterprise_not_in_ledger "account.user.enterprise_not_in_ledger" (code: &str) {
        zh: "台账中没有统一社会信用代码为“{code}”的企业",
        en: "enterprise '{code}' is not in the ledger",
    }
    needs_division "account.user.needs_division" (role: Arg) {
        zh: "{role}账号须指定所属区划",
        en: "a {role} account needs a division",
    }
    unknown_division "account.user.unknown_division" (code: &str) {
        zh: "区划代码 {code} 不存在",
        en: "division {code} is not known",
    }
    wrong_level "account.user.wrong_level" (code: &str, level: Arg, role: Arg, allowed: Arg) {
        zh: "区划 {code} 是{level}级；{role}账号只能绑定到：{allowed}",
        en: "{code} is a {level}; a {role} account is bound to: {allowed}",
    }
    needs_department "account.user.needs_department" () {
        zh: "局机关人员须指定所属部门（工业和信息化、生态环境、市场监管、应急管理、发展改革）",
        en: "bureau staff need a department (industry, environment, market regulation, emergency management, development and reform)",
    }
    exists "account.user.exists" (username: &str) {
        zh: "用户“{username}”已存在",
        en: "user {username} already exists",
    }
    not_found "account.user.not_found" (username: &str) {
        zh: "用户“{username}”不存在",
        en: "user {username} not found",
    }
    password_short "account.password.too_short" (min: usize, found: usize) {
        zh: "密码至少需要 {min} 个字符（现为 {found} 个）",
        en: "the password must have at least {min} characters (has {found})",
    }
    password_classes "account.password.classes" () {
        zh: "密码须包含小写字母、大写字母、数字、符号中的至少三类",
        en: "the password must mix at least three of: lower-case letters, upper-case letters, digits, symbols",
    }
    password_has_username "account.password.has_username" () {
        zh: "密码中不能包含用户名",
        en: "the password must not contain the username",
    }
    level_province "account.level.province" () { zh: "省", en: "province" }
    level_city "account.level.city" () { zh: "市", en: "city" }
    level_county "account.level.county" () { zh: "县（区）", en: "county" }
    level_township "account.level.township" () { zh: "乡镇（街道）", en: "township" }
    level_grid "account.level.grid" () { zh: "网格", en: "grid" }
    // Page labels: headings, column titles, buttons and notes of the pages.
    change "account.page.change" () { zh: "修改", en: "Change" }
    change_password "account.page.change_password" () { zh: "修改密码", en: "Change password" }
    current_password "account.page.current_password" () { zh: "当前密码", en: "Current password" }
    my_account "account.page.my_account" () { zh: "我的账号", en: "My account" }
    new_password_10_characters_three_of "account.page.new_password_10_characters_three_of" () { zh: "新密码(至少10位,含大写、小写、数字、符号中的三类)", en: "New password (10+ characters, three of: upper, lower, digit, symbol)" }
    password_changed "account.page.password_changed" () { zh: "密码已修改", en: "Password changed" }
    everything "account.page.everything" () { zh: "全部", en: "everything" }
}

use crate::i18n::Arg;
