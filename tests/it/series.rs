//! The time-series store on both backends: values read back by device and by outlet, per data
//! kind and time range; hours with new or late values handed out once by `take_dirty`.

use std::time::Duration;

use lantian::monitoring::sample::{DataKind, Sample};
use lantian::storage::Db;
use lantian::storage::series::{self, SeriesKey};
use sqlx::Row;
use time::macros::datetime;
use tokio::io::AsyncWriteExt;

use crate::both_backends;
use crate::ingest::{MN17, P, connect, replies, setup, start};

const MN25: &str = "TEST20250000000000000001";

async fn device_id(db: &Db, mn: &str) -> i64 {
    sqlx::query("SELECT id FROM devices WHERE mn = $1").bind(mn).fetch_one(&db.pool).await.unwrap().try_get(0).unwrap()
}

fn sample(time: time::OffsetDateTime, pollutant: &str, value: f64, converted: Option<f64>, flag: &str) -> Sample {
    Sample { time, pollutant: pollutant.into(), value: Some(value), converted, min: None, max: None, cou: None, flag: flag.into() }
}

both_backends! {
    async fn values_are_read_by_kind_range_device_and_outlet(t: &TestDb) {
        let db = &t.db;
        let (credit_code, outlet_code) = setup(db).await;
        let h = start(db).await;
        let mut s = connect(h.local_addr).await;
        let minute = |dt, cp| P { cn: "2051", cp, ..P::data(MN17, "123456", dt) };
        let packets = [
            minute("20261123100000", "a21026-Avg=18.5,a21026-ZsAvg=20.1,a21026-Min=17,a21026-Max=19.5,a21026-Flag=N;a19001-Avg=8.2,a19001-Flag=N"),
            minute("20261123100100", "a21026-Avg=21,a21026-Flag=D;a19001-Avg=x,a19001-Flag=N"),
            minute("20261123110000", "a21026-Avg=5,a21026-Flag=N"),
            P::data(MN17, "123456", "20261123100030"),
            // Not a date: kept in the archive and the table, not a series value.
            minute("20261123106100", "a21026-Avg=1,a21026-Flag=N"),
        ];
        for p in &packets {
            s.write_all(&p.bytes()).await.unwrap();
            assert_eq!(replies(&mut s, 1, Duration::from_secs(10)).await.len(), 1);
        }
        let dev = device_id(db, MN17).await;
        let (from, to) = (datetime!(2026-11-23 02:00 UTC), datetime!(2026-11-23 03:00 UTC));
        let got = series::read_values(db, &SeriesKey::Device(dev), DataKind::Minute2051, from, to).await.unwrap();
        let mut first = sample(datetime!(2026-11-23 02:00 UTC), "a21026", 18.5, Some(20.1), "N");
        (first.min, first.max) = (Some(17.0), Some(19.5));
        let mut no_number = sample(datetime!(2026-11-23 02:01 UTC), "a19001", 0.0, None, "N");
        no_number.value = None;
        assert_eq!(got, vec![
            sample(datetime!(2026-11-23 02:00 UTC), "a19001", 8.2, None, "N"),
            first,
            no_number,
            sample(datetime!(2026-11-23 02:01 UTC), "a21026", 21.0, None, "D"),
        ]);
        // The range is half-open and the kind is respected.
        let got = series::read_values(db, &SeriesKey::Device(dev), DataKind::Minute2051, from, datetime!(2026-11-23 02:01 UTC)).await.unwrap();
        assert_eq!(got.len(), 2);
        let rt = series::read_values(db, &dev.into(), DataKind::Realtime2011, from, to).await.unwrap();
        assert_eq!(rt, vec![
            sample(datetime!(2026-11-23 02:00:30 UTC), "a21026", 18.5, Some(20.1), "N"),
            sample(datetime!(2026-11-23 02:00:30 UTC), "a34013", 3.2, None, "N"),
        ]);
        assert!(series::read_values(db, &dev.into(), DataKind::Hourly2061, from, to).await.unwrap().is_empty());
        assert!(series::read_values(db, &dev.into(), DataKind::Minute2051, to, from).await.unwrap().is_empty());
        // By outlet: every logger bound to it (MN25 is bound to the same outlet).
        let mut e = P { cn: "2051", cp: "a21026-Avg=30,a21026-Flag=N", ..P::data(MN25, "654321", "20261123100200") };
        e.flag = 9;
        e.key = Some("30303030303030303030303030303030");
        s.write_all(&e.bytes()).await.unwrap();
        assert_eq!(replies(&mut s, 1, Duration::from_secs(10)).await.len(), 1);
        let outlet = SeriesKey::Outlet { credit_code, outlet_code };
        let got = series::read_values(db, &outlet, DataKind::Minute2051, from, to).await.unwrap();
        assert_eq!(got.len(), 5);
        assert_eq!(got[4], sample(datetime!(2026-11-23 02:02 UTC), "a21026", 30.0, None, "N"));
        let other = SeriesKey::Outlet { credit_code: "91110000000000000X".into(), outlet_code: "DA001".into() };
        assert!(series::read_values(db, &other, DataKind::Minute2051, from, to).await.unwrap().is_empty());
    }

    async fn new_and_late_hours_are_taken_once(t: &TestDb) {
        let db = &t.db;
        setup(db).await;
        let h = start(db).await;
        let mut s = connect(h.local_addr).await;
        let dev = device_id(db, MN17).await;
        let minute = |dt| P { cn: "2051", cp: "a21026-Avg=18.5,a21026-Flag=N", ..P::data(MN17, "123456", dt) };
        let mut send = async |p: P<'static>| {
            s.write_all(&p.bytes()).await.unwrap();
            assert_eq!(replies(&mut s, 1, Duration::from_secs(10)).await.len(), 1);
        };
        send(minute("20261123100000")).await;
        send(minute("20261123100100")).await;
        send(P::data(MN17, "123456", "20261123100030")).await;
        // Field information (3020) is not a series.
        send(P { cn: "3020", cp: "i12001-Info=1", ..P::data(MN17, "123456", "20261123100000") }).await;
        let ten = datetime!(2026-11-23 02:00 UTC);
        assert_eq!(series::take_dirty(db, 1).await.unwrap(), vec![(dev, DataKind::Realtime2011, ten)]);
        assert_eq!(series::take_dirty(db, 10).await.unwrap(), vec![(dev, DataKind::Minute2051, ten)]);
        assert!(series::take_dirty(db, 10).await.unwrap().is_empty(), "taken once");
        // A resend stores nothing new: no hour to recompute.
        send(minute("20261123100000")).await;
        assert!(series::take_dirty(db, 10).await.unwrap().is_empty());
        // Late data marks its own (earlier) hour; it comes out first.
        send(minute("20261123110000")).await;
        send(minute("20261123095900")).await;
        assert_eq!(series::take_dirty(db, 10).await.unwrap(), vec![
            (dev, DataKind::Minute2051, datetime!(2026-11-23 01:00 UTC)),
            (dev, DataKind::Minute2051, datetime!(2026-11-23 03:00 UTC)),
        ]);
        // A job that failed puts back what it took.
        series::mark_dirty(db, &[(dev, DataKind::Daily2031, datetime!(2026-11-22 16:00 UTC))]).await.unwrap();
        series::mark_dirty(db, &[(dev, DataKind::Daily2031, datetime!(2026-11-22 16:00 UTC))]).await.unwrap();
        assert_eq!(series::take_dirty(db, 10).await.unwrap(), vec![(dev, DataKind::Daily2031, datetime!(2026-11-22 16:00 UTC))]);
        assert!(series::take_dirty(db, 0).await.unwrap().is_empty());
    }
}

