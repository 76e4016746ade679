//! The time-series store of monitoring data: what analytics reads (`read_values`) and the
//! hours it must recompute (`take_dirty`). Values are written by the ingestion writer
//! (`ingest::store_sqlite`, `ingest::store_pg`), which also records, in the same transaction,
//! every (device, kind, hour) that received a new or late value.

use sqlx::Row;
use time::OffsetDateTime;

use crate::error::Result;
use crate::monitoring::block::{self, Entry};
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
    read_blocks(db, key, kind, from, to, &mut out).await?;
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
    // Blocks and rows never hold the same value; a stable sort keeps device order within a time.
    out.sort_by(|a, b| (a.time, &a.pollutant).cmp(&(b.time, &b.pollutant)));
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

// ---- The compact layout: blocks (issue 9) ----

/// A block is compacted once its period ended this long ago: until then its values stay rows
/// of `measurements`, the write buffer, where a resend is refused by the primary key.
pub const COMPACT_AFTER_S: i64 = 2 * 3600;
/// The ingestion writer looks a value up in the blocks when its period ended this long ago
/// (less than `COMPACT_AFTER_S`, so a value it does not look up cannot be in a block even with
/// the clocks of two nodes an hour apart).
pub const CHECK_BLOCKS_AFTER_S: i64 = 3600;

/// The longest period of a block of this kind, to bound block look-ups by time.
fn longest_period_s(kind: DataKind) -> i64 {
    match kind {
        DataKind::Realtime2011 => 3600,
        DataKind::Minute2051 => 86_400,
        DataKind::Hourly2061 => 31 * 86_400,
        DataKind::Daily2031 => 366 * 86_400,
    }
}

/// The fields of a block entry that make a sample of `kind`: (value, converted).
fn sample_fields(kind: DataKind) -> (usize, usize) {
    match kind {
        DataKind::Realtime2011 => (0, 5),
        _ => (1, 6),
    }
}

async fn read_blocks(db: &Db, key: &SeriesKey, kind: DataKind, from: OffsetDateTime, to: OffsetDateTime, out: &mut Vec<Sample>) -> Result<()> {
    let who = match key {
        SeriesKey::Device(_) => "device_id = $5",
        SeriesKey::Outlet { .. } => "device_id IN (SELECT id FROM devices WHERE credit_code = $5 AND outlet_code = $6)",
    };
    let sql = format!(
        "SELECT pollutant, data FROM series_blocks WHERE cn = $1 AND block_start < $2 AND block_start > $3 AND block_end > $4 AND {who}
         ORDER BY block_start, pollutant, device_id"
    );
    let (lo, hi) = (from.unix_timestamp(), to.unix_timestamp());
    let query = sqlx::query(&sql).bind(kind.cn() as i32).bind(hi).bind(lo - longest_period_s(kind)).bind(lo);
    let query = match key {
        SeriesKey::Device(id) => query.bind(*id),
        SeriesKey::Outlet { credit_code, outlet_code } => query.bind(credit_code.as_str()).bind(outlet_code.as_str()),
    };
    let (fv, fc) = sample_fields(kind);
    for row in query.fetch_all(&db.pool).await? {
        let pollutant: String = row.try_get(0)?;
        let data: Vec<u8> = row.try_get(1)?;
        // Only the fields a sample carries: the others' streams stay compressed.
        let cols = block::decode_columns(&data, &[fv, fc, 2, 3, 4])
            .map_err(|e| crate::Error::Invalid(crate::i18n::catalogue::monitoring::block_damaged(e.to_string(), pollutant.to_string())))?;
        for (i, (&t, flag)) in cols.times.iter().zip(cols.flag_per_entry()).enumerate() {
            if t < lo || t >= hi {
                continue;
            }
            let Ok(time) = OffsetDateTime::from_unix_timestamp(t) else { continue };
            out.push(Sample {
                time,
                pollutant: pollutant.clone(),
                value: cols.fields[fv][i],
                converted: cols.fields[fc][i],
                min: cols.fields[2][i],
                max: cols.fields[3][i],
                cou: cols.fields[4][i],
                flag: flag.unwrap_or_default().to_string(),
            });
        }
    }
    Ok(())
}

/// What a compaction pass moved.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CompactReport {
    pub rows: u64,
    pub blocks: u64,
}

const SELECT_CHUNK: &str = "SELECT device_id, data_time, pollutant, rtd, avg, min, max, cou, zs_rtd, zs_avg, zs_min, zs_max, flag, extra
    FROM measurements WHERE cn = $1 AND data_time < $2
      AND (device_id > $3 OR (device_id = $3 AND (data_time > $4 OR (data_time = $4 AND pollutant > $5))))
    ORDER BY device_id, data_time, pollutant LIMIT $6";

/// (device, pollutant, block start) → block end, entries, their DataTimes.
type Groups = std::collections::BTreeMap<(i64, String, i64), (i64, Vec<Entry>, Vec<i64>)>;

