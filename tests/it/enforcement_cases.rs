//! Lead decisions and enforcement cases (issue 10 item 3) on both databases: verify and dismiss
//! (a reason required, only open leads), a case through every step to closed with its audit
//! entries, two leads in one case, scope (out of scope = not found) and refusals writing nothing.

use lantian::auth::Scope;
use lantian::enforcement::case::{Action, DecisionKind, State, Verdict};
use lantian::enforcement::lead::LeadStatus;
use lantian::storage::audit::{self, Actor};
use lantian::storage::enforcement_cases::{self as store, LeadDecision, Target};
use lantian::Error;

use crate::both_backends;
use crate::support::*;

/// An enterprise of the demo ledger: (credit code, division, industry).
pub async fn enterprises(t: &TestDb) -> Vec<(String, String, String)> {
    sqlx::query_as::<_, (String, String, String)>("SELECT credit_code, division_code, industry_code FROM enterprises ORDER BY id")
        .fetch_all(&t.db.pool)
        .await
        .unwrap()
}

/// A lead as the judge writes it (an exceedance of SO2 over three hours from `start`).
pub async fn insert_lead(db: &lantian::storage::Db, credit: &str, division: &str, industry: &str, detector: &str, start: i64) -> i64 {
    let explanation = lantian::i18n::catalogue::enforcement::exceedance_hours("二氧化硫".into(), 3, "2026-06-01 08:00".into(), "2026-06-01 10:00".into(), 180.0, 100.0, "1.8".into());
    let (code, args) = explanation.to_stored();
    sqlx::query_scalar(
        "INSERT INTO leads (credit_code, outlet_code, detector, pollutant, starts_at, ends_at, explanation_code, explanation_args, figures,
           division_code, industry_code, status, detected_at, updated_at)
         VALUES ($1, 'DA001', $2, 'a21026', $3, $4, $5, $6, '{\"hours\": 3, \"max_value\": 180}', $7, $8, 'open', $3, $3) RETURNING id",
    )
    .bind(credit)
    .bind(detector)
    .bind(start)
    .bind(start + 3 * 3600)
    .bind(code)
    .bind(args)
    .bind(division)
    .bind(industry)
    .fetch_one(&db.pool)
    .await
    .unwrap()
}

fn county(code: &str) -> Scope {
    Scope::Divisions(vec![code[..6].to_string()])
}

fn officer() -> Actor {
    Actor { name: "county-environment".into(), role: "bureau:environment".into(), ip: "10.0.0.1".into() }
}

fn today() -> time::Date {
    lantian::plans::due::today_beijing()
}

async fn count(t: &TestDb, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql).fetch_one(&t.db.pool).await.unwrap()
}

/// Rows of every table a decision or step writes (a refusal must leave all of them unchanged).
async fn written(t: &TestDb) -> [i64; 5] {
    [
        count(t, "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log").await,
        count(t, "SELECT CAST(COUNT(*) AS BIGINT) FROM enforcement_cases").await,
        count(t, "SELECT CAST(COUNT(*) AS BIGINT) FROM enforcement_case_events").await,
        count(t, "SELECT CAST(COUNT(*) AS BIGINT) FROM enforcement_case_leads").await,
        count(t, "SELECT CAST(COUNT(*) AS BIGINT) FROM leads WHERE status <> 'open'").await,
    ]
}

fn codes(e: &Error) -> String {
    e.render(lantian::i18n::Lang::En)
}

fn verify(reason: &str, target: Target) -> LeadDecision {
    LeadDecision { verdict: Some(Verdict::Verify), reason: reason.into(), target }
}

fn new_case(basis: &str) -> Target {
    Target::NewCase { basis: basis.into() }
}

