//! The leaders' dashboard (issue 14 item 4): the figures, the districts compared, where the
//! jurisdiction is behind.

crate::messages! {
    nav "dashboard.nav" () { zh: "领导驾驶舱", en: "Dashboard" }
    title_all "dashboard.title_all" () { zh: "全域概览", en: "Overview" }
    title_of "dashboard.title_of" (name: String) { zh: "{name}概览", en: "Overview of {name}" }
    division_not_found "dashboard.division_not_found" (code: String) { zh: "没有区划 {code},或不在本辖区", en: "no division {code}, or it is outside your jurisdiction" }
    back_to_all "dashboard.back_to_all" () { zh: "返回上一级", en: "Back to the whole jurisdiction" }
    behind_title "dashboard.behind_title" () { zh: "哪里落后", en: "Where we are behind" }
    behind_hint "dashboard.behind_hint" () {
        zh: "每项指标落后最多的区县(县级账号为乡镇),点击查看对应清单。",
        en: "The districts (townships, for a county) furthest behind on each measure; click one for its list.",
    }
    col_measure "dashboard.col_measure" () { zh: "指标", en: "Measure" }
    col_first "dashboard.col_first" () { zh: "最落后", en: "Furthest behind" }
    col_second "dashboard.col_second" () { zh: "其次", en: "Next" }
    col_third "dashboard.col_third" () { zh: "第三", en: "Third" }
    none_behind "dashboard.none_behind" () { zh: "无落后", en: "none behind" }
    sec_ledger "dashboard.sec_ledger" () { zh: "台账与落后产能退出", en: "Ledger and backward capacity" }
    sec_campaigns "dashboard.sec_campaigns" () { zh: "专项整治", en: "Campaigns" }
    sec_monitoring "dashboard.sec_monitoring" () { zh: "在线监控与执法", en: "Monitoring and enforcement" }
    sec_complaints "dashboard.sec_complaints" () { zh: "群众举报", en: "Complaints" }
    sec_plans "dashboard.sec_plans" () { zh: "工作方案目标", en: "Plan targets" }
    enterprises "dashboard.enterprises" () { zh: "企业总数", en: "Enterprises" }
    cases_open "dashboard.cases_open" () { zh: "在办退出/整改案件", en: "Open exit and rectification cases" }
    cases_overdue "dashboard.cases_overdue" () { zh: "逾期退出/整改案件", en: "Cases past their deadline" }
    cases_exited "dashboard.cases_exited" () { zh: "已退出产能案件", en: "Cases with capacity exited" }
    campaign_confirmed "dashboard.campaign_confirmed" () { zh: "确认整治点位", en: "Sites confirmed for remediation" }
    campaign_share "dashboard.campaign_share" () { zh: "整治销号率", en: "Share of sites accepted" }
    campaign_overdue "dashboard.campaign_overdue" () { zh: "逾期未完成整治", en: "Sites past their deadline" }
    online_rate "dashboard.online_rate" () { zh: "监控设备在线率", en: "Loggers online" }
    effective_transmission "dashboard.effective_transmission" () { zh: "有效传输率(昨日)", en: "Effective transmission rate (yesterday)" }
    episodes "dashboard.episodes" (days: i64) { zh: "近 {days} 日超标次数", en: "Exceedance episodes, last {days} days" }
    leads_open "dashboard.leads_open" () { zh: "待核实线索", en: "Leads to verify" }
    complaints "dashboard.complaints" (days: i64) { zh: "近 {days} 日收到举报", en: "Complaints received, last {days} days" }
    complaints_overdue "dashboard.complaints_overdue" () { zh: "逾期未办举报", en: "Complaints past their deadline" }
    complaints_answered "dashboard.complaints_answered" () { zh: "已答复举报", en: "Complaints answered" }
    no_targets "dashboard.no_targets" () { zh: "暂无工作方案目标", en: "No plan targets yet" }
    targets_state "dashboard.targets_state" (behind: usize, at_risk: usize, total: usize) { zh: "{behind} 项滞后,{at_risk} 项有风险,共 {total} 项", en: "{behind} behind, {at_risk} at risk, of {total}" }
    targets_behind "dashboard.targets_behind" () { zh: "滞后目标:", en: "Behind:" }
    compare_title "dashboard.compare_title" () { zh: "各区域对比", en: "Districts compared" }
    compare_by "dashboard.compare_by" () { zh: "比较指标:", en: "Compare by:" }
    map_hint_counties "dashboard.map_hint_counties" () { zh: "颜色越深越落后;点击区县进入该区县概览。", en: "The darker, the further behind; click a district to open its overview." }
    map_hint_lists "dashboard.map_hint_lists" () { zh: "颜色越深越落后;点击乡镇查看对应清单。", en: "The darker, the further behind; click a township for its list." }
    bars_percent "dashboard.bars_percent" () { zh: "单位:%", en: "In per cent." }
}
