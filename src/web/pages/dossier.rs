//! The enterprise dossier (一企一档): everything known about one enterprise and its history.

use axum::extract::Path;
use maud::{html, Markup};
use crate::i18n::Lang;

use super::layout::{self, opt_number, Section};
use crate::ledger::codes::EQUIPMENT_KINDS;
use crate::ledger::model::{label, FUELS, MEDIA, SIZE_CLASSES, STATUSES};
use crate::auth::Viewer;
use crate::web::auth::Ctx;
use crate::web::State;

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<maud::Markup> {
    let lang = ctx.lang;
    let d = match crate::storage::ledger::dossier(&state.db, &viewer.scope, id).await {
        Err(crate::Error::NotFound(what)) => {
            crate::web::auth::note_out_of_scope(&state, &viewer, id, "GET /enterprises/{id}").await;
            return Err(crate::Error::NotFound(what));
        }
        other => other?,
    };
    let e = &d.enterprise.record;
    let can_cases = viewer.can(crate::auth::Permission::ViewScreening);
    let can_monitor = viewer.can(crate::auth::Permission::ViewMonitoring);
    // The enterprise opens its own cases on its own page (and answers notices there).
    let can_answer = viewer.can(crate::auth::Permission::SubmitChanges);
    let filter = crate::storage::cases::CaseFilter { credit_code: Some(e.credit_code.clone()), ..Default::default() };
    // The enterprise's own account sees its cases too: they are part of its dossier.
    let cases = crate::storage::cases::list(&state.db, &viewer.scope, &filter).await?;
    let enforcement = super::enforcement_cases::dossier_section(&state, lang, &viewer, &e.credit_code).await?;
    let exceedances = if can_monitor { super::exceedances::dossier_section(&state, lang, &viewer, &e.credit_code).await? } else { maud::html! {} };
    let tax = if can_monitor { super::tax::dossier_section(&state, lang, &e.credit_code).await? } else { maud::html! {} };
    let yes_no = |b: bool| if b { lang.pick("是", "yes") } else { lang.pick("否", "no") };
    let or_none = |s: &str| if s.is_empty() { lang.pick("无", "none").to_string() } else { s.to_string() };
    let body = html! {
        div.breadcrumb {
            @for (i, div) in d.division_path.iter().enumerate() {
                @if i > 0 { " › " }
                a data-v href=(format!("/enterprises?division={}", div.code)) { (div.name) }
            }
        }
        div.grid2 {
            div.panel #basic {
                h2 { (lang.pick("基本信息", "Basic facts")) }
                dl.facts {
                    dt { (lang.pick("统一社会信用代码", "Credit code")) } dd { code { (e.credit_code) } }
                    dt { (lang.pick("行业", "Industry")) } dd { (e.industry_code) " " span.v { (d.industry_name) } }
                    dt { (lang.pick("行政区划代码", "Division code")) } dd { (e.division_code) }
                    dt { (lang.pick("地址", "Address")) } dd data-v { (e.address) }
                    dt { (lang.pick("坐标", "Coordinates")) } dd {
                        @if let (Some(x), Some(y)) = (e.longitude, e.latitude) { (format!("{x:.6}, {y:.6}")) }
                    }
                    dt { (lang.pick("生产状态", "Status")) } dd { span class=(format!("tag {}", e.status)) { (label(STATUSES, &e.status, lang)) } }
                    dt { (lang.pick("规上企业", "Above scale")) } dd { (yes_no(e.above_scale)) }
                    dt { (lang.pick("企业规模", "Size")) } dd { (label(SIZE_CLASSES, &e.size_class, lang)) }
                    dt { (lang.pick("法定代表人", "Legal representative")) } dd data-v { (e.legal_representative) }
                }
            }
            div.panel #licences {
                h2 { (lang.pick("证照与评级", "Licences and grade")) }
                dl.facts {
                    dt { (lang.pick("营业执照", "Business licence")) } dd class=(if e.business_licence { "ok" } else { "bad" }) { (if e.business_licence { lang.pick("有", "yes") } else { lang.pick("无", "none") }) }
                    dt { (lang.pick("环评批复", "EIA approval")) } dd class=(if e.eia_approval.is_empty() { "bad" } else { "" }) { @if e.eia_approval.is_empty() { (or_none("")) } @else { span.v { (e.eia_approval) } } }
                    dt { (lang.pick("排污许可证", "Discharge permit")) } dd class=(if e.discharge_permit_no.is_empty() { "bad" } else { "" }) { @if e.discharge_permit_no.is_empty() { (or_none("")) } @else { span.v { (e.discharge_permit_no) } } }
                    dt { (lang.pick("用地合法", "Land use legal")) } dd class=(if e.land_use_legal { "" } else { "bad" }) { (yes_no(e.land_use_legal)) }
                    dt { (lang.pick("环保绩效等级", "Performance grade")) } dd { @if e.env_grade.is_empty() { (lang.pick("未评级", "not graded")) } @else { (e.env_grade) } }
                }
            }
        }
        h2 { (lang.pick("生产线", "Production lines")) " (" (d.lines.len()) ")" }
        div.table-wrap { table #lines {
            thead { tr { th { (lang.pick("名称", "Name")) } th { (lang.pick("产品", "Product")) } th.num { (lang.pick("设计产能", "Capacity")) } th { (lang.pick("单位", "Unit")) } th { (lang.pick("状态", "Status")) } } }
            tbody { @for l in &d.lines { tr { td data-v { (l.name) } td data-v { (l.product) } td.num { (opt_number(l.capacity)) } td { (crate::ledger::codes::unit_label(&l.capacity_unit, lang)) } td { (label(STATUSES, &l.status, lang)) } } } }
        } }
        h2 { (lang.pick("主要设备", "Main equipment")) " (" (d.equipment.len()) ")" }
        div.table-wrap { table #equipment {
            thead { tr {
                th { (lang.pick("设备名称", "Name")) } th { (lang.pick("类型", "Kind")) } th { (lang.pick("所属生产线", "Line")) }
                th.num { (lang.pick("规模", "Capacity")) } th { (lang.pick("单位", "Unit")) } th { (lang.pick("燃料", "Fuel")) }
                th { (lang.pick("工艺", "Process")) } th.num { (lang.pick("投产年份", "Commissioned")) } th.num { (lang.pick("单位产品能耗", "Specific energy")) }
            } }
            tbody { @for q in &d.equipment { tr {
                td data-v { (q.name) } td { (EQUIPMENT_KINDS.name(&q.kind, lang)) } td data-v { (q.line_name) }
                td.num { (opt_number(q.capacity)) } td { (crate::ledger::codes::unit_label(&q.capacity_unit, lang)) } td { (label(FUELS, &q.fuel, lang)) }
                td { @if !q.process.is_empty() { (crate::ledger::codes::process_label(&q.process, lang)) } } td.num { (q.year_commissioned.map(|y| y.to_string()).unwrap_or_default()) } td.num { (opt_number(q.specific_energy)) }
            } } }
        } }
        h2 { (lang.pick("排放口与污染物", "Outlets and pollutants")) " (" (d.outlets.len()) ")" }
        div.table-wrap { table #outlets {
            thead { tr {
                th { (lang.pick("编号", "Code")) } th { (lang.pick("名称", "Name")) } th { (lang.pick("类型", "Medium")) }
                th { (lang.pick("污染物", "Pollutant")) } th.num { (lang.pick("排放限值", "Limit")) } th { (lang.pick("执行标准", "Standard")) } th.num { (lang.pick("许可年排放量(吨)", "Permitted t/a")) }
            } }
            tbody { @for o in &d.outlets {
                @if o.pollutants.is_empty() { tr { td { (o.code) } td data-v { (o.name) } td { (label(MEDIA, &o.medium, lang)) } td {} td {} td {} td {} } }
                @for p in &o.pollutants { tr {
                    td { @if can_monitor { a href=(format!("/monitoring/outlets/{}/{}", e.credit_code, o.code)) title=(lang.pick("监测数据", "monitoring data")) { (o.code) } } @else { (o.code) } } td data-v { (o.name) } td { (label(MEDIA, &o.medium, lang)) }
                    td { span.v { (p.pollutant_name) } " " span.muted { (p.pollutant_code) } }
                    td.num { (opt_number(p.limit_value)) " " span.v { (p.limit_unit) } } td data-v { (p.standard) } td.num { (opt_number(p.permitted_annual_t)) }
                } }
            } }
        } }
        h2 { (lang.pick("年度能耗、用水与增加值", "Yearly energy, water and value added")) }
        div.table-wrap { table #yearly {
            thead { tr { th { (lang.pick("年份", "Year")) } th.num { (lang.pick("综合能耗(吨标准煤)", "Energy (tce)")) } th.num { (lang.pick("用水量(立方米)", "Water (m³)")) } th.num { (lang.pick("工业增加值(万元)", "Value added (10k yuan)")) } th.num { (lang.pick("单位增加值能耗", "Energy intensity")) } } }
            tbody { @for y in &d.yearly { tr {
                td { (y.year) } td.num { (opt_number(y.energy_tce)) } td.num { (opt_number(y.water_m3)) } td.num { (opt_number(y.value_added_10k_yuan)) }
                td.num { @if let (Some(en), Some(va)) = (y.energy_tce, y.value_added_10k_yuan) { @if va > 0.0 { (format!("{:.3}", en / va)) } } }
            } } }
        } }
        h2 { (lang.t(&crate::i18n::catalogue::inventory::dossier_title())) }
        p { a #dossier-inventory href=(format!("/inventory/enterprises/{id}")) { (lang.t(&crate::i18n::catalogue::inventory::dossier_link())) } }
        @if !d.activity.is_empty() {
            div.table-wrap { table #dossier-activity {
                thead { tr { th { (lang.pick("年份", "Year")) } th { (lang.pick("类别", "Category")) } th { (lang.pick("品种", "Item")) } th.num { (lang.pick("数量", "Amount")) } th { (lang.pick("单位", "Unit")) } th { (lang.pick("设备", "Equipment")) } th { (lang.pick("排放口", "Outlet")) } } }
                tbody { @for a in &d.activity { tr {
                    td { (a.year) } td { (crate::inventory::Category::parse(&a.category).map(|c| lang.t(&c.label())).unwrap_or_else(|| a.category.clone())) } td { code { (a.item) } }
                    td.num { (crate::inventory::num(a.amount)) } td { span.v { (a.unit) } } td { span.v { (a.equipment) } } td { code { (a.outlet) } }
                } } }
            } }
        }
        @if !cases.is_empty() {
            h2 { (lang.pick("落后产能退出案件", "Backward-capacity exit cases")) }
            div.table-wrap { table #dossier-cases {
                thead { tr { th { "#" } th { (lang.pick("设备", "Equipment")) } th { (lang.pick("问题", "Finding")) } th { (lang.pick("状态", "State")) } th { (lang.pick("期限", "Deadline")) } } }
                tbody { @for c in &cases { tr {
                    td { @if can_cases { a href=(format!("/cases/{}", c.id)) { (c.id) } }
                        @else if can_answer { a href=(format!("/my/cases/{}", c.id)) { (c.id) } } @else { (c.id) } }
                    td data-v { (c.equipment) } td data-v { (c.title) } td { (super::cases::state_label(&c.state, lang)) } td data-v { (c.deadline.clone().unwrap_or_default()) }
                } } }
            } }
        }
        @if can_monitor { (exceedances) }
        @if can_monitor { (tax) }
        (enforcement)
        h2 { (lang.pick("变更记录", "History of changes")) }
        div.table-wrap { table #history {
            thead { tr { th { "#" } th { (lang.pick("时间", "When")) } th { (lang.pick("操作人", "Who")) } th { (lang.pick("操作", "Action")) } th { (lang.pick("变更内容", "Change")) } } }
            tbody { @for h in &d.history { tr {
                td { (h.seq) } td data-v { (crate::storage::display_time(&h.at)) } td { span.v { (h.actor) } " " span.muted { (role_text(&h.role, lang)) } }
                td { (super::admin::action_text(&h.action, lang)) }
                td.muted.wraps { (summary(h, lang)) }
            } } }
        } }
        p { a.button.secondary href=(format!("/api/enterprises/{id}")) { "JSON" } }
    };
    Ok(layout::page(&ctx, Section::Enterprises, &e.name, body))
}

