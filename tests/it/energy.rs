//! Energy (issue 18): a fixture enterprise worked by hand — energy use from its activity data
//! (GB/T 2589), intensity, targets, grade, diagnosis recommendation — its lines classified
//! against the benchmark and baseline (wrong unit and missing benchmark reported, not guessed),
//! the renovation list entering and leaving, progress, diagnoses, scope; both databases; the
//! demo city's evaluation and list; the CLI contract.

use lantian::auth::Scope;
use lantian::energy::library::LIBRARY;
use lantian::energy::{Class, Grade, Outcome, Relocation};
use lantian::ledger::model::*;
use lantian::storage::audit::Actor;
use lantian::storage::energy as stored;
use lantian::storage::Db;

use crate::both_backends;
use crate::support::*;

fn line(name: &str, kind: &str, capacity: f64, value: f64, unit: &str) -> Equipment {
    Equipment {
        name: name.into(),
        kind: kind.into(),
        process: if kind == "cement_clinker_line" { "dry".into() } else { String::new() },
        capacity: Some(capacity),
        capacity_unit: "t/d".into(),
        fuel: "coal".into(),
        specific_energy: Some(value),
        specific_energy_unit: unit.into(),
        status: "operating".into(),
        ..Default::default()
    }
}

fn activity(category: &str, item: &str, amount: f64, unit: &str) -> ActivityData {
    ActivityData { year: 2025, category: category.into(), item: item.into(), amount, unit: unit.into(), ..Default::default() }
}

/// The fixture enterprise (bundle 0 of a small demo city, rebuilt): a cement works inside the
/// relocation area, grade B, five lines — 120 kgce/t (below the 117 baseline), 110 (between),
/// 0.1 tce/t (= 100, at the benchmark), 105 kWh/t (wrong unit) and a lime kiln (no benchmark).
/// 2025: 10 000 t raw coal, 2 000 × 10⁴ Nm³ gas, 5 000 万kWh (= 50 000 MWh), 10 000 GJ heat;
/// value added 80 000 × 10⁴ yuan (worked in `energy::tests`: 40 196.4 tce, 0.502455 tce/10⁴ yuan).
fn fixture() -> (lantian::demo::DemoCity, String) {
    let mut city = lantian::demo::generate(12, 5);
    let b = &mut city.bundles[0];
    b.enterprise.industry_code = "3011".into();
    b.enterprise.env_grade = "B".into();
    b.enterprise.status = "operating".into();
    b.enterprise.longitude = Some(108.55);
    b.enterprise.latitude = Some(34.11);
    b.lines.clear();
    b.equipment = vec![
        line("1#熟料线", "cement_clinker_line", 2500.0, 120.0, "kgce/t"),
        line("2#熟料线", "cement_clinker_line", 2500.0, 110.0, "kgce/t"),
        line("3#熟料线", "cement_clinker_line", 2500.0, 0.1, "tce/t"),
        line("4#熟料线", "cement_clinker_line", 2500.0, 105.0, "kWh/t"),
        line("1#石灰窑", "lime_kiln", 300.0, 120.0, "kgce/t"),
    ];
    b.outlets.clear();
    b.yearly = vec![YearlyFigures { year: 2025, energy_tce: Some(39_000.0), water_m3: None, value_added_10k_yuan: Some(80_000.0) }];
    b.activity = vec![
        activity("fuel", "raw_coal", 10_000.0, "t"),
        activity("fuel", "natural_gas", 2_000.0, "万Nm3"),
        activity("electricity", "electricity", 5_000.0, "万kWh"),
        activity("heat", "heat", 10_000.0, "GJ"),
    ];
    let code = b.enterprise.credit_code.clone();
    (city, code)
}

async fn import(db: &Db, bundles: &[EnterpriseBundle], mode: lantian::storage::ledger::ImportMode) {
    let bytes = lantian::excel::export::workbook(bundles).unwrap();
    let parsed = lantian::excel::parse_workbook(&bytes).unwrap();
    lantian::storage::ledger::import(db, parsed, &Actor::system(), mode, false, |_, _| {}).await.unwrap();
}

