//! The SQLite side of the writer: a dedicated rusqlite connection with cached prepared
//! statements (the sqlx pool hands every statement to a worker thread and binds parameters by
//! name, which costs several times more per row on this path).
//!
//! Durability: this connection runs with `synchronous = FULL`. In WAL mode NORMAL already
//! survives a killed process (a committed transaction is in the WAL file, i.e. in the kernel,
//! when COMMIT returns) but can lose the last transactions on power loss, because the WAL is
//! fsynced only at checkpoints. An acknowledgement tells the logger it may forget the data, so
//! we fsync the WAL at every commit; batching makes that one fsync per batch, not per packet.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::record::{Job, Value, Verdict};
use crate::monitoring::block;
use crate::monitoring::sample::{DataKind, instant_of_data_time};
use super::writer::{TimeFormat, aggregate};

pub struct SqliteStore {
    conn: Connection,
    tf: TimeFormat,
    /// SQL of the multi-row value INSERT by row count (index = rows).
    values_sql: Vec<String>,
}

const BLOCK_OF: &str = "SELECT data FROM series_blocks WHERE device_id = ?1 AND cn = ?2 AND block_start = ?3 AND pollutant = ?4";
/// Times already stored in blocks, by (device, CN, block start, pollutant), looked up once per batch.
type BlockTimes = std::collections::HashMap<(i64, i64, i64, String), Vec<i64>>;

/// The values of a record that are not stored yet in a block. Only a value whose block period
/// ended `CHECK_BLOCKS_AFTER_S` ago can be in a block (blocks are compacted later still), so
/// the look-up costs nothing for current data.
fn not_in_blocks<'v>(tx: &rusqlite::Transaction<'_>, cache: &mut BlockTimes, now: i64, dev: i64, cn: i64, dt: i64, values: &'v [Value]) -> rusqlite::Result<Vec<&'v Value>> {
    let late = DataKind::from_cn(cn)
        .and_then(|k| block::period(k, dt))
        .filter(|(_, end)| *end < now - crate::storage::series::CHECK_BLOCKS_AFTER_S);
    let (Some((start, _)), Some(t)) = (late, instant_of_data_time(dt)) else { return Ok(values.iter().collect()) };
    let t = t.unix_timestamp();
    let mut out = Vec::with_capacity(values.len());
    for v in values {
        let key = (dev, cn, start, v.pollutant.clone());
        if !cache.contains_key(&key) {
            let data: Option<Vec<u8>> = tx.prepare_cached(BLOCK_OF)?.query_row(params![dev, cn, start, v.pollutant], |r| r.get(0)).optional()?;
            let times = match data {
                Some(d) => block::decode(&d).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?.into_iter().map(|e| e.time).collect(),
                None => Vec::new(),
            };
            cache.insert(key.clone(), times);
        }
        if cache[&key].binary_search(&t).is_err() {
            out.push(v);
        }
    }
    Ok(out)
}

const STORED_VALUE: &str = "SELECT rtd, avg, min, max, cou, zs_rtd, zs_avg, zs_min, zs_max, flag, extra FROM measurements
    WHERE device_id = ?1 AND cn = ?2 AND data_time = ?3 AND pollutant = ?4";
const INSERT_CONFLICT: &str = "INSERT INTO ingest_conflicts (received_at, device_id, mn, peer, cn, data_time, qn, pollutants) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

/// The pollutants of `values` whose stored row differs from them. Asked only when a packet's
/// insert left some row unchanged (a resend or a conflict), never for fresh data.
fn differing(tx: &rusqlite::Transaction<'_>, dev: i64, cn: i64, dt: i64, values: &[&Value]) -> rusqlite::Result<Vec<String>> {
    let mut st = tx.prepare_cached(STORED_VALUE)?;
    let mut out = Vec::new();
    for v in values {
        let stored = st
            .query_row(params![dev, cn, dt, v.pollutant], |r| {
                Ok(Value {
                    pollutant: v.pollutant.clone(),
                    rtd: r.get(0)?,
                    avg: r.get(1)?,
                    min: r.get(2)?,
                    max: r.get(3)?,
                    cou: r.get(4)?,
                    zs_rtd: r.get(5)?,
                    zs_avg: r.get(6)?,
                    zs_min: r.get(7)?,
                    zs_max: r.get(8)?,
                    flag: r.get(9)?,
                    extra: r.get(10)?,
                })
            })
            .optional()?;
        if stored.is_some_and(|s| !s.same_as(v)) {
            out.push(v.pollutant.clone());
        }
    }
    Ok(out)
}

