//! The public portal's records (issue 14 item 1): which items of the published lists bureau
//! staff published or withdrew (`publication_items`, migration 0024, every decision audited in
//! its transaction), the lists as the public sees them (only open lists, only eligible items
//! with a decision to publish — see `screening::publication::PublicList`), the same lists for
//! staff (every eligible item in their scope with its decision), an enterprise's public page
//! and the points of the portal's map. Nothing here reads an unpublished item for the public.

use std::collections::BTreeMap;

use serde_json::json;
use sqlx::Row;

use super::audit::{Actor, AuditWriter, NewEntry};
use super::cases::{case_of, Case, CASE_COLUMNS};
use super::enforcement::EpisodeRow;
use super::Db;
use crate::auth::Scope;
use crate::error::{Error, Result};
use crate::i18n::catalogue::publication as msg;
use crate::screening::publication::{check_item_key, PublicList};

/// A campaign item accepted by the city (销号), as the campaign-results list shows it.
#[derive(Clone, Debug)]
pub struct CampaignResult {
    pub id: i64,
    pub credit_code: String,
    pub name: String,
    pub division_code: String,
    pub campaign_id: i64,
    pub campaign: String,
    pub disposition: String,
    pub accepted_on: String,
}

#[derive(Clone, Debug)]
pub enum Record {
    Case(Case),
    Campaign(CampaignResult),
    Episode(EpisodeRow),
}

/// The decision on an item, if one was taken here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub published: bool,
    pub decided_by: String,
    pub decided_at: String,
    pub note: String,
}

#[derive(Clone, Debug)]
pub struct Item {
    pub list: PublicList,
    pub key: String,
    pub record: Record,
    pub decision: Option<Decision>,
}

impl Item {
    pub fn credit_code(&self) -> &str {
        match &self.record {
            Record::Case(c) => &c.credit_code,
            Record::Campaign(c) => &c.credit_code,
            Record::Episode(e) => &e.credit_code,
        }
    }
    pub fn enterprise_name(&self) -> &str {
        match &self.record {
            Record::Case(c) => &c.enterprise_name,
            Record::Campaign(c) => &c.name,
            Record::Episode(e) => &e.enterprise_name,
        }
    }
    pub fn division_code(&self) -> &str {
        match &self.record {
            Record::Case(c) => &c.division_code,
            Record::Campaign(c) => &c.division_code,
            Record::Episode(e) => &e.division_code,
        }
    }
    /// Whether the public sees it (given that its list is open).
    pub fn published(&self) -> bool {
        match &self.decision {
            Some(d) => d.published,
            None => !self.list.needs_decision(),
        }
    }
}

/// What to list: a search (enterprise name or credit code), one enterprise, a page.
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub q: String,
    pub credit_code: Option<String>,
    pub key: Option<String>,
    pub offset: i64,
    pub limit: i64,
}

enum Audience<'a> {
    Public,
    Staff(&'a Scope),
}

/// SELECT columns, FROM with joins, the item key expression, eligibility, the name column, order.
fn shape(list: PublicList) -> (String, String, &'static str, &'static str, &'static str, &'static str) {
    let join = |key: &str| format!("LEFT JOIN publication_items pi ON pi.list_code = '{}' AND pi.item_key = {key}", list.code());
    const DECISION: &str = "pi.published, pi.decided_by, pi.decided_at, pi.note";
    match list {
        PublicList::Rectification | PublicList::Closed => (
            format!("{CASE_COLUMNS}, {DECISION}"),
            format!("cases e {}", join("CAST(e.id AS TEXT)")),
            "CAST(e.id AS TEXT)",
            if list == PublicList::Rectification { "e.state IN ('rectifying', 'extension_requested')" } else { "e.state = 'published' AND e.exited_on IS NOT NULL" },
            "e.enterprise_name",
            "e.division_code, e.id",
        ),
        PublicList::Campaign => (
            format!("e.id, e.credit_code, e.name, e.division_code, e.campaign_id, c.name, COALESCE(e.disposition, ''), COALESCE(e.accepted_on, ''), {DECISION}"),
            format!("campaign_items e JOIN campaigns c ON c.id = e.campaign_id {}", join("CAST(e.id AS TEXT)")),
            "CAST(e.id AS TEXT)",
            "e.status = 'accepted'",
            "e.name",
            "e.division_code, e.id",
        ),
        PublicList::Exceedance => {
            const KEY: &str = "e.credit_code || '|' || e.outlet_code || '|' || e.pollutant || '|' || e.basis || '|' || CAST(e.starts_at AS TEXT)";
            (
                format!(
                    "e.id, e.credit_code, e.outlet_code, n.id, n.name, o.name, e.pollutant, op.pollutant_name, e.basis, e.starts_at, e.ends_at, e.periods,
                     e.max_value, e.limit_value, e.max_ratio, e.division_code, e.industry_code, e.detected_at, {DECISION}"
                ),
                format!(
                    "exceedance_episodes e
                     LEFT JOIN enterprises n ON n.credit_code = e.credit_code
                     LEFT JOIN outlets o ON o.enterprise_id = n.id AND o.code = e.outlet_code
                     LEFT JOIN outlet_pollutants op ON op.outlet_id = o.id AND op.pollutant_code = e.pollutant
                     {}",
                    join(KEY)
                ),
                KEY,
                "1=1",
                "n.name",
                "e.starts_at DESC, e.credit_code, e.outlet_code, e.pollutant, e.basis",
            )
        }
    }
}

