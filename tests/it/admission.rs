//! Project admission review (准入审核): the CLI contract, storage on both databases (replaced
//! capacity counted once), the review from submission to publication.

use std::process::{Command, Output};

fn lantian(args: &[&str], lang: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lantian")).args(args).env("RUST_LOG", "warn").env("LANTIAN_LANG", lang).output().unwrap()
}

fn example(name: &str) -> String {
    format!("{}/data/admission/examples/{name}.json", env!("CARGO_MANIFEST_DIR"))
}

fn findings(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn outcome_of<'a>(v: &'a serde_json::Value, rule: &str) -> &'a str {
    v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == rule).and_then(|f| f["outcome"].as_str()).unwrap_or("absent")
}

#[test]
fn cli_checks_prohibited_allowed_and_replacement_projects() {
    let v = findings(&lantian(&["admission", "check", &example("prohibited")], "en"));
    assert_eq!(v["verdict"], "refused");
    assert_eq!(outcome_of(&v, "zz-2018-prohibit-overcapacity"), "refuse");
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "zz-2018-prohibit-overcapacity").unwrap();
    assert_eq!(f["citation"]["seed"], "004_287681968311ce01.txt");
    assert_eq!(f["citation"]["line"], 45);
    assert!(f["explanation"].as_str().unwrap().contains("5000 t/d"), "{f}");
    assert_eq!(f["explanation_code"], "admission.why.net_capacity");

    let v = findings(&lantian(&["admission", "check", &example("allowed")], "en"));
    assert_eq!(v["verdict"], "admissible");
    assert!(v["findings"].as_array().unwrap().iter().all(|f| f["outcome"] == "clear"), "{v}");

    let v = findings(&lantian(&["admission", "check", &example("replacement")], "zh"));
    assert_eq!(v["verdict"], "admissible");
    assert_eq!(outcome_of(&v, "zz-2018-relocation-equal-or-reduced"), "clear");
    assert_eq!(v["verdict_text"], "符合准入要求");
}

#[test]
fn cli_refuses_bad_projects_naming_field_value_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    // No location, no capacity.
    std::fs::write(&bad, r#"{"name":"x","kind":"new","company":{"name":"c"},"industry":"3011","products":[{"name":"熟料","unit":"t/d","added":0}]}"#).unwrap();
    let o = lantian(&["admission", "check", bad.to_str().unwrap()], "en");
    assert!(!o.status.success());
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("field division (value null): required"), "{err}");
    assert!(err.contains("field products") && err.contains("at least one product"), "{err}");
    std::fs::write(&bad, "{\"name\": [").unwrap();
    let o = lantian(&["admission", "check", bad.to_str().unwrap()], "en");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("not valid JSON"));
    let o = lantian(&["admission", "check", "/nonexistent/p.json"], "en");
    assert!(!o.status.success());
    // A broken catalogue directory is refused with file:line.
    std::fs::write(dir.path().join("x.toml"), "capacity_units = [\"t/a\"]\n[[rule]]\nid = \"A B\"\n").unwrap();
    let o = lantian(&["admission", "check", &example("allowed"), "--catalogue", dir.path().to_str().unwrap()], "en");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("x.toml:2:"), "{}", String::from_utf8_lossy(&o.stderr));
    let o = lantian(&["admission", "catalogue"], "en");
    assert!(o.status.success() && String::from_utf8_lossy(&o.stdout).contains("rules"));
}

use crate::both_backends;
use crate::support::*;
use lantian::admission::project;
use lantian::admission::workflow::{Stance, Step};
use lantian::auth::{Department, Role, Scope, Viewer};

fn viewer(role: Role, department: Option<Department>, scope: Scope) -> Viewer {
    Viewer { user_id: 0, username: format!("{role:?}-{department:?}").to_lowercase(), display_name: String::new(), role, department, scope, ip: "10.0.0.1".into() }
}

fn parse(v: serde_json::Value) -> lantian::admission::Project {
    project::from_value(&v, &lantian::admission::catalogue::embedded().capacity_units).unwrap()
}

/// A cement plant's exit case whose capacity (t/d) has exited.
async fn exited_case(db: &lantian::storage::Db, id: i64, credit: &str, division: &str, capacity: f64) {
    sqlx::query(
        "INSERT INTO cases (id, finding_key, credit_code, enterprise_name, division_code, industry_code, capacity, capacity_unit, rule_id, title, dimension, outcome,
            explanation, state, exited_on, opened_at, updated_at)
         VALUES ($1, $2, $3, '测试水泥', $4, '3011', $5, 't/d', 'fixture', '测试', 'technology', 'eliminate_now', '测试', 'published', '2026-06-01', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    )
    .bind(id)
    .bind(format!("{credit}||{id}"))
    .bind(credit)
    .bind(division)
    .bind(capacity)
    .execute(&db.pool)
    .await
    .unwrap();
}

