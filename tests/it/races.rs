//! Parallel requests on one record (issue 17 item 7), on both databases: contradictory steps
//! on one exit case, two catalogue edits from one version, parallel wrong passwords.

use lantian::auth::{Department, Role, Scope, Viewer};
use lantian::screening::workflow::{Action, StepInput};
use lantian::storage::accounts::{self, LoginOutcome, MAX_FAILED_LOGINS};
use lantian::storage::audit::Actor;
use lantian::storage::cases::{self, CaseFilter};
use lantian::storage::rules;

use crate::both_backends;
use crate::support::*;

fn viewer(username: &str) -> Viewer {
    Viewer {
        user_id: 0,
        username: username.into(),
        display_name: String::new(),
        role: Role::Bureau,
        department: Some(Department::Market),
        scope: Scope::Divisions(vec!["612000".into()]),
        ip: "10.1.2.3".into(),
    }
}

both_backends! {
    async fn contradictory_parallel_steps_on_one_case_leave_one_transition(t: &TestDb) {
        load_demo_city(&t.db, 400, 1).await;
        let city = viewer("city");
        lantian::screening::service::run(&t.db, &city.actor(), &city.scope).await.unwrap();
        let all = cases::list(&t.db, &Scope::All, &CaseFilter::default()).await.unwrap();
        let case = all.iter().find(|c| c.state == "identified" && c.outcome == "eliminate_now").expect("an eliminate-now case").clone();
        cases::step(&t.db, &city, case.id, Action::Notify, StepInput::default()).await.unwrap();
        // Eight officers at once: four order the exit, four start a rectification.
        let today = time::OffsetDateTime::now_utc().date();
        let mut tasks = Vec::new();
        for i in 0..8 {
            let (db, v) = (t.db.clone(), viewer(&format!("officer{i}")));
            let (action, input) = if i % 2 == 0 {
                (Action::OrderExit, StepInput { deadline: Some(today + time::Duration::days(30)), ..Default::default() })
            } else {
                (Action::StartRectification, StepInput { deadline: Some(today + time::Duration::days(60)), ..Default::default() })
            };
            tasks.push(tokio::spawn(async move { cases::step(&db, &v, case.id, action, input).await }));
        }
        let mut ok = 0;
        for task in tasks {
            match task.await.unwrap() {
                Ok(_) => ok += 1,
                Err(lantian::Error::Conflict(m)) => assert!(m.render(lantian::i18n::Lang::En).contains("changed by someone else")),
                Err(lantian::Error::Invalid(_)) => {} // checked after the winner committed: refused by the state machine
                Err(e) => panic!("unexpected {e}"),
            }
        }
        assert_eq!(ok, 1, "exactly one transition wins");
        let events = cases::events(&t.db, case.id).await.unwrap();
        let after_notify: Vec<_> = events.iter().filter(|e| e.action != "notify" && e.action != "open").collect();
        assert_eq!(after_notify.len(), 1, "{events:?}");
        let now = cases::get(&t.db, &Scope::All, case.id).await.unwrap();
        assert_eq!(now.state, after_notify[0].to_state, "the record and its history agree");
        // One audit entry per step that happened, and the chain holds.
        let steps: i64 = sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE action = 'case_step' AND entity_id = $1")
            .bind(case.id.to_string())
            .fetch_one(&t.db.pool)
            .await
            .unwrap();
        assert_eq!(steps, 2);
        assert!(matches!(lantian::storage::audit::verify(&t.db).await.unwrap(), lantian::storage::audit::Verdict::Intact { .. }));
    }

    async fn two_retirements_from_one_version_both_count(t: &TestDb) {
        let current = rules::in_force(&t.db).await.unwrap();
        let ids: Vec<String> = current.catalogue.rules.iter().take(4).map(|r| r.id.clone()).collect();
        let mut tasks = Vec::new();
        for id in ids.clone() {
            let db = t.db.clone();
            tasks.push(tokio::spawn(async move { rules::retire(&db, &Actor::cli(), &Scope::All, &id, "2026-12-01").await }));
        }
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        let after = rules::in_force(&t.db).await.unwrap();
        for id in &ids {
            assert!(!after.catalogue.rules.iter().any(|r| &r.id == id), "{id} lost its retirement");
        }
        assert_eq!(after.catalogue.retired, current.catalogue.retired + ids.len());
        // A stale edit is refused, nothing stored.
        let versions = rules::versions(&t.db).await.unwrap().len();
        let refused = rules::save_on(&t.db, &Actor::cli(), current.files.clone(), "stale", Some(current.id)).await;
        assert!(matches!(refused, Err(lantian::Error::Conflict(_))), "{refused:?}");
        assert_eq!(rules::versions(&t.db).await.unwrap().len(), versions);
    }

    async fn parallel_wrong_passwords_each_count(t: &TestDb) {
        load_demo_city(&t.db, 8, 5).await;
        let parallel = |name: &'static str, n: i64| {
            let db = t.db.clone();
            async move {
                let tasks: Vec<_> = (0..n)
                    .map(|_| {
                        let db = db.clone();
                        tokio::spawn(async move { accounts::login(&db, name, "Wrong-Pass-2026", "10.1.2.3", None).await.unwrap() })
                    })
                    .collect();
                let mut locked = 0;
                for task in tasks {
                    locked += matches!(task.await.unwrap(), LoginOutcome::Locked { .. }) as i64;
                }
                locked
            }
        };
        for name in ["township", "no-such-user"] {
            // One short of the lock at once: none locked; the next one locks.
            assert_eq!(parallel(name, MAX_FAILED_LOGINS - 1).await, 0, "{name}");
            assert_eq!(parallel(name, 1).await, 1, "{name}: the {MAX_FAILED_LOGINS}th failure locks");
            let password = lantian::demo::accounts::DEMO_PASSWORD;
            assert!(matches!(accounts::login(&t.db, name, password, "10.1.2.3", None).await.unwrap(), LoginOutcome::Locked { .. }));
        }
        // Nine at once on a fresh account: locked after five, not after twenty-seven.
        assert!(parallel("grid", 9).await >= 1, "nine parallel failures lock the account");
    }
}

