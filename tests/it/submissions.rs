//! Enterprise submissions on both databases: a proposal changes nothing until the
//! responsible bureau accepts it; a return needs a reason; each is decided once; the
//! jurisdiction bounds who sees and decides; everything is audited. Then the same over HTTP.

use lantian::auth::{Department, Role, Scope, Viewer};
use lantian::storage::audit::{self, Verdict};
use lantian::storage::submissions::{self, SubmissionFilter};
use lantian::submissions::{Decision, State};
use reqwest::StatusCode;

use crate::both_backends;
use crate::support::*;

fn viewer(username: &str, role: Role, department: Option<Department>, scope: Scope) -> Viewer {
    Viewer { user_id: 0, username: username.into(), display_name: String::new(), role, department, scope, ip: "10.1.2.3".into() }
}

fn demo_enterprise(city: &lantian::demo::DemoCity) -> String {
    lantian::demo::accounts::accounts(city).into_iter().find(|u| u.username == "enterprise").unwrap().enterprise_code
}

both_backends! {
    async fn a_proposal_waits_for_the_responsible_bureau(t: &TestDb) {
        let city = load_demo_city(&t.db, 60, 2).await;
        let code = demo_enterprise(&city);
        let company = viewer("enterprise", Role::Enterprise, None, Scope::Enterprise(code.clone()));
        let before = submissions::current_bundle(&t.db, &code).await.unwrap().unwrap();
        let county_code = before.enterprise.division_code[..6].to_string();
        let county = viewer("county", Role::Bureau, Some(Department::Market), Scope::Divisions(vec![county_code.clone()]));
        let elsewhere = city.divisions.iter().find(|d| d.level == "county" && d.code != county_code).unwrap().code.clone();
        let other = viewer("other", Role::Bureau, Some(Department::Market), Scope::Divisions(vec![elsewhere]));

        // The enterprise drops its EIA number and renames itself: a proposal, the ledger unchanged.
        let mut proposed = before.clone();
        proposed.enterprise.eia_approval = String::new();
        proposed.enterprise.name = format!("{}(新)", before.enterprise.name);
        proposed.enterprise.contact_phone = "029-87654321".into();
        let id = submissions::submit_ledger_update(&t.db, &company, &proposed).await.unwrap();
        assert_eq!(submissions::current_bundle(&t.db, &code).await.unwrap().unwrap(), before, "nothing changes before review");
        let s = submissions::get(&t.db, &company.scope, id).await.unwrap();
        assert_eq!(s.state, State::Pending);
        let eia = s.changes.iter().find(|c| c.field == "环评批复文号").unwrap();
        assert!(eia.screening && eia.after.is_empty());
        assert!(s.changes.iter().any(|c| c.field == "联系电话" && !c.screening));
        // One pending proposal per record at a time.
        assert!(matches!(submissions::submit_ledger_update(&t.db, &company, &proposed).await, Err(lantian::Error::Conflict(_))));
        // Another enterprise's record cannot be proposed.
        let mut foreign = city.bundles.iter().find(|b| b.enterprise.credit_code != code).unwrap().clone();
        foreign.enterprise.name = "冒名".into();
        assert!(submissions::submit_ledger_update(&t.db, &company, &foreign).await.is_err());

        // The review queue is the jurisdiction's: the other county neither sees nor decides it.
        let pending = SubmissionFilter { state: Some("pending".into()), ..Default::default() };
        assert_eq!(submissions::list(&t.db, &county.scope, &pending).await.unwrap().len(), 1);
        assert!(submissions::list(&t.db, &other.scope, &pending).await.unwrap().is_empty());
        assert!(matches!(submissions::decide(&t.db, &other, id, Decision::Accept).await, Err(lantian::Error::NotFound(_))));

        // Returned: a reason is required, the enterprise sees it, the ledger is unchanged, and it is decided once.
        let no_reason = submissions::decide(&t.db, &county, id, Decision::Return { reason: " ".into() }).await.unwrap_err();
        assert!(no_reason.to_string().contains("退回须写明理由"), "{no_reason}");
        let returned = submissions::decide(&t.db, &county, id, Decision::Return { reason: "环评批复不能删除,请附说明".into() }).await.unwrap();
        assert_eq!((returned.state, returned.reason.as_str(), returned.decided_by.as_str()), (State::Returned, "环评批复不能删除,请附说明", "county"));
        let mine = submissions::list(&t.db, &company.scope, &SubmissionFilter::default()).await.unwrap();
        assert_eq!((mine.len(), mine[0].state, mine[0].reason.as_str()), (1, State::Returned, "环评批复不能删除,请附说明"));
        assert!(matches!(submissions::decide(&t.db, &county, id, Decision::Accept).await, Err(lantian::Error::Conflict(_))));
        assert_eq!(submissions::current_bundle(&t.db, &code).await.unwrap().unwrap(), before);

        // Sent again and accepted: applied in one transaction, the enterprise keeps its id, the history says how.
        let id2 = submissions::submit_ledger_update(&t.db, &company, &proposed).await.unwrap();
        let enterprise_id = lantian::storage::ledger::enterprise_id_by_code(&t.db, &code).await.unwrap().unwrap();
        let accepted = submissions::decide(&t.db, &county, id2, Decision::Accept).await.unwrap();
        assert_eq!(accepted.state, State::Accepted);
        let after = submissions::current_bundle(&t.db, &code).await.unwrap().unwrap();
        assert_eq!(after, proposed);
        assert_eq!(lantian::storage::ledger::enterprise_id_by_code(&t.db, &code).await.unwrap(), Some(enterprise_id));
        let history = lantian::storage::ledger::history(&t.db, enterprise_id).await.unwrap();
        let update = history.iter().find(|h| h.action == "update").expect("the change is in the history");
        assert_eq!(update.after.as_ref().unwrap()["via"]["submission"], id2);
        assert_eq!(update.actor, "county", "the reviewer applied it");
        // Nothing left to propose when the record already says it.
        assert!(submissions::submit_ledger_update(&t.db, &company, &proposed).await.unwrap_err().message().render(lantian::i18n::Lang::En).contains("identical"));

        let count = |action: &'static str| {
            let db = t.db.clone();
            async move { sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM audit_log WHERE action = $1").bind(action).fetch_one(&db.pool).await.unwrap() }
        };
        assert_eq!((count("submission").await, count("submission_return").await, count("submission_accept").await), (2, 1, 1));
        assert!(matches!(audit::verify(&t.db).await.unwrap(), Verdict::Intact { .. }));
    }

    // Accepting replaces the enterprise's row under the same id; records that point at it
    // (a campaign item here) must survive that, on both databases.
    async fn an_enterprise_in_a_campaign_can_have_its_change_accepted(t: &TestDb) {
        let city = load_demo_city(&t.db, 60, 2).await;
        let code = demo_enterprise(&city);
        let company = viewer("enterprise", Role::Enterprise, None, Scope::Enterprise(code.clone()));
        let county = viewer("county", Role::Bureau, Some(Department::Market), Scope::All);
        let enterprise_id = lantian::storage::ledger::enterprise_id_by_code(&t.db, &code).await.unwrap().unwrap();
        let now = "2026-01-05T00:00:00Z";
        let campaign: i64 = sqlx::query_scalar(
            "INSERT INTO campaigns (name, type_code, definition, division_code, start_date, end_date, created_by, created_at) \
             VALUES ('整治', 'sanluanwu', '', '612000', '2026-01-01', '2026-12-31', 'test', $1) RETURNING id",
        )
        .bind(now)
        .fetch_one(&t.db.pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO campaign_items (campaign_id, division_code, name, credit_code, enterprise_id, verdict, surveyed_on, updated_at) \
             VALUES ($1, '612000', '作坊', $2, $3, 'pending', '2026-01-05', $4)",
        )
        .bind(campaign)
        .bind(&code)
        .bind(enterprise_id)
        .bind(now)
        .execute(&t.db.pool)
        .await
        .unwrap();
        let mut proposed = submissions::current_bundle(&t.db, &code).await.unwrap().unwrap();
        proposed.enterprise.contact_phone = "029-11112222".into();
        let id = submissions::submit_ledger_update(&t.db, &company, &proposed).await.unwrap();
        let accepted = submissions::decide(&t.db, &county, id, Decision::Accept).await.unwrap();
        assert_eq!(accepted.state, State::Accepted);
        assert_eq!(submissions::current_bundle(&t.db, &code).await.unwrap().unwrap(), proposed);
        let linked: i64 = sqlx::query_scalar("SELECT enterprise_id FROM campaign_items WHERE credit_code = $1").bind(&code).fetch_one(&t.db.pool).await.unwrap();
        assert_eq!(linked, enterprise_id, "the campaign item still points at the same enterprise");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_enterprise_upload_is_reviewed_in_the_browser_pages() {
    let t = TestDb::sqlite().await;
    let city = load_demo_city(&t.db, 60, 2).await;
    let code = demo_enterprise(&city);
    let config = lantian::web::WebConfig { rate_limit: 0, ..Default::default() };
    let base = serve(&t.db, config).await;
    let mut proposed = submissions::current_bundle(&t.db, &code).await.unwrap().unwrap();
    let old_name = proposed.enterprise.name.clone();
    proposed.enterprise.env_grade = "A".into();
    proposed.enterprise.name = format!("{old_name}有限公司");
    let workbook = lantian::excel::export::workbook(std::slice::from_ref(&proposed)).unwrap();

    let company = login(&base, "enterprise").await;
    let r = company.client.post(format!("{base}/api/ledger/import?update=true")).header("x-csrf-token", &company.csrf).body(workbook).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let report: serde_json::Value = r.json().await.unwrap();
    let id = report["submitted"][0].as_i64().expect("a submission id");
    let enterprise_id = lantian::storage::ledger::enterprise_id_by_code(&t.db, &code).await.unwrap().unwrap();
    let dossier: serde_json::Value = company.client.get(format!("{base}/api/enterprises/{enterprise_id}")).send().await.unwrap().json().await.unwrap();
    assert_eq!(dossier["enterprise"]["name"], old_name.as_str(), "the ledger is unchanged until review");
    let mine = company.client.get(format!("{base}/my/submissions")).send().await.unwrap().text().await.unwrap();
    assert!(mine.contains("待审核"), "the enterprise sees its submission pending");
    assert_eq!(company.client.get(format!("{base}/submissions/{id}")).send().await.unwrap().status(), StatusCode::FORBIDDEN);

    let reviewer = login(&base, "county-market").await;
    let queue = reviewer.client.get(format!("{base}/submissions")).send().await.unwrap().text().await.unwrap();
    assert!(queue.contains(&format!("/submissions/{id}")), "in the county's queue");
    let page = reviewer.client.get(format!("{base}/submissions/{id}")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("环保绩效等级") && page.contains("影响筛查") && page.contains(&old_name), "field-by-field diff");
    let r = reviewer.client.post(format!("{base}/submissions/{id}/return")).form(&[("_csrf", reviewer.csrf.as_str()), ("reason", "")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("退回须写明理由"));
    let r = reviewer.client.post(format!("{base}/submissions/{id}/accept")).form(&[("_csrf", reviewer.csrf.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = reviewer.client.post(format!("{base}/submissions/{id}/accept")).form(&[("_csrf", reviewer.csrf.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT, "decided once");
    let dossier: serde_json::Value = company.client.get(format!("{base}/api/enterprises/{enterprise_id}")).send().await.unwrap().json().await.unwrap();
    assert_eq!(dossier["enterprise"]["env_grade"], "A");
    let mine = company.client.get(format!("{base}/my/submissions")).send().await.unwrap().text().await.unwrap();
    assert!(mine.contains("已采纳"));
}