both_backends! {
    async fn leads_are_verified_or_dismissed_once_with_a_reason(t: &TestDb) {
        load_demo_city(&t.db, 40, 3).await;
        let (credit, division, industry) = enterprises(t).await.remove(0);
        let scope = county(&division);
        let a = insert_lead(&t.db, &credit, &division, &industry, "exceedance", 1_780_000_000).await;
        let b = insert_lead(&t.db, &credit, &division, &industry, "flatline", 1_780_100_000).await;
        let before = written(t).await;

        // No reason: refused, nothing written.
        let e = store::decide_lead(&t.db, &officer(), &scope, a, &LeadDecision { verdict: Some(Verdict::Dismiss), reason: "  ".into(), target: Target::None }, today()).await.unwrap_err();
        assert!(matches!(e, Error::Invalid(_)), "{e:?}");
        assert!(codes(&e).contains("give a reason"), "{}", codes(&e));
        // A verification without reason nor case: both problems at once.
        let e = store::decide_lead(&t.db, &officer(), &scope, a, &verify("", Target::None), today()).await.unwrap_err();
        let text = codes(&e);
        assert!(text.starts_with("refused (2 problem") && text.contains("give a reason") && text.contains("opens a case"), "{text}");
        // An unknown basis and no verdict.
        let e = store::decide_lead(&t.db, &officer(), &scope, a, &LeadDecision { verdict: None, reason: "x".into(), target: new_case("air_999") }, today()).await.unwrap_err();
        assert!(codes(&e).contains("choose to verify or to dismiss"), "{}", codes(&e));
        let e = store::decide_lead(&t.db, &officer(), &scope, a, &verify("属实", new_case("air_999")), today()).await.unwrap_err();
        assert!(codes(&e).contains("unknown legal basis 'air_999'"), "{}", codes(&e));
        assert_eq!(written(t).await, before, "refusals write nothing");
        assert_eq!(store::lead(&t.db, &scope, a).await.unwrap().status, LeadStatus::Open);

        // Dismissed with a reason.
        let d = store::decide_lead(&t.db, &officer(), &scope, a, &LeadDecision { verdict: Some(Verdict::Dismiss), reason: "停产检修期间，已标记".into(), target: Target::None }, today()).await.unwrap();
        assert_eq!((d.status, d.case_id, d.opened), (LeadStatus::Dismissed, None, false));
        let lead = store::lead(&t.db, &scope, a).await.unwrap();
        assert_eq!(lead.status, LeadStatus::Dismissed);
        assert_eq!(lead.decision_reason.as_deref(), Some("停产检修期间，已标记"));
        assert_eq!(lead.decided_by.as_deref(), Some("county-environment"));
        // Only an open lead is decided: a second decision is refused and writes nothing.
        let before = written(t).await;
        let e = store::decide_lead(&t.db, &officer(), &scope, a, &verify("属实", new_case("air_99")), today()).await.unwrap_err();
        assert!(codes(&e).contains("already dismissed"), "{}", codes(&e));
        assert_eq!(written(t).await, before);

        // Verified: a new case on the enterprise with its basis.
        let d = store::decide_lead(&t.db, &officer(), &scope, b, &verify("现场核查属实", new_case("air_99")), today()).await.unwrap();
        assert!(d.opened && d.status == LeadStatus::Verified);
        let case_id = d.case_id.unwrap();
        let c = store::get(&t.db, &scope, case_id).await.unwrap();
        assert_eq!((c.credit_code.as_str(), c.facts.basis.as_str(), c.state(), c.leads), (credit.as_str(), "air_99", State::Opened, 1));
        assert!(!c.enterprise_name.is_empty(), "the ledger's name");
        assert_eq!(store::lead(&t.db, &scope, b).await.unwrap().case_id, Some(case_id));
        // Audited in the same transaction.
        let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log WHERE action IN ('lead_verify', 'lead_dismiss', 'enforcement_case_open') ORDER BY seq")
            .fetch_all(&t.db.pool)
            .await
            .unwrap();
        assert_eq!(actions, ["lead_dismiss", "enforcement_case_open", "lead_verify"]);
        let enterprise: Option<i64> = sqlx::query_scalar("SELECT enterprise_id FROM audit_log WHERE action = 'lead_verify'").fetch_one(&t.db.pool).await.unwrap();
        assert!(enterprise.is_some(), "the entry hangs off the enterprise (its dossier history)");
        assert!(matches!(audit::verify(&t.db).await.unwrap(), audit::Verdict::Intact { .. }));

        // The lead list: filters and counts.
        let (all, total) = store::leads(&t.db, &scope, &Default::default(), 0, 50).await.unwrap();
        assert_eq!((all.len(), total), (2, 2));
        let f = store::LeadFilter { status: Some("verified".into()), ..Default::default() };
        assert_eq!(store::leads(&t.db, &scope, &f, 0, 50).await.unwrap().1, 1);
        let f = store::LeadFilter { detector: Some("flatline".into()), from: Some("2026-05-30".into()), ..Default::default() };
        assert_eq!(store::leads(&t.db, &scope, &f, 0, 50).await.unwrap().0.iter().map(|l| l.id).collect::<Vec<_>>(), [b]);
        let f = store::LeadFilter { to: Some("2026-05-01".into()), ..Default::default() };
        assert_eq!(store::leads(&t.db, &scope, &f, 0, 50).await.unwrap().1, 0, "both start after 1 May");
        let f = store::LeadFilter { from: Some("2026-13-01".into()), ..Default::default() };
        assert!(matches!(store::leads(&t.db, &scope, &f, 0, 50).await, Err(Error::Invalid(_))));
        let (statuses, detectors) = store::lead_counts(&t.db, &scope, &Default::default()).await.unwrap();
        assert_eq!(statuses, [("dismissed".to_string(), 1), ("verified".to_string(), 1)]);
        assert_eq!(detectors, [("exceedance".to_string(), 1), ("flatline".to_string(), 1)]);
    }

    async fn a_case_goes_through_every_step_to_closed_and_each_is_audited(t: &TestDb) {
        load_demo_city(&t.db, 40, 3).await;
        let (credit, division, industry) = enterprises(t).await.remove(0);
        let scope = county(&division);
        let lead = insert_lead(&t.db, &credit, &division, &industry, "exceedance", 1_780_000_000).await;
        let case_id = store::decide_lead(&t.db, &officer(), &scope, lead, &verify("属实", new_case("air_99")), today()).await.unwrap().case_id.unwrap();
        let step = |a: Action| {
            let db = t.db.clone();
            let scope = scope.clone();
            async move { store::step(&db, &officer(), &scope, case_id, &a, None, "备注", today()).await }
        };
        let pdf = b"%PDF-1.4 notice".to_vec();
        let doc = store::add_document(&t.db, &officer(), &scope, case_id, "notice", "告知书.pdf", &pdf, today()).await.unwrap();
        assert_eq!(step(Action::ServeNotice).await.unwrap().state(), State::NoticeServed);
        assert_eq!(step(Action::RecordStatement { text: "设备故障，已维修".into(), waived: false }).await.unwrap().state(), State::StatementHeard);
        let rectify_by = today() + time::Duration::days(30);
        let decided = step(Action::Decide { kind: Some(DecisionKind::Penalty), penalty_yuan: Some(150_000.0), rectify_by: Some(rectify_by) }).await.unwrap();
        let d = decided.facts.decision.clone().unwrap();
        assert_eq!((d.kind, d.penalty_yuan, d.rectify_by, d.decided_on), (DecisionKind::Penalty, Some(150_000.0), rectify_by, today()));
        assert_eq!(decided.overdue(today()), None);
        assert!(decided.overdue(rectify_by + time::Duration::days(2)).is_some(), "past the deadline, not rectified");
        assert_eq!(step(Action::ConfirmRectified).await.unwrap().state(), State::Rectified);
        let closed = step(Action::Close).await.unwrap();
        assert_eq!((closed.state(), closed.facts.closed_on), (State::Closed, Some(today())));
        // Stored facts read back whole.
        assert_eq!(closed.facts.statement, "设备故障，已维修");
        assert_eq!(closed.facts.notice_served_on, Some(today()));

        // One event per step (the opening and the document too), one audit entry per step.
        let events = store::events(&t.db, case_id).await.unwrap();
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["open", "document", "serve_notice", "record_statement", "decide", "confirm_rectified", "close"]);
        assert_eq!(events[4].detail["penalty_yuan"], 150_000.0);
        assert_eq!(events[4].detail["note"], "备注");
        let steps: Vec<(String, String)> = sqlx::query_as("SELECT before_json, after_json FROM audit_log WHERE action = 'enforcement_case_step' AND entity_id = $1 ORDER BY seq")
            .bind(case_id.to_string())
            .fetch_all(&t.db.pool)
            .await
            .unwrap();
        assert_eq!(steps.len(), 5);
        let last: serde_json::Value = serde_json::from_str(&steps[4].1).unwrap();
        assert_eq!((last["state"].as_str(), last["step"].as_str()), (Some("closed"), Some("close")));
        assert_eq!(count(t, "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE action = 'enforcement_case_document'").await, 1);
        assert!(matches!(audit::verify(&t.db).await.unwrap(), audit::Verdict::Intact { .. }));

        // The document comes back byte for byte; none is added once closed.
        let (name, content_type, bytes) = store::document(&t.db, &scope, case_id, doc).await.unwrap();
        assert_eq!((name.as_str(), content_type.as_str(), bytes), ("告知书.pdf", "application/pdf", pdf.clone()));
        let e = store::add_document(&t.db, &officer(), &scope, case_id, "other", "x.pdf", &pdf, today()).await.unwrap_err();
        assert!(codes(&e).contains("closed"), "{}", codes(&e));
        // A closed case takes no step.
        let e = step(Action::Close).await.unwrap_err();
        assert!(codes(&e).contains("the case is closed"), "{}", codes(&e));

        // The dossier's section reads the enterprise's leads and cases.
        let (leads, cases) = store::of_enterprise(&t.db, &scope, &credit, today()).await.unwrap();
        assert_eq!((leads.len(), cases.len()), (1, 1));
    }

    async fn two_leads_join_one_case_of_their_enterprise(t: &TestDb) {
        load_demo_city(&t.db, 40, 3).await;
        let all = enterprises(t).await;
        let (credit, division, industry) = all[0].clone();
        let scope = county(&division);
        let other = all.iter().find(|e| e.1[..6] == division[..6] && e.0 != credit).expect("a second enterprise in the county").clone();
        let first = insert_lead(&t.db, &credit, &division, &industry, "exceedance", 1_780_000_000).await;
        let second = insert_lead(&t.db, &credit, &division, &industry, "bunching", 1_780_200_000).await;
        let foreign = insert_lead(&t.db, &other.0, &other.1, &other.2, "exceedance", 1_780_000_000).await;
        let case_id = store::decide_lead(&t.db, &officer(), &scope, first, &verify("属实", new_case("permit_34")), today()).await.unwrap().case_id.unwrap();
        assert_eq!(store::joinable(&t.db, &scope, &credit, today()).await.unwrap().iter().map(|c| c.id).collect::<Vec<_>>(), [case_id]);
        let d = store::decide_lead(&t.db, &officer(), &scope, second, &verify("同一时段数据异常", Target::Join { case_id }), today()).await.unwrap();
        assert_eq!((d.case_id, d.opened), (Some(case_id), false));
        let c = store::get(&t.db, &scope, case_id).await.unwrap();
        assert_eq!(c.leads, 2);
        assert_eq!(store::case_leads(&t.db, case_id).await.unwrap().iter().map(|l| l.id).collect::<Vec<_>>(), [first, second]);
        assert_eq!(count(t, "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE action = 'enforcement_case_lead'").await, 1);
        assert_eq!(store::cases(&t.db, &scope, &Default::default(), today()).await.unwrap().len(), 1, "still one case");

        // Another enterprise's lead does not join it; nor does any lead once the case is decided.
        let before = written(t).await;
        let e = store::decide_lead(&t.db, &officer(), &scope, foreign, &verify("属实", Target::Join { case_id }), today()).await.unwrap_err();
        assert!(codes(&e).contains("another enterprise's"), "{}", codes(&e));
        let e = store::decide_lead(&t.db, &officer(), &scope, foreign, &verify("属实", Target::Join { case_id: 424_242 }), today()).await.unwrap_err();
        assert!(codes(&e).contains("not found: enforcement case 424242"), "{}", codes(&e));
        assert_eq!(written(t).await, before);
        let third = insert_lead(&t.db, &credit, &division, &industry, "dilution", 1_780_300_000).await;
        for a in [Action::ServeNotice, Action::RecordStatement { text: String::new(), waived: true }, Action::Decide { kind: Some(DecisionKind::Rectify), penalty_yuan: None, rectify_by: Some(today()) }] {
            store::step(&t.db, &officer(), &scope, case_id, &a, None, "", today()).await.unwrap();
        }
        assert!(store::joinable(&t.db, &scope, &credit, today()).await.unwrap().is_empty());
        let before = written(t).await;
        let e = store::decide_lead(&t.db, &officer(), &scope, third, &verify("属实", Target::Join { case_id }), today()).await.unwrap_err();
        assert!(codes(&e).contains("only before its decision"), "{}", codes(&e));
        assert_eq!(written(t).await, before);
    }

    async fn a_refused_step_writes_nothing(t: &TestDb) {
        load_demo_city(&t.db, 40, 3).await;
        let (credit, division, industry) = enterprises(t).await.remove(0);
        let scope = county(&division);
        let lead = insert_lead(&t.db, &credit, &division, &industry, "exceedance", 1_780_000_000).await;
        let case_id = store::decide_lead(&t.db, &officer(), &scope, lead, &verify("属实", new_case("permit_36")), today()).await.unwrap().case_id.unwrap();
        let opened = store::get(&t.db, &scope, case_id).await.unwrap();
        let before = written(t).await;
        let refuse = |a: Action, on: Option<time::Date>| {
            let db = t.db.clone();
            let scope = scope.clone();
            async move { store::step(&db, &officer(), &scope, case_id, &a, on, "", today()).await.unwrap_err() }
        };
        // Out of order: the next step is named.
        let e = refuse(Action::Close, None).await;
        assert!(codes(&e).contains("the next step is to serve the notice"), "{}", codes(&e));
        // Dated tomorrow.
        let e = refuse(Action::ServeNotice, Some(today() + time::Duration::days(1))).await;
        assert!(codes(&e).contains("is after today"), "{}", codes(&e));
        store::step(&t.db, &officer(), &scope, case_id, &Action::ServeNotice, None, "", today()).await.unwrap();
        store::step(&t.db, &officer(), &scope, case_id, &Action::RecordStatement { text: "无异议".into(), waived: false }, None, "", today()).await.unwrap();
        let before_decision = store::get(&t.db, &scope, case_id).await.unwrap();
        let mid = written(t).await;
        // A penalty outside Art. 36's 20,000–200,000 yuan, and no deadline: both problems.
        let e = refuse(Action::Decide { kind: Some(DecisionKind::Penalty), penalty_yuan: Some(500_000.0), rectify_by: None }, None).await;
        let text = codes(&e);
        assert!(text.contains("500,000 yuan is outside the range") && text.contains("20,000 to 200,000") && text.contains("deadline to correct"), "{text}");
        assert_eq!(written(t).await, mid, "nothing written");
        assert_eq!(store::get(&t.db, &scope, case_id).await.unwrap(), before_decision, "the case is unchanged");
        assert!(mid[0] > before[0] && opened.state() == State::Opened);
    }

    async fn out_of_scope_is_not_found(t: &TestDb) {
        load_demo_city(&t.db, 40, 3).await;
        let all = enterprises(t).await;
        let (credit, division, industry) = all[0].clone();
        let elsewhere = all.iter().find(|e| e.1[..6] != division[..6]).expect("an enterprise in another county").1.clone();
        let (mine, theirs) = (county(&division), county(&elsewhere));
        let lead = insert_lead(&t.db, &credit, &division, &industry, "exceedance", 1_780_000_000).await;
        let other_lead = insert_lead(&t.db, &credit, &division, &industry, "flatline", 1_780_100_000).await;
        let before = written(t).await;
        let not_found = |r: lantian::Result<()>| matches!(r, Err(Error::NotFound(_)));
        assert!(not_found(store::lead(&t.db, &theirs, lead).await.map(|_| ())));
        assert!(not_found(store::decide_lead(&t.db, &officer(), &theirs, lead, &verify("属实", new_case("air_99")), today()).await.map(|_| ())));
        assert_eq!(written(t).await, before);
        assert_eq!(store::leads(&t.db, &theirs, &Default::default(), 0, 50).await.unwrap().1, 0);
        let enterprise_scope = Scope::Enterprise(credit.clone());
        assert_eq!(store::leads(&t.db, &enterprise_scope, &Default::default(), 0, 50).await.unwrap().1, 2, "an enterprise scope admits its own");
        let case_id = store::decide_lead(&t.db, &officer(), &mine, lead, &verify("属实", new_case("air_99")), today()).await.unwrap().case_id.unwrap();
        assert!(not_found(store::get(&t.db, &theirs, case_id).await.map(|_| ())));
        assert!(not_found(store::step(&t.db, &officer(), &theirs, case_id, &Action::ServeNotice, None, "", today()).await.map(|_| ())));
        assert!(not_found(store::add_document(&t.db, &officer(), &theirs, case_id, "notice", "a.pdf", b"%PDF-1", today()).await.map(|_| ())));
        let doc = store::add_document(&t.db, &officer(), &mine, case_id, "notice", "a.pdf", b"%PDF-1", today()).await.unwrap();
        assert!(not_found(store::document(&t.db, &theirs, case_id, doc).await.map(|_| ())));
        assert!(not_found(store::document(&t.db, &mine, case_id, doc + 1).await.map(|_| ())));
        // Joining a case the viewer cannot see is refused as if it did not exist.
        let e = store::decide_lead(&t.db, &officer(), &Scope::Nothing, other_lead, &verify("属实", Target::Join { case_id }), today()).await.unwrap_err();
        assert!(matches!(e, Error::NotFound(_)));
        assert!(store::cases(&t.db, &theirs, &Default::default(), today()).await.unwrap().is_empty());
        assert_eq!(store::cases(&t.db, &Scope::All, &Default::default(), today()).await.unwrap().len(), 1);
        assert_eq!(store::get(&t.db, &mine, case_id).await.unwrap().state(), State::Opened, "the refused step changed nothing");
        // Documents: type and kind are checked, bytes stored once per content.
        let e = store::add_document(&t.db, &officer(), &mine, case_id, "memo", "a.exe", b"MZ\x90", today()).await.unwrap_err();
        let text = codes(&e);
        assert!(text.contains("unknown document kind 'memo'") && text.contains("a.exe is not a PDF"), "{text}");
        store::add_document(&t.db, &officer(), &mine, case_id, "decision", "b.pdf", b"%PDF-1", today()).await.unwrap();
        assert_eq!(count(t, "SELECT CAST(COUNT(*) AS BIGINT) FROM enforcement_blobs").await, 1);
        assert_eq!(store::documents(&t.db, case_id).await.unwrap().len(), 2);
    }
}

