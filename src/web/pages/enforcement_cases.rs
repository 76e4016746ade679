//! Enforcement cases (执法案件): `/enforcement/cases` — the list in scope with filters (division,
//! industry, state, basis, opening period, overdue), counts, a chart by state and the .xlsx
//! export — and `/enforcement/cases/{id}`: the facts and deadlines, the leads it rests on, its
//! steps, its documents, and only the forms the viewer may use (the next step, an upload).
//! Also the dossier's section (the enterprise's leads and cases).

use axum::extract::{Multipart, Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};

use super::layout::{self, Section};
use super::leads::{detector_label, status_label as lead_status, tabs, xlsx};
use crate::auth::{Permission, Viewer};
use crate::enforcement::case::{self, yuan, Action, DecisionKind, State as CaseState, StepKind};
use crate::enforcement::legal;
use crate::i18n::catalogue::enforcement_cases as C;
use crate::storage::cases::{format_day, parse_day};
use crate::storage::enforcement_cases::{self as store, Case, CaseFilter, DOCUMENT_KINDS};
use crate::web::auth::Ctx;
use crate::web::i18n::Lang;
use crate::web::State;

fn today() -> time::Date {
    crate::plans::due::today_beijing()
}

fn basis_title(code: &str, lang: Lang) -> String {
    legal::find(code).map(|b| lang.pick(&b.title_zh(), &b.title_en()).to_string()).unwrap_or_else(|| code.to_string())
}

fn decision_text(c: &Case, lang: Lang) -> String {
    match &c.facts.decision {
        None => "—".into(),
        Some(d) => match d.penalty_yuan {
            Some(a) => format!("{} {}", lang.t(&d.kind.label()), lang.t(&C::amount_yuan(yuan(a)))),
            None => lang.t(&d.kind.label()),
        },
    }
}

/// The label of an event's action (a step, the opening, a lead joining, a document).
pub fn action_label(action: &str, lang: Lang) -> String {
    match action {
        "open" => lang.t(&C::step_open()),
        "lead_joined" => lang.t(&C::step_lead_joined()),
        "document" => lang.t(&C::step_document()),
        other => StepKind::parse(other).map(|k| lang.t(&k.label())).unwrap_or_else(|| other.to_string()),
    }
}

fn state_label(code: &str, lang: Lang) -> String {
    CaseState::parse(code).map(|s| lang.t(&s.label())).unwrap_or_else(|| if code.is_empty() { "—".into() } else { code.to_string() })
}

fn query_string(f: &CaseFilter, with: &[(&str, &str)]) -> String {
    let mut pairs: Vec<(&str, String)> = [
        ("division", &f.division),
        ("industry", &f.industry),
        ("state", &f.state),
        ("basis", &f.basis),
        ("overdue", &f.overdue),
        ("from", &f.from),
        ("to", &f.to),
        ("q", &f.credit_code),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_deref().filter(|s| !s.trim().is_empty()).map(|v| (k, v.to_string())))
    .filter(|(k, _)| !with.iter().any(|(w, _)| w == k))
    .collect();
    pairs.extend(with.iter().map(|(k, v)| (*k, v.to_string())));
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
pub struct ListQuery {
    #[serde(flatten)]
    pub filter: CaseFilter,
    pub q: Option<String>,
}

fn filter_of(q: &ListQuery) -> CaseFilter {
    let mut f = q.filter.clone();
    if let Some(code) = q.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        f.credit_code = Some(code.to_string());
    }
    f
}

fn overdue_cell(c: &Case, lang: Lang) -> Markup {
    html! { @if let Some(o) = c.overdue(today()) { span.bad.overdue title=(lang.t(&o.msg())) { (lang.t(&C::overdue_days(o.days()))) } } }
}

