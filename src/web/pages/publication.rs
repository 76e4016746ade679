//! What the public portal shows is decided here by bureau staff (issue 14 item 1): per list
//! (open or closed to the public) and per item (publish, withdraw), every decision audited.
//! Staff see the eligible items of their jurisdiction; the public sees only what is published
//! (`pages::public`). Also the cells both pages draw for an item of each list.

use std::collections::HashMap;

use axum::extract::{Form, Query};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{self, csrf_field, Section};
use super::pager::{Pager, PER_PAGE};
use super::screening::dimension_label;
use crate::auth::{Scope, Viewer};
use crate::i18n::catalogue::publication as m;
use crate::screening::publication::PublicList;
use crate::storage::campaigns::Campaign;
use crate::storage::publication::{self as store, Item, Record};
use crate::web::auth::Ctx;
use crate::web::i18n::Lang;
use crate::web::State;

pub fn list_name(list: PublicList, lang: Lang) -> &'static str {
    lang.label(match list {
        PublicList::Rectification => m::list_rectification(),
        PublicList::Closed => m::list_closed(),
        PublicList::Campaign => m::list_campaign(),
        PublicList::Exceedance => m::list_exceedance(),
    })
}

/// The header cells after enterprise, credit code and division.
pub fn detail_headers(list: PublicList, lang: Lang) -> Markup {
    let l = |msg| lang.label(msg);
    html! {
        @match list {
            PublicList::Rectification => { th { (l(m::col_equipment())) } th { (l(m::col_finding())) } th { (l(m::col_deadline())) } }
            PublicList::Closed => { th { (l(m::col_equipment())) } th { (l(m::col_finding())) } th { (l(m::col_exit_by())) } th { (l(m::col_exited_on())) } }
            PublicList::Campaign => { th { (l(m::col_campaign())) } th { (l(m::col_disposition())) } th { (l(m::col_accepted_on())) } }
            PublicList::Exceedance => { th { (l(m::col_outlet())) } th { (l(m::col_pollutant())) } th { (l(m::col_period())) } th.num { (l(m::col_max())) } }
        }
    }
}

/// The campaigns of these items (for their disposition labels), read once per page.
pub async fn campaigns_of(state: &State, items: &[Item]) -> crate::Result<HashMap<i64, Campaign>> {
    let mut out = HashMap::new();
    for it in items {
        if let Record::Campaign(c) = &it.record {
            if !out.contains_key(&c.campaign_id) {
                // Only the definition's labels are read; the item itself was already chosen.
                out.insert(c.campaign_id, crate::storage::campaigns::get(&state.db, &Scope::All, c.campaign_id).await?);
            }
        }
    }
    Ok(out)
}

/// The cells after enterprise, credit code and division, as `detail_headers` names them.
pub fn detail_cells(it: &Item, campaigns: &HashMap<i64, Campaign>, lang: Lang) -> Markup {
    html! {
        @match &it.record {
            Record::Case(c) => {
                td data-v { (c.equipment) }
                td { (dimension_label(&c.dimension, lang)) ": " span.v { (c.title) } }
                @if it.list == PublicList::Closed {
                    td { (lang.label(if c.dismantled { m::dismantled() } else { m::sealed() })) }
                    td data-v { (c.exited_on.clone().unwrap_or_default()) }
                } @else {
                    td data-v { (c.deadline.clone().unwrap_or_default()) }
                }
            }
            Record::Campaign(c) => {
                td data-v { (c.campaign) }
                td { @match campaigns.get(&c.campaign_id) {
                    Some(k) => (super::campaigns::disposition_label(lang, k, Some(c.disposition.as_str()).filter(|d| !d.is_empty()))),
                    None => span.v { (c.disposition) },
                } }
                td data-v { (c.accepted_on) }
            }
            Record::Episode(e) => {
                td data-v { @if e.outlet_name.is_empty() { (e.outlet_code) } @else { (e.outlet_name) " (" (e.outlet_code) ")" } }
                td data-v { @if e.pollutant_name.is_empty() { (e.pollutant) } @else { (e.pollutant_name) } }
                td { (m::episode_span(crate::monitoring::clock::format_minute(e.start), e.hours()).markup(lang)) }
                td.num data-v { (format!("{:.2} / {:.2}", e.max_value, e.limit)) }
            }
        }
    }
}

fn status_cell(it: &Item, lang: Lang) -> Markup {
    html! {
        @if it.published() { span.tag.ok { (lang.label(m::status_published())) } }
        @else if it.decision.is_some() { span.tag { (lang.label(m::status_withdrawn())) } }
        @else { span.muted { (lang.label(m::status_unpublished())) } }
        @if let Some(d) = &it.decision {
            br; span.small { (m::decided(d.decided_by.clone(), crate::storage::display_time(&d.decided_at)).markup(lang)) }
            @if !d.note.is_empty() { br; span.small.v { (d.note) } }
        }
    }
}

/// May this account open or close a list (a city-wide decision)?
fn decides_lists(scope: &Scope) -> bool {
    match scope {
        Scope::All => true,
        Scope::Divisions(codes) => codes.iter().all(|c| crate::ledger::codes::subtree_prefix(c).len() <= 4),
        _ => false,
    }
}

