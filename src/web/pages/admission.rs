//! Project admission review (准入审核): the list of projects in the viewer's scope and its
//! .xlsx, the submission form (phone-friendly: one column, native controls), one project with
//! its findings (each with the cited rule), the departments' opinions, the decision and only
//! the forms the viewer may use; the dossier's section of an enterprise's projects.

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde_json::{json, Map, Value};

use super::layout::{self, Section};
use crate::admission::check::{Finding, Outcome, Verdict};
use crate::admission::project::{self, ProjectKind};
use crate::admission::workflow::{self, Stance, State as ReviewState, Step};
use crate::auth::{Permission, Role, Viewer};
use crate::i18n::catalogue::admission as A;
use crate::storage::admission::{self as store, Filter, Record};
use crate::web::auth::Ctx;
use crate::web::i18n::Lang;
use crate::web::State;

const ROWS: usize = 3;

fn verdict_tag(lang: Lang, v: Option<Verdict>) -> Markup {
    match v {
        None => html! { span.tag { (lang.label(A::page_not_checked())) } },
        Some(v) => {
            let class = match v {
                Verdict::Refused => "tag bad",
                Verdict::Undecided => "tag warn",
                Verdict::Conditional => "tag pending",
                Verdict::Admissible => "tag ok",
            };
            html! { span class=(class) data-verdict=(v.code()) { (lang.t(&v.label())) } }
        }
    }
}

fn outcome_tag(lang: Lang, o: Outcome) -> Markup {
    let class = match o {
        Outcome::Refuse => "tag bad",
        Outcome::Undecided => "tag warn",
        Outcome::Condition | Outcome::Note => "tag pending",
        Outcome::Clear => "tag ok",
    };
    html! { span class=(class) data-outcome=(o.code()) { (lang.t(&o.label())) } }
}

fn decision_text(lang: Lang, r: &Record) -> Markup {
    html! {
        @match r.decision.as_str() {
            "approved" => span.tag.ok data-decision="approved" { (lang.label(A::page_approved())) },
            "refused" => span.tag.bad data-decision="refused" { (lang.label(A::page_refused())) },
            _ => "",
        }
    }
}

fn kind_label(lang: Lang, k: &str) -> String {
    ProjectKind::parse(k).map(|k| lang.t(&k.label())).unwrap_or_else(|| k.to_string())
}

fn department_label(lang: Lang, d: &str) -> String {
    match crate::auth::Department::parse(d) {
        Some(d) => d.label(lang == Lang::Zh).to_string(),
        None => d.to_string(),
    }
}

