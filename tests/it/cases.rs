//! Screening runs, catalogue versions and the exit workflow on both databases.

use lantian::auth::{Department, Role, Scope, Viewer};
use lantian::screening::workflow::{Action, StepInput};
use lantian::storage::audit::{self, Actor, Verdict};
use lantian::storage::cases::{self, CaseFilter};
use lantian::storage::{rules, runs};

use crate::both_backends;
use crate::support::*;

fn viewer(username: &str, role: Role, department: Option<Department>, scope: Scope) -> Viewer {
    Viewer { user_id: 0, username: username.into(), display_name: String::new(), role, department, scope, ip: "10.1.2.3".into() }
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\nphoto";

both_backends! {
    async fn a_case_walks_from_finding_to_publication(t: &TestDb) {
        load_demo_city(&t.db, 400, 1).await;
        let city = viewer("city", Role::Bureau, Some(Department::Industry), Scope::Divisions(vec!["612000".into()]));
        let outcome = lantian::screening::service::run(&t.db, &city.actor(), &city.scope).await.unwrap();
        assert!(outcome.result.findings.len() > 5, "the demo city has backward capacity");
        assert!(outcome.diff.is_none(), "first run");
        assert!(outcome.cases_opened > 0);
        // Every finding names its rule, facts, citation and outcome.
        for f in &outcome.result.findings {
            assert!(!f.facts.is_empty() && !f.citation.document.is_empty() && !f.outcome.is_empty(), "{f:?}");
        }
        // A second run with the same catalogue: nothing new, nothing resolved, no new cases.
        let again = lantian::screening::service::run(&t.db, &city.actor(), &city.scope).await.unwrap();
        let diff = again.diff.unwrap();
        assert!(diff.new.is_empty() && diff.resolved.is_empty());
        assert_eq!(diff.unchanged, again.result.findings.len());
        assert_eq!(again.cases_opened, 0);

        // Walk an eliminate-now case in county 612002 through to publication.
        let all = cases::list(&t.db, &Scope::All, &CaseFilter::default()).await.unwrap();
        let case = all.iter().find(|c| c.outcome == "eliminate_now" && c.division_code.starts_with("612002")).expect("an eliminate-now case in 612002");
        let county = viewer("county", Role::Bureau, Some(Department::Market), Scope::Divisions(vec!["612002".into()]));
        let other_county = viewer("other", Role::Bureau, Some(Department::Market), Scope::Divisions(vec!["612021".into()]));
        let step = |v: &Viewer, a: Action, input: StepInput| {
            let v = v.clone();
            let db = t.db.clone();
            let id = case.id;
            async move { cases::step(&db, &v, id, a, input).await }
        };
        assert!(matches!(step(&other_county, Action::Notify, StepInput::default()).await, Err(lantian::Error::NotFound(_))), "outside scope: as if missing");
        let refused = step(&county, Action::Publish, StepInput::default()).await.unwrap_err().message().render(lantian::i18n::Lang::En);
        assert!(refused.contains("not possible in state identified"), "{refused}");
        step(&county, Action::Notify, StepInput::default()).await.unwrap();
        let today = time::OffsetDateTime::now_utc().date();
        let c = step(&county, Action::OrderExit, StepInput { deadline: Some(today + time::Duration::days(30)), ..Default::default() }).await.unwrap();
        assert_eq!(c.state, "exit_ordered");
        assert!(c.deadline.is_some());
        step(&county, Action::CutUtilities, StepInput { note: "供电公司已断电".into(), ..Default::default() }).await.unwrap();
        step(&county, Action::RemoveDriveUnits, StepInput::default()).await.unwrap();
        step(&county, Action::Dismantle, StepInput::default()).await.unwrap();
        let acceptance = StepInput { opinion: "主体设备已拆除,不具备恢复生产条件,同意通过验收".into(), inspectors: vec!["王明".into(), "李华".into()], ..Default::default() };
        let no_photos = step(&county, Action::AcceptCounty, acceptance.clone()).await.unwrap_err().message().render(lantian::i18n::Lang::En);
        assert!(no_photos.contains("photos before, during and after"), "{no_photos}");
        for stage in ["before", "during", "after"] {
            cases::add_photo(&t.db, &county, case.id, stage, &format!("{stage}.png"), PNG).await.unwrap();
        }
        assert!(cases::add_photo(&t.db, &county, case.id, "after", "x.gif", b"GIF89a").await.is_err(), "only JPEG or PNG");
        assert!(step(&city, Action::AcceptCounty, acceptance.clone()).await.unwrap_err().message().render(lantian::i18n::Lang::En).contains("county-level"), "city staff do not sign county acceptance");
        // Whoever dismantled does not accept: another county account signs.
        let dismantler = step(&county, Action::AcceptCounty, acceptance.clone()).await.unwrap_err().message().render(lantian::i18n::Lang::En);
        assert!(dismantler.contains("must be signed by another account"), "{dismantler}");
        let county2 = viewer("county2", Role::Bureau, Some(Department::Emergency), Scope::Divisions(vec!["612002".into()]));
        step(&county2, Action::AcceptCounty, acceptance.clone()).await.unwrap();
        let both = step(&county2, Action::AcceptCity, acceptance.clone()).await.unwrap_err().message().render(lantian::i18n::Lang::En);
        assert!(both.contains("city-level") && both.contains("different account"), "every reason at once: {both}");
        step(&city, Action::AcceptCity, acceptance).await.unwrap();
        let c = step(&city, Action::Publish, StepInput::default()).await.unwrap();
        assert_eq!(c.state, "published");
        assert!(c.exited_on.is_some() && c.dismantled);

        // The public list has it; the events and the audit log hold every step; the dossier history too.
        let public = cases::public_list(&t.db, true).await.unwrap();
        assert!(public.iter().any(|p| p.id == case.id));
        // No evidence is added after publication.
        let late = cases::add_photo(&t.db, &county, case.id, "after", "late.png", PNG).await.unwrap_err().message().render(lantian::i18n::Lang::En);
        assert!(late.contains("after publication"), "{late}");
        let events = cases::events(&t.db, case.id).await.unwrap();
        assert_eq!(events.len(), 8, "notify, order exit, cut, remove drive units, dismantle, county, city, publish");
        assert_eq!(events.last().unwrap().to_state, "published");
        let enterprise_id = lantian::storage::ledger::enterprise_id_by_code(&t.db, &case.credit_code).await.unwrap().unwrap();
        let history = lantian::storage::ledger::history(&t.db, enterprise_id).await.unwrap();
        assert!(history.iter().filter(|h| h.action == "case_step").count() >= 8);
        assert!(matches!(audit::verify(&t.db).await.unwrap(), Verdict::Intact { .. }));

        // The statistical table counts it in this year's exits.
        let year = time::OffsetDateTime::now_utc().year();
        let all = cases::list(&t.db, &Scope::All, &CaseFilter::default()).await.unwrap();
        let bytes = lantian::excel::outputs::statistics_workbook("青岚市", year, &all, &|c: &str| c.to_string()).unwrap();
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let sheet = book.worksheet_range("退出情况统计表").unwrap();
        let cell = |r: u32, c: u32| sheet.get_value((r, c)).map(|v| v.to_string()).unwrap_or_default();
        assert_eq!(cell(0, 0), format!("青岚市{year}年落后产能退出情况统计表"));
        assert_eq!(cell(2, 0), "序号");
        assert_eq!(cell(2, 11), "退出方式");
        assert_eq!(cell(3, 2), case.enterprise_name);
        assert_eq!(cell(3, 11), "拆除");
        assert_eq!(cell(3, 13), "市县两级验收通过");
    }

    async fn one_case_per_enterprise_deadlines_forms_and_answers(t: &TestDb) {
        load_demo_city(&t.db, 400, 1).await;
        let admin = viewer("admin", Role::Admin, None, Scope::All);
        let outcome = lantian::screening::service::run(&t.db, &admin.actor(), &Scope::All).await.unwrap();
        let all = cases::list(&t.db, &Scope::All, &CaseFilter::default()).await.unwrap();
        // One case per enterprise of the run, carrying every workflow finding of it.
        let mut codes: Vec<&str> = all.iter().map(|c| c.credit_code.as_str()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), all.len(), "one case per enterprise and run");
        let workflow_findings = runs::findings(&t.db, outcome.run_id, &Scope::All).await.unwrap()
            .into_iter().filter(|f| cases::WORKFLOW_OUTCOMES.contains(&f.outcome.as_str())).count();
        let mut carried = 0;
        let mut largest = 0;
        for c in &all {
            let n = cases::findings(&t.db, c).await.unwrap().len();
            carried += n;
            largest = largest.max(n);
        }
        assert_eq!(carried, workflow_findings, "every finding is in exactly one case");
        assert!(largest > 1, "some enterprise has several findings in one case");

        // Deadlines: stated, never in the past, never a silent today.
        let case = all.iter().find(|c| c.outcome == "eliminate_now" && c.division_code.starts_with("612002") && c.rule_deadline.is_none()).expect("a case in 612002");
        let county = viewer("county", Role::Bureau, Some(Department::Market), Scope::Divisions(vec!["612002".into()]));
        let county2 = viewer("county2", Role::Bureau, Some(Department::Emergency), Scope::Divisions(vec!["612002".into()]));
        let city = viewer("city", Role::Bureau, Some(Department::Industry), Scope::Divisions(vec!["612000".into()]));
        cases::step(&t.db, &county, case.id, Action::Notify, StepInput::default()).await.unwrap();
        let blank = cases::step(&t.db, &county, case.id, Action::OrderExit, StepInput::default()).await.unwrap_err().message().render(lantian::i18n::Lang::En);
        assert!(blank.contains("give the exit deadline"), "{blank}");
        let past = StepInput { deadline: Some(time::macros::date!(2001 - 01 - 01)), ..Default::default() };
        assert!(cases::step(&t.db, &county, case.id, Action::OrderExit, past).await.unwrap_err().message().render(lantian::i18n::Lang::En).contains("before today"));
        let today = time::OffsetDateTime::now_utc().date();
        cases::step(&t.db, &county, case.id, Action::OrderExit, StepInput { deadline: Some(today), ..Default::default() }).await.unwrap();
        cases::step(&t.db, &county, case.id, Action::Dismantle, StepInput::default()).await.unwrap();

        // Forms only for those who may use them.
        let c = cases::get(&t.db, &Scope::All, case.id).await.unwrap();
        assert!(!cases::actions_for(&t.db, &county, &c).await.unwrap().contains(&Action::AcceptCounty), "not the dismantler");
        assert!(!cases::actions_for(&t.db, &city, &c).await.unwrap().contains(&Action::AcceptCounty), "not the city");
        assert!(cases::actions_for(&t.db, &county2, &c).await.unwrap().contains(&Action::AcceptCounty));
        let grid = viewer("grid", Role::Grid, None, Scope::Divisions(vec!["612002".into()]));
        assert!(cases::actions_for(&t.db, &grid, &c).await.unwrap().is_empty());
        // All form errors at once.
        let everything = cases::step(&t.db, &county2, case.id, Action::AcceptCounty, StepInput::default()).await.unwrap_err().message().render(lantian::i18n::Lang::En);
        assert!(everything.contains("two inspectors") && everything.contains("acceptance opinion") && everything.contains("photos"), "{everything}");
        assert_eq!(cases::events(&t.db, case.id).await.unwrap().len(), 3, "refused steps change nothing");

        // The enterprise opens its case and answers the notice; the bureau sees it and takes it into the record.
        let other_case = all.iter().find(|c| c.id != case.id && c.state == "identified").unwrap();
        let company = viewer("company", Role::Enterprise, None, Scope::Enterprise(other_case.credit_code.clone()));
        assert!(matches!(cases::get(&t.db, &company.scope, case.id).await, Err(lantian::Error::NotFound(_))), "only its own cases");
        let early = lantian::storage::submissions::submit_case_answer(&t.db, &company, other_case.id, "我们已停产").await.unwrap_err().message().render(lantian::i18n::Lang::En);
        assert!(early.contains("not been notified"), "{early}");
        cases::step(&t.db, &admin, other_case.id, Action::Notify, StepInput::default()).await.unwrap();
        assert!(lantian::storage::submissions::submit_case_answer(&t.db, &company, other_case.id, "  ").await.is_err());
        let answer = lantian::storage::submissions::submit_case_answer(&t.db, &company, other_case.id, "已于本月停产,设备拆除计划见附件").await.unwrap();
        assert!(matches!(lantian::storage::submissions::submit_case_answer(&t.db, &company, case.id, "x").await, Err(lantian::Error::NotFound(_))));
        let seen = lantian::storage::submissions::for_case(&t.db, other_case.id).await.unwrap();
        assert_eq!((seen.len(), seen[0].state), (1, lantian::submissions::State::Pending));
        lantian::storage::submissions::decide(&t.db, &admin, answer, lantian::submissions::Decision::Accept).await.unwrap();
        let events = cases::events(&t.db, other_case.id).await.unwrap();
        let last = events.last().unwrap();
        assert_eq!((last.action.as_str(), last.actor.as_str()), ("enterprise_answer", "company"));
        assert_eq!(last.detail["text"], "已于本月停产,设备拆除计划见附件");
    }

    async fn rectification_deadlines_extensions_and_overdue_exports(t: &TestDb) {
        load_demo_city(&t.db, 400, 1).await;
        let admin = viewer("admin", Role::Admin, None, Scope::All);
        lantian::screening::service::run(&t.db, &admin.actor(), &Scope::All).await.unwrap();
        let all = cases::list(&t.db, &Scope::All, &CaseFilter::default()).await.unwrap();
        let case = all.iter().find(|c| c.outcome == "rectify").expect("a rectification case");
        let long_ago = time::macros::date!(2025 - 01 - 10);
        let on = |d| StepInput { date: Some(d), ..Default::default() };
        cases::step(&t.db, &admin, case.id, Action::Notify, on(long_ago)).await.unwrap();
        let c = cases::step(&t.db, &admin, case.id, Action::StartRectification, on(long_ago)).await.unwrap();
        assert_eq!(c.deadline.as_deref(), Some("2025-07-10"));
        let too_long = StepInput { months: Some(4), ..Default::default() };
        assert!(cases::step(&t.db, &admin, case.id, Action::RequestExtension, too_long).await.is_err());
        cases::step(&t.db, &admin, case.id, Action::RequestExtension, StepInput { months: Some(3), ..Default::default() }).await.unwrap();
        let c = cases::step(&t.db, &admin, case.id, Action::GrantExtension, StepInput::default()).await.unwrap();
        assert_eq!(c.deadline.as_deref(), Some("2025-10-10"));
        assert!(cases::step(&t.db, &admin, case.id, Action::RequestExtension, StepInput { months: Some(1), ..Default::default() }).await.unwrap_err().message().render(lantian::i18n::Lang::En).contains("already been used"));
        // Past its deadline: on the overdue list and in the credit platform export.
        let overdue = cases::list(&t.db, &Scope::All, &CaseFilter { overdue: Some(true), ..Default::default() }).await.unwrap();
        assert_eq!(overdue.len(), 1);
        let records = lantian::excel::outputs::credit_records(&overdue, time::OffsetDateTime::now_utc().date());
        assert_eq!(records[0].credit_code, case.credit_code);
        assert!(records[0].days_overdue > 30);
        assert!(records[0].obligation.starts_with("限期整改"));
        let csv = String::from_utf8(lantian::excel::outputs::credit_csv(&records)).unwrap();
        assert!(csv.contains("统一社会信用代码") && csv.contains(&case.credit_code));
        // Rectifying enterprises are on the public rectification list.
        assert!(cases::public_list(&t.db, false).await.unwrap().iter().any(|p| p.id == case.id));
    }

    async fn catalogue_versions_are_kept_and_a_bad_edit_changes_nothing(t: &TestDb) {
        load_demo_city(&t.db, 200, 1).await;
        let actor = Actor::system();
        let first = rules::in_force(&t.db).await.unwrap();
        assert_eq!(rules::versions(&t.db).await.unwrap().len(), 1);
        // A syntax error is refused with file and line; the version in force stays.
        let bad = rules::save_file(&t.db, &actor, &Scope::All, "local.toml", "[[rule]]\nid = \"x\"\ndimension = \n", "bad").await.unwrap_err().message().render(lantian::i18n::Lang::En);
        assert!(bad.contains("local.toml:3"), "{bad}");
        assert_eq!(rules::in_force(&t.db).await.unwrap().catalogue.version, first.catalogue.version);
        // Change a threshold: the cement mill rule's 3 m becomes 3.2 m (a local tightening); its examples still hold.
        let (name, text) = first.files.iter().find(|(n, _)| n == "cement.toml").unwrap().clone();
        assert!(text.contains("condition = 'capacity < 3.0'"));
        rules::save_file(&t.db, &actor, &Scope::All, &name, &text.replace("condition = 'capacity < 3.0'", "condition = 'capacity < 3.2'"), "tighten").await.unwrap();
        let tightened = rules::in_force(&t.db).await.unwrap();
        assert_eq!(tightened.catalogue.rules.iter().find(|r| r.id == "elim-2024-cement-mill-small").unwrap().condition, "capacity < 3.2");
        // A threshold that contradicts the rule's own examples is refused.
        let wrong = rules::save_file(&t.db, &actor, &Scope::All, &name, &text.replace("condition = 'capacity < 3.0'", "condition = 'capacity < 2.0'"), "wrong").await;
        assert!(wrong.unwrap_err().message().render(lantian::i18n::Lang::En).contains("example 1 expects true"), "examples guard thresholds");
        // Retire a rule: a new version, the rule no longer screens, the old versions stay.
        let id = rules::retire(&t.db, &actor, &Scope::All, "elim-2024-cement-shaft-kiln", "2026-11-23").await.unwrap();
        let now = rules::in_force(&t.db).await.unwrap();
        assert_eq!(now.id, id);
        assert_ne!(now.catalogue.version, first.catalogue.version);
        assert!(now.catalogue.rules.iter().all(|r| r.id != "elim-2024-cement-shaft-kiln"));
        assert_eq!(now.catalogue.retired, 1);
        assert!(rules::versions(&t.db).await.unwrap().len() >= 2);
        // A screening records the version it used.
        let out = lantian::screening::service::run(&t.db, &actor, &Scope::All).await.unwrap();
        assert_eq!(runs::run(&t.db, out.run_id).await.unwrap().catalogue_version, now.catalogue.version);
    }
}