/// The role stored with an audit entry (`bureau:industry`, `grid`, `system`) in words.
pub fn role_text(role: &str, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let (r, dept) = role.split_once(':').unwrap_or((role, ""));
    let role_label = crate::auth::Role::parse(r).map(|r| r.label(zh).to_string()).unwrap_or_else(|| match r {
        "system" => lang.pick("系统", "system").to_string(),
        other => other.to_string(),
    });
    match crate::auth::Department::parse(dept) {
        Some(d) => format!("{role_label} · {}", d.label(zh)),
        None => role_label,
    }
}

/// A ledger field (the enterprise record's keys) as people name it.
fn field_label(key: &str, lang: Lang) -> &str {
    let (zh, en) = match key {
        "credit_code" => ("统一社会信用代码", "credit code"),
        "name" => ("企业名称", "name"),
        "division_code" => ("行政区划", "division"),
        "industry_code" => ("行业代码", "industry code"),
        "address" => ("详细地址", "address"),
        "longitude" => ("经度", "longitude"),
        "latitude" => ("纬度", "latitude"),
        "above_scale" => ("规上企业", "above designated size"),
        "size_class" => ("企业规模", "size class"),
        "status" => ("生产状态", "status"),
        "business_licence" => ("营业执照", "business licence"),
        "eia_approval" => ("环评批复文号", "EIA approval"),
        "discharge_permit_no" => ("排污许可证编号", "discharge permit"),
        "land_use_legal" => ("用地合法", "legal land use"),
        "env_grade" => ("环保绩效等级", "environmental grade"),
        "legal_representative" => ("法定代表人", "legal representative"),
        "contact_phone" => ("联系电话", "contact phone"),
        other => (other, other),
    };
    lang.pick(zh, en)
}