fn decision_of(r: &sqlx::any::AnyRow, at: usize) -> Result<Option<Decision>> {
    let published: Option<i64> = r.try_get(at)?;
    Ok(match published {
        None => None,
        Some(p) => Some(Decision {
            published: p != 0,
            decided_by: r.try_get::<Option<String>, _>(at + 1)?.unwrap_or_default(),
            decided_at: r.try_get::<Option<String>, _>(at + 2)?.unwrap_or_default(),
            note: r.try_get::<Option<String>, _>(at + 3)?.unwrap_or_default(),
        }),
    })
}

fn item_of(list: PublicList, r: &sqlx::any::AnyRow) -> Result<Item> {
    Ok(match list {
        PublicList::Rectification | PublicList::Closed => {
            let c = case_of(r)?;
            Item { list, key: c.id.to_string(), decision: decision_of(r, 26)?, record: Record::Case(c) }
        }
        PublicList::Campaign => {
            let c = CampaignResult {
                id: r.try_get(0)?,
                credit_code: r.try_get(1)?,
                name: r.try_get(2)?,
                division_code: r.try_get(3)?,
                campaign_id: r.try_get(4)?,
                campaign: r.try_get(5)?,
                disposition: r.try_get(6)?,
                accepted_on: r.try_get(7)?,
            };
            Item { list, key: c.id.to_string(), decision: decision_of(r, 8)?, record: Record::Campaign(c) }
        }
        PublicList::Exceedance => {
            let e = super::enforcement::episode_row(r)?;
            let key = crate::screening::publication::episode_key(&e.credit_code, &e.outlet_code, &e.pollutant, &e.basis, e.start);
            Item { list, key, decision: decision_of(r, 18)?, record: Record::Episode(e) }
        }
    })
}

/// A LIKE pattern for a search text (its own wildcards dropped).
fn pattern(q: &str) -> String {
    format!("%{}%", q.trim().replace(['%', '_', '\\'], ""))
}

async fn fetch(db: &Db, list: PublicList, audience: Audience<'_>, q: &Query) -> Result<(Vec<Item>, i64)> {
    let (select, from, key, eligible, name, order) = shape(list);
    let mut cond = format!("{eligible}");
    let mut binds: Vec<String> = Vec::new();
    match audience {
        Audience::Public => {
            cond.push_str(if list.needs_decision() { " AND pi.published = 1" } else { " AND (pi.published IS NULL OR pi.published = 1)" });
        }
        Audience::Staff(scope) => {
            let (within, b) = scope.where_clause(1);
            cond.push_str(&format!(" AND {within}"));
            binds.extend(b);
        }
    }
    let text = q.q.trim();
    if !text.is_empty() {
        binds.push(pattern(text));
        binds.push(text.to_uppercase());
        cond.push_str(&format!(" AND ({name} LIKE ${} OR e.credit_code = ${})", binds.len() - 1, binds.len()));
    }
    if let Some(c) = q.credit_code.as_deref() {
        binds.push(c.to_string());
        cond.push_str(&format!(" AND e.credit_code = ${}", binds.len()));
    }
    if let Some(k) = q.key.as_deref() {
        binds.push(k.to_string());
        cond.push_str(&format!(" AND {key} = ${}", binds.len()));
    }
    let count_sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM {from} WHERE {cond}");
    let mut cq = sqlx::query(&count_sql);
    for b in &binds {
        cq = cq.bind(b.clone());
    }
    let total: i64 = cq.fetch_one(&db.pool).await?.try_get(0)?;
    let limit = q.limit.clamp(1, 100_000);
    let offset = q.offset.max(0);
    let sql = format!("SELECT {select} FROM {from} WHERE {cond} ORDER BY {order} LIMIT {limit} OFFSET {offset}");
    let mut sq = sqlx::query(&sql);
    for b in binds {
        sq = sq.bind(b);
    }
    let rows = sq.fetch_all(&db.pool).await?;
    let items = rows.iter().map(|r| item_of(list, r)).collect::<Result<Vec<_>>>()?;
    Ok((items, total))
}

