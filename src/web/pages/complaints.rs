//! The officers' side of complaints (举报): the list (scoped by jurisdiction and bureau, with
//! overdue flags and the reward-procedure flag), the detail page with the next stage's forms,
//! merging a duplicate, the export (.xlsx, no identity), the inbox with its count in the
//! frame (an SVG badge, so it needs no script), and the Open311 keys page. The complainant's
//! identity is shown only on the detail page of the officer the complaint is assigned to.

use axum::extract::{Path, Query};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};

use super::complaints_public::{categories_label, district_name};
use super::layout::{self, csrf_field, Section};
use super::pager::Pager;
use crate::auth::{Permission, Viewer};
use crate::complaints::{deadlines, Action, NotAcceptedReason, Stage};
use crate::error::Error;
use crate::i18n::catalogue::complaints as m;
use crate::storage::complaints::{self as store, Complaint, Filter};
use crate::web::auth::Ctx;
use crate::web::i18n::Lang;
use crate::web::State;
use crate::i18n::catalogue as cat;

const MAX_EXPORT: i64 = 100_000;

#[derive(serde::Deserialize, Default, Clone)]
pub struct ListQuery {
    #[serde(default)]
    stage: String,
    #[serde(default)]
    overdue: String,
    #[serde(default)]
    reward: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    division: String,
}

fn filter_of(q: &ListQuery) -> Filter {
    Filter {
        stage: Stage::parse(&q.stage),
        overdue_on: (q.overdue == "1").then(|| deadlines::format_date(deadlines::today_beijing())),
        q: q.q.clone(),
        reward: q.reward == "1",
        division: q.division.clone(),
    }
}

fn bureau_label(code: &str, lang: Lang) -> String {
    crate::auth::Department::parse(code).map(|d| d.label(lang == Lang::Zh).to_string()).unwrap_or_else(|| code.to_string())
}

pub async fn list(state: State, ctx: Ctx, viewer: Viewer, Query(params): Query<Vec<(String, String)>>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    store::sweep_overdue(&state.db, deadlines::today_beijing()).await?;
    let q: ListQuery = serde_urlencoded::from_str(&serde_urlencoded::to_string(&params).unwrap_or_default()).unwrap_or_default();
    let f = filter_of(&q);
    let pager = Pager::new("/complaints", params, 50).keeping(&["stage", "overdue", "reward", "q", "division"]);
    let (rows, total) = store::list(&state.db, &viewer, &f, pager.offset() as i64, pager.per_page as i64).await?;
    let pager = pager.with_total(total as u64);
    let boundaries = store::district_names(&state.db).await?;
    let today = deadlines::today_beijing();
    let export_qs = serde_urlencoded::to_string([("stage", &q.stage), ("overdue", &q.overdue), ("reward", &q.reward), ("q", &q.q)]).unwrap_or_default();
    let body = html! {
        form.panel.filters method="get" action="/complaints" {
            label { (lang.label(cat::complaints::stage())) " "
                select name="stage" { option value="" { (lang.label(cat::inventory::all())) }
                    @for s in Stage::ALL { option value=(s.code()) selected[q.stage == s.code()] { (lang.t(&s.label())) } } } }
            " " label.check { input type="checkbox" name="overdue" value="1" checked[q.overdue == "1"]; " " (lang.label(cat::complaints::overdue_only())) }
            " " label.check { input type="checkbox" name="reward" value="1" checked[q.reward == "1"]; " " (lang.label(cat::complaints::real_name_reward_procedure())) }
            " " input type="search" name="q" value=(q.q) placeholder=(lang.label(cat::complaints::number_description_or_address()));
            " " button type="submit" { (lang.label(cat::enforcement_cases::filter_apply())) }
            " " a href=(format!("/complaints/export.xlsx?{export_qs}")) #complaints-export { (lang.label(cat::enforcement_cases::export_xlsx())) }
        }
        div.panel {
            h2 { (lang.label(cat::complaints::complaints())) " (" span.v #complaints-total { (total) } ")" }
            div.table-wrap { table #complaints-list {
                thead { tr {
                    th { (lang.label(cat::complaints::number())) } th { (lang.label(cat::common::type_label())) } th { (lang.label(cat::inventory::col_district())) }
                    th { (lang.label(cat::complaints::stage())) } th { (lang.label(cat::complaints::due())) } th { (lang.label(cat::complaints::officer())) } th { (lang.label(cat::complaints::filed())) }
                } }
                tbody { @for c in &rows { tr data-tracking=(c.tracking) {
                    td { a href=(format!("/complaints/{}", c.id)) { span.v { (c.tracking) } }
                        @if c.reward_flag { " " span.tag.warn { (lang.label(cat::complaints::real_name())) } }
                        @if c.supporters > 0 { " " span.tag { "+" span.v { (c.supporters) } } } }
                    td { (categories_label(c, lang)) }
                    td { span.v { (district_name(&boundaries, &c.division_code)) } }
                    td data-v=(c.stage) { (lang.t(&c.stage().label())) }
                    td { span.v { (c.due_on.clone().unwrap_or_default()) } @if c.overdue(today) { " " span.tag.bad.overdue { (lang.label(cat::complaints::overdue_3())) } } }
                    td { span.v { (c.handler) } }
                    td { span.v { (crate::storage::display_time(&c.received_at)) } }
                } } }
            } }
            (pager.render(lang, "complaints-pager"))
        }
    };
    Ok(layout::page(&ctx, Section::Complaints, lang.label(cat::common::complaints()), body))
}