fn table(lang: Lang, rows: &[Record], id: &str) -> Markup {
    html! {
        div.table-wrap { table id=(id) {
            thead { tr {
                th.num { "#" } th { (lang.label(A::page_project())) } th { (lang.label(A::page_company())) } th { (lang.label(A::page_kind())) }
                th { (lang.label(A::page_industry())) } th { (lang.label(A::page_location())) } th { (lang.label(A::page_verdict())) } th { (lang.label(A::page_state())) } th { (lang.label(A::page_decision())) }
            } }
            tbody {
                @if rows.is_empty() { tr { td colspan="9" { span.muted { (lang.label(A::page_none())) } } } }
                @for r in rows { tr data-project=(r.id) data-credit=(r.credit_code) {
                    td.num { a href=(format!("/admission/{}", r.id)) { (r.id) } }
                    td { a data-v href=(format!("/admission/{}", r.id)) { (r.name) } }
                    td data-v { (r.company) }
                    td { (kind_label(lang, &r.kind)) }
                    td { code { (r.industry_code) } " " span.v { (crate::ledger::codes::INDUSTRIES.name(&r.industry_code)) } }
                    td { code { (r.division_code) } }
                    td { (verdict_tag(lang, r.verdict)) }
                    td { (lang.t(&r.state.label())) }
                    td { (decision_text(lang, r)) }
                } }
            }
        } }
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    pub state: Option<String>,
    pub verdict: Option<String>,
}

fn filter_of(q: &ListQuery) -> Filter {
    Filter { state: q.state.clone().filter(|s| !s.is_empty()), verdict: q.verdict.clone().filter(|s| !s.is_empty()), credit_code: None }
}

pub async fn list(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<ListQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let rows = store::list(&state.db, &viewer.scope, &filter_of(&q)).await?;
    let query = format!("state={}&verdict={}", q.state.clone().unwrap_or_default(), q.verdict.clone().unwrap_or_default());
    let body = html! {
        div.panel {
            p.muted { (lang.label(A::page_intro())) }
            form.filters method="get" action="/admission" {
                label { (lang.label(A::page_state())) " "
                    select name="state" { option value="" { (lang.label(A::page_all())) }
                        @for s in ReviewState::ALL { option value=(s.code()) selected[q.state.as_deref() == Some(s.code())] { (lang.t(&s.label())) } } } }
                " "
                label { (lang.label(A::page_verdict())) " "
                    select name="verdict" { option value="" { (lang.label(A::page_all())) }
                        @for v in [Verdict::Refused, Verdict::Undecided, Verdict::Conditional, Verdict::Admissible] { option value=(v.code()) selected[q.verdict.as_deref() == Some(v.code())] { (lang.t(&v.label())) } } } }
                " " button.secondary type="submit" { (lang.label(A::page_filter())) }
            }
            p {
                @if viewer.can(Permission::SubmitAdmission) { a.button href="/admission/new" #new-project { (lang.label(A::page_new())) } " " }
                a.button.secondary href=(format!("/admission/export.xlsx?{query}")) #export { (lang.label(A::page_export())) }
            }
        }
        div.panel { (table(lang, &rows, "projects")) }
    };
    Ok(layout::page(&ctx, Section::Admission, lang.label(A::page_title()), body))
}

pub async fn export(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<ListQuery>) -> crate::Result<Response> {
    let rows = store::list(&state.db, &viewer.scope, &filter_of(&q)).await?;
    let bytes = workbook(&rows, ctx.lang).map_err(crate::Error::other)?;
    crate::storage::audit::record(
        &state.db,
        &viewer.actor(),
        crate::storage::audit::NewEntry { action: "export", entity: "admission_project", entity_id: "admission.xlsx".into(), enterprise_id: None, before: None, after: Some(json!({ "rows": rows.len() })) },
    )
    .await?;
    Ok(super::leads::xlsx(bytes, "admission.xlsx"))
}

fn workbook(rows: &[Record], lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.label(A::page_sheet()))?;
    let heads = [
        "#", lang.label(A::page_project()), lang.label(A::page_company()), lang.label(A::page_credit_code()), lang.label(A::page_kind()), lang.label(A::page_industry()),
        lang.label(A::page_location()), lang.label(A::page_capacity()), lang.label(A::page_verdict()), lang.label(A::page_refusing_rules()), lang.label(A::page_state()),
        lang.label(A::page_decision()), lang.label(A::page_reasons()), lang.label(A::page_submitted()), lang.label(A::page_catalogue_version()),
    ];
    for (i, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, i as u16, *h, &bold)?;
    }
    for (n, r) in rows.iter().enumerate() {
        let row = n as u32 + 1;
        let capacity = r.project.products.iter().map(|p| format!("{} +{} −{} {}", p.name, p.added, p.removed, p.unit)).collect::<Vec<_>>().join("; ");
        let refusing = r.findings.iter().filter(|f| f.outcome == Outcome::Refuse).map(|f| format!("{} ({})", f.rule_id, citation_short(&f.citation))).collect::<Vec<_>>().join("; ");
        let decision = match r.decision.as_str() {
            "approved" => lang.label(A::page_approved()).to_string(),
            "refused" => lang.label(A::page_refused()).to_string(),
            _ => String::new(),
        };
        let cells = [
            r.id.to_string(), r.name.clone(), r.company.clone(), r.credit_code.clone(), kind_label(lang, &r.kind), r.industry_code.clone(), r.division_code.clone(), capacity,
            r.verdict.map(|v| lang.t(&v.label())).unwrap_or_default(), refusing, lang.t(&r.state.label()), decision, r.reasons.clone(),
            crate::storage::display_time(&r.submitted_at), r.catalogue_version.clone(),
        ];
        for (i, v) in cells.iter().enumerate() {
            sheet.write_string(row, i as u16, crate::excel::csv_safe::cell(v).as_ref())?;
        }
    }
    book.save_to_buffer()
}

