//! Remediation campaigns: campaigns, their items (survey rows matched to the ledger or
//! entered in it provisionally), workflow steps, content-addressed photos, patrols and
//! alerts, and the progress queries (summary, daily report, monthly ranking). Every
//! change is audited in the same transaction; a step the state machine refuses writes nothing.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use serde_json::json;
use sqlx::Row;
use time::Date;

use super::audit::{self, Actor, AuditWriter, NewEntry};
use super::batch::{insert_rows, Value};
use super::cases::{format_day, parse_day};
use super::Db;
use crate::auth::{Scope, Viewer};
use crate::campaigns::definition::{self, CampaignType, WorkflowKind};
use crate::campaigns::patrol::{self, Finding};
use crate::campaigns::photo;
use crate::campaigns::progress::{self, AssessmentInput, DailyRow, DivisionCounts, RankRow, Summary, Weights};
use crate::campaigns::survey::{Status, SurveyRow, Verdict};
use crate::campaigns::workflow::{self, Action, ItemState};
use crate::error::{Error, Result};
use crate::ledger::Problem;

pub const MAX_PHOTO_BYTES: usize = 8 * 1024 * 1024;

#[derive(Clone, Debug, Serialize)]
pub struct Campaign {
    pub id: i64,
    pub name: String,
    pub type_code: String,
    #[serde(skip)]
    pub kind: CampaignType,
    pub division_code: String,
    pub start_date: String,
    pub end_date: String,
    pub target: Option<i64>,
    pub patrol_every_days: i64,
    pub weight_completion: f64,
    pub weight_timeliness: f64,
    pub created_by: String,
    pub created_at: String,
}

