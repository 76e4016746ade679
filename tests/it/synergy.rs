//! The synergy evaluation (减污降碳协同度, issue 13): the command line end to end with the real
//! binary, storage on both databases, recompute identical.

use std::process::{Command, Output};

fn lantian(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lantian")).args(args).env("RUST_LOG", "warn").env("LANTIAN_LANG", "en").output().unwrap()
}

fn lantian_zh(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lantian")).args(args).env("RUST_LOG", "warn").env("LANTIAN_LANG", "zh").output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn weights_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    // The hand-worked example of synergy::method (e = 0.579380 / 0.630930, w = 0.532639 / 0.467361),
    // saved by Excel as "CSV UTF-8" (with BOM).
    let f = file(&dir, "ind.csv", "\u{feff}unit,x1+,x2-\r\nA,1,10\r\nB,2,10\r\nC,3,40\r\n".as_bytes());
    let o = lantian(&["synergy", "weights", "--input", &f]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "indicator,entropy,weight\nx1,0.579380,0.532639\nx2,0.630930,0.467361\n");

    // Plain "CSV" on a Chinese Windows: GBK, Chinese headers.
    let (gbk, _, _) = encoding_rs::GBK.encode("区县,PM2.5浓度-,优良天数比例+\n青城区,38,80\n蓝水县,30,85\n白鹿区,45,70\n");
    let f = file(&dir, "gbk.csv", &gbk);
    let o = lantian(&["synergy", "weights", "--input", &f]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "indicator,entropy,weight");
    assert!(lines[1].starts_with("PM2.5浓度,") && lines[2].starts_with("优良天数比例,"), "{out}");
    let sum: f64 = lines[1..].iter().map(|l| l.rsplit(',').next().unwrap().parse::<f64>().unwrap()).sum();
    assert!((sum - 1.0).abs() < 1e-5, "{out}");
}

#[test]
fn weights_refuse_bad_input_with_row_column_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    // A header without a direction.
    let f = file(&dir, "nodir.csv", b"unit,gdp+,pm25\nA,1,2\nB,2,3\n");
    let o = lantian(&["synergy", "weights", "--input", &f]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("row 1 column 'pm25'") && stderr(&o).contains("no direction"), "{}", stderr(&o));
    // A constant column: the entropy is undefined, and the message says so.
    let f = file(&dir, "const.csv", b"unit,gdp+,pm25-\nA,1,35\nB,2,35\nC,3,35\n");
    let o = lantian(&["synergy", "weights", "--input", &f]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("pm25-") && stderr(&o).contains("entropy is undefined"), "{}", stderr(&o));
    let o = lantian_zh(&["synergy", "weights", "--input", &f]);
    assert!(stderr(&o).contains("熵值无定义"), "{}", stderr(&o));
    // Empty and non-numeric values, a ragged row: every one named.
    let f = file(&dir, "cells.csv", b"unit,gdp+,pm25-\nA,1,\nB,x,3\nC,1\n");
    let o = lantian(&["synergy", "weights", "--input", &f]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("row 2 column 'pm25-'") && e.contains("empty value"), "{e}");
    assert!(e.contains("row 3 column 'gdp+'") && e.contains("not a number"), "{e}");
    assert!(e.contains("row 4") && e.contains("this row has 2 fields, the header has 3"), "{e}");
    // One unit only; a missing file.
    let f = file(&dir, "one.csv", b"unit,gdp+\nA,1\n");
    let o = lantian(&["synergy", "weights", "--input", &f]);
    assert!(!o.status.success() && stderr(&o).contains("at least 2 units"), "{}", stderr(&o));
    let o = lantian(&["synergy", "weights", "--input", dir.path().join("missing.csv").to_str().unwrap()]);
    assert!(!o.status.success() && stderr(&o).contains("missing.csv"), "{}", stderr(&o));
}

#[test]
fn couple_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    // Two subsystems by hand: U = (0.36, 0.64) → C = 0.96, T = 0.5, D = √0.48 = 0.692820 (初级协调,
    // 0.6 < D ≤ 0.7); three: U = (0.2, 0.4, 0.8) → C = 0.857143, T = 0.466667, D = √0.4 = 0.632456.
    let f = file(&dir, "two.csv", b"unit,U1,U2\nA,0.36,0.64\nB,0,0\n");
    let o = lantian(&["synergy", "couple", "--input", &f]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "unit,C,T,D,level\nA,0.960000,0.500000,0.692820,primary coordination\nB,0.000000,0.000000,0.000000,extreme imbalance\n");
    let o = lantian_zh(&["synergy", "couple", "--input", &f]);
    assert!(stdout(&o).contains("A,0.960000,0.500000,0.692820,初级协调"), "{}", stdout(&o));
    let o = lantian(&["synergy", "couple", "--input", &f, "--alpha", "0.3,0.7"]);
    assert!(stdout(&o).contains("A,0.960000,0.556000,0.730589,intermediate coordination"), "{}", stdout(&o));
    let f3 = file(&dir, "three.csv", b"unit,env,carbon,measures\nA,0.2,0.4,0.8\n");
    let o = lantian(&["synergy", "couple", "--input", &f3]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "unit,C,T,D,level\nA,0.857143,0.466667,0.632456,primary coordination\n");
}

