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