#[derive(Clone, Debug)]
pub struct NewCampaign {
    pub name: String,
    /// sanluanwu | relocation | custom
    pub type_code: String,
    /// The type's TOML for custom campaigns (built-in types use their embedded file).
    pub definition: Option<String>,
    pub division_code: String,
    pub start: Date,
    pub end: Date,
    pub target: Option<i64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Item {
    pub id: i64,
    pub campaign_id: i64,
    pub division_code: String,
    pub name: String,
    pub address: String,
    pub credit_code: String,
    pub enterprise_id: Option<i64>,
    pub verdict: String,
    pub exclusion_reason: String,
    pub criteria: Vec<String>,
    pub disposition: Option<String>,
    pub status: Option<String>,
    pub deadline: Option<String>,
    pub round: i64,
    pub size_class: String,
    pub longitude: Option<f64>,
    pub latitude: Option<f64>,
    pub surveyed_on: String,
    pub completed_on: Option<String>,
    pub accepted_on: Option<String>,
    pub reopened: i64,
    pub last_patrol_on: Option<String>,
    pub updated_at: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct StepDone {
    pub round: i64,
    pub step_code: String,
    pub value: String,
    pub actor: String,
    pub at: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Event {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub from_status: String,
    pub to_status: String,
    pub detail: serde_json::Value,
}

#[derive(Clone, Debug, Serialize)]
pub struct Photo {
    pub id: i64,
    pub round: i64,
    pub step_code: String,
    pub patrol_id: Option<i64>,
    pub sha256: String,
    pub file_name: String,
    pub content_type: String,
    pub taken_at: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub position_source: String,
    pub distance_m: Option<f64>,
    pub actor: String,
    pub at: String,
}

const CAMPAIGN_COLUMNS: &str = "id, name, type_code, definition, division_code, start_date, end_date, target, patrol_every_days, weight_completion, \
    weight_timeliness, created_by, created_at";

fn campaign_of(r: &sqlx::any::AnyRow) -> Result<Campaign> {
    let definition: String = r.try_get(3)?;
    let kind = definition::load("campaign", &definition)
        .map_err(|e| Error::other(format!("stored campaign type does not load: {}", e.first().map(|x| x.to_string()).unwrap_or_default())))?;
    Ok(Campaign {
        id: r.try_get(0)?,
        name: r.try_get(1)?,
        type_code: r.try_get(2)?,
        kind,
        division_code: r.try_get(4)?,
        start_date: r.try_get(5)?,
        end_date: r.try_get(6)?,
        target: r.try_get(7)?,
        patrol_every_days: r.try_get(8)?,
        weight_completion: r.try_get(9)?,
        weight_timeliness: r.try_get(10)?,
        created_by: r.try_get(11)?,
        created_at: r.try_get(12)?,
    })
}

const ITEM_COLUMNS: &str = "id, campaign_id, division_code, name, address, credit_code, enterprise_id, verdict, exclusion_reason, criteria, \
    disposition, status, deadline, round, size_class, longitude, latitude, surveyed_on, completed_on, accepted_on, reopened, last_patrol_on, updated_at";

fn item_of(r: &sqlx::any::AnyRow) -> Result<Item> {
    Ok(Item {
        id: r.try_get(0)?,
        campaign_id: r.try_get(1)?,
        division_code: r.try_get(2)?,
        name: r.try_get(3)?,
        address: r.try_get(4)?,
        credit_code: r.try_get(5)?,
        enterprise_id: r.try_get(6)?,
        verdict: r.try_get(7)?,
        exclusion_reason: r.try_get(8)?,
        criteria: r.try_get::<String, _>(9)?.split_whitespace().map(str::to_string).collect(),
        disposition: r.try_get(10)?,
        status: r.try_get(11)?,
        deadline: r.try_get(12)?,
        round: r.try_get(13)?,
        size_class: r.try_get(14)?,
        longitude: r.try_get(15)?,
        latitude: r.try_get(16)?,
        surveyed_on: r.try_get(17)?,
        completed_on: r.try_get(18)?,
        accepted_on: r.try_get(19)?,
        reopened: r.try_get(20)?,
        last_patrol_on: r.try_get(21)?,
        updated_at: r.try_get(22)?,
    })
}

pub fn today() -> Date {
    time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+8)).date()
}

/// Whether a campaign is visible to a scope: the campaign covers part of the scope, or the scope covers the campaign.
fn campaign_visible(scope: &Scope, division: &str) -> bool {
    match scope {
        Scope::All => true,
        Scope::Divisions(codes) => codes.iter().any(|c| {
            let (mine, theirs) = (crate::ledger::codes::subtree_prefix(c), crate::ledger::codes::subtree_prefix(division));
            mine.starts_with(theirs) || theirs.starts_with(mine)
        }),
        Scope::Enterprise(_) | Scope::Nothing => false,
    }
}

/// Create a campaign; returns its id. Custom types bring their definition, which is checked in full.
pub async fn create(db: &Db, actor: &Actor, new: &NewCampaign) -> Result<i64> {
    let definition = match (new.type_code.as_str(), &new.definition) {
        ("custom", Some(text)) => text.clone(),
        ("custom", None) => return Err(Error::Invalid(crate::i18n::catalogue::campaigns::custom_needs_definition())),
        (code, None) => definition::EMBEDDED
            .iter()
            .find(|(_, text)| definition::load("builtin", text).is_ok_and(|t| t.code == code))
            .map(|(_, text)| text.to_string())
            .ok_or_else(|| Error::Invalid(crate::i18n::catalogue::campaigns::unknown_type(code)))?,
        (code, Some(_)) => return Err(Error::Invalid(crate::i18n::catalogue::campaigns::definition_only_custom(code))),
    };
    let kind = definition::load("definition", &definition)
        .map_err(|e| Error::Invalid(crate::i18n::catalogue::campaigns::definition_invalid(e.len(), e[0].message())))?;
    if new.name.trim().is_empty() {
        return Err(Error::Invalid(crate::i18n::catalogue::campaigns::name_required()));
    }
    if new.end < new.start {
        return Err(Error::Invalid(crate::i18n::catalogue::campaigns::end_before_start(format_day(new.end), format_day(new.start))));
    }
    let known = sqlx::query("SELECT level FROM divisions WHERE code = $1").bind(&new.division_code).fetch_optional(&db.pool).await?;
    if known.is_none() {
        return Err(Error::Invalid(crate::i18n::catalogue::campaigns::unknown_division(&new.division_code)));
    }
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query(
        "INSERT INTO campaigns (name, type_code, definition, division_code, start_date, end_date, target, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(new.name.trim())
    .bind(if new.type_code == "custom" { format!("custom:{}", kind.code) } else { kind.code.clone() })
    .bind(&definition)
    .bind(&new.division_code)
    .bind(format_day(new.start))
    .bind(format_day(new.end))
    .bind(new.target)
    .bind(&actor.name)
    .bind(super::now())
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    w.append(
        &mut tx,
        NewEntry {
            action: "campaign_create",
            entity: "campaign",
            entity_id: id.to_string(),
            enterprise_id: None,
            before: None,
            after: Some(json!({ "name": new.name, "type": kind.code, "division": new.division_code, "start": format_day(new.start), "end": format_day(new.end) })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(id)
}

/// Change the campaign's settings (patrol cadence, ranking weights, target).
pub async fn update_settings(db: &Db, actor: &Actor, scope: &Scope, id: i64, every_days: i64, w_completion: f64, w_timeliness: f64, target: Option<i64>) -> Result<()> {
    let c = get(db, scope, id).await?;
    if !(1..=365).contains(&every_days) {
        return Err(Error::Invalid(crate::i18n::catalogue::campaigns::patrol_interval_range(every_days)));
    }
    if !(w_completion >= 0.0 && w_timeliness >= 0.0 && w_completion + w_timeliness > 0.0 && w_completion.is_finite() && w_timeliness.is_finite()) {
        return Err(Error::Invalid(crate::i18n::catalogue::campaigns::weights_invalid()));
    }
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE campaigns SET patrol_every_days = $1, weight_completion = $2, weight_timeliness = $3, target = $4 WHERE id = $5")
        .bind(every_days)
        .bind(w_completion)
        .bind(w_timeliness)
        .bind(target)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    w.append(
        &mut tx,
        NewEntry {
            action: "campaign_settings",
            entity: "campaign",
            entity_id: id.to_string(),
            enterprise_id: None,
            before: Some(json!({ "patrol_every_days": c.patrol_every_days, "weights": [c.weight_completion, c.weight_timeliness], "target": c.target })),
            after: Some(json!({ "patrol_every_days": every_days, "weights": [w_completion, w_timeliness], "target": target })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn get(db: &Db, scope: &Scope, id: i64) -> Result<Campaign> {
    let row = sqlx::query(&format!("SELECT {CAMPAIGN_COLUMNS} FROM campaigns WHERE id = $1")).bind(id).fetch_optional(&db.pool).await?;
    let c = campaign_of(&row.ok_or_else(|| Error::NotFound(crate::i18n::catalogue::campaigns::campaign_not_found(id)))?)?;
    if campaign_visible(scope, &c.division_code) { Ok(c) } else { Err(Error::NotFound(crate::i18n::catalogue::campaigns::campaign_not_found(id))) }
}

pub async fn list(db: &Db, scope: &Scope) -> Result<Vec<Campaign>> {
    let rows = sqlx::query(&format!("SELECT {CAMPAIGN_COLUMNS} FROM campaigns ORDER BY id DESC")).fetch_all(&db.pool).await?;
    Ok(rows.iter().map(campaign_of).collect::<Result<Vec<_>>>()?.into_iter().filter(|c| campaign_visible(scope, &c.division_code)).collect())
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct ImportReport {
    pub rows: usize,
    pub inserted: usize,
    pub updated: usize,
    /// Matched to an enterprise already in the ledger (by credit code, else name and address).
    pub matched: usize,
    /// New ledger entries (provisional LS numbers for workshops without a code).
    pub provisional: usize,
}

/// `Problem` carries the reason as text in the process language until problems carry messages.
fn row_problem(row: usize, column: &str, value: &str, reason: crate::i18n::Msg) -> Problem {
    Problem { sheet: crate::campaigns::survey::SHEET.into(), row, column: column.into(), value: value.into(), reason }
}

/// Import survey rows into a campaign: all or nothing. Rows are matched to the ledger (credit
/// code, else name and address within the county) or entered in it (LS numbers for workshops
/// without a code); a row whose enterprise is already in the campaign updates it (consolidating
/// the counties' ledgers).
pub async fn import(db: &Db, actor: &Actor, scope: &Scope, campaign_id: i64, rows: &[SurveyRow]) -> Result<ImportReport> {
    let campaign = get(db, scope, campaign_id).await?;
    let mut problems = Vec::new();
    // Known divisions (one query), and the viewer's scope.
    let known: HashSet<String> = sqlx::query("SELECT code FROM divisions WHERE code >= $1 AND code < $2")
        .bind(crate::ledger::codes::subtree_prefix(&campaign.division_code))
        .bind(crate::ledger::filter::prefix_upper_bound(crate::ledger::codes::subtree_prefix(&campaign.division_code)).unwrap_or_default())
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| r.try_get::<String, _>(0))
        .collect::<std::result::Result<_, _>>()?;
    for r in rows {
        if !known.contains(&r.division_code) {
            problems.push(row_problem(r.row, "区划代码", &r.division_code, crate::i18n::catalogue::campaigns::division_not_in_table()));
        } else if !scope.admits_division(&r.division_code) {
            problems.push(row_problem(r.row, "区划代码", &r.division_code, crate::i18n::catalogue::campaigns::row_outside_jurisdiction()));
        }
    }
    if !problems.is_empty() {
        return Err(Error::rejected(problems));
    }
    // The ledger, for matching: by code, and by (name, address) per county.
    let prefix = crate::ledger::codes::subtree_prefix(&campaign.division_code).to_string();
    let upper = crate::ledger::filter::prefix_upper_bound(&prefix).unwrap_or_default();
    let mut by_code: HashMap<String, (i64, String)> = HashMap::new();
    let mut by_name: HashMap<(String, String, String), (i64, String, String)> = HashMap::new();
    let mut serials: HashMap<String, i64> = HashMap::new();
    for r in sqlx::query("SELECT id, credit_code, name, address, division_code, size_class FROM enterprises").fetch_all(&db.pool).await? {
        let (id, code, name, address, division, size): (i64, String, String, String, String, String) =
            (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?, r.try_get(4)?, r.try_get(5)?);
        if let Some(rest) = code.strip_prefix("LS") {
            let county = rest.get(..6).unwrap_or_default().to_string();
            let serial: i64 = rest.get(6..).and_then(|s| s.parse().ok()).unwrap_or(0);
            let e = serials.entry(county).or_default();
            *e = (*e).max(serial);
        }
        if division >= prefix && division < upper {
            by_name.insert((division.get(..6).unwrap_or_default().to_string(), name.clone(), address.clone()), (id, size.clone(), code.clone()));
        }
        by_code.insert(code, (id, size));
    }
    let existing: HashMap<String, (i64, Option<String>)> = sqlx::query("SELECT credit_code, id, status FROM campaign_items WHERE campaign_id = $1")
        .bind(campaign_id)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, (r.try_get(1)?, r.try_get(2)?))))
        .collect::<Result<_>>()?;
    let now = super::now();
    let day = format_day(today());
    let mut report = ImportReport { rows: rows.len(), ..Default::default() };
    let mut tx = db.begin().await?;
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    // 1. Ledger entries for enterprises not in the ledger yet.
    let mut resolved: Vec<(String, i64, String)> = Vec::with_capacity(rows.len());
    let mut new_enterprises: Vec<(usize, String)> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (i, r) in rows.iter().enumerate() {
        let county = r.division_code.get(..6).unwrap_or_default().to_string();
        let found = if !r.credit_code.is_empty() {
            by_code.get(&r.credit_code).map(|(id, size)| (*id, size.clone(), r.credit_code.clone()))
        } else {
            by_name.get(&(county.clone(), r.name.clone(), r.address.clone())).cloned()
        };
        match found {
            Some((id, size, code)) => {
                report.matched += 1;
                resolved.push((code, id, size));
            }
            None => {
                let code = if r.credit_code.is_empty() {
                    let serial = serials.entry(county.clone()).or_default();
                    *serial += 1;
                    if *serial > 99_999 {
                        tx.rollback().await.ok();
                        return Err(Error::Invalid(crate::i18n::catalogue::campaigns::provisional_exhausted(&county)));
                    }
                    format!("LS{county}{:05}", *serial)
                } else {
                    r.credit_code.clone()
                };
                new_enterprises.push((i, code.clone()));
                resolved.push((code, 0, String::new()));
            }
        }
        if !seen.insert(resolved[i].0.clone()) {
            tx.rollback().await.ok();
            return Err(Error::rejected(vec![row_problem(r.row, "名称", &r.name, crate::i18n::catalogue::campaigns::same_enterprise_twice())]));
        }
    }
    if !new_enterprises.is_empty() {
        let values: Vec<Vec<Value>> = new_enterprises
            .iter()
            .map(|(i, code)| {
                let r = &rows[*i];
                vec![
                    code.into(),
                    (&r.name).into(),
                    (&r.division_code).into(),
                    "".into(),
                    (&r.address).into(),
                    r.longitude.into(),
                    r.latitude.into(),
                    "operating".into(),
                    Value::Int(Some(if r.credit_code.is_empty() { 0 } else { 1 })),
                    (&now).into(),
                    (&now).into(),
                ]
            })
            .collect();
        let ids = insert_rows(
            &mut tx,
            "enterprises",
            &["credit_code", "name", "division_code", "industry_code", "address", "longitude", "latitude", "status", "business_licence", "created_at", "updated_at"],
            &values,
            Some("id"),
        )
        .await?;
        let mut entries = Vec::new();
        for ((i, code), row) in new_enterprises.iter().zip(ids) {
            let id: i64 = row.try_get(0)?;
            resolved[*i].1 = id;
            entries.push(NewEntry {
                action: "enterprise_create",
                entity: "enterprise",
                entity_id: code.clone(),
                enterprise_id: Some(id),
                before: None,
                after: Some(json!({ "name": rows[*i].name, "division": rows[*i].division_code, "source": format!("campaign {campaign_id} survey row {}", rows[*i].row) })),
            });
        }
        report.provisional = entries.len();
        w.append_many(&mut tx, entries).await?;
    }
    // 2. Campaign items: new ones in bulk, known ones updated.
    let mut fresh = Vec::new();
    let mut entries = Vec::new();
    for (r, (code, enterprise_id, size)) in rows.iter().zip(&resolved) {
        let status = r.status.map(|s| s.code().to_string());
        let completed_on = r.status.filter(|s| s.done()).map(|_| r.completed_on.map(format_day).unwrap_or_else(|| day.clone()));
        let accepted_on = r.status.filter(|s| *s == Status::Accepted).map(|_| r.accepted_on.map(format_day).unwrap_or_else(|| day.clone()));
        let deadline = r.deadline.map(format_day).or_else(|| {
            r.disposition.as_deref().and_then(|d| campaign.kind.disposition(d)).and_then(|d| d.deadline_for(size)).map(format_day)
        });
        let surveyed_on = r.surveyed_on.map(format_day).unwrap_or_else(|| day.clone());
        if let Some((id, before)) = existing.get(code) {
            sqlx::query(
                "UPDATE campaign_items SET division_code = $1, name = $2, address = $3, verdict = $4, exclusion_reason = $5, disposition = $6, status = $7,
                    deadline = COALESCE(deadline, $8), completed_on = CASE WHEN $9 = '' THEN NULL ELSE COALESCE(completed_on, $9) END,
                    accepted_on = CASE WHEN $10 = '' THEN NULL ELSE COALESCE(accepted_on, $10) END,
                    longitude = COALESCE($11, longitude), latitude = COALESCE($12, latitude), updated_at = $13 WHERE id = $14",
            )
            .bind(&r.division_code)
            .bind(&r.name)
            .bind(&r.address)
            .bind(r.verdict.code())
            .bind(&r.exclusion_reason)
            .bind(&r.disposition)
            .bind(&status)
            .bind(&deadline)
            .bind(completed_on.clone().unwrap_or_default())
            .bind(accepted_on.clone().unwrap_or_default())
            .bind(super::float::Float(r.longitude))
            .bind(super::float::Float(r.latitude))
            .bind(&now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            report.updated += 1;
            entries.push(NewEntry {
                action: "campaign_item_import",
                entity: "campaign_item",
                entity_id: id.to_string(),
                enterprise_id: Some(*enterprise_id),
                before: Some(json!({ "status": before })),
                after: Some(json!({ "verdict": r.verdict.code(), "disposition": r.disposition, "status": status, "row": r.row })),
            });
        } else {
            fresh.push((r, code, *enterprise_id, size.clone(), status, completed_on, accepted_on, deadline, surveyed_on));
        }
    }
    let values: Vec<Vec<Value>> = fresh
        .iter()
        .map(|(r, code, enterprise_id, size, status, completed_on, accepted_on, deadline, surveyed_on)| {
            vec![
                Value::from(campaign_id),
                (&r.division_code).into(),
                (&r.name).into(),
                (&r.address).into(),
                (*code).into(),
                Value::from(*enterprise_id),
                r.verdict.code().into(),
                (&r.exclusion_reason).into(),
                Value::OptText(r.disposition.clone()),
                Value::OptText(status.clone()),
                Value::OptText(deadline.clone()),
                size.into(),
                r.longitude.into(),
                r.latitude.into(),
                surveyed_on.into(),
                Value::OptText(completed_on.clone()),
                Value::OptText(accepted_on.clone()),
                (&now).into(),
            ]
        })
        .collect();
    let ids = insert_rows(
        &mut tx,
        "campaign_items",
        &[
            "campaign_id", "division_code", "name", "address", "credit_code", "enterprise_id", "verdict", "exclusion_reason", "disposition", "status",
            "deadline", "size_class", "longitude", "latitude", "surveyed_on", "completed_on", "accepted_on", "updated_at",
        ],
        &values,
        Some("id"),
    )
    .await?;
    let mut events = Vec::new();
    for (f, row) in fresh.iter().zip(ids) {
        let id: i64 = row.try_get(0)?;
        let (r, _, enterprise_id, _, status, ..) = f;
        entries.push(NewEntry {
            action: "campaign_item_import",
            entity: "campaign_item",
            entity_id: id.to_string(),
            enterprise_id: Some(*enterprise_id),
            before: None,
            after: Some(json!({ "campaign": campaign_id, "verdict": r.verdict.code(), "disposition": r.disposition, "status": status, "row": r.row })),
        });
        events.push(vec![
            Value::from(id),
            (&now).into(),
            (&actor.name).into(),
            "import".into(),
            "".into(),
            status.clone().unwrap_or_default().as_str().into(),
            json!({ "row": r.row, "verdict": r.verdict.code(), "reason": r.exclusion_reason }).to_string().as_str().into(),
        ]);
    }
    insert_rows(&mut tx, "campaign_events", &["item_id", "at", "actor", "action", "from_status", "to_status", "detail_json"], &events, None).await?;
    report.inserted = fresh.len();
    w.append_many(&mut tx, entries).await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    db.counts.invalidate();
    Ok(report)
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ItemFilter {
    pub division: Option<String>,
    pub verdict: Option<String>,
    pub status: Option<String>,
    pub disposition: Option<String>,
    pub q: Option<String>,
    pub overdue: Option<bool>,
    pub limit: Option<i64>,
}

/// Items of a campaign inside the scope.
pub async fn items(db: &Db, scope: &Scope, campaign_id: i64, f: &ItemFilter) -> Result<Vec<Item>> {
    let (within, mut binds) = scope.where_clause(2);
    let mut sql = format!("SELECT {ITEM_COLUMNS} FROM campaign_items e WHERE e.campaign_id = $1 AND {within}");
    let mut push = |binds: &mut Vec<String>, cond: &str, v: &str| {
        binds.push(v.to_string());
        sql.push_str(&cond.replace('?', &format!("${}", binds.len() + 1)));
    };
    if let Some(d) = f.division.as_deref().filter(|s| !s.is_empty()) {
        let prefix = crate::ledger::codes::subtree_prefix(d).to_string();
        push(&mut binds, " AND e.division_code LIKE ?", &format!("{prefix}%"));
    }
    if let Some(v) = f.verdict.as_deref().filter(|s| !s.is_empty()) {
        push(&mut binds, " AND e.verdict = ?", v);
    }
    if let Some(v) = f.status.as_deref().filter(|s| !s.is_empty()) {
        push(&mut binds, " AND e.status = ?", v);
    }
    if let Some(v) = f.disposition.as_deref().filter(|s| !s.is_empty()) {
        push(&mut binds, " AND e.disposition = ?", v);
    }
    if let Some(v) = f.q.as_deref().filter(|s| !s.is_empty()) {
        push(&mut binds, " AND (e.name LIKE ? ", &format!("%{v}%"));
        push(&mut binds, "OR e.credit_code = ?)", v);
    }
    if f.overdue == Some(true) {
        push(&mut binds, " AND e.deadline < ? AND e.verdict = 'confirmed' AND e.status IN ('not_started', 'in_progress')", &format_day(today()));
    }
    sql.push_str(&format!(" ORDER BY e.division_code, e.id LIMIT {}", f.limit.unwrap_or(500).clamp(1, 100_000)));
    let mut q = sqlx::query(&sql).bind(campaign_id);
    for b in &binds {
        q = q.bind(b);
    }
    q.fetch_all(&db.pool).await?.iter().map(item_of).collect()
}

/// One item inside the scope (outside: NotFound, as if it did not exist).
pub async fn item(db: &Db, scope: &Scope, id: i64) -> Result<Item> {
    let (within, binds) = scope.where_clause(2);
    let mut q_sql = format!("SELECT {ITEM_COLUMNS} FROM campaign_items e WHERE e.id = $1 AND {within}");
    q_sql.push_str("");
    let mut q = sqlx::query(&q_sql).bind(id);
    for b in &binds {
        q = q.bind(b);
    }
    item_of(&q.fetch_optional(&db.pool).await?.ok_or_else(|| Error::NotFound(crate::i18n::catalogue::campaigns::item_not_found(id)))?)
}

pub async fn item_exists(db: &Db, id: i64) -> Result<bool> {
    Ok(sqlx::query("SELECT 1 FROM campaign_items WHERE id = $1").bind(id).fetch_optional(&db.pool).await?.is_some())
}

pub async fn steps(db: &Db, item_id: i64) -> Result<Vec<StepDone>> {
    let rows = sqlx::query("SELECT round, step_code, value, actor, at FROM campaign_steps WHERE item_id = $1 ORDER BY id").bind(item_id).fetch_all(&db.pool).await?;
    rows.iter().map(|r| Ok(StepDone { round: r.try_get(0)?, step_code: r.try_get(1)?, value: r.try_get(2)?, actor: r.try_get(3)?, at: r.try_get(4)? })).collect()
}

pub async fn events(db: &Db, item_id: i64) -> Result<Vec<Event>> {
    let rows = sqlx::query("SELECT at, actor, action, from_status, to_status, detail_json FROM campaign_events WHERE item_id = $1 ORDER BY id")
        .bind(item_id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Event {
                at: r.try_get(0)?,
                actor: r.try_get(1)?,
                action: r.try_get(2)?,
                from_status: r.try_get(3)?,
                to_status: r.try_get(4)?,
                detail: serde_json::from_str(&r.try_get::<String, _>(5)?).unwrap_or_default(),
            })
        })
        .collect()
}

pub async fn photos(db: &Db, item_id: i64) -> Result<Vec<Photo>> {
    let rows = sqlx::query(
        "SELECT p.id, p.round, p.step_code, p.patrol_id, p.sha256, p.file_name, b.content_type, p.taken_at, p.latitude, p.longitude, p.position_source,
                p.distance_m, p.actor, p.at
         FROM campaign_photos p JOIN campaign_blobs b ON b.sha256 = p.sha256 WHERE p.item_id = $1 ORDER BY p.id",
    )
    .bind(item_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Photo {
                id: r.try_get(0)?,
                round: r.try_get(1)?,
                step_code: r.try_get(2)?,
                patrol_id: r.try_get(3)?,
                sha256: r.try_get(4)?,
                file_name: r.try_get(5)?,
                content_type: r.try_get(6)?,
                taken_at: r.try_get(7)?,
                latitude: r.try_get(8)?,
                longitude: r.try_get(9)?,
                position_source: r.try_get(10)?,
                distance_m: r.try_get(11)?,
                actor: r.try_get(12)?,
                at: r.try_get(13)?,
            })
        })
        .collect()
}

/// A photo's bytes, if it belongs to an item inside the scope.
pub async fn photo_bytes(db: &Db, scope: &Scope, item_id: i64, photo_id: i64) -> Result<(String, Vec<u8>)> {
    item(db, scope, item_id).await?;
    let r = sqlx::query("SELECT b.content_type, b.data_b64 FROM campaign_photos p JOIN campaign_blobs b ON b.sha256 = p.sha256 WHERE p.id = $1 AND p.item_id = $2")
        .bind(photo_id)
        .bind(item_id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| Error::NotFound(crate::i18n::catalogue::campaigns::photo_not_found(photo_id)))?;
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD.decode(r.try_get::<String, _>(1)?).map_err(|e| Error::other(format!("stored photo: {e}")))?;
    Ok((r.try_get(0)?, bytes))
}

/// The state machine's view of an item.
pub async fn state_of(db: &Db, it: &Item) -> Result<ItemState> {
    let mut steps_now = BTreeMap::new();
    for s in steps(db, it.id).await?.into_iter().filter(|s| s.round == it.round) {
        steps_now.insert(s.step_code, s.value);
    }
    let mut photo_counts = BTreeMap::new();
    for p in photos(db, it.id).await?.into_iter().filter(|p| p.round == it.round && !p.step_code.is_empty()) {
        *photo_counts.entry(p.step_code).or_insert(0) += 1;
    }
    Ok(ItemState {
        verdict: Verdict::parse(&it.verdict),
        criteria: it.criteria.clone(),
        disposition: it.disposition.clone(),
        status: it.status.as_deref().and_then(Status::parse),
        deadline: it.deadline.as_deref().and_then(parse_day),
        steps: steps_now,
        photos: photo_counts,
        round: it.round,
        size_class: it.size_class.clone(),
    })
}

/// County acceptance is signed by county staff, city acceptance by city (or province) staff; administrators and the CLI may do both.
fn level_allows(scope: &Scope, action: &Action) -> Result<()> {
    let levels: Vec<usize> = match scope {
        Scope::All => return Ok(()),
        Scope::Divisions(codes) => codes.iter().map(|c| if c.len() == 6 && c.ends_with("00") { 4 } else { c.len() }).collect(),
        _ => vec![],
    };
    let ok = match action {
        Action::AcceptCounty { .. } => levels.contains(&6),
        Action::AcceptCity { .. } => levels.contains(&4),
        _ => true,
    };
    if ok {
        Ok(())
    } else if matches!(action, Action::AcceptCounty { .. }) {
        Err(Error::Invalid(crate::i18n::catalogue::campaigns::county_staff()))
    } else {
        Err(Error::Invalid(crate::i18n::catalogue::campaigns::city_staff()))
    }
}

fn action_detail(a: &Action) -> serde_json::Value {
    match a {
        Action::CheckCriteria(c) => json!({ "criteria": c }),
        Action::Exclude { reason } | Action::Reopen { reason } => json!({ "reason": reason }),
        Action::Assign { disposition, deadline } => json!({ "disposition": disposition, "deadline": deadline.map(format_day) }),
        Action::DoStep { step, value } => json!({ "step": step, "value": value }),
        Action::AcceptCounty { opinion, inspectors } | Action::AcceptCity { opinion, inspectors } => json!({ "opinion": opinion, "inspectors": inspectors }),
        Action::Confirm | Action::Complete | Action::ConvertOverdue => json!({}),
    }
}

/// Apply one workflow action (checked by the state machine), store it, audit it.
pub async fn apply(db: &Db, actor: &Actor, scope: &Scope, item_id: i64, action: Action) -> Result<Item> {
    let it = item(db, scope, item_id).await?;
    let campaign = get(db, &Scope::All, it.campaign_id).await?;
    level_allows(scope, &action)?;
    let state = state_of(db, &it).await?;
    let day = today();
    let next = workflow::step(&campaign.kind, &state, &action, day).map_err(Error::Invalid)?;
    let mut tx = db.begin().await?;
    write_transition(db, &mut tx, actor, &it, &state, &next, &action, day).await?;
    tx.commit().await?;
    item(db, scope, item_id).await
}

#[allow(clippy::too_many_arguments)]
async fn write_transition(
    db: &Db,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    actor: &Actor,
    it: &Item,
    state: &ItemState,
    next: &ItemState,
    action: &Action,
    day: Date,
) -> Result<()> {
    let now = super::now();
    let became = |s: Status| next.status == Some(s) && state.status != Some(s);
    let completed_on = if became(Status::Completed) { Some(format_day(day)) } else if next.status.is_some_and(Status::done) { it.completed_on.clone() } else { None };
    let accepted_on = if became(Status::Accepted) { Some(format_day(day)) } else if next.status == Some(Status::Accepted) { it.accepted_on.clone() } else { None };
    let reopened = it.reopened + i64::from(matches!(action, Action::Reopen { .. }));
    sqlx::query(
        "UPDATE campaign_items SET verdict = $1, exclusion_reason = $2, criteria = $3, disposition = $4, status = $5, deadline = $6, round = $7,
            completed_on = $8, accepted_on = $9, reopened = $10, updated_at = $11 WHERE id = $12",
    )
    .bind(next.verdict.map(|v| v.code()).unwrap_or("pending"))
    .bind(match action {
        Action::Exclude { reason } => reason.trim().to_string(),
        _ => it.exclusion_reason.clone(),
    })
    .bind(next.criteria.join(" "))
    .bind(&next.disposition)
    .bind(next.status.map(|s| s.code()))
    .bind(next.deadline.map(format_day))
    .bind(next.round)
    .bind(&completed_on)
    .bind(&accepted_on)
    .bind(reopened)
    .bind(&now)
    .bind(it.id)
    .execute(&mut **tx)
    .await?;
    if let Action::DoStep { step, value } = action {
        sqlx::query("INSERT INTO campaign_steps (item_id, round, step_code, value, actor, at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(it.id)
            .bind(state.round)
            .bind(step)
            .bind(value.trim())
            .bind(&actor.name)
            .bind(&now)
            .execute(&mut **tx)
            .await?;
    }
    let detail = action_detail(action);
    let from = state.status.map(|s| s.code()).unwrap_or(state.verdict.map(|v| v.code()).unwrap_or(""));
    let to = next.status.map(|s| s.code()).unwrap_or(next.verdict.map(|v| v.code()).unwrap_or(""));
    sqlx::query("INSERT INTO campaign_events (item_id, at, actor, action, from_status, to_status, detail_json) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(it.id)
        .bind(&now)
        .bind(&actor.name)
        .bind(action.code())
        .bind(from)
        .bind(to)
        .bind(detail.to_string())
        .execute(&mut **tx)
        .await?;
    let mut w = AuditWriter::start(db, tx, actor).await?;
    w.append(
        tx,
        NewEntry {
            action: "campaign_step",
            entity: "campaign_item",
            entity_id: it.id.to_string(),
            enterprise_id: it.enterprise_id,
            before: Some(json!({ "verdict": it.verdict, "status": it.status, "disposition": it.disposition, "round": it.round })),
            after: Some(json!({ "action": action.code(), "status": to, "disposition": next.disposition, "detail": detail })),
        },
    )
    .await?;
    w.finish(tx).await?;
    Ok(())
}

/// Turn every overdue upgrade of the campaign into its closure disposition. Returns how many.
pub async fn sweep_overdue(db: &Db, actor: &Actor, scope: &Scope, campaign_id: i64) -> Result<usize> {
    let overdue = items(db, scope, campaign_id, &ItemFilter { overdue: Some(true), limit: Some(100_000), ..Default::default() }).await?;
    let campaign = get(db, scope, campaign_id).await?;
    let mut n = 0;
    for it in overdue {
        let converts = it.disposition.as_deref().and_then(|d| campaign.kind.disposition(d)).is_some_and(|d| d.overdue_becomes.is_some());
        if converts {
            apply(db, actor, scope, it.id, Action::ConvertOverdue).await?;
            n += 1;
        }
    }
    Ok(n)
}

/// Where the phone says it is, when the browser gave a position.
#[derive(Clone, Copy, Debug, Default)]
pub struct DevicePosition {
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// A checked photo, ready to be written.
struct PreparedPhoto {
    item_id: i64,
    round: i64,
    enterprise_id: Option<i64>,
    step_code: String,
    file_name: String,
    content_type: &'static str,
    sha: String,
    bytes_b64: String,
    size: i64,
    exif: photo::Exif,
    lat: Option<f64>,
    lon: Option<f64>,
    source: &'static str,
    distance: Option<f64>,
}

async fn prepare_photo(db: &Db, it: &Item, step_code: &str, file_name: &str, bytes: &[u8], device: DevicePosition) -> Result<PreparedPhoto> {
    let Some(content_type) = photo::image_type(bytes) else {
        return Err(Error::Invalid(crate::i18n::catalogue::campaigns::not_an_image(file_name)));
    };
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(Error::TooLarge(crate::i18n::catalogue::campaigns::photo_too_large(file_name, MAX_PHOTO_BYTES >> 20)));
    }
    if !step_code.is_empty() {
        let campaign = get(db, &Scope::All, it.campaign_id).await?;
        let known = it.disposition.as_deref().and_then(|d| campaign.kind.disposition(d)).is_some_and(|d| d.step(step_code).is_some());
        if !known {
            return Err(Error::Invalid(crate::i18n::catalogue::campaigns::step_not_in_disposition(step_code)));
        }
    }
    let exif = photo::read_exif(bytes);
    let (lat, lon, source) = match (exif.latitude, exif.longitude, device.latitude, device.longitude) {
        (Some(a), Some(o), _, _) => (Some(a), Some(o), "exif"),
        (_, _, Some(a), Some(o)) if (-90.0..=90.0).contains(&a) && (-180.0..=180.0).contains(&o) => (Some(a), Some(o), "device"),
        _ => (None, None, ""),
    };
    let distance = match (lat, lon, it.latitude, it.longitude) {
        (Some(a), Some(o), Some(sa), Some(so)) => Some((photo::distance_m(a, o, sa, so) * 10.0).round() / 10.0),
        _ => None,
    };
    use base64::Engine;
    use sha2::Digest;
    Ok(PreparedPhoto {
        item_id: it.id,
        round: it.round,
        enterprise_id: it.enterprise_id,
        step_code: step_code.to_string(),
        file_name: file_name.chars().take(120).collect(),
        content_type,
        sha: hex::encode(sha2::Sha256::digest(bytes)),
        bytes_b64: base64::engine::general_purpose::STANDARD.encode(bytes),
        size: bytes.len() as i64,
        exif,
        lat,
        lon,
        source,
        distance,
    })
}

async fn write_photo(db: &Db, tx: &mut sqlx::Transaction<'static, sqlx::Any>, actor: &Actor, p: &PreparedPhoto, patrol_id: Option<i64>) -> Result<i64> {
    let stored = sqlx::query("SELECT 1 FROM campaign_blobs WHERE sha256 = $1").bind(&p.sha).fetch_optional(&mut **tx).await?;
    if stored.is_none() {
        sqlx::query("INSERT INTO campaign_blobs (sha256, content_type, size, data_b64) VALUES ($1, $2, $3, $4)")
            .bind(&p.sha)
            .bind(p.content_type)
            .bind(p.size)
            .bind(&p.bytes_b64)
            .execute(&mut **tx)
            .await?;
    }
    let id: i64 = sqlx::query(
        "INSERT INTO campaign_photos (item_id, round, step_code, patrol_id, sha256, file_name, taken_at, latitude, longitude, position_source, distance_m, actor, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(p.item_id)
    .bind(p.round)
    .bind(&p.step_code)
    .bind(patrol_id)
    .bind(&p.sha)
    .bind(&p.file_name)
    .bind(&p.exif.taken_at)
    .bind(super::float::Float(p.lat))
    .bind(super::float::Float(p.lon))
    .bind(p.source)
    .bind(super::float::Float(p.distance))
    .bind(&actor.name)
    .bind(super::now())
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    let mut w = AuditWriter::start(db, tx, actor).await?;
    w.append(
        tx,
        NewEntry {
            action: "campaign_photo",
            entity: "campaign_item",
            entity_id: p.item_id.to_string(),
            enterprise_id: p.enterprise_id,
            before: None,
            after: Some(json!({ "photo": id, "step": p.step_code, "sha256": p.sha, "taken_at": p.exif.taken_at, "lat": p.lat, "lon": p.lon, "distance_m": p.distance })),
        },
    )
    .await?;
    w.finish(tx).await?;
    Ok(id)
}

/// Store a photo content-addressed (bytes once per SHA-256), with its EXIF time and position
/// (else the phone's), and its distance from the site; the hash goes into the audit log.
#[allow(clippy::too_many_arguments)]
pub async fn add_photo(db: &Db, actor: &Actor, scope: &Scope, item_id: i64, step_code: &str, file_name: &str, bytes: &[u8], device: DevicePosition) -> Result<i64> {
    let it = item(db, scope, item_id).await?;
    let prepared = prepare_photo(db, &it, step_code, file_name, bytes, device).await?;
    let mut tx = db.begin().await?;
    let id = write_photo(db, &mut tx, actor, &prepared, None).await?;
    tx.commit().await?;
    Ok(id)
}

// ----- progress -----

fn child_len(division: &str) -> usize {
    match division.len() {
        6 if division.ends_with("0000") => 4,
        6 if division.ends_with("00") => 6,
        6 => 9,
        9 => 12,
        n => n,
    }
}

fn child_code(prefix: &str) -> String {
    if prefix.len() == 4 { format!("{prefix}00") } else { prefix.to_string() }
}

async fn names(db: &Db, codes: &[String]) -> Result<HashMap<String, String>> {
    let mut out = HashMap::new();
    for chunk in codes.chunks(200) {
        if chunk.is_empty() {
            continue;
        }
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!("SELECT code, name FROM divisions WHERE code IN ({})", marks.join(", "));
        let mut q = sqlx::query_as::<_, (String, String)>(&sql);
        for c in chunk {
            q = q.bind(c);
        }
        out.extend(q.fetch_all(&db.pool).await?);
    }
    Ok(out)
}

/// The campaign summary (the CLI's `campaign summary` JSON, the summary page and workbook).
pub async fn summary(db: &Db, scope: &Scope, campaign_id: i64) -> Result<Summary> {
    let campaign = get(db, scope, campaign_id).await?;
    let n = child_len(&campaign.division_code);
    let (within, binds) = scope.where_clause(2);
    let sql = format!(
        "SELECT SUBSTR(e.division_code, 1, {n}) AS d, e.verdict, e.status, e.disposition, CAST(COUNT(*) AS BIGINT)
         FROM campaign_items e WHERE e.campaign_id = $1 AND {within} GROUP BY SUBSTR(e.division_code, 1, {n}), e.verdict, e.status, e.disposition"
    );
    let mut q = sqlx::query(&sql).bind(campaign_id);
    for b in &binds {
        q = q.bind(b);
    }
    let mut s = Summary::default();
    let mut by_div: BTreeMap<String, DivisionCounts> = BTreeMap::new();
    let mut completed_by: HashMap<String, i64> = HashMap::new();
    for r in q.fetch_all(&db.pool).await? {
        let (d, verdict, status, disposition, count): (String, String, Option<String>, Option<String>, i64) =
            (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?, r.try_get(4)?);
        let code = child_code(&d);
        let e = by_div.entry(code.clone()).or_insert_with(|| DivisionCounts { code, ..Default::default() });
        let done = status.as_deref().and_then(Status::parse).is_some_and(Status::done);
        for c in [&mut s.surveyed, &mut e.surveyed] {
            *c += count;
        }
        match verdict.as_str() {
            "excluded" => {
                s.excluded += count;
                e.excluded += count;
            }
            "confirmed" => {
                s.confirmed += count;
                e.confirmed += count;
                if done {
                    s.completed += count;
                    e.completed += count;
                    *completed_by.entry(disposition.unwrap_or_default()).or_default() += count;
                }
            }
            _ => {}
        }
    }
    s.by_disposition = progress::shares(&campaign.kind, s.completed, &completed_by.into_iter().collect::<Vec<_>>());
    let codes: Vec<String> = by_div.keys().cloned().collect();
    let names = names(db, &codes).await?;
    s.by_division = by_div
        .into_values()
        .map(|mut d| {
            d.name = names.get(&d.code).cloned().unwrap_or_default();
            d
        })
        .collect();
    Ok(s)
}

/// The daily progress report per county, as of `day`: one grouped scan in the database
/// (dates are YYYY-MM-DD text, so text order is time order).
pub async fn daily(db: &Db, scope: &Scope, campaign_id: i64, day: Date) -> Result<Vec<DailyRow>> {
    let campaign = get(db, scope, campaign_id).await?;
    let (within, binds) = scope.where_clause(3);
    let n = |cond: &str| format!("CAST(SUM(CASE WHEN {cond} THEN 1 ELSE 0 END) AS BIGINT)");
    let sql = format!(
        "SELECT SUBSTR(e.division_code, 1, 6), e.disposition, CAST(COUNT(*) AS BIGINT), {}, {}, {}, {}, {}, {}, {}
         FROM campaign_items e WHERE e.campaign_id = $1 AND e.surveyed_on <= $2 AND {within}
         GROUP BY SUBSTR(e.division_code, 1, 6), e.disposition",
        n("e.verdict = 'excluded'"),
        n("e.verdict = 'confirmed'"),
        n("e.verdict = 'confirmed' AND e.completed_on <= $2"),
        n("e.verdict = 'confirmed' AND e.accepted_on <= $2"),
        n("e.verdict = 'confirmed' AND e.status IS NOT NULL AND (e.completed_on IS NULL OR e.completed_on > $2) AND e.deadline < $2"),
        n("e.surveyed_on = $2"),
        n("e.verdict = 'confirmed' AND e.completed_on = $2"),
    );
    let day_s = format_day(day);
    let mut q = sqlx::query(&sql).bind(campaign_id).bind(&day_s);
    for b in &binds {
        q = q.bind(b);
    }
    let mut rows: BTreeMap<String, DailyRow> = BTreeMap::new();
    for r in q.fetch_all(&db.pool).await? {
        let county: String = r.try_get(0)?;
        let disposition: Option<String> = r.try_get(1)?;
        let row = rows.entry(county.clone()).or_insert_with(|| DailyRow {
            code: county,
            done_by_disposition: campaign.kind.disposition.iter().map(|d| (d.code.clone(), 0)).collect(),
            ..Default::default()
        });
        row.surveyed += r.try_get::<i64, _>(2)?;
        row.excluded += r.try_get::<i64, _>(3)?;
        row.confirmed += r.try_get::<i64, _>(4)?;
        let done: i64 = r.try_get(5)?;
        if let Some(slot) = row.done_by_disposition.iter_mut().find(|(c, _)| Some(c) == disposition.as_ref()) {
            slot.1 += done;
        }
        row.accepted += r.try_get::<i64, _>(6)?;
        row.overdue += r.try_get::<i64, _>(7)?;
        row.new_today += r.try_get::<i64, _>(8)?;
        row.completed_today += r.try_get::<i64, _>(9)?;
    }
    let codes: Vec<String> = rows.keys().cloned().collect();
    let names = names(db, &codes).await?;
    Ok(rows
        .into_values()
        .map(|mut r| {
            r.name = names.get(&r.code).cloned().unwrap_or_default();
            r
        })
        .collect())
}

/// The monthly assessment ranking of counties as of the last day of `year`-`month`: the
/// counts in one grouped scan, the scores by `progress::rank`. An item's due day is its
/// deadline, else the campaign's end.
pub async fn ranking(db: &Db, scope: &Scope, campaign_id: i64, year: i32, month: u8) -> Result<Vec<RankRow>> {
    let campaign = get(db, scope, campaign_id).await?;
    let m = time::Month::try_from(month).map_err(|_| Error::Invalid(crate::i18n::catalogue::campaigns::month_out_of_range(month)))?;
    let last = time::util::days_in_month(m, year);
    let end = Date::from_calendar_date(year, m, last).map_err(|_| Error::Invalid(crate::i18n::catalogue::campaigns::month_out_of_range(month)))?;
    let (within, binds) = scope.where_clause(4);
    let n = |cond: &str| format!("CAST(SUM(CASE WHEN e.verdict = 'confirmed' AND {cond} THEN 1 ELSE 0 END) AS BIGINT)");
    let sql = format!(
        "SELECT SUBSTR(e.division_code, 1, 6), {}, {}, {}, {}
         FROM campaign_items e WHERE e.campaign_id = $1 AND e.surveyed_on <= $2 AND {within}
         GROUP BY SUBSTR(e.division_code, 1, 6)",
        n("1 = 1"),
        n("e.completed_on <= $2"),
        n("e.completed_on <= $2 AND e.completed_on <= COALESCE(e.deadline, $3)"),
        n("(e.completed_on IS NULL OR e.completed_on > $2) AND COALESCE(e.deadline, $3) < $2"),
    );
    let mut q = sqlx::query(&sql).bind(campaign_id).bind(format_day(end)).bind(&campaign.end_date);
    for b in &binds {
        q = q.bind(b);
    }
    let mut inputs = Vec::new();
    for r in q.fetch_all(&db.pool).await? {
        inputs.push(AssessmentInput {
            code: r.try_get(0)?,
            name: String::new(),
            confirmed: r.try_get(1)?,
            completed: r.try_get(2)?,
            completed_on_time: r.try_get(3)?,
            overdue_open: r.try_get(4)?,
        });
    }
    let codes: Vec<String> = inputs.iter().map(|i| i.code.clone()).collect();
    let names = names(db, &codes).await?;
    for i in &mut inputs {
        i.name = names.get(&i.code).cloned().unwrap_or_default();
    }
    Ok(progress::rank(&inputs, &Weights { completion: campaign.weight_completion, timeliness: campaign.weight_timeliness }))
}

// ----- patrols -----

#[derive(Clone, Debug, Serialize)]
pub struct DueSite {
    pub item: Item,
    pub campaign_name: String,
    pub due_on: String,
}

/// Closed sites (closure-workflow dispositions, remediation done) inside the scope, due for a patrol on `day`.
pub async fn patrols_due(db: &Db, scope: &Scope, day: Date, include_not_due: bool) -> Result<Vec<DueSite>> {
    let mut out = Vec::new();
    for c in list(db, scope).await? {
        let closures: Vec<&str> = c.kind.disposition.iter().filter(|d| d.workflow != WorkflowKind::Upgrade).map(|d| d.code.as_str()).collect();
        let all = items(db, scope, c.id, &ItemFilter { verdict: Some("confirmed".into()), limit: Some(100_000), ..Default::default() }).await?;
        for it in all {
            let done = it.status.as_deref().and_then(Status::parse).is_some_and(Status::done);
            if !done || !it.disposition.as_deref().is_some_and(|d| closures.contains(&d)) {
                continue;
            }
            let closed = it.completed_on.as_deref().and_then(parse_day).unwrap_or(day);
            let last = it.last_patrol_on.as_deref().and_then(parse_day);
            let due = patrol::due_on(closed, last, c.patrol_every_days);
            if include_not_due || due <= day {
                out.push(DueSite { due_on: format_day(due), campaign_name: c.name.clone(), item: it });
            }
        }
    }
    out.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.item.division_code.cmp(&b.item.division_code)));
    Ok(out)
}

#[derive(Clone, Debug, Serialize)]
pub struct PatrolRecord {
    pub id: i64,
    pub item_id: i64,
    pub inspector: String,
    pub finding: String,
    pub note: String,
    pub on_day: String,
    pub at: String,
}

pub async fn patrols_of(db: &Db, item_id: i64) -> Result<Vec<PatrolRecord>> {
    let rows = sqlx::query("SELECT id, item_id, inspector, finding, note, on_day, at FROM campaign_patrols WHERE item_id = $1 ORDER BY id").bind(item_id).fetch_all(&db.pool).await?;
    rows.iter()
        .map(|r| Ok(PatrolRecord { id: r.try_get(0)?, item_id: r.try_get(1)?, inspector: r.try_get(2)?, finding: r.try_get(3)?, note: r.try_get(4)?, on_day: r.try_get(5)?, at: r.try_get(6)? }))
        .collect()
}

/// Record a patrol of a closed site with its photo. "Reopened" reopens the case (audited) and alerts the county.
#[allow(clippy::too_many_arguments)]
pub async fn record_patrol(
    db: &Db,
    actor: &Actor,
    scope: &Scope,
    item_id: i64,
    finding: Finding,
    note: &str,
    file_name: &str,
    photo_bytes: &[u8],
    device: DevicePosition,
) -> Result<i64> {
    let it = item(db, scope, item_id).await?;
    if !it.status.as_deref().and_then(Status::parse).is_some_and(Status::done) {
        return Err(Error::Invalid(crate::i18n::catalogue::campaigns::patrol_only_remediated()));
    }
    if finding == Finding::Reopened && note.trim().is_empty() {
        return Err(Error::Invalid(crate::i18n::catalogue::campaigns::patrol_describe()));
    }
    if photo_bytes.is_empty() {
        return Err(Error::Invalid(crate::i18n::catalogue::campaigns::patrol_needs_photo()));
    }
    let prepared = prepare_photo(db, &it, "", file_name, photo_bytes, device).await?;
    let day = today();
    // A reopening is checked before anything is written.
    let reopening = if finding == Finding::Reopened {
        // The reason is what the inspector wrote; the event itself says it came from a patrol.
        let action = Action::Reopen { reason: note.trim().to_string() };
        let state = state_of(db, &it).await?;
        let campaign = get(db, &Scope::All, it.campaign_id).await?;
        let next = workflow::step(&campaign.kind, &state, &action, day).map_err(Error::Invalid)?;
        Some((action, state, next))
    } else {
        None
    };
    let mut tx = db.begin().await?;
    let patrol_id: i64 = sqlx::query(
        "INSERT INTO campaign_patrols (campaign_id, item_id, division_code, inspector, finding, note, on_day, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(it.campaign_id)
    .bind(item_id)
    .bind(&it.division_code)
    .bind(&actor.name)
    .bind(finding.code())
    .bind(note.trim())
    .bind(format_day(day))
    .bind(super::now())
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    sqlx::query("UPDATE campaign_items SET last_patrol_on = $1 WHERE id = $2").bind(format_day(day)).bind(item_id).execute(&mut *tx).await?;
    sqlx::query("INSERT INTO campaign_events (item_id, at, actor, action, from_status, to_status, detail_json) VALUES ($1, $2, $3, 'patrol', $4, $4, $5)")
        .bind(item_id)
        .bind(super::now())
        .bind(&actor.name)
        .bind(it.status.clone().unwrap_or_default())
        .bind(json!({ "finding": finding.code(), "note": note.trim() }).to_string())
        .execute(&mut *tx)
        .await?;
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    w.append(
        &mut tx,
        NewEntry {
            action: "campaign_patrol",
            entity: "campaign_item",
            entity_id: item_id.to_string(),
            enterprise_id: it.enterprise_id,
            before: None,
            after: Some(json!({ "patrol": patrol_id, "finding": finding.code(), "note": note.trim() })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    write_photo(db, &mut tx, actor, &prepared, Some(patrol_id)).await?;
    if let Some((action, state, next)) = reopening {
        write_transition(db, &mut tx, actor, &it, &state, &next, &action, day).await?;
        sqlx::query("INSERT INTO campaign_alerts (campaign_id, item_id, division_code, kind, message, at) VALUES ($1, $2, $3, 'reopened', $4, $5)")
            .bind(it.campaign_id)
            .bind(item_id)
            .bind(&it.division_code)
            .bind(note.trim())
            .bind(super::now())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(patrol_id)
}

#[derive(Clone, Debug, Serialize)]
pub struct Alert {
    pub id: i64,
    pub campaign_id: i64,
    pub item_id: i64,
    pub division_code: String,
    pub kind: String,
    /// What the inspector wrote (data); the text people read is [`Alert::text`].
    pub message: String,
    pub at: String,
    pub item_name: String,
    pub credit_code: String,
}

impl Alert {
    /// The alert as people read it: the site, its code and what the patrol found.
    pub fn text(&self) -> crate::i18n::Msg {
        crate::i18n::catalogue::campaigns::alert_reopened(self.item_name.clone(), self.credit_code.clone(), self.message.clone())
    }
}

/// Alerts inside the scope (a county sees its sites'), newest first.
pub async fn alerts(db: &Db, scope: &Scope, campaign_id: Option<i64>) -> Result<Vec<Alert>> {
    let (within, binds) = scope.where_clause(1);
    let mut sql = format!(
        "SELECT e.id, e.campaign_id, e.item_id, e.division_code, e.kind, e.message, e.at, i.name, i.credit_code FROM campaign_alerts e JOIN campaign_items i ON i.id = e.item_id WHERE {within}"
    );
    if let Some(c) = campaign_id {
        sql.push_str(&format!(" AND e.campaign_id = {c}"));
    }
    sql.push_str(" ORDER BY e.id DESC LIMIT 200");
    let mut q = sqlx::query(&sql);
    for b in &binds {
        q = q.bind(b);
    }
    q.fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| Ok(Alert { id: r.try_get(0)?, campaign_id: r.try_get(1)?, item_id: r.try_get(2)?, division_code: r.try_get(3)?, kind: r.try_get(4)?, message: r.try_get(5)?, at: r.try_get(6)?, item_name: r.try_get(7)?, credit_code: r.try_get(8)? }))
        .collect()
}

/// Items of an enterprise in every campaign inside the scope (for the dossier archive).
pub async fn items_of_enterprise(db: &Db, scope: &Scope, credit_code: &str) -> Result<Vec<Item>> {
    let (within, binds) = scope.where_clause(2);
    let mut q_sql = format!("SELECT {ITEM_COLUMNS} FROM campaign_items e WHERE e.credit_code = $1 AND {within} ORDER BY e.id");
    q_sql.push_str("");
    let mut q = sqlx::query(&q_sql).bind(credit_code);
    for b in &binds {
        q = q.bind(b);
    }
    q.fetch_all(&db.pool).await?.iter().map(item_of).collect()
}

pub fn audit_actor_cli() -> Actor {
    audit::Actor::cli()
}

pub fn viewer_actor(v: &Viewer) -> Actor {
    v.actor()
}

/// The enterprise's archive (一企一档) as zip bytes: ledger record and history, every campaign
/// item with its decisions, steps, acceptance form, patrols and photos, and its exit cases.
pub async fn dossier_archive(db: &Db, scope: &Scope, credit_code: &str) -> Result<Vec<u8>> {
    use crate::campaigns::dossier::{self, Entry, Header};
    let mut entries = Vec::new();
    let mut header = Header { credit_code: credit_code.to_string(), generated_at: super::display_time(&super::now()), ..Default::default() };
    let enterprise_id = super::ledger::enterprise_id_by_code(db, credit_code).await?;
    if let Some(id) = enterprise_id {
        if let Ok(d) = super::ledger::dossier(db, scope, id).await {
            header.name = d.enterprise.record.name.clone();
            header.address = d.enterprise.record.address.clone();
            header.division = d.division_path.iter().map(|x| x.name.as_str()).collect::<Vec<_>>().join(" ");
            entries.push(Entry { path: "ledger/enterprise.json".into(), bytes: serde_json::to_vec_pretty(&d).unwrap_or_default(), title: "企业台账记录及变更记录".into() });
        }
    }
    let items = items_of_enterprise(db, scope, credit_code).await?;
    let cases = super::cases::list(db, scope, &super::cases::CaseFilter { credit_code: Some(credit_code.to_string()), ..Default::default() }).await?;
    if entries.is_empty() && items.is_empty() && cases.is_empty() {
        return Err(Error::NotFound(crate::i18n::catalogue::campaigns::enterprise_not_found(credit_code)));
    }
    for it in &items {
        if header.name.is_empty() {
            header.name = it.name.clone();
            header.address = it.address.clone();
            header.division = it.division_code.clone();
        }
        let campaign = get(db, &Scope::All, it.campaign_id).await?;
        let dir = format!("campaigns/{}-{}", it.campaign_id, it.id);
        let steps_done = steps(db, it.id).await?;
        let evs = events(db, it.id).await?;
        let pics = photos(db, it.id).await?;
        let pats = patrols_of(db, it.id).await?;
        let record = json!({ "campaign": { "id": campaign.id, "name": campaign.name, "type": campaign.type_code }, "item": it, "steps": steps_done, "events": evs, "patrols": pats, "photos": pics });
        entries.push(Entry { path: format!("{dir}/record.json"), bytes: record.to_string().into_bytes(), title: format!("{} · 摸排、认定、整治、验收、巡查记录", campaign.name) });
        let disposition = it.disposition.as_deref().and_then(|d| campaign.kind.disposition(d));
        let step_rows: Vec<(String, String, String)> = steps_done
            .iter()
            .filter(|s| s.round == it.round)
            .map(|s| {
                let label = disposition.and_then(|d| d.step(&s.step_code)).map(|x| x.zh.clone()).unwrap_or_else(|| s.step_code.clone());
                (label, s.value.clone(), super::display_time(&s.at))
            })
            .collect();
        let acceptances: Vec<(String, String, String, String)> = evs
            .iter()
            .filter(|e| e.action == "accept_county" || e.action == "accept_city")
            .map(|e| {
                let who = e.detail["inspectors"].as_array().map(|l| l.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join("、")).unwrap_or_default();
                (if e.action == "accept_county" { "县级" } else { "市级" }.to_string(), e.detail["opinion"].as_str().unwrap_or_default().to_string(), who, super::display_time(&e.at))
            })
            .collect();
        if !acceptances.is_empty() {
            let form = dossier::acceptance_form(&campaign.name, &it.name, &it.credit_code, disposition.map(|d| d.label.as_str()).unwrap_or(""), &step_rows, &acceptances);
            entries.push(Entry { path: format!("{dir}/验收单.html"), bytes: form.into_bytes(), title: format!("{} · 验收单", campaign.name) });
        }
        for p in &pics {
            let (content_type, bytes) = photo_bytes(db, &Scope::All, it.id, p.id).await?;
            let ext = if content_type == "image/png" { "png" } else { "jpg" };
            let what = if p.patrol_id.is_some() {
                "巡查照片".to_string()
            } else {
                disposition.and_then(|d| d.step(&p.step_code)).map(|s| format!("照片 · {}", s.zh)).unwrap_or_else(|| "照片".into())
            };
            entries.push(Entry { path: format!("{dir}/photos/{}-{}.{ext}", p.id, if p.step_code.is_empty() { "patrol" } else { &p.step_code }), bytes, title: format!("{what} (SHA-256 {})", p.sha256.get(..12).unwrap_or(&p.sha256)) });
        }
    }
    for c in &cases {
        let evs = super::cases::events(db, c.id).await?;
        entries.push(Entry { path: format!("exit-cases/{}/record.json", c.id), bytes: json!({ "case": c, "events": evs }).to_string().into_bytes(), title: format!("落后产能退出案件 #{} {}", c.id, c.title) });
        for p in super::cases::photos(db, c.id).await? {
            let (content_type, bytes) = super::cases::photo(db, scope, c.id, p.id).await?;
            let ext = if content_type == "image/png" { "png" } else { "jpg" };
            entries.push(Entry { path: format!("exit-cases/{}/photos/{}-{}.{ext}", c.id, p.id, p.stage), bytes, title: format!("退出案件照片 ({})", p.stage) });
        }
    }
    dossier::archive(&header, &entries).map_err(Error::other)
}


/// A field check on the phone (a candidate's site as found): a photo, a note and the
/// criteria observed, recorded as an event; the identification itself stays with the township or county.
#[allow(clippy::too_many_arguments)]
pub async fn field_check(db: &Db, actor: &Actor, scope: &Scope, item_id: i64, note: &str, observed: &[String], file_name: &str, bytes: &[u8], device: DevicePosition) -> Result<i64> {
    let it = item(db, scope, item_id).await?;
    let campaign = get(db, &Scope::All, it.campaign_id).await?;
    for c in observed {
        if campaign.kind.criterion(c).is_none() {
            return Err(Error::Invalid(crate::i18n::catalogue::campaigns::unknown_criterion(c)));
        }
    }
    if bytes.is_empty() {
        return Err(Error::Invalid(crate::i18n::catalogue::campaigns::field_check_needs_photo()));
    }
    let prepared = prepare_photo(db, &it, "", file_name, bytes, device).await?;
    let mut tx = db.begin().await?;
    let photo_id = write_photo(db, &mut tx, actor, &prepared, None).await?;
    let status = it.status.clone().unwrap_or_else(|| it.verdict.clone());
    sqlx::query("INSERT INTO campaign_events (item_id, at, actor, action, from_status, to_status, detail_json) VALUES ($1, $2, $3, 'field_check', $4, $4, $5)")
        .bind(item_id)
        .bind(super::now())
        .bind(&actor.name)
        .bind(&status)
        .bind(json!({ "note": note.trim(), "observed": observed, "photo": photo_id }).to_string())
        .execute(&mut *tx)
        .await?;
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    w.append(
        &mut tx,
        NewEntry {
            action: "campaign_field_check",
            entity: "campaign_item",
            entity_id: item_id.to_string(),
            enterprise_id: it.enterprise_id,
            before: None,
            after: Some(json!({ "note": note.trim(), "observed": observed, "photo": photo_id })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(photo_id)
}
