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
