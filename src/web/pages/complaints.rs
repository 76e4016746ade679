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
}

fn filter_of(q: &ListQuery) -> Filter {
    Filter {
        stage: Stage::parse(&q.stage),
        overdue_on: (q.overdue == "1").then(|| deadlines::format_date(deadlines::today_beijing())),
        q: q.q.clone(),
        reward: q.reward == "1",
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
    let pager = Pager::new("/complaints", params, 50).keeping(&["stage", "overdue", "reward", "q"]);
    let (rows, total) = store::list(&state.db, &viewer, &f, pager.offset() as i64, pager.per_page as i64).await?;
    let pager = pager.with_total(total as u64);
    let boundaries = store::district_names(&state.db).await?;
    let today = deadlines::today_beijing();
    let export_qs = serde_urlencoded::to_string([("stage", &q.stage), ("overdue", &q.overdue), ("reward", &q.reward), ("q", &q.q)]).unwrap_or_default();
    let body = html! {
        form.panel.filters method="get" action="/complaints" {
            label { (lang.pick("环节", "Stage")) " "
                select name="stage" { option value="" { (lang.pick("全部", "all")) }
                    @for s in Stage::ALL { option value=(s.code()) selected[q.stage == s.code()] { (lang.t(&s.label())) } } } }
            " " label.check { input type="checkbox" name="overdue" value="1" checked[q.overdue == "1"]; " " (lang.pick("仅超期", "overdue only")) }
            " " label.check { input type="checkbox" name="reward" value="1" checked[q.reward == "1"]; " " (lang.pick("实名(奖励程序)", "real name (reward procedure)")) }
            " " input type="search" name="q" value=(q.q) placeholder=(lang.pick("编号、描述或地址", "number, description or address"));
            " " button type="submit" { (lang.pick("筛选", "Filter")) }
            " " a href=(format!("/complaints/export.xlsx?{export_qs}")) #complaints-export { (lang.pick("导出 Excel", "Export to Excel")) }
        }
        div.panel {
            h2 { (lang.pick("举报", "Complaints")) " (" span.v #complaints-total { (total) } ")" }
            div.table-wrap { table #complaints-list {
                thead { tr {
                    th { (lang.pick("编号", "Number")) } th { (lang.pick("类型", "Type")) } th { (lang.pick("区县", "District")) }
                    th { (lang.pick("环节", "Stage")) } th { (lang.pick("期限", "Due")) } th { (lang.pick("承办人", "Officer")) } th { (lang.pick("举报时间", "Filed")) }
                } }
                tbody { @for c in &rows { tr data-tracking=(c.tracking) {
                    td { a href=(format!("/complaints/{}", c.id)) { span.v { (c.tracking) } }
                        @if c.reward_flag { " " span.tag.warn { (lang.pick("实名", "real name")) } }
                        @if c.supporters > 0 { " " span.tag { "+" span.v { (c.supporters) } } } }
                    td { (categories_label(c, lang)) }
                    td { span.v { (district_name(&boundaries, &c.division_code)) } }
                    td data-v=(c.stage) { (lang.t(&c.stage().label())) }
                    td { span.v { (c.due_on.clone().unwrap_or_default()) } @if c.overdue(today) { " " span.tag.bad.overdue { (lang.pick("超期", "overdue")) } } }
                    td { span.v { (c.handler) } }
                    td { span.v { (crate::storage::display_time(&c.received_at)) } }
                } } }
            } }
            (pager.render(lang, "complaints-pager"))
        }
    };
    Ok(layout::page(&ctx, Section::Complaints, lang.pick("举报办理", "Complaints"), body))
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
            h2 { (lang.pick("办理", "Handle")) }
            @match stage {
                Stage::Received => {
                    form method="post" action=(action) { (csrf_field(ctx)) (button("accept", lang.pick("受理", "Accept"))) }
                    form method="post" action=(action) { (csrf_field(ctx))
                        label { (lang.pick("不予受理理由", "Reason for not accepting")) " "
                            select name="reason" { @for r in NotAcceptedReason::ALL { option value=(r.code()) { (lang.t(&r.label())) } } } }
                        " " input type="text" name="note" placeholder=(lang.pick("告知举报人的说明（如应向哪个部门反映）", "what to tell the complainant (e.g. where to go)"));
                        " " (button("not_accept", lang.pick("不予受理", "Do not accept"))) }
                }
                Stage::Accepted => {
                    form method="post" action=(action) { (csrf_field(ctx))
                        label { (lang.pick("承办人(账号)", "Handling officer (account)")) " " input type="text" name="handler" value=(viewer.username); }
                        " " (button("assign", lang.pick("交办", "Assign"))) }
                }
                Stage::Assigned => {
                    form method="post" action=(action) { (csrf_field(ctx)) (button("investigate", lang.pick("开始调查处理", "Start the investigation"))) }
                }
                Stage::UnderInvestigation => {
                    form method="post" action=(action) { (csrf_field(ctx))
                        label { (lang.pick("答复内容（办结时公开）", "Answer (published on closing)")) textarea name="answer" id="answer-text" rows="4" {} }
                        (button("answer", lang.pick("答复举报人", "Answer"))) }
                    @if !c.extended {
                        form method="post" action=(action) { (csrf_field(ctx))
                            input type="text" name="reason" placeholder=(lang.pick("延期理由", "reason for the extension"));
                            " " (button("extend", lang.pick("延长办理期限 30 日", "Extend by 30 days"))) }
                    }
                }
                Stage::Answered => {
                    form method="post" action=(action) { (csrf_field(ctx)) (button("close", lang.pick("办结并公开答复", "Close and publish the answer"))) }
                }
                _ => { p.muted { (lang.pick("本举报已不再办理。", "Nothing more to do.")) } }
            }
            @if !stage.is_final() && stage != Stage::Answered {
                form method="post" action=(action) #merge-form { (csrf_field(ctx))
                    label { (lang.pick("与另一件举报重复，合并到编号", "Duplicate of another report: merge into")) " " input type="text" name="into" placeholder="JB…"; }
                    " " (button("merge", lang.pick("合并", "Merge"))) }
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
                dt { (lang.pick("编号", "Number")) } dd { span.v #complaint-tracking { (c.tracking) } " " a href=(format!("/public/complaints/{}", c.tracking)) { (lang.pick("公开页", "public page")) } }
                dt { (lang.pick("环节", "Stage")) } dd #complaint-stage data-v=(c.stage) { (lang.t(&c.stage().label())) }
                dt { (lang.pick("期限", "Due")) } dd { span.v { (c.due_on.clone().unwrap_or_default()) } @if c.overdue(today) { " " span.tag.bad #complaint-overdue { (lang.pick("超期", "overdue")) } } @if c.extended { " " span.tag { (lang.pick("已延期", "extended")) } } }
                dt { (lang.pick("类型", "Type")) } dd { (categories_label(c, lang)) }
                dt { (lang.pick("区县 / 办理部门", "District / bureau")) } dd { span.v { (district_name(&boundaries, &c.division_code)) } " / " (bureau_label(&c.bureau, lang)) }
                dt { (lang.pick("地址", "Address")) } dd { span.v { (c.address) } @if let (Some(lon), Some(lat)) = (c.lon, c.lat) { " " span.v.muted { (format!("{lon:.5}, {lat:.5}")) } } }
                dt { (lang.pick("渠道", "Channel")) } dd { span.v { (c.channel) @if !c.partner.is_empty() { " · " (c.partner) } } }
                dt { (lang.pick("举报时间", "Filed")) } dd { span.v { (crate::storage::display_time(&c.received_at)) } }
                dt { (lang.pick("承办人", "Officer")) } dd { span.v #complaint-handler { (c.handler) } }
                @if c.supporters > 0 { dt { (lang.pick("重复举报人数", "Joined by")) } dd { span.v { (c.supporters) } } }
                @if !c.merged_into.is_empty() { dt { (lang.pick("合并到", "Merged into")) } dd { span.v { (c.merged_into) } } }
                dt { (lang.pick("实名举报", "Real-name report")) } dd #complaint-reward {
                    @if c.reward_flag { span.tag.warn { (lang.pick("是：查证属实后进入举报奖励程序", "yes: goes to the reward procedure if it proves true")) } } @else { (lang.pick("否", "no")) } }
            }
            p { span.v { (c.description) } }
            @for p in &photos { a href=(format!("/complaints/{}/photos/{}", c.id, p.id)) { img.thumb src=(format!("/complaints/{}/photos/{}", c.id, p.id)) alt=(p.file_name) width="160"; } " " }
        }
        @if let Some(i) = identity {
            div.panel #complainant-identity {
                h2 { (lang.pick("举报人（保密，仅承办人可见，查看已记入审计日志）", "Complainant (confidential: only you as handling officer see this; the viewing is audited)")) }
                dl.facts {
                    dt { (lang.pick("姓名", "Name")) } dd { span.v { (i.name) } }
                    dt { (lang.pick("电话", "Phone")) } dd { span.v { (i.phone) } }
                    dt { (lang.pick("电子邮箱", "E-mail")) } dd { span.v { (i.email) } }
                }
            }
        }
        @if !c.answer.is_empty() { div.panel #complaint-answer { h2 { (lang.pick("答复", "Answer")) } p { span.v { (c.answer) } } @if c.published { span.tag.ok { (lang.pick("已公开", "published")) } } } }
        (forms(ctx, viewer, c))
        div.panel { h2 { (lang.pick("办理记录", "History")) }
            table { tbody { @for e in &events { tr {
                td { span.v { (crate::storage::display_time(&e.at)) } } td { span.v { (e.action) } }
                td { (Stage::parse(&e.to_stage).map(|s| lang.t(&s.label())).unwrap_or_default()) } td { span.v { (e.actor) } } td { span.v { (e.note) } }
            } } } }
        }
        p { a href="/complaints" { (lang.pick("返回列表", "Back to the list")) } }
    };
    Ok(layout::page(ctx, Section::Complaints, &format!("{} {}", lang.pick("举报", "Complaint"), c.tracking), body))
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
            let text = format!("{}{}", ctx.lang.pick("未办理：", "Not done: "), ctx.lang.t(&why));
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
    sheet.set_name(lang.pick("举报", "Complaints"))?;
    let heads = [
        lang.pick("编号", "Number"), lang.pick("举报时间", "Filed"), lang.pick("类型", "Type"), lang.pick("区县", "District"), lang.pick("地址", "Address"),
        lang.pick("描述", "Description"), lang.pick("办理部门", "Bureau"), lang.pick("环节", "Stage"), lang.pick("期限", "Due"), lang.pick("超期", "Overdue"),
        lang.pick("承办人", "Officer"), lang.pick("实名(奖励程序)", "Real name (reward)"), lang.pick("重复举报人数", "Joined by"), lang.pick("合并到", "Merged into"),
        lang.pick("答复已公开", "Answer published"), lang.pick("渠道", "Channel"),
    ];
    for (i, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, i as u16, *h, &bold)?;
    }
    let today = deadlines::today_beijing();
    let yes = |b: bool| if b { lang.pick("是", "yes") } else { "" };
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
            @if notices.is_empty() { p.muted { (lang.pick("没有通知。", "No notices.")) } }
            ul #inbox-list {
                @for n in &notices {
                    li.(if n.unread { "unread" } else { "read" }) data-kind=(n.kind) {
                        @if n.unread { span.tag.warn { (lang.pick("新", "new")) } " " }
                        a href=(n.link) { (lang.t(&n.message)) } " " span.muted.small { span.v { (crate::storage::display_time(&n.created_at)) } }
                    }
                }
            }
        }
    };
    Ok(layout::page(&ctx, Section::Complaints, lang.pick("收件箱", "Inbox"), body))
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
            div.panel.ok #issued-key { p { (lang.pick("已为 ", "Key for ")) span.v { (name) } (lang.pick(" 签发密钥（只显示这一次，请立即转交）：", " (shown this once only, hand it over now): ")) } p { code #api-key { (key) } } }
        }
        div.panel {
            p { (lang.pick("合作系统接口（标准：", "Partner systems' interface (standard: ")) span.v { "Open311 GeoReport v2" } (lang.pick("）：", "): ")) code { "/open311/v2/discovery.json" } }
            table { thead { tr { th { (lang.pick("合作系统", "Partner system")) } th { (lang.pick("签发人", "Issued by")) } th { (lang.pick("签发时间", "Issued")) } th { (lang.pick("停用", "Revoked")) } } }
                tbody { @for k in &keys { tr { td { span.v { (k.name) } } td { span.v { (k.created_by) } } td { span.v { (crate::storage::display_time(&k.created_at)) } } td { span.v { (k.revoked_at.as_deref().map(crate::storage::display_time).unwrap_or_default()) } } } } } }
            form method="post" action="/admin/open311/keys" { (csrf_field(ctx))
                label { (lang.pick("合作系统名称", "Partner system")) " " input type="text" name="name" required; }
                " " button type="submit" { (lang.pick("签发密钥", "Issue a key")) } }
        }
    };
    Ok(layout::page(ctx, Section::Admin, lang.pick("Open311 合作系统密钥", "Open311 partner keys"), body))
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
