//! One campaign item (a workshop's dossier in the campaign), phone-sized: facts, the
//! identification checklist, the disposition and its steps with photo evidence (camera
//! capture, EXIF or phone position), acceptance forms, history, patrols and the archive.

use axum::extract::{Multipart, Path};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};

use super::campaigns::{disposition_label, offline_script, state_label, status_label, verdict_label};
use super::layout::{self, Section};
use crate::auth::{Permission, Viewer};
use crate::campaigns::definition::ValueKind;
use crate::campaigns::workflow::{self, Action};
use crate::error::Error;
use crate::i18n::catalogue::campaigns as C;
use crate::storage::campaigns::{self as store, DevicePosition, Item};
use crate::storage::cases::parse_day;
use crate::web::auth::Ctx;
use crate::web::State;
use crate::i18n::catalogue as cat;

async fn item_or_404(state: &State, viewer: &Viewer, id: i64, path: &str) -> crate::Result<Item> {
    match store::item(&state.db, &viewer.scope, id).await {
        Err(Error::NotFound(w)) => {
            if store::item_exists(&state.db, id).await? {
                crate::web::auth::record_refusal(state, &viewer.actor(), "access_denied", &format!("{path} (outside scope)")).await;
            }
            Err(Error::NotFound(w))
        }
        other => other,
    }
}

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Markup> {
    let it = item_or_404(&state, &viewer, id, &format!("GET /campaign-items/{id}")).await?;
    render(&state, &ctx, &viewer, &it, None).await
}

