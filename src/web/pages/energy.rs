//! Energy pages (issue 18): `/energy` (the year at a glance, the benchmark list with sources),
//! `/energy/evaluation` (key energy users' dual-control evaluation, .xlsx), `/energy/enterprises/{id}`
//! (one enterprise: evaluation, equipment classes, targets, diagnoses and their forms),
//! `/energy/renovation[/{id}]` (the dynamic renovation list with progress, .xlsx),
//! `/energy/relocation` (candidates inside the configured area, map, .xlsx). All read through the
//! viewer's scope; writes need `ManagePlans` (the bureaus that assign targets).

use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{self, Section};
use crate::auth::{Permission, Viewer};
use crate::energy::library::{Status, LIBRARY};
use crate::energy::{fmt, fmt_opt, pct, Class, Grade, Outcome, Relocation};
use crate::i18n::catalogue::energy as msg;
use crate::i18n::Lang;
use crate::storage::energy::{self as stored, EnterpriseRow};
use crate::web::auth::Ctx;
use crate::web::State;

#[derive(Deserialize, Default)]
pub struct YearQuery {
    pub year: Option<String>,
    pub all: Option<String>,
}

async fn year_of(state: &State, viewer: &Viewer, q: &YearQuery) -> crate::Result<(i32, Vec<i32>)> {
    let years = stored::years(&state.db, &viewer.scope).await?;
    let year = match q.year.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => crate::inventory::parse_year(s).map_err(|_| crate::Error::Invalid(msg::year_invalid(s)))?,
        None => years.first().copied().unwrap_or_else(|| crate::monitoring::clock::date_of(time::OffsetDateTime::now_utc().unix_timestamp()).year() - 1),
    };
    Ok((year, years))
}

fn status_tag(lang: Lang, s: Status) -> Markup {
    let label = match s {
        Status::Verified => msg::status_verified(),
        Status::Secondary => msg::status_secondary(),
        Status::Unverified => msg::status_unverified(),
    };
    html! { span class=(format!("tag status-{}", s.code())) { (lang.t(&label)) } }
}

fn class_tag(lang: Lang, c: Class) -> Markup {
    html! { span class=(format!("tag energy-{}", c.code())) data-class=(c.code()) { (lang.t(&c.label())) } }
}

fn grade_text(lang: Lang, g: Option<Grade>) -> Markup {
    match g {
        Some(g) => html! { span class=(format!("tag grade-{}", g.code())) data-grade=(g.code()) { (lang.t(&g.label())) } },
        None => html! { span.muted data-grade="" { (lang.t(&msg::grade_none())) } },
    }
}

fn product_name(lang: Lang, code: &str) -> String {
    LIBRARY.product(code).map(|p| p.name(lang).to_string()).unwrap_or_else(|| code.to_string())
}

fn year_picker(lang: Lang, path: &str, year: i32, years: &[i32]) -> Markup {
    html! {
        form.inline method="get" action=(path) {
            label { (lang.t(&msg::col_year())) " "
                select name="year" { @for y in years { option value=(y) selected[*y == year] { (y) } } @if !years.contains(&year) { option value=(year) selected { (year) } } } }
            " " button type="submit" { (lang.t(&msg::show())) }
        }
    }
}

fn tabs(lang: Lang, year: i32) -> Markup {
    html! {
        p.tabs #energy-tabs {
            a href=(format!("/energy?year={year}")) { (lang.t(&msg::nav())) } " · "
            a href=(format!("/energy/evaluation?year={year}")) { (lang.t(&msg::evaluation_title())) } " · "
            a href=(format!("/energy/renovation?year={year}")) { (lang.t(&msg::renovation_title())) } " · "
            a href=(format!("/energy/relocation?year={year}")) { (lang.t(&msg::relocation_title())) }
        }
    }
}