both_backends! {
    async fn the_database_and_an_in_memory_ledger_give_the_same_facts(t: &TestDb) {
        let city = load_demo_city(&t.db, 150, 8).await;
        let from_db = lantian::storage::screening::subjects(&t.db).await.unwrap();
        let year = time::OffsetDateTime::now_utc().year() as i64;
        let in_memory = lantian::screening::subjects::from_bundles(&city.bundles, year);
        assert_eq!(from_db.len(), in_memory.len());
        for (a, b) in from_db.iter().zip(&in_memory) {
            assert_eq!(a.credit_code, b.credit_code);
            assert_eq!(format!("{:?}", a.facts), format!("{:?}", b.facts), "{}", a.credit_code);
            let facts = |s: &lantian::screening::engine::Subject| s.equipment.iter().map(|q| format!("{}{:?}", q.name, q.facts)).collect::<Vec<_>>();
            assert_eq!(facts(a), facts(b), "{}", a.credit_code);
        }
        // And the engine finds the same in both.
        let catalogue = lantian::screening::load_embedded().unwrap();
        let x = lantian::screening::engine::screen(&catalogue, &from_db);
        let y = lantian::screening::engine::screen(&catalogue, &in_memory);
        assert_eq!(x.findings.len(), y.findings.len());
        assert_eq!(x.undecided.len(), y.undecided.len());
    }
}
