//! Work plans on both databases: the demo organisation and pilot plan, target progress
//! against hand-worked examples (an intensity target from two years of ledger figures, a
//! count target from exit cases), monthly reports around the due day, the refusals, the
//! supervision ladder, the year-end report read back from its .docx, and the web flow.

use lantian::plans::due::{self, Timeliness};
use lantian::plans::progress::TargetState;
use lantian::storage::audit::{self, Actor, Verdict};
use lantian::storage::plans::{self as store, Attachment, NewPlan, NewTarget, NewUnit, ReportItem};
use time::macros::date;

use crate::both_backends;
use crate::support::*;

fn unit(name: &str, short: &str, kind: &str, department: &str, division: &str) -> NewUnit {
    NewUnit { name: name.into(), short_name: short.into(), kind: kind.into(), department: department.into(), division_code: division.into(), parent: None }
}

/// Three units, a plan over 2026 in the demo city, two tasks. Returns (plan, lead, b, c, task of b, task of c).
async fn fixture(db: &lantian::storage::Db) -> (lantian::plans::Plan, i64, i64, i64, i64, i64) {
    let city = lantian::demo::generate(10, 4);
    load_demo_divisions(db, &city).await;
    let a = Actor::system();
    store::add_units(db, &a, &[unit("甲局", "甲", "bureau", "industry", "612000"), unit("乙局", "乙", "bureau", "environment", "612000"), unit("丙区政府", "丙", "government", "", "612002")])
        .await
        .unwrap();
    let names = store::unit_names(db).await.unwrap();
    let (lead, b, c) = (names["甲局"], names["乙局"], names["丙区政府"]);
    let id = store::create_plan(
        db,
        &a,
        &NewPlan {
            title: "测试方案".into(),
            issuer: "测试市人民政府".into(),
            doc_number: "测政发〔2026〕1号".into(),
            division_code: "612000".into(),
            lead_unit_id: lead,
            start_date: "2026-01-01".into(),
            end_date: "2026-12-31".into(),
            due_day: 25,
        },
    )
    .await
    .unwrap();
    let plan = store::plan(db, &Scope::All, id).await.unwrap();
    let header = lantian::plans::import::COLUMNS.iter().map(|c| c.0.to_string()).collect::<Vec<_>>();
    let rows = vec![
        header,
        ["1", "乙的任务", "措施", "2026-04-30", "甲局", "乙", ""].map(String::from).to_vec(),
        ["2", "丙的任务", "", "2026年2月底前", "甲", "丙区政府", "乙局"].map(String::from).to_vec(),
    ];
    let parsed = lantian::plans::import::parse_rows(&rows, &names, store::plan_period(&plan).unwrap()).unwrap();
    assert_eq!(store::import_tasks(db, &a, id, &parsed).await.unwrap(), (2, 0));
    let tasks = store::tasks(db, id).await.unwrap();
    (plan, lead, b, c, tasks[0].id, tasks[1].id)
}

async fn count(db: &lantian::storage::Db, table: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(&format!("SELECT CAST(COUNT(*) AS BIGINT) FROM {table}")).fetch_one(&db.pool).await.unwrap()
}

fn item(task: i64, state: &str) -> ReportItem {
    ReportItem { task_id: Some(task), target_id: None, task_state: state.into(), value: None, progress: "进展".into() }
}

