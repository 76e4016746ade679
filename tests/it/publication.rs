//! The public portal's publication decisions and the leaders' dashboard figures (issue 14
//! items 1 and 4), on both databases: only published items of open lists are public, staff see
//! their scope's eligible items, every decision is audited, a refused decision writes nothing;
//! the dashboard counts per district as the lists count.

use lantian::auth::Scope;
use lantian::ledger::model::EnterpriseBundle;
use lantian::screening::publication::PublicList;
use lantian::storage::audit::Actor;
use lantian::storage::publication::{self as store, Query};
use lantian::storage::Db;

use crate::both_backends;
use crate::support::*;

/// One item on every list for an enterprise: case `base` under a rectification order, case
/// `base + 1` closed and published (the case's 公示 step), campaign item `base` accepted
/// (campaign 900 + its own), one exceedance episode. Returns the episode's key.
pub async fn items_for(db: &Db, b: &EnterpriseBundle, base: i64) -> String {
    let e = &b.enterprise;
    for (id, state, exited) in [(base, "rectifying", None), (base + 1, "published", Some("2026-03-01"))] {
        sqlx::query(
            "INSERT INTO cases (id, finding_key, credit_code, enterprise_name, division_code, industry_code, equipment, rule_id, title, dimension, outcome,
                explanation, state, deadline, exited_on, dismantled, opened_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, '立窑', 'fixture', '淘汰类设备', 'technology', 'eliminate_now', '测试', $7, '2027-01-01', $8, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        )
        .bind(id)
        .bind(format!("{}||fixture{id}", e.credit_code))
        .bind(&e.credit_code)
        .bind(&e.name)
        .bind(&e.division_code)
        .bind(&e.industry_code)
        .bind(state)
        .bind(exited)
        .execute(&db.pool)
        .await
        .unwrap();
    }
    let campaign = 900 + base;
    sqlx::query(
        "INSERT INTO campaigns (id, name, type_code, definition, division_code, start_date, end_date, created_by, created_at)
         VALUES ($1, '散乱污整治', 'sanluanwu', $2, '612000', '2026-01-01', '2026-12-31', 'test', '2026-01-01T00:00:00Z')",
    )
    .bind(campaign)
    .bind(lantian::campaigns::definition::EMBEDDED[0].1)
    .execute(&db.pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO campaign_items (id, campaign_id, division_code, name, credit_code, verdict, disposition, status, surveyed_on, completed_on, accepted_on, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'confirmed', 'shutdown', 'accepted', '2026-01-01', '2026-01-02', '2026-01-03', '2026-01-03T00:00:00Z')",
    )
    .bind(base)
    .bind(campaign)
    .bind(&e.division_code)
    .bind(&e.name)
    .bind(&e.credit_code)
    .execute(&db.pool)
    .await
    .unwrap();
    let starts = 1_780_000_000 + base * 3600;
    sqlx::query(
        "INSERT INTO exceedance_episodes (credit_code, outlet_code, pollutant, basis, starts_at, ends_at, periods, max_value, limit_value, max_ratio, division_code, industry_code, detected_at)
         VALUES ($1, 'DA001', 'a21026', 'hour', $2, $3, 3, 450.0, 200.0, 2.25, $4, $5, $2)",
    )
    .bind(&e.credit_code)
    .bind(starts)
    .bind(starts + 7200)
    .bind(&e.division_code)
    .bind(&e.industry_code)
    .execute(&db.pool)
    .await
    .unwrap();
    lantian::screening::publication::episode_key(&e.credit_code, "DA001", "a21026", "hour", starts)
}

/// Publish `p`'s items on every list (its closed case is published by its state) and withdraw
/// `u`'s closed case, leaving `u` with nothing public.
pub async fn decide_fixture(db: &Db, p_base: i64, p_episode: &str, u_base: i64) {
    let a = Actor::system();
    store::decide(db, &a, &Scope::All, PublicList::Rectification, &p_base.to_string(), true, "").await.unwrap();
    store::decide(db, &a, &Scope::All, PublicList::Campaign, &p_base.to_string(), true, "").await.unwrap();
    store::decide(db, &a, &Scope::All, PublicList::Exceedance, p_episode, true, "按规定公开").await.unwrap();
    store::decide(db, &a, &Scope::All, PublicList::Closed, &(u_base + 1).to_string(), false, "异议核实中").await.unwrap();
}