#[test]
fn the_unit_of_specific_energy_round_trips_and_a_bad_unit_is_refused() {
    let (city, _) = fixture();
    let bytes = lantian::excel::export::workbook(&city.bundles).unwrap();
    let parsed = lantian::excel::parse_workbook(&bytes).unwrap();
    assert_eq!(parsed.bundles, city.bundles);
    let mut bad = city.bundles.clone();
    bad[0].equipment[0].specific_energy_unit = "GJ/t".into();
    let bytes = lantian::excel::export::workbook(&bad).unwrap();
    let problems = match lantian::excel::parse_workbook(&bytes) {
        Err(p) => p,
        Ok(p) => panic!("refused, not {} bundles", p.bundles.len()),
    };
    let listed = problems.into_listed();
    let p = listed.iter().find(|p| p.column == "单位产品能耗单位").expect("the unit column is named");
    assert_eq!(p.value, "GJ/t");
    assert_eq!(p.reason.code(), "energy.classify.unit_unknown");
}

both_backends! {
    async fn dual_control_evaluation_and_renovation_list(t: &TestDb) {
        let (city, code) = fixture();
        load_demo_divisions(&t.db, &city).await;
        import(&t.db, &city.bundles, lantian::storage::ledger::ImportMode::Insert).await;
        let actor = Actor::system();

        // Targets: a bad file names its lines and stores nothing.
        let head = "统一社会信用代码,年度,能耗总量目标(tce),单位增加值能耗目标(tce/万元)\n";
        let bad = format!("{head}{code},2025,-1,0.5\n{code},25,42000,0.5\n{code},2025,,\n");
        let problems = stored::parse_targets(&bad).unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].render(lantian::i18n::Lang::En).starts_with("line 2:"));
        assert!(problems[1].render(lantian::i18n::Lang::En).starts_with("line 3:"));
        assert!(stored::parse_targets("code,year\nx,2025\n").is_err(), "wrong header");
        let unknown = vec![stored::Target { credit_code: "91610000MA6TXXXX0X".into(), year: 2025, total_tce: Some(1.0), intensity: None, source: String::new() }];
        assert!(matches!(stored::set_targets(&t.db, &actor, &Scope::All, &unknown).await, Err(lantian::Error::NotFound(_))));
        let n: i64 = sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM energy_targets").fetch_one(&t.db.pool).await.unwrap();
        assert_eq!(n, 0, "nothing written");
        let good = stored::parse_targets(&format!("{head}{code},2025,42000,0.5\n")).unwrap();
        assert_eq!(stored::set_targets(&t.db, &actor, &Scope::All, &good).await.unwrap(), 1);

        let rows = stored::overview(&t.db, &LIBRARY, &Scope::All, 2025).await.unwrap();
        let e = rows.iter().find(|e| e.credit_code == code).unwrap();
        let v = &e.evaluation;
        assert_eq!(v.energy_tce, Some(40_196.4), "7 143 + 26 567.2 + 6 145 + 341.2 tce");
        assert_eq!(v.reported_tce, Some(39_000.0));
        assert_eq!(v.intensity, Some(0.502455));
        assert_eq!(v.total_ratio, Some(0.957057));
        assert_eq!(v.intensity_ratio, Some(1.00491));
        assert_eq!(v.grade, Some(Grade::Basically));
        assert!(v.key_user);
        let codes: Vec<&str> = v.diagnosis.iter().map(|m| m.code()).collect();
        assert_eq!(codes, ["energy.diagnosis.grade", "energy.diagnosis.below_baseline"]);
        assert!(v.diagnosis[1].render(lantian::i18n::Lang::Zh).contains("1#熟料线"));

        let outcome = |name: &str| e.equipment.iter().find(|q| q.name == name).unwrap().outcome.clone();
        let class = |name: &str| match outcome(name) {
            Outcome::Classified(a) => a.class,
            other => panic!("{name}: {other:?}"),
        };
        assert_eq!(class("1#熟料线"), Class::BelowBaseline);
        assert_eq!(class("2#熟料线"), Class::Between);
        assert_eq!(class("3#熟料线"), Class::Benchmark);
        assert!(matches!(outcome("4#熟料线"), Outcome::Unclassified(m) if m.code() == "energy.classify.unit_wrong"));
        assert!(matches!(outcome("1#石灰窑"), Outcome::Unclassified(m) if m.code() == "energy.classify.no_benchmark"));
        assert_eq!(e.relocation, Relocation::Candidate, "inside the area, grade B, lines below the benchmark");

        // The renovation list: the two lines not at the benchmark enter.
        stored::refresh(&t.db, &LIBRARY, &actor, &Scope::All, 2025).await.unwrap();
        let mine = |items: Vec<stored::Item>| items.into_iter().filter(|i| i.credit_code == code).collect::<Vec<_>>();
        let on = mine(stored::renovation(&t.db, &Scope::All, false).await.unwrap());
        let names: Vec<&str> = on.iter().map(|i| i.equipment.as_str()).collect();
        assert_eq!(on.len(), 2, "{names:?}");
        let first = on.iter().find(|i| i.equipment == "1#熟料线").unwrap();
        assert_eq!((first.class, first.value, first.deadline.as_str()), (Class::BelowBaseline, 120.0, "2025-12-31"));
        // Refreshing again changes nothing.
        let again = stored::refresh(&t.db, &LIBRARY, &actor, &Scope::All, 2025).await.unwrap();
        assert_eq!(again, stored::Refreshed::default());

        // Progress: refused with the reason (nothing written), then recorded.
        assert!(matches!(stored::progress(&t.db, &actor, &Scope::All, first.id, "120", "x").await, Err(lantian::Error::Invalid(_))));
        assert!(matches!(stored::progress(&t.db, &actor, &Scope::All, first.id, "50", " ").await, Err(lantian::Error::Invalid(_))));
        stored::progress(&t.db, &actor, &Scope::All, first.id, "60", "余热发电改造已完成设备安装").await.unwrap();
        let (item, events) = stored::item(&t.db, &Scope::All, first.id).await.unwrap();
        assert_eq!(item.progress_pct, 60);
        assert_eq!(events.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(), ["entered", "progress"]);
        // Outside the scope: not found, like a missing item.
        let elsewhere = Scope::Divisions(vec!["610112".into()]);
        assert!(matches!(stored::item(&t.db, &elsewhere, first.id).await, Err(lantian::Error::NotFound(_))));
        assert!(matches!(stored::progress(&t.db, &actor, &elsewhere, first.id, "70", "x").await, Err(lantian::Error::NotFound(_))));

        // The works renovates line 1 to 99 kgce/t: it leaves the list (recorded), line 2 stays.
        let mut renovated = city.bundles[0].clone();
        renovated.equipment[0].specific_energy = Some(99.0);
        import(&t.db, &[renovated], lantian::storage::ledger::ImportMode::Update).await;
        let r = stored::refresh(&t.db, &LIBRARY, &actor, &Scope::All, 2025).await.unwrap();
        assert_eq!(r.left, 1);
        let on = mine(stored::renovation(&t.db, &Scope::All, false).await.unwrap());
        assert_eq!(on.iter().map(|i| i.equipment.as_str()).collect::<Vec<_>>(), ["2#熟料线"]);
        let all = mine(stored::renovation(&t.db, &Scope::All, true).await.unwrap());
        let left = all.iter().find(|i| i.id == first.id).unwrap();
        assert!(left.left_at.is_some() && left.left_reason.starts_with("benchmark"), "{}", left.left_reason);
        let (_, events) = stored::item(&t.db, &Scope::All, first.id).await.unwrap();
        assert_eq!(events.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(), ["entered", "progress", "left"]);
        assert!(matches!(stored::progress(&t.db, &actor, &Scope::All, first.id, "100", "x").await, Err(lantian::Error::Invalid(_))), "a left item takes no progress");

        // Diagnoses: refused without findings or with a future date; recorded and listed.
        let d = |findings: &str, on: &str| stored::NewDiagnosis { credit_code: code.clone(), year: 2025, diagnosed_on: on.into(), agency: "节能服务中心".into(), findings: findings.into(), follow_up: "复核".into() };
        assert!(matches!(stored::record_diagnosis(&t.db, &actor, &Scope::All, &d("", "2025-10-01")).await, Err(lantian::Error::Invalid(_))));
        assert!(matches!(stored::record_diagnosis(&t.db, &actor, &Scope::All, &d("余热未利用", "2999-01-01")).await, Err(lantian::Error::Invalid(_))));
        stored::record_diagnosis(&t.db, &actor, &Scope::All, &d("余热未利用", "2025-10-01")).await.unwrap();
        let list = stored::diagnoses(&t.db, &Scope::All, Some(&code)).await.unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].findings, "余热未利用");
        assert!(stored::diagnoses(&t.db, &elsewhere, None).await.unwrap().is_empty());

        // Every change is in the audit log.
        for action in ["energy_target_set", "energy_renovation_enter", "energy_renovation_leave", "energy_renovation_progress", "energy_diagnosis_record"] {
            let n: i64 = sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE action = $1").bind(action).fetch_one(&t.db.pool).await.unwrap();
            assert!(n >= 1, "{action}");
        }
    }

    async fn the_demo_city_shows_its_evaluation_and_renovation_list(t: &TestDb) {
        load_demo_city(&t.db, 300, 7).await;
        let year = lantian::demo::energy::load_if_none(&t.db).await.unwrap().expect("loaded");
        assert_eq!(year, 2025);
        assert!(lantian::demo::energy::load_if_none(&t.db).await.unwrap().is_none(), "once");
        let rows = stored::overview(&t.db, &LIBRARY, &Scope::All, year).await.unwrap();
        let keys: Vec<_> = rows.iter().filter(|e| e.evaluation.key_user).collect();
        assert!(keys.len() >= 5, "{} key energy users", keys.len());
        assert!(keys.iter().all(|e| e.evaluation.grade.is_some()), "every key user has a target and a grade");
        let grades: std::collections::HashSet<_> = keys.iter().filter_map(|e| e.evaluation.grade).collect();
        assert!(grades.len() >= 3, "{grades:?}");
        assert!(!stored::renovation(&t.db, &Scope::All, false).await.unwrap().is_empty(), "the renovation list");
        assert_eq!(stored::diagnoses(&t.db, &Scope::All, None).await.unwrap().len(), 1);
    }
}

