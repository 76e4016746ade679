//! The public side of complaints (举报), no sign-in: the form (location on the map or by
//! address and district, categories, description, photos, optional contact, real name; nearby
//! open complaints shown first so a duplicate can join one — FixMyStreet), the status page by
//! tracking number with the answer once published, and the public list. Works without
//! JavaScript; `/static/complaints.js` only turns a tap on the map into longitude/latitude.
//! Never shows who complained.

use axum::extract::{Multipart, Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use maud::{html, Markup};

use super::layout::{self, csrf_field, Section};
use super::pager::Pager;
use crate::complaints::{self as domain, challenge, deadlines, routing, Category, Stage};
use crate::error::Error;
use crate::i18n::catalogue::complaints as m;
use crate::i18n::Msg;
use crate::map::Boundary;
use crate::storage::complaints::{self as store, Complaint};
use crate::web::auth::{Ctx, RequestAuth};
use crate::web::i18n::Lang;
use crate::web::State;
use crate::i18n::catalogue as cat;

/// Largest body of the form: the photos and a megabyte for the rest.
pub fn body_limit() -> usize {
    let l = domain::limits();
    l.max_photos * l.max_photo_bytes + 1024 * 1024
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct Prefill {
    #[serde(default)]
    pub lon: String,
    #[serde(default)]
    pub lat: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub district: String,
}

pub type Names = std::collections::HashMap<String, String>;

pub fn district_name(names: &Names, code: &str) -> String {
    names.get(code).cloned().unwrap_or_else(|| code.to_string())
}

pub fn categories_label(c: &Complaint, lang: Lang) -> String {
    c.categories().iter().map(|k| lang.t(&k.label())).collect::<Vec<_>>().join(lang.label(cat::common::list_separator()))
}

/// The map to pick a place on: district outlines in an SVG whose data attributes give the
/// projection back (the script reads them); a marker where the point is.
fn picker(boundaries: &[Boundary], point: Option<(f64, f64)>, lang: Lang) -> Markup {
    if boundaries.is_empty() {
        return html! {};
    }
    let (x0, y0, x1, y1) = crate::map::bbox(boundaries.iter().flat_map(|b| b.polygons.iter().flatten().flatten().copied()));
    let (w, h, pad) = (360.0_f64, 300.0_f64, 6.0_f64);
    let k = ((y0 + y1) / 2.0).to_radians().cos();
    let s = ((w - 2.0 * pad) / ((x1 - x0) * k).max(1e-6)).min((h - 2.0 * pad) / (y1 - y0).max(1e-6));
    let project = |x: f64, y: f64| (pad + (x - x0) * k * s, h - pad - (y - y0) * s);
    let mut paths = String::new();
    for b in boundaries {
        let mut d = String::new();
        for ring in b.polygons.iter().flatten() {
            for (i, &(x, y)) in ring.iter().enumerate() {
                let (sx, sy) = project(x, y);
                d.push_str(&format!("{}{sx:.1} {sy:.1}", if i == 0 { "M" } else { "L" }));
            }
            d.push('Z');
        }
        let name = html! { (b.name) }.into_string();
        paths.push_str(&format!(r##"<path d="{d}" fill="#eef4fb" stroke="#8a9bb0" stroke-width="1"><title>{name}</title></path>"##));
        if let Some(outer) = b.polygons.first().and_then(|p| p.first()) {
            let n = outer.len().max(1) as f64;
            let (cx, cy) = outer.iter().fold((0.0, 0.0), |a, p| (a.0 + p.0 / n, a.1 + p.1 / n));
            let (sx, sy) = project(cx, cy);
            paths.push_str(&format!(r##"<text x="{sx:.1}" y="{sy:.1}" text-anchor="middle" class="map-label">{name}</text>"##));
        }
    }
    let marker = point.map(|(x, y)| project(x, y));
    html! {
        figure.picker {
            svg #complaint-map viewBox=(format!("0 0 {w} {h}")) role="img" aria-label=(lang.label(cat::complaints::tap_the_map_to_pick_the_2()))
                data-x0=(x0) data-y0=(y0) data-k=(k) data-s=(s) data-h=(h) data-pad=(pad) {
                (maud::PreEscaped(paths))
                @if let Some((mx, my)) = marker {
                    circle #complaint-marker cx=(format!("{mx:.1}")) cy=(format!("{my:.1}")) r="5" fill="#c0392b" stroke="#fff" stroke-width="1.5" {}
                } @else {
                    circle #complaint-marker cx="-10" cy="-10" r="5" fill="#c0392b" stroke="#fff" stroke-width="1.5" {}
                }
            }
            figcaption.muted { (lang.label(cat::complaints::tap_the_map_to_pick_the())) }
        }
    }
}

fn location_fields(p: &Prefill, boundaries: &[Boundary], lang: Lang, suffix: &str) -> Markup {
    html! {
        div.grid2 {
            label { (lang.label(cat::complaints::longitude())) input.lon type="text" inputmode="decimal" name="lon" id=(format!("lon{suffix}")) value=(p.lon) placeholder="108.42"; }
            label { (lang.label(cat::complaints::latitude())) input.lat type="text" inputmode="decimal" name="lat" id=(format!("lat{suffix}")) value=(p.lat) placeholder="34.12"; }
        }
        label { (lang.label(cat::complaints::address_optional_needed_without_a_point()))
            input type="text" name="address" id=(format!("address{suffix}")) value=(p.address) maxlength=(domain::limits().max_address) placeholder=(lang.label(cat::complaints::e_g_the_factory_at_12())); }
        label { (lang.label(cat::complaints::district_needed_without_a_point()))
            select name="district" id=(format!("district{suffix}")) {
                option value="" { "—" }
                @for b in boundaries {
                    option value=(b.code) selected[p.district == b.code] { (b.name) }
                }
            }
        }
    }
}

fn challenge_fields(c: &challenge::Challenge, lang: Lang) -> Markup {
    html! {
        input type="hidden" name="challenge" value=(c.token);
        label { (lang.label(cat::complaints::check_question())) span.v #challenge-question { (c.question(lang == Lang::Zh)) }
            input type="text" inputmode="numeric" name="answer" id="challenge-answer" required autocomplete="off" maxlength="3"; }
    }
}

async fn new_challenge(state: &State) -> crate::Result<challenge::Challenge> {
    let key = store::secret(&state.db).await?;
    let expires = time::OffsetDateTime::now_utc().unix_timestamp() + domain::limits().challenge_minutes * 60;
    Ok(challenge::issue(&key, expires, &mut rand::thread_rng()))
}

fn parse_point(p: &Prefill) -> Option<(f64, f64)> {
    Some((p.lon.trim().parse().ok()?, p.lat.trim().parse().ok()?))
}

struct Kept {
    categories: Vec<Category>,
    description: String,
    name: String,
    phone: String,
    email: String,
    real_name: bool,
}

async fn form(state: &State, ctx: &Ctx, p: &Prefill, kept: Option<&Kept>, problems: &[Msg]) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let boundaries = crate::storage::map::boundaries(&state.db).await?;
    let limits = domain::limits();
    let point = parse_point(p);
    let nearby = match point {
        Some((lon, lat)) => store::nearby(&state.db, lon, lat, limits.nearby_metres, limits.nearby_max).await?,
        None => vec![],
    };
    let challenge = new_challenge(state).await?;
    let checked = |c: Category| kept.is_some_and(|k| k.categories.contains(&c));
    let body = html! {
        p.lead { (lang.label(cat::complaints::report_pollution_or_ecological_damage_here())) }
        @if !problems.is_empty() {
            div.panel.error #complaint-problems {
                p { strong { (lang.label(cat::complaints::not_filed_yet_please_correct())) } }
                ul { @for pr in problems { li { (lang.t(pr)) } } }
            }
        }
        div.panel {
            h2 { (lang.label(cat::complaints::n_1_where())) }
            (picker(&boundaries, point, lang))
            form #nearby-form method="get" action="/public/complaints/new" {
                (location_fields(p, &boundaries, lang, "-check"))
                button type="submit" { (lang.label(cat::complaints::see_reports_nearby())) }
            }
            @if point.is_some() {
                div #nearby {
                    @if nearby.is_empty() {
                        p.muted { (lang.label(cat::complaints::no_open_report_nearby())) }
                    } @else {
                        p { (lang.label(cat::complaints::these_open_reports_are_nearby_if())) }
                        ul.nearby {
                            @for (c, d) in &nearby {
                                li {
                                    a href=(format!("/public/complaints/{}", c.tracking)) { span.v { (c.tracking) } }
                                    " · " (categories_label(c, lang)) " · " span.v { (format!("{:.0}", d)) } (lang.label(cat::complaints::m()))
                                    " · " (lang.t(&c.stage().label()))
                                    div.muted.small { span.v { (c.description.chars().take(60).collect::<String>()) } }
                                    form.inline method="post" action=(format!("/public/complaints/{}/join", c.tracking)) {
                                        (csrf_field(ctx))
                                        (challenge_fields(&challenge, lang))
                                        button type="submit" { (lang.label(cat::complaints::same_problem_join_this_report())) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        form.panel #complaint-form method="post" action="/public/complaints" enctype="multipart/form-data" {
            (csrf_field(ctx))
            h2 { (lang.label(cat::complaints::n_2_what())) }
            (location_fields(p, &boundaries, lang, ""))
            fieldset {
                legend { (lang.label(cat::complaints::type_of_pollution_one_or_more())) }
                @for c in Category::ALL {
                    label.check { input type="checkbox" name="category" value=(c.code()) checked[checked(c)]; " " (lang.t(&c.label())) span.muted.small { " " (lang.t(&c.description())) } }
                }
            }
            label { (lang.label(cat::complaints::description_when_where_which_firm_what()))
                textarea name="description" id="description" rows="5" maxlength=(limits.max_description) required { (kept.map(|k| k.description.as_str()).unwrap_or("")) } }
            label { (lang.label(cat::complaints::photos_optional_jpeg_or_png_each())) (limits.max_photo_bytes / 1024 / 1024) (lang.label(cat::complaints::mb_up_to())) (limits.max_photos) (lang.label(cat::complaints::photos_close()))
                input type="file" name="photo" id="photo" accept="image/jpeg,image/png" multiple; }
            h2 { (lang.label(cat::complaints::n_3_contact_optional())) }
            p.muted.small { (lang.label(cat::complaints::a_contact_lets_the_officer_check())) }
            div.grid2 {
                label { (lang.label(cat::common::name())) input type="text" name="name" id="name" maxlength=(limits.max_contact) value=(kept.map(|k| k.name.as_str()).unwrap_or("")); }
                label { (lang.label(cat::complaints::phone())) input type="tel" name="phone" id="phone" maxlength=(limits.max_contact) value=(kept.map(|k| k.phone.as_str()).unwrap_or("")); }
            }
            label { (lang.label(cat::complaints::e_mail())) input type="email" name="email" id="email" maxlength=(limits.max_contact) value=(kept.map(|k| k.email.as_str()).unwrap_or("")); }
            label.check { input type="checkbox" name="real_name" id="real_name" value="1" checked[kept.is_some_and(|k| k.real_name)]; " " (lang.label(cat::complaints::real_name_report_needs_name_and())) }
            (challenge_fields(&challenge, lang))
            button.primary type="submit" id="submit-complaint" { (lang.label(cat::complaints::file_the_report())) }
        }
        p { a href="/public/complaints" { (lang.label(cat::complaints::reports_and_their_handling_2())) } }
        script src="/static/complaints.js" {}
    };
    Ok(layout::page(ctx, Section::Public, lang.label(cat::complaints::report_pollution()), body))
}

pub async fn new_form(state: State, ctx: Ctx, Query(p): Query<Prefill>) -> crate::Result<Markup> {
    form(&state, &ctx, &p, None, &[]).await
}

/// The flood limit per address, then the challenge; returns the nonce.
async fn admit(state: &State, auth: &RequestAuth, token: &str, answer: &str) -> crate::Result<String> {
    if !state.limits.complaint_allowed(&auth.ip) {
        return Err(Error::Http(StatusCode::TOO_MANY_REQUESTS, m::flood(domain::limits().submissions_per_hour)));
    }
    let key = store::secret(&state.db).await?;
    challenge::verify(&key, token, answer, time::OffsetDateTime::now_utc().unix_timestamp()).map_err(Error::Invalid)
}

fn anonymous_actor(auth: &RequestAuth, channel: &str) -> crate::storage::audit::Actor {
    crate::storage::audit::Actor { name: format!("public:{channel}"), role: "public".into(), ip: auth.ip.clone() }
}

/// Route a draft: the district holding the point (or the chosen one), the bureau of its categories.
pub async fn route(state: &State, d: &domain::Draft) -> crate::Result<(String, String, String)> {
    let boundaries = crate::storage::map::boundaries(&state.db).await?;
    let district = match (d.lon, d.lat) {
        (Some(lon), Some(lat)) => routing::district_of(&boundaries, lon, lat).ok_or_else(|| Error::Invalid(m::outside_area(format!("{lon}, {lat}"))))?,
        _ => boundaries.iter().find(|b| b.code == d.district.trim()).ok_or_else(|| Error::Invalid(m::unknown_district(d.district.trim())))?,
    };
    let bureau = routing::Table::embedded().bureau(&d.categories).map(|b| b.code().to_string()).unwrap_or_else(|| "environment".into());
    Ok((district.code.clone(), district.name.clone(), bureau))
}

fn opt_f64(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() { None } else { Some(t.parse().unwrap_or(f64::NAN)) }
}

pub async fn submit(state: State, ctx: Ctx, Extension(auth): Extension<RequestAuth>, mut multipart: Multipart) -> crate::Result<Response> {
    let limits = domain::limits();
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut photos = Vec::new();
    let mut problems = Vec::new();
    let mut photo_count = 0;
    while let Some(field) = multipart.next_field().await.map_err(super::campaign_items::upload_error)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "photo" {
            let file_name = field.file_name().unwrap_or("photo").chars().take(100).collect::<String>();
            let bytes = field.bytes().await.map_err(super::campaign_items::upload_error)?;
            if bytes.is_empty() {
                continue;
            }
            photo_count += 1;
            if photo_count > limits.max_photos {
                if photo_count == limits.max_photos + 1 {
                    problems.push(m::too_many_photos(limits.max_photos));
                }
                continue;
            }
            match domain::check_photo(&bytes, &file_name, limits) {
                Ok(ct) => photos.push(store::Photo { file_name, content_type: ct.to_string(), bytes: bytes.to_vec() }),
                Err(why) => problems.push(why),
            }
        } else {
            let text = field.text().await.map_err(super::campaign_items::upload_error)?;
            fields.push((name, text));
        }
    }
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.trim().to_string()).unwrap_or_default();
    let draft = domain::Draft {
        categories: fields.iter().filter(|(n, _)| n == "category").filter_map(|(_, v)| Category::parse(v)).collect(),
        description: get("description"),
        address: get("address"),
        lon: opt_f64(&get("lon")),
        lat: opt_f64(&get("lat")),
        district: get("district"),
        name: get("name"),
        phone: get("phone"),
        email: get("email"),
        real_name: get("real_name") == "1",
    };
    let prefill = Prefill { lon: get("lon"), lat: get("lat"), address: draft.address.clone(), district: draft.district.clone() };
    let kept = Kept { categories: draft.categories.clone(), description: draft.description.clone(), name: draft.name.clone(), phone: draft.phone.clone(), email: draft.email.clone(), real_name: draft.real_name };
    problems.extend(draft.check(limits));
    let refuse = |state: State, ctx: Ctx, problems: Vec<Msg>, status: StatusCode| async move {
        let page = form(&state, &ctx, &prefill, Some(&kept), &problems).await?;
        Ok::<Response, Error>((status, page).into_response())
    };
    if !problems.is_empty() {
        return refuse(state, ctx, problems, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let nonce = match admit(&state, &auth, &get("challenge"), &get("answer")).await {
        Ok(n) => n,
        Err(Error::Invalid(why)) => return refuse(state, ctx, vec![why], StatusCode::UNPROCESSABLE_ENTITY).await,
        Err(e) => return Err(e),
    };
    let (division, district_name, bureau) = match route(&state, &draft).await {
        Ok(r) => r,
        Err(Error::Invalid(why)) => return refuse(state, ctx, vec![why], StatusCode::UNPROCESSABLE_ENTITY).await,
        Err(e) => return Err(e),
    };
    let filed = store::file(
        &state.db,
        &anonymous_actor(&auth, "web"),
        store::NewComplaint { draft, division_code: division, district_name, bureau, channel: "web".into(), partner: String::new(), photos, nonce: Some(nonce) },
        deadlines::Settings::embedded(),
    )
    .await?;
    super::complaints::mail_soon(&state);
    Ok(Redirect::to(&format!("/public/complaints/{}?filed=1", filed.tracking)).into_response())
}

#[derive(serde::Deserialize)]
pub struct JoinForm {
    #[serde(default)]
    challenge: String,
    #[serde(default)]
    answer: String,
}

pub async fn join(state: State, Extension(auth): Extension<RequestAuth>, Path(tracking): Path<String>, axum::Form(f): axum::Form<JoinForm>) -> crate::Result<Response> {
    let tracking = domain::tracking::parse(&tracking).ok_or_else(|| Error::NotFound(m::not_found(&tracking)))?;
    admit(&state, &auth, &f.challenge, &f.answer).await?;
    let c = store::join(&state.db, &anonymous_actor(&auth, "web"), &tracking).await?;
    Ok(Redirect::to(&format!("/public/complaints/{}?joined=1", c.tracking)).into_response())
}

#[derive(serde::Deserialize, Default)]
pub struct StatusQuery {
    #[serde(default)]
    filed: Option<String>,
    #[serde(default)]
    joined: Option<String>,
}

pub async fn status(state: State, ctx: Ctx, Path(tracking): Path<String>, Query(q): Query<StatusQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let c = match domain::tracking::parse(&tracking) {
        Some(t) => store::by_tracking(&state.db, &t).await?,
        None => None,
    };
    let c = c.ok_or_else(|| Error::NotFound(m::not_found(&tracking)))?;
    let events = store::events(&state.db, c.id).await?;
    let names = store::district_names(&state.db).await?;
    let today = deadlines::today_beijing();
    let stage = c.stage();
    let body = html! {
        @if q.filed.is_some() {
            div.panel.ok #filed-notice {
                p { strong { (lang.label(cat::complaints::your_report_is_filed_keep_its())) } }
                p.tracking { span.v #tracking-number { (c.tracking) } }
            }
        }
        @if q.joined.is_some() {
            div.panel.ok #joined-notice { p { (lang.label(cat::complaints::you_joined_this_report_it_is())) } }
        }
        div.panel {
            dl.facts {
                dt { (lang.label(cat::complaints::tracking_number())) } dd { span.v #status-tracking { (c.tracking) } }
                dt { (lang.label(cat::complaints::status())) } dd #status-stage data-v=(c.stage) { (lang.t(&stage.label())) }
                dt { (lang.label(cat::complaints::type_label())) } dd { (categories_label(&c, lang)) }
                dt { (lang.label(cat::complaints::district())) } dd { span.v { (district_name(&names, &c.division_code)) } }
                dt { (lang.label(cat::complaints::filed())) } dd { span.v { (crate::storage::display_time(&c.received_at)) } }
                @if !stage.is_final() {
                    @if let Some(due) = &c.due_on {
                        dt { (lang.label(cat::complaints::this_stage_is_due())) }
                        dd { span.v { (due) } @if c.overdue(today) { " " span.tag.bad #status-overdue { (lang.label(cat::complaints::overdue_2())) } } }
                    }
                }
                @if c.supporters > 0 {
                    dt { (lang.label(cat::complaints::others_reporting_the_same())) } dd { span.v { (c.supporters) } }
                }
            }
            p.description { span.v { (c.description) } }
        }
        @if stage == Stage::Merged {
            div.panel #merged-notice {
                p { (lang.label(cat::complaints::this_report_concerns_the_same_problem()))
                    a href=(format!("/public/complaints/{}", c.merged_into)) { span.v { (c.merged_into) } } }
            }
        }
        @if let Some(r) = c.not_accepted_reason() {
            div.panel #not-accepted { p { (lang.label(cat::complaints::not_accepted())) (lang.t(&r.label())) } }
        }
        @if c.published && !c.answer.is_empty() {
            div.panel #published-answer {
                h2 { (lang.label(cat::complaints::result())) }
                p { span.v { (c.answer) } }
                @if let Some(at) = &c.closed_at { p.muted.small { (lang.label(cat::complaints::closed())) span.v { (crate::storage::display_time(at)) } } }
            }
        }
        div.panel {
            h2 { (lang.label(cat::complaints::progress())) }
            ol.timeline #status-timeline {
                @for e in events.iter().filter(|e| e.action != "join") {
                    li { span.v { (crate::storage::display_time(&e.at)) } " " (Stage::parse(&e.to_stage).map(|s| lang.t(&s.label())).unwrap_or_default()) }
                }
            }
        }
        p { a href="/public/complaints/new" { (lang.label(cat::complaints::report_pollution())) } " · " a href="/public/complaints" { (lang.label(cat::complaints::all_reports())) } }
    };
    Ok(layout::page(&ctx, Section::Public, lang.label(cat::complaints::report_status()), body))
}

pub async fn list(state: State, ctx: Ctx, Query(params): Query<Vec<(String, String)>>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let pager = Pager::new("/public/complaints", params, 50);
    let (rows, total) = store::public_list(&state.db, pager.offset() as i64, pager.per_page as i64).await?;
    let pager = pager.with_total(total as u64);
    let names = store::district_names(&state.db).await?;
    let body = html! {
        p { a.button href="/public/complaints/new" { (lang.label(cat::complaints::report_pollution())) } }
        div.panel {
            h2 { (lang.label(cat::complaints::reports_and_their_handling())) " (" span.v { (total) } ")" }
            div.table-wrap { table #public-complaints {
                thead { tr { th { (lang.label(cat::complaints::number())) } th { (lang.label(cat::common::type_label())) } th { (lang.label(cat::inventory::col_district())) } th { (lang.label(cat::enforcement_cases::col_status())) } th { (lang.label(cat::complaints::filed())) } } }
                tbody { @for c in &rows { tr {
                    td { a href=(format!("/public/complaints/{}", c.tracking)) { span.v { (c.tracking) } } }
                    td { (categories_label(c, lang)) }
                    td { span.v { (district_name(&names, &c.division_code)) } }
                    td data-v=(c.stage) { (lang.t(&c.stage().label())) @if c.published { " " span.tag.ok { (lang.label(cat::complaints::answer_published_2())) } } }
                    td { span.v { (crate::storage::display_time(&c.received_at)) } }
                } } }
            } }
            (pager.render(lang, "complaints-pager"))
        }
    };
    Ok(layout::page(&ctx, Section::Public, lang.label(cat::complaints::reports()), body))
}

pub async fn script() -> impl IntoResponse {
    (
        [(axum::http::header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (axum::http::header::CACHE_CONTROL, crate::web::headers::ASSET_CACHE)],
        include_str!("../../../assets/complaints.js"),
    )
}
