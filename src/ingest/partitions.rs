//! Monthly partitions on PostgreSQL, created on demand.
//!
//! `measurements` is partitioned by `data_time` (YYYYMMDDhhmmss) and `raw_packets` by
//! `received_at` (RFC 3339 text, which orders like time). Before a batch is written, the writer
//! makes sure the month partitions its rows fall into exist. Months outside 2000–2099 (a logger
//! with a broken clock) are left to the DEFAULT partition, so no row is ever refused.
//! Creation runs in its own transaction under an advisory lock, so several nodes can race.

use std::collections::HashSet;

use sqlx::PgConnection;

/// A month as yyyymm.
pub type Month = i32;

pub fn month_of_data_time(dt: i64) -> Option<Month> {
    let m = (dt / 100_000_000) as Month;
    valid(m).then_some(m)
}

/// The month of an RFC 3339 text `YYYY-MM-…`.
pub fn month_of_rfc3339(t: &str) -> Option<Month> {
    let y: Month = t.get(0..4)?.parse().ok()?;
    let m: Month = t.get(5..7)?.parse().ok()?;
    let v = y * 100 + m;
    valid(v).then_some(v)
}

fn valid(m: Month) -> bool {
    (200001..=209912).contains(&m) && (1..=12).contains(&(m % 100))
}

pub fn next(m: Month) -> Month {
    if m % 100 == 12 { (m / 100 + 1) * 100 + 1 } else { m + 1 }
}

/// `CREATE TABLE` statements for one month of both tables.
pub fn ddl(table: &str, m: Month) -> String {
    let n = next(m);
    match table {
        "measurements" => format!(
            "CREATE TABLE IF NOT EXISTS measurements_p{m} PARTITION OF measurements FOR VALUES FROM ({}) TO ({})",
            m as i64 * 100_000_000,
            n as i64 * 100_000_000
        ),
        _ => format!(
            "CREATE TABLE IF NOT EXISTS raw_packets_p{m} PARTITION OF raw_packets FOR VALUES FROM ('{:04}-{:02}-01') TO ('{:04}-{:02}-01')",
            m / 100,
            m % 100,
            n / 100,
            n % 100
        ),
    }
}

#[derive(Default)]
pub struct Partitions {
    known: HashSet<(&'static str, Month)>,
}

impl Partitions {
    /// Create the missing partitions among `wanted`.
    pub async fn ensure(&mut self, conn: &mut PgConnection, wanted: impl IntoIterator<Item = (&'static str, Month)>) -> sqlx::Result<()> {
        let missing: Vec<_> = wanted.into_iter().filter(|k| !self.known.contains(k)).collect::<HashSet<_>>().into_iter().collect();
        if missing.is_empty() {
            return Ok(());
        }
        use sqlx::Connection;
        for (table, m) in missing {
            let mut tx = conn.begin().await?;
            sqlx::query("SELECT pg_advisory_xact_lock(212212)").execute(&mut *tx).await?;
            match sqlx::query(&ddl(table, m)).execute(&mut *tx).await {
                Ok(_) => {
                    tx.commit().await?;
                    tracing::info!(table, month = m, "partition ready");
                }
                Err(e) => {
                    // E.g. the DEFAULT partition already holds rows of that month: they stay
                    // there, and so will the new ones. Not retried for this process.
                    tracing::warn!(table, month = m, error = %e, "cannot create the month partition; rows go to the default partition");
                    tx.rollback().await.ok();
                }
            }
            self.known.insert((table, m));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_bounds() {
        assert_eq!(month_of_data_time(20261123163000), Some(202611));
        assert_eq!(month_of_data_time(19700101000000), None);
        assert_eq!(month_of_data_time(20261323163000), None);
        assert_eq!(month_of_rfc3339("2026-12-31T23:59:59.999Z"), Some(202612));
        assert_eq!(next(202612), 202701);
        assert!(ddl("measurements", 202612).contains("FROM (20261200000000) TO (20270100000000)"));
        assert!(ddl("raw_packets", 202612).contains("FROM ('2026-12-01') TO ('2027-01-01')"));
    }
}