fn citation_short(c: &crate::admission::catalogue::Citation) -> String {
    if c.seed.is_empty() { format!("{} {}", c.document, c.clause) } else { format!("{} {} — seeds/{}:{}", c.document, c.clause, c.seed, c.line) }
}

// ---------------------------------------------------------------------------------------
// The form.

fn field(lang: Lang, label: crate::i18n::Msg, input: Markup) -> Markup {
    html! { p.field { label { (lang.label(label)) br; (input) } } }
}

fn form_page(ctx: &Ctx, viewer: &Viewer, values: &Map<String, Value>, problems: &[String]) -> Markup {
    let lang = ctx.lang;
    let v = |k: &str| values.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
    let units = &crate::admission::catalogue::embedded().capacity_units;
    let enterprise = viewer.role == Role::Enterprise;
    let body = html! {
        @if !problems.is_empty() {
            div.panel.bad #problems { p { (lang.label(A::page_form_refused())) } ul { @for p in problems { li data-v { (p) } } } }
        }
        form.panel.phone method="post" action="/admission" #project-form {
            (layout::csrf_field(ctx))
            (field(lang, A::page_project(), html! { input type="text" name="name" value=(v("name")) required maxlength="200"; }))
            (field(lang, A::page_kind(), html! { select name="kind" { @for k in [ProjectKind::New, ProjectKind::Expansion, ProjectKind::Renovation, ProjectKind::Relocation] { option value=(k.code()) selected[v("kind") == k.code()] { (lang.t(&k.label())) } } } }))
            @if !enterprise {
                (field(lang, A::page_credit_code_hint(), html! { input type="text" name="credit_code" value=(v("credit_code")) maxlength="18" autocomplete="off"; }))
                (field(lang, A::page_company_hint(), html! { input type="text" name="company" value=(v("company")) maxlength="200"; }))
            }
            (field(lang, A::page_industry_hint(), html! { input type="text" name="industry" value=(v("industry")) required inputmode="numeric" maxlength="4" pattern="[0-9]{4}"; }))
            (field(lang, A::page_location_hint(), html! { input type="text" name="division" value=(v("division")) required inputmode="numeric" maxlength="12"; }))
            p.field { label { input type="checkbox" name="in_park" value="1" checked[!v("in_park").is_empty()]; " " (lang.label(A::page_in_park())) } }
            (field(lang, A::page_park(), html! { input type="text" name="park" value=(v("park")) maxlength="200"; }))
            fieldset #products {
                legend { (lang.label(A::page_products())) }
                @for i in 0..ROWS {
                    div.row {
                        input type="text" name=(format!("product_{i}")) value=(v(&format!("product_{i}"))) placeholder=(lang.label(A::page_product_name())) aria-label=(lang.label(A::page_product_name()));
                        select name=(format!("unit_{i}")) aria-label=(lang.label(A::page_unit())) { @for u in units { option value=(u) selected[v(&format!("unit_{i}")) == *u] { (u) } } }
                        input type="number" step="any" min="0" name=(format!("added_{i}")) value=(v(&format!("added_{i}"))) placeholder=(lang.label(A::page_added())) aria-label=(lang.label(A::page_added()));
                        input type="number" step="any" min="0" name=(format!("removed_{i}")) value=(v(&format!("removed_{i}"))) placeholder=(lang.label(A::page_removed())) aria-label=(lang.label(A::page_removed()));
                    }
                }
            }
            (field(lang, A::page_energy(), html! { input type="number" step="any" min="0" name="energy_tce" value=(v("energy_tce")); }))
            (field(lang, A::page_coal(), html! { input type="number" step="any" min="0" name="coal_t" value=(v("coal_t")); }))
            (field(lang, A::page_coal_offset(), html! { input type="number" step="any" min="0" name="coal_offset_t" value=(v("coal_offset_t")); }))
            fieldset #fuels {
                legend { (lang.label(A::page_fuels())) }
                @for f in project::FUELS {
                    label.check { input type="checkbox" name=(format!("fuel_{f}")) value="1" checked[!v(&format!("fuel_{f}")).is_empty()]; " " (crate::i18n::label("admission.fuel", f, lang)) } " "
                }
            }
            fieldset #emissions {
                legend { (lang.label(A::page_emissions())) }
                @for i in 0..ROWS {
                    div.row {
                        input type="text" name=(format!("pollutant_{i}")) value=(v(&format!("pollutant_{i}"))) placeholder=(lang.label(A::page_pollutant())) aria-label=(lang.label(A::page_pollutant()));
                        input type="number" step="any" min="0" name=(format!("emission_{i}")) value=(v(&format!("emission_{i}"))) placeholder=(lang.label(A::page_emission_t())) aria-label=(lang.label(A::page_emission_t()));
                        input type="number" step="any" min="0" name=(format!("offset_{i}")) value=(v(&format!("offset_{i}"))) placeholder=(lang.label(A::page_offset_t())) aria-label=(lang.label(A::page_offset_t()));
                    }
                }
            }
            fieldset #replaced {
                legend { (lang.label(A::page_replaced())) }
                p.muted.small { (lang.label(A::page_replaced_hint())) }
                @for i in 0..ROWS {
                    div.row {
                        input type="number" min="1" name=(format!("case_{i}")) value=(v(&format!("case_{i}"))) placeholder=(lang.label(A::page_case())) aria-label=(lang.label(A::page_case()));
                        input type="number" step="any" min="0" name=(format!("rcapacity_{i}")) value=(v(&format!("rcapacity_{i}"))) placeholder=(lang.label(A::page_capacity())) aria-label=(lang.label(A::page_capacity()));
                        select name=(format!("runit_{i}")) aria-label=(lang.label(A::page_unit())) { @for u in units { option value=(u) selected[v(&format!("runit_{i}")) == *u] { (u) } } }
                    }
                }
                p.field { label { input type="checkbox" name="upsizing_core_enterprise" value="1" checked[!v("upsizing_core_enterprise").is_empty()]; " " (lang.label(A::page_upsizing())) } }
            }
            p { button type="submit" #submit-project { (lang.label(A::page_submit())) } }
        }
        p { a href="/admission" { (lang.label(A::page_back())) } }
    };
    layout::page(ctx, Section::Admission, lang.label(A::page_new()), body)
}