/// Every stored value of a database, rows and blocks alike, as (device, CN, DataTime, pollutant,
/// fields, flag, extra), in key order.
type Stored = (i64, i64, i64, String, [Option<f64>; 9], Option<String>, Option<String>);
async fn everything(db: &Db) -> Vec<Stored> {
    let mut out = Vec::new();
    for r in sqlx::query("SELECT device_id, CAST(cn AS BIGINT), data_time, pollutant, rtd, avg, min, max, cou, zs_rtd, zs_avg, zs_min, zs_max, flag, extra FROM measurements")
        .fetch_all(&db.pool).await.unwrap()
    {
        let mut f = [None; 9];
        for (k, x) in f.iter_mut().enumerate() { *x = r.try_get(4 + k).unwrap(); }
        out.push((r.try_get(0).unwrap(), r.try_get(1).unwrap(), r.try_get(2).unwrap(), r.try_get(3).unwrap(), f, r.try_get(13).unwrap(), r.try_get(14).unwrap()));
    }
    for r in sqlx::query("SELECT device_id, CAST(cn AS BIGINT), pollutant, data FROM series_blocks").fetch_all(&db.pool).await.unwrap() {
        let data: Vec<u8> = r.try_get(3).unwrap();
        for e in lantian::monitoring::block::decode(&data).unwrap() {
            let dt = lantian::monitoring::sample::data_time_of_instant(time::OffsetDateTime::from_unix_timestamp(e.time).unwrap());
            out.push((r.try_get(0).unwrap(), r.try_get(1).unwrap(), dt, r.try_get(2).unwrap(), e.fields, e.flag, e.extra));
        }
    }
    out.sort_by(|a, b| (a.0, a.1, a.2, &a.3).cmp(&(b.0, b.1, b.2, &b.3)));
    out
}

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query(sql).fetch_one(&db.pool).await.unwrap().try_get(0).unwrap()
}