both_backends! {
    async fn the_demo_city_carries_the_pilot_plan(t: &TestDb) {
        load_demo_city(&t.db, 300, 3).await;
        let today = date!(2026 - 12 - 02);
        let plan_id = lantian::demo::plans::load(&t.db, today).await.unwrap();
        let units = store::units(&t.db).await.unwrap();
        assert!(units.len() >= 20, "{}", units.len());
        // Existing accounts map onto units.
        let users: Vec<(String, Option<i64>)> = sqlx::query_as("SELECT username, unit_id FROM users ORDER BY username").fetch_all(&t.db.pool).await.unwrap();
        let unit_of = |u: &str| users.iter().find(|x| x.0 == u).and_then(|x| x.1).and_then(|id| units.iter().find(|n| n.id == id)).map(|n| n.name.clone());
        assert_eq!(unit_of("city-industry").as_deref(), Some("青岚市工业和信息化局"));
        assert_eq!(unit_of("county-market").as_deref(), Some("青城区市场监督管理局"));
        assert!(unit_of("township").is_some_and(|n| n.ends_with("办事处") || n.ends_with("人民政府")));
        assert_eq!(unit_of("grid"), unit_of("township"), "grid inspectors belong to their township");
        assert_eq!(unit_of("admin"), None);
        let plan = store::plan(&t.db, &Scope::All, plan_id).await.unwrap();
        assert_eq!(store::tasks(&t.db, plan_id).await.unwrap().len(), 14);
        let statuses = store::target_statuses(&t.db, &plan, 2026).await.unwrap();
        let target = |code: &str| statuses.iter().find(|s| s.target.code == code).unwrap();
        assert_eq!(target("E1").target.target_value, 12.7);
        assert_eq!(target("W1").target.target_value, 25.0);
        assert_eq!(target("B1").target.milestones.get(&2024), Some(&238.0));
        assert_eq!(target("B1").target.target_value, 1298.0);
        assert!(target("B1").assessment.current.unwrap() > 0.0, "retrofitted boilers counted from the ledger");
        assert_eq!(target("G1").target.target_value, 80.0);
        assert_eq!(target("N1").assessment.current, Some(20.9), "reported by the development and reform commission");
        let projects = store::projects(&t.db, plan_id).await.unwrap();
        assert_eq!(projects.len(), 66);
        assert!((projects.iter().map(|p| p.investment_10k).sum::<f64>() - 2_620_000.0).abs() < 1e-6, "26.2 billion yuan");
        // Last month: everyone but the transport bureau filed; supervision followed.
        let filed = store::reports(&t.db, plan_id, "2026-11").await.unwrap();
        let transport = store::find_unit(&t.db, "市交通运输局").await.unwrap();
        assert!(!filed.is_empty() && filed.iter().all(|r| r.unit_id != transport.id && r.state == "accepted"));
        let notices = store::notices(&t.db, plan_id).await.unwrap();
        assert!(notices.iter().any(|n| n.unit_id == transport.id && n.subject == "report:2026-11" && n.level == "reminder"), "{notices:?}");
        assert!(notices.iter().any(|n| n.subject.starts_with("task:")), "overdue tasks get notices");
        assert!(matches!(audit::verify(&t.db).await.unwrap(), Verdict::Intact { .. }));
        // The year-end report is generated from data and reads back from the .docx.
        let industry = store::find_unit(&t.db, lantian::demo::plans::INDUSTRY_BUREAU).await.unwrap();
        let facts = store::annual_facts(&t.db, &industry, 2026).await.unwrap();
        let report = lantian::plans::annual::build(&facts);
        let xml = docx_text(&lantian::plans::annual::to_docx(&report, "").unwrap());
        assert!(xml.contains("青岚市工业和信息化局2026年生态环境保护责任落实情况"), "title");
        assert!(xml.contains(&format!("A级、B级企业{}家", facts.ab_grade)));
        assert!(xml.contains(&format!("燃气锅炉低氮燃烧改造{}台", facts.low_nox_boilers)));
        assert!(xml.contains("重点项目库共66个项目"));
        assert!(xml.contains("单位增加值能耗"));
    }

    async fn an_intensity_target_from_two_years_of_ledger_figures(t: &TestDb) {
        let city = lantian::demo::generate(10, 4);
        load_demo_divisions(&t.db, &city).await;
        // Two enterprises above designated size: 2024 (600 + 400) tce over (6,000 + 4,000) = 0.1;
        // 2025 (560 + 400) over (6,500 + 4,500) = 0.087272… → −12.727 %. A third, below size, is left out.
        let mut bundles: Vec<_> = city.bundles.into_iter().take(3).collect();
        let figures = [((600.0, 6000.0), (560.0, 6500.0)), ((400.0, 4000.0), (400.0, 4500.0)), ((9e6, 1.0), (1.0, 9e6))];
        for (b, (y24, y25)) in bundles.iter_mut().zip(figures) {
            b.enterprise.above_scale = true;
            b.enterprise.division_code = "612002".into();
            b.enterprise.env_grade = "B".into();
            b.yearly = vec![
                lantian::ledger::model::YearlyFigures { year: 2024, energy_tce: Some(y24.0), water_m3: Some(y24.0 * 10.0), value_added_10k_yuan: Some(y24.1) },
                lantian::ledger::model::YearlyFigures { year: 2025, energy_tce: Some(y25.0), water_m3: Some(y25.0 * 8.0), value_added_10k_yuan: Some(y25.1) },
            ];
        }
        bundles[2].enterprise.above_scale = false;
        let parsed = lantian::excel::ParsedLedger { rows: (2..2 + bundles.len()).collect(), bundles };
        lantian::storage::ledger::import(&t.db, parsed, &Actor::system(), lantian::storage::ledger::ImportMode::Insert, false, |_, _| {}).await.unwrap();
        let a = Actor::system();
        store::add_units(&t.db, &a, &[unit("市工信局", "", "bureau", "industry", "612000")]).await.unwrap();
        let lead = store::find_unit(&t.db, "市工信局").await.unwrap().id;
        let plan_id = store::create_plan(&t.db, &a, &NewPlan {
            title: "节能".into(), issuer: "市政府".into(), doc_number: String::new(), division_code: "612000".into(), lead_unit_id: lead,
            start_date: "2024-01-01".into(), end_date: "2026-12-31".into(), due_day: 25,
        }).await.unwrap();
        let plan = store::plan(&t.db, &Scope::All, plan_id).await.unwrap();
        let new = |code: &str, kind: &str, direction: &str, baseline: Option<(i32, f64)>, goal: (i32, f64), source: &str| NewTarget {
            code: code.into(), indicator: code.into(), measure_unit: "%".into(), kind: kind.into(), direction: direction.into(),
            baseline_year: baseline.map(|b| b.0), baseline_value: baseline.map(|b| b.1), target_year: goal.0, target_value: goal.1,
            milestones: Default::default(), source: source.into(), unit_id: lead,
        };
        let e = store::add_target(&t.db, &a, plan_id, &new("E1", "change_pct", "decrease", Some((2024, 0.0)), (2025, 12.7), "ledger_energy_intensity")).await.unwrap();
        // A target without a baseline, or an intensity source on a level target, is refused and nothing is written.
        let before = count(&t.db, "targets").await;
        let err = store::add_target(&t.db, &a, plan_id, &new("E2", "change_pct", "decrease", None, (2025, 10.0), "ledger_energy_intensity")).await.unwrap_err();
        assert!(err.render(lantian::i18n::Lang::Zh).contains("基准"), "{err}");
        assert!(store::add_target(&t.db, &a, plan_id, &new("E3", "level", "decrease", Some((2024, 1.0)), (2025, 0.5), "ledger_energy_intensity")).await.is_err());
        assert_eq!(count(&t.db, "targets").await, before);
        let targets = store::targets(&t.db, plan_id).await.unwrap();
        let s = store::target_status(&t.db, &plan, targets.iter().find(|x| x.id == e).unwrap(), 2026).await.unwrap();
        assert_eq!(s.assessment.year, 2025);
        let change = s.assessment.current.unwrap();
        assert!((change - -12.727272727).abs() < 1e-6, "{change}");
        assert_eq!(s.assessment.state, TargetState::OnTrack);
        assert!(s.detail.contains("2024: 0.1000") && s.detail.contains("2025: 0.0873"), "{}", s.detail);

        // A count target from exit cases: 3 exited of 4 cases; 6 needed by 2026 from 0 in 2024.
        for (i, exited) in [Some("2025-03-01"), Some("2025-06-01"), None, Some("2026-01-15")].iter().enumerate() {
            sqlx::query("INSERT INTO cases (finding_key, credit_code, enterprise_name, division_code, industry_code, rule_id, title, dimension, outcome, explanation, state, exited_on, dismantled, opened_at, updated_at)
                         VALUES ($1, 'x', '企业', '612002', '3011', 'r', '测试', 'technology', 'eliminate_now', '测试', 'sealed', $2, $3, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')")
                .bind(format!("k{i}")).bind(*exited).bind(i64::from(i == 1)).execute(&t.db.pool).await.unwrap();
        }
        let x = store::add_target(&t.db, &a, plan_id, &new("X1", "level", "increase", Some((2024, 0.0)), (2026, 6.0), "exit_cases")).await.unwrap();
        let xt = store::targets(&t.db, plan_id).await.unwrap().into_iter().find(|t| t.id == x).unwrap();
        let in_2025 = store::target_status(&t.db, &plan, &xt, 2025).await.unwrap().assessment;
        assert_eq!((in_2025.current, in_2025.required, in_2025.state), (Some(3.0), 3.0, TargetState::OnTrack));
        let in_2026 = store::target_status(&t.db, &plan, &xt, 2026).await.unwrap().assessment;
        assert_eq!((in_2026.required, in_2026.share, in_2026.state), (6.0, Some(0.5), TargetState::Behind));
        let g = store::add_target(&t.db, &a, plan_id, &new("G1", "level", "increase", Some((2024, 0.0)), (2026, 2.0), "ledger_ab_grade")).await.unwrap();
        let gt = store::targets(&t.db, plan_id).await.unwrap().into_iter().find(|t| t.id == g).unwrap();
        assert_eq!(store::target_status(&t.db, &plan, &gt, 2026).await.unwrap().assessment.current, Some(3.0));

        // The year-end report states the same figures.
        let industry = store::find_unit(&t.db, "市工信局").await.unwrap();
        let facts = store::annual_facts(&t.db, &industry, 2025).await.unwrap();
        assert_eq!((facts.exits_in_year, facts.exits_dismantled, facts.exits_sealed, facts.cases_open), (2, 1, 1, 1));
        let xml = docx_text(&lantian::plans::annual::to_docx(&lantian::plans::annual::build(&facts), "").unwrap());
        assert!(xml.contains("规上工业企业单位增加值能耗下降12.7%(目标下降12.7%,较2024年),完成年度目标任务"), "{xml}");
        assert!(xml.contains("退出落后产能2项,其中封存1项、拆除1项"), "{xml}");
        assert!(xml.contains("A级、B级企业3家"));
    }

    async fn monthly_reports_review_and_supervision(t: &TestDb) {
        let (plan, lead, b, c, task_b, task_c) = fixture(&t.db).await;
        let a = Actor::system();
        // On the 25th: on time; the 26th: late; February's due day is the 25th too.
        let due_march = due::due_date(2026, time::Month::March, plan.due_day).unwrap();
        let rb = store::file_report(&t.db, &a, &plan, b, "2026-03", date!(2026 - 03 - 25), "", &[item(task_b, "in_progress")], &[]).await.unwrap();
        let rc = store::file_report(&t.db, &a, &plan, c, "2026-03", date!(2026 - 03 - 26), "", &[item(task_c, "completed")], &[
            Attachment { file_name: "现场照片.png".into(), bytes: b"\x89PNG\r\n\x1a\nimage".to_vec() },
        ]).await.unwrap();
        let reports = store::reports(&t.db, plan.id, "2026-03").await.unwrap();
        let on = |id: i64| due::parse_day(&reports.iter().find(|r| r.id == id).unwrap().submitted_on);
        assert_eq!(due::timeliness(due_march, on(rb), date!(2026 - 04 - 01)), Timeliness::OnTime);
        assert_eq!(due::timeliness(due_march, on(rc), date!(2026 - 04 - 01)), Timeliness::Late);
        assert_eq!(reports.iter().find(|r| r.id == rc).unwrap().files.len(), 1);

        // Refusals write nothing: a task the unit is not responsible for, a file type not allowed,
        // a month outside the plan.
        let (reports_before, items_before, audit_before) = (count(&t.db, "plan_reports").await, count(&t.db, "plan_report_items").await, count(&t.db, "audit_log").await);
        let e = store::file_report(&t.db, &a, &plan, b, "2026-04", date!(2026 - 04 - 02), "", &[item(task_c, "completed")], &[]).await.unwrap_err();
        assert!(e.render(lantian::i18n::Lang::Zh).contains("不是任务 2「丙的任务」的牵头或责任单位"), "{e}");
        let e = store::file_report(&t.db, &a, &plan, b, "2026-04", date!(2026 - 04 - 02), "", &[item(task_b, "in_progress")], &[
            Attachment { file_name: "run.exe".into(), bytes: b"MZ\x90\x00".to_vec() },
        ]).await.unwrap_err();
        assert!(e.render(lantian::i18n::Lang::Zh).contains("run.exe"), "{e}");
        let e = store::file_report(&t.db, &a, &plan, b, "2025-12", date!(2026 - 01 - 02), "", &[], &[]).await.unwrap_err();
        assert!(e.render(lantian::i18n::Lang::Zh).contains("不在方案期限内"), "{e}");
        let e = store::file_report(&t.db, &a, &plan, b, "2026-04", date!(2026 - 04 - 02), "", &[item(task_b, "finished")], &[]).await.unwrap_err();
        assert!(e.render(lantian::i18n::Lang::Zh).contains("状态"), "{e}");
        assert_eq!((count(&t.db, "plan_reports").await, count(&t.db, "plan_report_items").await, count(&t.db, "audit_log").await), (reports_before, items_before, audit_before));

        // The lead unit returns one (a reason is required) and accepts the other; the task follows.
        assert!(store::review_report(&t.db, &a, plan.id, rb, false, " ").await.is_err());
        store::review_report(&t.db, &a, plan.id, rb, false, "请补充照片").await.unwrap();
        store::review_report(&t.db, &a, plan.id, rc, true, "").await.unwrap();
        let tasks = store::tasks(&t.db, plan.id).await.unwrap();
        assert_eq!(tasks.iter().find(|x| x.id == task_c).unwrap().state, "completed");
        assert_eq!(tasks.iter().find(|x| x.id == task_b).unwrap().state, "not_started", "a returned report moves nothing");
        assert!(store::review_report(&t.db, &a, plan.id, rc, true, "").await.is_err(), "reviewed once");
        let e = store::file_report(&t.db, &a, &plan, c, "2026-03", date!(2026 - 03 - 27), "", &[item(task_c, "completed")], &[]).await.unwrap_err();
        assert!(matches!(e, lantian::Error::Conflict(_)), "an accepted report no longer changes");
        // A returned report is filed again (replacing its items).
        store::file_report(&t.db, &a, &plan, b, "2026-03", date!(2026 - 03 - 28), "补充", &[item(task_b, "in_progress")], &[]).await.unwrap();
        assert_eq!(store::report(&t.db, plan.id, rb).await.unwrap().state, "submitted");

        // Supervision: task 1 (unit 乙's, lead 甲) is overdue after 30 April; 乙 and 丙 did not file for April.
        let may_3 = date!(2026 - 05 - 03);
        let behind = store::behind(&t.db, &plan, may_3).await.unwrap();
        assert!(behind.iter().any(|m| m.0 == lead && m.1 == format!("task:{task_b}")), "{behind:?}");
        assert!(behind.iter().any(|m| m.0 == b && m.1 == "report:2026-04"), "{behind:?}");
        assert!(!behind.iter().any(|m| m.1 == format!("task:{task_c}")), "completed tasks are not behind");
        let first = store::issue_notices(&t.db, &a, &plan, may_3).await.unwrap();
        assert_eq!(first, behind.len());
        assert_eq!(store::issue_notices(&t.db, &a, &plan, may_3).await.unwrap(), 0, "no second notice before the answer date");
        let level_of = async |subject: &str| -> Vec<String> {
            let mut v: Vec<_> = store::notices(&t.db, plan.id).await.unwrap().into_iter().filter(|n| n.subject == subject).map(|n| n.level).collect();
            v.reverse();
            v
        };
        let subject = format!("task:{task_b}");
        assert_eq!(level_of(&subject).await, ["reminder"]);
        store::issue_notices(&t.db, &a, &plan, date!(2026 - 05 - 11)).await.unwrap();
        assert_eq!(level_of(&subject).await, ["reminder", "circular"]);
        store::issue_notices(&t.db, &a, &plan, date!(2026 - 05 - 17)).await.unwrap();
        assert_eq!(level_of(&subject).await, ["reminder", "circular", "interview"]);
        store::issue_notices(&t.db, &a, &plan, date!(2026 - 06 - 30)).await.unwrap();
        assert_eq!(level_of(&subject).await.len(), 3, "the ladder ends at the interview");
        // The unit answers its own notice, once; another unit cannot.
        let notice = store::notices(&t.db, plan.id).await.unwrap().into_iter().find(|n| n.unit_id == b).unwrap();
        assert!(store::answer_notice(&t.db, &a, plan.id, notice.id, c, "不是我", may_3).await.is_err());
        store::answer_notice(&t.db, &a, plan.id, notice.id, b, "已补报", may_3).await.unwrap();
        assert!(store::answer_notice(&t.db, &a, plan.id, notice.id, b, "again", may_3).await.is_err());
        assert!(matches!(audit::verify(&t.db).await.unwrap(), Verdict::Intact { .. }));
        let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log ORDER BY seq").fetch_all(&t.db.pool).await.unwrap();
        for a in ["unit_add", "plan_create", "task_import", "report_file", "report_return", "report_accept", "notice_issue", "notice_answer"] {
            assert!(actions.iter().any(|x| x == a), "{a} is audited");
        }
    }

    async fn a_bad_task_sheet_writes_nothing(t: &TestDb) {
        let (plan, ..) = fixture(&t.db).await;
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in lantian::plans::import::COLUMNS.iter().enumerate() {
            sheet.write_string(0, c as u16, h.0).unwrap();
        }
        for (c, v) in ["3", "新任务", "", "2026-06-30", "甲局", "", ""].iter().enumerate() {
            sheet.write_string(1, c as u16, *v).unwrap();
        }
        for (c, v) in ["4", "坏任务", "", "2027-01-31", "不存在的局", "", ""].iter().enumerate() {
            sheet.write_string(2, c as u16, *v).unwrap();
        }
        let bytes = book.save_to_buffer().unwrap();
        let names = store::unit_names(&t.db).await.unwrap();
        let problems = lantian::plans::import::parse(&bytes, &names, store::plan_period(&plan).unwrap()).unwrap_err();
        let rendered: Vec<String> = problems.iter().map(|p| format!("{}:{}:{}", p.row, p.column, p.value)).collect();
        assert_eq!(rendered, ["3:时间节点:2027-01-31", "3:牵头单位:不存在的局"]);
        assert_eq!(store::tasks(&t.db, plan.id).await.unwrap().len(), 2, "nothing written");
    }
}

/// The text of a .docx (word/document.xml).
pub fn docx_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    // Runs split text; the report writes each paragraph's text in one run, so tags can be dropped.
    let mut out = String::new();
    let mut in_tag = false;
    for ch in xml.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Through the web: two units file the month's reports, the lead unit reviews, the
/// consolidated report and the year-end report download.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_month_of_reports_through_the_web() {
    let t = TestDb::sqlite().await;
    load_demo_city(&t.db, 300, 3).await;
    let plan_id = lantian::demo::plans::load(&t.db, due::today_beijing()).await.unwrap();
    let base = serve(&t.db, lantian::web::WebConfig { rate_limit: 0, ..Default::default() }).await;
    let month = due::month_of(due::today_beijing());
    let plan = store::plan(&t.db, &Scope::All, plan_id).await.unwrap();
    let tasks = store::tasks(&t.db, plan_id).await.unwrap();
    for username in ["city-environment", "city-development"] {
        let s = login(&base, username).await;
        let form_page = s.client.get(format!("{base}/plans/{plan_id}/report?month={month}")).send().await.unwrap();
        assert_eq!(form_page.status(), 200);
        let html = form_page.text().await.unwrap();
        let mut form = reqwest::multipart::Form::new().text("_csrf", s.csrf.clone()).text("month", month.clone()).text("summary", "本月按计划推进");
        for t in tasks.iter().filter(|t| html.contains(&format!("data-task=\"{}\"", t.id))) {
            form = form.text(format!("task_{}_state", t.id), "in_progress").text(format!("task_{}_progress", t.id), format!("{username} 推进 {}", t.number));
        }
        form = form.part("attachment", reqwest::multipart::Part::bytes(b"%PDF-1.4 test".to_vec()).file_name("进展.pdf"));
        let r = s.client.post(format!("{base}/plans/{plan_id}/report")).multipart(form).send().await.unwrap();
        assert_eq!(r.status(), 303, "{username}: {}", r.text().await.unwrap());
    }
    // A disallowed attachment is refused with the form shown again.
    let s = login(&base, "city-environment").await;
    let form = reqwest::multipart::Form::new().text("_csrf", s.csrf.clone()).text("month", month.clone())
        .part("attachment", reqwest::multipart::Part::bytes(b"MZ".to_vec()).file_name("virus.exe"));
    let r = s.client.post(format!("{base}/plans/{plan_id}/report")).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("virus.exe"));

    let reports = store::reports(&t.db, plan_id, &month).await.unwrap();
    assert_eq!(reports.len(), 2);
    // The lead unit (industry bureau) reviews; the development commission may not.
    let dev = login(&base, "city-development").await;
    let r = dev.client.post(format!("{base}/plans/{plan_id}/reports/{}/review", reports[0].id)).form(&[("_csrf", dev.csrf.as_str()), ("decision", "accept")]).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let lead = login(&base, "city-industry").await;
    for r in &reports {
        let resp = lead.client.post(format!("{base}/plans/{plan_id}/reports/{}/review", r.id)).form(&[("_csrf", lead.csrf.as_str()), ("decision", "accept")]).send().await.unwrap();
        assert_eq!(resp.status(), 303);
    }
    assert!(store::reports(&t.db, plan_id, &month).await.unwrap().iter().all(|r| r.state == "accepted"));
    let page = lead.client.get(format!("{base}/plans/{plan_id}/consolidated?month={month}")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("city-environment 推进") && page.contains("city-development 推进"), "consolidated page carries both units' progress");
    let xlsx = lead.client.get(format!("{base}/plans/{plan_id}/consolidated.xlsx?month={month}")).send().await.unwrap().bytes().await.unwrap();
    let mut book: calamine::Xlsx<_> = calamine::Reader::new(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let range = calamine::Reader::worksheet_range(&mut book, "月度进展汇总").unwrap();
    let cells: String = range.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(cells.contains("city-environment 推进") && cells.contains(&plan.title));
    // The dashboard, the API and the year-end report.
    let dash = lead.client.get(format!("{base}/plans/{plan_id}")).send().await.unwrap().text().await.unwrap();
    assert!(dash.contains("board-tasks") && dash.contains(&format!("/plans/{plan_id}/tasks?state=overdue")));
    let api: serde_json::Value = lead.client.get(format!("{base}/api/plans/{plan_id}/reports?month={month}")).send().await.unwrap().json().await.unwrap();
    assert_eq!(api["units"].as_array().unwrap().iter().filter(|u| u["report"]["state"] == "accepted").count(), 2);
    let docx = lead.client.get(format!("{base}/plans/annual.docx?year=2026&unit={}", "%E9%9D%92%E5%B2%9A%E5%B8%82%E5%B7%A5%E4%B8%9A%E5%92%8C%E4%BF%A1%E6%81%AF%E5%8C%96%E5%B1%80")).send().await.unwrap();
    assert_eq!(docx.status(), 200);
    assert!(docx_text(&docx.bytes().await.unwrap()).contains("青岚市工业和信息化局2026年生态环境保护责任落实情况"));
    let openapi: serde_json::Value = lead.client.get(format!("{base}/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    for p in ["/api/plans", "/api/plans/{plan}/tasks", "/api/plans/{plan}/targets", "/api/plans/{plan}/reports"] {
        assert!(openapi["paths"][p].is_object(), "{p} in OpenAPI");
    }
}

/// End to end with the real binary: the demo carries the plan; the year-end report is written;
/// bad input fails with a message and a non-zero exit.
#[test]
fn the_annual_report_on_the_command_line() {
    use std::process::Command;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_lantian")).args(args).env("RUST_LOG", "warn").output().unwrap();
    let text = |o: &std::process::Output| format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    let o = run(&["--data-dir", data, "demo", "--enterprises", "200", "--seed", "3"]);
    assert!(o.status.success(), "{}", text(&o));
    let out = dir.path().join("annual.docx");
    let o = run(&["report", "annual", "--year", "2026", "--unit", "青岚市工业和信息化局", "--out", out.to_str().unwrap(), "--data-dir", data]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(docx_text(&std::fs::read(&out).unwrap()).contains("二、生态环境责任履行情况"));
    let o = run(&["report", "annual", "--year", "2026", "--unit", "不存在的局", "--out", dir.path().join("x.docx").to_str().unwrap(), "--data-dir", data]);
    assert!(!o.status.success() && text(&o).contains("不存在的局"), "{}", text(&o));
    assert!(!dir.path().join("x.docx").exists());
    let bad = dir.path().join("bad.xlsx");
    std::fs::write(&bad, b"not a workbook").unwrap();
    let o = run(&["plans", "import", "--plan", "1", bad.to_str().unwrap(), "--data-dir", data]);
    assert!(!o.status.success() && text(&o).contains(".xlsx"), "{}", text(&o));
    let o = run(&["plans", "targets", "--plan", "1", "--data-dir", data]);
    assert!(o.status.success() && text(&o).contains("B1"), "{}", text(&o));
}

both_backends! {
    // A key project names the saved scenario that models it (issue 13): the reserve then shows
    // the pollution equivalents and CO2 the scenario reduces, as the inventory computes them;
    // linking is audited, refused for a scenario that is not there, and undone by an empty choice.
    async fn a_key_project_shows_what_its_scenario_reduces(t: &TestDb) {
        use lantian::inventory::factors::LIBRARY;
        load_demo_city(&t.db, 300, 3).await;
        let plan_id = lantian::demo::plans::load(&t.db, date!(2026 - 12 - 02)).await.unwrap();
        let sid = lantian::demo::activity::ensure_scenario(&t.db).await.unwrap().expect("the demo has small coal boilers to close");
        // The figures worked out independently from the stored inventory.
        let saved = lantian::storage::inventory::get(&t.db, &Scope::All, sid).await.unwrap();
        let year = saved.scenario.year;
        let loaded = lantian::storage::inventory::load(&t.db, &LIBRARY, &Scope::All, year, year, i64::MAX, true).await.unwrap();
        let o = lantian::inventory::scenario::run(&LIBRARY, &loaded.inputs, &saved.scenario).unwrap();
        let eq = o.baseline.equivalents - o.scenario.equivalents;
        let co2 = o.baseline.co2() - o.scenario.co2();
        assert!(eq > 0.0 && co2 > 0.0, "closing coal boilers reduces both: {eq} {co2}");

        let project = store::projects(&t.db, plan_id).await.unwrap().into_iter().find(|p| p.domain == "energy").unwrap();
        let base = serve(&t.db, lantian::web::WebConfig { rate_limit: 0, ..Default::default() }).await;
        let lead = login(&base, "city-industry").await;
        let link = |value: String| {
            let s = &lead;
            let url = format!("{base}/plans/{plan_id}/projects/{}/scenario", project.id);
            async move { s.client.post(url).form(&[("_csrf", s.csrf.as_str()), ("scenario", value.as_str())]).send().await.unwrap() }
        };
        let page = || async { lead.client.get(format!("{base}/plans/{plan_id}/projects?lang=en")).send().await.unwrap().text().await.unwrap() };
        assert!(page().await.contains("0 of 66 projects are linked to a scenario"));
        assert_eq!(link(sid.to_string()).await.status(), 303);
        let html = page().await;
        assert!(html.contains("1 of 66 projects are linked to a scenario"), "{html}");
        assert!(html.contains(&format!("id=\"modelled-equivalents\" data-v=\"{eq:.0}\"")), "{eq:.0} in {html}");
        assert!(html.contains(&format!("id=\"modelled-co2\" data-v=\"{co2:.1}\"")), "{co2:.1}");
        assert!(html.contains(&format!("href=\"/inventory/scenarios/{sid}\"")));
        assert_eq!(store::projects(&t.db, plan_id).await.unwrap().iter().find(|p| p.id == project.id).unwrap().scenario_id, Some(sid));
        let scenario_page = lead.client.get(format!("{base}/inventory/scenarios/{sid}?lang=en")).send().await.unwrap().text().await.unwrap();
        assert!(scenario_page.contains("Key projects it models") && scenario_page.contains(&project.name), "the scenario names its project");
        let audited: Vec<String> = sqlx::query_scalar("SELECT after_json FROM audit_log WHERE action = 'project_scenario' AND entity_id = $1")
            .bind(project.id.to_string())
            .fetch_all(&t.db.pool)
            .await
            .unwrap();
        assert_eq!(audited.len(), 1);
        assert!(audited[0].contains(&format!("\"scenario\":{sid}")) && audited[0].contains("\"before\":null"), "{audited:?}");
        // Refused: a number that names no scenario, a word; nothing changes.
        let r = link("999999".into()).await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("999999"));
        assert_eq!(link("abc".into()).await.status(), 422);
        assert_eq!(store::projects(&t.db, plan_id).await.unwrap().iter().find(|p| p.id == project.id).unwrap().scenario_id, Some(sid));
        // A project of no plan of this id: not found. A bureau without ManagePlans: forbidden.
        let r = lead.client.post(format!("{base}/plans/{plan_id}/projects/999999/scenario")).form(&[("_csrf", lead.csrf.as_str()), ("scenario", "")]).send().await.unwrap();
        assert_eq!(r.status(), 404);
        let env = login(&base, "city-environment").await;
        let r = env.client.post(format!("{base}/plans/{plan_id}/projects/{}/scenario", project.id)).form(&[("_csrf", env.csrf.as_str()), ("scenario", "")]).send().await.unwrap();
        assert_eq!(r.status(), 403);
        // Unlinked by the empty choice.
        assert_eq!(link(String::new()).await.status(), 303);
        assert!(page().await.contains("0 of 66 projects are linked to a scenario"));
        // The demo links its scenario to an energy project of the reserve, once.
        lantian::demo::plans::link_scenario(&t.db, sid).await.unwrap();
        lantian::demo::plans::link_scenario(&t.db, sid).await.unwrap();
        let linked: Vec<_> = store::projects(&t.db, plan_id).await.unwrap().into_iter().filter(|p| p.scenario_id == Some(sid)).collect();
        assert!(linked.len() == 1 && linked[0].domain == "energy", "{linked:?}");
        assert!(matches!(audit::verify(&t.db).await.unwrap(), Verdict::Intact { .. }));
    }
}
