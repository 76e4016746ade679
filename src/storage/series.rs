//! The time-series store of monitoring data: what analytics reads (`read_values`) and the
//! hours it must recompute (`take_dirty`). Values are written by the ingestion writer
//! (`ingest::store_sqlite`, `ingest::store_pg`), which also records, in the same transaction,
//! every (device, kind, hour) that received a new or late value.

use sqlx::Row;
use time::OffsetDateTime;

use crate::error::Result;
use crate::monitoring::sample::{DataKind, Sample, data_time_of_instant, hour_start_of_data_time, instant_of_data_time};
use crate::storage::{Backend, Db};

/// Whose series: one logger, or every logger bound to an outlet of the ledger (an outlet
/// whose logger was replaced has two).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SeriesKey {
    Device(i64),
    Outlet { credit_code: String, outlet_code: String },
}

impl From<i64> for SeriesKey {
    fn from(id: i64) -> SeriesKey {
        SeriesKey::Device(id)
    }
}

/// The values of `kind` with a data time in `[from, to)`, in time order (then pollutant code).
/// Values whose stored DataTime is not a real date (a logger with a broken clock) are not
/// series values; the raw archive keeps them.
pub async fn read_values(db: &Db, key: &SeriesKey, kind: DataKind, from: OffsetDateTime, to: OffsetDateTime) -> Result<Vec<Sample>> {
    if to <= from {
        return Ok(Vec::new());
    }
    let (lo, hi) = (data_time_of_instant(from), data_time_of_instant(to));
    let (value, converted) = value_columns(kind);
    let columns = format!("data_time, pollutant, {value}, {converted}, min, max, cou, flag");
    let (who, order) = match key {
        SeriesKey::Device(_) => ("device_id = $4", "data_time, pollutant"),
        SeriesKey::Outlet { .. } => {
            ("device_id IN (SELECT id FROM devices WHERE credit_code = $4 AND outlet_code = $5)", "data_time, pollutant, device_id")
        }
    };
    let sql = format!("SELECT {columns} FROM measurements WHERE cn = $1 AND data_time >= $2 AND data_time < $3 AND {who} ORDER BY {order}");
    let query = sqlx::query(&sql).bind(kind.cn() as i32).bind(lo).bind(hi);
    let query = match key {
        SeriesKey::Device(id) => query.bind(*id),
        SeriesKey::Outlet { credit_code, outlet_code } => query.bind(credit_code.as_str()).bind(outlet_code.as_str()),
    };
    let rows = query.fetch_all(&db.pool).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(time) = instant_of_data_time(row.try_get(0)?) else { continue };
        out.push(Sample {
            time,
            pollutant: row.try_get(1)?,
            value: row.try_get(2)?,
            converted: row.try_get(3)?,
            min: row.try_get(4)?,
            max: row.try_get(5)?,
            cou: row.try_get(6)?,
            flag: row.try_get::<Option<String>, _>(7)?.unwrap_or_default(),
        });
    }
    Ok(out)
}

/// The columns holding a kind's value and the logger's converted value.
fn value_columns(kind: DataKind) -> (&'static str, &'static str) {
    match kind {
        DataKind::Realtime2011 => ("rtd", "zs_rtd"),
        _ => ("avg", "zs_avg"),
    }
}

/// Up to `limit` hours that received new or late values since they were last taken, oldest
/// first, as (device, kind, hour start in UTC); taking removes them, so each is handed out
/// once (on PostgreSQL concurrent takers skip each other's rows). Daily data (2031) marks the
/// hour its DataTime falls in (00:00 Beijing time). An averaging job that fails after taking
/// re-marks what it took with `mark_dirty`, or `lantian monitor recompute` covers the range.
pub async fn take_dirty(db: &Db, limit: i64) -> Result<Vec<(i64, DataKind, OffsetDateTime)>> {
    let sql = match db.backend {
        Backend::Sqlite => {
            "DELETE FROM series_dirty WHERE rowid IN (SELECT rowid FROM series_dirty ORDER BY hour_start, device_id, cn LIMIT $1)
             RETURNING device_id, cn, hour_start"
        }
        Backend::Postgres => {
            "DELETE FROM series_dirty WHERE (device_id, cn, hour_start) IN
               (SELECT device_id, cn, hour_start FROM series_dirty ORDER BY hour_start, device_id, cn LIMIT $1 FOR UPDATE SKIP LOCKED)
             RETURNING device_id, cn, hour_start"
        }
    };
    let rows = sqlx::query(sql).bind(limit.max(0)).fetch_all(&db.pool).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let (device, cn, hour): (i64, i32, i64) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
        let (Some(kind), Ok(hour)) = (DataKind::from_cn(cn as i64), OffsetDateTime::from_unix_timestamp(hour)) else { continue };
        out.push((device, kind, hour));
    }
    out.sort_by_key(|d| (d.2, d.0, d.1));
    Ok(out)
}

/// Mark hours for recomputation (e.g. hours taken by a job that then failed).
pub async fn mark_dirty(db: &Db, hours: &[(i64, DataKind, OffsetDateTime)]) -> Result<()> {
    let mut tx = db.pool.begin().await?;
    for (device, kind, hour) in hours {
        sqlx::query("INSERT INTO series_dirty (device_id, cn, hour_start) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(*device)
            .bind(kind.cn() as i32)
            .bind(hour.unix_timestamp())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The dirty-hour key of a stored value, as the ingestion writer records it: (device, CN,
/// hour start in Unix seconds); `None` for commands the store does not keep as series, or a
/// DataTime that is not a real date.
pub fn dirty_key(device: i64, cn: i64, data_time: i64) -> Option<(i64, i64, i64)> {
    DataKind::from_cn(cn)?;
    Some((device, cn, hour_start_of_data_time(data_time)?.unix_timestamp()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn dirty_keys_are_hours_of_series_commands() {
        assert_eq!(super::dirty_key(7, 2051, 20261123105900), Some((7, 2051, 1_795_399_200)));
        assert_eq!(super::dirty_key(7, 3020, 20261123105900), None);
        assert_eq!(super::dirty_key(7, 2011, 20261323105900), None);
    }
}
