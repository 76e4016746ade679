//! Issue 17 item 14: the audit log refuses UPDATE and DELETE (triggers, both databases), and
//! its head is witnessed outside the database, so a chain cut short — in the live database
//! or in a backup copy, with `audit_head` pointed at the new last row — is no longer taken
//! for intact by `audit verify` or `restore`.

use std::path::{Path, PathBuf};

use lantian::storage::audit::{self, Verdict};
use lantian::storage::{backup, witness, Backend, Db, Location};

use crate::both_backends;
use crate::support::*;

/// Remove the last `n` entries and point the head at the new last row: the attack.
async fn cut_tail(db: &Db, n: i64) -> i64 {
    drop_audit_triggers(db).await;
    let head: i64 = sqlx::query_scalar("SELECT seq FROM audit_head WHERE id = 1").fetch_one(&db.pool).await.unwrap();
    let keep = head - n;
    sqlx::query("DELETE FROM audit_log WHERE seq > $1").bind(keep).execute(&db.pool).await.unwrap();
    let hash: String = sqlx::query_scalar("SELECT hash FROM audit_log WHERE seq = $1").bind(keep).fetch_one(&db.pool).await.unwrap();
    sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1").bind(keep).bind(&hash).execute(&db.pool).await.unwrap();
    keep
}

/// The witness file of the test database: the data directory's (SQLite), or a named one.
fn witness_path(t: &TestDb, scratch: &Path) -> PathBuf {
    witness::default_path(&t.location()).unwrap_or_else(|| scratch.join("witness-for-postgres.log"))
}

async fn audit_count(db: &Db) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log").fetch_one(&db.pool).await.unwrap()
}

