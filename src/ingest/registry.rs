//! The device registry: which data logger (MN) may send, with which password (PW) and SM4
//! key, and which outlet of the ledger it measures.
//!
//! The server keeps the whole registry in memory (`Registry`, a snapshot behind a lock) and
//! reloads it when the `devices` table changes (checked every few seconds, and at once when an
//! unknown MN arrives, at most once a second), so `lantian device add` takes effect on a
//! running server without a restart. The version includes how many devices have their outlet
//! in the ledger, so deleting an outlet (or its enterprise) is noticed too.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use serde::Serialize;
use sqlx::Row;

use crate::error::{Error, Result};
use crate::storage::audit::{self, Actor, NewEntry};
use crate::storage::Db;

/// A registered logger, as the server uses it.
#[derive(Clone, Debug)]
pub struct Device {
    pub id: i64,
    pub mn: String,
    pub password: Option<String>,
    pub key: Option<hj212::Key>,
    pub tolerance: hj212::Tolerance,
    pub enabled: bool,
    /// Its outlet is in the ledger. A device whose outlet (or enterprise) was deleted is
    /// refused: its data would belong to no outlet any bureau oversees.
    pub bound: bool,
}

/// A registry row as listed and imported.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DeviceRecord {
    pub mn: String,
    pub password: Option<String>,
    /// 32 hex digits.
    pub sm4_key: Option<String>,
    pub credit_code: String,
    pub outlet_code: String,
    pub tolerance: String,
    pub protocol: String,
    pub enabled: bool,
}

/// Check a record before it is written: MN shape, key shape, tolerance list, protocol.
pub fn validate(r: &DeviceRecord) -> Result<()> {
    use crate::i18n::catalogue::monitoring as m;
    let bad = |msg: crate::i18n::Msg| Err(Error::Invalid(msg));
    if r.mn.is_empty() || r.mn.len() > 24 || !r.mn.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return bad(m::mn_shape(&r.mn));
    }
    if let Some(pw) = &r.password
        && (pw.is_empty() || pw.len() > 32 || pw.bytes().any(|b| !b.is_ascii_graphic() || b == b';' || b == b'=' || b == b'&'))
    {
        return bad(m::password_shape(&r.mn));
    }
    if let Some(k) = &r.sm4_key
        && hj212::Key::from_hex(k).is_none()
    {
        return bad(m::key_shape(&r.mn));
    }
    if let Err(e) = hj212::Tolerance::parse(&r.tolerance) {
        return bad(m::tolerance(&r.mn, e.0.to_string()));
    }
    if !matches!(r.protocol.as_str(), "2005" | "2017" | "2025") {
        return bad(m::protocol(&r.mn));
    }
    Ok(())
}

/// Resolve `CREDIT_CODE/OUTLET_CODE` or an outlet id to (credit code, outlet code); the outlet
/// must exist in the ledger.
pub async fn resolve_outlet(db: &Db, spec: &str) -> Result<(String, String)> {
    let row = if let Some((credit, code)) = spec.split_once('/') {
        sqlx::query(
            "SELECT e.credit_code, o.code FROM outlets o JOIN enterprises e ON e.id = o.enterprise_id
             WHERE e.credit_code = $1 AND o.code = $2",
        )
        .bind(credit.trim())
        .bind(code.trim())
        .fetch_optional(&db.pool)
        .await?
    } else if let Ok(id) = spec.trim().parse::<i64>() {
        sqlx::query("SELECT e.credit_code, o.code FROM outlets o JOIN enterprises e ON e.id = o.enterprise_id WHERE o.id = $1")
            .bind(id)
            .fetch_optional(&db.pool)
            .await?
    } else {
        return Err(Error::Invalid(crate::i18n::catalogue::monitoring::outlet_spec(spec)));
    };
    let row = row.ok_or_else(|| Error::NotFound(crate::i18n::catalogue::monitoring::no_outlet_in_ledger(spec)))?;
    Ok((row.try_get(0)?, row.try_get(1)?))
}

fn to_json(r: &DeviceRecord) -> serde_json::Value {
    // The key and the password are secrets: the audit log records that they are set, not their value.
    serde_json::json!({
        "mn": r.mn, "credit_code": r.credit_code, "outlet_code": r.outlet_code,
        "password_set": r.password.is_some(), "sm4_key_set": r.sm4_key.is_some(),
        "tolerance": r.tolerance, "protocol": r.protocol, "enabled": r.enabled,
    })
}