/// `/energy`.
pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<YearQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let (year, years) = year_of(&state, &viewer, &q).await?;
    let rows = stored::overview(&state.db, &LIBRARY, &viewer.scope, year).await?;
    let keys: Vec<&EnterpriseRow> = rows.iter().filter(|e| e.evaluation.key_user).collect();
    let grade_count = |g: Option<Grade>| keys.iter().filter(|e| e.evaluation.grade == g).count();
    let recommended = keys.iter().filter(|e| !e.evaluation.diagnosis.is_empty()).count();
    let class_count = |c: Class| rows.iter().flat_map(|e| e.classified()).filter(|(_, a)| a.class == c).count();
    let candidates = rows.iter().filter(|e| e.relocation == Relocation::Candidate).count();
    let mut grade_bars: Vec<(String, i64, Option<String>)> = Grade::ALL.iter().map(|g| (lang.t(&g.label()), grade_count(Some(*g)) as i64, Some(format!("/energy/evaluation?year={year}&grade={}", g.code())))).collect();
    grade_bars.push((lang.t(&msg::grade_none()), grade_count(None) as i64, None));
    let class_bars: Vec<(String, i64, Option<String>)> = Class::ALL.iter().map(|c| (lang.t(&c.label()), class_count(*c) as i64, Some("/energy/renovation".to_string()))).collect();
    let s = &LIBRARY.settings;
    let body = html! {
        div.panel #energy-filters {
            (year_picker(lang, "/energy", year, &years))
            (tabs(lang, year))
        }
        div.cards #energy-cards {
            div.card data-card="key_users" { div.label { (lang.t(&msg::card_key_users())) } div.value data-v=(keys.len()) { (keys.len()) } }
            div.card data-card="diagnosis" { div.label { (lang.t(&msg::card_diagnosis())) } div.value data-v=(recommended) { (recommended) } }
            div.card data-card="below_baseline" { div.label { (lang.t(&Class::BelowBaseline.label())) } div.value data-v=(class_count(Class::BelowBaseline)) { (class_count(Class::BelowBaseline)) } }
            div.card data-card="relocation" { div.label { (lang.t(&msg::card_relocation())) } div.value data-v=(candidates) { (candidates) } }
        }
        div.panel #energy-grades {
            h2 { (lang.t(&msg::chart_grades(year))) }
            (crate::web::charts::bars(&grade_bars, &lang.t(&msg::chart_grades(year))))
            p.muted { (lang.t(&msg::grading_note(s.grading.exceeded_up_to * 100.0, s.grading.completed_up_to * 100.0, s.grading.basically_up_to * 100.0))) }
            p.muted { (lang.t(&msg::threshold_note(s.key_users.threshold_tce))) " " span.v.small { (s.key_users.threshold_source) } }
        }
        div.panel #energy-classes {
            h2 { (lang.t(&msg::chart_classes())) }
            (crate::web::charts::bars(&class_bars, &lang.t(&msg::chart_classes())))
        }
        div.panel #energy-benchmarks {
            h2 { (lang.t(&msg::benchmarks_title())) }
            p.muted { (lang.t(&msg::benchmarks_note())) }
            div.table-wrap { table {
                thead { tr { th { (lang.t(&msg::col_product())) } th { (lang.t(&msg::col_indicator())) } th { (lang.t(&msg::col_unit())) } th.num { (lang.t(&msg::col_benchmark())) } th.num { (lang.t(&msg::col_baseline())) } th { (lang.t(&msg::col_deadline())) } th { (lang.t(&msg::col_status())) } th { (lang.t(&msg::col_source())) } } }
                tbody { @for p in &LIBRARY.products {
                    tr data-product=(p.code) {
                        td { span.v { (p.name(lang)) } } td { span.v { (match lang { Lang::Zh => &p.indicator_zh, Lang::En => &p.indicator_en }) } } td { code { (p.unit) } }
                        td.num data-v=(fmt(p.benchmark)) { (fmt(p.benchmark)) } td.num data-v=(fmt(p.baseline)) { (fmt(p.baseline)) } td data-v=(p.deadline) { (p.deadline) }
                        td { (status_tag(lang, p.status)) } td.small { span.v { (p.source) } " " code { (p.origin()) } }
                    }
                } }
            } }
        }
    };
    Ok(layout::page(&ctx, Section::Energy, &lang.t(&msg::page_title()), body))
}

#[derive(Deserialize, Default)]
pub struct EvalQuery {
    pub year: Option<String>,
    pub all: Option<String>,
    pub grade: Option<String>,
}

fn eval_rows<'a>(rows: &'a [EnterpriseRow], q: &EvalQuery) -> Vec<&'a EnterpriseRow> {
    let all = q.all.as_deref() == Some("1");
    let grade = q.grade.as_deref().filter(|g| !g.is_empty());
    let mut out: Vec<&EnterpriseRow> = rows
        .iter()
        .filter(|e| if all { e.evaluation.energy_tce.is_some() } else { e.evaluation.key_user })
        .filter(|e| grade.is_none_or(|g| e.evaluation.grade.map(Grade::code) == Some(g)))
        .collect();
    out.sort_by(|a, b| b.evaluation.energy_tce.unwrap_or(0.0).total_cmp(&a.evaluation.energy_tce.unwrap_or(0.0)).then(a.id.cmp(&b.id)));
    out
}