pub async fn new_form(state: State, ctx: Ctx, viewer: Viewer) -> crate::Result<Markup> {
    // An enterprise's project starts from its ledger record: its location and industry.
    let mut values = Map::new();
    if let crate::auth::Scope::Enterprise(code) = &viewer.scope {
        use sqlx::Row;
        if let Some(r) = sqlx::query("SELECT division_code, industry_code FROM enterprises WHERE credit_code = $1").bind(code).fetch_optional(&state.db.pool).await? {
            values.insert("division".into(), Value::String(r.try_get(0)?));
            values.insert("industry".into(), Value::String(r.try_get(1)?));
        }
    }
    Ok(form_page(&ctx, &viewer, &values, &[]))
}

fn number(s: &str) -> Value {
    let t = s.trim();
    match t.parse::<f64>() {
        Ok(x) if x.is_finite() => serde_json::Number::from_f64(x).map(Value::Number).unwrap_or(Value::String(t.into())),
        _ => Value::String(t.into()),
    }
}

/// The form's fields as the project JSON (so the form and the CLI are checked by one parser).
fn project_json(f: &Map<String, Value>) -> Value {
    let v = |k: &str| f.get(k).and_then(|x| x.as_str()).unwrap_or("").trim().to_string();
    let mut p = Map::new();
    p.insert("name".into(), v("name").into());
    p.insert("kind".into(), v("kind").into());
    if !v("credit_code").is_empty() {
        p.insert("enterprise".into(), json!({ "credit_code": v("credit_code") }));
    }
    if !v("company").is_empty() {
        p.insert("company".into(), json!({ "name": v("company") }));
    }
    p.insert("industry".into(), v("industry").into());
    if !v("division").is_empty() {
        p.insert("division".into(), v("division").into());
    }
    p.insert("in_park".into(), (!v("in_park").is_empty()).into());
    if !v("park").is_empty() {
        p.insert("park".into(), v("park").into());
    }
    let mut products = Vec::new();
    for i in 0..ROWS {
        let (name, added, removed) = (v(&format!("product_{i}")), v(&format!("added_{i}")), v(&format!("removed_{i}")));
        if name.is_empty() && added.is_empty() && removed.is_empty() {
            continue;
        }
        let mut x = json!({ "name": name, "unit": v(&format!("unit_{i}")), "added": if added.is_empty() { Value::Null } else { number(&added) } });
        if !removed.is_empty() {
            x["removed"] = number(&removed);
        }
        products.push(x);
    }
    p.insert("products".into(), Value::Array(products));
    for k in ["energy_tce", "coal_t", "coal_offset_t"] {
        if !v(k).is_empty() {
            p.insert(k.into(), number(&v(k)));
        }
    }
    let fuels: Vec<Value> = project::FUELS.iter().filter(|x| !v(&format!("fuel_{x}")).is_empty()).map(|x| Value::from(*x)).collect();
    p.insert("fuels".into(), Value::Array(fuels));
    let mut emissions = Vec::new();
    for i in 0..ROWS {
        let (pol, t, off) = (v(&format!("pollutant_{i}")), v(&format!("emission_{i}")), v(&format!("offset_{i}")));
        if pol.is_empty() && t.is_empty() && off.is_empty() {
            continue;
        }
        let mut x = json!({ "pollutant": pol, "t": if t.is_empty() { Value::Null } else { number(&t) } });
        if !off.is_empty() {
            x["offset_t"] = number(&off);
        }
        emissions.push(x);
    }
    p.insert("emissions".into(), Value::Array(emissions));
    let mut replaced = Vec::new();
    for i in 0..ROWS {
        let (case, cap) = (v(&format!("case_{i}")), v(&format!("rcapacity_{i}")));
        if case.is_empty() && cap.is_empty() {
            continue;
        }
        replaced.push(json!({ "case_id": if case.is_empty() { Value::Null } else { number(&case) }, "capacity": if cap.is_empty() { Value::Null } else { number(&cap) }, "unit": v(&format!("runit_{i}")) }));
    }
    p.insert("replaced".into(), Value::Array(replaced));
    p.insert("upsizing_core_enterprise".into(), (!v("upsizing_core_enterprise").is_empty()).into());
    Value::Object(p)
}

