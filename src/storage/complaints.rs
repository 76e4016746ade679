//! Complaints (举报): filing (with photos, identity, the first event, the officers' notice and
//! the audit entry in one transaction), the public view (no identity), nearby open complaints,
//! the officers' list and steps (scoped by jurisdiction and bureau, compare-and-set on the
//! stage), merging, Open311 queries and keys, and the inbox.
//!
//! **Invariant:** the complainant's identity (`complaint_identities`) is read by one function,
//! [`identity`], which the handling officer's page calls; no list, export, public page or API
//! selects from that table. It is also in the filing's audit entry.

use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::Row;

use super::audit::{Actor, AuditWriter, NewEntry};
use super::float::Float;
use super::Db;
use crate::auth::{Role, Scope, Viewer};
use crate::complaints::deadlines::{self, Settings};
use crate::complaints::{self as domain, Action, Category, NotAcceptedReason, Stage};
use crate::error::{Error, Result};
use crate::i18n::catalogue::complaints as m;

#[derive(Clone, Debug, serde::Serialize)]
pub struct Complaint {
    pub id: i64,
    pub tracking: String,
    pub token: String,
    pub channel: String,
    pub partner: String,
    pub categories: String,
    pub service_code: String,
    pub description: String,
    pub address: String,
    pub lon: Option<f64>,
    pub lat: Option<f64>,
    pub division_code: String,
    pub bureau: String,
    pub stage: String,
    pub not_accepted_reason: String,
    pub merged_into: String,
    pub supporters: i64,
    pub real_name: bool,
    pub reward_flag: bool,
    pub handler: String,
    pub answer: String,
    pub published: bool,
    pub extended: bool,
    pub received_at: String,
    pub accepted_on: Option<String>,
    pub stage_on: String,
    pub due_on: Option<String>,
    pub closed_at: Option<String>,
    pub updated_at: String,
}

impl Complaint {
    pub fn stage(&self) -> Stage {
        Stage::parse(&self.stage).unwrap_or(Stage::Received)
    }
    pub fn categories(&self) -> Vec<Category> {
        domain::categories_from_text(&self.categories)
    }
    pub fn overdue(&self, today: time::Date) -> bool {
        !self.stage().is_final() && deadlines::overdue(self.due_on.as_deref().and_then(deadlines::parse_date), today)
    }
    pub fn not_accepted_reason(&self) -> Option<NotAcceptedReason> {
        NotAcceptedReason::parse(&self.not_accepted_reason)
    }
}

const COLUMNS: &str = "e.id, e.tracking, e.token, e.channel, e.partner, e.categories, e.service_code, e.description, e.address, e.lon, e.lat,
    e.division_code, e.bureau, e.stage, e.not_accepted_reason, e.merged_into, e.supporters, e.real_name, e.reward_flag, e.handler, e.answer,
    e.published, e.extended, e.received_at, e.accepted_on, e.stage_on, e.due_on, e.closed_at, e.updated_at";

fn read(r: &AnyRow) -> Result<Complaint> {
    Ok(Complaint {
        id: r.try_get(0)?,
        tracking: r.try_get(1)?,
        token: r.try_get(2)?,
        channel: r.try_get(3)?,
        partner: r.try_get(4)?,
        categories: r.try_get(5)?,
        service_code: r.try_get(6)?,
        description: r.try_get(7)?,
        address: r.try_get(8)?,
        lon: r.try_get(9)?,
        lat: r.try_get(10)?,
        division_code: r.try_get(11)?,
        bureau: r.try_get(12)?,
        stage: r.try_get(13)?,
        not_accepted_reason: r.try_get(14)?,
        merged_into: r.try_get(15)?,
        supporters: r.try_get(16)?,
        real_name: r.try_get::<i64, _>(17)? != 0,
        reward_flag: r.try_get::<i64, _>(18)? != 0,
        handler: r.try_get(19)?,
        answer: r.try_get(20)?,
        published: r.try_get::<i64, _>(21)? != 0,
        extended: r.try_get::<i64, _>(22)? != 0,
        received_at: r.try_get(23)?,
        accepted_on: r.try_get(24)?,
        stage_on: r.try_get(25)?,
        due_on: r.try_get(26)?,
        closed_at: r.try_get(27)?,
        updated_at: r.try_get(28)?,
    })
}

/// District names by code, from the stored boundaries (without reading their geometry).
pub async fn district_names(db: &Db) -> Result<std::collections::HashMap<String, String>> {
    let rows = sqlx::query("SELECT code, name FROM boundaries").fetch_all(&db.pool).await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}

/// The secret that signs the public form's challenges.
pub async fn secret(db: &Db) -> Result<Vec<u8>> {
    let s: String = sqlx::query("SELECT secret FROM complaint_secret WHERE id = 1").fetch_one(&db.pool).await?.try_get(0)?;
    Ok(s.into_bytes())
}