pub async fn list(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<ListQuery>, Query(params): Query<Vec<(String, String)>>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let f = filter_of(&q);
    let shown = store::cases(&state.db, &viewer.scope, &f, today()).await?;
    let pager = super::pager::Pager::new("/enforcement/cases", params, super::pager::PER_PAGE)
        .keeping(&["division", "industry", "state", "basis", "overdue", "from", "to", "q"])
        .with_total(shown.len() as u64);
    let overdue = shown.iter().filter(|c| c.overdue(today()).is_some()).count();
    let penalties: f64 = shown.iter().filter_map(|c| c.facts.decision.as_ref().and_then(|d| d.penalty_yuan)).sum();
    let bars: Vec<(String, i64, Option<String>)> = CaseState::ALL
        .iter()
        .map(|s| (lang.t(&s.label()), shown.iter().filter(|c| c.state() == *s).count() as i64, Some(format!("/enforcement/cases?{}", query_string(&f, &[("state", s.code())])))))
        .filter(|b| b.1 > 0)
        .collect();
    let divisions = crate::storage::ledger::divisions_in_use(&state.db).await?;
    let counties: Vec<_> = divisions.iter().filter(|d| d.level == "county" && (viewer.scope == crate::auth::Scope::All || viewer.scope.admits_division(&d.code))).collect();
    let body = html! {
        (tabs(lang, "/enforcement/cases"))
        @if overdue > 0 { p.bad #overdue-alert { (lang.t(&C::overdue_alert(overdue))) " " a href=(format!("/enforcement/cases?{}", query_string(&f, &[("overdue", "true")]))) { (lang.t(&C::show())) } } }
        form.filters #case-filters method="get" action="/enforcement/cases" {
            label { (lang.t(&C::col_division())) " " select name="division" {
                option value="" { (lang.t(&C::filter_any())) }
                @for d in &counties { option value=(d.code) selected[f.division.as_deref() == Some(d.code.as_str())] { (d.name) } }
            } } " "
            label { (lang.t(&C::col_industry())) " " input type="text" name="industry" value=(f.industry.clone().unwrap_or_default()) size="6"; } " "
            label { (lang.t(&C::col_state())) " " select name="state" {
                option value="" { (lang.t(&C::filter_any())) }
                @for s in CaseState::ALL { option value=(s.code()) selected[f.state.as_deref() == Some(s.code())] { (lang.t(&s.label())) } }
            } } " "
            label { (lang.t(&C::col_basis())) " " select name="basis" {
                option value="" { (lang.t(&C::filter_any())) }
                @for b in legal::bases() { option value=(b.code) selected[f.basis.as_deref() == Some(b.code.as_str())] { (basis_title(&b.code, lang)) } }
            } } " "
            label { (lang.t(&C::field_from())) " " input type="date" name="from" value=(f.from.clone().unwrap_or_default()); } " "
            label { (lang.t(&C::field_to())) " " input type="date" name="to" value=(f.to.clone().unwrap_or_default()); } " "
            label { input type="checkbox" name="overdue" value="true" checked[f.overdue.as_deref() == Some("true")]; " " (lang.t(&C::only_overdue())) } " "
            label { (lang.t(&C::search_credit_code())) " " input type="search" name="q" size="20"; } " "
            button type="submit" { (lang.t(&C::filter_apply())) } " "
            a.button.secondary href=(format!("/enforcement/cases/export.xlsx?{}", query_string(&f, &[]))) { (lang.t(&C::export_xlsx())) }
        }
        div.cards #case-counts {
            div.card { div.label { (lang.t(&C::count_cases())) } div.value #cases-total { (layout::thousands(shown.len() as i64)) } }
            div.card { div.label { (lang.t(&C::count_overdue())) } div.value #cases-overdue { (layout::thousands(overdue as i64)) } }
            div.card { div.label { (lang.t(&C::count_penalties())) } div.value { (yuan(penalties)) } }
        }
        @if !bars.is_empty() { div.panel { h3 { (lang.t(&C::chart_by_state())) } (crate::web::charts::bars(&bars, &lang.t(&C::chart_by_state()))) } }
        @if shown.is_empty() { p.muted #no-cases { (lang.t(&C::no_cases())) } } @else {
            div.panel { div.table-wrap { table #enforcement-cases {
                thead { tr {
                    th.num { "#" } th { (lang.t(&C::col_enterprise())) } th { (lang.t(&C::col_basis())) } th { (lang.t(&C::col_state())) }
                    th.num { (lang.t(&C::col_leads())) } th { (lang.t(&C::col_opened())) } th { (lang.t(&C::col_decision())) } th { (lang.t(&C::col_deadline())) }
                } }
                tbody { @for c in pager.slice(&shown) { tr data-case=(c.id) data-credit=(c.credit_code) {
                    td.num { a href=(format!("/enforcement/cases/{}", c.id)) { (c.id) } }
                    td { span.v { (c.enterprise_name) } br; code.small { (c.credit_code) } }
                    td.small { (basis_title(&c.facts.basis, lang)) }
                    td { (lang.t(&c.state().label())) }
                    td.num { (c.leads) }
                    td { span.v { (format_day(c.facts.opened_on)) } }
                    td { (decision_text(c, lang)) }
                    td { @if let Some(d) = &c.facts.decision { span.v { (format_day(d.rectify_by)) } " " } (overdue_cell(c, lang)) }
                } } }
            } }
            (pager.render(lang, "cases-pager")) }
        }
    };
    Ok(layout::page(&ctx, Section::Enforcement, &lang.t(&C::cases_title()), body))
}

