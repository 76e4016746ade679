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
