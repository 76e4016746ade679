//! Messages of the command line: arguments, files, backup and restore, imports run from a shell.

use crate::i18n::Arg;

crate::messages! {
    file_error "cli.file.error" (path: String, detail: String) {
        zh: "{path}：{detail}",
        en: "{path}: {detail}",
    }
    file_too_large "cli.file.too_large" (path: String, size: u64, limit: u64) {
        zh: "{path} 有 {size} 字节，超过上限 {limit} 字节",
        en: "{path} is {size} bytes; the limit is {limit}",
    }
    not_utf8_geojson "cli.map.not_utf8" (path: String, detail: String) {
        zh: "{path}：{detail}（GeoJSON 必须是 UTF-8 文本）",
        en: "{path}: {detail} (GeoJSON must be UTF-8 text)",
    }
    geojson_refused "cli.map.refused" (path: String, detail: String) {
        zh: "{path}：{detail}；未载入任何边界",
        en: "{path}: {detail}; nothing was loaded",
    }
    geojson_none_within "cli.map.none_within" (path: String, prefix: &str) {
        zh: "{path}：没有代码以 {prefix} 开头的区划；未载入任何边界",
        en: "{path}: no feature has a code starting with {prefix}; nothing was loaded",
    }
    rows_refused "cli.import.rows_refused" (path: String, problems: String) {
        zh: "{path}（未写入任何数据）：\n  {problems}",
        en: "{path} (nothing was written):\n  {problems}",
    }
    nothing_imported "cli.import.nothing" (problems: String) {
        zh: "未导入任何数据：\n  {problems}",
        en: "nothing imported:\n  {problems}",
    }
    nothing_changed "cli.publication.nothing_changed" (problems: String) {
        zh: "{problems}；未作任何修改",
        en: "{problems}; nothing was changed",
    }
    start_format "cli.simulate.start" (value: &str, detail: String) {
        zh: "--start {value}：{detail}（应为 YYYYMMDDhhmmss）",
        en: "--start {value}: {detail} (expected YYYYMMDDhhmmss)",
    }
    faults "cli.simulate.faults" (detail: String) {
        zh: "--faults 有误：{detail}",
        en: "--faults: {detail}",
    }
    simulate_ranges "cli.simulate.ranges" () {
        zh: "--devices、--window 和 --interval 必须为正数；--rate、--duration 和 --drain 不能为负数",
        en: "--devices, --window and --interval must be positive; --rate, --duration and --drain not negative",
    }
    too_few_devices "cli.simulate.too_few_devices" (registered: usize) {
        zh: "只登记了 {registered} 台数采仪；请先登记更多（lantian device import，或 lantian demo --enterprises N 生成更大的示范城市）",
        en: "only {registered} devices are registered; register more (`lantian device import`, or `lantian demo --enterprises N` for a bigger demo city)",
    }
    protocol "cli.simulate.protocol" (value: &str) {
        zh: "--protocol {value}：应为 2017、2025 或 registered",
        en: "--protocol {value}: expected 2017, 2025 or registered",
    }
    key_hex "cli.hj212.key" (value: &str) {
        zh: "--key 应为 32 位十六进制数字，实为“{value}”",
        en: "--key must be 32 hex digits, got '{value}'",
    }
    tolerate "cli.hj212.tolerate" (detail: String) {
        zh: "--tolerate 有误：{detail}",
        en: "--tolerate: {detail}",
    }
    catalogue_refused "cli.screen.catalogue_refused" (errors: String) {
        zh: "规则目录未通过校验：\n  {errors}",
        en: "the rule catalogue was refused:\n  {errors}",
    }
    save_needs_import "cli.screen.save_needs_import" () {
        zh: "--save 记录的是现行规则目录的筛查；请先导入规则目录（lantian rules import DIR）",
        en: "--save records a run of the catalogue in force; import the directory first (lantian rules import DIR)",
    }
    screen_format "cli.screen.format" (value: &str) {
        zh: "--format 应为 json、text 或 xlsx，实为“{value}”",
        en: "--format must be json, text or xlsx, got '{value}'",
    }
    xlsx_needs_out "cli.screen.xlsx_needs_out" () {
        zh: "--format xlsx 需要 --out 文件",
        en: "--format xlsx needs --out FILE",
    }
    no_password "cli.user.no_password" () {
        zh: "标准输入中没有密码",
        en: "no password on stdin",
    }
    role "cli.user.role" (value: &str) {
        zh: "--role “{value}”：应为 admin、bureau、township、grid 或 enterprise",
        en: "--role '{value}': use admin, bureau, township, grid or enterprise",
    }
    department "cli.user.department" (value: &str) {
        zh: "--department “{value}”：应为 industry、environment、market、emergency 或 development",
        en: "--department '{value}': use industry, environment, market, emergency or development",
    }
    monitor_invalid "cli.monitor.invalid" (problem: Arg) {
        zh: "参数有误：{problem}",
        en: "invalid argument: {problem}",
    }
    database_url "cli.database.url" (url: &str) {
        zh: "--database 应为 postgres://… 地址（SQLite 用 --data-dir 指定），实为“{url}”",
        en: "--database must be a postgres://… URL (SQLite is chosen with --data-dir), got '{url}'",
    }
    backup_exists "cli.backup.exists" (path: String) {
        zh: "{path} 已存在；请换一个文件名",
        en: "{path} already exists; choose a new file name",
    }
    backup_path_utf8 "cli.backup.path_utf8" () {
        zh: "备份路径必须是有效的 UTF-8 文本",
        en: "the backup path must be valid UTF-8",
    }
    not_a_file "cli.backup.not_a_file" (path: String) {
        zh: "{path} 不是文件",
        en: "{path} is not a file",
    }
    not_a_backup "cli.backup.not_a_backup" (path: String) {
        zh: "{path} 不是蓝天的 SQLite 备份",
        en: "{path} is not a Lantian SQLite backup",
    }
    database_in_use "cli.backup.in_use" (path: String) {
        zh: "{path} 存在：数据库似乎正在使用。请先停止服务（如服务已崩溃，可加 --force）",
        en: "{path} exists: the database looks in use. Stop the server first (or pass --force if it crashed)",
    }
    not_audit_entry "cli.audit.not_an_entry" (path: String, line: usize, detail: String) {
        zh: "{path} 第 {line} 行不是审计条目：{detail}",
        en: "{path} line {line}: not an audit entry: {detail}",
    }
    rules_refused "cli.rules.refused" (errors: String) {
        zh: "规则目录未通过校验，现行版本不变：\n{errors}",
        en: "the catalogue was refused; the previous version stays in force:\n{errors}",
    }
    rule_file_name "cli.rules.file_name" (name: &str) {
        zh: "文件名“{name}”：只能用字母、数字、“.”“_”“-”，并以 .toml 结尾",
        en: "file name '{name}': use letters, digits, '.', '_' or '-' and end in .toml",
    }
    rule_not_found "cli.rules.not_found" (rule: &str) {
        zh: "规则 {rule} 不存在",
        en: "rule {rule} not found",
    }
    run_not_found "cli.screen.run_not_found" (id: i64) {
        zh: "筛查记录 #{id} 不存在",
        en: "screening run #{id} not found",
    }
    enterprise_not_found "cli.ledger.enterprise_not_found" (id: i64) {
        zh: "企业 #{id} 不存在或不在您的管辖范围内",
        en: "enterprise #{id} not found in your jurisdiction",
    }
    unknown_role "cli.admin.unknown_role" (value: &str) {
        zh: "未知的角色“{value}”",
        en: "unknown role '{value}'",
    }
    unknown_department "cli.admin.unknown_department" (value: &str) {
        zh: "未知的部门“{value}”",
        en: "unknown department '{value}'",
    }
    cannot_disable_self "cli.admin.cannot_disable_self" () {
        zh: "管理员不能停用自己的账号",
        en: "an administrator cannot disable their own account",
    }
}