both_backends! {
    async fn closed_periods_move_into_blocks_and_stay_exactly_once(t: &TestDb) {
        let db = &t.db;
        setup(db).await;
        let h = start(db).await;
        let mut s = connect(h.local_addr).await;
        let dev = device_id(db, MN17).await;
        let mut send = async |p: P<'static>| -> String {
            s.write_all(&p.bytes()).await.unwrap();
            assert_eq!(replies(&mut s, 1, Duration::from_secs(10)).await.len(), 1);
            sqlx::query("SELECT verdict FROM raw_packets ORDER BY received_at DESC LIMIT 1").fetch_one(&db.pool).await.unwrap().try_get(0).unwrap()
        };
        let minute = |dt| P { cn: "2051", cp: "a21026-Avg=18.5,a21026-ZsAvg=20.25,a21026-Flag=N,a21026-EFlag=A1;a19001-Avg=8.2,a19001-Flag=N", ..P::data(MN17, "123456", dt) };
        // Three minutes of a day long past, one hour of real-time data, and today.
        for dt in ["20261001100000", "20261001100100", "20261001100300"] {
            assert_eq!(send(minute(dt)).await, "accepted");
        }
        assert_eq!(send(P::data(MN17, "123456", "20261001100030")).await, "accepted");
        let now = time::OffsetDateTime::now_utc();
        let today = lantian::monitoring::sample::data_time_of_instant(now) / 1_000_000 * 1_000_000;
        let today = Box::leak(today.to_string().into_boxed_str());
        assert_eq!(send(minute(today)).await, "accepted");
        let (from, to) = (datetime!(2026-10-01 00:00 UTC), datetime!(2026-10-02 00:00 UTC));
        let before_minutes = series::read_values(db, &dev.into(), DataKind::Minute2051, from, to).await.unwrap();
        let before_rt = series::read_values(db, &dev.into(), DataKind::Realtime2011, from, to).await.unwrap();
        let before_all = everything(db).await;
        assert_eq!(before_minutes.len(), 6);
        let r = series::compact(db, now, 2).await.unwrap();
        assert_eq!(r.rows, 8, "{r:?}");
        assert_eq!(count(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM measurements").await, 2, "today's values stay rows");
        assert_eq!(count(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM series_blocks").await, 4);
        assert_eq!(series::read_values(db, &dev.into(), DataKind::Minute2051, from, to).await.unwrap(), before_minutes);
        assert_eq!(series::read_values(db, &dev.into(), DataKind::Realtime2011, from, to).await.unwrap(), before_rt);
        assert_eq!(everything(db).await, before_all, "nothing lost, not even the extra fields");
        assert_eq!(series::compact(db, now, 100).await.unwrap(), series::CompactReport::default(), "compaction is idempotent");
        // A resend of a compacted value is a duplicate; a late new value merges into its block.
        series::take_dirty(db, 100).await.unwrap();
        assert_eq!(send(minute("20261001100100")).await, "duplicate");
        assert_eq!(count(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM measurements").await, 2);
        assert!(series::take_dirty(db, 100).await.unwrap().is_empty());
        assert_eq!(send(minute("20261001100200")).await, "accepted");
        assert_eq!(series::take_dirty(db, 100).await.unwrap(), vec![(dev, DataKind::Minute2051, datetime!(2026-10-01 02:00 UTC))]);
        assert_eq!(series::read_values(db, &dev.into(), DataKind::Minute2051, from, to).await.unwrap().len(), 8, "read before compaction");
        assert_eq!(series::compact(db, now, 100).await.unwrap().rows, 2);
        let after = series::read_values(db, &dev.into(), DataKind::Minute2051, from, to).await.unwrap();
        assert_eq!(after.len(), 8);
        assert_eq!(after[4].time, datetime!(2026-10-01 02:02 UTC));
        assert_eq!(count(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM series_blocks").await, 4, "merged into the existing block");
        assert_eq!(send(minute("20261001100200")).await, "duplicate");
    }

    async fn an_old_database_is_converted_with_nothing_lost(t: &TestDb) {
        // A database at the schema before the time-series store (migrations 0001–0006).
        use sqlx::Connection;
        let name = format!("{}_old", t.url.rsplit('/').next().unwrap());
        let (url, _dir) = match t.db.backend {
            lantian::storage::Backend::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                (format!("sqlite://{}?mode=rwc", dir.path().join("old.db").display()), Some(dir))
            }
            lantian::storage::Backend::Postgres => {
                let mut admin = sqlx::AnyConnection::connect(&format!("{}/postgres", crate::support::pg_base())).await.unwrap();
                sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
                (format!("{}/{name}", crate::support::pg_base()), None)
            }
        };
        {
            let pool = sqlx::AnyPool::connect(&url).await.unwrap();
            let mut m = match t.db.backend {
                lantian::storage::Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
                lantian::storage::Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
            };
            m.migrations = m.migrations.iter().filter(|x| x.version <= 6).cloned().collect::<Vec<_>>().into();
            m.run(&pool).await.unwrap();
            let mut tx = pool.begin().await.unwrap();
            let mut k = 0;
            for (cn, start, step, n) in [(2051, 20260301000000i64, 100, 1500), (2011, 20260301100000, 30, 200), (2061, 20260301000000, 10000, 30), (2031, 20260301000000, 1000000, 5)] {
                let mut dt = start;
                for i in 0..n {
                    for (p, base) in [("a21026", 18.0), ("a19001", 8.5), ("a00000", 30000.0)] {
                        k += 1;
                        let v = base + ((k * 7919) % 1000) as f64 / 100.0;
                        // Floats as SQL literals: the Any driver cannot bind a NULL and a number to one prepared statement.
                        let f: Vec<String> = (0..9).map(|f| if (f + i) % 3 == 0 { "NULL".to_string() } else { format!("{:?}", v + f as f64) }).collect();
                        let extra = if i % 13 == 0 { "'EFlag=A1'" } else { "NULL" };
                        let flag = if i % 97 == 0 { "D" } else { "N" };
                        let sql = format!("INSERT INTO measurements (device_id, cn, data_time, pollutant, rtd, avg, min, max, cou, zs_rtd, zs_avg, zs_min, zs_max, flag, extra)
                                           VALUES ({}, {cn}, {dt}, '{p}', {}, '{flag}', {extra})", 1 + i % 2, f.join(", "));
                        sqlx::query(&sql).execute(&mut *tx).await.unwrap();
                    }
                    // Next data time, as a logger's clock advances (real dates only).
                    let t0 = lantian::monitoring::sample::instant_of_data_time(dt).unwrap();
                    let secs = match step { 100 => 60, 30 => 30, 10000 => 3600, _ => 86400 };
                    dt = lantian::monitoring::sample::data_time_of_instant(t0 + time::Duration::seconds(secs));
                }
            }
            // A broken clock: kept as it came.
            sqlx::query("INSERT INTO measurements (device_id, cn, data_time, pollutant, rtd, flag) VALUES (1, 2011, 20261399000000, 'a21026', 1.5, 'N')").execute(&mut *tx).await.unwrap();
            tx.commit().await.unwrap();
            pool.close().await;
        }
        let old = {
            let db = Db::connect(&url, 2).await.unwrap();
            let all = everything(&db).await;
            db.pool.close().await;
            all
        };
        // `everything` ran on the upgraded database already: look at what the upgrade did.
        let db = Db::connect(&url, 2).await.unwrap();
        // Rows left: the broken clock, and the daily values of 2026, whose block (a year) is still open.
        assert_eq!(count(&db, "SELECT CAST(COUNT(*) AS BIGINT) FROM measurements").await, 1 + 5 * 3);
        assert_eq!(count(&db, "SELECT CAST(COUNT(*) AS BIGINT) FROM measurements WHERE cn = 2031").await, 5 * 3);
        assert!(count(&db, "SELECT CAST(COUNT(*) AS BIGINT) FROM series_blocks").await > 10);
        assert_eq!(old.len(), (1500 + 200 + 30 + 5) * 3 + 1);
        assert_eq!(everything(&db).await, old);
        let mut k = 0;
        let mut expected = Vec::new();
        let mut dt = 20260301000000i64;
        for i in 0..1500 {
            for (p, base) in [("a21026", 18.0), ("a19001", 8.5), ("a00000", 30000.0)] {
                k += 1;
                let v = base + ((k * 7919) % 1000) as f64 / 100.0;
                let mut f = [None; 9];
                for (j, x) in f.iter_mut().enumerate() { if (j + i) % 3 != 0 { *x = Some(v + j as f64) } }
                expected.push((1 + (i % 2) as i64, 2051i64, dt, p.to_string(), f, Some(if i % 97 == 0 { "D" } else { "N" }.to_string()), if i % 13 == 0 { Some("EFlag=A1".to_string()) } else { None }));
            }
            let t0 = lantian::monitoring::sample::instant_of_data_time(dt).unwrap();
            dt = lantian::monitoring::sample::data_time_of_instant(t0 + time::Duration::seconds(60));
        }
        expected.sort_by(|a, b| (a.0, a.1, a.2, &a.3).cmp(&(b.0, b.1, b.2, &b.3)));
        let minutes: Vec<_> = old.iter().filter(|x| x.1 == 2051).cloned().collect();
        assert_eq!(minutes, expected, "the converted values are the values written at the old schema");
        db.pool.close().await;
        if db.backend == lantian::storage::Backend::Postgres {
            let mut admin = sqlx::AnyConnection::connect(&format!("{}/postgres", crate::support::pg_base())).await.unwrap();
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin).await.unwrap();
        }
    }
}

both_backends! {
    async fn blocks_stored_whole_are_read_back_and_merge_keeping_the_first_value(t: &TestDb) {
        use lantian::monitoring::block::{Entry, FIELDS};
        let db = &t.db;
        setup(db).await;
        let dev = device_id(db, MN17).await;
        // Beijing day 2026-11-23 starts at 2026-11-22 16:00 UTC.
        let day = datetime!(2026-11-22 16:00 UTC).unix_timestamp();
        let entry = |minute: i64, avg: f64| {
            let mut fields = [None; FIELDS];
            fields[1] = Some(avg);
            Entry { time: day + 60 * minute, fields, flag: Some("N".into()), extra: None }
        };
        let key = (dev, "a21026".to_string(), day);
        series::store_blocks(db, DataKind::Minute2051, vec![(key.clone(), (day + 86_400, vec![entry(0, 1.5), entry(2, 2.5)]))]).await.unwrap();
        // A second store merges: a new minute is added, a minute already stored keeps its value.
        series::store_blocks(db, DataKind::Minute2051, vec![(key, (day + 86_400, vec![entry(1, 9.0), entry(2, 99.0)]))]).await.unwrap();
        let got = series::read_values(db, &SeriesKey::Device(dev), DataKind::Minute2051, datetime!(2026-11-22 16:00 UTC), datetime!(2026-11-22 17:00 UTC)).await.unwrap();
        let values: Vec<(i64, Option<f64>)> = got.iter().map(|s| (s.time.unix_timestamp() - day, s.value)).collect();
        assert_eq!(values, vec![(0, Some(1.5)), (60, Some(9.0)), (120, Some(2.5))]);
        let blocks: i64 = sqlx::query("SELECT COUNT(*) FROM series_blocks").fetch_one(&db.pool).await.unwrap().try_get(0).unwrap();
        assert_eq!(blocks, 1);
    }
}
