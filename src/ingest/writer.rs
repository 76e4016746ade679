//! The batching durable committer.
//!
//! Connections send `Job`s over one bounded channel. The writer takes everything waiting (up
//! to `max_batch`), writes the whole batch — raw archive rows, measurements, device contact
//! figures — in ONE transaction, commits, and only then completes each job's oneshot; the
//! connection writes the acknowledgement when it gets `Outcome::Stored`. While one batch
//! commits the next accumulates, so the cost of a commit (and of its fsync) is shared by
//! every packet that arrived meanwhile (group commit). The bounded channel is the
//! back-pressure: when the database falls behind, connections wait to send, stop reading,
//! and TCP flow control slows the loggers down. Nothing grows without bound.
//!
//! If a batch fails, nothing of it is stored and no packet of it is acknowledged; the loggers
//! resend (HJ 212 §6: a logger repeats an unacknowledged upload), and resends are harmless
//! because measurements are unique by their natural key.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::mpsc;

use super::metrics::Metrics;
use super::record::{Job, Outcome, Record, Verdict};

/// Per-batch contact figures of one device.
#[derive(Default, Clone, Debug)]
pub struct Contact {
    pub last_ms: i64,
    pub last_at: String,
    pub last_peer: String,
    pub last_cn: String,
    pub packets: i64,
}

/// Per (device, Beijing day) counts of one batch.
#[derive(Default, Clone, Copy, Debug)]
pub struct Daily {
    pub accepted: i64,
    pub duplicates: i64,
    pub rejected: i64,
}

/// RFC 3339 (UTC, always three fraction digits, so that text order is time order) and the
/// Beijing date of a receive time, cached for runs of records received in the same millisecond.
#[derive(Default)]
pub struct TimeFormat {
    last: i64,
    text: String,
    day: String,
}

impl TimeFormat {
    pub fn format(&mut self, ms: i64) -> (&str, &str) {
        if ms != self.last || self.text.is_empty() {
            let t = time::OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
            let f = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
            self.text = t.format(&f).unwrap_or_default();
            let b = t.to_offset(time::macros::offset!(+8));
            self.day = format!("{:04}-{:02}-{:02}", b.year(), b.month() as u8, b.day());
            self.last = ms;
        }
        (&self.text, &self.day)
    }
}

pub type Contacts = Vec<(i64, Contact)>;
pub type Days = Vec<((i64, String), Daily)>;

/// The contact and daily figures of a batch, given each record's duplicate verdict; sorted by
/// device so that concurrent writers (several nodes on one PostgreSQL) lock rows in one order.
pub fn aggregate(records: &[&Record], duplicate: &[bool], tf: &mut TimeFormat) -> (Contacts, Days) {
    let mut contacts: HashMap<i64, Contact> = HashMap::new();
    let mut daily: HashMap<(i64, String), Daily> = HashMap::new();
    for (r, &dup) in records.iter().zip(duplicate) {
        let Some(id) = r.device_id else { continue };
        let (at, day) = tf.format(r.received_ms);
        let d = daily.entry((id, day.to_string())).or_default();
        if r.reject.is_some() {
            d.rejected += 1;
        } else if dup {
            d.duplicates += 1;
        } else {
            d.accepted += 1;
        }
        if r.contact {
            let c = contacts.entry(id).or_default();
            c.packets += 1;
            if r.received_ms >= c.last_ms {
                c.last_ms = r.received_ms;
                c.last_at = at.to_string();
                c.last_peer = r.peer.to_string();
                c.last_cn = r.cn.clone();
            }
        }
    }
    let mut contacts: Vec<_> = contacts.into_iter().collect();
    contacts.sort_by_key(|c| c.0);
    let mut daily: Vec<_> = daily.into_iter().collect();
    daily.sort_by(|a, b| a.0.cmp(&b.0));
    (contacts, daily)
}

/// Hand each job its outcome, after the batch's transaction has committed (`Ok`, one
/// verdict per job) or failed (`Err`). A conflict is acknowledged: it is archived (durable
/// evidence) and listed; a resend would only repeat it.
pub fn complete(batch: &mut Vec<Job>, result: Result<Vec<Verdict>, String>, metrics: &Metrics) {
    use std::sync::atomic::Ordering::Relaxed;
    match result {
        Ok(verdicts) => {
            metrics.batches.fetch_add(1, Relaxed);
            let (mut accepted, mut duplicates, mut conflicts, mut values) = (0, 0, 0, 0);
            let mut done = Vec::with_capacity(batch.len());
            for (job, v) in batch.drain(..).zip(verdicts.into_iter().chain(std::iter::repeat(Verdict::Accepted))) {
                if job.record.reject.is_none() {
                    match v {
                        Verdict::Duplicate => duplicates += 1,
                        Verdict::Conflict => conflicts += 1,
                        Verdict::Accepted => {
                            accepted += 1;
                            values += job.record.values.len() as u64;
                        }
                    }
                }
                if let Some(tx) = job.done {
                    done.push((tx, v != Verdict::Accepted));
                }
            }
            // Counters first, then the acknowledgements: whoever sees an ack sees it counted.
            metrics.accepted.fetch_add(accepted, Relaxed);
            metrics.duplicates.fetch_add(duplicates, Relaxed);
            metrics.conflicts.fetch_add(conflicts, Relaxed);
            metrics.measurements.fetch_add(values, Relaxed);
            for (tx, dup) in done {
                let _ = tx.send(Outcome::Stored { duplicate: dup });
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, packets = batch.len(), "HJ 212 batch not stored; its packets are not acknowledged");
            metrics.batch_failures.fetch_add(1, Relaxed);
            metrics.store_failures.fetch_add(batch.len() as u64, Relaxed);
            for job in batch.drain(..) {
                if let Some(tx) = job.done {
                    let _ = tx.send(Outcome::Failed);
                }
            }
        }
    }
}