/// `/energy/evaluation`.
pub async fn evaluation(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<EvalQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let yq = YearQuery { year: q.year.clone(), all: None };
    let (year, years) = year_of(&state, &viewer, &yq).await?;
    let rows = stored::overview(&state.db, &LIBRARY, &viewer.scope, year).await?;
    let list = eval_rows(&rows, &q);
    let all = q.all.as_deref() == Some("1");
    let names = crate::storage::ledger::full_names(&state.db, list.iter().map(|e| e.division_code.as_str())).await?;
    let body = html! {
        div.panel #energy-evaluation-filters {
            (year_picker(lang, "/energy/evaluation", year, &years))
            (tabs(lang, year))
            p {
                @if all { a href=(format!("/energy/evaluation?year={year}")) { (lang.t(&msg::only_key_users())) } }
                @else { a #energy-all href=(format!("/energy/evaluation?year={year}&all=1")) { (lang.t(&msg::all_enterprises())) } }
                " " a.button.secondary #energy-evaluation-export href=(format!("/energy/evaluation.xlsx?year={year}{}", if all { "&all=1" } else { "" })) { (lang.t(&msg::export())) }
            }
            p.muted { (lang.t(&msg::threshold_note(LIBRARY.settings.key_users.threshold_tce))) " " span.v.small { (LIBRARY.settings.key_users.threshold_source) } }
            p.muted { (lang.t(&msg::method_note())) }
        }
        div.panel {
            h2 { (lang.t(&msg::evaluation_heading(year, list.len() as i64))) }
            @if list.is_empty() { p #energy-evaluation-empty { (lang.t(&msg::evaluation_empty(year))) } }
            @else {
            div.table-wrap { table #energy-evaluation {
                thead { tr {
                    th { (lang.t(&msg::col_enterprise())) } th { (lang.t(&msg::col_district())) } th.num { (lang.t(&msg::col_energy())) } th { (lang.t(&msg::col_energy_source())) }
                    th.num { (lang.t(&msg::col_intensity())) } th.num { (lang.t(&msg::col_target_total())) } th.num { (lang.t(&msg::col_target_intensity())) }
                    th.num { (lang.t(&msg::col_ratio())) } th { (lang.t(&msg::col_grade())) } th { (lang.t(&msg::col_diagnosis())) }
                } }
                tbody { @for e in &list {
                    @let v = &e.evaluation;
                    tr data-code=(e.credit_code) {
                        td { a href=(format!("/energy/enterprises/{}?year={year}", e.id)) { span.v { (e.name) } } br; code.small { (e.credit_code) } }
                        td.small { span.v { (names.get(&e.division_code).cloned().unwrap_or_else(|| e.division_code.clone())) } }
                        td.num data-v=(fmt_opt(v.energy_tce)) { (fmt_opt(v.energy_tce)) }
                        td.small { @if let Some(s) = v.source { (lang.t(&s.label())) } }
                        td.num data-v=(fmt_opt(v.intensity)) { (fmt_opt(v.intensity)) }
                        td.num data-v=(fmt_opt(v.target_total_tce)) { (fmt_opt(v.target_total_tce)) }
                        td.num data-v=(fmt_opt(v.target_intensity)) { (fmt_opt(v.target_intensity)) }
                        @let worse = worse(v.intensity_ratio, v.total_ratio);
                        td.num data-v=(pct(worse)) { (pct(worse)) }
                        td { (grade_text(lang, v.grade)) }
                        td.small data-diagnosis=(if v.diagnosis.is_empty() { "no" } else { "yes" }) { @for m in &v.diagnosis { div { (m.markup(lang)) } } }
                    }
                } }
            } }
            }
        }
    };
    Ok(layout::page(&ctx, Section::Energy, &lang.t(&msg::evaluation_title()), body))
}