pub async fn create(state: State, ctx: Ctx, viewer: Viewer, Form(fields): Form<Vec<(String, String)>>) -> crate::Result<Response> {
    let lang = ctx.lang;
    let values: Map<String, Value> = fields.into_iter().filter(|(k, _)| k != "_csrf").map(|(k, v)| (k, Value::String(v))).collect();
    let mut json = project_json(&values);
    if viewer.role == Role::Enterprise {
        if let crate::auth::Scope::Enterprise(code) = &viewer.scope {
            json["enterprise"] = json!({ "credit_code": code });
        }
    }
    let units = &crate::admission::catalogue::embedded().capacity_units;
    let refuse = |problems: Vec<String>| (StatusCode::UNPROCESSABLE_ENTITY, form_page(&ctx, &viewer, &values, &problems)).into_response();
    let p = match project::from_value(&json, units) {
        Ok(p) => p,
        Err(errors) => return Ok(refuse(errors.iter().map(|e| lang.t(&e.message())).collect())),
    };
    match store::submit(&state.db, &viewer, p).await {
        Ok(id) => Ok(Redirect::to(&format!("/admission/{id}")).into_response()),
        Err(crate::Error::Invalid(m) | crate::Error::Forbidden(m)) => Ok(refuse(vec![lang.t(&m)])),
        Err(e) => Err(e),
    }
}

// ---------------------------------------------------------------------------------------
// One project.