fn codes(items: &[store::Item]) -> Vec<String> {
    items.iter().map(|i| i.credit_code().to_string()).collect()
}

both_backends! {
    async fn only_published_items_of_open_lists_are_public(t: &TestDb) {
        let city = load_demo_city(&t.db, 60, 5).await;
        let county = lantian::demo::accounts::DEMO_COUNTY;
        let p = city.bundles.iter().find(|b| b.enterprise.division_code.starts_with(county)).unwrap().clone();
        let u = city.bundles.iter().find(|b| !b.enterprise.division_code.starts_with(county)).unwrap().clone();
        let p_ep = items_for(&t.db, &p, 10).await;
        let u_ep = items_for(&t.db, &u, 20).await;
        let settings = lantian::storage::settings::all(&t.db).await.unwrap();
        let all = Query { limit: 100, ..Default::default() };
        // Before any decision: only the closed case (published by its case's step) is public.
        for list in PublicList::ALL {
            let (items, total) = store::public_items(&t.db, &settings, list, &all).await.unwrap();
            assert_eq!(total as usize, items.len());
            if list == PublicList::Closed {
                assert_eq!(total, 2);
            } else {
                assert!(items.is_empty(), "{list:?} public before any decision");
            }
        }
        assert!(store::public_enterprise(&t.db, &settings, &u.enterprise.credit_code).await.unwrap().is_some());
        decide_fixture(&t.db, 10, &p_ep, 20).await;
        for list in PublicList::ALL {
            let (items, _) = store::public_items(&t.db, &settings, list, &all).await.unwrap();
            assert_eq!(codes(&items), vec![p.enterprise.credit_code.clone()], "{list:?}");
            // Staff of the whole platform see both, with their decisions.
            let (staff, total) = store::staff_items(&t.db, &Scope::All, list, &all).await.unwrap();
            assert_eq!(total, 2, "{list:?}");
            assert_eq!(staff.iter().filter(|i| i.published()).count(), 1);
        }
        // Search: by name part and by credit code; the unpublished one is never found.
        let by_code = Query { q: u.enterprise.credit_code.clone(), limit: 100, ..Default::default() };
        let name_part: String = p.enterprise.name.chars().take(3).collect();
        for list in PublicList::ALL {
            assert!(store::public_items(&t.db, &settings, list, &by_code).await.unwrap().0.is_empty());
            let found = store::public_items(&t.db, &settings, list, &Query { q: name_part.clone(), limit: 100, ..Default::default() }).await.unwrap().0;
            assert!(codes(&found).contains(&p.enterprise.credit_code), "{list:?} by name part");
        }
        // The enterprise pages: the published one with its four items, the other none.
        let page = store::public_enterprise(&t.db, &settings, &p.enterprise.credit_code).await.unwrap().expect("published");
        assert_eq!(page.items.len(), 4);
        assert_eq!(page.name, p.enterprise.name);
        assert!(store::public_enterprise(&t.db, &settings, &u.enterprise.credit_code).await.unwrap().is_none());
        // The map: the published enterprise only (where the ledger places it).
        let points = store::map_points(&t.db, &settings).await.unwrap();
        assert!(points.iter().all(|m| m.credit_code == p.enterprise.credit_code));
        // A county's staff see their county's items only, and may not decide outside it.
        let county_scope = Scope::Divisions(vec![county.to_string()]);
        let (mine, _) = store::staff_items(&t.db, &county_scope, PublicList::Campaign, &all).await.unwrap();
        assert_eq!(codes(&mine), vec![p.enterprise.credit_code.clone()]);
        let before: i64 = sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log").fetch_one(&t.db.pool).await.unwrap();
        let out = store::decide(&t.db, &Actor::system(), &county_scope, PublicList::Campaign, "20", true, "").await;
        assert!(matches!(out, Err(lantian::Error::NotFound(_))), "{out:?}");
        assert!(matches!(store::decide(&t.db, &Actor::system(), &Scope::All, PublicList::Exceedance, &u_ep[..5], true, "").await, Err(lantian::Error::Invalid(_))));
        assert!(matches!(store::decide(&t.db, &Actor::system(), &Scope::All, PublicList::Campaign, "20", true, &"长".repeat(501)).await, Err(lantian::Error::Invalid(_))));
        let after: i64 = sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log").fetch_one(&t.db.pool).await.unwrap();
        assert_eq!(before, after, "a refused decision writes nothing");
        let decisions: i64 = sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE action IN ('publication_publish', 'publication_withdraw')").fetch_one(&t.db.pool).await.unwrap();
        assert_eq!(decisions, 4, "every decision is audited");
        // Withdrawing takes it off at once; closing a list hides all of it.
        store::decide(&t.db, &Actor::system(), &Scope::All, PublicList::Exceedance, &p_ep, false, "").await.unwrap();
        assert!(store::public_items(&t.db, &settings, PublicList::Exceedance, &all).await.unwrap().0.is_empty());
        assert!(store::set_list_open(&t.db, &Actor::system(), PublicList::Campaign, false).await.unwrap());
        let settings = lantian::storage::settings::all(&t.db).await.unwrap();
        assert!(store::public_items(&t.db, &settings, PublicList::Campaign, &all).await.unwrap().0.is_empty());
        assert_eq!(store::public_enterprise(&t.db, &settings, &p.enterprise.credit_code).await.unwrap().unwrap().items.len(), 2);
        assert!(lantian::storage::audit::verify(&t.db).await.map(|v| matches!(v, lantian::storage::audit::Verdict::Intact { .. })).unwrap());
    }

    async fn the_dashboard_counts_per_district_as_the_lists_do(t: &TestDb) {
        let city = load_demo_city(&t.db, 80, 6).await;
        let county = lantian::demo::accounts::DEMO_COUNTY;
        let p = city.bundles.iter().find(|b| b.enterprise.division_code.starts_with(county)).unwrap().clone();
        let u = city.bundles.iter().find(|b| !b.enterprise.division_code.starts_with(county)).unwrap().clone();
        items_for(&t.db, &p, 10).await;
        items_for(&t.db, &u, 20).await;
        // An overdue rectification in p's county (deadline passed).
        sqlx::query("UPDATE cases SET deadline = '2026-01-02' WHERE id = 10").execute(&t.db.pool).await.unwrap();
        let today = time::macros::date!(2026 - 06 - 01);
        let now = 1_780_000_000 + 86_400;
        let city_units = lantian::storage::dashboard::figures(&t.db, &Scope::All, None, 6, today, now).await.unwrap();
        let pc = &p.enterprise.division_code[..6];
        let uc = &u.enterprise.division_code[..6];
        let in_ledger = |code: &str| city.bundles.iter().filter(|b| b.enterprise.division_code.starts_with(code)).count() as i64;
        assert_eq!(city_units[pc].enterprises, in_ledger(pc));
        assert_eq!(city_units[pc].cases_open, 1);
        assert_eq!(city_units[pc].cases_overdue, 1);
        assert_eq!(city_units[pc].cases_exited, 1);
        assert_eq!(city_units[uc].cases_overdue, 0);
        assert_eq!(city_units[pc].campaign_accepted, 1);
        assert_eq!(city_units[pc].episodes, 1);
        let behind = lantian::storage::dashboard::behind(&city_units, lantian::storage::dashboard::Measure::CasesOverdue);
        assert_eq!(behind, vec![(pc.to_string(), 1.0)]);
        // A county's account: its townships only.
        let county_units = lantian::storage::dashboard::figures(&t.db, &Scope::Divisions(vec![county.to_string()]), None, 9, today, now).await.unwrap();
        assert!(county_units.keys().all(|k| k.starts_with(county) && k.len() == 9), "{:?}", county_units.keys());
        assert_eq!(county_units.values().map(|f| f.enterprises).sum::<i64>(), in_ledger(county));
        assert_eq!(county_units.values().map(|f| f.cases_overdue).sum::<i64>(), 1);
        // Narrowed to the other county by a city account: nothing of p's.
        let narrowed = lantian::storage::dashboard::figures(&t.db, &Scope::All, Some(uc), 9, today, now).await.unwrap();
        assert!(narrowed.keys().all(|k| k.starts_with(uc)));
        // An enterprise account's scope has no dashboard.
        assert!(lantian::storage::dashboard::figures(&t.db, &Scope::Enterprise(p.enterprise.credit_code.clone()), None, 6, today, now).await.unwrap().is_empty());
    }
}
