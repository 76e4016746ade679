//! The public portal (issue 14 item 1): the published lists, an enterprise's public page, the
//! map of published items, and the staff page that decides what is published.

crate::messages! {
    bad_key "publication.bad_key" (value: String) { zh: "“{value}”不是该名单的条目编号", en: "'{value}' is not an item of this list" }
    bad_list "publication.bad_list" (value: String) { zh: "未知的公示名单“{value}”(应为 rectification、closed、campaign 或 exceedance)", en: "unknown published list '{value}' (rectification, closed, campaign or exceedance)" }
    bad_choice "publication.bad_choice" (value: String) { zh: "操作“{value}”无效(应为 publish 或 withdraw)", en: "'{value}' is not a choice (publish or withdraw)" }
    note_too_long "publication.note_too_long" (max: usize) { zh: "说明不超过 {max} 个字", en: "the note may have at most {max} characters" }
    not_found "publication.not_found" (key: String) { zh: "没有可公示的条目 {key}(不存在、不在本辖区,或已不属于该名单)", en: "no item {key} to publish (it does not exist, is outside your jurisdiction, or no longer belongs on the list)" }
    lists_city_only "publication.lists_city_only" () { zh: "名单的开放与关闭由市级或全平台账号决定", en: "only city-level or platform-wide accounts open or close a list" }

    list_rectification "publication.list.rectification" () { zh: "限期整改企业名单", en: "Enterprises under a rectification order" }
    list_closed "publication.list.closed" () { zh: "落后产能退出公示名单", en: "Backward capacity closed" }
    list_campaign "publication.list.campaign" () { zh: "专项整治销号名单", en: "Campaign sites remediated and accepted" }
    list_exceedance "publication.list.exceedance" () { zh: "超标排放情况", en: "Exceedance episodes" }
    col_enterprise "publication.col.enterprise" () { zh: "企业名称", en: "Enterprise" }
    col_code "publication.col.code" () { zh: "统一社会信用代码", en: "Credit code" }
    col_division "publication.col.division" () { zh: "行政区划", en: "Division" }
    col_equipment "publication.col.equipment" () { zh: "设备/生产线", en: "Equipment / line" }
    col_finding "publication.col.finding" () { zh: "问题", en: "Finding" }
    col_deadline "publication.col.deadline" () { zh: "整改期限", en: "Rectify by" }
    col_exit_by "publication.col.exit_by" () { zh: "退出方式", en: "Exit by" }
    col_exited_on "publication.col.exited_on" () { zh: "退出日期", en: "Exited on" }
    col_campaign "publication.col.campaign" () { zh: "专项行动", en: "Campaign" }
    col_disposition "publication.col.disposition" () { zh: "整治方式", en: "Disposition" }
    col_accepted_on "publication.col.accepted_on" () { zh: "销号日期", en: "Accepted on" }
    col_outlet "publication.col.outlet" () { zh: "排放口", en: "Outlet" }
    col_pollutant "publication.col.pollutant" () { zh: "污染物", en: "Pollutant" }
    col_period "publication.col.period" () { zh: "超标时段", en: "Period" }
    col_max "publication.col.max" () { zh: "最大值 / 限值", en: "Maximum / limit" }
    col_status "publication.col.status" () { zh: "公示状态", en: "Status" }
    col_action "publication.col.action" () { zh: "操作", en: "Action" }
    dismantled "publication.dismantled" () { zh: "拆除", en: "dismantled" }
    sealed "publication.sealed" () { zh: "封存", en: "sealed" }
    episode_span "publication.episode_span" (start: String, hours: i64) { zh: "{start} 起,共 {hours} 小时", en: "from {start}, {hours} h" }
    status_published "publication.status.published" () { zh: "已公示", en: "published" }
    status_unpublished "publication.status.unpublished" () { zh: "未公示", en: "not published" }
    status_withdrawn "publication.status.withdrawn" () { zh: "已撤回", en: "withdrawn" }
    decided "publication.decided" (by: String, at: String) { zh: "{by} 于 {at} 决定", en: "decided by {by} on {at}" }
    publish "publication.publish" () { zh: "公示", en: "Publish" }
    withdraw "publication.withdraw" () { zh: "撤回", en: "Withdraw" }
    note_placeholder "publication.note_placeholder" () { zh: "说明(可选)", en: "note (optional)" }
    list_open "publication.list_open" () { zh: "向公众开放", en: "open to the public" }
    list_not_open "publication.list_not_open" () { zh: "未向公众开放", en: "closed to the public" }
    open_list "publication.open_list" () { zh: "开放本名单", en: "Open this list" }
    close_list "publication.close_list" () { zh: "关闭本名单", en: "Close this list" }
    hint_decision "publication.hint_decision" () {
        zh: "本名单的每一条须经本局决定公示后才向公众显示;撤回后立即不再显示。每次决定都记入审计日志。",
        en: "Each item of this list is shown to the public only once it is published here; a withdrawn item disappears at once. Every decision is in the audit log.",
    }
    hint_closed "publication.hint_closed" () {
        zh: "退出案件完成“公示”步骤后即在本名单显示;可在此撤回或重新公示,每次决定都记入审计日志。",
        en: "An exit case appears on this list once it takes its publish step; it can be withdrawn or published again here. Every decision is in the audit log.",
    }
    see_portal "publication.see_portal" () { zh: "查看公众看到的页面", en: "See what the public sees" }
    search "publication.search" () { zh: "搜索", en: "Search" }
    search_placeholder "publication.search_placeholder" () { zh: "企业名称或统一社会信用代码", en: "enterprise name or credit code" }
    no_items "publication.no_items" () { zh: "没有符合条件的条目", en: "Nothing to show" }
    staff_title "publication.staff_title" () { zh: "公示管理", en: "Publication" }
    portal_title "publication.portal_title" () { zh: "信息公开", en: "Public information" }
    portal_intro "publication.portal_intro" () {
        zh: "以下名单由主管部门决定公开,可按企业名称或统一社会信用代码搜索,并下载 CSV。",
        en: "These lists are published by the responsible bureaus; search them by enterprise name or credit code, or download them as CSV.",
    }
    report_pollution "publication.report_pollution" () { zh: "我要举报", en: "Report pollution" }
    list_not_published "publication.list_not_published" () { zh: "本名单目前未公开", en: "This list is not published at present" }
    download_csv "publication.download_csv" () { zh: "下载 CSV", en: "Download CSV" }
    enterprise_not_found "publication.enterprise_not_found" (code: String) { zh: "没有公开信息:{code}", en: "nothing is published about {code}" }
    yes "publication.yes" () { zh: "有", en: "yes" }
    none "publication.none" () { zh: "无", en: "none" }
    business_licence "publication.business_licence" () { zh: "营业执照", en: "Business licence" }
    eia_approval "publication.eia_approval" () { zh: "环评批复", en: "EIA approval" }
    discharge_permit "publication.discharge_permit" () { zh: "排污许可证", en: "Discharge permit" }
    env_grade "publication.env_grade" () { zh: "环保绩效等级", en: "Environmental performance grade" }
    not_graded "publication.not_graded" () { zh: "未评级", en: "not graded" }
    exceedance_summary "publication.exceedance_summary" () { zh: "超标排放情况", en: "Exceedances" }
    episodes_summary "publication.episodes_summary" (n: usize, pollutants: String) { zh: "已公开超标 {n} 次,涉及 {pollutants}。", en: "{n} published exceedance episodes, of {pollutants}." }
    worst_ratio "publication.worst_ratio" (ratio: String) { zh: "最大值为限值的 {ratio} 倍。", en: "The highest value was {ratio} times the limit." }
    back_to_lists "publication.back_to_lists" () { zh: "返回公开名单", en: "Back to the published lists" }
    map_title "publication.map_title" () { zh: "公开企业分布图", en: "Map of published enterprises" }
    map_intro "publication.map_intro" () { zh: "图中标出在公开名单上的企业,点击可查看其公开信息。", en: "The enterprises on the published lists; tap one to see what is published about it." }
    map_enterprises "publication.map_enterprises" () { zh: "图中企业", en: "Enterprises on the map" }
    separator "publication.separator" () { zh: "、", en: ", " }
    nav "publication.nav" () { zh: "公示管理", en: "Publication" }
}