fn finding_row(lang: Lang, f: &Finding) -> Markup {
    let c = &f.citation;
    html! {
        tr data-rule=(f.rule_id) data-outcome=(f.outcome.code()) {
            td { (outcome_tag(lang, f.outcome)) }
            td { span.v { (if lang == Lang::Zh { &f.title_zh } else { &f.title_en }) } br; code.small { (f.rule_id) } }
            td { (f.explanation.markup(lang)) }
            td.small.citation {
                @if c.document.is_empty() { span.muted { (lang.label(A::page_no_citation())) } } @else {
                    span.v { "《" (c.document) "》 " (c.clause) } br;
                    q.v { (c.quote) } br;
                    @if !c.seed.is_empty() { code { "seeds/" (c.seed) ":" (c.line) } " " }
                    span class=(if c.status == "unverified" { "tag warn" } else { "tag" }) { (crate::i18n::label("admission.status", &c.status, lang)) }
                }
                @if let Some(s) = &f.setting {
                    br; (lang.label(A::page_setting())) " " span.v { (crate::admission::check::fmt_number(s.value)) } " "
                    span class=(if s.status == "unverified" { "tag warn" } else { "tag" }) { (crate::i18n::label("admission.status", &s.status, lang)) }
                    @if !s.source.is_empty() { br; span.muted.v { (s.source) } }
                }
                @if let Some(a) = &f.adopted_by { br; span.muted { (lang.label(A::page_adopted())) " " code { (a) } } }
            }
        }
    }
}

fn step_allowed(viewer: &Viewer, rec: &Record) -> bool {
    viewer.can(Permission::ReviewAdmission) && rec.state != ReviewState::Published
}