async fn render(state: &State, ctx: &Ctx, viewer: &Viewer, it: &Item, message: Option<String>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let c = store::get(&state.db, &crate::auth::Scope::All, it.campaign_id).await?;
    let machine = store::state_of(&state.db, it).await?;
    let today = store::today();
    let offered = if viewer.can(Permission::ManageCampaigns) { workflow::offered(&c.kind, &machine, today) } else { vec![] };
    let events = store::events(&state.db, it.id).await?;
    let photos = store::photos(&state.db, it.id).await?;
    let patrols = store::patrols_of(&state.db, it.id).await?;
    let disposition = it.disposition.as_deref().and_then(|d| c.kind.disposition(d));
    let csrf = layout::csrf_field(ctx);
    let action_form = |action: &str, inner: Markup| {
        html! {
            form.step method="post" action=(format!("/campaign-items/{}/step", it.id)) data-action=(action) {
                (csrf) input type="hidden" name="action" value=(action);
                (inner)
                button type="submit" { (Action::label(action).map(|m| lang.t(&m)).unwrap_or_else(|| action.to_string())) }
            }
        }
    };
    let body = html! {
        @if let Some(m) = &message { p.bad #step-result { (m) } }
        p.breadcrumb { a href=(format!("/campaigns/{}", c.id)) { span.v { (c.name) } } " › " a href=(format!("/campaigns/{}/items", c.id)) { (lang.label(cat::campaigns::items_2())) } }
        div.panel #item-facts {
            dl.facts {
                dt { (lang.label(cat::inventory::col_name())) } dd { @if let Some(e) = it.enterprise_id { a href=(format!("/enterprises/{e}")) { span.v { (it.name) } } } @else { span.v { (it.name) } } }
                dt { (lang.label(cat::campaigns::ledger_key())) } dd { code { span.v { (it.credit_code) } } }
                dt { (lang.label(cat::common::address())) } dd { span.v { (it.address) } " " code.small { (it.division_code) } }
                @if let (Some(lon), Some(lat)) = (it.longitude, it.latitude) { dt { (lang.label(cat::campaigns::position())) } dd { (format!("{lat:.5}, {lon:.5}")) } }
                dt { (lang.label(cat::campaigns::verdict())) } dd #item-verdict { (verdict_label(lang, &it.verdict)) @if !it.exclusion_reason.is_empty() { "(" span.v { (it.exclusion_reason) } ")" } }
                dt { (lang.label(cat::campaigns::criteria_met())) } dd { @for code in &it.criteria { @if let Some(k) = c.kind.criterion(code) { span.tag { span.v { (k.group) } " · " (lang.pick(&k.zh, &k.en)) } " " } } }
                dt { (lang.label(cat::campaigns::disposition())) } dd #item-disposition { (disposition_label(lang, &c, it.disposition.as_deref())) }
                dt { (lang.label(cat::campaigns::status())) } dd #item-status { strong { (status_label(lang, it.status.as_deref())) } @if it.reopened > 0 { " " span.bad { (lang.label(cat::campaigns::reopened_2())) (it.reopened) (lang.label(cat::campaigns::time_s())) } } }
                @if let Some(d) = &it.deadline { dt { (lang.label(cat::common::deadline())) } dd { (d) @if let Some(n) = workflow::overdue_days(&machine, today) { " " span.bad #overdue { (lang.label(cat::campaigns::overdue_2())) (n) (lang.label(cat::common::days())) } } } }
            }
            p { a.button.secondary href=(format!("/campaign-items/{}/dossier.zip", it.id)) { (lang.label(cat::campaigns::download_the_enterprise_archive())) } }
        }
        @if let Some(d) = disposition {
            div.panel #checklist {
                h2 { (lang.pick(&d.label, &d.en)) (lang.label(cat::campaigns::checklist())) }
                ul.checklist { @for s in &d.step {
                    @let done = machine.steps.get(&s.code);
                    @let count = machine.photos.get(&s.code).copied().unwrap_or(0);
                    li data-step=(s.code) class=(if done.is_some() { "ok" } else { "" }) {
                        (if done.is_some() { "✔ " } else { "○ " }) strong { (lang.pick(&s.zh, &s.en)) }
                        @if let Some(v) = done.filter(|v| !v.is_empty()) { ":" span.v { (v) } }
                        @if s.photo { " · " (lang.label(cat::campaigns::photos_2())) (count) }
                        @if viewer.can(Permission::ManageCampaigns) && done.is_none() && offered.contains(&"do_step") {
                            @if s.photo {
                                form.photo method="post" action=(format!("/campaign-items/{}/photos", it.id)) enctype="multipart/form-data" {
                                    (csrf) input type="hidden" name="step" value=(s.code); input type="hidden" name="lat"; input type="hidden" name="lon";
                                    input type="file" name="photo" accept="image/jpeg,image/png" capture="environment" required;
                                    button.secondary type="submit" { (lang.label(cat::campaigns::upload_photo())) }
                                }
                            }
                            (action_form("do_step", html! {
                                input type="hidden" name="step" value=(s.code);
                                @match s.value { Some(ValueKind::Text) => { input type="text" name="value" required placeholder=(lang.label(cat::campaigns::value())); } Some(ValueKind::Date) => { input type="date" name="value" required; } None => {} }
                            }))
                        }
                    }
                } }
            }
        }
        @if !offered.is_empty() {
            div.panel #item-actions {
                h2 { (lang.label(cat::campaigns::actions())) }
                @for a in &offered { @match *a {
                    "check_criteria" => (action_form("check_criteria", html! {
                        @for k in &c.kind.criterion { label.block { input type="checkbox" name="criteria" value=(k.code) checked[it.criteria.contains(&k.code)]; " " span.v { (k.group) } " · " (lang.pick(&k.zh, &k.en))
                            @if k.procedures { " (" (crate::campaigns::definition::procedures_for(&c.division_code).names(lang)) ")" } } br; }
                    })),
                    "confirm" => (action_form("confirm", html! {})),
                    "exclude" => (action_form("exclude", html! { input type="text" name="reason" required placeholder=(lang.label(cat::campaigns::reason_2())); })),
                    "assign" => (action_form("assign", html! {
                        select name="disposition" { @for d in &c.kind.disposition { option value=(d.code) { (lang.pick(&d.label, &d.en)) } } }
                        label { (lang.label(cat::campaigns::field_deadline())) " " input type="date" name="deadline"; }
                    })),
                    "complete" => (action_form("complete", html! {})),
                    "accept_county" | "accept_city" => (action_form(a, html! {
                        textarea name="opinion" rows="2" cols="40" placeholder=(lang.label(cat::campaigns::acceptance_opinion())) required {}
                        input type="text" name="inspectors" placeholder=(lang.label(cat::campaigns::inspectors_comma_separated())) required;
                    })),
                    "reopen" => (action_form("reopen", html! { input type="text" name="reason" required placeholder=(lang.label(cat::campaigns::reason())); })),
                    "convert_overdue" => (action_form("convert_overdue", html! {})),
                    _ => {}
                } }
            }
        }
        @if viewer.can(Permission::Patrol) && it.verdict == "pending" {
            div.panel #field-check {
                h2 { (lang.label(cat::campaigns::field_check())) }
                form.offline method="post" action=(format!("/campaign-items/{}/field-check", it.id)) enctype="multipart/form-data" data-draft=(format!("check-{}", it.id)) {
                    (csrf) input type="hidden" name="lat"; input type="hidden" name="lon";
                    @for k in &c.kind.criterion { label.block { input type="checkbox" name="observed" value=(k.code); " " span.v { (k.group) } " · " (lang.pick(&k.zh, &k.en)) } br; }
                    p { input type="file" name="photo" accept="image/jpeg,image/png" capture="environment" required; }
                    p { textarea name="note" rows="2" cols="40" placeholder=(lang.label(cat::campaigns::what_was_found())) {} }
                    button type="submit" { (lang.label(cat::campaigns::send_the_field_check())) }
                }
            }
        }
        @if !photos.is_empty() {
            div.panel #item-photos { h2 { (lang.label(cat::campaigns::photos())) }
                div.photos { @for p in &photos { figure {
                    a href=(format!("/campaign-items/{}/photos/{}", it.id, p.id)) { img src=(format!("/campaign-items/{}/photos/{}", it.id, p.id)) alt=(p.file_name) width="160" loading="lazy"; }
                    figcaption.small {
                        (disposition.and_then(|d| d.step(&p.step_code)).map(|s| lang.pick(&s.zh, &s.en).to_string()).unwrap_or_else(|| if p.patrol_id.is_some() { lang.label(cat::campaigns::action_patrol()).to_string() } else { lang.label(cat::campaigns::site()).to_string() }))
                        br; (p.taken_at.clone().unwrap_or_else(|| crate::storage::display_time(&p.at)))
                        @if let Some(d) = p.distance_m { br; span class=(if d > 500.0 { "bad" } else { "" }) { (lang.label(cat::campaigns::from_site())) (format!("{d:.0}")) " m" } }
                        @if !p.position_source.is_empty() { " (" (crate::i18n::label("campaigns.position", &p.position_source, lang)) ")" }
                        br; code.small { (p.sha256.get(..12).unwrap_or(&p.sha256)) }
                    }
                } } }
            }
        }
        @if !patrols.is_empty() {
            div.panel #item-patrols { h2 { (lang.label(cat::campaigns::patrols())) }
                ul { @for p in &patrols { li { (p.on_day) " · " span.v { (p.inspector) } " · "
                    span class=(if p.finding == "reopened" { "bad" } else { "ok" }) { (crate::campaigns::patrol::Finding::parse(&p.finding).map(|f| lang.t(&f.label())).unwrap_or_else(|| p.finding.clone())) }
                    @if !p.note.is_empty() { " · " span.v { (p.note) } } } } }
            }
        }
        div.panel #item-events { h2 { (lang.label(cat::enforcement_cases::events_title())) }
            div.table-wrap { table {
                thead { tr { th { (lang.label(cat::common::when())) } th { (lang.label(cat::campaigns::who())) } th { (lang.label(cat::enforcement_cases::col_step())) } th { (lang.label(cat::enforcement_cases::col_status())) } th { (lang.label(cat::campaigns::detail())) } } }
                tbody { @for e in &events { tr {
                    td { (crate::storage::display_time(&e.at)) } td { span.v { (e.actor) } } td { (Action::label(&e.action).map(|m| lang.t(&m)).unwrap_or_else(|| e.action.clone())) }
                    td { (state_label(lang, &e.from_status)) " → " (state_label(lang, &e.to_status)) }
                    td.small { span.v { (e.detail.to_string()) } }
                } } }
            } }
        }
        (offline_script(lang))
    };
    Ok(layout::page(ctx, Section::Campaigns, &it.name, body))
}