/// Move every value whose block period ended `COMPACT_AFTER_S` before `now` from the rows of
/// `measurements` into its compressed block (merging into a block that exists: late data),
/// `chunk` rows per transaction. Values with a DataTime that is not a real date stay rows.
/// Each chunk is one transaction: a block and the rows it replaces change together.
pub async fn compact(db: &Db, now: OffsetDateTime, chunk: i64) -> Result<CompactReport> {
    let mut report = CompactReport::default();
    let chunk = chunk.max(1);
    for kind in DataKind::ALL {
        let cutoff = data_time_of_instant(now - time::Duration::seconds(COMPACT_AFTER_S));
        let Some((open_start, _)) = block::period(kind, cutoff) else { continue };
        let Ok(open_start) = OffsetDateTime::from_unix_timestamp(open_start) else { continue };
        let below = data_time_of_instant(open_start);
        let mut after: (i64, i64, String) = (i64::MIN, i64::MIN, String::new());
        loop {
            let rows = sqlx::query(SELECT_CHUNK)
                .bind(kind.cn() as i32)
                .bind(below)
                .bind(after.0)
                .bind(after.1)
                .bind(after.2.as_str())
                .bind(chunk)
                .fetch_all(&db.pool)
                .await?;
            let mut groups = Groups::new();
            for row in &rows {
                let (device, dt, pollutant): (i64, i64, String) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
                after = (device, dt, pollutant.clone());
                let (Some(t), Some((start, end))) = (instant_of_data_time(dt), block::period(kind, dt)) else { continue };
                let mut fields = [None; block::FIELDS];
                for (k, f) in fields.iter_mut().enumerate() {
                    *f = row.try_get(3 + k)?;
                }
                let entry = Entry { time: t.unix_timestamp(), fields, flag: row.try_get(12)?, extra: row.try_get(13)? };
                let g = groups.entry((device, pollutant, start)).or_insert_with(|| (end, Vec::new(), Vec::new()));
                g.1.push(entry);
                g.2.push(dt);
            }
            if !groups.is_empty() {
                report.rows += groups.values().map(|g| g.1.len() as u64).sum::<u64>();
                report.blocks += groups.len() as u64;
                write_groups(db, kind, groups).await?;
            }
            if (rows.len() as i64) < chunk {
                break;
            }
        }
    }
    Ok(report)
}

/// Store blocks made elsewhere (the demo's generated history), merged into any stored block of
/// the same key: (device, pollutant, block start) → (block end, entries in time order). The
/// block boundaries must be those of `block::period` for `kind`.
pub async fn store_blocks(db: &Db, kind: DataKind, blocks: Vec<((i64, String, i64), (i64, Vec<Entry>))>) -> Result<()> {
    let groups: Groups = blocks.into_iter().map(|(key, (end, entries))| (key, (end, entries, Vec::new()))).collect();
    write_groups(db, kind, groups).await
}

async fn write_groups(db: &Db, kind: DataKind, groups: Groups) -> Result<()> {
    let mut tx = db.begin().await?;
    let cn = kind.cn() as i32;
    let mut locked = None;
    for ((device, pollutant, start), (end, entries, dts)) in groups {
        if db.backend == Backend::Postgres && locked != Some(device) {
            // Excludes the ingestion writers' block look-ups for this device (they take it shared).
            sqlx::query("SELECT pg_advisory_xact_lock(2051, CAST($1 AS INTEGER))").bind(device).execute(&mut *tx).await?;
            locked = Some(device);
        }
        let stored: Option<Vec<u8>> = sqlx::query("SELECT data FROM series_blocks WHERE device_id = $1 AND cn = $2 AND block_start = $3 AND pollutant = $4")
            .bind(device)
            .bind(cn)
            .bind(start)
            .bind(pollutant.as_str())
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| r.try_get(0))
            .transpose()?;
        let mut all = match stored {
            Some(b) => block::decode(&b).map_err(|e| crate::Error::Invalid(crate::i18n::catalogue::monitoring::block_damaged(e.to_string(), format!("{device}, {pollutant}, {start}"))))?,
            None => Vec::new(),
        };
        block::merge(&mut all, entries);
        let data = block::encode(&all);
        sqlx::query(
            "INSERT INTO series_blocks (device_id, cn, block_start, pollutant, block_end, n, data) VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (device_id, cn, block_start, pollutant) DO UPDATE SET block_end = excluded.block_end, n = excluded.n, data = excluded.data",
        )
        .bind(device)
        .bind(cn)
        .bind(start)
        .bind(pollutant.as_str())
        .bind(end)
        .bind(all.len() as i64)
        .bind(data)
        .execute(&mut *tx)
        .await?;
        for part in dts.chunks(200) {
            let list = (0..part.len()).map(|i| format!("${}", i + 4)).collect::<Vec<_>>().join(", ");
            let sql = format!("DELETE FROM measurements WHERE device_id = $1 AND cn = $2 AND pollutant = $3 AND data_time IN ({list})");
            let mut q = sqlx::query(&sql).bind(device).bind(cn).bind(pollutant.as_str());
            for dt in part {
                q = q.bind(*dt);
            }
            q.execute(&mut *tx).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Convert the rows of an existing database into blocks when migration 0107 asked for it
/// (`series_upgrade.pending`); a no-op afterwards.
pub async fn upgrade(db: &Db) -> Result<()> {
    let pending: i64 = sqlx::query("SELECT CAST(pending AS BIGINT) FROM series_upgrade WHERE id = 1")
        .fetch_optional(&db.pool)
        .await?
        .map(|r| r.try_get(0))
        .transpose()?
        .unwrap_or(0);
    if pending == 0 {
        return Ok(());
    }
    let r = compact(db, OffsetDateTime::now_utc(), 20_000).await?;
    if r.rows > 0 {
        tracing::info!(rows = r.rows, blocks = r.blocks, "monitoring values converted into series blocks");
    }
    sqlx::query("UPDATE series_upgrade SET pending = 0 WHERE id = 1").execute(&db.pool).await?;
    Ok(())
}
