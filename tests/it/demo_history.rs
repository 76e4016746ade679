//! The demo's month of monitoring history (issue 9 item 7): generated straight into the store's
//! blocks, averaged by the same code as received data, written once, and the same when
//! recomputed — on both databases.

use std::collections::BTreeSet;

use lantian::monitoring::clock::{self, Period};
use lantian::monitoring::sample::DataKind;
use lantian::storage::averages::{self, COMPUTED, LOGGER};
use lantian::storage::series::{self, SeriesKey};

use crate::both_backends;
use crate::support::*;

both_backends! {
    async fn demo_history_fills_the_store_and_the_averages_once(t: &TestDb) {
        let db = &t.db;
        load_demo_city(db, 300, 1).await;
        assert!(lantian::simulate::devices::register_demo_devices_if_none(db).await.unwrap() > 0);
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let written = lantian::demo::history::load_missing(db, 2, 3, now).await.unwrap();
        assert_eq!(written, 3);
        assert_eq!(lantian::demo::history::load_missing(db, 2, 3, now).await.unwrap(), 0, "outlets with history are not written again");
        assert!(lantian::demo::history::load_missing(db, 2, 4, now).await.unwrap() >= 1, "more outlets asked for: the missing ones are written");
        assert_eq!(lantian::demo::history::load_missing(db, 2, 4, now).await.unwrap(), 0);

        // The enterprise account's outlet is among them.
        let (credit, outlet): (String, String) = sqlx::query_as(
            "SELECT d.credit_code, d.outlet_code FROM devices d JOIN users u ON u.enterprise_code = d.credit_code WHERE u.role = 'enterprise' ORDER BY d.mn LIMIT 1",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        let setup = averages::outlet_setup(db, &credit, &outlet).await.unwrap().unwrap();
        let pollutant = setup.pollutants.keys().next().cloned().unwrap();
        let yesterday = clock::day_start(now) - 86_400;
        let key = SeriesKey::Outlet { credit_code: credit.clone(), outlet_code: outlet.clone() };
        let at = |t: i64| time::OffsetDateTime::from_unix_timestamp(t).unwrap();
        let minutes = series::read_values(db, &key, DataKind::Minute2051, at(yesterday), at(yesterday + 86_400)).await.unwrap();
        let of_pollutant = minutes.iter().filter(|s| s.pollutant == pollutant).count();
        assert!((1000..=1440).contains(&of_pollutant), "a day of minute values ({of_pollutant})");
        let hours = averages::read(db, &setup, Period::Hour, COMPUTED, yesterday, yesterday + 86_400).await.unwrap();
        assert_eq!(hours.iter().filter(|h| h.pollutant == pollutant).count(), 24, "every hour of yesterday is averaged");
        let logger = averages::read(db, &setup, Period::Hour, LOGGER, yesterday, yesterday + 86_400).await.unwrap();
        assert!(logger.iter().filter(|h| h.pollutant == pollutant).count() >= 20, "the logger's own hourly values are kept beside ours");
        let days = averages::read(db, &setup, Period::Day, COMPUTED, yesterday, yesterday + 86_400).await.unwrap();
        assert!(days.iter().any(|d| d.pollutant == pollutant));

        // Recomputing the history gives the same rows.
        let snapshot = |rows: Vec<averages::Stored>| rows.into_iter().map(|r| format!("{r:?}")).collect::<BTreeSet<_>>();
        let before = snapshot(averages::read(db, &setup, Period::Hour, COMPUTED, 0, i64::MAX / 2).await.unwrap());
        averages::recompute_days(db, &setup, clock::date_of(yesterday - 86_400), clock::date_of(now)).await.unwrap();
        assert_eq!(snapshot(averages::read(db, &setup, Period::Hour, COMPUTED, 0, i64::MAX / 2).await.unwrap()), before);
    }
}
