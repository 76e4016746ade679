//! Conflicting packets for bureau staff: packets whose slot already held other values from the
//! same device (the writer keeps the stored values, archives the new packet with verdict
//! `conflict` and adds a row to `ingest_conflicts`). Listed on /monitoring.

use serde::Serialize;
use sqlx::Row;

use crate::error::Result;
use crate::storage::Db;

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Conflict {
    /// RFC 3339 (UTC).
    pub received_at: String,
    pub mn: String,
    pub peer: String,
    pub cn: i64,
    /// YYYYMMDDhhmmss, Beijing time.
    pub data_time: i64,
    pub qn: String,
    /// Pollutant codes whose values differ, comma-separated.
    pub pollutants: String,
    pub credit_code: String,
    pub outlet_code: String,
    pub enterprise_id: Option<i64>,
    pub enterprise_name: Option<String>,
    pub division_code: Option<String>,
}

/// The latest `limit` conflicts, newest first, with the device's enterprise and outlet.
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<Conflict>> {
    let rows = sqlx::query(
        "SELECT c.received_at, c.mn, c.peer, c.cn, c.data_time, c.qn, c.pollutants, d.credit_code, d.outlet_code, e.id, e.name, e.division_code
         FROM ingest_conflicts c
         JOIN devices d ON d.id = c.device_id
         LEFT JOIN enterprises e ON e.credit_code = d.credit_code
         ORDER BY c.id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(Conflict {
            received_at: row.try_get(0)?,
            mn: row.try_get(1)?,
            peer: row.try_get(2)?,
            cn: row.try_get(3)?,
            data_time: row.try_get(4)?,
            qn: row.try_get(5)?,
            pollutants: row.try_get(6)?,
            credit_code: row.try_get(7)?,
            outlet_code: row.try_get(8)?,
            enterprise_id: row.try_get(9)?,
            enterprise_name: row.try_get(10)?,
            division_code: row.try_get(11)?,
        });
    }
    Ok(out)
}

/// A DataTime as people read it: `2026-12-03 14:00:00` (the digits as sent if not 14).
pub fn display_data_time(dt: i64) -> String {
    let s = dt.to_string();
    if s.len() != 14 {
        return s;
    }
    format!("{}-{}-{} {}:{}:{}", &s[0..4], &s[4..6], &s[6..8], &s[8..10], &s[10..12], &s[12..14])
}

#[cfg(test)]
mod tests {
    #[test]
    fn data_times_read_as_dates() {
        assert_eq!(super::display_data_time(20261203140000), "2026-12-03 14:00:00");
        assert_eq!(super::display_data_time(123), "123");
    }
}