both_backends! {
    async fn a_county_edits_only_the_rules_of_its_county(t: &TestDb) {
        let county = Scope::Divisions(vec!["610102".into()]);
        let before = rules::in_force(&t.db).await.unwrap();
        let national = before.catalogue.rules.iter().find(|r| r.jurisdiction.is_none()).unwrap().id.clone();
        // Retiring a national rule: refused (403), nothing stored.
        let refused = rules::retire(&t.db, &Actor::cli(), &county, &national, "2026-12-01").await;
        assert!(matches!(&refused, Err(lantian::Error::Forbidden(m)) if m.render(lantian::i18n::Lang::En).contains(&national)), "{refused:?}");
        let local = |id: &str, j: &str| {
            let (name, text) = before.files.iter().find(|(n, _)| n == "cement.toml").unwrap().clone();
            // A copy of the file's first rule under another id, made local.
            let first = text.split("[[rule]]").nth(1).unwrap();
            let old_id = first.lines().find(|l| l.trim_start().starts_with("id")).unwrap().to_string();
            let copy = first.replacen(&old_id, &format!("id = \"{id}\"\njurisdiction = \"{j}\""), 1);
            (name, format!("{text}\n[[rule]]{copy}"))
        };
        // A rule for the whole province written by the county: refused.
        let (name, text) = local("county-widened", "610000");
        assert!(matches!(rules::save_file(&t.db, &Actor::cli(), &county, &name, &text, "x").await, Err(lantian::Error::Forbidden(_))));
        assert_eq!(rules::in_force(&t.db).await.unwrap().id, before.id);
        // Its own local rule: stored; and it may retire it.
        let (name, text) = local("county-own", "610102");
        rules::save_file(&t.db, &Actor::cli(), &county, &name, &text, "local").await.unwrap();
        rules::retire(&t.db, &Actor::cli(), &county, "county-own", "2026-12-01").await.unwrap();
        // Another county cannot touch it.
        let (name, text) = local("other-own", "610103");
        assert!(matches!(rules::save_file(&t.db, &Actor::cli(), &county, &name, &text, "x").await, Err(lantian::Error::Forbidden(_))));
        // The platform (administrator, CLI) may retire the national rule.
        rules::retire(&t.db, &Actor::cli(), &Scope::All, &national, "2026-12-01").await.unwrap();
    }
}