/// Add or replace devices (by MN) in one transaction, each change audited.
/// Returns (added, replaced).
pub async fn upsert(db: &Db, records: &[DeviceRecord], actor: &Actor) -> Result<(usize, usize)> {
    for r in records {
        validate(r)?;
    }
    let mut tx = db.begin().await?;
    let mut audit_w = audit::AuditWriter::start(db, &mut tx, actor).await?;
    let now = crate::storage::now();
    let (mut added, mut replaced) = (0, 0);
    let mut entries = Vec::new();
    for r in records {
        let old = sqlx::query(
            "SELECT mn, password, sm4_key, credit_code, outlet_code, tolerance, protocol, enabled FROM devices WHERE mn = $1",
        )
        .bind(&r.mn)
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| record_of(&row))
        .transpose()?;
        // One statement for both cases; an update keeps the device's created_at.
        sqlx::query(
            "INSERT INTO devices (mn, password, sm4_key, credit_code, outlet_code, tolerance, protocol, enabled, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
             ON CONFLICT (mn) DO UPDATE SET password = excluded.password, sm4_key = excluded.sm4_key,
                 credit_code = excluded.credit_code, outlet_code = excluded.outlet_code, tolerance = excluded.tolerance,
                 protocol = excluded.protocol, enabled = excluded.enabled, updated_at = excluded.updated_at",
        )
        .bind(&r.mn)
        .bind(r.password.clone())
        .bind(r.sm4_key.clone())
        .bind(&r.credit_code)
        .bind(&r.outlet_code)
        .bind(&r.tolerance)
        .bind(&r.protocol)
        .bind(r.enabled as i64)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        if old.is_some() {
            replaced += 1;
        } else {
            added += 1;
        }
        entries.push(NewEntry {
            action: if old.is_some() { "update" } else { "create" },
            entity: "device",
            entity_id: r.mn.clone(),
            enterprise_id: None,
            before: old.as_ref().map(to_json),
            after: Some(to_json(r)),
        });
    }
    audit_w.append_many(&mut tx, entries).await?;
    audit_w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok((added, replaced))
}

fn record_of(row: &sqlx::any::AnyRow) -> Result<DeviceRecord> {
    Ok(DeviceRecord {
        mn: row.try_get(0)?,
        password: row.try_get(1)?,
        sm4_key: row.try_get(2)?,
        credit_code: row.try_get(3)?,
        outlet_code: row.try_get(4)?,
        tolerance: row.try_get(5)?,
        protocol: row.try_get(6)?,
        enabled: row.try_get::<i64, _>(7)? != 0,
    })
}

pub async fn list(db: &Db) -> Result<Vec<DeviceRecord>> {
    let rows = sqlx::query("SELECT mn, password, sm4_key, credit_code, outlet_code, tolerance, protocol, enabled FROM devices ORDER BY mn")
        .fetch_all(&db.pool)
        .await?;
    rows.iter().map(record_of).collect()
}

/// Parse a device CSV: header `mn,outlet,password,key,tolerate,protocol` (outlet is
/// CREDIT_CODE/OUTLET_CODE; password, key, tolerate and protocol may be empty). Every bad row is
/// reported; nothing is returned unless all rows are good.
pub fn parse_csv(bytes: &[u8]) -> std::result::Result<Vec<(usize, DeviceRecord, String)>, Vec<String>> {
    let text = match crate::excel::text::decode(bytes) {
        Ok((text, _)) => text,
        Err(m) => return Err(vec![m.to_string()]),
    };
    let mut rdr = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.trim_start_matches('\u{feff}').to_ascii_lowercase()).collect(),
        Err(e) => return Err(vec![format!("header: {e}")]),
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(c_mn), Some(c_outlet)) = (col("mn"), col("outlet")) else {
        return Err(vec!["the header must name the columns mn and outlet (and optionally password, key, tolerate, protocol)".into()]);
    };
    let (c_pw, c_key, c_tol, c_proto) = (col("password"), col("key"), col("tolerate"), col("protocol"));
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("line {line}: {e}"));
                continue;
            }
        };
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).map(str::to_string).filter(|s| !s.is_empty());
        let r = DeviceRecord {
            mn: get(Some(c_mn)).unwrap_or_default(),
            password: get(c_pw),
            sm4_key: get(c_key),
            credit_code: String::new(),
            outlet_code: String::new(),
            tolerance: get(c_tol).unwrap_or_default(),
            protocol: get(c_proto).unwrap_or_else(|| "2017".into()),
            enabled: true,
        };
        if let Err(e) = validate(&r) {
            problems.push(format!("line {line}: {e}"));
            continue;
        }
        out.push((line, r, get(Some(c_outlet)).unwrap_or_default()));
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// SQL condition on `devices d`: its outlet is in the ledger.
const BOUND: &str = "EXISTS (SELECT 1 FROM enterprises e JOIN outlets o ON o.enterprise_id = e.id
                           WHERE e.credit_code = d.credit_code AND o.code = d.outlet_code)";