const MARK_DIRTY: &str = "INSERT INTO series_dirty (device_id, cn, hour_start) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";
const INSERT_RAW: &str = "INSERT INTO raw_packets (received_at, device_id, mn, peer, cn, qn, verdict, reason, raw) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
/// Values of one packet go in one multi-row statement (up to this many rows): a packet's
/// pollutants cost one statement execution, not one each; `changes()` still tells per packet
/// whether anything new was stored.
const ROWS_PER_STATEMENT: usize = 16;
const VALUE_COLUMNS: usize = 15;

fn insert_values_sql(rows: usize) -> String {
    let mut s = String::from(
        "INSERT INTO measurements (device_id, cn, data_time, pollutant, rtd, avg, min, max, cou, zs_rtd, zs_avg, zs_min, zs_max, flag, extra) VALUES ",
    );
    for r in 0..rows {
        s.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..VALUE_COLUMNS {
            if c > 0 {
                s.push_str(", ");
            }
            s.push('?');
            s.push_str(&(r * VALUE_COLUMNS + c + 1).to_string());
        }
        s.push(')');
    }
    s.push_str(" ON CONFLICT DO NOTHING");
    s
}
const UPSERT_STATUS: &str = "INSERT INTO device_status (device_id, last_contact_at, last_peer, last_cn, packets_total) VALUES (?1, ?2, ?3, ?4, ?5)
     ON CONFLICT (device_id) DO UPDATE SET last_contact_at = MAX(last_contact_at, excluded.last_contact_at),
       last_peer = excluded.last_peer, last_cn = excluded.last_cn, packets_total = packets_total + excluded.packets_total";
const UPSERT_DAILY: &str = "INSERT INTO device_daily (device_id, day, accepted, duplicates, rejected) VALUES (?1, ?2, ?3, ?4, ?5)
     ON CONFLICT (device_id, day) DO UPDATE SET accepted = accepted + excluded.accepted,
       duplicates = duplicates + excluded.duplicates, rejected = rejected + excluded.rejected";

/// The file of the main database of a SQLite pool (`PRAGMA database_list`).
pub async fn database_file(db: &crate::storage::Db) -> crate::Result<PathBuf> {
    use sqlx::Row;
    let row = sqlx::query("SELECT file FROM pragma_database_list WHERE name = 'main'").fetch_one(&db.pool).await?;
    let file: String = row.try_get(0)?;
    if file.is_empty() {
        return Err(crate::Error::Invalid(crate::i18n::catalogue::monitoring::writer_needs_file()));
    }
    Ok(PathBuf::from(file))
}