pub async fn export(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<ListQuery>) -> crate::Result<Response> {
    let lang = ctx.lang;
    let f = filter_of(&q);
    let rows = store::cases(&state.db, &viewer.scope, &f, today()).await?;
    let bytes = workbook(&rows, lang).map_err(crate::Error::other)?;
    crate::storage::audit::record(
        &state.db,
        &viewer.actor(),
        crate::storage::audit::NewEntry {
            action: "export",
            entity: "enforcement_cases",
            entity_id: "enforcement-cases.xlsx".into(),
            enterprise_id: None,
            before: None,
            after: Some(serde_json::json!({ "rows": rows.len(), "query": query_string(&f, &[]) })),
        },
    )
    .await?;
    Ok(xlsx(bytes, "enforcement-cases.xlsx"))
}

fn workbook(rows: &[Case], lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.t(&C::cases_title()))?;
    let heads = [
        "#".to_string(),
        lang.t(&C::col_enterprise()),
        lang.t(&C::col_credit_code()),
        lang.t(&C::col_division()),
        lang.t(&C::col_industry()),
        lang.t(&C::col_basis()),
        lang.t(&C::col_state()),
        lang.t(&C::col_leads()),
        lang.t(&C::col_opened()),
        lang.t(&C::col_decision()),
        lang.t(&C::col_penalty()),
        lang.t(&C::col_deadline()),
        lang.t(&C::col_overdue()),
        lang.t(&C::col_closed()),
    ];
    for (i, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, i as u16, h, &bold)?;
    }
    for (r, c) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_number(r, 0, c.id as f64)?;
        sheet.write_string(r, 1, &c.enterprise_name)?;
        sheet.write_string(r, 2, &c.credit_code)?;
        sheet.write_string(r, 3, &c.division_code)?;
        sheet.write_string(r, 4, &c.industry_code)?;
        sheet.write_string(r, 5, basis_title(&c.facts.basis, lang))?;
        sheet.write_string(r, 6, lang.t(&c.state().label()))?;
        sheet.write_number(r, 7, c.leads as f64)?;
        sheet.write_string(r, 8, format_day(c.facts.opened_on))?;
        if let Some(d) = &c.facts.decision {
            sheet.write_string(r, 9, lang.t(&d.kind.label()))?;
            if let Some(a) = d.penalty_yuan {
                sheet.write_number(r, 10, a)?;
            }
            sheet.write_string(r, 11, format_day(d.rectify_by))?;
        }
        if let Some(o) = c.overdue(today()) {
            sheet.write_number(r, 12, o.days() as f64)?;
        }
        if let Some(d) = c.facts.closed_on {
            sheet.write_string(r, 13, format_day(d))?;
        }
    }
    sheet.autofit();
    book.save_to_buffer()
}

async fn case_or_404(state: &State, viewer: &Viewer, id: i64, what: &str) -> crate::Result<Case> {
    crate::web::auth::scoped_or_404(state, viewer, what, store::get(&state.db, &viewer.scope, id).await, store::case_exists(&state.db, id)).await
}

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Markup> {
    let c = case_or_404(&state, &viewer, id, &format!("GET /enforcement/cases/{id}")).await?;
    render(&state, &ctx, &viewer, &c, None).await
}

