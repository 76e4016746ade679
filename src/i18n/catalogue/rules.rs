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
    // Page labels: headings, column titles, buttons and notes of the pages.
    title_condition_outcome_and_basis_field "rules.page.title_condition_outcome_and_basis_field" () { zh: "(标题、条件、处置、依据逐项填写,自动生成示例)", en: "(title, condition, outcome and basis field by field; examples generated)" }
    add_a_local_rule "rules.page.add_a_local_rule" () { zh: "新增地方规则", en: "Add a local rule" }
    add_a_local_rule_file_toml "rules.page.add_a_local_rule_file_toml" () { zh: "新增地方规则文件(TOML,供熟悉格式的用户)", en: "Add a local rule file (TOML, for users who know the format)" }
    add_a_local_rule_with_the "rules.page.add_a_local_rule_with_the" () { zh: "用表单新增一条地方规则", en: "Add a local rule with the form" }
    by "rules.page.by" () { zh: "操作人", en: "By" }
    capacity_is_in_the_equipment_kinds "rules.page.capacity_is_in_the_equipment_kinds" () { zh: "设备规模按该类设备的单位填写(见 data/equipment-kinds.csv);文字值不加引号。", en: "Capacity is in the equipment kind's unit (data/equipment-kinds.csv); text values without quotes." }
    check_and_save_as_a_new "rules.page.check_and_save_as_a_new" () { zh: "校验并保存为新版本", en: "Check and save as a new version" }
    checked "rules.page.checked" () { zh: "核实状态", en: "Checked" }
    chinese_title "rules.page.chinese_title" () { zh: "中文标题", en: "Chinese title" }
    clause "rules.page.clause" () { zh: "条款", en: "Clause" }
    content "rules.page.content" () { zh: "内容", en: "Content" }
    deadline_eliminate_by_only "rules.page.deadline_eliminate_by_only" () { zh: "期限(仅限期淘汰)", en: "Deadline (eliminate_by only)" }
    document "rules.page.document" () { zh: "文件名称", en: "Document" }
    effective "rules.page.effective" () { zh: "施行日期", en: "Effective" }
    english_title "rules.page.english_title" () { zh: "英文标题", en: "English title" }
    equipment_kinds_blank_enterprise_level "rules.page.equipment_kinds_blank_enterprise_level" () { zh: "适用设备类型(空格分隔,空=企业级)", en: "Equipment kinds (blank: enterprise-level)" }
    fact "rules.page.fact" () { zh: "事实", en: "Fact" }
    file "rules.page.file" () { zh: "文件", en: "File" }
    file_name_e_g_local_612000 "rules.page.file_name_e_g_local_612000" () { zh: "文件名(如 local-612000.toml)", en: "File name (e.g. local-612000.toml)" }
    how_it_was_checked_source_or "rules.page.how_it_was_checked_source_or" () { zh: "核实情况与出处(如何核对、未核对的原因)", en: "How it was checked (source), or why not" }
    industries "rules.page.industries" () { zh: "行业", en: "Industries" }
    industry_codes_blank_all "rules.page.industry_codes_blank_all" () { zh: "适用行业代码(空格分隔,空=全部)", en: "Industry codes (blank: all)" }
    issuer_and_number "rules.page.issuer_and_number" () { zh: "发布机关及文号", en: "Issuer and number" }
    jurisdiction_division_code "rules.page.jurisdiction_division_code" () { zh: "适用区划代码(地方规则)", en: "Jurisdiction (division code)" }
    new_local_rule "rules.page.new_local_rule" () { zh: "新增地方规则", en: "New local rule" }
    not_saved_the_catalogue_did_not "rules.page.not_saved_the_catalogue_did_not" () { zh: "未保存:规则目录校验未通过,现行版本不变", en: "Not saved: the catalogue did not pass its checks; the version in force is unchanged" }
    not_saved_please_correct "rules.page.not_saved_please_correct" () { zh: "未保存,请修改以下各项:", en: "Not saved; please correct:" }
    note "rules.page.note" () { zh: "说明", en: "Note" }
    note_on_the_change "rules.page.note_on_the_change" () { zh: "修改说明", en: "Note on the change" }
    operator "rules.page.operator" () { zh: "运算", en: "Operator" }
    outcome "rules.page.outcome" () { zh: "处置方式", en: "Outcome" }
    preview_the_entry "rules.page.preview_the_entry" () { zh: "预览条目", en: "Preview the entry" }
    quote "rules.page.quote" () { zh: "原文摘录", en: "Quote" }
    retire "rules.page.retire" () { zh: "停用", en: "Retire" }
    rows_combine_as "rules.page.rows_combine_as" () { zh: "各行之间", en: "Rows combine as" }
    rule_file "rules.page.rule_file" () { zh: "写入规则文件", en: "Rule file" }
    rule_id_lowercase_digits_hyphens "rules.page.rule_id_lowercase_digits_hyphens" () { zh: "规则编号(小写字母、数字、连字符)", en: "Rule id (lowercase, digits, hyphens)" }
    rules "rules.page.rules" () { zh: "规则数", en: "Rules" }
    saving_adds_one_example_that_triggers "rules.page.saving_adds_one_example_that_triggers" () { zh: "保存时自动生成一个触发和一个不触发的示例,整个规则目录重新校验,有误则不生效。熟悉格式的用户仍可在规则目录页直接编辑 TOML 文件。", en: "Saving adds one example that triggers the rule and one that does not, and checks the whole catalogue; nothing changes if it fails. Experts can still edit the TOML files on the catalogue page." }
    screening_rule_catalogue "rules.page.screening_rule_catalogue" () { zh: "筛查规则目录", en: "Screening rule catalogue" }
    the_catalogue_entry_this_form_writes "rules.page.the_catalogue_entry_this_form_writes" () { zh: "将写入规则目录的条目", en: "The catalogue entry this form writes" }
    the_format_is_described_in_data "rules.page.the_format_is_described_in_data" () { zh: "格式见 data/rules/README.md;每条规则须有依据(文件、条款、核实状态)和触发/不触发示例,保存时整体校验,有误则不生效。", en: "The format is described in data/rules/README.md; every rule needs a basis (document, clause, verification status) and examples that fire and do not; the whole catalogue is checked on saving and nothing takes effect if anything is wrong." }
    value_none_for_yes_no_facts "rules.page.value_none_for_yes_no_facts" () { zh: "值(是/否类不填)", en: "Value (none for yes/no facts)" }
    version "rules.page.version" () { zh: "版本", en: "Version" }
    versions "rules.page.versions" () { zh: "历史版本", en: "Versions" }
    all_hold "rules.page.all_hold" () { zh: "全部满足", en: "all hold" }
    any_holds "rules.page.any_holds" () { zh: "任一满足", en: "any holds" }
    checked_against_the_text "rules.page.checked_against_the_text" () { zh: "已核对原文", en: "checked against the text" }
    local_rule "rules.page.local_rule" () { zh: "地方规则 ", en: "local rule " }
    not_checked "rules.page.not_checked" () { zh: "未核实", en: "not checked" }
    rule_added_by_form "rules.page.rule_added_by_form" () { zh: "表单新增规则", en: "rule added by form:" }
    the_rule_file_name_letters_digits "rules.page.the_rule_file_name_letters_digits" () { zh: "规则文件名须为字母、数字、点、连字符,以 .toml 结尾", en: "the rule file name: letters, digits, dots, hyphens, ending in .toml" }
}
