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
use crate::i18n::catalogue as cat;

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
    let admission = super::admission::dossier_section(&state, lang, &viewer, &e.credit_code).await?;
    let exceedances = if can_monitor { super::exceedances::dossier_section(&state, lang, &viewer, &e.credit_code).await? } else { maud::html! {} };
    let tax = if can_monitor { super::tax::dossier_section(&state, lang, &e.credit_code).await? } else { maud::html! {} };
    let energy = super::energy::dossier_section(lang, &viewer, d.enterprise.id, &d.equipment);
    let yes_no = |b: bool| if b { lang.label(cat::tax::yes()) } else { lang.label(cat::tax::no()) };
    let or_none = |s: &str| if s.is_empty() { lang.label(cat::campaigns::no_status()).to_string() } else { s.to_string() };
    let body = html! {
        div.breadcrumb {
            @for (i, div) in d.division_path.iter().enumerate() {
                @if i > 0 { " › " }
                a data-v href=(format!("/enterprises?division={}", div.code)) { (div.name) }
            }
        }
        div.grid2 {
            div.panel #basic {
                h2 { (lang.label(cat::ledger::basic_facts())) }
                dl.facts {
                    dt { (lang.label(cat::inventory::col_credit())) } dd { code { (e.credit_code) } }
                    dt { (lang.label(cat::common::industry())) } dd { (e.industry_code) " " span.v { (d.industry_name) } }
                    dt { (lang.label(cat::ledger::division_code())) } dd { (e.division_code) }
                    dt { (lang.label(cat::common::address())) } dd data-v { (e.address) }
                    dt { (lang.label(cat::ledger::coordinates())) } dd {
                        @if let (Some(x), Some(y)) = (e.longitude, e.latitude) { (format!("{x:.6}, {y:.6}")) }
                    }
                    dt { (lang.label(cat::common::status())) } dd { span class=(format!("tag {}", e.status)) { (label(STATUSES, &e.status, lang)) } }
                    dt { (lang.label(cat::ledger::above_scale())) } dd { (yes_no(e.above_scale)) }
                    dt { (lang.label(cat::ledger::size())) } dd { (label(SIZE_CLASSES, &e.size_class, lang)) }
                    dt { (lang.label(cat::ledger::legal_representative())) } dd data-v { (e.legal_representative) }
                }
            }
            div.panel #licences {
                h2 { (lang.label(cat::ledger::licences_and_grade())) }
                dl.facts {
                    dt { (lang.label(cat::ledger::business_licence())) } dd class=(if e.business_licence { "ok" } else { "bad" }) { (if e.business_licence { lang.label(cat::ledger::yes()) } else { lang.label(cat::campaigns::no_status()) }) }
                    dt { (lang.label(cat::ledger::eia_approval())) } dd class=(if e.eia_approval.is_empty() { "bad" } else { "" }) { @if e.eia_approval.is_empty() { (or_none("")) } @else { span.v { (e.eia_approval) } } }
                    dt { (lang.label(cat::ledger::discharge_permit())) } dd class=(if e.discharge_permit_no.is_empty() { "bad" } else { "" }) { @if e.discharge_permit_no.is_empty() { (or_none("")) } @else { span.v { (e.discharge_permit_no) } } }
                    dt { (lang.label(cat::ledger::land_use_legal())) } dd class=(if e.land_use_legal { "" } else { "bad" }) { (yes_no(e.land_use_legal)) }
                    dt { (lang.label(cat::ledger::performance_grade())) } dd { @if e.env_grade.is_empty() { (lang.label(cat::common::not_graded())) } @else { (e.env_grade) } }
                }
            }
        }
        h2 { (lang.label(cat::ledger::production_lines())) " (" (d.lines.len()) ")" }
        div.table-wrap { table #lines {
            thead { tr { th { (lang.label(cat::inventory::col_name())) } th { (lang.label(cat::ledger::product())) } th.num { (lang.label(cat::ledger::capacity_2())) } th { (lang.label(cat::inventory::col_unit())) } th { (lang.label(cat::enforcement_cases::col_status())) } } }
            tbody { @for l in &d.lines { tr { td data-v { (l.name) } td data-v { (l.product) } td.num { (opt_number(l.capacity)) } td { (crate::ledger::codes::unit_label(&l.capacity_unit, lang)) } td { (label(STATUSES, &l.status, lang)) } } } }
        } }
        h2 { (lang.label(cat::common::main_equipment())) " (" (d.equipment.len()) ")" }
        div.table-wrap { table #equipment {
            thead { tr {
                th { (lang.label(cat::ledger::name_2())) } th { (lang.label(cat::common::kind())) } th { (lang.label(cat::ledger::line())) }
                th.num { (lang.label(cat::ledger::capacity())) } th { (lang.label(cat::inventory::col_unit())) } th { (lang.label(cat::ledger::fuel())) }
                th { (lang.label(cat::ledger::process())) } th.num { (lang.label(cat::ledger::commissioned())) } th.num { (lang.label(cat::ledger::specific_energy())) }
            } }
            tbody { @for q in &d.equipment { tr {
                td data-v { (q.name) } td { (EQUIPMENT_KINDS.name(&q.kind, lang)) } td data-v { (q.line_name) }
                td.num { (opt_number(q.capacity)) } td { (crate::ledger::codes::unit_label(&q.capacity_unit, lang)) } td { (label(FUELS, &q.fuel, lang)) }
                td { @if !q.process.is_empty() { (crate::ledger::codes::process_label(&q.process, lang)) } } td.num { (q.year_commissioned.map(|y| y.to_string()).unwrap_or_default()) } td.num { (opt_number(q.specific_energy)) }
            } } }
        } }
        h2 { (lang.label(cat::ledger::outlets_and_pollutants())) " (" (d.outlets.len()) ")" }
        div.table-wrap { table #outlets {
            thead { tr {
                th { (lang.label(cat::ledger::code())) } th { (lang.label(cat::inventory::col_name())) } th { (lang.label(cat::ledger::medium())) }
                th { (lang.label(cat::inventory::col_pollutant())) } th.num { (lang.label(cat::ledger::limit())) } th { (lang.label(cat::ledger::standard())) } th.num { (lang.label(cat::ledger::permitted_t_a())) }
            } }
            tbody { @for o in &d.outlets {
                @if o.pollutants.is_empty() { tr { td { (o.code) } td data-v { (o.name) } td { (label(MEDIA, &o.medium, lang)) } td {} td {} td {} td {} } }
                @for p in &o.pollutants { tr {
                    td { @if can_monitor { a href=(format!("/monitoring/outlets/{}/{}", e.credit_code, o.code)) title=(lang.label(cat::ledger::monitoring_data())) { (o.code) } } @else { (o.code) } } td data-v { (o.name) } td { (label(MEDIA, &o.medium, lang)) }
                    td { span.v { (p.pollutant_name) } " " span.muted { (p.pollutant_code) } }
                    td.num { (opt_number(p.limit_value)) " " span.v { (p.limit_unit) } } td data-v { (p.standard) } td.num { (opt_number(p.permitted_annual_t)) }
                } }
            } }
        } }
        h2 { (lang.label(cat::ledger::yearly_energy_water_and_value_added())) }
        div.table-wrap { table #yearly {
            thead { tr { th { (lang.label(cat::inventory::col_year())) } th.num { (lang.label(cat::ledger::energy_tce())) } th.num { (lang.label(cat::ledger::water_m())) } th.num { (lang.label(cat::ledger::value_added_10k_yuan())) } th.num { (lang.label(cat::ledger::energy_intensity())) } } }
            tbody { @for y in &d.yearly { tr {
                td { (y.year) } td.num { (opt_number(y.energy_tce)) } td.num { (opt_number(y.water_m3)) } td.num { (opt_number(y.value_added_10k_yuan)) }
                td.num { @if let (Some(en), Some(va)) = (y.energy_tce, y.value_added_10k_yuan) { @if va > 0.0 { (format!("{:.3}", en / va)) } } }
            } } }
        } }
        h2 { (lang.t(&crate::i18n::catalogue::inventory::dossier_title())) }
        p { a #dossier-inventory href=(format!("/inventory/enterprises/{id}")) { (lang.t(&crate::i18n::catalogue::inventory::dossier_link())) } }
        @if !d.activity.is_empty() {
            div.table-wrap { table #dossier-activity {
                thead { tr { th { (lang.label(cat::inventory::col_year())) } th { (lang.label(cat::inventory::col_category())) } th { (lang.label(cat::inventory::col_item())) } th.num { (lang.label(cat::inventory::col_amount())) } th { (lang.label(cat::inventory::col_unit())) } th { (lang.label(cat::inventory::col_equipment())) } th { (lang.label(cat::inventory::col_outlet())) } } }
                tbody { @for a in &d.activity { tr {
                    td { (a.year) } td { (crate::inventory::Category::parse(&a.category).map(|c| lang.t(&c.label())).unwrap_or_else(|| a.category.clone())) } td { code { (a.item) } }
                    td.num { (crate::inventory::num(a.amount)) } td { span.v { (a.unit) } } td { span.v { (a.equipment) } } td { code { (a.outlet) } }
                } } }
            } }
        }
        @if !cases.is_empty() {
            h2 { (lang.label(cat::common::backward_capacity_exit_cases())) }
            div.table-wrap { table #dossier-cases {
                thead { tr { th { "#" } th { (lang.label(cat::inventory::col_equipment())) } th { (lang.label(cat::common::finding())) } th { (lang.label(cat::common::state())) } th { (lang.label(cat::common::deadline())) } } }
                tbody { @for c in &cases { tr {
                    td { @if can_cases { a href=(format!("/cases/{}", c.id)) { (c.id) } }
                        @else if can_answer { a href=(format!("/my/cases/{}", c.id)) { (c.id) } } @else { (c.id) } }
                    td data-v { (c.equipment) } td data-v { (c.title) } td { (super::cases::state_label(&c.state, lang)) } td data-v { (c.deadline.clone().unwrap_or_default()) }
                } } }
            } }
        }
        (energy)
        @if can_monitor { (exceedances) }
        @if can_monitor { (tax) }
        (enforcement)
        (admission)
        h2 { (lang.label(cat::ledger::history_of_changes())) }
        div.table-wrap { table #history {
            thead { tr { th { "#" } th { (lang.label(cat::common::when())) } th { (lang.label(cat::common::who())) } th { (lang.label(cat::ledger::action())) } th { (lang.label(cat::ledger::change())) } } }
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
        "system" => lang.label(cat::ledger::system()).to_string(),
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
    let case = lang.label(cat::enforcement_cases::col_case());
    if h.entity == "case" {
        let after = h.after.clone().unwrap_or_default();
        let state = |s: &serde_json::Value| super::cases::state_label(s.as_str().unwrap_or(""), lang).to_string();
        return match h.action.as_str() {
            "case_step" => html! { (case) " #" (h.entity_id) ": " (state(&h.before.clone().unwrap_or_default()["state"])) " → " (state(&after["state"])) },
            "case_open" => html! { (case) " #" (h.entity_id) ": " span.v { (after["explanation"].as_str().unwrap_or("")) } },
            _ => html! { (case) " #" (h.entity_id) ": " (super::cases::photo_stage_label(after["stage"].as_str().unwrap_or(""), lang)) },
        };
    }
    let entity = || html! { @if h.entity == "enterprise" { (lang.label(cat::ledger::ledger_record())) } @else { span.v { (h.entity) } } };
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
