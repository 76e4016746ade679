use lantian::excel;
use lantian::ledger::ListFilter;
use lantian::storage::audit::Actor;
use lantian::storage::ledger::{self as store, ImportMode};

use crate::both_backends;
use crate::support::*;

async fn count(db: &lantian::storage::Db) -> i64 {
    store::list(db, &Scope::All, &ListFilter::default()).await.unwrap().total
}

both_backends! {
    async fn export_then_import_into_an_empty_ledger_reproduces_it(t: &TestDb) {
        let (city, bytes) = demo_workbook(120, 3);
        load_demo_divisions(&t.db, &city).await;
        let parsed = excel::parse_workbook(&bytes).expect("demo workbook is valid");
        store::import(&t.db, parsed, &Actor::system(), ImportMode::Insert, false, |_, _| {}).await.unwrap();
        let exported = store::export(&t.db, &Scope::All, &ListFilter::default()).await.unwrap();
        assert_eq!(exported, city.bundles, "what was imported comes back out unchanged");

        // Export → import into a second, empty ledger → export again: identical.
        let second = TestDb::sqlite().await;
        load_demo_divisions(&second.db, &city).await;
        let again = excel::parse_workbook(&excel::export::workbook(&exported).unwrap()).unwrap();
        store::import(&second.db, again, &Actor::system(), ImportMode::Insert, false, |_, _| {}).await.unwrap();
        assert_eq!(store::export(&second.db, &Scope::All, &ListFilter::default()).await.unwrap(), exported);
    }

    async fn import_is_all_or_nothing(t: &TestDb) {
        let (city, _) = demo_workbook(30, 4);
        load_demo_divisions(&t.db, &city).await;
        let mut bundles = city.bundles.clone();
        bundles[7].enterprise.division_code = "612099001".into(); // well-formed but unknown
        let bytes = excel::export::workbook(&bundles).unwrap();
        let parsed = excel::parse_workbook(&bytes).unwrap();
        let err = store::import(&t.db, parsed, &Actor::system(), ImportMode::Insert, false, |_, _| {}).await.unwrap_err();
        match err {
            lantian::Error::Rejected(p) => {
                assert_eq!(p.len(), 1);
                assert_eq!(p[0].row, 9);
                assert_eq!(p[0].column, "行政区划代码");
                assert_eq!(p[0].value, "612099001");
                assert_eq!(p[0].reason.code(), "ledger.import.unknown_division");
            }
            other => panic!("{other}"),
        }
        assert_eq!(count(&t.db).await, 0, "nothing written");
    }

    async fn duplicates_are_refused_and_update_replaces_with_history(t: &TestDb) {
        let (city, bytes) = demo_workbook(20, 5);
        load_demo_divisions(&t.db, &city).await;
        store::import(&t.db, excel::parse_workbook(&bytes).unwrap(), &Actor::system(), ImportMode::Insert, false, |_, _| {}).await.unwrap();
        let err = store::import(&t.db, excel::parse_workbook(&bytes).unwrap(), &Actor::system(), ImportMode::Insert, false, |_, _| {})
            .await
            .unwrap_err();
        let lantian::Error::Rejected(p) = err else { panic!() };
        assert_eq!(p.len(), 20);
        assert!(p.iter().all(|p| p.reason.code() == "ledger.import.already_in_ledger"));

        let mut changed = city.bundles.clone();
        changed[0].enterprise.status = "closed".into();
        changed[0].equipment.clear();
        let parsed = excel::parse_workbook(&excel::export::workbook(&changed[..1]).unwrap()).unwrap();
        let dry = store::import(&t.db, parsed, &Actor::cli(), ImportMode::Update, true, |_, _| {}).await.unwrap();
        assert_eq!((dry.enterprises, dry.updated), (1, 1));
        let id = store::enterprise_id_by_code(&t.db, &changed[0].enterprise.credit_code).await.unwrap().unwrap();
        assert_eq!(store::dossier(&t.db, &Scope::All, id).await.unwrap().enterprise.record.status, city.bundles[0].enterprise.status, "dry run wrote nothing");

        let parsed = excel::parse_workbook(&excel::export::workbook(&changed[..1]).unwrap()).unwrap();
        store::import(&t.db, parsed, &Actor::cli(), ImportMode::Update, false, |_, _| {}).await.unwrap();
        let d = store::dossier(&t.db, &Scope::All, id).await.unwrap();
        assert_eq!(d.enterprise.record.status, "closed");
        assert!(d.equipment.is_empty());
        assert_eq!(d.history.len(), 2, "created, then updated");
        assert_eq!(d.history[0].action, "update");
        assert!(d.history[0].actor.starts_with("cli:"));
        assert_eq!(count(&t.db).await, 20);
    }

    async fn list_filters_search_and_paginate(t: &TestDb) {
        let (city, bytes) = demo_workbook(200, 6);
        load_demo_divisions(&t.db, &city).await;
        store::import(&t.db, excel::parse_workbook(&bytes).unwrap(), &Actor::system(), ImportMode::Insert, false, |_, _| {}).await.unwrap();
        let all = store::list(&t.db, &Scope::All, &ListFilter { per_page: Some(50), ..Default::default() }).await.unwrap();
        assert_eq!((all.total, all.items.len()), (200, 50));
        let page4 = store::list(&t.db, &Scope::All, &ListFilter { per_page: Some(50), page: Some(4), ..Default::default() }).await.unwrap();
        assert_eq!(page4.items.len(), 50);
        assert!(page4.items[0].id > all.items[49].id);

        let county = "612021";
        let expected = city.bundles.iter().filter(|b| b.enterprise.division_code.starts_with(county)).count() as i64;
        let f = ListFilter { division: Some(county.into()), ..Default::default() };
        assert_eq!(store::list(&t.db, &Scope::All, &f).await.unwrap().total, expected);
        let whole_city = ListFilter { division: Some("612000".into()), ..Default::default() };
        assert_eq!(store::list(&t.db, &Scope::All, &whole_city).await.unwrap().total, 200);

        let target = &city.bundles[17].enterprise;
        let by_code = ListFilter { q: Some(target.credit_code[..12].to_lowercase()), ..Default::default() };
        assert!(store::list(&t.db, &Scope::All, &by_code).await.unwrap().items.iter().any(|e| e.credit_code == target.credit_code));
        let by_name = ListFilter { q: Some(target.name.clone()), ..Default::default() };
        assert_eq!(store::list(&t.db, &Scope::All, &by_name).await.unwrap().items[0].name, target.name);

        let operating = city.bundles.iter().filter(|b| b.enterprise.status == "operating" && b.enterprise.env_grade == "C").count() as i64;
        let f = ListFilter { status: Some("operating".into()), grade: Some("C".into()), ..Default::default() };
        assert_eq!(store::list(&t.db, &Scope::All, &f).await.unwrap().total, operating);
        let stats = store::stats(&t.db, &Scope::All, &ListFilter::default()).await.unwrap();
        assert_eq!(stats.enterprises, 200);
        assert_eq!(stats.by_county.iter().map(|c| c.2).sum::<i64>(), 200);
        assert!(stats.by_county.iter().all(|c| !c.1.is_empty()), "county names resolved");
        let unpermitted = city.bundles.iter().filter(|b| !b.outlets.is_empty() && b.enterprise.discharge_permit_no.is_empty()).count() as i64;
        assert_eq!(stats.without_permit, unpermitted);
        assert!(unpermitted > 0);
    }

    async fn dossier_has_everything_and_its_division_path(t: &TestDb) {
        let (city, bytes) = demo_workbook(40, 8);
        load_demo_divisions(&t.db, &city).await;
        store::import(&t.db, excel::parse_workbook(&bytes).unwrap(), &Actor::system(), ImportMode::Insert, false, |_, _| {}).await.unwrap();
        let b = city.bundles.iter().find(|b| !b.outlets.is_empty() && !b.lines.is_empty()).unwrap();
        let id = store::enterprise_id_by_code(&t.db, &b.enterprise.credit_code).await.unwrap().unwrap();
        let d = store::dossier(&t.db, &Scope::All, id).await.unwrap();
        assert_eq!(d.enterprise.record, b.enterprise);
        assert_eq!((&d.lines, &d.equipment, &d.outlets, &d.yearly), (&b.lines, &b.equipment, &b.outlets, &b.yearly));
        let levels: Vec<_> = d.division_path.iter().map(|x| x.level.as_str()).collect();
        assert_eq!(levels, ["province", "city", "county", "township", "grid"]);
        assert_eq!(d.division_path[0].name, "陕西省");
        assert_eq!(d.division_path[1].name, "青岚市");
        assert_eq!(d.history.len(), 1);
        assert!(matches!(store::dossier(&t.db, &Scope::All, 999_999).await, Err(lantian::Error::NotFound(_))));
    }
}

