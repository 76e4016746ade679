//! Backup, restore and verify on both databases.

use lantian::storage::audit::{self, Verdict};
use lantian::storage::backup;
use lantian::storage::{Db, Location};

use crate::both_backends;
use crate::support::*;

async fn enterprises(db: &Db) -> i64 {
    // Straight from the table: list totals are cached for a few seconds.
    sqlx::query_scalar("SELECT COUNT(*) FROM enterprises").fetch_one(&db.pool).await.unwrap()
}

both_backends! {
    async fn backup_restore_verify_round_trip(t: &TestDb) {
        load_demo_city(&t.db, 25, 4).await;
        let before = enterprises(&t.db).await;
        let entries = match audit::verify(&t.db).await.unwrap() { Verdict::Intact { entries } => entries, b => panic!("{b:?}") };
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("lantian.backup");
        let location = t.location();
        assert_eq!(backup::backup(&t.db, &location, &file).await.unwrap(), Verdict::Intact { entries });
        assert!(backup::backup(&t.db, &location, &file).await.is_err(), "an existing file is never overwritten");

        // Disaster: the ledger is emptied after the backup.
        sqlx::query("DELETE FROM enterprises").execute(&t.db.pool).await.unwrap();
        assert_eq!(enterprises(&t.db).await, 0);

        if t.db.backend == lantian::storage::Backend::Sqlite {
            // A running database is not replaced under the server's feet.
            assert!(backup::restore(&location, &file, false).await.is_err(), "refused while in use");
            t.db.close().await;
            // A backup whose audit log was tampered with is refused, and the database stays as it was.
            let tampered = dir.path().join("tampered.backup");
            std::fs::copy(&file, &tampered).unwrap();
            let bad = Db::connect(&format!("sqlite://{}", tampered.display()), 1).await.unwrap();
            drop_audit_triggers(&bad).await;
            sqlx::query("UPDATE audit_log SET actor = 'nobody' WHERE seq = 2").execute(&bad.pool).await.unwrap();
            bad.close().await;
            assert!(matches!(backup::restore(&location, &tampered, true).await.unwrap(), Verdict::Broken { seq: 2, .. }));
        }
        assert_eq!(backup::restore(&location, &file, true).await.unwrap(), Verdict::Intact { entries });
        let restored = match &location {
            Location::SqliteDir(_) => Db::connect(&t.url, 2).await.unwrap(),
            Location::Url(_) => t.db.clone(),
        };
        assert_eq!(enterprises(&restored).await, before);
        assert_eq!(audit::verify(&restored).await.unwrap(), Verdict::Intact { entries });
        let users = lantian::storage::accounts::list_users(&restored).await.unwrap();
        assert!(users.iter().any(|u| u.username == "admin"), "accounts come back too");
    }
}
