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
        @if q.done.is_some() { p.ok #patrol-saved { (lang.pick("巡查已记录。", "Patrol recorded.")) } }
        div.panel #patrol-today {
            h2 { (lang.pick("今日巡查点位", "Sites to patrol today")) " " (due.len()) }
            p.muted { (lang.pick("已关停、已搬迁点位按巡查周期排入,防止死灰复燃。", "Closed and relocated sites come due by the campaign's patrol interval, so that they do not reopen.")) " "
                a href="/patrol?all=1" { (lang.pick("显示全部已关停点位", "show every closed site")) } }
            (crate::web::charts::map(&points, &[("due", lang.pick("待巡查", "due"), "#c0392b")], &boundaries))
            @for d in &due {
                div.site data-item=(d.item.id) {
                    h3 { a href=(format!("/campaign-items/{}", d.item.id)) { span.v { (d.item.name) } } }
                    p.small { span.v { (d.item.address) } " · " code { (d.item.division_code) } " · " (lang.pick("应巡查 ", "due ")) (d.due_on) " · " span.v { (d.campaign_name) }
                        @if let Some(last) = &d.item.last_patrol_on { " · " (lang.pick("上次 ", "last ")) span.v { (last) } } }
                    form.offline.patrol method="post" action=(format!("/campaign-items/{}/patrol", d.item.id)) enctype="multipart/form-data" data-draft=(format!("patrol-{}", d.item.id)) {
                        (layout::csrf_field(&ctx)) input type="hidden" name="lat"; input type="hidden" name="lon";
                        p { input type="file" name="photo" accept="image/jpeg,image/png" capture="environment" required; }
                        p {
                            label { input type="radio" name="finding" value="still_closed" required; " " (lang.pick("仍处于关停状态", "Still closed")) } " "
                            label.bad { input type="radio" name="finding" value="reopened"; " " (lang.pick("已恢复生产", "Reopened")) }
                        }
                        p { textarea name="note" rows="2" cols="34" placeholder=(lang.pick("现场情况(反弹时必填)", "What you saw (required if reopened)")) {} }
                        button type="submit" { (lang.pick("提交巡查", "Send")) }
                    }
                }
            }
            @if due.is_empty() { p.muted #nothing-due { (lang.pick("今天没有到期的巡查点位。", "No site is due today.")) } }
        }
        @if !pending.is_empty() {
            div.panel #to-check {
                h2 { (lang.pick("待现场核查", "Awaiting a field check")) " " (pending.len()) }
                ul { @for (campaign, it) in &pending { li { a href=(format!("/campaign-items/{}", it.id)) { span.v { (it.name) } } " · " span.small { span.v { (it.address) } " · " span.v { (campaign) } } } } }
            }
        }
        (offline_script(lang))
    };
    Ok(layout::page(&ctx, Section::Patrol, lang.pick("网格巡查", "Grid patrol"), body))
}