pub async fn page(state: State, ctx: Ctx, viewer: Viewer, Query(params): Query<Vec<(String, String)>>) -> crate::Result<Markup> {
    let lang = ctx.lang;
    let get = |k: &str| params.iter().find(|(key, _)| key == k).map(|(_, v)| v.trim().to_string()).unwrap_or_default();
    let list = PublicList::parse(&get("list")).unwrap_or(PublicList::Rectification);
    let q = get("q");
    let settings = crate::storage::settings::all(&state.db).await?;
    let pager = Pager::new("/publication", params.clone(), PER_PAGE).keeping(&["list", "q"]);
    let query = store::Query { q: q.clone(), offset: pager.offset() as i64, limit: PER_PAGE as i64, ..Default::default() };
    let (items, total) = store::staff_items(&state.db, &viewer.scope, list, &query).await?;
    let pager = pager.with_total(total as u64);
    let names = crate::storage::ledger::full_names(&state.db, items.iter().map(|i| i.division_code())).await?;
    let campaigns = campaigns_of(&state, &items).await?;
    let open = list.is_open(&settings);
    let body = html! {
        nav.tabs #publication-lists {
            @for l in PublicList::ALL {
                a href=(format!("/publication?list={}", l.code())) class=(if l == list { "tab active" } else { "tab" }) data-list=(l.code()) { (list_name(l, lang)) }
            }
        }
        div.panel #publication-list-state {
            p {
                @if open { span.tag.ok #list-open { (lang.label(m::list_open())) } } @else { span.tag.bad #list-open { (lang.label(m::list_not_open())) } }
                " " (lang.label(if list.needs_decision() { m::hint_decision() } else { m::hint_closed() }))
            }
            @if decides_lists(&viewer.scope) {
                form method="post" action="/publication/lists" {
                    (csrf_field(&ctx))
                    input type="hidden" name="list" value=(list.code());
                    input type="hidden" name="open" value=(if open { "0" } else { "1" });
                    button.secondary type="submit" #toggle-list { (lang.label(if open { m::close_list() } else { m::open_list() })) }
                }
            }
            p { a href="/public" { (lang.label(m::see_portal())) } }
        }
        div.panel {
            form.filters method="get" action="/publication" #publication-search {
                input type="hidden" name="list" value=(list.code());
                input type="search" name="q" value=(q) placeholder=(lang.label(m::search_placeholder()));
                button type="submit" { (lang.label(m::search())) }
            }
            h2 { (list_name(list, lang)) " (" (total) ")" }
            @if items.is_empty() { p.muted { (lang.label(m::no_items())) } }
            @else {
                div.table-wrap { table #publication-items {
                    thead { tr { th { (lang.label(m::col_enterprise())) } th { (lang.label(m::col_code())) } th { (lang.label(m::col_division())) } (detail_headers(list, lang)) th { (lang.label(m::col_status())) } th { (lang.label(m::col_action())) } } }
                    tbody { @for it in &items {
                        tr data-key=(it.key) data-published=(if it.published() { "1" } else { "0" }) {
                            td data-v { (it.enterprise_name()) } td { code data-v { (it.credit_code()) } }
                            td data-v { (names.get(it.division_code()).map(String::as_str).unwrap_or(it.division_code())) }
                            (detail_cells(it, &campaigns, lang))
                            td { (status_cell(it, lang)) }
                            td {
                                form method="post" action="/publication/items" {
                                    (csrf_field(&ctx))
                                    input type="hidden" name="list" value=(list.code());
                                    input type="hidden" name="key" value=(it.key);
                                    input type="hidden" name="q" value=(q);
                                    input type="text" name="note" maxlength="500" placeholder=(lang.label(m::note_placeholder()));
                                    @if it.published() {
                                        button.secondary type="submit" name="choice" value="withdraw" { (lang.label(m::withdraw())) }
                                    } @else {
                                        button type="submit" name="choice" value="publish" { (lang.label(m::publish())) }
                                    }
                                }
                            }
                        }
                    } }
                } }
                (pager.render(lang, "publication-pager"))
            }
        }
    };
    Ok(layout::page(&ctx, Section::Publication, lang.label(m::staff_title()), body))
}

#[derive(Deserialize, Default)]
pub struct DecideForm {
    #[serde(default)]
    pub list: String,
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub choice: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub q: String,
}

fn parse_list(s: &str) -> crate::Result<PublicList> {
    PublicList::parse(s).ok_or_else(|| crate::Error::Invalid(m::bad_list(s.chars().take(40).collect::<String>())))
}

pub async fn decide(state: State, viewer: Viewer, Form(f): Form<DecideForm>) -> crate::Result<Response> {
    let list = parse_list(&f.list)?;
    let publish = match f.choice.as_str() {
        "publish" => true,
        "withdraw" => false,
        other => return Err(crate::Error::Invalid(m::bad_choice(other.chars().take(40).collect::<String>()))),
    };
    store::decide(&state.db, &viewer.actor(), &viewer.scope, list, &f.key, publish, &f.note).await?;
    let back = serde_urlencoded::to_string([("list", list.code()), ("q", f.q.trim())]).unwrap_or_default();
    Ok(Redirect::to(&format!("/publication?{back}")).into_response())
}

#[derive(Deserialize, Default)]
pub struct ListForm {
    #[serde(default)]
    pub list: String,
    #[serde(default)]
    pub open: String,
}

pub async fn set_list(state: State, viewer: Viewer, Form(f): Form<ListForm>) -> crate::Result<Response> {
    let list = parse_list(&f.list)?;
    let open = match f.open.as_str() {
        "1" => true,
        "0" => false,
        other => return Err(crate::Error::Invalid(m::bad_choice(other.chars().take(40).collect::<String>()))),
    };
    if !decides_lists(&viewer.scope) {
        return Err(crate::Error::Forbidden(m::lists_city_only()));
    }
    store::set_list_open(&state.db, &viewer.actor(), list, open).await?;
    Ok(Redirect::to(&format!("/publication?list={}", list.code())).into_response())
}