/// The form of the one step that moves the case on.
fn step_form(ctx: &Ctx, c: &Case, kind: StepKind) -> Markup {
    let lang = ctx.lang;
    let today_text = format_day(today());
    let basis = legal::find(&c.facts.basis);
    html! {
        form.step method="post" action=(format!("/enforcement/cases/{}/step", c.id)) data-step=(kind.code()) #step-form {
            (layout::csrf_field(ctx))
            input type="hidden" name="step" value=(kind.code());
            @match kind {
                StepKind::RecordStatement => {
                    p { label { (lang.t(&C::statement_label())) br; textarea name="statement" rows="3" cols="50" {} } }
                    p { label { input type="checkbox" name="waived" value="true"; " " (lang.t(&C::statement_waived())) } }
                }
                StepKind::Decide => {
                    p { label { (lang.t(&C::col_decision())) " " select name="decision" required {
                        option value="" { "—" }
                        option value=(DecisionKind::Rectify.code()) { (lang.t(&DecisionKind::Rectify.label())) }
                        option value=(DecisionKind::Penalty.code()) { (lang.t(&DecisionKind::Penalty.label())) }
                    } } }
                    p { label { (lang.t(&C::col_penalty())) " " input type="number" name="penalty_yuan" min=[basis.map(|b| b.fine_min_yuan)] max=[basis.map(|b| b.fine_max_yuan)] step="1"; }
                        @if let Some(b) = basis { " " span.muted.small #fine-range { (lang.t(&C::fine_range(yuan(b.fine_min_yuan), yuan(b.fine_max_yuan)))) } } }
                    p { label { (lang.t(&C::field_rectify_by())) " " input type="date" name="rectify_by" min=(today_text) required; } }
                }
                _ => {}
            }
            p { label { (lang.t(&C::field_step_on())) " " input type="date" name="on" value=(today_text) max=(today_text); } " "
                label { (lang.t(&C::note_label())) " " input type="text" name="note" size="30"; } }
            button type="submit" { (lang.t(&kind.label())) }
        }
    }
}

fn document_kind_label(kind: &str, lang: Lang) -> String {
    crate::i18n::label("enforcement_cases.document_kind", kind, lang)
}

fn event_detail(e: &store::Event, lang: Lang) -> String {
    let d = &e.detail;
    let mut parts = Vec::new();
    let text = |k: &str| d[k].as_str().filter(|s| !s.is_empty()).map(str::to_string);
    if let Some(b) = text("basis").filter(|_| e.action == "open") {
        parts.push(basis_title(&b, lang));
    }
    if let Some(l) = d["lead"].as_i64() {
        parts.push(lang.t(&C::lead_title(l)));
    }
    if let Some(s) = text("statement") {
        parts.push(s);
    }
    if d["waived"].as_bool() == Some(true) {
        parts.push(lang.t(&C::statement_waived()));
    }
    if let Some(k) = text("decision").and_then(|k| DecisionKind::parse(&k)) {
        parts.push(lang.t(&k.label()));
    }
    if let Some(a) = d["penalty_yuan"].as_f64() {
        parts.push(lang.t(&C::amount_yuan(yuan(a))));
    }
    if let Some(r) = text("rectify_by") {
        parts.push(format!("{} {r}", lang.t(&C::field_rectify_by())));
    }
    if let Some(f) = text("file") {
        parts.push(format!("{} {f}", text("kind").map(|k| document_kind_label(&k, lang)).unwrap_or_default()));
    }
    if let Some(n) = text("note") {
        parts.push(n);
    }
    parts.join(" · ")
}

async fn render(state: &State, ctx: &Ctx, viewer: &Viewer, c: &Case, message: Option<String>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let events = store::events(&state.db, c.id).await?;
    let leads = store::case_leads(&state.db, c.id).await?;
    let documents = store::documents(&state.db, c.id).await?;
    let enterprise = crate::storage::ledger::enterprise_id_by_code(&state.db, &c.credit_code).await?;
    let manage = viewer.can(Permission::ManageEnforcement);
    let basis = legal::find(&c.facts.basis);
    let s = &*case::SETTINGS;
    let f = &c.facts;
    let body = html! {
        (tabs(lang, ""))
        @if let Some(m) = &message { div.bad #step-result { p { (m) } } }
        div.grid2 {
            div.panel #case-facts {
                dl.facts {
                    dt { (lang.t(&C::col_enterprise())) } dd { @match enterprise { Some(e) => a href=(format!("/enterprises/{e}")) { span.v { (c.enterprise_name) } }, None => span.v { (c.enterprise_name) } } " " code { (c.credit_code) } }
                    dt { (lang.t(&C::col_basis())) } dd #case-basis { (basis_title(&f.basis, lang))
                        @if let Some(b) = basis { br; span.small { (lang.pick(&b.summary_zh, &b.summary_en)) } br; span.muted.small { (lang.t(&C::fine_range(yuan(b.fine_min_yuan), yuan(b.fine_max_yuan)))) } } }
                    dt { (lang.t(&C::col_state())) } dd #case-state { strong { (lang.t(&c.state().label())) } " " (overdue_cell(c, lang)) }
                    dt { (lang.t(&C::col_opened())) } dd { span.v { (format_day(f.opened_on)) } " " span.muted.small { (lang.t(&C::decision_due(format_day(case::decision_due(f, s))))) } }
                    @if let Some(d) = f.notice_served_on { dt { (lang.t(&C::state_notice_served())) } dd { span.v { (format_day(d)) } " "
                        @if let Some(due) = case::statement_due(f, s) { span.muted.small { (lang.t(&C::statement_due(format_day(due)))) } }
                        @if case::statement_period_over(f, s, today()) { " " span.tag.warn #statement-over { (lang.t(&C::statement_period_over())) } } } }
                    @if let Some(d) = f.statement_on { dt { (lang.t(&C::statement_label())) } dd { span.v { (format_day(d)) } " "
                        @if f.statement_waived { (lang.t(&C::statement_waived())) } @else { span.v { (f.statement) } } } }
                    @if let Some(d) = &f.decision { dt { (lang.t(&C::col_decision())) } dd #case-decision { (decision_text(c, lang)) " · " span.v { (format_day(d.decided_on)) } " · "
                        (lang.t(&C::field_rectify_by())) " " span.v { (format_day(d.rectify_by)) } } }
                    @if let Some(d) = f.rectified_on { dt { (lang.t(&C::state_rectified())) } dd { span.v { (format_day(d)) } } }
                    @if let Some(d) = f.closed_on { dt { (lang.t(&C::state_closed())) } dd { span.v { (format_day(d)) } } }
                }
            }
            div.panel #case-actions {
                h2 { (lang.t(&C::actions_title())) }
                @match (manage, c.state().next_step()) {
                    (true, Some(kind)) => { (step_form(ctx, c, kind)) }
                    (_, None) => { p.muted { (lang.t(&C::case_is_closed())) } }
                    (false, Some(_)) => { p.muted { (lang.t(&C::read_only())) } }
                }
                h2 { (lang.t(&C::documents_title())) }
                ul #documents { @for d in &documents { li {
                    (document_kind_label(&d.kind, lang)) ": " a href=(format!("/enforcement/cases/{}/documents/{}", c.id, d.id)) { span.v { (d.file_name) } }
                    " · " span.muted.v { (crate::storage::display_time(&d.at)) " " (d.actor) }
                } } }
                @if manage && c.state() != CaseState::Closed {
                    form method="post" action=(format!("/enforcement/cases/{}/documents", c.id)) enctype="multipart/form-data" #document-upload {
                        (layout::csrf_field(ctx))
                        select name="kind" { @for k in DOCUMENT_KINDS { option value=(k) { (document_kind_label(k, lang)) } } }
                        " " input type="file" name="file" accept=".pdf,.jpg,.jpeg,.png,.docx,.ofd" required;
                        " " button type="submit" { (lang.t(&C::upload())) }
                    }
                }
            }
        }
        div.panel { h2 { (lang.t(&C::case_leads_title())) " (" (leads.len()) ")" } div.table-wrap { table #case-leads {
            thead { tr { th.num { "#" } th { (lang.t(&C::col_outlet())) } th { (lang.t(&C::col_detector())) } th { (lang.t(&C::col_period())) } th { (lang.t(&C::col_explanation())) } } }
            tbody { @for l in &leads { tr data-lead=(l.id) {
                td.num { a href=(format!("/enforcement/leads/{}", l.id)) { (l.id) } }
                td { span.v { (l.outlet_code) } } td { (detector_label(&l.detector, lang)) }
                td.small { span.v { (crate::monitoring::clock::format_minute(l.start)) " – " (crate::monitoring::clock::format_minute(l.end)) } }
                td.small { (l.explanation.markup(lang)) }
            } } }
        } } }
        div.panel { h2 { (lang.t(&C::events_title())) } div.table-wrap { table #case-events {
            thead { tr { th { (lang.t(&C::col_date())) } th { (lang.t(&C::col_actor())) } th { (lang.t(&C::col_step())) } th { (lang.t(&C::col_state())) } th { (lang.t(&C::col_detail())) } } }
            tbody { @for e in &events { tr data-action=(e.action) {
                td { span.v { (e.step_on) } } td { span.v { (e.actor) } } td { (action_label(&e.action, lang)) }
                td { (state_label(&e.from_state, lang)) " → " (state_label(&e.to_state, lang)) }
                td.small { span.v { (event_detail(e, lang)) } }
            } } }
        } } }
    };
    Ok(layout::page(ctx, Section::Enforcement, &lang.t(&C::case_title(c.id)), body))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct StepForm {
    pub step: String,
    pub statement: String,
    pub waived: String,
    pub decision: String,
    pub penalty_yuan: String,
    pub rectify_by: String,
    pub on: String,
    pub note: String,
}