async fn get_or_404(state: &State, viewer: &Viewer, id: i64) -> crate::Result<Complaint> {
    store::get(&state.db, viewer, id).await?.ok_or_else(|| Error::NotFound(m::not_found(&id.to_string())))
}

fn forms(ctx: &Ctx, viewer: &Viewer, c: &Complaint) -> Markup {
    let lang = ctx.lang;
    if !viewer.can(Permission::HandleComplaints) || !store::handles(viewer, c) {
        return html! {};
    }
    let action = format!("/complaints/{}/step", c.id);
    let stage = c.stage();
    let button = |code: &'static str, label: &str| html! { input type="hidden" name="action" value=(code); button type="submit" id=(format!("step-{code}")) { (label) } };
    html! {
        div.panel #complaint-actions {
            h2 { (lang.label(cat::complaints::handle())) }
            @match stage {
                Stage::Received => {
                    form method="post" action=(action) { (csrf_field(ctx)) (button("accept", lang.label(cat::complaints::accept()))) }
                    form method="post" action=(action) { (csrf_field(ctx))
                        label { (lang.label(cat::complaints::reason_for_not_accepting())) " "
                            select name="reason" { @for r in NotAcceptedReason::ALL { option value=(r.code()) { (lang.t(&r.label())) } } } }
                        " " input type="text" name="note" placeholder=(lang.label(cat::complaints::what_to_tell_the_complainant_e()));
                        " " (button("not_accept", lang.label(cat::complaints::do_not_accept()))) }
                }
                Stage::Accepted => {
                    form method="post" action=(action) { (csrf_field(ctx))
                        label { (lang.label(cat::complaints::handling_officer_account())) " " input type="text" name="handler" value=(viewer.username); }
                        " " (button("assign", lang.label(cat::complaints::assign()))) }
                }
                Stage::Assigned => {
                    form method="post" action=(action) { (csrf_field(ctx)) (button("investigate", lang.label(cat::complaints::start_the_investigation()))) }
                }
                Stage::UnderInvestigation => {
                    form method="post" action=(action) { (csrf_field(ctx))
                        label { (lang.label(cat::complaints::answer_published_on_closing())) textarea name="answer" id="answer-text" rows="4" {} }
                        (button("answer", lang.label(cat::complaints::answer()))) }
                    @if !c.extended {
                        form method="post" action=(action) { (csrf_field(ctx))
                            input type="text" name="reason" placeholder=(lang.label(cat::complaints::reason_for_the_extension()));
                            " " (button("extend", lang.label(cat::complaints::extend_by_30_days()))) }
                    }
                }
                Stage::Answered => {
                    form method="post" action=(action) { (csrf_field(ctx)) (button("close", lang.label(cat::complaints::close_and_publish_the_answer()))) }
                }
                _ => { p.muted { (lang.label(cat::complaints::nothing_more_to_do())) } }
            }
            @if !stage.is_final() && stage != Stage::Answered {
                form method="post" action=(action) #merge-form { (csrf_field(ctx))
                    label { (lang.label(cat::complaints::duplicate_of_another_report_merge_into())) " " input type="text" name="into" placeholder="JB…"; }
                    " " (button("merge", lang.label(cat::complaints::merge()))) }
            }
        }
    }
}