/// Form fields of a step, read from an urlencoded body (checkbox lists allowed).
fn form_fields(body: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).unwrap_or_default()
}

pub async fn step(state: State, ctx: Ctx, viewer: Viewer, Path(id): Path<i64>, body: axum::body::Bytes) -> crate::Result<Response> {
    let it = item_or_404(&state, &viewer, id, &format!("POST /campaign-items/{id}/step")).await?;
    let fields = form_fields(&body);
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.trim().to_string()).unwrap_or_default();
    let inspectors = || get("inspectors").split([',', ',', '、']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect::<Vec<_>>();
    let action = match get("action").as_str() {
        "check_criteria" => Action::CheckCriteria(fields.iter().filter(|(n, _)| n == "criteria").map(|(_, v)| v.clone()).collect()),
        "confirm" => Action::Confirm,
        "exclude" => Action::Exclude { reason: get("reason") },
        "assign" => Action::Assign {
            disposition: get("disposition"),
            deadline: match get("deadline").as_str() {
                "" => None,
                d => Some(parse_day(d).ok_or_else(|| Error::Invalid(C::not_a_date(C::field_deadline(), d)))?),
            },
        },
        "do_step" => Action::DoStep { step: get("step"), value: get("value") },
        "complete" => Action::Complete,
        "accept_county" => Action::AcceptCounty { opinion: get("opinion"), inspectors: inspectors() },
        "accept_city" => Action::AcceptCity { opinion: get("opinion"), inspectors: inspectors() },
        "reopen" => Action::Reopen { reason: get("reason") },
        "convert_overdue" => Action::ConvertOverdue,
        other => return Err(Error::Invalid(C::unknown_action(other))),
    };
    match store::apply(&state.db, &viewer.actor(), &viewer.scope, it.id, action).await {
        Ok(_) => Ok(Redirect::to(&format!("/campaign-items/{id}")).into_response()),
        Err(Error::Invalid(why)) => {
            let it = store::item(&state.db, &viewer.scope, id).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&state, &ctx, &viewer, &it, Some(format!("{}{}", ctx.lang.label(cat::common::not_done()), ctx.lang.t(&why)))).await?).into_response())
        }
        Err(e) => Err(e),
    }
}