/// Run the SQLite writer on its own OS thread (rusqlite is blocking). Ends when every sender
/// is gone.
pub fn spawn_sqlite(
    mut store: super::store_sqlite::SqliteStore,
    mut rx: mpsc::Receiver<Job>,
    metrics: Arc<Metrics>,
    max_batch: usize,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new().name("hj212-writer".into()).spawn(move || {
        let mut batch = Vec::with_capacity(max_batch);
        while let Some(job) = rx.blocking_recv() {
            batch.push(job);
            while batch.len() < max_batch {
                match rx.try_recv() {
                    Ok(j) => batch.push(j),
                    Err(_) => break,
                }
            }
            let result = store.write(&batch).map_err(|e| e.to_string());
            complete(&mut batch, result, &metrics);
        }
    })
}

/// Run the PostgreSQL writers as tasks, each with its own connection, taking turns at the one
/// queue: while one commits its batch, the next collects and sends its own, so the database
/// server works on one batch while the network carries the next. Concurrent batches stay
/// exactly-once: a key inserted by one transaction makes the other's `ON CONFLICT DO NOTHING`
/// wait for its commit and skip; contact rows are upserted in device order (no deadlock).
pub fn spawn_pg(
    stores: Vec<super::store_pg::PgStore>,
    rx: mpsc::Receiver<Job>,
    metrics: Arc<Metrics>,
    max_batch: usize,
) -> Vec<tokio::task::JoinHandle<()>> {
    let rx = Arc::new(tokio::sync::Mutex::new(rx));
    stores
        .into_iter()
        .map(|mut store| {
            let (rx, metrics) = (rx.clone(), metrics.clone());
            tokio::spawn(async move {
                let mut batch = Vec::with_capacity(max_batch);
                loop {
                    let n = rx.lock().await.recv_many(&mut batch, max_batch).await;
                    if n == 0 {
                        return;
                    }
                    let result = store.write(&batch).await.map_err(|e| e.to_string());
                    let failed = result.is_err();
                    complete(&mut batch, result, &metrics);
                    if failed {
                        store.recover().await;
                    }
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::record::Value;
    use tokio::sync::oneshot;

    fn job(device: Option<i64>, dt: i64, reject: Option<&'static str>) -> (Job, oneshot::Receiver<Outcome>) {
        let (tx, rx) = oneshot::channel();
        let record = Record {
            received_ms: 1_700_000_000_000,
            device_id: device,
            mn: "M1".into(),
            peer: "127.0.0.1:1".into(),
            cn: "2011".into(),
            qn: String::new(),
            reject,
            contact: reject.is_none(),
            raw: "##".into(),
            data_time: Some(dt),
            cn_code: 2011,
            values: vec![Value { pollutant: "a21026".into(), rtd: Some(1.0), ..Value::default() }],
        };
        (Job { record, done: Some(tx), arrived: std::time::Instant::now() }, rx)
    }

    #[test]
    fn outcomes_follow_the_commit() {
        let m = Metrics::new();
        let (a, mut ra) = job(Some(1), 20240101000000, None);
        let (b, mut rb) = job(Some(1), 20240101000000, None);
        let (c, mut rc) = job(None, 20240101000000, Some("unknown_device"));
        let mut batch = vec![a, b, c];
        // Nothing is answered before the batch is completed.
        assert!(ra.try_recv().is_err());
        complete(&mut batch, Ok(vec![Verdict::Accepted, Verdict::Duplicate, Verdict::Accepted]), &m);
        assert_eq!(ra.try_recv().unwrap(), Outcome::Stored { duplicate: false });
        assert_eq!(rb.try_recv().unwrap(), Outcome::Stored { duplicate: true });
        assert_eq!(rc.try_recv().unwrap(), Outcome::Stored { duplicate: false });
        use std::sync::atomic::Ordering::Relaxed;
        assert_eq!((m.accepted.load(Relaxed), m.duplicates.load(Relaxed), m.measurements.load(Relaxed)), (1, 1, 1));

        let (d, mut rd) = job(Some(1), 20240101000100, None);
        let mut batch = vec![d];
        complete(&mut batch, Err("disk full".into()), &m);
        assert_eq!(rd.try_recv().unwrap(), Outcome::Failed);
        assert_eq!(m.store_failures.load(Relaxed), 1);
        assert!(batch.is_empty());
    }

    #[test]
    fn aggregates_contact_and_days() {
        let (a, _) = job(Some(2), 1, None);
        let (b, _) = job(Some(1), 1, None);
        let (mut c, _) = job(Some(1), 2, Some("wrong_password"));
        c.record.received_ms += 86_400_000;
        let recs = [&a.record, &b.record, &c.record];
        let mut tf = TimeFormat::default();
        let (contacts, daily) = aggregate(&recs, &[false, true, false], &mut tf);
        assert_eq!(contacts.iter().map(|c| (c.0, c.1.packets)).collect::<Vec<_>>(), vec![(1, 1), (2, 1)]);
        assert_eq!(contacts[0].1.last_at, "2023-11-14T22:13:20.000Z");
        let d: Vec<_> = daily.iter().map(|((id, day), d)| (*id, day.as_str(), d.accepted, d.duplicates, d.rejected)).collect();
        assert_eq!(d, vec![(1, "2023-11-15", 0, 1, 0), (1, "2023-11-16", 0, 0, 1), (2, "2023-11-15", 1, 0, 0)]);
    }
}
