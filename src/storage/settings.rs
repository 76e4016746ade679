//! Operator settings shown on pages (key → text), each change audited.

use std::collections::BTreeMap;

use serde_json::json;
use sqlx::Row;

use super::audit::{Actor, AuditWriter, NewEntry};
use super::Db;
use crate::error::Result;

pub async fn all(db: &Db) -> Result<BTreeMap<String, String>> {
    let rows = sqlx::query("SELECT key, value FROM settings ORDER BY key").fetch_all(&db.pool).await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}

/// Set (or, with an empty value, remove) settings in one transaction; one audit entry per
/// key that changed.
pub async fn set(db: &Db, actor: &Actor, values: &[(&str, String)]) -> Result<usize> {
    let mut tx = db.begin().await?;
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    let mut changed = 0;
    for (key, value) in values {
        let old: Option<String> =
            sqlx::query("SELECT value FROM settings WHERE key = $1").bind(*key).fetch_optional(&mut *tx).await?.map(|r| r.try_get(0)).transpose()?;
        let value = value.trim();
        if old.as_deref().unwrap_or("") == value {
            continue;
        }
        if value.is_empty() {
            sqlx::query("DELETE FROM settings WHERE key = $1").bind(*key).execute(&mut *tx).await?;
        } else {
            sqlx::query("INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")
                .bind(*key)
                .bind(value)
                .bind(super::now())
                .execute(&mut *tx)
                .await?;
        }
        w.append(
            &mut tx,
            NewEntry { action: "setting_change", entity: "setting", entity_id: key.to_string(), enterprise_id: None, before: old.map(|o| json!(o)), after: Some(json!(value)) },
        )
        .await?;
        changed += 1;
    }
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(changed)
}
