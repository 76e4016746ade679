//! Each device's last contact and online state, for the monitoring page.

use serde::Serialize;
use sqlx::Row;

use crate::error::Result;
use crate::storage::Db;

/// A device is online if an authenticated packet arrived within this many minutes. HJ 212
/// loggers send real-time data every 30 s by default (RtdInterval 30–3600 s) and minute data
/// every 1–30 min (MinInterval); 2025 loggers also send heartbeats (CN 9015). Ten minutes is
/// the commonest minute-data interval (the standard's own examples use MinInterval=10), so a
/// logger that missed one whole minute-data interval is shown offline.
pub const ONLINE_WITHIN_MINUTES: i64 = 10;

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct DeviceStatus {
    pub mn: String,
    pub enterprise_id: Option<i64>,
    pub enterprise_name: Option<String>,
    pub credit_code: String,
    pub division_code: Option<String>,
    pub outlet_code: String,
    pub outlet_name: Option<String>,
    /// RFC 3339 (UTC); `None` if never heard from.
    pub last_contact: Option<String>,
    pub last_peer: Option<String>,
    /// Packets received today (Beijing date): accepted + duplicates + rejected.
    pub packets_today: i64,
    pub rejected_today: i64,
    pub online: bool,
    pub enabled: bool,
    /// Its outlet is no longer in the ledger: the server refuses its packets (`outlet_deleted`).
    pub outlet_missing: bool,
}

fn beijing_today() -> String {
    let b = time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+8));
    format!("{:04}-{:02}-{:02}", b.year(), b.month() as u8, b.day())
}

fn is_online(last: Option<&str>, now: time::OffsetDateTime) -> bool {
    use time::format_description::well_known::Rfc3339;
    last.and_then(|t| time::OffsetDateTime::parse(t, &Rfc3339).ok())
        .is_some_and(|t| now - t <= time::Duration::minutes(ONLINE_WITHIN_MINUTES))
}

/// Every registered device, optionally only those of enterprises in a division subtree
/// (`division_prefix` like `612021`), ordered by division, enterprise and MN.
pub async fn device_statuses(db: &Db, division_prefix: Option<&str>) -> Result<Vec<DeviceStatus>> {
    let prefix = division_prefix.unwrap_or("");
    if !prefix.bytes().all(|b| b.is_ascii_digit()) {
        return Err(crate::Error::Invalid(crate::i18n::catalogue::monitoring::division_digits(prefix)));
    }
    // A prefix is a key range on the division code (see ledger::filter): [prefix, prefix + ':').
    let within = if prefix.is_empty() { "" } else { "AND e.division_code >= $2 AND e.division_code < $3" };
    let sql = format!(
        "SELECT d.mn, e.id, e.name, d.credit_code, e.division_code, d.outlet_code, o.name, s.last_contact_at, s.last_peer,
                CAST(COALESCE(dd.accepted + dd.duplicates + dd.rejected, 0) AS BIGINT), CAST(COALESCE(dd.rejected, 0) AS BIGINT), d.enabled,
                CASE WHEN o.id IS NULL THEN 1 ELSE 0 END
         FROM devices d
         LEFT JOIN enterprises e ON e.credit_code = d.credit_code
         LEFT JOIN outlets o ON o.enterprise_id = e.id AND o.code = d.outlet_code
         LEFT JOIN device_status s ON s.device_id = d.id
         LEFT JOIN device_daily dd ON dd.device_id = d.id AND dd.day = $1
         WHERE 1 = 1 {within}
         ORDER BY e.division_code, e.name, d.mn"
    );
    let mut q = sqlx::query(&sql).bind(beijing_today());
    if !prefix.is_empty() {
        q = q.bind(prefix.to_string()).bind(format!("{prefix}:"));
    }
    let rows = q.fetch_all(&db.pool).await?;
    let now = time::OffsetDateTime::now_utc();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let last: Option<String> = row.try_get(7)?;
        out.push(DeviceStatus {
            mn: row.try_get(0)?,
            enterprise_id: row.try_get(1)?,
            enterprise_name: row.try_get(2)?,
            credit_code: row.try_get(3)?,
            division_code: row.try_get(4)?,
            outlet_code: row.try_get(5)?,
            outlet_name: row.try_get(6)?,
            online: is_online(last.as_deref(), now),
            last_contact: last,
            last_peer: row.try_get(8)?,
            packets_today: row.try_get(9)?,
            rejected_today: row.try_get(10)?,
            enabled: row.try_get::<i64, _>(11)? != 0,
            outlet_missing: row.try_get::<i64, _>(12)? != 0,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn online_means_heard_from_within_the_window() {
        let now = time::macros::datetime!(2026-11-23 12:00 UTC);
        assert!(super::is_online(Some("2026-11-23T11:55:00Z"), now));
        assert!(!super::is_online(Some("2026-11-23T11:49:59Z"), now));
        assert!(!super::is_online(None, now));
        assert!(!super::is_online(Some("garbage"), now));
    }
}