/// The pages over HTTP: the list, the lead with its explanation in both languages, a refused and
/// an accepted decision, the case through its steps with a document, the dossier, the exports,
/// read-only and out-of-scope accounts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_follow_a_lead_to_a_closed_case() {
    let t = TestDb::sqlite().await;
    let city = load_demo_city(&t.db, 60, 3).await;
    let county = lantian::demo::accounts::DEMO_COUNTY;
    let inside = city.bundles.iter().find(|b| b.enterprise.division_code.starts_with(county)).unwrap().enterprise.clone();
    let outside = city.bundles.iter().find(|b| !b.enterprise.division_code.starts_with(county)).unwrap().enterprise.clone();
    let lead = insert_lead(&t.db, &inside.credit_code, &inside.division_code, &inside.industry_code, "exceedance", 1_780_000_000).await;
    let far = insert_lead(&t.db, &outside.credit_code, &outside.division_code, &outside.industry_code, "exceedance", 1_780_000_000).await;
    let base = serve(&t.db, lantian::web::WebConfig { rate_limit: 0, ..Default::default() }).await;
    let Session { client: c, csrf } = login(&base, "city-environment").await;
    let get = |path: String| {
        let c = c.clone();
        let base = base.clone();
        async move {
            let r = c.get(format!("{base}{path}")).send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let (status, list) = get("/enforcement/leads".into()).await;
    assert_eq!(status, 200);
    assert!(list.contains(&format!("data-lead=\"{lead}\"")) && list.contains(&format!("data-lead=\"{far}\"")), "the city sees both");
    assert!(list.contains("<span class=\"v\">二氧化硫</span>连续 3 个有效小时均值超过排放限值"), "explanation in Chinese, the pollutant marked as data");
    let (_, filtered) = get(format!("/enforcement/leads?division={county}")).await;
    assert!(filtered.contains(&format!("data-lead=\"{lead}\"")) && !filtered.contains(&format!("data-lead=\"{far}\"")), "the division filter");
    let (_, en) = get(format!("/enforcement/leads/{lead}?lang=en")).await;
    assert!(en.contains("3 consecutive valid hourly means above the limit") && en.contains("decide-form"), "explanation in English, the form");
    assert!(en.contains(&format!("/monitoring/outlets/{}/DA001?pollutant=a21026&amp;view=day&amp;date=2026-05-29", inside.credit_code)), "the outlet at that time");
    get("/enforcement/leads?lang=zh".into()).await; // back to Chinese (the language is kept in a cookie)
    // The export is a workbook with both leads.
    let r = c.get(format!("{base}/enforcement/leads/export.xlsx")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"));

    // No reason: refused on the page, nothing written.
    let decide = |form: Vec<(&'static str, String)>| {
        let c = c.clone();
        let url = format!("{base}/enforcement/leads/{lead}/decide");
        let csrf = csrf.clone();
        async move {
            let mut form = form;
            form.push(("_csrf", csrf));
            let r = c.post(url).form(&form).send().await.unwrap();
            let status = r.status().as_u16();
            let location = r.headers().get("location").map(|v| v.to_str().unwrap().to_string());
            (status, location, r.text().await.unwrap())
        }
    };
    let (status, _, page) = decide(vec![("verdict", "verify".into()), ("reason", "".into()), ("target", "new:air_99".into())]).await;
    assert_eq!(status, 422);
    assert!(page.contains("请填写理由"), "the reason is asked for");
    assert_eq!(count(&t, "SELECT CAST(COUNT(*) AS BIGINT) FROM enforcement_cases").await, 0);
    // Verified: redirected to the new case.
    let (status, location, _) = decide(vec![("verdict", "verify".into()), ("reason", "现场核查属实".into()), ("target", "new:air_99".into())]).await;
    assert_eq!(status, 303);
    let case_path = location.unwrap();
    assert!(case_path.starts_with("/enforcement/cases/"));
    let (_, case_page) = get(case_path.clone()).await;
    assert!(case_page.contains("data-step=\"serve_notice\"") && case_page.contains("大气污染防治法"), "the next step's form and the basis");

    // Every step through the form, a document on the way.
    let step = |form: Vec<(&'static str, String)>| {
        let c = c.clone();
        let url = format!("{base}{case_path}/step");
        let csrf = csrf.clone();
        async move {
            let mut form = form;
            form.push(("_csrf", csrf));
            let r = c.post(url).form(&form).send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    assert_eq!(step(vec![("step", "serve_notice".into())]).await.0, 303);
    let doc = reqwest::multipart::Form::new().text("_csrf", csrf.clone()).text("kind", "notice").part("file", reqwest::multipart::Part::bytes(b"%PDF-1.4 notice".to_vec()).file_name("告知书.pdf"));
    assert_eq!(c.post(format!("{base}{case_path}/documents")).multipart(doc).send().await.unwrap().status(), 303);
    assert_eq!(step(vec![("step", "record_statement".into()), ("statement", "设备故障".into())]).await.0, 303);
    // A fine outside Art. 99's range: refused with the range named.
    let deadline = (today() + time::Duration::days(30)).to_string();
    let (status, page) = step(vec![("step", "decide".into()), ("decision", "penalty".into()), ("penalty_yuan", "50000".into()), ("rectify_by", deadline.clone())]).await;
    assert_eq!(status, 422);
    assert!(page.contains("罚款 50,000 元超出") && page.contains("100,000 元以上 1,000,000 元以下"), "the range");
    assert_eq!(step(vec![("step", "decide".into()), ("decision", "penalty".into()), ("penalty_yuan", "200000".into()), ("rectify_by", deadline)]).await.0, 303);
    assert_eq!(step(vec![("step", "confirm_rectified".into())]).await.0, 303);
    assert_eq!(step(vec![("step", "close".into())]).await.0, 303);
    let (_, closed) = get(format!("{case_path}?lang=en")).await;
    assert!(closed.contains("The case is closed.") && !closed.contains("id=\"step-form\"") && !closed.contains("document-upload"), "no forms once closed");
    assert!(closed.contains("200,000 yuan"));
    let doc_href = closed.split("href=\"").find(|s| s.contains("/documents/")).unwrap().split('"').next().unwrap().to_string();
    let r = c.get(format!("{base}{doc_href}")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"%PDF-1.4 notice");
    // The case list (with its export) and the dossier show it.
    let (_, cases) = get("/enforcement/cases?state=closed".into()).await;
    assert!(cases.contains(&format!("data-credit=\"{}\"", inside.credit_code)));
    assert_eq!(c.get(format!("{base}/enforcement/cases/export.xlsx")).send().await.unwrap().status(), 200);
    let enterprise = lantian::storage::ledger::enterprise_id_by_code(&t.db, &inside.credit_code).await.unwrap().unwrap();
    let (_, dossier) = get(format!("/enterprises/{enterprise}?lang=zh")).await;
    assert!(dossier.contains("dossier-enforcement-cases") && dossier.contains("dossier-leads") && dossier.contains("执法案件办理"), "the dossier's section and history");

    // A reader (industry bureau) sees the case without forms and may not decide; a county outside sees nothing.
    let reader = login(&base, "city-industry").await;
    let page = reader.client.get(format!("{base}/enforcement/leads/{far}")).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains("decide-form"));
    let r = reader.client.post(format!("{base}/enforcement/leads/{far}/decide")).form(&[("_csrf", reader.csrf.as_str()), ("verdict", "dismiss"), ("reason", "x")]).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let county_reader = login(&base, "county-market").await;
    assert_eq!(county_reader.client.get(format!("{base}/enforcement/leads/{lead}")).send().await.unwrap().status(), 200);
    assert_eq!(county_reader.client.get(format!("{base}/enforcement/leads/{far}")).send().await.unwrap().status(), 404);
    assert_eq!(county_reader.client.get(format!("{base}{case_path}")).send().await.unwrap().status(), 200);
    assert!(matches!(audit::verify(&t.db).await.unwrap(), audit::Verdict::Intact { .. }));
}
