//! The PostgreSQL side of the writer: a dedicated native connection (not the `Any` pool,
//! which has no arrays) writing each table of a batch with ONE statement,
//! `INSERT … SELECT * FROM UNNEST($1::…[], …)`. The commit is durable as configured on the
//! server (`synchronous_commit = on` by default).

use std::collections::HashSet;

use sqlx::{Connection, PgConnection, Row};

use super::partitions::{Partitions, month_of_data_time, month_of_rfc3339};
use super::record::{Job, Value, Verdict};
use super::writer::{TimeFormat, aggregate};

pub struct PgStore {
    url: String,
    conn: Option<PgConnection>,
    partitions: Partitions,
    tf: TimeFormat,
}

const INSERT_VALUES: &str = "INSERT INTO measurements (device_id, cn, data_time, pollutant, rtd, avg, min, max, cou, zs_rtd, zs_avg, zs_min, zs_max, flag, extra)
    SELECT * FROM UNNEST($1::int8[], $2::int4[], $3::int8[], $4::text[], $5::float8[], $6::float8[], $7::float8[], $8::float8[],
                         $9::float8[], $10::float8[], $11::float8[], $12::float8[], $13::float8[], $14::text[], $15::text[])
    ON CONFLICT DO NOTHING
    RETURNING device_id, cn, data_time, pollutant";
/// Stored values of the slots a packet did not fill itself (resends and conflicts only).
const STORED_VALUES: &str = "SELECT m.device_id, m.cn, m.data_time, m.pollutant, m.rtd, m.avg, m.min, m.max, m.cou, m.zs_rtd, m.zs_avg, m.zs_min, m.zs_max, m.flag, m.extra
    FROM measurements m JOIN UNNEST($1::int8[], $2::int4[], $3::int8[], $4::text[]) AS k(device_id, cn, data_time, pollutant)
      ON m.device_id = k.device_id AND m.cn = k.cn AND m.data_time = k.data_time AND m.pollutant = k.pollutant";
const INSERT_CONFLICTS: &str = "INSERT INTO ingest_conflicts (received_at, device_id, mn, peer, cn, data_time, qn, pollutants)
    SELECT * FROM UNNEST($1::text[], $2::int8[], $3::text[], $4::text[], $5::int8[], $6::int8[], $7::text[], $8::text[])";
const MARK_DIRTY: &str = "INSERT INTO series_dirty (device_id, cn, hour_start)
    SELECT * FROM UNNEST($1::int8[], $2::int4[], $3::int8[]) ON CONFLICT DO NOTHING";
const INSERT_RAW: &str = "INSERT INTO raw_packets (received_at, device_id, mn, peer, cn, qn, verdict, reason, raw)
    SELECT * FROM UNNEST($1::text[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])";
const UPSERT_STATUS: &str = "INSERT INTO device_status (device_id, last_contact_at, last_peer, last_cn, packets_total)
    SELECT * FROM UNNEST($1::int8[], $2::text[], $3::text[], $4::text[], $5::int8[])
    ON CONFLICT (device_id) DO UPDATE SET last_contact_at = GREATEST(device_status.last_contact_at, EXCLUDED.last_contact_at),
      last_peer = EXCLUDED.last_peer, last_cn = EXCLUDED.last_cn, packets_total = device_status.packets_total + EXCLUDED.packets_total";
const UPSERT_DAILY: &str = "INSERT INTO device_daily (device_id, day, accepted, duplicates, rejected)
    SELECT * FROM UNNEST($1::int8[], $2::text[], $3::int8[], $4::int8[], $5::int8[])
    ON CONFLICT (device_id, day) DO UPDATE SET accepted = device_daily.accepted + EXCLUDED.accepted,
      duplicates = device_daily.duplicates + EXCLUDED.duplicates, rejected = device_daily.rejected + EXCLUDED.rejected";

/// (device, CN, DataTime, pollutant): the natural key of a measurement.
type Key<'a> = (i64, i32, i64, &'a str);

#[derive(Default)]
struct Columns {
    device: Vec<i64>,
    cn: Vec<i32>,
    dt: Vec<i64>,
    pollutant: Vec<String>,
    f: [Vec<Option<f64>>; 9],
    flag: Vec<Option<String>>,
    extra: Vec<Option<String>>,
}