fn worse(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

fn xlsx(name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response()
}

fn sheet(title: &str, head: &[String], numeric: &[usize], rows: &[Vec<String>]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let s = book.add_worksheet();
    s.set_name(title)?;
    for (i, h) in head.iter().enumerate() {
        s.write_string_with_format(0, i as u16, h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            match v.parse::<f64>() {
                Ok(n) if numeric.contains(&c) && n.is_finite() => s.write_number((r + 1) as u32, c as u16, n)?,
                _ => s.write_string((r + 1) as u32, c as u16, crate::excel::csv_safe::cell(v).as_ref())?,
            };
        }
    }
    book.save_to_buffer()
}

async fn exported(state: &State, viewer: &Viewer, entity: &str, id: String, rows: usize) -> crate::Result<()> {
    crate::storage::audit::record(
        &state.db,
        &viewer.actor(),
        crate::storage::audit::NewEntry { action: "export", entity, entity_id: id, enterprise_id: None, before: None, after: Some(serde_json::json!({ "rows": rows })) },
    )
    .await?;
    Ok(())
}

/// `/energy/evaluation.xlsx`: what the list shows.
pub async fn evaluation_xlsx(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<EvalQuery>) -> crate::Result<Response> {
    let lang = ctx.lang;
    let (year, _) = year_of(&state, &viewer, &YearQuery { year: q.year.clone(), all: None }).await?;
    let rows = stored::overview(&state.db, &LIBRARY, &viewer.scope, year).await?;
    let list = eval_rows(&rows, &q);
    let t = |m: crate::i18n::Msg| lang.t(&m);
    let head = vec![
        t(msg::col_year()), t(msg::col_credit_code()), t(msg::col_enterprise()), t(msg::col_district()), t(msg::col_energy()), t(msg::col_energy_source()),
        t(msg::col_value_added()), t(msg::col_intensity()), t(msg::col_target_total()), t(msg::col_target_intensity()), t(msg::col_ratio_total()), t(msg::col_ratio_intensity()),
        t(msg::col_grade()), t(msg::col_diagnosis()),
    ];
    let data: Vec<Vec<String>> = list
        .iter()
        .map(|e| {
            let v = &e.evaluation;
            vec![
                year.to_string(), e.credit_code.clone(), e.name.clone(), e.division_code.clone(), fmt_opt(v.energy_tce), v.source.map(|s| lang.t(&s.label())).unwrap_or_default(),
                fmt_opt(v.value_added_10k_yuan), fmt_opt(v.intensity), fmt_opt(v.target_total_tce), fmt_opt(v.target_intensity), pct(v.total_ratio), pct(v.intensity_ratio),
                v.grade.map(|g| lang.t(&g.label())).unwrap_or_else(|| lang.t(&msg::grade_none())), v.diagnosis.iter().map(|m| lang.t(m)).collect::<Vec<_>>().join("；"),
            ]
        })
        .collect();
    let bytes = sheet(&lang.t(&msg::xlsx_evaluation()), &head, &[0, 4, 6, 7, 8, 9], &data).map_err(|e| crate::Error::Other(crate::i18n::untranslated(e.to_string())))?;
    exported(&state, &viewer, "energy_evaluation", year.to_string(), data.len()).await?;
    Ok(xlsx(&format!("energy-evaluation-{year}.xlsx"), bytes))
}

/// `/energy/enterprises/{id}`.
pub async fn enterprise(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, Query(q): Query<YearQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let dossier = crate::storage::ledger::dossier(&state.db, &viewer.scope, id).await?;
    let code = dossier.enterprise.record.credit_code.clone();
    let (year, years) = year_of(&state, &viewer, &q).await?;
    let one = crate::auth::Scope::Enterprise(code.clone());
    let rows = stored::overview(&state.db, &LIBRARY, &one, year).await?;
    // A closed enterprise is left out of the evaluation: its equipment alone, no figures.
    let e = match rows.into_iter().next() {
        Some(e) => e,
        None => EnterpriseRow { credit_code: code.clone(), name: dossier.enterprise.record.name.clone(), ..from_ledger(id, &dossier.equipment) },
    };
    let diagnoses = stored::diagnoses(&state.db, &viewer.scope, Some(&code)).await?;
    let manage = viewer.can(Permission::ManagePlans);
    let v = &e.evaluation;
    let body = html! {
        div.panel #energy-enterprise {
            p { a href=(format!("/enterprises/{id}")) { span.v { (e.name) } } " " code { (code) } " · " span.v { (dossier.industry_name) } }
            (year_picker(lang, &format!("/energy/enterprises/{id}"), year, &years))
            (tabs(lang, year))
        }
        div.panel #energy-enterprise-evaluation {
            h2 { (lang.t(&msg::enterprise_evaluation(year))) }
            dl.facts {
                dt { (lang.t(&msg::col_energy())) } dd data-v=(fmt_opt(v.energy_tce)) { (fmt_opt(v.energy_tce)) " " @if let Some(s) = v.source { span.muted { (lang.t(&s.label())) } } }
                dt { (lang.t(&msg::col_reported())) } dd data-v=(fmt_opt(v.reported_tce)) { (fmt_opt(v.reported_tce)) }
                dt { (lang.t(&msg::col_value_added())) } dd data-v=(fmt_opt(v.value_added_10k_yuan)) { (fmt_opt(v.value_added_10k_yuan)) }
                dt { (lang.t(&msg::col_intensity())) } dd #energy-intensity data-v=(fmt_opt(v.intensity)) { (fmt_opt(v.intensity)) }
                dt { (lang.t(&msg::col_target_total())) } dd data-v=(fmt_opt(v.target_total_tce)) { (fmt_opt(v.target_total_tce)) " " span.muted { (pct(v.total_ratio)) } }
                dt { (lang.t(&msg::col_target_intensity())) } dd data-v=(fmt_opt(v.target_intensity)) { (fmt_opt(v.target_intensity)) " " span.muted { (pct(v.intensity_ratio)) } }
                dt { (lang.t(&msg::col_grade())) } dd #energy-grade { (grade_text(lang, v.grade)) }
                dt { (lang.t(&msg::col_key_user())) } dd data-key-user=(v.key_user) { (lang.t(&if v.key_user { msg::yes() } else { msg::no() })) }
            }
            @for m in &v.notes { p.muted { (m.markup(lang)) } }
            @for m in &e.ignored { p.bad { (m.markup(lang)) } }
            @if !v.diagnosis.is_empty() {
                h3 { (lang.t(&msg::diagnosis_recommended())) }
                ul #energy-diagnosis-reasons { @for m in &v.diagnosis { li { (m.markup(lang)) } } }
            }
        }
        div.panel #energy-enterprise-equipment {
            h2 { (lang.t(&msg::equipment_title())) }
            (equipment_table(lang, &e))
        }
        div.panel #energy-diagnoses {
            h2 { (lang.t(&msg::diagnoses_title())) }
            @if diagnoses.is_empty() { p.muted { (lang.t(&msg::diagnoses_none())) } }
            @for d in &diagnoses {
                div.diagnosis data-id=(d.id) {
                    p { strong data-v=(d.diagnosed_on) { (d.diagnosed_on) } " · " span.v { (d.agency) } " · " (lang.t(&msg::col_year())) " " span.v { (d.year) } }
                    p { (lang.t(&msg::col_findings())) ": " span.v { (d.findings) } }
                    p { (lang.t(&msg::col_follow_up())) ": " span.v { (d.follow_up) } }
                    p.muted.small { span.v { (d.recorded_by) } " · " span.v { (crate::storage::display_time(&d.recorded_at)) } }
                }
            }
            @if manage {
                form.stack #energy-diagnosis-form method="post" action="/energy/diagnoses" {
                    (layout::csrf_field(&ctx))
                    input type="hidden" name="credit_code" value=(code);
                    input type="hidden" name="enterprise_id" value=(id);
                    label { (lang.t(&msg::col_year())) " " input type="number" name="year" value=(year) required; }
                    label { (lang.t(&msg::col_date())) " " input type="date" name="diagnosed_on" required; }
                    label { (lang.t(&msg::col_agency())) " " input type="text" name="agency" required; }
                    label { (lang.t(&msg::col_findings())) " " textarea name="findings" rows="3" required {} }
                    label { (lang.t(&msg::col_follow_up())) " " textarea name="follow_up" rows="2" required {} }
                    button type="submit" { (lang.t(&msg::record_diagnosis())) }
                }
            }
        }
        @if manage {
            div.panel #energy-target {
                h2 { (lang.t(&msg::target_title(year))) }
                form.stack #energy-target-form method="post" action="/energy/targets" {
                    (layout::csrf_field(&ctx))
                    input type="hidden" name="credit_code" value=(code);
                    input type="hidden" name="enterprise_id" value=(id);
                    input type="hidden" name="year" value=(year);
                    label { (lang.t(&msg::col_target_total())) " " input type="text" inputmode="decimal" name="total_tce" value=(fmt_opt(v.target_total_tce)); }
                    label { (lang.t(&msg::col_target_intensity())) " " input type="text" inputmode="decimal" name="intensity" value=(fmt_opt(v.target_intensity)); }
                    label { (lang.t(&msg::col_target_source())) " " input type="text" name="source"; }
                    button type="submit" { (lang.t(&msg::save_target())) }
                }
            }
        }
    };
    Ok(layout::page(&ctx, Section::Energy, &lang.t(&msg::enterprise_title()), body))
}