pub struct Photo {
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

pub struct NewComplaint {
    pub draft: domain::Draft,
    pub division_code: String,
    pub district_name: String,
    pub bureau: String,
    pub channel: String,
    pub partner: String,
    pub photos: Vec<Photo>,
    /// The answered challenge (web form), stored unique.
    pub nonce: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Filed {
    pub id: i64,
    pub tracking: String,
    pub token: String,
}

fn random_hex(n: usize) -> String {
    use rand::RngCore;
    let mut b = vec![0u8; n];
    rand::thread_rng().fill_bytes(&mut b);
    hex::encode(b)
}

fn is_unique_violation(e: &sqlx::Error) -> bool {
    let text = e.to_string().to_lowercase();
    text.contains("unique") || text.contains("duplicate key")
}

/// File a complaint: everything in one transaction, nothing on any refusal.
pub async fn file(db: &Db, actor: &Actor, c: NewComplaint, settings: &Settings) -> Result<Filed> {
    let now = super::now();
    let today = deadlines::beijing_date(&now).unwrap_or_else(deadlines::today_beijing);
    let tracking = domain::tracking::new(today, &mut rand::thread_rng());
    let token = random_hex(16);
    let cats = &c.draft.categories;
    let due = settings.due(Stage::Received, today, None, false).map(deadlines::format_date);
    let mut tx = db.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO complaints (tracking, token, channel, partner, categories, service_code, description, address, lon, lat, division_code, bureau, stage,
            real_name, reward_flag, received_at, stage_on, due_on, updated_at, challenge_nonce)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'received', $13, $13, $14, $15, $16, $14, $17) RETURNING id",
    )
    .bind(&tracking)
    .bind(&token)
    .bind(&c.channel)
    .bind(&c.partner)
    .bind(domain::categories_to_text(cats))
    .bind(cats.iter().min().map(|c| c.code()).unwrap_or("air"))
    .bind(c.draft.description.trim())
    .bind(c.draft.address.trim())
    .bind(Float(c.draft.lon))
    .bind(Float(c.draft.lat))
    .bind(&c.division_code)
    .bind(&c.bureau)
    .bind(i64::from(c.draft.real_name))
    .bind(&now)
    .bind(deadlines::format_date(today))
    .bind(&due)
    .bind(&c.nonce)
    .fetch_one(&mut *tx)
    .await;
    let id: i64 = match inserted {
        Ok(r) => r.try_get(0)?,
        Err(e) if c.nonce.is_some() && is_unique_violation(&e) && e.to_string().contains("nonce") => return Err(Error::Conflict(m::challenge_used())),
        Err(e) if c.nonce.is_some() && is_unique_violation(&e) => {
            // SQLite names the column, PostgreSQL the constraint: either way the nonce (tracking numbers are random).
            return Err(Error::Conflict(m::challenge_used()));
        }
        Err(e) => return Err(e.into()),
    };
    let d = &c.draft;
    if d.has_identity() {
        sqlx::query("INSERT INTO complaint_identities (complaint_id, name, phone, email) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(d.name.trim())
            .bind(d.phone.trim())
            .bind(d.email.trim())
            .execute(&mut *tx)
            .await?;
    }
    let mut photo_hashes = Vec::new();
    for p in &c.photos {
        use base64::Engine;
        let sha = hex::encode(Sha256::digest(&p.bytes));
        sqlx::query("INSERT INTO complaint_photos (complaint_id, file_name, content_type, size, sha256, data_b64) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(id)
            .bind(&p.file_name)
            .bind(&p.content_type)
            .bind(p.bytes.len() as i64)
            .bind(&sha)
            .bind(base64::engine::general_purpose::STANDARD.encode(&p.bytes))
            .execute(&mut *tx)
            .await?;
        photo_hashes.push(sha);
    }
    event(&mut tx, id, "receive", Stage::Received, Stage::Received, "", &actor.name, &now).await?;
    notify(&mut tx, "complaint_new", &c.division_code, &c.bureau, id, m::notice_new(&tracking, c.district_name.clone()), &format!("/complaints/{id}"), &now).await?;
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    w.append(
        &mut tx,
        NewEntry {
            action: "complaint_file",
            entity: "complaint",
            entity_id: tracking.clone(),
            enterprise_id: None,
            before: None,
            after: Some(json!({
                "channel": c.channel, "partner": c.partner, "categories": domain::categories_to_text(cats), "division": c.division_code,
                "bureau": c.bureau, "address": d.address, "lon": d.lon, "lat": d.lat, "real_name": d.real_name, "photos": photo_hashes,
                // The identity is kept in the audit log (the handling officer and the audit reader only).
                "identity": { "name": d.name, "phone": d.phone, "email": d.email },
            })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    db.counts.invalidate();
    Ok(Filed { id, tracking, token })
}

#[allow(clippy::too_many_arguments)]
async fn event(tx: &mut sqlx::Transaction<'static, sqlx::Any>, id: i64, action: &str, from: Stage, to: Stage, note: &str, actor: &str, at: &str) -> Result<()> {
    sqlx::query("INSERT INTO complaint_events (complaint_id, action, from_stage, to_stage, note, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(id)
        .bind(action)
        .bind(from.code())
        .bind(to.code())
        .bind(note)
        .bind(actor)
        .bind(at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn notify(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    kind: &str,
    division: &str,
    bureau: &str,
    complaint: i64,
    msg: crate::i18n::Msg,
    link: &str,
    at: &str,
) -> Result<()> {
    let (code, args) = msg.to_stored();
    sqlx::query("INSERT INTO notifications (kind, division_code, bureau, complaint_id, message_code, message_args, link, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(kind)
        .bind(division)
        .bind(bureau)
        .bind(complaint)
        .bind(code)
        .bind(args)
        .bind(link)
        .bind(at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn by_tracking(db: &Db, tracking: &str) -> Result<Option<Complaint>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM complaints e WHERE e.tracking = $1")).bind(tracking).fetch_optional(&db.pool).await?;
    row.as_ref().map(read).transpose()
}

pub async fn by_token(db: &Db, token: &str) -> Result<Option<Complaint>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM complaints e WHERE e.token = $1")).bind(token).fetch_optional(&db.pool).await?;
    row.as_ref().map(read).transpose()
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Event {
    pub action: String,
    pub from_stage: String,
    pub to_stage: String,
    pub note: String,
    pub actor: String,
    pub at: String,
}

pub async fn events(db: &Db, id: i64) -> Result<Vec<Event>> {
    let rows = sqlx::query("SELECT action, from_stage, to_stage, note, actor, at FROM complaint_events WHERE complaint_id = $1 ORDER BY id").bind(id).fetch_all(&db.pool).await?;
    rows.iter()
        .map(|r| Ok(Event { action: r.try_get(0)?, from_stage: r.try_get(1)?, to_stage: r.try_get(2)?, note: r.try_get(3)?, actor: r.try_get(4)?, at: r.try_get(5)? }))
        .collect()
}

/// Open complaints within `metres` of a point, nearest first (possible duplicates).
pub async fn nearby(db: &Db, lon: f64, lat: f64, metres: f64, max: usize) -> Result<Vec<(Complaint, f64)>> {
    let dlat = metres / 111_000.0;
    let dlon = metres / (111_000.0 * lat.to_radians().cos().max(0.1));
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM complaints e WHERE e.lat >= $1 AND e.lat <= $2 AND e.lon >= $3 AND e.lon <= $4
           AND e.stage NOT IN ('closed', 'not_accepted', 'merged') ORDER BY e.id DESC LIMIT 500"
    ))
    .bind(lat - dlat)
    .bind(lat + dlat)
    .bind(lon - dlon)
    .bind(lon + dlon)
    .fetch_all(&db.pool)
    .await?;
    let mut out: Vec<(Complaint, f64)> = rows
        .iter()
        .map(read)
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .filter_map(|c| {
            let d = domain::distance_m(lat, lon, c.lat?, c.lon?);
            (d <= metres).then_some((c, d))
        })
        .collect();
    out.sort_by(|a, b| a.1.total_cmp(&b.1));
    out.truncate(max);
    Ok(out)
}

/// Someone else reports the same thing: they join the existing complaint (FixMyStreet).
pub async fn join(db: &Db, actor: &Actor, tracking: &str) -> Result<Complaint> {
    let c = by_tracking(db, tracking).await?.ok_or_else(|| Error::NotFound(m::not_found(tracking)))?;
    if c.stage().is_final() {
        return Err(Error::Invalid(m::cannot_join(tracking)));
    }
    let now = super::now();
    let mut tx = db.begin().await?;
    event(&mut tx, c.id, "join", c.stage(), c.stage(), "", &actor.name, &now).await?;
    let changed = sqlx::query("UPDATE complaints SET supporters = supporters + 1, updated_at = $1 WHERE id = $2 AND stage = $3")
        .bind(&now)
        .bind(c.id)
        .bind(&c.stage)
        .execute(&mut *tx)
        .await?;
    if changed.rows_affected() != 1 {
        return Err(Error::Conflict(m::changed_meanwhile()));
    }
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    w.append(
        &mut tx,
        NewEntry { action: "complaint_join", entity: "complaint", entity_id: c.tracking.clone(), enterprise_id: None, before: Some(json!({ "supporters": c.supporters })), after: Some(json!({ "supporters": c.supporters + 1 })) },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    db.counts.invalidate();
    Ok(by_tracking(db, tracking).await?.unwrap_or(c))
}

/// The SQL condition of what a viewer may see: the jurisdiction (over `e.division_code`), for
/// bureau staff and the administrator. With `own_bureau`, bureau staff see only what is routed
/// to their bureau (the inbox).
fn scope_sql(viewer: &Viewer, first: usize, own_bureau: bool) -> (String, Vec<String>) {
    let (mut cond, mut binds) = match &viewer.scope {
        Scope::Enterprise(_) | Scope::Nothing => ("1=0".to_string(), vec![]),
        s => s.where_clause(first),
    };
    match (viewer.role, viewer.department) {
        (Role::Admin, _) => {}
        (Role::Bureau, Some(d)) if own_bureau => {
            cond = format!("({cond}) AND e.bureau = ${}", first + binds.len());
            binds.push(d.code().to_string());
        }
        (Role::Bureau, _) => {}
        _ => cond = "1=0".to_string(),
    }
    (cond, binds)
}

/// Whether a viewer may see this complaint (the same rule as the SQL).
pub fn admits(viewer: &Viewer, c: &Complaint) -> bool {
    !matches!(viewer.scope, Scope::Enterprise(_) | Scope::Nothing)
        && viewer.scope.admits_division(&c.division_code)
        && matches!(viewer.role, Role::Admin | Role::Bureau)
}

/// Whether a viewer's bureau handles this complaint (the administrator: every bureau).
pub fn handles(viewer: &Viewer, c: &Complaint) -> bool {
    admits(viewer, c) && (viewer.role == Role::Admin || viewer.department.is_some_and(|d| d.code() == c.bureau))
}

#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub stage: Option<Stage>,
    pub overdue_on: Option<String>,
    pub q: String,
    pub reward: bool,
    /// A division code: the division and everything below it (the dashboard's drill-down).
    pub division: String,
}

fn filter_sql(f: &Filter, mut binds: Vec<String>) -> (String, Vec<String>) {
    let mut cond = String::new();
    if let Some(s) = f.stage {
        binds.push(s.code().into());
        cond.push_str(&format!(" AND e.stage = ${}", binds.len()));
    }
    if let Some(today) = &f.overdue_on {
        binds.push(today.clone());
        cond.push_str(&format!(" AND e.due_on < ${} AND e.stage NOT IN ('closed', 'not_accepted', 'merged')", binds.len()));
    }
    if f.reward {
        cond.push_str(" AND e.reward_flag = 1");
    }
    let d = f.division.trim();
    if !d.is_empty() {
        let prefix = crate::ledger::codes::subtree_prefix(d).to_string();
        let upper = crate::ledger::filter::prefix_upper_bound(&prefix).unwrap_or_else(|| format!("{prefix}:"));
        binds.push(prefix);
        binds.push(upper);
        cond.push_str(&format!(" AND e.division_code >= ${} AND e.division_code < ${}", binds.len() - 1, binds.len()));
    }
    let q = f.q.trim();
    if !q.is_empty() {
        binds.push(format!("%{}%", q.replace(['%', '_'], "")));
        let n = binds.len();
        cond.push_str(&format!(" AND (e.tracking LIKE ${n} OR e.description LIKE ${n} OR e.address LIKE ${n})"));
    }
    (cond, binds)
}

/// The officers' list (no identity), newest first, with the total.
pub async fn list(db: &Db, viewer: &Viewer, f: &Filter, offset: i64, limit: i64) -> Result<(Vec<Complaint>, i64)> {
    let (scope, binds) = scope_sql(viewer, 1, false);
    let (cond, binds) = filter_sql(f, binds);
    let sql = format!("SELECT {COLUMNS} FROM complaints e WHERE {scope}{cond} ORDER BY e.id DESC LIMIT {limit} OFFSET {offset}");
    let mut q = sqlx::query(&sql);
    for b in &binds {
        q = q.bind(b);
    }
    let rows: Vec<Complaint> = q.fetch_all(&db.pool).await?.iter().map(read).collect::<Result<_>>()?;
    let count_sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM complaints e WHERE {scope}{cond}");
    let mut q = sqlx::query(&count_sql);
    for b in &binds {
        q = q.bind(b);
    }
    let total: i64 = q.fetch_one(&db.pool).await?.try_get(0)?;
    Ok((rows, total))
}

/// One complaint if the viewer may see it (out of scope answers like a missing one).
pub async fn get(db: &Db, viewer: &Viewer, id: i64) -> Result<Option<Complaint>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM complaints e WHERE e.id = $1")).bind(id).fetch_optional(&db.pool).await?;
    Ok(row.as_ref().map(read).transpose()?.filter(|c| admits(viewer, c)))
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Identity {
    pub name: String,
    pub phone: String,
    pub email: String,
}

/// The complainant's identity: only for the complaint's handling officer, and the viewing is
/// audited. Anyone else gets None.
pub async fn identity(db: &Db, viewer: &Viewer, c: &Complaint) -> Result<Option<Identity>> {
    if c.handler.is_empty() || viewer.username != c.handler || !handles(viewer, c) {
        return Ok(None);
    }
    let row = sqlx::query("SELECT name, phone, email FROM complaint_identities WHERE complaint_id = $1").bind(c.id).fetch_optional(&db.pool).await?;
    let Some(r) = row else { return Ok(Some(Identity::default())) };
    let id = Identity { name: r.try_get(0)?, phone: r.try_get(1)?, email: r.try_get(2)? };
    super::audit::record(
        db,
        &viewer.actor(),
        NewEntry { action: "complaint_identity_view", entity: "complaint", entity_id: c.tracking.clone(), enterprise_id: None, before: None, after: None },
    )
    .await?;
    Ok(Some(id))
}

pub struct PhotoRow {
    pub id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
}

pub async fn photos(db: &Db, complaint: i64) -> Result<Vec<PhotoRow>> {
    let rows = sqlx::query("SELECT id, file_name, content_type, size FROM complaint_photos WHERE complaint_id = $1 ORDER BY id").bind(complaint).fetch_all(&db.pool).await?;
    rows.iter().map(|r| Ok(PhotoRow { id: r.try_get(0)?, file_name: r.try_get(1)?, content_type: r.try_get(2)?, size: r.try_get(3)? })).collect()
}

pub async fn photo(db: &Db, complaint: i64, photo: i64) -> Result<Option<(String, Vec<u8>)>> {
    let row = sqlx::query("SELECT content_type, data_b64 FROM complaint_photos WHERE complaint_id = $1 AND id = $2").bind(complaint).bind(photo).fetch_optional(&db.pool).await?;
    let Some(r) = row else { return Ok(None) };
    use base64::Engine;
    let data: String = r.try_get(1)?;
    Ok(Some((r.try_get(0)?, base64::engine::general_purpose::STANDARD.decode(data).unwrap_or_default())))
}

/// Whether `username` may handle complaints of this district and bureau.
async fn may_handle(db: &Db, username: &str, c: &Complaint) -> Result<bool> {
    let row = sqlx::query("SELECT role, department, divisions, enterprise_code, disabled FROM users WHERE username = $1").bind(username).fetch_optional(&db.pool).await?;
    let Some(r) = row else { return Ok(false) };
    if r.try_get::<i64, _>(4)? != 0 {
        return Ok(false);
    }
    let Some(role) = Role::parse(&r.try_get::<String, _>(0)?) else { return Ok(false) };
    let department = crate::auth::Department::parse(&r.try_get::<String, _>(1)?);
    let viewer = Viewer {
        user_id: 0,
        username: username.to_string(),
        display_name: String::new(),
        role,
        department,
        scope: Scope::of_account(role, &r.try_get::<String, _>(2)?, &r.try_get::<String, _>(3)?),
        ip: String::new(),
    };
    Ok(viewer.can(crate::auth::Permission::HandleComplaints) && handles(&viewer, c))
}

/// Take a step: checked by the state machine and against the viewer's bureau, then written
/// with its event and audit entry in one transaction, compare-and-set on stage and update time.
pub async fn apply(db: &Db, viewer: &Viewer, id: i64, action: &Action, settings: &Settings) -> Result<Complaint> {
    let c = get(db, viewer, id).await?.ok_or_else(|| Error::NotFound(m::not_found(&id.to_string())))?;
    if !handles(viewer, &c) {
        let bureau = crate::auth::Department::parse(&c.bureau).map(|d| crate::i18n::Arg::both(d.label(true), d.label(false)));
        let label = bureau.map(|b| m::bureau_name(b)).unwrap_or_else(|| crate::i18n::untranslated(c.bureau.clone()));
        return Err(Error::Invalid(m::not_your_bureau(label)));
    }
    let state = domain::State { stage: c.stage(), extended: c.extended, tracking: c.tracking.clone() };
    let next = domain::step(&state, action).map_err(Error::Invalid)?;
    let now = super::now();
    let today = deadlines::beijing_date(&now).unwrap_or_else(deadlines::today_beijing);
    let today_s = deadlines::format_date(today);
    let accepted_on = if next == Stage::Accepted { Some(today_s.clone()) } else { c.accepted_on.clone() };
    let accepted = accepted_on.as_deref().and_then(deadlines::parse_date);
    let mut handler = c.handler.clone();
    let mut answer = c.answer.clone();
    let mut reason = c.not_accepted_reason.clone();
    let mut merged_into = c.merged_into.clone();
    let mut extended = c.extended;
    let mut note = String::new();
    let mut target: Option<Complaint> = None;
    match action {
        Action::Assign { handler: h } => {
            if !may_handle(db, h, &c).await? {
                return Err(Error::Invalid(m::handler_unknown(h)));
            }
            handler = h.clone();
            note = h.clone();
        }
        Action::Answer { text } => {
            answer = text.trim().to_string();
            note = answer.clone();
        }
        Action::NotAccept { reason: r, note: n } => {
            reason = r.code().to_string();
            note = n.clone();
        }
        Action::Extend { reason: r } => {
            extended = true;
            note = r.clone();
        }
        Action::Merge { into } => {
            let t = crate::complaints::tracking::parse(into).ok_or_else(|| Error::Invalid(m::merge_target_unusable(into)))?;
            let found = by_tracking(db, &t).await?.filter(|t| admits(viewer, t) && !t.stage().is_final() && t.id != c.id);
            let Some(found) = found else { return Err(Error::Invalid(m::merge_target_unusable(into))) };
            merged_into = found.tracking.clone();
            note = found.tracking.clone();
            target = Some(found);
        }
        _ => {}
    }
    // A stage kept (an extension) keeps its start; a new stage starts today.
    let stage_on = if next == c.stage() { c.stage_on.clone() } else { today_s.clone() };
    let since = deadlines::parse_date(&stage_on).unwrap_or(today);
    let due = settings.due(next, since, accepted, extended).map(deadlines::format_date);
    let published = next == Stage::Closed || c.published;
    let closed_at = if next.is_final() { Some(now.clone()) } else { None };
    let mut tx = db.begin().await?;
    let changed = sqlx::query(
        "UPDATE complaints SET stage = $1, handler = $2, answer = $3, not_accepted_reason = $4, merged_into = $5, extended = $6, accepted_on = $7,
            stage_on = $8, due_on = $9, published = $10, closed_at = $11, updated_at = $12
         WHERE id = $13 AND stage = $14 AND updated_at = $15",
    )
    .bind(next.code())
    .bind(&handler)
    .bind(&answer)
    .bind(&reason)
    .bind(&merged_into)
    .bind(i64::from(extended))
    .bind(&accepted_on)
    .bind(&stage_on)
    .bind(&due)
    .bind(i64::from(published))
    .bind(&closed_at)
    .bind(&now)
    .bind(c.id)
    .bind(&c.stage)
    .bind(&c.updated_at)
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() != 1 {
        return Err(Error::Conflict(m::changed_meanwhile()));
    }
    event(&mut tx, c.id, action.code(), c.stage(), next, &note, &viewer.username, &now).await?;
    if let Some(t) = &target {
        // The duplicate's people join the complaint it was merged into.
        sqlx::query("UPDATE complaints SET supporters = supporters + $1, updated_at = $2 WHERE id = $3").bind(c.supporters + 1).bind(&now).bind(t.id).execute(&mut *tx).await?;
        event(&mut tx, t.id, "merged_from", t.stage(), t.stage(), &c.tracking, &viewer.username, &now).await?;
    }
    let mut w = AuditWriter::start(db, &mut tx, &viewer.actor()).await?;
    w.append(
        &mut tx,
        NewEntry {
            action: "complaint_step",
            entity: "complaint",
            entity_id: c.tracking.clone(),
            enterprise_id: None,
            before: Some(json!({ "stage": c.stage, "handler": c.handler, "due_on": c.due_on })),
            after: Some(json!({ "action": action.code(), "stage": next.code(), "handler": handler, "due_on": due, "note": note, "published": published })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    db.counts.invalidate();
    Ok(get(db, viewer, id).await?.unwrap_or(c))
}

/// Complaints the public may see listed: not the merged ones (they are followed at their
/// target), newest first.
pub async fn public_list(db: &Db, offset: i64, limit: i64) -> Result<(Vec<Complaint>, i64)> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM complaints e WHERE e.stage <> 'merged' ORDER BY e.id DESC LIMIT {limit} OFFSET {offset}")).fetch_all(&db.pool).await?;
    let total = match db.counts.get("complaints_public") {
        Some(t) => t,
        None => {
            let generation = db.counts.generation();
            let t: i64 = sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) FROM complaints WHERE stage <> 'merged'").fetch_one(&db.pool).await?.try_get(0)?;
            db.counts.put("complaints_public".into(), t, generation);
            t
        }
    };
    Ok((rows.iter().map(read).collect::<Result<_>>()?, total))
}

/// Open311 `GET requests`: by ids, or by service, status and a time window.
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub ids: Vec<String>,
    pub service_code: Option<String>,
    pub status: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub limit: i64,
}

pub async fn open311_query(db: &Db, q: &Query) -> Result<Vec<Complaint>> {
    let mut binds: Vec<String> = Vec::new();
    let mut cond = String::from("e.stage <> 'merged'");
    if !q.ids.is_empty() {
        let mut marks = Vec::new();
        for id in q.ids.iter().take(1000) {
            binds.push(id.clone());
            marks.push(format!("${}", binds.len()));
        }
        cond = format!("e.tracking IN ({})", marks.join(", "));
    } else {
        if let Some(s) = &q.service_code {
            binds.push(s.clone());
            cond.push_str(&format!(" AND e.service_code = ${}", binds.len()));
        }
        match q.status.as_deref() {
            Some("open") => cond.push_str(" AND e.stage NOT IN ('closed', 'not_accepted', 'merged')"),
            Some("closed") => cond.push_str(" AND e.stage IN ('closed', 'not_accepted')"),
            _ => {}
        }
        if let Some(s) = &q.start {
            binds.push(s.clone());
            cond.push_str(&format!(" AND e.received_at >= ${}", binds.len()));
        }
        if let Some(s) = &q.end {
            binds.push(s.clone());
            cond.push_str(&format!(" AND e.received_at <= ${}", binds.len()));
        }
    }
    let sql = format!("SELECT {COLUMNS} FROM complaints e WHERE {cond} ORDER BY e.received_at DESC LIMIT {}", q.limit.clamp(1, 1000));
    let mut query = sqlx::query(&sql);
    for b in &binds {
        query = query.bind(b);
    }
    query.fetch_all(&db.pool).await?.iter().map(read).collect()
}

fn key_hash(key: &str) -> String {
    hex::encode(Sha256::digest(key.trim().as_bytes()))
}

/// Issue an API key to a partner system; the key is shown once, only its hash is kept.
pub async fn issue_key(db: &Db, actor: &Actor, name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::Invalid(m::key_name_required()));
    }
    let key = format!("o311_{}", random_hex(20));
    let now = super::now();
    let mut tx = db.begin().await?;
    sqlx::query("INSERT INTO open311_keys (name, key_hash, created_by, created_at) VALUES ($1, $2, $3, $4)").bind(name).bind(key_hash(&key)).bind(&actor.name).bind(&now).execute(&mut *tx).await?;
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    w.append(&mut tx, NewEntry { action: "open311_key_issue", entity: "open311_key", entity_id: name.to_string(), enterprise_id: None, before: None, after: Some(json!({ "name": name })) }).await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    db.counts.invalidate();
    Ok(key)
}

pub async fn revoke_key(db: &Db, actor: &Actor, name: &str) -> Result<u64> {
    let mut tx = db.begin().await?;
    let n = sqlx::query("UPDATE open311_keys SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL").bind(super::now()).bind(name).execute(&mut *tx).await?.rows_affected();
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    w.append(&mut tx, NewEntry { action: "open311_key_revoke", entity: "open311_key", entity_id: name.to_string(), enterprise_id: None, before: None, after: Some(json!({ "revoked": n })) }).await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    db.counts.invalidate();
    Ok(n)
}

/// The partner system holding this key, if it is valid.
pub async fn key_partner(db: &Db, key: &str) -> Result<Option<String>> {
    if key.trim().is_empty() {
        return Ok(None);
    }
    let row = sqlx::query("SELECT name FROM open311_keys WHERE key_hash = $1 AND revoked_at IS NULL").bind(key_hash(key)).fetch_optional(&db.pool).await?;
    row.map(|r| r.try_get(0)).transpose().map_err(Into::into)
}

pub struct KeyRow {
    pub name: String,
    pub created_by: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

pub async fn keys(db: &Db) -> Result<Vec<KeyRow>> {
    let rows = sqlx::query("SELECT name, created_by, created_at, revoked_at FROM open311_keys ORDER BY id").fetch_all(&db.pool).await?;
    rows.iter().map(|r| Ok(KeyRow { name: r.try_get(0)?, created_by: r.try_get(1)?, created_at: r.try_get(2)?, revoked_at: r.try_get(3)? })).collect()
}

/// Overdue notices for stages past their deadline on `today`, once per stage. Returns how many were sent.
pub async fn sweep_overdue(db: &Db, today: time::Date) -> Result<usize> {
    let today_s = deadlines::format_date(today);
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM complaints e WHERE e.due_on < $1 AND e.stage NOT IN ('closed', 'not_accepted', 'merged') AND e.overdue_noticed <> e.stage LIMIT 5000"
    ))
    .bind(&today_s)
    .fetch_all(&db.pool)
    .await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let list: Vec<Complaint> = rows.iter().map(read).collect::<Result<_>>()?;
    let now = super::now();
    let mut tx = db.begin().await?;
    let mut n = 0;
    for c in &list {
        let done = sqlx::query("UPDATE complaints SET overdue_noticed = stage WHERE id = $1 AND stage = $2 AND overdue_noticed <> stage")
            .bind(c.id)
            .bind(&c.stage)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 1 {
            let msg = m::notice_overdue(&c.tracking, c.stage().label(), c.due_on.clone().unwrap_or_default());
            notify(&mut tx, "complaint_overdue", &c.division_code, &c.bureau, c.id, msg, &format!("/complaints/{}", c.id), &now).await?;
            n += 1;
        }
    }
    tx.commit().await?;
    db.counts.invalidate();
    Ok(n)
}

#[derive(Clone, Debug)]
pub struct Notice {
    pub id: i64,
    pub kind: String,
    pub message: crate::i18n::Msg,
    pub link: String,
    pub created_at: String,
    pub unread: bool,
}

fn notice_scope(viewer: &Viewer) -> (String, Vec<String>) {
    scope_sql(viewer, 1, true)
}

/// The viewer's notices, newest first.
pub async fn inbox(db: &Db, viewer: &Viewer, limit: i64) -> Result<Vec<Notice>> {
    let (scope, binds) = notice_scope(viewer);
    let seen = last_seen(db, &viewer.username).await?;
    let sql = format!("SELECT e.id, e.kind, e.message_code, e.message_args, e.link, e.created_at FROM notifications e WHERE {scope} ORDER BY e.id DESC LIMIT {limit}");
    let mut q = sqlx::query(&sql);
    for b in &binds {
        q = q.bind(b);
    }
    let rows = q.fetch_all(&db.pool).await?;
    rows.iter()
        .map(|r| {
            let id: i64 = r.try_get(0)?;
            let code: String = r.try_get(2)?;
            let args: String = r.try_get(3)?;
            Ok(Notice {
                id,
                kind: r.try_get(1)?,
                message: crate::i18n::Msg::from_stored(&code, &args).unwrap_or_else(|| crate::i18n::untranslated(code.clone())),
                link: r.try_get(4)?,
                created_at: r.try_get(5)?,
                unread: id > seen,
            })
        })
        .collect()
}

async fn last_seen(db: &Db, username: &str) -> Result<i64> {
    Ok(sqlx::query("SELECT last_id FROM inbox_seen WHERE username = $1").bind(username).fetch_optional(&db.pool).await?.map(|r| r.try_get::<i64, _>(0)).transpose()?.unwrap_or(0))
}

pub async fn unread(db: &Db, viewer: &Viewer) -> Result<i64> {
    let seen = last_seen(db, &viewer.username).await?;
    let (scope, mut binds) = notice_scope(viewer);
    binds.push(seen.to_string());
    let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM notifications e WHERE {scope} AND e.id > CAST(${} AS BIGINT)", binds.len());
    let mut q = sqlx::query(&sql);
    for b in &binds {
        q = q.bind(b);
    }
    Ok(q.fetch_one(&db.pool).await?.try_get(0)?)
}

pub async fn mark_seen(db: &Db, viewer: &Viewer, upto: i64) -> Result<()> {
    sqlx::query("INSERT INTO inbox_seen (username, last_id) VALUES ($1, $2) ON CONFLICT (username) DO UPDATE SET last_id = excluded.last_id")
        .bind(&viewer.username)
        .bind(upto)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Notices not yet mailed (the e-mail gateway takes them), and marking them mailed.
pub async fn unmailed(db: &Db, limit: i64) -> Result<Vec<(i64, String, String, crate::i18n::Msg)>> {
    let rows = sqlx::query(&format!("SELECT id, division_code, bureau, message_code, message_args FROM notifications WHERE mailed = 0 ORDER BY id LIMIT {limit}")).fetch_all(&db.pool).await?;
    rows.iter()
        .map(|r| {
            let code: String = r.try_get(3)?;
            let args: String = r.try_get(4)?;
            Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, crate::i18n::Msg::from_stored(&code, &args).unwrap_or_else(|| crate::i18n::untranslated(code.clone()))))
        })
        .collect()
}

pub async fn mark_mailed(db: &Db, ids: &[i64]) -> Result<()> {
    for id in ids {
        sqlx::query("UPDATE notifications SET mailed = 1 WHERE id = $1").bind(id).execute(&db.pool).await?;
    }
    Ok(())
}

/// A complaint as the demo (or a benchmark) seeds it: already in some stage.
pub struct Seeded {
    pub c: Complaint,
    pub identity: Option<Identity>,
    pub events: Vec<Event>,
}

/// Insert seeded complaints in one transaction with one audit entry (the demo generator).
pub async fn seed(db: &Db, actor: &Actor, list: &[Seeded]) -> Result<usize> {
    let mut tx = db.begin().await?;
    for s in list {
        let c = &s.c;
        let id: i64 = sqlx::query(
            "INSERT INTO complaints (tracking, token, channel, partner, categories, service_code, description, address, lon, lat, division_code, bureau, stage,
                not_accepted_reason, merged_into, supporters, real_name, reward_flag, handler, answer, published, extended, received_at, accepted_on, stage_on,
                due_on, overdue_noticed, closed_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, '', $27, $28) RETURNING id",
        )
        .bind(&c.tracking)
        .bind(&c.token)
        .bind(&c.channel)
        .bind(&c.partner)
        .bind(&c.categories)
        .bind(&c.service_code)
        .bind(&c.description)
        .bind(&c.address)
        .bind(Float(c.lon))
        .bind(Float(c.lat))
        .bind(&c.division_code)
        .bind(&c.bureau)
        .bind(&c.stage)
        .bind(&c.not_accepted_reason)
        .bind(&c.merged_into)
        .bind(c.supporters)
        .bind(i64::from(c.real_name))
        .bind(i64::from(c.reward_flag))
        .bind(&c.handler)
        .bind(&c.answer)
        .bind(i64::from(c.published))
        .bind(i64::from(c.extended))
        .bind(&c.received_at)
        .bind(&c.accepted_on)
        .bind(&c.stage_on)
        .bind(&c.due_on)
        .bind(&c.closed_at)
        .bind(&c.updated_at)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        if let Some(i) = &s.identity {
            sqlx::query("INSERT INTO complaint_identities (complaint_id, name, phone, email) VALUES ($1, $2, $3, $4)").bind(id).bind(&i.name).bind(&i.phone).bind(&i.email).execute(&mut *tx).await?;
        }
        for e in &s.events {
            sqlx::query("INSERT INTO complaint_events (complaint_id, action, from_stage, to_stage, note, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(id)
                .bind(&e.action)
                .bind(&e.from_stage)
                .bind(&e.to_stage)
                .bind(&e.note)
                .bind(&e.actor)
                .bind(&e.at)
                .execute(&mut *tx)
                .await?;
        }
    }
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    w.append(&mut tx, NewEntry { action: "complaints_seed", entity: "complaint", entity_id: format!("{} complaints", list.len()), enterprise_id: None, before: None, after: Some(json!({ "count": list.len() })) }).await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    db.counts.invalidate();
    Ok(list.len())
}
