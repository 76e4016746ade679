//! Monitoring analytics (issue 9 parts 2–7): the reference-oxygen column of the ledger, data
//! marks, stored averages, the CLI contract. Storage tests run on both backends.

use lantian::auth::Scope;
use lantian::excel::columns::REFERENCE_O2;
use lantian::monitoring::clock;
use lantian::monitoring::marks::{NewMark, Proof};
use lantian::storage::audit::Actor;
use lantian::storage::{ledger, marks, Db};

use crate::both_backends;
use crate::support::*;

/// The first enterprise of the demo city that has an air outlet: (enterprise id, credit code, outlet code).
pub async fn air_outlet(db: &Db, city: &lantian::demo::DemoCity) -> (i64, String, String) {
    for b in &city.bundles {
        if let Some(o) = b.outlets.iter().find(|o| o.medium == "air") {
            let id = ledger::enterprise_id_by_code(db, &b.enterprise.credit_code).await.unwrap().unwrap();
            return (id, b.enterprise.credit_code.clone(), o.code.clone());
        }
    }
    panic!("the demo city has an air outlet");
}

#[test]
fn reference_oxygen_column_round_trips_and_is_checked() {
    let mut city = lantian::demo::generate(30, 7);
    let (b, o) = city.bundles.iter().enumerate().find_map(|(i, b)| b.outlets.iter().position(|o| o.medium == "air").map(|o| (i, o))).unwrap();
    city.bundles[b].outlets[o].reference_o2 = Some(9.0);
    let bytes = lantian::excel::export::workbook(&city.bundles).unwrap();
    let parsed = lantian::excel::parse_workbook(&bytes).unwrap();
    assert_eq!(parsed.bundles[b].outlets[o].reference_o2, Some(9.0));
    assert_eq!(parsed.bundles, city.bundles, "export then import reproduces the ledger");

    // 25 % is not an oxygen content: refused, naming the column and the value.
    city.bundles[b].outlets[o].reference_o2 = Some(25.0);
    let bytes = lantian::excel::export::workbook(&city.bundles).unwrap();
    let problems = lantian::excel::parse_workbook(&bytes).unwrap_err();
    assert!(problems.iter().any(|p| p.column == REFERENCE_O2 && p.value == "25" && p.reason.code() == "ledger.cell.reference_o2"), "{problems:#?}");
}

fn at(s: &str) -> i64 {
    let (d, t) = s.split_once(' ').unwrap();
    let (h, m) = t.split_once(':').unwrap();
    clock::date_start(clock::parse_day(d).unwrap()) + h.parse::<i64>().unwrap() * 3600 + m.parse::<i64>().unwrap() * 60
}

async fn audit_actions(db: &Db) -> Vec<String> {
    use sqlx::Row;
    sqlx::query("SELECT action FROM audit_log WHERE entity = 'monitoring_mark' ORDER BY seq")
        .fetch_all(&db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get::<String, _>(0))
        .collect()
}