/// The form as a step, or every problem with what was typed.
fn parse_step(f: &StepForm) -> Result<(Action, Option<time::Date>), case::Refusal> {
    let mut r = case::Refusal::default();
    let day = |v: &str, field: crate::i18n::Msg, r: &mut case::Refusal| match v.trim() {
        "" => None,
        s => parse_day(s).or_else(|| {
            r.push(C::not_a_date(field, s));
            None
        }),
    };
    let on = day(&f.on, C::field_step_on(), &mut r);
    let action = match StepKind::parse(f.step.trim()) {
        None => {
            r.push(C::unknown_step(f.step.trim()));
            None
        }
        Some(StepKind::ServeNotice) => Some(Action::ServeNotice),
        Some(StepKind::RecordStatement) => Some(Action::RecordStatement { text: f.statement.clone(), waived: f.waived == "true" }),
        Some(StepKind::Decide) => {
            let kind = match f.decision.trim() {
                "" => None,
                k => DecisionKind::parse(k).or_else(|| {
                    r.push(C::unknown_decision(k));
                    None
                }),
            };
            let penalty_yuan = match f.penalty_yuan.trim().replace([',', '，'], "").as_str() {
                "" => None,
                a => a.parse::<f64>().ok().or_else(|| {
                    r.push(C::not_an_amount(a));
                    None
                }),
            };
            let rectify_by = day(&f.rectify_by, C::field_rectify_by(), &mut r);
            Some(Action::Decide { kind, penalty_yuan, rectify_by })
        }
        Some(StepKind::ConfirmRectified) => Some(Action::ConfirmRectified),
        Some(StepKind::Close) => Some(Action::Close),
    };
    match action {
        Some(a) if r.is_empty() => Ok((a, on)),
        _ => Err(r),
    }
}

