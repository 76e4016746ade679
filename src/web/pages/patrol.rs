//! The grid inspector's phone page: today's closed sites to patrol (list and map), each
//! with a photo (camera, EXIF time and position, else the phone's position) and the finding
//! "still closed" or "reopened"; and the candidates in the inspector's cells awaiting a field check.

use axum::extract::Query;
use maud::{html, Markup};
use serde::Deserialize;

use super::campaigns::offline_script;
use super::layout::{self, Section};
use crate::auth::Viewer;
use crate::storage::campaigns::{self as store, ItemFilter};
use crate::web::auth::Ctx;
use crate::web::State;
use crate::i18n::catalogue as cat;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PatrolQuery {
    pub done: Option<String>,
    /// Show every closed site, not only those due today.
    pub all: Option<String>,
}

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Query(q): Query<PatrolQuery>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let today = store::today();
    let due = store::patrols_due(&state.db, &viewer.scope, today, q.all.is_some()).await?;
    let mut pending = Vec::new();
    for c in store::list(&state.db, &viewer.scope).await? {
        for it in store::items(&state.db, &viewer.scope, c.id, &ItemFilter { verdict: Some("pending".into()), limit: Some(50), ..Default::default() }).await? {
            pending.push((c.name.clone(), it));
        }
    }
    let points: Vec<(f64, f64, String)> = due.iter().filter_map(|d| Some((d.item.longitude?, d.item.latitude?, "due".to_string()))).collect();
    let boundaries = crate::storage::map::boundaries(&state.db).await?;
    let body = html! {
        @if q.done.is_some() { p.ok #patrol-saved { (lang.label(cat::campaigns::patrol_recorded())) } }
        div.panel #patrol-today {
            h2 { (lang.label(cat::campaigns::sites_to_patrol_today())) " " (due.len()) }
            p.muted { (lang.label(cat::campaigns::closed_and_relocated_sites_come_due())) " "
                a href="/patrol?all=1" { (lang.label(cat::campaigns::show_every_closed_site())) } }
            (crate::web::charts::map(&points, &[("due", lang.label(cat::campaigns::due()), "#c0392b")], &boundaries))
            @for d in &due {
                div.site data-item=(d.item.id) {
                    h3 { a href=(format!("/campaign-items/{}", d.item.id)) { span.v { (d.item.name) } } }
                    p.small { span.v { (d.item.address) } " · " code { (d.item.division_code) } " · " (lang.label(cat::campaigns::due_2())) (d.due_on) " · " span.v { (d.campaign_name) }
                        @if let Some(last) = &d.item.last_patrol_on { " · " (lang.label(cat::campaigns::last())) span.v { (last) } } }
                    form.offline.patrol method="post" action=(format!("/campaign-items/{}/patrol", d.item.id)) enctype="multipart/form-data" data-draft=(format!("patrol-{}", d.item.id)) {
                        (layout::csrf_field(&ctx)) input type="hidden" name="lat"; input type="hidden" name="lon";
                        p { input type="file" name="photo" accept="image/jpeg,image/png" capture="environment" required; }
                        p {
                            label { input type="radio" name="finding" value="still_closed" required; " " (lang.label(cat::campaigns::still_closed())) } " "
                            label.bad { input type="radio" name="finding" value="reopened"; " " (lang.label(cat::campaigns::reopened())) }
                        }
                        p { textarea name="note" rows="2" cols="34" placeholder=(lang.label(cat::campaigns::what_you_saw_required_if_reopened())) {} }
                        button type="submit" { (lang.label(cat::campaigns::send())) }
                    }
                }
            }
            @if due.is_empty() { p.muted #nothing-due { (lang.label(cat::campaigns::no_site_is_due_today())) } }
        }
        @if !pending.is_empty() {
            div.panel #to-check {
                h2 { (lang.label(cat::campaigns::awaiting_a_field_check())) " " (pending.len()) }
                ul { @for (campaign, it) in &pending { li { a href=(format!("/campaign-items/{}", it.id)) { span.v { (it.name) } } " · " span.small { span.v { (it.address) } " · " span.v { (campaign) } } } } }
            }
        }
        (offline_script(lang))
    };
    Ok(layout::page(&ctx, Section::Patrol, lang.label(cat::campaigns::grid_patrol()), body))
}