/// The rows not stored yet in a block. Only a value whose block period ended
/// `CHECK_BLOCKS_AFTER_S` ago can be in one; for those the devices' advisory locks are taken
/// shared (the compactor takes them exclusive), so a value is either a row or in its block.
async fn not_in_blocks<'a>(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    rows: Vec<(Key<'a>, &'a super::record::Value)>,
) -> sqlx::Result<Vec<(Key<'a>, &'a super::record::Value)>> {
    use crate::monitoring::block;
    use crate::monitoring::sample::{DataKind, instant_of_data_time};
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let late_block = |&(dev, cn, dt, _): &Key<'_>| -> Option<(i64, i32, i64)> {
        let (start, end) = block::period(DataKind::from_cn(cn as i64)?, dt)?;
        (end < now - crate::storage::series::CHECK_BLOCKS_AFTER_S).then_some((dev, cn, start))
    };
    let late: std::collections::BTreeSet<(i64, i32, i64)> = rows.iter().filter_map(|(k, _)| late_block(k)).collect();
    if late.is_empty() {
        return Ok(rows);
    }
    let mut devices: Vec<i64> = late.iter().map(|l| l.0).collect();
    devices.dedup();
    for d in devices {
        sqlx::query("SELECT pg_advisory_xact_lock_shared(2051, $1)").bind(d as i32).execute(&mut **tx).await?;
    }
    let found = sqlx::query(
        "SELECT device_id, cn, pollutant, data FROM series_blocks
         WHERE (device_id, cn, block_start) IN (SELECT * FROM UNNEST($1::int8[], $2::int4[], $3::int8[]))",
    )
    .bind(late.iter().map(|l| l.0).collect::<Vec<_>>())
    .bind(late.iter().map(|l| l.1).collect::<Vec<_>>())
    .bind(late.iter().map(|l| l.2).collect::<Vec<_>>())
    .fetch_all(&mut **tx)
    .await?;
    let mut stored: HashSet<(i64, i32, i64, String)> = HashSet::new();
    for row in found {
        let (dev, cn, pollutant, data): (i64, i32, String, Vec<u8>) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?, row.try_get(3)?);
        for e in block::decode(&data).map_err(|e| sqlx::Error::Decode(Box::new(e)))? {
            stored.insert((dev, cn, e.time, pollutant.clone()));
        }
    }
    Ok(rows
        .into_iter()
        .filter(|(k, _)| {
            let t = instant_of_data_time(k.2).map(|t| t.unix_timestamp());
            !(late_block(k).is_some() && t.is_some_and(|t| stored.contains(&(k.0, k.1, t, k.3.to_string()))))
        })
        .collect())
}

/// The jobs of a batch that carry, for a slot they did not fill themselves, other values than
/// the stored ones: job index → the differing pollutant codes (comma-separated). One query, and
/// only when some value of the batch was not newly inserted by its own packet.
async fn conflicts(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    batch: &[Job],
    filled_by: &std::collections::HashMap<Key<'_>, usize>,
    inserted: &HashSet<(i64, i32, i64, String)>,
) -> sqlx::Result<std::collections::BTreeMap<usize, String>> {
    let mut asked: Vec<(usize, (i64, i32, i64, &str), &Value)> = Vec::new();
    for (i, job) in batch.iter().enumerate() {
        let r = &job.record;
        let (Some(dev), Some(dt), None) = (r.device_id, r.data_time, r.reject) else { continue };
        for v in &r.values {
            let key = (dev, r.cn_code as i32, dt, v.pollutant.as_str());
            let mine = filled_by.get(&key) == Some(&i) && inserted.contains(&(dev, key.1, dt, v.pollutant.clone()));
            if !mine {
                asked.push((i, key, v));
            }
        }
    }
    let mut out: std::collections::BTreeMap<usize, String> = std::collections::BTreeMap::new();
    if asked.is_empty() {
        return Ok(out);
    }
    let rows = sqlx::query(STORED_VALUES)
        .bind(asked.iter().map(|a| a.1.0).collect::<Vec<_>>())
        .bind(asked.iter().map(|a| a.1.1).collect::<Vec<_>>())
        .bind(asked.iter().map(|a| a.1.2).collect::<Vec<_>>())
        .bind(asked.iter().map(|a| a.1.3).collect::<Vec<_>>())
        .fetch_all(&mut **tx)
        .await?;
    let mut stored: std::collections::HashMap<(i64, i32, i64, String), Value> = std::collections::HashMap::new();
    for row in rows {
        let v = Value {
            pollutant: row.try_get(3)?,
            rtd: row.try_get(4)?,
            avg: row.try_get(5)?,
            min: row.try_get(6)?,
            max: row.try_get(7)?,
            cou: row.try_get(8)?,
            zs_rtd: row.try_get(9)?,
            zs_avg: row.try_get(10)?,
            zs_min: row.try_get(11)?,
            zs_max: row.try_get(12)?,
            flag: row.try_get(13)?,
            extra: row.try_get(14)?,
        };
        stored.insert((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?, v.pollutant.clone()), v);
    }
    for (i, (dev, cn, dt, p), v) in asked {
        if stored.get(&(dev, cn, dt, p.to_string())).is_some_and(|s| !s.same_as(v)) {
            let e = out.entry(i).or_default();
            if !e.is_empty() {
                e.push(',');
            }
            e.push_str(p);
        }
    }
    Ok(out)
}