fn lantian_cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lantian")).args(args).env("RUST_LOG", "warn").env("LANTIAN_LANG", "en").output().unwrap()
}

#[test]
fn energy_evaluate_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let o = lantian_cli(&["--data-dir", data, "demo", "--enterprises", "300", "--seed", "9"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = lantian_cli(&["--data-dir", data, "energy", "evaluate", "--year", "2025"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8(o.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "year,credit_code,name,district,industry,energy_tce,energy_source,value_added_10k_yuan,intensity_tce_per_10k_yuan,target_total_tce,target_intensity,total_ratio,intensity_ratio,grade,diagnosis,reasons"
    );
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| &r[0] == "2025" && r[5].parse::<f64>().unwrap() >= 10_000.0), "key energy users only");
    assert!(rows.iter().all(|r| ["exceeded", "completed", "basically", "failed"].contains(&&r[13])), "the demo assigns every key user a target");
    assert!(rows.iter().any(|r| &r[14] == "yes" && !r[15].is_empty()), "a recommendation with its reason");
    let o = lantian_cli(&["--data-dir", data, "energy", "evaluate", "--year", "2025", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), rows.len());
    assert!(json[0]["energy_tce"].as_f64().unwrap() > 0.0);
    let o = lantian_cli(&["--data-dir", data, "energy", "evaluate", "--year", "25"]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("four digits"));
    let o = lantian_cli(&["--data-dir", data, "energy", "evaluate", "--year", "2025", "--format", "xml"]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("csv or json"));
    let o = lantian_cli(&["--data-dir", data, "energy", "evaluate", "--year", "2001"]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("no key energy user"));
    // Targets from a file: a bad line refuses the file with its line number.
    let file = dir.path().join("targets.csv");
    let code = &rows[0][1];
    std::fs::write(&file, format!("统一社会信用代码,年度,能耗总量目标(tce),单位增加值能耗目标(tce/万元)\n{code},2025,abc,\n")).unwrap();
    let o = lantian_cli(&["--data-dir", data, "energy", "targets", file.to_str().unwrap()]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("line 2"), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::write(&file, format!("统一社会信用代码,年度,能耗总量目标(tce),单位增加值能耗目标(tce/万元)\n{code},2025,1,0.0001\n")).unwrap();
    let o = lantian_cli(&["--data-dir", data, "energy", "targets", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = lantian_cli(&["--data-dir", data, "energy", "evaluate", "--year", "2025", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let it = json.as_array().unwrap().iter().find(|r| r["credit_code"] == code).unwrap();
    assert_eq!(it["grade"], "failed", "far above the new targets");
}
