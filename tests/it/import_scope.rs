//! Issue 17 items 6 and 11 over HTTP on both databases: an enterprise's own import cannot
//! move it, stop it or erase its children (it becomes a proposal that keeps what the file does
//! not carry), and a county's dry run says the same for another county's enterprise as for a
//! credit code nobody holds.


use lantian::demo::accounts::DEMO_COUNTY;
use lantian::excel::columns::{enterprise_row, format_number, Cell, ENTERPRISE_COLUMNS};
use lantian::ledger::EnterpriseBundle;
use lantian::storage::submissions::{self, SubmissionFilter};
use reqwest::StatusCode;

use crate::both_backends;
use crate::import_limits::{row, workbook};
use crate::support::*;

fn demo_enterprise(city: &lantian::demo::DemoCity) -> String {
    lantian::demo::accounts::accounts(city).into_iter().find(|u| u.username == "enterprise").unwrap().enterprise_code
}

/// A workbook that carries the enterprise sheet only (no lines, equipment, outlets, figures).
fn enterprise_sheet_only(b: &EnterpriseBundle) -> Vec<u8> {
    workbook(|w| {
        let headers: Vec<&str> = ENTERPRISE_COLUMNS.iter().map(|c| c.header).collect();
        row(w, 1, &headers);
        w.write_all(b"<row r=\"2\">").unwrap();
        for (c, cell) in enterprise_row(&b.enterprise).iter().enumerate() {
            let at = format!("{}2", lantian::excel::limits::column_letters(c));
            match cell {
                Cell::Empty => {}
                Cell::Text(s) => write!(w, r#"<c r="{at}" t="inlineStr"><is><t>{s}</t></is></c>"#).unwrap(),
                Cell::Number(n) => write!(w, r#"<c r="{at}"><v>{}</v></c>"#, format_number(*n)).unwrap(),
            }
        }
        w.write_all(b"</row>").unwrap();
    })
}

both_backends! {
    async fn an_enterprise_import_cannot_move_stop_or_empty_itself(t: &TestDb) {
        let city = load_demo_city(&t.db, 60, 2).await;
        let code = demo_enterprise(&city);
        let base = serve(&t.db, lantian::web::WebConfig { rate_limit: 0, ..Default::default() }).await;
        let before = submissions::current_bundle(&t.db, &code).await.unwrap().unwrap();
        assert!(!before.outlets.is_empty() && !before.equipment.is_empty(), "the demo enterprise has children to lose");
        let elsewhere = city.bundles.iter().find(|b| !b.enterprise.division_code.starts_with(DEMO_COUNTY)).unwrap().enterprise.division_code.clone();
        let mut moved = before.clone();
        moved.enterprise.division_code = elsewhere.clone();
        moved.enterprise.status = "suspended".into();
        let county = Scope::Divisions(vec![DEMO_COUNTY.to_string()]);
        let company = login(&base, "enterprise").await;
        let reviewer = login(&base, "county-market").await;

        let csv = lantian::excel::export::enterprises_csv(std::slice::from_ref(&moved));
        for (what, query, body) in [("csv", "update=true&format=csv", csv), ("xlsx", "update=true", enterprise_sheet_only(&moved))] {
            let r = company.client.post(format!("{base}/api/ledger/import?{query}")).header("x-csrf-token", &company.csrf).body(body).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::ACCEPTED, "{what}: a proposal, not a write");
            let report: serde_json::Value = r.json().await.unwrap();
            let id = report["submitted"][0].as_i64().expect("a submission id");
            assert_eq!(submissions::current_bundle(&t.db, &code).await.unwrap().unwrap(), before, "{what}: the ledger is unchanged");

            // The proposal waits in its own county's queue, moves and stops nothing by itself, and keeps the children.
            let s = submissions::get(&t.db, &county, id).await.unwrap();
            assert!(s.division_code.starts_with(DEMO_COUNTY), "{what}: reviewed where the enterprise is registered");
            let proposed: EnterpriseBundle = serde_json::from_value(s.payload.clone()).unwrap();
            assert_eq!(proposed.enterprise.division_code, elsewhere);
            assert_eq!((&proposed.lines, &proposed.equipment, &proposed.outlets, &proposed.yearly), (&before.lines, &before.equipment, &before.outlets, &before.yearly), "{what}: children kept");
            let fields: Vec<&str> = s.changes.iter().map(|c| c.field.as_str()).collect();
            assert!(fields.contains(&"行政区划代码") && fields.contains(&"生产状态"), "{what}: {fields:?}");
            assert!(s.changes.iter().all(|c| c.sheet == "企业"), "{what}: nothing else would change: {:?}", s.changes);
            let pending = SubmissionFilter { state: Some("pending".into()), ..Default::default() };
            assert_eq!(submissions::list(&t.db, &county, &pending).await.unwrap().len(), 1);

            let r = reviewer.client.post(format!("{base}/submissions/{id}/return")).form(&[("_csrf", reviewer.csrf.as_str()), ("reason", "区划与状态须附证明")]).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
        }
    }

    async fn a_dry_run_says_the_same_for_another_countys_code_as_for_an_unknown_one(t: &TestDb) {
        let city = load_demo_city(&t.db, 60, 2).await;
        let base = serve(&t.db, lantian::web::WebConfig { rate_limit: 0, ..Default::default() }).await;
        let county = login(&base, "county-market").await;
        let ours = city.bundles.iter().find(|b| b.enterprise.division_code.starts_with(DEMO_COUNTY)).unwrap().enterprise.division_code.clone();
        let foreign = city.bundles.iter().find(|b| !b.enterprise.division_code.starts_with(DEMO_COUNTY)).unwrap();
        let foreign_division = foreign.enterprise.division_code.clone();
        let mut registered_elsewhere = foreign.clone();
        registered_elsewhere.enterprise.division_code = ours;
        let mut unknown = registered_elsewhere.clone();
        unknown.enterprise.credit_code = (0..1000)
            .filter_map(|i| lantian::ledger::credit_code::complete(&format!("91{DEMO_COUNTY}MA0000{i:03}")))
            .find(|c| city.bundles.iter().all(|b| &b.enterprise.credit_code != c))
            .unwrap();
        let answer = |b: &EnterpriseBundle, query: &str| {
            let csv = lantian::excel::export::enterprises_csv(std::slice::from_ref(b));
            let request = county.client.post(format!("{base}/api/ledger/import?format=csv&lang=en&{query}")).header("x-csrf-token", &county.csrf).body(csv);
            async move {
                let r = request.send().await.unwrap();
                (r.status(), r.text().await.unwrap())
            }
        };
        for query in ["dry_run=true", "dry_run=true&update=true"] {
            let (a, b) = (answer(&registered_elsewhere, query).await, answer(&unknown, query).await);
            assert_eq!(a, b, "{query}: another county's enterprise answers like a code nobody holds");
            assert_eq!(a.0, StatusCode::OK, "{query}: {}", a.1);
        }
        // Writing it is refused, in the words used for any row outside the jurisdiction, and changes nothing.
        let (status, body) = answer(&registered_elsewhere, "update=true").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("\"reason_code\":\"ledger.import.outside_jurisdiction\"") && body.contains("outside the jurisdiction of this account"), "{body}");
        assert!(!body.contains("registered") && !body.contains("already_in_ledger"), "{body}");
        let kept = submissions::current_bundle(&t.db, &foreign.enterprise.credit_code).await.unwrap().unwrap();
        assert_eq!(kept.enterprise.division_code, foreign_division);
    }
}