/// The equipment of an enterprise with its class or the reason it has none (also the dossier's).
pub fn equipment_table(lang: Lang, e: &EnterpriseRow) -> Markup {
    let shown: Vec<_> = e.equipment.iter().filter(|q| !matches!(q.outcome, Outcome::NotConcerned)).collect();
    html! {
        @if shown.is_empty() { p.muted { (lang.t(&msg::equipment_none())) } }
        @else {
        div.table-wrap { table.energy-equipment {
            thead { tr { th { (lang.t(&msg::col_equipment())) } th { (lang.t(&msg::col_product())) } th.num { (lang.t(&msg::col_specific_energy())) } th.num { (lang.t(&msg::col_benchmark())) } th.num { (lang.t(&msg::col_baseline())) } th { (lang.t(&msg::col_class())) } } }
            tbody { @for q in &shown {
                tr data-equipment=(q.name) {
                    td { span.v { (q.name) } br; span.small.v { (crate::ledger::codes::EQUIPMENT_KINDS.name(&q.kind, lang)) } }
                    @match &q.outcome {
                        Outcome::Classified(a) => {
                            td { span.v { (product_name(lang, &a.product)) } }
                            td.num data-v=(fmt(a.value)) { (fmt(a.value)) " " code.small { (a.unit) } }
                            td.num data-v=(fmt(a.benchmark)) { (fmt(a.benchmark)) } td.num data-v=(fmt(a.baseline)) { (fmt(a.baseline)) }
                            td { (class_tag(lang, a.class)) @if a.class == Class::BelowBaseline { br; span.small { (lang.t(&msg::deadline_note())) " " span.v { (a.deadline) } } } }
                        }
                        Outcome::Unclassified(m) => {
                            td colspan="4" data-v=(q.specific_energy.map(fmt).unwrap_or_default()) { span.v { (q.specific_energy.map(fmt).unwrap_or_default()) " " (q.specific_energy_unit) } }
                            td.bad data-class="" { (m.markup(lang)) }
                        }
                        Outcome::NotConcerned => {}
                    }
                }
            } }
        } }
        }
    }
}

