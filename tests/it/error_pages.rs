//! Error answers: pages in the site's frame and the viewer's language, JSON under /api/.

use std::time::Duration;

use reqwest::header;

use crate::support::*;

async fn server() -> (String, TestDb) {
    let t = TestDb::sqlite().await;
    load_demo_city(&t.db, 40, 7).await;
    let base = serve(&t.db, Default::default()).await;
    (base, t)
}

async fn page(r: reqwest::Response) -> (u16, String) {
    let status = r.status().as_u16();
    let ct = r.headers().get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    assert!(ct.starts_with("text/html"), "status {status}: content type {ct:?}");
    (status, r.text().await.unwrap())
}

/// The page is in the frame (header, stylesheet), says what went wrong and offers a way back.
fn framed(body: &str) {
    assert!(body.contains("/static/app.css") && body.contains("class=\"brand\""), "not in the frame: {body}");
    assert!(body.contains("id=\"error-home\""), "no way back: {body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_url_bad_id_and_forbidden_export_are_pages_in_the_viewers_language() {
    let (base, _t) = server().await;
    let admin = login(&base, "admin").await.client;

    let (status, body) = page(admin.get(format!("{base}/no/such/page")).send().await.unwrap()).await;
    assert_eq!(status, 404);
    framed(&body);
    assert!(body.contains("页面不存在") && body.contains("/no/such/page"), "{body}");
    assert!(body.contains("id=\"whoami\""), "the signed-in frame shows the account: {body}");

    let (status, body) = page(admin.get(format!("{base}/no/such/page?lang=en")).send().await.unwrap()).await;
    assert_eq!(status, 404);
    assert!(body.contains("Page not found") && !body.contains("页面不存在"), "{body}");

    let (status, body) = page(admin.get(format!("{base}/enterprises/abc?lang=zh")).send().await.unwrap()).await;
    assert_eq!(status, 400);
    framed(&body);
    assert!(body.contains("“<span class=\"v\">abc</span>”") && body.contains("不是有效的编号"), "{body}");
    assert!(!body.contains("Cannot parse"), "{body}");

    let (status, body) = page(admin.get(format!("{base}/enterprises/999999")).send().await.unwrap()).await;
    assert_eq!(status, 404);
    framed(&body);

    // A grid inspector follows the 导出Excel link (a browser navigation).
    let grid = login(&base, "grid").await.client;
    let r = grid
        .get(format!("{base}/api/ledger/export.xlsx"))
        .header(header::ACCEPT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
        .header(header::REFERER, format!("{base}/enterprises"))
        .send()
        .await
        .unwrap();
    let (status, body) = page(r).await;
    assert_eq!(status, 403);
    framed(&body);
    assert!(body.contains("无权") && body.contains("href=\"/enterprises\""), "names the refusal and links back: {body}");

    // A program gets JSON with a code, the message in its language.
    let r = grid.get(format!("{base}/api/ledger/export.xlsx")).header("accept-language", "en-US,en;q=0.9").send().await.unwrap();
    assert_eq!(r.status(), 403);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["code"], "http.may_not_open");
    assert!(v["message"].as_str().unwrap().starts_with("Your account may not"), "{v}");
    let r = admin.get(format!("{base}/api/enterprises/999999")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let v: serde_json::Value = r.json().await.unwrap();
    assert!(v["code"].as_str().is_some_and(|c| !c.is_empty()) && v["message"].as_str().is_some(), "{v}");
    let r = admin.get(format!("{base}/api/no-such-endpoint")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["code"], "http.page_not_found");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_requests_are_answered_not_hung() {
    let (base, _t) = server().await;
    let admin = login(&base, "admin").await;
    let c = reqwest::Client::builder().timeout(Duration::from_secs(20)).cookie_store(false).build().unwrap();

    // A query string over 16 KB.
    let long = "q=".to_string() + &"x".repeat(17 * 1024);
    let (status, body) = page(admin.client.get(format!("{base}/enterprises?{long}")).timeout(Duration::from_secs(20)).send().await.unwrap()).await;
    assert_eq!(status, 414);
    framed(&body);
    assert!(body.contains("16 KB"), "{body}");
    let r = c.get(format!("{base}/api/enterprises?{long}")).send().await.unwrap();
    assert_eq!(r.status(), 414);
    // Near the longest target an HTTP client can send (64 KB).
    let huge = "q=".to_string() + &"x".repeat(60 * 1024);
    let r = c.get(format!("{base}/enterprises?{huge}")).send().await.unwrap();
    assert_eq!(r.status(), 414);

    // Headers over 32 KB (a cookie jar gone wild).
    let r = c.get(format!("{base}/login")).header(header::COOKIE, format!("junk={}", "y".repeat(40 * 1024))).send().await.unwrap();
    assert_eq!(r.status(), 431);

    // A form over the 1 MB form limit.
    let r = admin
        .client
        .post(format!("{base}/account/password"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(format!("_csrf={}&current={}", admin.csrf, "z".repeat(2 * 1024 * 1024)))
        .send()
        .await
        .unwrap();
    let (status, body) = page(r).await;
    assert_eq!(status, 413);
    framed(&body);
    assert!(body.contains("MB"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_and_internal_errors_are_pages() {
    let t = TestDb::sqlite().await;
    load_demo_city(&t.db, 10, 7).await;
    let config = lantian::web::WebConfig { rate_limit: 1, ..Default::default() };
    let base = serve(&t.db, config).await;
    let c = cookie_client();
    let mut limited = None;
    for _ in 0..20 {
        let r = c.get(format!("{base}/login?lang=en")).send().await.unwrap();
        if r.status() == 429 {
            limited = Some(r);
            break;
        }
    }
    let r = limited.expect("the rate limit answers 429");
    assert!(r.headers().contains_key(header::RETRY_AFTER));
    let (_, body) = page(r).await;
    framed(&body);
    assert!(body.contains("Too many requests"), "{body}");

    // The database goes away: a 500 page that reveals nothing of the failure.
    let (base, t) = server().await;
    let c = login(&base, "admin").await.client;
    t.db.pool.close().await;
    let (status, body) = page(c.get(format!("{base}/enterprises")).send().await.unwrap()).await;
    assert_eq!(status, 500);
    framed(&body);
    assert!(body.contains("服务器内部错误") && !body.to_lowercase().contains("pool"), "{body}");
}
