//! The raw archive's daily digests in the audit chain: a frame changed or removed after its
//! day was digested is named by `audit verify` (library on both backends, and the CLI).

use lantian::storage::{Backend, Db, archive, audit};
use sqlx::Row;

use crate::both_backends;

async fn archive_frames(db: &Db) {
    for (i, at) in ["2026-11-20T01:00:00.000Z", "2026-11-20T01:00:00.000Z", "2026-11-20T15:59:59.999Z", "2026-11-20T16:00:00.000Z", "2026-11-22T03:00:00.000Z"].iter().enumerate() {
        sqlx::query("INSERT INTO raw_packets (received_at, device_id, mn, peer, cn, qn, verdict, reason, raw) VALUES ($1, NULL, $2, '127.0.0.1:1', '2011', $3, 'accepted', '', $4)")
            .bind(*at)
            .bind(format!("MN{i}"))
            .bind(format!("2026112009000000{i}"))
            .bind(format!("##0100QN=2026112009000000{i};ST=31;CN=2011;PW=123456;MN=MN{i};Flag=5;CP=&&DataTime=20261120090000;a21026-Rtd=1{i}.5&&ABCD"))
            .execute(&db.pool)
            .await
            .unwrap();
    }
}

/// Change the archive behind the append-only triggers' back, as someone with database access could.
async fn tamper(db: &Db, sql: &str) {
    let mut tx = db.pool.begin().await.unwrap();
    match db.backend {
        Backend::Sqlite => {
            for t in ["raw_packets_no_update", "raw_packets_no_delete"] {
                sqlx::query(&format!("DROP TRIGGER IF EXISTS {t}")).execute(&mut *tx).await.unwrap();
            }
        }
        Backend::Postgres => {
            sqlx::query("SET LOCAL session_replication_role = replica").execute(&mut *tx).await.unwrap();
        }
    }
    sqlx::query(sql).execute(&mut *tx).await.unwrap();
    tx.commit().await.unwrap();
}

both_backends! {
    async fn changed_and_removed_archived_frames_are_named(t: &TestDb) {
        let db = &t.db;
        archive_frames(db).await;
        let now = time::macros::datetime!(2026-11-22 08:00 UTC);
        // Beijing days: 11-20 (three frames, the last at 23:59:59.999), 11-21 (one at 00:00); 11-22 is today.
        let days = archive::digest_closed_days(db, now).await.unwrap();
        assert_eq!(days, vec![time::macros::date!(2026 - 11 - 20), time::macros::date!(2026 - 11 - 21)]);
        assert!(archive::digest_closed_days(db, now).await.unwrap().is_empty(), "each day once");
        assert!(matches!(audit::verify(db).await.unwrap(), audit::Verdict::Intact { .. }));
        let check = archive::verify(db).await.unwrap();
        assert_eq!((check.days, check.frames, check.problems.len()), (2, 4, 0), "{check:?}");
        let digests: i64 = sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE action = 'archive_digest'").fetch_one(&db.pool).await.unwrap().try_get(0).unwrap();
        assert_eq!(digests, 2);

        tamper(db, "UPDATE raw_packets SET raw = REPLACE(raw, 'a21026-Rtd=12.5', 'a21026-Rtd=2.5') WHERE mn = 'MN2'").await;
        tamper(db, "DELETE FROM raw_packets WHERE mn = 'MN3'").await;
        let check = archive::verify(db).await.unwrap();
        assert_eq!(check.problems.len(), 2, "{check:?}");
        assert!(check.problems[0].contains("2026-11-20 23:59:59 from MN MN2 was changed"), "{check:?}");
        assert!(check.problems[1].contains("2026-11-21 00:00:00 from MN MN3 was removed"), "{check:?}");
        // A frame slipped into a digested day is named too; today's frames are not digested yet.
        tamper(db, "INSERT INTO raw_packets (received_at, mn, verdict, raw) VALUES ('2026-11-20T02:00:00.000Z', 'MNX', 'accepted', 'x')").await;
        let check = archive::verify(db).await.unwrap();
        assert!(check.problems.iter().any(|p| p.contains("from MN MNX is not in the day's digest")), "{check:?}");
    }
}

#[test]
fn audit_verify_on_the_command_line_names_an_altered_frame() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap().to_string();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let db = Db::open(&lantian::storage::Location::SqliteDir(dir.path().to_path_buf())).await.unwrap();
        archive_frames(&db).await;
        archive::digest_closed_days(&db, time::OffsetDateTime::now_utc()).await.unwrap();
        db.pool.close().await;
    });
    let run = || std::process::Command::new(env!("CARGO_BIN_EXE_lantian")).args(["--data-dir", &data, "audit", "verify"]).env("RUST_LOG", "warn").output().unwrap();
    let o = run();
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(o.status.success(), "{out}");
    assert!(out.contains("raw archive intact"), "{out}");
    rt.block_on(async {
        let db = Db::open(&lantian::storage::Location::SqliteDir(dir.path().to_path_buf())).await.unwrap();
        tamper(&db, "UPDATE raw_packets SET peer = '10.0.0.1:9' WHERE mn = 'MN1'").await;
        db.pool.close().await;
    });
    let o = run();
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(!o.status.success(), "{out}");
    assert!(out.contains("from MN MN1 was changed"), "{out}");
}