fn parse_opt(field: &str, v: &str) -> crate::Result<Option<f64>> {
    let t = v.trim().replace(',', "");
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(n) if n.is_finite() && n > 0.0 => Ok(Some(n)),
        _ => Err(crate::Error::Invalid(msg::target_bad_number(field, v))),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TargetForm {
    pub credit_code: String,
    pub enterprise_id: String,
    pub year: String,
    pub total_tce: String,
    pub intensity: String,
    pub source: String,
}

/// `POST /energy/targets`.
pub async fn set_target(state: State, viewer: Viewer, Form(f): Form<TargetForm>) -> crate::Result<Response> {
    let year = crate::inventory::parse_year(&f.year).map_err(|_| crate::Error::Invalid(msg::year_invalid(&f.year)))?;
    let t = stored::Target {
        credit_code: f.credit_code.trim().to_uppercase(),
        year,
        total_tce: parse_opt("能耗总量目标(tce)", &f.total_tce)?,
        intensity: parse_opt("单位增加值能耗目标(tce/万元)", &f.intensity)?,
        source: f.source.trim().to_string(),
    };
    stored::check_target(&t).map_err(crate::Error::Invalid)?;
    stored::set_targets(&state.db, &viewer.actor(), &viewer.scope, &[t]).await?;
    Ok(Redirect::to(&back(&f.enterprise_id, year)).into_response())
}

fn back(id: &str, year: i32) -> String {
    match id.trim().parse::<i64>() {
        Ok(id) => format!("/energy/enterprises/{id}?year={year}"),
        Err(_) => format!("/energy/evaluation?year={year}"),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DiagnosisForm {
    pub credit_code: String,
    pub enterprise_id: String,
    pub year: String,
    pub diagnosed_on: String,
    pub agency: String,
    pub findings: String,
    pub follow_up: String,
}

/// `POST /energy/diagnoses`.
pub async fn record_diagnosis(state: State, viewer: Viewer, Form(f): Form<DiagnosisForm>) -> crate::Result<Response> {
    let year = crate::inventory::parse_year(&f.year).map_err(|_| crate::Error::Invalid(msg::year_invalid(&f.year)))?;
    let d = stored::NewDiagnosis { credit_code: f.credit_code.trim().to_uppercase(), year, diagnosed_on: f.diagnosed_on, agency: f.agency, findings: f.findings, follow_up: f.follow_up };
    stored::record_diagnosis(&state.db, &viewer.actor(), &viewer.scope, &d).await?;
    Ok(Redirect::to(&back(&f.enterprise_id, year)).into_response())
}

#[derive(Deserialize, Default)]
pub struct RenovationQuery {
    pub year: Option<String>,
    pub left: Option<String>,
    pub class: Option<String>,
}

/// `/energy/renovation`.
pub async fn renovation(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<RenovationQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let (year, _) = year_of(&state, &viewer, &YearQuery { year: q.year.clone(), all: None }).await?;
    let with_left = q.left.as_deref() == Some("1");
    let only = q.class.as_deref().and_then(Class::parse);
    let items: Vec<_> = stored::renovation(&state.db, &viewer.scope, with_left).await?.into_iter().filter(|i| only.is_none_or(|c| i.class == c)).collect();
    let names = crate::storage::ledger::full_names(&state.db, items.iter().map(|i| i.division_code.as_str())).await?;
    let body = html! {
        div.panel #energy-renovation-filters {
            (tabs(lang, year))
            p.muted { (lang.t(&msg::renovation_note())) }
            p {
                a href="/energy/renovation" { (lang.t(&msg::all_classes())) } " · "
                a href="/energy/renovation?class=below_baseline" { (lang.t(&Class::BelowBaseline.label())) } " · "
                a href="/energy/renovation?class=between" { (lang.t(&Class::Between.label())) } " · "
                @if with_left { a href="/energy/renovation" { (lang.t(&msg::hide_left())) } } @else { a #energy-show-left href="/energy/renovation?left=1" { (lang.t(&msg::show_left())) } }
                " " a.button.secondary #energy-renovation-export href=(format!("/energy/renovation.xlsx{}", if with_left { "?left=1" } else { "" })) { (lang.t(&msg::export())) }
            }
            @if viewer.can(Permission::ManagePlans) {
                form.inline #energy-refresh method="post" action="/energy/renovation/refresh" {
                    (layout::csrf_field(&ctx))
                    input type="hidden" name="year" value=(year);
                    button type="submit" { (lang.t(&msg::refresh(year))) }
                }
            }
        }
        div.panel {
            h2 { (lang.t(&msg::renovation_heading(items.len() as i64))) }
            @if items.is_empty() { p #energy-renovation-empty { (lang.t(&msg::renovation_empty())) } }
            @else {
            div.table-wrap { table #energy-renovation {
                thead { tr { th { (lang.t(&msg::col_enterprise())) } th { (lang.t(&msg::col_equipment())) } th { (lang.t(&msg::col_product())) } th.num { (lang.t(&msg::col_specific_energy())) } th { (lang.t(&msg::col_class())) } th { (lang.t(&msg::col_deadline())) } th.num { (lang.t(&msg::col_progress())) } th { (lang.t(&msg::col_entered())) } } }
                tbody { @for i in &items {
                    tr data-id=(i.id) data-left=(i.left_at.is_some()) {
                        td { span.v { (i.name) } br; span.small.v { (names.get(&i.division_code).cloned().unwrap_or_else(|| i.division_code.clone())) } }
                        td { a href=(format!("/energy/renovation/{}", i.id)) { span.v { (i.equipment) } } }
                        td { span.v { (product_name(lang, &i.product)) } }
                        td.num data-v=(fmt(i.value)) { (fmt(i.value)) " " code.small { (i.unit) } }
                        td { (class_tag(lang, i.class)) @if let Some(l) = &i.left_at { br; span.small.muted { (lang.t(&msg::left_on())) " " span.v { (crate::storage::display_time(l)) } } } }
                        td data-v=(i.deadline) { @if i.class == Class::BelowBaseline { (i.deadline) } }
                        td.num data-v=(i.progress_pct) { progress max="100" value=(i.progress_pct) {} " " (i.progress_pct) "%" }
                        td.small data-v=(i.entered_at) { (crate::storage::display_time(&i.entered_at)) }
                    }
                } }
            } }
            }
        }
    };
    Ok(layout::page(&ctx, Section::Energy, &lang.t(&msg::renovation_title()), body))
}

/// `/energy/renovation.xlsx`.
pub async fn renovation_xlsx(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<RenovationQuery>) -> crate::Result<Response> {
    let lang = ctx.lang;
    let items = stored::renovation(&state.db, &viewer.scope, q.left.as_deref() == Some("1")).await?;
    let t = |m: crate::i18n::Msg| lang.t(&m);
    let head = vec![
        t(msg::col_credit_code()), t(msg::col_enterprise()), t(msg::col_equipment()), t(msg::col_product()), t(msg::col_specific_energy()), t(msg::col_unit()),
        t(msg::col_class()), t(msg::col_deadline()), t(msg::col_progress()), t(msg::col_progress_note()), t(msg::col_entered()), t(msg::left_on()), t(msg::col_left_reason()),
    ];
    let data: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            vec![
                i.credit_code.clone(), i.name.clone(), i.equipment.clone(), product_name(lang, &i.product), fmt(i.value), i.unit.clone(), lang.t(&i.class.label()), i.deadline.clone(),
                i.progress_pct.to_string(), i.progress_note.clone(), crate::storage::display_time(&i.entered_at), i.left_at.as_deref().map(crate::storage::display_time).unwrap_or_default(), i.left_reason.clone(),
            ]
        })
        .collect();
    let bytes = sheet(&lang.t(&msg::xlsx_renovation()), &head, &[4, 8], &data).map_err(|e| crate::Error::Other(crate::i18n::untranslated(e.to_string())))?;
    exported(&state, &viewer, "energy_renovation", "list".into(), data.len()).await?;
    Ok(xlsx("energy-renovation.xlsx", bytes))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RefreshForm {
    pub year: String,
}

/// `POST /energy/renovation/refresh`.
pub async fn refresh(state: State, viewer: Viewer, Form(f): Form<RefreshForm>) -> crate::Result<Response> {
    let (year, _) = year_of(&state, &viewer, &YearQuery { year: Some(f.year), all: None }).await?;
    stored::refresh(&state.db, &LIBRARY, &viewer.actor(), &viewer.scope, year).await?;
    Ok(Redirect::to("/energy/renovation").into_response())
}

/// `/energy/renovation/{id}`.
pub async fn item(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let (i, events) = stored::item(&state.db, &viewer.scope, id).await?;
    let body = html! {
        div.panel #energy-item {
            p { span.v { (i.name) } " " code { (i.credit_code) } }
            dl.facts {
                dt { (lang.t(&msg::col_equipment())) } dd { span.v { (i.equipment) } }
                dt { (lang.t(&msg::col_product())) } dd { span.v { (product_name(lang, &i.product)) } }
                dt { (lang.t(&msg::col_specific_energy())) } dd data-v=(fmt(i.value)) { (fmt(i.value)) " " code { (i.unit) } }
                dt { (lang.t(&msg::col_class())) } dd { (class_tag(lang, i.class)) }
                dt { (lang.t(&msg::col_deadline())) } dd data-v=(i.deadline) { (i.deadline) }
                dt { (lang.t(&msg::col_progress())) } dd #energy-item-progress data-v=(i.progress_pct) { progress max="100" value=(i.progress_pct) {} " " (i.progress_pct) "% " span.v { (i.progress_note) } }
                @if let Some(l) = &i.left_at { dt { (lang.t(&msg::left_on())) } dd { span.v { (crate::storage::display_time(l)) } " " span.v { (i.left_reason) } } }
            }
        }
        div.panel #energy-item-events {
            h2 { (lang.t(&msg::events_title())) }
            ul { @for e in &events { li data-kind=(e.kind) { span.v { (crate::storage::display_time(&e.at)) } " · " (lang.t(&event_label(&e.kind))) " · " span.v { (e.detail) } " · " span.v { (e.actor) } } } }
        }
        @if viewer.can(Permission::ManagePlans) && i.left_at.is_none() {
            div.panel {
                form.stack #energy-progress-form method="post" action=(format!("/energy/renovation/{id}/progress")) {
                    (layout::csrf_field(&ctx))
                    label { (lang.t(&msg::col_progress())) " " input type="number" name="pct" min="0" max="100" value=(i.progress_pct) required; }
                    label { (lang.t(&msg::col_progress_note())) " " textarea name="note" rows="2" required {} }
                    button type="submit" { (lang.t(&msg::save_progress())) }
                }
            }
        }
    };
    Ok(layout::page(&ctx, Section::Energy, &lang.t(&msg::item_title()), body))
}