impl SqliteStore {
    pub fn open(path: &Path) -> rusqlite::Result<SqliteStore> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "cache_size", -262144)?;
        // WAL checkpoints stay with the writer (SQLite's autocheckpoint after a commit): a
        // checkpoint from another thread cannot finish while the writer keeps appending, so the
        // WAL would never restart and grow without bound under sustained load (measured).
        conn.set_prepared_statement_cache_capacity(32);
        let values_sql = (0..=ROWS_PER_STATEMENT).map(insert_values_sql).collect();
        Ok(SqliteStore { conn, tf: TimeFormat::default(), values_sql })
    }

    /// Write the batch in one transaction. Returns, per job, its verdict (new data, a resend
    /// of stored values, or a conflict with them). Nothing is written unless everything is.
    pub fn write(&mut self, batch: &[Job]) -> rusqlite::Result<Vec<Verdict>> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut dups = Vec::with_capacity(batch.len());
        let mut verdicts = Vec::with_capacity(batch.len());
        // The hours that get a new value, for the averaging job (storage::series::take_dirty).
        let mut dirty = std::collections::BTreeSet::new();
        let mut blocks = BlockTimes::new();
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        {
            let mut ins_raw = tx.prepare_cached(INSERT_RAW)?;
            for job in batch {
                let r = &job.record;
                let mut inserted = 0;
                let mut conflict = Vec::new();
                if r.reject.is_none()
                    && let Some(dt) = r.data_time
                    && let Some(dev) = r.device_id
                {
                    let fresh = not_in_blocks(&tx, &mut blocks, now, dev, r.cn_code, dt, &r.values)?;
                    for chunk in fresh.chunks(ROWS_PER_STATEMENT) {
                        let mut st = tx.prepare_cached(&self.values_sql[chunk.len()])?;
                        for (i, v) in chunk.iter().enumerate() {
                            let at = i * VALUE_COLUMNS;
                            st.raw_bind_parameter(at + 1, dev)?;
                            st.raw_bind_parameter(at + 2, r.cn_code)?;
                            st.raw_bind_parameter(at + 3, dt)?;
                            st.raw_bind_parameter(at + 4, v.pollutant.as_str())?;
                            for (k, x) in [v.rtd, v.avg, v.min, v.max, v.cou, v.zs_rtd, v.zs_avg, v.zs_min, v.zs_max].into_iter().enumerate() {
                                st.raw_bind_parameter(at + 5 + k, x)?;
                            }
                            st.raw_bind_parameter(at + 14, v.flag.as_deref())?;
                            st.raw_bind_parameter(at + 15, v.extra.as_deref())?;
                        }
                        inserted += st.raw_execute()?;
                    }
                    if inserted < fresh.len() {
                        conflict = differing(&tx, dev, r.cn_code, dt, &fresh)?;
                    }
                }
                if inserted > 0
                    && let (Some(dev), Some(dt)) = (r.device_id, r.data_time)
                    && let Some(key) = crate::storage::series::dirty_key(dev, r.cn_code, dt)
                {
                    dirty.insert(key);
                }
                let dup = r.reject.is_none() && !r.values.is_empty() && inserted == 0;
                let v = if !conflict.is_empty() { Verdict::Conflict } else if dup { Verdict::Duplicate } else { Verdict::Accepted };
                let verdict = if r.reject.is_some() { "rejected" } else { v.as_str() };
                let (at, _) = self.tf.format(r.received_ms);
                ins_raw.execute(params![at, r.device_id, r.mn, &*r.peer, r.cn, r.qn, verdict, r.reject.unwrap_or(""), r.raw])?;
                if !conflict.is_empty() {
                    tx.prepare_cached(INSERT_CONFLICT)?
                        .execute(params![at, r.device_id, r.mn, &*r.peer, r.cn_code, r.data_time, r.qn, conflict.join(",")])?;
                }
                dups.push(v != Verdict::Accepted);
                verdicts.push(v);
            }
            let records: Vec<_> = batch.iter().map(|j| &j.record).collect();
            let (contacts, daily) = aggregate(&records, &dups, &mut self.tf);
            let mut up_status = tx.prepare_cached(UPSERT_STATUS)?;
            for (id, c) in &contacts {
                up_status.execute(params![id, c.last_at, c.last_peer, c.last_cn, c.packets])?;
            }
            let mut mark = tx.prepare_cached(MARK_DIRTY)?;
            for (dev, cn, hour) in &dirty {
                mark.execute(params![dev, cn, hour])?;
            }
            let mut up_daily = tx.prepare_cached(UPSERT_DAILY)?;
            for ((id, day), d) in &daily {
                up_daily.execute(params![id, day, d.accepted, d.duplicates, d.rejected])?;
            }
        }
        tx.commit()?;
        Ok(verdicts)
    }
}