both_backends! {
    async fn the_audit_log_refuses_update_and_delete(t: &TestDb) {
        load_demo_city(&t.db, 3, 21).await;
        let before = audit_count(&t.db).await;
        for sql in ["UPDATE audit_log SET actor = 'nobody' WHERE seq = 2", "DELETE FROM audit_log WHERE seq = 2", "DELETE FROM audit_log"] {
            let e = sqlx::query(sql).execute(&t.db.pool).await.expect_err(sql);
            assert!(e.to_string().contains("append-only"), "{sql}: {e}");
        }
        if t.db.backend == Backend::Postgres {
            let e = sqlx::query("TRUNCATE audit_log").execute(&t.db.pool).await.expect_err("TRUNCATE");
            assert!(e.to_string().contains("append-only"), "{e}");
        }
        assert_eq!(audit_count(&t.db).await, before);
        // Appending goes on as before.
        audit::record(&t.db, &audit::Actor::system(), audit::NewEntry { action: "probe", entity: "test", entity_id: "1".into(), enterprise_id: None, before: None, after: None })
            .await
            .unwrap();
        assert_eq!(audit::verify(&t.db).await.unwrap(), Verdict::Intact { entries: before + 1 });
    }

    async fn a_live_chain_cut_short_is_caught_by_the_witness(t: &TestDb) {
        let scratch = tempfile::tempdir().unwrap();
        let path = witness_path(t, scratch.path());
        let db = t.db.clone().with_witness(path.clone()).unwrap();
        load_demo_city(&db, 4, 22).await;
        let head: i64 = sqlx::query_scalar("SELECT seq FROM audit_head WHERE id = 1").fetch_one(&db.pool).await.unwrap();
        // Batches are witnessed shortly after their commit.
        let mut witnessed = None;
        for _ in 0..100 {
            witnessed = witness::last_line(&path).unwrap().map(|l| l.seq);
            if witnessed == Some(head) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        assert_eq!(witnessed, Some(head), "the witness follows the committed head");
        assert_eq!(audit::verify(&db).await.unwrap(), Verdict::Intact { entries: head });

        let keep = cut_tail(&db, 3).await;
        // Without the witness the shorter chain looks intact (the attack of issue 17)…
        assert_eq!(audit::verify(&t.db).await.unwrap(), Verdict::Intact { entries: keep });
        // …with it, it does not.
        match audit::verify(&db).await.unwrap() {
            Verdict::Broken { reason, .. } => assert!(reason.contains("latest entries were removed") && reason.contains(&format!("entry {head}")), "{reason}"),
            v => panic!("a cut chain passed: {v:?}"),
        }
    }

    async fn restore_refuses_a_backup_whose_audit_tail_was_cut(t: &TestDb) {
        let scratch = tempfile::tempdir().unwrap();
        let path = witness_path(t, scratch.path());
        let db = t.db.clone().with_witness(path.clone()).unwrap();
        load_demo_city(&db, 6, 23).await;
        let file = scratch.path().join("lantian.backup");
        let location = t.location();
        let entries = match backup::backup(&db, &location, &file).await.unwrap() { Verdict::Intact { entries } => entries, v => panic!("{v:?}") };
        let point = witness::read_lines(&path).unwrap().into_iter().rfind(|l| l.kind == "backup").expect("the backup is witnessed");
        assert_eq!(point.seq, entries);

        // The attacker's copy: the last audit entries removed, the head moved back.
        let cut = scratch.path().join("cut.backup");
        let (copy, _scratch_db) = open_copy(t, &file, &cut).await;
        let keep = cut_tail(&copy, 4).await;
        assert_eq!(audit::verify(&copy).await.unwrap(), Verdict::Intact { entries: keep }, "the cut copy is consistent in itself");
        save_copy(t, copy, &cut).await;

        let enterprises_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM enterprises").fetch_one(&db.pool).await.unwrap();
        if t.db.backend == Backend::Sqlite {
            db.close().await;
        }
        match backup::restore_witnessed(&location, &cut, true, Some(&path)).await.unwrap() {
            Verdict::Broken { reason, .. } => {
                assert!(reason.contains("latest entries were removed") && reason.contains(&format!("ended at entry {entries}")), "{reason}")
            }
            v => panic!("the cut backup was restored: {v:?}"),
        }
        // Refused before anything changed.
        let live = fresh(t).await;
        assert_eq!(audit_count(&live).await, entries);
        let enterprises_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM enterprises").fetch_one(&live.pool).await.unwrap();
        assert_eq!(enterprises_after, enterprises_before);
        if t.db.backend == Backend::Sqlite {
            live.close().await;
        }

        // The genuine backup restores, and the chain verifies against the witness afterwards.
        assert_eq!(backup::restore_witnessed(&location, &file, true, Some(&path)).await.unwrap(), Verdict::Intact { entries });
        assert_eq!(witness::last_line(&path).unwrap().unwrap().kind, "restore");
        let restored = fresh(t).await.with_witness(path.clone()).unwrap();
        assert_eq!(audit::verify(&restored).await.unwrap(), Verdict::Intact { entries });
    }
}

/// A new connection to the test database (SQLite: the file may have been replaced).
async fn fresh(t: &TestDb) -> Db {
    match t.location() {
        Location::SqliteDir(_) => Db::connect(&t.url, 2).await.unwrap(),
        Location::Url(_) => t.db.clone(),
    }
}

/// Open a backup copy for editing: the SQLite file itself, or the dump restored into a
/// scratch PostgreSQL database (kept alive by the returned `TestDb`).
async fn open_copy(t: &TestDb, backup_file: &Path, copy_file: &Path) -> (Db, Option<TestDb>) {
    match t.db.backend {
        Backend::Sqlite => {
            std::fs::copy(backup_file, copy_file).unwrap();
            (Db::connect(&format!("sqlite://{}", copy_file.display()), 1).await.unwrap(), None)
        }
        Backend::Postgres => {
            let scratch = TestDb::postgres().await;
            let verdict = backup::restore_witnessed(&scratch.location(), backup_file, true, None).await.unwrap();
            assert!(matches!(verdict, Verdict::Intact { .. }));
            (scratch.db.clone(), Some(scratch))
        }
    }
}

/// Write the edited copy back as a backup file.
async fn save_copy(t: &TestDb, copy: Db, copy_file: &Path) {
    match t.db.backend {
        Backend::Sqlite => copy.close().await,
        Backend::Postgres => {
            let location = Location::Url(pg_url_of(&copy).await);
            backup::backup(&copy, &location, copy_file).await.unwrap();
        }
    }
}

async fn pg_url_of(db: &Db) -> String {
    let name: String = sqlx::query_scalar("SELECT current_database()::text").fetch_one(&db.pool).await.unwrap();
    format!("{}/{name}", pg_base())
}
