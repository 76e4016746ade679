//! District boundaries drawn under maps: replaced as a whole from a GeoJSON file (audited),
//! read back for the pages.

use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::Row;

use super::audit::{Actor, AuditWriter, NewEntry};
use super::Db;
use crate::error::{Error, Result};
use crate::map::{self, Boundary};

/// Replace every stored boundary with these, in one transaction with one audit entry
/// (codes, count, source and the SHA-256 of what was loaded — not the coordinates).
pub async fn replace(db: &Db, actor: &Actor, boundaries: &[Boundary], source: &str) -> Result<usize> {
    let mut tx = db.begin().await?;
    let before: i64 = sqlx::query("SELECT COUNT(*) FROM boundaries").fetch_one(&mut *tx).await?.try_get(0)?;
    sqlx::query("DELETE FROM boundaries").execute(&mut *tx).await?;
    let mut digest = Sha256::new();
    for b in boundaries {
        let geometry = b.geometry().to_string();
        digest.update(b.code.as_bytes());
        digest.update(geometry.as_bytes());
        sqlx::query("INSERT INTO boundaries (code, name, level, geometry, source) VALUES ($1, $2, $3, $4, $5)")
            .bind(&b.code)
            .bind(&b.name)
            .bind(&b.level)
            .bind(&geometry)
            .bind(source)
            .execute(&mut *tx)
            .await?;
    }
    let mut w = AuditWriter::start(db, &mut tx, actor).await?;
    w.append(
        &mut tx,
        NewEntry {
            action: "boundaries_load",
            entity: "boundaries",
            entity_id: source.to_string(),
            enterprise_id: None,
            before: Some(json!({ "count": before })),
            after: Some(json!({
                "count": boundaries.len(),
                "codes": boundaries.iter().map(|b| b.code.as_str()).collect::<Vec<_>>(),
                "sha256": hex::encode(digest.finalize()),
            })),
        },
    )
    .await?;
    w.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(boundaries.len())
}

/// Every stored boundary, by code.
pub async fn boundaries(db: &Db) -> Result<Vec<Boundary>> {
    let rows = sqlx::query("SELECT code, name, level, geometry FROM boundaries ORDER BY code").fetch_all(&db.pool).await?;
    rows.iter()
        .map(|r| {
            let code: String = r.try_get(0)?;
            let geometry: String = r.try_get(3)?;
            let polygons = map::polygons_of_geometry(&geometry).map_err(|e| Error::other(format!("stored boundary {code}: {e}")))?;
            Ok(Boundary { code, name: r.try_get(1)?, level: r.try_get(2)?, polygons })
        })
        .collect()
}

/// The demo city's boundaries, when no boundaries are stored yet.
pub async fn load_demo_if_none(db: &Db) -> Result<usize> {
    let n: i64 = sqlx::query("SELECT COUNT(*) FROM boundaries").fetch_one(&db.pool).await?.try_get(0)?;
    if n > 0 {
        return Ok(0);
    }
    replace(db, &Actor::system(), &map::DEMO, map::DEMO_SOURCE).await
}