/// The list as the public sees it: empty while the list is closed; otherwise the eligible
/// items with a decision to publish (closed capacity: unless withdrawn).
pub async fn public_items(db: &Db, settings: &BTreeMap<String, String>, list: PublicList, q: &Query) -> Result<(Vec<Item>, i64)> {
    if !list.is_open(settings) {
        return Ok((Vec::new(), 0));
    }
    fetch(db, list, Audience::Public, q).await
}

/// The list's eligible items inside the staff member's scope, with their decisions.
pub async fn staff_items(db: &Db, scope: &Scope, list: PublicList, q: &Query) -> Result<(Vec<Item>, i64)> {
    fetch(db, list, Audience::Staff(scope), q).await
}

/// Publish (or withdraw) one item of a list. The item must be eligible and inside the scope
/// (else 404, as for a missing one); the decision and its audit entry are written together.
pub async fn decide(db: &Db, actor: &Actor, scope: &Scope, list: PublicList, key: &str, publish: bool, note: &str) -> Result<Item> {
    let key = check_item_key(list, key).ok_or_else(|| Error::Invalid(msg::bad_key(key.chars().take(80).collect::<String>())))?;
    let note = note.trim();
    if note.chars().count() > 500 {
        return Err(Error::Invalid(msg::note_too_long(500)));
    }
    let q = Query { key: Some(key.clone()), limit: 1, ..Default::default() };
    let (found, _) = staff_items(db, scope, list, &q).await?;
    let item = found.into_iter().next().ok_or_else(|| Error::NotFound(msg::not_found(key.clone())))?;
    let now = super::now();
    let mut tx = db.begin().await?;
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    sqlx::query(
        "INSERT INTO publication_items (list_code, item_key, published, decided_by, decided_at, note) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (list_code, item_key) DO UPDATE SET published = excluded.published, decided_by = excluded.decided_by, decided_at = excluded.decided_at, note = excluded.note",
    )
    .bind(list.code())
    .bind(&key)
    .bind(i64::from(publish))
    .bind(&actor.name)
    .bind(&now)
    .bind(note)
    .execute(&mut *tx)
    .await?;
    let enterprise_id: Option<i64> = sqlx::query("SELECT id FROM enterprises WHERE credit_code = $1")
        .bind(item.credit_code())
        .fetch_optional(&mut *tx)
        .await?
        .map(|r| r.try_get(0))
        .transpose()?;
    let before = item.decision.as_ref().map(|d| json!({ "published": d.published, "decided_by": d.decided_by, "decided_at": d.decided_at, "note": d.note }));
    w.append(
        &mut tx,
        NewEntry {
            action: if publish { "publication_publish" } else { "publication_withdraw" },
            entity: "publication",
            entity_id: format!("{}:{key}", list.code()),
            enterprise_id,
            before,
            after: Some(json!({ "list": list.code(), "item": key, "published": publish, "note": note, "credit_code": item.credit_code(), "name": item.enterprise_name() })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    db.counts.invalidate();
    let decision = Decision { published: publish, decided_by: actor.name.clone(), decided_at: now, note: note.to_string() };
    Ok(Item { decision: Some(decision), ..item })
}

/// Open or close a list to the public (a setting, audited by `settings::set`). True if it changed.
pub async fn set_list_open(db: &Db, actor: &Actor, list: PublicList, open: bool) -> Result<bool> {
    let value = if open { String::new() } else { "off".to_string() };
    Ok(super::settings::set(db, actor, &[(list.setting_key().as_str(), value)]).await? > 0)
}

/// What the public page of an enterprise shows from the ledger.
#[derive(Clone, Debug)]
pub struct PublicEnterprise {
    pub name: String,
    pub credit_code: String,
    pub division_code: String,
    pub industry_code: String,
    pub business_licence: bool,
    pub eia_approval: String,
    pub discharge_permit_no: String,
    pub env_grade: String,
    pub point: Option<(f64, f64)>,
    /// Its published items, list by list.
    pub items: Vec<Item>,
}

/// Most items of one list shown on an enterprise's page.
pub const ENTERPRISE_ITEMS: i64 = 200;

/// An enterprise's public page: only when at least one of its items is published on an open
/// list (else `None`, answered 404 like an unknown code).
pub async fn public_enterprise(db: &Db, settings: &BTreeMap<String, String>, credit_code: &str) -> Result<Option<PublicEnterprise>> {
    let code = credit_code.trim().to_uppercase();
    if code.is_empty() || code.len() > 32 {
        return Ok(None);
    }
    let mut items = Vec::new();
    for list in PublicList::ALL {
        let q = Query { credit_code: Some(code.clone()), limit: ENTERPRISE_ITEMS, ..Default::default() };
        items.extend(public_items(db, settings, list, &q).await?.0);
    }
    if items.is_empty() {
        return Ok(None);
    }
    let row = sqlx::query(
        "SELECT name, credit_code, division_code, industry_code, CAST(business_licence AS BIGINT), eia_approval, discharge_permit_no, env_grade, longitude, latitude
         FROM enterprises WHERE credit_code = $1",
    )
    .bind(&code)
    .fetch_optional(&db.pool)
    .await?;
    let first = &items[0];
    Ok(Some(match row {
        Some(r) => {
            let (lon, lat): (Option<f64>, Option<f64>) = (r.try_get(8)?, r.try_get(9)?);
            PublicEnterprise {
                name: r.try_get(0)?,
                credit_code: r.try_get(1)?,
                division_code: r.try_get(2)?,
                industry_code: r.try_get(3)?,
                business_licence: r.try_get::<i64, _>(4)? != 0,
                eia_approval: r.try_get(5)?,
                discharge_permit_no: r.try_get(6)?,
                env_grade: r.try_get(7)?,
                point: lon.zip(lat),
                items,
            }
        }
        // Published items of an enterprise no longer in the ledger: what the items say.
        None => PublicEnterprise {
            name: first.enterprise_name().to_string(),
            credit_code: code,
            division_code: first.division_code().to_string(),
            industry_code: String::new(),
            business_licence: false,
            eia_approval: String::new(),
            discharge_permit_no: String::new(),
            env_grade: String::new(),
            point: None,
            items,
        },
    }))
}

/// A published enterprise on the portal's map: where it is, its name and which lists it is on.
#[derive(Clone, Debug)]
pub struct MapPoint {
    pub lon: f64,
    pub lat: f64,
    pub credit_code: String,
    pub name: String,
    pub lists: Vec<PublicList>,
}

/// Most items per list drawn on the map.
pub const MAP_ITEMS: i64 = 5_000;

/// The enterprises with published items on open lists, placed by the ledger's coordinates.
pub async fn map_points(db: &Db, settings: &BTreeMap<String, String>) -> Result<Vec<MapPoint>> {
    let mut by_code: BTreeMap<String, (String, Vec<PublicList>)> = BTreeMap::new();
    for list in PublicList::ALL {
        let (items, _) = public_items(db, settings, list, &Query { limit: MAP_ITEMS, ..Default::default() }).await?;
        for it in items {
            let e = by_code.entry(it.credit_code().to_string()).or_insert_with(|| (it.enterprise_name().to_string(), Vec::new()));
            if !e.1.contains(&list) {
                e.1.push(list);
            }
        }
    }
    let codes: Vec<String> = by_code.keys().cloned().collect();
    let mut out = Vec::new();
    for chunk in codes.chunks(500) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!("SELECT credit_code, longitude, latitude FROM enterprises WHERE credit_code IN ({}) AND longitude IS NOT NULL AND latitude IS NOT NULL", marks.join(", "));
        let mut q = sqlx::query(&sql);
        for c in chunk {
            q = q.bind(c.clone());
        }
        for r in q.fetch_all(&db.pool).await? {
            let code: String = r.try_get(0)?;
            let (lon, lat): (f64, f64) = (r.try_get(1)?, r.try_get(2)?);
            if let Some((name, lists)) = by_code.get(&code) {
                out.push(MapPoint { lon, lat, credit_code: code.clone(), name: name.clone(), lists: lists.clone() });
            }
        }
    }
    out.sort_by(|a, b| a.credit_code.cmp(&b.credit_code));
    Ok(out)
}