/// A stored JSON value as people read it (yes/no, text without quotes).
fn value_text(v: &serde_json::Value, lang: Lang) -> String {
    match v {
        serde_json::Value::Bool(b) => lang.pick(if *b { "是" } else { "否" }, if *b { "yes" } else { "no" }).to_string(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "—".to_string(),
        other => other.to_string(),
    }
}

/// What changed, field by field, for updates; the values marked as data.
fn summary(h: &crate::ledger::AuditEntry, lang: Lang) -> Markup {
    if h.entity == "lead" || h.entity == "enforcement_case" {
        return html! { "#" (h.entity_id) };
    }
    let case = lang.pick("案件", "Case");
    if h.entity == "case" {
        let after = h.after.clone().unwrap_or_default();
        let state = |s: &serde_json::Value| super::cases::state_label(s.as_str().unwrap_or(""), lang).to_string();
        return match h.action.as_str() {
            "case_step" => html! { (case) " #" (h.entity_id) ": " (state(&h.before.clone().unwrap_or_default()["state"])) " → " (state(&after["state"])) },
            "case_open" => html! { (case) " #" (h.entity_id) ": " span.v { (after["explanation"].as_str().unwrap_or("")) } },
            _ => html! { (case) " #" (h.entity_id) ": " (super::cases::photo_stage_label(after["stage"].as_str().unwrap_or(""), lang)) },
        };
    }
    let entity = || html! { @if h.entity == "enterprise" { (lang.pick("企业台账记录", "ledger record")) } @else { span.v { (h.entity) } } };
    let (Some(before), Some(after)) = (&h.before, &h.after) else {
        return entity();
    };
    let old = before.get("enterprise").and_then(|v| v.as_object());
    let new = after.get("enterprise").and_then(|v| v.as_object());
    match (old, new) {
        (Some(old), Some(new)) => {
            let changed: Vec<(&str, String, String)> = new
                .iter()
                .filter(|(k, v)| old.get(*k) != Some(v))
                .map(|(k, v)| (field_label(k, lang), old.get(k).map(|x| value_text(x, lang)).unwrap_or_default(), value_text(v, lang)))
                .collect();
            html! { @if changed.is_empty() { "—" } @else { @for (i, (k, a, b)) in changed.iter().enumerate() { @if i > 0 { "; " } (k) ": " span.v { (a) } " → " span.v { (b) } } } }
        }
        _ => entity(),
    }
}