async fn render(state: &State, ctx: &Ctx, viewer: &Viewer, rec: &Record, message: Option<String>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let opinions = store::opinions(&state.db, rec.id).await?;
    let bound = store::replacements(&state.db, rec.id).await?;
    let enterprise_id = if rec.credit_code.is_empty() { None } else { crate::storage::ledger::enterprise_id_by_code(&state.db, &rec.credit_code).await? };
    let p = &rec.project;
    let my_department = viewer.department.map(|d| d.code().to_string());
    let can_review = step_allowed(viewer, rec);
    let open_departments: Vec<&String> = rec.departments.iter().filter(|d| !opinions.iter().any(|o| &o.department == *d)).collect();
    let body = html! {
        @if let Some(m) = &message { p.bad #step-result { (m) } }
        div.panel #project-facts {
            dl.facts {
                dt { (lang.label(A::page_company())) } dd {
                    @if let Some(e) = enterprise_id { a data-v href=(format!("/enterprises/{e}")) { (rec.company) } } @else { span.v { (rec.company) } " " span.muted { (lang.label(A::page_new_company())) } }
                    @if !rec.credit_code.is_empty() { " " code { (rec.credit_code) } }
                }
                dt { (lang.label(A::page_kind())) } dd { (kind_label(lang, &rec.kind)) }
                dt { (lang.label(A::page_industry())) } dd { code { (rec.industry_code) } " " span.v { (crate::ledger::codes::INDUSTRIES.name(&rec.industry_code)) } }
                dt { (lang.label(A::page_location())) } dd { code { (rec.division_code) } @if p.in_park { " · " (lang.label(A::page_in_park())) " " span.v { (p.park) } } }
                dt { (lang.label(A::page_products())) } dd { ul.plain { @for x in &p.products { li { span.v { (x.name) } " +" (x.added) " / −" (x.removed) " " span.v { (x.unit) } } } } }
                dt { (lang.label(A::page_energy())) } dd { @if let Some(e) = p.energy_tce { (e) } @else { span.muted { (lang.label(A::page_not_stated())) } } }
                dt { (lang.label(A::page_coal())) } dd { @if let Some(c) = p.coal_t { (c) } @else { span.muted { (lang.label(A::page_not_stated())) } } " · " (lang.label(A::page_coal_offset())) " " (p.coal_offset_t) }
                @if !p.replaced.is_empty() {
                    dt { (lang.label(A::page_replaced())) } dd #replaced-list { ul.plain { @for r in &p.replaced { li {
                        @if let Some(c) = r.case_id { a href=(format!("/cases/{c}")) { (lang.label(A::page_case())) " #" (c) } " " }
                        (r.capacity) " " span.v { (r.unit) } " " code { (r.division) }
                        @if bound.iter().any(|(c, ..)| Some(*c) == r.case_id) { " " span.tag.ok { (lang.label(A::page_counted())) } }
                    } } } }
                }
                dt { (lang.label(A::page_submitted())) } dd { span.v { (rec.submitted_by) } " · " (crate::storage::display_time(&rec.submitted_at)) }
                dt { (lang.label(A::page_state())) } dd #project-state data-state=(rec.state.code()) { (lang.t(&rec.state.label())) }
                dt { (lang.label(A::page_verdict())) } dd #project-verdict { (verdict_tag(lang, rec.verdict)) }
                @if !rec.decision.is_empty() {
                    dt { (lang.label(A::page_decision())) } dd #project-decision { (decision_text(lang, rec)) " " span.v { (rec.decided_by) } }
                    dt { (lang.label(A::page_reasons())) } dd #decision-reasons data-v { (rec.reasons) }
                }
            }
        }
        div.panel #findings {
            h2 { (lang.label(A::page_findings())) " (" (rec.findings.len()) ")" }
            @if rec.findings.is_empty() { p.muted { (lang.label(A::page_not_checked_yet())) } } @else {
                p.muted.small { (lang.label(A::page_catalogue_version())) " " code { (rec.catalogue_version) } }
                div.table-wrap { table #findings-table {
                    thead { tr { th { (lang.label(A::page_outcome())) } th { (lang.label(A::page_rule())) } th { (lang.label(A::page_explanation())) } th { (lang.label(A::page_source())) } } }
                    tbody { @for f in &rec.findings { (finding_row(lang, f)) } }
                } }
            }
        }
        div.panel #opinions {
            h2 { (lang.label(A::page_opinions())) }
            @if !rec.departments.is_empty() { p.muted { (lang.label(A::page_departments_asked())) " " @for (i, d) in rec.departments.iter().enumerate() { @if i > 0 { (if lang == Lang::Zh { "、" } else { ", " }) } (department_label(lang, d)) } } }
            @if opinions.is_empty() { p.muted { (lang.label(A::page_no_opinions())) } }
            ul.plain { @for o in &opinions { li data-department=(o.department) {
                strong { (department_label(lang, &o.department)) } " · " (lang.t(&o.stance.label())) " · " span.v { (o.by) } " · " (crate::storage::display_time(&o.at))
                @if !o.text.is_empty() { br; span.v { (o.text) } }
            } } }
        }
        @if can_review {
            div.panel #review-forms {
                @if matches!(rec.state, ReviewState::Submitted | ReviewState::Checked) {
                    form.inline method="post" action=(format!("/admission/{}/check", rec.id)) #check-form {
                        (layout::csrf_field(ctx))
                        button type="submit" #run-check { (lang.label(if rec.state == ReviewState::Submitted { A::page_run_check() } else { A::page_run_check_again() })) }
                    }
                }
                @if rec.state == ReviewState::Checked && !open_departments.is_empty() {
                    @let mine: Vec<&&String> = open_departments.iter().filter(|d| viewer.role == Role::Admin || my_department.as_deref() == Some(d.as_str())).collect();
                    @if !mine.is_empty() {
                        form method="post" action=(format!("/admission/{}/opinion", rec.id)) #opinion-form {
                            (layout::csrf_field(ctx))
                            h3 { (lang.label(A::page_give_opinion())) }
                            p { label { (lang.label(A::page_department())) " " select name="department" { @for d in &mine { option value=(d) { (department_label(lang, d)) } } } } }
                            p { @for s in Stance::ALL { label.check { input type="radio" name="stance" value=(s.code()) checked[s == Stance::Agree]; " " (lang.t(&s.label())) } " " } }
                            p { label { (lang.label(A::page_opinion_text())) br; textarea name="text" rows="3" maxlength="2000" {} } }
                            button type="submit" #give-opinion { (lang.label(A::page_save_opinion())) }
                        }
                    }
                }
                @if rec.state == ReviewState::Checked && open_departments.is_empty() {
                    form method="post" action=(format!("/admission/{}/decide", rec.id)) #decide-form {
                        (layout::csrf_field(ctx))
                        h3 { (lang.label(A::page_decide())) }
                        p {
                            label.check { input type="radio" name="decision" value="approve" checked[rec.verdict != Some(Verdict::Refused)] disabled[matches!(rec.verdict, Some(Verdict::Refused) | Some(Verdict::Undecided))]; " " (lang.label(A::page_approve())) } " "
                            label.check { input type="radio" name="decision" value="refuse" checked[rec.verdict == Some(Verdict::Refused)]; " " (lang.label(A::page_refuse())) }
                        }
                        p { label { (lang.label(A::page_reasons())) br; textarea name="reasons" rows="3" maxlength="2000" required {} } }
                        button type="submit" #decide { (lang.label(A::page_record_decision())) }
                    }
                }
                @if rec.state == ReviewState::Decided {
                    form.inline method="post" action=(format!("/admission/{}/publish", rec.id)) #publish-form {
                        (layout::csrf_field(ctx))
                        button type="submit" #publish { (lang.label(A::page_publish())) }
                    }
                }
            }
        }
        p { a href="/admission" { (lang.label(A::page_back())) } }
    };
    Ok(layout::page(ctx, Section::Admission, &format!("{} #{}", lang.label(A::page_project()), rec.id), body))
}