impl PgStore {
    pub async fn connect(url: &str) -> sqlx::Result<PgStore> {
        let conn = PgConnection::connect(url).await?;
        Ok(PgStore { url: url.to_string(), conn: Some(conn), partitions: Partitions::default(), tf: TimeFormat::default() })
    }

    /// After a failed batch: make sure the connection works, reconnecting if needed.
    pub async fn recover(&mut self) {
        let alive = match self.conn.as_mut() {
            Some(c) => c.ping().await.is_ok(),
            None => false,
        };
        if !alive {
            self.conn = None;
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            match PgConnection::connect(&self.url).await {
                Ok(c) => self.conn = Some(c),
                Err(e) => tracing::warn!(error = %e, "HJ 212 writer cannot reconnect to PostgreSQL yet"),
            }
        }
    }

    pub async fn write(&mut self, batch: &[Job]) -> sqlx::Result<Vec<Verdict>> {
        let Some(conn) = self.conn.as_mut() else {
            return Err(sqlx::Error::PoolClosed);
        };
        // Values, deduplicated within the batch (the first copy of a key wins), in key order:
        // concurrent writers then take the unique-index locks in one order and cannot deadlock.
        // `seen` maps each slot to the job whose value fills it (the first to carry it).
        let mut seen: std::collections::HashMap<Key<'_>, usize> = std::collections::HashMap::new();
        let mut contributed = vec![false; batch.len()];
        let mut rows: Vec<(Key<'_>, &super::record::Value)> = Vec::new();
        let mut months = HashSet::new();
        for (i, job) in batch.iter().enumerate() {
            let r = &job.record;
            let (Some(dev), Some(dt), None) = (r.device_id, r.data_time, r.reject) else { continue };
            for v in &r.values {
                let key = (dev, r.cn_code as i32, dt, v.pollutant.as_str());
                if seen.contains_key(&key) {
                    continue;
                }
                seen.insert(key, i);
                contributed[i] = true;
                if let Some(m) = month_of_data_time(dt) {
                    months.insert(("measurements", m));
                }
                rows.push((key, v));
            }
        }
        rows.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut raw_at = Vec::with_capacity(batch.len());
        for job in batch {
            let (at, _) = self.tf.format(job.record.received_ms);
            if let Some(m) = month_of_rfc3339(at) {
                months.insert(("raw_packets", m));
            }
            raw_at.push(at.to_string());
        }
        self.partitions.ensure(conn, months).await?;

        let mut tx = conn.begin().await?;
        let rows = not_in_blocks(&mut tx, rows).await?;
        let mut c = Columns::default();
        for ((dev, cn, dt, pollutant), v) in rows {
            c.device.push(dev);
            c.cn.push(cn);
            c.dt.push(dt);
            c.pollutant.push(pollutant.to_string());
            for (k, x) in [v.rtd, v.avg, v.min, v.max, v.cou, v.zs_rtd, v.zs_avg, v.zs_min, v.zs_max].into_iter().enumerate() {
                c.f[k].push(x);
            }
            c.flag.push(v.flag.clone());
            c.extra.push(v.extra.clone());
        }
        let mut inserted: HashSet<(i64, i32, i64)> = HashSet::new();
        let mut inserted_values: HashSet<(i64, i32, i64, String)> = HashSet::new();
        if !c.device.is_empty() {
            let [rtd, avg, min, max, cou, zs_rtd, zs_avg, zs_min, zs_max] = c.f;
            let rows = sqlx::query(INSERT_VALUES)
                .bind(c.device)
                .bind(c.cn)
                .bind(c.dt)
                .bind(c.pollutant)
                .bind(rtd)
                .bind(avg)
                .bind(min)
                .bind(max)
                .bind(cou)
                .bind(zs_rtd)
                .bind(zs_avg)
                .bind(zs_min)
                .bind(zs_max)
                .bind(c.flag)
                .bind(c.extra)
                .fetch_all(&mut *tx)
                .await?;
            for row in rows {
                let key: (i64, i32, i64) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
                inserted.insert(key);
                inserted_values.insert((key.0, key.1, key.2, row.try_get(3)?));
            }
        }
        // The hours that got a new value, for the averaging job (storage::series::take_dirty),
        // in key order like every other multi-row write here (no deadlock between writers).
        let dirty: std::collections::BTreeSet<(i64, i64, i64)> =
            inserted.iter().filter_map(|&(dev, cn, dt)| crate::storage::series::dirty_key(dev, cn as i64, dt)).collect();
        if !dirty.is_empty() {
            let dev: Vec<i64> = dirty.iter().map(|d| d.0).collect();
            let cn: Vec<i32> = dirty.iter().map(|d| d.1 as i32).collect();
            let hour: Vec<i64> = dirty.iter().map(|d| d.2).collect();
            sqlx::query(MARK_DIRTY).bind(dev).bind(cn).bind(hour).execute(&mut *tx).await?;
        }
        let conflicts = conflicts(&mut tx, batch, &seen, &inserted_values).await?;
        let mut dups = Vec::with_capacity(batch.len());
        let mut verdicts = Vec::with_capacity(batch.len());
        for (i, job) in batch.iter().enumerate() {
            let r = &job.record;
            let dup = r.reject.is_none()
                && !r.values.is_empty()
                && !(contributed[i] && inserted.contains(&(r.device_id.unwrap_or(0), r.cn_code as i32, r.data_time.unwrap_or(0))));
            let v = if conflicts.contains_key(&i) { Verdict::Conflict } else if dup { Verdict::Duplicate } else { Verdict::Accepted };
            dups.push(v != Verdict::Accepted);
            verdicts.push(v);
        }
        let n = batch.len();
        let (mut device, mut mn, mut peer, mut cn, mut qn, mut verdict, mut reason, mut raw) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        for (job, v) in batch.iter().zip(&verdicts) {
            let r = &job.record;
            device.push(r.device_id);
            mn.push(r.mn.as_str());
            peer.push(&*r.peer);
            cn.push(r.cn.as_str());
            qn.push(r.qn.as_str());
            verdict.push(if r.reject.is_some() { "rejected" } else { v.as_str() });
            reason.push(r.reject.unwrap_or(""));
            raw.push(r.raw.as_str());
        }
        sqlx::query(INSERT_RAW)
            .bind(&raw_at)
            .bind(&device)
            .bind(&mn)
            .bind(&peer)
            .bind(&cn)
            .bind(&qn)
            .bind(&verdict)
            .bind(&reason)
            .bind(&raw)
            .execute(&mut *tx)
            .await?;
        if !conflicts.is_empty() {
            let rows: Vec<(usize, &String)> = conflicts.iter().map(|(i, p)| (*i, p)).collect();
            let r = |i: usize| &batch[i].record;
            sqlx::query(INSERT_CONFLICTS)
                .bind(rows.iter().map(|(i, _)| raw_at[*i].clone()).collect::<Vec<_>>())
                .bind(rows.iter().map(|(i, _)| r(*i).device_id.unwrap_or(0)).collect::<Vec<_>>())
                .bind(rows.iter().map(|(i, _)| r(*i).mn.clone()).collect::<Vec<_>>())
                .bind(rows.iter().map(|(i, _)| r(*i).peer.to_string()).collect::<Vec<_>>())
                .bind(rows.iter().map(|(i, _)| r(*i).cn_code).collect::<Vec<_>>())
                .bind(rows.iter().map(|(i, _)| r(*i).data_time.unwrap_or(0)).collect::<Vec<_>>())
                .bind(rows.iter().map(|(i, _)| r(*i).qn.clone()).collect::<Vec<_>>())
                .bind(rows.iter().map(|(_, p)| p.to_string()).collect::<Vec<_>>())
                .execute(&mut *tx)
                .await?;
        }
        let records: Vec<_> = batch.iter().map(|j| &j.record).collect();
        let (contacts, daily) = aggregate(&records, &dups, &mut self.tf);
        if !contacts.is_empty() {
            let ids: Vec<i64> = contacts.iter().map(|c| c.0).collect();
            let at: Vec<&str> = contacts.iter().map(|c| c.1.last_at.as_str()).collect();
            let peer: Vec<&str> = contacts.iter().map(|c| c.1.last_peer.as_str()).collect();
            let cn: Vec<&str> = contacts.iter().map(|c| c.1.last_cn.as_str()).collect();
            let packets: Vec<i64> = contacts.iter().map(|c| c.1.packets).collect();
            sqlx::query(UPSERT_STATUS).bind(ids).bind(at).bind(peer).bind(cn).bind(packets).execute(&mut *tx).await?;
        }
        if !daily.is_empty() {
            let ids: Vec<i64> = daily.iter().map(|d| d.0.0).collect();
            let days: Vec<&str> = daily.iter().map(|d| d.0.1.as_str()).collect();
            let a: Vec<i64> = daily.iter().map(|d| d.1.accepted).collect();
            let du: Vec<i64> = daily.iter().map(|d| d.1.duplicates).collect();
            let rj: Vec<i64> = daily.iter().map(|d| d.1.rejected).collect();
            sqlx::query(UPSERT_DAILY).bind(ids).bind(days).bind(a).bind(du).bind(rj).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(verdicts)
    }
}