#[test]
fn couple_refuses_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let one = file(&dir, "one.csv", b"unit,U1\nA,0.5\n");
    let o = lantian(&["synergy", "couple", "--input", &one]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("at least 2 subsystems"), "{}", stderr(&o));
    let bad = file(&dir, "bad.csv", b"unit,U1,U2\nA,-0.1,0.5\nB,,0.5\nC,1.2,0.1\n");
    let o = lantian(&["synergy", "couple", "--input", &bad]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("row 2 column 'U1'") && e.contains("cannot be negative"), "{e}");
    assert!(e.contains("row 3 column 'U1'") && e.contains("empty value"), "{e}");
    assert!(e.contains("row 4 column 'U1'") && e.contains("above 1"), "{e}");
    let ok = file(&dir, "ok.csv", b"unit,U1,U2\nA,0.3,0.5\n");
    let o = lantian(&["synergy", "couple", "--input", &ok, "--alpha", "0.5,0.3"]);
    assert!(!o.status.success() && stderr(&o).contains("sum to 0.8"), "{}", stderr(&o));
    let o = lantian(&["synergy", "couple", "--input", &ok, "--alpha", "0.2,0.3,0.5"]);
    assert!(!o.status.success() && stderr(&o).contains("gives 3 weight(s) but the file has 2 subsystems"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}

mod storage {
    use crate::both_backends;
    use crate::support::*;
    use lantian::storage::audit::Actor;
    use lantian::storage::synergy as stored;
    use lantian::synergy::evaluate::Origin;

    both_backends! {
        async fn the_demo_evaluation_is_stored_and_recomputes_identically(t: &TestDb) {
            let db = &t.db;
            load_demo_city(db, 300, 3).await;
            let id = lantian::demo::synergy::load(db, 2026).await.unwrap();
            let s = stored::get(db, &Scope::All, id).await.unwrap();
            assert_eq!(s.inputs.districts.len(), 6);
            assert_eq!(s.outcome.units.len(), 18, "6 districts × 2023–2025");
            assert_eq!(s.inputs.system.dimensions.len(), 5);
            // Computed from the ledger: energy intensity in every year, the A/B share in 2025.
            let origin = |ind: &str, year: i32| s.inputs.values.iter().find(|v| v.district == "612002" && v.year == year && v.indicator == ind).map(|v| v.origin.clone());
            assert!(matches!(origin("energy_intensity", 2023), Some(Origin::Computed { .. })), "{:?}", origin("energy_intensity", 2023));
            assert!(matches!(origin("ab_share", 2025), Some(Origin::Computed { .. })));
            // How it was computed, in either language.
            let how = origin("energy_intensity", 2024).unwrap();
            assert!(how.detail(lantian::i18n::Lang::Zh).contains("吨标准煤") && how.detail(lantian::i18n::Lang::En).contains("tce"), "{how:?}");
            assert!(matches!(origin("ab_share", 2023), Some(Origin::Entered { .. })));
            assert!(matches!(origin("pm25", 2024), Some(Origin::Entered { .. })));
            for u in &s.outcome.units {
                assert!((0.0..=1.0).contains(&u.coupled.d), "{u:?}");
            }
            let sum: f64 = s.outcome.weights.iter().filter(|w| w.dimension == "environment").map(|w| w.weight).sum();
            assert!((sum - 1.0).abs() < 1e-9);
            let (same, digest) = stored::recompute(db, &Scope::All, id).await.unwrap();
            assert!(same);
            assert_eq!(digest, s.outcome_sha256);
            // A stored outcome that no longer follows from its inputs is told apart.
            sqlx::query("UPDATE synergy_evaluations SET outcome_json = REPLACE(outcome_json, '\"level\":', '\"level\": ') WHERE id = $1").bind(id).execute(&db.pool).await.unwrap();
            assert!(!stored::recompute(db, &Scope::All, id).await.unwrap().0);
            // Out of scope: like a missing one.
            let other = Scope::Divisions(vec!["610100".into()]);
            assert!(matches!(stored::get(db, &other, id).await, Err(lantian::Error::NotFound(_))));
            assert!(stored::list(db, &other).await.unwrap().is_empty());
            assert_eq!(stored::list(db, &Scope::Divisions(vec!["612000".into()])).await.unwrap().len(), 1);
            // Audited.
            let audit = lantian::storage::audit::recent(db, 50).await.unwrap();
            assert!(audit.iter().any(|e| e.action == "synergy_evaluate" && e.entity_id == id.to_string()));
            assert!(audit.iter().any(|e| e.action == "synergy_values_enter"));
        }

        async fn entered_values_are_all_or_nothing(t: &TestDb) {
            let db = &t.db;
            load_demo_city(db, 60, 5).await;
            let sheet = "v.csv";
            let rows = lantian::synergy::entry::parse(sheet, &lantian::synergy::entry::read_file(sheet, "区县代码,年份,指标代码,数值\n612002,2024,pm25,40\n612099,2024,pm25,41\n612003,2024,nothing,3\n".as_bytes()).unwrap()).unwrap();
            let e = stored::enter_values(db, &Actor::cli(), &Scope::All, "612000", sheet, &rows).await.unwrap_err();
            let lantian::Error::Rejected(problems) = e else { panic!("{e:?}") };
            let at: Vec<(usize, &str)> = problems.iter().map(|p| (p.row, p.column.as_str())).collect();
            assert_eq!(at, vec![(3, "division"), (4, "indicator")]);
            assert!(stored::entered_values(db, &Scope::All, "612000").await.unwrap().is_empty(), "nothing written");
            // A county account enters only for its county.
            let county = Scope::Divisions(vec!["612003".into()]);
            let e = stored::enter_values(db, &Actor::cli(), &county, "612000", sheet, &rows[..1]).await.unwrap_err();
            assert!(matches!(e, lantian::Error::Rejected(_)));
            assert_eq!(stored::enter_values(db, &Actor::cli(), &Scope::All, "612000", sheet, &rows[..1]).await.unwrap(), 1);
            // Replacing keeps one value, the latest.
            let mut again = rows[..1].to_vec();
            again[0].0.value = 39.5;
            stored::enter_values(db, &Actor::cli(), &Scope::All, "612000", sheet, &again).await.unwrap();
            let v = stored::entered_values(db, &Scope::All, "612000").await.unwrap();
            assert_eq!(v.len(), 1);
            assert_eq!(v[0].entered.value, 39.5);
            // An evaluation missing values is refused and names them; nothing stored.
            let e = stored::run(db, &Actor::cli(), &Scope::All, "612000", &[2024], None, 2026).await.unwrap_err();
            let lantian::Error::Rejected(problems) = e else { panic!("{e:?}") };
            assert!(problems.iter().any(|p| p.reason.code() == "synergy.evaluate.missing_value"));
            assert!(stored::list(db, &Scope::All).await.unwrap().is_empty());
        }
    }
}

#[test]
fn evaluate_and_recompute_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let o = lantian(&["--data-dir", data, "demo", "--enterprises", "200", "--seed", "4"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The demo loads its evaluation (id 1); recompute it, then evaluate 2025 alone again.
    let o = lantian(&["--data-dir", data, "synergy", "recompute", "--id", "1"]);
    assert!(o.status.success() && stdout(&o).contains("identical"), "{}{}", stdout(&o), stderr(&o));
    let o = lantian(&["--data-dir", data, "synergy", "evaluate", "--jurisdiction", "612000", "--years", "2025"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("district,year,environment,carbon,coupling,structure,governance,C,T,D,level\n"), "{out}");
    assert_eq!(out.lines().count(), 7, "{out}");
    let o = lantian(&["--data-dir", data, "synergy", "evaluate", "--jurisdiction", "612000", "--years", "2019"]);
    assert!(!o.status.success() && stderr(&o).contains("no value for"), "{}", stderr(&o));
    let bad = file(&dir, "v.csv", "区县代码,年份,指标代码,数值\n612002,2024,pm25,abc\n".as_bytes());
    let o = lantian(&["--data-dir", data, "synergy", "import", &bad, "--jurisdiction", "612000"]);
    assert!(!o.status.success() && stderr(&o).contains("row 2") && stderr(&o).contains("not a number"), "{}", stderr(&o));
}

mod web {
    use crate::both_backends;
    use crate::support::*;
    use lantian::storage::synergy as stored;

    both_backends! {
        async fn the_bureau_enters_imports_configures_and_evaluates_through_the_pages(t: &TestDb) {
            let db = &t.db;
            load_demo_city(db, 200, 8).await;
            lantian::demo::synergy::load(db, 2026).await.unwrap();
            let base = serve(db, lantian::web::WebConfig { rate_limit: 0, ..Default::default() }).await;
            let s = login(&base, "city-environment").await;
            let post = |path: &str, form: Vec<(&str, String)>| {
                let mut f = vec![("_csrf", s.csrf.clone())];
                f.extend(form);
                s.client.post(format!("{base}{path}")).header("X-CSRF-Token", &s.csrf).form(&f).send()
            };
            // One value from the form: stored, audited.
            let r = post("/synergy/values", vec![("division", "612002".into()), ("year", "2025".into()), ("indicator", "pm25".into()), ("value", "33.5".into()), ("note", "区公报".into())]).await.unwrap();
            assert_eq!(r.status(), 303);
            let v = stored::entered_values(db, &Scope::All, "612000").await.unwrap();
            assert!(v.iter().any(|v| v.entered.division_code == "612002" && v.entered.year == 2025 && v.entered.indicator == "pm25" && v.entered.value == 33.5));
            // A bad value: 422 with the cell named, nothing changed.
            let r = post("/synergy/values", vec![("division", "612002".into()), ("year", "2025".into()), ("indicator", "pm25".into()), ("value", "x".into())]).await.unwrap();
            assert_eq!(r.status(), 422);
            assert!(r.text().await.unwrap().contains("不是数字"));
            // An import through the upload form.
            let csv = "区县代码,年份,指标代码,数值,来源说明\n612003,2025,pm25,40.5,区公报\n".as_bytes().to_vec();
            let form = reqwest::multipart::Form::new().text("_csrf", s.csrf.clone()).part("file", reqwest::multipart::Part::bytes(csv).file_name("v.csv"));
            let r = s.client.post(format!("{base}/synergy/import")).multipart(form).send().await.unwrap();
            assert_eq!(r.status(), 303);
            // A new evaluation of 2025 from the pages: the values just entered are in it.
            let r = post("/synergy/evaluate", vec![("years", "2025".into())]).await.unwrap();
            assert_eq!(r.status(), 303);
            let id: i64 = r.headers()["location"].to_str().unwrap().trim_start_matches("/synergy?id=").parse().unwrap();
            let e = stored::get(db, &Scope::All, id).await.unwrap();
            assert_eq!(e.inputs.years, vec![2025]);
            assert!(e.inputs.values.iter().any(|v| v.district == "612003" && v.indicator == "pm25" && v.value == 40.5));
            let r = s.client.get(format!("{base}/synergy?id={id}")).send().await.unwrap();
            assert_eq!(r.status(), 200);
            assert!(r.text().await.unwrap().contains("结果完全一致"));
            let r = s.client.get(format!("{base}/synergy/export.xlsx?id={id}")).send().await.unwrap();
            assert_eq!(r.status(), 200);
            assert_eq!(&r.bytes().await.unwrap()[..2], b"PK");
            // The indicator system: a broken edit names its line and stores nothing; a valid one is in force.
            let broken = lantian::synergy::system::DEFAULT_TEXT.replace("source = \"ledger.low_nox_boilers\"", "source = \"nowhere\"");
            let r = post("/synergy/system", vec![("text", broken)]).await.unwrap();
            assert_eq!(r.status(), 422);
            let body = r.text().await.unwrap();
            assert!(body.contains("nowhere") && body.contains("行"), "{body}");
            assert_eq!(stored::system_in_force(db, "612000").await.unwrap().id, None);
            let mine = lantian::synergy::system::DEFAULT_TEXT.replace("name = \"减污降碳协同度评价指标体系(默认)\"", "name = \"青岚市指标体系\"");
            let r = post("/synergy/system", vec![("text", mine)]).await.unwrap();
            assert_eq!(r.status(), 303);
            assert_eq!(stored::system_in_force(db, "612000").await.unwrap().system.name, "青岚市指标体系");
            let audit = lantian::storage::audit::recent(db, 30).await.unwrap();
            for action in ["synergy_values_enter", "synergy_evaluate", "synergy_system_set", "export"] {
                assert!(audit.iter().any(|e| e.action == action), "{action} audited");
            }
            // Bureau staff of another department read but do not run it.
            let market = login(&base, "city-industry").await;
            assert_eq!(market.client.get(format!("{base}/synergy")).send().await.unwrap().status(), 200);
            let r = market.client.post(format!("{base}/synergy/evaluate")).header("X-CSRF-Token", &market.csrf).form(&[("_csrf", market.csrf.as_str()), ("years", "2025")]).send().await.unwrap();
            assert_eq!(r.status(), 403);
        }
    }
}