async fn scoped(state: &State, viewer: &Viewer, id: i64) -> crate::Result<Record> {
    match store::get(&state.db, &viewer.scope, id).await {
        Err(crate::Error::NotFound(w)) => {
            if store::exists(&state.db, id).await? {
                crate::web::auth::record_refusal(state, &viewer.actor(), "access_denied", &format!("admission project {id} (outside scope)")).await;
            }
            Err(crate::Error::NotFound(w))
        }
        other => other,
    }
}

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Markup> {
    let rec = scoped(&state, &viewer, id).await?;
    render(&state, &ctx, &viewer, &rec, None).await
}

async fn take(state: State, ctx: Ctx, viewer: Viewer, id: i64, step: Step) -> crate::Result<Response> {
    scoped(&state, &viewer, id).await?;
    match store::step(&state.db, &viewer, id, step).await {
        Ok(_) => Ok(Redirect::to(&format!("/admission/{id}")).into_response()),
        Err(e @ (crate::Error::Invalid(_) | crate::Error::Conflict(_))) => {
            let status = e.status();
            let why = ctx.lang.t(&e.message());
            let rec = store::get(&state.db, &viewer.scope, id).await?;
            Ok((status, render(&state, &ctx, &viewer, &rec, Some(why)).await?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn check(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Response> {
    take(state, ctx, viewer, id, Step::Check).await
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct OpinionForm {
    pub department: String,
    pub stance: String,
    pub text: String,
}

pub async fn opinion(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, Form(f): Form<OpinionForm>) -> crate::Result<Response> {
    // Bureau staff speak for their own department; the administrator for the one chosen.
    let department = match (viewer.role, viewer.department) {
        (Role::Admin, _) => f.department.clone(),
        (_, Some(d)) => d.code().to_string(),
        _ => String::new(),
    };
    if viewer.role != Role::Admin && !f.department.is_empty() && f.department != department {
        return Err(crate::Error::Forbidden(A::step_department_not_involved(workflow::department_arg(&f.department))));
    }
    let stance = Stance::parse(&f.stance).unwrap_or(Stance::Agree);
    take(state, ctx, viewer, id, Step::Opinion { department, stance, text: f.text }).await
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct DecideForm {
    pub decision: String,
    pub reasons: String,
}

pub async fn decide(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, Form(f): Form<DecideForm>) -> crate::Result<Response> {
    take(state, ctx, viewer, id, Step::Decide { approve: f.decision == "approve", reasons: f.reasons }).await
}

pub async fn publish(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Response> {
    take(state, ctx, viewer, id, Step::Publish).await
}

/// The dossier's section: the enterprise's projects.
pub async fn dossier_section(state: &State, lang: Lang, viewer: &Viewer, credit_code: &str) -> crate::Result<Markup> {
    if !viewer.can(Permission::ViewAdmission) {
        return Ok(html! {});
    }
    let rows = store::list(&state.db, &viewer.scope, &Filter { credit_code: Some(credit_code.to_string()), ..Default::default() }).await?;
    Ok(html! {
        @if !rows.is_empty() {
            div.panel #dossier-admission {
                h2 { (lang.label(A::page_dossier_title())) " (" (rows.len()) ")" }
                (table(lang, &rows, "dossier-projects"))
            }
        }
    })
}