/// An upload that cannot be read, or is over the limit.
pub fn upload_error(e: axum::extract::multipart::MultipartError) -> Error {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Error::TooLarge(C::upload_too_large(crate::web::MAX_UPLOAD_BYTES / 1024 / 1024))
    } else {
        Error::Invalid(C::upload_unreadable(e.body_text()))
    }
}

struct Upload {
    fields: Vec<(String, String)>,
    file: Option<(String, Vec<u8>)>,
}

async fn read_upload(mut multipart: Multipart, file_field: &str) -> crate::Result<Upload> {
    let mut up = Upload { fields: vec![], file: None };
    while let Some(field) = multipart.next_field().await.map_err(upload_error)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == file_field {
            let file_name = field.file_name().unwrap_or("photo").to_string();
            let bytes = field.bytes().await.map_err(upload_error)?;
            if !bytes.is_empty() {
                up.file = Some((file_name, bytes.to_vec()));
            }
        } else {
            let text = field.text().await.map_err(upload_error)?;
            up.fields.push((name, text));
        }
    }
    Ok(up)
}

impl Upload {
    fn get(&self, k: &str) -> String {
        self.fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.trim().to_string()).unwrap_or_default()
    }
    fn all(&self, k: &str) -> Vec<String> {
        self.fields.iter().filter(|(n, _)| n == k).map(|(_, v)| v.clone()).collect()
    }
    fn position(&self) -> DevicePosition {
        DevicePosition { latitude: self.get("lat").parse().ok(), longitude: self.get("lon").parse().ok() }
    }
    fn photo(&self) -> crate::Result<(&str, &[u8])> {
        self.file.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())).ok_or_else(|| Error::Invalid(C::no_photo()))
    }
}

pub async fn upload_photo(state: State, viewer: Viewer, Path(id): Path<i64>, multipart: Multipart) -> crate::Result<Response> {
    let it = item_or_404(&state, &viewer, id, &format!("POST /campaign-items/{id}/photos")).await?;
    let up = read_upload(multipart, "photo").await?;
    let (name, bytes) = up.photo()?;
    store::add_photo(&state.db, &viewer.actor(), &viewer.scope, it.id, &up.get("step"), name, bytes, up.position()).await?;
    Ok(Redirect::to(&format!("/campaign-items/{id}")).into_response())
}

pub async fn field_check(state: State, viewer: Viewer, Path(id): Path<i64>, multipart: Multipart) -> crate::Result<Response> {
    let it = item_or_404(&state, &viewer, id, &format!("POST /campaign-items/{id}/field-check")).await?;
    let up = read_upload(multipart, "photo").await?;
    let (name, bytes) = up.photo()?;
    store::field_check(&state.db, &viewer.actor(), &viewer.scope, it.id, &up.get("note"), &up.all("observed"), name, bytes, up.position()).await?;
    Ok(Redirect::to(&format!("/campaign-items/{id}")).into_response())
}

pub async fn patrol(state: State, viewer: Viewer, Path(id): Path<i64>, multipart: Multipart) -> crate::Result<Response> {
    let it = item_or_404(&state, &viewer, id, &format!("POST /campaign-items/{id}/patrol")).await?;
    let up = read_upload(multipart, "photo").await?;
    let finding = crate::campaigns::patrol::Finding::parse(&up.get("finding"))
        .ok_or_else(|| Error::Invalid(C::choose_finding()))?;
    let (name, bytes) = up.photo()?;
    store::record_patrol(&state.db, &viewer.actor(), &viewer.scope, it.id, finding, &up.get("note"), name, bytes, up.position()).await?;
    Ok(Redirect::to("/patrol?done=1").into_response())
}

pub async fn photo(state: State, viewer: Viewer, Path((id, photo)): Path<(i64, i64)>) -> crate::Result<Response> {
    let (content_type, bytes) = store::photo_bytes(&state.db, &viewer.scope, id, photo).await?;
    Ok(([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "private, max-age=86400".to_string())], bytes).into_response())
}

pub async fn dossier(state: State, viewer: Viewer, Path(id): Path<i64>) -> crate::Result<Response> {
    let it = item_or_404(&state, &viewer, id, &format!("GET /campaign-items/{id}/dossier.zip")).await?;
    let bytes = store::dossier_archive(&state.db, &viewer.scope, &it.credit_code).await?;
    super::screening::audit_export(&state, &viewer, &format!("dossier {}", it.credit_code), 1).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"dossier-{}.zip\"", it.credit_code)),
        ],
        bytes,
    )
        .into_response())
}