fn event_label(kind: &str) -> crate::i18n::Msg {
    match kind {
        "entered" => msg::event_entered(),
        "left" => msg::event_left(),
        "reclassified" => msg::event_reclassified(),
        _ => msg::event_progress(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ProgressForm {
    pub pct: String,
    pub note: String,
}

/// `POST /energy/renovation/{id}/progress`.
pub async fn progress(state: State, viewer: Viewer, Path(id): Path<i64>, Form(f): Form<ProgressForm>) -> crate::Result<Response> {
    stored::progress(&state.db, &viewer.actor(), &viewer.scope, id, &f.pct, &f.note).await?;
    Ok(Redirect::to(&format!("/energy/renovation/{id}")).into_response())
}

fn relocation_rows(rows: &[EnterpriseRow]) -> Vec<&EnterpriseRow> {
    rows.iter().filter(|e| e.relocation != Relocation::No).collect()
}

/// `/energy/relocation`.
pub async fn relocation(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<YearQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let (year, _) = year_of(&state, &viewer, &q).await?;
    let rows = stored::overview(&state.db, &LIBRARY, &viewer.scope, year).await?;
    let list = relocation_rows(&rows);
    let points: Vec<(f64, f64, String)> = list
        .iter()
        .filter_map(|e| Some((e.longitude?, e.latitude?, if e.relocation == Relocation::Candidate { "closed".to_string() } else { "suspended".to_string() })))
        .collect();
    let legend_c = lang.t(&msg::relocation_candidate());
    let legend_u = lang.t(&msg::relocation_undecided());
    let legend = [("closed", legend_c.as_str(), crate::web::charts::status_color("closed")), ("suspended", legend_u.as_str(), crate::web::charts::status_color("suspended"))];
    let body = html! {
        div.panel #energy-relocation-filters {
            (tabs(lang, year))
            p.muted { (lang.t(&msg::relocation_note())) }
            p { a.button.secondary #energy-relocation-export href=(format!("/energy/relocation.xlsx?year={year}")) { (lang.t(&msg::export())) } }
        }
        div.panel #energy-relocation-map { (crate::web::charts::map(&points, &legend, &LIBRARY.area)) }
        div.panel {
            h2 { (lang.t(&msg::relocation_heading(list.iter().filter(|e| e.relocation == Relocation::Candidate).count() as i64))) }
            @if list.is_empty() { p #energy-relocation-empty { (lang.t(&msg::relocation_empty())) } }
            @else {
            div.table-wrap { table #energy-relocation {
                thead { tr { th { (lang.t(&msg::col_enterprise())) } th { (lang.t(&msg::col_env_grade())) } th { (lang.t(&msg::col_class())) } th { (lang.t(&msg::col_verdict())) } } }
                tbody { @for e in &list {
                    tr data-code=(e.credit_code) data-verdict=(if e.relocation == Relocation::Candidate { "candidate" } else { "undecided" }) {
                        td { a href=(format!("/energy/enterprises/{}?year={year}", e.id)) { span.v { (e.name) } } br; code.small { (e.credit_code) } }
                        td data-v=(e.env_grade) { span.v { (if e.env_grade.is_empty() { "—" } else { e.env_grade.as_str() }) } }
                        td { @for (q, a) in e.classified() { div { span.v.small { (q.name) } " " (class_tag(lang, a.class)) } } }
                        td { (lang.t(&if e.relocation == Relocation::Candidate { msg::relocation_candidate() } else { msg::relocation_undecided() })) }
                    }
                } }
            } }
            }
        }
    };
    Ok(layout::page(&ctx, Section::Energy, &lang.t(&msg::relocation_title()), body))
}

/// `/energy/relocation.xlsx`.
pub async fn relocation_xlsx(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<YearQuery>) -> crate::Result<Response> {
    let lang = ctx.lang;
    let (year, _) = year_of(&state, &viewer, &q).await?;
    let rows = stored::overview(&state.db, &LIBRARY, &viewer.scope, year).await?;
    let list = relocation_rows(&rows);
    let t = |m: crate::i18n::Msg| lang.t(&m);
    let head = vec![t(msg::col_credit_code()), t(msg::col_enterprise()), t(msg::col_district()), t(msg::col_env_grade()), t(msg::col_class()), t(msg::col_verdict())];
    let data: Vec<Vec<String>> = list
        .iter()
        .map(|e| {
            vec![
                e.credit_code.clone(), e.name.clone(), e.division_code.clone(), e.env_grade.clone(),
                e.classified().map(|(q, a)| format!("{} {}", q.name, lang.t(&a.class.label()))).collect::<Vec<_>>().join("；"),
                t(if e.relocation == Relocation::Candidate { msg::relocation_candidate() } else { msg::relocation_undecided() }),
            ]
        })
        .collect();
    let bytes = sheet(&lang.t(&msg::xlsx_relocation()), &head, &[], &data).map_err(|e| crate::Error::Other(crate::i18n::untranslated(e.to_string())))?;
    exported(&state, &viewer, "energy_relocation", year.to_string(), data.len()).await?;
    Ok(xlsx(&format!("energy-relocation-{year}.xlsx"), bytes))
}

/// The dossier's section: each line or piece of equipment against the benchmark and baseline
/// (classified from the ledger alone), with a link to the evaluation for those who may read it.
pub fn dossier_section(lang: Lang, viewer: &Viewer, id: i64, equipment: &[crate::ledger::model::Equipment]) -> Markup {
    let row = from_ledger(id, equipment);
    if row.equipment.iter().all(|q| matches!(q.outcome, Outcome::NotConcerned)) {
        return html! {};
    }
    html! {
        div.panel #energy-dossier {
            h2 { (lang.t(&msg::dossier_title())) }
            (equipment_table(lang, &row))
            @if viewer.can(Permission::ViewSynergy) { p { a href=(format!("/energy/enterprises/{id}")) { (lang.t(&msg::dossier_link())) } } }
        }
    }
}

/// An enterprise's row from its ledger equipment alone (no figures: a closed enterprise, the dossier).
fn from_ledger(id: i64, equipment: &[crate::ledger::model::Equipment]) -> EnterpriseRow {
    EnterpriseRow {
        id,
        credit_code: String::new(),
        name: String::new(),
        division_code: String::new(),
        industry: String::new(),
        env_grade: String::new(),
        longitude: None,
        latitude: None,
        evaluation: crate::energy::evaluate(&LIBRARY, &Default::default()),
        equipment: equipment
            .iter()
            .filter(|q| q.status != "closed")
            .map(|q| stored::EquipmentRow {
                name: q.name.clone(),
                kind: q.kind.clone(),
                process: q.process.clone(),
                capacity: q.capacity,
                capacity_unit: q.capacity_unit.clone(),
                specific_energy: q.specific_energy,
                specific_energy_unit: q.specific_energy_unit.clone(),
                outcome: crate::energy::classify(&LIBRARY, &q.kind, &q.process, q.capacity, q.specific_energy, &q.specific_energy_unit),
            })
            .collect(),
        relocation: Relocation::No,
        ignored: vec![],
    }
}