pub async fn step(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, Form(f): Form<StepForm>) -> crate::Result<Response> {
    let c = case_or_404(&state, &viewer, id, &format!("POST /enforcement/cases/{id}/step")).await?;
    let outcome = match parse_step(&f) {
        Err(r) => Err(crate::Error::from(r)),
        Ok((action, on)) => store::step(&state.db, &viewer.actor(), &viewer.scope, id, &action, on, &f.note, today()).await,
    };
    match outcome {
        Ok(_) => Ok(Redirect::to(&format!("/enforcement/cases/{id}")).into_response()),
        Err(e @ (crate::Error::Invalid(_) | crate::Error::Conflict(_))) => {
            let status = e.status();
            let c = store::get(&state.db, &viewer.scope, id).await.unwrap_or(c);
            Ok((status, render(&state, &ctx, &viewer, &c, Some(e.render(ctx.lang))).await?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn upload(state: State, viewer: Viewer, Path(id): Path<i64>, mut multipart: Multipart) -> crate::Result<Response> {
    case_or_404(&state, &viewer, id, &format!("POST /enforcement/cases/{id}/documents")).await?;
    let unreadable = |e: axum::extract::multipart::MultipartError| crate::Error::Invalid(C::upload_unreadable(e.body_text()));
    let (mut kind, mut file) = (String::new(), None);
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name() {
            Some("kind") => kind = field.text().await.map_err(unreadable)?,
            Some("file") => {
                let name = field.file_name().unwrap_or("document").to_string();
                file = Some((name, field.bytes().await.map_err(unreadable)?));
            }
            _ => {}
        }
    }
    let (name, bytes) = file.unwrap_or_default();
    let kind = if kind.trim().is_empty() { "other".to_string() } else { kind.trim().to_string() };
    store::add_document(&state.db, &viewer.actor(), &viewer.scope, id, &kind, &name, &bytes, today()).await?;
    Ok(Redirect::to(&format!("/enforcement/cases/{id}")).into_response())
}

pub async fn document(state: State, viewer: Viewer, Path((id, document)): Path<(i64, i64)>) -> crate::Result<Response> {
    let (name, content_type, bytes) = store::document(&state.db, &viewer.scope, id, document).await?;
    // Downloaded, never shown inline (a document is not a page of this site).
    let ascii: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
    let encoded: String = name.bytes().map(|b| if b.is_ascii_alphanumeric() || b".-_".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect();
    Ok((
        [(header::CONTENT_TYPE, content_type), (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"))],
        bytes,
    )
        .into_response())
}

/// The dossier's section: the enterprise's leads and enforcement cases (for those who read them).
pub async fn dossier_section(state: &State, lang: Lang, viewer: &Viewer, credit_code: &str) -> crate::Result<Markup> {
    if !viewer.can(Permission::ViewEnforcement) {
        return Ok(html! {});
    }
    let (leads, cases) = store::of_enterprise(&state.db, &viewer.scope, credit_code, today()).await?;
    Ok(html! {
        @if !cases.is_empty() {
            h2 { (lang.t(&C::cases_title())) " (" (cases.len()) ")" }
            div.table-wrap { table #dossier-enforcement-cases {
                thead { tr { th.num { "#" } th { (lang.t(&C::col_basis())) } th { (lang.t(&C::col_state())) } th.num { (lang.t(&C::col_leads())) } th { (lang.t(&C::col_opened())) } th { (lang.t(&C::col_decision())) } th { (lang.t(&C::col_deadline())) } } }
                tbody { @for c in &cases { tr data-case=(c.id) {
                    td.num { a href=(format!("/enforcement/cases/{}", c.id)) { (c.id) } }
                    td.small { (basis_title(&c.facts.basis, lang)) } td { (lang.t(&c.state().label())) } td.num { (c.leads) }
                    td { span.v { (format_day(c.facts.opened_on)) } } td { (decision_text(c, lang)) }
                    td { @if let Some(d) = &c.facts.decision { span.v { (format_day(d.rectify_by)) } " " } (overdue_cell(c, lang)) }
                } } }
            } }
        }
        @if !leads.is_empty() {
            h2 { (lang.t(&C::leads_title())) " (" (leads.len()) ")" }
            div.table-wrap { table #dossier-leads {
                thead { tr { th.num { "#" } th { (lang.t(&C::col_outlet())) } th { (lang.t(&C::col_detector())) } th { (lang.t(&C::col_period())) } th { (lang.t(&C::col_status())) } } }
                tbody { @for l in &leads { tr data-lead=(l.id) {
                    td.num { a href=(format!("/enforcement/leads/{}", l.id)) { (l.id) } }
                    td { span.v { (l.outlet_code) } } td { (detector_label(&l.detector, lang)) }
                    td.small { span.v { (crate::monitoring::clock::format_minute(l.start)) " – " (crate::monitoring::clock::format_minute(l.end)) } }
                    td { (lead_status(l.status, lang)) @if let Some(c) = l.case_id { " " a href=(format!("/enforcement/cases/{c}")) { (lang.t(&C::case_number(c))) } } }
                } } }
            } }
        }
    })
}