/// The in-memory registry the server reads on every packet.
pub struct Registry {
    db: Db,
    snapshot: RwLock<Arc<HashMap<String, Arc<Device>>>>,
    /// (row count, latest updated_at) of the loaded snapshot.
    version: std::sync::Mutex<(i64, String)>,
    last_forced: std::sync::Mutex<Option<Instant>>,
    /// Incremented at every reload, so connections know when a device they cached is stale.
    generation: std::sync::atomic::AtomicU64,
}

impl Registry {
    pub async fn load(db: &Db) -> Result<Arc<Registry>> {
        let r = Arc::new(Registry {
            db: db.clone(),
            snapshot: RwLock::new(Arc::new(HashMap::new())),
            version: std::sync::Mutex::new((-1, String::new())),
            last_forced: std::sync::Mutex::new(None),
            generation: std::sync::atomic::AtomicU64::new(0),
        });
        r.refresh().await?;
        Ok(r)
    }

    pub fn get(&self, mn: &str) -> Option<Arc<Device>> {
        self.snapshot.read().unwrap_or_else(|e| e.into_inner()).get(mn).cloned()
    }

    /// The snapshot's generation (changes at every reload).
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::Acquire)
    }

    pub fn len(&self) -> usize {
        self.snapshot.read().unwrap_or_else(|e| e.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reload if the table changed. Returns whether it reloaded.
    pub async fn refresh(&self) -> Result<bool> {
        let row = sqlx::query(&format!(
            "SELECT CAST(COUNT(*) AS BIGINT), COALESCE(MAX(updated_at), ''), CAST(COALESCE(SUM(CASE WHEN {BOUND} THEN 1 ELSE 0 END), 0) AS BIGINT) FROM devices d"
        ))
        .fetch_one(&self.db.pool)
        .await?;
        let version: (i64, String) = (row.try_get(0)?, format!("{}/{}", row.try_get::<String, _>(1)?, row.try_get::<i64, _>(2)?));
        if *self.version.lock().unwrap_or_else(|e| e.into_inner()) == version {
            return Ok(false);
        }
        let rows = sqlx::query(&format!("SELECT d.id, d.mn, d.password, d.sm4_key, d.tolerance, d.enabled, CASE WHEN {BOUND} THEN 1 ELSE 0 END FROM devices d"))
            .fetch_all(&self.db.pool)
            .await?;
        let mut map = HashMap::with_capacity(rows.len());
        for row in rows {
            let mn: String = row.try_get(1)?;
            let key: Option<String> = row.try_get(3)?;
            let tol: String = row.try_get(4)?;
            let device = Device {
                id: row.try_get(0)?,
                password: row.try_get(2)?,
                key: key.as_deref().and_then(hj212::Key::from_hex),
                // A tolerance that no longer parses (edited by hand) falls back to strict.
                tolerance: hj212::Tolerance::parse(&tol).unwrap_or(hj212::Tolerance::STRICT),
                enabled: row.try_get::<i64, _>(5)? != 0,
                bound: row.try_get::<i64, _>(6)? != 0,
                mn: mn.clone(),
            };
            map.insert(mn, Arc::new(device));
        }
        *self.snapshot.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(map);
        *self.version.lock().unwrap_or_else(|e| e.into_inner()) = version;
        self.generation.fetch_add(1, std::sync::atomic::Ordering::Release);
        Ok(true)
    }

    /// An unknown MN arrived: reload now unless that was done less than a second ago.
    pub async fn refresh_for_unknown(&self) -> Result<bool> {
        {
            let mut last = self.last_forced.lock().unwrap_or_else(|e| e.into_inner());
            if last.is_some_and(|t| t.elapsed() < Duration::from_secs(1)) {
                return Ok(false);
            }
            *last = Some(Instant::now());
        }
        self.refresh().await
    }
}