both_backends! {
    async fn screening_finds_backward_capacity_with_its_facts(t: &TestDb) {
        let (city, bytes) = demo_workbook(600, 12);
        load_demo_divisions(&t.db, &city).await;
        store::import(&t.db, excel::parse_workbook(&bytes).unwrap(), &Actor::system(), ImportMode::Insert, false, |_, _| {}).await.unwrap();
        let subjects = lantian::storage::screening::subjects(&t.db).await.unwrap();
        let open = city.bundles.iter().filter(|b| b.enterprise.status != "closed").count();
        assert_eq!(subjects.len(), open);
        let catalogue = lantian::screening::load_embedded().unwrap();
        let result = lantian::screening::engine::screen(&catalogue, &subjects);
        assert_eq!(result.catalogue_version, catalogue.version);
        // Every coal boiler of at most 10 t/h in an open enterprise is found, with its capacity as the triggering fact.
        let small_boilers = city
            .bundles
            .iter()
            .filter(|b| b.enterprise.status != "closed")
            .flat_map(|b| b.equipment.iter())
            .filter(|q| q.kind == "coal_boiler" && q.status != "closed" && q.capacity.unwrap() <= 10.0)
            .count();
        let found: Vec<_> = result.findings.iter().filter(|f| f.rule == "elim-2024-boiler-coal-10tph").collect();
        assert_eq!(found.len(), small_boilers);
        assert!(small_boilers > 0);
        assert!(found.iter().all(|f| f.facts["capacity"].as_f64().unwrap() <= 10.0 && f.equipment.is_some()));
        // Local Zhengzhou rules never apply in the demo city.
        assert!(result.findings.iter().all(|f| !f.rule.starts_with("zz-")));
        // No discharge-permit finding for an enterprise without outlets.
        for f in result.findings.iter().filter(|f| f.rule == "env-no-discharge-permit") {
            let b = city.bundles.iter().find(|b| b.enterprise.credit_code == f.enterprise).unwrap();
            assert!(!b.outlets.is_empty() && b.enterprise.discharge_permit_no.is_empty());
        }
    }
}
