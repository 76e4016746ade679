//! Issue 17 item 15 (part): security headers on every answer, pages that a strict CSP can
//! show (no inline script, no style attribute), and `/metrics` for bureau staff, the
//! administrator and the scraper token only.

use reqwest::StatusCode;

use crate::support::*;

const TOKEN: &str = "scrape-token-for-headers";

fn assert_security_headers(what: &str, r: &reqwest::Response) {
    let h = r.headers();
    let get = |name: &str| h.get(name).and_then(|v| v.to_str().ok()).unwrap_or_else(|| panic!("{what}: no {name} header")).to_string();
    let csp = get("content-security-policy");
    for directive in ["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'"] {
        assert!(csp.contains(directive), "{what}: CSP {csp:?} lacks {directive}");
    }
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{what}: {csp}");
    assert_eq!(get("x-frame-options"), "DENY", "{what}");
    assert_eq!(get("x-content-type-options"), "nosniff", "{what}");
}

fn cache_control(r: &reqwest::Response) -> String {
    r.headers().get("cache-control").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_carries_the_security_headers() {
    let t = TestDb::sqlite().await;
    let city = load_demo_city(&t.db, 12, 15).await;
    let base = serve(&t.db, lantian::web::WebConfig { rate_limit: 0, ..Default::default() }).await;
    let anonymous = cookie_client();

    let r = anonymous.get(format!("{base}/login")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_security_headers("the sign-in page", &r);
    assert_eq!(cache_control(&r), "no-store");

    for asset in ["/static/app.css", "/static/offline.js"] {
        let r = anonymous.get(format!("{base}{asset}")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{asset}");
        assert_security_headers(asset, &r);
        let cache = cache_control(&r);
        assert!(cache.contains("max-age=") && !cache.contains("no-store"), "{asset}: an asset may be cached ({cache})");
    }
    let js = anonymous.get(format!("{base}/static/offline.js")).send().await.unwrap();
    assert!(js.headers()["content-type"].to_str().unwrap().starts_with("text/javascript"));
    assert!(js.text().await.unwrap().contains("lantian-draft-"));

    // Refusals and errors too (rendered by the outer error layer).
    let r = anonymous.get(format!("{base}/api/me")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_security_headers("a refused API call", &r);

    let admin = login(&base, "admin").await;
    let r = admin.client.get(format!("{base}/api/me")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_security_headers("an API answer", &r);
    assert_eq!(cache_control(&r), "no-store");
    let r = admin.client.get(format!("{base}/no/such/page")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_security_headers("a missing page", &r);

    // Signed-in pages: never stored, and nothing in them that the CSP would block.
    let b = city.bundles.iter().find(|b| !b.outlets.is_empty()).expect("a demo enterprise with an outlet");
    let id: i64 = sqlx::query_scalar("SELECT id FROM enterprises WHERE credit_code = $1").bind(&b.enterprise.credit_code).fetch_one(&t.db.pool).await.unwrap();
    let outlet = format!("/monitoring/outlets/{}/{}", b.enterprise.credit_code, b.outlets[0].code);
    let grid = login(&base, "grid").await;
    let pages: Vec<(&Session, String)> = vec![
        (&admin, "/".into()),
        (&admin, "/enterprises".into()),
        (&admin, format!("/enterprises/{id}")),
        (&admin, "/monitoring".into()),
        (&admin, outlet),
        (&admin, "/screening".into()),
        (&admin, "/campaigns".into()),
        (&admin, "/plans".into()),
        (&admin, "/account".into()),
        (&grid, "/patrol".into()),
    ];
    for (who, path) in pages {
        let r = who.client.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert_security_headers(&path, &r);
        assert_eq!(cache_control(&r), "no-store", "{path}");
        let html = r.text().await.unwrap();
        assert!(!html.contains(" style="), "{path}: a style attribute, refused by the CSP");
        for (i, _) in html.match_indices("<script") {
            let tag = &html[i..i + html[i..].find('>').unwrap()];
            assert!(tag.contains(" src=\"/static/"), "{path}: an inline script, refused by the CSP: {tag}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_for_bureau_staff_the_administrator_and_the_scraper() {
    let t = TestDb::sqlite().await;
    load_demo_city(&t.db, 8, 16).await;
    let config = lantian::web::WebConfig { rate_limit: 0, metrics_token: Some(TOKEN.into()), ..Default::default() };
    let base = serve(&t.db, config).await;
    let expected = [
        ("admin", 200),
        ("city-industry", 200),
        ("city-environment", 200),
        ("city-development", 200),
        ("county-market", 200),
        ("county-emergency", 200),
        ("township", 403),
        ("grid", 403),
        ("enterprise", 403),
    ];
    let mut got = Vec::new();
    for (who, _) in expected {
        let s = login(&base, who).await;
        let r = s.client.get(format!("{base}/metrics")).send().await.unwrap();
        assert_security_headers("/metrics", &r);
        got.push((who, r.status().as_u16()));
    }
    assert_eq!(got, expected, "who may read the platform-wide counters");
    let scraper = cookie_client();
    assert_eq!(scraper.get(format!("{base}/metrics")).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let r = scraper.get(format!("{base}/metrics")).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("lantian_hj212"));
}