both_backends! {
    async fn reference_oxygen_is_stored_with_the_outlet(t: &TestDb) {
        let mut city = lantian::demo::generate(20, 3);
        load_demo_divisions(&t.db, &city).await;
        let b = city.bundles.iter().position(|b| b.outlets.iter().any(|o| o.medium == "air")).unwrap();
        city.bundles[b].outlets.iter_mut().find(|o| o.medium == "air").unwrap().reference_o2 = Some(3.5);
        let bytes = lantian::excel::export::workbook(&city.bundles).unwrap();
        ledger::import(&t.db, lantian::excel::parse_workbook(&bytes).unwrap(), &Actor::system(), ledger::ImportMode::Insert, false, |_, _| {})
            .await
            .unwrap();
        let id = ledger::enterprise_id_by_code(&t.db, &city.bundles[b].enterprise.credit_code).await.unwrap().unwrap();
        let d = ledger::dossier(&t.db, &Scope::All, id).await.unwrap();
        assert_eq!(d.outlets.iter().find(|o| o.medium == "air").unwrap().reference_o2, Some(3.5));
        assert!(d.outlets.iter().filter(|o| o.medium == "water").all(|o| o.reference_o2.is_none()));
    }

    async fn marks_are_entered_listed_withdrawn_and_audited(t: &TestDb) {
        let city = load_demo_city(&t.db, 20, 3).await;
        let (_, credit, outlet) = air_outlet(&t.db, &city).await;
        let now = at("2026-11-20 12:00");
        let png = [b"\x89PNG\r\n\x1a\n".as_slice(), b"proof"].concat();
        let mark = NewMark {
            kind: "维护".into(),
            starts_at: at("2026-11-20 08:00"),
            ends_at: at("2026-11-20 10:30"),
            reason: "更换采样探头".into(),
            proof: Some(Proof { name: "work-order.png".into(), content: png.clone() }),
        };
        let id = marks::add(&t.db, &Actor::system(), &Scope::All, &credit, &outlet, mark.clone(), now).await.unwrap();
        let list = marks::list(&t.db, &Scope::All, &credit, &outlet, at("2026-11-20 00:00"), at("2026-11-21 00:00")).await.unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!((list[0].kind.as_str(), list[0].kind_label(true).as_str()), ("maintenance", "维护"));
        assert_eq!(list[0].proof_type.as_deref(), Some("image/png"));
        let (name, kind, content) = marks::proof(&t.db, &Scope::All, id).await.unwrap().unwrap();
        assert_eq!((name.as_str(), kind.as_str(), content), ("work-order.png", "image/png", png));
        // Not overlapping: not listed.
        assert!(marks::list(&t.db, &Scope::All, &credit, &outlet, at("2026-11-20 10:30"), at("2026-11-21 00:00")).await.unwrap().is_empty());

        // The enterprise account sees its own outlet; another enterprise's scope does not.
        assert!(marks::get(&t.db, &Scope::Enterprise(credit.clone()), id).await.is_ok());
        let other = Scope::Enterprise("91000000000000000X".into());
        let e = marks::add(&t.db, &Actor::system(), &other, &credit, &outlet, mark.clone(), now).await.unwrap_err();
        assert!(matches!(e, lantian::Error::NotFound(_)), "{e}");
        assert!(marks::get(&t.db, &other, id).await.is_err());

        // End before start, a .docx as proof, too far back: refused, nothing written.
        let mut bad = mark.clone();
        bad.ends_at = bad.starts_at - 60;
        bad.proof = Some(Proof { name: "x.docx".into(), content: b"PK\x03\x04".to_vec() });
        let e = marks::add(&t.db, &Actor::system(), &Scope::All, &credit, &outlet, bad, now).await.unwrap_err().to_string();
        assert!(e.contains("结束时间必须晚于开始时间") && e.contains("x.docx"), "{e}");
        let mut old = mark.clone();
        old.starts_at = now - 11 * 86_400;
        let e = marks::add(&t.db, &Actor::system(), &Scope::All, &credit, &outlet, old, now).await.unwrap_err().to_string();
        assert!(e.contains("240"), "{e}");
        let e = marks::add(&t.db, &Actor::system(), &Scope::All, &credit, "DA999", mark.clone(), now).await.unwrap_err();
        assert!(matches!(e, lantian::Error::NotFound(_)));
        assert_eq!(marks::list(&t.db, &Scope::All, &credit, &outlet, 0, i64::MAX / 2).await.unwrap().len(), 1);

        // Withdrawn: kept, shown as withdrawn; a second withdrawal is refused.
        assert!(marks::withdraw(&t.db, &Actor::system(), &Scope::All, id, " ").await.is_err());
        marks::withdraw(&t.db, &Actor::system(), &Scope::All, id, "录入错误").await.unwrap();
        let m = marks::get(&t.db, &Scope::All, id).await.unwrap();
        assert!(!m.active());
        assert_eq!(m.withdraw_reason.as_deref(), Some("录入错误"));
        assert!(matches!(marks::withdraw(&t.db, &Actor::system(), &Scope::All, id, "again").await, Err(lantian::Error::Conflict(_))));
        assert_eq!(audit_actions(&t.db).await, ["mark_add", "mark_withdraw"]);
        assert!(matches!(lantian::storage::audit::verify(&t.db).await.unwrap(), lantian::storage::audit::Verdict::Intact { .. }));
    }
}
