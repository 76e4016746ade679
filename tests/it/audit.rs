use lantian::storage::audit::{self, Actor, NewEntry, Verdict};

use crate::both_backends;
#[allow(unused_imports)]
use crate::support::*;

async fn five_entries(db: &lantian::storage::Db) {
    for i in 1..=5 {
        audit::record(
            db,
            &Actor { name: format!("user{i}"), role: "industry_bureau".into(), ip: "10.0.0.1".into() },
            NewEntry {
                action: "update",
                entity: "enterprise",
                entity_id: format!("E{i}"),
                enterprise_id: Some(i),
                before: Some(serde_json::json!({ "status": "operating" })),
                after: Some(serde_json::json!({ "status": "closed", "capacity": 1800.5 })),
            },
        )
        .await
        .unwrap();
    }
}

both_backends! {
    async fn intact_chain_verifies(t: &TestDb) {
        five_entries(&t.db).await;
        assert_eq!(audit::verify(&t.db).await.unwrap(), Verdict::Intact { entries: 5 });
    }

    async fn an_edited_entry_is_named(t: &TestDb) {
        five_entries(&t.db).await;
        drop_audit_triggers(&t.db).await;
        sqlx::query("UPDATE audit_log SET after_json = '{\"status\":\"operating\"}' WHERE seq = 3").execute(&t.db.pool).await.unwrap();
        assert!(matches!(audit::verify(&t.db).await.unwrap(), Verdict::Broken { seq: 3, .. }));
    }

    async fn a_deleted_entry_is_named(t: &TestDb) {
        five_entries(&t.db).await;
        drop_audit_triggers(&t.db).await;
        sqlx::query("DELETE FROM audit_log WHERE seq = 2").execute(&t.db.pool).await.unwrap();
        assert!(matches!(audit::verify(&t.db).await.unwrap(), Verdict::Broken { seq: 3, .. }));
    }

    async fn a_deleted_tail_is_detected(t: &TestDb) {
        five_entries(&t.db).await;
        drop_audit_triggers(&t.db).await;
        sqlx::query("DELETE FROM audit_log WHERE seq = 5").execute(&t.db.pool).await.unwrap();
        assert!(matches!(audit::verify(&t.db).await.unwrap(), Verdict::Broken { seq: 5, .. }));
    }

    async fn swapped_entries_are_detected(t: &TestDb) {
        five_entries(&t.db).await;
        drop_audit_triggers(&t.db).await;
        // Swap the contents of entries 2 and 4, keeping their sequence numbers.
        for (from, to) in [(2, -2), (4, 2), (-2, 4)] {
            sqlx::query("UPDATE audit_log SET seq = $1 WHERE seq = $2").bind(to as i64).bind(from as i64).execute(&t.db.pool).await.unwrap();
        }
        assert!(matches!(audit::verify(&t.db).await.unwrap(), Verdict::Broken { seq: 2, .. }));
    }
}

both_backends! {
    async fn an_exported_copy_verifies_and_its_tampering_is_named(t: &TestDb) {
        five_entries(&t.db).await;
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("audit.jsonl");
        assert_eq!(audit::export(&t.db, &copy).await.unwrap(), 5);
        assert_eq!(audit::verify_file(&copy).unwrap(), Verdict::Intact { entries: 5 });
        let text = std::fs::read_to_string(&copy).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 6, "five entries and the head");

        let edited = copy.with_extension("edited");
        std::fs::write(&edited, text.replacen("user4", "user9", 1)).unwrap();
        assert!(matches!(audit::verify_file(&edited).unwrap(), Verdict::Broken { seq: 4, .. }));

        let dropped = copy.with_extension("dropped");
        let without_2: Vec<&str> = lines.iter().enumerate().filter(|(i, _)| *i != 1).map(|(_, l)| *l).collect();
        std::fs::write(&dropped, without_2.join("\n")).unwrap();
        assert!(matches!(audit::verify_file(&dropped).unwrap(), Verdict::Broken { seq: 3, .. }));

        let truncated = copy.with_extension("truncated");
        std::fs::write(&truncated, lines[..3].join("\n")).unwrap();
        assert!(matches!(audit::verify_file(&truncated).unwrap(), Verdict::Broken { seq: 4, .. }));
    }
}
