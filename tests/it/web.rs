//! The HTTP surface, served on an ephemeral port over a temporary SQLite ledger.

use lantian::storage::ledger as store;

use crate::support::*;

async fn server(n: usize) -> (String, TestDb) {
    let t = TestDb::sqlite().await;
    load_demo_city(&t.db, n, 11).await;
    let base = serve(&t.db, Default::default()).await;
    (base, t)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_and_api_answer() {
    let (base, _t) = server(80).await;
    let c = login(&base, "admin").await.client;
    for path in ["/", "/enterprises", "/enterprises?status=operating&page=2", "/enterprises/3", "/import", "/healthz", "/static/app.css"] {
        let r = c.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
    }
    let home = c.get(format!("{base}/")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains("企业总数") && home.contains("<svg"));
    let en = c.get(format!("{base}/enterprises?lang=en")).send().await.unwrap();
    assert!(en.headers().get("set-cookie").unwrap().to_str().unwrap().starts_with("lang=en"));
    assert!(en.text().await.unwrap().contains("Enterprise ledger"));

    let page: serde_json::Value = c.get(format!("{base}/api/enterprises?per_page=5&division=612000")).send().await.unwrap().json().await.unwrap();
    assert_eq!(page["total"], 80);
    assert_eq!(page["items"].as_array().unwrap().len(), 5);
    let d: serde_json::Value = c.get(format!("{base}/api/enterprises/2")).send().await.unwrap().json().await.unwrap();
    assert_eq!(d["enterprise"]["id"], 2);
    assert_eq!(c.get(format!("{base}/api/enterprises/424242")).send().await.unwrap().status(), 404);
    assert_eq!(c.get(format!("{base}/enterprises/424242")).send().await.unwrap().status(), 404);

    let spec: serde_json::Value = c.get(format!("{base}/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    for path in ["/api/enterprises", "/api/enterprises/{id}", "/api/ledger/import", "/api/ledger/export.xlsx", "/api/campaigns/{campaign}/summary", "/api/campaigns/{campaign}/ranking"] {
        assert!(spec["paths"][path].is_object(), "{path} documented");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_over_http_reports_problems_and_limits_size() {
    let (base, t) = server(10).await;
    let Session { client: c, csrf } = login(&base, "admin").await;
    let r = c.post(format!("{base}/api/ledger/import")).header("x-csrf-token", &csrf).body("not a workbook").send().await.unwrap();
    assert_eq!(r.status(), 422);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["problems"][0]["reason_code"], "ledger.file.not_xlsx", "{body}");
    assert!(body["problems"][0]["reason"].as_str().unwrap().contains(".xlsx"), "{body}");

    let too_big = vec![b'x'; lantian::web::MAX_UPLOAD_BYTES + 1];
    let r = c.post(format!("{base}/api/ledger/import")).header("x-csrf-token", &csrf).body(too_big).send().await.unwrap();
    assert_eq!(r.status(), 413);

    // The export of the list's filter imports back as a dry run with every row a duplicate.
    let xlsx = c.get(format!("{base}/api/ledger/export.xlsx")).send().await.unwrap().bytes().await.unwrap();
    let r = c.post(format!("{base}/api/ledger/import?dry_run=true")).header("x-csrf-token", &csrf).body(xlsx.clone()).send().await.unwrap();
    assert_eq!(r.status(), 422);
    let r = c.post(format!("{base}/api/ledger/import?dry_run=true&update=true")).header("x-csrf-token", &csrf).body(xlsx).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let report: serde_json::Value = r.json().await.unwrap();
    assert_eq!(report["updated"], 10);

    // The page upload shows the same report.
    let form = reqwest::multipart::Form::new().text("_csrf", csrf.clone()).part("file", reqwest::multipart::Part::bytes(b"junk".to_vec()).file_name("x.xlsx"));
    let r = c.post(format!("{base}/import")).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("导入失败"));
    assert_eq!(store::list(&t.db, &Scope::All, &Default::default()).await.unwrap().total, 10, "nothing written");
}
