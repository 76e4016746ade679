//! CSV exports cannot carry formulas into the officer's spreadsheet (issue 17, item 8):
//! a ledger whose names begin with `=`, `+`, `-` or `@` exports them as text.

use crate::support::*;

const FORMULAS: [&str; 4] = ["=HYPERLINK(\"http://evil.example\",\"点击查看\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"];

fn cells(csv_bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(csv_bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(csv_bytes)).unwrap();
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    r.records().map(|rec| rec.unwrap().iter().map(str::to_string).collect()).collect()
}

crate::both_backends! {
    async fn ledger_export_neutralises_formula_names(t: &TestDb) {
        let mut city = lantian::demo::generate(12, 5);
        for (b, name) in city.bundles.iter_mut().zip(FORMULAS) {
            b.enterprise.name = name.to_string();
        }
        load_demo_divisions(&t.db, &city).await;
        lantian::storage::accounts::add_user(&t.db, &lantian::storage::audit::Actor::system(), &lantian::demo::accounts::accounts(&city)[0]).await.unwrap();
        let base = serve(&t.db, Default::default()).await;
        let s = login(&base, "admin").await;
        let upload = lantian::excel::export::enterprises_csv(&city.bundles);
        let r = s.client.post(format!("{base}/api/ledger/import?format=csv")).header("x-csrf-token", &s.csrf).body(upload).send().await.unwrap();
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());

        let exported = s.client.get(format!("{base}/api/ledger/export.csv")).send().await.unwrap().bytes().await.unwrap();
        let rows = cells(&exported);
        for name in FORMULAS {
            let expected = format!("'{name}");
            assert!(rows.iter().any(|row| row.contains(&expected)), "{name:?} exported as text");
        }
        for row in &rows {
            for cell in row {
                let first = cell.chars().next();
                let formula = matches!(first, Some('=' | '+' | '@' | '\t' | '\r')) || (first == Some('-') && cell.parse::<f64>().is_err());
                assert!(!formula, "no cell starts a formula: {cell:?}");
            }
        }
    }
}