async fn render(state: &State, ctx: &Ctx, viewer: &Viewer, c: &Complaint, refusal: Option<String>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let boundaries = store::district_names(&state.db).await?;
    let events = store::events(&state.db, c.id).await?;
    let photos = store::photos(&state.db, c.id).await?;
    let identity = store::identity(&state.db, viewer, c).await?;
    let today = deadlines::today_beijing();
    let body = html! {
        @if let Some(r) = refusal { div.panel.error #step-refused { p { (r) } } }
        div.panel {
            dl.facts {
                dt { (lang.label(cat::complaints::number())) } dd { span.v #complaint-tracking { (c.tracking) } " " a href=(format!("/public/complaints/{}", c.tracking)) { (lang.label(cat::complaints::public_page())) } }
                dt { (lang.label(cat::complaints::stage())) } dd #complaint-stage data-v=(c.stage) { (lang.t(&c.stage().label())) }
                dt { (lang.label(cat::complaints::due())) } dd { span.v { (c.due_on.clone().unwrap_or_default()) } @if c.overdue(today) { " " span.tag.bad #complaint-overdue { (lang.label(cat::complaints::overdue_3())) } } @if c.extended { " " span.tag { (lang.label(cat::complaints::extended())) } } }
                dt { (lang.label(cat::common::type_label())) } dd { (categories_label(c, lang)) }
                dt { (lang.label(cat::complaints::district_bureau())) } dd { span.v { (district_name(&boundaries, &c.division_code)) } " / " (bureau_label(&c.bureau, lang)) }
                dt { (lang.label(cat::common::address())) } dd { span.v { (c.address) } @if let (Some(lon), Some(lat)) = (c.lon, c.lat) { " " span.v.muted { (format!("{lon:.5}, {lat:.5}")) } } }
                dt { (lang.label(cat::complaints::channel())) } dd { span.v { (c.channel) @if !c.partner.is_empty() { " · " (c.partner) } } }
                dt { (lang.label(cat::complaints::filed())) } dd { span.v { (crate::storage::display_time(&c.received_at)) } }
                dt { (lang.label(cat::complaints::officer())) } dd { span.v #complaint-handler { (c.handler) } }
                @if c.supporters > 0 { dt { (lang.label(cat::complaints::joined_by())) } dd { span.v { (c.supporters) } } }
                @if !c.merged_into.is_empty() { dt { (lang.label(cat::complaints::merged_into())) } dd { span.v { (c.merged_into) } } }
                dt { (lang.label(cat::complaints::real_name_report())) } dd #complaint-reward {
                    @if c.reward_flag { span.tag.warn { (lang.label(cat::complaints::yes_goes_to_the_reward_procedure())) } } @else { (lang.label(cat::tax::no())) } }
            }
            p { span.v { (c.description) } }
            @for p in &photos { a href=(format!("/complaints/{}/photos/{}", c.id, p.id)) { img.thumb src=(format!("/complaints/{}/photos/{}", c.id, p.id)) alt=(p.file_name) width="160"; } " " }
        }
        @if let Some(i) = identity {
            div.panel #complainant-identity {
                h2 { (lang.label(cat::complaints::complainant_confidential_only_you_as_handling())) }
                dl.facts {
                    dt { (lang.label(cat::common::name())) } dd { span.v { (i.name) } }
                    dt { (lang.label(cat::complaints::phone())) } dd { span.v { (i.phone) } }
                    dt { (lang.label(cat::complaints::e_mail())) } dd { span.v { (i.email) } }
                }
            }
        }
        @if !c.answer.is_empty() { div.panel #complaint-answer { h2 { (lang.label(cat::common::answer())) } p { span.v { (c.answer) } } @if c.published { span.tag.ok { (lang.label(cat::complaints::published())) } } } }
        (forms(ctx, viewer, c))
        div.panel { h2 { (lang.label(cat::enforcement_cases::events_title())) }
            table { tbody { @for e in &events { tr {
                td { span.v { (crate::storage::display_time(&e.at)) } } td { span.v { (e.action) } }
                td { (Stage::parse(&e.to_stage).map(|s| lang.t(&s.label())).unwrap_or_default()) } td { span.v { (e.actor) } } td { span.v { (e.note) } }
            } } } }
        }
        p { a href="/complaints" { (lang.label(cat::complaints::back_to_the_list())) } }
    };
    Ok(layout::page(ctx, Section::Complaints, &format!("{} {}", lang.label(cat::complaints::complaint()), c.tracking), body))
}

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Markup> {
    let c = get_or_404(&state, &viewer, id).await?;
    render(&state, &ctx, &viewer, &c, None).await
}

pub async fn step(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, axum::Form(form): axum::Form<Vec<(String, String)>>) -> crate::Result<Response> {
    let c = get_or_404(&state, &viewer, id).await?;
    let field = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let result = match Action::from_form(&field("action").unwrap_or_default(), field) {
        Ok(action) => store::apply(&state.db, &viewer, id, &action, deadlines::Settings::embedded()).await,
        Err(why) => Err(Error::Invalid(why)),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/complaints/{id}")).into_response()),
        Err(Error::Invalid(why)) => {
            let text = format!("{}{}", ctx.lang.label(cat::common::not_done()), ctx.lang.t(&why));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&state, &ctx, &viewer, &c, Some(text)).await?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn photo(state: State, viewer: Viewer, Path((id, photo)): Path<(i64, i64)>) -> crate::Result<Response> {
    let c = get_or_404(&state, &viewer, id).await?;
    let (ct, bytes) = store::photo(&state.db, c.id, photo).await?.ok_or_else(|| Error::NotFound(m::not_found(&format!("{id}/{photo}"))))?;
    Ok(([(header::CONTENT_TYPE, ct), (header::CACHE_CONTROL, "private, max-age=86400".to_string())], bytes).into_response())
}

fn workbook(rows: &[Complaint], boundaries: &super::complaints_public::Names, lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.label(cat::complaints::complaints()))?;
    let heads = [
        lang.label(cat::complaints::number()), lang.label(cat::complaints::filed()), lang.label(cat::common::type_label()), lang.label(cat::inventory::col_district()), lang.label(cat::common::address()),
        lang.label(cat::complaints::description()), lang.label(cat::complaints::bureau()), lang.label(cat::complaints::stage()), lang.label(cat::complaints::due()), lang.label(cat::complaints::overdue()),
        lang.label(cat::complaints::officer()), lang.label(cat::complaints::real_name_reward()), lang.label(cat::complaints::joined_by()), lang.label(cat::complaints::merged_into()),
        lang.label(cat::complaints::answer_published()), lang.label(cat::complaints::channel()),
    ];
    for (i, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, i as u16, *h, &bold)?;
    }
    let today = deadlines::today_beijing();
    let yes = |b: bool| if b { lang.label(cat::tax::yes()) } else { "" };
    for (r, c) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        let cells = [
            c.tracking.clone(), crate::storage::display_time(&c.received_at), categories_label(c, lang), district_name(boundaries, &c.division_code), c.address.clone(),
            c.description.clone(), bureau_label(&c.bureau, lang), lang.t(&c.stage().label()), c.due_on.clone().unwrap_or_default(), yes(c.overdue(today)).into(),
            c.handler.clone(), yes(c.reward_flag).into(), c.supporters.to_string(), c.merged_into.clone(), yes(c.published).into(), c.channel.clone(),
        ];
        for (i, v) in cells.iter().enumerate() {
            sheet.write_string(r, i as u16, crate::excel::csv_safe::cell(v).as_ref())?;
        }
    }
    book.save_to_buffer()
}

pub async fn export(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<ListQuery>) -> crate::Result<Response> {
    let (rows, _) = store::list(&state.db, &viewer, &filter_of(&q), 0, MAX_EXPORT).await?;
    let boundaries = store::district_names(&state.db).await?;
    let bytes = workbook(&rows, &boundaries, ctx.lang).map_err(crate::Error::other)?;
    crate::storage::audit::record(
        &state.db,
        &viewer.actor(),
        crate::storage::audit::NewEntry { action: "export", entity: "complaints", entity_id: "complaints.xlsx".into(), enterprise_id: None, before: None, after: Some(serde_json::json!({ "rows": rows.len() })) },
    )
    .await?;
    Ok(super::leads::xlsx(bytes, "complaints.xlsx"))
}

pub async fn inbox(state: State, ctx: Ctx, viewer: Viewer) -> crate::Result<Markup> {
    let lang = ctx.lang;
    store::sweep_overdue(&state.db, deadlines::today_beijing()).await?;
    let notices = store::inbox(&state.db, &viewer, 200).await?;
    if let Some(top) = notices.first() {
        store::mark_seen(&state.db, &viewer, top.id).await?;
    }
    let body = html! {
        div.panel {
            @if notices.is_empty() { p.muted { (lang.label(cat::complaints::no_notices())) } }
            ul #inbox-list {
                @for n in &notices {
                    li.(if n.unread { "unread" } else { "read" }) data-kind=(n.kind) {
                        @if n.unread { span.tag.warn { (lang.label(cat::enforcement::new_badge())) } " " }
                        a href=(n.link) { (lang.t(&n.message)) } " " span.muted.small { span.v { (crate::storage::display_time(&n.created_at)) } }
                    }
                }
            }
        }
    };
    Ok(layout::page(&ctx, Section::Complaints, lang.label(cat::common::inbox()), body))
}

/// The unread count as a small SVG (the frame shows it as an image: no script needed).
pub async fn inbox_count(state: State, viewer: Viewer) -> crate::Result<Response> {
    let n = store::unread(&state.db, &viewer).await?;
    let text = if n > 99 { "99+".to_string() } else { n.to_string() };
    let (fill, w) = if n == 0 { ("#9aa5b1", 18) } else { ("#b42318", 10 + 7 * text.len() as i32) };
    let svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="18" viewBox="0 0 {w} 18"><rect width="{w}" height="18" rx="9" fill="{fill}"/><text x="{}" y="13" font-size="12" font-family="sans-serif" fill="#fff" text-anchor="middle">{text}</text></svg>"##,
        w / 2
    );
    Ok(([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response())
}

pub async fn keys_page(state: State, ctx: Ctx) -> crate::Result<Markup> {
    keys_render(&state, &ctx, None).await
}

async fn keys_render(state: &State, ctx: &Ctx, issued: Option<(String, String)>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let keys = store::keys(&state.db).await?;
    let body = html! {
        @if let Some((name, key)) = issued {
            div.panel.ok #issued-key { p { (lang.label(cat::complaints::key_for())) span.v { (name) } (lang.label(cat::complaints::shown_this_once_only_hand_it())) } p { code #api-key { (key) } } }
        }
        div.panel {
            p { (lang.label(cat::complaints::partner_systems_interface_standard())) span.v { "Open311 GeoReport v2" } (lang.label(cat::complaints::close_paren_colon())) code { "/open311/v2/discovery.json" } }
            table { thead { tr { th { (lang.label(cat::complaints::partner_system())) } th { (lang.label(cat::complaints::issued_by())) } th { (lang.label(cat::complaints::issued())) } th { (lang.label(cat::complaints::revoked())) } } }
                tbody { @for k in &keys { tr { td { span.v { (k.name) } } td { span.v { (k.created_by) } } td { span.v { (crate::storage::display_time(&k.created_at)) } } td { span.v { (k.revoked_at.as_deref().map(crate::storage::display_time).unwrap_or_default()) } } } } } }
            form method="post" action="/admin/open311/keys" { (csrf_field(ctx))
                label { (lang.label(cat::complaints::partner_system_2())) " " input type="text" name="name" required; }
                " " button type="submit" { (lang.label(cat::complaints::issue_a_key())) } }
        }
    };
    Ok(layout::page(ctx, Section::Admin, lang.label(cat::complaints::open311_partner_keys()), body))
}

#[derive(serde::Deserialize)]
pub struct KeyForm {
    #[serde(default)]
    name: String,
}

pub async fn issue_key(state: State, ctx: Ctx, viewer: Viewer, axum::Form(f): axum::Form<KeyForm>) -> crate::Result<Response> {
    let key = store::issue_key(&state.db, &viewer.actor(), &f.name).await?;
    Ok(keys_render(&state, &ctx, Some((f.name.trim().to_string(), key))).await?.into_response())
}

/// Hand new notices to the e-mail gateway when one is configured (off by default).
pub fn mail_soon(state: &State) {
    let db = state.db.clone();
    tokio::spawn(async move {
        if let Err(e) = crate::web::mail::send_pending(&db).await {
            tracing::warn!(error = %e, "complaint notices: e-mail gateway failed");
        }
    });
}