both_backends! {
    async fn replaced_capacity_counts_once_and_the_review_is_audited(t: &TestDb) {
        let city = load_demo_city(&t.db, 60, 3).await;
        let e = city.bundles.iter().find(|b| b.enterprise.division_code.len() >= 9).unwrap().enterprise.clone();
        let township = e.division_code[..9].to_string();
        exited_case(&t.db, 9001, &e.credit_code, &e.division_code, 3000.0).await;
        sqlx::query("INSERT INTO cases (id, finding_key, credit_code, enterprise_name, division_code, industry_code, capacity, capacity_unit, rule_id, title, dimension, outcome, explanation, state, opened_at, updated_at)
             VALUES (9002, 'k||9002', $1, 'x', $2, '3011', 1000, 't/d', 'fixture', 't', 'technology', 'eliminate_now', 'x', 'identified', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')")
            .bind(&e.credit_code).bind(&e.division_code).execute(&t.db.pool).await.unwrap();
        // A foundry relocated into a park (the demo city follows Zhengzhou's rules), replacing the exited 3000 t/d.
        let relocation = |name: &str, case: i64, capacity: f64| parse(serde_json::json!({
            "name": name, "kind": "relocation", "company": { "name": "测试铸造" }, "industry": "3391", "division": township,
            "in_park": true, "park": "园区", "products": [{ "name": "铸件", "unit": "t/d", "added": capacity }],
            "energy_tce": 100, "coal_t": 0, "fuels": ["electricity"], "emissions": [],
            "replaced": [{ "case_id": case, "capacity": capacity, "unit": "t/d" }]
        }));
        let city_env = viewer(Role::Bureau, Some(Department::Environment), Scope::Divisions(vec![lantian::demo::CITY_CODE.into()]));
        let admin = viewer(Role::Admin, None, Scope::All);
        let store = |v: &Viewer, p| { let v = v.clone(); let db = t.db.clone(); async move { lantian::storage::admission::submit(&db, &v, p).await } };

        // Bad replaced capacity is refused at submission with the reason; nothing stored.
        for (case, capacity, needle) in [(9002, 1000.0, "has not exited"), (9001, 5000.0, "more than the 3000"), (424242, 10.0, "no such exit case")] {
            let err = store(&city_env, relocation("bad", case, capacity)).await.unwrap_err();
            assert!(err.render(lantian::i18n::Lang::En).contains(needle), "{case}: {}", err.render(lantian::i18n::Lang::En));
        }
        let outside = viewer(Role::Bureau, Some(Department::Environment), Scope::Divisions(vec!["610112".into()]));
        assert!(store(&outside, relocation("elsewhere", 9001, 3000.0)).await.is_err(), "outside the jurisdiction");
        assert!(lantian::storage::admission::list(&t.db, &Scope::All, &Default::default()).await.unwrap().is_empty());

        // The first project: checked (admissible), opinions, approved: the case's capacity is bound to it.
        let first = store(&city_env, relocation("第一个", 9001, 3000.0)).await.unwrap();
        let second = store(&city_env, relocation("第二个", 9001, 3000.0)).await.unwrap();
        let rec = lantian::storage::admission::step(&t.db, &admin, first, Step::Check).await.unwrap();
        assert_eq!(rec.verdict, Some(lantian::admission::Verdict::Admissible), "{:?}", rec.findings);
        assert!(lantian::storage::admission::step(&t.db, &admin, first, Step::Decide { approve: true, reasons: "同意准入".into() }).await.is_err(), "opinions first");
        for d in rec.departments.clone() {
            lantian::storage::admission::step(&t.db, &admin, first, Step::Opinion { department: d, stance: Stance::Agree, text: "同意".into() }).await.unwrap();
        }
        let rec = lantian::storage::admission::step(&t.db, &admin, first, Step::Decide { approve: true, reasons: "同意准入,等量置换".into() }).await.unwrap();
        assert_eq!(rec.decision, "approved");
        assert_eq!(lantian::storage::admission::used_by(&t.db, 9001).await.unwrap(), Some(first));

        // The second project citing the same exit: its check refuses it with the reason, it cannot be approved.
        let rec = lantian::storage::admission::step(&t.db, &admin, second, Step::Check).await.unwrap();
        assert_eq!(rec.verdict, Some(lantian::admission::Verdict::Refused));
        let f = rec.findings.iter().find(|f| f.rule_id == "ledger-replaced-capacity").expect("the ledger's finding");
        assert!(f.explanation.render(lantian::i18n::Lang::En).contains(&format!("already counted by admitted project #{first}")), "{}", f.explanation.render(lantian::i18n::Lang::En));
        for d in rec.departments.clone() {
            lantian::storage::admission::step(&t.db, &admin, second, Step::Opinion { department: d, stance: Stance::Agree, text: "同意".into() }).await.unwrap();
        }
        assert!(lantian::storage::admission::step(&t.db, &admin, second, Step::Decide { approve: true, reasons: "同意准入".into() }).await.is_err());
        // A new submission citing it is refused outright.
        let err = store(&city_env, relocation("第三个", 9001, 3000.0)).await.unwrap_err();
        assert!(err.render(lantian::i18n::Lang::En).contains("cannot be counted twice"), "{}", err.render(lantian::i18n::Lang::En));
        // The refusal decision needs reasons and is recorded; publication ends the review.
        lantian::storage::admission::step(&t.db, &admin, second, Step::Decide { approve: false, reasons: "置换产能已被使用".into() }).await.unwrap();
        lantian::storage::admission::step(&t.db, &admin, second, Step::Publish).await.unwrap();
        assert!(lantian::storage::admission::step(&t.db, &admin, second, Step::Publish).await.is_err());

        // Scoped reads: outside the jurisdiction the projects do not exist.
        assert!(lantian::storage::admission::get(&t.db, &outside.scope, first).await.is_err());
        assert_eq!(lantian::storage::admission::list(&t.db, &city_env.scope, &Default::default()).await.unwrap().len(), 2);
        // Every step is in the audit log.
        let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log WHERE entity = 'admission_project'").fetch_all(&t.db.pool).await.unwrap();
        for a in ["admission_submit", "admission_check", "admission_opinion", "admission_decide", "admission_publish"] {
            assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
        }
    }

    async fn enterprise_submits_its_own_projects_only(t: &TestDb) {
        let city = load_demo_city(&t.db, 40, 4).await;
        let e = city.bundles.iter().find(|b| b.enterprise.division_code.len() >= 9).unwrap().enterprise.clone();
        // The demo's review: a refused prohibited project with its cited rule, an admitted compliant one.
        assert!(lantian::demo::admission::load_if_none(&t.db).await.unwrap());
        let all = lantian::storage::admission::list(&t.db, &Scope::All, &Default::default()).await.unwrap();
        let refused = all.iter().find(|r| r.decision == "refused").expect("the refused demo project");
        let rule = refused.findings.iter().find(|f| f.outcome == lantian::admission::Outcome::Refuse).unwrap();
        assert_eq!((rule.citation.seed.as_str(), rule.citation.line), ("004_287681968311ce01.txt", 45));
        assert_eq!(refused.state, lantian::admission::workflow::State::Published);
        assert!(all.iter().any(|r| r.decision == "approved" && r.verdict == Some(lantian::admission::Verdict::Admissible)));
        let mine = viewer(Role::Enterprise, None, Scope::Enterprise(e.credit_code.clone()));
        let p = parse(serde_json::json!({
            "name": "技改", "kind": "renovation", "industry": "3670", "division": e.division_code[..9], "in_park": false,
            "company": { "name": "任意" }, "products": [{ "name": "零件", "unit": "万件/a", "added": 1 }]
        }));
        let id = lantian::storage::admission::submit(&t.db, &mine, p.clone()).await.unwrap();
        assert_eq!(lantian::storage::admission::list(&t.db, &mine.scope, &Default::default()).await.unwrap().len(), 1, "its own only");
        let rec = lantian::storage::admission::get(&t.db, &mine.scope, id).await.unwrap();
        assert_eq!((rec.credit_code.as_str(), rec.company.as_str()), (e.credit_code.as_str(), e.name.as_str()), "the ledger's name");
        let other = city.bundles.iter().find(|b| b.enterprise.credit_code != e.credit_code).unwrap().enterprise.credit_code.clone();
        let mut theirs = p.clone();
        theirs.credit_code = other.clone();
        assert!(lantian::storage::admission::submit(&t.db, &mine, theirs).await.is_err());
        let someone_else = viewer(Role::Enterprise, None, Scope::Enterprise(other));
        assert!(lantian::storage::admission::get(&t.db, &someone_else.scope, id).await.is_err());
    }
}
